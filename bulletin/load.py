"""Stage 1, load: an issue folder (and the publication's settings) -> `Issue`.

Every value is checked as it is read; all problems of a file are collected and
raised together as one `ContentError`.
"""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import yaml

from .errors import ContentError, ContentProblem
from .model import (Chart, ChartPoint, Colour, Contacts, FactBox, Figure, Issue,
                    Publication, PullQuote, Story)
from .schema import Field, NodeReader

log = logging.getLogger("bulletin.load")

PUBLICATION_FILE = "publication.yaml"
ISSUE_FILE = "issue.yaml"
ISSUE_ID = re.compile(r"^\d[\w.-]*$")
CHART_KINDS = ("bars",)
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")

PUBLICATION_FIELDS = {
    "name": Field(True, "the bulletin's name"),
    "slug": Field(True, "a short name for file names"),
    "tagline": Field(True, "text"),
    "publisher": Field(True, "text"),
    "contacts": Field(True, "address, web, email, phone"),
    "donors": Field(True, "the donors' acknowledgement"),
    "colours": Field(True, "named colours with rgb and cmyk"),
    "page_size": Field(False, "A4"),
    "bleed_mm": Field(False, "millimetres"),
    "pages_multiple_of": Field(False, "a whole number"),
    "translations": Field(False, "the publication's words per language"),
}
CONTACT_FIELDS = {"address": Field(True, "text"), "web": Field(True, "text"),
                  "email": Field(False, "text"), "phone": Field(False, "text")}
COLOUR_FIELDS = {"rgb": Field(True, "#rrggbb"), "cmyk": Field(True, "[c, m, y, k] in %")}

ISSUE_FIELDS = {
    "number": Field(True, "the issue number"),
    "date": Field(True, "the publication date, e.g. 2017-04-28"),
    "period": Field(True, "the period covered, as printed"),
    "language": Field(True, "a language code such as en"),
    "cover_story": Field(False, "a story id"),
    "editorial": Field(False, "text"),
    "stories": Field(True, "a list of stories"),
}
STORY_FIELDS = {
    "id": Field(True, "a short id such as steering-committee"),
    "kicker": Field(False, "a section label"),
    "headline": Field(True, "text"),
    "lead": Field(True, "the summary paragraph"),
    "body": Field(True, "Markdown text"),
    "quotes": Field(False, "a list of pull quotes"),
    "figures": Field(False, "a list of figures"),
    "factbox": Field(False, "title and body"),
    "charts": Field(False, "a list of charts"),
    "columns": Field(False, "2 or 3"),
}
QUOTE_FIELDS = {"text": Field(True, "the quoted words"),
                "attribution": Field(True, "who said it")}
FIGURE_FIELDS = {"image": Field(True, "an image file in the issue folder"),
                 "caption": Field(True, "text"), "credit": Field(True, "text"),
                 "alt": Field(True, "a description for screen readers")}
FACTBOX_FIELDS = {"title": Field(True, "text"), "body": Field(True, "Markdown text")}
CHART_FIELDS = {
    "id": Field(True, "a short id"), "kind": Field(True, " or ".join(CHART_KINDS)),
    "title": Field(True, "text"), "subtitle": Field(False, "text"),
    "unit": Field(True, "e.g. %"), "source": Field(False, "text"),
    "alt": Field(False, "text"), "points": Field(True, "a list of label/value points"),
}
POINT_FIELDS = {"label": Field(True, "text"), "value": Field(True, "a number"),
                "note": Field(False, "text")}


def shown_path(path: Path) -> str:
    """The path as the user typed it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def issue_languages(folder: Path, first: str) -> list[str]:
    """The issue's languages: that of issue.yaml first, then each translation's."""
    from .translation import translation_files
    return [first] + [lang for lang in translation_files(folder) if lang != first]


def load_issue(folder: Path, language: str | None = None) -> Issue:
    """Read and check `folder/issue.yaml` (and `issue.<language>.yaml` when another
    language is asked for) and the publication's settings."""
    issue = _load_first_language(folder)
    if language is None or language == issue.language:
        return issue
    from .translation import translate, translation_files
    path = translation_files(issue.folder).get(language)
    if path is None:
        raise ContentError([ContentProblem(shown_path(issue.folder), 1, 1,
                                           f"no {language} edition: there is no issue.{language}.yaml "
                                           f"(languages: {', '.join(issue_languages(issue.folder, issue.language))})")])
    return translate(issue, language, path, shown_path(path))


