"""A family of generated issues for measuring how well the layout fills pages.

The layout was tuned on one real issue; these are issues it has never seen:
5 to 10 stories of 150 to 1,200 words, photos upright, wide, square and
panoramic, charts of every kind, fact boxes, pull quotes, one to three columns,
with and without an editorial or a cover story. Each is written in English and
Russian from the generator's own vocabulary (wordstock.py, fields.py,
templates.py): invented people, real places, plausible figures, never real news.

    write_issue(folder, seed, **shape) -> IssueShape   one issue, the same bytes for the same seed
    FAMILY                                            the seeds and shapes that cover the ground
    python -m benchmarks.family OUT_DIR [--count N]    a throw-away project holding the family

The rooms, in the order an issue is made: shapes.py (what is asked, what was
made), assignment.py (each story's plan), newsroom.py (its words, from
templates.py, with grammar.py's cases and agreement), infographics.py (charts).
"""
from __future__ import annotations

import argparse
import datetime
import random
import re
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bulletin.tools.placeholders import make_placeholder

from .assignment import KINDS, person, plan_story, titled
from .fields import TOPICS
from .grammar import Pair, period
from .infographics import Chart, make_chart
from .newsroom import Desk, StoryText, caption, editorial, factbox, word_count, write_story
from .shapes import (
    MAX_WORDS,
    ORIENTATIONS,
    ChartShape,
    IssueShape,
    PhotoShape,
    Shape,
    StoryShape,
    shape_of,
)
from .wordstock import COUNTRIES, DONORS, REPRESENTATIVE, Person

ROOT = Path(__file__).resolve().parent.parent
# The longest body each kind of story has words for (see newsroom.body).
LONGEST = {"training": MAX_WORDS, "meeting": 800, "visit": 700}


# ---- Writing an issue ---------------------------------------------------------

def write_issue(folder: Path, seed: int, *, photo_scale: float = 1.0, **shape: Any) -> IssueShape:
    """Write issue.yaml, issue.ru.yaml and photos/*.jpg of a generated issue into
    `folder` (named by the issue id, beside the project's issues/publication.yaml).

    `shape` sets any of Shape's knobs; the seed draws the rest and every word.
    `photo_scale` shrinks the photos (same orientation and content) where only
    the content is checked, not the page."""
    if not re.match(r"^\d[\w.-]*$", folder.name):
        raise ValueError(f"{folder.name!r}: an issue folder's name starts with a digit, e.g. 2031-03")
    rng = random.Random(seed)
    asked = shape_of(rng, shape)
    year, month = _issue_month(folder.name, rng)
    head = titled(person(rng, rng.choice(("international", "kazakh", "kyrgyz", "tajik", "uzbek"))),
                  REPRESENTATIVE.en, REPRESENTATIVE.ru)
    desks = _plan(rng, asked, head, year, month)
    stories = _write(rng, asked, desks)
    charts = _place_charts(rng, asked, desks, stories)
    photos = _photos(folder, seed, asked, stories, desks, photo_scale)
    cover = stories[0].id if asked.cover else ""
    note = editorial(rng, desks) if asked.editorial else None
    made = Made(stories, charts, photos, cover, note)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "issue.yaml").write_text(english_file(seed, year, month, asked, made), encoding="utf-8")
    (folder / "issue.ru.yaml").write_text(russian_file(seed, year, month, made), encoding="utf-8")
    return _issue_shape(folder.name, seed, asked, desks, made)


def _issue_month(issue_id: str, rng: random.Random) -> tuple[int, int]:
    """The year and month an id like 2031-03 names; other ids get some month of the 2030s."""
    match = re.match(r"^(\d{4})-(\d{2})$", issue_id)
    if match and 1 <= int(match[2]) <= 12:
        return int(match[1]), int(match[2])
    return rng.randint(2030, 2039), rng.randint(1, 12)


def _plan(rng: random.Random, shape: Shape, head: Person, year: int, month: int) -> list[Desk]:
    """A field of work for each story, and what happened: a meeting or a study visit
    makes a shorter story than a course, so the long ones are courses."""
    topics = rng.sample(TOPICS, shape.stories)
    kinds = [kind if words <= LONGEST[kind] else "training"
             for kind, words in zip(rng.choices(KINDS, (11, 6, 3), k=shape.stories), shape.words)]
    return [plan_story(rng, topic, kind, rng.choice(COUNTRIES), rng.choice(DONORS), head, year, month)
            for topic, kind in zip(topics, kinds)]


