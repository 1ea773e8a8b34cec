"""Mending holes by trial (typeset/holes.py): the loop over changes with stand-in layouts,
and the changes offered, from hand-made stories."""
from __future__ import annotations

from dataclasses import dataclass, replace
from types import SimpleNamespace

import pytest

from bulletin.compose.layout import Head, IssueLayout, Setting, StoryLayout
from bulletin.typeset import holes
from bulletin.typeset.elastic import crop_mm
from bulletin.typeset.holes import Mend, Mending, _panel_across, _panel_taller, mend_holes
from bulletin.typeset.pagemap import PX_PER_MM, PhotoOnPage
from bulletin.typeset.planner import PhotoRange
from bulletin.typeset.shapes import ColumnPhoto, StoryShape, Words


@dataclass
class Trial:
    """What mending reads of a fit: its pages against the target, its white, its layouts."""
    page_count: int
    white: float
    layouts: int = 1
    target: int = 12
    layout: object = "as planned"
    pages: tuple = ()

    @property
    def fill(self):
        return SimpleNamespace(mean_white=self.white)


def mending(outcomes: list[Trial], calls: list[str]) -> Mending:
    """Each change tried comes out as the next of `outcomes` (then as a whiter page), a page
    short is made up by the back cover (`counted`) or by planning again (`replanned`)."""
    def tried(fit, mend):
        calls.append(f"tried {mend.words}")
        return replace(outcomes.pop(0) if outcomes else Trial(12, 0.5), layouts=fit.layouts + 1)

    def counted(fit):
        calls.append("counted")
        return fit

    def replanned(fit):
        calls.append("replanned")
        return replace(outcomes.pop(0), layouts=fit.layouts + 1)

    return Mending(None, None, tried, counted, replanned,
                   score=lambda f: (abs(f.page_count - f.target), f.white),
                   full=lambda f: f.page_count == f.target and f.white <= 0.04, met=lambda f: False)


@pytest.fixture
def endless(monkeypatch):
    """A change to try on every page, as many as asked for."""
    monkeypatch.setattr(holes, "_changes", lambda _, fit: (Mend(f"layout {n}", "s", n, f"change {n}")
                                                           for n in range(100)))


def test_mending_stops_as_soon_as_the_pages_are_full(endless):
    calls: list[str] = []
    best = mend_holes(mending([Trial(12, 0.08), Trial(12, 0.03), Trial(12, 0.01)], calls),
                      Trial(12, 0.10))
    assert calls == ["tried change 0", "tried change 1"]
    assert (best.white, best.layouts) == (0.03, 3)


def test_mending_takes_at_most_its_trials(endless):
    calls: list[str] = []
    outcomes = [Trial(12, 0.10 - n / 1000) for n in range(20)]
    best = mend_holes(mending(outcomes, calls), Trial(12, 0.10))
    assert len(calls) == holes.MEND_TRIALS and best.layouts == 1 + holes.MEND_TRIALS


def test_mending_given_fewer_trials_takes_no_more(endless):
    # as the fitter's mending of a first layout at the binding's count, before it plans
    calls: list[str] = []
    outcomes = [Trial(12, 0.10 - n / 1000) for n in range(20)]
    best = mend_holes(replace(mending(outcomes, calls), trials=5), Trial(12, 0.10))
    assert len(calls) == 5 and best.layouts == 6


def test_a_change_back_to_a_layout_laid_out_before_is_not_tried(monkeypatch):
    # as a story set in two columns offers three again: the layout the mending started from
    monkeypatch.setattr(holes, "_changes", lambda _, fit: iter([
        Mend("as planned", "s", 4, "set in 3 columns"), Mend("two columns", "s", 4, "set in 2 columns")]))
    calls: list[str] = []
    mend_holes(mending([Trial(12, 0.08, layout="two columns")], calls), Trial(12, 0.10))
    assert calls == ["tried set in 2 columns"]


