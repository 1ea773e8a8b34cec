"""`bulletin send`'s steps, as the command line runs them: prepare, then a dry run,
a test, the outbox's status, or the campaign itself after a summary and a yes."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ...errors import BulletinError, DispatchError
from ...files import shown_path
from ...project import Project
from ..secrets import login_password
from . import report
from .campaign import Campaign, Dispatcher, dry_run, helo_name, one_run_at_a_time, open_outbox, prepare, send_test
from .outbox import OUTBOX, Outbox, State
from .smtp import Courier, Verdict, described

Say = Callable[..., None]


def send(args: argparse.Namespace, say: Say) -> int:
    if args.status:
        return _status(args.issue_dir, say)
    if args.out and not args.dry_run:
        raise BulletinError("--out is where --dry-run writes: add --dry-run, or leave --out out")
    campaign = prepare(args.issue_dir, args.to)
    if args.dry_run:
        return _dry_run(campaign, args.out or campaign.folder / "dry-run", say)
    courier = _courier(campaign)
    if args.test:
        return _test(campaign, args.test, courier, say)
    command = f"bulletin send {shown_path(args.issue_dir)}" + (f" --to {shown_path(args.to)}" if args.to else "")
    try:
        with one_run_at_a_time(campaign):
            return _campaign(campaign, courier, args, command, say)
    except KeyboardInterrupt:
        print(f"bulletin: interrupted; the outbox knows where each message was: `{command}` continues "
              "(--status shows it)", file=sys.stderr)
        return 130


def _campaign(campaign: Campaign, courier: Courier, args: argparse.Namespace, command: str, say: Say) -> int:
    outbox = open_outbox(campaign, args.accept_rebuild)
    try:
        bar = report.ProgressBar() if not args.quiet else None
        dispatcher = Dispatcher(campaign, outbox, bar or (lambda tally: None), args.resend_unknown)
        due = dispatcher.due()
        say(report.summary(campaign, outbox, due, courier.described))
        if not due:
            unknown = [e for e in outbox.entries([State.UNKNOWN]) if e.key in dispatcher.recipients]
            say(f"nothing to send: {len(unknown)} unknown wait for --resend-unknown (--status lists them)"
                if unknown else "nothing to send: every reader on the list has been sent the issue "
                                "(--status lists them)")
            return 1 if unknown else 0
        if not _confirmed(args.yes, len(due)):
            say("nothing was sent")
            return 1
        tally = dispatcher.run(courier)
        if bar:
            bar.end()
        text, status = report.outcome(tally, outbox, {r.key for r in campaign.mailing.recipients}, command)
        say(text)
        return status
    finally:
        outbox.close()


def _confirmed(yes: bool, count: int) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise DispatchError(f"{count} messages to send and no terminal to ask on: add --yes to send "
                            "without asking (--dry-run shows them first)")
    return input(f"Send {count} message{'s' * (count != 1)}? [y/N] ").strip().lower() in ("y", "yes")


def _courier(campaign: Campaign) -> Courier:
    server = campaign.settings.smtp
    password = login_password("send.smtp", server.password_env, server.password_command)
    return Courier(server, password, helo_name(campaign.settings.sender))


def _dry_run(campaign: Campaign, out: Path, say: Say) -> int:
    written = dry_run(campaign, out)
    server = f"{described(campaign.settings.smtp)}, not connected (dry run)"
    say(report.summary(campaign, None, [r.key for r in campaign.mailing.recipients], server))
    say(f"dry run   {len(written)} message{'s' * (len(written) != 1)} written to {shown_path(out)}/, "
        "no connection opened")
    for language in campaign.editions:
        say(f"preview   {shown_path(out / f'preview-{language}.html')}")
    return 0


def _test(campaign: Campaign, address: str, courier: Courier, say: Say) -> int:
    results = send_test(campaign, address, courier)
    for language, outcome in results:
        say(f"test      [{language}] to {address}: {outcome.verdict}: {outcome.reply}")
    return 0 if all(outcome.verdict is Verdict.SENT for _, outcome in results) else 1


def _status(issue_dir: Path, say: Say) -> int:
    folder = Project.of_issue(issue_dir).mailing / issue_dir.resolve().name
    if not (folder / OUTBOX).is_file():
        say(f"no campaign of {issue_dir.resolve().name} yet: nothing has been sent")
        return 0
    outbox = Outbox(folder)
    try:
        say(report.status(outbox))
        return 1 if outbox.entries([State.DEFERRED, State.UNKNOWN, State.SENDING]) else 0
    finally:
        outbox.close()
