"""A campaign: one issue's email edition sent to the mailing list, in each reader's language.

`prepare` gathers and checks everything before anything is sent (the list, the built
editions, their covers); `dry_run` writes the messages as files; `send_test` sends each
language to one address; `Dispatcher` sends the campaign through the outbox, at the
publication's rate, retrying what the server deferred, stopping cleanly on Ctrl-C.
"""
from __future__ import annotations

import hashlib
import json
import signal
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import make_msgid
from pathlib import Path

from ...content import load_languages
from ...content.model import Issue, Sending
from ...editions import EditionKind
from ...errors import DispatchError
from ...files import folder_lock, shown_path, write_atomically
from ...pipeline.outputs import MANIFEST
from ...project import Project
from .message import EditionMail, _address_of, compose_message, cover_thumbnail, message_id, sender_domain
from .outbox import Outbox, State, Step
from .recipients import MailingList, Recipient, address_problem, read_mailing_list, read_suppressed
from .smtp import Courier, Outcome, Unreachable, Verdict

RECIPIENTS = "recipients.csv"


@dataclass(frozen=True)
class Campaign:
    issue_id: str
    settings: Sending
    editions: dict[str, EditionMail]        # by language
    mailing: MailingList
    suppressed: frozenset[str]
    folder: Path                            # mailing/<id>/: the outbox, the log, the dry runs

    def message_id(self, recipient: Recipient) -> str:
        return message_id(self.editions[recipient.language].issue, recipient.key, self.settings.sender)

    def message(self, recipient: Recipient, msg_id: str, test: bool = False) -> bytes:
        return compose_message(self.editions[recipient.language], recipient, self.settings, msg_id,
                               test).as_bytes()


def prepare(issue_dir: Path, to: Path | None = None) -> Campaign:
    """Everything a send needs, checked: no message goes until all of it is right."""
    issues = load_languages(issue_dir)
    settings = issues[0].publication.sending
    project = Project.of_issue(issue_dir)
    if settings is None:
        raise DispatchError(f"{shown_path(project.issues / 'publication.yaml')} has no send: settings "
                            "(sender, smtp): see the README, Sending the issue")
    suppressed = read_suppressed(project.root / settings.suppressed)
    mailing = read_mailing_list(to or project.mailing / RECIPIENTS, [i.language for i in issues], suppressed)
    editions = email_editions(issues, project.build / issues[0].id, settings)
    return Campaign(issues[0].id, settings, editions, mailing, suppressed, project.mailing / issues[0].id)


def email_editions(issues: list[Issue], out_dir: Path, settings: Sending) -> dict[str, EditionMail]:
    """Each language's email edition from the last build: present, current, preflighted."""
    try:
        outputs = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))["outputs"]
    except (OSError, ValueError, KeyError):
        raise DispatchError(f"no build of {issues[0].id} in {shown_path(out_dir)}/: run "
                            f"bulletin build {shown_path(issues[0].folder)} first") from None
    editions = {}
    for issue in issues:
        output = next((o for o in outputs if o["edition"] == EditionKind.EMAIL and o["language"] == issue.language),
                      None)
        pdf = out_dir / output["path"] if output else None
        if output is None or pdf is None or not pdf.is_file():
            raise DispatchError(f"the last build has no email edition in {issue.language}: run "
                                f"bulletin build {shown_path(issue.folder)}")
        _check_current(issue, pdf, output.get("preflight"))
        data = pdf.read_bytes()
        link = ""
        if len(data) > settings.attach_limit_mb * 1e6:
            link = _published_at(settings, pdf, len(data))
        cover, height = cover_thumbnail(pdf)
        editions[issue.language] = EditionMail(issue, pdf, hashlib.sha256(data).hexdigest(), len(data),
                                               output["pages"], cover, height, link)
    return editions


def _check_current(issue: Issue, pdf: Path, preflight: str | None) -> None:
    if preflight == "fail":
        raise DispatchError(f"{shown_path(pdf)} failed preflight (see {shown_path(pdf.parent / 'preflight.txt')}): "
                            "fix it and build again before sending")
    newer = [p for p in sorted(issue.folder.glob("issue*.yaml")) if p.stat().st_mtime > pdf.stat().st_mtime]
    if newer:
        raise DispatchError(f"{shown_path(newer[0])} changed after {shown_path(pdf)} was built: run "
                            f"bulletin build {shown_path(issue.folder)}, so readers get what it says")


def _published_at(settings: Sending, pdf: Path, size: int) -> str:
    if not settings.link:
        raise DispatchError(f"{shown_path(pdf)} is {size / 1e6:.1f} MB, over send.attach_limit_mb "
                            f"({settings.attach_limit_mb:g}): publish it on the web and set send.link to its "
                            "address ({file} for the name), or raise the limit")
    return settings.link.replace("{file}", pdf.name)


