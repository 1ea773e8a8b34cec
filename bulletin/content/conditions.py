"""The standard printing conditions a publication may name as its `print.profile`.

Each is registered in the ICC's characterisation registry; its profile is built
from the characterisation data Debian ships in `icc-profiles-free` (see
typeset.profiles).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Condition:
    """A standard printing condition, as registered in the ICC's characterisation registry."""
    data: str              # the characterisation data file in icc-profiles-free
    identifier: str        # OutputConditionIdentifier of the registry
    description: str


CONDITIONS = {
    "FOGRA39": Condition("FOGRA39L.ti3", "FOGRA39",
                         "Offset, ISO 12647-2:2004/Amd 1, coated paper (ISO Coated v2)"),
    "GRACoL2006": Condition("TR006.ti3", "CGATS TR 006",
                            "Offset, GRACoL 2006, grade 1 coated paper"),
    "SWOP5": Condition("TR005.ti3", "CGATS TR 005", "Web offset, SWOP grade 5 paper"),
    "SWOP3": Condition("TR003.ti3", "CGATS TR 003", "Web offset, SWOP grade 3 paper"),
}
