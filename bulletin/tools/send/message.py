"""The message each reader gets, in their language: HTML and plain text from the
templates, the front page as an embedded thumbnail, the email edition attached
(or linked when it is too large to attach).

The HTML follows what mail programs render alike: one 600-pixel column of nested
tables, every style inlined into its element (css_inline, which fetches nothing:
`load_remote_stylesheets=False`), the dark-mode rules kept in a <style> block,
`lang` on the document. Gmail cuts an HTML part off after about 100 KB; ours is
refused above HTML_LIMIT.
"""
from __future__ import annotations

import functools
import hashlib
import subprocess
import textwrap
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate
from pathlib import Path
from urllib.parse import quote

import css_inline
import jinja2
from markupsafe import Markup, escape

from ...compose import markup
from ...content.model import Issue, Sending
from ...content.wording import wording
from ...errors import BuildError, SetupError
from .recipients import Recipient

TEMPLATES = Path(__file__).parent / "templates"
HTML_LIMIT = 90_000               # bytes of the HTML part
COVER_WIDTH = 200                 # pixels the front page is shown at; rendered at twice that
TEXT_WIDTH = 72                   # the plain-text part's lines


@dataclass(frozen=True)
class EditionMail:
    """What every message of one language shares: the issue, its email edition, its cover."""
    issue: Issue                  # in this language
    pdf: Path
    sha256: str
    size: int                     # bytes
    pages: int
    cover: bytes                  # JPEG of page 1, COVER_WIDTH * 2 pixels wide
    cover_height: int             # as shown, in pixels
    link: str = ""                # where the PDF is published, when too large to attach

    @property
    def language(self) -> str:
        return self.issue.language


def cover_thumbnail(pdf: Path) -> tuple[bytes, int]:
    """Page 1 of `pdf` as a JPEG twice COVER_WIDTH wide (sharp on high-density screens),
    and its height as shown."""
    try:
        result = subprocess.run(
            ["pdftoppm", "-f", "1", "-l", "1", "-singlefile", "-scale-to-x", str(COVER_WIDTH * 2),
             "-scale-to-y", "-1", "-jpeg", "-jpegopt", "quality=80,optimize=y", str(pdf)],
            capture_output=True, timeout=120)
    except FileNotFoundError:
        raise SetupError("pdftoppm is not installed: apt-get install poppler-utils") from None
    if result.returncode or not result.stdout.startswith(b"\xff\xd8"):
        raise BuildError(f"pdftoppm could not render page 1 of {pdf}: {result.stderr.decode().strip()}")
    return result.stdout, round(COVER_WIDTH * _jpeg_height(result.stdout) / (COVER_WIDTH * 2))


