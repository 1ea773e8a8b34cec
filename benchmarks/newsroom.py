"""Writes one story in English and Russian from a plan: who met where, when, for
what, who said what.

A story is planned first (`plan_story`: every name, place, number and quote it
will use, as template slots), then written paragraph by paragraph from sentence
templates held in both languages, so the Russian is a translation of the
English sentence by sentence. Each person is introduced with a title once and
quoted in one paragraph only, as an editor would have it.
"""
from __future__ import annotations

import functools
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .fields import TOPICS
from .grammar import (
    NBSP,
    Noun,
    Number,
    Pair,
    Span,
    adjective,
    capital,
    genitive_plural_count,
    money,
    month_name,
    noun,
    number,
    percent,
)
from .templates import (
    AGREEMENT_INTROS,
    CAPTIONS,
    CLOSINGS,
    EARLY,
    EMPHASIS,
    FACTBOX_ITEMS,
    FACTBOX_TITLES,
    FACTS,
    HEADLINES,
    LATE,
    LEADS,
    LINKS,
    MIDDLES,
    OPENINGS,
    Group,
)
from .wordstock import (
    AFGHANISTAN,
    AGREEMENTS,
    COUNTRIES,
    EXPERT_QUOTES,
    NAMES,
    OFFICIAL_TITLES,
    ORGANISERS,
    PARTICIPANT_QUOTES,
    STATEMENTS,
    SUBPROGRAMMES,
    UNODC_TITLES,
    Country,
    Donor,
    Person,
    Topic,
)

KINDS = ("training", "meeting", "visit")
# Training events are masculine or plural in Russian: a participle after them ("курс,
# посвящённый ...") then has the same form in the nominative and the accusative.
EVENTS = {
    "training": (noun("training course", "учебный курс|учебного курса|учебному курсу|учебный курс|учебным "
                      "курсом|учебном курсе"),
                 noun("training", "тренинг|тренинга|тренингу|тренинг|тренингом|тренинге"),
                 noun("workshop", "практический семинар|практического семинара|практическому семинару|"
                      "практический семинар|практическим семинаром|практическом семинаре"),
                 noun("joint exercise", "совместные учения|совместных учений|совместным учениям|совместные "
                      "учения|совместными учениями|совместных учениях", "pl")),
    "meeting": (noun("meeting", "совещание|совещания|совещанию|совещание|совещанием|совещании", "n"),
                noun("conference", "конференция|конференции|конференции|конференцию|конференцией|конференции",
                     "f"),
                noun("round table", "круглый стол|круглого стола|круглому столу|круглый стол|круглым столом|"
                     "круглом столе"),
                noun("regional forum", "региональный форум|регионального форума|региональному форуму|"
                     "региональный форум|региональным форумом|региональном форуме")),
    "visit": (noun("study visit", "ознакомительный визит|ознакомительного визита|ознакомительному визиту|"
                   "ознакомительный визит|ознакомительным визитом|ознакомительном визите"),),
}


@dataclass(frozen=True)
class Days:
    """How long an event lasted: 'five-day' / 'пятидневный', 'five days' / 'пять дней'."""
    count: int
    en: str
    acc: str                    # пять дней
    stem: str                   # пятидневн-


DAYS = (Days(2, "two", "два дня", "двухдневн"), Days(3, "three", "три дня", "трёхдневн"),
        Days(4, "four", "четыре дня", "четырёхдневн"), Days(5, "five", "пять дней", "пятидневн"),
        Days(10, "ten", "десять дней", "десятидневн"))
SEVERAL = (Pair("five", "пяти"), Pair("six", "шести"), Pair("seven", "семи"), Pair("eight", "восьми"))
GROWTH = (Pair("doubled", "вырос вдвое"), Pair("tripled", "вырос втрое"), Pair("quadrupled", "вырос вчетверо"))
BEST = (Pair("five", "пять"), Pair("six", "шесть"), Pair("seven", "семь"), Pair("eight", "восемь"))
DAY_OF = (Pair("on the second day", "на второй день"), Pair("on the third day", "на третий день"),
          Pair("on the last day", "в последний день"))