def test_a_trial_a_page_short_but_fuller_is_planned_again_to_the_count(endless):
    calls: list[str] = []
    best = mend_holes(mending([Trial(11, 0.02), Trial(12, 0.06)], calls), Trial(12, 0.10))
    assert calls[:3] == ["tried change 0", "counted", "replanned"]
    assert (best.page_count, best.white) == (12, 0.06)


def test_a_trial_a_page_short_and_whiter_is_not_planned_again(endless):
    calls: list[str] = []
    mend_holes(mending([Trial(11, 0.20), Trial(12, 0.02)], calls), Trial(12, 0.10))
    assert calls == ["tried change 0", "tried change 1"]


def story_of(*widths: str, kind: str = "bars"):
    charts = tuple(SimpleNamespace(width=width, kind=kind) for width in widths)
    return SimpleNamespace(stories=[SimpleNamespace(id="s", charts=charts)])


DESIGN = StoryLayout(Head.BESIDE, 2)


def panel(layout: StoryLayout = DESIGN):
    fit = SimpleNamespace(layout=IssueLayout({"s": layout}))
    return fit, SimpleNamespace(id="s")


def test_a_panel_of_half_width_charts_may_be_set_across_the_page_and_break():
    fit, shape = panel()
    mended = _panel_across(story_of("half", "half"), fit, shape)
    assert mended is not None
    assert (mended.of("s").panel_across, mended.of("s").panel_breaks) == (True, True)


@pytest.mark.parametrize("widths, layout", [
    (("half", "full"), DESIGN),                                         # nothing to gain a row from
    (("half", "half"), DESIGN.with_(panel_across=True)),                # across already
])
def test_no_panel_is_set_across_where_it_gains_nothing(widths, layout):
    fit, shape = panel(layout)
    assert _panel_across(story_of(*widths), fit, shape) is None


def test_a_panel_of_bars_may_be_drawn_taller_once_set_as_wide_as_it_may_be():
    fit, shape = panel()
    shape.panel = 300.0
    mended = _panel_taller(story_of("full"), fit, shape)
    assert mended is not None and mended.of("s").panel_taller
    fit, shape = panel(DESIGN.with_(panel_across=True))
    shape.panel = 300.0
    assert _panel_taller(story_of("half", "half"), fit, shape).of("s").panel_taller


@pytest.mark.parametrize("story, layout, height", [
    (story_of("full"), DESIGN.with_(panel_taller=True), 300.0),         # taller already
    (story_of("full", kind="donut"), DESIGN, 300.0),                    # a ring has nothing to spread
    (story_of("half", "half"), DESIGN, 300.0),                          # not across yet: drawn taller only so
    (story_of("full"), DESIGN, 0.0),                                    # no panel on the pages
])
def test_no_panel_is_drawn_taller_where_it_cannot_be(story, layout, height):
    fit, shape = panel(layout)
    shape.panel = height
    assert _panel_taller(story, fit, shape) is None


def test_a_column_short_above_a_quote_set_across_brings_the_quote_back_into_the_columns():
    story = StoryLayout(Head.TEXT, 2, quotes=(Setting.ACROSS,), photo_mm=(104.0,))
    fit = SimpleNamespace(layout=IssueLayout({"s": story, "t": StoryLayout(Head.BESIDE, 2)}))
    page = SimpleNamespace(number=7, fragments=[SimpleNamespace(story="t", holes=0.0, photos=[]),
                                                SimpleNamespace(story="s", holes=900.0, photos=[])])
    mends = list(holes._inside(mending([], []), fit, page, {}))
    assert [m.story for m in mends] == ["s", "s"]
    assert mends[0].layout.of("s").quote(0) is Setting.COLUMN
    assert mends[1].layout.of("s").photo_mm == () and mends[1].layout.of("s").quotes == story.quotes
    assert all(m.layout.of("t") == fit.layout.of("t") for m in mends)


