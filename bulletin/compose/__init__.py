"""Stage 3, compose: `Issue` + drawn charts + placed photos -> the issue's HTML,
through the Jinja2 templates in `templates/`, the stories' Markdown made safe HTML."""
from __future__ import annotations

from .page import TEMPLATES, compose, foreign_words

__all__ = ["TEMPLATES", "compose", "foreign_words"]
