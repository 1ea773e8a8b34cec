"""Stage 4, typeset: composed HTML -> one PDF per edition, with WeasyPrint.

`typeset` lays an edition out and writes it, and `finish` completes what
WeasyPrint wrote (photos, dates and IDs, PDF/X details); around it: the fonts
(`fonts`), the press profiles (`profiles`), each edition's photos (`photos`), what
rendering may read (`confinement`), the time it may take (`deadline`), the
fit of the laid-out pages (`fit`) and WeasyPrint's fast import (`engine`).
"""
from __future__ import annotations

from .confinement import Confinement, RefusedReferences
from .deadline import layout_deadline, layout_limit
from .finish import EditionPhotos
from .fonts import FontSet, load_fonts
from .photos import Made, recipe_for, stand_ins
from .profiles import PressProfile, press_profile
from .render import Typesetter, standalone_html, theme_css, typeset
from .tags import LinkWords

__all__ = ["Confinement", "EditionPhotos", "FontSet", "LinkWords", "Made", "PressProfile", "RefusedReferences",
           "layout_deadline", "layout_limit", "load_fonts", "press_profile", "recipe_for", "stand_ins",
           "standalone_html", "theme_css", "typeset", "Typesetter"]
