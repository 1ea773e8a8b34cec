"""The whole pipeline: load -> charts -> photos -> compose -> typeset -> preflight -> hand-off.

`build` is the sequence; each step below is a function of what the steps
before it made. Worker processes are forked first, so they import WeasyPrint
while the issue is read; they then separate the photos for the press and lay
out, write and preflight each edition side by side (see `jobs`).
"""
from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass, replace
from pathlib import Path

from ..charts import chart_alt, chart_theme, draw_charts
from ..compose.layout import IssueLayout, default_layout
from ..content import load_languages
from ..content.issue import issue_languages
from ..content.model import Issue, panel_may_go_across
from ..content.translation import translation_files
from ..editions import ALL_KINDS, EDITIONS, ColourMode, EditionKind
from ..files import clear_abandoned, folder_lock, shown_path
from ..preflight import Report
from ..progress import stage
from ..project import Project
from ..typeset import (
    Confinement,
    FontSet,
    RefusedReferences,
    layout_deadline,
    layout_limit,
    load_fonts,
    stand_ins,
    standalone_html,
)
from .check import check_glyphs, glyph_check
from .choices import Choices
from .handoff import FOLDER as HANDOFF_FOLDER
from .handoff import hand_off
from .jobs import (
    Composition,
    EditionJob,
    EditionOutcome,
    issue_press_profile,
    line_cache_path,
    set_html,
    set_lines,
    typeset_edition,
)
from .outputs import (
    HTML_FOLDER,
    MANIFEST,
    REPORT,
    BuildResult,
    manifest,
    move_into_place,
    out_folder,
    photo_records,
    plain_errors,
    staged_editions,
    staging_folder,
)
from .workers import Workers, no_cycle_collection

log = logging.getLogger("bulletin.build")


@dataclass(frozen=True)
class Content:
    """The issue in every language asked for, checked, and the fonts it is set in."""
    issues: tuple[Issue, ...]
    fonts: FontSet
    languages: tuple[str, ...] = ()          # all the issue's languages, asked for or not

    @property
    def left_out(self) -> tuple[str, ...]:
        """The issue's languages this build does not make (`--lang` named others)."""
        built = {issue.language for issue in self.issues}
        return tuple(language for language in self.languages if language not in built)

    @property
    def first(self) -> Issue:
        return self.issues[0]


@dataclass(frozen=True)
class Charts:
    """Every language's charts: the SVG per edition and chart id, and their alt texts."""
    files: dict[tuple[str, EditionKind], dict[str, Path]]     # (language, edition) -> id -> SVG
    alts: dict[str, dict[str, str]]                           # language -> id -> alt text
    drawn: int
    reused: int


def build(issue_dir: Path, out_dir: Path | None = None, languages: list[str] | None = None,
          kinds: tuple[EditionKind, ...] = ALL_KINDS, keep_html: bool = False) -> BuildResult:
    """Every edition of every language asked for (all of the issue's by default).

    `kinds=(EditionKind.EMAIL,)` is the quick build `bulletin watch` makes: no
    preflight and no print shop hand-off, which need every edition.

    The PDFs are written even when preflight fails (`result.preflight.failed`),
    so the officer can see what to fix; only the print shop hand-off is withheld.
    """
    project = Project.of_issue(issue_dir)
    languages = list(dict.fromkeys(languages)) if languages else None     # each once
    complete = set(kinds) >= set(ALL_KINDS)     # a partial build is never preflighted nor handed off
    out = None
    try:
        with no_cycle_collection(), Workers(len(kinds) * _language_count(issue_dir, languages)) as workers:
            content = load_content(issue_dir, languages, project)
            out = out_dir = out_folder(out_dir or project.build / content.first.id)
            # The folder is ours first (waiting for another build is not layout time), then the
            # clock runs for everything that lays pages out, and stops before the staging folder
            # is cleared: the alarm rings every second, and a ring there would leave it behind.
            with plain_errors(out_dir, _room(content, kinds)), _exclusive(out_dir), \
                    _recheck_on_refusal(issue_dir, languages), staging_folder(out_dir, workers) as staging, \
                    layout_deadline(layout_limit()):
                photos = place_stand_ins(content.issues, out_dir, kinds)
                lines = set_lines_ahead(content, photos, kinds, project, out_dir, staging, workers)
                charts = draw_all_charts(content, out_dir, kinds, project)
                jobs = compose_editions(content, charts, photos, kinds, project, out_dir, complete)
                for run in lines:       # kept before the editions' jobs read them
                    run.get()
                choices = Choices(out_dir, project.styles)
                result = typeset_editions(jobs, out_dir, staging, workers, charts, content.first, choices)
                records = photo_records(list(content.issues), result.photos, out_dir)
                names: list[str] = [e.path.name for e in result.editions]
                removed: list[str] = []
                if keep_html:
                    write_html(jobs, result.layouts, staging / HTML_FOLDER)
                    names.append(HTML_FOLDER)
                result = replace(result, languages_left=content.left_out)
                if complete:
                    result, handed_off = report_and_hand_off(result, staging)
                    names.append(REPORT)
                    (names if handed_off else removed).append(HANDOFF_FOLDER)
                data = manifest(result, records, earlier=_earlier_manifest(out_dir))
                (staging / MANIFEST).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
                move_into_place(staging, out_dir, [*names, MANIFEST], removed)
    except BaseException:
        if out is not None:     # what workers stopped mid-write left (their processes are gone)
            with contextlib.suppress(OSError):
                clear_abandoned(out, recursive=True)
        raise
    return result


