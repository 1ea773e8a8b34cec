"""Press profiles: the ICC characterisation of the printing condition of the print edition.

No profile is committed. A publication names either a standard printing
condition, whose profile is built once per machine from the characterisation
data Debian ships in `icc-profiles-free` (Fogra's and CGATS' measurements, zlib
licence) with ArgyllCMS' `colprof`, or an `.icc` file its print shop supplied.
The profile goes into the print PDF as its OutputIntent and converts the photos.

`python -m bulletin.typeset.profiles [NAME ...]` builds the named (default: all) profiles;
`make setup` runs it so the first build does not wait for it.
"""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..content.conditions import CONDITIONS
from ..errors import SetupError

log = logging.getLogger("bulletin.profiles")

CHARACTERISATION_DIR = Path("/usr/share/color/icc")
# Source RGB space for the gamut mapping of the perceptual table: photos are sRGB.
SRGB_PROFILE = CHARACTERISATION_DIR / "sRGB.icc"
PACKAGES = "argyll icc-profiles-free"
REGISTRY = "http://www.color.org"


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
                            f"colprof, total ink limit {ink_limit:g} %", REGISTRY)
    path = (base / setting).resolve()
    if not path.is_file():
        raise SetupError(f"the press profile {path} does not exist (print.profile in "
                         "publication.yaml: a condition such as FOGRA39, or the print shop's .icc file)")
    return PressProfile(path, path.stem, f"supplied by the print shop ({path.name})", ink_limit,
                        f"supplied file {path.name}")


def built_path(name: str, ink_limit: float) -> Path:
    return profiles_dir() / f"{name}-tac{ink_limit:g}.icc"


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
        command = [colprof, "-qm", "-kr", f"-l{ink_limit:g}",
                   "-S", str(SRGB_PROFILE),          # perceptual table mapped from sRGB photos
                   "-M", condition.identifier,       # WeasyPrint names the OutputIntent after it
                   "-D", f"{condition.identifier} ({condition.description}), TAC {ink_limit:g} %",
                   "-C", f"Built from the {condition.identifier} characterisation data",
                   str(stem)]
        done = subprocess.run(command, capture_output=True, text=True)
        built = stem.with_suffix(".icc")
        if done.returncode != 0 or not built.is_file() or built.stat().st_size == 0:
            raise SetupError(f"colprof failed building the {name} press profile "
                             f"(exit {done.returncode}): {done.stderr.strip()[-300:]}")
        os.replace(built, path)   # atomic: a concurrent build sees the whole file or none


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
