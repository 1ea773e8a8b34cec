"""The PDF WeasyPrint wrote, finished with pikepdf before it leaves the typesetter.

WeasyPrint 70 writes what its options ask for. What they cannot ask for is done
here, on the written file, one function per concern on PDF objects, rather than
by patching WeasyPrint's internals (which change from one version to the next):

- photos: each stand-in swapped for the photo made for the edition at the size
  it is placed at (see photos.py), so every photo is encoded once, by us;
- reproducible files: both dates from the issue's date, with time and zone; the
  XMP's document and instance IDs and the trailer's /ID derived from the content
  (WeasyPrint takes the time of writing and a random UUID), so the same issue,
  fonts, profile and code give the same bytes;
- PDF/X-4 as strict preflights read it (print): /GTS_PDFXVersion in the Info
  dictionary as well as the XMP; XMP of standard keys only (WeasyPrint adds
  Adobe's private pdfx:GTS_PDFXConformance); no /Interpolate true (WeasyPrint
  sets it on every image; PDF/X forbids it); font subset tags derived from the
  file's content (WeasyPrint derives them from the font's description alone, so
  the English and the Russian file share a tag for different subsets);
- no colour space a page declares and never uses (WeasyPrint declares its two
  Lab spaces on every page).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
import re
import uuid
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

import pikepdf
from PIL import Image

from .confinement import Confinement
from .photos import Made, PhotoRecipe, make_photo

DEVICE_SPACES = {"/DeviceGray", "/DeviceRGB", "/DeviceCMYK", "/Pattern", "/G", "/RGB", "/CMYK"}
JPEG_SPACES = {"L": pikepdf.Name.DeviceGray, "RGB": pikepdf.Name.DeviceRGB, "CMYK": pikepdf.Name.DeviceCMYK}
# How each PDF variant identifies itself in the XMP, as its standard names it.
CONFORMANCE = {"pdf/x-4": {"pdfxid:GTS_PDFXVersion": "PDF/X-4"}, "pdf/ua-1": {"pdfuaid:part": "1"}}
PDFX_VARIANTS = {"pdf/x-4": "PDF/X-4"}
NAMESPACES = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdfxid": "http://www.npes.org/pdfx/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}


@dataclass(frozen=True)
class EditionPhotos:
    """An edition's photos: the stand-in each was laid out with, how it is made, and
    what may be read (an original swapped for a link out of the issue is refused,
    as WeasyPrint's own reads are)."""
    recipe: PhotoRecipe
    stand_ins: Mapping[Path, Path]          # original -> its stand-in
    confinement: Confinement | None = None


@dataclass(frozen=True)
class Finishing:
    """What finishing one edition's PDF needs."""
    variant: str                            # WeasyPrint's pdf_variant: "pdf/x-4", "pdf/ua-1"
    dated: dt.date | None = None            # the date: the file's dates
    photos: EditionPhotos | None = None
    mend: Callable[[pikepdf.Pdf], None] | None = None   # first: what the typesetter mends (tags, text)

    @property
    def press(self) -> bool:
        return self.variant in PDFX_VARIANTS


@dataclass
class Finished:
    data: bytes
    photos: list[Made] = field(default_factory=list)


def finish(data: bytes, finishing: Finishing) -> Finished:
    """The PDF `data` finished for its edition (see the module's docstring)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if finishing.mend is not None:
            finishing.mend(pdf)
        walk = _Walk(pdf)
        made = _swap_photos(pdf, walk, finishing.photos) if finishing.photos else []
        if finishing.press:
            _no_interpolation(pdf)
        walk.prune_colour_spaces()
        walk.name_images_by_content()
        digest = _content_digest(pdf)
        _retag_subsets(pdf, digest)
        _date_and_identify(pdf, finishing, digest)
        out = io.BytesIO()
        # Streams as they are: WeasyPrint compressed them, the photos are JPEGs, and
        # the XMP stays uncompressed for the preflights that read it as text.
        pdf.save(out, deterministic_id=True, compress_streams=False,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none, fix_metadata_version=False)
    return Finished(out.getvalue(), made)


# ---- The walk: where images are placed, which colour spaces are used -------------

class _Walk:
    """Every page's content and the forms it draws, read once: the size each image
    XObject is drawn at (from the CTM) and the named colour spaces each resource
    dictionary's content uses."""

    def __init__(self, pdf: pikepdf.Pdf):
        self.placed: dict[tuple[int, int], list[tuple[float, float]]] = {}   # image -> sizes, pt
        self.resources: dict[object, tuple[pikepdf.Dictionary, set[str]]] = {}
        self.streams: dict[object, list[pikepdf.Object]] = {}   # resources -> the content using them
        self.complete = True                # False: a use could not be followed; prune nothing
        for page in pdf.pages:
            resources = page.obj.get("/Resources")
            if isinstance(resources, pikepdf.Dictionary):
                self._content(page.obj, resources, ("page", page.obj.objgen), (1, 0, 0, 1, 0, 0), 0)

    def _content(self, stream, resources: pikepdf.Dictionary, key, ctm: tuple, depth: int) -> None:
        if depth > 12:
            self.complete = False
            return
        key = resources.objgen if resources.is_indirect else key
        used = self.resources.setdefault(key, (resources, set()))[1]
        self.streams.setdefault(key, []).append(stream)
        stack = []
        for instruction in pikepdf.parse_content_stream(stream):
            operands, op = instruction.operands, str(instruction.operator)
            if op == "q":
                stack.append(ctm)
            elif op == "Q" and stack:
                ctm = stack.pop()
            elif op == "cm":
                ctm = _multiply(tuple(float(v) for v in operands), ctm)
            elif op in ("cs", "CS"):
                used.add(str(operands[0]))
            elif op in ("scn", "SCN"):
                self._pattern(operands, resources, key, ctm, depth, used)
            elif op == "Do":
                self._draw(operands[0], resources, key, ctm, depth, used)
            elif op == "INLINE IMAGE":
                space = operands[0].obj.get("/CS", operands[0].obj.get("/ColorSpace"))
                if isinstance(space, pikepdf.Name):
                    used.add(str(space))
            elif op == "sh":
                self._uses(resources.get("/Shading", pikepdf.Dictionary()).get(str(operands[0])), used)

    def _draw(self, name, resources, key, ctm, depth, used) -> None:
        xobject = resources.get("/XObject", {}).get(name)
        if xobject is None:
            self.complete = False
        elif xobject.get("/Subtype") == "/Image":
            a, b, c, d, _, _ = ctm
            self.placed.setdefault(xobject.objgen, []).append((math.hypot(a, b), math.hypot(c, d)))
            self._uses(xobject, used)
        elif xobject.get("/Subtype") == "/Form":
            inner = xobject.get("/Resources")
            matrix = xobject.get("/Matrix")
            form_ctm = _multiply(tuple(float(v) for v in matrix), ctm) if matrix is not None else ctm
            if isinstance(inner, pikepdf.Dictionary):
                self._content(xobject, inner, ("form", xobject.objgen), form_ctm, depth + 1)
            else:                                # a form without resources uses its page's
                self._content(xobject, resources, key, form_ctm, depth + 1)

    def _pattern(self, operands, resources, key, ctm, depth, used) -> None:
        names = [v for v in operands if isinstance(v, pikepdf.Name)]
        pattern = resources.get("/Pattern", {}).get(names[0]) if names else None
        if pattern is None:
            return
        if isinstance(pattern, pikepdf.Stream):                     # tiling: content of its own
            inner = pattern.get("/Resources")
            if isinstance(inner, pikepdf.Dictionary):
                self._content(pattern, inner, ("pattern", pattern.objgen), ctm, depth + 1)
            else:
                self._content(pattern, resources, key, ctm, depth + 1)
        else:
            self._uses(pattern.get("/Shading"), used)

    def _uses(self, thing, used: set[str]) -> None:
        """A colour space an image or shading names by a resource name (rare, but allowed)."""
        space = thing.get("/ColorSpace") if isinstance(thing, (pikepdf.Dictionary, pikepdf.Stream)) else None
        if isinstance(space, pikepdf.Name):
            used.add(str(space))

    def prune_colour_spaces(self) -> None:
        """Remove every named colour space no content using the dictionary sets."""
        if not self.complete:
            return
        for resources, used in self.resources.values():
            spaces = resources.get("/ColorSpace")
            if not isinstance(spaces, pikepdf.Dictionary):
                continue
            for name in [str(n) for n in spaces if str(n) not in used and str(n) not in DEVICE_SPACES]:
                del spaces[name]
            if len(spaces) == 0:
                del resources["/ColorSpace"]


    def name_images_by_content(self) -> None:
        """Each image XObject named after a hash of its data, in its resources and
        in the content drawing it. WeasyPrint names it after the image's address,
        the file's full path, so the same issue built in another folder would
        differ in these names alone."""
        if not self.complete:
            return
        for key, (resources, _) in self.resources.items():
            xobjects = resources.get("/XObject")
            if not isinstance(xobjects, pikepdf.Dictionary):
                continue
            renames: dict[str, str] = {}
            for name in [str(n) for n in xobjects]:
                image = xobjects[name]
                if image.get("/Subtype") != "/Image":
                    continue
                digest = hashlib.sha256(image.read_raw_bytes()).hexdigest()
                new = f"/Im{digest[:24]}"
                while new in renames.values() or (new != name and new in xobjects):
                    new += "x"
                renames[name] = new
            renames = {name: new for name, new in renames.items() if new != name}
            for name, new in renames.items():
                xobjects[new] = xobjects[name]
                del xobjects[name]
            if renames:
                for owner in self.streams.get(key, []):
                    _rename_in_content(owner, renames)


def _rename_in_content(owner: pikepdf.Object, renames: dict[str, str]) -> None:
    """Each name of `renames` replaced, as a whole token, in the content of `owner`
    (a page, whose content may be several streams, or a form or pattern)."""
    contents = owner.get("/Contents") if isinstance(owner, pikepdf.Dictionary) else owner
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    pattern = re.compile(b"(" + b"|".join(re.escape(n.encode()) for n in renames) + rb")(?=[\s/\[\]<>()%]|$)")
    for stream in streams:
        if not isinstance(stream, pikepdf.Stream):
            continue
        data = stream.read_bytes()
        renamed = pattern.sub(lambda m: renames[m.group().decode()].encode(), data)
        if renamed != data:
            stream.write(zlib.compress(renamed), filter=pikepdf.Name.FlateDecode)


def _multiply(m: tuple, n: tuple) -> tuple:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


# ---- Photos -----------------------------------------------------------------------------

def _swap_photos(pdf: pikepdf.Pdf, walk: _Walk, photos: EditionPhotos) -> list[Made]:
    """Each stand-in's stream replaced by its photo, made for the largest size it is drawn at."""
    originals = {hashlib.sha256(stand_in.read_bytes()).hexdigest(): source
                 for source, stand_in in photos.stand_ins.items()}
    streams: dict[Path, list[pikepdf.Stream]] = {}
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
            source = originals.get(hashlib.sha256(obj.read_raw_bytes()).hexdigest())
            if source is not None:
                streams.setdefault(source, []).append(obj)
    made = []
    for source, images in streams.items():
        sizes = [size for image in images for size in walk.placed.get(image.objgen, [])]
        confinement = photos.confinement
        refused = confinement.refusal(source.as_uri()) if confinement is not None else None
        if confinement is not None and refused is not None:
            confinement.refuse(source.as_uri(), refused)            # reported by Typesetter.check
            continue
        # In inches; a stand-in drawn where the walk does not follow is made whole.
        widest = (max(w for w, _ in sizes) / 72, max(h for _, h in sizes) / 72) if sizes else (math.inf,) * 2
        photo = make_photo(source, photos.recipe, widest)
        for image in images:
            _embed(pdf, image, photo.path)
        made.append(photo)
    return made


def _embed(pdf: pikepdf.Pdf, image: pikepdf.Stream, path: Path) -> None:
    """`image`'s data and dictionary made those of the file at `path`: a JPEG's bytes
    as they are, PNG pixels (with their alpha as a soft mask) deflated."""
    data = path.read_bytes()
    with Image.open(io.BytesIO(data)) as photo:
        for key in ("/Decode", "/SMask", "/DecodeParms"):
            if key in image:
                del image[key]
        image.Width, image.Height, image.BitsPerComponent = photo.width, photo.height, 8
        if photo.format == "JPEG":
            image.write(data, filter=pikepdf.Name.DCTDecode)
            image.ColorSpace = JPEG_SPACES[photo.mode]
            if photo.mode == "CMYK" and getattr(photo, "app", {}).get("APP14") is not None:
                image.Decode = pikepdf.Array([1, 0] * 4)   # Adobe's CMYK JPEGs are stored inverted
            return
        pixels = photo.convert("RGBA" if "A" in photo.mode or "transparency" in photo.info else "RGB")
    image.write(zlib.compress(pixels.convert("RGB").tobytes()), filter=pikepdf.Name.FlateDecode)
    image.ColorSpace = pikepdf.Name.DeviceRGB
    if pixels.mode == "RGBA":
        mask = pdf.make_stream(zlib.compress(pixels.getchannel("A").tobytes()), Type=pikepdf.Name.XObject,
                               Subtype=pikepdf.Name.Image, Width=pixels.width, Height=pixels.height,
                               ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8,
                               Filter=pikepdf.Name.FlateDecode)
        image.SMask = mask


def _no_interpolation(pdf: pikepdf.Pdf) -> None:
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image" and "/Interpolate" in obj:
            del obj["/Interpolate"]


# ---- Identity: digest, subset tags, dates, XMP ------------------------------------------

def _content_digest(pdf: pikepdf.Pdf) -> bytes:
    """A hash of every stream the file holds as stored (pages, fonts, photos,
    profile), its metadata and the object streams the writer packed its
    dictionaries into (the Info dictionary's dates among them) aside: the file's
    content, whatever its dates and IDs. Only what the saved file will hold counts:
    a stream the mending or the photo swap replaced stays among the objects until
    the save, with the names WeasyPrint gave it from the build's folder."""
    digest = hashlib.sha256()
    metadata = pdf.Root.get("/Metadata")
    skip = metadata.objgen if isinstance(metadata, pikepdf.Stream) else None
    kept = _reachable(pdf)
    for obj in pdf.objects:
        if (isinstance(obj, pikepdf.Stream) and obj.objgen in kept and obj.objgen != skip
                and obj.get("/Type") not in ("/ObjStm", "/XRef")):
            digest.update(obj.read_raw_bytes())
    return digest.digest()


def _reachable(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    """The indirect objects the trailer leads to: those a save writes."""
    seen: set[tuple[int, int]] = set()
    containers = (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)
    stack: list[pikepdf.Object] = [pdf.trailer]
    while stack:
        obj = stack.pop()
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        inside = obj if isinstance(obj, pikepdf.Array) else obj.values()
        stack.extend(item for item in inside if isinstance(item, containers))
    return seen


def _retag_subsets(pdf: pikepdf.Pdf, digest: bytes) -> None:
    """Every subset font's tag (the six letters before "+") made from the file's
    content and the font's name: two files share a tag only if they share content.
    A composite font, its descendant and their descriptor keep one name."""
    fonts = []
    for font in [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"]:
        for named in [font, *font.get("/DescendantFonts", [])]:
            fonts += [named, *([named.FontDescriptor] if "/FontDescriptor" in named else [])]
    renamed: dict[str, pikepdf.Name] = {}
    for font in fonts:
        base = str(font.get("/BaseFont", font.get("/FontName", "")))
        tag, plus, name = base.lstrip("/").partition("+")
        if plus and len(tag) == 6 and tag.isalpha() and tag.isupper() and base not in renamed:
            letters = hashlib.sha256(digest + base.encode()).digest()[:6]
            renamed[base] = pikepdf.Name("/" + "".join(chr(65 + b % 26) for b in letters) + "+" + name)
    for font in fonts:
        for key in ("/BaseFont", "/FontName"):
            if str(font.get(key, "")) in renamed:
                font[key] = renamed[str(font[key])]


def _date_and_identify(pdf: pikepdf.Pdf, finishing: Finishing, digest: bytes) -> None:
    info = pdf.trailer.get("/Info")
    if not isinstance(info, pikepdf.Dictionary):
        info = pdf.trailer.Info = pdf.make_indirect(pikepdf.Dictionary())
    moment = _moment(finishing.dated, info)
    if moment is not None:
        info.CreationDate = info.ModDate = moment.strftime("D:%Y%m%d%H%M%S+00'00'")
    if finishing.press:
        info.GTS_PDFXVersion = PDFX_VARIANTS[finishing.variant]
    document = uuid.UUID(bytes=hashlib.sha256(b"document" + digest).digest()[:16], version=4)
    instance = uuid.UUID(bytes=hashlib.sha256(b"instance" + digest).digest()[:16], version=4)
    xmp = _xmp(info, finishing, moment, f"uuid:{document}", f"uuid:{instance}")
    metadata = pdf.make_stream(xmp, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
    pdf.Root.Metadata = metadata
    # The trailer's permanent ID (qpdf keeps the first element and derives the
    # second from the bytes it writes, with deterministic_id).
    permanent = pikepdf.String(document.bytes)
    pdf.trailer.ID = pikepdf.Array([permanent, permanent])


def _moment(dated: dt.date | None, info: pikepdf.Dictionary) -> dt.datetime | None:
    """Midnight (UTC) of the issue's date, or of the date WeasyPrint was given."""
    if dated is None:
        written = str(info.get("/CreationDate", ""))
        if not written.startswith("D:") or len(written) < 10 or not written[2:10].isdigit():
            return None
        dated = dt.date(int(written[2:6]), int(written[6:8]), int(written[8:10]))
    return dt.datetime(dated.year, dated.month, dated.day, tzinfo=dt.UTC)


def _xmp(info: pikepdf.Dictionary, finishing: Finishing, moment: dt.datetime | None,
         document: str, instance: str) -> bytes:
    """The XMP packet of the Info dictionary's values, in the standard schemas only
    (Dublin Core, XMP basic, Adobe PDF, XMP media management, and the variant's
    own identification), so the two agree as PDF/X and PDF/UA ask."""
    for prefix, uri in NAMESPACES.items():
        ET.register_namespace(prefix, uri)
    rdf = ET.Element(_q("rdf:RDF"))
    about = ET.SubElement(rdf, _q("rdf:Description"), {_q("rdf:about"): ""})

    def text(key: str, value: str) -> None:
        ET.SubElement(about, _q(key)).text = value

    def alternative(key: str, value: str) -> None:
        items = ET.SubElement(ET.SubElement(about, _q(key)), _q("rdf:Alt"))
        ET.SubElement(items, _q("rdf:li"), {"xml:lang": "x-default"}).text = value

    text("dc:format", "application/pdf")
    if "/Title" in info:
        alternative("dc:title", str(info.Title))
    if "/Author" in info:
        authors = ET.SubElement(ET.SubElement(about, _q("dc:creator")), _q("rdf:Seq"))
        ET.SubElement(authors, _q("rdf:li")).text = str(info.Author)
    if "/Subject" in info:
        alternative("dc:description", str(info.Subject))
    if "/Keywords" in info:
        text("pdf:Keywords", str(info.Keywords))
    if "/Producer" in info:
        text("pdf:Producer", str(info.Producer))
    if "/Trapped" in info:
        text("pdf:Trapped", str(info.Trapped).lstrip("/"))
    if "/Creator" in info:
        text("xmp:CreatorTool", str(info.Creator))
    if moment is not None:
        for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
            text(key, moment.isoformat())
    text("xmpMM:DocumentID", document)
    text("xmpMM:InstanceID", instance)
    if finishing.press:
        text("xmpMM:VersionID", "1")
        text("xmpMM:RenditionClass", "default")
    for key, value in CONFORMANCE.get(finishing.variant, {}).items():
        text(key, value)
    packet = ET.Element(_q("x:xmpmeta"))
    packet.append(rdf)
    body = ET.tostring(packet, encoding="unicode")
    return (f'<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n{body}\n'
            '<?xpacket end="w"?>').encode()


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"
