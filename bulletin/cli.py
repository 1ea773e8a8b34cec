"""The `bulletin` command: a thin layer over the pipeline in `build`."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .errors import BulletinError, ContentError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bulletin", description="Typeset a newsletter issue into email and print PDFs.")
    parser.add_argument("-v", "--verbose", action="store_true", help="report each stage as it runs")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="typeset an issue into its email and print PDFs",
                                description="Typeset ISSUE_DIR into build/<id>/ (or --out).")
    build.add_argument("issue_dir", type=Path, metavar="ISSUE_DIR", help="e.g. issues/2017-04")
    build.add_argument("--out", type=Path, metavar="DIR", help="where the PDFs go (default build/<id>/)")
    build.add_argument("--lang", action="append", metavar="LANG",
                       help="build only this language (repeatable; default: every language of the issue)")

    check = commands.add_parser("check", help="validate an issue without rendering it",
                                description="Report every content error of ISSUE_DIR.")
    check.add_argument("issue_dir", type=Path, metavar="ISSUE_DIR")
    check.add_argument("--lang", action="append", metavar="LANG", help="check only this language")

    placeholders = commands.add_parser(
        "placeholders", help="generate labelled placeholder photos for missing images",
        description="Write a placeholder JPEG for every figure of ISSUE_DIR whose image is missing.")
    placeholders.add_argument("issue_dir", type=Path, metavar="ISSUE_DIR")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(name)s: %(message)s")
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    try:
        return _run(args)
    except ContentError as err:
        print(err, file=sys.stderr)
        print(f"{len(err.problems)} problem(s) found; nothing was written.", file=sys.stderr)
        return 1
    except BulletinError as err:
        print(f"bulletin: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bulletin: interrupted; the previous outputs are untouched.", file=sys.stderr)
        return 130
    except Exception as err:  # a bug, not the user's mistake: say so, keep it short
        if args.verbose:
            raise
        print(f"bulletin: internal error: {type(err).__name__}: {err} "
              "(run with -v for the traceback; the previous outputs are untouched)", file=sys.stderr)
        return 2


def _run(args) -> int:
    if args.command == "check":
        from .build import check
        for issue in check(args.issue_dir, args.lang):
            print(f"{args.issue_dir} [{issue.language}]: {len(issue.stories)} stories, no problems found.")
    elif args.command == "build":
        from .build import build
        result = build(args.issue_dir, args.out, args.lang)
        for edition in result.editions:
            print(f"{edition.kind:6} {edition.path}  {edition.pages} pages, "
                  f"{edition.bytes / 1e6:.1f} MB")
    elif args.command == "placeholders":
        from .placeholders import fill_missing_placeholders
        for path in fill_missing_placeholders(args.issue_dir):
            print(f"placeholder {path}")
    return 0