def _load_first_language(folder: Path) -> Issue:
    folder = folder.resolve()
    problems: list[ContentProblem] = []
    if not ISSUE_ID.match(folder.name):
        problems.append(ContentProblem(shown_path(folder), 1, 1,
                                       "an issue folder's name must start with a digit, e.g. 2017-04"))
    publication, pub_problems = _read_publication(folder.parent / PUBLICATION_FILE)
    issue_file = folder / ISSUE_FILE
    if not issue_file.is_file():
        raise ContentError(problems + pub_problems + [
            ContentProblem(shown_path(issue_file), 1, 1, "no such file (each issue folder holds an issue.yaml)")])
    reader = NodeReader(issue_file, shown_path(issue_file))
    issue = _read_issue(reader, folder, publication)
    problems += pub_problems + reader.problems
    if problems:
        raise ContentError(problems)
    log.info("load: %s, %d stories", issue.id, len(issue.stories))
    return issue


def _read_publication(path: Path) -> tuple[Publication | None, list[ContentProblem]]:
    if not path.is_file():
        return None, [ContentProblem(shown_path(path), 1, 1,
                                     "no such file (the publication's settings live beside the issue folders)")]
    reader = NodeReader(path, shown_path(path))
    root = reader.compose()
    publication = None
    if root is not None:
        found = reader.mapping(root, "", PUBLICATION_FIELDS)
        values = {key: reader.text(found[key], key)
                  for key in ("name", "slug", "tagline", "publisher", "donors") if key in found}
        contacts = _read_contacts(reader, found.get("contacts"))
        colours = _read_colours(reader, found.get("colours"))
        extra = {}
        if "page_size" in found:
            extra["page_size"] = reader.text(found["page_size"], "page_size")
        if "bleed_mm" in found:
            extra["bleed_mm"] = reader.number(found["bleed_mm"], "bleed_mm")
        if "pages_multiple_of" in found:
            extra["pages_multiple_of"] = reader.integer(found["pages_multiple_of"], "pages_multiple_of", 1, 16)
        if "translations" in found:
            extra["translations"] = _read_publication_translations(reader, found["translations"])
        if not reader.problems:
            publication = Publication(contacts=contacts, colours=colours, **values, **extra)
    return publication, reader.problems


def _read_publication_translations(reader: NodeReader, node) -> dict[str, dict[str, str]]:
    from .translation import PUBLICATION_FIELDS as WORDS
    translations = {}
    if not isinstance(node, yaml.MappingNode):
        reader.report_at(node, "translations", "expected the words per language (ru: {tagline: ...})")
        return translations
    for key_node, value_node in node.value:
        where = f"translations.{key_node.value}"
        found = reader.mapping(value_node, where, WORDS)
        translations[key_node.value] = {k: reader.text(v, f"{where}.{k}") for k, v in found.items()}
    return translations


def _read_contacts(reader: NodeReader, node) -> Contacts | None:
    if node is None:
        return None
    found = reader.mapping(node, "contacts", CONTACT_FIELDS)
    values = {key: reader.text(value, f"contacts.{key}") for key, value in found.items()}
    return Contacts(**values) if None not in values.values() else None


def _read_colours(reader: NodeReader, node) -> dict[str, Colour]:
    colours: dict[str, Colour] = {}
    if node is None:
        return colours
    if not isinstance(node, yaml.MappingNode):
        reader.report_at(node, "colours", "expected a mapping of colour names")
        return colours
    for key_node, value_node in node.value:
        where = f"colours.{key_node.value}"
        found = reader.mapping(value_node, where, COLOUR_FIELDS)
        rgb = reader.text(found["rgb"], f"{where}.rgb") if "rgb" in found else None
        if rgb is not None and not re.fullmatch(r"#[0-9a-fA-F]{6}", rgb):
            reader.report_at(found["rgb"], f"{where}.rgb", f"'{rgb}' is not a colour (expected #rrggbb)")
            rgb = None
        cmyk = _read_cmyk(reader, found.get("cmyk"), f"{where}.cmyk")
        if rgb and cmyk:
            colours[key_node.value] = Colour(key_node.value, rgb.lower(), cmyk)
    return colours


