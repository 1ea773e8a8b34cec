"""Reading a tagged PDF's structure tree and its links: what the tag mending
(tags.py) and the preflight's structure checks (preflight/tagged.py) both read."""
from __future__ import annotations

import pikepdf


def children_of(node) -> list:
    """A structure node's children, whether /K holds one or an array."""
    found = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    if found is None:
        return []
    return list(found) if isinstance(found, pikepdf.Array) else [found]


def is_element(node) -> bool:
    return isinstance(node, pikepdf.Dictionary) and "/S" in node and node.get("/Type", "/StructElem") == "/StructElem"


def is_objr(node) -> bool:
    """An object reference: how the tree holds an annotation."""
    return isinstance(node, pikepdf.Dictionary) and node.get("/Type") == "/OBJR"


def refers_to(kid, annotation) -> bool:
    return is_objr(kid) and kid.Obj.objgen == annotation.objgen


def link_target(annotation) -> str:
    """Where a link annotation goes: its URI, or the name of its destination."""
    action = annotation.get("/A")
    if action is not None and action.get("/S") == "/URI":
        return str(action.URI)
    destination = annotation.get("/Dest", action.get("/D") if action is not None else None)
    return str(destination).lstrip("/") if destination is not None else ""


def link_targets(link) -> set[str]:
    """Where the annotations a Link element holds go."""
    return {link_target(kid.Obj) for kid in children_of(link) if is_objr(kid)}


def destination_pages(pdf: pikepdf.Pdf) -> dict[str, int]:
    """The page number (from 1) of each named destination."""
    pages: dict = {page.objgen: n for n, page in enumerate(pdf.pages, start=1)}
    catalog_names = pdf.Root.get("/Names")
    names = catalog_names.get("/Dests") if isinstance(catalog_names, pikepdf.Dictionary) else None
    found: dict[str, int] = {}
    for name, given in (pikepdf.NameTree(names).items() if names is not None else ()):
        destination = given.get("/D") if isinstance(given, pikepdf.Dictionary) else given
        if isinstance(destination, pikepdf.Array) and len(destination) and destination[0].is_indirect \
                and destination[0].objgen in pages:
            found[str(name)] = pages[destination[0].objgen]
    return found
