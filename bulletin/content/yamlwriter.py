"""Writing YAML for a person to edit: the counterpart of yamlreader.

A document is a list of `Entry` (a key, its value and the comment written beside
it) and `Note` (a comment line, or a blank line). A value is plain, a list, or a
`Mapping`; an entry or a list's mapping may be `commented` out, as an example that
the person uses by removing "# " from its lines. Text is written plain when YAML
reads it back unchanged (else quoted), or as a folded (`>`) or literal (`|`) block.
"""
from __future__ import annotations

import datetime as dt
import json
import textwrap
from dataclasses import dataclass
from typing import Any

import yaml

WIDTH = 72                 # folded text is wrapped to this many columns
COMMENT_COLUMN = 33        # where a comment beside a key starts, when the line leaves room


@dataclass(frozen=True)
class Note:
    """A comment line, or a blank line when `text` is empty."""
    text: str = ""


@dataclass(frozen=True)
class Entry:
    key: str
    value: Any                     # str, number, bool, date, list or Mapping
    comment: str = ""              # written beside the key
    style: str = ""                # text as a folded (">") or literal ("|") block
    commented: bool = False


@dataclass(frozen=True)
class Mapping:
    items: tuple[Entry | Note, ...]
    commented: bool = False        # as an item of a list


def dump(items: list[Entry | Note]) -> str:
    """The document as YAML text."""
    return "\n".join(_lines(items, 0)) + "\n"


def scalar(value: Any) -> str:
    """`value` as a YAML scalar: text plain when YAML reads it back unchanged, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        if value and yaml.safe_load(value) == value and value == value.strip() and "#" not in value:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def _lines(items, indent: int) -> list[str]:
    lines = []
    for item in items:
        if isinstance(item, Note):
            lines.append(f"{' ' * indent}# {item.text}" if item.text else "")
        else:
            entry = _entry_lines(item, indent)
            lines += [_comment_out(line, indent) for line in entry] if item.commented else entry
    return lines


def _entry_lines(entry: Entry, indent: int) -> list[str]:
    pad, value = " " * indent, entry.value
    if isinstance(value, Mapping):
        return [_beside(f"{pad}{entry.key}:", entry.comment)] + _lines(value.items, indent + 2)
    if isinstance(value, list):
        return [_beside(f"{pad}{entry.key}:", entry.comment)] + _list_lines(value, indent + 2)
    if entry.style and isinstance(value, str):
        return [_beside(f"{pad}{entry.key}: {entry.style}", entry.comment)] \
            + _block_lines(value, entry.style, indent + 2)
    return [_beside(f"{pad}{entry.key}: {scalar(value)}", entry.comment)]


def _list_lines(items: list, indent: int) -> list[str]:
    lines = []
    for item in items:
        if isinstance(item, Note):
            lines += _lines([item], indent)
        elif isinstance(item, Mapping):
            # The mapping is set two columns in, its first line behind the dash.
            mapping = _lines(item.items, indent + 2)
            mapping[0] = f"{' ' * indent}- {mapping[0][indent + 2:]}"
            lines += [_comment_out(line, indent) for line in mapping] if item.commented else mapping
        else:
            lines.append(f"{' ' * indent}- {scalar(item)}")
    return lines


def _block_lines(text: str, style: str, indent: int) -> list[str]:
    pad = " " * indent
    if style == ">":
        return [pad + line for line in textwrap.wrap(text, WIDTH - indent, break_long_words=False,
                                                     break_on_hyphens=False)]
    return [pad + line if line else "" for line in text.rstrip("\n").split("\n")]


def _beside(line: str, comment: str) -> str:
    if not comment:
        return line
    return f"{line}{' ' * max(2, COMMENT_COLUMN - len(line))}# {comment}"


def _comment_out(line: str, at: int) -> str:
    """`line` commented out at column `at`, so that removing "# " restores it."""
    return f"{line[:at]}# {line[at:]}"
