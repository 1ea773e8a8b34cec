"""An editor's assignment: everything a story will tell, drawn before a word is written.

`plan_story` draws the event, its place and date, the partners, the people and
their titles, the figures and the quotes, and hands them to the newsroom as the
slots of its sentence templates (a Desk). Names are invented from each nation's
naming customs; figures are those Russian counts its nouns after in the genitive
plural (5 пограничников), so no template needs to decline by number.
"""
from __future__ import annotations

import functools
import random
from dataclasses import dataclass

from .fields import TOPICS
from .grammar import (
    NBSP,
    Noun,
    Pair,
    Span,
    adjective,
    genitive_plural_count,
    money,
    month_name,
    noun,
    number,
    percent,
)
from .newsroom import Desk
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
