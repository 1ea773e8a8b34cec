"""The tagged edition's structure tree, held to the rules of PDF/UA-1 that veraPDF checks
and a screen reader depends on. veraPDF itself is not packaged here (see the README):
these are our own readings of its rules, each a check of its own.

- headings (7.4.2-1): the first heading is an H1, and no heading skips a level;
- artifacts (7.1-1, 7.1-2, 7.1-3): everything drawn is tagged content whose structure
  element is in the tree, or an artifact (running heads, footers, page numbers);
- languages (7.2-3, 7.2-34): every story (Art) says its language, every /Lang is a
  language tag, and the words the edition prints in another language (the publication's
  name and addresses, `Target.foreign`) say theirs;
- link tags (7.18.5-1): every link annotation sits under a Link element, and one link is
  one Link however many lines or boxes it spans;
- link text (7.18.5-2): every link says where it goes, not merely what it points at.

The marked content of the pages is read once for these checks (`_marks`): the text each
marked-content id holds, read through the fonts' ToUnicode maps and /ActualText, and what
is drawn outside any marked content.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf

from ..typeset.structure import children_of, destination_pages, is_element, link_target, link_targets, refers_to
from ..typeset.textlayer import to_unicode
from .context import Check, CheckContext
from .report import FAIL, PASS, Finding

DRAWING = {"Tj", "TJ", "'", '"', "Do", "sh", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "INLINE IMAGE"}
SHOWING = {"Tj", "TJ", "'", '"'}
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
HEADING = re.compile(r"/H([1-6])")


# ---- The checks ---------------------------------------------------------------------------

def headings(context: CheckContext) -> list[Finding]:
    tree = _tree(context)
    found = [(int(m[1]), e) for e in tree.elements if (m := HEADING.fullmatch(str(e.get("/S"))))]
    findings, previous = [], 0
    for level, element in found:
        if level > previous + 1:
            where = f"the first heading is an H{level}" if previous == 0 else \
                f"an H{level} follows an H{previous}"
            findings.append(Finding(FAIL, "headings", f"{where}: a level is skipped (PDF/UA-1 7.4.2)",
                                    tree.page_of(element), _quoted(tree.text(element))))
        previous = level
    if not found:
        return [Finding(FAIL, "headings", "no headings: a screen reader cannot move from story to story")]
    levels = sorted({level for level, _ in found})
    return findings or [Finding(PASS, "headings", f"{len(found)} headings from H1 down, none skipping a "
                                                  f"level (H{'-H'.join(map(str, (levels[0], levels[-1])))})")]


def artifacts(context: CheckContext) -> list[Finding]:
    tree, marks = _tree(context), _marks(context)
    orphans: dict[int, int] = {}
    for page, mcid in marks.texts:
        if tree.holder(page, mcid) is None:
            orphans[page] = orphans.get(page, 0) + 1
    findings = [Finding(FAIL, "artifacts", f"{count} marked content{'s' * (count != 1)} no structure element "
                                           "holds: neither content nor artifact (running heads, footers, "
                                           "page numbers are artifacts)", (page,))
                for page, count in sorted(orphans.items())]
    findings += [Finding(FAIL, "artifacts", f"{count} thing{'s' * (count != 1)} drawn outside any marked "
                                            "content: neither tagged nor an artifact", (page,))
                 for page, count in sorted(marks.untagged.items())]
    return findings or [Finding(PASS, "artifacts", f"{len(marks.texts)} marked contents, each in the "
                                                   "structure tree; running heads, footers and page "
                                                   f"numbers are artifacts ({marks.artifacts})")]


def languages(context: CheckContext) -> list[Finding]:
    tree = _tree(context)
    catalog = str(context.pdf.Root.get("/Lang", ""))
    findings = []
    stories = [e for e in tree.elements if e.get("/S") == "/Art"]
    for element in stories:
        if not tree.language(element, ""):
            findings.append(Finding(FAIL, "languages", "a story without a language (/Lang)",
                                    tree.page_of(element), _quoted(tree.text(element))))
    for element in tree.elements:
        given = element.get("/Lang")
        if given is not None and not LANGUAGE_TAG.fullmatch(str(given)):
            findings.append(Finding(FAIL, "languages", f"'{given}' is not a language tag",
                                    tree.page_of(element)))
    foreign = 0
    for words, language in context.target.foreign:
        wanted = _folded(words)
        # The innermost elements that are these words (not a sentence that quotes them).
        holders = [e for e in tree.elements if _folded(tree.text(e)) == wanted and
                   not any(_folded(tree.text(k)) == wanted for k in children_of(e) if is_element(k))]
        for element in holders:
            foreign += 1
            said = tree.language(element, catalog)
            if said != language:
                findings.append(Finding(FAIL, "languages", f"read as '{said}', not as '{language}'",
                                        tree.page_of(element), _quoted(words)))
    return findings or [Finding(PASS, "languages", f"{len(stories)} story parts in their language, "
                                                   f"{foreign} foreign names and addresses in theirs")]


def link_tags(context: CheckContext) -> list[Finding]:
    tree = _tree(context)
    findings, count = [], 0
    for number, annotation in _links(context.pdf):
        count += 1
        holder = tree.parents.get(int(annotation.StructParent)) if "/StructParent" in annotation else None
        if not isinstance(holder, pikepdf.Dictionary):
            findings.append(Finding(FAIL, "link tags", "a link annotation no structure element holds "
                                                       "(PDF/UA-1 7.18.5)", (number,), link_target(annotation)))
        elif holder.get("/S") != "/Link" or not any(refers_to(k, annotation) for k in children_of(holder)):
            findings.append(Finding(FAIL, "link tags", f"a link annotation under a {str(holder.get('/S'))[1:]}, "
                                                       "not a Link (PDF/UA-1 7.18.5)", (number,),
                                    link_target(annotation)))
    for element in tree.elements:
        if element.get("/S") != "/Link":
            continue
        if any(a.get("/S") == "/Link" for a in tree.ancestors(element)):
            findings.append(Finding(FAIL, "link tags", "a Link inside a Link: one link read as two",
                                    tree.page_of(element), _quoted(tree.text(element))))
    for element in tree.elements:
        links = [k for k in children_of(element) if is_element(k)]
        for before, after in zip(links, links[1:]):
            if before.get("/S") == after.get("/S") == "/Link" and link_targets(before) and \
                    link_targets(before) == link_targets(after):
                findings.append(Finding(FAIL, "link tags", "one link tagged as two Links side by side "
                                                           "(one per line it wraps)", tree.page_of(after),
                                        _quoted(tree.text(before) + " " + tree.text(after))))
    return findings or [Finding(PASS, "link tags", f"{count} link annotations, each under the one Link "
                                                   "element of its link")]


def link_text(context: CheckContext) -> list[Finding]:
    places = destination_pages(context.pdf)
    findings, count = [], 0
    for number, annotation in _links(context.pdf):
        count += 1
        said = " ".join(str(annotation.get("/Contents", "")).split())
        target = link_target(annotation)
        page = places.get(target)
        if not said:
            problem = "a link that does not say where it goes (no /Contents)"
        elif said in (target, f"#{target}") or said.casefold() == target.casefold():
            problem = f"says only its target ('{said}'): say where it goes"
        elif page is not None and not re.search(rf"(?<!\d){page}(?!\d)", said):
            problem = f"'{said}' does not name page {page}, where it goes"
        else:
            continue
        findings.append(Finding(FAIL, "link text", problem, (number,), target))
    return findings or [Finding(PASS, "link text", f"{count} links, each saying where it goes")]


CHECKS: dict[str, Check] = {"headings": headings, "artifacts": artifacts, "languages": languages,
                            "link tags": link_tags, "link text": link_text}


# ---- The tree -----------------------------------------------------------------------------

@dataclass
class _Tree:
    """The structure tree as a reader walks it, and its parent tree."""
    pdf: pikepdf.Pdf
    marks: _Marks
    elements: list = field(default_factory=list)
    parent: dict = field(default_factory=dict)       # objgen -> its parent element
    parents: dict = field(default_factory=dict)      # the parent tree: number -> entry
    pages: dict = field(default_factory=dict)        # page objgen -> number from 1
    held: set = field(default_factory=set)           # the objgen of every element in the tree

    def __post_init__(self) -> None:
        root = self.pdf.Root.get("/StructTreeRoot")
        self.pages = {page.objgen: n for n, page in enumerate(self.pdf.pages, start=1)}
        if root is None:
            return
        if "/ParentTree" in root:
            self.parents = dict(pikepdf.NumberTree(root.ParentTree).items())
        stack = [(kid, None) for kid in reversed(children_of(root))]
        seen = set()
        while stack:
            node, parent = stack.pop()
            if not is_element(node) or node.objgen in seen:
                continue
            seen.add(node.objgen)
            self.elements.append(node)
            if parent is not None:
                self.parent[node.objgen] = parent
            stack += [(kid, node) for kid in reversed(children_of(node))]
        self.held = seen

    def holder(self, page: int, mcid: int):
        """The element in the tree that holds marked content `mcid` of `page`, or None."""
        owners = self.parents.get(page - 1)
        owner = owners[mcid] if isinstance(owners, pikepdf.Array) and mcid < len(owners) else None
        return owner if isinstance(owner, pikepdf.Dictionary) and owner.objgen in self.held else None

    def ancestors(self, element) -> Iterator:
        node = self.parent.get(element.objgen)
        while node is not None:
            yield node
            node = self.parent.get(node.objgen)

    def language(self, element, default: str) -> str:
        for node in (element, *self.ancestors(element)):
            if "/Lang" in node:
                return str(node.Lang)
        return default

    def page_of(self, element) -> tuple[int, ...]:
        page = element.get("/Pg")
        return (self.pages[page.objgen],) if page is not None and page.objgen in self.pages else ()

    def text(self, element) -> str:
        """The words an element holds, its kids' in order."""
        parts, stack = [], [element]
        while stack:
            node = stack.pop()
            page = self.page_of(node) if is_element(node) else ()
            for kid in reversed(children_of(node)):
                if is_element(kid):
                    stack.append(kid)
                elif _is_number(kid) and page:
                    parts.append(self.marks.texts.get((page[0], int(kid)), ""))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR" and "/Pg" in kid:
                    parts.append(self.marks.texts.get((self.pages.get(kid.Pg.objgen, 0), int(kid.MCID)), ""))
        return " ".join(" ".join(reversed(parts)).split())