EXERCISING = ("border", "drugs", "containers", "cooperation", "trafficking")
PROGRAMME_SPAN = 5              # years of the (invented) regional programme
MIN_BODY, MAX_BODY = 150, 1200  # words: the family's shortest and longest story
# Who says what: the quote slots and their speakers, and the paragraphs they say it in.
SPEAKERS = (("q1", "local"), ("q2", "unodc"), ("q3", "participant"), ("q4", "expert"))
QUOTING = ("remarks_local", "remarks_unodc")


@dataclass(frozen=True)
class Quote:
    text: Pair
    attribution: Pair


@dataclass(frozen=True)
class Caption:
    caption: Pair
    credit: Pair
    alt: Pair


@dataclass
class StoryText:
    """A story's words in both languages, and which devices of the trade it uses."""
    id: str
    kicker: Pair | None
    headline: Pair
    lead: Pair
    paragraphs: list[Pair]
    quotes: list[Quote] = field(default_factory=list)
    factbox: tuple[Pair, Pair] | None = None
    captions: list[Caption] = field(default_factory=list)

    @property
    def body(self) -> Pair:
        return Pair("\n\n".join(p.en for p in self.paragraphs) + "\n",
                    "\n\n".join(p.ru for p in self.paragraphs) + "\n")

    @property
    def words(self) -> int:
        return word_count(self.body.en)


@dataclass
class Desk:
    """What a story is written from: its slots, and the dice."""
    rng: random.Random
    kind: str
    topic: Topic
    slots: dict[str, object]
    used: set[str] = field(default_factory=set)      # templates already printed in this story

    def noun(self, key: str) -> Noun:
        value = self.slots[key]
        assert isinstance(value, Noun), key
        return value

    def number(self, key: str) -> Number:
        value = self.slots[key]
        assert isinstance(value, Number), key
        return value

    def render(self, template: Pair) -> Pair:
        return Pair(template.en.format_map(self.slots), template.ru.format_map(self.slots))

    def fill(self, template: Pair) -> Pair:
        """A sentence: the template rendered, its first letter up."""
        text = self.render(template)
        return Pair(capital(text.en), capital(text.ru))

    def pick(self, options: Sequence[Pair]) -> Pair:
        """One of the templates, not yet used in this story if any is left, filled."""
        return self.pick_fresh(options) or self.fill(self.rng.choice(options))

    def pick_fresh(self, options: Sequence[Pair]) -> Pair | None:
        """One of the templates not yet used in this story, filled; None when all were."""
        fresh = [t for t in options if t.en not in self.used]
        if not fresh:
            return None
        template = self.rng.choice(fresh)
        self.used.add(template.en)
        return self.fill(template)


def word_count(text: str) -> int:
    return len(re.findall(r"[^\s\-–—]+", re.sub(r"\]\([^)]*\)", "]", text)))


# ---- The plan -----------------------------------------------------------------

def plan_story(rng: random.Random, topic: Topic, kind: str, country: Country, donor: Donor,
               head: Person, year: int, month: int) -> Desk:
    """Every name, place, number and quote the story may use, drawn once."""
    others = [c for c in COUNTRIES if c is not country]
    city, city2, *_ = rng.sample(country.cities, len(country.cities))
    host = rng.choice(others)
    partner, partner2 = _agencies(rng, topic, country)
    event = rng.choice(_events(kind, topic))
    days = rng.choice(DAYS[:3] if kind == "meeting" else DAYS)
    first = rng.randint(1, 27 - days.count)
    slots: dict[str, object] = {
        "country": country.name, "city": city, "city2": city2, "host": host.name,
        "host_city": host.cities[0], "neighbour": rng.choice([AFGHANISTAN, *(c.name for c in others)]),
        "org": _organiser(rng, country), "partner": partner, "partner2": partner2,
        "host_agency": _agencies(rng, topic, host)[0], "donor": donor.name, "event": event,
        "event2": rng.choice(_events("training" if kind == "visit" else kind, topic)),
        "group": (groups := rng.sample(topic.groups, 2))[0], "group2": groups[1],
        "field": topic.field, "manual": topic.manual, "theme": rng.choice(topic.themes),
        "subprogramme": SUBPROGRAMMES[topic.subprogramme],
        "programme": _programme(year), "prog_end": year - year % PROGRAMME_SPAN + PROGRAMME_SPAN - 1,
        "equip": rng.choice(topic.equipment),
        "when": Span(year, month, first, first + days.count - 1).when(),
        "date": Span(year, month, first, first).dated(), "year": year, "last_year": year - 1,
        "since_year": year - rng.randint(4, 9), "year_next": year + 1, "next_month": month_name(month + 2),
        "days": days, "days_event": _days_event(days, event, "acc"),
        "days_event_prep": _days_event(days, event, "prep"), "days_event_gen": _days_event(days, event, "gen"),
        "nth": rng.choice(DAY_OF[:1] + DAY_OF[2:] if days.count == 2 else DAY_OF), "best": rng.choice(BEST),
        "several": rng.choice(SEVERAL), "times": rng.choice(GROWTH),
        **_skills(rng, topic), **_numbers(rng), **_quotes(rng, topic),
    }
    site_city = host.cities[0] if kind == "visit" else city
    slots["site"] = _site(rng.choice(topic.sites), site_city)
    slots.update(_cast(rng, topic, country, donor, head, slots))
    return Desk(rng, kind, topic, slots)


