"""Checks for readers: a tagged PDF/UA file a screen reader can follow, titled and
described, a bookmark per story, alt text on every figure, links that work,
images no heavier than a screen needs and a file that fits in an email."""
from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlparse

import pikepdf

from .context import Check, CheckContext
from .report import FAIL, PASS, WARN, Finding
from .scanner import operand_number


def tags(context: CheckContext) -> list[Finding]:
    root = context.pdf.Root
    findings = []
    if "/StructTreeRoot" not in root or not bool(root.get("/MarkInfo", {}).get("/Marked", False)):
        findings.append(Finding(FAIL, "tags", "not a tagged PDF: screen readers get no structure"))
    if not str(root.get("/Lang", "")):
        findings.append(Finding(FAIL, "tags", "no document language"))
    if context.xmp("pdfuaid", "part") != "1":
        findings.append(Finding(WARN, "tags", "does not declare PDF/UA-1"))
    if not findings:
        findings.append(Finding(PASS, "tags", f"tagged, PDF/UA-1, language {root.Lang}"))
    return findings


def metadata(context: CheckContext) -> list[Finding]:
    pdf = context.pdf
    info = pdf.trailer.get("/Info", {})
    missing = [key for key in ("Title", "Author", "Subject", "Keywords") if not str(info.get(f"/{key}", ""))]
    findings = [Finding(FAIL if key == "Title" else WARN, "metadata", f"no {key.lower()}") for key in missing]
    prefs = pdf.Root.get("/ViewerPreferences", {})
    if not bool(prefs.get("/DisplayDocTitle", False)):
        findings.append(Finding(WARN, "metadata", "readers show the file name, not the title "
                                                  "(DisplayDocTitle is not set)"))
    if not missing:
        findings.insert(0, Finding(PASS, "metadata", f"title “{info.Title}”, author, subject and keywords set"))
    return findings


def bookmarks(context: CheckContext) -> list[Finding]:
    headlines = context.target.headlines
    titles = []
    with context.pdf.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            titles.append(_words(item.title))
            stack += list(item.children)
    missing = [h for h in headlines if _words(h) not in titles]
    findings = [Finding(FAIL, "bookmarks", "no bookmark for this story", (), f"“{h}”") for h in missing]
    if not titles:
        findings.append(Finding(FAIL, "bookmarks", "no bookmarks: readers cannot jump to a story"))
    return findings or [Finding(PASS, "bookmarks", f"{len(titles)} bookmarks, one for each of the "
                                                   f"{len(headlines)} stories")]


def _words(text: str) -> str:
    """Text compared as words only: case, hyphens, spaces and punctuation aside."""
    return " ".join(re.findall(r"\w+", str(text).casefold()))


def email_images(context: CheckContext) -> list[Finding]:
    placements = context.scan.placements
    ceiling = context.publication.email_edition.max_ppi
    findings = [Finding(WARN, "images", f"{p.ppi:.0f} ppi: above {ceiling:g} ppi, heavier than a "
                                        "screen needs", (p.page,), p.name)
                for p in placements if p.ppi > ceiling + 0.5]
    if findings:
        return findings
    high = max((p.ppi for p in placements), default=0)
    return [Finding(PASS, "images", f"{len(placements)} placed images, none above {ceiling:g} "
                                    f"ppi (highest {high:.0f})")]


def alt_text(context: CheckContext) -> list[Finding]:
    pdf = context.pdf
    if "/StructTreeRoot" not in pdf.Root:
        return [Finding(FAIL, "alt text", "untagged: no alt text can reach a screen reader")]
    figures = list(_struct_elements(pdf.Root.StructTreeRoot, "/Figure"))
    pages = {page.objgen: n for n, page in enumerate(pdf.pages, start=1)}
    findings = [Finding(FAIL, "alt text", "a figure without alt text",
                        (pages.get(f.Pg.objgen, 0),) if "/Pg" in f else ())
                for f in figures if not str(f.get("/Alt", "")).strip()]
    marked = _figure_mcids(figures, pages)
    for p in context.scan.placements:
        if not p.artifact and (p.page, p.mcid) not in marked:
            findings.append(Finding(FAIL, "alt text", "drawn outside any figure and not marked as an "
                                                      "artifact", (p.page,), p.name))
    return findings or [Finding(PASS, "alt text", f"{len(figures)} figures (photos and charts), "
                                                  "each with alt text; decorative images are artifacts")]


