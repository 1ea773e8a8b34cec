"""Stage 4, typeset: the composed HTML -> one PDF per edition, with WeasyPrint.

Both editions share the HTML and the base stylesheet; each adds its own
stylesheet (bleed or none) and its own colour values. WeasyPrint's warnings are
treated as defects of the templates: a build that logs one fails.
"""
from __future__ import annotations

import functools
import logging
import mimetypes
import os
import signal
import threading
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from .engine import import_weasyprint
from .errors import BuildError
from .fonts import FontSet
from .model import Publication
from .profiles import PressProfile
from .progress import stage

log = logging.getLogger("bulletin.typeset")


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
            fonts: FontSet, styles_dir: Path, base_url: Path, confinement: Confinement,
            profile: PressProfile | None = None, on_layout=None) -> int:
    """Render `html` as `edition` into `out_path`; return its page count.

    The print edition needs the press `profile`: it becomes the PDF/X OutputIntent.
    `on_layout`, if given, is called with the laid-out WeasyPrint `Document`
    before it is written: the fit report reads its boxes.
    """
    if edition == "print" and profile is None:
        raise BuildError("the print edition needs a press profile (print.profile in publication.yaml)")
    options = _pdf_options(edition, publication)
    with _warnings_as_defects(edition) as warnings:
        with stage("layout", out_path.name) as layout:
            document = _render(html, edition, options, profile, publication=publication, fonts=fonts,
                               styles_dir=styles_dir, base_url=base_url, confinement=confinement)
            layout.result = f"{len(document.pages)} pages"
        if on_layout is not None:
            on_layout(document)
        with stage("write", out_path.name):
            document.write_pdf(out_path, finisher=_press_finisher(profile) if profile else None,
                               **options)
    _raise_on_defects(edition, warnings, confinement)
    log.info("typeset: %s edition, %d pages", edition, len(document.pages))
    return len(document.pages)


def standalone_html(html: str, edition: str, *, publication: Publication, fonts: FontSet,
                    styles_dir: Path) -> str:
    """`html` with the edition's stylesheets inlined in its head, in cascade order."""
    sheets = [theme_css(publication, fonts, edition),
              (styles_dir / "bulletin.css").read_text(encoding="utf-8"),
              (styles_dir / f"{edition}.css").read_text(encoding="utf-8")]
    style = "".join(f"<style>\n{sheet}\n</style>\n" for sheet in sheets)
    return html.replace("</head>", style + "</head>", 1)


def _render(html: str, edition: str, options: dict, profile: PressProfile | None, *,
            publication: Publication, fonts: FontSet, styles_dir: Path, base_url: Path,
            confinement: Confinement):
    from weasyprint import CSS, HTML  # heavy: imported only when rendering
    from weasyprint.text.fonts import FontConfiguration
    fetcher = _confined_fetcher(confinement)
    font_config = FontConfiguration()   # without it, @font-face rules are ignored
    css = dict(url_fetcher=fetcher, font_config=font_config)
    stylesheets = [CSS(string=theme_css(publication, fonts, edition), **css),
                   CSS(filename=str(styles_dir / "bulletin.css"), **css),
                   CSS(filename=str(styles_dir / f"{edition}.css"), **css)]
    return HTML(string=html, base_url=base_url.as_uri() + "/", url_fetcher=fetcher).render(
        stylesheets=stylesheets, font_config=font_config,
        color_profiles=_press_colour_profiles(profile), **options)


class LayoutTimeUp(BaseException):
    """Raised by the layout alarm inside WeasyPrint. Not an Exception, so that no
    `except Exception` there can swallow it (WeasyPrint catches those around
    image and font loading and carries on)."""


LAYOUT_LIMIT_S = 300.0      # the seed issue, two languages, takes 20-40 s on two cores


def layout_limit() -> float:
    """Seconds a build may spend typesetting: BULLETIN_LAYOUT_LIMIT, 0 for no limit."""
    try:
        return float(os.environ.get("BULLETIN_LAYOUT_LIMIT", LAYOUT_LIMIT_S))
    except ValueError:
        raise BuildError("BULLETIN_LAYOUT_LIMIT must be a number of seconds, e.g. 300") from None


