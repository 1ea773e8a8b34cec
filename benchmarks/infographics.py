"""Charts for the family's stories: data that checks (percentages within 0-100,
donut parts within the whole, one value per category) and its words in both
languages, as issue.yaml and its translation hold them.

Units are those the bulletin writes in both languages ("%", "people",
"million USD", or none with the unit in the title): a unit the wording files do
not know would be printed in English in the Russian edition.
"""
from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .grammar import Pair, capital, genitive_plural_count, number, percent
from .newsroom import Desk
from .wordstock import COUNTRIES

KIND_NAMES = {"bars": Pair("Bar chart", "Столбчатая диаграмма"), "columns": Pair("Column chart", "Гистограмма"),
              "line": Pair("Line chart", "Линейный график"), "donut": Pair("Donut chart", "Кольцевая диаграмма"),
              "keyfigures": Pair("Key figures", "Ключевые показатели")}
UNITS = {"%": ("%", "%"), "people": ("people", "человек"), "million USD": ("million USD", "млн долларов США"),
         "": ("", "")}
BUDGET = (Pair("Law enforcement", "Правоохранительная деятельность"),
          Pair("Criminal justice", "Уголовное правосудие"),
          Pair("Prevention and health", "Профилактика и здравоохранение"),
          Pair("Research and analysis", "Исследования и анализ"))
SEXES = (Pair("Men", "Мужчины"), Pair("Women", "Женщины"))


@dataclass(frozen=True)
class ChartSpec:
    """What a chart is asked to be: 'bars', or with options 'line+full+table+notes'."""
    kind: str
    full: bool = False
    table: bool = False
    notes: bool = False

    @classmethod
    def parse(cls, text: str) -> ChartSpec:
        kind, *options = text.split("+")
        unknown = set(options) - {"full", "table", "notes"}
        if kind not in KIND_NAMES or unknown:
            raise ValueError(f"{text!r}: expected a chart kind and +full, +table, +notes")
        return cls(kind, "full" in options, "table" in options, "notes" in options)


@dataclass(frozen=True)
class Chart:
    """A chart as issue.yaml holds it (`data`) and its words in the translation (`words`)."""
    id: str
    spec: ChartSpec
    data: dict[str, Any]
    words: dict[str, Any]


def make_chart(desk: Desk, chart_id: str, spec: ChartSpec) -> Chart:
    data, words = BUILDERS[spec.kind](desk, spec)
    title = Pair(data["title"], words["title"])
    data = {"id": chart_id, "kind": spec.kind, **data}
    if spec.kind != "keyfigures" or not spec.full:        # key figures are full width by default
        data["width"] = "full" if spec.full else "half"
    if spec.table:
        data["table"] = True
    if desk.rng.random() < 0.7:
        data["source"], words["source"] = _source(desk)
    if spec.notes:
        last = desk.slots["last_year"]
        data["notes"] = f"Figures for {last} are provisional."
        words["chart_notes"] = f"Данные за {last}\u00a0год предварительные."
    data["alt"], words["alt"] = _alt(spec.kind, title, data, words)
    return Chart(chart_id, spec, data, words)


def _source(desk: Desk) -> tuple[str, str]:
    partner = desk.noun("partner")
    return f"UNODC and {partner.en}", f"УНП ООН и {partner.nom}"