def load_content(issue_dir: Path, languages: list[str] | None, project: Project) -> Content:
    """Stage "load": the issue in each language, its characters checked against the fonts."""
    with stage("load", shown_path(issue_dir)) as loading:
        fonts = load_fonts(project.fonts)
        issues = load_languages(issue_dir, languages, glyphs=glyph_check(fonts))
        for issue in issues:
            check_glyphs(issue, fonts)
        count = len(issues[0].stories)
        loading.result = (f"{count} {'story' if count == 1 else 'stories'} in "
                          f"{', '.join(i.language for i in issues)}")
    first = issues[0].publication.language or issues[0].language     # a translation knows its first
    return Content(tuple(issues), fonts, tuple(issue_languages(issues[0].folder, first)))


def place_stand_ins(issues: tuple[Issue, ...], out_dir: Path,
                    kinds: tuple[EditionKind, ...]) -> dict[Path, Path]:
    """Each figure's stand-in, which every edition lays out with; each edition's own
    photos are made when it is written, at the size the layout gives them (see
    typeset.photos). The press profile is built here if need be, once, before the
    workers separate with it."""
    if any(EDITIONS[kind].press for kind in kinds):
        issue_press_profile(issues[0])
    sources = [figure.image for issue in issues for story in issue.stories for figure in story.figures]
    if not sources:
        return {}
    _refuse_photos_moved_out(issues[0].folder, sources)
    placed = stand_ins(sources, out_dir / "photos" / "fpo")
    log.info("images: %d photos placed as stand-ins for layout", len(placed))
    return placed


def set_lines_ahead(content: Content, photos: dict[Path, Path], kinds: tuple[EditionKind, ...],
                    project: Project, out_dir: Path, staging: Path, workers: Workers) -> list:
    """On an edition's first build, its paragraphs set into lines in the workers
    (jobs.set_lines) while the main process draws the charts, which setting lines does
    not need; the jobs running. Only where every edition has a core of its own: with
    more editions than cores, the fits keep every core busy from the start, and setting
    lines ahead of them delays them more than it saves (benchmarks/README.md). A
    rebuild's typesetting sets the few lines it lacks, as it does with one process."""
    if workers.count < 2 or len(kinds) * len(content.issues) > workers.count:
        return []
    unseen = Charts({(issue.language, kind): {} for issue in content.issues for kind in kinds},
                    _chart_alts(content), 0, 0)
    return [workers.submit(set_lines, replace(job, staging=staging))
            for job in compose_editions(content, unseen, photos, kinds, project, out_dir, preflight=False)
            if not line_cache_path(job).exists()]


def _chart_alts(content: Content) -> dict[str, dict[str, str]]:
    return {issue.language: {chart.id: chart_alt(chart, issue.language)
                             for story in issue.stories for chart in story.charts}
            for issue in content.issues}


def draw_all_charts(content: Content, out_dir: Path, kinds: tuple[EditionKind, ...],
                    project: Project) -> Charts:
    """Stage "charts": each language's charts, drawn once for every edition (or reused)."""
    files: dict[tuple[str, EditionKind], dict[str, Path]] = {}
    alts, drawn, reused = _chart_alts(content), 0, 0
    for issue in content.issues:
        charts = [chart for story in issue.stories for chart in story.charts]
        across_too = {chart.id for story in issue.stories if panel_may_go_across(story) for chart in story.charts}
        with stage("charts", f"[{issue.language}]") as charting:
            theme = chart_theme(project.styles / "bulletin.css",
                                family=content.fonts.families["display"],
                                font_files=[f.path for f in content.fonts.faces_of("display")],
                                colours=issue.publication.colours, language=issue.language)
            new = old = 0
            for kind in kinds:
                made = draw_charts(charts, out_dir / "charts" / issue.language / kind.value, theme,
                                   cmyk=EDITIONS[kind].colour_mode is ColourMode.CMYK, across_too=across_too)
                files[issue.language, kind] = made.files
                new, old = new + made.drawn, old + made.reused
            charting.result = f"{new} drawn, {old} reused" if charts else "none"
        drawn, reused = drawn + new, reused + old
    return Charts(files, alts, drawn, reused)


