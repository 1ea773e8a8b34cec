"""Checks for the press: PDF/X-4, the page count the binding takes, images sharp
enough to print, CMYK or grey only, ink within the paper's limit, black text in
black ink alone, small type a press can hold in register, and nothing drawn over
the printed area."""
from __future__ import annotations

from pathlib import Path

import pikepdf

from ..content.conditions import CONDITIONS
from ..content.fields import SMALL_TYPE_INKS, SMALL_TYPE_PT
from ..content.model import Publication
from ..progress import counted
from .common import PT_PER_MM
from .context import Check, CheckContext
from .report import FAIL, PASS, WARN, Finding
from .scanner import ContentScan, space_kind, stream_filters

PRINT_WARN_PPI, PRINT_FAIL_PPI = 300, 150
# An image's ink is judged on all but its rarest pixels: JPEG ringing leaves
# isolated pixels a few per cent over the separation's limit, no press notices.
INK_PERCENTILE = 99.9
INK_TOLERANCE = 2.0        # %, for the rounding of 8-bit ink values
RGB_SPACES = {"/DeviceRGB", "/CalRGB", "/Lab"}
# Type below 9 pt in three or four inks blurs when the plates are a hair out of
# register, and reversed out of three or four its counters fill in; serifs too.
RICH_INKS = SMALL_TYPE_INKS + 1
INK_SHOWN = 0.005          # an ink below half a per cent prints no dot
REVERSED = 0.3             # type this much lighter than what is under it is reversed out of it
SHOWN_TEXT = 40            # characters of a run named in a finding
NAMED_RUNS = 3             # runs named in a finding; the rest are counted


def pdf_x(context: CheckContext) -> list[Finding]:
    pdf = context.pdf
    version = context.xmp("pdfxid", "GTS_PDFXVersion")
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFX"]
    findings = []
    if version != "PDF/X-4":
        findings.append(Finding(FAIL, "pdf/x", f"the XMP metadata declares {version or 'no PDF/X version'} "
                                               "(expected PDF/X-4)"))
    if len(intents) != 1 or "/DestOutputProfile" not in intents[0]:
        findings.append(Finding(FAIL, "pdf/x", "no GTS_PDFX OutputIntent with an embedded profile"))
        return findings
    intent = intents[0]
    profile = intent.DestOutputProfile
    identifier = str(intent.get("/OutputConditionIdentifier", ""))
    if int(profile.get("/N", 0)) != 4:
        findings.append(Finding(FAIL, "pdf/x", f"the OutputIntent profile has {profile.get('/N')} "
                                               "components (expected a CMYK press profile)"))
    expected = _expected_identifier(context.publication)
    if expected and identifier != expected:
        findings.append(Finding(FAIL, "pdf/x", f"the OutputIntent is {identifier}, the publication "
                                               f"prints on {expected}"))
    if str(pdf.trailer.get("/Info", {}).get("/Trapped", "")) not in ("/False", "/True"):
        findings.append(Finding(FAIL, "pdf/x", "the Trapped key is not True or False"))
    if "/ID" not in pdf.trailer or pdf.is_encrypted:
        findings.append(Finding(FAIL, "pdf/x", "the file has no ID or is encrypted"))
    if not findings:
        condition = str(intent.get("/OutputCondition", intent.get("/Info", "")))
        findings.append(Finding(PASS, "pdf/x", f"PDF/X-4, OutputIntent {identifier}: {condition}"))
    return findings


def _expected_identifier(publication: Publication) -> str:
    condition = CONDITIONS.get(publication.print_run.profile)
    return condition.identifier if condition else Path(publication.print_run.profile).stem


def page_count(context: CheckContext) -> list[Finding]:
    publication = context.publication
    count, multiple = len(context.pdf.pages), publication.pages_multiple_of
    binding = publication.print_run.binding
    if count % multiple == 0:
        return [Finding(PASS, "pages", f"{counted(count, 'page')}: a multiple of {multiple} for {binding} binding")]
    add = multiple - count % multiple
    cut = count % multiple
    return [Finding(FAIL, "pages", f"{counted(count, 'page')}: {binding} binding needs a multiple of {multiple}; "
                                   f"add {counted(add, 'page')} or cut {cut}")]


