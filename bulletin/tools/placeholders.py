"""Placeholder photos: labelled stand-ins for an issue's missing images.

An example issue can then be typeset from its YAML alone, with no photograph
taken from elsewhere. Each placeholder is a soft, photo-like landscape in muted
colours drawn from a seed (the image's name, so a file always comes out the
same), overprinted with "PLACEHOLDER PHOTO" and the file it stands in for, so that
no reader, editor or printer can take it for the real picture; its file says so too
(content.readiness.PLACEHOLDER_MARK), so that `check` and preflight find it. The file name,
not the caption: one photo serves every language of an issue.
"""
from __future__ import annotations

import colorsys
import hashlib
import io
import logging
import os
import textwrap
from pathlib import Path

import fontpkg
import numpy as np
from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

from ..content.readiness import PLACEHOLDER_MARK
from ..content.yamlreader import NodeReader
from ..errors import ContentError, ContentProblem
from ..files import shown_path, write_atomically

log = logging.getLogger("bulletin.placeholders")

LABEL = "PLACEHOLDER PHOTO"
FAMILY = "Fira Sans"
DPI = (300, 300)
JPEG_QUALITY = 88
SKETCH_SCALE = 4            # the landscape is drawn at 1/4 size and enlarged: soft and fast
HILLS = 4
PANEL_INK = (24, 33, 40, 170)   # the label's backing: dark, translucent


def make_placeholder(path: Path, title: str, seed: str,
                     size_px: tuple[int, int] = (2400, 1600)) -> None:
    """Write a labelled placeholder photo of `size_px` to `path` (JPEG, or PNG for .png)."""
    image = _landscape(size_px, _Seed(seed))
    image = _overprint(image, title)
    _save_atomically(image, path)


def fill_missing_placeholders(issue_dir: Path) -> list[Path]:
    """For every figure `image:` listed in issue_dir/issue.yaml whose file does
    not exist inside issue_dir, generate a placeholder there; return the paths
    written. Never overwrite an existing file; ignore paths that would leave
    issue_dir."""
    root = issue_dir.resolve()
    written = []
    for image in _figures(issue_dir / "issue.yaml"):
        path = issue_dir / image
        if not path.resolve().is_relative_to(root):
            log.warning("placeholders: %s is outside %s, left alone", image, issue_dir)
            continue
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        make_placeholder(path, f"stands in for {image}", seed=image)
        log.info("placeholders: %s", path)
        written.append(path)
    return written


def _figures(issue_file: Path):
    """The image of every figure in the issue file, skipping malformed entries:
    the load stage reports those with their line numbers."""
    for story in _list(_read_yaml(issue_file), "stories"):
        for figure in _list(story, "figures"):
            image = figure.get("image") if isinstance(figure, dict) else None
            if isinstance(image, str) and image.strip():
                yield image.strip()


def _read_yaml(issue_file: Path):
    """The issue file as plain data, read as the loader reads it: a plain file in its
    folder, within the limits that keep a hostile file from hanging the tool."""
    shown = shown_path(issue_file)
    if not os.path.lexists(issue_file):
        raise ContentError([ContentProblem(shown, 1, 1, "no such file (each issue folder "
                                                        "holds an issue.yaml)")])
    reader = NodeReader(issue_file, shown)
    content = reader.load()
    if reader.problems:
        raise ContentError(reader.problems)
    return content


def _list(mapping, key: str) -> list:
    value = mapping.get(key) if isinstance(mapping, dict) else None
    return value if isinstance(value, list) else []


# ---- The landscape ------------------------------------------------------------

class _Seed:
    """Numbers in [0, 1) drawn in order from the seed's SHA-256, the same on every machine."""

    def __init__(self, seed: str):
        self.bytes = hashlib.sha256(seed.encode("utf-8")).digest()
        self.index = 0

    def next(self) -> float:
        value = self.bytes[self.index % len(self.bytes)] / 256
        self.index += 1
        return value


