"""Reading YAML node by node, so that every mistake is reported with its line.

PyYAML's `compose` keeps the position of every node; the helpers here check a
node's type and turn it into a Python value, recording a `ContentProblem`
instead of raising, so one run reports every mistake in the file.
"""
from __future__ import annotations

import bisect
import datetime as dt
import difflib
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

import yaml
from yaml.constructor import SafeConstructor

from ..errors import ContentProblem, Location
from ..files import TooLarge, UnfitFile, read_capped, shown_path
from .characters import (
    SEPARATOR_TABLE,
    SEPARATORS,
    character_name,
    is_control,
    is_invisible,
    is_stray_format,
    printable,
    what_is,
)
from .yamlcompose import LimitExceeded, compose

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_NULL_TAG = "tag:yaml.org,2002:null"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# Limits that keep a hostile file from exhausting the machine. A real issue is
# a few dozen kilobytes, a few thousand values, nested eight levels deep.
# (The limits on what a file expands to are composing's: yamlcompose.py.)
MAX_FILE_BYTES = 1_000_000
MAX_SLUG = 64              # an id names files: short enough for any file name
MAX_NAMED = 10             # characters named one by one in a text; the rest are counted


# (text, is it Markdown) -> (character, what is wrong with it) for each character of the
# text as the page prints it that the publication's fonts cannot draw.
GlyphCheck = Callable[[str, bool], list[tuple[str, str]]]


class Key(Protocol):
    """What a mapping needs to know of each key it may hold (fields.Field declares them)."""

    @property
    def required(self) -> bool: ...

    @property
    def expected(self) -> str: ...          # shown to the user: "text", "a list of stories"


