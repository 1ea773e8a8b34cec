"""Stage 4, typeset: the composed HTML -> one PDF per edition, with WeasyPrint.

Both editions share the HTML and the base stylesheet; each adds its own
stylesheet (bleed or none) and its own colour values. WeasyPrint's warnings are
treated as defects of the templates: a build that logs one fails.
"""
from __future__ import annotations

import logging
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from .errors import BuildError
from .fonts import FontSet
from .model import Publication

log = logging.getLogger("bulletin.typeset")


@dataclass
class Confinement:
    """The folders rendering may read from, and what it was refused."""
    roots: tuple[Path, ...]
    refused: list[str] = field(default_factory=list)

    def allows(self, path: Path) -> bool:
        real = path.resolve()
        return any(real.is_relative_to(root) for root in self.roots)


def theme_css(publication: Publication, fonts: FontSet, edition: str) -> str:
    """Custom properties for the stylesheets: colours (RGB or CMYK) and font families."""
    def value(colour):
        if edition == "print":
            c, m, y, k = (v / 100 for v in colour.cmyk)
            return f"device-cmyk({c:g} {m:g} {y:g} {k:g})"
        return colour.rgb
    colours = "".join(f"--{name}: {value(c)}; " for name, c in publication.colours.items())
    families = (f"--text-font: '{fonts.families['text']}'; "
                f"--display-font: '{fonts.families['display']}';")
    # Page-margin boxes inherit from the page, not from :root: declare twice.
    return f"{fonts.font_face_css()}\n:root {{ {colours}{families} }}\n@page {{ {colours}{families} }}"


def typeset(html: str, edition: str, out_path: Path, *, publication: Publication,
            fonts: FontSet, styles_dir: Path, base_url: Path, confinement: Confinement) -> int:
    """Render `html` as `edition` into `out_path`; return its page count."""
    from weasyprint import CSS, HTML  # heavy: imported only when rendering
    from weasyprint.text.fonts import FontConfiguration
    fetcher = _confined_fetcher(confinement)
    font_config = FontConfiguration()   # without it, @font-face rules are ignored
    css = dict(url_fetcher=fetcher, font_config=font_config)
    with _warnings_as_defects(edition) as warnings:
        stylesheets = [CSS(string=theme_css(publication, fonts, edition), **css),
                       CSS(filename=str(styles_dir / "bulletin.css"), **css),
                       CSS(filename=str(styles_dir / f"{edition}.css"), **css)]
        document = HTML(string=html, base_url=base_url.as_uri() + "/",
                        url_fetcher=fetcher).render(stylesheets=stylesheets,
                                                            font_config=font_config)
        document.write_pdf(out_path, **_pdf_options(edition, publication))
    _raise_on_defects(edition, warnings, confinement)
    log.info("typeset: %s edition, %d pages", edition, len(document.pages))
    return len(document.pages)


def _pdf_options(edition: str, publication: Publication) -> dict:
    options = {"pdf_tags": True, "custom_metadata": True}
    if edition == "email":
        options["pdf_variant"] = "pdf/ua-1"
    return options


def _confined_fetcher(confinement: Confinement):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ConfinedFetcher(URLFetcher):
        """Serves files from the allowed folders only; never opens a connection."""

        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            path = Path(unquote(parsed.path))
            if parsed.scheme != "file" or not confinement.allows(path):
                confinement.refused.append(url)
                raise ValueError(f"refused to fetch {url}")
            mime, _ = mimetypes.guess_type(path.name)
            return URLFetcherResponse(url, body=path.read_bytes(),
                                      headers={"Content-Type": mime or "application/octet-stream"})

    return ConfinedFetcher()


class _warnings_as_defects:
    """Collects what WeasyPrint logs at WARNING or above while it renders."""

    def __init__(self, edition: str):
        self.edition = edition

    def __enter__(self) -> list[str]:
        import weasyprint
        self.messages: list[str] = []
        self.handler = logging.Handler(logging.WARNING)
        self.handler.emit = lambda record: self.messages.append(record.getMessage())
        self.saved = weasyprint.LOGGER.level, weasyprint.LOGGER.propagate
        weasyprint.LOGGER.setLevel(logging.WARNING)
        weasyprint.LOGGER.propagate = False    # reported once, by _raise_on_defects
        weasyprint.LOGGER.addHandler(self.handler)
        return self.messages

    def __exit__(self, *exc) -> None:
        import weasyprint
        weasyprint.LOGGER.removeHandler(self.handler)
        weasyprint.LOGGER.setLevel(self.saved[0])
        weasyprint.LOGGER.propagate = self.saved[1]


def _raise_on_defects(edition: str, warnings: list[str], confinement: Confinement) -> None:
    if confinement.refused:
        raise BuildError("rendering tried to read outside the project's folders: "
                         + ", ".join(sorted(set(confinement.refused))))
    if warnings:
        raise BuildError(f"WeasyPrint reported {len(warnings)} problem(s) while typesetting "
                         f"the {edition} edition (defects of the templates or styles):\n  "
                         + "\n  ".join(dict.fromkeys(warnings)))