def _struct_elements(node, kind: str) -> Iterator[pikepdf.Dictionary]:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Dictionary):
            if item.get("/S") == kind:
                yield item
            kids = item.get("/K")
            if kids is not None:
                stack += list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        elif isinstance(item, pikepdf.Array):
            stack += list(item)


def _figure_mcids(figures, pages: dict) -> set[tuple[int, int]]:
    """(page, MCID) of the marked content each figure owns."""
    owned = set()
    for figure in figures:
        page = pages.get(figure.Pg.objgen, 0) if "/Pg" in figure else 0
        kids = figure.get("/K")
        for kid in (list(kids) if isinstance(kids, pikepdf.Array) else [kids]):
            if operand_number(kid) is not None:
                owned.add((page, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
                kid_page = pages.get(kid.Pg.objgen, page) if "/Pg" in kid else page
                owned.add((kid_page, int(kid.MCID)))
    return owned


def links(context: CheckContext) -> list[Finding]:
    destinations = _named_destinations(context.pdf)
    web = internal = 0
    findings = []
    for number, page in enumerate(context.pdf.pages, start=1):
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") != "/Link":
                continue
            problem, kind = _link_problem(annot, destinations)
            if problem:
                findings.append(Finding(FAIL, "links", problem, (number,)))
            web += kind == "web"
            internal += kind == "internal"
    return findings or [Finding(PASS, "links", f"{web + internal} links work: {web} to the web or "
                                               f"mail, {internal} within the document")]


def _named_destinations(pdf: pikepdf.Pdf) -> set[str]:
    names = set()
    tree = pdf.Root.get("/Names", {}).get("/Dests")
    stack = [tree] if tree is not None else []
    while stack:
        node = stack.pop()
        entries = list(node.get("/Names", []))
        names.update(str(entries[i]) for i in range(0, len(entries), 2))
        stack += list(node.get("/Kids", []))
    old = pdf.Root.get("/Dests")
    if old is not None:
        names.update(str(k).lstrip("/") for k in old)  # a Dictionary iterates its keys
    return names


def _link_problem(annot, destinations: set[str]) -> tuple[str, str]:
    """What is wrong with a link ("" if nothing), and its kind: web, internal or ""."""
    action = annot.get("/A")
    dest = annot.get("/Dest")
    if action is not None and action.get("/S") == "/URI":
        uri = str(action.URI)
        parsed = urlparse(uri)
        if parsed.scheme in ("http", "https") and parsed.netloc or parsed.scheme == "mailto" and "@" in uri:
            return "", "web"
        return f"link to '{uri}': not a web or mail address", "web"
    if action is not None and action.get("/S") == "/GoTo":
        dest = action.D
    if dest is None:
        return "a link that goes nowhere (no destination, no address)", ""
    if isinstance(dest, pikepdf.Array):
        return "", "internal"
    name = str(dest).lstrip("/")
    if name in destinations:
        return "", "internal"
    return f"link to '#{name}': no such place in the document", "internal"


def size(context: CheckContext) -> list[Finding]:
    megabytes = context.target.path.stat().st_size / 1e6
    budget = context.publication.email_edition.size_budget_mb
    shown = f"{megabytes:.1f}" if megabytes >= 1 else f"{megabytes:.2f}"
    if megabytes > budget:
        return [Finding(WARN, "size", f"{shown} MB: over the {budget:g} MB budget for email")]
    return [Finding(PASS, "size", f"{shown} MB, within the {budget:g} MB budget")]


CHECKS: dict[str, Check] = {"tags": tags, "metadata": metadata, "bookmarks": bookmarks,
                            "email images": email_images, "alt text": alt_text, "links": links,
                            "size": size}
