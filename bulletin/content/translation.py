"""Stage 1b, translate: an `Issue` in its first language + `issue.<lang>.yaml` -> the
same `Issue` in another language.

The translation file carries words only, story by story and keyed by story id:
structure (order, photos, chart values, columns) stays in issue.yaml, so the
editions cannot drift apart. A story missing from a translation is an error,
unless the translation marks it `omitted: true`.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError
from .fields import (
    CHART,
    CHART_LABELS,
    CONTACTS,
    FACTBOX,
    FIGURE,
    ISSUE,
    OMITTED,
    QUOTE,
    STORY,
    TRANSLATION_LANGUAGE,
    Field,
    complete,
    in_translation,
    plain,
    read_value,
    read_values,
)
from .model import Chart, FactBox, Issue, Publication, Story
from .overrides import check_wide_photo
from .yamlreader import GlyphCheck, NodeReader

TRANSLATION_NAME = re.compile(r"^issue\.([a-z]{2,3})\.yaml$")

# The keys of a translation, derived from issue.yaml's: the words and the copy-fitting
# of each block. A story's words are checked against the story itself (what it has
# must be translated, nothing it lacks may be), so none is required by the mapping.
ISSUE_WORDS = in_translation(ISSUE, before=TRANSLATION_LANGUAGE)
STORY_WORDS = in_translation(STORY, before=OMITTED, optional=True)
QUOTE_WORDS = in_translation(QUOTE)
FIGURE_WORDS = in_translation(FIGURE)
FACTBOX_WORDS = in_translation(FACTBOX)
CHART_WORDS = in_translation(CHART, after=CHART_LABELS)
# issue.yaml's name of each of a chart's words, by its name in a translation.
CHART_NAMES = {field.translated_as or key: key for key, field in CHART.items()}


def translation_files(folder: Path) -> dict[str, Path]:
    """{language: path} of the issue's translations, e.g. {"ru": .../issue.ru.yaml}.
    Only names are listed here: what each file is (a pipe, a link out) is checked
    when it is read."""
    found = {}
    for path in sorted(folder.glob("issue.*.yaml")):
        match = TRANSLATION_NAME.match(path.name)
        if match:
            found[match[1]] = path
    return found


def translate(issue: Issue, language: str, path: Path, shown_as: str,
              glyphs: GlyphCheck | None = None) -> Issue:
    """`issue` with every word replaced by those of the translation at `path`, a plain
    file in the issue folder."""
    reader = NodeReader(path, shown_as, inside=issue.folder, glyphs=glyphs)
    root = reader.compose()
    translated = _overlay_issue(reader, root, issue, language) if root is not None else None
    if reader.problems or translated is None:
        raise ContentError(reader.problems)
    assert translated is not None            # None only with a problem reported
    return translated


def _overlay_issue(reader: NodeReader, root, issue: Issue, language: str) -> Issue | None:
    found = reader.mapping(root, "", ISSUE_WORDS)
    if "language" in found:
        stated = reader.text(found["language"], "language")
        if stated is not None and stated != language:
            reader.report_at(found["language"], "language",
                             f"'{stated}' does not match the file name (expected {language})")
    values = _overlay_plain(reader, root, found, "", ISSUE, ISSUE_WORDS, issue)
    stories = _overlay_stories(reader, found.get("stories"), issue)
    if reader.problems:
        return None
    return dataclasses.replace(issue, language=language, stories=tuple(stories),
                               publication=_translate_publication(issue.publication, language,
                                                                  issue.language),
                               **values)


def _overlay_stories(reader: NodeReader, node, issue: Issue) -> list[Story]:
    if node is None:
        return []
    keyed = reader.keyed(node, "stories", "the stories keyed by their id (steering-committee: ...)")
    by_id = {name: value for name, _, value in keyed}
    known = [story.id for story in issue.stories]
    for name, key, _ in keyed:
        if name not in known:
            reader.report(key.start_mark, f"stories.{name}: issue.yaml has no story with this id "
                                          f"(ids: {', '.join(known)})")
    if not isinstance(node, yaml.MappingNode):
        return []
    stories = []
    for story in issue.stories:
        if story.id not in by_id:
            reader.report_at(node, "stories", f"the story '{story.id}' is not translated "
                                              "(translate it, or give it `omitted: true`)")
            continue
        translated = _overlay_story(reader, by_id[story.id], story, f"stories.{story.id}",
                                    cover_story=issue.cover_story)
        if translated is not None:
            stories.append(translated)
    return stories


def _overlay_story(reader: NodeReader, node, story: Story, where: str, *,
                   cover_story: str) -> Story | None:
    found = reader.mapping(node, where, STORY_WORDS)
    if "omitted" in found:
        count = len(reader.problems)
        omitted = read_value(reader, STORY_WORDS["omitted"], found["omitted"], f"{where}.omitted")
        if omitted is False and len(reader.problems) == count:
            reader.report_at(found["omitted"], f"{where}.omitted",
                             "expected true (to translate the story, leave `omitted` out)")
        return None
    values = _overlay_plain(reader, node, found, where, STORY, STORY_WORDS, story)
    quotes = _overlay_list(reader, node, found, "quotes", where, story.quotes, QUOTE_WORDS)
    figures = _overlay_list(reader, node, found, "figures", where, story.figures, FIGURE_WORDS)
    factbox = _overlay_factbox(reader, node, found, where, story.factbox)
    charts = _overlay_charts(reader, found.get("charts"), f"{where}.charts", story.charts)
    check_wide_photo(reader, found, where, values.get("wide_photo"), bool(story.figures),
                     story.id == cover_story)
    return dataclasses.replace(story, quotes=quotes, figures=figures, factbox=factbox,
                               charts=charts, **values)


def _overlay_plain(reader: NodeReader, node, found: dict, where: str, declared: dict[str, Field],
                   fields: dict[str, Field], original) -> dict:
    """A block's plain words, each given where issue.yaml has it (and only there), and
    the copy-fitting the translation sets for its own edition (issue.yaml's where not)."""
    values = {}
    words = [key for key in plain(fields) if key in declared and declared[key].words]
    for key in sorted(words, key=lambda k: not declared[k].required):   # the story's own first
        if fields[key].required:
            values[key] = _read(reader, fields[key], found, key, where)
        else:
            values[key] = _words(reader, node, found, key, where,
                                 required=bool(getattr(original, key))) or ""
    for key in plain(fields):
        if key in declared and declared[key].fitting and key in found:
            values[key] = _read(reader, fields[key], found, key, where)
    return values


def _read(reader: NodeReader, field: Field, found: dict, key: str, where: str):
    if key not in found:          # reported as a missing key by reader.mapping
        return None
    return read_value(reader, field, found[key], f"{where}.{key}" if where else key)


def _words(reader: NodeReader, node, found: dict, key: str, where: str, *,
           required: bool) -> str | None:
    full = f"{where}.{key}" if where else key
    if key not in found:
        if required:
            reader.report_at(node, where or key,
                             f"missing '{key}' (issue.yaml has it: translate it)")
        return None
    if not required:
        reader.report_at(found[key], full, f"issue.yaml has no '{key}' here (remove it, or add it there first)")
        return None
    return reader.text(found[key], full)


class _FileStart:
    """Where to point when there is no node: the start of the file."""
    start_mark = None


def _overlay_list(reader, node, found, key, where, originals, fields) -> tuple:
    full = f"{where}.{key}"
    if key not in found:
        if originals:
            reader.report_at(node, where, f"missing '{key}' ({len(originals)} in issue.yaml)")
        return originals
    items = reader.sequence(found[key], full)
    if len(items) != len(originals):
        reader.report_at(found[key], full, f"{len(items)} given, issue.yaml has {len(originals)} "
                                           "(translate each, in the same order)")
        return originals
    result = []
    for index, (item, original) in enumerate(zip(items, originals)):
        words = read_values(reader, reader.mapping(item, f"{full}[{index}]", fields),
                            f"{full}[{index}]", fields)
        if complete(words, fields):
            result.append(dataclasses.replace(original, **words))
    return tuple(result) if len(result) == len(originals) else originals


def _overlay_factbox(reader, node, found, where, original: FactBox | None) -> FactBox | None:
    if "factbox" not in found:
        if original:
            reader.report_at(node, where, "missing 'factbox' (issue.yaml has one)")
        return original
    if original is None:
        reader.report_at(found["factbox"], f"{where}.factbox", "issue.yaml has no fact box in this story")
        return None
    words = read_values(reader, reader.mapping(found["factbox"], f"{where}.factbox", FACTBOX_WORDS),
                        f"{where}.factbox", FACTBOX_WORDS)
    return dataclasses.replace(original, **words) if complete(words, FACTBOX_WORDS) else original


def _overlay_charts(reader, node, where, originals: tuple[Chart, ...]) -> tuple[Chart, ...]:
    if not originals:
        if node is not None:
            reader.report_at(node, where, "issue.yaml has no charts in this story")
        return originals
    expected = f"the words of each chart by id ({', '.join(c.id for c in originals)})"
    if node is None or not isinstance(node, yaml.MappingNode):
        reader.report_at(node or _FileStart(), where, f"expected {expected}")
        return originals
    named = reader.keyed(node, where, expected)
    by_id = {name: value for name, _, value in named}
    for name, key, _ in named:
        if name not in {chart.id for chart in originals}:
            reader.report(key.start_mark, f"{where}.{name}: issue.yaml has no chart with this id "
                                          f"in this story ({', '.join(c.id for c in originals)})")
    charts = []
    for chart in originals:
        if chart.id not in by_id:
            reader.report_at(node, where, f"the chart '{chart.id}' is not translated")
            charts.append(chart)
            continue
        charts.append(_overlay_chart(reader, by_id[chart.id], chart, f"{where}.{chart.id}"))
    return tuple(charts)


def _overlay_chart(reader, node, chart: Chart, where: str) -> Chart:
    """Title, source, notes and every label of the chart; its numbers stay."""
    found = reader.mapping(node, where, CHART_WORDS)
    words = {CHART_NAMES[key]: read_value(reader, CHART_WORDS[key], found[key], f"{where}.{key}")
             for key in plain(CHART_WORDS) if key in found}
    labelled = chart.categories if chart.series else chart.points
    labels = _strings(reader, found.get("labels"), f"{where}.labels", len(labelled), "labels")
    notes = _notes(reader, node, found.get("notes"), f"{where}.notes", chart.points)
    names = _strings(reader, found.get("series"), f"{where}.series", len(chart.series), "series") \
        if chart.series else []
    if None in words.values() or labels is None or notes is None or names is None:
        return chart
    at = reader.location(node, where)       # its words, and so how they set, are this file's
    if chart.series:
        series = tuple(dataclasses.replace(s, name=n) for s, n in zip(chart.series, names))
        return dataclasses.replace(chart, categories=tuple(labels), series=series, at=at, **words)
    points = tuple(dataclasses.replace(p, label=label, note=note)
                   for p, label, note in zip(chart.points, labels, notes))
    return dataclasses.replace(chart, points=points, at=at, **words)


def _notes(reader, chart_node, node, where, points) -> list[str] | None:
    """The points' notes in this language, one by one, in the order of the points: `~`, an
    empty entry or an entry left off the end means "no note here", which must be so
    exactly where issue.yaml's point has none."""
    noted = [n for n, point in enumerate(points) if point.note]
    if node is None:
        if noted:
            reader.report_at(chart_node, where.rsplit(".", 1)[0],
                             f"missing 'notes' (issue.yaml has a note on {_points(points, noted)}: "
                             "translate each, `~` where a point has none)")
            return None
        return [""] * len(points)
    count = len(reader.problems)
    items = reader.sequence(node, where)
    if not isinstance(node, yaml.SequenceNode):
        return None
    if len(items) > len(points):
        reader.report_at(node, where, f"{len(items)} given, issue.yaml has {len(points)} points "
                                      "(one note each at most, in order)")
        return None
    notes = []
    for n, point in enumerate(points):
        item = items[n] if n < len(items) else None
        empty = item is None or isinstance(item, yaml.ScalarNode) and (
            item.tag == "tag:yaml.org,2002:null" or not item.value.strip())
        note = "" if empty else reader.text(item, f"{where}[{n}]")
        if note and not point.note:
            reader.report_at(item, f"{where}[{n}]", f"issue.yaml has no note on the point "
                                                    f"'{point.label}' (remove it, or add it there first)")
        elif not note and point.note and note is not None:
            reader.report_at(item or node, f"{where}[{n}]", f"the point '{point.label}' has a note in "
                                                            "issue.yaml: translate it")
        notes.append(note)
    return None if len(reader.problems) > count else notes


def _points(points, numbers: list[int]) -> str:
    named = ", ".join(f"'{points[n].label}'" for n in numbers)
    return f"{len(numbers)} of its {len(points)} points ({named})"


def _strings(reader, node, where, count: int, what: str) -> list[str] | None:
    if node is None:            # reported as a missing key by reader.mapping
        return None
    items = [reader.text(item, where) for item in reader.sequence(node, where)]
    if len(items) != count:
        reader.report_at(node, where, f"{len(items)} given, issue.yaml has {count} (one each, in order)")
        return None
    return None if None in items else items


def _translate_publication(publication: Publication, language: str, own: str) -> Publication:
    """The publication's words in `language` where its translations give them; the rest
    stay in `own`, the language the publication's words are written in."""
    words: dict[str, Any] = dict(publication.translations.get(language, {}))   # the words read are text
    contacts = dataclasses.replace(publication.contacts,
                                   **{k: v for k, v in words.items() if k in CONTACTS})
    return dataclasses.replace(publication, contacts=contacts, language=own,
                               **{k: v for k, v in words.items() if k not in CONTACTS})
