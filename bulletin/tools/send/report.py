"""What `bulletin send` says: the summary before sending, the progress bar while
sending (on a terminal only), what the run did, and the outbox's status."""
from __future__ import annotations

import sys
from typing import TextIO

from ...files import shown_path, shown_size
from ...progress import paint
from .campaign import Campaign, Tally
from .outbox import Outbox, State

BAR = 24                          # characters of the progress bar


def summary(campaign: Campaign, outbox: Outbox | None, due: list[str], server: str) -> str:
    """Who gets what, from which server, and how long it takes: shown before asking."""
    issue = next(iter(campaign.editions.values())).issue
    languages = {r.key: r.language for r in campaign.mailing.recipients}
    per_language = _per_language(languages[key] for key in due)
    counts = outbox.counts() if outbox else {}
    unknown = [e for e in outbox.entries([State.UNKNOWN]) if e.key not in due] if outbox else []
    notes = [f"{len(campaign.mailing.suppressed)} suppressed" if campaign.mailing.suppressed else "",
             f"{counts.get(State.SENT, 0)} already sent" if counts.get(State.SENT) else "",
             f"{counts.get(State.FAILED, 0)} failed before" if counts.get(State.FAILED) else "",
             f"{len(unknown)} unknown, not sent again without --resend-unknown" if unknown else ""]
    minutes = len(due) / campaign.settings.rate_per_minute
    lines = [
        f"{issue.publication.name} {issue.id}: issue {issue.number}, {issue.period}",
        f"  {'recipients':<11} {len(due)} to send{': ' + per_language if per_language else ''}"
        + "".join(f"; {n}" for n in notes if n),
        *(f"  {'edition ' + language:<11} {shown_path(e.pdf)}, {shown_size(e.size)}, "
          + (f"linked: {e.link}" if e.link else "attached") for language, e in campaign.editions.items()),
        f"  {'server':<11} {server}, {campaign.settings.rate_per_minute} a minute"
        + (f": {_duration(minutes)}" if due else ""),
        f"  {'from':<11} {campaign.settings.sender}",
    ]
    return "\n".join(lines)


def status(outbox: Outbox) -> str:
    """`--status`: the campaign's count per state, and each reader not (or not surely) sent."""
    counts = outbox.counts()
    lines = [f"outbox {shown_path(outbox.path)}, campaign began {outbox.campaign('began') or 'not yet'}",
             "  " + " · ".join(f"{state} {count}" for state, count in counts.items())]
    for entry in outbox.entries([State.FAILED, State.DEFERRED, State.UNKNOWN, State.SENDING]):
        lines.append(f"  {entry.state:<9} {entry.email:<32} [{entry.language}] {entry.reply}")
    return "\n".join(lines)


def outcome(tally: Tally, outbox: Outbox, listed: set[str], command: str) -> tuple[str, int]:
    """What the run did and what to do next; the exit status (0: nothing is left to do)."""
    lines = [f"{_label('sent', 'green')} {tally.sent} of {tally.to_send}"]
    on_list = lambda *states: [e for e in outbox.entries(states) if e.key in listed]
    for state, colour in ((State.FAILED, "red"), (State.DEFERRED, "yellow"), (State.UNKNOWN, "yellow")):
        lines += [f"{_label(state, colour)} {e.email}: {e.reply}" for e in on_list(state)]
    left, unknown = len(on_list(State.PENDING, State.DEFERRED)), on_list(State.UNKNOWN)
    if tally.stopped:
        lines.append(f"stopped by {tally.stopped}: the outbox keeps the place; `{command}` continues")
    elif left:
        lines.append(f"{left} not sent yet: run `{command}` again later; it continues where this run stopped")
    if unknown:
        lines.append(f"{len(unknown)} unknown: the server may have them; `{command} --resend-unknown` sends "
                     "them again, with the same Message-ID")
    return "\n".join(lines), 130 if tally.stopped == "Ctrl-C" else int(bool(left or unknown))


class ProgressBar:
    """`sending [#####---] 12/40  sent 11 · deferred 1` on one line of a terminal; silent elsewhere."""

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.shown = hasattr(self.stream, "isatty") and self.stream.isatty()

    def __call__(self, tally: Tally) -> None:
        if not self.shown:
            return
        done = tally.done
        filled = BAR * done // max(tally.to_send, 1)
        line = (f"sending [{'#' * filled}{'-' * (BAR - filled)}] {done}/{tally.to_send}  sent {tally.sent}"
                f" · deferred {tally.deferred} · failed {tally.failed} · unknown {tally.unknown}")
        if tally.waiting:
            line += f"  (trying the deferred again in {tally.waiting:g} s)"
        self.stream.write(f"\r\033[K{line}")
        self.stream.flush()

    def end(self) -> None:
        if self.shown:
            self.stream.write("\n")


def _duration(minutes: float) -> str:
    if minutes < 1:
        return "under a minute"
    return f"about {round(minutes)} minute{'s' * (round(minutes) > 1)}"


def _label(word: str, colour: str) -> str:
    return paint(f"{word:<9}", colour)


def _per_language(languages) -> str:
    counts: dict[str, int] = {}
    for language in languages:
        counts[language] = counts.get(language, 0) + 1
    return ", ".join(f"{language} {count}" for language, count in counts.items())
