"""What rendering may read: the project's own folders, never the network.

WeasyPrint fetches every image, stylesheet and font through a URL fetcher; the
bulletin's serves local files inside the allowed folders only and records what
it refused, so a refusal is reported with the story that asked for it.
"""
from __future__ import annotations

import mimetypes
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..errors import BuildError


@dataclass
class Confinement:
    """The folders rendering may read from, and what it was refused.

    `owners` names the story each content file belongs to (a photo's path ->
    "story 'steering-committee'"), so a refusal says whose reference it was.
    """
    roots: tuple[Path, ...]
    owners: dict[Path, str] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)

    def allows(self, path: Path) -> bool:
        real = path.resolve()
        return any(real.is_relative_to(root) for root in self.roots)

    def refusal(self, url: str) -> str | None:
        """Why `url` may not be read while rendering, or None when it may."""
        parsed = urlparse(url)
        if parsed.scheme != "file":
            return "not a local file (rendering opens no connection)"
        if parsed.netloc not in ("", "localhost"):
            return f"a file on another machine ({parsed.netloc})"
        path = Path(unquote(parsed.path))
        if not self.allows(path):
            real = path.resolve()
            link = f"a link to {real}, " if real != Path(os.path.normpath(path)) else ""
            return f"{link}outside the project's folders"
        if not path.resolve().is_file():
            return "not a file"
        return None

    def refuse(self, url: str, reason: str) -> None:
        path = Path(unquote(urlparse(url).path))
        owner = self.owners.get(path)
        shown = os.path.relpath(path, self.roots[0]) if owner else url
        self.refused.append(f"{owner + ': ' if owner else ''}'{shown}' is {reason}")


class RefusedReferences(BuildError):
    """Rendering asked for a file or address outside the project's folders."""


def confined_fetcher(confinement: Confinement):
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # WeasyPrint's: only when rendering

    class ConfinedFetcher(URLFetcher):
        """Serves files from the allowed folders only; never opens a connection."""

        def fetch(self, url, headers=None):
            reason = confinement.refusal(url)
            if reason is not None:
                confinement.refuse(url, reason)
                raise ValueError(f"refused to fetch {url}")
            path = Path(unquote(urlparse(url).path))
            mime, _ = mimetypes.guess_type(path.name)
            return URLFetcherResponse(url, body=path.read_bytes(),
                                      headers={"Content-Type": mime or "application/octet-stream"})

    return ConfinedFetcher()
