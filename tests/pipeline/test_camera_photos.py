"""An issue of seven 12-megapixel photos, as a camera takes them: the print file
stays small (each photo resampled to 350 ppi where it is placed above 450) and
still passes preflight at 300 ppi at least; the email file keeps to 150 ppi."""
from __future__ import annotations

import shutil

import pytest
import yaml

from bulletin.pipeline import build
from bulletin.tools.placeholders import make_placeholder
from tests.support.builds import edition
from tests.support.pdftools import run
from tests.support.project import ROOT, copy_project

pytestmark = pytest.mark.slow     # builds PDFs end to end (left out by make test-fast)

CAMERA = (4000, 3000)


@pytest.fixture(scope="module")
def camera(tmp_path_factory):
    """The seed issue in English, each of its seven photos 4000 × 3000 pixels."""
    root = copy_project(tmp_path_factory.getbasetemp() / "camera", loose=False)
    issue = root / "issues" / "2017-04"
    shutil.copytree(ROOT / "issues" / "2017-04", issue, ignore=shutil.ignore_patterns("photos", "issue.*.yaml"))
    content = yaml.safe_load((issue / "issue.yaml").read_text(encoding="utf-8"))
    images = [f["image"] for story in content["stories"] for f in story.get("figures", [])]
    assert len(images) == 7
    for image in images:
        (issue / image).parent.mkdir(parents=True, exist_ok=True)
        make_placeholder(issue / image, f"stands in for {image}", image, size_px=CAMERA)
    return build(issue)


def placed(pdf) -> list[dict]:
    rows = [line.split() for line in run("pdfimages", "-list", str(pdf)).splitlines()[2:]]
    return [{"width": int(r[3]), "colour": r[5], "ppi": (int(r[12]), int(r[13]))} for r in rows]


def test_the_print_file_is_under_15_mb_and_passes_preflight(camera):
    press = edition(camera, "print")
    assert press.stat().st_size < 15_000_000
    [report] = [f for f in camera.preflight.files if f.path.name == press.name]
    assert [(x.check, x.message) for x in report.findings if x.status != "pass"] == []
    [images] = [x for x in report.findings if x.check == "images"]
    assert images.message.startswith("7 placed images, all at 300 ppi or more")


def test_every_camera_photo_goes_to_press_at_350_ppi(camera):
    photos = placed(edition(camera, "print"))
    assert len(photos) == 7
    for photo in photos:
        assert photo["colour"] == "cmyk" and photo["width"] < CAMERA[0]
        assert min(photo["ppi"]) >= 300 and max(photo["ppi"]) <= 350, photo


def test_every_camera_photo_goes_to_the_inbox_at_150_ppi_at_most(camera):
    photos = placed(edition(camera, "email"))
    assert len(photos) == 7 and all(max(p["ppi"]) <= 150 for p in photos)
    assert edition(camera, "email").stat().st_size < 5_000_000
