"""A real SMTP server on 127.0.0.1 for `bulletin send`'s tests (aiosmtpd), with STARTTLS
or TLS from the first byte, a login, certificates from a throwaway authority (trustme)
and faults on demand: a 451 before accepting, a 550 for some addresses, the connection
dropped after the body, a 421, the client killed after its k-th message.

Every message the server accepts is kept, parsed, in `received`: what the readers'
servers would have got.
"""
from __future__ import annotations

import asyncio
import email
import email.policy
import logging
import os
import signal
import socket
import ssl
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = "milestones", "correct horse battery staple"
logging.getLogger("mail.log").setLevel(logging.ERROR)     # aiosmtpd's own notices


@dataclass
class Faults:
    """What the server does wrong, and to whom (addresses in lower case)."""
    defer_first: set[str] = field(default_factory=set)       # 451 to the first RCPT, then accept
    reject: set[str] = field(default_factory=set)            # 550 to every RCPT
    drop_after_body: set[str] = field(default_factory=set)   # keep the message, close before replying (once)
    busy_at: set[str] = field(default_factory=set)           # 421 at MAIL FROM for this one's first try
    refuse_sender: bool = False                              # 553 to MAIL FROM: not this sender
    kill_after: int = 0                                      # SIGKILL the client after this many messages
    client_pid: int = 0


@dataclass(frozen=True)
class Received:
    sender: str
    recipients: tuple[str, ...]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.data, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


class _Handler:
    def __init__(self, faults: Faults):
        self.faults = faults
        self.received: list[Received] = []
        self.tried: dict[str, int] = {}
        self.connections = 0
        self.lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        return responses

    async def handle_MAIL(self, server, session, envelope, address, options):
        if self.faults.refuse_sender:
            return f"553 5.7.1 <{address}>: Sender address rejected: not owned by user"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        key = address.lower()
        with self.lock:
            self.tried[key] = self.tried.get(key, 0) + 1
            tries = self.tried[key]
        if key in self.faults.busy_at and tries == 1:
            asyncio.get_running_loop().call_later(0.01, server.transport.close)
            return "421 4.7.0 Too busy, closing the connection"
        if key in self.faults.reject:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        if key in self.faults.defer_first and tries == 1:
            return "451 4.3.0 Temporary lookup failure, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content
        with self.lock:
            self.received.append(Received(envelope.mail_from, tuple(envelope.rcpt_tos), data))
            count = len(self.received)
        key = envelope.rcpt_tos[0].lower()
        if key in self.faults.drop_after_body:
            self.faults.drop_after_body.discard(key)
            server.transport.abort()            # the message is here; its reply never leaves
            return "250 never sent"
        if self.faults.kill_after and count == self.faults.kill_after and self.faults.client_pid:
            os.kill(self.faults.client_pid, signal.SIGKILL)
            await asyncio.sleep(0.2)
        return f"250 2.0.0 Ok: queued as Q{count}"


def _authenticate(server, session, envelope, mechanism, auth_data) -> AuthResult:
    good = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == \
        (USER.encode(), PASSWORD.encode())
    return AuthResult(success=good, handled=False)


class MailServer:
    """`with MailServer(folder, security="starttls") as server:` ... `server.received`."""

    def __init__(self, folder: Path, security: str = "starttls", faults: Faults | None = None,
                 starttls: bool = True, names: tuple[str, ...] = ("127.0.0.1", "localhost")):
        self.folder, self.security = folder, security
        self.faults = faults or Faults()
        self.handler = _Handler(self.faults)
        self.port = _free_port()
        self.ca = trustme.CA()
        self.ca_file = folder / "ca.pem"
        self.ca.cert_pem.write_to_path(str(self.ca_file))
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.ca.issue_cert(*names).configure_cert(context)
        # Implicit TLS is TLS too, but aiosmtpd counts only STARTTLS for auth_require_tls.
        options = {"authenticator": _authenticate, "auth_require_tls": security == "starttls",
                   "server_hostname": "mail.test"}
        if security == "tls":
            options["ssl_context"] = context
        elif security == "starttls" and starttls:
            options |= {"tls_context": context, "require_starttls": True}
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **options)

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address.lower() in (a.lower() for a in r.recipients)]

    def __enter__(self) -> MailServer:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