# ---- Without sending ---------------------------------------------------------------

def dry_run(campaign: Campaign, out_dir: Path) -> list[Path]:
    """Every message as an .eml file, and an HTML preview (with its cover) per language; no connection."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in [*out_dir.glob("*.eml"), *out_dir.glob("preview-*.html")]:
        stale.unlink()
    written = [write_atomically(out_dir / f"{r.email}.eml", campaign.message(r, campaign.message_id(r)))
               for r in campaign.mailing.recipients]
    for language, edition in campaign.editions.items():
        sample = next((r for r in campaign.mailing.recipients if r.language == language),
                      Recipient("reader@example.org", language))
        message = compose_message(edition, sample, campaign.settings, campaign.message_id(sample))
        html = message.get_body(("html",)).get_content()       # type: ignore[union-attr]
        cover = write_atomically(out_dir / f"cover-{language}.jpg", edition.cover)
        cid = f"cid:cover.{campaign.issue_id}.{language}@{sender_domain(campaign.settings.sender)}"
        write_atomically(out_dir / f"preview-{language}.html", html.replace(cid, cover.name))
    return written


def send_test(campaign: Campaign, address: str, courier: Courier) -> list[tuple[str, Outcome]]:
    """Each language's message to `address` alone, marked as a test; the outbox is not touched."""
    problem = address_problem(address)
    if problem:
        raise DispatchError(f"--test: {problem}")
    if address.lower() in campaign.suppressed:
        raise DispatchError(f"--test: {address} is on the suppression list, which is always honoured")
    results = []
    courier.open()
    try:
        for language in campaign.editions:
            msg_id = make_msgid("test", sender_domain(campaign.settings.sender))
            data = campaign.message(Recipient(address, language), msg_id, test=True)
            results.append((language, courier.post(_address_of(campaign.settings.sender), address, data,
                                                   lambda: None)))
    finally:
        courier.close()
    return results


# ---- Sending ---------------------------------------------------------------------

def helo_name(sender: str) -> str:
    """The name the client gives in EHLO: the machine's, when qualified; else the sender's domain."""
    name = socket.gethostname()
    return name if "." in name else sender_domain(sender)


def open_outbox(campaign: Campaign, accept_rebuild: bool = False) -> Outbox:
    """The campaign's outbox, what a stopped run left settled, the list enrolled, the files fixed."""
    outbox = Outbox(campaign.folder)
    outbox.recover()
    _fix_files(campaign, outbox, accept_rebuild)
    outbox.enrol((r.key, r.email, r.language, campaign.message_id(r)) for r in campaign.mailing.recipients)
    return outbox


def one_run_at_a_time(campaign: Campaign):
    """Hold the campaign's folder: a second `bulletin send` of the issue refuses to start."""
    campaign.folder.mkdir(parents=True, exist_ok=True)

    def refuse() -> None:
        raise DispatchError(f"another bulletin send of {campaign.issue_id} is running (it holds "
                            f"{shown_path(campaign.folder)}/): let it finish, or stop it, then run again")
    return folder_lock(campaign.folder, on_wait=refuse)


def _fix_files(campaign: Campaign, outbox: Outbox, accept_rebuild: bool) -> None:
    """The PDFs a campaign began with are the ones it ends with, unless told otherwise."""
    now = {language: {"file": e.pdf.name, "sha256": e.sha256} for language, e in campaign.editions.items()}
    before = outbox.campaign("editions")
    if isinstance(before, dict) and outbox.started() and not accept_rebuild:
        left = {e.language for e in outbox.entries([State.SENT, State.UNKNOWN])}
        for language in sorted(left & set(before) & set(now)):
            if before[language]["sha256"] != now[language]["sha256"]:
                raise DispatchError(_rebuilt(campaign, outbox, language, before[language]["sha256"]))
    outbox.set_campaign("editions", now)
    if outbox.campaign("began") is None:
        outbox.set_campaign("began", time.strftime("%Y-%m-%d %H:%M %Z"))


def _rebuilt(campaign: Campaign, outbox: Outbox, language: str, earlier: str) -> str:
    edition = campaign.editions[language]
    had = sum(1 for e in outbox.entries([State.SENT, State.UNKNOWN]) if e.language == language)
    return (f"{shown_path(edition.pdf)} was rebuilt after this campaign began ({outbox.campaign('began')}): "
            f"{had} reader(s) in {language} have the earlier file (sha256 {earlier[:12]}…), the rest would "
            f"get another ({edition.sha256[:12]}…). Nothing was sent. Build the issue as it was to send "
            "the same file, or run again with --accept-rebuild to send the new file to those not yet sent")