def _bars(desk: Desk, spec: ChartSpec) -> tuple[dict, dict]:
    """Knowledge gained per skill (%), women per country (%) or officers trained per country."""
    rng = desk.rng
    variant = rng.randrange(3)
    if variant == 0:
        labels = [desk.noun(f"skill{n}") for n in range(1, 5)]
        label_pairs = [Pair(capital(s.en), capital(s.nom)) for s in labels]
        title = Pair("Knowledge gained, by topic", "Прирост знаний по темам")
        unit, values = "%", [rng.randint(15, 65) for _ in labels]
        notes = [_count_of(rng, "Test of {n} questions", "Тест из {n} вопросов") for _ in labels]
    else:
        countries = rng.sample(COUNTRIES, rng.randint(3, 5))
        label_pairs = [Pair(c.name.en, c.name.nom) for c in countries]
        if variant == 1:
            title, unit = Pair("Women among participants, by country", "Доля женщин среди участников по странам"), "%"
            values = [rng.randint(10, 48) for _ in countries]
        else:
            since = desk.slots["since_year"]
            title = Pair(f"Officers trained since {since}, by country",
                         f"Сотрудники, прошедшие обучение с {since} года, по странам")
            unit, values = "people", [rng.randint(120, 950) for _ in countries]
        notes = [_count_of(rng, "{n} courses", "{n} курсов") for _ in countries]
    points = [{"label": p.en, "value": v} for p, v in zip(label_pairs, values)]
    words: dict[str, Any] = {"title": title.ru, "labels": [p.ru for p in label_pairs]}
    if spec.notes:
        for point, note in zip(points, notes):
            point["note"] = note.en
        words["notes"] = [note.ru for note in notes]
    return {"title": title.en, "unit": unit, "points": points}, words


def _columns(desk: Desk, spec: ChartSpec) -> tuple[dict, dict]:
    """Participants of the year's courses: men and women, or by group."""
    rng, country, last = desk.rng, desk.noun("country"), desk.slots["last_year"]
    assert isinstance(last, int)
    years = [str(last - n) for n in range(rng.randint(3, 5) - 1, -1, -1)]
    if rng.random() < 0.5:
        names = list(SEXES)
    else:
        names = [Pair(capital(g.en), capital(g.nom)) for g in (desk.noun("group"), desk.noun("group2"))]
    series = [{"name": name.en, "values": _growing(rng, len(years), rng.randint(20, 160), rng.randint(5, 40))}
              for name in names]
    data = {"title": f"Participants of UNODC courses in {country.en}, by year", "unit": "people",
            "categories": years, "series": series}
    words = {"title": f"Участники курсов УНП ООН в {country.prep} по годам", "labels": years,
             "series": [name.ru for name in names]}
    return data, words


def _line(desk: Desk, spec: ChartSpec) -> tuple[dict, dict]:
    """The field's yearly series, for the country (and a neighbour)."""
    rng, trend, country = desk.rng, desk.topic.trend, desk.noun("country")
    last = desk.slots["last_year"]
    assert isinstance(last, int)
    years = [str(last - n) for n in range(rng.randint(5, 8) - 1, -1, -1)]
    names = [trend.series]
    if rng.random() < 0.4:
        other = rng.choice([c.name for c in COUNTRIES if c.name is not country])
        names = [Pair(country.en, country.nom), Pair(other.en, other.nom)]
    series = []
    for name in names:
        start = round(trend.start * rng.uniform(0.7, 1.3))
        values = _growing(rng, len(years), start, trend.step)
        if trend.unit == "%":
            values = [min(v, 100) for v in values]
        series.append({"name": name.en, "values": values})
    data = {"title": trend.title.en, "unit": trend.unit, "x": years, "series": series}
    return data, {"title": trend.title.ru, "labels": years, "series": [n.ru for n in names]}


def _donut(desk: Desk, spec: ChartSpec) -> tuple[dict, dict]:
    """Participants by group, or the year's budget by area; the parts may leave part of the whole empty."""
    rng = desk.rng
    if rng.random() < 0.5:
        groups = (desk.noun("group"), desk.noun("group2"))
        labels = [Pair(capital(g.en), capital(g.nom)) for g in groups] + [Pair("Other agencies", "Другие ведомства")]
        title = Pair("Participants by service", "Участники по ведомствам")
    else:
        labels = list(BUDGET[:rng.randint(2, 4)])
        year = desk.slots["year"]
        title = Pair(f"Where the {year} budget went", f"Распределение бюджета на {year}\u00a0год")
    whole = rng.choice([100, 100, rng.randint(70, 95)])
    values = _split(rng, whole, len(labels))
    parts = [{"label": p.en, "value": v} for p, v in zip(labels, values)]
    return ({"title": title.en, "unit": "%", "parts": parts},
            {"title": title.ru, "labels": [p.ru for p in labels]})


