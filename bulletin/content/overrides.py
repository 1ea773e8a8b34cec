"""The officer's copy-fitting keys, checked alike in issue.yaml and in its translations.

`new_page`, `wide_photo` and `back_cover` are declared in fields.py as `fitting`: a
translation may set them for its own edition. Only `wide_photo` needs more than its
type: the story must have a photo to widen, and not give it to the front page.
"""
from __future__ import annotations

import yaml

from .yamlreader import NodeReader


def check_wide_photo(reader: NodeReader, found: dict, where: str, wide: bool | None,
                     has_photo: bool, is_cover: bool = False) -> None:
    """Report a story's `wide_photo: true` that cannot be: no first photo to set
    wide, or one that is on the front page."""
    if wide and not has_photo:
        reader.report_at(found["wide_photo"], f"{where}.wide_photo", "the story has no photo to set wide")
    elif wide and is_cover:
        reader.report_at(found["wide_photo"], f"{where}.wide_photo",
                         "this is the cover story: its first photo is on the front page")


def has_photo(found: dict) -> bool:
    figures = found.get("figures")
    return isinstance(figures, yaml.SequenceNode) and bool(figures.value)
