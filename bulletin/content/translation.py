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

import yaml

from ..errors import ContentError
from .model import Chart, FactBox, Issue, Publication, PullQuote, Story
from .overrides import read_wide_photo
from .yamlreader import Field, NodeReader

TRANSLATION_NAME = re.compile(r"^issue\.([a-z]{2,3})\.yaml$")

ISSUE_FIELDS = {
    "language": Field(True, "the language code of this file"),
    "period": Field(True, "the period covered, as printed"),
    "editorial": Field(False, "text"),
    "back_cover": Field(False, "true to give contacts and donors the last page in this language"),
    "stories": Field(True, "the words of every story, by story id"),
}
STORY_FIELDS = {
    "omitted": Field(False, "true to leave the story out of this language"),
    "new_page": Field(False, "true to start the story on a fresh page in this language"),
    "wide_photo": Field(False, "true to set the story's first photo across the page in this language"),
    "kicker": Field(False, "text"), "headline": Field(False, "text"),
    "lead": Field(False, "text"), "body": Field(False, "Markdown text"),
    "quotes": Field(False, "the pull quotes, in the order of issue.yaml"),
    "figures": Field(False, "caption, credit and alt of each figure, in order"),
    "factbox": Field(False, "title and body"),
    "charts": Field(False, "the words of each chart, by chart id"),
}
QUOTE_FIELDS = {"text": Field(True, "the quoted words"), "attribution": Field(True, "who said it")}
FIGURE_FIELDS = {"caption": Field(True, "text"), "credit": Field(True, "text"),
                 "alt": Field(True, "a description for screen readers")}
FACTBOX_FIELDS = {"title": Field(True, "text"), "body": Field(True, "Markdown text")}
CHART_FIELDS = {"title": Field(True, "text"), "subtitle": Field(False, "text"),
                "source": Field(False, "text"), "alt": Field(False, "text"),
                "chart_notes": Field(False, "the chart's notes"),
                "labels": Field(True, "one label per point, part, figure or category"),
                "notes": Field(False, "one note per point"),
                "series": Field(False, "one name per series")}
PUBLICATION_FIELDS = {"tagline": Field(False, "text"), "publisher": Field(False, "text"),
                      "donors": Field(False, "text"), "address": Field(False, "text")}


def translation_files(folder: Path) -> dict[str, Path]:
    """{language: path} of the issue's translations, e.g. {"ru": .../issue.ru.yaml}."""
    found = {}
    for path in sorted(folder.glob("issue.*.yaml")):
        match = TRANSLATION_NAME.match(path.name)
        if match:
            found[match[1]] = path
    return found


def translate(issue: Issue, language: str, path: Path, shown_as: str) -> Issue:
    """`issue` with every word replaced by those of the translation at `path`."""
    reader = NodeReader(path, shown_as)
    root = reader.compose()
    translated = _overlay_issue(reader, root, issue, language) if root is not None else None
    if reader.problems:
        raise ContentError(reader.problems)
    return translated


def _overlay_issue(reader: NodeReader, root, issue: Issue, language: str) -> Issue | None:
    found = reader.mapping(root, "", ISSUE_FIELDS)
    if "language" in found:
        stated = reader.text(found["language"], "language")
        if stated is not None and stated != language:
            reader.report_at(found["language"], "language",
                             f"'{stated}' does not match the file name (expected {language})")
    period = reader.text(found["period"], "period") if "period" in found else None
    editorial = _words(reader, root, found, "editorial", "", required=bool(issue.editorial))
    stories = _overlay_stories(reader, found.get("stories"), issue)
    if reader.problems:
        return None
    publication = _translate_publication(issue.publication, language)
    back_cover = reader.boolean(found["back_cover"], "back_cover") \
        if "back_cover" in found else issue.back_cover
    return dataclasses.replace(issue, language=language, period=period, editorial=editorial or "",
                               back_cover=back_cover,
                               stories=tuple(stories), publication=publication)


