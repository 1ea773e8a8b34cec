"""Press profiles: the ICC characterisation of the printing condition of the print edition.

No profile is committed. A publication names either a standard printing
condition, whose profile is built once per machine from the characterisation
data Debian ships in `icc-profiles-free` (Fogra's and CGATS' measurements, zlib
licence) with ArgyllCMS' `colprof`, or an `.icc` file its print shop supplied.
The profile goes into the print PDF as its OutputIntent and converts the photos.

A built profile separates as a prepress operator would set it up, close to the
published profile of its condition (ISO Coated v2 for FOGRA39): light GCR, the
black starting in the middle tones and carrying the three-quarter tones and
shadows, total ink at the publication's limit, black at most 95 % (see
`SEPARATION` and the README's "Press profiles"). colprof dates a profile on the
day it builds it; the date in its header is set to the recipe's, so the same
data and recipe give the same bytes on every machine, and the print PDFs that
embed the profile stay reproducible.

`python -m bulletin.typeset.profiles [NAME ...]` builds the named (default: all) profiles;
`make setup` runs it so the first build does not wait for it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import shutil
import struct
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import Image, ImageCms

from ..content.conditions import CONDITIONS
from ..errors import SetupError

log = logging.getLogger("bulletin.profiles")

CHARACTERISATION_DIR = Path("/usr/share/color/icc")
# Source RGB space for the gamut mapping of the perceptual table: photos are sRGB.
SRGB_PROFILE = CHARACTERISATION_DIR / "sRGB.icc"
PACKAGES = "argyll icc-profiles-free"
QUALITY = "-qm"           # colprof's medium quality: about a minute a profile
REGISTRY = "http://www.color.org"


@dataclass(frozen=True)
class Separation:
    """How colprof turns the press's colour into ink: its black generation and limits.

    The black curve is colprof's `-k p` (K as a share of the K range each colour
    allows, along the grey axis from white 0 to black 1): no black until
    `black_start`, rising in a straight line to `black_at_black` at `black_end`.
    Starting it half way down the grey axis is a light GCR: highlights, skin and
    pastel colours are built of C, M and Y alone (clean, fine-grained, as ISO
    Coated v2 separates them), and black takes over in the three-quarter tones
    and shadows, where it holds neutral greys steady and saves ink."""
    black_at_white: float = 0.0
    black_start: float = 0.5
    black_end: float = 1.0
    black_at_black: float = 1.0
    shape: float = 1.0             # 1: straight; below, concave (later black); above, convex
    black_limit: float = 95.0      # %: the most black ink any colour gets
    dated: dt.date = dt.date(2026, 11, 30)   # the header's date: when this recipe was set

    def options(self, ink_limit: float) -> list[str]:
        """colprof's options for this separation at the total ink limit `ink_limit` (%)."""
        curve = (self.black_at_white, self.black_start, self.black_end, self.black_at_black, self.shape)
        return ["-k", "p", *(f"{v:g}" for v in curve), f"-l{ink_limit:g}", f"-L{self.black_limit:g}"]

    def describe(self, ink_limit: float) -> str:
        return f"light GCR, total ink {ink_limit:g} %, black at most {self.black_limit:g} %"


SEPARATION = Separation()


@dataclass(frozen=True)
class PressProfile:
    """The output profile of the print edition and what the OutputIntent says of it."""
    path: Path
    identifier: str        # "FOGRA39", or the supplied file's name
    condition: str         # a sentence for people: paper and process
    ink_limit: float       # total area coverage the separations keep within, %
    source: str            # where the profile came from, for the report and job sheet
    registry: str = ""     # set for registered characterisations

    def read(self) -> bytes:
        return self.path.read_bytes()


def profiles_dir() -> Path:
    """Built profiles live with the Python environment: one build per machine and venv."""
    return Path(sys.prefix) / "share" / "bulletin" / "icc"


def press_profile(setting: str, ink_limit: float, base: Path) -> PressProfile:
    """The profile a publication's `print.profile` names: a condition or a supplied file."""
    if setting in CONDITIONS:
        condition = CONDITIONS[setting]
        path = ensure_built(setting, ink_limit)
        return PressProfile(path, condition.identifier, condition.description, ink_limit,
                            f"built from {condition.data} (icc-profiles-free) with ArgyllCMS "
                            f"colprof, {SEPARATION.describe(ink_limit)}", REGISTRY)
    path = (base / setting).resolve()
    if not path.is_file():
        raise SetupError(f"the press profile {path} does not exist (print.profile in "
                         "publication.yaml: a condition such as FOGRA39, or the print shop's .icc file)")
    return PressProfile(path, path.stem, f"supplied by the print shop ({path.name})", ink_limit,
                        f"supplied file {path.name}")


def built_path(name: str, ink_limit: float, separation: Separation = SEPARATION) -> Path:
    """Named by the condition, the ink limit and a digest of the recipe: a changed
    recipe builds a new profile instead of reusing the old one."""
    recipe = " ".join([*separation.options(ink_limit), separation.dated.isoformat(), QUALITY])
    digest = hashlib.sha256(recipe.encode()).hexdigest()[:8]
    return profiles_dir() / f"{name}-tac{ink_limit:g}-{digest}.icc"


