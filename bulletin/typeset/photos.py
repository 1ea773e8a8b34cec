"""Photos per edition: separated to CMYK for the press, downsampled for the inbox.

Print: every photo is converted to CMYK with the press profile (perceptual
intent, from its own ICC profile or sRGB), at full resolution, and saved once
as a high-quality JPEG that WeasyPrint embeds byte for byte. CMYK and grey
JPEGs are used as they are.

Email: every photo is converted to sRGB; WeasyPrint downsamples it to at most
the edition's ppi at the size it is placed at when it writes the PDF.

Converted files are cached in `<build>/photos/<edition>/`, named by a hash of
the source's bytes and the settings, so a rebuild reuses them.
"""
from __future__ import annotations

import functools
import hashlib
import io
import logging
from pathlib import Path
from typing import Protocol

from PIL import Image, ImageCms, ImageOps

from ..editions import PhotoConversion
from ..files import FileCache
from .profiles import PressProfile

log = logging.getLogger("bulletin.images")

# Bump when the conversion changes, so cached files are made again.
CONVERSION = "1"
PRINT_QUALITY = 95        # one encode at the highest useful quality, no chroma subsampling
EMAIL_QUALITY = 80


def place_photos(conversion: PhotoConversion, images: list[Path], cache: Path,
                 profile: PressProfile | None = None, submit=None) -> Placed:
    """Each photo as an edition of `conversion` places it (see the editions' specs)."""
    if conversion is PhotoConversion.PRESS:
        if profile is None:
            raise ValueError("photos for a press need its profile")
        return for_print(images, profile, cache, submit)
    return for_email(images, cache, submit)


def for_print(images: list[Path], profile: PressProfile, cache: Path, submit=None) -> Placed:
    """Each photo as the file the print edition places: CMYK (or grey), full resolution."""
    profile_id = hashlib.sha256(profile.read()).hexdigest()[:16]
    settings = f"print {CONVERSION} {profile_id} q{PRINT_QUALITY}"
    return _placed(images, settings, cache, _press_ready, functools.partial(_separate, profile=profile),
                   submit)


def for_email(images: list[Path], cache: Path, submit=None) -> Placed:
    """Each photo as the email edition embeds it: upright sRGB (or grey).

    The downsampling to at most the budget's ppi happens when WeasyPrint writes
    the PDF (its `dpi` option), where each photo's placed size is known: no
    second layout is needed to measure it.
    """
    settings = f"email {CONVERSION} q{EMAIL_QUALITY}"
    return _placed(images, settings, cache, _screen_ready, _for_screen, submit)


class Running(Protocol):
    """A conversion started in a worker (multiprocessing's AsyncResult)."""

    def get(self) -> Path: ...


class Placed(dict[Path, Path]):
    """Each photo's placed file; conversions still running when it was made are
    waited for by `done()`."""

    def __init__(self, files: dict[Path, Path], running: dict[Path, Running]):
        super().__init__(files)
        self.running = running

    def done(self) -> Placed:
        self.update({source: job.get() for source, job in self.running.items()})
        self.running = {}
        return self


def _placed(images: list[Path], settings: str, folder: Path, ready, convert, submit) -> Placed:
    """A photo `ready` for the edition is placed as it is, a converted one is
    found in the cache, and each missing one is converted by `submit` (in a
    worker process), or right away when there is none."""
    files, running = {}, {}
    cache = FileCache(folder)
    for source in dict.fromkeys(images):
        data = source.read_bytes()
        if ready(Image.open(io.BytesIO(data))):        # the header is enough
            files[source] = source
            continue
        key = hashlib.sha256(data + b"\0" + settings.encode()).hexdigest()[:20]
        existing = cache.find(key)
        if existing is not None:
            files[source] = existing
        elif submit is None:
            files[source] = _convert(source, data, key, cache, convert)
        else:
            running[source] = submit(_convert, source, data, key, cache, convert)
    return Placed(files, running)


def _convert(source: Path, data: bytes, key: str, cache: FileCache, convert) -> Path:
    """`data`, the bytes read (and checked) when the photo was keyed, never the file again:
    a photo swapped mid-build is caught when it is placed, not half-read here."""
    blob, suffix = convert(data)
    target = cache.put(key, f"{source.stem}{suffix}", blob)
    log.info("images: %s -> %s", source.name, target.name)
    return target


def _open_upright(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    upright = ImageOps.exif_transpose(image)   # the converted file carries no orientation tag
    upright.info.setdefault("icc_profile", image.info.get("icc_profile"))
    upright.format = image.format
    return upright


def _press_ready(image: Image.Image) -> bool:
    """An upright CMYK or grey JPEG goes to press as it is."""
    return image.format == "JPEG" and image.mode in ("CMYK", "L") and not _needs_turning(image)


def _screen_ready(image: Image.Image) -> bool:
    """An upright RGB or grey JPEG with no profile is what a screen shows: embedded as it is."""
    return (image.format == "JPEG" and image.mode in ("RGB", "L")
            and not image.info.get("icc_profile") and not _needs_turning(image))


def _separate(data: bytes, profile: PressProfile) -> tuple[bytes, str]:
    """RGB -> CMYK with the press profile (grey and CMYK kept, made upright)."""
    image = _open_upright(data)
    if image.mode == "L":
        return _jpeg(image, PRINT_QUALITY, subsampling=0), ".jpg"
    if image.mode == "CMYK":
        transform = _to_press(profile.read(), image.info.get("icc_profile"), "CMYK")
        return _jpeg(_applied(transform, image), PRINT_QUALITY, subsampling=0), ".jpg"
    transform = _to_press(profile.read(), image.info.get("icc_profile"), "RGB")
    cmyk = _applied(transform, _flatten(image))
    return _jpeg(cmyk, PRINT_QUALITY, subsampling=0, dpi=image.info.get("dpi")), ".jpg"


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


def _for_screen(data: bytes) -> tuple[bytes, str]:
    image = _open_upright(data)
    rgb = _to_srgb(image)
    if rgb.mode == "RGBA":
        out = io.BytesIO()
        rgb.save(out, format="PNG", optimize=True)
        return out.getvalue(), ".png"
    return _jpeg(rgb, EMAIL_QUALITY, optimize=True, progressive=True), ".jpg"


def _to_srgb(image: Image.Image) -> Image.Image:
    """The email edition's pixels: sRGB (or grey), alpha kept for PNGs."""
    if image.mode in ("L", "RGB", "RGBA") and not _embedded_profile(image):
        return image
    source = _embedded_profile(image)
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


def _needs_turning(image: Image.Image) -> bool:
    orientation = image.getexif().get(0x0112, 1)
    return orientation not in (1, None)


def _jpeg(image: Image.Image, quality: int, dpi=None, **options) -> bytes:
    out = io.BytesIO()
    extra = {"dpi": dpi} if dpi else {}
    image.save(out, format="JPEG", quality=quality, **extra, **options)
    return out.getvalue()
