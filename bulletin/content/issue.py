"""Stage 1, load: an issue folder (and the publication's settings) -> `Issue`.

Every value is checked as it is read; all problems of a file are collected and
raised together as one `ContentError`.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from ..errors import ContentError, ContentProblem
from ..files import shown_path
from . import photos
from .conditions import CONDITIONS
from .model import (Chart, ChartPoint, ChartSeries, Colour, Contacts, EmailEdition, FactBox,
                    Figure, Issue, Publication, PrintRun, PullQuote, Story)
from .overrides import has_photo, read_wide_photo
from .translation import PUBLICATION_FIELDS as PUBLICATION_WORDS
from .translation import translate, translation_files
from .yamlreader import Field, NodeReader

PUBLICATION_FILE = "publication.yaml"
ISSUE_FILE = "issue.yaml"
ISSUE_ID = re.compile(r"^\d[\w.-]*$")
CHART_KINDS = ("bars", "columns", "line", "donut", "keyfigures")
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
    "print": Field(False, "the print edition's profile, ink_limit, binding, paper, contact"),
    "email": Field(False, "the email edition's size_budget_mb"),
}
PRINT_FIELDS = {"profile": Field(False, "FOGRA39, GRACoL2006, SWOP5, SWOP3 or an .icc file"),
                "ink_limit": Field(False, "total ink coverage in %, e.g. 300"),
                "binding": Field(False, "saddle-stitch, perfect or loose"),
                "paper": Field(False, "text"), "contact": Field(False, "text")}
EMAIL_FIELDS = {"size_budget_mb": Field(False, "megabytes, e.g. 5")}
# Pages per sheet folded for each binding: the print edition's page count is a multiple of it.
BINDINGS = {"saddle-stitch": 4, "perfect": 2, "loose": 1}
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
    "back_cover": Field(False, "true to give contacts and donors the last page"),
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
    "new_page": Field(False, "true to start the story on a fresh page"),
    "wide_photo": Field(False, "true to set the story's first photo across the page, under its lead"),
}
QUOTE_FIELDS = {"text": Field(True, "the quoted words"),
                "attribution": Field(True, "who said it")}
FIGURE_FIELDS = {"image": Field(True, "an image file in the issue folder"),
                 "caption": Field(True, "text"), "credit": Field(True, "text"),
                 "alt": Field(True, "a description for screen readers")}
FACTBOX_FIELDS = {"title": Field(True, "text"), "body": Field(True, "Markdown text")}
CHART_FIELDS = {
    "id": Field(True, "a short id"), "kind": Field(True, ", ".join(CHART_KINDS)),
    "title": Field(True, "text"), "subtitle": Field(False, "text"),
    "unit": Field(False, "e.g. %, USD, people"), "source": Field(False, "text"),
    "notes": Field(False, "text printed under the chart"), "alt": Field(False, "text"),
    "table": Field(False, "true to print the data as a table"),
    "width": Field(False, "half or full"),
    "points": Field(False, "a list of label/value points"),
    "categories": Field(False, "the labels along the bottom, e.g. [2015, 2016]"),
    "x": Field(False, "the labels along the time axis, e.g. [2015, 2016]"),
    "series": Field(False, "a list of series, each a name and its values"),
    "parts": Field(False, "a list of label/value parts"),
    "figures": Field(False, "a list of figures, each a value, unit and label"),
}
# The data each kind takes (all of it required) and the width it has by default.
CHART_DATA = {"bars": ("points",), "columns": ("categories", "series"), "line": ("x", "series"),
              "donut": ("parts",), "keyfigures": ("figures",)}
CHART_WIDTHS = {"half": "two charts side by side", "full": "the infographic's whole width"}
CHART_MAX_SERIES = 4              # the palette's strong colours
CHART_MAX_PARTS = 6
CHART_SERIES_FIELDS = {"name": Field(True, "text"),
                       "values": Field(True, "a list of numbers, one per category")}
CHART_PART_FIELDS = {"label": Field(True, "text"), "value": Field(True, "a number")}
CHART_FIGURE_FIELDS = {"value": Field(True, "a number"), "unit": Field(False, "e.g. million USD"),
                       "label": Field(True, "text")}
POINT_FIELDS = {"label": Field(True, "text"), "value": Field(True, "a number"),
                "note": Field(False, "text")}


def issue_languages(folder: Path, first: str) -> list[str]:
    """The issue's languages: that of issue.yaml first, then each translation's."""
    return [first] + [lang for lang in translation_files(folder) if lang != first]


def load_issue(folder: Path, language: str | None = None) -> Issue:
    """Read and check `folder/issue.yaml` (and `issue.<language>.yaml` when another
    language is asked for) and the publication's settings."""
    issue = _load_first_language(folder)
    if language is None or language == issue.language:
        return issue
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
        if "print" in found:
            extra["print_run"] = _read_print_run(reader, found["print"], path.parent)
            extra.setdefault("pages_multiple_of", BINDINGS.get(extra["print_run"].binding, 4))
        if "email" in found:
            extra["email_edition"] = _read_email_edition(reader, found["email"])
        if not reader.problems:
            publication = Publication(contacts=contacts, colours=colours, **values, **extra)
    return publication, reader.problems


