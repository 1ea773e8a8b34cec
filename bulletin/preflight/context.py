"""What every check is given: one signature for all, so that they fit one table."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pikepdf

from ..content.model import Publication
from ..editions import EditionSpec
from .report import Finding, Target
from .scanner import ContentScan


@dataclass(frozen=True)
class CheckContext:
    """One open PDF, its pages already scanned, and what it is held to."""
    pdf: pikepdf.Pdf
    scan: ContentScan
    target: Target
    publication: Publication
    spec: EditionSpec                 # the target's edition
    fonts: frozenset[str] | None = None   # the configured faces' PostScript names (None: not known)

    def xmp(self, prefix: str, name: str) -> str:
        """A value of the XMP metadata, by namespace prefix and property name."""
        if "/Metadata" not in self.pdf.Root:
            return ""
        xml = self.pdf.Root.Metadata.read_bytes().decode("utf-8", "replace")
        match = re.search(rf"{prefix}:{name}\s*=\s*\"([^\"]*)\"|<{prefix}:{name}>([^<]*)<", xml)
        return (match.group(1) or match.group(2)).strip() if match else ""


Check = Callable[[CheckContext], list[Finding]]
