"""The fitter: the officer's keys always win, choices are kept for the next build, the
front page holds its contents, and fitting never leaves an issue emptier than the
design's own layout did."""
from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml

from benchmarks.family import FAMILY, member_id, write_issue
from bulletin.compose.layout import Head
from bulletin.content import load_languages
from bulletin.editions import EditionKind
from bulletin.pipeline import build
from bulletin.tools.placeholders import fill_missing_placeholders
from bulletin.typeset import fitter
from bulletin.typeset.pagemap import map_pages
from tests.support.pdftools import text
from tests.support.project import ROOT, copy_project

pytestmark = pytest.mark.slow     # builds PDFs end to end (left out by make test-fast)


def generated(root, index: int, photo_scale: float = 0.25, **shape):
    """A family member's issue in a fresh project, photos at a quarter of their size."""
    copy_project(root, loose=False)
    folder = root / "issues" / member_id(index)
    member = FAMILY[index]
    write_issue(folder, member.seed, photo_scale=photo_scale, **{**member.shape, **shape})
    return folder


def fitted_layout(result, language: str = "en") -> dict:
    manifest = json.loads((result.out_dir / "build.json").read_text())
    return manifest["fit"][language]


def assert_no_emptier_than_the_design(fit: dict, multiple: int) -> None:
    """The fitter's first trial is the design's own layout, and it keeps its best: where
    that layout made the page count (2031-08's design is 9 pages, its fit 12 and emptier)."""
    assert abs(fit["pages"] - fit["target"]) <= multiple
    assert fit["fill"]["mean_white"] <= fit["design_mean_white"] + 1e-9


