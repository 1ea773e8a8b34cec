"""Reading YAML node by node, so that every mistake is reported with its line.

PyYAML's `compose` keeps the position of every node; the helpers here check a
node's type and turn it into a Python value, recording a `ContentProblem`
instead of raising, so one run reports every mistake in the file.
"""
from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

import yaml
from yaml.constructor import SafeConstructor

from ..errors import ContentProblem

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_NULL_TAG = "tag:yaml.org,2002:null"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_PLAIN_TAGS = {_INT_TAG, _FLOAT_TAG, _STR_TAG, _TIMESTAMP_TAG, _NULL_TAG, _BOOL_TAG,
               "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Limits that keep a hostile file from exhausting the machine. A real issue is
# a few dozen kilobytes, a few thousand values, nested eight levels deep.
MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_VALUES = 100_000       # values once every alias is expanded ("billion laughs")


class Key(Protocol):
    """What a mapping needs to know of each key it may hold (fields.Field declares them)."""

    @property
    def required(self) -> bool: ...

    @property
    def expected(self) -> str: ...          # shown to the user: "text", "a list of stories"


class NodeReader:
    """Collects the problems of one file while its nodes are read."""

    def __init__(self, file: Path, shown_as: str):
        self.file = file
        self.shown_as = shown_as
        self.problems: list[ContentProblem] = []

    # -- reporting ---------------------------------------------------------
    def report(self, mark, message: str) -> None:
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        self.problems.append(ContentProblem(self.shown_as, line, column, message))

    def report_at(self, node: yaml.Node, where: str, message: str) -> None:
        self.report(node.start_mark, f"{where}: {message}" if where else message)

    # -- the document ------------------------------------------------------
    def compose(self) -> yaml.Node | None:
        text = self._read_text()
        if text is None:
            return None
        try:
            node, refused_tags = _GuardedLoader.compose(text)
        except yaml.MarkedYAMLError as err:
            self.report(*_syntax_problem(err))
            return None
        except yaml.reader.ReaderError as err:
            # A character YAML refuses outright (a control character, U+FFFE...).
            control = unicodedata.category(chr(err.character)) == "Cc"
            what = "the control character" if control else "the character"
            self.report(_mark_at(text, err.position),
                        f"{what} U+{err.character:04X} is not allowed in text (remove it)")
            return None
        except yaml.YAMLError as err:
            self.report(None, f"YAML syntax error: {err}")
            return None
        for mark, message in refused_tags:
            self.report(mark, message)
        if node is None:
            self.report(None, "the file is empty (expected a mapping of keys)")
        return node

    def _read_text(self) -> str | None:
        """The file as text: UTF-8, with or without a byte order mark, of a sane size."""
        size = self.file.stat().st_size
        if size > MAX_FILE_BYTES:
            self.report(None, f"the file is {size / 1e6:.1f} MB, more than the "
                              f"{MAX_FILE_BYTES / 1e6:g} MB a content file may hold "
                              "(photos go beside it as files, not inside it)")
            return None
        try:
            return self.file.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as err:
            self.report(None, f"not UTF-8 text (bad byte at offset {err.start}); "
                              "save the file as UTF-8")
            return None

    # -- node types --------------------------------------------------------
    def named(self, node: yaml.Node, where: str, expected: str) -> list[tuple[str, yaml.Node]]:
        """(name, value node) of a mapping whose keys the author names (colours, languages)."""
        if not isinstance(node, yaml.MappingNode):
            self.report_at(node, where, f"expected {expected}, found {_describe(node)}")
            return []
        return [(str(key.value), value) for key, value in node.value]

    def mapping(self, node: yaml.Node, where: str, fields: Mapping[str, Key]) -> dict[str, yaml.Node]:
        """Return the known keys' value nodes; report unknown, duplicate and missing keys."""
        if not isinstance(node, yaml.MappingNode):
            self.report_at(node, where, f"expected a mapping of keys, found {_describe(node)}")
            return {}
        found: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            key_where = _join(where, _printable(str(key)))
            if key is None or key not in fields:
                self.report(key_node.start_mark, f"{key_where}: unknown key{_did_you_mean(key, fields)}"
                                                  f" (expected one of: {', '.join(fields)})")
            elif key in found:
                self.report(key_node.start_mark, f"{key_where}: duplicate key (first given on line "
                                                  f"{found[key].start_mark.line + 1})")
            else:
                found[key] = value_node
        for key, field in fields.items():
            if field.required and key not in found:
                self.report_at(node, where, f"missing required key '{key}' ({field.expected})")
        return found

    def sequence(self, node: yaml.Node, where: str) -> list[yaml.Node]:
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        self.report_at(node, where, f"expected a list, found {_describe(node)}")
        return []

    def text(self, node: yaml.Node, where: str, *, allow_empty: bool = False) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL_TAG:
            self.report_at(node, where, f"expected text, found {_describe(node)}")
            return None
        value = node.value.strip()
        if not value and not allow_empty:
            self.report_at(node, where, "is empty (expected text)")
            return None
        bad = next((ch for ch in value if _is_control(ch)), None)
        if bad is not None:
            what = {"Cs": "a lone surrogate, which is not a character",
                    "Co": "a private-use character, which no font of the publication draws",
                    "Cn": "an unassigned code point"}.get(unicodedata.category(bad),
                                                             "a control character")
            self.report_at(node, where, f"contains U+{ord(bad):04X}, {what} (remove it)")
            return None
        return value

    def slug(self, node: yaml.Node, where: str) -> str | None:
        value = self.text(node, where)
        if value is not None and not _SLUG.match(value):
            self.report_at(node, where, f"'{value}' is not a valid id (expected lowercase "
                                        "letters, digits and hyphens, e.g. 'steering-committee')")
            return None
        return value

    def boolean(self, node: yaml.Node, where: str) -> bool:
        if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL_TAG:
            return node.value.lower() in ("true", "yes", "on")
        self.report_at(node, where, f"expected true or false, found {_describe(node)}")
        return False

    def integer(self, node: yaml.Node, where: str, low: int, high: int) -> int | None:
        is_int = isinstance(node, yaml.ScalarNode) and node.tag == _INT_TAG
        value = _scalar_number(node) if is_int and isinstance(node, yaml.ScalarNode) else None
        if not isinstance(value, int):
            self.report_at(node, where, f"expected a whole number, found {_describe(node)}")
            return None
        if not low <= value <= high:
            self.report_at(node, where, f"{value} is out of range (expected {low} to {high})")
            return None
        return value

    def number(self, node: yaml.Node, where: str) -> float | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (_INT_TAG, _FLOAT_TAG):
            self.report_at(node, where, f"expected a number, found {_describe(node)}")
            return None
        number = _scalar_number(node)
        try:
            value = float(number) if number is not None else math.inf
        except OverflowError:
            value = math.inf
        if not math.isfinite(value):
            self.report_at(node, where, f"expected a finite number, found {_describe(node)}")
            return None
        return value

    def date(self, node: yaml.Node, where: str) -> str | None:
        raw = node.value if isinstance(node, yaml.ScalarNode) else None
        try:
            return dt.date.fromisoformat(str(raw)).isoformat()
        except (TypeError, ValueError):
            self.report_at(node, where, f"expected a date like 2017-04-28, found {_describe(node)}")
            return None


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _did_you_mean(key: str | None, fields: Mapping[str, Key]) -> str:
    close = difflib.get_close_matches(str(key), list(fields), n=1, cutoff=0.6)
    shown = _printable(str(key))
    return f" '{shown}', did you mean '{close[0]}'?" if close else f" '{shown}'"


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _NULL_TAG:
        return "nothing"
    kind = {_INT_TAG: "number", _FLOAT_TAG: "number", _TIMESTAMP_TAG: "date",
            _STR_TAG: "text"}.get(node.tag, "value")
    shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    return f"{kind} '{_printable(shown)}'"


def _is_control(ch: str) -> bool:
    """Characters that are not text: C0/C1 controls (tabs and line breaks aside), lone
    surrogates, private-use and unassigned code points (no font can be relied on for them)."""
    return ch not in "\t\n" and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")


def _printable(text: str) -> str:
    """`text` for a message on a terminal: control characters shown as escapes, never sent."""
    return "".join(ascii(ch)[1:-1] if _is_control(ch) or ch in "\t\n" else ch for ch in text)


def _scalar_number(node: yaml.ScalarNode) -> int | float | None:
    """The number YAML means (1_000, 0x10, 1.5e+3), or None for an explicit tag on non-numbers."""
    construct = (_CONSTRUCTOR.construct_yaml_int if node.tag == _INT_TAG
                 else _CONSTRUCTOR.construct_yaml_float)
    try:
        return construct(node)
    except ValueError:
        return None


def _shown_tag(tag: str) -> str:
    return _printable(tag.replace("tag:yaml.org,2002:", "!!", 1))


def _mark_at(text: str, position: int) -> yaml.Mark:
    line = text.count("\n", 0, position)
    column = position - (text.rfind("\n", 0, position) + 1)
    return yaml.Mark("", position, line, column, None, 0)     # no buffer: no snippet


def _syntax_problem(err: yaml.MarkedYAMLError) -> tuple[yaml.Mark | None, str]:
    """Where a YAML error is and what it is, in the words of someone writing an issue."""
    problem, context = err.problem or "", err.context or ""
    mark = err.problem_mark or err.context_mark
    if "'\\t'" in problem:
        return mark, "tab character: indent with spaces (YAML does not allow tabs here)"
    if context.startswith("found duplicate anchor"):
        first = f" (first given on line {err.context_mark.line + 1})" if err.context_mark else ""
        return mark, f"YAML syntax error: {context.split(';')[0]}{first}"
    if context == "while scanning a quoted scalar" and "end of stream" in problem:
        return err.context_mark, "YAML syntax error: this quoted text is never closed (expected a closing quote)"
    if "expected a single document" in context:
        return mark, "YAML syntax error: a second document starts here (expected one document; remove the '---')"
    if isinstance(err, _LimitExceeded):
        return mark, problem
    return mark, (f"YAML syntax error: {problem or context}"
                  + (f" ({context})" if context and problem else ""))


class _LimitExceeded(yaml.MarkedYAMLError):
    """A file deeper or larger than any real content file."""


class _GuardedLoader(yaml.SafeLoader):
    """PyYAML's safe composer with limits on nesting and on what aliases expand to.

    Composing never builds Python objects, so tags cannot run code; explicit
    tags beyond plain text, numbers, dates, lists and mappings are still
    reported, because they mean the file was not written for a bulletin.
    """

    def __init__(self, text: str):
        super().__init__(text)
        self.depth = 0
        self.values = 0                     # values so far, aliases expanded
        self.sizes: dict[int, int] = {}     # id(node) -> values under it, expanded
        self.open_anchors: set[str] = set()
        self.refused_tags: list[tuple[yaml.Mark, str]] = []

    @classmethod
    def compose(cls, text: str) -> tuple[yaml.Node | None, list[tuple[yaml.Mark, str]]]:
        loader = cls(text)
        try:
            return loader.get_single_node(), loader.refused_tags
        finally:
            loader.dispose()

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            return self._compose_alias(event, parent, index)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _LimitExceeded(None, None, f"the content is nested more than {MAX_DEPTH} levels "
                                 "deep (an issue needs about 8)", event.start_mark)
        if event.anchor:
            self.open_anchors.add(event.anchor)
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
            self.open_anchors.discard(event.anchor)
        if node is not None:
            self._count(node, event)
        return node

    def _compose_alias(self, event, parent, index):
        if event.anchor in self.open_anchors:
            raise _LimitExceeded(None, None, f"the alias '*{event.anchor}' refers to a value that "
                                 "contains it (a loop; write the value out)", event.start_mark)
        node = super().compose_node(parent, index)
        self._add(self.sizes.get(id(node), 1), event)
        return node

    def _count(self, node: yaml.Node, event) -> None:
        if event.tag not in (None, "!") and node.tag not in _PLAIN_TAGS:
            self.refused_tags.append((event.start_mark, f"the tag '{_shown_tag(event.tag)}' is not "
                                      "allowed (expected plain text, numbers, lists and mappings)"))
        children = ([n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode)
                    else node.value if isinstance(node, yaml.SequenceNode) else [])
        self.sizes[id(node)] = 1 + sum(self.sizes.get(id(child), 1) for child in children)
        self._add(1, event)

    def _add(self, count: int, event) -> None:
        self.values += count
        if self.values > MAX_VALUES:
            raise _LimitExceeded(None, None, f"the file holds more than {MAX_VALUES:,} values, "
                                 "counting what each alias repeats (an issue holds a few "
                                 "thousand; write the content out instead of repeating aliases)",
                                 event.start_mark)


_CONSTRUCTOR = SafeConstructor()