def _keyfigures(desk: Desk, spec: ChartSpec) -> tuple[dict, dict]:
    """The country's year in three or four big numbers."""
    rng, country, last, since = desk.rng, desk.noun("country"), desk.slots["last_year"], desk.slots["since_year"]
    candidates = [
        (desk.number("money_m").value, "million USD",
         Pair("of technical assistance delivered", "направлено на техническую помощь")),
        (desk.number("n_trained").value, "people", Pair(f"trained since {since}", f"прошли обучение с {since} года")),
        (desk.number("pct_women").value, "%", Pair("of the participants were women", "участников — женщины")),
        (desk.number("n_sites").value, "", Pair("institutions supported", "учреждений получили поддержку")),
    ]
    chosen = rng.sample(candidates, rng.randint(3, 4))
    figures = [{"value": value, **({"unit": unit} if unit else {}), "label": label.en}
               for value, unit, label in chosen]
    return ({"title": f"{country.en} in {last}", "figures": figures},
            {"title": f"{country.nom} в {last}\u00a0году", "labels": [label.ru for _, _, label in chosen]})


BUILDERS: dict[str, Callable[[Desk, ChartSpec], tuple[dict, dict]]] = {
    "bars": _bars, "columns": _columns, "line": _line, "donut": _donut, "keyfigures": _keyfigures}


def _growing(rng: random.Random, count: int, start: int, step: int) -> list[int]:
    """A series that mostly rises, with the wobble of real yearly figures."""
    values, value = [], float(start)
    for _ in range(count):
        values.append(max(0, round(value)))
        value += step * rng.uniform(-0.4, 1.6)
    return values


def _split(rng: random.Random, whole: int, parts: int) -> list[int]:
    """`parts` whole numbers adding up to `whole`, the first the largest."""
    cuts = sorted(rng.sample(range(5, whole - 4), parts - 1))
    values = [b - a for a, b in zip([0, *cuts], [*cuts, whole])]
    values = [v if v > 0 else 1 for v in values]
    values.sort(reverse=True)
    return values


def _count_of(rng: random.Random, en: str, ru: str) -> Pair:
    n = rng.choice([n for n in range(5, 31) if genitive_plural_count(n)])
    return Pair(en.format(n=n), ru.format(n=n))


def _alt(kind: str, title: Pair, data: dict, words: dict) -> tuple[str, str]:
    """The sentence a screen reader reads, from the data, in each language."""
    unit = data.get("unit", "")
    if "series" in data:
        labels = data.get("categories") or data["x"]
        en_items = [f"{s['name']}: " + ", ".join(f"{c} {_quantity(v, unit).en}" for c, v in zip(labels, s["values"]))
                    for s in data["series"]]
        ru_items = [f"{name}: " + ", ".join(f"{c} — {_quantity(v, unit).ru}" for c, v in zip(labels, s["values"]))
                    for name, s in zip(words["series"], data["series"])]
    else:
        points = data.get("points") or data.get("parts") or data["figures"]
        en_items = [f"{p['label']} {_quantity(p['value'], p.get('unit', unit)).en}" for p in points]
        ru_items = [f"{label} — {_quantity(p['value'], p.get('unit', unit)).ru}"
                    for label, p in zip(words["labels"], points)]
    name = KIND_NAMES[kind]
    return (f"{name.en}: {title.en}: {'; '.join(en_items)}.", f"{name.ru}: {title.ru}: {'; '.join(ru_items)}.")


def _quantity(value: float, unit: str) -> Pair:
    if unit == "%":
        return Pair(percent(value).en, percent(value).ru)
    en, ru = UNITS.get(unit, (unit, unit))
    written = number(value, en, ru)
    return Pair(written.en, written.ru)
