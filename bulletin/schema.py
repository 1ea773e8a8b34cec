"""Reading YAML node by node, so that every mistake is reported with its line.

PyYAML's `compose` keeps the position of every node; the helpers here check a
node's type and turn it into a Python value, recording a `ContentProblem`
instead of raising, so one run reports every mistake in the file.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import ContentProblem

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_NULL_TAG = "tag:yaml.org,2002:null"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Field:
    """One key a mapping may hold."""
    required: bool
    expected: str          # shown to the user: "text", "a list of stories"


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
        try:
            text = self.file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as err:
            self.report(None, f"not UTF-8 text (bad byte at offset {err.start}); "
                              "save the file as UTF-8")
            return None
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            self.report(mark, f"YAML syntax error: {err.problem or err.context}"
                              + (f" ({err.context})" if err.context and err.problem else ""))
            return None
        except yaml.YAMLError as err:
            self.report(None, f"YAML syntax error: {err}")
            return None
        if node is None:
            self.report(None, "the file is empty (expected a mapping of keys)")
        return node

    # -- node types --------------------------------------------------------
    def mapping(self, node: yaml.Node, where: str, fields: dict[str, Field]) -> dict[str, yaml.Node]:
        """Return the known keys' value nodes; report unknown, duplicate and missing keys."""
        if not isinstance(node, yaml.MappingNode):
            self.report_at(node, where, f"expected a mapping of keys, found {_describe(node)}")
            return {}
        found: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            key_where = _join(where, str(key))
            if key not in fields:
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
        return value

    def slug(self, node: yaml.Node, where: str) -> str | None:
        value = self.text(node, where)
        if value is not None and not _SLUG.match(value):
            self.report_at(node, where, f"'{value}' is not a valid id (expected lowercase "
                                        "letters, digits and hyphens, e.g. 'steering-committee')")
            return None
        return value

    def integer(self, node: yaml.Node, where: str, low: int, high: int) -> int | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != _INT_TAG:
            self.report_at(node, where, f"expected a whole number, found {_describe(node)}")
            return None
        value = int(node.value)
        if not low <= value <= high:
            self.report_at(node, where, f"{value} is out of range (expected {low} to {high})")
            return None
        return value

    def number(self, node: yaml.Node, where: str) -> float | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (_INT_TAG, _FLOAT_TAG):
            self.report_at(node, where, f"expected a number, found {_describe(node)}")
            return None
        return float(node.value.replace("_", ""))

    def date(self, node: yaml.Node, where: str) -> str | None:
        raw = node.value if isinstance(node, yaml.ScalarNode) else None
        try:
            return dt.date.fromisoformat(str(raw)).isoformat()
        except (TypeError, ValueError):
            self.report_at(node, where, f"expected a date like 2017-04-28, found {_describe(node)}")
            return None


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _did_you_mean(key: str | None, fields: dict[str, Field]) -> str:
    close = difflib.get_close_matches(str(key), list(fields), n=1, cutoff=0.6)
    return f" '{key}', did you mean '{close[0]}'?" if close else f" '{key}'"


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
    return f"{kind} '{shown}'"