def test_a_photo_taller_than_the_text_beside_it_is_cropped_shorter_by_the_hole():
    """Its column run balances: the column beside it was short by as much as it was too tall."""
    story = StoryLayout(Head.TEXT, 2, photo_mm=(None, 104.0))
    fit = SimpleNamespace(layout=IssueLayout({"s": story}))
    shape = SimpleNamespace(id="s", head_photo=0.0, photos=[ColumnPhoto(0, 300, 200, 20), ColumnPhoto(1, 300, 393, 20)])
    photos = lambda layout, shapes: {"s": [PhotoRange(200, 150, 250), PhotoRange(393, 220, 450)]}
    beside = SimpleNamespace(story="s", holes=300.0 * 100, photos=[PhotoOnPage(1, 300, 393, 20)])
    page = SimpleNamespace(number=7, fragments=[beside])
    mends = list(holes._inside(replace(mending([], []), photos=photos), fit, page, {"s": shape}))
    assert mends[0].layout.of("s").photo_mm == (None, crop_mm(293))     # 100 px of hole, 100 px shorter
    beside.holes = 300.0 * 250          # deeper than the crop may go: as short as the frame allows
    mends = list(holes._inside(replace(mending([], []), photos=photos), fit, page, {"s": shape}))
    assert mends[0].layout.of("s").photo_mm == (None, crop_mm(220))


def test_each_hole_gets_a_change_before_one_hole_gets_a_second(monkeypatch):
    monkeypatch.setattr(holes, "_changes", lambda _, fit: iter(
        [Mend(f"p7 {n}", "s", 7, f"change {n} on page 7") for n in range(3)]
        + [Mend("p11", "t", 11, "change on page 11")]))
    calls: list[str] = []
    mend_holes(mending([], calls), Trial(12, 0.10))          # every trial whiter: none kept
    assert calls[:3] == ["tried change 0 on page 7", "tried change on page 11", "tried change 1 on page 7"]


def test_a_quote_set_across_that_went_overleaf_is_brought_back_into_the_columns():
    """The columns above it stopped where it would have begun: the foot of page 8 is white."""
    story = StoryLayout(Head.WIDE, 2, quotes=(Setting.ACROSS,), head_photo_mm=135.0)
    fit = SimpleNamespace(layout=IssueLayout({"s": story}))
    foot = SimpleNamespace(foot=0.16)
    page = SimpleNamespace(number=8, height=1000.0, fill=foot,
                           fragments=[SimpleNamespace(story="s", ends=False, quote_atop=0.0)])
    overleaf = SimpleNamespace(story="s", starts=False, quote_atop=140.0)
    following = SimpleNamespace(number=9, fragments=[overleaf])
    mends = list(holes._changes_on(mending([], []), fit, page, following, {}))
    assert [m.words for m in mends] == ["pull quote set in the columns, so that the text runs to the foot of page 8"]
    assert mends[0].layout.of("s").quote(0) is Setting.COLUMN
    assert mends[0].layout.of("s").head_photo_mm == 135.0
    overleaf.quote_atop = 0.0           # the text runs on overleaf: the quote is not what left the hole
    assert list(holes._changes_on(mending([], []), fit, page, following, {})) == []



def across_fixture(pixels: tuple[int, int], layout: StoryLayout | None = None):
    """A story in two columns of a 178 mm text block, a photo 86 mm wide in its columns
    (217 px tall, 50 px of caption), its source `pixels` wide and tall."""
    story = layout or StoryLayout(Head.TEXT, 2)
    fit = SimpleNamespace(layout=IssueLayout({"s": story}))
    shape = SimpleNamespace(id="s", head=30.0, head_photo=0.0, head_photo_around=0.0, columns=2,
                            words=Words(672.0, 0.0, 1, 30.0, 0.0, 0, 0.0), photos=[ColumnPhoto(0, 325, 217, 50)])
    width, height = pixels
    ratio, cap = height / width, height / 300 * 96
    photos = lambda layout, shapes: {"s": [PhotoRange(217, 150, 300, ratio, cap)]}
    return replace(mending([], []), photos=photos), fit, shape


