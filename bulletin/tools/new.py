"""Starting the next issue from the latest one: same stories, words to come.

`new_issue` reads the previous issue's file as plain YAML (it need not be
valid to be a model) and writes `issues/<id>/issue.yaml` with the number and
date advanced and one story per story of the previous issue: its kicker,
column count and photos kept, its words replaced by placeholders marked "TK",
the trade's mark for copy still to come. Photos get labelled placeholder
images, so the new issue checks and typesets at once. The first story carries
a commented example of every kind of block (pull quotes, photos, fact box,
charts), ready to uncomment.

The new issue's id continues the previous one: ids are year-month (2017-04),
and the step is the gap between the last two issues or, when there is only
one, the months its period names ("March–April 2017": two months).
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..content.fields import CHART_KINDS
from ..content.issue import ISSUE_FILE, ISSUE_ID, load_issue
from ..content.publication import PUBLICATION_FILE
from ..content.wording import wording
from ..errors import BulletinError
from ..files import shown_path
from .placeholders import make_placeholder

MONTH_ID = re.compile(r"^(\d{4})-(\d{2})$")
TK = "TK"                 # "to come": the placeholder mark editors and printers know
UNCOMMENT = 'remove "# " from its lines'


@dataclass(frozen=True)
class NewIssue:
    folder: Path
    number: int
    period: str
    stories: int
    photos: tuple[Path, ...]


def new_issue(issues_dir: Path, issue_id: str | None = None) -> NewIssue:
    """Write the issue after the latest one in `issues_dir` (or `issue_id`)."""
    if not (issues_dir / PUBLICATION_FILE).is_file():
        raise BulletinError(f"no {shown_path(issues_dir / PUBLICATION_FILE)}: run `bulletin new` "
                            "in the project's folder (the one holding issues/)")
    previous_ids = issue_ids(issues_dir)
    if not previous_ids:
        raise BulletinError(f"no issue in {shown_path(issues_dir)}/ to start from "
                            "(bulletin new continues the latest issue; write the first by hand)")
    previous = issues_dir / previous_ids[-1]
    content = _read_previous(previous / ISSUE_FILE)
    months = _step(previous_ids, content)
    new_id = issue_id or _next_id(previous.name, months)
    if not ISSUE_ID.match(new_id):
        raise BulletinError(f"'{new_id}' is not an issue id (it starts with a digit, e.g. 2017-06)")
    target = issues_dir / new_id
    if target.exists():
        raise BulletinError(f"{shown_path(target)} already exists; nothing was written")
    months = _months_between(previous.name, new_id) if issue_id else months
    plan = _Plan.of(content, previous.name, months)
    staging = issues_dir / f".new-{new_id}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        photos = _write(staging, plan)
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    load_issue(target)        # what `new` writes must check at once; a failure here is a bug
    return NewIssue(target, plan.number, plan.period, len(plan.stories),
                    tuple(target / p.relative_to(staging) for p in photos))


def issue_ids(issues_dir: Path) -> list[str]:
    """The issues in `issues_dir`, oldest first: folders starting with a digit that hold an issue."""
    return sorted(p.name for p in issues_dir.iterdir()
                  if p.is_dir() and ISSUE_ID.match(p.name) and (p / ISSUE_FILE).is_file())


# ---- Reading the previous issue --------------------------------------------------

def _read_previous(path: Path) -> dict:
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise BulletinError(f"{shown_path(path)}: cannot be read as the model for the next "
                            f"issue ({err}); run `bulletin check` on it") from None
    if not isinstance(content, dict) or not isinstance(content.get("stories"), list):
        raise BulletinError(f"{shown_path(path)}: has no stories to model the next issue on; "
                            "run `bulletin check` on it")
    return content


def _step(previous_ids: list[str], content: dict) -> int | None:
    """Months between issues: the gap between the last two, else the months the period names."""
    dated = [i for i in previous_ids if MONTH_ID.match(i)]
    if len(dated) >= 2:
        gap = _months_between(dated[-2], dated[-1])
        if gap > 0:
            return gap
    named = _months_named(str(content.get("period", "")), str(content.get("language", "en")))
    if named:
        first, last = named[0][1], named[-1][1]
        return (last - first) % 12 + 1
    return None


def _next_id(previous_id: str, months: int | None) -> str:
    if not MONTH_ID.match(previous_id) or months is None:
        raise BulletinError(f"cannot tell which issue follows {previous_id}: give the new "
                            "issue's id, e.g. `bulletin new 2017-06`")
    year, month = _add_months(*map(int, MONTH_ID.match(previous_id).groups()), months)
    return f"{year:04d}-{month:02d}"


def _months_between(earlier: str, later: str) -> int | None:
    a, b = MONTH_ID.match(earlier), MONTH_ID.match(later)
    if not (a and b):
        return None
    return (int(b[1]) - int(a[1])) * 12 + int(b[2]) - int(a[2])


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _months_named(text: str, language: str) -> list[tuple[re.Match, int]]:
    """Each month name in `text` with its number (1-12), in order."""
    names = _month_names(language)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)
    lowered = [n.lower() for n in names]
    return [(m, lowered.index(m[0].lower()) + 1) for m in pattern.finditer(text)]


def _advance_period(period: str, language: str, months: int) -> str | None:
    """The period moved on by `months`: 'March–April 2017' + 2 -> 'May–June 2017'."""
    named = _months_named(period, language)
    if not named:
        return None
    names = _month_names(language)
    pieces, at, current = [], 0, None
    tokens = sorted([(m.start(), m.end(), "month", number, m[0]) for m, number in named]
                    + [(m.start(), m.end(), "year", int(m[0]), m[0])
                       for m in re.finditer(r"\b\d{4}\b", period)])
    for start, end, kind, value, shown in tokens:
        pieces.append(period[at:start])
        if kind == "month":
            current = value
            name = names[(value - 1 + months) % 12]
            pieces.append(name[0].upper() + name[1:] if shown[0].isupper() else name)
        else:
            month = current or named[0][1]
            pieces.append(str(_add_months(value, month, months)[0]))
        at = end
    return "".join(pieces) + period[at:]


def _month_names(language: str) -> list[str]:
    try:
        return list(wording(language)["months"])
    except BulletinError:
        return list(calendar.month_name)[1:]


def _advance_date(date, months: int) -> str | None:
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            return None
    if not isinstance(date, dt.date):
        return None
    year, month = _add_months(date.year, date.month, months)
    day = min(date.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day).isoformat()


# ---- The plan of the new issue ---------------------------------------------------

@dataclass(frozen=True)
class _Story:
    id: str
    kicker: str
    columns: int | None
    figures: int
    words: int            # the previous story's body, in words
    lead_words: int
    had: tuple[str, ...]  # what else it held: "a pull quote", "a fact box", "2 charts"


@dataclass(frozen=True)
class _Plan:
    number: int
    date: str
    period: str
    language: str
    previous_id: str
    cover_index: int | None
    editorial_words: int
    stories: tuple[_Story, ...]

    @classmethod
    def of(cls, content: dict, previous_id: str, months: int | None) -> "_Plan":
        language = str(content.get("language") or "en")
        number = content.get("number")
        stories, ids = [], set()
        cover = content.get("cover_story")
        cover_index = None
        for index, story in enumerate(s for s in content["stories"] if isinstance(s, dict)):
            planned = _plan_story(story, index, ids)
            ids.add(planned.id)
            stories.append(planned)
            if cover and story.get("id") == cover:
                cover_index = index
        if not stories:
            raise BulletinError(f"issue {previous_id} has no stories to model the next issue on")
        date = _advance_date(content.get("date"), months or 0) if months else None
        period = _advance_period(str(content.get("period", "")), language, months) if months else None
        return cls(number=number + 1 if isinstance(number, int) else 1,
                   date=date or dt.date.today().isoformat(),
                   period=period or f"{TK} period covered",
                   language=language, previous_id=previous_id, cover_index=cover_index,
                   editorial_words=_words(content.get("editorial")), stories=tuple(stories))


def _plan_story(story: dict, index: int, taken: set[str]) -> _Story:
    kicker = str(story.get("kicker") or "").strip()
    base = _slug(kicker) or f"story-{index + 1}"
    story_id, n = base, 2
    while story_id in taken:
        story_id, n = f"{base}-{n}", n + 1
    columns = story.get("columns") if story.get("columns") in (1, 2, 3) else None
    had = []
    quotes, charts = _count(story, "quotes"), _count(story, "charts")
    if quotes:
        had.append("a pull quote" if quotes == 1 else f"{quotes} pull quotes")
    if isinstance(story.get("factbox"), dict):
        had.append("a fact box")
    if charts:
        had.append("a chart" if charts == 1 else f"{charts} charts")
    if story.get("new_page") is True:
        had.append("started a new page")
    if story.get("wide_photo") is True:
        had.append("a wide photo")
    return _Story(story_id, kicker, columns, _count(story, "figures"), _words(story.get("body")),
                  _words(story.get("lead")), tuple(had))


def _count(story: dict, key: str) -> int:
    value = story.get(key)
    return len(value) if isinstance(value, list) else 0


def _words(text) -> int:
    return len(str(text).split()) if text else 0


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")


# ---- Writing it -------------------------------------------------------------------

def _write(folder: Path, plan: _Plan) -> list[Path]:
    (folder / "photos").mkdir(parents=True)
    photos = []
    for index, story in enumerate(plan.stories):
        # The first story's commented photo example names a photo too: make it.
        for n in range(max(story.figures, 1 if index == 0 else 0)):
            path = folder / _photo_name(story, n)
            make_placeholder(path, f"{story.kicker or story.id}: photo to come", seed=path.name)
            photos.append(path)
    (folder / ISSUE_FILE).write_text(issue_text(plan), encoding="utf-8")
    return photos


def _photo_name(story: _Story, n: int) -> str:
    return f"photos/{story.id}{'' if n == 0 else f'-{n + 1}'}.jpg"


def issue_text(plan: _Plan) -> str:
    """The new issue.yaml: header comment, issue fields, then one story after another."""
    lines = [
        f"# Issue {plan.number}, {plan.period}: started by `bulletin new` from issue {plan.previous_id}.",
        f"# Same stories in the same order; every {TK} (\"to come\") marks words to write.",
        "# `bulletin check` validates this file, `bulletin watch` rebuilds the email edition",
        "# on every save, `bulletin proof` makes page pictures for the editor. Photos under",
        "# photos/ are labelled placeholders: replace them, keeping or changing the names.",
        f"number: {plan.number}",
        f"date: {plan.date}",
        f"period: {_scalar(plan.period)}",
        f"language: {plan.language}",
    ]
    if plan.cover_index is not None:
        lines.append(f"cover_story: {plan.stories[plan.cover_index].id}"
                     "   # the story whose first photo leads the front page")
    if plan.editorial_words:
        lines += ["editorial: >",
                  f"  {TK} A short note on what this issue reports, about {plan.editorial_words} words."]
    lines += ["", "stories:"]
    for index, story in enumerate(plan.stories):
        lines += [""] + _story_lines(story, index)
    return "\n".join(lines) + "\n"


def _story_lines(story: _Story, index: int) -> list[str]:
    last_time = [f"{story.columns} columns" if story.columns else "", f"{story.words} words",
                 *story.had]
    lines = [f"  # {index + 1} {story.kicker or story.id} " + "-" * max(3, 60 - len(story.kicker)),
             f"  # Last issue: {', '.join(p for p in last_time if p)}.",
             f"  - id: {story.id}"]
    if story.kicker:
        lines.append(f"    kicker: {_scalar(story.kicker)}")
    lines += [
        f"    headline: {TK} Headline of about 10 words",
        "    lead: >",
        f"      {TK} Lead of one or two sentences{_about(story.lead_words)}: who did what,",
        "      where and when.",
        "    body: |",
        f"      {TK} Body{_about(story.words)}. Paragraphs are separated by a blank line;",
        "      *emphasis*, [links](https://www.unodc.org/) and lists of points (lines starting",
        "      with a hyphen) are written as in Markdown.",
    ]
    if story.columns:
        lines.append(f"    columns: {story.columns}")
    if story.figures:       # last, so that a commented photo below continues the list
        lines.append("    figures:")
        for n in range(story.figures):
            lines += _figure_lines(_photo_name(story, n), "      ")
    if index == 0:
        lines += _examples(story)
    return lines


def _about(words: int) -> str:
    return f" (about {words} words)" if words else ""


def _figure_lines(image: str, indent: str) -> list[str]:
    return [f"{indent}- image: {image}",
            f"{indent}  caption: {TK} Who and what the photo shows, where and when.",
            f"{indent}  credit: {TK} Photographer or organisation (placeholder image generated by bulletin)",
            f"{indent}  alt: {TK} What the photo shows, for readers who cannot see it."]


def _examples(story: _Story) -> list[str]:
    """Commented examples of every kind of block, indented to be uncommented as they are."""
    figure = _figure_lines(_photo_name(story, 0), "      ")
    block = []
    if story.figures:       # right under the story's photos: it continues their list
        block += [f"      # --- Another photo: {UNCOMMENT} ---"]
        block += [_comment(line, 6) for line in figure]
    block += [f"    # --- Examples of every kind of block; to add one, {UNCOMMENT} ---",
              "    # quotes:                      # pull quotes, set large between the columns",
              "    #   - text: The words quoted, as they were said.",
              "    #     attribution: Name, title, organisation"]
    if not story.figures:
        block += ["    # figures:                     # photos, with caption and credit"]
        block += [_comment(line, 4) for line in figure]
    block += [
        "    # factbox:                     # a tinted box of key facts",
        "    #   title: At a glance",
        "    #   body: |",
        "    #     - A first fact, with its number",
        "    #     - A second fact",
        "    # charts:                      # drawn by bulletin in the publication's colours",
        "    #   - id: example-chart        # unique in the issue",
        f"    #     kind: {CHART_KINDS[0]}                # one of: {', '.join(CHART_KINDS)}",
        "    #     title: What the values measure",
        "    #     unit: \"%\"",
        "    #     source: Who measured it, and when",
        "    #     points:",
        "    #       - label: First item",
        "    #         value: 40",
        "    #       - label: Second item",
        "    #         value: 25",
    ]
    return block


def _comment(line: str, at: int) -> str:
    """`line` commented out at column `at`, so that removing "# " restores it."""
    return f"{line[:at]}# {line[at:]}"


def _scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when YAML reads it back unchanged, else quoted."""
    try:
        if text and yaml.safe_load(text) == text and text == text.strip() and "#" not in text:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)
