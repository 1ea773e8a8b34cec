"""The bulletin's fonts: where their files are, their @font-face rules, their glyphs.

Fonts come from pinned packages (fontpkg-*) or from files in `fonts/`; the
build never lets WeasyPrint fall back to a system font, so every character of
the content is checked against the configured families before layout.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import fontpkg
import yaml
from fontTools.ttLib import TTFont, TTLibError

from ..errors import SetupError
from ..files import UnfitFile, read_capped, shown_path

CONFIG_FILE = "fonts.yaml"
ROLES = ("text", "display")
_STYLE_BY_NAME = {"italic": "italic", "oblique": "italic"}
# A family's name goes into the stylesheets as a quoted string: words, never CSS.
FAMILY_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}")
MAX_CONFIG_BYTES = 100_000
MAX_FONT_BYTES = 50_000_000


@dataclass(frozen=True)
class FontFace:
    family: str
    weight: int
    style: str           # "normal" | "italic"
    path: Path


@dataclass(frozen=True)
class FontSet:
    """The families by role and every face file of them."""
    families: dict[str, str]          # role -> family name
    faces: tuple[FontFace, ...]

    def faces_of(self, role: str) -> tuple[FontFace, ...]:
        return tuple(f for f in self.faces if f.family == self.families[role])

    def font_face_css(self) -> str:
        return "\n".join(
            f"@font-face {{ font-family: '{f.family}'; font-weight: {f.weight}; "
            f"font-style: {f.style}; src: url('{f.path.as_uri()}'); }}"
            for f in self.faces)

    def missing_characters(self, text: str, role: str) -> list[str]:
        """Characters of `text` that no face of the role's family can draw."""
        covered = _codepoints(self.faces_of(role)[0].path)
        return sorted(ch for ch in set(text) if _needs_glyph(ch) and ord(ch) not in covered)

    def postscript_names(self) -> frozenset[str]:
        """The PostScript name of every face (PTSerif-Regular...): what a PDF's
        embedded fonts are known by, whatever the subset prefix."""
        return frozenset(postscript_name(face.path) for face in self.faces)


def load_fonts(fonts_dir: Path) -> FontSet:
    config_path = fonts_dir / CONFIG_FILE
    try:
        config = yaml.safe_load(read_capped(config_path, MAX_CONFIG_BYTES, fonts_dir).decode("utf-8"))
    except (UnfitFile, UnicodeDecodeError, yaml.YAMLError) as err:
        raise SetupError(f"{shown_path(config_path)}: cannot read the font configuration ({err})") from None
    families, faces = {}, []
    for role in ROLES:
        entry = config.get(role) if isinstance(config, dict) else None
        if not isinstance(entry, dict) or not isinstance(entry.get("family"), str):
            raise SetupError(f"{shown_path(config_path)}: no '{role}' family configured "
                             "(expected e.g. {family: PT Serif, package: fontpkg-pt-serif})")
        if not FAMILY_NAME.fullmatch(entry["family"]):
            raise SetupError(f"{shown_path(config_path)}: '{entry['family'][:60]}' is not a font family name "
                             "(expected letters, digits, spaces, dots and hyphens, e.g. PT Serif)")
        families[role] = entry["family"]
        faces += _faces_from_files(entry, fonts_dir) if "files" in entry else _faces_from_package(entry)
    return FontSet(families, tuple(dict.fromkeys(faces)))


def _faces_from_package(entry: dict) -> list[FontFace]:
    try:
        family = fontpkg.family(entry["family"])
    except fontpkg.FontpkgError:
        raise SetupError(f"font family '{entry['family']}' is not installed: run "
                         f"`make setup` (it installs {entry.get('package', 'its package')} "
                         "from pyproject.toml)") from None
    static = [f for f in family.files if not f.variable and f.weight]
    if not static:
        raise SetupError(f"font family '{entry['family']}' has only variable fonts; "
                         "the bulletin needs static faces")
    return [FontFace(family.name, f.weight, _STYLE_BY_NAME.get(f.style, "normal"), f.path)
            for f in static]


def _faces_from_files(entry: dict, fonts_dir: Path) -> list[FontFace]:
    patterns = entry["files"]
    if not isinstance(patterns, list) or not all(isinstance(p, str) and p for p in patterns):
        raise SetupError(f"{shown_path(fonts_dir / CONFIG_FILE)}: the files of '{entry['family']}' are not "
                         "a list of file patterns (expected e.g. [\"brand/BrandSans-*.otf\"])")
    try:
        paths = sorted(p for pattern in patterns for p in fonts_dir.glob(pattern))
    except (ValueError, NotImplementedError) as err:   # an absolute or empty pattern
        raise SetupError(f"{shown_path(fonts_dir / CONFIG_FILE)}: {err} (patterns are relative to "
                         f"{shown_path(fonts_dir)}/)") from None
    if not paths:
        raise SetupError(f"no font files match {entry['files']} in {shown_path(fonts_dir)}/ "
                         f"for the family '{entry['family']}'")
    return [_face_from_file(entry["family"], path, fonts_dir) for path in paths]


def _face_from_file(family: str, path: Path, fonts_dir: Path) -> FontFace:
    """A face from a file of the fonts folder: a plain file in it (a link must stay in
    it), that fontTools can read."""
    try:
        read_capped(path, MAX_FONT_BYTES, fonts_dir)
        font = TTFont(path, lazy=True)
        weight = font["OS/2"].usWeightClass
        italic = bool(font["OS/2"].fsSelection & 1)
    except UnfitFile as err:
        raise SetupError(f"{shown_path(path)}: {err} (font files go in {shown_path(fonts_dir)}/)") from None
    except (TTLibError, KeyError, OSError) as err:
        raise SetupError(f"{shown_path(path)}: not a font file fontTools can read ({err})") from None
    return FontFace(family, weight, "italic" if italic else "normal", path.resolve())


@functools.cache
def postscript_name(path: Path) -> str:
    """The PostScript name (name ID 6) of the font file at `path`."""
    return str(TTFont(path, lazy=True)["name"].getDebugName(6) or path.stem)


@functools.cache
def _codepoints(path: Path) -> frozenset[int]:
    return frozenset(TTFont(path, lazy=True).getBestCmap())


def _needs_glyph(ch: str) -> bool:
    # Line breaks and format characters (soft hyphen, zero-width joiners) are
    # handled by the layout engine; other spaces (thin, narrow no-break) are
    # drawn from the font like letters, or Pango falls back to a system font.
    if ch in " \u00a0":
        return False
    category = unicodedata.category(ch)
    # Private-use characters (Co) have no agreed glyph: the font must have one.
    return category == "Co" or (category not in ("Zl", "Zp") and category[0] != "C")
