"""Checks the system libraries WeasyPrint needs, before the virtualenv exists.

Standard library only: `make` runs it with the system Python. pip cannot
install these; the message names the command that does.
"""
import ctypes.util
import sys

# (library name for find_library, Debian package that provides it, why)
REQUIRED = (
    ("pango-1.0", "libpango-1.0-0", "WeasyPrint lays out text with Pango"),
    ("pangoft2-1.0", "libpangoft2-1.0-0", "WeasyPrint loads fonts through PangoFT2"),
    ("harfbuzz-subset", "libharfbuzz-subset0", "without it WeasyPrint warns on every font it embeds"),
)


def missing() -> list[tuple[str, str, str]]:
    return [entry for entry in REQUIRED if ctypes.util.find_library(entry[0]) is None]


if __name__ == "__main__":
    absent = missing()
    for library, _package, why in absent:
        print(f"missing system library {library} ({why})", file=sys.stderr)
    if absent:
        packages = " ".join(package for _, package, _ in absent)
        print(f"install it with: sudo apt-get install -y {packages}", file=sys.stderr)
        sys.exit(1)
