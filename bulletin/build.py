"""The whole pipeline: load -> charts -> compose -> typeset -> write.

Outputs are rendered into a temporary folder beside their final place and
renamed into it only when every edition has rendered, so a failed or
interrupted build leaves the previous PDFs exactly as they were.
"""
from __future__ import annotations

import fcntl
import html
import json
import logging
import os
import shutil
import signal
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .errors import BuildError
from .fonts import FontSet, load_fonts
from .load import issue_languages, load_issue, shown_path
from .model import Edition, Issue
from .progress import stage
from .workers import Workers, no_cycle_collection

EDITIONS = ("email", "print")

log = logging.getLogger("bulletin.build")


@dataclass(frozen=True)
class Project:
    """The folders of a bulletin project: issues/, styles/, fonts/, build/."""
    root: Path

    @classmethod
    def of_issue(cls, issue_dir: Path) -> "Project":
        return cls(issue_dir.resolve().parent.parent)

    @property
    def styles(self) -> Path:
        return self.root / "styles"

    @property
    def fonts(self) -> Path:
        return self.root / "fonts"

    @property
    def build(self) -> Path:
        return self.root / "build"


@dataclass(frozen=True)
class BuildResult:
    issue: Issue
    out_dir: Path
    editions: tuple[Edition, ...]
    charts_drawn: int
    charts_reused: int
    preflight: object = None      # preflight.Report of the PDFs
    fits: dict = field(default_factory=dict)   # language -> fit.FitReport of its layout


def check(issue_dir: Path, languages: list[str] | None = None) -> list[Issue]:
    """Everything that needs no rendering: the content and its characters, per language."""
    issues = load_languages(issue_dir, languages)
    fonts = load_fonts(Project.of_issue(issue_dir).fonts)
    for issue in issues:
        check_glyphs(issue, fonts)
    return issues


def build(issue_dir: Path, out_dir: Path | None = None,
          languages: list[str] | None = None, editions: tuple[str, ...] = EDITIONS,
          keep_html: bool = False) -> BuildResult:
    """Every edition of every language asked for (all of the issue's by default).

    `editions=("email",)` is the quick build `bulletin watch` makes: no preflight
    and no print shop hand-off, which need the print edition.

    The PDFs are written even when preflight fails (`result.preflight.failed`),
    so the officer can see what to fix; only the print shop hand-off is withheld.
    """
    project = Project.of_issue(issue_dir)
    checked = set(editions) >= set(EDITIONS)   # a partial build is never preflighted nor handed off
    with no_cycle_collection(), Workers(len(editions) * _language_count(issue_dir, languages)) as workers:
        with stage("load", shown_path(issue_dir)) as loading:
            issues = load_languages(issue_dir, languages)
            fonts = load_fonts(project.fonts)
            for issue in issues:
                check_glyphs(issue, fonts)
            count = len(issues[0].stories)
            loading.result = (f"{count} {'story' if count == 1 else 'stories'} in "
                              f"{', '.join(i.language for i in issues)}")
        first = issues[0]
        out_dir = (out_dir or project.build / first.id).resolve()
        out_dir.mkdir(parents=True, exist_ok=True)
        _checkpoint("loaded")
        from .compose import compose
        from .typeset import layout_deadline, layout_limit
        # The folder is ours first (waiting for another build is not layout time), then the
        # clock runs for everything that lays pages out.
        with _exclusive(out_dir), layout_deadline(layout_limit()), _recheck_on_refusal(issue_dir, languages):
            placing = _start_photos(issues, out_dir, editions, workers)   # separated by the workers
            charts, drawn, reused = {}, 0, 0
            for issue in issues:
                with stage("charts", f"[{issue.language}]") as charting:
                    chart_files, chart_alts, new, old = _draw_charts(issue, fonts, out_dir / "charts" / issue.language)
                    charting.result = f"{new} drawn, {old} reused" if new or old else "none"
                charts[issue.language] = chart_files, chart_alts
                drawn, reused = drawn + new, reused + old
            photo_files = {kind: placed.done() for kind, placed in placing.items()}
            photos = _photo_records(issues, photo_files, out_dir)
            jobs = []
            for issue in issues:
                chart_files, chart_alts = charts[issue.language]
                jobs += [(issue, kind, compose(issue, chart_files[kind], chart_alts, photo_files[kind]))
                         for kind in editions]
            _checkpoint("charts")
            fits: dict = {}
            if keep_html:
                _keep_html(jobs, fonts, project, out_dir / "html")
            known = {p["sha256"]: p["source"] for p in photos} if checked else None
            made, reports = _typeset_editions(jobs, fonts, project, out_dir, workers, fits, known)
            result = BuildResult(first, out_dir, made, drawn, reused, fits=fits)
            manifest = _manifest(result)
            if checked:
                result = _report_and_hand_off(result, reports)
                manifest = _with_preflight(manifest, result, photos)
            _write_atomically(out_dir / "build.json", json.dumps(manifest, indent=2) + "\n")
    return result


