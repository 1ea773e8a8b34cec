"""Stage 5, preflight: the PDFs -> a report of what a print shop and a reader would find."""
from __future__ import annotations

from .checks import FAIL, PASS, WARN, FileReport, Finding, PhotoMemory, Report, Target, check_file, preflight

__all__ = ["FAIL", "PASS", "WARN", "FileReport", "Finding", "PhotoMemory", "Report", "Target",
           "check_file", "preflight"]
