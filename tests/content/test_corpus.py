"""A corpus of broken and hostile issues: each gives its exact message and exit status 1.

Each case is `tests/corpus/<case>.yaml`, copied as the issue.yaml of a fresh
project. What cannot be committed as text (photos, links, bytes that are not
UTF-8) is made by the case's recipe below. `corpus/expected.yaml` holds the
exact lines `bulletin build` must print for each case.
"""
from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import pytest
import yaml
from PIL import Image

from bulletin.cli import main

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
CASES = sorted(p.stem for p in CORPUS.glob("*.yaml") if p.name != "expected.yaml")


def noise_image(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(out, fmt)
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims `width` × `height` pixels: what a decompression bomb looks like."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def photo(issue_dir: Path, name: str) -> Path:
    return issue_dir / "photos" / name


RECIPES = {
    "yaml-not-utf8": lambda d: (d / "issue.yaml").write_bytes(
        (d / "issue.yaml").read_text(encoding="utf-8").encode("cp1252")),
    "yaml-too-large": lambda d: (d / "issue.yaml").write_text(
        (d / "issue.yaml").read_text(encoding="utf-8") + ("# padding\n" * 120_000), encoding="utf-8"),
    "yaml-raw-control": lambda d: (d / "issue.yaml").write_bytes(
        (d / "issue.yaml").read_bytes().replace(b"ESC", b"\x1b")),
    "image-link-outside": lambda d: os.symlink(d.parent.parent / "outside.jpg", photo(d, "escape.jpg")),
    "image-link-loop": lambda d: os.symlink("loop.jpg", photo(d, "loop.jpg")),
    "image-folder": lambda d: photo(d, "album.jpg").mkdir(),
    "image-fifo": lambda d: os.mkfifo(photo(d, "pipe.jpg")),
    "image-zero-bytes": lambda d: photo(d, "empty.jpg").write_bytes(b""),
    "image-truncated-jpeg": lambda d: photo(d, "truncated.jpg").write_bytes(noise_image("JPEG")[:5000]),
    "image-truncated-png": lambda d: photo(d, "truncated.png").write_bytes(noise_image("PNG")[:5000]),
    "image-garbage": lambda d: photo(d, "garbage.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"garbage" * 500),
    "image-gif-renamed": lambda d: Image.new("RGB", (40, 30)).save(photo(d, "animated.jpg"), "GIF"),
    "image-svg-disguised": lambda d: photo(d, "drawing.jpg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="http://127.0.0.1:9/x.png"/></svg>'),
    "image-decompression-bomb": lambda d: photo(d, "bomb.png").write_bytes(png_header_only(30000, 30000)),
    "image-16-bit-grey": lambda d: Image.new("I;16", (400, 300), 40000).save(photo(d, "scan.png")),
}


def test_the_corpus_is_large_and_every_case_has_its_expectation():
    assert len(CASES) >= 30
    assert sorted(EXPECTED) == CASES


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_a_broken_issue_gives_its_exact_message_and_exit_1(project, capsys, case):
    Image.new("RGB", (40, 30)).save(project.root / "outside.jpg")   # beside, not inside, the issue
    project.issue_file.write_bytes((CORPUS / f"{case}.yaml").read_bytes())
    if case in RECIPES:
        RECIPES[case](project.issue_dir)
    status = main(["build", "issues/2017-06"])
    out, err = capsys.readouterr()
    assert (status, out) == (1, "")
    assert err.splitlines() == EXPECTED[case]
    assert not (project.root / "build").exists() or not any((project.root / "build").rglob("*.pdf"))