def _events(kind: str, topic: Topic) -> tuple[Noun, ...]:
    """The events a story of `kind` may report: joint exercises only where officers go out on operations."""
    return tuple(e for e in EVENTS[kind] if e.en != "joint exercise" or topic.key in EXERCISING)


def _agencies(rng: random.Random, topic: Topic, country: Country) -> list[Noun]:
    """Two national partners of the field (the second may come from a neighbouring field)."""
    pool = list(topic.agencies)
    if len(pool) < 2:
        pool += [a for t in TOPICS if t is not topic for a in t.agencies][:1]
    chosen = rng.sample(pool, 2)
    return [noun(en.format(ce=country.name.en), forms.format(c=country.name.gen), g) for en, forms, g in chosen]


def _organiser(rng: random.Random, country: Country) -> Noun:
    en, forms, g = rng.choice(ORGANISERS)
    return noun(en.format(ce=country.name.en), forms.format(cp=country.name.prep), g)


def _programme(year: int) -> Pair:
    """The regional programme of the years around `year`; Russian in the genitive."""
    start = year - year % PROGRAMME_SPAN
    years = f"{start}–{start + PROGRAMME_SPAN - 1}"
    return Pair(f"the UNODC Programme for Central Asia {years}",
                f"Программы УНП ООН для Центральной Азии на {years}{NBSP}годы")


def _days_event(days: Days, event: Noun, case: str) -> Pair:
    words = {"acc": event.acc, "gen": event.gen, "prep": event.prep}[case]
    return Pair(f"{days.en}-day {event.en}", f"{adjective(days.stem, event.g, case)} {words}")


def _site(site: Pair, city: Noun) -> Pair:
    return Pair(site.en.format(city_en=city.en), site.ru.format(city_gen=city.gen, city_prep=city.prep))


def _skills(rng: random.Random, topic: Topic) -> dict[str, object]:
    """Six skills, so that each paragraph about the course can name others."""
    return {f"skill{n}": skill for n, skill in enumerate(rng.sample(topic.skills, 6), start=1)}


def _quotes(rng: random.Random, topic: Topic) -> dict[str, object]:
    q1, q2 = rng.sample(topic.quotes, 2)
    s1, s2, s3 = rng.sample(topic.statements + STATEMENTS, 3)
    agreed = rng.sample(topic.agreements, 2) + rng.sample(AGREEMENTS, rng.randint(1, 2))
    return {"q1": q1, "q2": q2, "q3": rng.choice(PARTICIPANT_QUOTES), "q4": rng.choice(EXPERT_QUOTES),
            "s1": s1, "s2": s2, "s3": s3, "agreed": agreed}


