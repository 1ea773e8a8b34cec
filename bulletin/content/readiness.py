"""Is the copy ready for readers? Words still to come and markup the page would print as text.

An issue that loads is valid, not necessarily finished: `bulletin new` fills it with
words marked TK (the trade's "to come") and placeholder photos, and an officer may
paste a Markdown image or an HTML tag into a story, which the page prints as it is.
This reads the content files again, node by node, and locates each such place:

- unfinished (copy to come): a TK, `bulletin new`'s placeholder words (its examples,
  found with or without their TK), a photo bulletin drew as a placeholder (but in an
  example issue), a caption or alt text that says nothing. `check` and `watch` warn;
  preflight fails, which withholds the print shop hand-off.
- markup: Markdown image syntax and raw HTML in a text, printed as text: a warning
  that says what to write instead.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import Image

from ..errors import ContentProblem
from ..files import shown_path
from .fields import CHART, FACTBOX, FIGURE, ISSUE, KEY_FIGURE, PART, POINT, QUOTE, SERIES, STORY, TK
from .model import Issue
from .translation import translation_files
from .yamlreader import NodeReader

ISSUE_FILE = "issue.yaml"
# What `bulletin placeholders` (and `bulletin new`) write into the photos they draw: a JPEG
# comment or a PNG text chunk, so that a placeholder is known for what it is wherever it goes.
PLACEHOLDER_MARK = "bulletin placeholder photo"

_TABLES = (ISSUE, STORY, QUOTE, FIGURE, FACTBOX, CHART, POINT, SERIES, PART, KEY_FIGURE)
# Keys whose values are not words a reader reads: ids, file names, kinds, units, dates.
_NOT_WORDS = frozenset(key for table in _TABLES for key, field in table.items()
                       if field.kind.scalar and not field.words)
_TK = re.compile(rf"(?<!\w){TK}(?!\w)")
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_HTML = re.compile(r"<!--|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_FILE_NAME = re.compile(r"\S+\.(?:jpe?g|png|gif|tiff?|webp|heic)", re.IGNORECASE)


@dataclass(frozen=True)
class Notice:
    """One place of the content that is not ready, located in its file."""
    problem: ContentProblem
    unfinished: bool        # copy to come (preflight fails); else markup printed as text (a warning)

    def __str__(self) -> str:
        return str(self.problem)


def copy_notices(issue: Issue) -> list[Notice]:
    """What is not ready in `issue` as its language prints it: the words of its own file
    (issue.yaml, or its translation) and the photos of issue.yaml."""
    first = issue.folder / ISSUE_FILE
    translation = translation_files(issue.folder).get(issue.language)
    own = translation if translation is not None and _language_of(first) != issue.language else first
    notices = list(_words(own))
    notices += _photos(first, issue)
    return sorted(dict.fromkeys(notices), key=lambda n: (n.problem.file, n.problem.line, n.problem.column))


# ---- Words --------------------------------------------------------------------------

def _words(path: Path) -> Iterator[Notice]:
    content = _Content.read(path)
    if content is None:
        return
    for where, node in _texts(content.root, ""):
        yield from _text_notices(content, where, node)


def _texts(node: yaml.Node, where: str) -> Iterator[tuple[str, yaml.ScalarNode]]:
    """Every text a reader reads, with its place: the values of the word keys, however
    deep (a translation keys its stories and charts by id, issue.yaml lists them)."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
            if name not in _NOT_WORDS:
                yield from _texts(value, f"{where}.{name}" if where else name)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _texts(item, f"{where}[{index}]")
    elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
        yield where, node


def _text_notices(content: _Content, where: str, node: yaml.ScalarNode) -> Iterator[Notice]:
    value = node.value
    key = where.rsplit(".", 1)[-1]
    if _TK.search(value):
        yield content.notice(node, _TK, f"{where}: TK: words still to come (write them)")
    elif (phrase := _placeholder_phrase(value)) is not None:
        yield content.notice(node, phrase, f"{where}: `bulletin new`'s placeholder words (write the words)")
    elif key in ("alt", "caption") and (not re.search(r"\w", value) or _FILE_NAME.fullmatch(value.strip())):
        what = ("what the photo shows, for readers who cannot see it" if key == "alt"
                else "who and what the photo shows, where and when")
        yield content.notice(node, None, f"{where}: says nothing a reader can use (write {what})")
    if _MARKDOWN_IMAGE.search(value):
        yield content.notice(node, _MARKDOWN_IMAGE, f"{where}: a Markdown image is printed as text, not "
                                                   "placed (photos go under the story's `figures:`, each "
                                                   "with image, caption, credit and alt)", unfinished=False)
    elif (tag := _HTML.search(value)) is not None:
        yield content.notice(node, _HTML, f"{where}: raw HTML ('{tag[0][:40]}') is printed as text, not "
                                          "as markup (write Markdown: *emphasis*, [links](https://...), "
                                          "lists; photos go under the story's `figures:`)", unfinished=False)


