"""The `bulletin` command: a thin layer over the pipeline and the tools."""
from __future__ import annotations

import argparse
import gc
import logging
import sys
import time
from pathlib import Path

from . import pipeline, progress
from .editions import EDITIONS
from .errors import BulletinError, ContentError
from .files import shown_path
from .tools.proof import proof
from .tools.watch import Watcher


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bulletin", description="Typeset a newsletter issue into email and print PDFs.")
    _verbosity(parser, default=False)
    # -v and -q also after the command; SUPPRESS keeps a subcommand from resetting them.
    shared = argparse.ArgumentParser(add_help=False)
    _verbosity(shared, default=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add = lambda name, **kw: commands.add_parser(name, parents=[shared], **kw)

    build = add("build", help="typeset an issue into its email and print PDFs",
                                description="Typeset ISSUE_DIR into build/<id>/ (or --out).")
    build.add_argument("issue_dir", type=Path, metavar="ISSUE_DIR", help="e.g. issues/2017-04")
    build.add_argument("--out", type=Path, metavar="DIR", help="where the PDFs go (default build/<id>/)")
    build.add_argument("--lang", action="append", metavar="LANG",
                       help="build only this language (repeatable; default: every language of the issue)")
    build.add_argument("--keep-html", action="store_true",
                       help="also write each edition's final HTML, styles inlined, to build/<id>/html/")

    check = add("check", help="validate an issue without rendering it",
                                description="Report every content error of ISSUE_DIR.")
    check.add_argument("issue_dir", type=Path, metavar="ISSUE_DIR")
    check.add_argument("--lang", action="append", metavar="LANG", help="check only this language")
    check.add_argument("--preflight", action="store_true",
                       help="preflight the PDFs of the last build instead (exit 1 on a fail)")

    placeholders = add(
        "placeholders", help="generate labelled placeholder photos for missing images",
        description="Write a placeholder JPEG for every figure of ISSUE_DIR whose image is missing.")
    placeholders.add_argument("issue_dir", type=Path, metavar="ISSUE_DIR")

    new = add("new", help="start the next issue from the latest one",
              description="Write issues/<ID>/issue.yaml in the project of the current folder: "
                          "the latest issue's stories with their words to come (TK), number, "
                          "date and period advanced, placeholder photos, examples of every block.")
    new.add_argument("issue_id", nargs="?", metavar="ID",
                     help="the new issue's id (default: the period after the latest issue's)")

    proof = add("proof", help="PNG pages and a contact sheet of the print edition, for the editor",
                description="Build ISSUE_DIR, then write PNG proofs of every page of the print "
                            "edition and a contact sheet of its spreads into build/<id>/proof/.")
    proof.add_argument("issue_dir", type=Path, metavar="ISSUE_DIR")
    proof.add_argument("--out", type=Path, metavar="DIR", help="the build folder (default build/<id>/)")
    proof.add_argument("--lang", action="append", metavar="LANG", help="proof only this language")
    proof.add_argument("--dpi", type=int, default=100, help="resolution of the page proofs (default 100)")

    watch = add("watch", help="rebuild the email edition on every save",
                description="Build the email edition of ISSUE_DIR, then again whenever its content, "
                            "photos, styles, fonts or templates change; Ctrl-C stops.")
    watch.add_argument("issue_dir", type=Path, metavar="ISSUE_DIR")
    watch.add_argument("--out", type=Path, metavar="DIR", help="where the PDF goes (default build/<id>/)")
    watch.add_argument("--lang", action="append", metavar="LANG", help="build only this language")
    watch.add_argument("--max-rebuilds", type=int, metavar="N", help="stop after N rebuilds")
    watch.add_argument("--timeout", type=float, metavar="S", help="stop after S seconds")

    send = add("send", help="email the email edition to every reader, in their language",
               description="Send each recipient of the list the message of their language, the email "
                           "edition attached, through the mail server of publication.yaml's send:; "
                           "an outbox in mailing/<id>/ makes a rerun continue and never send twice.")
    send.add_argument("issue_dir", type=Path, metavar="ISSUE_DIR")
    send.add_argument("--to", type=Path, metavar="FILE", help="the recipients, a CSV (default mailing/recipients.csv)")
    send.add_argument("--yes", action="store_true", help="send without asking (needed without a terminal)")
    send.add_argument("--dry-run", action="store_true",
                      help="write every message as an .eml file and an HTML preview per language; "
                           "connect to nothing")
    send.add_argument("--out", type=Path, metavar="DIR", help="where --dry-run writes (default mailing/<id>/dry-run/)")
    send.add_argument("--test", metavar="ADDRESS", help="send each language's message to ADDRESS alone")
    send.add_argument("--status", action="store_true", help="show the outbox: who was sent what, who was not")
    send.add_argument("--resend-unknown", action="store_true",
                      help="send again the messages whose server reply never came (same Message-ID)")
    send.add_argument("--accept-rebuild", action="store_true",
                      help="after the PDFs were rebuilt mid-campaign: send the new ones to those not yet sent")

    deliver = add("deliver", help="package the print hand-off for the print shop (and upload it)",
                  description="Zip the print PDFs, the job ticket, the preflight report, the contact sheet "
                              "and SHA256SUMS, with a covering note; the version rises when a PDF changes.")
    deliver.add_argument("issue_dir", type=Path, metavar="ISSUE_DIR")
    deliver.add_argument("--out", type=Path, metavar="DIR", help="where the zip goes (default build/<id>/deliver/)")
    deliver.add_argument("--sftp", action="store_true",
                         help="upload it to the print shop's server (deliver.sftp in publication.yaml)")
    return parser


def _verbosity(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument("-v", "--verbose", action="store_true", default=default,
                        help="time each stage; tracebacks for internal errors")
    parser.add_argument("-q", "--quiet", action="store_true", default=default,
                        help="print nothing but errors")


def run() -> None:
    """The `bulletin` command: main(), then exit.

    The objects a build leaves (WeasyPrint's, matplotlib's, fontTools') are
    frozen first, so the interpreter's last garbage collection skips them
    instead of tracing a heap about to be freed anyway (benchmarks/README.md).
    The exit itself is the normal one; every exit handler runs.
    """
    status = main()
    gc.freeze()
    sys.exit(status)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(name)s: %(message)s")
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    logging.getLogger("pikepdf").setLevel(logging.WARNING)     # not its start-up notice, per worker
    # Libraries' warnings (Pillow's on a photo's broken EXIF) are for -v, not the officer.
    logging.captureWarnings(True)
    logging.getLogger("py.warnings").setLevel(logging.WARNING if args.verbose else logging.ERROR)
    progress.configure(progress.VERBOSE if args.verbose else
                       progress.QUIET if args.quiet else progress.NORMAL)
    try:
        return _run(args)
    except ContentError as err:
        print(progress.problem_lines(err), file=sys.stderr)
        print(progress.paint(f"{len(err.problems)} problem(s) found; {err.consequence}.", "red",
                             sys.stderr), file=sys.stderr)
        return 1
    except BulletinError as err:
        print(f"{progress.paint('bulletin: error:', 'red', sys.stderr)} {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"bulletin: interrupted; {_outputs_now(args)}.", file=sys.stderr)
        return 130
    except Exception as err:  # a bug, not the user's mistake: say so, keep it short
        if args.verbose:
            raise
        print(f"bulletin: internal error: {type(err).__name__}: {err} "
              f"(run with -v for the traceback; {_outputs_now(args)})", file=sys.stderr)
        return 2


def _outputs_now(args) -> str:
    """What a stop left of the outputs: a build replaces them all at its very end, so
    they are the previous ones unless this command's build had finished."""
    written = getattr(args, "written", None)
    if written is None:
        return "the previous outputs are untouched"
    return f"the new outputs are in place in {shown_path(written)}/"


def _run(args) -> int:
    say = (lambda *a, **k: None) if args.quiet else print
    return COMMANDS[args.command](args, say)


def _check(args, say) -> int:
    if args.preflight:
        return _preflight(args)
    started = time.perf_counter()
    issues = pipeline.check(args.issue_dir, args.lang)
    notices = pipeline.readiness(issues)
    if notices and not args.quiet:
        print(progress.notice_lines(notices), file=sys.stderr)
    for issue in issues:
        say(f"{args.issue_dir} [{issue.language}]: {len(issue.stories)} stories, no problems found.")
    if notices:
        say(progress.paint(f"{len(notices)} warning{'s' * (len(notices) != 1)}: "
                           f"{progress.readiness_summary(notices)}.", "yellow"))
    if args.verbose:
        say(f"checked in {time.perf_counter() - started:.2f} s")
    return 0


def _build(args, say) -> int:
    result = pipeline.build(args.issue_dir, args.out, args.lang, keep_html=args.keep_html)
    args.written = result.out_dir
    say(progress.build_summary(result))
    report = result.preflight
    assert report is not None, "a build of every edition is preflighted"
    if not args.quiet:
        _preflight_summary(report, result.out_dir)
    if result.languages_left:
        say(progress.languages_left_note(result))
    if report.failed:
        print(f"bulletin: error: {report.failure(result.out_dir)}", file=sys.stderr)
        return 1
    return 0


def _placeholders(args, say) -> int:
    # Imported for the commands that draw placeholders: numpy would slow every other start.
    from .tools.placeholders import fill_missing_placeholders
    for path in fill_missing_placeholders(args.issue_dir):
        say(f"placeholder {path}")
    return 0


def _new(args, say) -> int:
    from .tools.new import new_issue  # draws placeholder photos: numpy (see _placeholders)
    made = new_issue(Path("issues"), args.issue_id)
    say(f"new issue {shown_path(made.folder / 'issue.yaml')}: issue {made.number}, "
        f"{made.period}, {made.stories} stories to write, {len(made.photos)} placeholder photos")
    say(f"next: write the stories, with `make watch ISSUE={made.folder.name}` showing the "
        "email edition as you save")
    return 0


def _watch(args, say) -> int:
    return Watcher(args.issue_dir, args.out, args.lang, quiet=args.quiet).run(
        args.max_rebuilds, args.timeout)


def _proof(args, say) -> int:
    """Build, then proof every language's print edition; a preflight fail does not stop it."""
    result = pipeline.build(args.issue_dir, args.out, args.lang)
    args.written = result.out_dir
    say(progress.build_summary(result))
    issue = result.issue
    for edition in (e for e in result.editions if EDITIONS[e.kind].press):
        with progress.stage("proof", edition.path.name) as proofing:
            title = (f"{issue.publication.name} {issue.id} [{edition.language}], "
                     f"issue {issue.number}, {issue.period}")
            made = proof(edition.path, result.out_dir / "proof", args.dpi, title)
            proofing.result = progress.counted(len(made.pages), "page")
        say(f"{'proof':<9} {shown_path(made.pages[0].parent)}/: {len(made.pages)} page PNGs")
        say(f"{'sheet':<9} {shown_path(made.contact_sheet)}")
    if result.preflight is not None and result.preflight.failed:
        print(f"{progress.paint('bulletin: warning:', 'yellow', sys.stderr)} "
              f"{result.preflight.failure(result.out_dir)}", file=sys.stderr)
    return 0


def _preflight(args) -> int:
    """`check --preflight`: the last build's report, exit 1 when anything fails."""
    report = pipeline.check_preflight(args.issue_dir)
    print(report.text(), end="")
    return 1 if report.failed else 0


def _send(args, say) -> int:
    from .tools.send.command import send  # the mail modules and the inliner: loaded for `send` only
    return send(args, say)


def _deliver(args, say) -> int:
    from .tools.deliver import deliver  # zip and SSH modules: loaded for `deliver` only
    package = deliver(args.issue_dir, args.out)
    say(package.summary())
    if args.sftp:
        from .tools.sftp import upload  # asyncssh: loaded for an upload only
        say(upload(package))
    return 0


COMMANDS = {"build": _build, "check": _check, "placeholders": _placeholders, "new": _new,
            "proof": _proof, "watch": _watch, "send": _send, "deliver": _deliver}


def _preflight_summary(report, out_dir: Path) -> None:
    """After a build: the preflight verdict and its warnings (fails end the build as errors)."""
    print(f"preflight {report.status}: {report.count('fail')} fail, {report.count('warn')} warn, "
          f"report in {out_dir / 'preflight.txt'}")
    for line in report.lines("warn"):
        print(f"  {line}")
