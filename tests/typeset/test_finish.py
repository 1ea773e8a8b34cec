"""Finishing a written PDF (typeset.finish) on a page made for it: the stand-in
swapped for the photo made for the edition, PDF/X-4 as strict preflights read it,
and the same bytes from the same content, whatever the clock, the folder or the
random numbers WeasyPrint used. The editions as built are read in
tests/pipeline (test_print_edition, test_reproducible)."""
from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import uuid
from xml.etree import ElementTree as ET

import pikepdf
import pytest
from PIL import Image

from bulletin.editions import PhotoConversion
from bulletin.typeset.finish import NAMESPACES, EditionPhotos, Finishing, finish
from bulletin.typeset.photos import PhotoRecipe, stand_ins
from bulletin.typeset.profiles import press_profile

ISSUE_DATE = dt.date(2017, 4, 28)
PLACED_PT = (209.76, 157.32)            # 74 mm across: a 1600-pixel photo at 549 ppi
WEASYPRINT_XMP = (b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
                  b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                  b'xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"><rdf:Description rdf:about="">'
                  b'<pdfx:GTS_PDFXConformance>PDF/X-4</pdfx:GTS_PDFXConformance></rdf:Description>'
                  b'</rdf:RDF></x:xmpmeta><?xpacket end="r"?>')


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    return press_profile("FOGRA39", 300, tmp_path_factory.getbasetemp())


@pytest.fixture
def photo(tmp_path):
    source = tmp_path / "issue" / "photo.jpg"
    source.parent.mkdir()
    Image.effect_noise((1600, 1200), 60).convert("RGB").save(source, quality=90)
    return source