def print_images(context: CheckContext) -> list[Finding]:
    placements = context.scan.placements
    findings = []
    for p in placements:
        size = f"{p.width_px}×{p.height_px} px placed at {_pt_mm(p.width_pt)} × {_pt_mm(p.height_pt)} mm"
        if p.ppi < PRINT_FAIL_PPI:
            findings.append(Finding(FAIL, "images", f"{p.ppi:.0f} ppi ({size}): below {PRINT_FAIL_PPI} ppi, "
                                                    "it will print visibly blurred", (p.page,), p.name))
        elif p.ppi < PRINT_WARN_PPI:
            findings.append(Finding(WARN, "images", f"{p.ppi:.0f} ppi ({size}): below {PRINT_WARN_PPI} "
                                                    "ppi, soft in print", (p.page,), p.name))
        if p.name.startswith("image "):
            findings.append(Finding(WARN, "images", "not one of the issue's photos as converted for "
                                                    "print (resampled or recompressed?)", (p.page,), p.name))
    if not any(f.status != PASS for f in findings):
        low = min((p.ppi for p in placements), default=0)
        findings.append(Finding(PASS, "images", f"{len(placements)} placed images, all at "
                                                f"{PRINT_WARN_PPI} ppi or more (lowest {low:.0f}), "
                                                "embedded as converted, not recompressed"
                                if placements else "no images"))
    return findings


def _pt_mm(value: float) -> str:
    return f"{value / PT_PER_MM:.0f}"


def colour(context: CheckContext) -> list[Finding]:
    colours = context.scan.colours
    bad: dict[tuple[str, str], set] = {}
    for page, kind, what in colours:
        if kind in RGB_SPACES or kind.startswith("/ICCBased3"):
            shown = kind.lstrip("/").replace("ICCBased3", "ICC-based RGB")
            bad.setdefault((what, shown), set()).add(page)
    if bad:
        return [Finding(FAIL, "colour", f"{space}: the print file takes CMYK or grey only",
                        tuple(sorted(pages)), what) for (what, space), pages in sorted(bad.items())]
    used = sorted({_shown_space(kind) for _, kind, _ in colours} | {"DeviceCMYK"})
    return [Finding(PASS, "colour", f"CMYK and grey only ({', '.join(used)}); no RGB anywhere")]


def _shown_space(kind: str) -> str:
    return {"/ICCBased4": "ICC-based CMYK", "/ICCBased1": "ICC-based grey"}.get(kind, kind.lstrip("/"))


def ink(context: CheckContext) -> list[Finding]:
    scan, limit = context.scan, context.publication.print_run.ink_limit
    findings, worst = [], 0.0
    over: dict[str, tuple[set, float]] = {}
    for page, total, what in scan.inks:
        worst = max(worst, total)
        if total > limit + 0.01:
            pages, top = over.get(what, (set(), 0.0))
            over[what] = (pages | {page}, max(top, total))
    for what, (pages, top) in over.items():
        findings.append(Finding(FAIL, "ink", f"{top:.0f} % total ink (limit {limit:g} %)", tuple(sorted(pages)), what))
    seen = set()
    for p in scan.placements:
        if p.name in seen or p.name == "inline image":      # inline images: tiny, and no stream
            continue
        seen.add(p.name)
        image_ink = _image_ink(p.obj, scan)
        if image_ink is None:
            continue
        worst = max(worst, image_ink)
        if image_ink > limit + INK_TOLERANCE:
            findings.append(Finding(FAIL, "ink", f"{image_ink:.0f} % total ink (limit {limit:g} %)", (p.page,),
                                    p.name))
    return findings or [Finding(PASS, "ink", f"total ink at most {worst:.0f} % (limit {limit:g} %)")]


def _image_ink(image, scan: ContentScan) -> float | None:
    """Total ink of a CMYK image, % (at INK_PERCENTILE of its pixels); None if not CMYK."""
    if space_kind(image.get("/ColorSpace", pikepdf.Name.DeviceGray), None) not in ("/DeviceCMYK", "/ICCBased4"):
        return None
    inks, digest = scan.memory.inks, scan.digest(image)
    if digest not in inks:
        inks[digest] = _ink_of(image, scan)
    return inks[digest]


def _ink_of(image, scan: ContentScan) -> float:
    # numpy is imported here, not at the top: a warm rebuild knows every photo's
    # ink from the photo memory and never gets here, so it spares a worker the
    # import, which costs more than the rest of that file's preflight
    # (benchmarks/README.md, "Preflight remembers what it has read").
    import numpy as np
    if stream_filters(image) == ["/DCTDecode"]:
        pixels = scan.photo_pixels(image)
    else:
        pixels = pikepdf.PdfImage(image).as_pil_image()
    planes = np.asarray(pixels.convert("CMYK"))
    total = planes.astype(np.uint16).sum(axis=-1)                          # 0..1020
    counts = np.cumsum(np.bincount(total.ravel(), minlength=1021))
    level = int(np.searchsorted(counts, counts[-1] * INK_PERCENTILE / 100))
    return level / 255 * 100


def black_text(context: CheckContext) -> list[Finding]:
    rich = sorted({page for page, space, fill in context.scan.text_fills
                   if space in ("/DeviceCMYK", "/ICCBased4") and len(fill) == 4
                   and fill[3] >= 0.95 and any(v > 0 for v in fill[:3])})
    if rich:
        return [Finding(FAIL, "black text", "text in rich black (CMY under the black): body text "
                                            "is 100 % K only, or it blurs with misregistration", tuple(rich))]
    return [Finding(PASS, "black text", "black text is 100 % K, never rich black")]