def test_a_photo_of_the_columns_goes_across_them_cropped_to_fill_the_hole():
    mend, fit, shape = across_fixture((2400, 1600))
    layout = holes._photo_across(mend, fit, shape, hole=400.0).of("s")
    assert layout.photos == (Setting.ACROSS,)
    # across, it takes the hole and the room it left in its column, less its wider margin
    assert layout.photo_mm == (crop_mm(400 + (217 + 50) / 2 - 50 - 3 * 96 / 25.4),)


def test_a_photo_across_the_columns_is_never_cropped_past_its_limits():
    mend, fit, shape = across_fixture((2400, 1600))
    assert holes._photo_across(mend, fit, shape, hole=20.0).of("s").photo_mm == (crop_mm(672 * 0.45),)
    # 1,600 px at 300 ppi: 512 px of CSS at most
    assert holes._photo_across(mend, fit, shape, hole=900.0).of("s").photo_mm == (crop_mm(512),)


def test_no_photo_goes_across_the_columns_with_too_few_pixels_for_the_press():
    mend, fit, shape = across_fixture((1800, 1200))     # 1,800 px across 178 mm: 257 ppi
    assert holes._photo_across(mend, fit, shape, hole=400.0) is None


def test_a_photo_across_the_columns_already_is_not_offered_again():
    mend, fit, shape = across_fixture((2400, 1600), StoryLayout(Head.TEXT, 2, photos=(Setting.ACROSS,)))
    assert holes._photo_across(mend, fit, shape, hole=400.0) is None


def beside_fixture(pixels: tuple[int, int], head: Head = Head.BESIDE):
    """A story whose head is 225 px tall, for its photo (185 px and 40 of caption) beside
    words of 170; across the page, the words take 100."""
    fit = SimpleNamespace(layout=IssueLayout({"s": StoryLayout(head, 2)}))
    words = Words(370.0, 0.0, 3, 30.0, 0.0, 4, 20.0)      # 74 mm and a gutter beside: 672 px in all
    shape = SimpleNamespace(id="s", head=225.0, head_photo=185.0, head_photo_around=40.0, columns=2,
                            words=words, photos=[])
    width, height = pixels
    photos = lambda layout, shapes: {"s": [PhotoRange(185, 150, 300, height / width, height / 300 * 96)]}
    return replace(mending([], []), photos=photos), fit, shape


def test_a_photo_beside_the_headline_goes_across_the_page_cropped_to_fill_the_hole():
    mend, fit, shape = beside_fixture((2400, 1600))
    layout = holes._head_across(mend, fit, shape, hole=300.0).of("s")
    # the head grows by the hole: 225 + 300 = 100 of words + the photo + 40 of caption
    assert (layout.head, layout.head_photo_mm) == (Head.WIDE, crop_mm(385))


@pytest.mark.parametrize("pixels, head", [((1800, 1200), Head.BESIDE),    # 257 ppi across 178 mm
                                          ((2400, 1600), Head.TEXT)])     # no photo in its head
def test_no_head_photo_goes_across_the_page_where_it_cannot(pixels, head):
    mend, fit, shape = beside_fixture(pixels, head)
    assert holes._head_across(mend, fit, shape, hole=300.0) is None


def quote_afoot(number: int) -> SimpleNamespace:
    """A page whose foot is story s's pull quote set across, its text overleaf."""
    return SimpleNamespace(number=number, fragments=[SimpleNamespace(story="s", quote_afoot=True)])


def test_a_fuller_trial_that_leaves_a_quote_at_a_pages_foot_is_tried_with_it_in_the_columns(endless):
    across = IssueLayout({"s": StoryLayout(Head.TEXT, 2, quotes=(Setting.ACROSS,))})
    stranded = Trial(12, 0.05, layout=across, pages=(quote_afoot(10),))
    calls: list[str] = []
    best = mend_holes(mending([stranded, Trial(12, 0.06, layout="in the columns")], calls), Trial(12, 0.10))
    assert calls[:2] == ["tried change 0", "tried pull quote set in the columns, so that it does not end page 10"]
    assert best.layout == "in the columns"


