"""Photos per edition: stand-ins while the pages are laid out, then each photo made
once for its edition at the size the layout gave it.

Layout places every photo as its stand-in ("FPO", for position only, as prepress
calls it): a flat grey JPEG of the photo's upright size in pixels, made from its
header alone. A layout depends on nothing else of a photo, so the fitter's many
layouts read no photo, and a photo need not be converted before its placed size
is known. Both editions place the same stand-ins.

When an edition is written (typeset.finish), each stand-in in the PDF is swapped
for the photo made for that edition at the largest size it is placed at, in one
conversion from the original, encoded once:

- print: separated to CMYK with the press profile (perceptual intent, from the
  photo's own ICC profile or sRGB), and resampled to `print.photo_ppi` (350) where
  it would be placed above `print.photo_ppi_limit` (450): above that a press
  prints nothing finer. One quality-95 JPEG without chroma subsampling. A CMYK or
  grey JPEG within the limit goes to press as it is.
- email: upright sRGB (or grey), downsampled to the edition's `max_ppi` (150)
  where it is placed above it. One quality-80 JPEG (PNG pixels for a photo with
  transparency). A JPEG already fit for a screen at its size goes as it is.

Stand-ins are cached in `<build>/photos/fpo/`, made photos in
`<build>/photos/<edition>/`, each named by a hash of the original's bytes and
what it was made with (and the pixel size), so a rebuild reuses them.
"""
from __future__ import annotations

import functools
import hashlib
import io
import logging
import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from ..content.model import Publication
from ..editions import PhotoConversion
from ..files import FileCache
from .profiles import PressProfile

log = logging.getLogger("bulletin.images")

# Bump when a conversion changes, so cached files are made again.
CONVERSION = "2"
PRINT_QUALITY = 95        # one encode at the highest useful quality, no chroma subsampling
EMAIL_QUALITY = 80
STAND_IN_GREY = 200       # what a stand-in shows should it ever be seen: a light grey
STAND_IN_QUALITY = 10     # a flat JPEG: one DC value per block, whatever the quality


@dataclass(frozen=True)
class Made:
    """A photo as an edition embeds it: the file, its pixel size, and its original."""
    source: Path
    path: Path
    width: int
    height: int


@dataclass(frozen=True)
class PhotoRecipe:
    """How an edition makes its photos: the conversion, and the resolution it keeps.

    A photo placed above `limit_ppi` is resampled to `target_ppi` at the size it
    is placed at; `profile` is the press's, for PRESS."""
    conversion: PhotoConversion
    target_ppi: float
    limit_ppi: float
    folder: Path                          # <build>/photos/<edition>/
    profile: PressProfile | None = None

    @property
    def settings(self) -> str:
        """What a made photo depends on besides its original and its size."""
        if self.conversion is PhotoConversion.PRESS:
            if self.profile is None:
                raise ValueError("photos for a press need its profile")
            profile_id = hashlib.sha256(self.profile.read()).hexdigest()[:16]
            return f"print {CONVERSION} {profile_id} q{PRINT_QUALITY}"
        return f"email {CONVERSION} q{EMAIL_QUALITY}"

    def size_for(self, width: int, height: int, placed_in: tuple[float, float]) -> tuple[int, int]:
        """The pixels a `width` x `height` photo keeps when placed `placed_in` inches
        across and down at most: all of them unless that is above the limit."""
        ppi = min(width / placed_in[0], height / placed_in[1])
        if ppi <= self.limit_ppi:
            return width, height
        scale = self.target_ppi / ppi
        # Rounded down: the effective resolution never ends above the target.
        return max(1, math.floor(width * scale)), max(1, math.floor(height * scale))