def _read_cmyk(reader: NodeReader, node, where: str):
    if node is None:
        return None
    items = reader.sequence(node, where)
    values = [reader.number(item, where) for item in items]
    if len(values) != 4 or None in values or not all(0 <= v <= 100 for v in values):
        reader.report_at(node, where, "expected four ink percentages [c, m, y, k] from 0 to 100")
        return None
    return tuple(values)


def _read_issue(reader: NodeReader, folder: Path, publication: Publication | None) -> Issue | None:
    root = reader.compose()
    if root is None:
        return None
    found = reader.mapping(root, "", ISSUE_FIELDS)
    number = reader.integer(found["number"], "number", 1, 9999) if "number" in found else None
    date = reader.date(found["date"], "date") if "date" in found else None
    period = reader.text(found["period"], "period") if "period" in found else None
    language = _read_language(reader, found.get("language"))
    editorial = reader.text(found["editorial"], "editorial") if "editorial" in found else ""
    stories = _read_stories(reader, found.get("stories"), folder)
    cover = _read_cover_story(reader, found.get("cover_story"), stories)
    if reader.problems or publication is None:
        return None
    return Issue(id=folder.name, folder=folder, publication=publication, number=number,
                 date=date, period=period, language=language, stories=tuple(stories),
                 cover_story=cover, editorial=editorial or "")


def _read_language(reader: NodeReader, node) -> str | None:
    if node is None:
        return None
    value = reader.text(node, "language")
    if value is not None and not re.fullmatch(r"[a-z]{2,3}", value):
        reader.report_at(node, "language", f"'{value}' is not a language code (expected e.g. en, ru)")
        return None
    return value


def _read_cover_story(reader: NodeReader, node, stories: list[Story]) -> str:
    if node is None:
        return ""
    value = reader.text(node, "cover_story")
    ids = [story.id for story in stories]
    if value is not None and stories and value not in ids:
        reader.report_at(node, "cover_story", f"no story has the id '{value}' (ids: {', '.join(ids)})")
    return value or ""


def _read_stories(reader: NodeReader, node, folder: Path) -> list[Story]:
    if node is None:
        return []
    stories, seen_ids, seen_charts = [], {}, {}
    items = reader.sequence(node, "stories")
    if isinstance(node, yaml.SequenceNode) and not items:
        reader.report_at(node, "stories", "the issue has no stories (expected at least one)")
    for index, item in enumerate(items):
        story = _read_story(reader, item, f"stories[{index}]", folder)
        if story is None:
            continue
        if story.id in seen_ids:
            reader.report_at(item, f"stories[{index}].id",
                             f"'{story.id}' is already the id of stories[{seen_ids[story.id]}]")
        seen_ids.setdefault(story.id, index)
        for chart in story.charts:
            if chart.id in seen_charts:
                reader.report_at(item, f"stories[{index}]", f"chart id '{chart.id}' is used twice")
            seen_charts[chart.id] = index
        stories.append(story)
    return stories


def _read_story(reader: NodeReader, node, where: str, folder: Path) -> Story | None:
    count = len(reader.problems)
    found = reader.mapping(node, where, STORY_FIELDS)
    values = {key: reader.text(found[key], f"{where}.{key}")
              for key in ("headline", "lead", "body", "kicker") if key in found}
    story_id = reader.slug(found["id"], f"{where}.id") if "id" in found else None
    quotes = _read_list(reader, found.get("quotes"), f"{where}.quotes", _read_quote)
    figures = _read_list(reader, found.get("figures"), f"{where}.figures",
                         lambda r, n, w: _read_figure(r, n, w, folder))
    charts = _read_list(reader, found.get("charts"), f"{where}.charts", _read_chart)
    factbox = _read_factbox(reader, found["factbox"], f"{where}.factbox") if "factbox" in found else None
    columns = reader.integer(found["columns"], f"{where}.columns", 1, 3) if "columns" in found else 2
    if len(reader.problems) > count or "id" not in found:
        return None
    return Story(id=story_id, quotes=tuple(quotes), figures=tuple(figures), charts=tuple(charts),
                 factbox=factbox, columns=columns, **values)


