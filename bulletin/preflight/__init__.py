"""Stage 5, preflight: the PDFs -> a report of what a print shop and a reader would find.

Every check reads the PDF itself (pikepdf), never the HTML or the CSS: boxes,
fonts, the placed size of every image (from the content streams' CTM), every
colour operator, image and shading of the print file, ink coverage, tags,
alt text, links. Each finding is pass, warn or fail, with the pages and the
object concerned. A fail keeps the print edition from the print shop.

The rooms: `report` (findings and their text and JSON forms), `scanner` (the
one walk of every page's content), `memory` (the photos already read),
`context` (what a check is given), the checks by whom they serve (`common`,
`press`, `reader`), and `run` (their table, and a file held to its edition's).
"""
from __future__ import annotations

from .memory import PhotoMemory
from .report import FAIL, PASS, WARN, FileReport, Finding, Report, Target
from .run import CHECKS, check_file, preflight

__all__ = ["CHECKS", "FAIL", "PASS", "WARN", "FileReport", "Finding", "PhotoMemory", "Report", "Target",
           "check_file", "preflight"]
