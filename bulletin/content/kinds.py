"""The kinds of value a key of the format holds: how each is read from its YAML node
and checked (fields.py declares which key holds which)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import yaml

from .yamlreader import NodeReader

if TYPE_CHECKING:                 # a block's keys are Fields, which hold Kinds
    from .fields import Field


def language_code(value: str) -> str | None:
    """What is wrong with a language code, if anything."""
    if not re.fullmatch(r"[a-z]{2,3}", value):
        return f"'{value}' is not a language code (expected e.g. en, ru)"
    return None


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
    markdown: ClassVar[bool] = False      # the page renders it as Markdown

    def read(self, reader, node, where):
        return reader.text(node, where, allow_empty=self.allow_empty, markdown=self.markdown)

    def accept(self, value):
        if value is None or isinstance(value, (list, dict)):
            return None
        text = str(value).strip()
        return text if text or self.allow_empty else None


class Paragraph(Text):
    """Running text, one paragraph, with Markdown's emphasis and links: written folded (`>`)."""
    style = ">"
    markdown = True


class Markdown(Text):
    """Markdown, with paragraphs and lists: written as a literal block (`|`)."""
    style = "|"
    markdown = True


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
class PerLanguage(Kind):
    """One value of `item` per language code (copies: {en: 300, ru: 700}): a plain value, a dict."""
    item: Kind

    def read(self, reader, node, where):
        values = {}
        for language, value_node in reader.named(node, where, "a value per language (en: ..., ru: ...)"):
            problem = language_code(language)
            if problem:
                reader.report_at(value_node, f"{where}.{language}", problem)
                return None
            values[language] = self.item.read(reader, value_node, f"{where}.{language}")
        return None if None in values.values() else values


@dataclass(frozen=True)
class Named(Kind):
    """A mapping whose keys the author names (colours, languages), each a block."""
    fields: dict[str, Field]
    scalar: ClassVar[bool] = False
