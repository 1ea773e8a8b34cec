"""Where pull quotes go in a story's columns: never beside the paragraph they quote."""
from __future__ import annotations

import re
import shutil

import pytest
from markupsafe import Markup

from bulletin.compose import compose, markup
from bulletin.compose.page import _quote_place
from bulletin.compose.views import Block
from bulletin.content import load_languages
from bulletin.tools.placeholders import fill_missing_placeholders
from tests.support.project import ROOT

# A story's column blocks in order: a whole aside or figure, else a paragraph or a list.
BLOCK = re.compile(r'<aside class="(?P<aside>[\w -]+)".*?</aside>|<figure.*?</figure>'
                   r"|<p>.*?</p>|<[uo]l>.*?</[uo]l>", re.S)
COLUMNS = re.compile(r'<div class="story-columns">(.*?)\n  </div>', re.S)


def column_blocks(html: str) -> list[list[tuple[str, str]]]:
    """Each story's column blocks as (kind, words): "quote", "text" or "other"."""
    stories = []
    for columns in COLUMNS.findall(html):
        blocks = []
        for found in BLOCK.finditer(columns):
            aside = found["aside"] or ""
            kind = ("quote" if aside.startswith("pull-quote") else "other" if aside or
                    found[0].startswith("<figure") else "text")
            blocks.append((kind, markup.words(found[0])))
        stories.append(blocks)
    return stories


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The example issue in both languages, its photos the placeholders a fresh clone makes."""
    issues = tmp_path_factory.mktemp("example") / "issues"
    shutil.copytree(ROOT / "issues", issues, ignore=shutil.ignore_patterns("photos"))
    fill_missing_placeholders(issues / "2017-04")
    return {issue.language: issue for issue in load_languages(issues / "2017-04")}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_pull_quote_is_never_beside_the_paragraph_it_quotes(example, language):
    issue = example[language]
    alts = {chart.id: "" for story in issue.stories for chart in story.charts}
    stories = column_blocks(compose(issue, {}, alts))
    quoted = 0
    for blocks in stories:
        for at, (kind, words) in enumerate(blocks):
            if kind != "quote":
                continue
            said = " ".join(words.split()[:8])
            sources = [n for n, (k, w) in enumerate(blocks) if k == "text" and said in w]
            assert sources, f"no paragraph says {said!r}"   # the example's quotes are the stories' own
            assert all(abs(n - at) > 1 for n in sources), (said, [k for k, _ in blocks])
            quoted += 1
    assert quoted == 5


def paragraphs(count: int) -> list[Block]:
    return [Block("text", Markup(f"<p>paragraph {n}</p>")) for n in range(count)]


@pytest.mark.parametrize("count, source, place", [
    (3, 1, 0),       # every place between paragraphs is beside the source: it opens the columns
    (6, 1, 4),       # two paragraphs on from its source, nearest the middle
    (2, 0, 2),       # beside its source anywhere else: last, as nothing better is left
])
def test_a_pull_quote_opens_a_short_storys_columns_rather_than_close_them(count, source, place):
    flow = paragraphs(count)
    assert _quote_place(flow, min(count, max(2, count // 2 + 1)), flow[source]) == place


def test_a_quote_set_across_the_columns_is_not_set_over_a_tail_too_short_to_share_between_them():
    """Under a quote set across, the text after it is shared between the columns: 550
    characters are a few lines in the first and white beside them."""
    flow = [Block("text", Markup(f"<p>{'x' * n}</p>")) for n in (400, 400, 400, 400, 400, 150)]
    assert _quote_place(flow, 4, flow[1]) == 4                  # in a column: nearest the middle
    assert _quote_place(flow, 4, flow[1], across=True) == 3     # across: 950 characters under it