def _write(rng: random.Random, shape: Shape, desks: list[Desk]) -> list[StoryText]:
    """Each story's words; fact boxes and pull quotes go to stories drawn at random."""
    boxed = set(rng.sample(range(shape.stories), shape.factboxes))
    quoted = set(rng.sample(range(shape.stories), shape.quotes))
    stories: list[StoryText] = []
    ids: set[str] = set()
    for n, (desk, words) in enumerate(zip(desks, shape.words)):
        story = write_story(desk, _story_id(desk, ids), words, kicker=rng.random() < 0.9,
                            listed=rng.random() < 0.3, linked=rng.random() < 0.25, emphasis=rng.random() < 0.3,
                            quotes=rng.choice((1, 1, 2)) if n in quoted else 0)
        ids.add(story.id)
        story.factbox = factbox(desk) if n in boxed else None
        stories.append(story)
    return stories


def _story_id(desk: Desk, taken: set[str]) -> str:
    city = desk.noun("host_city" if desk.kind == "visit" else "city")
    base = re.sub(r"[^a-z0-9]+", "-", f"{city.en} {desk.topic.key} {desk.kind}".lower()).strip("-")
    story_id, n = base, 2
    while story_id in taken:
        story_id, n = f"{base}-{n}", n + 1
    return story_id


def _place_charts(rng: random.Random, shape: Shape, desks: list[Desk],
                  stories: list[StoryText]) -> list[list[Chart]]:
    """Charts go to the longer stories, which have the room for an infographic panel."""
    placed: list[list[Chart]] = [[] for _ in stories]
    longest = sorted(range(len(stories)), key=lambda n: -shape.words[n])[:max(1, len(shape.charts) - 1)]
    for spec in shape.charts:
        n = rng.choice(longest)
        chart_id = f"{stories[n].id}-{spec.kind}"
        if any(c.id == chart_id for c in placed[n]):
            chart_id += f"-{len(placed[n]) + 1}"
        placed[n].append(make_chart(desks[n], chart_id, spec))
    return placed


@dataclass
class Photo:
    shape: PhotoShape
    caption: Pair
    credit: Pair
    alt: Pair


def _photos(folder: Path, seed: int, shape: Shape, stories: list[StoryText], desks: list[Desk],
            scale: float) -> list[list[Photo]]:
    """Each story's photos, drawn as labelled placeholders (their credit lines say so)."""
    orientations = iter(shape.orientations * (1 + sum(shape.photos)))
    (folder / "photos").mkdir(parents=True, exist_ok=True)
    placed = []
    for story, desk, count in zip(stories, desks, shape.photos):
        photos = []
        for n in range(count):
            orientation = next(orientations)
            width, height = (max(8, round(side * scale)) for side in ORIENTATIONS[orientation])
            name = f"photos/{story.id}-{n + 1}.jpg"
            title = f"{orientation} {ORIENTATIONS[orientation][0]} × {ORIENTATIONS[orientation][1]}: {story.id}"
            make_placeholder(folder / name, title, seed=f"family-{seed}-{name}", size_px=(width, height))
            words = caption(desk, n, panorama=orientation == "panorama")
            photos.append(Photo(PhotoShape(name, (width, height), orientation), words.caption, words.credit,
                                words.alt))
        placed.append(photos)
    return placed


# ---- The files ----------------------------------------------------------------

@dataclass
class Made:
    """Everything written for an issue, in both languages."""
    stories: list[StoryText]
    charts: list[list[Chart]]
    photos: list[list[Photo]]
    cover: str
    editorial: Pair | None


# libyaml's emitter when PyYAML has it: the pure-Python one takes most of the time a family takes.
_Emitter: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_Emitter):
    """Bodies as literal blocks, as an editor writes them; other strings as plain as they can be."""


