"""Writes one story in English and Russian from its assignment (assignment.py): the
slots of who met where, when, for what, and who said what.

The story is written paragraph by paragraph from sentence templates held in both
languages (templates.py), so the Russian is a translation of the English sentence
by sentence. Each person is introduced with a title once and quoted in one
paragraph only, as an editor would have it; no sentence is printed twice.
"""
from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .grammar import (
    Noun,
    Number,
    Pair,
    capital,
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
    Person,
    Topic,
)

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
