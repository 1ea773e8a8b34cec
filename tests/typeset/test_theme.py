"""The theme the stylesheets read: each colour, and the form type below 9 pt is set
in (its small-type form on press, the colour itself on screen); and a stylesheet
that sets small type in a theme colour uses that form."""
from __future__ import annotations

import re

import pytest

from bulletin.content.publication import read_publication
from bulletin.editions import EditionKind, spec
from bulletin.typeset import load_fonts, theme_css
from tests.support.project import ROOT


@pytest.fixture(scope="module")
def publication():
    found, problems = read_publication(ROOT / "issues" / "publication.yaml")
    assert problems == []
    return found


def properties(css: str) -> dict[str, str]:
    root = css[css.index(":root"):]
    return dict(re.findall(r"(--[\w-]+): ([^;]+);", root[:root.index("}")]))


def test_the_press_theme_gives_each_colour_its_small_type_form(publication):
    theme = properties(theme_css(publication, load_fonts(ROOT / "fonts"), spec(EditionKind.PRINT)))
    assert theme["--accent"] == "device-cmyk(1 0.45 0.1 0.05)"
    assert theme["--accent-small"] == "device-cmyk(1 0.45 0 0)"
    assert theme["--deep-small"] == "device-cmyk(0.8 0 0 0.75)"
    assert theme["--ink-small"] == theme["--ink"] == "device-cmyk(0 0 0 1)"   # one ink: no form needed


def test_the_screen_theme_sets_small_type_in_the_colour_itself(publication):
    theme = properties(theme_css(publication, load_fonts(ROOT / "fonts"), spec(EditionKind.EMAIL)))
    assert theme["--accent-small"] == theme["--accent"] == "#00689d"


def test_every_colour_of_three_or_more_inks_small_type_is_set_in_has_a_small_form(publication):
    """The stylesheet's small type in a theme colour uses `--<name>-small`, and every
    colour it is used for has a form of at most two inks."""
    css = re.sub(r"/\*.*?\*/", "", (ROOT / "styles" / "bulletin.css").read_text(), flags=re.S)
    used = set(re.findall(r"var\(--([\w-]+)-small\)", css))
    assert used >= {"accent", "warm"}
    for name in used:
        colour = publication.colours[name]
        assert sum(1 for v in colour.small_cmyk if v > 0) <= 2, name
