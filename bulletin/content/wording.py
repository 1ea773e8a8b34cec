"""Per-language words and typographic rules: what the templates print, how numbers
and units are written, which short words are tied to the next one."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import SetupError

WORDING_DIR = Path(__file__).parent / "wording"
NBSP = "\u00a0"


@dataclass(frozen=True)
class Wording:
    language: str
    words: dict

    def __getitem__(self, key: str):
        return self.words[key]

    def number(self, value: float) -> str:
        """1234.5 -> '1,234.5' (en) or '1 234,5' (ru)."""
        text = f"{value:,.{_decimals(value)}f}"
        return text.translate({ord(","): self.words["thousands"], ord("."): self.words["decimal"]})

    def quantity(self, value: float, unit: str) -> str:
        """A value with its unit as the language writes it: '29 million USD', '57 %'."""
        pattern = self.words["units"].get(unit, "{n}" + (NBSP + unit if unit else ""))
        return pattern.format(n=self.number(value))

    def tie(self, text: str) -> str:
        """Every no-break space of the language: inside numbers, between a number and its
        unit, after the short words that must not end a line, and before a dash or an
        ellipsis standing alone (a line may end after one, never start with it)."""
        return self.tie_short_words(self.tie_numbers(_tie_lone_punctuation(text)))

    def tie_numbers(self, text: str) -> str:
        """Numbers as typed by hand, kept whole on their line: the spaces between digit
        groups ("267 000 000"), between a number and its unit ("15 %", "29 million USD",
        "267 000 000 иен") and after № or § ("№ 5") become no-break spaces."""
        return _number_pattern(tuple(self.words.get("number_words", ()))).sub(
            lambda m: m[0].replace(" ", NBSP), text)

    def tie_short_words(self, text: str) -> str:
        """No line may end on a short preposition or conjunction."""
        if not self.words["short_words"]:
            return text
        return _short_words_pattern(tuple(self.words["short_words"])).sub(
            lambda m: m[1] + NBSP, text)


@functools.cache
def wording(language: str) -> Wording:
    path = WORDING_DIR / f"{language}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in WORDING_DIR.glob("*.yaml")))
        raise SetupError(f"no wording for the language '{language}' (bulletin/wording/ has: {known}); "
                         f"add bulletin/wording/{language}.yaml with the keys of en.yaml")
    return Wording(language, yaml.safe_load(path.read_text(encoding="utf-8")))


# A dash or an ellipsis set apart by a space, as typed or before the Markdown typographer
# makes it ("--", "..."), then the end of the text, a space or closing punctuation.
_LONE_PUNCTUATION = re.compile(r" +(?=(?:—|–|…|---|--|\.\.\.)(?:$|[\s\"'»”’)\].,;:!?]))")


def _tie_lone_punctuation(text: str) -> str:
    return _LONE_PUNCTUATION.sub(lambda m: NBSP * len(m[0]), text)


@functools.cache
def _short_words_pattern(words: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"(?<![\w\-])((?:{alternatives}))[ \t\n]+(?=\S)", re.IGNORECASE)


# What ties to a number whatever the language: signs before it, signs after it.
_SIGNS_BEFORE = "№§$€£¥"
_SIGNS_AFTER = "%‰‱°"


@functools.cache
def _number_pattern(words: tuple[str, ...]) -> re.Pattern:
    """A number with what stays with it, each joined by one plain space (a newline is the
    author's own break): a sign before it, its digit groups, and the units after it."""
    grouped = r"(?<![\w.,])\d{1,3}(?: \d{3})+(?![\d])(?:[.,]\d+)?"
    single = r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\d])"
    units = "|".join(sorted(map(re.escape, words), key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?:[{_SIGNS_BEFORE}] )?(?:{grouped}|{single})"
                      rf"(?: (?:[{_SIGNS_AFTER}]|(?:{units})(?![\w])))*")


def _decimals(value: float) -> int:
    return 0 if float(value).is_integer() else 1
