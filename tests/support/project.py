"""A throw-away project with the real styles, fonts and publication, for tests to build in."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent.parent

MINIMAL_ISSUE = """\
number: 2
date: 2017-06-30
period: May–June 2017
language: en
stories:
  - id: first-story
    kicker: Cooperation
    headline: A first story
    lead: On 6 April 2017 the meeting was held in Astana.
    body: |
      The first paragraph of the story.

      The second paragraph, with *emphasis* and a [link](https://www.unodc.org/).
    figures:
      - image: photos/meeting.jpg
        caption: The meeting.
        credit: Placeholder image
        alt: Placeholder standing in for a photo of the meeting
"""


# The Russian translation of MINIMAL_ISSUE, and where it goes.
RU_FILE = "issues/2017-06/issue.ru.yaml"
RUSSIAN = """\
language: ru
period: Май–июнь 2017
stories:
  first-story:
    kicker: Сотрудничество
    headline: Первая статья о сотрудничестве
    lead: 6 апреля 2017 года в Астане состоялось заседание.
    body: |
      Представители правоохранительных органов, министерств здравоохранения и юстиции
      обсудили «достигнутые результаты» и определили приоритеты на 2017 год в рамках
      Программы УНП ООН для Центральной Азии, направленной на противодействие
      транснациональной организованной преступности и незаконному обороту наркотиков.

      Второй абзац со *смысловым выделением* и [ссылкой](https://www.unodc.org/).
    figures:
      - caption: Заседание.
        credit: Изображение-заглушка
        alt: Заглушка вместо фотографии заседания
"""


def copy_project(root: Path, *, loose: bool = True) -> Path:
    """The project's styles, fonts and publication settings in `root`, no issue yet.

    `loose` binds the publication loose, so preflight accepts any page count:
    a test issue of one or two stories is not cut to a multiple of 4 pages."""
    for folder in ("styles", "fonts"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "issues").mkdir()
    publication = (ROOT / "issues" / "publication.yaml").read_text(encoding="utf-8")
    if loose:
        publication = publication.replace("binding: saddle-stitch", "binding: loose")
    (root / "issues" / "publication.yaml").write_text(publication, encoding="utf-8")
    return root


class Project:
    """A project folder in tmp_path holding one issue, 2017-06."""

    def __init__(self, root: Path):
        self.root = copy_project(root)
        self.issue_dir = root / "issues" / "2017-06"
        (self.issue_dir / "photos").mkdir(parents=True)
        Image.new("RGB", (600, 400), (90, 120, 140)).save(self.issue_dir / "photos" / "meeting.jpg")
        self.write(MINIMAL_ISSUE)

    @property
    def issue_file(self) -> Path:
        return self.issue_dir / "issue.yaml"

    def write(self, text: str) -> None:
        self.issue_file.write_text(textwrap.dedent(text), encoding="utf-8")

    def story_overleaf(self) -> None:
        """The story opens page 2 (`new_page`); without a cover photo it follows the contents."""
        self.replace("    kicker: Cooperation", "    new_page: true\n    kicker: Cooperation")

    def replace(self, old: str, new: str) -> None:
        text = self.issue_file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in the issue file"
        self.issue_file.write_text(text.replace(old, new, 1), encoding="utf-8")


# A bars chart to put before MINIMAL_ISSUE's figures (`Project.replace("    figures:", CHART)`).
CHART = """\
    charts:
      - id: results
        kind: bars
        title: Families taking part
        unit: families
        points:
          - {label: Astana, value: 40}
          - {label: Tashkent, value: 55}
    figures:"""