def compose_editions(content: Content, charts: Charts, photos: dict[Path, Path],
                     kinds: tuple[EditionKind, ...], project: Project, out_dir: Path,
                     preflight: bool) -> list[EditionJob]:
    """What each edition of each language is composed from, as a job for the workers.

    The first edition of each language is fitted; the others are laid out with
    the layout it chose. With `preflight`, each job preflights its PDF."""
    return [EditionJob(issue, kind, Composition(charts.files[issue.language, kind],
                                                charts.alts[issue.language], photos),
                       default_layout(issue), fit=n == 0, measure=n == 0, fonts=content.fonts, project=project,
                       out_dir=out_dir, staging=Path(), preflight=preflight)
            for issue in content.issues for n, kind in enumerate(kinds)]


def typeset_editions(jobs: list[EditionJob], out_dir: Path, staging: Path, workers: Workers,
                     charts: Charts, first: Issue, choices: Choices) -> BuildResult:
    """Stage "typeset" (fit, layout, write and preflight in the workers): each language's
    first edition fitted (or laid out as its kept choices say), then its others with
    the layout chosen, every PDF into staging (renamed into place with the other outputs)."""
    fitting = [job for job in jobs if job.measure]
    keys = {job.issue.language: choices.key(job.issue, job.composition) for job in fitting}
    started = [_start(job, staging, choices, keys, _hand_back(job, jobs, workers)) for job in fitting]
    running = [workers.submit(typeset_edition, job) for job in started]
    ahead = _ahead(jobs, started, staging, workers)
    outcomes: list[EditionOutcome] = []
    following, writing = [], []
    for job, run in zip(started, running):
        fitted: EditionOutcome = run.get()
        if fitted.staged:
            outcomes.append(fitted)
            choices.keep(job.issue, keys[fitted.language], fitted.layout, fitted.made)
        else:           # written beside the language's other editions, on another core
            writing.append((job, workers.submit(typeset_edition, replace(
                job, layout=fitted.layout, fit=False, hand_back=False, fitted=fitted))))
        following += [_following(other, fitted.layout, ahead, staging, workers)
                      for other in jobs if not other.measure and other.issue.language == fitted.language]
    for job, run in writing:
        written: EditionOutcome = run.get()
        outcomes.append(written)
        choices.keep(job.issue, keys[written.language], written.layout, written.made)
    outcomes += [run.get() for run in following]
    outcomes.sort(key=lambda o: next(n for n, j in enumerate(jobs)
                                     if (j.issue.language, j.kind) == (o.language, o.kind)))
    editions = staged_editions(staging, out_dir, outcomes)
    reports = tuple(o.report for o in outcomes if o.report is not None)
    return BuildResult(first, out_dir, editions, charts.drawn, charts.reused,
                       preflight=Report(_report_title(first), reports) if reports else None,
                       fits={o.language: o.fit for o in outcomes if o.fit is not None},
                       fitted={o.language: o for o in outcomes if o.fill is not None},
                       photos={(o.language, o.kind): o.photos for o in outcomes})


def _start(job: EditionJob, staging: Path, choices: Choices, keys: dict[str, str], hand_back: bool) -> EditionJob:
    """A fitting job from the kept choices: as they are for the same content, else as
    where the fitter starts."""
    kept, made, exact = choices.recall(job.issue, keys[job.issue.language])
    if kept is None:
        return replace(job, staging=staging, hand_back=hand_back)
    log.info("fit: %s starts from the choices kept%s", job.issue.language,
             " (the same content)" if exact else "")
    return replace(job, staging=staging, layout=kept, fit=not exact, kept=made, hand_back=hand_back)


def _hand_back(job: EditionJob, jobs: list[EditionJob], workers: Workers) -> bool:
    """Whether the fit should hand its layout back before writing: when its language has
    other editions and a core to spare, the fitted edition is then written beside them
    rather than before them."""
    return workers.count > 1 and any(not other.measure and other.issue.language == job.issue.language
                                     for other in jobs)