_MEMO: dict[int, _Tree] = {}


def _tree(context: CheckContext) -> _Tree:
    """The tree of the PDF the checks are reading, read once for all of them."""
    key = id(context.pdf)
    if key not in _MEMO or _MEMO[key].pdf is not context.pdf:
        _MEMO.clear()
        _MEMO[key] = _Tree(context.pdf, _read_marks(context.pdf))
    return _MEMO[key]


def _marks(context: CheckContext) -> _Marks:
    return _tree(context).marks


# ---- The pages' marked content --------------------------------------------------------------

@dataclass
class _Marks:
    texts: dict = field(default_factory=dict)        # (page from 1, mcid) -> text
    untagged: dict = field(default_factory=dict)     # page -> things drawn outside marked content
    artifacts: int = 0


def _read_marks(pdf: pikepdf.Pdf) -> _Marks:
    marks = _Marks()
    for number, page in enumerate(pdf.pages, start=1):
        fonts = _decoders(page.obj.get("/Resources"))
        stack: list[tuple[int | None, str | None, bool]] = []     # (mcid, actual text, artifact)
        font = None
        for instruction in pikepdf.parse_content_stream(page):
            op, operands = str(instruction.operator), instruction.operands
            if op in ("BDC", "BMC"):
                given = operands[1] if len(operands) > 1 else None
                properties = given if isinstance(given, pikepdf.Dictionary) else pikepdf.Dictionary()
                mcid = int(properties["/MCID"]) if "/MCID" in properties else None
                actual = _text_string(properties["/ActualText"]) if "/ActualText" in properties else None
                artifact = str(operands[0]) == "/Artifact"
                stack.append((mcid, actual, artifact))
                marks.artifacts += artifact
                if mcid is not None:
                    marks.texts.setdefault((number, mcid), "")
                owner = _innermost(stack)
                if actual is not None and owner is not None:
                    marks.texts[number, owner] += actual
            elif op == "EMC" and stack:
                stack.pop()
            elif op == "Tf":
                font = str(operands[0])
            elif op in DRAWING:
                if not stack:
                    marks.untagged[number] = marks.untagged.get(number, 0) + 1
                owner = _innermost(stack)
                if op in SHOWING and owner is not None and font in fonts and \
                        not any(actual is not None for _, actual, _ in stack):
                    marks.texts[number, owner] += _decode(operands[-1], *fonts[font])
    return marks


