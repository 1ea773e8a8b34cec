"""Starting the next issue from the latest one: same stories, words to come.

`new_issue` reads the previous issue's file as plain YAML (it need not be
valid to be a model) and writes `issues/<id>/issue.yaml` with the number and
date advanced and one story per story of the previous issue: its kicker,
column count and photos kept, its words replaced by placeholders marked "TK",
the trade's mark for copy still to come. Photos get labelled placeholder
images, so the new issue checks and typesets at once. The first story carries
a commented example of every kind of block (pull quotes, photos, fact box,
charts), ready to uncomment.

What is kept, the placeholders, the examples and the comments beside the keys
all come from the format's declarations (content/fields.py): the file is built
as entries of those keys and written by content/yamlwriter.py, so a key
declared there is written here with no edit.

The new issue's id continues the previous one: ids are year-month (2017-04),
and the step is the gap between the last two issues or, when there is only
one, the months its period names ("March–April 2017": two months).
"""
from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..content.fields import FIGURE, ISSUE, STORY, TK, Field, ListOf, plain
from ..content.issue import ISSUE_FILE, ISSUE_ID, load_issue
from ..content.publication import PUBLICATION_FILE
from ..content.wording import wording
from ..content.yamlreader import NodeReader
from ..content.yamlwriter import Entry, Mapping, Note, dump
from ..errors import BulletinError
from ..files import shown_path
from .placeholders import make_placeholder

MONTH_ID = re.compile(r"^(\d{4})-(\d{2})$")
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
    """The latest issue as plain data, read within the loader's limits."""
    reader = NodeReader(path, shown_path(path))
    content = reader.load()
    if reader.problems:
        raise BulletinError(f"{shown_path(path)}: cannot be read as the model for the next "
                            f"issue ({reader.problems[0]}); run `bulletin check` on it")
    if not isinstance(content, dict) or not isinstance(content.get("stories"), list):
        raise BulletinError(f"{shown_path(path)}: has no stories to model the next issue on; "
                            "run `bulletin check` on it")
    return content


def _step(previous_ids: list[str], content: dict) -> int | None:
    """Months between issues: the gap between the last two, else the months the period names."""
    dated = [i for i in previous_ids if MONTH_ID.match(i)]
    if len(dated) >= 2:
        gap = _months_between(dated[-2], dated[-1])
        if gap is not None and gap > 0:
            return gap
    named = _months_named(str(content.get("period", "")), str(content.get("language", "en")))
    if named:
        first, last = named[0][1], named[-1][1]
        return (last - first) % 12 + 1
    return None


def _next_id(previous_id: str, months: int | None) -> str:
    dated = MONTH_ID.match(previous_id)
    if dated is None or months is None:
        raise BulletinError(f"cannot tell which issue follows {previous_id}: give the new "
                            "issue's id, e.g. `bulletin new 2017-06`")
    year, month = _add_months(int(dated[1]), int(dated[2]), months)
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
    """A story of the new issue, as the last issue's story suggests it."""
    id: str
    kept: dict               # the values `new` keeps (kicker, columns), by key
    words: dict[str, int]    # how many words each text of the last story ran to, by key
    figures: int             # its photos: each gets a placeholder
    had: tuple[str, ...]     # what else it held, recalled in a comment: "a pull quote", "2 charts"

    @property
    def kicker(self) -> str:
        return self.kept.get("kicker", "")


@dataclass(frozen=True)
class _Plan:
    number: int
    date: str
    period: str
    language: str
    previous_id: str
    cover_index: int | None
    words: dict[str, int]    # the issue's own texts (editorial), as for a story
    stories: tuple[_Story, ...]

    @classmethod
    def of(cls, content: dict, previous_id: str, months: int | None) -> _Plan:
        language = _kept(ISSUE, content).get("language", "en")
        number = content.get("number")
        stories: list[_Story] = []
        ids: set[str] = set()
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
                   words=_word_counts(ISSUE, content), stories=tuple(stories))


def _plan_story(story: dict, index: int, taken: set[str]) -> _Story:
    kept = _kept(STORY, story)
    base = _slug(kept.get("kicker", "")) or f"story-{index + 1}"
    story_id, n = base, 2
    while story_id in taken:
        story_id, n = f"{base}-{n}", n + 1
    return _Story(story_id, kept, _word_counts(STORY, story), _count(story, "figures"),
                  tuple(_recalled(STORY, story)))


def _kept(fields: dict[str, Field], last: dict) -> dict:
    """The last issue's values of the keys `new` keeps, as the loader reads them."""
    values = {key: field.kind.accept(last.get(key)) for key, field in fields.items() if field.kept}
    return {key: value for key, value in values.items() if value is not None}


def _word_counts(fields: dict[str, Field], last: dict) -> dict[str, int]:
    counts = {key: _words(last.get(key)) for key, field in plain(fields).items() if field.words}
    return {key: count for key, count in counts.items() if count}