def test_a_whiter_trial_that_leaves_a_quote_at_a_pages_foot_is_not_tried_again(endless):
    across = IssueLayout({"s": StoryLayout(Head.TEXT, 2, quotes=(Setting.ACROSS,))})
    calls: list[str] = []
    mend_holes(mending([Trial(12, 0.12, layout=across, pages=(quote_afoot(10),))], calls), Trial(12, 0.10))
    assert calls[:2] == ["tried change 0", "tried change 1"]


def before_fixture():
    """Story t ends in a hole on page 5, begun on page 4; s, before it, has a photo in its columns."""
    mend, _, _ = across_fixture((2400, 1600))
    words = Words(672.0, 0.0, 1, 30.0, 0.0, 0, 0.0)
    shapes = {"s": StoryShape("s", 0.0, 900.0, 30.0, words, photos=[ColumnPhoto(0, 325, 217, 50)]),
              "t": StoryShape("t", 900.0, 1900.0, 30.0, words)}
    fit = SimpleNamespace(layout=IssueLayout({"s": StoryLayout(Head.TEXT, 2), "t": StoryLayout(Head.TEXT, 2)}))
    mend = replace(mend, issue=SimpleNamespace(stories=[SimpleNamespace(id="s"), SimpleNamespace(id="t")]))
    return mend, fit, shapes


def test_a_story_that_can_grow_no_more_is_moved_down_by_the_one_before_it():
    """t ends in the hole on page 5, begun on page 4; s, before it, has a photo in its columns."""
    mend, fit, shapes = before_fixture()
    page = SimpleNamespace(number=5)
    mends = list(holes._earlier_grown(mend, fit, page, shapes["t"], shapes, hole=400.0))
    assert mends and {m.story for m in mends} == {"s"}
    assert mends[0].layout.of("s").photos == (Setting.ACROSS,)
    assert mends[0].words == "a photo of its columns set across them, to fill page 5 with the story after it"
    assert list(holes._earlier_grown(mend, fit, page, shapes["s"], shapes, hole=400.0)) == []   # none before s


def later_fixture(*photos: ColumnPhoto, layout: StoryLayout | None = None):
    """A story of six paragraphs of 99 characters in two columns, 198 px of column each."""
    issue = SimpleNamespace(language="en", stories=[SimpleNamespace(id="s", body="\n\n".join(["a" * 99] * 6))])
    fit = SimpleNamespace(layout=IssueLayout({"s": layout or StoryLayout(Head.TEXT, 2)}))
    shape = SimpleNamespace(id="s", columns=2, text=6 * 99 * 2.0, photos=list(photos))
    return issue, fit, shape


def test_a_photo_across_that_went_overleaf_moves_past_the_paragraphs_that_fill_its_hole():
    """100 px of hole under two columns: 200 px of text fills it, two paragraphs of 198."""
    issue, fit, shape = later_fixture(ColumnPhoto(0, 672, 300, 50, across=True, hole=100.0),
                                      ColumnPhoto(1, 325, 200, 50))
    assert holes._photo_later(issue, fit, shape, hole=100.0).of("s").photo_after == (4, 4)  # the next one with it
    issue, fit, shape = later_fixture(ColumnPhoto(0, 325, 200, 50),
                                      ColumnPhoto(1, 672, 300, 50, across=True, hole=100.0))
    assert holes._photo_later(issue, fit, shape, hole=100.0).of("s").photo_after == (2, 4)  # the one before stays


def test_no_photo_moves_further_on_where_it_cannot_fill_the_hole():
    across = ColumnPhoto(0, 672, 300, 50, across=True, hole=100.0)
    issue, fit, shape = later_fixture(across)
    assert holes._photo_later(issue, fit, shape, hole=450.0) is None       # 900 px wanted, 792 after it
    issue, fit, shape = later_fixture(replace(across, hole=0.0))            # it fitted where it is
    assert holes._photo_later(issue, fit, shape, hole=100.0) is None
    issue, fit, shape = later_fixture(replace(across, across=False))        # in a column: cropped instead
    assert holes._photo_later(issue, fit, shape, hole=100.0) is None