def _language_count(issue_dir: Path, languages: list[str] | None) -> int:
    """How many languages a build will typeset, known before the issue is read."""
    from .translation import translation_files
    return len(languages) if languages else 1 + len(translation_files(issue_dir.resolve()))


def load_languages(issue_dir: Path, languages: list[str] | None = None) -> list[Issue]:
    """The issue in each language asked for, all checked before anything is drawn."""
    first = load_issue(issue_dir)
    wanted = languages or issue_languages(first.folder, first.language)
    return [first if lang == first.language else load_issue(issue_dir, lang) for lang in wanted]


def check_glyphs(issue: Issue, fonts: FontSet) -> None:
    """A character no configured font can draw is an error, never a fallback."""
    problems = []
    for story in issue.stories:
        # As printed: Markdown turns character references (&#x1F600;) into characters.
        text = html.unescape(" ".join(_story_texts(story)))
        for role in ("text", "display"):
            for ch in fonts.missing_characters(text, role):
                name = unicodedata.name(ch, "unnamed character")
                problems.append(f"story '{story.id}': the character '{ch}' (U+{ord(ch):04X} {name}) "
                                f"is not in the font {fonts.families[role]}")
    if problems:
        raise BuildError("\n".join(dict.fromkeys(problems)))


def _story_texts(story):
    yield from (story.kicker, story.headline, story.lead, story.body)
    for quote in story.quotes:
        yield from (quote.text, quote.attribution)
    for figure in story.figures:
        yield from (figure.caption, figure.credit)
    if story.factbox:
        yield from (story.factbox.title, story.factbox.body)
    from .charts import chart_words
    for chart in story.charts:
        yield from chart_words(chart)


def _draw_charts(issue: Issue, fonts: FontSet, charts_dir: Path):
    """SVG charts per edition: RGB for the email edition, DeviceCMYK for the press.

    Returns the files per edition, the alt texts, and how many SVGs were drawn
    and reused (a chart whose drawing key is unchanged is not drawn again).
    """
    charts = [chart for story in issue.stories for chart in story.charts]
    if not charts:
        return {kind: {} for kind in EDITIONS}, {}, 0, 0
    from .charts import chart_alt, chart_theme, draw_charts
    theme = chart_theme(Project.of_issue(issue.folder).styles / "bulletin.css",
                        family=fonts.families["display"],
                        font_files=[f.path for f in fonts.faces_of("display")],
                        colours=issue.publication.colours, language=issue.language)
    drawn = {kind: draw_charts(charts, charts_dir / kind, theme, cmyk=kind == "print")
             for kind in EDITIONS}
    return ({kind: d.files for kind, d in drawn.items()},
            {c.id: chart_alt(c, issue.language) for c in charts},
            sum(d.drawn for d in drawn.values()), sum(d.reused for d in drawn.values()))