def _numbers(rng: random.Random) -> dict[str, object]:
    """The story's figures, each a count Russian puts its noun after in the genitive plural."""
    def count(low: int, high: int, step: int = 1) -> int:
        return rng.choice(_counts(low, high, step))

    return {
        "count": number(count(15, 60)), "delegates": number(count(6, 15)), "n_people": number(count(120, 9500, 5)),
        "n_kg": number(count(150, 4800, 5), "kg", "кг"), "n_km": number(count(900, 2400), "km", "км"),
        "n_cases": number(count(35, 1900, 5)), "n_sites": number(count(9, 40)),
        "n_trained": number(count(300, 2500, 50)), "pct": percent(rng.randint(6, 45)),
        "pct_women": percent(rng.randint(12, 48)), "pct_women2": percent(rng.randint(8, 30)),
        "gain": percent(rng.randint(18, 64)),
        "score": number(rng.randint(42, 49) / 10), "money": money(count(20, 240) * 500),
        "money_big": money(rng.randint(12, 48) / 10, "billion"), "money_m": money(rng.randint(15, 95) / 10, "million"),
    }


@functools.cache
def _counts(low: int, high: int, step: int) -> tuple[int, ...]:
    """The numbers between `low` and `high` a Russian noun follows in the genitive plural."""
    return tuple(n for n in range(low, high + 1, step) if genitive_plural_count(n))


def _cast(rng: random.Random, topic: Topic, country: Country, donor: Donor, head: Person,
          slots: dict[str, object]) -> dict[str, object]:
    """The people of the story: a national official, UNODC staff, a participant, the donor's envoy."""
    partner, host_agency, city, event = (slots[k] for k in ("partner", "host_agency", "city", "event"))
    assert isinstance(partner, Noun) and isinstance(host_agency, Noun)
    assert isinstance(city, Noun) and isinstance(event, Noun)
    host = next(c for c in COUNTRIES if c.name is slots["host"])
    local_title, host_title = rng.sample(OFFICIAL_TITLES, 2)
    staff = _staff_nation(rng, country)
    # National officers coordinate in their own country; international staff advise or head offices.
    unodc = rng.choice(UNODC_TITLES[1:] if staff == "international" else UNODC_TITLES[0::3])
    fill = {"ce": country.name.en, "cp": country.name.prep, "field_en": topic.field.en, "field_gen": topic.field.ru}
    participant = person(rng, country.nation)
    return {
        "local": titled(person(rng, country.nation), f"{local_title.en} {partner.en}",
                        f"{local_title.ru} {partner.gen}"),
        "host_official": titled(person(rng, host.nation), f"{host_title.en} {host_agency.en}",
                                f"{host_title.ru} {host_agency.gen}"),
        "unodc": head if rng.random() < 0.3 else titled(person(rng, staff), unodc.en.format(**fill),
                                                        unodc.ru.format(**fill)),
        "participant": titled(participant, f"a participant from {city.en}",
                              f"{'участница' if participant[2] == 'f' else 'участник'} {event.gen} из {city.gen}"),
        "donor_rep": titled(person(rng, donor.nation), donor.envoy_en.format(ce=country.name.en),
                            donor.envoy_ru.format(cp=country.name.prep)),
        "expert": titled(person(rng, "international"), UNODC_TITLES[2].en.format(**fill),
                         UNODC_TITLES[2].ru.format(**fill)),
    }


def titled(name: tuple[str, str, str], title_en: str, title_ru: str) -> Person:
    """A person from a name (English, Russian, gender) and a title in each language."""
    en, ru, g = name
    return Person(en, ru, title_en, title_ru, g)


def _staff_nation(rng: random.Random, country: Country) -> str:
    """UNODC's staff in a country: national officers mostly, international experts too."""
    return country.nation if rng.random() < 0.6 else "international"


def person(rng: random.Random, nation: str) -> tuple[str, str, str]:
    """An invented name of `nation`: English, Russian, gender."""
    given, family = NAMES[nation]
    en, ru, g = rng.choice(given)
    if not family:
        return en, ru, g
    family_en, family_ru = rng.choice(family)
    if g == "f" and family_ru.endswith(("ов", "ев", "ин")):
        family_en, family_ru = family_en + "a", family_ru + "а"
    return f"{en} {family_en}", f"{ru} {family_ru}", g


# ---- Writing ------------------------------------------------------------------

def write_story(desk: Desk, story_id: str, words: int, *, kicker: bool, listed: bool, linked: bool,
                emphasis: bool, quotes: int) -> StoryText:
    """The story with a body of about `words` English words (150 to 1,200) and up to
    `quotes` pull quotes, taken from what its people say in the body."""
    story = StoryText(story_id, desk.topic.kicker if kicker else None, headline(desk), lead(desk),
                      body(desk, words, listed=listed, linked=linked, emphasis=emphasis, quoted=quotes > 0))
    story.quotes = pull_quotes(desk, story.body.en, quotes)
    return story


