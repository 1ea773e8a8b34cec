"""Where the layout sets a story's chart panel: its charts across the page reach the page."""
from __future__ import annotations

import re
from pathlib import Path

from bulletin.charts import across, taller
from bulletin.compose import compose
from bulletin.compose.layout import default_layout
from bulletin.content import load_issue
from tests.support.project import CHART

SECOND = """
      - id: results-2016
        kind: bars
        title: Families the year before
        unit: families
        points:
          - {label: Astana, value: 30}
    figures:"""


def two_charts(project):
    project.replace("    figures:", CHART.replace("    figures:", SECOND.lstrip("\n")))
    issue = load_issue(project.issue_dir)
    story = next(s for s in issue.stories if s.charts)
    files = {f"{c.id}{suffix}": Path(f"/charts/{c.id}{suffix}.svg")
             for c in story.charts for suffix in ("", "@across")}
    return issue, story, files


def rows(html: str) -> list[list[str]]:
    """Each row of the panel: the class and image of each chart in it."""
    return [re.findall(r'class="chart chart-\w+ (chart-\w+)".*?src="[^"]*/([^"/]+)"', row, re.S)
            for row in html.split('<div class="infographic-row">')[1:]]


def test_two_half_charts_share_a_row_as_the_design_sets_them(project):
    issue, story, files = two_charts(project)
    assert rows(compose(issue, files, {c.id: "" for c in story.charts})) == [
        [("chart-half", "results.svg"), ("chart-half", "results-2016.svg")]]


def test_across_the_page_each_chart_has_a_row_and_its_wide_drawing(project):
    issue, story, files = two_charts(project)
    layout = default_layout(issue)
    layout = layout.with_story(story.id, layout.of(story.id).with_(panel_across=True))
    assert rows(compose(issue, files, {c.id: "" for c in story.charts}, layout=layout)) == [
        [("chart-full", "results%40across.svg")], [("chart-full", "results-2016%40across.svg")]]


def test_drawn_taller_each_chart_has_its_taller_drawing_where_there_is_one(project):
    issue, story, files = two_charts(project)
    files = {**files, taller(across("results")): Path("/charts/results@across@taller.svg")}
    layout = default_layout(issue)
    layout = layout.with_story(story.id, layout.of(story.id).with_(panel_across=True, panel_taller=True))
    assert rows(compose(issue, files, {c.id: "" for c in story.charts}, layout=layout)) == [
        [("chart-full", "results%40across%40taller.svg")], [("chart-full", "results-2016%40across.svg")]]
