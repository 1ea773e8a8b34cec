"""Preflight's structure-tree checks (PDF/UA-1 as veraPDF reads it): each passes on both
languages of the example issue, and each fails on a PDF built wrong for its rule: the
example's own email edition broken in one place, and WeasyPrint's output left unmended."""
from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Callable

import pikepdf
import pytest

from bulletin.compose import compose, foreign_words
from bulletin.content import load_issue
from bulletin.editions import EDITIONS, EditionKind
from bulletin.preflight import FAIL, PASS, Target, tagged
from bulletin.preflight.context import CheckContext
from bulletin.typeset import Confinement, load_fonts, render, typeset
from tests.support.builds import edition
from tests.support.pdftools import run, struct_elements

pytestmark = pytest.mark.slow     # reads the example issue's build (left out by make test-fast)

EMAIL = EDITIONS[EditionKind.EMAIL]
NAMES = ("headings", "artifacts", "languages", "link tags", "link text")


def findings(path, name: str, publication, foreign=()) -> list:
    with pikepdf.open(path) as pdf:
        target = Target(EditionKind.EMAIL, "xx", path, foreign=tuple(foreign))
        return tagged.CHECKS[name](CheckContext(pdf, None, target, publication, EMAIL))


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("name", NAMES)
def test_each_rule_passes_on_both_languages_of_the_example(seed, name, language):
    issue = seed.issue if language == "en" else load_issue(seed.issue.folder, language)
    found = findings(edition(seed, "email", language), name, seed.issue.publication, foreign_words(issue))
    assert [(f.status, f.message) for f in found if f.status != PASS] == []
    assert found[0].status == PASS


# ---- Broken in one place ------------------------------------------------------------------

def first_link(pdf):
    annotation = pdf.pages[0].obj.Annots[0]
    parents = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
    return annotation, parents[int(annotation.StructParent)], parents


def retag(kind: str, new: str, nth: int = 0) -> Callable:
    def broken(pdf):
        struct_elements(pdf, kind)[nth].S = pikepdf.Name(new)
    return broken


def orphan_mark(pdf):
    page = pdf.pages[0]
    instructions = pikepdf.parse_content_stream(page)
    n = next(n for n, i in enumerate(instructions) if str(i.operator) == "BDC" and str(i.operands[0]) == "/Artifact"
             and isinstance(i.operands[1], pikepdf.Dictionary))
    instructions[n] = pikepdf.ContentStreamInstruction([pikepdf.Name.Span, pikepdf.Dictionary(MCID=999)],
                                                       pikepdf.Operator("BDC"))
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))


def unmarked_text(pdf):
    page = pdf.pages[0]
    font = next(iter(page.obj.Resources.Font.keys()))
    page.contents_add(pdf.make_stream(f"BT {font} 9 Tf 10 10 Td <0003> Tj ET".encode()))


def story_without_language(pdf):
    del struct_elements(pdf, "/Art")[0].Lang


def not_a_language(pdf):
    struct_elements(pdf, "/Art")[0].Lang = pikepdf.String("the English language")


def name_without_language(pdf):
    del struct_elements(pdf, "/H1")[0].Lang


def annotation_under_a_span(pdf):
    parents = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
    annotation, link, span = next(                          # an entry of the contents
        (a, parents[int(a.StructParent)], k) for a in pdf.pages[0].obj.Annots
        for k in parents[int(a.StructParent)].K if isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/Span")
    reference = next(k for k in link.K if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR")
    link.K = pikepdf.Array([k for k in link.K if not (isinstance(k, pikepdf.Dictionary)
                                                       and k.get("/Type") == "/OBJR")])
    span.K = pikepdf.Array([*span.K, reference])
    parents[int(annotation.StructParent)] = span


def link_in_a_link(pdf):
    _, link, _ = first_link(pdf)
    inner = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Link, P=link,
                                                 Pg=link.Pg, K=pikepdf.Array()))
    link.K = pikepdf.Array([inner, *link.K])


def one_link_as_two(pdf):
    annotation, link, parents = first_link(pdf)
    again = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                                                 Rect=annotation.Rect, Dest=annotation.Dest, StructParent=999,
                                                 Contents=annotation.Contents))
    pdf.pages[0].obj.Annots.append(again)
    second = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.StructElem, S=pikepdf.Name.Link, P=link.P, Pg=link.Pg,
        K=pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=again,
                                                              Pg=link.Pg))])))
    parents[999] = second
    holder = link.P
    kids = list(holder.K) if isinstance(holder.K, pikepdf.Array) else [holder.K]
    at = next(n for n, k in enumerate(kids) if k.objgen == link.objgen)
    holder.K = pikepdf.Array([*kids[:at + 1], second, *kids[at + 1:]])