def recipe_for(conversion: PhotoConversion, publication: Publication, folder: Path,
               profile: PressProfile | None = None) -> PhotoRecipe:
    """How an edition converting photos by `conversion` makes them for `publication`."""
    if conversion is PhotoConversion.PRESS:
        run = publication.print_run
        return PhotoRecipe(conversion, run.photo_ppi, run.photo_ppi_limit, folder, profile)
    ceiling = publication.email_edition.max_ppi
    return PhotoRecipe(conversion, ceiling, ceiling, folder)


def stand_ins(images: list[Path], folder: Path) -> dict[Path, Path]:
    """Each photo's stand-in for layout: a flat grey JPEG of its upright pixel size,
    marked with the hash of the original so that no two are the same file."""
    cache = FileCache(folder)
    placed = {}
    for source in dict.fromkeys(images):
        data = source.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        key = hashlib.sha256(f"stand-in {CONVERSION} {digest}".encode()).hexdigest()[:20]
        existing = cache.find(key)
        if existing is None:
            width, height = upright_size(Image.open(io.BytesIO(data)))   # the header only
            out = io.BytesIO()
            Image.new("L", (width, height), STAND_IN_GREY).save(
                out, format="JPEG", quality=STAND_IN_QUALITY, comment=f"bulletin stand-in {digest}".encode())
            existing = cache.put(key, f"{source.stem}.jpg", out.getvalue())
        placed[source] = existing
    return placed


def upright_size(image: Image.Image) -> tuple[int, int]:
    """The photo's width and height as it is seen, turned as its EXIF orientation says."""
    width, height = image.size
    return (height, width) if _orientation(image) in (5, 6, 7, 8) else (width, height)


def make_photo(source: Path, recipe: PhotoRecipe, placed_in: tuple[float, float]) -> Made:
    """The photo at `source` as the edition embeds it, placed at most `placed_in`
    inches across and down: the original where it is fit as it is, else made once
    (and cached) from the original."""
    data = source.read_bytes()
    image = Image.open(io.BytesIO(data))                  # the header only
    width, height = upright_size(image)
    size = recipe.size_for(width, height, placed_in)
    ready = _press_ready if recipe.conversion is PhotoConversion.PRESS else _screen_ready
    if size == (width, height) and ready(image):
        return Made(source, source, width, height)
    key = hashlib.sha256(data + f"\0{recipe.settings} {size[0]}x{size[1]}".encode()).hexdigest()[:20]
    cache = FileCache(recipe.folder)
    existing = cache.find(key)
    if existing is None:
        if recipe.conversion is PhotoConversion.PRESS:
            assert recipe.profile is not None                 # checked by recipe.settings
            blob, suffix = _separated(data, size, recipe.profile)
        else:
            blob, suffix = _for_screen(data, size)
        existing = cache.put(key, f"{source.stem}{suffix}", blob)
        log.info("images: %s -> %s (%d×%d)", source.name, existing.name, *size)
    return Made(source, existing, *size)


def _opened(data: bytes, size: tuple[int, int]) -> Image.Image:
    """The photo upright at `size`: a JPEG decoded by libjpeg at the smallest scale
    (1/2, 1/4, 1/8) that still holds `size`, then resampled with Lanczos."""
    image = Image.open(io.BytesIO(data))
    icc = image.info.get("icc_profile")
    stored = size[::-1] if _orientation(image) in (5, 6, 7, 8) else size
    if image.format == "JPEG":
        image.draft(image.mode, stored)
    upright = ImageOps.exif_transpose(image)          # the made file carries no orientation tag
    if upright.mode not in ("L", "RGB", "RGBA", "CMYK"):  # 1, P, I, LA, PA: resampled as RGB(A)
        alpha = "A" in upright.mode or "transparency" in upright.info
        upright = upright.convert("RGBA" if alpha else "RGB")
    if upright.size != size:
        upright = upright.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    upright.info["icc_profile"] = icc
    return upright


def _press_ready(image: Image.Image) -> bool:
    """An upright CMYK or grey JPEG goes to press as it is."""
    return image.format == "JPEG" and image.mode in ("CMYK", "L") and _orientation(image) in (1, None)


