"""Markdown in stories -> safe HTML fragments.

Raw HTML in content is escaped, never rendered, and links may only point to
web pages or e-mail addresses: text in a story must never become markup.
"""
from __future__ import annotations

import functools
import html
import re

from markdown_it import MarkdownIt
from markupsafe import Markup

from ..content.wording import wording

SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:")


@functools.cache
def _parser(language: str) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": True,
                                   "quotes": wording(language)["quotes"]})
    md.enable(["replacements", "smartquotes"])
    md.disable(["image", "code", "fence", "html_block", "html_inline"])
    md.validateLink = _is_safe_link       # type: ignore[method-assign]  # markdown-it's own hook
    return md


def _is_safe_link(url: str) -> bool:
    return url.strip().lower().startswith(SAFE_LINK_SCHEMES)


def plain(text: str, language: str) -> str:
    """Text that is not Markdown (headlines, captions), with the language's no-break
    spaces: in numbers, before units, after short words."""
    return wording(language).tie(text)


def blocks(text: str, language: str) -> Markup:
    """Paragraphs, lists, emphasis and links."""
    return Markup(_parser(language).render(plain(text, language)))


def inline(text: str, language: str) -> Markup:
    """One paragraph's worth of emphasis and links, without the <p>."""
    return Markup(_parser(language).renderInline(plain(text, language)))


def printed(text: str, language: str = "en") -> str:
    """The characters the page prints of Markdown `text`: character references decoded
    as Markdown decodes them (&#128; is U+FFFD there, not the €), the typography's
    dashes, ellipses and quotes made, the markup gone. The check of the fonts reads this."""
    rendered = _parser(language).render(text)
    return html.unescape(_TAG.sub("", rendered))


_TAG = re.compile(r"<[^>]*>")


def paragraphs(text: str, language: str) -> list[Markup]:
    """The top-level blocks of `text` one by one, so a pull quote can go between them."""
    tokens = _parser(language).parse(plain(text, language))
    parts, start = [], 0
    for index, token in enumerate(tokens):
        if token.level == 0 and token.nesting == -1:
            parts.append(Markup(_parser(language).renderer.render(
                tokens[start:index + 1], _parser(language).options, {})))
            start = index + 1
    return parts


def words(fragment: str) -> str:
    """The words of an HTML fragment, lower case, one space apart: to find a
    pull quote's words in the paragraph they come from."""
    text = html.unescape(_TAG.sub(" ", fragment)).replace("\u00ad", "")
    return " ".join(re.findall(r"\w+", text.lower()))