def test_the_officers_keys_win(tmp_path):
    # Half of 2031-04: the keys cost the fitter most of its trials, and 20 pages cost minutes.
    folder = generated(tmp_path, 1, stories=5, photos=(2, 1, 0, 1, 3))
    data = yaml.safe_load((folder / "issue.yaml").read_text(encoding="utf-8"))
    stories = data["stories"]
    with_photo = next(s for s in stories[1:] if s.get("figures") and s["id"] != data.get("cover_story"))
    stories[2]["new_page"] = True
    stories[3]["columns"] = 3
    with_photo["wide_photo"] = True
    data["back_cover"] = True
    (folder / "issue.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    result = build(folder, languages=["en"], kinds=(EditionKind.EMAIL,))
    layout = fitted_layout(result)["layout"]
    assert layout["back_cover"] is True
    assert layout["stories"][stories[2]["id"]]["new_page"] is True
    assert layout["stories"][stories[3]["id"]]["columns"] == 3
    assert layout["stories"][with_photo["id"]]["head"] == Head.WIDE.value
    pdf = result.editions[0].path
    starts = [n for n in range(1, result.editions[0].pages + 1)
              if stories[2]["headline"].split()[0] in text(pdf, n)]
    assert starts, "the story set on a new page is not in the PDF"


def test_a_window_trial_measures_the_pages_a_whole_layout_has(tmp_path, monkeypatch):
    """A trial that lays out only the stories up to the one after its change, and keeps the
    pages from there, has the pages (their stories and white) of the whole issue laid out."""
    folder = generated(tmp_path, 0, stories=5)        # two of its trials are windows
    spliced, compared = [], []
    splice, tried = fitter._spliced, fitter.Fitter._tried
    monkeypatch.setattr(fitter, "_spliced", lambda *a: spliced.append(splice(*a)) or spliced[-1])

    def checked(self, fit, layout, choices):
        spliced.clear()
        trial = tried(self, fit, layout, choices)
        if spliced and spliced[-1] is not None:
            whole = map_pages(self.lay_out(layout, None))
            compared.append([[(f.story, round(f.top, 2)) for f in page.fragments] + [round(page.fill.white, 4)]
                             for page in trial.pages]
                            == [[(f.story, round(f.top, 2)) for f in page.fragments] + [round(page.fill.white, 4)]
                                for page in whole])
        return trial
    monkeypatch.setattr(fitter.Fitter, "_tried", checked)
    build(folder, languages=["en"], kinds=(EditionKind.EMAIL,))
    assert compared and all(compared), compared


def test_a_design_layout_at_the_binding_count_is_mended_without_planning_until_it_meets_the_aim(
        tmp_path, monkeypatch):
    # The English example's design layout makes its 8 pages, page 4 31 % white: mending its
    # holes meets the aim. The planner's first plan from there ran to 9 pages, and two more
    # layouts brought it back to where it started.
    # Once a trial meets the aim, no trial follows it.
    plans: list[int] = []
    plan, tried = fitter.Model.plan, fitter.Fitter._tried
    trials: list[bool] = []
    monkeypatch.setattr(fitter.Model, "plan", lambda self, target: plans.append(target) or plan(self, target))
    monkeypatch.setattr(fitter.Fitter, "_tried", lambda self, *a: trials.append(fitter._met(t := tried(self, *a)))
                        or t)
    copy_project(tmp_path, loose=False)
    folder = tmp_path / "issues" / "2017-04"
    shutil.copytree(ROOT / "issues" / "2017-04", folder, ignore=shutil.ignore_patterns("photos"))
    fill_missing_placeholders(folder)
    fit = fitted_layout(build(folder, languages=["en"], kinds=(EditionKind.EMAIL,)))
    assert plans == []
    assert trials.index(True) == len(trials) - 1, trials
    assert fit["pages"] == fit["target"]
    assert fit["fill"]["mean_white"] <= 0.05 and fit["fill"]["worst_white"] <= 0.12, fit["fill"]


def test_where_mending_a_design_layout_at_the_count_falls_short_it_is_planned_too(tmp_path, monkeypatch):
    # 2032-02's design layout makes its 8 pages, but mending alone leaves them whiter than the
    # aim: the planner's fit is tried from the same first layout, and the better of the two kept.
    fits: dict[str, list] = {"mended": [], "planned": [], "kept": []}
    mend, planned, fit = fitter.Fitter._mend, fitter.Fitter._planned, fitter.Fitter.fit
    monkeypatch.setattr(fitter.Fitter, "_mend", lambda self, f, trials=fitter.MEND_TRIALS, **kw: fits["mended"].append(
        (trials, f.layouts, mend(self, f, trials, **kw))) or fits["mended"][-1][2])
    monkeypatch.setattr(fitter.Fitter, "_planned", lambda self, f: fits["planned"].append(planned(self, f))
                        or fits["planned"][-1])
    monkeypatch.setattr(fitter.Fitter, "fit", lambda self, *a: fits["kept"].append(fit(self, *a)) or fits["kept"][-1])
    build(generated(tmp_path, 6), languages=["en"], kinds=(EditionKind.EMAIL,))
    (trials, layouts, mended), [planned_fit], [kept] = fits["mended"][0], fits["planned"], fits["kept"]
    assert (trials, layouts) == (fitter.FIRST_MEND_TRIALS, 1), "the design layout is mended first"
    assert not fitter._met(mended)
    assert kept is min(mended, planned_fit, key=fitter._score)
    assert kept.layouts == mended.layouts + planned_fit.layouts - 1


def test_a_rebuild_of_the_same_content_reuses_the_choices(tmp_path):
    folder = generated(tmp_path, 3)
    first = fitted_layout(build(folder, languages=["en"], kinds=(EditionKind.EMAIL,)))
    again = fitted_layout(build(folder, languages=["en"], kinds=(EditionKind.EMAIL,)))
    assert again["layout"] == first["layout"]
    assert again["layouts"] == 1 and again["choices"] == first["choices"]   # what the pages hold
    # One word changed: the fitter starts from the kept choices.
    issue_file = folder / "issue.yaml"
    issue_file.write_text(issue_file.read_text(encoding="utf-8").replace(" the ", " this ", 1),
                          encoding="utf-8")
    changed = fitted_layout(build(folder, languages=["en"], kinds=(EditionKind.EMAIL,)))
    assert changed["layouts"] == 1, "the kept choices still fill: one layout"


LONG_CONTENTS = next(n for n, member in enumerate(FAMILY) if member.shape.get("stories", 0) >= 10)


# 2031-12 in Russian: the design's layout with a back cover made the page count, but pushed
# the contents overleaf; a front page that holds them now ranks before the page count.
# Ten short stories: the contents list of ten is what counts, not 20 pages of text.
SHORT = {"words": (300, 150, 400, 150, 250, 150, 300, 150, 200, 150)}


@pytest.mark.parametrize("index, language, scale, shape", [(LONG_CONTENTS, "en", 0.25, SHORT),
                                                           (5, "ru", 1.0, {})])
def test_the_front_page_holds_every_headline_of_the_contents(tmp_path, index, language, scale, shape):
    folder = generated(tmp_path, index, photo_scale=scale, **shape)   # full size: a cover-worthy photo
    result = build(folder, languages=[language], kinds=(EditionKind.EMAIL,))
    issue = next(i for i in load_languages(folder) if i.language == language)
    front = re.sub(r"\s+", " ", text(result.editions[0].path, 1))
    for story in issue.stories:
        assert " ".join(story.headline.split()[:4]) in front, story.headline
    assert_no_emptier_than_the_design(fitted_layout(result, language), issue.publication.pages_multiple_of)


def test_without_a_cover_photo_the_first_story_opens_under_the_contents(tmp_path):
    """Photos at a quarter of their size are too small for the cover: the front page would
    be the contents and white (2032-06: 43 %) if the first story waited for page 2."""
    folder = generated(tmp_path, 0, stories=5, cover=False)
    result = build(folder, languages=["en"], kinds=(EditionKind.EMAIL,))
    issue = next(i for i in load_languages(folder) if i.language == "en")
    assert not issue.cover_story
    front = re.sub(r"\s+", " ", text(result.editions[0].path, 1))
    assert " ".join(issue.stories[0].lead.split()[:5]) in front    # the headline is in the contents
    fill = fitted_layout(result)["fill"]
    assert fill["pages"][0]["white"] <= 0.12, fill["pages"][0]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_example_issue_runs_its_columns_to_the_foot_of_its_pages(seed, language):
    # The design's own layout leaves page 4 of the English 28 % white (11 % on average), the
    # Russian 21 % on average. Fitted, each meets the aim: at the binding's count, at most 5 %
    # white on average on pages 2 to N-1 and no such page over 12 % (build.json rounds to 0.1 %).
    fit = json.loads((seed.out_dir / "build.json").read_text())["fit"][language]
    assert fit["pages"] == fit["target"]
    assert fit["fill"]["worst_white"] <= 0.12, fit["fill"]
    assert fit["fill"]["mean_white"] <= 0.05, fit["fill"]


def test_the_fit_report_says_once_where_the_contacts_went_as_the_pages_have_them(seed):
    for language, fit in json.loads((seed.out_dir / "build.json").read_text())["fit"].items():
        said = [c["choice"] for c in fit["choices"] if c["choice"].startswith("contacts and donors")]
        assert len(said) <= 1, (language, said)
        if fit["layout"]["back_cover"]:
            assert said and "back cover" in said[0], (language, said)
        assert all(c["page"] >= 1 for c in fit["choices"]), language
