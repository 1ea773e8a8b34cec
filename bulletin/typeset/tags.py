"""The tagged edition's structure tree, mended where WeasyPrint 70 leaves it short of PDF/UA-1.

WeasyPrint tags what it lays out, but:

- an element's `lang` does not reach the tags: every story and every foreign name is
  read in the document's language;
- the page's margin boxes (running heads, footers, page numbers) are marked content
  that no structure element holds: neither artifacts nor content;
- a link gets an annotation for every box it holds (in the contents, its page number,
  kicker and headline; elsewhere, each line it wraps over), each under the structure
  element of its own box: a nested Link, a Span, or a Link of its own per line;
- a link's description (/Contents) is its target as written: a story's id.

Two steps mend them. While the edition is written, WeasyPrint's tag builder is wrapped
(`languages_in_tags`): an element with a `lang` of its own gives its structure element
/Lang, and an element hidden from readers (`aria-hidden="true"`) is left out of the tree.
Once written, the file is read back (`mend_structure`, with pikepdf): marked content that
no structure element holds becomes a pagination artifact; the annotations of one link are
gathered under one Link element (a nested Link or a Span gives its own up, the Links of one
link's lines become one), an annotation lying within another of the same link is dropped,
and each link says where it goes ("Story: <headline>, page 3").
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote, urlparse

import pikepdf
import pydyf

from .structure import children_of, destination_pages, is_element, is_objr, link_target, link_targets, refers_to

ARTIFACT = pikepdf.Name("/Artifact")
# A rectangle within another, to this many points: the same link drawn twice.
WITHIN_PT = 0.5


@dataclass(frozen=True)
class LinkWords:
    """What each link says it goes to, in the edition's language (wording's link_* keys)."""
    story: str = "Story: {headline}, page {page}"
    page: str = "Page {page}"
    web: str = "Web page: {address}"
    mail: str = "Email: {address}"
    headlines: Mapping[str, str] = field(default_factory=dict)     # story id -> headline

    def describe(self, target: str, page: int | None) -> str:
        """A link's description: where its `target` (a URI, or a destination in the
        document on `page`) takes the reader."""
        parsed = urlparse(target)
        if parsed.scheme == "mailto":
            return self.mail.format(address=unquote(parsed.path))
        if parsed.scheme in ("http", "https"):
            return self.web.format(address=target.split("://", 1)[1].rstrip("/"))
        headline = self.headlines.get(target)
        shown = page if page is not None else "?"
        if headline is not None:
            return self.story.format(headline=" ".join(headline.split()), page=shown)
        return self.page.format(page=shown)


# ---- While WeasyPrint writes -------------------------------------------------------------

@contextlib.contextmanager
def languages_in_tags() -> Iterator[None]:
    """WeasyPrint's tag builder, while the block runs, with each element's own `lang` as
    /Lang and the elements hidden from readers left out of the tree (their marked content
    is then no element's: `mend_structure` makes it an artifact)."""
    # WeasyPrint's import is heavy: only the processes that write PDFs pay for it (see render).
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder
    from weasyprint.pdf import tags

    original = tags._build_box_tree

    def build(box, parent, pdf, page_number, nums, annotations, marks):
        own = box._box if isinstance(box, AbsolutePlaceholder) else box
        element = getattr(own, "element", None)
        whole = (element is None or not hasattr(element, "get") or isinstance(own, boxes.PageBox)
                 or getattr(own, "element_tag", None) in ("html", "body"))
        if not whole and element.get("aria-hidden") == "true":
            tuple(original(box, parent, pdf, page_number, nums, annotations, marks))
            return
        language = None if whole else element.get("lang")
        for made in original(box, parent, pdf, page_number, nums, annotations, marks):
            if language and "Lang" not in made:
                made["Lang"] = pydyf.String(language)
            yield made

    tags._build_box_tree = build
    try:
        yield
    finally:
        tags._build_box_tree = original


# ---- Once written ----------------------------------------------------------------------

def mend_structure(pdf: pikepdf.Pdf, words: LinkWords) -> None:
    """Artifacts, links and their descriptions, as the module says."""
    if "/StructTreeRoot" not in pdf.Root:
        return
    tree = _Tree(pdf)
    tree.mark_artifacts()
    tree.gather_links()
    tree.describe_links(words)
    tree.drop_empty()


class _Tree:
    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        self.root = pdf.Root.StructTreeRoot
        self.parents = pikepdf.NumberTree(self.root.ParentTree)
        self.pages = {page.objgen: n for n, page in enumerate(pdf.pages)}

    # -- the tree -------------------------------------------------------------------
    def elements(self) -> Iterator[pikepdf.Dictionary]:
        """Every structure element reachable from the root, in reading order."""
        stack = list(reversed(children_of(self.root)))
        while stack:
            node = stack.pop()
            if is_element(node):
                yield node
                stack += reversed(children_of(node))

    # -- artifacts ------------------------------------------------------------------
    def mark_artifacts(self) -> None:
        """Marked content whose structure element is not in the tree becomes a pagination
        artifact (the margin boxes' running heads, footers and folios)."""
        held = {e.objgen for e in self.elements()}
        for number, page in enumerate(self.pdf.pages):
            owners = self.parents.get(number)
            if not isinstance(owners, pikepdf.Array):
                continue
            orphans = {mcid for mcid, owner in enumerate(owners)
                       if not isinstance(owner, pikepdf.Dictionary) or owner.objgen not in held}
            if orphans and _artifacts(self.pdf, page, orphans):
                for mcid in orphans:
                    owners[mcid] = None

    # -- links ------------------------------------------------------------------------
    def gather_links(self) -> None:
        for element in list(self.elements()):
            outer = _outer_link(element)
            if element.get("/S") == "/Link" and outer is not None and not _same(outer, element):
                self._dissolve(element)
        for parent in list(self.elements()):
            self._merge_siblings(parent)
        for page in self.pdf.pages:
            for annotation in list(page.obj.get("/Annots", [])):
                if annotation.get("/Subtype") == "/Link" and "/StructParent" in annotation:
                    self._under_its_link(annotation)
        for element in list(self.elements()):
            if element.get("/S") == "/Link":
                self._drop_repeats(element)

    def _under_its_link(self, annotation: pikepdf.Object) -> None:
        holder = self.parents.get(int(annotation.StructParent))
        if not isinstance(holder, pikepdf.Dictionary) or holder.get("/S") == "/Link":
            return
        link = _outer_link(holder)
        if link is None:
            return
        reference = next((k for k in children_of(holder) if refers_to(k, annotation)), None)
        if reference is not None:
            _setkids(holder, [k for k in children_of(holder) if not refers_to(k, annotation)])
        else:
            reference = pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annotation)
            if "/Pg" in holder:
                reference.Pg = holder.Pg
            reference = self.pdf.make_indirect(reference)
        _setkids(link, [*children_of(link), reference])
        self.parents[int(annotation.StructParent)] = link

    def _dissolve(self, inner: pikepdf.Object) -> None:
        """A Link inside a Link (a page number before a link's words): its content where
        it stood in its parent's kids; its annotation then goes to the outer Link."""
        parent = inner.P
        kids = [self._adopt(kid, inner, parent) for kid in children_of(inner)]
        spliced = []
        for kid in children_of(parent):
            spliced += kids if _same(kid, inner) else [kid]
        _setkids(parent, spliced)
        inner.K = pikepdf.Array()

    def _merge_siblings(self, parent: pikepdf.Object) -> None:
        """A link wrapped over lines: its Links side by side, one per line, made one."""
        kids = children_of(parent)
        merged: list = []
        for kid in kids:
            last = merged[-1] if merged else None
            if (last is not None and is_element(kid) and is_element(last)
                    and kid.get("/S") == last.get("/S") == "/Link"
                    and link_targets(kid) and link_targets(kid) == link_targets(last)):
                for grandkid in children_of(kid):
                    _setkids(last, [*children_of(last), self._adopt(grandkid, kid, last)])
                kid.K = pikepdf.Array()
                continue
            merged.append(kid)
        if len(merged) != len(kids):
            _setkids(parent, merged)

    def _adopt(self, kid, old: pikepdf.Object, new: pikepdf.Object):
        """`kid` of `old` as a kid of `new`: a marked-content id names its page, and the
        parent tree and the kid's /P point at its new holder."""
        if isinstance(kid, int) or (isinstance(kid, pikepdf.Object) and kid._type_code == pikepdf.ObjectType.integer):
            kid = pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=old.Pg, MCID=int(kid))
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            owners = self.parents.get(self.pages.get(kid.Pg.objgen, -1))
            if isinstance(owners, pikepdf.Array) and int(kid.MCID) < len(owners):
                owners[int(kid.MCID)] = new
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            parent = kid.Obj.get("/StructParent")
            if parent is not None:
                self.parents[int(parent)] = new
        elif is_element(kid):
            kid.P = new
        return kid

    def _drop_repeats(self, link: pikepdf.Object) -> None:
        """An annotation lying within another of the same link (a box inside the link's
        box) is the same link again: dropped from its page and the tree."""
        references = [k for k in children_of(link) if is_objr(k)]
        dropped = set()
        for reference in references:
            annotation = reference.Obj
            for other in references:
                if other is reference or other.Obj.objgen in dropped:
                    continue
                if link_target(other.Obj) == link_target(annotation) and _within(annotation, other.Obj):
                    dropped.add(annotation.objgen)
                    break
        if not dropped:
            return
        _setkids(link, [k for k in children_of(link) if not (is_objr(k) and k.Obj.objgen in dropped)])
        for page in self.pdf.pages:
            annotations = page.obj.get("/Annots")
            if annotations is None:
                continue
            for annotation in [a for a in annotations if a.objgen in dropped]:
                with contextlib.suppress(KeyError):
                    del self.parents[int(annotation.StructParent)]
            page.obj.Annots = pikepdf.Array([a for a in annotations if a.objgen not in dropped])

    # -- descriptions ---------------------------------------------------------------
    def describe_links(self, words: LinkWords) -> None:
        places = destination_pages(self.pdf)
        for page in self.pdf.pages:
            for annotation in page.obj.get("/Annots", []):
                if annotation.get("/Subtype") == "/Link":
                    target = link_target(annotation)
                    annotation.Contents = pikepdf.String(words.describe(target, places.get(target)))

    def drop_empty(self) -> None:
        """Elements a merge left with nothing, out of the tree."""
        for element in list(self.elements()):
            kids = children_of(element)
            kept = [k for k in kids if not (is_element(k) and not children_of(k) and "/Alt" not in k)]
            if len(kept) != len(kids):
                _setkids(element, kept)