def _ahead(jobs: list[EditionJob], started: list[EditionJob], staging: Path, workers: Workers) -> dict:
    """The other editions of each language that starts from kept choices, started now with
    them: the fit most often ends where it started (a word changed), and then they need
    not wait for it. (language, kind) -> (the layout, the running job)."""
    if workers.count < 2:
        return {}                      # one process: nothing could run beside the fit
    kept = {job.issue.language: job.layout for job in started if job.kept is not None or not job.fit}
    return {(other.issue.language, other.kind):
            (kept[other.issue.language],
             workers.submit(typeset_edition, replace(other, staging=staging, layout=kept[other.issue.language])))
            for other in jobs if not other.measure and other.issue.language in kept}


def _following(job: EditionJob, layout: IssueLayout, ahead: dict, staging: Path, workers: Workers):
    """The job typesetting `job` in the `layout` its language's fit chose: the one started
    ahead if it guessed that layout, else a new one, once the wrong guess has stopped
    writing into staging."""
    guessed, running = ahead.get((job.issue.language, job.kind), (None, None))
    if running is not None and guessed == layout:
        return running
    if running is not None:
        with contextlib.suppress(Exception):     # its file is written over: what went wrong is moot
            running.get()
    return workers.submit(typeset_edition, replace(job, staging=staging, layout=layout))


def report_and_hand_off(result: BuildResult, staging: Path) -> tuple[BuildResult, bool]:
    """preflight.txt of the PDFs' reports, and the print files handed off if nothing
    failed, both into `staging`; whether they were handed off."""
    report = result.preflight or Report(_report_title(result.issue), ())
    text = report.text()
    (staging / REPORT).write_text(text, encoding="utf-8")
    if result.languages_left:   # the shop gets every language from one build, never a mix
        return result, False
    handed = hand_off(staging, result.issue, result.editions, report, text,
                      issue_press_profile(result.issue))
    return result, handed is not None


def _earlier_manifest(out_dir: Path) -> dict | None:
    """The last build's build.json, for the languages this build leaves as they were."""
    try:
        return json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_html(jobs: list[EditionJob], layouts: dict[str, IssueLayout], folder: Path) -> None:
    """Each edition's HTML as WeasyPrint gets it, in the layout chosen, its
    stylesheets inlined: what the benchmark's floor renders with plain
    WeasyPrint. Images, charts and fonts stay where the build put them
    (absolute file addresses)."""
    folder.mkdir()
    for job in jobs:
        html = set_html(job, layouts.get(job.issue.language, job.layout))
        page = standalone_html(html, job.spec, publication=job.issue.publication,
                               fonts=job.fonts, styles_dir=job.project.styles)
        (folder / job.name.replace(".pdf", ".html")).write_text(page, encoding="utf-8")


def _room(content: Content, kinds: tuple[EditionKind, ...]) -> int:
    """What a build needs on its output folder's disk besides the outputs: for each
    edition it typesets, WeasyPrint copies every font file of the publication there."""
    return len(kinds) * len(content.issues) * sum(face.path.stat().st_size for face in content.fonts.faces)


def _language_count(issue_dir: Path, languages: list[str] | None) -> int:
    """How many languages a build will typeset, known before the issue is read."""
    return len(languages) if languages else 1 + len(translation_files(issue_dir.resolve()))


def _report_title(issue: Issue) -> str:
    return f"{issue.publication.name} {issue.id}"


def _exclusive(out_dir: Path):
    """One build per output folder at a time: a second one waits for the first.
    Without it two builds would draw the same chart files while the other
    typesets them."""
    return folder_lock(out_dir, on_wait=lambda: log.warning(
        "waiting for another build writing to %s to finish", out_dir))


class _recheck_on_refusal:
    """When rendering was refused a file, read the content again: if a photo was
    swapped for a link outside the issue mid-build, that is a content error with
    its line; otherwise the refusal stands (a defect of the templates or styles)."""

    def __init__(self, issue_dir: Path, languages: list[str] | None):
        self.issue_dir, self.languages = issue_dir, languages

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace) -> None:
        if isinstance(error, RefusedReferences):
            load_languages(self.issue_dir, self.languages)


def _refuse_photos_moved_out(folder: Path, sources: list[Path]) -> None:
    """A photo swapped for a link out of the issue since it was loaded is not read:
    the refusal makes the build read the content again and report it at its line."""
    issue_only = Confinement(roots=(folder.resolve(),))      # the rule rendering reads by
    moved = [str(s.relative_to(folder)) for s in dict.fromkeys(sources) if not issue_only.allows(s)]
    if moved:
        raise RefusedReferences(f"photos now outside the issue folder: {', '.join(moved)}")
