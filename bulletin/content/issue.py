"""Stage 1, load: an issue folder (and the publication's settings) -> `Issue`.

Reads issue.yaml, its stories and their blocks (pull quotes, photos, fact box; charts
in chartdata.py), checking every value as it is read against the keys declared in
fields.py. All problems of the files are collected and raised together as one
`ContentError`. Another language is the first one with a translation laid over it
(translation.py).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from ..errors import ContentError, ContentProblem
from ..files import name_problem, shown_path
from . import photos
from .chartdata import read_chart
from .fields import FACTBOX, FIGURE, ISSUE, QUOTE, STORY, complete, read_values
from .model import FactBox, Figure, Issue, Publication, PullQuote, Story
from .overrides import check_wide_photo, has_photo
from .publication import PUBLICATION_FILE, read_publication
from .translation import translate, translation_files
from .yamlreader import GlyphCheck, NodeReader

ISSUE_FILE = "issue.yaml"
ISSUE_ID = re.compile(r"^\d[\w.-]*$")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")


def issue_languages(folder: Path, first: str) -> list[str]:
    """The issue's languages: that of issue.yaml first, then each translation's."""
    return [first] + [lang for lang in translation_files(folder) if lang != first]


def load_issue(folder: Path, language: str | None = None, glyphs: GlyphCheck | None = None) -> Issue:
    """Read and check `folder/issue.yaml` (and `issue.<language>.yaml` when another
    language is asked for) and the publication's settings; with `glyphs`, every
    text's characters against the fonts."""
    issue = _load_first_language(folder, glyphs)
    if language is None or language == issue.language:
        return issue
    path = translation_files(issue.folder).get(language)
    if path is None:
        raise ContentError([ContentProblem(shown_path(issue.folder), 1, 1,
                                           f"no {language} edition: there is no issue.{language}.yaml "
                                           f"(languages: {', '.join(issue_languages(issue.folder, issue.language))})")])
    return translate(issue, language, path, shown_path(path), glyphs)


def _load_first_language(folder: Path, glyphs: GlyphCheck | None) -> Issue:
    folder = folder.resolve()
    problems: list[ContentProblem] = []
    if not ISSUE_ID.match(folder.name):
        problems.append(ContentProblem(shown_path(folder), 1, 1,
                                       "an issue folder's name must start with a digit, e.g. 2017-04"))
    publication, pub_problems = read_publication(folder.parent / PUBLICATION_FILE, glyphs)
    issue_file = folder / ISSUE_FILE
    if not os.path.lexists(issue_file):
        raise ContentError(problems + pub_problems + [
            ContentProblem(shown_path(issue_file), 1, 1, "no such file (each issue folder holds an issue.yaml)")])
    reader = NodeReader(issue_file, shown_path(issue_file), inside=folder, glyphs=glyphs)
    issue = _read_issue(reader, folder, publication)
    problems += pub_problems + reader.problems
    if problems or issue is None:
        raise ContentError(problems)
    assert issue is not None            # None only with a problem reported
    return issue


def _read_issue(reader: NodeReader, folder: Path, publication: Publication | None) -> Issue | None:
    root = reader.compose()
    if root is None:
        return None
    found = reader.mapping(root, "", ISSUE)
    values = read_values(reader, found, "", ISSUE)
    stories = _read_stories(reader, found.get("stories"), folder)
    if "cover_story" in found:
        _check_cover_story(reader, found["cover_story"], values["cover_story"], stories,
                           _story_ids(found.get("stories")))
    else:       # a front page without a photo is a third empty: the first story with one leads it
        values["cover_story"] = next((s.id for s in stories if _cover_worthy(s)), "")
    if reader.problems or publication is None:
        return None
    return Issue(id=folder.name, folder=folder, publication=publication, stories=tuple(stories),
                 **values)


# Pixels across a photo needs to lead the front page: about 200 ppi over its 190 mm, where
# preflight fails a print photo below 150 ppi (a photo the officer names still leads it).
COVER_MIN_PX = 1500


def _cover_worthy(story: Story) -> bool:
    return bool(story.figures) and not story.wide_photo \
        and photos.pixel_width(story.figures[0].image) >= COVER_MIN_PX


