"""Writing YAML for a person: what is written reads back as it was meant, and a
commented example is restored by removing "# " from its lines."""
from __future__ import annotations

import datetime as dt

import yaml

from bulletin.content.yamlwriter import Entry, Mapping, Note, dump, scalar

DOCUMENT = [
    Note("A heading"),
    Entry("number", 2),
    Entry("date", dt.date(2017, 6, 30)),
    Entry("period", "May–June 2017"),
    Entry("cover_story", "first", comment="the front page's"),
    Entry("editorial", "A note long enough to be folded over more than one line of the file, "
                       "so that the reader sees where it wraps.", style=">"),
    Note(),
    Entry("stories", [
        Note("1 First"),
        Mapping((Entry("id", "first"), Entry("body", "One.\n\n- a point\n", style="|"),
                 Entry("figures", [Mapping((Entry("image", "a.jpg"),)),
                                   Note("--- Another ---"),
                                   Mapping((Entry("image", "b.jpg"),), commented=True)]),
                 Note("--- Examples ---"),
                 Entry("factbox", Mapping((Entry("title", "At a glance"),)), commented=True))),
    ]),
]


def uncommented(text: str) -> str:
    """`text` with "# " removed from the lines under each "# ---" heading."""
    lines, under_heading = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("# ---"):
            under_heading = True
        elif under_heading and line.lstrip().startswith("# "):
            line = line.replace("# ", "", 1)
        else:
            under_heading = False
        lines.append(line)
    return "\n".join(lines)


def test_what_is_written_reads_back():
    assert yaml.safe_load(dump(DOCUMENT)) == {
        "number": 2, "date": dt.date(2017, 6, 30), "period": "May–June 2017", "cover_story": "first",
        "editorial": "A note long enough to be folded over more than one line of the file, so "
                     "that the reader sees where it wraps.\n",
        "stories": [{"id": "first", "body": "One.\n\n- a point\n", "figures": [{"image": "a.jpg"}]}]}


def test_comments_beside_keys_and_commented_examples():
    text = dump(DOCUMENT)
    assert f"{'cover_story: first':<33}# the front page's\n" in text
    assert "      # - image: b.jpg\n" in text
    assert "    # factbox:\n    #   title: At a glance\n" in text
    story = yaml.safe_load(uncommented(text))["stories"][0]
    assert story["figures"] == [{"image": "a.jpg"}, {"image": "b.jpg"}]
    assert story["factbox"] == {"title": "At a glance"}


def test_text_is_quoted_only_when_yaml_would_misread_it():
    assert [scalar(v) for v in ("plain words", "%", "yes", "a # b", "12", True, 3)] == [
        "plain words", '"%"', '"yes"', '"a # b"', '"12"', "true", "3"]