def _landscape(size_px: tuple[int, int], seed: _Seed) -> Image.Image:
    """Sky with a low sun over layered hills, in muted colours of one hue family."""
    width, height = (max(8, n // SKETCH_SCALE) for n in size_px)
    hue = seed.next()
    y = np.linspace(0.0, 1.0, height)[:, None]
    x = np.linspace(0.0, 1.0, width)[None, :]
    canvas = _sky(x, y, width / height, hue, seed)
    for depth in range(HILLS):
        ridge = _ridge(x, depth, seed)
        colour = _rgb(hue + 0.06 * depth - 0.1, 0.22 + 0.05 * depth, 0.78 - 0.12 * depth)
        # Each hill darkens a little towards its foot, like haze lifting.
        shade = 1.0 - 0.18 * np.clip(y - ridge, 0.0, 1.0)
        hill = colour[None, None, :] * shade[..., None]
        # Coverage over a pixel or two smooths the skyline; far hills are hazier.
        cover = np.clip((y - ridge) * height / (3.0 - 0.6 * depth), 0.0, 1.0)[..., None]
        canvas = canvas + (hill - canvas) * cover
    sketch = Image.fromarray(np.clip(canvas * 255, 0, 255).astype(np.uint8), "RGB")
    return sketch.resize(size_px, Image.Resampling.BICUBIC)


def _sky(x: np.ndarray, y: np.ndarray, aspect: float, hue: float, seed: _Seed) -> np.ndarray:
    top, horizon = _rgb(hue, 0.25, 0.80), _rgb(hue + 0.08, 0.10, 0.97)
    sky = top + (horizon - top) * np.sqrt(y)[..., None]
    sun_x, sun_y = 0.2 + 0.6 * seed.next(), 0.25 + 0.15 * seed.next()
    glow = np.exp(-(((x - sun_x) * aspect) ** 2 + (y - sun_y) ** 2) / 0.02)   # a round sun
    return sky + (1.0 - sky) * 0.6 * glow[..., None]


def _ridge(x: np.ndarray, depth: int, seed: _Seed) -> np.ndarray:
    """Height (0 top, 1 bottom) of the skyline of hill `depth`, nearer hills lower."""
    base = 0.48 + 0.13 * depth
    ridge = np.full_like(x, base, dtype=float)
    for harmonic in (1, 2, 3):
        ridge += (0.06 / harmonic) * np.sin(2 * np.pi * (harmonic * (0.6 + seed.next()) * x
                                                         + seed.next()))
    return ridge


def _rgb(hue: float, saturation: float, value: float) -> np.ndarray:
    return np.array(colorsys.hsv_to_rgb(hue % 1.0, saturation, value))


# ---- The label ----------------------------------------------------------------

def _overprint(image: Image.Image, title: str) -> Image.Image:
    """A frame line, and the label with the title, white on a translucent dark panel."""
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    width, height = image.size
    inset = round(width * 0.02)      # a layout mark, which no photograph has
    draw.rectangle((inset, inset, width - inset, height - inset),
                   outline=(255, 255, 255, 150), width=max(2, width // 600))
    _label(draw, image.size, title)
    return Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")


def _label(draw: ImageDraw.ImageDraw, size: tuple[int, int], title: str) -> None:
    width, height = size
    label_font = ImageFont.truetype(_font(700), round(width * 0.04))
    title_font = ImageFont.truetype(_font(400), round(width * 0.025))
    lines = _wrap(title, title_font, width * 0.4)
    gap, leading = round(title_font.size * 0.9), round(title_font.size * 1.3)
    label_bottom = label_font.getbbox(LABEL)[3]
    block_width = max([label_font.getlength(LABEL)] + [title_font.getlength(line) for line in lines])
    # The last line counts for its letters only, not the leading under it.
    block_height = label_bottom + (gap + leading * (len(lines) - 1) + title_font.size
                                   if lines else 0)
    # Centred across, in the upper half: a crop keeps at least the middle 55 % of
    # the width (a column photo set taller than 3:2) or of the height (set wider),
    # and the front page lays its cover card over the photo's lower half, right.
    pad = round(width * 0.035)
    left, top = round((width - block_width) / 2), max(pad * 2, round(height * 0.2))
    draw.rounded_rectangle((left - pad, top - pad, left + block_width + pad,
                            top + block_height + pad), radius=pad // 2, fill=PANEL_INK)
    draw.text((left, top), LABEL, font=label_font, fill="white", anchor="lt")
    for n, line in enumerate(lines):
        draw.text((left, top + label_bottom + gap + n * leading), line, font=title_font,
                  fill=(255, 255, 255, 230), anchor="lt")


def _wrap(text: str, font: ImageFont.FreeTypeFont, width_px: float, most: int = 3) -> list[str]:
    """Lines no wider than `width_px`; beyond `most` lines the text is cut with an ellipsis."""
    text = " ".join(text.split())
    if not text:
        return []
    columns = max(10, int(width_px / (font.getlength(text) / len(text))))
    lines = textwrap.wrap(text, columns)
    while columns > 10 and max(font.getlength(line) for line in lines) > width_px:
        columns -= 1
        lines = textwrap.wrap(text, columns)
    if len(lines) > most:
        lines = lines[:most - 1] + [textwrap.shorten(" ".join(lines[most - 1:]), columns,
                                                     placeholder=" …")]
    return lines


def _font(weight: int) -> str:
    return str(fontpkg.path(FAMILY, weight))


def _save_atomically(image: Image.Image, path: Path) -> None:
    """Encode in memory, then write atomically: no half-written image is ever seen."""
    out = io.BytesIO()
    if path.suffix.lower() == ".png":
        text = PngInfo()
        text.add_text("Comment", PLACEHOLDER_MARK)
        image.save(out, "PNG", dpi=DPI, pnginfo=text)
    else:
        image.save(out, "JPEG", quality=JPEG_QUALITY, dpi=DPI, comment=PLACEHOLDER_MARK.encode())
    write_atomically(path, out.getvalue())