# ---- Content streams ----------------------------------------------------------------------

def _artifacts(pdf: pikepdf.Pdf, page: pikepdf.Page, mcids: set[int]) -> bool:
    """Each marked-content sequence of `mcids` on `page` made a pagination artifact."""
    instructions = pikepdf.parse_content_stream(page)
    changed = False
    for n, instruction in enumerate(instructions):
        if str(instruction.operator) != "BDC":
            continue
        operands = instruction.operands
        properties = operands[1] if len(operands) > 1 else None
        if isinstance(properties, pikepdf.Dictionary) and int(properties.get("/MCID", -1)) in mcids:
            instructions[n] = pikepdf.ContentStreamInstruction(
                [ARTIFACT, pikepdf.Dictionary(Type=pikepdf.Name.Pagination)], pikepdf.Operator("BDC"))
            changed = True
    if changed:
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
    return changed


# ---- Reading the tree ---------------------------------------------------------------------

def _setkids(node: pikepdf.Object, kids: list) -> None:
    node.K = pikepdf.Array(kids)


def _same(a, b) -> bool:
    return isinstance(a, pikepdf.Object) and isinstance(b, pikepdf.Object) and a.is_indirect \
        and b.is_indirect and a.objgen == b.objgen


def _outer_link(element) -> pikepdf.Dictionary | None:
    """The outermost Link among `element` and its ancestors."""
    found, node, depth = None, element, 0
    while is_element(node) and depth < 200:
        if node.get("/S") == "/Link":
            found = node
        node, depth = node.get("/P"), depth + 1
    return found


def _within(inner, outer) -> bool:
    a, b = _box(inner.Rect), _box(outer.Rect)
    return (a[0] >= b[0] - WITHIN_PT and a[1] >= b[1] - WITHIN_PT
            and a[2] <= b[2] + WITHIN_PT and a[3] <= b[3] + WITHIN_PT)


def _box(rect) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in rect)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)