def small_type(context: CheckContext) -> list[Finding]:
    """Type below 9 pt: in at most two inks, and reversed only out of at most two,
    in a sans-serif face. One finding per page and fault, naming the runs of text."""
    faults: dict[tuple[int, str], tuple[set[float], list[str]]] = {}
    small = 0
    for run in context.scan.text_runs:
        inks = _inks(run.space, run.fill)
        if run.size_pt >= SMALL_TYPE_PT - 0.05 or inks is None:
            continue
        small += 1
        for fault in _small_type_faults(run, inks, context.scan.behind(run)):
            sizes, texts = faults.setdefault((run.page, fault), (set(), []))
            sizes.add(round(run.size_pt, 1))
            texts.append(run.text)
    findings = [Finding(WARN, "small type", f"{_sizes(sizes)} {fault}", (page,), _named(texts))
                for (page, fault), (sizes, texts) in faults.items()]
    return findings or [Finding(PASS, "small type", f"{small} runs of type below {SMALL_TYPE_PT:g} pt, "
                                                    "none in more than two inks or reversed out of more")]


def _small_type_faults(run, inks: tuple[float, ...], under) -> list[str]:
    """What is wrong with a run of small type in `inks` over the fill `under` (None: paper)."""
    faults = []
    if _count(inks) >= RICH_INKS:
        faults.append(f"in {_count(inks)} inks ({_shown(inks)}): misregistration blurs it; set it in "
                      f"the colour's small-type form (at most {SMALL_TYPE_INKS} inks)")
    ground = _inks(under.space, under.values) if under is not None else (0.0, 0.0, 0.0, 0.0)
    if ground is None or _lightness(inks) < _lightness(ground) + REVERSED:
        return faults
    if _count(ground) >= RICH_INKS:
        faults.append(f"reversed out of {_count(ground)} inks ({_shown(ground)}): its counters fill in; "
                      f"reverse small type out of at most {SMALL_TYPE_INKS} inks, or set it at "
                      f"{SMALL_TYPE_PT:g} pt or more")
    if run.serif:
        faults.append(f"serif type reversed out of {_shown(ground)}: thin serifs fill in; reverse "
                      "small type in a sans-serif face")
    return faults


def _sizes(sizes: set[float]) -> str:
    low, high = min(sizes), max(sizes)
    return f"{low:g} pt" if low == high else f"{low:g}-{high:g} pt"


def _named(texts: list[str]) -> str:
    """The runs of text concerned, quoted: the first few, and how many more."""
    quoted = list(dict.fromkeys(_quoted(t) for t in texts))
    shown = ", ".join(quoted[:NAMED_RUNS])
    return shown + (f" and {len(quoted) - NAMED_RUNS} more" if len(quoted) > NAMED_RUNS else "")


def _inks(space: str, values: tuple) -> tuple[float, float, float, float] | None:
    """A fill as C, M, Y, K (0-1); None for a colour that is not ink (RGB, a pattern)."""
    if space in ("/DeviceCMYK", "/ICCBased4") and len(values) == 4:
        c, m, y, k = values
        return c, m, y, k
    if space in ("/DeviceGray", "/ICCBased1") and len(values) == 1:
        return 0.0, 0.0, 0.0, 1 - values[0]
    return None


def _count(inks: tuple[float, ...]) -> int:
    return sum(1 for v in inks if v >= INK_SHOWN)


def _shown(inks: tuple[float, ...]) -> str:
    return " ".join(f"{letter}{v * 100:.0f}" for letter, v in zip("CMYK", inks) if v >= INK_SHOWN) or "paper"


def _lightness(inks: tuple[float, ...]) -> float:
    """How light ink on white paper looks, 0 (black) to 1 (paper), from a plain
    subtractive mix: enough to tell type lighter than its ground."""
    c, m, y, k = inks
    red, green, blue = ((1 - v) * (1 - k) for v in (c, m, y))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text[:SHOWN_TEXT]}{'…' if len(text) > SHOWN_TEXT else ''}”"


def print_annotations(context: CheckContext) -> list[Finding]:
    pages = tuple(n for n, page in enumerate(context.pdf.pages, start=1)
                  if any(a.get("/Subtype") not in ("/TrapNet", "/PrinterMark")
                         for a in page.obj.get("/Annots", [])))
    if pages:
        return [Finding(FAIL, "annotations", "annotations on the printed area (PDF/X allows none)", pages)]
    return [Finding(PASS, "annotations", "no annotations on the printed area")]


CHECKS: dict[str, Check] = {"pdf/x": pdf_x, "pages": page_count, "print images": print_images,
                            "colour": colour, "ink": ink, "black text": black_text,
                            "small type": small_type, "annotations": print_annotations}