def _read_print_run(reader: NodeReader, node, folder: Path):
    found = reader.mapping(node, "print", PRINT_FIELDS)
    values = {key: reader.text(found[key], f"print.{key}")
              for key in ("profile", "binding", "paper", "contact") if key in found}
    profile = values.get("profile")
    if profile and profile not in CONDITIONS:
        if not profile.endswith((".icc", ".icm")) or not (folder / profile).is_file():
            reader.report_at(found["profile"], "print.profile",
                             f"'{profile}' is neither a printing condition ({', '.join(CONDITIONS)}) "
                             f"nor an .icc file in {shown_path(folder)}/")
        values["profile"] = str((folder / profile).resolve())
    if values.get("binding") and values["binding"] not in BINDINGS:
        reader.report_at(found["binding"], "print.binding",
                         f"'{values['binding']}' is not a binding (expected {', '.join(BINDINGS)})")
    if "ink_limit" in found:
        values["ink_limit"] = reader.number(found["ink_limit"], "print.ink_limit")
        if values["ink_limit"] is not None and not 200 <= values["ink_limit"] <= 400:
            reader.report_at(found["ink_limit"], "print.ink_limit",
                             f"{values['ink_limit']:g} is out of range (expected 200 to 400 %)")
    return PrintRun(**{k: v for k, v in values.items() if v is not None})


def _read_email_edition(reader: NodeReader, node):
    found = reader.mapping(node, "email", EMAIL_FIELDS)
    budget = reader.number(found["size_budget_mb"], "email.size_budget_mb") if "size_budget_mb" in found else None
    if budget is not None and budget <= 0:
        reader.report_at(found["size_budget_mb"], "email.size_budget_mb", "expected a positive size in MB")
        budget = None
    return EmailEdition(size_budget_mb=budget) if budget else EmailEdition()


def _read_publication_translations(reader: NodeReader, node) -> dict[str, dict[str, str]]:
    translations = {}
    for language, value_node in reader.named(node, "translations", "the words per language (ru: {tagline: ...})"):
        where = f"translations.{language}"
        found = reader.mapping(value_node, where, PUBLICATION_WORDS)
        translations[language] = {k: reader.text(v, f"{where}.{k}") for k, v in found.items()}
    return translations


def _read_contacts(reader: NodeReader, node) -> Contacts | None:
    if node is None:
        return None
    found = reader.mapping(node, "contacts", CONTACT_FIELDS)
    values = {key: reader.text(value, f"contacts.{key}") for key, value in found.items()}
    web = values.get("web")
    if web and not web.lower().startswith(("https://", "http://")):
        reader.report_at(found["web"], "contacts.web", f"'{web}' is not a web address "
                                                       "(expected https://...)")
        return None
    return Contacts(**values) if None not in values.values() else None