def _check_cover_story(reader: NodeReader, node, value: str | None, stories: list[Story],
                       ids: list[str]) -> None:
    """`ids` are those the stories give, read or not: a story with a mistake of its own (a
    missing photo) is reported for that mistake, not as a cover story that is not there."""
    if value is not None and ids and value not in ids:
        reader.report_at(node, "cover_story", f"no story has the id '{value}' (ids: {', '.join(ids)})")
    if any(story.id == value and story.wide_photo for story in stories):
        reader.report_at(node, "cover_story", f"the story '{value}' sets wide_photo, but as the "
                                              "cover story its first photo is on the front page")


def _story_ids(node) -> list[str]:
    """The id each story gives, as written (checked when the story is read)."""
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [value.value for item in node.value if isinstance(item, yaml.MappingNode)
            for key, value in item.value
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode)]


def _read_stories(reader: NodeReader, node, folder: Path) -> list[Story]:
    if node is None:
        return []
    stories: list[Story] = []
    seen_ids: dict[str, int] = {}
    seen_charts: dict[str, int] = {}
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
    found = reader.mapping(node, where, STORY)
    values = read_values(reader, found, where, STORY)
    quotes = _read_list(reader, found.get("quotes"), f"{where}.quotes", _read_quote)
    figures = _read_list(reader, found.get("figures"), f"{where}.figures",
                         lambda r, n, w: _read_figure(r, n, w, folder))
    charts = _read_list(reader, found.get("charts"), f"{where}.charts", read_chart)
    factbox = _read_factbox(reader, found["factbox"], f"{where}.factbox") if "factbox" in found else None
    check_wide_photo(reader, found, where, values.get("wide_photo"), has_photo(found))
    if len(reader.problems) > count or "id" not in found:
        return None
    return Story(quotes=tuple(quotes), figures=tuple(figures), charts=tuple(charts),
                 factbox=factbox, **values)


def _read_list(reader: NodeReader, node, where: str, read_item) -> list:
    if node is None:
        return []
    items = [read_item(reader, item, f"{where}[{i}]")
             for i, item in enumerate(reader.sequence(node, where))]
    return [item for item in items if item is not None]


def _read_quote(reader: NodeReader, node, where: str) -> PullQuote | None:
    values = read_values(reader, reader.mapping(node, where, QUOTE), where, QUOTE)
    return PullQuote(**values) if complete(values, QUOTE) else None


def _read_factbox(reader: NodeReader, node, where: str) -> FactBox | None:
    values = read_values(reader, reader.mapping(node, where, FACTBOX), where, FACTBOX)
    return FactBox(**values) if complete(values, FACTBOX) else None


def _read_figure(reader: NodeReader, node, where: str, folder: Path) -> Figure | None:
    found = reader.mapping(node, where, FIGURE)
    values = read_values(reader, found, where, FIGURE)
    if values.get("image"):
        values["image"] = _find_image(reader, found["image"], f"{where}.image", folder, values["image"])
    return Figure(**values) if complete(values, FIGURE) else None


def _find_image(reader: NodeReader, node, where: str, folder: Path, name: str) -> Path | None:
    """The figure's image file, checked: inside the issue folder, a JPEG or PNG that decodes."""
    problem = _image_path_problem(folder, name)
    path = (folder / name).resolve() if problem is None else None
    found = path and photos.image_problem(path, folder)
    if found:
        problem = f"'{name}' {found}"
    if problem:
        reader.report_at(node, where, problem)
        return None
    return path


def _image_path_problem(folder: Path, name: str) -> str | None:
    shown_folder = shown_path(folder) + "/"
    unusable = name_problem(name)
    if unusable:
        return f"'{_shown_name(name)}' {unusable}"
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


def _shown_name(name: str, most: int = 60) -> str:
    return name if len(name) <= most else f"{name[:most - 3]}..."


def _listing(directory: Path, folder: Path) -> str:
    if not directory.is_dir():
        return "none, the folder does not exist"
    names = sorted(p.relative_to(folder).as_posix() for p in directory.iterdir()
                   if p.suffix.lower() in IMAGE_SUFFIXES)
    if not names:
        return "no images"
    return ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")