def ensure_built(name: str, ink_limit: float) -> Path:
    path = built_path(name, ink_limit)
    if not path.is_file():
        build_profile(name, ink_limit, path)
    return path


def build_profile(name: str, ink_limit: float, path: Path) -> None:
    """Build the profile of a condition from its characterisation data with colprof."""
    condition = CONDITIONS[name]
    data = CHARACTERISATION_DIR / condition.data
    colprof = shutil.which("colprof")
    if colprof is None or not data.is_file() or not SRGB_PROFILE.is_file():
        raise SetupError(f"cannot build the press profile {name}: it needs ArgyllCMS' colprof and "
                         f"{data} (install them with: sudo apt-get install -y {PACKAGES})")
    log.warning("profiles: building the %s press profile from %s (once per machine, about a "
                "minute)", name, data.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="profile-", dir=path.parent) as work:
        stem = Path(work) / name
        shutil.copy(data, stem.with_suffix(".ti3"))
        command = [colprof, QUALITY, *SEPARATION.options(ink_limit),
                   "-S", str(SRGB_PROFILE),          # perceptual table mapped from sRGB photos
                   "-M", condition.identifier,       # WeasyPrint names the OutputIntent after it
                   "-D", f"{condition.identifier} ({condition.description}), "
                         f"{SEPARATION.describe(ink_limit)}",
                   "-C", f"Built from the {condition.identifier} characterisation data",
                   str(stem)]
        done = subprocess.run(command, capture_output=True, text=True)
        built = stem.with_suffix(".icc")
        if done.returncode != 0 or not built.is_file() or built.stat().st_size == 0:
            raise SetupError(f"colprof failed building the {name} press profile "
                             f"(exit {done.returncode}): {done.stderr.strip()[-300:]}")
        built.write_bytes(dated(built.read_bytes(), SEPARATION.dated))
        os.replace(built, path)   # atomic: a concurrent build sees the whole file or none


def dated(icc: bytes, day: dt.date) -> bytes:
    """`icc` with the date in its header (bytes 24-35: year, month, day, hours,
    minutes, seconds) set to midnight of `day`, and its profile ID (bytes 84-99,
    the MD5 of the profile with that ID, the flags and the intent zeroed) made
    again when the profile carries one."""
    data = bytearray(icc)
    data[24:36] = struct.pack(">6H", day.year, day.month, day.day, 0, 0, 0)
    if any(data[84:100]):
        hashed = bytearray(data)
        hashed[44:48] = hashed[64:68] = bytes(4)
        hashed[84:100] = bytes(16)
        data[84:100] = hashlib.md5(hashed, usedforsecurity=False).digest()
    return bytes(data)


def separate(profile: Path, colours: Sequence[tuple[int, int, int]],
             intent: ImageCms.Intent = ImageCms.Intent.PERCEPTUAL) -> list[tuple[float, float, float, float]]:
    """sRGB `colours` as the profile separates them (perceptual: as a photo's pixels
    are), in ink % each: what the benchmark's table prints and the tests hold."""
    transform = ImageCms.buildTransform(ImageCms.createProfile("sRGB"),
                                        ImageCms.ImageCmsProfile(str(profile)), "RGB", "CMYK",
                                        renderingIntent=intent)
    strip = Image.new("RGB", (len(colours), 1))
    for x, colour in enumerate(colours):
        strip.putpixel((x, 0), colour)
    separated = ImageCms.applyTransform(strip, transform)
    assert separated is not None               # None only when applied in place
    inks = separated.tobytes()                 # C, M, Y, K of each pixel in turn, 0-255
    return [(inks[i] / 2.55, inks[i + 1] / 2.55, inks[i + 2] / 2.55, inks[i + 3] / 2.55)
            for i in range(0, len(inks), 4)]


def main(args: list[str]) -> int:
    """Build the profiles named, or those the publication.yaml files given name."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        for name, ink_limit in _wanted(args):
            print(f"press profile {name}: {ensure_built(name, ink_limit)}")
    except SetupError as err:
        print(f"bulletin.profiles: error: {err}", file=sys.stderr)
        return 1
    return 0


def _wanted(args: list[str]) -> list[tuple[str, float]]:
    wanted = []
    for arg in args or list(CONDITIONS):
        if arg.endswith((".yaml", ".yml")):
            settings = (yaml.safe_load(Path(arg).read_text(encoding="utf-8")) or {}).get("print") or {}
            arg, limit = settings.get("profile", "FOGRA39"), float(settings.get("ink_limit", 300))
            if arg not in CONDITIONS:
                continue                 # the print shop's own file: nothing to build
        else:
            limit = 300.0
        if arg not in CONDITIONS:
            raise SetupError(f"no printing condition {arg} (known: {', '.join(CONDITIONS)})")
        wanted.append((arg, limit))
    return wanted


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