def _placeholder_phrase(value: str) -> re.Pattern | None:
    for pattern, whole in _PHRASES:
        if (pattern.fullmatch(value.strip()) if whole else pattern.search(value)):
            return pattern
    return None


def _phrases() -> list[tuple[re.Pattern, bool]]:
    """`bulletin new`'s placeholder words: every example of a word key that carries TK, the
    TK taken out; a phrase of three words or fewer counts only as the whole text."""
    found = []
    for text in dict.fromkeys(_examples(_TABLES)):
        if TK not in text:
            continue
        for part in text.split("\n"):
            words = _TK.sub("", part).strip(" -")
            if not words:
                continue
            pattern = r"\s+".join(map(re.escape, words.split()))
            pattern = pattern.replace(re.escape("{about}"), r"(?:\s*\(about\s+\d+\s+words?\))?")
            found.append((re.compile(pattern), len(words.split()) <= 3))
    return found


def _examples(tables) -> Iterator[str]:
    for table in tables:
        for field in table.values():
            yield from _strings(field.example) if field.words else ()


def _strings(example) -> Iterator[str]:
    if isinstance(example, str):
        yield example
    elif isinstance(example, list):
        for item in example:
            yield from _strings(item)
    elif isinstance(example, dict):
        for value in example.values():
            yield from _strings(value)


_PHRASES = _phrases()


# ---- Photos -------------------------------------------------------------------------

def _photos(path: Path, issue: Issue) -> Iterator[Notice]:
    """The placeholder photos of issue.yaml's figures (none in an example issue)."""
    if issue.example:
        return
    content = _Content.read(path)
    if content is None or not isinstance(content.root, yaml.MappingNode):
        return
    for where, node in _image_nodes(content.root):
        image = (issue.folder / node.value).resolve()
        if image.is_relative_to(issue.folder.resolve()) and image.is_file() and is_placeholder(image):
            yield content.notice(node, None, f"{where}: '{node.value}' is a placeholder bulletin drew "
                                             "(put the photo itself in its place)")


def _image_nodes(root: yaml.MappingNode) -> Iterator[tuple[str, yaml.ScalarNode]]:
    stories = _value(root, "stories")
    for s, story in enumerate(stories.value if isinstance(stories, yaml.SequenceNode) else ()):
        figures = _value(story, "figures")
        for f, figure in enumerate(figures.value if isinstance(figures, yaml.SequenceNode) else ()):
            image = _value(figure, "image")
            if isinstance(image, yaml.ScalarNode):
                yield f"stories[{s}].figures[{f}].image", image


def is_placeholder(path: Path) -> bool:
    """Whether the photo at `path` is one bulletin drew as a placeholder (reads its header)."""
    try:
        with Image.open(path) as image:
            mark = image.info.get("comment", image.info.get("Comment", b""))
    except (OSError, ValueError, SyntaxError, EOFError):
        return False
    text = mark.decode("utf-8", "replace") if isinstance(mark, bytes) else str(mark)
    return text == PLACEHOLDER_MARK


# ---- The file -------------------------------------------------------------------------

@dataclass(frozen=True)
class _Content:
    """A content file's nodes and its text, to point at a word inside a value."""
    shown: str
    text: str
    root: yaml.Node

    @classmethod
    def read(cls, path: Path) -> _Content | None:
        reader = NodeReader(path, shown_path(path))
        root = reader.compose() if path.is_file() else None
        if root is None:            # the loader reports what is wrong with the file
            return None
        return cls(reader.shown_as, path.read_bytes().decode("utf-8-sig"), root)

    def notice(self, node: yaml.Node, found: re.Pattern | None, message: str,
               unfinished: bool = True) -> Notice:
        """A notice at what `found` matches in the node's text as written, else at the node."""
        start, end = node.start_mark.index, node.end_mark.index
        match = found.search(self.text, start, end) if found is not None else None
        at = match.start() if match else start
        line = self.text.count("\n", 0, at) + 1
        column = at - self.text.rfind("\n", 0, at)
        return Notice(ContentProblem(self.shown, line, column, message), unfinished)


def _value(node: yaml.Node, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _language_of(path: Path) -> str:
    content = _Content.read(path)
    language = _value(content.root, "language") if content is not None else None
    return str(language.value) if isinstance(language, yaml.ScalarNode) else ""