def headline(desk: Desk) -> Pair:
    """6 to 14 words in English; the first template that fits."""
    options = list(HEADLINES[desk.kind])
    desk.rng.shuffle(options)
    for template in options:
        text = desk.fill(template)
        if 6 <= word_count(text.en) <= 14 and word_count(text.ru) <= 16:
            return text
    return min((desk.fill(t) for t in options), key=lambda p: word_count(p.en))


def lead(desk: Desk) -> Pair:
    """25 to 60 words: the first sentence that fits, with a second when it is short."""
    text = desk.pick(LEADS[desk.kind])
    if word_count(text.en) < 32:
        text = text + desk.pick(LEADS["more"])
    return text


def body(desk: Desk, words: int, *, listed: bool, linked: bool, emphasis: bool, quoted: bool) -> list[Pair]:
    """The opening, middle paragraphs in the plan's order, and the closing."""
    opening = paragraph(desk, OPENINGS[desk.kind])
    closing = paragraph(desk, CLOSINGS[desk.kind], extra=LINKS if linked else ())
    assert opening and closing
    paragraphs = [opening]
    total = word_count(opening.en) + word_count(closing.en)
    for kind in _middle_order(desk, listed=listed, emphasis=emphasis, quoted=quoted):
        if total >= max(words - 30, MIN_BODY):
            break
        text = agreements(desk) if kind == "agreements" else paragraph(desk, MIDDLES[kind][1], fresh=True)
        if text is None or total + word_count(text.en) > min(max(words, MIN_BODY) + 60, MAX_BODY):
            continue
        paragraphs.append(text)
        total += word_count(text.en)
    return paragraphs + [closing]


def _middle_order(desk: Desk, *, listed: bool, emphasis: bool, quoted: bool) -> list[str]:
    """Speeches first, thanks and history last, the rest between in the dice's order; a list
    and the paragraph with *emphasis* only when the plan asks for them, and then early.
    A story with a pull quote opens its middle with a speech, even a short story."""
    suits = [k for k, (kinds, _, _) in MIDDLES.items() if desk.kind in kinds
             and k != "agreements" and k not in EMPHASIS.values()]
    early, late = [k for k in suits if k in EARLY], [k for k in suits if k in LATE]
    middle = [k for k in suits if k not in EARLY and k not in LATE]
    for part in (early, middle, late):
        desk.rng.shuffle(part)
    if quoted:
        early.sort(key=lambda k: k not in QUOTING)
    asked = ["agreements"] * listed + [EMPHASIS[desk.kind]] * emphasis
    # A long story runs out of paragraph kinds: the reusable ones come round again, with fresh sentences.
    again = [k for k in middle if MIDDLES[k][2]]
    return early[:1] + asked + early[1:] + middle + again + late


def paragraph(desk: Desk, sentences: Sequence[Group], extra: Sequence[Pair] = (), *,
              fresh: bool = False) -> Pair | None:
    """One sentence from each group in turn while the paragraph stays within 40-120 words.
    `fresh`: no sentence the story already has, and None rather than a paragraph under 40 words."""
    texts: list[Pair] = []
    for group in [*sentences, *([tuple(extra)] if extra else [])]:
        options = desk.topic.facts if group == FACTS else group
        assert not isinstance(options, str)
        sentence = desk.pick_fresh(options) if fresh else desk.pick(options)
        if sentence and sum(word_count(t.en) for t in texts) + word_count(sentence.en) <= 120:
            texts.append(sentence)
    if not texts or (fresh and sum(word_count(t.en) for t in texts) < 40):
        return None
    text = texts[0]
    for more in texts[1:]:
        text = text + more
    return text


