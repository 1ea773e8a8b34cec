"""The officer's copy-fitting keys, read alike in issue.yaml and in its translations."""
from __future__ import annotations

import yaml

from .yamlreader import NodeReader


def read_wide_photo(reader: NodeReader, found: dict, where: str, has_photo: bool,
                    is_cover: bool = False) -> bool | None:
    """A story's `wide_photo` (None when it does not say): its first photo must
    be there to widen, and not be the front page's."""
    if "wide_photo" not in found:
        return None
    wide = reader.boolean(found["wide_photo"], f"{where}.wide_photo")
    if wide and not has_photo:
        reader.report_at(found["wide_photo"], f"{where}.wide_photo", "the story has no photo to set wide")
    elif wide and is_cover:
        reader.report_at(found["wide_photo"], f"{where}.wide_photo",
                         "this is the cover story: its first photo is on the front page")
    return wide


def has_photo(found: dict) -> bool:
    figures = found.get("figures")
    return isinstance(figures, yaml.SequenceNode) and bool(figures.value)
