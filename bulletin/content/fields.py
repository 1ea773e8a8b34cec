"""The issue format, declared once.

Every key of publication.yaml, issue.yaml and issue.<lang>.yaml is declared here, in
the order the user is shown them, with how its value is read and checked, whether it
is required, its default, what the user is told is expected, whether a translation
gives it again in its own language (`words`) or may set it for its own edition
(`fitting`, the copy-fitting overrides), and what `bulletin new` writes for it.

The loader (publication.py, issue.py, chartdata.py), the translation reader and
`bulletin new` derive what they need from these tables, and the model's classes carry
every plain key declared here (`carrying`): a new key is one declaration, in the manner
of mkdocs' config/defaults.py.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, dataclass_transform

import yaml

from .kinds import (
    Block,
    Date,
    Flag,
    Kind,
    ListOf,
    Markdown,
    Named,
    Number,
    Paragraph,
    PerLanguage,
    Slug,
    Text,
    Whole,
    language_code,
)
from .yamlreader import NodeReader

_Model = TypeVar("_Model")
TK = "TK"                 # "to come": the placeholder mark editors and printers know
CHART_KINDS = ("bars", "columns", "line", "donut", "keyfigures")
# The data each kind takes (all of it required).
CHART_DATA = {"bars": ("points",), "columns": ("categories", "series"), "line": ("x", "series"),
              "donut": ("parts",), "keyfigures": ("figures",)}
CHART_WIDTHS = {"half": "two charts side by side", "full": "the infographic's whole width"}
# Pages per sheet folded for each binding: the print edition's page count is a multiple of it.
BINDINGS = {"saddle-stitch": 4, "perfect": 2, "loose": 1}
# Type below 9 pt is small type on press: set in at most two inks (a colour's small-type
# form), and reversed only out of at most two.
SMALL_TYPE_PT, SMALL_TYPE_INKS = 9.0, 2


# ---- Fields ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Field:
    """One key: what it holds, and what each reader and writer of the format does with it."""
    kind: Kind
    expected: str                 # shown to the user: "text", "a list of stories"
    required: bool = False
    default: Any = None           # the value when the key is not given (None: no default)
    check: Callable[[Any], str | None] | None = None   # what is wrong with a value of the kind
    words: bool = False           # translatable: each issue.<lang>.yaml gives it in its language
    fitting: bool = False         # copy-fitting: a translation may set it for its own edition
    kept: bool = False            # `bulletin new` keeps the last issue's value
    comment: str = ""             # what `bulletin new` writes beside the key
    example: Any = None           # what `bulletin new` writes for it: a TK placeholder, an example
    recalled: str = ""            # how `bulletin new` recalls the last issue's: "a pull quote"
    translated_as: str = ""       # its name in a translation, where that differs
    translation_expected: str = ""  # what a translation is told, where its shape differs

    @property
    def block(self) -> dict[str, Field] | None:
        """The keys of the block this key holds (a fact box, each pull quote), if it holds one."""
        if isinstance(self.kind, Block):
            return self.kind.fields
        if isinstance(self.kind, ListOf) and isinstance(self.kind.item, dict):
            return self.kind.item
        return None


FOCUS_WORDS = {"top": "50% 0%", "bottom": "50% 100%", "left": "0% 50%", "right": "100% 50%",
               "centre": "50% 50%", "center": "50% 50%"}
_FOCUS_POINT = re.compile(r"(\d{1,3}(?:\.\d+)?)%\s+(\d{1,3}(?:\.\d+)?)%")


def focus_position(value: str) -> str:
    """A photo's focus as CSS's object-position: where its crops are anchored."""
    if not value:
        return "50% 50%"
    return FOCUS_WORDS.get(value.lower(), value)


def _focus(value: str) -> str | None:
    point = _FOCUS_POINT.fullmatch(value)
    if value.lower() in FOCUS_WORDS or (point and all(float(v) <= 100 for v in point.groups())):
        return None
    return (f"'{value}' is not a focus (expected top, bottom, left, right, centre, "
            "or a point such as 50% 20%, across then down)")


def _chart_kind(value: str) -> str | None:
    if value not in CHART_KINDS:
        return f"unknown chart kind '{value}' (expected one of: {', '.join(CHART_KINDS)})"
    return None


def _chart_width(value: str) -> str | None:
    if value not in CHART_WIDTHS:
        return (f"'{value}' is not a chart width (expected "
                + " or ".join(f"{w}: {what}" for w, what in CHART_WIDTHS.items()) + ")")
    return None


def _binding(value: str) -> str | None:
    if value not in BINDINGS:
        return f"'{value}' is not a binding (expected {', '.join(BINDINGS)})"
    return None


def _within(low: float, high: float, unit: str) -> Callable[[float], str | None]:
    """The check of a number from `low` to `high`, `unit` shown after them."""
    return lambda value: None if low <= value <= high else \
        f"{value:g} is out of range (expected {low:g} to {high:g} {unit})"


def _positive_size(value: float) -> str | None:
    return "expected a positive size in MB" if value <= 0 else None


def _positive_seconds(value: float) -> str | None:
    return "expected a positive number of seconds" if value <= 0 else None


def _web_address(value: str) -> str | None:
    if not value.lower().startswith(("https://", "http://")):
        return f"'{value}' is not a web address (expected https://...)"
    return None


_MAILBOX = re.compile(r"(?:[^<>]*<)?\s*([^\s<>@]+@[^\s<>@]+\.[^\s<>@.]+)\s*>?")
SECURITIES = {"starttls": "STARTTLS on the submission port, 587",
              "tls": "TLS from the first byte, port 465",
              "none": "plain text, only to a server on this machine (127.0.0.1)"}
SECURITY_PORTS = {"starttls": 587, "tls": 465, "none": 25}
PROOFS = {"pdf": "a PDF proof by email before the run",
          "hard copy": "a printed proof to approve before the run",
          "none": "no proof: print from these files"}
_SSH_KEY = re.compile(r"(ssh-ed25519|ecdsa-sha2-nistp\d+|ssh-rsa|rsa-sha2-\d+)\s+[A-Za-z0-9+/]+={0,2}")


def _mailbox(value: str) -> str | None:
    if not _MAILBOX.fullmatch(value):
        return f"'{value}' is not an email address (expected e.g. Milestones <milestones@unodc.org>)"
    return None


def _security(value: str) -> str | None:
    if value not in SECURITIES:
        return (f"'{value}' is not a connection security (expected "
                + ", ".join(f"{name}: {what}" for name, what in SECURITIES.items()) + ")")
    return None


def _proof(value: str) -> str | None:
    if value not in PROOFS:
        return f"'{value}' is not a proof (expected one of: {', '.join(PROOFS)})"
    return None


def _host_key(value: str) -> str | None:
    if not _SSH_KEY.match(value):
        return (f"'{value[:40]}' is not an SSH host key (expected the server's public key as "
                "ssh-keyscan prints it, e.g. ssh-ed25519 AAAAC3Nza...)")
    return None


def _no_password(value: str) -> str | None:
    # publication.yaml is committed: a secret written there is as good as published.
    return ("a password is never written in publication.yaml (it is committed with the issues): "
            "remove it, change it, and name where it is found instead: password_env: VARIABLE "
            "or password_command: a command that prints it")


def _rgb(value: str) -> str | None:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        return f"'{value}' is not a colour (expected #rrggbb)"
    return None


# ---- publication.yaml -------------------------------------------------------------------

PRINT = {
    "profile": Field(Text(), "FOGRA39, GRACoL2006, SWOP5, SWOP3 or an .icc file", default="FOGRA39"),
    "ink_limit": Field(Number(), "total ink coverage in %, e.g. 300", default=300.0, check=_within(200, 400, "%")),
    "binding": Field(Text(), "saddle-stitch, perfect or loose", default="saddle-stitch",
                     check=_binding),
    # A photo placed above photo_ppi_limit is resampled to photo_ppi when it is separated: no
    # press prints finer. Preflight wants 300 ppi at least.
    "photo_ppi": Field(Number(), "pixels per inch, e.g. 350", default=350.0, check=_within(300, 1200, "ppi")),
    "photo_ppi_limit": Field(Number(), "pixels per inch, e.g. 450", default=450.0,
                             check=_within(300, 1200, "ppi")),
    "paper": Field(Text(), "text", default=""),
    "contact": Field(Text(), "text", default=""),
}
EMAIL = {"size_budget_mb": Field(Number(), "megabytes, e.g. 5", default=5.0, check=_positive_size)}
CONTACTS = {
    "address": Field(Text(), "text", required=True, words=True),
    "web": Field(Text(), "text", required=True, check=_web_address),
    "email": Field(Text(), "text", default=""),
    "phone": Field(Text(), "text", default=""),
}
COLOUR = {"rgb": Field(Text(), "#rrggbb", required=True, check=_rgb),
          "cmyk": Field(ListOf(Number()), "[c, m, y, k] in %", required=True),
          # The press form of small type set in the colour (kickers, running heads, captions).
          "small": Field(ListOf(Number()), f"[c, m, y, k] in % with at most {SMALL_TYPE_INKS} inks, "
                                           f"for type below {SMALL_TYPE_PT:g} pt")}
# A login's secret is never in the file: only where to find it.
SECRET = {
    "password_env": Field(Text(), "the name of an environment variable holding the password",
                          default=""),
    "password_command": Field(Text(), "a command that prints the password, e.g. pass show mail",
                              default=""),
    "password": Field(Text(), "no password here: password_env or password_command",
                      check=_no_password),
}
SMTP = {
    "host": Field(Text(), "the mail server's name, e.g. smtp.office365.com", required=True),
    # By default the security's own port (SECURITY_PORTS).
    "port": Field(Whole(1, 65535), "a port number, e.g. 587"),
    "security": Field(Text(), ", ".join(SECURITIES), default="starttls", check=_security),
    "user": Field(Text(), "the login name", default=""),
    **SECRET,
}
SEND = {
    "sender": Field(Text(), "the From address, e.g. Milestones <milestones@unodc.org>",
                    required=True, check=_mailbox),
    "reply_to": Field(Text(), "an email address", default="", check=_mailbox),
    # By default the slug at the sender's domain: milestones.unodc.org.
    "list_id": Field(Text(), "the list's id, e.g. milestones.unodc.org", default=""),
    # By default the sender's address, asked by a message whose subject is "unsubscribe".
    "unsubscribe": Field(Text(), "the address that takes unsubscribe requests", default="",
                         check=_mailbox),
    "unsubscribe_url": Field(Text(), "a web address for one-click unsubscribe; {email} is replaced "
                                     "by the recipient's address", default="", check=_web_address),
    "attach_limit_mb": Field(Number(), "megabytes, e.g. 8", default=8.0, check=_positive_size),
    "link": Field(Text(), "where the email editions are published; {file} is replaced by the "
                          "PDF's name", default="", check=_web_address),
    "rate_per_minute": Field(Whole(1, 10_000), "messages a minute, e.g. 30", default=30),
    "retry_after": Field(Number(), "seconds before a deferred message is tried again",
                         default=60.0, check=_positive_seconds),
    "retries": Field(Whole(0, 100), "how often a run tries a deferred message again", default=3),
    "suppressed": Field(Text(), "the file of addresses never sent to, from the project folder",
                        default="mailing/suppressed.txt"),
    "smtp": Field(Block(SMTP), "host, port, security, user, password_env or password_command",
                  required=True),
}
SFTP = {
    "host": Field(Text(), "the print shop's server", required=True),
    "port": Field(Whole(1, 65535), "a port number", default=22),
    "user": Field(Text(), "the login name", required=True),
    "host_key": Field(Text(), "the server's public key, e.g. ssh-ed25519 AAAAC3Nza...",
                      required=True, check=_host_key),
    "folder": Field(Text(), "the folder on the server", default=""),
    "key_file": Field(Text(), "a private key file, e.g. ~/.ssh/id_ed25519", default=""),
    **SECRET,
}
DELIVER = {
    "copies": Field(PerLanguage(Whole(1, 10_000_000)), "copies per language, e.g. {en: 300, ru: 700}"),
    "cover_paper": Field(Text(), "the cover's paper, when it is not the text's", default=""),
    "proof": Field(Text(), ", ".join(PROOFS), default="pdf", check=_proof),
    "days_before": Field(Whole(0, 365), "days before the issue's date the copies are due",
                         default=7),
    "address": Field(Text(), "where the copies are delivered", default=""),
    "sftp": Field(Block(SFTP), "host, port, user, host_key, folder and a login"),
}
PUBLICATION = {
    "name": Field(Text(), "the bulletin's name", required=True),
    # It names every output file: an id, so that it cannot name a folder or leave --out.
    "slug": Field(Slug(), "a short name for file names: lowercase letters, digits and hyphens",
                  required=True),
    "tagline": Field(Text(), "text", required=True, words=True),
    "publisher": Field(Text(), "text", required=True, words=True),
    "contacts": Field(Block(CONTACTS), "address, web, email, phone", required=True, words=True),
    "donors": Field(Text(), "the donors' acknowledgement", required=True, words=True),
    "colours": Field(Named(COLOUR), "named colours with rgb and cmyk", required=True),
    "page_size": Field(Text(), "A4", default="A4"),
    "bleed_mm": Field(Number(), "millimetres", default=3.0),
    # By default, the sheets of the print edition's binding (see BINDINGS).
    "pages_multiple_of": Field(Whole(1, 16), "a whole number"),
    "translations": Field(Named({}), "the publication's words per language"),
    "print": Field(Block(PRINT), "the print edition's profile, ink_limit, binding, paper, contact"),
    "email": Field(Block(EMAIL), "the email edition's size_budget_mb"),
    "send": Field(Block(SEND), "how `bulletin send` mails the email edition: sender, smtp, ..."),
    "deliver": Field(Block(DELIVER), "what `bulletin deliver` tells the print shop: copies, proof, ..."),
}

# ---- issue.yaml: a story's blocks -------------------------------------------------------

QUOTE = {"text": Field(Text(), "the quoted words", required=True, words=True,
                       example=f"{TK} The words quoted, as they were said."),
         "attribution": Field(Text(), "who said it", required=True, words=True,
                              example=f"{TK} Name, title, organisation")}
FIGURE = {
    "image": Field(Text(), "an image file in the issue folder", required=True),
    "caption": Field(Text(), "text", required=True, words=True,
                     example=f"{TK} Who and what the photo shows, where and when."),
    "credit": Field(Text(), "text", required=True, words=True,
                    example=f"{TK} Photographer or organisation (placeholder image generated by bulletin)"),
    "alt": Field(Text(), "a description for screen readers", required=True, words=True,
                 example=f"{TK} What the photo shows, for readers who cannot see it."),
    # Every crop of the photo keeps this part of it: a portrait cut to a landscape box
    # keeps the face, not the chest.
    "focus": Field(Text(), "where the subject is: top, bottom, left, right, centre, or x% y%",
                   default="", check=lambda value: _focus(value), example="centre",
                   comment="what every crop keeps: top, bottom, left, right, centre or x% y%"),
}
FACTBOX = {"title": Field(Text(), "text", required=True, words=True, example="At a glance"),
           "body": Field(Markdown(), "Markdown text", required=True, words=True,
                         example=f"- {TK} A first fact, with its number\n- {TK} A second fact\n")}

# A chart's data: which keys a kind takes is CHART_DATA.
POINT = {"label": Field(Text(), "text", required=True, words=True),
         "value": Field(Number(), "a number", required=True),
         "note": Field(Text(), "text", default="", words=True)}
SERIES = {"name": Field(Text(), "text", required=True, words=True),
          "values": Field(ListOf(Number()), "a list of numbers, one per category", required=True)}
PART = {"label": Field(Text(), "text", required=True, words=True),
        "value": Field(Number(), "a number", required=True)}
KEY_FIGURE = {"value": Field(Number(), "a number", required=True),
              "unit": Field(Text(), "e.g. million USD", default=""),
              "label": Field(Text(), "text", required=True, words=True)}
CHART = {
    "id": Field(Slug(), "a short id", required=True, comment="unique in the issue",
                example="example-chart"),
    "kind": Field(Text(), ", ".join(CHART_KINDS), required=True, check=_chart_kind,
                  comment=f"one of: {', '.join(CHART_KINDS)}", example=CHART_KINDS[0]),
    "title": Field(Text(), "text", required=True, words=True, example=f"{TK} What the values measure"),
    "subtitle": Field(Text(), "text", default="", words=True),
    # Required of every kind but key figures, whose figures each have their own.
    "unit": Field(Text(allow_empty=True), "e.g. %, USD, people", default="", example="%"),
    "source": Field(Text(), "text", default="", words=True, example=f"{TK} Who measured it, and when"),
    # In a translation, "notes" are the points' notes.
    "notes": Field(Text(), "text printed under the chart", default="", words=True,
                   translated_as="chart_notes"),
    "alt": Field(Text(), "text", default="", words=True),
    "table": Field(Flag(found=False), "true to print the data as a table", default=False),
    # By default half, and full for key figures.
    "width": Field(Text(), "half or full", default="half", check=_chart_width),
    "points": Field(ListOf(POINT), "a list of label/value points",
                    example=[{"label": f"{TK} First item", "value": 40},
                             {"label": f"{TK} Second item", "value": 25}]),
    "categories": Field(ListOf(Text()), "the labels along the bottom, e.g. [2015, 2016]"),
    "x": Field(ListOf(Text()), "the labels along the time axis, e.g. [2015, 2016]"),
    "series": Field(ListOf(SERIES), "a list of series, each a name and its values"),
    "parts": Field(ListOf(PART), "a list of label/value parts"),
    "figures": Field(ListOf(KEY_FIGURE), "a list of figures, each a value, unit and label"),
}

# ---- issue.yaml: stories and the issue ------------------------------------------------------

STORY = {
    "id": Field(Slug(), "a short id such as steering-committee", required=True),
    "kicker": Field(Text(), "a section label", default="", words=True, kept=True),
    "headline": Field(Text(), "text", required=True, words=True,
                      example=f"{TK} Headline of about 10 words"),
    "lead": Field(Paragraph(), "the summary paragraph", required=True, words=True,
                  example=f"{TK} Lead of one or two sentences{{about}}: who did what, where and when."),
    "body": Field(Markdown(), "Markdown text", required=True, words=True,
                  example=f"{TK} Body{{about}}. Paragraphs are separated by a blank line;\n"
                          "*emphasis*, [links](https://www.unodc.org/) and lists of points (lines starting\n"
                          "with a hyphen) are written as in Markdown.\n"),
    "quotes": Field(ListOf(QUOTE), "a list of pull quotes", default=(), words=True,
                    comment="pull quotes, set large between the columns", recalled="a pull quote",
                    translation_expected="the pull quotes, in the order of issue.yaml"),
    "figures": Field(ListOf(FIGURE), "a list of figures", default=(), words=True,
                     comment="photos, with caption and credit",
                     translation_expected="caption, credit and alt of each figure, in order"),
    "factbox": Field(Block(FACTBOX), "title and body", words=True,
                     comment="a tinted box of key facts", recalled="a fact box"),
    "charts": Field(ListOf(CHART), "a list of charts", default=(), words=True,
                    comment="drawn by bulletin in the publication's colours", recalled="a chart",
                    translation_expected="the words of each chart, by chart id"),
    # Unset, the fitter chooses 2 or 3; set, it is the officer's and is kept.
    "columns": Field(Whole(1, 3), "1, 2 or 3", kept=True),
    "new_page": Field(Flag(), "true to start the story on a fresh page", default=False,
                      fitting=True, recalled="started a new page"),
    "wide_photo": Field(Flag(), "true to set the story's first photo across the page, under its lead",
                        default=False, fitting=True, recalled="a wide photo"),
}
ISSUE = {
    "number": Field(Whole(1, 9999), "the issue number", required=True),
    "date": Field(Date(), "the publication date, e.g. 2017-04-28", required=True),
    "period": Field(Text(), "the period covered, as printed", required=True, words=True),
    "language": Field(Text(), "a language code such as en", required=True, check=language_code,
                      kept=True, example="en"),
    "cover_story": Field(Text(), "a story id", default="", kept=True,
                         comment="the story whose first photo leads the front page"),
    "editorial": Field(Paragraph(), "text", default="", words=True,
                       example=f"{TK} A short note on what this issue reports{{about}}."),
    "back_cover": Field(Flag(), "true to give contacts and donors the last page", default=False,
                        fitting=True),
    # The example issue's photos are bulletin's own placeholders; any other issue's are copy to come.
    "example": Field(Flag(), "true for an example issue, whose photos may be bulletin's placeholders",
                     default=False),
    "stories": Field(ListOf(STORY), "a list of stories", required=True, words=True,
                     translation_expected="the words of every story, by story id"),
}

# ---- issue.<lang>.yaml: what only a translation holds -----------------------------------

TRANSLATION_LANGUAGE = {"language": Field(Text(), "the language code of this file", required=True)}
OMITTED = {"omitted": Field(Flag(), "true to leave the story out of this language")}
# A chart's labels, as lists in the order of issue.yaml: its numbers stay there.
CHART_LABELS = {
    "labels": Field(ListOf(Text()), "one label per point, part, figure or category", required=True),
    "notes": Field(ListOf(Text()), "one note per point"),
    "series": Field(ListOf(Text()), "one name per series"),
}


def in_translation(fields: dict[str, Field], *, before: dict[str, Field] | None = None,
                   after: dict[str, Field] | None = None,
                   optional: bool = False) -> dict[str, Field]:
    """The keys a translation gives for a block of `fields`: its words and copy-fitting
    overrides, in their order and under their names in a translation, between the
    translation's own keys `before` and `after`. `optional` when what must be translated
    is checked against issue.yaml instead (a story's words)."""
    given = {}
    for key, field in fields.items():
        if not (field.words or field.fitting):
            continue
        if field.translation_expected:
            field = dataclasses.replace(field, expected=field.translation_expected)
        given[field.translated_as or key] = dataclasses.replace(field, required=False) \
            if optional else field
    return {**(before or {}), **given, **(after or {})}


def plain(fields: dict[str, Field]) -> dict[str, Field]:
    """The keys of `fields` that hold one value, not a block or a list."""
    return {key: field for key, field in fields.items() if field.kind.scalar}


# A language's words of the publication in publication.yaml: its own and its contacts'.
PUBLICATION["translations"] = dataclasses.replace(
    PUBLICATION["translations"],
    kind=Named(in_translation(plain(PUBLICATION), after=in_translation(CONTACTS, optional=True),
                              optional=True)))


# ---- Reading plain values -----------------------------------------------------------------

def read_values(reader: NodeReader, found: dict[str, yaml.Node], where: str,
                fields: dict[str, Field]) -> dict[str, Any]:
    """The plain keys' values: read and checked where given (None where wrong, and
    reported), their defaults where not."""
    values = {key: field.default for key, field in plain(fields).items()
              if field.default is not None}
    for key, node in found.items():
        if fields[key].kind.scalar:
            values[key] = read_value(reader, fields[key], node, f"{where}.{key}" if where else key)
    return values


def complete(values: dict[str, Any], fields: dict[str, Field]) -> bool:
    """Whether every required plain key was read, and nothing read was wrong."""
    return None not in values.values() and all(key in values for key, field in plain(fields).items()
                                                if field.required)


def read_value(reader: NodeReader, field: Field, node: yaml.Node, where: str) -> Any:
    value = field.kind.read(reader, node, where)
    problem = field.check(value) if value is not None and field.check else None
    if problem:
        reader.report_at(node, where, problem)
        return None
    return value


# ---- The model carries what is declared ----------------------------------------------------

@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def carrying(fields: dict[str, Field]) -> Callable[[type[_Model]], type[_Model]]:
    """Make a class a frozen dataclass that also carries every plain key of `fields` it
    does not list itself (keyword-only, with the declared default): a key declared here
    reaches the model, and so the page's templates, with no other edit."""
    def make(cls):
        annotations = dict(cls.__dict__.get("__annotations__", {}))
        for key, field in plain(fields).items():
            if key not in annotations:
                annotations[key] = "Any"
                setattr(cls, key, dataclasses.field(kw_only=True) if field.required
                        else dataclasses.field(default=field.default, kw_only=True))
        cls.__annotations__ = annotations
        return dataclass(frozen=True)(cls)
    return make