def agreements(desk: Desk) -> Pair:
    """An introduction and a Markdown list of what the participants agreed."""
    intro = desk.pick(AGREEMENT_INTROS)
    agreed = desk.slots["agreed"]
    assert isinstance(agreed, list)
    items = [desk.fill(item) for item in agreed]
    en = "\n".join(f"- {item.en[0].lower()}{item.en[1:]}" for item in items)
    ru = "\n".join(f"- {item.ru[0].lower()}{item.ru[1:]}{';' if n < len(items) - 1 else '.'}"
                   for n, item in enumerate(items))
    return Pair(f"{intro.en}\n\n{en}", f"{intro.ru}\n\n{ru}")


def pull_quotes(desk: Desk, body: str, count: int) -> list[Quote]:
    """Up to `count` pull quotes, each repeating words a person says in the body."""
    quotes: list[Quote] = []
    for key, who in SPEAKERS:
        words, speaker = desk.slots[key], desk.slots[who]
        assert isinstance(words, Pair) and isinstance(speaker, Person)
        if f"“{words.en}" in body and len(quotes) < count:
            quotes.append(Quote(Pair(words.en + ".", words.ru + "."),
                                Pair(f"{speaker.en}, {speaker.title_en}", f"{speaker.ru}, {speaker.title_ru}")))
    return quotes


def factbox(desk: Desk) -> tuple[Pair, Pair]:
    """A title and three or four Markdown list items from the story's figures."""
    items = desk.rng.sample(FACTBOX_ITEMS[desk.kind], min(4, len(FACTBOX_ITEMS[desk.kind])))
    filled = [desk.fill(item) for item in items[:desk.rng.randint(3, 4)]]
    return (desk.pick(FACTBOX_TITLES), Pair("\n".join(f"- {i.en}" for i in filled) + "\n",
                                            "\n".join(f"- {i.ru}" for i in filled) + "\n"))


def caption(desk: Desk, index: int, *, panorama: bool = False) -> Caption:
    """The caption of the story's photo `index`: the first names the event, a panorama the place."""
    options = CAPTIONS["panorama"] if panorama else CAPTIONS[desk.kind][1:] if index else CAPTIONS[desk.kind][:1]
    text = desk.pick(options)
    event, city = desk.noun("event"), desk.noun("host_city" if desk.kind == "visit" else "city")
    return Caption(text, Pair("Placeholder image generated by bulletin",
                              "Изображение-заглушка, созданное программой bulletin"),
                   Pair(f"Placeholder image standing in for a photo of the {event.en} in {city.en}.",
                        f"Изображение-заглушка вместо фотографии {event.gen} в {city.prep}."))


# ---- The front page -----------------------------------------------------------

MENTIONS = {
    "training": Pair("a {days_event.en} for {group.en} in {city.en}",
                     "{days_event_prep.ru} для {group.gen} в {city.prep}"),
    "meeting": Pair("a {event.en} on {theme.en} in {city.en}", "{event.prep} по вопросам {theme.ru} в {city.prep}"),
    "visit": Pair("a study visit by {group.en} from {country.en} to {host.en}",
                  "ознакомительном визите {group.gen} {country.gen} в {host.acc}"),
}
THANKS = (Pair("We thank our partners and donors for their continued support.",
               "Благодарим наших партнёров и доноров за неизменную поддержку."),
          Pair("As always, we welcome your comments and suggestions.",
               "Как всегда, будем рады вашим отзывам и предложениям."))


def editorial(rng: random.Random, desks: Sequence[Desk]) -> Pair:
    """What the issue reports on, story by story, and a word of thanks."""
    mentions = [desk.render(MENTIONS[desk.kind]) for desk in desks]
    first, rest = mentions[:3], mentions[3:6]
    text = Pair(f"This issue reports on {_series(first, 'en')}.",
                f"В этом выпуске рассказывается {_about(first[0].ru)} {_series(first, 'ru')}.")
    if rest:
        text = text + Pair(f"It also covers {_series(rest, 'en')}.",
                           f"Кроме того, вы узнаете {_about(rest[0].ru)} {_series(rest, 'ru')}.")
    return text + rng.choice(THANKS)


def _series(items: Sequence[Pair], lang: str) -> str:
    words = [getattr(item, lang) for item in items]
    joint = " and " if lang == "en" else " и "
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + joint + words[-1]


def _about(phrase: str) -> str:
    """Russian 'о', 'об' before a vowel."""
    return "об" if phrase[:1].lower() in "аоуэи" else "о"
