"""The grammar the family's prose is written with: English and Russian side by side.

Every phrase is held in both languages at once, so a generated story and its
translation say the same thing. Russian nouns carry their six cases and the
gender their verbs agree with; a template asks for the form it needs
(`{group.gen}`, `{org.v[провёл]}`), which keeps the Russian grammatical without
a morphology library.
"""
from __future__ import annotations

from dataclasses import dataclass

NBSP = "\u00a0"                 # Russian ties a number to its unit and groups thousands with it
CASES = ("nom", "gen", "dat", "acc", "ins", "prep")
_GENDERS = {"f": 0, "n": 1, "pl": 2}
# Past tenses, pronouns and relative words whose feminine, neuter and plural no rule gives.
_IRREGULAR = {
    "прошёл": ("прошла", "прошло", "прошли"), "провёл": ("провела", "провело", "провели"),
    "привёл": ("привела", "привело", "привели"), "его": ("её", "его", "их"),
    "он": ("она", "оно", "они"), "который": ("которая", "которое", "которые"),
    "которого": ("которой", "которого", "которых"), "котором": ("которой", "котором", "которых"),
    "следующий": ("следующая", "следующее", "следующие"), "проведён": ("проведена", "проведено", "проведены"),
    "посвящён": ("посвящена", "посвящено", "посвящены"),
    "проведённого": ("проведённой", "проведённого", "проведённых"),
    "привлёк": ("привлекла", "привлекло", "привлекли"), "готовит": ("готовит", "готовит", "готовят"),
    "проводит": ("проводит", "проводит", "проводят"), "уверен": ("уверена", "уверено", "уверены"),
}
# Endings of hard-stem adjectives (учебн-ый) by case and gender, for the cases the family uses.
_ADJECTIVE = {"nom": ("ый", "ая", "ое", "ые"), "acc": ("ый", "ую", "ое", "ые"),
              "gen": ("ого", "ой", "ого", "ых"), "prep": ("ом", "ой", "ом", "ых")}
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
# Russian months: nominative (a masthead's period), genitive (a date), prepositional ("в марте").
MONTHS_RU = (("январь", "января", "январе"), ("февраль", "февраля", "феврале"),
             ("март", "марта", "марте"), ("апрель", "апреля", "апреле"), ("май", "мая", "мае"),
             ("июнь", "июня", "июне"), ("июль", "июля", "июле"), ("август", "августа", "августе"),
             ("сентябрь", "сентября", "сентябре"), ("октябрь", "октября", "октябре"),
             ("ноябрь", "ноября", "ноябре"), ("декабрь", "декабря", "декабре"))


@dataclass(frozen=True)
class Pair:
    """The same words in English and in Russian."""
    en: str
    ru: str

    def __add__(self, other: Pair) -> Pair:
        return Pair(f"{self.en} {other.en}", f"{self.ru} {other.ru}")


@dataclass(frozen=True)
class Noun:
    """A noun phrase: English once, Russian in each case, with the gender its verbs take."""
    en: str
    nom: str
    gen: str
    dat: str
    acc: str
    ins: str
    prep: str
    g: str = "m"                # m, f, n or pl

    @property
    def ru(self) -> str:
        return self.nom

    @property
    def v(self) -> Agreeing:
        """`{org.v[провёл]}`: a masculine past tense or short participle made to agree."""
        return Agreeing(self.g)

    @property
    def cap(self) -> str:
        return capital(self.en)


class Agreeing:
    """Looked up by a masculine form, gives the form for a gender."""

    def __init__(self, gender: str):
        self.gender = gender

    def __getitem__(self, masculine: str) -> str:
        return " ".join(agree(word, self.gender) for word in masculine.split(" "))


def agree(word: str, gender: str) -> str:
    """A masculine past tense, short participle, adjective or pronoun in `gender`."""
    if gender == "m":
        return word
    i = _GENDERS[gender]
    if word in _IRREGULAR:
        return _IRREGULAR[word][i]
    if word.endswith("лся"):
        return word[:-2] + ("ась", "ось", "ись")[i]
    if word.endswith("л"):
        return word + ("а", "о", "и")[i]
    if word.endswith(("ан", "ен", "ят")):
        return word + ("а", "о", "ы")[i]
    if word.endswith("ый"):
        return word[:-2] + ("ая", "ое", "ые")[i]
    return word


def adjective(stem: str, gender: str, case: str) -> str:
    """A hard-stem adjective agreeing with an inanimate noun: adjective("пятидневн", "f", "acc")."""
    return stem + _ADJECTIVE[case][("m", "f", "n", "pl").index(gender)]


def noun(en: str, forms: str, g: str = "m") -> Noun:
    """A noun from its Russian cases written `nom|gen|dat|acc|ins|prep`; a name
    that does not decline (Алматы, Душанбе) may give one form for all six."""
    cases = forms.split("|")
    if len(cases) == 1:
        cases *= 6
    if len(cases) != 6:
        raise ValueError(f"{forms!r}: expected six cases")
    nom, gen, dat, acc, ins, prep = cases
    return Noun(en, nom, gen, dat, acc, ins, prep, g)


