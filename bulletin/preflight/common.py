"""Checks every edition needs: the file reads through, its copy is finished, its fonts
travel with it, and its pages are the trim (plus the bleed, where the edition has one)."""
from __future__ import annotations

import pikepdf

from .context import Check, CheckContext
from .report import FAIL, PASS, WARN, Finding
from .scanner import stream_filters

PT_PER_MM = 72 / 25.4
TRIM_SIZES_MM = {"A4": (210, 297), "A5": (148, 210), "Letter": (215.9, 279.4)}
BOX_TOLERANCE_PT = 0.5
# Filters qpdf decodes; JPEGs are read by Pillow, other image codecs are left coded.
DECODED_FILTERS = {"/FlateDecode", "/LZWDecode", "/ASCII85Decode", "/ASCIIHexDecode", "/RunLengthDecode"}


def structure(context: CheckContext) -> list[Finding]:
    """What `qpdf --check` reads: every stream decoded (the content streams were
    parsed by the scan), JPEGs by libjpeg at 1/INK_SCALE of their size (see
    ContentScan.photo_pixels). Decoding the print file's photos in full was most
    of its preflight."""
    pdf, scan = context.pdf, context.scan
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        filters = stream_filters(obj)
        if filters == ["/DCTDecode"] and scan.digest(obj) not in scan.memory.read_through:
            scan.photo_pixels(obj)
            scan.memory.read_through.add(scan.digest(obj))
        elif set(filters) <= DECODED_FILTERS:
            obj.read_bytes(pikepdf.StreamDecodeLevel.specialized)
    problems = [f"WARNING: {warning}" for warning in pdf.get_warnings()]
    if problems:
        return [Finding(FAIL, "structure", p) for p in problems[:10]]
    return [Finding(PASS, "structure", "the file's syntax and cross-reference table are sound")]


def copy(context: CheckContext) -> list[Finding]:
    """The content's unfinished places (TK, `bulletin new`'s placeholders, placeholder photos,
    captions and alt text that say nothing) fail; markup printed as text warns. Read from the
    content files when the target is made (content.readiness): a PDF does not say which of
    its words are placeholders."""
    findings = [Finding(FAIL if n.unfinished else WARN, "copy", n.problem.message, (),
                        f"{n.problem.file}:{n.problem.line}:{n.problem.column}")
                for n in context.target.copy]
    return findings or [Finding(PASS, "copy", "no TK, placeholder words or placeholder photos, "
                                              "and no markup printed as text")]


def fonts(context: CheckContext) -> list[Finding]:
    """Every font embedded, and each one of the faces the publication configured: a
    glyph drawn from a system font (a fallback) fails, whatever it looks like."""
    found, programs, configured = context.scan.fonts, context.scan.font_programs, context.fonts
    missing = [Finding(FAIL, "fonts", "not embedded: the press would substitute it", tuple(sorted(pages)), name)
               for name, (pages, embedded) in sorted(found.items()) if not embedded]
    foreign = [] if configured is None else [
        Finding(FAIL, "fonts", f"{programs.get(name) or 'an unnamed font'}, a font the publication did "
                               "not configure (fonts/fonts.yaml): a character its fonts lack was drawn "
                               "from a system font", tuple(sorted(pages)), name)
        for name, (pages, _) in sorted(found.items()) if programs.get(name) not in configured]
    if missing or foreign:
        return missing + foreign
    which = ", the publication's own" if configured is not None else ""
    return [Finding(PASS, "fonts", f"{len(found)} fonts, all embedded{which}")]


def boxes(context: CheckContext) -> list[Finding]:
    publication, bleeds = context.publication, context.spec.bleed
    trim_w, trim_h = (v * PT_PER_MM for v in TRIM_SIZES_MM.get(publication.page_size, (210, 297)))
    bleed = publication.bleed_mm * PT_PER_MM if bleeds else 0.0
    findings = []
    for number, page in enumerate(context.pdf.pages, start=1):
        for problem in _page_box_problems(page, trim_w, trim_h, bleed):
            findings.append(Finding(FAIL, "boxes", problem, (number,)))
    if findings:
        return findings
    size = f"trim {publication.page_size} {trim_w / PT_PER_MM:.0f} × {trim_h / PT_PER_MM:.0f} mm"
    if bleeds:
        return [Finding(PASS, "boxes", f"{size}, {publication.bleed_mm:g} mm bleed on every side "
                                       "(MediaBox = BleedBox, no marks), on every page")]
    return [Finding(PASS, "boxes", f"{size}, MediaBox = TrimBox (no bleed, no marks), on every page")]


def _page_box_problems(page, trim_w: float, trim_h: float, bleed: float) -> list[str]:
    media = _box(page.obj.MediaBox)
    trim = _box(page.obj.get("/TrimBox", page.obj.MediaBox))
    bleed_box = _box(page.obj.get("/BleedBox", page.obj.MediaBox))
    problems = []
    if not _near((trim[2] - trim[0], trim[3] - trim[1]), (trim_w, trim_h)):
        problems.append(f"TrimBox is {_mm(trim)} (expected {trim_w / PT_PER_MM:.1f} × "
                        f"{trim_h / PT_PER_MM:.1f} mm)")
    wanted = (trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed)
    if not _near(bleed_box, wanted):
        problems.append(f"BleedBox is {_mm(bleed_box)}, not the trim plus {bleed / PT_PER_MM:.1f} mm "
                        "on every side")
    if not _near(media, wanted):
        problems.append(f"MediaBox is {_mm(media)}, not the trim plus {bleed / PT_PER_MM:.1f} mm "
                        "on every side")
    return problems


def _box(array) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in array)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _near(a, b) -> bool:
    return all(abs(x - y) <= BOX_TOLERANCE_PT for x, y in zip(a, b))


def _mm(box) -> str:
    return f"{(box[2] - box[0]) / PT_PER_MM:.1f} × {(box[3] - box[1]) / PT_PER_MM:.1f} mm"


CHECKS: dict[str, Check] = {"structure": structure, "copy": copy, "fonts": fonts, "boxes": boxes}