def _read_colours(reader: NodeReader, node) -> dict[str, Colour]:
    colours: dict[str, Colour] = {}
    if node is None:
        return colours
    for name, value_node in reader.named(node, "colours", "a mapping of colour names"):
        where = f"colours.{name}"
        found = reader.mapping(value_node, where, COLOUR_FIELDS)
        rgb = reader.text(found["rgb"], f"{where}.rgb") if "rgb" in found else None
        if rgb is not None and not re.fullmatch(r"#[0-9a-fA-F]{6}", rgb):
            reader.report_at(found["rgb"], f"{where}.rgb", f"'{rgb}' is not a colour (expected #rrggbb)")
            rgb = None
        cmyk = _read_cmyk(reader, found.get("cmyk"), f"{where}.cmyk")
        if rgb and cmyk:
            colours[name] = Colour(name, rgb.lower(), cmyk)
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
    back_cover = reader.boolean(found["back_cover"], "back_cover") if "back_cover" in found else False
    stories = _read_stories(reader, found.get("stories"), folder)
    cover = _read_cover_story(reader, found.get("cover_story"), stories)
    if reader.problems or publication is None:
        return None
    return Issue(id=folder.name, folder=folder, publication=publication, number=number,
                 date=date, period=period, language=language, stories=tuple(stories),
                 cover_story=cover, editorial=editorial or "", back_cover=back_cover)


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
    if any(story.id == value and story.wide_photo for story in stories):
        reader.report_at(node, "cover_story", f"the story '{value}' sets wide_photo, but as the "
                                              "cover story its first photo is on the front page")
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
    new_page = reader.boolean(found["new_page"], f"{where}.new_page") if "new_page" in found else False
    wide_photo = read_wide_photo(reader, found, where, has_photo(found)) or False
    if len(reader.problems) > count or "id" not in found:
        return None
    return Story(id=story_id, quotes=tuple(quotes), figures=tuple(figures), charts=tuple(charts),
                 factbox=factbox, columns=columns, new_page=new_page, wide_photo=wide_photo, **values)


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
    """The figure's image file, checked: inside the issue folder, a JPEG or PNG that decodes."""
    problem = _image_path_problem(folder, name)
    path = (folder / name).resolve() if problem is None else None
    found = path and photos.image_problem(path)
    if found:
        problem = f"'{name}' {found}"
    if problem:
        reader.report_at(node, where, problem)
        return None
    return path


def _image_path_problem(folder: Path, name: str) -> str | None:
    shown_folder = shown_path(folder) + "/"
    if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]+:", name):
        return (f"'{name}' is a web address (expected an image file in {shown_folder}: "
                "download the image and give its file name)")
    try:
        path = (folder / name).resolve()
    except RuntimeError:
        return f"'{name}' is a symbolic link that leads back to itself (link the image itself)"
    except OSError as err:                    # a name too long, a folder that cannot be read
        return f"'{name}' cannot be read ({err.strerror or err})"
    if not path.is_relative_to(folder):
        if Path(os.path.normpath(folder / name)).is_relative_to(folder):
            return (f"'{name}' is a link to a file outside the issue folder {shown_folder} "
                    "(copy the image itself into the issue folder)")
        return (f"'{name}' is outside the issue folder {shown_folder} "
                "(copy the image into the issue folder)")
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        return f"'{name}' is not a JPEG or PNG image (expected {', '.join(IMAGE_SUFFIXES)})"
    if path.exists() and not path.is_file():
        return f"'{name}' is not a file (expected an image file in {shown_folder})"
    if not path.is_file():
        return (f"no image file '{name}' in {shown_folder} "
                f"(files there: {_listing(path.parent, folder)})")
    return None


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
              for key in ("title", "subtitle", "unit", "source", "notes", "alt") if key in found}
    chart_id = reader.slug(found["id"], f"{where}.id") if "id" in found else None
    kind = reader.text(found["kind"], f"{where}.kind") if "kind" in found else None
    if kind is not None and kind not in CHART_KINDS:
        reader.report_at(found["kind"], f"{where}.kind",
                         f"unknown chart kind '{kind}' (expected one of: {', '.join(CHART_KINDS)})")
    data = _read_chart_data(reader, node, found, where, kind, values.get("unit"))
    table = _read_chart_flag(reader, found["table"], f"{where}.table") if "table" in found else False
    width = _read_chart_width(reader, found.get("width"), f"{where}.width", kind)
    if len(reader.problems) > count or None in (chart_id, kind):
        return None
    return Chart(id=chart_id, kind=kind, unit=values.pop("unit", ""), table=table, width=width,
                 **values, **data)


