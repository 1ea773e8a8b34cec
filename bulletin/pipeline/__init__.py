"""The pipeline: the build as a short sequence of stages, its worker jobs, its
outputs and the print shop hand-off; and the checks that need no rendering."""
from __future__ import annotations

from .check import check, check_glyphs, check_preflight, readiness
from .outputs import BuildResult
from .stages import build

__all__ = ["BuildResult", "build", "check", "check_glyphs", "check_preflight", "readiness"]