def _innermost(stack) -> int | None:
    return next((mcid for mcid, _, _ in reversed(stack) if mcid is not None), None)


def _decoders(resources) -> dict[str, tuple[int, dict[bytes, str]]]:
    found = {}
    fonts = resources.get("/Font") if resources is not None else None
    for name, font in (fonts.items() if fonts is not None else ()):
        if "/ToUnicode" in font:
            width = 2 if font.get("/Subtype") == "/Type0" else 1
            found[str(name)] = (width, to_unicode(font.ToUnicode.read_bytes(), width))
    return found


def _decode(operand, width: int, glyphs: dict[bytes, str]) -> str:
    """The text a Tj or TJ operand shows; a large negative spacing reads as a space."""
    items = operand if isinstance(operand, pikepdf.Array) else [operand]
    text = []
    for item in items:
        if isinstance(item, int):            # most of a TJ's parts: tested first
            if item < -200:
                text.append(" ")
        elif isinstance(item, pikepdf.String):
            data = bytes(item)
            text += [glyphs.get(data[n:n + width], "") for n in range(0, len(data) - width + 1, width)]
        elif _is_number(item) and float(item) < -200:
            text.append(" ")
    return "".join(text)


def _text_string(value) -> str:
    data = bytes(value)
    return data[2:].decode("utf-16-be", "replace") if data.startswith(b"\xfe\xff") else str(value)


# ---- Small readers ------------------------------------------------------------------------------

def _is_number(value) -> bool:
    return isinstance(value, int) or (isinstance(value, pikepdf.Object)
                                      and value._type_code in (pikepdf.ObjectType.integer, pikepdf.ObjectType.real))


def _links(pdf: pikepdf.Pdf) -> Iterator[tuple[int, pikepdf.Dictionary]]:
    for number, page in enumerate(pdf.pages, start=1):
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") == "/Link":
                yield number, annotation


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text[:60]}{'…' if len(text) > 60 else ''}”" if text else ""