def _read_chart_data(reader: NodeReader, node, found: dict, where: str, kind: str | None,
                     unit: str | None) -> dict:
    """The data keys of the chart's kind, read; missing ones and other kinds' reported.

    With an unknown kind, whatever data is given is still read, so that its
    mistakes are reported in the same run.
    """
    known = kind in CHART_KINDS
    if known:
        _check_chart_keys(reader, node, found, where, kind)

    def given(key: str) -> bool:
        return key in found and (not known or key in CHART_DATA[kind])

    data: dict = {}
    count = len(reader.problems)
    for key, read_item in (("points", _read_point), ("parts", _read_part),
                           ("figures", _read_keyfigure)):
        if given(key):
            data["points"] = _read_chart_points(reader, found[key], f"{where}.{key}", read_item,
                                                unit, kind)
    if given("parts") and len(reader.problems) == count:    # the whole of valid parts only
        _check_whole(reader, found["parts"], f"{where}.parts", data["points"], unit)
    labels_key = next((key for key in ("categories", "x") if given(key)), None)
    if labels_key:
        data["categories"] = _read_chart_labels(reader, found[labels_key], f"{where}.{labels_key}",
                                                kind)
    if given("series"):
        data["series"] = _read_chart_series(reader, found["series"], f"{where}.series",
                                            data.get("categories"), labels_key, unit, kind)
    return data


def _check_chart_keys(reader: NodeReader, node, found: dict, where: str, kind: str) -> None:
    """Each kind takes its own data keys, all of them, and a unit (key figures: per figure)."""
    wanted = CHART_DATA[kind]
    for key in dict.fromkeys(k for keys in CHART_DATA.values() for k in keys):
        if key in found and key not in wanted:
            reader.report_at(found[key], f"{where}.{key}", f"a {kind} chart has no {key} "
                             f"(it takes {' and '.join(wanted)})")
    for key in [*wanted] + (["unit"] if kind != "keyfigures" else []):
        if key not in found:
            reader.report_at(node, where, f"missing required key '{key}' ({CHART_FIELDS[key].expected})")


def _read_chart_points(reader: NodeReader, node, where: str, read_item, unit, kind) -> tuple:
    items = reader.sequence(node, where)
    if isinstance(node, yaml.SequenceNode) and not items:
        reader.report_at(node, where, f"no {where.rsplit('.', 1)[-1]} (expected at least one)")
    if kind == "donut" and len(items) > CHART_MAX_PARTS:
        reader.report_at(node, where, f"{len(items)} parts (expected at most {CHART_MAX_PARTS}: "
                                      "group the smallest as one part)")
    points = []
    for i, item in enumerate(items):
        point = read_item(reader, item, f"{where}[{i}]")
        if point is not None:
            _check_chart_value(reader, item, f"{where}[{i}].value", point.value,
                               point.unit or unit, kind)
            points.append(point)
    return tuple(points)


def _check_chart_value(reader: NodeReader, node, where: str, value: float, unit, kind) -> None:
    if unit == "%" and not 0 <= value <= 100:
        reader.report_at(node, where, f"{value:g}% is not a percentage (expected 0 to 100)")
    elif value < 0 and kind in ("bars", "columns", "donut"):
        reader.report_at(node, where, f"{value:g} is below zero (a {kind} chart draws amounts "
                                      "from zero; a line chart can show negative values)")


def _check_whole(reader: NodeReader, node, where: str, parts: tuple, unit) -> None:
    total = sum(p.value for p in parts)
    if unit == "%" and total > 100.0001:
        reader.report_at(node, where, f"the parts add up to {total:g}% (expected at most 100%)")
    elif parts and total <= 0:
        reader.report_at(node, where, "the parts add up to nothing (expected a whole to divide)")


