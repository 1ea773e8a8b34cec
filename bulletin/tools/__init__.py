"""The officer's tools around the pipeline: `new` (start the next issue), `watch`
(rebuild on every save), `proof` (page pictures for the editor), `placeholders`
(labelled stand-ins for missing photos); and the issue taken to its readers and its
printer: `send` (the email edition to the mailing list) and `deliver` (the print files
packaged for the print shop; `sftp` uploads them), with `secrets` finding their
servers' passwords."""