def describe(text: str | None) -> Callable:
    def broken(pdf):
        annotation = pdf.pages[0].obj.Annots[0]
        if text is None:
            del annotation.Contents
        else:
            annotation.Contents = pikepdf.String(text.format(target=str(annotation.Dest)))
    return broken


BROKEN = [
    ("headings", "en", retag("/H1", "/H2"), "the first heading is an H2: a level is skipped"),
    ("headings", "en", retag("/H3", "/H4"), "an H4 follows an H2: a level is skipped"),
    ("artifacts", "en", orphan_mark, "1 marked content no structure element holds"),
    ("artifacts", "en", unmarked_text, "1 thing drawn outside any marked content"),
    ("languages", "en", story_without_language, "a story without a language (/Lang)"),
    ("languages", "en", not_a_language, "'the English language' is not a language tag"),
    ("languages", "ru", name_without_language, "read as 'ru', not as 'en'"),
    ("link tags", "en", annotation_under_a_span, "a link annotation under a Span, not a Link"),
    ("link tags", "en", link_in_a_link, "a Link inside a Link: one link read as two"),
    ("link tags", "en", one_link_as_two, "one link tagged as two Links side by side"),
    ("link text", "en", describe("{target}"), "says only its target"),
    ("link text", "en", describe("Story: somewhere, page 99"), "does not name page 2, where it goes"),
    ("link text", "en", describe(None), "a link that does not say where it goes (no /Contents)"),
]


@pytest.mark.parametrize("name, language, breaks, expected", BROKEN,
                         ids=[f"{b[0]}-{b[2].__name__}" for b in BROKEN])
def test_each_rule_fails_on_a_pdf_broken_for_it(seed, tmp_path, name, language, breaks, expected):
    issue = seed.issue if language == "en" else load_issue(seed.issue.folder, language)
    with pikepdf.open(edition(seed, "email", language)) as pdf:
        breaks(pdf)
        pdf.save(tmp_path / "broken.pdf")
    found = findings(tmp_path / "broken.pdf", name, seed.issue.publication, foreign_words(issue))
    assert any(f.status == FAIL and expected in f.message for f in found), [f.line() for f in found]


# ---- WeasyPrint's own output, unmended --------------------------------------------------

def links_to(pdf, uri: str) -> list:
    """The Link elements that hold an annotation going to `uri`."""
    def goes(kid) -> bool:
        return (isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"
                and str(kid.Obj.get("/A", {}).get("/URI", "")) == uri)
    return [e for e in struct_elements(pdf, "/Link") if any(goes(k) for k in e.K)]


def test_weasyprints_own_tags_fail_the_rules_the_mend_is_for(project, tmp_path, monkeypatch):
    long = "a [link whose words run on over three lines of the column, as the titles of reports often do]" \
           "(https://www.unodc.org/reports/)"
    project.replace("and a [link](https://www.unodc.org/).", f"and {long}.")
    project.replace("The first paragraph of the story.", "Representatives of interdepartmental "
                    "commissions discussed institutionalisation and implementation, "
                    "counter-narcotics intelligence and telecommunications infrastructure. " * 4)
    issue = load_issue(project.issue_dir)
    fonts = load_fonts(project.root / "fonts")
    options = dict(publication=issue.publication, fonts=fonts, styles_dir=project.root / "styles",
                   base_url=project.root,
                   confinement=Confinement(roots=(project.root, *{f.path.parent.resolve() for f in fonts.faces})))
    html = compose(issue, {}, {})
    typeset(html, EMAIL, tmp_path / "mended.pdf", **options)
    monkeypatch.setattr(render, "_mend", lambda path, links: None)
    monkeypatch.setattr(render, "languages_in_tags", contextlib.nullcontext)
    typeset(html, EMAIL, tmp_path / "raw.pdf", **options)
    failed = {name for name in NAMES
              if any(f.status == FAIL for f in findings(tmp_path / "raw.pdf", name, issue.publication))}
    assert failed == {"artifacts", "languages", "link tags", "link text"}
    for name in NAMES:
        assert [f.status for f in findings(tmp_path / "mended.pdf", name, issue.publication)] == [PASS], name
    with pikepdf.open(tmp_path / "raw.pdf") as raw, pikepdf.open(tmp_path / "mended.pdf") as mended:
        assert len(links_to(raw, "https://www.unodc.org/reports/")) >= 2       # a Link per line
        [link] = links_to(mended, "https://www.unodc.org/reports/")
        lines = [k for k in link.K if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
        assert len(lines) >= 2                                                  # its annotations, one Link
    assert "\u00ad\n" in run("pdftotext", "-enc", "UTF-8", str(tmp_path / "mended.pdf"), "-")
    # Mended, the pages print as they did: links, artifacts and hyphens are in what is read.
    pictures = [subprocess.run(["pdftoppm", "-r", "60", str(tmp_path / f"{name}.pdf")], check=True,
                               capture_output=True).stdout for name in ("raw", "mended")]
    assert pictures[0] == pictures[1]