def _read_chart_labels(reader: NodeReader, node, where: str, kind: str) -> tuple[str, ...]:
    labels = tuple(reader.text(item, f"{where}[{i}]")
                   for i, item in enumerate(reader.sequence(node, where)))
    least = 2 if kind == "line" else 1
    if isinstance(node, yaml.SequenceNode) and len(labels) < least:
        reader.report_at(node, where, f"{len(labels)} labels (expected at least {least})")
    return labels


def _read_chart_series(reader: NodeReader, node, where: str, categories: tuple | None,
                       labels_key: str | None, unit, kind) -> tuple[ChartSeries, ...]:
    items = reader.sequence(node, where)
    if isinstance(node, yaml.SequenceNode) and not items:
        reader.report_at(node, where, "no series (expected at least one)")
    if len(items) > CHART_MAX_SERIES:
        reader.report_at(node, where, f"{len(items)} series (expected at most {CHART_MAX_SERIES}, "
                                      "one colour each)")
    named, each = (("categories", "category") if labels_key == "categories"
                   else ("x labels", "x label"))
    series = []
    for i, item in enumerate(items):
        found = reader.mapping(item, f"{where}[{i}]", CHART_SERIES_FIELDS)
        name = reader.text(found["name"], f"{where}[{i}].name") if "name" in found else None
        if "values" not in found:
            continue
        value_nodes = reader.sequence(found["values"], f"{where}[{i}].values")
        values = []
        for j, value_node in enumerate(value_nodes):
            value = reader.number(value_node, f"{where}[{i}].values[{j}]")
            if value is not None:
                _check_chart_value(reader, value_node, f"{where}[{i}].values[{j}]", value, unit, kind)
            values.append(value)
        if categories is not None and isinstance(found["values"], yaml.SequenceNode) \
                and len(values) != len(categories):
            reader.report_at(found["values"], f"{where}[{i}].values",
                             f"{len(values)} values for {len(categories)} {named} "
                             f"(expected one value per {each})")
        if name is not None and None not in values:
            series.append(ChartSeries(name, tuple(values)))
    return tuple(series)


def _read_chart_flag(reader: NodeReader, node, where: str) -> bool:
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
        return yaml.constructor.SafeConstructor.bool_values[node.value.lower()]
    reader.report_at(node, where, "expected true or false")
    return False


def _read_chart_width(reader: NodeReader, node, where: str, kind: str | None) -> str:
    default = "full" if kind == "keyfigures" else "half"
    if node is None:
        return default
    value = reader.text(node, where)
    if value is not None and value not in CHART_WIDTHS:
        reader.report_at(node, where, f"'{value}' is not a chart width (expected "
                         + " or ".join(f"{w}: {what}" for w, what in CHART_WIDTHS.items()) + ")")
    return value or default


def _read_point(reader: NodeReader, node, where: str) -> ChartPoint | None:
    found = reader.mapping(node, where, POINT_FIELDS)
    label = reader.text(found["label"], f"{where}.label") if "label" in found else None
    value = reader.number(found["value"], f"{where}.value") if "value" in found else None
    note = reader.text(found["note"], f"{where}.note") if "note" in found else ""
    if None in (label, value, note):
        return None
    return ChartPoint(label, value, note)


def _read_part(reader: NodeReader, node, where: str) -> ChartPoint | None:
    found = reader.mapping(node, where, CHART_PART_FIELDS)
    label = reader.text(found["label"], f"{where}.label") if "label" in found else None
    value = reader.number(found["value"], f"{where}.value") if "value" in found else None
    return None if None in (label, value) else ChartPoint(label, value)


def _read_keyfigure(reader: NodeReader, node, where: str) -> ChartPoint | None:
    found = reader.mapping(node, where, CHART_FIGURE_FIELDS)
    label = reader.text(found["label"], f"{where}.label") if "label" in found else None
    value = reader.number(found["value"], f"{where}.value") if "value" in found else None
    unit = reader.text(found["unit"], f"{where}.unit") if "unit" in found else ""
    return None if None in (label, value, unit) else ChartPoint(label, value, unit=unit)