class NodeReader:
    """Collects the problems of one file while its nodes are read."""

    def __init__(self, file: Path, shown_as: str, inside: Path | None = None,
                 glyphs: GlyphCheck | None = None):
        """`inside`: the folder the file must be in (default: its own); `glyphs`, if
        given, says which characters of each text the publication's fonts cannot draw."""
        self.file = file
        self.shown_as = shown_as
        self.inside = inside or file.parent
        self.glyphs = glyphs
        self.problems: list[ContentProblem] = []
        self.source = ""                    # the text composed, its separators made spaces
        self._lines: list[int] = []         # where each line of the source starts

    # -- reporting ---------------------------------------------------------
    def report(self, mark, message: str) -> None:
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        self.problems.append(ContentProblem(self.shown_as, line, column, message))

    def report_at(self, node: yaml.Node, where: str, message: str) -> None:
        self.report(node.start_mark, f"{where}: {message}" if where else message)

    def location(self, node: yaml.Node, where: str) -> Location:
        """Where `node` is, to report a problem found after the file was read."""
        mark = node.start_mark
        return Location(self.shown_as, mark.line + 1, mark.column + 1, where)

    # -- the document ------------------------------------------------------
    def compose(self) -> yaml.Node | None:
        text = self._read_text()
        if text is None:
            return None
        text = self._without_separators(text)
        self.source = text
        try:
            node, refused_tags = compose(text)
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
        """The file as text: a plain file in its folder, UTF-8, with or without a byte
        order mark, of a sane size."""
        try:
            data = read_capped(self.file, MAX_FILE_BYTES, self.inside)
        except TooLarge as err:
            self.report(None, f"the file is {err.size / 1e6:.1f} MB, more than the "
                              f"{MAX_FILE_BYTES / 1e6:g} MB a content file may hold "
                              "(photos go beside it as files, not inside it)")
            return None
        except UnfitFile as err:
            self.report(None, f"{err} (expected a YAML file in {shown_path(self.inside)}/)")
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            self.report(None, f"not UTF-8 text (bad byte at offset {err.start}); "
                              "save the file as UTF-8")
            return None

    def load(self) -> object:
        """The file as plain data (mappings, lists, text, numbers), read within the same
        limits as `compose`: for the tools that read an issue as a whole. None when it
        cannot be, its problems recorded."""
        node = self.compose()
        if node is None or self.problems:
            return None
        return SafeConstructor().construct_document(node)

    def _without_separators(self, text: str) -> str:
        """`text` with U+2028 and U+2029 read as spaces and U+0085 (a control character,
        and YAML's third line break) reported where an editor shows it, so that every
        line number YAML gives stays the one the editor shows."""
        if not any(ch in text for ch in (*SEPARATORS, "\x85")):
            return text
        if "\x85" in text:
            more = text.count("\x85") - 1
            self.report(_mark_at(text, text.index("\x85")),
                        "contains U+0085 NEXT LINE, a control character (in Windows-1252 text it was "
                        f"'…': type … instead){f', and {more} more after it' if more else ''}")
        return text.translate({ord(k): v for k, v in {**SEPARATORS, "\x85": " "}.items()})

    def mark_of(self, node: yaml.Node, ch: str) -> yaml.Mark | None:
        """Where `ch` first stands in the source of `node` (its line in a block of text),
        or the node's start when it does not stand there as itself (an escape, an entity)."""
        start, end = node.start_mark, node.end_mark
        if not self.source or start is None or end is None:
            return start
        index = self.source.find(ch, start.index, end.index)
        if index < 0:
            return start
        if not self._lines:
            self._lines = [0, *(m.end() for m in _LINE_BREAK.finditer(self.source))]
        line = bisect.bisect_right(self._lines, index) - 1
        return yaml.Mark("", index, line, index - self._lines[line], None, None)  # type: ignore[arg-type]

    # -- node types --------------------------------------------------------
    def named(self, node: yaml.Node, where: str, expected: str) -> list[tuple[str, yaml.Node]]:
        """(name, value node) of a mapping whose keys the author names (colours, languages,
        the stories of a translation by id): each name a word, given once."""
        return [(name, value) for name, _, value in self.keyed(node, where, expected)]

    def keyed(self, node: yaml.Node, where: str, expected: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """(name, key node, value node) of a mapping whose keys the author names; a key
        that is not a word (a list, a mapping, nothing) or is given twice is reported."""
        if not isinstance(node, yaml.MappingNode):
            self.report_at(node, where, f"expected {expected}, found {_describe(node)}")
            return []
        found: dict[str, yaml.Node] = {}
        keyed: list[tuple[str, yaml.Node, yaml.Node]] = []
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag == _NULL_TAG or not key.value.strip():
                self.report_at(key, where, f"{_describe(key)} is given as a key (expected {expected})")
                continue
            name = str(key.value)
            if name in found:
                self.report_at(key, _join(where, printable(name)), "given twice (first on line "
                                                                   f"{found[name].start_mark.line + 1})")
                continue
            found[name] = key
            keyed.append((name, key, value))
        return keyed

    def mapping(self, node: yaml.Node, where: str, fields: Mapping[str, Key]) -> dict[str, yaml.Node]:
        """Return the known keys' value nodes; report unknown, duplicate and missing keys."""
        if not isinstance(node, yaml.MappingNode):
            self.report_at(node, where, f"expected a mapping of keys, found {_describe(node)}")
            return {}
        found: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            key_where = _join(where, printable(str(key)))
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

    def text(self, node: yaml.Node, where: str, *, allow_empty: bool = False,
             markdown: bool = False) -> str | None:
        """A text value, checked: no control, unassigned or stray format character,
        not blank (invisible characters alone are blank), and, with a glyph check,
        nothing the fonts cannot draw as the page prints it (`markdown`: rendered)."""
        if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL_TAG:
            self.report_at(node, where, f"expected text, found {_describe(node)}")
            return None
        value = node.value.translate(SEPARATOR_TABLE)
        bad = next((ch for ch in value if is_control(ch) or is_stray_format(ch)), None)
        if bad is not None:
            self.report(self.mark_of(node, bad), f"{_join_where(where)}contains {what_is(bad)} (remove it)")
            return None
        value = value.strip()
        if not value and not allow_empty:
            self.report_at(node, where, "is empty (expected text)")
            return None
        if value and all(is_invisible(ch) for ch in value):
            shown = ", ".join(character_name(ch) for ch in dict.fromkeys(value) if ch not in " \t\n")
            self.report_at(node, where, f"is blank: it holds only invisible characters ({shown}) "
                                        "(expected text)")
            return None
        if self.glyphs is not None:
            missing = self.glyphs(value, markdown)
            for ch, problem in missing[:MAX_NAMED]:
                self.report(self.mark_of(node, ch), f"{_join_where(where)}{problem}")
            if len(missing) > MAX_NAMED:      # told after the last one named
                self.report(self.mark_of(node, missing[MAX_NAMED - 1][0]),
                            f"{_join_where(where)}and {len(missing) - MAX_NAMED} more characters that no "
                            "font of the publication has (is the text in another script?)")
        return value

    def slug(self, node: yaml.Node, where: str) -> str | None:
        value = self.text(node, where)
        if value is not None and not _SLUG.match(value):
            self.report_at(node, where, f"'{printable(value)}' is not a valid id (expected lowercase "
                                        "letters, digits and hyphens, e.g. 'steering-committee')")
            return None
        if value is not None and len(value) > MAX_SLUG:
            self.report_at(node, where, f"an id of {len(value)} characters is too long "
                                        f"(expected at most {MAX_SLUG}: ids name files)")
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


def _join_where(where: str) -> str:
    return f"{where}: " if where else ""


def _did_you_mean(key: str | None, fields: Mapping[str, Key]) -> str:
    close = difflib.get_close_matches(str(key), list(fields), n=1, cutoff=0.6)
    shown = printable(str(key))
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
    return f"{kind} '{printable(shown)}'"


def _scalar_number(node: yaml.ScalarNode) -> int | float | None:
    """The number YAML means (1_000, 0x10, 1.5e+3), or None for an explicit tag on non-numbers."""
    construct = (_CONSTRUCTOR.construct_yaml_int if node.tag == _INT_TAG
                 else _CONSTRUCTOR.construct_yaml_float)
    try:
        return construct(node)
    except ValueError:
        return None


def _mark_at(text: str, position: int) -> yaml.Mark:
    """The mark of `position`, its line counted as YAML and editors count them
    (\n, \r\n or a lone \r end a line)."""
    before = text[:position]
    line = before.count("\n") + before.count("\r") - before.count("\r\n")
    column = position - (max(before.rfind("\n"), before.rfind("\r")) + 1)
    return yaml.Mark("", position, line, column, None, 0)     # no buffer: no snippet


def _syntax_problem(err: yaml.MarkedYAMLError) -> tuple[yaml.Mark | None, str]:
    """Where a YAML error is and what it is, in the words of someone writing an issue."""
    problem, context = err.problem or "", err.context or ""
    mark = err.problem_mark or err.context_mark
    if "'\\t'" in problem:
        return mark, "tab character: indent with spaces (YAML does not allow tabs here)"
    if context.startswith("found duplicate anchor") and err.context_mark is not None:
        return mark, (f"YAML syntax error: {context.split(';')[0]} "
                      f"(first given on line {err.context_mark.line + 1})")
    if context == "while scanning a quoted scalar" and "end of stream" in problem:
        return err.context_mark, "YAML syntax error: this quoted text is never closed (expected a closing quote)"
    if "expected a single document" in context:
        return mark, "YAML syntax error: a second document starts here (expected one document; remove the '---')"
    if isinstance(err, LimitExceeded):
        return mark, problem
    return mark, (f"YAML syntax error: {problem or context}"
                  + (f" ({context})" if context and problem else ""))


_CONSTRUCTOR = SafeConstructor()