def written(stand_in, *, words: bytes = b"(Milestones) Tj", image_name: str = "/i0123456789abcdef1",
            moment: str = "D:20261130091045+00'00'") -> bytes:
    """A page as WeasyPrint 70 writes one: a stand-in drawn 74 mm across, interpolated;
    a text run in a subset font tagged ABCDEF; a calibrated grey it uses and a Lab
    space it never uses; dates of the moment it was written; a random document ID."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(612.28, 858.9))
    with Image.open(stand_in) as image:
        width, height = image.size
    picture = pdf.make_stream(stand_in.read_bytes(), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                              Width=width, Height=height, ColorSpace=pikepdf.Name.DeviceGray,
                              BitsPerComponent=8, Filter=pikepdf.Name.DCTDecode, Interpolate=True)
    descriptor = pikepdf.Dictionary(Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/ABCDEF+Fira-Sans"),
                                    Flags=4)
    cid = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType2,
                             BaseFont=pikepdf.Name("/ABCDEF+Fira-Sans"), FontDescriptor=descriptor)
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0,
                              BaseFont=pikepdf.Name("/ABCDEF+Fira-Sans"), Encoding=pikepdf.Name("/Identity-H"),
                              DescendantFonts=[pdf.make_indirect(cid)])
    grey = pikepdf.Array([pikepdf.Name.CalGray, pikepdf.Dictionary(WhitePoint=[0.9642, 1, 0.8249])])
    lab = pikepdf.Array([pikepdf.Name.Lab, pikepdf.Dictionary(WhitePoint=[0.9642, 1, 0.8249])])
    page.obj.Resources = pdf.make_indirect(pikepdf.Dictionary(
        XObject=pikepdf.Dictionary({image_name: pdf.make_indirect(picture)}),
        Font=pikepdf.Dictionary(F1=pdf.make_indirect(font)),
        ColorSpace=pikepdf.Dictionary({"/cal-grey": grey, "/lab-d50": lab})))
    page.obj.Contents = pdf.make_stream(
        b"q /cal-grey cs 0.5 scn 0 0 10 10 re f Q "
        + f"q {PLACED_PT[0]} 0 0 {PLACED_PT[1]} 50 600 cm {image_name} Do Q ".encode()
        + b"BT /F1 12 Tf 72 720 Td " + words + b" ET")
    pdf.Root.Metadata = pdf.make_stream(WEASYPRINT_XMP, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
    pdf.trailer.Info = pdf.make_indirect(pikepdf.Dictionary(
        Title="Milestones – Issue 1", Author="UNODC", Producer="WeasyPrint 70.0", Trapped=pikepdf.Name("/False"),
        CreationDate="D:20170428", ModDate=moment))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def print_finishing(tmp_path, photo, profile) -> Finishing:
    recipe = PhotoRecipe(PhotoConversion.PRESS, 350, 450, tmp_path / "made", profile)
    return Finishing("pdf/x-4", ISSUE_DATE, EditionPhotos(recipe, stand_ins([photo], tmp_path / "fpo")))


def test_the_stand_in_becomes_the_photo_separated_at_350_ppi(tmp_path, photo, profile):
    finishing = print_finishing(tmp_path, photo, profile)
    done = finish(written(finishing.photos.stand_ins[photo]), finishing)
    [made] = done.photos
    with pikepdf.open(io.BytesIO(done.data)) as pdf:
        xobjects = pdf.pages[0].Resources.XObject
        [(name, image)] = list(xobjects.items())
        assert (int(image.Width), int(image.Height)) == (made.width, made.height) == (1019, 764)
        assert (image.ColorSpace, image.Filter, list(image.Decode)) == (
            pikepdf.Name.DeviceCMYK, pikepdf.Name.DCTDecode, [1, 0] * 4)
        assert image.read_raw_bytes() == made.path.read_bytes()         # embedded as made
        assert "/Interpolate" not in image
        drawn = [op.operands[0] for op in pikepdf.parse_content_stream(pdf.pages[0]) if str(op.operator) == "Do"]
        assert drawn == [pikepdf.Name(name)]                            # named after its data
        assert re.fullmatch(r"/Im[0-9a-f]{24}", name)


def test_pdf_x_4_keys_dates_and_standard_xmp_only(tmp_path, photo, profile):
    finishing = print_finishing(tmp_path, photo, profile)
    done = finish(written(finishing.photos.stand_ins[photo]), finishing)
    with pikepdf.open(io.BytesIO(done.data)) as pdf:
        info = pdf.trailer.Info
        assert str(info.GTS_PDFXVersion) == "PDF/X-4"
        assert str(info.CreationDate) == str(info.ModDate) == "D:20170428000000+00'00'"
        assert "/Filter" not in pdf.Root.Metadata                      # readable as it is
        xmp = pdf.Root.Metadata.read_bytes()
        assert list(pdf.pages[0].Resources.ColorSpace.keys()) == ["/cal-grey"]   # Lab: declared, unused
        document = bytes(pdf.trailer.ID[0])
    root = ET.fromstring(xmp[xmp.index(b"<x:xmpmeta"):xmp.index(b"</x:xmpmeta>") + 12])
    namespaces = {element.tag.split("}")[0].lstrip("{") for element in root.iter()}
    assert namespaces <= set(NAMESPACES.values())                     # no pdfx: and no private keys
    values = {element.tag.split("}")[1]: (element.text or "").strip() for element in root.iter()}
    assert values["GTS_PDFXVersion"] == "PDF/X-4"
    assert values["CreateDate"] == values["ModifyDate"] == values["MetadataDate"] == "2017-04-28T00:00:00+00:00"
    assert (values["Trapped"], values["RenditionClass"], values["VersionID"]) == ("False", "default", "1")
    assert values["DocumentID"] == f"uuid:{uuid.UUID(bytes=document)}"
    (tmp_path / "finished.pdf").write_bytes(done.data)
    checked = subprocess.run(["qpdf", "--check", str(tmp_path / "finished.pdf")], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout


def test_the_same_content_gives_the_same_bytes_whenever_and_wherever_written(tmp_path, photo, profile):
    finishing = print_finishing(tmp_path, photo, profile)
    stand_in = finishing.photos.stand_ins[photo]
    first = finish(written(stand_in), finishing).data
    later = finish(written(stand_in, moment="D:20270101120000+05'00'", image_name="/iffffffffffffffff1"),
                   finishing).data
    assert later == first


def test_other_content_has_other_ids_and_subset_tags(tmp_path, photo, profile):
    finishing = print_finishing(tmp_path, photo, profile)
    stand_in = finishing.photos.stand_ins[photo]

    def identity(data: bytes) -> tuple:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            font = pdf.pages[0].Resources.Font.F1
            tags = {str(font.BaseFont), str(font.DescendantFonts[0].BaseFont),
                    str(font.DescendantFonts[0].FontDescriptor.FontName)}
            return bytes(pdf.trailer.ID[0]), tags

    english, english_tags = identity(finish(written(stand_in), finishing).data)
    russian, russian_tags = identity(finish(written(stand_in, words=b"(Vekhi) Tj"), finishing).data)
    assert english != russian
    assert len(english_tags) == len(russian_tags) == 1                # one tag for the font's three names
    assert english_tags != russian_tags and "/ABCDEF+Fira-Sans" not in english_tags | russian_tags
    assert re.fullmatch(r"/[A-Z]{6}\+Fira-Sans", english_tags.pop())


def test_the_email_edition_keeps_its_interpolation_and_says_pdf_ua(tmp_path, photo):
    recipe = PhotoRecipe(PhotoConversion.SCREEN, 150, 150, tmp_path / "made")
    finishing = Finishing("pdf/ua-1", ISSUE_DATE, EditionPhotos(recipe, stand_ins([photo], tmp_path / "fpo")))
    done = finish(written(finishing.photos.stand_ins[photo]), finishing)
    with pikepdf.open(io.BytesIO(done.data)) as pdf:
        [image] = pdf.pages[0].Resources.XObject.values()
        assert (int(image.Width), image.ColorSpace, bool(image.Interpolate)) == (437, pikepdf.Name.DeviceRGB, True)
        assert "/GTS_PDFXVersion" not in pdf.trailer.Info
        xmp = pdf.Root.Metadata.read_bytes().decode()
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp and "GTS_PDFX" not in xmp


def test_no_stand_in_is_left_even_where_it_is_not_drawn(tmp_path, photo, profile):
    finishing = print_finishing(tmp_path, photo, profile)
    data = written(finishing.photos.stand_ins[photo])
    with pikepdf.open(io.BytesIO(data)) as pdf:                # the image kept, its drawing gone
        pdf.pages[0].Contents.write(b"BT /F1 12 Tf 72 720 Td (Milestones) Tj ET")
        undrawn = io.BytesIO()
        pdf.save(undrawn)
    done = finish(undrawn.getvalue(), finishing)
    with pikepdf.open(io.BytesIO(done.data)) as pdf:
        [image] = pdf.pages[0].Resources.XObject.values()
        assert (int(image.Width), int(image.Height), image.ColorSpace) == (1600, 1200, pikepdf.Name.DeviceCMYK)
