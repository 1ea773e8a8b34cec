"""Proofs: the print edition as PNG pages, and a contact sheet of its spreads.

The editor reviews by email, so the proof is pictures: every page cut at the
trim, as the reader will hold it, and one contact sheet of the issue as it
will be printed and folded: page 1 alone on the right, then the spreads 2-3,
4-5, ..., and the last page alone on the left. On the sheet each page keeps
its bleed on the outer edges, tinted, with a thin line where the guillotine
cuts; at the fold the pages meet at their trim, as they will in the hand.

Pages are rendered by poppler's `pdftoppm`; where the trim lies is read from
each page's TrimBox (`pdfinfo -box`), not assumed.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import fontpkg
from PIL import Image, ImageDraw, ImageFont

from ..errors import BuildError, SetupError

log = logging.getLogger("bulletin.proof")

PAGE_DPI = 100              # page proofs: text readable on a laptop screen
SHEET_PAGE_HEIGHT = 420     # pixels of a trimmed page's height on the contact sheet
SPREADS_PER_ROW = 3
GAP = 36                    # between spreads, and around the sheet
LABEL_HEIGHT = 30           # the page numbers under each spread
HEADER_HEIGHT = 64
TABLE = (214, 218, 222)     # the light table the pages lie on
BLEED_TINT = (225, 0, 120, 64)      # magenta wash over what the trim cuts off
TRIM_LINE = (225, 0, 120, 255)
FOLD_LINE = (120, 126, 132, 255)
INK = (40, 46, 52)
FAMILY = "Fira Sans"


@dataclass(frozen=True)
class Box:
    """A PDF page box in points, y upwards: (x0, y0, x1, y1)."""
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class Proof:
    pages: tuple[Path, ...]
    contact_sheet: Path
    trim_mm: tuple[float, float]
    bleed_mm: float


def proof(pdf: Path, out_dir: Path, dpi: int = PAGE_DPI, title: str = "") -> Proof:
    """Write `pdf`'s pages (cut at the trim) and its contact sheet into `out_dir`."""
    media, trims = page_boxes(pdf)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".proof-", dir=out_dir) as temp:
        rendered = _render(pdf, Path(temp), dpi, len(trims))
        scale = dpi / 72
        sheet_pages, pages = [], []
        for number, (image, trim) in enumerate(zip(rendered, trims), start=1):
            cut = _trim_rect(media[number - 1], trim, scale)
            page = Path(temp) / f"{pdf.stem}-page-{number:0{_digits(len(trims))}d}.png"
            image.crop(cut).save(page, optimize=True)
            pages.append(page)
            sheet_pages.append((image, cut))
        bleed_mm = _bleed_mm(media[0], trims[0])
        trim_mm = (round(trims[0].width / 72 * 25.4), round(trims[0].height / 72 * 25.4))
        heading = (f"{title or pdf.stem} · {len(trims)} pages as printed: trim {trim_mm[0]} × "
                   f"{trim_mm[1]} mm (magenta line), bleed {bleed_mm:g} mm (tinted)")
        sheet = Path(temp) / f"{pdf.stem}-contact-sheet.png"
        contact_sheet(sheet_pages, heading).save(sheet, optimize=True)
        final = _replace_proofs(out_dir, pdf.stem, pages + [sheet])
    log.info("proof: %d pages and a contact sheet in %s", len(pages), out_dir)
    return Proof(tuple(final[:-1]), final[-1], trim_mm, bleed_mm)


def page_boxes(pdf: Path) -> tuple[list[Box], list[Box]]:
    """Each page's MediaBox and TrimBox, as poppler reads them."""
    count = re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(pdf)), re.M)
    if count is None:
        raise BuildError(f"pdfinfo could not count the pages of {pdf}")
    pages = int(count[1])
    found: dict[tuple[int, str], Box] = {}
    for line in _run("pdfinfo", "-box", "-f", "1", "-l", str(pages), str(pdf)).splitlines():
        match = re.match(r"Page\s+(\d+)\s+(MediaBox|TrimBox):\s+([-\d.\s]+)$", line)
        if match:
            found[int(match[1]), match[2]] = Box(*(float(v) for v in match[3].split()))
    media = [found[n, "MediaBox"] for n in range(1, pages + 1)]
    # A page without a TrimBox is trimmed at its MediaBox (PDF 32000-1, 14.11.2).
    return media, [found.get((n, "TrimBox"), media[n - 1]) for n in range(1, pages + 1)]