def test_when_the_changes_run_out_mending_goes_on_from_the_best_trial_turned_down(monkeypatch):
    """A change that only moves the hole is turned down; the change it opens closes it."""
    offered = {"as planned": [Mend("moved", "s", 6, "hole moved")],
               "moved": [Mend("closed", "s", 7, "hole closed")]}
    monkeypatch.setattr(holes, "_changes", lambda _, fit: iter(offered.get(fit.layout, [])))
    calls: list[str] = []
    outcomes = [Trial(12, 0.11, layout="moved"), Trial(12, 0.04, layout="closed")]
    best = mend_holes(mending(outcomes, calls), Trial(12, 0.10))
    assert calls == ["tried hole moved", "tried hole closed"]
    assert best.layout == "closed"


def test_a_trial_a_page_off_the_count_is_not_gone_on_from(monkeypatch):
    offered = {"as planned": [Mend("over", "s", 6, "a page over")], "over": [Mend("x", "s", 7, "more")]}
    monkeypatch.setattr(holes, "_changes", lambda _, fit: iter(offered.get(fit.layout, [])))
    calls: list[str] = []
    mend_holes(mending([Trial(13, 0.11, layout="over")], calls), Trial(12, 0.10))
    assert calls == ["tried a page over"]


def test_a_fit_that_meets_the_aim_is_not_gone_on_from_when_its_changes_run_out(monkeypatch):
    offered = {"as planned": [Mend("moved", "s", 6, "hole moved")], "moved": [Mend("closed", "s", 7, "hole closed")]}
    monkeypatch.setattr(holes, "_changes", lambda _, fit: iter(offered.get(fit.layout, [])))
    calls: list[str] = []
    met = replace(mending([Trial(12, 0.11, layout="moved")], calls), met=lambda fit: True)
    assert mend_holes(met, Trial(12, 0.045)).layout == "as planned"
    assert calls == ["tried hole moved"]


def test_the_story_before_is_also_offered_grown_by_half_the_hole():
    """What the story after it moves down is not in proportion to the growth: by the whole
    depth it may push a page over, where half fills most of the hole."""
    mend, fit, shapes = before_fixture()
    mends = {m.words.split(",")[0]: m.layout.of("s") for m in
             holes._earlier_grown(mend, fit, SimpleNamespace(number=5), shapes["t"], shapes, hole=40.0)}
    whole, half = mends["photos set taller or paragraphs spaced a little wider"], \
        mends["photos set taller by half the hole's depth"]
    assert 217 / PX_PER_MM < half.photo_mm[0] < whole.photo_mm[0]


def test_a_panel_of_two_half_charts_that_went_overleaf_is_offered_across_the_page():
    """A row of two half-width charts cannot break: one under another, the first may fill
    the foot of the page the story's columns end on."""
    fit = SimpleNamespace(layout=IssueLayout({"s": StoryLayout(Head.TEXT, 2)}))
    page = SimpleNamespace(number=6, height=1000.0, fill=SimpleNamespace(foot=0.28),
                           fragments=[SimpleNamespace(story="s", ends=False, quote_atop=0.0)])
    following = SimpleNamespace(number=7, fragments=[SimpleNamespace(story="s", starts=False, quote_atop=0.0)])
    shape = StoryShape("s", 0.0, 1500.0, 30.0, Words(672.0, 0.0, 1, 30.0, 0.0, 0, 0.0))
    shape.panel = 400.0
    mend = replace(mending([], []), issue=story_of("half", "half"), photos=lambda layout, shapes: {})
    mends = [m for m in holes._changes_on(mend, fit, page, following, {"s": shape})
             if m.layout.of("s").panel_across]
    assert [m.words for m in mends] == [
        "its charts set across the page, one under another, so that the first fills page 6"]
    assert mends[0].layout.of("s").panel_breaks
