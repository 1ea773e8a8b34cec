"""Hostile and odd content: markup stays text, rendering stays inside the project,
odd photos and odd text either typeset correctly or stop with a clear message.
"""
from __future__ import annotations

import io
import re
import socket
import socketserver
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from bulletin.compose import compose, markup
from bulletin.content import load_issue
from bulletin.editions import EDITIONS, EditionKind
from bulletin.errors import ContentError
from bulletin.pipeline import build
from bulletin.typeset import Confinement, RefusedReferences, typeset
from bulletin.typeset.fonts import load_fonts
from tests.support import pdftools

pytestmark = pytest.mark.slow     # builds PDFs end to end (left out by make test-fast)

FILE = "issues/2017-06/issue.yaml"
SAFE_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "code", "blockquote", "br", "hr",
             "h1", "h2", "h3", "h4", "h5", "h6"}


class Markup(HTMLParser):
    """The tags and attributes of an HTML fragment."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


class Listener:
    """A TCP listener on 127.0.0.1 that counts every connection made to it."""

    def __init__(self):
        self.connections = 0
        listener = self

        class Count(socketserver.BaseRequestHandler):
            def handle(self):
                listener.connections += 1
                self.request.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Count)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    with Listener() as running:
        yield running


@pytest.fixture
def connection_attempts(monkeypatch):
    """Every outgoing connection this process tries, wherever it is aimed."""
    attempts = []
    real_connect = socket.socket.connect

    def connect(self, address):
        attempts.append(address)
        return real_connect(self, address)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", lambda self, address: attempts.append(address) or 1)
    return attempts


# -- markup stays text ---------------------------------------------------------

HOSTILE_MARKDOWN = [
    "<script>alert(1)</script>",
    "<style>body { display: none }</style>",
    '<img src="http://127.0.0.1:9/x.png" onerror="alert(1)">',
    '<link rel="stylesheet" href="http://127.0.0.1:9/s.css">',
    '<p style="background: url(http://127.0.0.1:9/bg.png)">styled</p>',
    "<!-- a comment --> <iframe src=x></iframe>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click]( javascript:alert(1))",
    "[click](java&#x09;script:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "[click](file:///etc/passwd)",
    "[click](//127.0.0.1:9/)",
    "[click][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "![photo](http://127.0.0.1:9/photo.png)",
    "![photo](photos/meeting.jpg)",
    '[quote](https://example.org/"onmouseover="alert(1))',
    "    indented code <b>bold</b>",
    "```\n<script>fenced</script>\n```",
]


@pytest.mark.parametrize("text", HOSTILE_MARKDOWN)
def test_markdown_never_becomes_markup_beyond_text_and_safe_links(text):
    html = str(markup.blocks(text, "en")) + str(markup.inline(text, "en"))
    for tag, attributes in Markup(html).tags:
        assert tag in SAFE_TAGS, html
        assert set(attributes) <= ({"href"} if tag == "a" else set()), html
        if tag == "a":
            assert attributes["href"].startswith(("http://", "https://", "mailto:")), html


def test_raw_html_is_printed_as_text():
    assert str(markup.blocks("<script>alert(1)</script> & <b>", "en")) == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;</p>\n")


def test_markdown_images_are_plain_links_never_fetched_pictures():
    assert str(markup.inline("![photo](http://127.0.0.1:9/photo.png)", "en")) == (
        '!<a href="http://127.0.0.1:9/photo.png">photo</a>')


def test_every_text_field_is_escaped_in_the_composed_html(project):
    attack = '"><script>alert(1)</script><img src="http://127.0.0.1:9/x.png'
    for old in ("kicker: Cooperation", "headline: A first story", "caption: The meeting.",
                "credit: Placeholder image", "alt: Placeholder standing in for a photo of the meeting"):
        key = old.split(":")[0]
        project.replace(old, f"{key}: '{attack}'")
    html = compose(load_issue(project.issue_dir), {}, {})
    assert "<script" not in html and 'src="http://' not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 5
    assert {tag for tag, _ in Markup(html).tags}.isdisjoint({"script", "style", "link", "iframe"})


# -- rendering stays inside the project -----------------------------------------

def test_content_that_names_a_local_server_makes_no_connection(project, listener,
                                                               connection_attempts):
    url = f"http://127.0.0.1:{listener.port}"
    project.replace("The first paragraph of the story.", "\n      ".join([
        f"![photo]({url}/markdown-image.png) [a link]({url}/link) <{url}/autolink>",
        "",
        f'<img src="{url}/raw-image.png"> <link rel="stylesheet" href="{url}/raw.css">',
        "",
        f"<style>@import url({url}/import.css); p {{ background: url({url}/bg.png) }}</style>",
        "",
        f'<p style="background: url({url}/style-attribute.png)">x</p>']))
    project.replace("caption: The meeting.", f"caption: '\"><img src=\"{url}/caption.png\">'")
    result = build(project.issue_dir)
    assert len(result.editions) == 2
    assert listener.connections == 0
    assert connection_attempts == []
    # The listener and the spy do work: one deliberate connection is seen by both.
    socket.create_connection(("127.0.0.1", listener.port), timeout=5).close()
    assert len(connection_attempts) == 1
    text = pdftools.text(result.editions[0].path)
    assert f"{url}/raw-image.png" in text and "@import url(" in text   # printed, as text


def test_the_pdf_links_only_to_web_and_mail_addresses(project):
    project.replace("The first paragraph of the story.",
                    "[bad](javascript:alert(1)) [good](https://www.unodc.org/) [mail](mailto:a@b.org)")
    result = build(project.issue_dir)
    links = {}
    for edition in result.editions:
        with pikepdf.open(edition.path) as pdf:
            links[edition.kind] = {str(annot.A.URI) for page in pdf.pages
                                   for annot in page.get("/Annots", []) if "/A" in annot}
            assert "/JavaScript" not in pdf.Root.get("/Names", {}) and "/OpenAction" not in pdf.Root
        assert "[bad](javascript:alert(1))" in pdftools.text(edition.path)
    assert {"https://www.unodc.org/", "mailto:a@b.org"} <= links["email"]
    assert all(uri.startswith(("https://", "http://", "mailto:"))
               for uris in links.values() for uri in uris), links


def typeset_email(project, html: str, owners=None, issue=None) -> Path:
    """Render `html` as the email edition the way the build does, confined the same way."""
    issue = issue or load_issue(project.issue_dir)
    fonts = load_fonts(project.root / "fonts")
    out = project.root / "build" / "2017-06"
    out.mkdir(parents=True, exist_ok=True)
    confinement = Confinement(roots=(issue.folder, project.root / "styles", project.root / "fonts",
                                     out, *{f.path.parent.resolve() for f in fonts.faces}),
                              owners=owners or {})
    typeset(html, EDITIONS[EditionKind.EMAIL], out / "x.pdf", publication=issue.publication, fonts=fonts,
            styles_dir=project.root / "styles", base_url=project.root, confinement=confinement)
    return out / "x.pdf"


def test_the_fetcher_refuses_everything_outside_the_project(project, listener, connection_attempts):
    secret = project.root / "secret"
    secret.mkdir()
    Image.new("RGB", (20, 20)).save(secret / "outside.png")
    (project.issue_dir / "photos" / "escape.jpg").symlink_to(secret / "outside.png")
    url = f"http://127.0.0.1:{listener.port}"
    html = f"""<html><head><link rel="stylesheet" href="{url}/style.css"></head><body>
      <img src="issues/2017-06/photos/meeting.jpg" alt="allowed">
      <img src="{url}/a.png" alt=""> <img src="https://127.0.0.1:{listener.port}/b.png" alt="">
      <img src="ftp://127.0.0.1:{listener.port}/c.png" alt="">
      <img src="file:///etc/hostname" alt=""> <img src="file://otherhost/share/d.png" alt="">
      <img src="issues/2017-06/../../secret/outside.png" alt="">
      <img src="issues/2017-06/%2e%2e/%2e%2e/secret/outside.png" alt="">
      <img src="issues/2017-06/photos/escape.jpg" alt="">
      <img src="data:image/png;base64,iVBORw0KGgo=" alt="">
    </body></html>"""
    with pytest.raises(RefusedReferences) as refused:
        typeset_email(project, html)
    lines = str(refused.value).splitlines()
    assert lines[0] == "typesetting the email edition asked for what a build may not read:"
    never = "not a local file (rendering opens no connection)"
    outside = f"'{(secret / 'outside.png').as_uri()}' is outside the project's folders"
    assert sorted(line.strip() for line in lines[1:]) == sorted([
        f"'{url}/style.css' is {never}", f"'{url}/a.png' is {never}",
        f"'https://127.0.0.1:{listener.port}/b.png' is {never}",
        f"'ftp://127.0.0.1:{listener.port}/c.png' is {never}",
        "'file:///etc/hostname' is outside the project's folders",
        "'file://otherhost/share/d.png' is a file on another machine (otherhost)",
        outside,
        f"'{project.issue_dir.as_uri()}/%2e%2e/%2e%2e/secret/outside.png' is outside the project's folders",
        f"'{project.issue_dir.as_uri()}/photos/escape.jpg' is a link to {secret / 'outside.png'}, "
        "outside the project's folders",
        "'data:image/png;base64,iVBORw0KGgo=' is not a local file (rendering opens no connection)",
    ]), outside
    assert listener.connections == 0 and connection_attempts == []


def test_a_refused_photo_names_its_story(project):
    secret = project.root / "secret"
    secret.mkdir()
    Image.new("RGB", (20, 20)).save(secret / "outside.png")
    photo = project.issue_dir / "photos" / "meeting.jpg"
    html = f'<html><body><img src="{photo.as_uri()}" alt=""></body></html>'
    issue = load_issue(project.issue_dir)
    photo.unlink()
    photo.symlink_to(secret / "outside.png")     # swapped after the issue was checked
    with pytest.raises(RefusedReferences) as refused:
        typeset_email(project, html, owners={photo: "story 'first-story'"}, issue=issue)
    assert str(refused.value).splitlines()[1] == (
        f"  story 'first-story': 'photos/meeting.jpg' is a link to {secret / 'outside.png'}, "
        "outside the project's folders")


@pytest.mark.parametrize("moment", ["check_glyphs", "draw_all_charts"],
                         ids=["before the photos are read", "while they are separated"])
def test_a_photo_swapped_for_a_link_mid_build_is_a_content_error_at_its_line(project, monkeypatch, moment):
    import bulletin.pipeline.stages as stages
    secret = project.root / "secret"
    secret.mkdir()
    Image.new("RGB", (20, 20)).save(secret / "outside.jpg")
    photo = project.issue_dir / "photos" / "meeting.jpg"
    step = getattr(stages, moment)

    def swap_then_go_on(*args, **kwargs):      # after the content was checked, before rendering
        if not photo.is_symlink():
            photo.unlink()
            photo.symlink_to(secret / "outside.jpg")
        return step(*args, **kwargs)
    monkeypatch.setattr(stages, moment, swap_then_go_on)
    with pytest.raises(ContentError) as caught:
        build(project.issue_dir)
    assert [str(p) for p in caught.value.problems] == [
        f"{FILE}:15:16: stories[0].figures[0].image: 'photos/meeting.jpg' is a link to a file "
        "outside the issue folder issues/2017-06/ (copy the image itself into the issue folder)"]
    separated = project.root / "build" / "2017-06" / "photos" / "print"
    assert [f.name for f in separated.glob("*") if Image.open(f).size == (20, 20)] == []   # never read


# -- the layout deadline ----------------------------------------------------------

def test_a_build_over_its_layout_time_limit_stops_with_a_message(project):
    env = {"BULLETIN_LAYOUT_LIMIT": "0.01", "PATH": "/usr/bin:/bin"}
    first = subprocess.run([sys.executable, "-m", "bulletin", "build", "issues/2017-06"],
                           cwd=project.root, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    out = project.root / "build" / "2017-06"
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    project.replace("A first story", "A second version")
    result = subprocess.run([sys.executable, "-m", "bulletin", "build", "issues/2017-06"],
                            cwd=project.root, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 1
    assert result.stderr == (
        "bulletin: error: layout took longer than 0.01 s, the limit for one build "
        "(BULLETIN_LAYOUT_LIMIT). Look for a story far longer than usual or text that cannot "
        "be broken into lines.\n")
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert not list(out.glob(".staging-*"))


# -- odd photos typeset correctly ---------------------------------------------------

def test_a_truncated_photo_is_found_even_once_weasyprint_is_loaded(tmp_path):
    import weasyprint  # noqa: F401  (it lets Pillow load truncated images, process-wide)
    from PIL import ImageFile

    from bulletin.content.photos import image_problem
    out = io.BytesIO()
    Image.effect_noise((300, 200), 60).convert("RGB").save(out, "JPEG")
    (tmp_path / "cut.jpg").write_bytes(out.getvalue()[:4000])
    assert ImageFile.LOAD_TRUNCATED_IMAGES
    assert image_problem(tmp_path / "cut.jpg", tmp_path) == "is not a readable image (truncated JPEG)"
    assert ImageFile.LOAD_TRUNCATED_IMAGES      # and WeasyPrint's setting is left as it was


def arrow(mode: str, size: tuple[int, int], background, ink) -> Image.Image:
    """An arrow pointing up: a photo whose orientation can be seen."""
    from PIL import ImageDraw
    image = Image.new(mode, size, background)
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.polygon([(w * 0.2, h * 0.6), (w * 0.5, h * 0.15), (w * 0.8, h * 0.6)], fill=ink)
    draw.rectangle([w * 0.42, h * 0.6, w * 0.58, h * 0.9], fill=ink)
    return image


def sixteen_bit_png(path: Path, width: int, height: int) -> None:
    """An RGB PNG with 16 bits per channel (Pillow cannot write one)."""
    import struct
    import zlib
    rows = b"".join(b"\0" + b"".join(struct.pack(">HHH", x * 65535 // width, 20000,
                                                 65535 - y * 65535 // height)
                                     for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height,
                                                                      16, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def odd_photos(folder: Path) -> list[str]:
    """One photo of each awkward kind; the fifth is stored on its side with an EXIF turn."""
    arrow("CMYK", (600, 400), (0, 0, 0, 0), (0, 100, 200, 0)).save(folder / "cmyk.jpg")
    arrow("RGBA", (600, 400), (0, 0, 0, 0), (200, 30, 30, 255)).save(folder / "alpha.png")
    arrow("LA", (600, 400), (0, 0), (60, 255)).save(folder / "grey-alpha.png")
    palette = arrow("P", (600, 400), 0, 1)
    palette.putpalette([255, 255, 255, 0, 120, 0] + [0] * 762)
    palette.save(folder / "palette.png", transparency=0)
    sideways = arrow("RGB", (400, 600), (230, 230, 200), (20, 20, 120)).rotate(90, expand=True)
    exif = sideways.getexif()
    exif[0x0112] = 6                                # "turn 90° clockwise to display"
    sideways.save(folder / "turned.jpg", exif=exif)
    sixteen_bit_png(folder / "deep.png", 600, 400)
    arrow("L", (600, 400), 200, 30).save(folder / "grey.jpg")
    arrow("1", (600, 400), 1, 0).save(folder / "bits.png")
    return ["cmyk.jpg", "alpha.png", "grey-alpha.png", "palette.png", "turned.jpg", "deep.png",
            "grey.jpg", "bits.png"]


def placed_images(pdf: Path) -> list[tuple[int, int]]:
    """Width and height of each image drawn, in page order (soft masks left out)."""
    lines = pdftools.run("pdfimages", "-list", str(pdf)).splitlines()[2:]
    return [(int(cols[3]), int(cols[4])) for cols in map(str.split, lines) if cols[2] == "image"]


def test_cmyk_16_bit_transparent_and_turned_photos_are_typeset(project):
    names = odd_photos(project.issue_dir / "photos")
    figures = "".join(f"      - {{image: photos/{n}, caption: {n}, credit: Test, alt: {n}}}\n"
                      for n in names)
    text = project.issue_file.read_text()
    start = text.index("      - image: photos/meeting.jpg")
    project.issue_file.write_text(text[:start] + figures)
    result = build(project.issue_dir)
    for edition in result.editions:
        placed = placed_images(edition.path)
        assert len(placed) == len(names), (edition.kind, placed)
        portrait = [i for i, (w, h) in enumerate(placed) if h > w]
        assert portrait == [names.index("turned.jpg")], (edition.kind, placed)


# -- odd text -----------------------------------------------------------------------

ODD_STORIES = {
    "long-story": " ".join(["Border liaison offices exchanged information on seizures."] * 700),
    "long-word": "A word of 200 letters: " + "x" * 200 + " and an address: https://www.unodc.org/"
                 + "centralasia/" * 15 + " end.",
    "combining": "Cafe\u0301 in Almaty and the stressed \u0437\u0430\u0301\u043c\u043e\u043a.",
    "invisible": "Zero\u200bwidth space, joiner\u200d, soft hy\u00adphen, marks \u200e\u200f "
                 "and an isolate \u2067isolated\u2069.",
}


@pytest.fixture(scope="module")
def odd_text_build(tmp_path_factory):
    from tests.support.project import Project
    project = Project(tmp_path_factory.mktemp("odd-text"))
    story = project.issue_file.read_text().split("stories:\n")[1]
    stories = "".join(story.replace("id: first-story", f"id: {name}")
                      .replace("headline: A first story", f"headline: The {name} story")
                      .replace("The first paragraph of the story.", text)
                      for name, text in ODD_STORIES.items())
    project.issue_file.write_text(project.issue_file.read_text().split("stories:\n")[0]
                                  + "stories:\n" + stories)
    return build(project.issue_dir, kinds=(EditionKind.EMAIL,))   # text is set alike in both


def test_odd_text_builds_and_reads_back(odd_text_build):
    email = odd_text_build.editions[0].path
    text = pdftools.text(email)
    assert pdftools.pages(email) >= 8                   # 5,000 words take pages, not forever
    for name in ODD_STORIES:
        assert f"The {name} story" in text
    assert "Café in Almaty" in text.replace("e\u0301", "é")
    assert "Zerowidth space, joiner, soft hyphen" in text


def test_a_200_letter_word_stays_on_the_page(odd_text_build):
    for edition in odd_text_build.editions:
        bbox = pdftools.run("pdftotext", "-bbox", str(edition.path), "-")
        width = float(re.search(r'<page width="([\d.]+)"', bbox)[1])
        beyond = [w for x_max, w in re.findall(r'xMax="([\d.]+)"[^>]*>([^<]*)</word>', bbox)
                  if float(x_max) > width]
        assert beyond == [], (edition.kind, beyond[:3])
        assert "x" * 200 in pdftools.text(edition.path).replace(" ", "")
