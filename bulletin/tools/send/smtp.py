"""Handing messages to the mail server: one SMTP connection, encrypted and verified.

STARTTLS (port 587) or TLS from the first byte (465), the server's certificate checked
against the system's authorities (or SSL_CERT_FILE's); a server that offers no STARTTLS
is refused, never spoken to in plain text. Plain text only with `security: none`, which
publication.yaml allows for a loopback address alone.

Each message goes in the steps of the protocol (MAIL, RCPT, DATA, the body, the reply),
so what the server said is known at each: a 4xx defers the message, a 5xx to the
recipient fails that recipient, and a refusal of the login or of the sender stops the
run with advice. The moment the body has gone is reported (`before_body`): from there
on, a lost connection leaves the message's fate unknown.
"""
from __future__ import annotations

import enum
import re
import smtplib
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass

from ...content.model import SmtpServer
from ...errors import DispatchError

TIMEOUT = 60.0                    # seconds for the server to answer any one step
_ENHANCED = re.compile(r"^([245])\.(\d{1,3})\.(\d{1,3})\b")


class Verdict(enum.StrEnum):
    SENT = "sent"
    DEFERRED = "deferred"         # try again later (4xx, a dropped connection before the body)
    FAILED = "failed"             # this recipient will never take it (5xx)
    UNKNOWN = "unknown"           # the body went; no reply came


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    reply: str                    # the server's reply, "250 2.0.0 Ok: queued as 4XyZ"
    reconnect: bool = False       # the connection is gone or closing (421)


class Unreachable(DispatchError):
    """The server could not be reached, or dropped the connection while it was opened."""


class Courier:
    """An SMTP connection to `server`, opened when first needed and after a drop."""

    def __init__(self, server: SmtpServer, password: str | None, helo: str, timeout: float = TIMEOUT):
        self.server, self.password, self.helo, self.timeout = server, password, helo, timeout
        self.smtp: smtplib.SMTP | None = None

    @property
    def described(self) -> str:
        return described(self.server)

    def open(self) -> None:
        """Connect, encrypt, log in; DispatchError with advice on any refusal."""
        self.close()
        try:
            self.smtp = self._connect()
            self._secure_and_login(self.smtp)
        except DispatchError:
            self.close()
            raise
        except smtplib.SMTPAuthenticationError as err:
            self.close()
            raise DispatchError(f"{self.described}: the server refused the login "
                                f"({_said(err.smtp_code, err.smtp_error)}): check send.smtp.user and "
                                f"the password it finds ({_secret_source(self.server)})") from None
        except smtplib.SMTPNotSupportedError:
            self.close()
            raise DispatchError(f"{self.described}: the server offers no login (AUTH) here: check send.smtp's "
                                "port and security, or remove send.smtp.user if it needs no login") from None
        except ssl.SSLCertVerificationError as err:
            self.close()
            raise DispatchError(
                f"{self.described}: the server's certificate is not trusted ({err.verify_message}); "
                "nothing is sent to a server that cannot prove its name. Check send.smtp.host (the "
                "name on the certificate); an organisation's own authority goes in SSL_CERT_FILE") from None
        except (OSError, smtplib.SMTPException) as err:
            self.close()
            raise Unreachable(f"{self.described}: could not connect ({_describe(err)})") from None

    def _connect(self) -> smtplib.SMTP:
        server = self.server
        if server.security == "tls":
            return smtplib.SMTP_SSL(server.host, server.port, local_hostname=self.helo, timeout=self.timeout,
                                    context=ssl.create_default_context())
        return smtplib.SMTP(server.host, server.port, local_hostname=self.helo, timeout=self.timeout)

    def _secure_and_login(self, smtp: smtplib.SMTP) -> None:
        smtp.ehlo()
        if self.server.security == "starttls":
            if not smtp.has_extn("starttls"):
                raise DispatchError(f"{self.described}: the server does not offer STARTTLS, and nothing is "
                                    "sent in plain text: ask for its TLS port (security: tls, port: 465)")
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if self.server.user:
            if self.password is None:
                raise DispatchError(f"send.smtp.user is {self.server.user}, but no password is set: "
                                    "add password_env or password_command beside it")
            smtp.login(self.server.user, self.password)

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                self.smtp.close()
            self.smtp = None

    def post(self, sender: str, recipient: str, data: bytes, before_body: Callable[[], None]) -> Outcome:
        """Hand one message for one recipient to the server; DispatchError when the run must stop."""
        if self.smtp is None:
            self.open()
        smtp = self.smtp
        assert smtp is not None
        try:
            steps = (("mail", lambda: smtp.mail(sender)), ("rcpt", lambda: smtp.rcpt(recipient)),
                     ("data", lambda: smtp.docmd("DATA")))
            for stage, step in steps:
                code, said = step()
                if code not in (250, 251, 354):
                    return self._refused(stage, code, said, recipient)
            before_body()
            smtp.send(_dot_stuffed(data))
        except (OSError, smtplib.SMTPException) as err:
            self._drop()            # the body had not all gone: nothing can have been accepted
            return Outcome(Verdict.DEFERRED, f"connection lost before the message went ({_describe(err)})", True)
        try:
            code, said = smtp.getreply()
        except (OSError, smtplib.SMTPException) as err:
            self._drop()
            return Outcome(Verdict.UNKNOWN, f"no reply after the message went ({_describe(err)})", True)
        if code == 250:
            return Outcome(Verdict.SENT, _said(code, said))
        return self._refused("body", code, said, recipient)

    def _refused(self, stage: str, code: int, said: bytes, recipient: str) -> Outcome:
        """What a refusal at `stage` means for the message, the recipient and the run."""
        reply = _said(code, said)
        if code == 421 or code < 0:                   # the server is closing the connection
            self._drop()
            return Outcome(Verdict.DEFERRED, reply, True)
        self._reset()
        if 400 <= code < 500:
            return Outcome(Verdict.DEFERRED, reply)
        stop = refusal_advice(stage, code, reply)
        if stop:
            self.close()
            raise DispatchError(f"{self.described} refused ({reply}): {stop}")
        return Outcome(Verdict.FAILED, reply)

    def _reset(self) -> None:
        try:
            if self.smtp is not None:
                self.smtp.rset()
        except (OSError, smtplib.SMTPException):
            self._drop()

    def _drop(self) -> None:
        if self.smtp is not None:
            self.smtp.close()
            self.smtp = None


