"""Composing a content file into YAML nodes, within limits.

libyaml parses (ten times faster than PyYAML's own parser, which the officer's
issue file is read with twice a build: once to load, once in each edition's
preflight); the composing, with its limits on nesting and on what aliases
expand to, is PyYAML's, in Python. A file libyaml refuses is parsed again by
PyYAML, whose messages `yamlreader` turns into the officer's words.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml
from yaml._yaml import CParser

from .characters import printable

# Limits that keep a hostile file from exhausting the machine. A real issue is
# a few thousand values, nested eight levels deep.
MAX_DEPTH = 40
MAX_VALUES = 100_000       # values once every alias is expanded ("billion laughs")
MAX_CHARACTERS = 1_000_000  # characters of text once every alias is expanded
PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("int", "float", "str", "timestamp", "null", "bool",
                                                       "seq", "map")}


def compose(text: str) -> tuple[yaml.Node | None, list[tuple[yaml.Mark, str]]]:
    """The file's node tree, and the tags it refuses with where they are."""
    try:
        return _FastLoader(text).composed()
    except LimitExceeded:          # the composer's own, the same over either parser: no second pass
        raise
    except (yaml.YAMLError, UnicodeError):
        return _GuardedLoader(text).composed()


class LimitExceeded(yaml.MarkedYAMLError):
    """A file deeper or larger than any real content file."""


class _GuardedComposer(yaml.composer.Composer):
    """PyYAML's composer with limits on nesting and on what aliases expand to.

    Composing never builds Python objects, so tags cannot run code; explicit
    tags beyond plain text, numbers, dates, lists and mappings are still
    reported, because they mean the file was not written for a bulletin.
    The events come from a parser the subclass brings.
    """

    if TYPE_CHECKING:            # brought by the parser it is mixed with
        def peek_event(self) -> Any: ...
        def dispose(self) -> None: ...

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.values = 0                     # values so far, aliases expanded
        self.characters = 0                 # characters of text so far, aliases expanded
        self.sizes: dict[int, tuple[int, int]] = {}   # id(node) -> (values, characters) under it
        self.open_anchors: set[str] = set()
        self.refused_tags: list[tuple[yaml.Mark, str]] = []

    def composed(self) -> tuple[yaml.Node | None, list[tuple[yaml.Mark, str]]]:
        try:
            return self.get_single_node(), self.refused_tags
        finally:
            self.dispose()

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            return self._compose_alias(event, parent, index)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise LimitExceeded(None, None, f"the content is nested more than {MAX_DEPTH} levels "
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
            raise LimitExceeded(None, None, f"the alias '*{event.anchor}' refers to a value that "
                                 "contains it (a loop; write the value out)", event.start_mark)
        node = super().compose_node(parent, index)
        self._add(*self.sizes.get(id(node), (1, 0)), event)
        return node

    def _count(self, node: yaml.Node, event) -> None:
        """Count a node just composed: itself, and what its children hold (counted as
        they were composed) for the aliases that may repeat it."""
        if event.tag not in (None, "!") and node.tag not in PLAIN_TAGS:
            self.refused_tags.append((event.start_mark, f"the tag '{_shown_tag(event.tag)}' is not "
                                      "allowed (expected plain text, numbers, lists and mappings)"))
        children = ([n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode)
                    else node.value if isinstance(node, yaml.SequenceNode) else [])
        own = len(node.value) if isinstance(node, yaml.ScalarNode) else 0
        sizes = [self.sizes.get(id(child), (1, 0)) for child in children]
        self.sizes[id(node)] = (1 + sum(v for v, _ in sizes), own + sum(c for _, c in sizes))
        self._add(1, own, event)

    def _add(self, values: int, characters: int, event) -> None:
        """Add to the file's totals, aliases expanded: both are bounded before any value
        is read, so a small file that repeats a large text cannot make reading it long."""
        self.values += values
        self.characters += characters
        if self.values > MAX_VALUES:
            raise LimitExceeded(None, None, f"the file holds more than {MAX_VALUES:,} values, "
                                 "counting what each alias repeats (an issue holds a few "
                                 "thousand; write the content out instead of repeating aliases)",
                                 event.start_mark)
        if self.characters > MAX_CHARACTERS:
            raise LimitExceeded(None, None, f"the file holds more than {MAX_CHARACTERS:,} "
                                 "characters of text, counting what each alias repeats (an issue "
                                 "holds a few ten thousand; write the text out once instead of "
                                 "repeating it with aliases)", event.start_mark)


class _GuardedLoader(_GuardedComposer, yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
                     yaml.resolver.Resolver):
    """The guarded composer over PyYAML's own reader and parser."""

    def __init__(self, text: str):
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        _GuardedComposer.__init__(self)


class _FastLoader(_GuardedComposer, CParser, yaml.resolver.Resolver):
    """The guarded composer over libyaml's parser: the same nodes and marks (a test holds
    both to the same tree, Cyrillic included)."""

    def __init__(self, text: str):
        CParser.__init__(self, text)
        yaml.resolver.Resolver.__init__(self)
        _GuardedComposer.__init__(self)


def _shown_tag(tag: str) -> str:
    return printable(tag.replace("tag:yaml.org,2002:", "!!", 1))