def _jpeg_height(data: bytes) -> int:
    """The height in a JPEG's start-of-frame segment."""
    at = 2
    while at < len(data):
        marker, length = data[at + 1], int.from_bytes(data[at + 2:at + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2):
            return int.from_bytes(data[at + 5:at + 7], "big")
        at += 2 + length
    raise BuildError("pdftoppm wrote a JPEG without a frame")


def message_id(issue: Issue, recipient_key: str, sender: str) -> str:
    """The same for one reader and one issue on every run: a resend is recognised as one."""
    digest = hashlib.sha256(f"{issue.publication.slug}\0{issue.id}\0{recipient_key}".encode()).hexdigest()
    return f"<{digest[:32]}.{issue.id}@{sender_domain(sender)}>"


def sender_domain(sender: str) -> str:
    return Address(addr_spec=_address_of(sender)).domain


def _address_of(mailbox: str) -> str:
    """The address of "Name <address>" or of a bare address."""
    return mailbox.rsplit("<", 1)[-1].rstrip(">").strip()


def compose_message(edition: EditionMail, recipient: Recipient, settings: Sending, msg_id: str,
                    test: bool = False) -> EmailMessage:
    """The whole message for one recipient, headers and parts."""
    words = _Words(edition, recipient, settings)
    context = words.context()
    html = render_html(context)
    message = EmailMessage(policy=SMTP)
    _headers(message, edition, recipient, settings, msg_id, f"{words.say('test')} " * test + context["subject"])
    message.set_content(_environment().get_template("message.txt.j2").render(**words.plain(context)))
    message.add_alternative(html, subtype="html")
    html_part = message.get_body(("html",))
    assert isinstance(html_part, EmailMessage)
    html_part.add_related(edition.cover, "image", "jpeg", cid=f"<{context['cover']['cid']}>",
                          filename=f"{edition.pdf.stem}-cover.jpg", disposition="inline")
    if not edition.link:
        message.add_attachment(edition.pdf.read_bytes(), "application", "pdf", filename=edition.pdf.name)
    # Last: setting the content clears Content-* headers, and making it mixed moves them to a part.
    message["Content-Language"] = edition.language
    return message


def render_html(context: dict) -> str:
    inlined = inline_styles(_environment().get_template("message.html.j2").render(**context))
    size = len(inlined.encode("utf-8"))
    if size > HTML_LIMIT:
        raise BuildError(f"the message's HTML is {size / 1000:.0f} KB, over the {HTML_LIMIT // 1000} KB "
                         "mail programs show uncut: shorten the leads or the editorial")
    return inlined


def _headers(message: EmailMessage, edition: EditionMail, recipient: Recipient, settings: Sending,
             msg_id: str, subject: str) -> None:
    publication = edition.issue.publication
    message["From"] = settings.sender
    message["To"] = Address(display_name=recipient.name, addr_spec=recipient.email)
    if settings.reply_to:
        message["Reply-To"] = settings.reply_to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = msg_id
    list_id = settings.list_id or f"{publication.slug}.{sender_domain(settings.sender)}"
    message["List-Id"] = f"{publication.name} <{list_id}>"
    unsubscribe = [f"<mailto:{unsubscribe_address(settings)}?subject=unsubscribe>"]
    if settings.unsubscribe_url:
        # RFC 8058: a POST to the URL unsubscribes, with no page to visit.
        unsubscribe.append(f"<{unsubscribe_url(settings, recipient)}>")
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["List-Unsubscribe"] = ", ".join(unsubscribe)


def unsubscribe_address(settings: Sending) -> str:
    return _address_of(settings.unsubscribe or settings.sender)


def unsubscribe_url(settings: Sending, recipient: Recipient) -> str:
    return settings.unsubscribe_url.replace("{email}", quote(recipient.email, safe="@"))


class _Words:
    """The message's words for one recipient: the wording's, filled in."""

    def __init__(self, edition: EditionMail, recipient: Recipient, settings: Sending):
        self.edition, self.recipient, self.settings = edition, recipient, settings
        self.wording = wording(edition.language)
        self.issue = edition.issue

    def say(self, key: str, **values) -> str:
        publication = self.issue.publication
        return self.wording["email"][key].format(name=publication.name, number=self.issue.number,
                                                 period=self.issue.period, **values)

    def context(self) -> dict:
        """What the HTML template is given (text escaped by Jinja2, Markup kept)."""
        issue, recipient, language = self.issue, self.recipient, self.edition.language
        person = recipient.greeting or (self.say("greeting", person=recipient.name) if recipient.name
                                        else self.say("greeting_anyone"))
        address = unsubscribe_address(self.settings)
        stop = escape(self.say("stop", address="\0")).replace(
            "\0", Markup('<a href="mailto:{0}?subject=unsubscribe">{0}</a>').format(address))
        return {
            "lang": language, "subject": self.say("subject"), "publication": issue.publication,
            "issue": issue, "words": self.wording, "colours": {n: c.rgb for n, c in issue.publication.colours.items()},
            "css": Markup(_environment().get_template("message.css.j2").render(
                colours={n: c.rgb for n, c in issue.publication.colours.items()})),
            "preheader": " · ".join(s.headline for s in issue.stories[:3]),
            "greeting": person, "intro": self.say("intro"),
            "editorial": markup.blocks(issue.editorial, language) if issue.editorial else "",
            "stories": [{"kicker": s.kicker, "headline": s.headline, "lead": markup.inline(s.lead, language)}
                        for s in issue.stories],
            "cover": {"cid": f"cover.{issue.id}.{language}@{sender_domain(self.settings.sender)}",
                      "width": COVER_WIDTH, "height": self.edition.cover_height,
                      "alt": self.say("cover_alt")},
            "edition": self._edition(),
            "why": self.say("why", email=recipient.email, organisation=recipient.organisation)
            if recipient.organisation else self.say("why_anyone", email=recipient.email),
            "stop": stop, "stop_link": self.say("stop_link"),
            "unsubscribe_url": unsubscribe_url(self.settings, recipient) if self.settings.unsubscribe_url else "",
        }

    def plain(self, context: dict) -> dict:
        """The same context for the plain-text part: Markup as text, paragraphs wrapped."""
        wrap = lambda text: textwrap.fill(str(text), TEXT_WIDTH)
        stories = [{"kicker": s["kicker"], "headline": wrap(s["headline"]),
                    "lead": wrap(Markup(s["lead"]).striptags())} for s in context["stories"]]
        editorial = "\n\n".join(wrap(Markup(p).striptags()) for p in context["editorial"].split("</p>")
                                if Markup(p).striptags())
        return {**context, "stories": stories, "editorial": editorial, "intro": wrap(context["intro"]),
                "stop": Markup(context["stop"]).striptags()}

    def _edition(self) -> dict:
        edition = self.edition
        size = self.say("megabytes", n=self.wording.number(round(edition.size / 1e6, 1) or 0.1))
        key = "linked" if edition.link else "attached"
        return {"note": self.say(key, pages=edition.pages, size=size), "link": edition.link,
                "download": self.say("download")}


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                              autoescape=lambda name: (name or "").endswith(".html.j2"),
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)


def inline_styles(html: str) -> str:
    """Each rule of the <style> block written into the elements it matches; the @media rules
    (dark mode) kept in <style>, where the programs that honour them read them. A <link> to a
    stylesheet elsewhere is dropped, never fetched."""
    return _inliner().inline(html)


@functools.cache
def _inliner() -> css_inline.CSSInliner:
    return css_inline.CSSInliner(load_remote_stylesheets=False, keep_at_rules=True)
