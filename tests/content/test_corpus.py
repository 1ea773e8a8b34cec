"""A corpus of broken, hostile and awkward issues, built one by one by the command.

Each case gives its exact messages and exit status (`corpus/expected.yaml`), and keeps
every promise a build makes whatever its input (tests/support/hostile.py): no
traceback or internal error, no hang over 20 s, no write outside `--out`, no read
outside the project, no font the publication did not configure, and the previous
outputs byte for byte whenever the message says they are untouched.

A case is `corpus/<case>.yaml` (the issue.yaml of a fresh project), and/or
`corpus/<case>.ru.yaml` (its Russian translation), and/or a recipe below for what
cannot be committed as text: photos, links, pipes, bytes that are not UTF-8,
publication settings, a small or read-only disk, command-line arguments.
"""
from __future__ import annotations

import io
import os
import shutil
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from PIL import Image, ImageCms

from bulletin.typeset.fonts import load_fonts
from tests.support import hostile
from tests.support.project import MINIMAL_ISSUE, Project

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
ISSUE = "issues/2017-06"


@dataclass
class Case:
    """A case's project, where its outputs go, and how the command is run."""
    base: Path                          # the project, --out and the files beside them
    project: Project
    out: Path
    args: list[str] = field(default_factory=list)
    prefix: tuple[str, ...] = ()        # run under unshare: a small disk, no privileges
    kept: Path | None = None            # what `out` holds, when it is on a disk of its own

    @property
    def issue(self) -> Path:
        return self.project.issue_dir

    def photo(self, name: str) -> Path:
        return self.issue / "photos" / name

    def publication(self, old: str, new: str) -> None:
        path = self.project.root / "issues" / "publication.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def on_disk(self, size: str, then: str = "") -> None:
        """--out on a fresh filesystem of `size`, holding the previous outputs."""
        if not hostile.namespaces_work():
            pytest.skip("needs unshare and user namespaces to mount a small filesystem")
        disk, self.kept = self.base / "disk", self.base / "kept"
        disk.mkdir()
        shutil.copytree(self.out, self.kept)
        shutil.rmtree(self.out)
        self.out = disk / "out"
        self.prefix = hostile.on_small_disk(size, disk, self.kept, then.format(disk=disk))


def noise_image(fmt: str, **options) -> bytes:
    out = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(out, fmt, **options)
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims `width` × `height` pixels: what a decompression bomb looks like."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


# EXIF whose second entry points past its end: Pillow warns "Corrupt EXIF data" reading it.
BROKEN_EXIF = (b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x05\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06"
               b"\x00\x00\x87\x69\x00\x04\x00\x00\x00\x01\x00\x00\xff\xf0")