def contact_sheet(pages: list[tuple[Image.Image, tuple[int, int, int, int]]],
                  heading: str) -> Image.Image:
    """The pages laid out as printed: page 1 alone, spreads 2-3, 4-5, ..., last alone.

    `pages` holds each page's rendering (bleed included) and its trim rectangle
    in that rendering's pixels.
    """
    count = len(pages)
    thumbs = [_thumbnail(image, cut, number, count) for number, (image, cut)
              in enumerate(pages, start=1)]
    page_w = max(t.trim_width for t in thumbs)
    bleed = max(t.bleed for t in thumbs)
    spread_w, spread_h = 2 * page_w + 2 * bleed, SHEET_PAGE_HEIGHT + 2 * bleed
    slots = count // 2 + 1          # page n lies in slot n // 2: 1 alone, then 2-3, 4-5...
    across = min(SPREADS_PER_ROW, slots)
    rows = -(-slots // across)
    sheet = Image.new("RGB", (GAP + across * (spread_w + GAP),
                              HEADER_HEIGHT + rows * (spread_h + LABEL_HEIGHT + GAP)), TABLE)
    draw = ImageDraw.Draw(sheet)
    draw.text((GAP, HEADER_HEIGHT // 2), heading, font=_font(600, 20), fill=INK, anchor="lm")
    for number, thumb in enumerate(thumbs, start=1):
        slot = number // 2
        x = GAP + (slot % across) * (spread_w + GAP)
        y = HEADER_HEIGHT + (slot // across) * (spread_h + LABEL_HEIGHT + GAP)
        spine = x + bleed + page_w            # where the fold of this spread runs
        left = spine - thumb.trim_width - thumb.bleed if number % 2 == 0 else spine
        sheet.paste(thumb.image, (left, y + bleed - thumb.bleed))
        draw.text((left + (thumb.image.width // 2), y + spread_h + LABEL_HEIGHT // 2),
                  str(number), font=_font(600, 18), fill=INK, anchor="mm")
        if number % 2 == 0 and number < count or number % 2 == 1 and number > 1:
            draw.line((spine, y + bleed, spine, y + bleed + SHEET_PAGE_HEIGHT), fill=FOLD_LINE)
    return sheet


@dataclass(frozen=True)
class _Thumbnail:
    image: Image.Image        # the page with its outer bleed, tinted, trim marked
    trim_width: int
    bleed: int


def _thumbnail(image: Image.Image, cut: tuple[int, int, int, int], number: int,
               count: int) -> _Thumbnail:
    """The page scaled for the sheet; its spine edge cut at the trim, the others keep the bleed."""
    scale = SHEET_PAGE_HEIGHT / (cut[3] - cut[1])
    small = image.resize((round(image.width * scale), round(image.height * scale)),
                         Image.Resampling.LANCZOS).convert("RGBA")
    left, top, right, bottom = (round(v * scale) for v in cut)
    bleed = top
    overlay = Image.new("RGBA", small.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for area in ((0, 0, small.width, top), (0, bottom, small.width, small.height),
                 (0, top, left, bottom), (right, top, small.width, bottom)):
        if area[2] > area[0] and area[3] > area[1]:
            draw.rectangle((area[0], area[1], area[2] - 1, area[3] - 1), fill=BLEED_TINT)
    draw.rectangle((left, top, right - 1, bottom - 1), outline=TRIM_LINE)
    marked = Image.alpha_composite(small, overlay).convert("RGB")
    # Even pages lie left of the fold, odd pages right: the fold side is cut at the trim.
    crop = (0, 0, right, small.height) if number % 2 == 0 else (left, 0, small.width, small.height)
    return _Thumbnail(marked.crop(crop), right - left, bleed)


def _render(pdf: Path, folder: Path, dpi: int, pages: int) -> list[Image.Image]:
    """Every page rendered with its bleed, the work shared between the machine's cores."""
    if shutil.which("pdftoppm") is None:
        raise SetupError("pdftoppm is not installed: apt-get install poppler-utils")
    workers = max(1, min(os.cpu_count() or 1, 4, pages))
    share = -(-pages // workers)
    runs = []
    for first in range(1, pages + 1, share):
        last = min(pages, first + share - 1)
        runs.append(subprocess.Popen(
            ["pdftoppm", "-r", str(dpi), "-png", "-f", str(first), "-l", str(last),
             str(pdf), str(folder / "render")], stderr=subprocess.PIPE, text=True))
    for run in runs:
        _, errors = run.communicate()
        if run.returncode:
            raise BuildError(f"pdftoppm could not render {pdf}: {errors.strip()}")
    files = sorted(folder.glob("render-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    images = []
    for file in files:
        with Image.open(file) as image:
            images.append(image.convert("RGB"))
        file.unlink()
    return images


def _trim_rect(media: Box, trim: Box, scale: float) -> tuple[int, int, int, int]:
    """The trim box in pixels of the rendered media box (y downwards)."""
    return (round((trim.x0 - media.x0) * scale), round((media.y1 - trim.y1) * scale),
            round((trim.x1 - media.x0) * scale), round((media.y1 - trim.y0) * scale))


def _bleed_mm(media: Box, trim: Box) -> float:
    return round((trim.x0 - media.x0) / 72 * 25.4, 1)


def _replace_proofs(out_dir: Path, stem: str, made: list[Path]) -> list[Path]:
    """Move the new proofs in; remove the pages of an earlier, longer proof."""
    for stale in out_dir.glob(f"{stem}-page-*.png"):
        stale.unlink()
    final = []
    for path in made:
        os.replace(path, out_dir / path.name)
        final.append(out_dir / path.name)
    return final


def _digits(count: int) -> int:
    return max(2, len(str(count)))


def _font(weight: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(fontpkg.path(FAMILY, weight)), size)


def _run(*command: str) -> str:
    if shutil.which(command[0]) is None:
        raise SetupError(f"{command[0]} is not installed: apt-get install poppler-utils")
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode:
        raise BuildError(f"{command[0]} could not read {command[-1]}: {result.stderr.strip()}")
    return result.stdout