def _typeset_editions(jobs: list[tuple[Issue, str, str]], fonts: FontSet, project: Project,
                      out_dir: Path, workers: Workers, fits: dict | None = None,
                      known_photos: dict[str, str] | None = None) -> tuple[tuple[Edition, ...], list]:
    """Render every (issue, edition kind, html) job into staging, then rename all into place.

    Jobs run side by side in the workers: each edition is a whole WeasyPrint
    layout, and they share nothing. The first edition of each language also
    measures that language's fit report into `fits` (both editions share one
    layout). With `known_photos` (sha256 -> source), each PDF is preflighted by
    its worker as soon as it is written; the reports come back in job order.
    """
    _clear_abandoned_staging(out_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{os.getpid()}-", dir=out_dir))
    try:
        measured, running = set(), []
        for issue, kind, page in jobs:
            _checkpoint(f"typeset:{kind}")
            running.append(workers.submit(_typeset_job, (issue, kind, page, fonts, project, out_dir, staging,
                                                         issue.language not in measured, known_photos)))
            measured.add(issue.language)
        rendered = [job.get() for job in running]
        editions, reports = [], []
        _checkpoint("staged")
        # All rendered: replace the old ones, with Ctrl-C held until every rename is done.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            for language, kind, name, pages, fit, report in rendered:
                if fit is not None and fits is not None:
                    fits[language] = fit
                final = out_dir / name
                os.replace(staging / name, final)
                _checkpoint(f"renamed:{kind}")
                editions.append(Edition(kind, language, final, pages, final.stat().st_size))
                reports.append(report)
        finally:
            if signal.SIGINT in signal.sigpending():
                signal.sigwait({signal.SIGINT})   # too late to stop: the new PDFs are all in place
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        return tuple(editions), reports
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _keep_html(jobs: list[tuple[Issue, str, str]], fonts: FontSet, project: Project,
                folder: Path) -> None:
    """Each edition's HTML as WeasyPrint gets it, its stylesheets inlined: what
    the benchmark's floor renders with plain WeasyPrint. Images, charts and
    fonts stay where the build put them (absolute file addresses)."""
    from .typeset import standalone_html
    folder.mkdir(parents=True, exist_ok=True)
    for issue, kind, html_text in jobs:
        page = standalone_html(html_text, kind, publication=issue.publication, fonts=fonts,
                               styles_dir=project.styles)
        _write_atomically(folder / _output_name(issue, kind).replace(".pdf", ".html"), page)


def _typeset_job(task: tuple) -> tuple:
    """One edition of one language, typeset into staging and preflighted there
    (runs in a worker process)."""
    from .typeset import Confinement, typeset
    issue, kind, html, fonts, project, out_dir, staging, measure, known_photos = task
    confinement = Confinement(roots=(issue.folder, project.styles, project.fonts, out_dir,
                                     *{f.path.parent.resolve() for f in fonts.faces}),
                              owners=_owners(issue))
    name = _output_name(issue, kind)
    fit: dict = {}
    pages = typeset(html, kind, staging / name, publication=issue.publication, fonts=fonts,
                    styles_dir=project.styles, base_url=project.root, confinement=confinement,
                    profile=_press_profile(issue) if kind == "print" else None,
                    on_layout=_fit_measurer(fit, issue) if measure else None)
    report = None
    if known_photos is not None:
        report = _preflight_staged(issue, kind, staging / name, out_dir / name, known_photos)
    return issue.language, kind, name, pages, fit.get(issue.language), report


def _preflight_staged(issue: Issue, kind: str, staged: Path, final: Path, known_photos: dict[str, str]):
    """The preflight of a PDF still in staging, reported under its final name."""
    import dataclasses

    from .preflight import Target, check_file
    with stage("preflight", final.name) as checking:
        target = Target(kind, issue.language, staged, tuple(s.headline for s in issue.stories))
        report = check_file(target, issue.publication, known_photos,
                            measured=final.parent / "photos" / "preflight.json")
        checking.result = report.status
    return dataclasses.replace(report, path=final)


def _fit_measurer(fits: dict | None, issue: Issue):
    """Measures the fit of the first layout of `issue`'s language into `fits`."""
    def measure(document) -> None:
        if fits is not None and issue.language not in fits:
            from .fit import measure as measure_fit
            try:
                fits[issue.language] = measure_fit(document, issue.publication.pages_multiple_of)
            except Exception as error:  # a help for the officer must never stop the build
                log.warning("fit: no report for %s (%s: %s)", issue.language,
                            type(error).__name__, error)
    return measure


def _clear_abandoned_staging(out_dir: Path) -> None:
    """Remove what builds that were killed left behind (their process is gone)."""
    for left in out_dir.glob(".staging-*-*"):
        pid = left.name.split("-")[1]
        if pid.isdigit() and not _process_alive(int(pid)):
            if left.is_dir():
                shutil.rmtree(left, ignore_errors=True)
            else:
                left.unlink(missing_ok=True)


def _owners(issue: Issue) -> dict[Path, str]:
    """Each photo's story, so that a refused reference names it."""
    return {figure.image: f"story '{story.id}'" for story in issue.stories for figure in story.figures}


class _exclusive:
    """One build per output folder at a time: a second one waits for the first.

    Without it two builds would draw the same chart files while the other
    typesets them. The lock is flock(2) on the folder itself, so no lock file
    is left behind and a killed build releases it with its last breath.
    """

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir

    def __enter__(self):
        self.fd = os.open(self.out_dir, os.O_RDONLY)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning("waiting for another build writing to %s to finish", self.out_dir)
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc) -> None:
        os.close(self.fd)          # closing releases the lock