class layout_deadline:
    """Stops the typesetting of a build that runs longer than `seconds`.

    An interval timer rings SIGALRM in the main thread (elsewhere there is no
    limit); it rings again every second in case a ring lands where it is
    caught. Pathological content (a word that never fits, a story too long)
    then ends in a message instead of a build that never finishes.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.armed = False

    def __enter__(self):
        if self.seconds > 0 and threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGALRM, self._ring)
            self.armed = True
            signal.setitimer(signal.ITIMER_REAL, self.seconds, 1.0)
        return self

    def _ring(self, signum, frame):
        if self.armed:
            raise LayoutTimeUp()

    def __exit__(self, kind, error, trace):
        if self.armed:
            self.armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        if isinstance(error, LayoutTimeUp):
            raise BuildError(f"layout took longer than {self.seconds:g} s, the limit for one build "
                             "(BULLETIN_LAYOUT_LIMIT). Look for a story far longer than usual or "
                             "text that cannot be broken into lines.") from None
        return False


def _pdf_options(edition: str, publication: Publication) -> dict:
    if edition == "print":
        # PDF/X-4: DeviceCMYK means the press profile's CMYK, named by the OutputIntent.
        # Untagged, and its links dropped by the finisher: PDF/X wants no
        # annotation on the printed area, and paper has no use for tags.
        return {"pdf_variant": "pdf/x-4", "output_intent": "device-cmyk",
                "pdf_tags": False, "custom_metadata": True}
    # Photos are downsampled as they are written, for the size each is placed at;
    # a hair under the ceiling, since WeasyPrint rounds the pixel count.
    return {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "custom_metadata": True,
            "dpi": publication.email_edition.max_ppi * 0.99}


def _press_colour_profiles(profile: PressProfile | None) -> dict:
    """The press profile as WeasyPrint's colour profile of device-cmyk (and so the OutputIntent)."""
    if profile is None:
        return {}
    from io import BytesIO

    from weasyprint.css import ColorProfile

    class ExactProfile(ColorProfile):
        """Embeds the profile's own bytes: littleCMS would re-encode it, 70 % larger."""

        @property
        def content(self) -> bytes:
            return data

    data = profile.read()
    return {"device-cmyk": ExactProfile(BytesIO(data), profile.path.as_uri(),
                                        "relative-colorimetric", ["c", "m", "y", "k"])}


def _press_finisher(profile: PressProfile):
    """Completes the OutputIntent the way PDF/X readers expect and removes link annotations."""
    import pydyf

    def finish(document, pdf) -> None:
        _deflate_profile_once(pdf, profile.read())
        for intent in pdf.catalog.get("OutputIntents", ()):
            intent["OutputConditionIdentifier"] = pydyf.String(profile.identifier)
            intent["OutputCondition"] = pydyf.String(profile.condition)
            intent["Info"] = pydyf.String(profile.condition)
            if profile.registry:
                intent["RegistryName"] = pydyf.String(profile.registry)
        for page in pdf.objects:
            if isinstance(page, pydyf.Dictionary) and page.get("Type") == "/Page":
                page.pop("Annots", None)
    return finish


def _deflate_profile_once(pdf, icc: bytes) -> None:
    """The press profile's stream, compressed at zlib's default level once per process.

    pydyf compresses every stream at level 9, twice for this one: 0.2 s of
    each print edition's write for a 350 kB profile, where level 6 takes 0.02 s
    and is 0.3 % larger."""
    import pydyf
    for stream in pdf.objects:
        if isinstance(stream, pydyf.Stream) and stream.compress and stream.stream == [icc]:
            stream.stream, stream.compress = [_deflated(icc)], False
            stream.extra["Filter"] = "/FlateDecode"


@functools.lru_cache(maxsize=2)
def _deflated(data: bytes) -> bytes:
    return zlib.compress(data)


def _confined_fetcher(confinement: Confinement):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

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


class _warnings_as_defects:
    """Collects what WeasyPrint logs at WARNING or above while it renders."""

    def __init__(self, edition: str):
        self.edition = edition

    def __enter__(self) -> list[str]:
        weasyprint = import_weasyprint()     # the first thing of a layout that needs it
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


class RefusedReferences(BuildError):
    """Rendering asked for a file or address outside the project's folders."""


def _raise_on_defects(edition: str, warnings: list[str], confinement: Confinement) -> None:
    if confinement.refused:
        raise RefusedReferences(f"typesetting the {edition} edition asked for what a build may not "
                                "read:\n  " + "\n  ".join(dict.fromkeys(confinement.refused)))
    if warnings:
        raise BuildError(f"WeasyPrint reported {len(warnings)} problem(s) while typesetting "
                         f"the {edition} edition (defects of the templates or styles):\n  "
                         + "\n  ".join(dict.fromkeys(warnings)))