def _screen_ready(image: Image.Image) -> bool:
    """An upright RGB or grey JPEG with no profile is what a screen shows: embedded as it is."""
    return (image.format == "JPEG" and image.mode in ("RGB", "L")
            and not image.info.get("icc_profile") and _orientation(image) in (1, None))


def _separated(data: bytes, size: tuple[int, int], profile: PressProfile) -> tuple[bytes, str]:
    """RGB -> CMYK with the press profile (grey kept, CMYK taken to the press's), at `size`."""
    image = _opened(data, size)
    source = image.info.get("icc_profile")
    if image.mode == "L":
        return _jpeg(image, PRINT_QUALITY, subsampling=0), ".jpg"
    if image.mode == "CMYK":
        transform = _to_press(profile.read(), source, "CMYK")
        return _jpeg(_applied(transform, image), PRINT_QUALITY, subsampling=0), ".jpg"
    transform = _to_press(profile.read(), source, "RGB")
    return _jpeg(_applied(transform, _flatten(image)), PRINT_QUALITY, subsampling=0), ".jpg"


def _applied(transform: ImageCms.ImageCmsTransform, image: Image.Image) -> Image.Image:
    converted = ImageCms.applyTransform(image, transform)    # None only when done in place
    assert converted is not None
    return converted


@functools.lru_cache(maxsize=8)
def _to_press(press: bytes, source: bytes | None, mode: str):
    """The perceptual transform from the photo's own profile (or sRGB; a CMYK
    photo without one is taken as the press's) to the press profile, built
    once per process for all the photos it serves."""
    press_profile = ImageCms.ImageCmsProfile(io.BytesIO(press))
    source_profile: ImageCms.ImageCmsProfile | ImageCms.core.CmsProfile
    if source:
        source_profile = ImageCms.ImageCmsProfile(io.BytesIO(source))
    else:
        source_profile = press_profile if mode == "CMYK" else ImageCms.createProfile("sRGB")
    return ImageCms.buildTransform(source_profile, press_profile, mode, "CMYK",
                                   renderingIntent=ImageCms.Intent.PERCEPTUAL)


def _for_screen(data: bytes, size: tuple[int, int]) -> tuple[bytes, str]:
    rgb = _to_srgb(_opened(data, size))
    if rgb.mode == "RGBA":
        out = io.BytesIO()
        rgb.save(out, format="PNG", optimize=True)
        return out.getvalue(), ".png"
    return _jpeg(rgb, EMAIL_QUALITY, optimize=True, progressive=True), ".jpg"


def _to_srgb(image: Image.Image) -> Image.Image:
    """The email edition's pixels: sRGB (or grey), alpha kept for PNGs."""
    source = _embedded_profile(image)
    if image.mode in ("L", "RGB", "RGBA") and source is None:
        return image
    if image.mode == "CMYK" and source is None:
        return image.convert("RGB")
    if source is None:
        return image.convert("RGBA" if "A" in image.mode or "transparency" in image.info else "RGB")
    mode = "RGBA" if image.mode in ("RGBA", "LA") else "RGB"
    image = image.convert("RGBA") if mode == "RGBA" and image.mode == "LA" else image
    converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"),
                                          renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode=mode)
    assert converted is not None                  # None only when converted in place
    return converted


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white paper: the press has no transparency for photos."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        paper = Image.new("RGB", rgba.size, (255, 255, 255))
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return image.convert("RGB") if image.mode != "RGB" else image


def _embedded_profile(image: Image.Image):
    icc = image.info.get("icc_profile")
    return ImageCms.ImageCmsProfile(io.BytesIO(icc)) if icc else None


def _orientation(image: Image.Image) -> int | None:
    return image.getexif().get(0x0112, 1)


def _jpeg(image: Image.Image, quality: int, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality, **options)
    return out.getvalue()
