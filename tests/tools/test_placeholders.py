"""Placeholder photos for an issue's missing images."""
from __future__ import annotations

import textwrap

import pytest
from PIL import Image

from bulletin.errors import ContentError
from bulletin.tools.placeholders import fill_missing_placeholders, make_placeholder

ISSUE = """\
stories:
  - id: first
    figures:
      - image: photos/missing.jpg
        caption: Participants of the Steering Committee meetings in Astana.
      - image: photos/present.jpg
        caption: A photo the editor supplied.
  - id: second
    figures:
      - image: ../escaped.jpg
        caption: Outside the issue folder.
      - image: photos/missing.jpg
        caption: The same photo, placed twice.
"""


@pytest.fixture
def issue_dir(tmp_path):
    folder = tmp_path / "issues" / "2017-06"
    (folder / "photos").mkdir(parents=True)
    (folder / "issue.yaml").write_text(textwrap.dedent(ISSUE), encoding="utf-8")
    (folder / "photos" / "present.jpg").write_bytes(b"the editor's photo")
    return folder


def test_only_missing_images_are_drawn(issue_dir):
    written = fill_missing_placeholders(issue_dir)
    assert written == [issue_dir / "photos" / "missing.jpg"]
    assert (issue_dir / "photos" / "present.jpg").read_bytes() == b"the editor's photo"
    with Image.open(written[0]) as image:
        assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (2400, 1600))
        assert image.info["dpi"] == pytest.approx((300, 300))


@pytest.mark.slow
def test_a_second_run_leaves_everything_as_it_is(issue_dir):
    fill_missing_placeholders(issue_dir)
    drawn = (issue_dir / "photos" / "missing.jpg").read_bytes()
    assert fill_missing_placeholders(issue_dir) == []
    assert (issue_dir / "photos" / "missing.jpg").read_bytes() == drawn


def test_a_path_leaving_the_issue_folder_is_ignored(issue_dir):
    fill_missing_placeholders(issue_dir)
    assert not (issue_dir.parent / "escaped.jpg").exists()
    assert sorted(p.name for p in issue_dir.parent.iterdir()) == ["2017-06"]


@pytest.mark.parametrize("content, message", [
    (None, "issue.yaml:1:1: no such file (each issue folder holds an issue.yaml)"),
    ("stories:\n  - id: [first\n", "issue.yaml:3:1: YAML syntax error: "),
])
def test_an_unreadable_issue_file_is_reported_with_its_place(tmp_path, monkeypatch, content, message):
    monkeypatch.chdir(tmp_path)
    if content is not None:
        (tmp_path / "issue.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(ContentError) as error:
        fill_missing_placeholders(tmp_path)
    assert str(error.value).startswith(message)


def test_no_temporary_file_is_left_behind(issue_dir):
    fill_missing_placeholders(issue_dir)
    assert sorted(p.name for p in (issue_dir / "photos").iterdir()) == ["missing.jpg", "present.jpg"]


def test_the_same_inputs_give_the_same_bytes(tmp_path):
    make_placeholder(tmp_path / "a.jpg", "The meeting", seed="photos/meeting.jpg", size_px=(600, 400))
    make_placeholder(tmp_path / "b.jpg", "The meeting", seed="photos/meeting.jpg", size_px=(600, 400))
    make_placeholder(tmp_path / "c.jpg", "The meeting", seed="photos/forum.jpg", size_px=(600, 400))
    assert (tmp_path / "a.jpg").read_bytes() == (tmp_path / "b.jpg").read_bytes()
    assert (tmp_path / "a.jpg").read_bytes() != (tmp_path / "c.jpg").read_bytes()


def test_the_requested_size_and_a_visible_label(tmp_path):
    path = tmp_path / "wide.jpg"
    make_placeholder(path, "A caption long enough to wrap onto a second line under the label",
                     seed="x", size_px=(900, 500))
    with Image.open(path) as image:
        assert image.size == (900, 500)
        centre = image.convert("L").crop((250, 150, 650, 350))
        # White letters on the dark panel: both extremes are there, not a plain picture.
        low, high = centre.getextrema()
        assert low < 90 and high > 230


def test_a_png_name_gets_a_png(tmp_path):
    make_placeholder(tmp_path / "chart.png", "A figure", seed="chart", size_px=(300, 200))
    with Image.open(tmp_path / "chart.png") as image:
        assert image.format == "PNG"


@pytest.mark.slow
@pytest.mark.parametrize("command", [["placeholders", "issues/2017-06"], ["new", "2017-08"]])
def test_the_tools_read_an_issue_within_the_loaders_limits(project, command):
    """A billion values once its aliases are expanded: refused where it starts, at once."""
    import subprocess
    import sys
    laughs = "".join(f"x{n}: &a{n} [" + ", ".join([f"*a{n - 1}" if n else "lol"] * 10) + "]\n" for n in range(9))
    project.issue_file.write_text(laughs, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bulletin", *command], cwd=project.root, capture_output=True,
                          text=True, timeout=20)
    assert done.returncode == 1
    assert "more than 100,000 values, counting what each alias repeats" in done.stderr
