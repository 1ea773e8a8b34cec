"""Fitting the front page: the masthead, the cover photo, the contents and the editorial.

The front page always holds its contents list whole. The cover photo takes
the white left under the contents, within its limits (never taller than the
design sets it where that would enlarge it past the press's resolution: it is
set across the page and cropped to its height); when the contents do
not fit under it, it gives them room, then the contents are set tighter, and
last the editorial moves to open page 2 (the fit report says so).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..compose.layout import FrontLayout, IssueLayout
from .pagemap import PX_PER_MM, PageMap, _body, _bottom, _classes, _in_flow

COVER_PHOTO_MM = 82.0            # the design's (.cover img in bulletin.css)
COVER_RANGE_MM = (55.0, 125.0)
PRINT_MIN_PPI = 300.0            # no photo is enlarged past the press's resolution
ROOM_MM = 2.0                    # kept free under the contents: they must not spill


def fit_front(layout: IssueLayout, pages: list[PageMap],
              photo: tuple[int, int] | None = None) -> tuple[IssueLayout, list[str]]:
    """The front page's layout for these pages, and what was done, in words.
    `photo` is the cover photo's pixels (width, height), when known."""
    first = _parts(pages[0])
    if "masthead" not in first:
        return layout, []
    front, now = layout.front, layout.front.cover_photo_mm or COVER_PHOTO_MM
    if "front-panel" in first and "cover" not in first:
        return layout, []           # no cover photo to size: the first story follows the contents
    if "front-panel" in first:
        white = (pages[0].bottom - _bottom(first["front-panel"])) / PX_PER_MM
        wanted = min(now + white - ROOM_MM, _tallest(first["cover"], photo))
        return _cover(layout, front, now, wanted, "to fill the front page")
    panel = _parts(pages[1]).get("front-panel") if len(pages) > 1 else None
    if panel is None or "cover" not in first:
        return layout, []
    room = (pages[0].bottom - _bottom(first["cover"])) / PX_PER_MM
    needed = panel.margin_height() / PX_PER_MM - room + ROOM_MM
    if now - needed >= COVER_RANGE_MM[0]:
        return _cover(layout, front, now, now - needed, "to make room for the contents")
    if not front.compact:
        layout, done = _cover(layout, front, now, COVER_RANGE_MM[0], "to make room for the contents")
        return replace(layout, front=replace(layout.front, compact=True)), done + [
            "contents and editorial set tighter to fit the front page"]
    if not front.editorial_overleaf:
        return replace(layout, front=replace(front, editorial_overleaf=True)), [
            "editorial moved to open page 2: the contents fill the front page"]
    return layout, []


def front_overflows(pages: list[PageMap]) -> bool:
    """The front page's contents did not fit on it."""
    first = _parts(pages[0])
    return "masthead" in first and "front-panel" not in first


def _tallest(cover, photo: tuple[int, int] | None) -> float:
    """The tallest the cover photo may be set without enlarging it past the press's
    resolution (the design's height at least: a photo too narrow for the page's width
    is soft at any height, and preflight says so)."""
    if photo is None:
        return COVER_RANGE_MM[1]
    width_px, height_px = photo
    scaled = height_px * cover.width / width_px          # CSS px, at the page's width
    return max(COVER_PHOTO_MM, max(press_px(height_px), scaled) / PX_PER_MM)


def press_px(pixels: int) -> float:
    """The CSS px a photo's `pixels` may span without printing below the press's 300 ppi."""
    return pixels / PRINT_MIN_PPI * 96


def _cover(layout: IssueLayout, front: FrontLayout, now: float, wanted: float,
           why: str) -> tuple[IssueLayout, list[str]]:
    new = round(min(COVER_RANGE_MM[1], max(COVER_RANGE_MM[0], wanted)), 1)
    if abs(new - now) < 1:
        return layout, []
    return replace(layout, front=replace(front, cover_photo_mm=new)), [
        f"cover photo set {new:.0f} mm tall {why}"]


def _parts(page: PageMap) -> dict[str, Any]:
    """The front page's parts on `page`, by class: masthead, cover, front-panel."""
    found: dict[str, Any] = {}
    body = _body(page.box) if page.box is not None else None
    for box in getattr(body, "children", ()):
        if _in_flow(box):
            for name in ("masthead", "cover", "front-panel"):
                if name in _classes(box):
                    found[name] = box
    return found
