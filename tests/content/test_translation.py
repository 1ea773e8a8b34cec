"""Stage 1b, translate: a chart's notes are translated one by one, `~` where a point has none."""
from __future__ import annotations

import pytest

from bulletin.content import load_issue
from bulletin.errors import ContentError
from tests.support.project import RU_FILE, RUSSIAN

LABELS = ["Astana", "Almaty", "Bishkek", "Dushanbe", "Tashkent", "Ashgabat"]
CHART = "    charts:\n      - id: meetings\n        kind: bars\n        title: Meetings held\n" \
        "        unit: \"%\"\n        points:\n" + "".join(
            f"          - label: {label}\n            value: {10 + n}\n"
            + ("            note: Held twice\n" if n == 2 else "")
            for n, label in enumerate(LABELS))


def russian(project, notes: str | None) -> None:
    project.replace("    figures:\n", CHART + "    figures:\n")
    words = ("    charts:\n      meetings:\n        title: Проведено встреч\n"
             "        labels: [Астана, Алматы, Бишкек, Душанбе, Ташкент, Ашхабад]\n"
             + (f"        notes: {notes}\n" if notes is not None else ""))
    text = RUSSIAN.replace("    figures:\n      - caption:", words + "    figures:\n      - caption:")
    (project.issue_dir / "issue.ru.yaml").write_text(text, encoding="utf-8")


def problems(project) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_issue(project.issue_dir, "ru")
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("notes", ["[~, ~, Дважды, ~, ~, ~]", "[~, '', Дважды]", "[null, ~, Дважды, ~]"])
def test_a_note_on_one_point_is_translated_alone(project, notes):
    russian(project, notes)
    chart = load_issue(project.issue_dir, "ru").stories[0].charts[0]
    assert [p.note for p in chart.points] == ["", "", "Дважды", "", "", ""]
    assert [p.label for p in chart.points][:2] == ["Астана", "Алматы"]


@pytest.mark.parametrize("notes, expected", [
    (None, f"{RU_FILE}:17:9: stories.first-story.charts.meetings: missing 'notes' (issue.yaml has a note "
           "on 1 of its 6 points ('Bishkek'): translate each, `~` where a point has none)"),
    ("[Дважды]", f"{RU_FILE}:19:17: stories.first-story.charts.meetings.notes[0]: issue.yaml has no note "
                 "on the point 'Astana' (remove it, or add it there first)"),
    ("[~, ~, ~, Дважды]", f"{RU_FILE}:19:26: stories.first-story.charts.meetings.notes[3]: issue.yaml has "
                          "no note on the point 'Dushanbe' (remove it, or add it there first)"),
    ("[~, ~]", f"{RU_FILE}:19:16: stories.first-story.charts.meetings.notes[2]: the point 'Bishkek' "
               "has a note in issue.yaml: translate it"),
    ("[~, ~, ~, ~, ~, ~, ~]", f"{RU_FILE}:19:16: stories.first-story.charts.meetings.notes: 7 given, "
                              "issue.yaml has 6 points (one note each at most, in order)"),
    ("Дважды", f"{RU_FILE}:19:16: stories.first-story.charts.meetings.notes: expected a list, found text "
               "'Дважды'"),
])
def test_notes_that_do_not_match_the_points_are_located(project, notes, expected):
    russian(project, notes)
    assert expected in problems(project)