def _string(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_Dumper.add_representer(str, _string)


def _dump(header: str, document: dict[str, Any]) -> str:
    body = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return header + body


def _header(seed: int) -> str:
    return (f"# Generated by benchmarks/family.py (seed {seed}): invented stories for measuring the layout.\n"
            "# People, quotes and figures are made up; places and institutions are only a setting.\n")


def english_file(seed: int, year: int, month: int, shape: Shape, made: Made) -> str:
    issue: dict[str, Any] = {"number": max(1, (year - 2029) * 6 + (month - 1) // 2),
                             "date": datetime.date(year, month, 28), "period": period(year, month).en,
                             "language": "en"}
    if made.cover:
        issue["cover_story"] = made.cover
    if made.editorial:
        issue["editorial"] = made.editorial.en
    issue["example"] = True             # its photos are bulletin's placeholders: not copy to come
    issue["stories"] = [_english_story(story, charts, photos, columns)
                        for story, charts, photos, columns in zip(made.stories, made.charts, made.photos,
                                                                  shape.columns)]
    return _dump(_header(seed), issue)


def _english_story(story: StoryText, charts: list[Chart], photos: list[Photo], columns: int) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": story.id}
    if story.kicker:
        entry["kicker"] = story.kicker.en
    entry.update(headline=story.headline.en, lead=story.lead.en, body=story.body.en)
    if story.quotes:
        entry["quotes"] = [{"text": q.text.en, "attribution": q.attribution.en} for q in story.quotes]
    if photos:
        entry["figures"] = [{"image": p.shape.file, "caption": p.caption.en, "credit": p.credit.en, "alt": p.alt.en}
                            for p in photos]
    if story.factbox:
        entry["factbox"] = {"title": story.factbox[0].en, "body": story.factbox[1].en}
    if charts:
        entry["charts"] = [chart.data for chart in charts]
    if columns != 2:
        entry["columns"] = columns
    return entry


def russian_file(seed: int, year: int, month: int, made: Made) -> str:
    issue: dict[str, Any] = {"language": "ru", "period": period(year, month).ru}
    if made.editorial:
        issue["editorial"] = made.editorial.ru
    issue["stories"] = {story.id: _russian_story(story, charts, photos)
                        for story, charts, photos in zip(made.stories, made.charts, made.photos)}
    return _dump(_header(seed), issue)


def _russian_story(story: StoryText, charts: list[Chart], photos: list[Photo]) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    if story.kicker:
        entry["kicker"] = story.kicker.ru
    entry.update(headline=story.headline.ru, lead=story.lead.ru, body=story.body.ru)
    if story.quotes:
        entry["quotes"] = [{"text": q.text.ru, "attribution": q.attribution.ru} for q in story.quotes]
    if photos:
        entry["figures"] = [{"caption": p.caption.ru, "credit": p.credit.ru, "alt": p.alt.ru} for p in photos]
    if story.factbox:
        entry["factbox"] = {"title": story.factbox[0].ru, "body": story.factbox[1].ru}
    if charts:
        entry["charts"] = {chart.id: chart.words for chart in charts}
    return entry


def _issue_shape(issue_id: str, seed: int, shape: Shape, desks: list[Desk], made: Made) -> IssueShape:
    stories = []
    for story, desk, charts, photos, columns in zip(made.stories, desks, made.charts, made.photos, shape.columns):
        body = story.body
        stories.append(StoryShape(
            id=story.id, topic=desk.topic.key, kind=desk.kind, columns=columns, words=word_count(body.en),
            words_ru=word_count(body.ru), photos=tuple(p.shape for p in photos),
            charts=tuple(ChartShape(c.id, c.spec.kind, c.data.get("width", "full"), c.spec.table, c.spec.notes)
                         for c in charts),
            factbox=story.factbox is not None, quotes=len(story.quotes), kicker=story.kicker is not None,
            listed="\n- " in body.en, linked="](http" in body.en, emphasis=re.search(r"\*\w", body.en) is not None))
    return IssueShape(issue_id, seed, tuple(stories), made.editorial is not None, made.cover, _characters(made))


def _characters(made: Made) -> tuple[int, int]:
    """Characters of the words the pages print, per language: the Russian runs longer."""
    texts: list[Pair] = [made.editorial] if made.editorial else []
    for story, photos in zip(made.stories, made.photos):
        texts += [story.headline, story.lead, story.body, *(p.caption for p in photos)]
        texts += [q.text for q in story.quotes] + ([story.kicker] if story.kicker else [])
        texts += list(story.factbox or ())
    return sum(len(t.en) for t in texts), sum(len(t.ru) for t in texts)


# ---- The family ---------------------------------------------------------------

@dataclass(frozen=True)
class Member:
    """One issue of the family: its seed and the knobs it sets (the seed draws the rest)."""
    seed: int
    shape: Mapping[str, Any] = field(default_factory=dict)


def _member(seed: int, **shape: Any) -> Member:
    return Member(seed, shape)


FAMILY: list[Member] = [
    # The corners: fewest and most stories, every kind of chart and option, no photos at all.
    _member(101, stories=5, charts=("bars+table", "donut"), columns=(2, 3, 2, 2, 2)),
    _member(102, stories=10, photos=(2, 1, 0, 1, 3, 1, 0, 1, 2, 1), charts=()),
    _member(103, stories=7, charts=("line+full+notes", "columns+table", "keyfigures", "bars+notes")),
    _member(104, stories=6, orientations=("panorama", "portrait", "landscape", "square"), editorial=False),
    _member(105, stories=8, charts=("keyfigures+full", "donut+table+notes"), factboxes=3, quotes=4),
    _member(106, stories=9, factboxes=0, quotes=0, cover=False),
    _member(107, words=(150, 1200, 420, 800, 250), photos=(3, 0, 1, 2, 0), columns=(1, 2, 3, 2, 2)),
    _member(108, stories=6, charts=("donut+full+table+notes", "line"), cover=False, editorial=False),
    _member(109, photos=(0, 0, 0, 0, 0, 0), charts=("columns+full",), cover=False),
    _member(110, stories=10, factboxes=6, quotes=7, charts=("bars+full", "line+table", "columns+notes")),
    _member(111, stories=7, orientations=("portrait",), photos=(2, 1, 1, 0, 2, 1, 1)),
    _member(112, stories=5, orientations=("panorama", "landscape"), charts=("keyfigures", "keyfigures+full")),
    _member(113, stories=8, columns=(3, 2, 2, 3, 2, 1, 2, 2)),
    _member(114, stories=6, charts=("bars", "columns", "line", "donut")),
    # The rest as the seed draws them.
    *(_member(seed) for seed in range(115, 127)),
]


def member_id(index: int) -> str:
    """The family's issues take the even months from February 2031: 2031-02, 2031-04 ..."""
    return f"{2031 + index // 6}-{2 * (index % 6) + 2:02d}"


def write_family(issues_dir: Path, count: int | None = None, *, photo_scale: float = 1.0) -> list[IssueShape]:
    """The first `count` members (all by default) as issues in `issues_dir`."""
    return [write_issue(issues_dir / member_id(n), member.seed, photo_scale=photo_scale, **member.shape)
            for n, member in enumerate(FAMILY[:count])]


def make_project(out: Path) -> Path:
    """A throw-away project: the repository's styles, fonts and publication settings."""
    for folder in ("styles", "fonts"):
        shutil.copytree(ROOT / folder, out / folder, dirs_exist_ok=True)
    (out / "issues").mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "issues" / "publication.yaml", out / "issues" / "publication.yaml")
    return out / "issues"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the project (created)")
    parser.add_argument("--count", type=int, default=None, help=f"issues to write (default: all {len(FAMILY)})")
    parser.add_argument("--photo-scale", type=float, default=1.0, help="shrink the photos (1: full size)")
    args = parser.parse_args(argv)
    issues = make_project(args.out)
    for shape in write_family(issues, args.count, photo_scale=args.photo_scale):
        words = [s.words for s in shape.stories]
        print(f"{shape.id}  seed {shape.seed:>4}  {len(shape.stories):>2} stories  {sum(words):>5} words "
              f"({min(words)}–{max(words)})  {len(shape.photos)} photos  {len(shape.charts)} charts")
    print(f"bulletin build {args.out / 'issues' / member_id(0)} --out DIR   typesets one of them", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
