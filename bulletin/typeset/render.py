"""Stage 4, typeset: the composed HTML -> one PDF per edition, with WeasyPrint.

Both editions share the HTML and the base stylesheet; each adds its own
stylesheet (bleed or none) and its own colour values. WeasyPrint's warnings are
treated as defects of the templates: a build that logs one fails.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import pikepdf
import pydyf

from ..content.model import Colour, Publication
from ..editions import ColourMode, EditionSpec
from ..errors import BuildError
from ..progress import counted, stage
from . import balancing
from .confinement import Confinement, RefusedReferences, confined_fetcher
from .engine import import_weasyprint
from .finish import EditionPhotos, Finishing, finish
from .fonts import FontSet
from .photos import Made
from .profiles import PressProfile
from .tags import LinkWords, languages_in_tags, mend_structure
from .textlayer import soft_hyphens

log = logging.getLogger("bulletin.typeset")


def theme_css(publication: Publication, fonts: FontSet, edition: EditionSpec) -> str:
    """Custom properties for the stylesheets: colours (RGB or CMYK) and font families.

    Each colour also gives `--<name>-small`, what type below 9 pt is set in: on
    press its small-type form (at most two inks) where publication.yaml gives one,
    on screen the colour itself (a screen has no plates to misregister)."""
    colours = "".join(f"--{name}: {colour_value(c, edition.colour_mode)}; "
                      f"--{name}-small: {colour_value(c, edition.colour_mode, small=True)}; "
                      for name, c in publication.colours.items())
    families = (f"--text-font: '{fonts.families['text']}'; "
                f"--display-font: '{fonts.families['display']}';")
    # Page-margin boxes inherit from the page, not from :root: declare twice.
    return f"{fonts.font_face_css()}\n:root {{ {colours}{families} }}\n@page {{ {colours}{families} }}"


def colour_value(colour: Colour, mode: ColourMode, small: bool = False) -> str:
    """A theme colour as CSS: its #rrggbb on screen, its own inks on press (those of
    its small-type form for `small`)."""
    if mode is ColourMode.CMYK:
        c, m, y, k = (v / 100 for v in (colour.small_cmyk if small else colour.cmyk))
        return f"device-cmyk({c:g} {m:g} {y:g} {k:g})"
    return colour.rgb


@dataclass
class Typesetter:
    """Lays out an edition (as many times as the fitter asks) and writes it.

    An edition for the press needs the press `profile`: it becomes the PDF/X
    OutputIntent. The HTML places `photos`' stand-ins, and the written PDF the
    photos made for the edition (see finish.py), dated `dated` (the issue's
    date). WeasyPrint's warnings while laying out or writing are collected:
    `check` raises them as defects of the templates. A tagged edition's
    structure tree is mended once written (typeset.tags), its links described with
    `links`; every edition's line-end hyphens read as soft hyphens (typeset.textlayer).
    """
    edition: EditionSpec
    publication: Publication
    fonts: FontSet
    styles_dir: Path
    base_url: Path
    confinement: Confinement
    profile: PressProfile | None = None
    photos: EditionPhotos | None = None
    dated: dt.date | None = None
    links: LinkWords = LinkWords()
    placed: list[Made] = field(default_factory=list)      # the photos the last write embedded

    def __post_init__(self) -> None:
        if self.edition.press and self.profile is None:
            raise BuildError(f"the {self.edition.description} needs a press profile "
                             "(print.profile in publication.yaml)")
        # No `dpi` option: WeasyPrint would re-encode every photo above it at its own
        # JPEG quality (75); finish.py embeds photos made at the size they are placed at.
        self.options = dict(self.edition.pdf_options)
        self.warnings: list[str] = []
        # One font configuration and one parse of the stylesheets for every layout:
        # WeasyPrint copies each @font-face's file into a temporary folder of the
        # configuration as it parses them, and a fit lays the issue out a dozen times.
        self.font_config = None
        self.stylesheets: list = []

    def lay_out(self, html: str, name: str = ""):
        """The laid-out WeasyPrint `Document` of `html`."""
        with stage("layout", name) as layout:
            document = self.sample(html)
            layout.result = counted(len(document.pages), "page")
        return document

    def sample(self, html: str):
        """`html` laid out without a word to the officer: a sample the line setter measures."""
        with _warnings_as_defects(self.warnings):
            if self.font_config is None:
                from weasyprint.text.fonts import FontConfiguration  # WeasyPrint's: only when rendering
                self.font_config = FontConfiguration()  # without it, @font-face rules are ignored
                self.stylesheets = _stylesheets(self.edition, self.publication, self.fonts,
                                                self.styles_dir, self.confinement, self.font_config)
            return _render(html, self.options, self.profile, stylesheets=self.stylesheets,
                           base_url=self.base_url, confinement=self.confinement,
                           font_config=self.font_config)

    def setting_inputs(self) -> list[bytes]:
        """What WeasyPrint sets the type from, besides the HTML: the stylesheets as
        `_render` gives them, the options, and the font files' bytes."""
        return [theme_css(self.publication, self.fonts, self.edition).encode(),
                (self.styles_dir / "bulletin.css").read_bytes(),
                (self.styles_dir / self.edition.stylesheet).read_bytes(),
                repr(sorted(self.options.items())).encode(),
                *(face.path.read_bytes() for face in self.fonts.faces)]

    def write(self, document, out_path: Path) -> int:
        """Write `document` into `out_path`; return its page count."""
        tagged = bool(self.options.get("pdf_tags"))
        with _warnings_as_defects(self.warnings), stage("write", out_path.name):
            with languages_in_tags() if tagged else contextlib.nullcontext():
                written = document.write_pdf(finisher=_press_finisher(self.profile) if self.profile else None,
                                             **self.options)
            mend = functools.partial(_mend, links=self.links if tagged else None)
            finished = finish(written, Finishing(str(self.edition.pdf_options["pdf_variant"]), self.dated,
                                                 self.photos, mend))
            out_path.write_bytes(finished.data)
            self.placed = finished.photos
        self.check()
        log.info("typeset: %s, %d pages", self.edition.description, len(document.pages))
        return len(document.pages)

    def check(self) -> None:
        _raise_on_defects(self.edition, self.warnings, self.confinement)


