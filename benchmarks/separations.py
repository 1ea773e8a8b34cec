"""How each press profile separates a fixed set of reference colours.

Prints, for every printing condition bulletin builds a profile for (FOGRA39,
GRACoL2006, SWOP5, SWOP3), the C, M, Y and K (%) and the total ink of each
reference colour given in sRGB, separated as a photo's pixels are (perceptual
intent, from sRGB): a grey ramp, skin tones, sky, foliage, and the publication's
theme colours as a photo would carry them. Then the theme colours as the
publication sets them on press (its own CMYK values, and their small-type forms).

A profile not built yet is built first (colprof, a few minutes each). Not a
test: the properties that matter are held by tests/typeset/test_profiles.py;
this prints the table README.md's "Press profiles" quotes.

    .venv/bin/python benchmarks/separations.py [--conditions FOGRA39,SWOP5] [--publication FILE]
"""
from __future__ import annotations

import argparse
import logging
import math
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml
from PIL import Image, ImageCms

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bulletin.content.conditions import CONDITIONS  # noqa: E402  (run as a script from anywhere)
from bulletin.typeset.profiles import SEPARATION, ensure_built, separate  # noqa: E402

# sRGB values: a grey ramp from paper to black, then colours photographs are judged by.
# Skin, sky and foliage are the X-Rite ColorChecker's patches (sRGB as published),
# with a lighter skin tone and a saturated sky blue beside them.
REFERENCE = {
    "grey 230": (230, 230, 230),
    "grey 204": (204, 204, 204),
    "grey 179": (179, 179, 179),
    "grey 153": (153, 153, 153),
    "grey 128": (128, 128, 128),
    "grey 102": (102, 102, 102),
    "grey 77": (77, 77, 77),
    "grey 51": (51, 51, 51),
    "grey 26": (26, 26, 26),
    "black": (0, 0, 0),
    "light skin": (224, 172, 140),
    "skin (ColorChecker)": (194, 150, 130),
    "dark skin (ColorChecker)": (115, 82, 68),
    "blue sky (ColorChecker)": (98, 122, 157),
    "saturated sky": (0, 158, 219),
    "foliage (ColorChecker)": (87, 108, 67),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conditions", default=",".join(CONDITIONS),
                        help="printing conditions, comma-separated (default: all)")
    parser.add_argument("--publication", type=Path, default=ROOT / "issues" / "publication.yaml",
                        help="the publication whose theme colours and ink limit are shown")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    settings = yaml.safe_load(args.publication.read_text(encoding="utf-8"))
    ink_limit = float((settings.get("print") or {}).get("ink_limit", 300))
    theme = {f"theme {name}": _rgb(colour["rgb"]) for name, colour in settings.get("colours", {}).items()}
    colours = {**REFERENCE, **theme}
    names = [n.strip() for n in args.conditions.split(",") if n.strip()]
    print(f"Separations, sRGB -> CMYK (perceptual), {SEPARATION.describe(ink_limit)}\n")
    for name in names:
        profile = ensure_built(name, ink_limit)
        print(f"{name} ({CONDITIONS[name].description}): {profile.name}\n")
        print(_table(colours, separate(profile, list(colours.values()))))
        print()
    first = ensure_built(names[0], ink_limit)
    print(f"Theme colours as the publication sets them on press (publication.yaml); ΔE*ab of the "
          f"small-type form from the colour, through {names[0]} (relative colorimetric)\n")
    print(_press_table(settings.get("colours", {}), first))
    return 0


def _table(colours: dict[str, tuple[int, int, int]], inks: Sequence[tuple[float, ...]]) -> str:
    rows = ["| colour | sRGB | C | M | Y | K | total |", "| --- | --- | --: | --: | --: | --: | --: |"]
    for (name, rgb), ink in zip(colours.items(), inks):
        cells = [f"{round(v)}" for v in ink]
        rows.append(f"| {name} | {','.join(map(str, rgb))} | {' | '.join(cells)} | {round(sum(ink))} |")
    return "\n".join(rows)


def _press_table(colours: dict, profile: Path) -> str:
    rows = ["| colour | CMYK | inks | total | small-type form | inks | ΔE |",
            "| --- | --- | --: | --: | --- | --: | --: |"]
    for name, colour in colours.items():
        cmyk, small = colour["cmyk"], colour.get("small")
        shift = f"{_difference(profile, cmyk, small):.1f}" if small else ""
        rows.append(f"| {name} | {_cmyk(cmyk)} | {_inks(cmyk)} | {sum(cmyk):g} | "
                    f"{_cmyk(small) if small else '(the colour itself)'} | {_inks(small or cmyk)} | {shift} |")
    return "\n".join(rows)


def _difference(profile: Path, one: list[float], other: list[float]) -> float:
    """ΔE*ab (CIE 1976) between two ink mixes printed in the profile's condition."""
    to_lab = ImageCms.buildTransform(ImageCms.ImageCmsProfile(str(profile)), ImageCms.createProfile("LAB", 5000),
                                     "CMYK", "LAB", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    strip = Image.new("CMYK", (2, 1))
    for x, inks in enumerate((one, other)):
        strip.putpixel((x, 0), tuple(round(v * 2.55) for v in inks))
    lab = ImageCms.applyTransform(strip, to_lab)
    assert lab is not None
    (l1, a1, b1), (l2, a2, b2) = (lab.getpixel((x, 0)) for x in range(2))   # type: ignore[misc]
    return math.dist((l1 / 2.55, a1 - 128, b1 - 128), (l2 / 2.55, a2 - 128, b2 - 128))


def _cmyk(values) -> str:
    return " ".join(f"{letter}{v:g}" for letter, v in zip("CMYK", values))


def _inks(values) -> int:
    return sum(1 for v in values if v > 0)


def _rgb(value: str) -> tuple[int, int, int]:
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


if __name__ == "__main__":
    sys.exit(main())