def _read_list(reader: NodeReader, node, where: str, read_item) -> list:
    if node is None:
        return []
    items = [read_item(reader, item, f"{where}[{i}]")
             for i, item in enumerate(reader.sequence(node, where))]
    return [item for item in items if item is not None]


def _read_quote(reader: NodeReader, node, where: str) -> PullQuote | None:
    found = reader.mapping(node, where, QUOTE_FIELDS)
    values = {key: reader.text(value, f"{where}.{key}") for key, value in found.items()}
    return PullQuote(**values) if len(values) == 2 and None not in values.values() else None


def _read_factbox(reader: NodeReader, node, where: str) -> FactBox | None:
    found = reader.mapping(node, where, FACTBOX_FIELDS)
    values = {key: reader.text(value, f"{where}.{key}") for key, value in found.items()}
    return FactBox(**values) if len(values) == 2 and None not in values.values() else None


def _read_figure(reader: NodeReader, node, where: str, folder: Path) -> Figure | None:
    found = reader.mapping(node, where, FIGURE_FIELDS)
    values = {key: reader.text(value, f"{where}.{key}") for key, value in found.items()}
    if "image" in found and values.get("image"):
        values["image"] = _find_image(reader, found["image"], f"{where}.image", folder, values["image"])
    if len(values) != 4 or None in values.values():
        return None
    return Figure(**values)


def _find_image(reader: NodeReader, node, where: str, folder: Path, name: str) -> Path | None:
    path = (folder / name).resolve()
    shown_folder = shown_path(folder) + "/"
    if not path.is_relative_to(folder):
        reader.report_at(node, where, f"'{name}' is outside the issue folder {shown_folder} "
                                      "(copy the image into the issue folder)")
        return None
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        reader.report_at(node, where, f"'{name}' is not a JPEG or PNG image (expected "
                                      f"{', '.join(IMAGE_SUFFIXES)})")
        return None
    if not path.is_file():
        reader.report_at(node, where, f"no image file '{name}' in {shown_folder} "
                                      f"(files there: {_listing(path.parent, folder)})")
        return None
    return path


def _listing(directory: Path, folder: Path) -> str:
    if not directory.is_dir():
        return "none, the folder does not exist"
    names = sorted(p.relative_to(folder).as_posix() for p in directory.iterdir()
                   if p.suffix.lower() in IMAGE_SUFFIXES)
    if not names:
        return "no images"
    return ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")


def _read_chart(reader: NodeReader, node, where: str) -> Chart | None:
    count = len(reader.problems)
    found = reader.mapping(node, where, CHART_FIELDS)
    values = {key: reader.text(found[key], f"{where}.{key}", allow_empty=key == "unit")
              for key in ("title", "subtitle", "unit", "source", "alt") if key in found}
    chart_id = reader.slug(found["id"], f"{where}.id") if "id" in found else None
    kind = reader.text(found["kind"], f"{where}.kind") if "kind" in found else None
    if kind is not None and kind not in CHART_KINDS:
        reader.report_at(found["kind"], f"{where}.kind",
                         f"unknown chart kind '{kind}' (expected one of: {', '.join(CHART_KINDS)})")
    points = _read_list(reader, found.get("points"), f"{where}.points", _read_point)
    if "points" in found and isinstance(found["points"], yaml.SequenceNode) and not found["points"].value:
        reader.report_at(found["points"], f"{where}.points", "no points (expected at least one)")
    if values.get("unit") == "%":
        for i, point in enumerate(points):
            if not 0 <= point.value <= 100:
                reader.report_at(found["points"].value[i], f"{where}.points[{i}].value",
                                 f"{point.value:g}% is not a percentage (expected 0 to 100)")
    if len(reader.problems) > count or None in (chart_id, kind):
        return None
    return Chart(id=chart_id, kind=kind, points=tuple(points), **values)


def _read_point(reader: NodeReader, node, where: str) -> ChartPoint | None:
    found = reader.mapping(node, where, POINT_FIELDS)
    label = reader.text(found["label"], f"{where}.label") if "label" in found else None
    value = reader.number(found["value"], f"{where}.value") if "value" in found else None
    note = reader.text(found["note"], f"{where}.note") if "note" in found else ""
    if None in (label, value, note):
        return None
    return ChartPoint(label, value, note)