def described(server: SmtpServer) -> str:
    """`smtp.example.org:587 (STARTTLS, as milestones)`, for messages."""
    way = {"starttls": "STARTTLS", "tls": "TLS", "none": "plain text, loopback"}[server.security]
    login = f", as {server.user}" if server.user else ""
    return f"{server.host}:{server.port} ({way}{login})"


def refusal_advice(stage: str, code: int, reply: str) -> str | None:
    """Why a 5xx stops the whole run, and what to do; None when it concerns one recipient."""
    enhanced = _ENHANCED.match(reply.split(" ", 1)[-1])
    detail = enhanced.group(0) if enhanced else ""
    if code in (530, 534, 535, 538) or detail in ("5.7.0", "5.7.8", "5.7.9", "5.7.11"):
        return ("the server wants a login it did not get or refused: check send.smtp.user and its "
                "password; nothing more was sent")
    if stage == "mail":
        return ("the server refuses the sender (send.sender): it may accept only the address of the "
                "login, or the sender's domain is not allowed there; nothing more was sent")
    if "relay" in reply.lower():
        return ("the server will not pass messages on for this connection: set send.smtp.user and a "
                "password; nothing more was sent")
    if stage == "body" and (code == 552 or detail == "5.3.4"):
        return ("the server refuses messages this large: lower send.attach_limit_mb below the PDF's size "
                "so the PDF is linked (send.link), or ask for a higher limit; nothing more was sent")
    return None


def _dot_stuffed(data: bytes) -> bytes:
    """The body as DATA carries it: CRLF lines, a leading dot doubled, ended by a lone dot."""
    data = re.sub(rb"(?:\r\n|\n|\r(?!\n))", b"\r\n", data)
    data = re.sub(rb"(?m)^\.", b"..", data)
    return data + (b"" if data.endswith(b"\r\n") else b"\r\n") + b".\r\n"


def _said(code: int, said: bytes | str) -> str:
    text = said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said)
    return f"{code} {' '.join(text.split())}"


def _describe(err: BaseException) -> str:
    if isinstance(err, socket.timeout | TimeoutError):
        return "no answer in time"
    return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__


def _secret_source(server: SmtpServer) -> str:
    if server.password_env:
        return f"in ${server.password_env}"
    return f"printed by `{server.password_command}`" if server.password_command else "none set"