def _overlay_stories(reader: NodeReader, node, issue: Issue) -> list[Story]:
    if node is None:
        return []
    if not isinstance(node, yaml.MappingNode):
        reader.report_at(node, "stories", "expected the stories keyed by their id (steering-committee: ...)")
        return []
    by_id = {key.value: value for key, value in node.value}
    known = [story.id for story in issue.stories]
    for key, _ in node.value:
        if key.value not in known:
            reader.report(key.start_mark, f"stories.{key.value}: issue.yaml has no story with this id "
                                          f"(ids: {', '.join(known)})")
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
    found = reader.mapping(node, where, STORY_FIELDS)
    if "omitted" in found:
        if found["omitted"].value != "true":
            reader.report_at(found["omitted"], f"{where}.omitted", "expected true")
        return None
    words = {key: _words(reader, node, found, key, where, required=True)
             for key in ("headline", "lead", "body")}
    words["kicker"] = _words(reader, node, found, "kicker", where, required=bool(story.kicker))
    quotes = _overlay_list(reader, node, found, "quotes", where, story.quotes, QUOTE_FIELDS,
                           lambda old, new: PullQuote(**new))
    figures = _overlay_list(reader, node, found, "figures", where, story.figures, FIGURE_FIELDS,
                            lambda old, new: dataclasses.replace(old, **new))
    factbox = _overlay_factbox(reader, node, found, where, story.factbox)
    charts = _overlay_charts(reader, found.get("charts"), f"{where}.charts", story.charts)
    new_page = reader.boolean(found["new_page"], f"{where}.new_page") \
        if "new_page" in found else story.new_page
    wide_photo = read_wide_photo(reader, found, where, bool(story.figures), story.id == cover_story)
    return dataclasses.replace(story, **{k: v or "" for k, v in words.items()}, quotes=quotes,
                               figures=figures, factbox=factbox, charts=charts, new_page=new_page,
                               wide_photo=story.wide_photo if wide_photo is None else wide_photo)


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


def _overlay_list(reader, node, found, key, where, originals, fields, rebuild) -> tuple:
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
        values = reader.mapping(item, f"{full}[{index}]", fields)
        words = {name: reader.text(value, f"{full}[{index}].{name}") for name, value in values.items()}
        if len(words) == len(fields) and None not in words.values():
            result.append(rebuild(original, words))
    return tuple(result) if len(result) == len(originals) else originals


def _overlay_factbox(reader, node, found, where, original: FactBox | None) -> FactBox | None:
    if "factbox" not in found:
        if original:
            reader.report_at(node, where, "missing 'factbox' (issue.yaml has one)")
        return original
    if original is None:
        reader.report_at(found["factbox"], f"{where}.factbox", "issue.yaml has no fact box in this story")
        return None
    values = reader.mapping(found["factbox"], f"{where}.factbox", FACTBOX_FIELDS)
    words = {k: reader.text(v, f"{where}.factbox.{k}") for k, v in values.items()}
    return FactBox(**words) if len(words) == 2 and None not in words.values() else original


def _overlay_charts(reader, node, where, originals: tuple[Chart, ...]) -> tuple[Chart, ...]:
    if not originals:
        if node is not None:
            reader.report_at(node, where, "issue.yaml has no charts in this story")
        return originals
    if node is None or not isinstance(node, yaml.MappingNode):
        reader.report_at(node or _FileStart(), where,
                         f"expected the words of each chart by id ({', '.join(c.id for c in originals)})")
        return originals
    by_id = {key.value: value for key, value in node.value}
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
    found = reader.mapping(node, where, CHART_FIELDS)
    words = {key: reader.text(found[key], f"{where}.{key}")
             for key in ("title", "subtitle", "source", "alt") if key in found}
    if "chart_notes" in found:
        words["notes"] = reader.text(found["chart_notes"], f"{where}.chart_notes")
    labelled = chart.categories if chart.series else chart.points
    labels = _strings(reader, found.get("labels"), f"{where}.labels", len(labelled), "labels")
    notes = _strings(reader, found.get("notes"), f"{where}.notes", len(chart.points), "notes") \
        if "notes" in found else [p.note for p in chart.points]
    names = _strings(reader, found.get("series"), f"{where}.series", len(chart.series), "series") \
        if chart.series else []
    if None in words.values() or labels is None or notes is None or names is None:
        return chart
    if chart.series:
        series = tuple(dataclasses.replace(s, name=n) for s, n in zip(chart.series, names))
        return dataclasses.replace(chart, categories=tuple(labels), series=series, **words)
    points = tuple(dataclasses.replace(p, label=label, note=note)
                   for p, label, note in zip(chart.points, labels, notes))
    return dataclasses.replace(chart, points=points, **words)


def _strings(reader, node, where, count: int, what: str) -> list[str] | None:
    if node is None:            # reported as a missing key by reader.mapping
        return None
    items = [reader.text(item, where) for item in reader.sequence(node, where)]
    if len(items) != count:
        reader.report_at(node, where, f"{len(items)} given, issue.yaml has {count} (one each, in order)")
        return None
    return None if None in items else items


def _translate_publication(publication: Publication, language: str) -> Publication:
    words = publication.translations.get(language, {})
    contacts = publication.contacts
    if "address" in words:
        contacts = dataclasses.replace(contacts, address=words["address"])
    return dataclasses.replace(publication, contacts=contacts,
                               **{k: v for k, v in words.items() if k != "address"})
