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
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import yaml

from .yamlreader import NodeReader

TK = "TK"                 # "to come": the placeholder mark editors and printers know
CHART_KINDS = ("bars", "columns", "line", "donut", "keyfigures")
# The data each kind takes (all of it required).
CHART_DATA = {"bars": ("points",), "columns": ("categories", "series"), "line": ("x", "series"),
              "donut": ("parts",), "keyfigures": ("figures",)}
CHART_WIDTHS = {"half": "two charts side by side", "full": "the infographic's whole width"}
# Pages per sheet folded for each binding: the print edition's page count is a multiple of it.
BINDINGS = {"saddle-stitch": 4, "perfect": 2, "loose": 1}


# ---- Kinds: how a value is read and checked ------------------------------------------

class Kind:
    """How a key's value is read from its YAML node. Blocks and lists are read by the
    loader's own functions (they build model objects); plain values by `read`."""
    scalar: ClassVar[bool] = True
    style: ClassVar[str] = ""       # how `bulletin new` writes text: plain, ">" or "|"

    def read(self, reader: NodeReader, node: yaml.Node, where: str) -> Any:
        raise NotImplementedError

    def accept(self, value: Any) -> Any:
        """`value`, as plain YAML loads it, as the loader would read it; None if it would not."""
        return value


@dataclass(frozen=True)
class Text(Kind):
    """A line of text; `allow_empty` for a value that may be "" (a chart's unit)."""
    allow_empty: bool = False

    def read(self, reader, node, where):
        return reader.text(node, where, allow_empty=self.allow_empty)

    def accept(self, value):
        if value is None or isinstance(value, (list, dict)):
            return None
        text = str(value).strip()
        return text if text or self.allow_empty else None


class Paragraph(Text):
    """Running text, one paragraph: written folded (`>`)."""
    style = ">"


class Markdown(Text):
    """Markdown, with paragraphs and lists: written as a literal block (`|`)."""
    style = "|"


class Slug(Text):
    """An id: lowercase letters, digits and hyphens."""

    def read(self, reader, node, where):
        return reader.slug(node, where)


@dataclass(frozen=True)
class Whole(Kind):
    """A whole number from `low` to `high`."""
    low: int
    high: int

    def read(self, reader, node, where):
        return reader.integer(node, where, self.low, self.high)

    def accept(self, value):
        whole = isinstance(value, int) and not isinstance(value, bool)
        return value if whole and self.low <= value <= self.high else None


class Number(Kind):
    """A finite number, whole or not."""

    def read(self, reader, node, where):
        return reader.number(node, where)

    def accept(self, value):
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


@dataclass(frozen=True)
class Flag(Kind):
    """true or false; `found=False` leaves what was found out of the message."""
    found: bool = True

    def read(self, reader, node, where):
        if self.found:
            return reader.boolean(node, where)
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return yaml.constructor.SafeConstructor.bool_values[node.value.lower()]
        reader.report_at(node, where, "expected true or false")
        return None

    def accept(self, value):
        return value if isinstance(value, bool) else None


class Date(Kind):
    """A date, written 2017-04-28."""

    def read(self, reader, node, where):
        return reader.date(node, where)

    def accept(self, value):
        return value if isinstance(value, dt.date) else None


@dataclass(frozen=True)
class Block(Kind):
    """A mapping of declared keys (a fact box, the print run)."""
    fields: dict[str, Field]
    scalar: ClassVar[bool] = False


@dataclass(frozen=True)
class ListOf(Kind):
    """A list of blocks (quotes, charts) or of plain values (a series' numbers)."""
    item: dict[str, Field] | Kind
    scalar: ClassVar[bool] = False


@dataclass(frozen=True)
class Named(Kind):
    """A mapping whose keys the author names (colours, languages), each a block."""
    fields: dict[str, Field]
    scalar: ClassVar[bool] = False


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


def _language_code(value: str) -> str | None:
    if not re.fullmatch(r"[a-z]{2,3}", value):
        return f"'{value}' is not a language code (expected e.g. en, ru)"
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


def _ink_limit(value: float) -> str | None:
    if not 200 <= value <= 400:
        return f"{value:g} is out of range (expected 200 to 400 %)"
    return None


def _positive_size(value: float) -> str | None:
    return "expected a positive size in MB" if value <= 0 else None


def _web_address(value: str) -> str | None:
    if not value.lower().startswith(("https://", "http://")):
        return f"'{value}' is not a web address (expected https://...)"
    return None


def _rgb(value: str) -> str | None:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        return f"'{value}' is not a colour (expected #rrggbb)"
    return None


# ---- publication.yaml -------------------------------------------------------------------

PRINT = {
    "profile": Field(Text(), "FOGRA39, GRACoL2006, SWOP5, SWOP3 or an .icc file", default="FOGRA39"),
    "ink_limit": Field(Number(), "total ink coverage in %, e.g. 300", default=300.0, check=_ink_limit),
    "binding": Field(Text(), "saddle-stitch, perfect or loose", default="saddle-stitch",
                     check=_binding),
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
          "cmyk": Field(ListOf(Number()), "[c, m, y, k] in %", required=True)}
PUBLICATION = {
    "name": Field(Text(), "the bulletin's name", required=True),
    "slug": Field(Text(), "a short name for file names", required=True),
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
    "language": Field(Text(), "a language code such as en", required=True, check=_language_code,
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

def carrying(fields: dict[str, Field]):
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
