"""The officer's tools around the pipeline: `new` (start the next issue), `watch`
(rebuild on every save), `proof` (page pictures for the editor) and
`placeholders` (labelled stand-ins for missing photos)."""