def head_noun(en: str, tail: str, heads: str, g: str = "pl") -> Noun:
    """A phrase whose first word declines and the rest stays (`сотрудники` + ` таможни`)."""
    return noun(en, "|".join(head + tail for head in heads.split("|")), g)


def action(en: str, ru: str) -> Noun:
    """A skill or activity: an English gerund phrase and a Russian phrase led by a
    neuter verbal noun in -ие (выявление, расследование), which declines alike."""
    head, _, tail = ru.partition(" ")
    if not head.endswith("ие"):
        raise ValueError(f"{ru!r}: the first word must be a verbal noun in -ие")
    stem = head[:-2]
    forms = [stem + ending for ending in ("ие", "ия", "ию", "ие", "ием", "ии")]
    return noun(en, "|".join(f"{form} {tail}".strip() for form in forms), "n")


def capital(text: str) -> str:
    """The first letter up, past any opening quote or emphasis mark."""
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1:]
        if ch.isdigit():
            return text
    return text


# ---- Numbers -------------------------------------------------------------------

@dataclass(frozen=True)
class Number:
    """A quantity as each language writes it: 1,250 / 1 250; 4.5 / 4,5."""
    value: float
    en: str
    ru: str


def number(value: float, unit_en: str = "", unit_ru: str = "", *, tight: bool = False) -> Number:
    """`value` with its unit; `tight` sets English units with no space (15%)."""
    en, ru = _digits(value, ",", "."), _digits(value, NBSP, ",")
    gap = "" if tight else " "
    return Number(value, f"{en}{gap}{unit_en}".strip(), f"{ru}{NBSP}{unit_ru}" if unit_ru else ru)


def percent(value: float) -> Number:
    return number(value, "%", "%", tight=True)


def money(value: float, scale: str = "") -> Number:
    """US dollars, as the UN writes them: 48,500 USD / 48 500 долларов США; 2.4 million USD."""
    words = {"": ("USD", "долларов США"), "million": ("million USD", "млн долларов США"),
             "billion": ("billion USD", "млрд долларов США")}[scale]
    return number(value, *words)


def _digits(value: float, thousands: str, decimal: str) -> str:
    # Four-digit numbers go ungrouped in Russian style guides, but UN texts group them: keep one rule.
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return text.translate({ord(","): thousands, ord("."): decimal})


def genitive_plural_count(value: int) -> bool:
    """Whether Russian puts a noun after `value` in the genitive plural (5 пограничников,
    12 судей), the one form the family's counted nouns are written in."""
    return value % 10 in (0, 5, 6, 7, 8, 9) or value % 100 in (11, 12, 13, 14)


# ---- Dates ---------------------------------------------------------------------

@dataclass(frozen=True)
class Span:
    """When an event took place, within one month."""
    year: int
    month: int
    first: int
    last: int

    def when(self) -> Pair:
        """'from 14 to 18 March' / 'с 14 по 18 марта', or 'on 6 April' / '6 апреля'."""
        month_en, month_ru = MONTHS_EN[self.month - 1], MONTHS_RU[self.month - 1][1]
        if self.first == self.last:
            return Pair(f"on {self.first} {month_en}", f"{self.first} {month_ru}")
        if self.last == self.first + 1:
            return Pair(f"on {self.first} and {self.last} {month_en}", f"{self.first} и {self.last} {month_ru}")
        return Pair(f"from {self.first} to {self.last} {month_en}",
                    f"с {self.first} по {self.last} {month_ru}")

    def dated(self) -> Pair:
        """The first day with its year, for a caption: '14 March 2031' / '14 марта 2031 года'."""
        return Pair(f"{self.first} {MONTHS_EN[self.month - 1]} {self.year}",
                    f"{self.first} {MONTHS_RU[self.month - 1][1]} {self.year}{NBSP}года")


def month_name(month: int) -> Noun:
    """A month for 'in May' / 'в мае' (`.prep`) and 'planned for May' / 'на май' (`.acc`)."""
    nom, gen, prep = MONTHS_RU[(month - 1) % 12]
    return Noun(MONTHS_EN[(month - 1) % 12], nom, gen, nom, nom, nom, prep)


def period(year: int, month: int) -> Pair:
    """The two months an issue covers, ending with its own, as the masthead prints them."""
    first, last = (month - 2) % 12, month - 1
    if first > last:                # December to January: each month with its year
        return Pair(f"{MONTHS_EN[first]} {year - 1} – {MONTHS_EN[last]} {year}",
                    f"{capital(MONTHS_RU[first][0])} {year - 1} – {MONTHS_RU[last][0]} {year}")
    return Pair(f"{MONTHS_EN[first]}–{MONTHS_EN[last]} {year}",
                f"{capital(MONTHS_RU[first][0])}–{MONTHS_RU[last][0]} {year}")