def _recalled(fields: dict[str, Field], story: dict):
    """What else the last story held, in the words of its declarations: "2 pull quotes"."""
    for key, field in fields.items():
        value = story.get(key)
        if not field.recalled or not value:
            continue
        if isinstance(value, list):
            yield field.recalled if len(value) == 1 else f"{len(value)} {field.recalled[2:]}s"
        elif value is True or isinstance(value, dict):
            yield field.recalled


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
    """The new issue.yaml: a header comment, the issue's keys, then one story after another."""
    header = [
        f"Issue {plan.number}, {plan.period}: started by `bulletin new` from issue {plan.previous_id}.",
        f"Same stories in the same order; every {TK} (\"to come\") marks words to write.",
        "`bulletin check` validates this file, `bulletin watch` rebuilds the email edition",
        "on every save, `bulletin proof` makes page pictures for the editor. Photos under",
        "photos/ are labelled placeholders: replace them, keeping or changing the names.",
    ]
    cover = plan.stories[plan.cover_index].id if plan.cover_index is not None else None
    stories = []
    for index, story in enumerate(plan.stories):
        stories += [Note(), *_story_heading(story, index), Mapping(tuple(_story_entries(story, index)))]
    given = {"number": plan.number, "date": dt.date.fromisoformat(plan.date),
             "period": plan.period, "language": plan.language, "cover_story": cover,
             "stories": stories}
    body: list[Entry | Note] = []
    for entry in _entries(ISSUE, given, {}, plan.words):
        body += [Note(), entry] if entry.key == "stories" else [entry]
    notes: list[Entry | Note] = [Note(line) for line in header]
    return dump(notes + body)


def _story_heading(story: _Story, index: int) -> list[Note]:
    columns = story.kept.get("columns")
    last_time = [f"{columns} columns" if columns else "", f"{story.words.get('body', 0)} words",
                 *story.had]
    return [Note(f"{index + 1} {story.kicker or story.id} " + "-" * max(3, 60 - len(story.kicker))),
            Note(f"Last issue: {', '.join(p for p in last_time if p)}.")]


def _story_entries(story: _Story, index: int) -> list[Entry | Note]:
    figures: list[Mapping | Note] = [_figure(_photo_name(story, n)) for n in range(story.figures)]
    if figures and index == 0:      # one more, under the story's photos: it continues their list
        figures += [Note(f"--- Another photo: {UNCOMMENT} ---"),
                    Mapping(_figure(_photo_name(story, 0)).items, commented=True)]
    written = _entries(STORY, {"id": story.id, "figures": figures or None}, story.kept, story.words)
    entries: list[Entry | Note] = [*written]
    if index == 0:
        written_keys = {entry.key for entry in written}
        entries += [Note(f"--- Examples of every kind of block; to add one, {UNCOMMENT} ---")]
        entries += _examples(STORY, written_keys, {"figures": [_figure(_photo_name(story, 0))]})
    return entries


def _entries(fields: dict[str, Field], given: dict, kept: dict, words: dict[str, int]) -> list[Entry]:
    """The keys `new` writes, in their declared order: the values `given` (None: leave the
    key out), those it keeps from the last issue, and a TK placeholder for each text the
    issue needs or the last issue had. Copy-fitting is left out: it is redone for new words."""
    entries = []
    for key, field in fields.items():
        if key in given:
            value = given[key]
        elif field.fitting:
            continue
        elif key in kept:
            value = kept[key]
        elif (field.required or key in words) and isinstance(field.example, str):
            value = field.example.format(about=_about(words.get(key, 0)))
        else:
            continue
        if value is not None:
            entries.append(_entry(key, field, value))
    return entries


def _examples(fields: dict[str, Field], written: set[str], given: dict) -> list[Entry]:
    """A commented example of each optional key not written, where it has one."""
    entries = []
    for key, field in fields.items():
        if key in written or field.required or field.fitting:
            continue
        value = given.get(key, _example(field))
        if value is not None:
            entries.append(dataclasses.replace(_entry(key, field, value), commented=True))
    return entries


def _example(field: Field):
    """The key's example: its own, or one made of the examples of the block it holds."""
    if field.example is not None:
        return field.example.format(about="") if isinstance(field.example, str) else field.example
    if not field.block:
        return None
    example = {key: value for key, value in ((k, _example(f)) for k, f in field.block.items())
               if value is not None}
    if not all(key in example for key, f in field.block.items() if f.required):
        return None
    return [example] if isinstance(field.kind, ListOf) else example


def _entry(key: str, field: Field, value) -> Entry:
    """`value` as the entry of `key`, with its comment; blocks become mappings of their keys."""
    if field.block and isinstance(value, dict):
        value = _mapping(field.block, value)
    elif field.block and isinstance(value, list):
        value = [_mapping(field.block, item) if isinstance(item, dict) else item for item in value]
    return Entry(key, value, comment=field.comment, style=field.kind.style)


def _mapping(fields: dict[str, Field], values: dict) -> Mapping:
    return Mapping(tuple(_entry(key, field, values[key]) for key, field in fields.items()
                         if key in values))


def _figure(image: str) -> Mapping:
    """A photo of the new issue: its placeholder image, and TK for its words."""
    return _mapping(FIGURE, {"image": image, **{key: field.example for key, field in FIGURE.items()
                                                if field.example is not None}})


def _about(words: int) -> str:
    return f" (about {words} words)" if words else ""