class _recheck_on_refusal:
    """When rendering was refused a file, read the content again: if a photo was
    swapped for a link outside the issue mid-build, that is a content error with
    its line; otherwise the refusal stands (a defect of the templates or styles)."""

    def __init__(self, issue_dir: Path, languages: list[str] | None):
        self.issue_dir, self.languages = issue_dir, languages

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace) -> bool:
        from .typeset import RefusedReferences
        if isinstance(error, RefusedReferences):
            load_languages(self.issue_dir, self.languages)
        return False


def _checkpoint(name: str) -> None:
    """Test hook: BULLETIN_KILL_AT=<name> kills the build here, as a crash or power cut would."""
    if os.environ.get("BULLETIN_KILL_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _output_name(issue: Issue, kind: str) -> str:
    stem = f"{issue.publication.slug}-{issue.id}-{issue.language}"
    return f"{stem}-print.pdf" if kind == "print" else f"{stem}.pdf"


def _manifest(result: BuildResult) -> dict:
    return {
        "bulletin": __version__,
        "issue": result.issue.id,
        "outputs": [{"path": str(e.path.relative_to(result.out_dir)), "edition": e.kind,
                     "language": e.language, "pages": e.pages, "bytes": e.bytes}
                    for e in result.editions],
        "charts": {"drawn": result.charts_drawn, "reused": result.charts_reused},
        "fit": {language: fit.as_json() for language, fit in result.fits.items()},
    }


# -- photos per edition, preflight, hand-off ----------------------------------------

def _press_profile(issue: Issue):
    """The print edition's press profile (built once per machine; see profiles.py)."""
    from .profiles import press_profile
    run = issue.publication.print_run
    return press_profile(run.profile, run.ink_limit, issue.folder.parent)


def _start_photos(issues: list[Issue], out_dir: Path, editions: tuple[str, ...],
                  workers: Workers) -> dict:
    """Each figure's image as each edition places it: CMYK for print, sRGB for
    email. What is not cached yet is converted by the workers; `.done()` waits."""
    from . import images
    sources = [figure.image for issue in issues for story in issue.stories for figure in story.figures]
    placing = {kind: images.Placed({}, {}) for kind in EDITIONS}
    if not sources:
        return placing
    _refuse_photos_moved_out(issues[0].folder, sources)
    cache = out_dir / "photos"
    if "print" in editions:
        placing["print"] = images.for_print(sources, _press_profile(issues[0]), cache / "print", workers.submit)
    if "email" in editions:
        placing["email"] = images.for_email(sources, cache / "email", workers.submit)
    log.info("images: %d photos placed for %s", len(set(sources)), " and ".join(editions))
    return placing


def _refuse_photos_moved_out(folder: Path, sources: list[Path]) -> None:
    """A photo swapped for a link out of the issue since it was loaded is not read:
    the refusal makes the build read the content again and report it at its line."""
    from .typeset import Confinement, RefusedReferences
    issue_only = Confinement(roots=(folder.resolve(),))      # the rule rendering reads by
    moved = [str(s.relative_to(folder)) for s in dict.fromkeys(sources) if not issue_only.allows(s)]
    if moved:
        raise RefusedReferences(f"photos now outside the issue folder: {', '.join(moved)}")


def _photo_records(issues: list[Issue], files: dict[str, dict[Path, Path]], out_dir: Path) -> list[dict]:
    """Which file each edition places for each photo of each language, with the
    hash preflight knows it by (each file read once: the languages share them)."""
    import hashlib
    digests = {placed: hashlib.sha256(placed.read_bytes()).hexdigest()
               for mapping in files.values() for placed in set(mapping.values())}
    records = []
    for issue in issues:
        sources = set(_owners(issue))
        records += [{"source": str(source.relative_to(issue.folder)), "language": issue.language,
                     "edition": kind, "file": os.path.relpath(placed, out_dir), "sha256": digests[placed]}
                    for kind, mapping in files.items() for source, placed in mapping.items()
                    if source in sources]
    return records


def _report_and_hand_off(result: BuildResult, reports: list) -> BuildResult:
    """Write preflight.txt of the PDFs' reports, and hand the print files off if nothing failed."""
    import dataclasses

    from .handoff import hand_off
    from .preflight import Report
    report = Report(_report_title(result.issue), tuple(reports))
    text = report.text()
    _write_atomically(result.out_dir / "preflight.txt", text)
    hand_off(result.out_dir, result.issue, result.editions, report, text, _press_profile(result.issue))
    return dataclasses.replace(result, preflight=report)


def preflight_outputs(issue: Issue, editions, issues: list[Issue], photos: list[dict]):
    from .preflight import Target, preflight
    headlines = {i.language: tuple(s.headline for s in i.stories) for i in issues}
    targets = [Target(e.kind, e.language, e.path, headlines.get(e.language, ())) for e in editions]
    return preflight(targets, issue.publication, {p["sha256"]: p["source"] for p in photos},
                     title=_report_title(issue))


def _report_title(issue: Issue) -> str:
    return f"{issue.publication.name} {issue.id}"


def check_preflight(issue_dir: Path, out_dir: Path | None = None):
    """`bulletin check --preflight`: preflight the PDFs of the last build, rendering nothing."""
    issues = load_languages(issue_dir)
    out_dir = (out_dir or Project.of_issue(issue_dir).build / issues[0].id).resolve()
    try:
        manifest = json.loads((out_dir / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BuildError(f"no build of {issues[0].id} in {out_dir}/ to preflight "
                         f"(run: bulletin build {issue_dir})") from None
    editions = [Edition(o["edition"], o["language"], out_dir / o["path"], o["pages"], o["bytes"])
                for o in manifest["outputs"]]
    missing = [str(e.path) for e in editions if not e.path.is_file()]
    if missing:
        raise BuildError(f"the last build's PDFs are gone: {', '.join(missing)} (build again)")
    return preflight_outputs(issues[0], editions, issues, manifest.get("photos", []))


def _with_preflight(manifest: dict, result: BuildResult, photos: list[dict]) -> dict:
    """build.json: each output's preflight status, the findings, the hand-off, the photos."""
    report = result.preflight
    status = {f.path.name: f.status for f in report.files}
    for output in manifest["outputs"]:
        output["preflight"] = status.get(Path(output["path"]).name)
    manifest["preflight"] = {"report": "preflight.txt", **report.as_json()}
    manifest["handoff"] = None if report.failed else "print/"
    manifest["photos"] = photos
    return manifest


def _write_atomically(path: Path, text: str) -> None:
    # Named like a staging folder, so the next build clears it if this one is killed.
    fd, temp = tempfile.mkstemp(prefix=f".staging-{os.getpid()}-{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    _checkpoint("manifest")
    os.replace(temp, path)