@dataclass
class Tally:
    """What one run has done so far, for the progress bar and the closing lines."""
    to_send: int
    sent: int = 0
    deferred: int = 0
    failed: int = 0
    unknown: int = 0
    stopped: str = ""                       # why the run ended early, if it did
    waiting: float = 0.0                    # seconds to the next retry, while waiting
    held: set[str] = field(default_factory=set)    # deferred now, by key

    @property
    def done(self) -> int:
        return self.sent + self.failed + self.unknown


class Dispatcher:
    """Sends a campaign's due messages through the outbox, one at a time, at the set rate."""

    def __init__(self, campaign: Campaign, outbox: Outbox,
                 on_progress: Callable[[Tally], None] = lambda tally: None, resend_unknown: bool = False):
        self.campaign, self.outbox = campaign, outbox
        self.on_progress, self.resend_unknown = on_progress, resend_unknown
        self.stopping = threading.Event()
        self.recipients = {r.key: r for r in campaign.mailing.recipients}
        self.sender = _address_of(campaign.settings.sender)

    def due(self) -> list[str]:
        """The keys this run sends to, in the list's order."""
        states = [State.PENDING, State.DEFERRED] + [State.UNKNOWN] * self.resend_unknown
        return [e.key for e in self.outbox.entries(states) if e.key in self.recipients]

    def run(self, courier: Courier) -> Tally:
        queue = self.due()
        tally = Tally(len(queue))
        if not queue:
            return tally
        courier.open()                        # a wrong server, login or certificate stops it here
        with _FirstInterrupt(self.stopping):
            try:
                self._rounds(courier, queue, tally, self.campaign.settings)
            finally:
                courier.close()
        if self.stopping.is_set() and not tally.stopped:
            tally.stopped = "Ctrl-C"
        return tally

    def _rounds(self, courier: Courier, queue: list[str], tally: Tally, settings: Sending) -> None:
        """Send the queue; what the server defers goes again after retry_after, up to `retries` times."""
        interval, next_slot = 60.0 / settings.rate_per_minute, time.monotonic()
        for round_ in range(settings.retries + 1):
            deferred = []
            for key in queue:
                if self._wait(next_slot - time.monotonic()):
                    return
                next_slot = max(time.monotonic(), next_slot) + interval
                if self._send(courier, key, tally) is Verdict.DEFERRED:
                    deferred.append(key)
            if not deferred or round_ == settings.retries:
                return
            tally.waiting = settings.retry_after
            self.on_progress(tally)
            if self._wait(settings.retry_after):
                return
            tally.waiting, queue = 0.0, deferred

    def _send(self, courier: Courier, key: str, tally: Tally) -> Verdict:
        recipient = self.recipients[key]
        entry = self.outbox.entry(key)
        assert entry is not None
        data = self.campaign.message(recipient, entry.message_id)
        self.outbox.mark(key, State.SENDING, Step.ENVELOPE)
        try:
            outcome = courier.post(self.sender, recipient.email, data,
                                   lambda: self.outbox.mark(key, State.SENDING, Step.BODY))
        except Unreachable as err:      # it answered at the start of the run: try it again later
            outcome = Outcome(Verdict.DEFERRED, str(err))
        except DispatchError as err:
            self.outbox.mark(key, State.PENDING, reply=str(err))
            raise
        self.outbox.mark(key, State(outcome.verdict), reply=outcome.reply, attempt=True)
        _count(tally, key, outcome.verdict)
        self.on_progress(tally)
        return outcome.verdict

    def _wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`; True if Ctrl-C came (before or during)."""
        return self.stopping.wait(seconds) if seconds > 0 else self.stopping.is_set()


def _count(tally: Tally, key: str, verdict: Verdict) -> None:
    if verdict is Verdict.DEFERRED:
        tally.held.add(key)
    else:
        tally.held.discard(key)
        setattr(tally, verdict.value, getattr(tally, verdict.value) + 1)
    tally.deferred = len(tally.held)


class _FirstInterrupt:
    """While sending: the first Ctrl-C lets the message in flight finish, then stops;
    a second one interrupts at once (the outbox still knows where that message was)."""

    def __init__(self, stopping: threading.Event):
        self.stopping = stopping
        self.installed = False
        self.previous: object = None

    def __enter__(self):
        # Signals reach the main thread only (a test may run a dispatcher in another).
        self.installed = threading.current_thread() is threading.main_thread()
        if self.installed:
            self.previous = signal.signal(signal.SIGINT, self._interrupted)
        return self

    def _interrupted(self, signum, frame) -> None:
        self.stopping.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    def __exit__(self, *exc) -> None:
        if self.installed:
            signal.signal(signal.SIGINT, self.previous)    # type: ignore[arg-type]