def typeset(html: str, edition: EditionSpec, out_path: Path, *, publication: Publication,
            fonts: FontSet, styles_dir: Path, base_url: Path, confinement: Confinement,
            profile: PressProfile | None = None, on_layout=None) -> int:
    """Render `html` as `edition` into `out_path` in one layout; return its page count.

    `on_layout`, if given, is called with the laid-out WeasyPrint `Document`
    before it is written: the fit report reads its boxes.
    """
    typesetter = Typesetter(edition, publication, fonts, styles_dir, base_url, confinement, profile)
    document = typesetter.lay_out(html, out_path.name)
    if on_layout is not None:
        on_layout(document)
    return typesetter.write(document, out_path)


def standalone_html(html: str, edition: EditionSpec, *, publication: Publication, fonts: FontSet,
                    styles_dir: Path) -> str:
    """`html` with the edition's stylesheets inlined in its head, in cascade order."""
    sheets = [theme_css(publication, fonts, edition),
              (styles_dir / "bulletin.css").read_text(encoding="utf-8"),
              (styles_dir / edition.stylesheet).read_text(encoding="utf-8")]
    style = "".join(f"<style>\n{sheet}\n</style>\n" for sheet in sheets)
    return html.replace("</head>", style + "</head>", 1)


def _stylesheets(edition: EditionSpec, publication: Publication, fonts: FontSet, styles_dir: Path,
                 confinement: Confinement, font_config) -> list:
    """The edition's stylesheets, parsed (their fonts loaded into `font_config`)."""
    # WeasyPrint's import is heavy, and only the processes that lay pages out need it.
    from weasyprint import CSS
    css = dict(url_fetcher=confined_fetcher(confinement), font_config=font_config)
    return [CSS(string=theme_css(publication, fonts, edition), **css),
            CSS(filename=str(styles_dir / "bulletin.css"), **css),
            CSS(filename=str(styles_dir / edition.stylesheet), **css)]


def _render(html: str, options: dict, profile: PressProfile | None, *, stylesheets: list,
            base_url: Path, confinement: Confinement, font_config):
    from weasyprint import HTML  # only where pages are laid out (see _stylesheets)
    balancing.install()
    fetcher = confined_fetcher(confinement)
    return HTML(string=html, base_url=base_url.as_uri() + "/", url_fetcher=fetcher).render(
        stylesheets=stylesheets, font_config=font_config,
        color_profiles=_press_colour_profiles(profile), **options)


def _mend(pdf: pikepdf.Pdf, links: LinkWords | None) -> None:
    """The written file mended before it is finished: its line-end hyphens, and with
    `links` (a tagged edition) its structure tree."""
    hyphens = soft_hyphens(pdf)
    if links is not None:
        mend_structure(pdf, links)
    log.info("typeset: %d line-end hyphens read as soft hyphens", hyphens)


def _press_colour_profiles(profile: PressProfile | None) -> dict:
    """The press profile as WeasyPrint's colour profile of device-cmyk (and so the OutputIntent)."""
    if profile is None:
        return {}
    from weasyprint.css import ColorProfile  # only where pages are laid out (see _render)

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

    pydyf compresses every stream at level 9, and this one twice: for a profile
    of a few hundred kilobytes that is a tenth of the print edition's write,
    where the default level is ten times faster and hardly larger."""
    for stream in pdf.objects:
        if isinstance(stream, pydyf.Stream) and stream.compress and stream.stream == [icc]:
            stream.stream, stream.compress = [_deflated(icc)], False
            stream.extra["Filter"] = "/FlateDecode"


@functools.lru_cache(maxsize=2)
def _deflated(data: bytes) -> bytes:
    return zlib.compress(data)


class _Collector(logging.Handler):
    """Keeps the message of every record at WARNING or above."""

    def __init__(self, messages: list[str]):
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _warnings_as_defects:
    """Collects what WeasyPrint logs at WARNING or above while it renders into `messages`."""

    def __init__(self, messages: list[str]):
        self.messages = messages

    def __enter__(self) -> list[str]:
        # The first thing of a layout that needs WeasyPrint: it is imported here.
        self.logger = import_weasyprint().LOGGER
        self.handler = _Collector(self.messages)
        self.saved = self.logger.level, self.logger.propagate
        self.logger.setLevel(logging.WARNING)
        self.logger.propagate = False    # reported once, by _raise_on_defects
        self.logger.addHandler(self.handler)
        return self.messages

    def __exit__(self, *exc) -> None:
        self.logger.removeHandler(self.handler)
        self.logger.setLevel(self.saved[0])
        self.logger.propagate = self.saved[1]


def _raise_on_defects(edition: EditionSpec, warnings: list[str],
                      confinement: Confinement) -> None:
    if confinement.refused:
        raise RefusedReferences(f"typesetting the {edition.description} asked for what a build may not "
                                "read:\n  " + "\n  ".join(dict.fromkeys(confinement.refused)))
    if warnings:
        raise BuildError(f"WeasyPrint reported {len(warnings)} problem(s) while typesetting "
                         f"the {edition.description} (defects of the templates or styles):\n  "
                         + "\n  ".join(dict.fromkeys(warnings)))
