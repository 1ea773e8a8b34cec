"""Stage 5, preflight: the PDFs -> a report of what a print shop and a reader would find.

Every check reads the PDF itself (pikepdf), never the HTML or the CSS: boxes,
fonts, the placed size of every image (from the content streams' CTM), every
colour operator, image and shading of the print file, ink coverage, tags,
alt text, links. Each finding is pass, warn or fail, with the pages and the
object concerned. A fail keeps the print edition from the print shop.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from ..content.model import Publication

PASS, WARN, FAIL = "pass", "warn", "fail"
RANK = {PASS: 0, WARN: 1, FAIL: 2}
PT_PER_MM = 72 / 25.4
TRIM_SIZES_MM = {"A4": (210, 297), "A5": (148, 210), "Letter": (215.9, 279.4)}
BOX_TOLERANCE_PT = 0.5
PRINT_WARN_PPI, PRINT_FAIL_PPI = 300, 150
# An image's ink is judged on all but its rarest pixels: JPEG ringing leaves
# isolated pixels a few per cent over the separation's limit, no press notices.
INK_PERCENTILE = 99.9
INK_TOLERANCE = 2.0        # %, for the rounding of 8-bit ink values
INK_SCALE = 4              # JPEG photos are read at 1/4 of their pixels (see _Scan.photo_pixels)
# Filters qpdf decodes; JPEGs are read by Pillow, other image codecs are left coded.
DECODED_FILTERS = {"/FlateDecode", "/LZWDecode", "/ASCII85Decode", "/ASCIIHexDecode", "/RunLengthDecode"}
RGB_SPACES = {"/DeviceRGB", "/CalRGB", "/Lab"}
MAX_NESTING = 12           # forms within forms: deeper is a broken (or hostile) file
CHECK_ORDER = ("structure", "pdf/x", "tags", "metadata", "bookmarks", "boxes", "pages",
               "fonts", "images", "colour", "ink", "black text", "annotations", "alt text",
               "links", "size")


@dataclass(frozen=True)
class Finding:
    status: str                  # pass | warn | fail
    check: str                   # one of CHECK_ORDER
    message: str
    pages: tuple[int, ...] = ()  # 1-based; empty for the whole file
    object: str = ""             # the image, font, annotation ... concerned

    def brief(self) -> str:
        """One line for a terminal: check, pages, object, message."""
        where = f" {_pages_label(self.pages)}" if self.pages else ""
        what = f" {self.object}" if self.object else ""
        return f"{self.check}{where}{what}: {self.message}"

    def line(self) -> str:
        where = _pages_label(self.pages) if self.pages else "-"
        what = f"{self.object}: " if self.object else ""
        return f"  {self.status.upper():4}  {self.check:<11} {where:<8} {what}{self.message}"


@dataclass(frozen=True)
class FileReport:
    edition: str                 # print | email
    language: str
    path: Path
    pages: int
    findings: tuple[Finding, ...]

    @property
    def status(self) -> str:
        return max((f.status for f in self.findings), key=RANK.get, default=PASS)


@dataclass(frozen=True)
class Report:
    title: str                   # "Milestones 2017-04"
    files: tuple[FileReport, ...]

    @property
    def status(self) -> str:
        return max((f.status for f in self.files), key=RANK.get, default=PASS)

    @property
    def failed(self) -> bool:
        return self.status == FAIL

    def count(self, status: str) -> int:
        return sum(1 for f in self.files for x in f.findings if x.status == status)

    def lines(self, status: str) -> list[str]:
        return [f"{f.path.name}: {x.brief()}" for f in self.files
                for x in f.findings if x.status == status]

    def failure(self, where: Path) -> str:
        """The message of a failed preflight: every fail, and what was (not) written."""
        lines = self.lines(FAIL)
        return (f"preflight failed ({len(lines)} fail): the PDFs are in {where}/ to check, the "
                "print shop hand-off is withheld:\n  " + "\n  ".join(lines))

    def text(self) -> str:
        """preflight.txt: the verdict, then every check of every file."""
        head = (f"Preflight of {self.title}: {self.status.upper()} "
                f"({self.count(FAIL)} fail, {self.count(WARN)} warn)")
        blocks = [head, ""]
        for file in self.files:
            blocks.append(f"{file.path.name}  ({file.edition} edition, {file.language}, "
                          f"{file.pages} pages): {file.status.upper()}")
            blocks += [finding.line() for finding in file.findings]
            blocks.append("")
        return "\n".join(blocks)

    def as_json(self) -> dict:
        return {"title": self.title, "status": self.status, "fail": self.count(FAIL),
                "warn": self.count(WARN),
                "files": [{"path": f.path.name, "edition": f.edition, "language": f.language,
                           "status": f.status,
                           "findings": [{"status": x.status, "check": x.check,
                                         "pages": list(x.pages), "object": x.object,
                                         "message": x.message} for x in f.findings]}
                          for f in self.files]}


@dataclass(frozen=True)
class Target:
    """One PDF to preflight and what it is held to."""
    edition: str
    language: str
    path: Path
    headlines: tuple[str, ...] = ()   # each story's, to find among the email's bookmarks


def preflight(targets: list[Target], publication: Publication,
              photos: dict[str, str] | None = None, title: str = "") -> Report:
    """Check every PDF; `photos` names the issue's photos by the sha256 of the placed file.

    The PDFs are read side by side, one process per core: each is read through
    on its own."""
    jobs = [(target, publication, photos or {}) for target in targets]
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers <= 1:
        reports = [_check_target(job) for job in jobs]
    else:
        import multiprocessing
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            reports = pool.map(_check_target, jobs)
    return Report(title or publication.name, tuple(reports))


def _check_target(job: tuple) -> "FileReport":
    return check_file(*job)


def check_file(target: Target, publication: Publication, photos: dict[str, str],
               measured: Path | None = None) -> "FileReport":
    """Read one PDF through and check it for its edition.

    `measured` keeps, by the sha256 of their bytes, the photos read through so
    far and the total ink of the CMYK ones: a photo met again in a later build
    is neither decoded nor measured again (most of a warm print preflight)."""
    import pikepdf
    memory = PhotoMemory(measured)
    known = memory.size()
    with pikepdf.open(target.path) as pdf:
        pages = len(pdf.pages)
        try:
            findings = _check_file(pdf, target, publication, photos, memory)
        except (KeyError, AttributeError, TypeError, ValueError, OSError, pikepdf.PdfError) as err:
            findings = [Finding(FAIL, "structure", f"cannot be read through: {err}")]
    if memory.size() != known:
        memory.save()
    return FileReport(target.edition, target.language, target.path, pages, tuple(_merge(findings)))


class PhotoMemory:
    """The photos preflight has met, by the sha256 of their bytes: those read
    through without error, and the total ink of the CMYK ones.

    `path` (a build's photos/preflight.json) keeps them from one build to the
    next and between the workers of one: each language's print file places
    the same photos. Without it, they are known for one file only."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.read_through: set[str] = set()
        self.inks: dict[str, float] = {}
        self._merge_file()

    def size(self) -> tuple[int, int]:
        return len(self.read_through), len(self.inks)

    def save(self) -> None:
        """Merged with what is there: each edition's worker writes it, and neither
        may lose what the other has just written."""
        import fcntl
        import tempfile
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        folder = os.open(self.path.parent, os.O_RDONLY)
        try:
            fcntl.flock(folder, fcntl.LOCK_EX)
            self._merge_file()
            fd, temp = tempfile.mkstemp(prefix=".", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({"read": sorted(self.read_through), "inks": self.inks}, handle,
                          indent=0, sort_keys=True)
            os.replace(temp, self.path)
        finally:
            os.close(folder)              # and with it the lock

    def _merge_file(self) -> None:
        if self.path is None:
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.read_through.update(str(d) for d in data.get("read", ()))
            self.inks.update({str(d): float(ink) for d, ink in data.get("inks", {}).items()})
        except (OSError, ValueError, TypeError, AttributeError):
            pass                          # none yet, or damaged: read and measured again


def _check_file(pdf, target: Target, publication: Publication, photos: dict[str, str],
                memory: PhotoMemory) -> list[Finding]:
    scan = _Scan(pdf, photos, memory)
    scan.run()
    findings = _structure(pdf, scan) + _fonts(scan) + _boxes(pdf, target, publication)
    if target.edition == "print":
        findings += (_pdf_x(pdf, publication) + _page_count(pdf, publication)
                     + _print_images(scan) + _colour(scan) + _ink(scan, publication)
                     + _black_text(scan) + _print_annotations(pdf))
    else:
        findings += (_tags(pdf) + _metadata(pdf) + _bookmarks(pdf, target)
                     + _email_images(scan, publication) + _alt_text(pdf, scan)
                     + _links(pdf) + _size(target, publication))
    return findings


# -- reading the content streams ---------------------------------------------------

@dataclass
class Placement:
    """An image drawn on a page: its XObject, pixels and size on the page."""
    page: int
    name: str
    obj: object
    width_px: int
    height_px: int
    width_pt: float
    height_pt: float
    mcid: int | None              # the marked content it is drawn in (tagged PDFs)
    artifact: bool

    @property
    def ppi(self) -> float:
        return min(self.width_px / (self.width_pt / 72), self.height_px / (self.height_pt / 72))


@dataclass
class _State:
    ctm: tuple = (1, 0, 0, 1, 0, 0)
    fill_space: str = "/DeviceGray"
    fill: tuple = (0.0,)
    stroke_space: str = "/DeviceGray"
    depth: int = 0                # forms within forms

    def copy(self, **changes) -> "_State":
        return dataclasses.replace(self, **changes)

    def inner(self, matrix=None) -> "_State":
        """The state a form, pattern or soft mask starts in."""
        ctm = _multiply(tuple(float(v) for v in matrix), self.ctm) if matrix is not None else self.ctm
        return self.copy(ctm=ctm, depth=self.depth + 1)


class _Scan:
    """Walks every page's content, the forms it draws, and what they use."""

    def __init__(self, pdf, photos: dict[str, str], memory: PhotoMemory):
        self.pdf, self.photos, self.memory = pdf, photos, memory
        self.placements: list[Placement] = []
        self.colours: list[tuple[int, str, str]] = []     # (page, colour space, what drew it)
        self.inks: list[tuple[int, float, str]] = []      # (page, total ink %, what)
        self.text_fills: list[tuple[int, str, tuple]] = []
        self.fonts: dict[str, tuple[set, bool]] = {}      # name -> (pages, embedded)
        self.decoded: dict[tuple, object] = {}             # JPEG stream's objgen -> its pixels
        self.digests: dict[tuple, str] = {}                # stream's objgen -> sha256 of its bytes

    def run(self) -> None:
        for number, page in enumerate(self.pdf.pages, start=1):
            group = page.obj.get("/Group")
            if group is not None and "/CS" in group:
                self._space_use(number, group.CS, page.obj.get("/Resources"), "page transparency group")
            self._content(page.obj, page.obj.get("/Resources"), number, _State(), [])

    def _content(self, stream, resources, page: int, state: _State, marks: list) -> None:
        import pikepdf
        if state.depth > MAX_NESTING:
            raise ValueError(f"forms nested more than {MAX_NESTING} deep on page {page}")
        stack = []
        for operands, operator in pikepdf.parse_content_stream(stream):
            op = str(operator)
            if op == "q":
                stack.append(state.copy())
            elif op == "Q" and stack:
                state = stack.pop()
            elif op == "cm":
                state.ctm = _multiply(tuple(float(v) for v in operands), state.ctm)
            elif op in ("BDC", "BMC"):
                marks.append(operands)
            elif op == "EMC" and marks:
                marks.pop()
            elif op == "Do":
                self._draw(operands[0], resources, page, state, marks)
            elif op == "INLINE IMAGE":
                self._image("inline image", operands[0].obj, resources, page, state, marks)
            elif op in ("Tj", "TJ", "'", '"'):
                self.text_fills.append((page, state.fill_space, state.fill))
            elif op == "Tf":
                self._font(operands[0], resources, page)
            else:
                self._colour_op(op, operands, resources, page, state)

    def _colour_op(self, op: str, operands, resources, page: int, state: _State) -> None:
        values = tuple(v for v in map(_number, operands) if v is not None)
        if op in ("rg", "RG"):
            self.colours.append((page, "/DeviceRGB", f"{'fill' if op == 'rg' else 'stroke'} colour"))
        elif op in ("k", "K"):
            self.inks.append((page, sum(values) * 100, "vector colour"))
            if op == "k":
                state.fill_space, state.fill = "/DeviceCMYK", values
        elif op == "g":
            state.fill_space, state.fill = "/DeviceGray", values
        elif op in ("cs", "CS"):
            space = self._space_use(page, operands[0], resources,
                                    f"{'fill' if op == 'cs' else 'stroke'} colour space")
            if op == "cs":
                state.fill_space = space
            else:
                state.stroke_space = space
        elif op in ("sc", "scn", "SC", "SCN"):
            space = state.fill_space if op in ("sc", "scn") else state.stroke_space
            if space in ("/DeviceCMYK", "/ICCBased4") and len(values) == 4:
                self.inks.append((page, sum(values) * 100, "vector colour"))
            if op in ("sc", "scn"):
                state.fill = values
            self._pattern(operands, resources, page, state)
        elif op == "sh":
            shading = resources.Shading[operands[0]]
            self._space_use(page, shading.ColorSpace, resources, "shading")
        elif op == "gs":
            self._soft_mask(operands[0], resources, page, state)

    def _space_use(self, page: int, space, resources, what: str) -> str:
        """Records the colour space `space` (a name or array) used by `what`; returns its kind."""
        kind = _space_kind(space, resources)
        self.colours.append((page, kind, what))
        return kind

    def _draw(self, name, resources, page: int, state: _State, marks: list) -> None:
        xobject = resources.XObject[name]
        if xobject.Subtype == "/Image":
            self._image(str(name), xobject, resources, page, state, marks)
        elif xobject.Subtype == "/Form":
            if "/Group" in xobject and "/CS" in xobject.Group:
                self._space_use(page, xobject.Group.CS, resources, "transparency group")
            self._content(xobject, xobject.get("/Resources", resources), page,
                          state.inner(xobject.get("/Matrix")), marks)

    def _image(self, name: str, image, resources, page: int, state: _State, marks: list) -> None:
        a, b, c, d, _, _ = state.ctm
        width_pt, height_pt = math.hypot(a, b), math.hypot(c, d)
        mcid, artifact = _marked(marks)
        placement = Placement(page, self.image_name(name, image), image, int(image.Width),
                              int(image.Height), width_pt, height_pt, mcid, artifact)
        self.placements.append(placement)
        if "/ColorSpace" in image:
            self._space_use(page, image.ColorSpace, resources, placement.name)

    def _pattern(self, operands, resources, page: int, state: _State) -> None:
        import pikepdf
        names = [v for v in operands if isinstance(v, pikepdf.Name)]
        if not names or "/Pattern" not in resources or names[0] not in resources.Pattern:
            return
        pattern = resources.Pattern[names[0]]
        if "/Shading" in pattern:
            self._space_use(page, pattern.Shading.ColorSpace, resources, "shading pattern")
        else:
            self._content(pattern, pattern.get("/Resources", resources), page,
                          state.inner(pattern.get("/Matrix")), [])

    def _soft_mask(self, name, resources, page: int, state: _State) -> None:
        gstate = resources.ExtGState[name]
        mask = gstate.get("/SMask")
        if mask is not None and hasattr(mask, "get") and mask.get("/G") is not None:
            group = mask.G
            if "/Group" in group and "/CS" in group.Group:
                self._space_use(page, group.Group.CS, resources, "soft mask group")
            self._content(group, group.get("/Resources", resources), page, state.inner(), [])

    def _font(self, name, resources, page: int) -> None:
        font = resources.Font[name]
        base = str(font.get("/BaseFont", name)).lstrip("/")
        label = re.sub(r"^[A-Z]{6}\+", "", base)
        pages, _ = self.fonts.get(label, (set(), True))
        pages.add(page)
        self.fonts[label] = (pages, _font_embedded(font))

    def digest(self, stream) -> str:
        """The sha256 of a stream's bytes as stored, once per file."""
        key = stream.objgen
        if key not in self.digests:
            self.digests[key] = hashlib.sha256(stream.read_raw_bytes()).hexdigest()
        return self.digests[key]

    def photo_pixels(self, stream):
        """A JPEG stream's pixels, decoded once per file at 1/INK_SCALE of its size by
        libjpeg itself, ten times faster than in full: a pixel then averages 0.3 mm
        at 300 ppi, far finer than a patch of ink that could set off or fail to dry."""
        from PIL import Image

        from ..content.photos import read_through
        key = stream.objgen
        if key not in self.decoded:
            # Pillow undoes Adobe's inversion of CMYK JPEGs.
            self.decoded[key] = read_through(Image.open(io.BytesIO(stream.read_raw_bytes())), INK_SCALE)
        return self.decoded[key]

    def image_name(self, name: str, image) -> str:
        import pikepdf
        if not isinstance(image, pikepdf.Stream):
            return name                                   # an inline image
        return self.photos.get(self.digest(image), f"image object {image.objgen[0]}")


# -- the checks ----------------------------------------------------------------------

def _structure(pdf, scan: "_Scan") -> list[Finding]:
    """What `qpdf --check` reads: every stream decoded (the content streams were
    parsed by the scan), JPEGs by libjpeg at a quarter of their size (see
    _Scan.photo_pixels). Decoding the print file's photos in full was most of
    its preflight."""
    import pikepdf
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        filters = _filters(obj)
        if filters == ["/DCTDecode"] and scan.digest(obj) not in scan.memory.read_through:
            scan.photo_pixels(obj)
            scan.memory.read_through.add(scan.digest(obj))
        elif set(filters) <= DECODED_FILTERS:
            obj.read_bytes(pikepdf.StreamDecodeLevel.specialized)
    problems = [f"WARNING: {warning}" for warning in pdf.get_warnings()]
    if problems:
        return [Finding(FAIL, "structure", p) for p in problems[:10]]
    return [Finding(PASS, "structure", "the file's syntax and cross-reference table are sound")]


def _fonts(scan: _Scan) -> list[Finding]:
    missing = [Finding(FAIL, "fonts", "not embedded: the press would substitute it", tuple(sorted(pages)), name)
               for name, (pages, embedded) in sorted(scan.fonts.items()) if not embedded]
    return missing or [Finding(PASS, "fonts", f"{len(scan.fonts)} fonts, all embedded")]


def _boxes(pdf, target: Target, publication: Publication) -> list[Finding]:
    trim_w, trim_h = (v * PT_PER_MM for v in TRIM_SIZES_MM.get(publication.page_size, (210, 297)))
    bleed = publication.bleed_mm * PT_PER_MM if target.edition == "print" else 0.0
    findings = []
    for number, page in enumerate(pdf.pages, start=1):
        for problem in _page_box_problems(page, trim_w, trim_h, bleed):
            findings.append(Finding(FAIL, "boxes", problem, (number,)))
    if findings:
        return findings
    size = f"trim {publication.page_size} {trim_w / PT_PER_MM:.0f} × {trim_h / PT_PER_MM:.0f} mm"
    if target.edition == "print":
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


def _pdf_x(pdf, publication: Publication) -> list[Finding]:
    version = _xmp(pdf, "pdfxid", "GTS_PDFXVersion")
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
    expected = _expected_identifier(publication)
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


def _page_count(pdf, publication: Publication) -> list[Finding]:
    count, multiple = len(pdf.pages), publication.pages_multiple_of
    binding = publication.print_run.binding
    if count % multiple == 0:
        return [Finding(PASS, "pages", f"{count} pages: a multiple of {multiple} for {binding} binding")]
    add = multiple - count % multiple
    cut = count % multiple
    return [Finding(FAIL, "pages", f"{count} pages: {binding} binding needs a multiple of {multiple}; "
                                   f"add {add} page{'s' * (add != 1)} or cut {cut}")]


def _print_images(scan: _Scan) -> list[Finding]:
    findings = []
    for p in scan.placements:
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
        low = min((p.ppi for p in scan.placements), default=0)
        findings.append(Finding(PASS, "images", f"{len(scan.placements)} placed images, all at "
                                                f"{PRINT_WARN_PPI} ppi or more (lowest {low:.0f}), "
                                                "embedded as converted, not recompressed"
                                if scan.placements else "no images"))
    return findings


def _email_images(scan: _Scan, publication: Publication) -> list[Finding]:
    ceiling = publication.email_edition.max_ppi
    findings = [Finding(WARN, "images", f"{p.ppi:.0f} ppi: above {ceiling:g} ppi, heavier than a "
                                        "screen needs", (p.page,), p.name)
                for p in scan.placements if p.ppi > ceiling + 0.5]
    if findings:
        return findings
    high = max((p.ppi for p in scan.placements), default=0)
    return [Finding(PASS, "images", f"{len(scan.placements)} placed images, none above {ceiling:g} "
                                    f"ppi (highest {high:.0f})")]


def _colour(scan: _Scan) -> list[Finding]:
    bad: dict[tuple[str, str], set] = {}
    for page, kind, what in scan.colours:
        if kind in RGB_SPACES or kind.startswith("/ICCBased3"):
            shown = kind.lstrip("/").replace("ICCBased3", "ICC-based RGB")
            bad.setdefault((what, shown), set()).add(page)
    if bad:
        return [Finding(FAIL, "colour", f"{space}: the print file takes CMYK or grey only",
                        tuple(sorted(pages)), what) for (what, space), pages in sorted(bad.items())]
    used = sorted({_shown_space(kind) for _, kind, _ in scan.colours} | {"DeviceCMYK"})
    return [Finding(PASS, "colour", f"CMYK and grey only ({', '.join(used)}); no RGB anywhere")]


def _ink(scan: _Scan, publication: Publication) -> list[Finding]:
    limit = publication.print_run.ink_limit
    findings, worst = [], 0.0
    over: dict[str, tuple[set, float]] = {}
    for page, ink, what in scan.inks:
        worst = max(worst, ink)
        if ink > limit + 0.01:
            pages, top = over.get(what, (set(), 0.0))
            over[what] = (pages | {page}, max(top, ink))
    for what, (pages, top) in over.items():
        findings.append(Finding(FAIL, "ink", f"{top:.0f} % total ink (limit {limit:g} %)", tuple(sorted(pages)), what))
    seen = set()
    for p in scan.placements:
        if p.name in seen or p.name == "inline image":      # inline images: tiny, and no stream
            continue
        seen.add(p.name)
        ink = _image_ink(p.obj, scan)
        if ink is None:
            continue
        worst = max(worst, ink)
        if ink > limit + INK_TOLERANCE:
            findings.append(Finding(FAIL, "ink", f"{ink:.0f} % total ink (limit {limit:g} %)", (p.page,), p.name))
    return findings or [Finding(PASS, "ink", f"total ink at most {worst:.0f} % (limit {limit:g} %)")]


def _black_text(scan: _Scan) -> list[Finding]:
    rich = sorted({page for page, space, fill in scan.text_fills
                   if space in ("/DeviceCMYK", "/ICCBased4") and len(fill) == 4
                   and fill[3] >= 0.95 and any(v > 0 for v in fill[:3])})
    if rich:
        return [Finding(FAIL, "black text", "text in rich black (CMY under the black): body text "
                                            "is 100 % K only, or it blurs with misregistration", tuple(rich))]
    return [Finding(PASS, "black text", "black text is 100 % K, never rich black")]


def _print_annotations(pdf) -> list[Finding]:
    pages = tuple(n for n, page in enumerate(pdf.pages, start=1)
                  if any(a.get("/Subtype") not in ("/TrapNet", "/PrinterMark")
                         for a in page.obj.get("/Annots", [])))
    if pages:
        return [Finding(FAIL, "annotations", "annotations on the printed area (PDF/X allows none)", pages)]
    return [Finding(PASS, "annotations", "no annotations on the printed area")]


def _tags(pdf) -> list[Finding]:
    root = pdf.Root
    findings = []
    if "/StructTreeRoot" not in root or not bool(root.get("/MarkInfo", {}).get("/Marked", False)):
        findings.append(Finding(FAIL, "tags", "not a tagged PDF: screen readers get no structure"))
    if not str(root.get("/Lang", "")):
        findings.append(Finding(FAIL, "tags", "no document language"))
    ua = _xmp(pdf, "pdfuaid", "part")
    if ua != "1":
        findings.append(Finding(WARN, "tags", "does not declare PDF/UA-1"))
    if not findings:
        findings.append(Finding(PASS, "tags", f"tagged, PDF/UA-1, language {root.Lang}"))
    return findings


def _metadata(pdf) -> list[Finding]:
    info = pdf.trailer.get("/Info", {})
    missing = [key for key in ("Title", "Author", "Subject", "Keywords") if not str(info.get(f"/{key}", ""))]
    findings = [Finding(FAIL if key == "Title" else WARN, "metadata", f"no {key.lower()}") for key in missing]
    prefs = pdf.Root.get("/ViewerPreferences", {})
    if not bool(prefs.get("/DisplayDocTitle", False)):
        findings.append(Finding(WARN, "metadata", "readers show the file name, not the title "
                                                  "(DisplayDocTitle is not set)"))
    if not missing:
        findings.insert(0, Finding(PASS, "metadata", f"title “{info.Title}”, author, subject and keywords set"))
    return findings


def _bookmarks(pdf, target: Target) -> list[Finding]:
    titles = []
    with pdf.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            titles.append(_words(item.title))
            stack += list(item.children)
    missing = [h for h in target.headlines if _words(h) not in titles]
    findings = [Finding(FAIL, "bookmarks", "no bookmark for this story", (), f"“{h}”") for h in missing]
    if not titles:
        findings.append(Finding(FAIL, "bookmarks", "no bookmarks: readers cannot jump to a story"))
    return findings or [Finding(PASS, "bookmarks", f"{len(titles)} bookmarks, one for each of the "
                                                   f"{len(target.headlines)} stories")]


def _words(text: str) -> str:
    """Text compared as words only: case, hyphens, spaces and punctuation aside."""
    return " ".join(re.findall(r"\w+", str(text).casefold()))


def _alt_text(pdf, scan: _Scan) -> list[Finding]:
    if "/StructTreeRoot" not in pdf.Root:
        return [Finding(FAIL, "alt text", "untagged: no alt text can reach a screen reader")]
    figures = list(_struct_elements(pdf.Root.StructTreeRoot, "/Figure"))
    pages = {page.objgen: n for n, page in enumerate(pdf.pages, start=1)}
    findings = [Finding(FAIL, "alt text", "a figure without alt text",
                        (pages.get(f.Pg.objgen, 0),) if "/Pg" in f else ())
                for f in figures if not str(f.get("/Alt", "")).strip()]
    marked = _figure_mcids(figures, pages)
    for p in scan.placements:
        if not p.artifact and (p.page, p.mcid) not in marked:
            findings.append(Finding(FAIL, "alt text", "drawn outside any figure and not marked as an "
                                                      "artifact", (p.page,), p.name))
    return findings or [Finding(PASS, "alt text", f"{len(figures)} figures (photos and charts), "
                                                  "each with alt text; decorative images are artifacts")]


def _links(pdf) -> list[Finding]:
    destinations = _named_destinations(pdf)
    web = internal = 0
    findings = []
    for number, page in enumerate(pdf.pages, start=1):
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") != "/Link":
                continue
            problem, kind = _link_problem(annot, destinations)
            if problem:
                findings.append(Finding(FAIL, "links", problem, (number,)))
            web += kind == "web"
            internal += kind == "internal"
    return findings or [Finding(PASS, "links", f"{web + internal} links work: {web} to the web or "
                                               f"mail, {internal} within the document")]


def _size(target: Target, publication: Publication) -> list[Finding]:
    size = target.path.stat().st_size / 1e6
    budget = publication.email_edition.size_budget_mb
    shown = f"{size:.1f}" if size >= 1 else f"{size:.2f}"
    if size > budget:
        return [Finding(WARN, "size", f"{shown} MB: over the {budget:g} MB budget for email")]
    return [Finding(PASS, "size", f"{shown} MB, within the {budget:g} MB budget")]


# -- helpers -----------------------------------------------------------------------

def _merge(findings: list[Finding]) -> list[Finding]:
    """One line per (status, check, object, message), its pages together; in CHECK_ORDER."""
    merged: dict[tuple, set] = {}
    for f in findings:
        merged.setdefault((f.status, f.check, f.object, f.message), set()).update(f.pages)
    out = [Finding(s, c, m, tuple(sorted(p)), o) for (s, c, o, m), p in merged.items()]
    return sorted(out, key=lambda f: (CHECK_ORDER.index(f.check), -RANK[f.status], f.pages, f.object,
                                      f.message))


def _pages_label(pages: tuple[int, ...]) -> str:
    runs, start = [], None
    for i, page in enumerate(pages):
        if start is None:
            start = page
        if i + 1 == len(pages) or pages[i + 1] != page + 1:
            runs.append(f"{start}" if start == page else f"{start}-{page}")
            start = None
    return "p." + ",".join(runs)


def _multiply(m: tuple, n: tuple) -> tuple:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _number(value) -> float | None:
    """A content stream operand as a number, or None for names, strings, arrays."""
    import pikepdf
    if isinstance(value, (pikepdf.Name, pikepdf.String, pikepdf.Array, pikepdf.Dictionary, str, bytes)):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _space_kind(space, resources) -> str:
    """A colour space as a kind: /DeviceRGB, /DeviceCMYK, /ICCBased4, /Separation ..."""
    import pikepdf
    if isinstance(space, pikepdf.Name):
        name = str(space)
        if name in ("/DeviceRGB", "/DeviceCMYK", "/DeviceGray", "/Pattern"):
            return name
        if name in ("/RGB", "/CMYK", "/G"):                      # inline image abbreviations
            return {"/RGB": "/DeviceRGB", "/CMYK": "/DeviceCMYK", "/G": "/DeviceGray"}[name]
        spaces = resources.get("/ColorSpace", {}) if resources is not None else {}
        if name in spaces:
            return _space_kind(spaces[name], resources)
        return name
    family = str(space[0])
    if family == "/ICCBased":
        return f"/ICCBased{int(space[1].N)}"
    if family in ("/Indexed",):
        return _space_kind(space[1], resources)
    if family in ("/Separation", "/DeviceN"):
        alternate = _space_kind(space[2], resources)
        return family if alternate in ("/DeviceCMYK", "/DeviceGray", "/ICCBased4", "/ICCBased1") else alternate
    return family


def _shown_space(kind: str) -> str:
    return {"/ICCBased4": "ICC-based CMYK", "/ICCBased1": "ICC-based grey"}.get(kind, kind.lstrip("/"))


def _marked(marks: list) -> tuple[int | None, bool]:
    import pikepdf
    for operands in reversed(marks):
        tag = str(operands[0]) if operands else ""
        if tag == "/Artifact":
            return None, True
        if len(operands) > 1 and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
            return int(operands[1].MCID), False
    return None, False


def _font_embedded(font) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":
        font = font.DescendantFonts[0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _filters(stream) -> list[str]:
    import pikepdf
    named = stream.get("/Filter")
    if named is None:
        return []
    return [str(f) for f in named] if isinstance(named, pikepdf.Array) else [str(named)]


def _image_ink(image, scan: "_Scan") -> float | None:
    """Total ink of a CMYK image, % (at INK_PERCENTILE of its pixels); None if not CMYK."""
    import pikepdf
    if _space_kind(image.get("/ColorSpace", pikepdf.Name.DeviceGray), None) not in ("/DeviceCMYK", "/ICCBased4"):
        return None
    inks, digest = scan.memory.inks, scan.digest(image)
    if digest not in inks:
        inks[digest] = _ink_of(image, scan)
    return inks[digest]


def _ink_of(image, scan: "_Scan") -> float:
    import numpy as np
    import pikepdf
    if _filters(image) == ["/DCTDecode"]:
        pixels = scan.photo_pixels(image)
    else:
        pixels = pikepdf.PdfImage(image).as_pil_image()
    planes = np.asarray(pixels.convert("CMYK"))
    total = sum(planes[..., n].astype(np.uint16) for n in range(4))        # 0..1020
    counts = np.cumsum(np.bincount(total.ravel(), minlength=1021))
    level = int(np.searchsorted(counts, counts[-1] * INK_PERCENTILE / 100))
    return level / 255 * 100


def _box(array) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in array)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _near(a, b) -> bool:
    return all(abs(x - y) <= BOX_TOLERANCE_PT for x, y in zip(a, b))


def _mm(box) -> str:
    return f"{(box[2] - box[0]) / PT_PER_MM:.1f} × {(box[3] - box[1]) / PT_PER_MM:.1f} mm"


def _pt_mm(value: float) -> str:
    return f"{value / PT_PER_MM:.0f}"


def _xmp(pdf, prefix: str, name: str) -> str:
    """A value of the XMP metadata, by namespace prefix and property name."""
    if "/Metadata" not in pdf.Root:
        return ""
    xml = pdf.Root.Metadata.read_bytes().decode("utf-8", "replace")
    match = re.search(rf"{prefix}:{name}\s*=\s*\"([^\"]*)\"|<{prefix}:{name}>([^<]*)<", xml)
    return (match.group(1) or match.group(2)).strip() if match else ""


def _expected_identifier(publication: Publication) -> str:
    from ..content.conditions import CONDITIONS
    condition = CONDITIONS.get(publication.print_run.profile)
    return condition.identifier if condition else Path(publication.print_run.profile).stem


def _struct_elements(node, kind: str):
    import pikepdf
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Dictionary):
            if item.get("/S") == kind:
                yield item
            kids = item.get("/K")
            if kids is not None:
                stack += list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        elif isinstance(item, pikepdf.Array):
            stack += list(item)


def _figure_mcids(figures, pages: dict) -> set[tuple[int, int]]:
    """(page, MCID) of the marked content each figure owns."""
    import pikepdf
    owned = set()
    for figure in figures:
        page = pages.get(figure.Pg.objgen, 0) if "/Pg" in figure else 0
        kids = figure.get("/K")
        for kid in (list(kids) if isinstance(kids, pikepdf.Array) else [kids]):
            if _number(kid) is not None:
                owned.add((page, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
                kid_page = pages.get(kid.Pg.objgen, page) if "/Pg" in kid else page
                owned.add((kid_page, int(kid.MCID)))
    return owned


def _named_destinations(pdf) -> set[str]:
    names = set()
    tree = pdf.Root.get("/Names", {}).get("/Dests")
    stack = [tree] if tree is not None else []
    while stack:
        node = stack.pop()
        entries = list(node.get("/Names", []))
        names.update(str(entries[i]) for i in range(0, len(entries), 2))
        stack += list(node.get("/Kids", []))
    old = pdf.Root.get("/Dests")
    if old is not None:
        names.update(str(k).lstrip("/") for k in old.keys())
    return names


def _link_problem(annot, destinations: set[str]) -> tuple[str, str]:
    import pikepdf
    action = annot.get("/A")
    dest = annot.get("/Dest")
    if action is not None and action.get("/S") == "/URI":
        uri = str(action.URI)
        parsed = urlparse(uri)
        if parsed.scheme in ("http", "https") and parsed.netloc or parsed.scheme == "mailto" and "@" in uri:
            return "", "web"
        return f"link to '{uri}': not a web or mail address", "web"
    if action is not None and action.get("/S") == "/GoTo":
        dest = action.D
    if dest is None:
        return "a link that goes nowhere (no destination, no address)", ""
    if isinstance(dest, pikepdf.Array):
        return "", "internal"
    name = str(dest).lstrip("/")
    if name in destinations:
        return "", "internal"
    return f"link to '#{name}': no such place in the document", "internal"
