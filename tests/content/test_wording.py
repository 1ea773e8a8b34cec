"""Each language's typography: numbers typed by hand stay whole on their line."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin.compose import compose
from bulletin.content import load_issue
from bulletin.content.wording import NBSP, wording

UNITS = {language: tuple(wording(language)["number_words"]) + ("%", "‰") for language in ("en", "ru")}


@pytest.mark.parametrize("language, typed, tied", [
    ("ru", "выделила 267 000 000 иен", "выделила 267\u00a0000\u00a0000\u00a0иен"),
    ("ru", "на 15 % больше", "на 15\u00a0% больше"),        # "на" is not tied (ru.yaml)
    ("ru", "приказ № 5 от 1 234,5 кг", "приказ №\u00a05 от 1\u00a0234,5\u00a0кг"),
    ("ru", "29 млн долларов США", "29\u00a0млн\u00a0долларов\u00a0США"),
    ("ru", "в 2017 году", "в\u00a02017\u00a0году"),
    ("en", "29 million USD for 3 500 people", "29\u00a0million\u00a0USD for 3\u00a0500\u00a0people"),
    ("en", "§ 12 of the law", "§\u00a012 of the law"),
    # Neither a number's groups nor a unit: left as they were typed.
    ("en", "in 2016 150 delegates", "in 2016 150 delegates"),
    ("en", "the 2015 2016 reports", "the 2015 2016 reports"),
    ("en", "12 April", "12 April"),
    ("en", "3 000\n000 USD", "3\u00a0000\n000\u00a0USD"),     # a line break the author typed stays
    # A dash or an ellipsis set apart never starts a line.
    ("en", "terrorism issues …", "terrorism issues\u00a0…"),
    ("en", "issues ...\u201d said", "issues\u00a0...\u201d said"),
    ("ru", "встреча — это итог", "встреча\u00a0— это итог"),
    ("ru", "встреча -- это", "встреча\u00a0-- это"),
    ("en", "2015 – 2017", "2015\u00a0– 2017"),
    # Not alone: a word's hyphen, a Markdown list, a rule.
    ("en", "well-known\n- item\n\n---", "well-known\n- item\n\n---"),
])
def test_numbers_and_their_units_are_tied(language, typed, tied):
    assert wording(language).tie(typed) == tied


def grouped(number: int) -> str:
    return f"{number:,}".replace(",", " ")


@settings(derandomize=True, database=None)
@given(number=st.integers(1000, 10**12), language=st.sampled_from(["en", "ru"]), data=st.data(),
       before=st.text("abc xyzабв ", max_size=12), after=st.text("abc xyzабв .,", max_size=12))
def test_a_number_typed_with_spaces_keeps_its_groups_and_unit_on_one_line(number, language, data,
                                                                           before, after):
    unit = data.draw(st.sampled_from(UNITS[language]))
    typed = f"{before} {grouped(number)} {unit}{(' ' + after) if after[:1].isalpha() else after}"
    tied = wording(language).tie(typed)
    start = tied.index(grouped(number)[0], len(before))
    run = tied[start:start + len(grouped(number)) + 1 + len(unit)]
    assert " " not in run and run.replace(NBSP, " ") == f"{grouped(number)} {unit}"


@settings(derandomize=True, database=None)
@given(text=st.text(st.sampled_from(list("12345 ,.%№§kgmlnUSDиенг\n")), max_size=60),
       language=st.sampled_from(["en", "ru"]))
def test_ties_only_turn_spaces_into_no_break_spaces_and_are_stable(text, language):
    """Numbers tie at plain spaces only; a short word also at the line break after it
    (in Markdown a line break inside a paragraph is a space)."""
    tied = wording(language).tie(text)
    assert len(tied) == len(text)
    assert all(a == b or (a in " \n" and b == NBSP) for a, b in zip(text, tied))
    assert wording(language).tie(tied) == tied


def test_russian_ties_only_the_words_its_rules_require():
    """One-letter prepositions and conjunctions stay with the next word; longer ones need
    not, and in a narrow justified column each tie costs a break point."""
    ru = wording("ru")
    assert ru.tie("встреча в Астане по делам и с партнёрами") == \
        f"встреча в{NBSP}Астане по делам и{NBSP}с{NBSP}партнёрами"
    assert ru.tie(f"По{NBSP}итогам") == f"По{NBSP}итогам"       # a tie typed by the author stays


def test_every_text_the_page_prints_is_tied(project):
    project.replace("kicker: Cooperation", "kicker: 15 % more")
    project.replace("period: May–June 2017", "period: May–June 2017, № 5")
    project.replace("    figures:", "    quotes:\n      - text: We seized 3 500 kg\n"
                                   "        attribution: Officer № 12\n    factbox:\n"
                                   "      title: 267 000 000 USD\n      body: 15 % up\n    figures:")
    html = compose(load_issue(project.issue_dir), {}, {})
    for tied in ("15\u00a0% more", "№\u00a05", "3\u00a0500\u00a0kg", "№\u00a012", "267\u00a0000\u00a0000\u00a0USD",
                 "15\u00a0% up"):
        assert tied in html, tied
