"""Is a photo fit to be typeset? Checked while the issue loads, so a broken file
is reported at its figure's `image:` line instead of failing inside WeasyPrint.

The file is read once, capped at the size a photo may have, and only if it is a
plain file in the issue folder (`files.read_capped`). The whole image is decoded
once: a truncated JPEG opens and reports its size without complaint, and only
decoding finds the missing bytes. Sizes are read from the header first, so a
decompression bomb is refused before it is decoded. An embedded colour profile
must open and suit the pixels, as both editions convert through it.
"""
from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, ImageCms, ImageFile

from ..files import TooLarge, UnfitFile, read_capped

MAX_BYTES = 50_000_000
MAX_PIXELS = 50_000_000        # a 8000 × 6000 photo; far beyond 300 dpi on an A4 page
FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG"}
# Pixel modes WeasyPrint 70 can place (it converts 1, P and I to RGB itself).
MODES = {"RGB", "RGBA", "L", "LA", "CMYK", "1", "P", "I"}
MODE_NAMES = {"I;16": "16-bit greyscale", "I;16B": "16-bit greyscale", "I;16L": "16-bit greyscale",
              "F": "32-bit floating-point", "PA": "palette-with-alpha", "LAB": "Lab", "HSV": "HSV",
              "YCbCr": "YCbCr"}


def pixel_width(path: Path) -> int:
    """The width in pixels of a photo `image_problem` passed, from its header alone;
    0 when it cannot be read."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with Image.open(path) as image:
                return image.size[0]
        except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError):
            return 0


def image_problem(path: Path, inside: Path) -> str | None:
    """What makes the file at `path` unfit as a photo, worded to follow its name; None if
    fit. `inside` is the folder it must be in (the issue's)."""
    try:
        data = read_capped(path, MAX_BYTES, inside)
    except TooLarge as err:
        return (f"is {err.size / 1e6:.0f} MB, more than the {MAX_BYTES / 1e6:.0f} MB a photo may "
                "weigh (save it at a lower quality or size)")
    except UnfitFile as err:
        return str(err)
    if not data:
        return "is empty (0 bytes; expected a JPEG or PNG image)"
    # Broken EXIF or metadata makes Pillow warn; the pixels are what is checked here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with Image.open(io.BytesIO(data)) as image:
                return _header_problem(image) or _profile_problem(image) or _decode_problem(image)
        except Image.DecompressionBombError:
            return _too_many_pixels(*_header_size(data))
        except OSError as err:
            return f"is not a readable image ({_reason(err, data)})"
        except (ValueError, SyntaxError, EOFError) as err:   # Pillow's word for corrupt data
            return f"is not a readable image ({err})"
        except Exception as err:  # noqa: BLE001  a decoder tripped by hostile bytes: still the file's fault
            return f"is not a readable image ({type(err).__name__}: {err})"


def _header_problem(image: Image.Image) -> str | None:
    kind = FORMATS.get(image.format or "")
    if kind is None:
        return f"is a {image.format} image (expected JPEG or PNG; convert it)"
    if image.width * image.height > MAX_PIXELS:
        return _too_many_pixels(image.width, image.height)
    if image.mode not in MODES:
        name = MODE_NAMES.get(image.mode, f"'{image.mode}'")
        return f"is a {name} image, which cannot be typeset (save it as 8-bit RGB or greyscale)"
    return None


def _profile_problem(image: Image.Image) -> str | None:
    """An embedded colour (ICC) profile that either edition could not convert through:
    one that does not open, or is not of the pixels' colour space."""
    icc = image.info.get("icc_profile")
    if not icc:
        return None
    advice = "save it again with an sRGB profile, or with none"
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        space = profile.profile.xcolor_space.strip()
    except (OSError, ImageCms.PyCMSError) as err:
        return f"carries a broken colour profile ({err}; {advice})"
    # The photo conversions read grey as grey and CMYK as CMYK; all else becomes RGB.
    expected = {"L": "GRAY", "CMYK": "CMYK"}.get(image.mode, "RGB")
    if space != expected:
        return (f"carries a {space} colour profile for {expected if expected != 'GRAY' else 'grey'} "
                f"pixels ({advice})")
    mode = {"L": "L", "CMYK": "CMYK"}.get(image.mode, "RGB")
    try:
        ImageCms.buildTransform(profile, ImageCms.createProfile("sRGB"), mode, "RGB")
    except (OSError, ImageCms.PyCMSError) as err:
        return f"carries a colour profile that cannot convert its pixels ({err}; {advice})"
    return None


def _decode_problem(image: Image.Image) -> str | None:
    kind = FORMATS[image.format or ""]
    try:
        read_through(image, 8)
    except OSError as err:
        if "truncated" in str(err):
            return f"is not a readable image (truncated {kind})"
        return f"is not a readable image (broken {kind} data: {err})"
    except (ValueError, SyntaxError, EOFError) as err:
        return f"is not a readable image (broken {kind} data: {err})"
    return None


def read_through(image: Image.Image, scale: int) -> Image.Image:
    """`image` decoded, a JPEG at 1/`scale` of its size by libjpeg itself (every
    byte is still decoded, so a truncated or broken file still fails, several
    times faster); raises what Pillow raises on broken data.

    WeasyPrint sets LOAD_TRUNCATED_IMAGES for the whole process when it is
    imported, which would let a truncated photo decode without complaint: it is
    off while this reads."""
    if image.format == "JPEG":
        image.draft(image.mode, (max(1, image.width // scale), max(1, image.height // scale)))
    relaxed, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = relaxed
    return image


def _too_many_pixels(width: int, height: int) -> str:
    return (f"is {width} × {height} pixels, more than the {MAX_PIXELS / 1e6:.0f} megapixels "
            "a photo may have (scale it down)")


def _header_size(data: bytes) -> tuple[int, int]:
    """Width and height of an image Pillow refuses to open because of them."""
    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None      # only the header is read: nothing is decoded here
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    finally:
        Image.MAX_IMAGE_PIXELS = saved


def _reason(err: OSError, data: bytes) -> str:
    if str(err).startswith("cannot identify image file"):
        return "neither JPEG nor PNG data"
    # Pillow knew the format and failed in its header.
    kind = "JPEG" if data.startswith(b"\xff\xd8") else "PNG" if data.startswith(b"\x89PNG") else "image"
    return f"broken {kind} data"