def replace_in(path: Path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert old in data, old
    path.write_bytes(data.replace(old, new, 1))


def translation(case: Case) -> Path:
    return case.issue / "issue.ru.yaml"


def fira(case: Case) -> Path:
    """A font file beside the project, outside its fonts/ folder."""
    face = next(f for f in load_fonts(case.project.root / "fonts").faces if f.family == "Fira Sans")
    return Path(shutil.copy(face.path, case.base / "outside-font.ttf"))


RECIPES: dict[str, Callable[[Case], object]] = {
    # -- the issue file itself ---------------------------------------------------------
    "yaml-not-utf8": lambda c: c.project.issue_file.write_bytes(
        c.project.issue_file.read_text(encoding="utf-8").encode("cp1252")),
    "yaml-too-large": lambda c: c.project.issue_file.write_text(
        c.project.issue_file.read_text(encoding="utf-8") + ("# padding\n" * 120_000), encoding="utf-8"),
    "yaml-raw-control": lambda c: replace_in(c.project.issue_file, b"ESC", b"\x1b"),
    # One 20,000-character body, repeated by aliases past what a file may hold.
    "yaml-alias-text-bomb": lambda c: c.project.issue_file.write_text(
        MINIMAL_ISSUE.replace("    body: |\n", "    body: &body |\n      " + "word " * 4000 + "\n", 1)
        + "".join(f"  - {{id: copy-{n}, headline: Copy, lead: Copy., body: *body}}\n" for n in range(60)),
        encoding="utf-8"),
    "issue-yaml-fifo": lambda c: (c.project.issue_file.unlink(), os.mkfifo(c.project.issue_file)),
    "issue-yaml-link-outside": lambda c: (c.project.issue_file.unlink(),
                                          c.project.issue_file.symlink_to(c.base / "outside.yaml")),
    # -- photos ------------------------------------------------------------------------
    "image-link-outside": lambda c: os.symlink(c.base / "outside.jpg", c.photo("escape.jpg")),
    "image-link-loop": lambda c: os.symlink("loop.jpg", c.photo("loop.jpg")),
    "image-folder": lambda c: c.photo("album.jpg").mkdir(),
    "image-fifo": lambda c: os.mkfifo(c.photo("pipe.jpg")),
    "image-zero-bytes": lambda c: c.photo("empty.jpg").write_bytes(b""),
    "image-truncated-jpeg": lambda c: c.photo("truncated.jpg").write_bytes(noise_image("JPEG")[:5000]),
    "image-truncated-png": lambda c: c.photo("truncated.png").write_bytes(noise_image("PNG")[:5000]),
    "image-garbage": lambda c: c.photo("garbage.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"garbage" * 500),
    "image-gif-renamed": lambda c: Image.new("RGB", (40, 30)).save(c.photo("animated.jpg"), "GIF"),
    "image-svg-disguised": lambda c: c.photo("drawing.jpg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="http://127.0.0.1:9/x.png"/></svg>'),
    "image-decompression-bomb": lambda c: c.photo("bomb.png").write_bytes(png_header_only(30000, 30000)),
    "image-16-bit-grey": lambda c: Image.new("I;16", (400, 300), 40000).save(c.photo("scan.png")),
    "image-broken-icc": lambda c: c.photo("broken-icc.jpg").write_bytes(
        noise_image("JPEG", icc_profile=b"acsp" + b"\x00" * 600)),
    "image-lab-icc-on-rgb": lambda c: c.photo("lab-icc.jpg").write_bytes(noise_image(
        "JPEG", icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes())),
    "image-broken-exif": lambda c: Image.new("RGB", (1800, 1200), (90, 120, 140)).save(
        c.photo("broken-exif.jpg"), exif=BROKEN_EXIF),
    # -- translations ----------------------------------------------------------------------
    "translation-fifo": lambda c: os.mkfifo(translation(c)),
    "translation-dev-zero": lambda c: translation(c).symlink_to("/dev/zero"),
    "translation-link-outside": lambda c: translation(c).symlink_to(c.base / "outside.yaml"),
    "translation-folder": lambda c: translation(c).mkdir(),
    "translation-too-large": lambda c: translation(c).write_text(
        "language: ru\n" + "# padding\n" * 120_000, encoding="utf-8"),
    # -- the publication's settings ------------------------------------------------------------
    "publication-slug-escapes": lambda c: c.publication("slug: milestones", "slug: ../../escaped"),
    "publication-slug-folder": lambda c: c.publication("slug: milestones", "slug: a/b"),
    "publication-colour-name-css": lambda c: c.publication("  ink:    {", '  "x: red; } body { display: none } '
                                                           ':root { --y": {rgb: "#000000", cmyk: [0, 0, 0, 100]}\n'
                                                           '  ink:    {'),
    "publication-colour-value-css": lambda c: c.publication('{rgb: "#00689d"', '{rgb: "red; } body { display: none"'),
    "publication-profile-outside": lambda c: c.publication("profile: FOGRA39", "profile: ../../outside.icc"),
    "publication-profile-broken": lambda c: (
        (c.project.root / "issues" / "press.icc").write_bytes(b"\x00" * 128 + b"acsp" + b"\x00" * 500),
        c.publication("profile: FOGRA39", "profile: press.icc")),
    "publication-profile-rgb": lambda c: (
        (c.project.root / "issues" / "screen.icc").write_bytes(
            ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()),
        c.publication("profile: FOGRA39", "profile: screen.icc")),
    "publication-fifo": lambda c: ((c.project.root / "issues" / "publication.yaml").unlink(),
                                   os.mkfifo(c.project.root / "issues" / "publication.yaml")),
    "publication-link-outside": lambda c: ((c.project.root / "issues" / "publication.yaml").unlink(),
                                           (c.project.root / "issues" / "publication.yaml").symlink_to(
                                               c.base / "outside.yaml")),
    "fonts-family-css": lambda c: replace_in(c.project.root / "fonts" / "fonts.yaml", b"{family: PT Serif,",
                                             b"{family: \"PT Serif'; } body { display: none\","),
    "fonts-file-outside": lambda c: (fira(c), replace_in(
        c.project.root / "fonts" / "fonts.yaml", b"{family: Fira Sans, package: fontpkg-fira-sans}",
        b"{family: Fira Sans, files: [\"../../outside-font.ttf\"]}")),
    # -- the command and the disk --------------------------------------------------------------
    "out-is-a-file": lambda c: c.args.extend(["--out", "../outside.jpg"]),
    "lang-twice": lambda c: c.args.extend(["--lang", "en", "--lang", "en"]),
    "lang-unknown": lambda c: c.args.extend(["--lang", "xx"]),
    "out-read-only": lambda c: c.on_disk("2m", 'mount -o remount,ro "{disk}"'),
    "out-disk-full": lambda c: c.on_disk("300k"),
    "out-permission-denied": lambda c: (c.out.chmod(0o555), setattr(c, "prefix", hostile.without_privileges())),
}

CASES = sorted({p.name.split(".")[0] for p in CORPUS.glob("*.yaml") if p.name != "expected.yaml"}
               | set(RECIPES))


def expected(case: str) -> tuple[int, list[str]]:
    """The case's exit status and exact lines on stderr."""
    wanted = EXPECTED[case]
    if isinstance(wanted, list):
        return 1, wanted
    return wanted["status"], wanted.get("stderr", [])


def test_the_corpus_is_large_and_every_case_has_its_expectation():
    assert len(CASES) >= 60
    assert sorted(EXPECTED) == CASES


@pytest.fixture(scope="module")
def matplotlib_cache(tmp_path_factory) -> Path:
    return hostile.warm_matplotlib(tmp_path_factory.mktemp("matplotlib"))


@pytest.fixture
def case(tmp_path, request) -> Case:
    """A fresh project holding the case, the bait beside it, previous outputs in --out."""
    name = request.param
    hostile.bait(tmp_path)
    project = Project(tmp_path / "project")
    for source, target in ((CORPUS / f"{name}.yaml", project.issue_file),
                           (CORPUS / f"{name}.ru.yaml", project.issue_dir / "issue.ru.yaml")):
        if source.exists():
            target.write_bytes(source.read_bytes())
    out = tmp_path / "out"
    hostile.leave_previous_outputs(out)
    made = Case(tmp_path, project, out)
    if name in RECIPES:
        RECIPES[name](made)
    yield made
    if made.out.exists():
        made.out.chmod(0o755)           # so that pytest can clear it


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, indirect=True)
def test_a_hostile_case_keeps_every_promise(case, request, matplotlib_cache):
    name = request.node.callspec.params["case"]
    out = os.path.relpath(case.out, case.project.root)     # as a user would type it: messages show it so
    args = ["build", ISSUE, *([] if "--out" in case.args else ["--out", out]), *case.args]
    log = case.base / "opened.log"
    log.touch()
    skip = (case.out, case.kept or case.out, log)
    before = hostile.snapshot(case.base, skip)
    run = hostile.run_bulletin(args, case.project.root, log, hostile.environment(matplotlib_cache), case.prefix)

    assert run.status is not None, f"still running after {hostile.HANG_SECONDS} s"
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    said = run.stderr.replace(str(case.base), "<base>").splitlines()
    assert (run.status, said) == expected(name), run.stderr
    assert run.status == 0 or run.stdout == "", "a failed build prints nothing on stdout"
    allowed = [case.project.root, case.out, matplotlib_cache, *hostile.python_roots()]
    assert hostile.reads_outside(run, allowed) == []
    assert hostile.writes_outside(run, [case.out, matplotlib_cache]) == []
    assert hostile.snapshot(case.base, skip) == before, "a file outside --out changed"
    assert hostile.SECRET not in run.stdout + run.stderr

    results = case.kept or case.out
    now = hostile.outputs(results)
    if "untouched" in run.stderr or "nothing was written" in run.stderr:
        assert now == hostile.PREVIOUS, "the previous outputs changed, yet the message says not"
    assert (now != hostile.PREVIOUS) == (run.status == 0)
    if now != hostile.PREVIOUS:         # every new PDF listed, and set in the publication's fonts
        configured = load_fonts(case.project.root / "fonts").postscript_names()
        pdfs = sorted(results.glob("*.pdf"))
        assert {pdf.name: hostile.font_programs(pdf) - configured for pdf in pdfs} == {p.name: set() for p in pdfs}
        listed = yaml.safe_load((results / "build.json").read_text())["outputs"]
        assert {o["path"]: o["bytes"] for o in listed} == {p.name: p.stat().st_size for p in pdfs}
