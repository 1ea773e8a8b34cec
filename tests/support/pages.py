"""Small pages laid out by WeasyPrint, for the measures read from its boxes."""
from __future__ import annotations

import fontpkg

FONT = fontpkg.path("Fira Sans", 400).as_uri()
# A 100 mm page with 10 mm margins: an 80 mm column holds 15 lines of 15 pt.
PAGE_CSS = (f"@font-face {{ font-family: Test; src: url('{FONT}') }}"
            "@page { size: 100mm 100mm; margin: 10mm }"
            "html { font: 10pt/15pt Test; orphans: 1; widows: 1 }"
            "body, p, h2 { margin: 0 } h2 { font-size: 10pt; break-after: auto }"
            "article { column-gap: 4mm }")


def layout(body: str):
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    fonts = FontConfiguration()
    return HTML(string=f"<html><body>{body}</body></html>").render(
        stylesheets=[CSS(string=PAGE_CSS, font_config=fonts)], font_config=fonts)


def lines(count: int, first: int = 1) -> str:
    return "<br>".join(f"line {n}" for n in range(first, first + count))


def quoted_story(quote_lines: int, before: int = 20, after: int = 10) -> str:
    """`before` lines in two columns, a pull quote of `quote_lines` across them, `after` more."""
    quote = (f'<aside class="pull-quote" style="column-span: all; break-inside: avoid">'
             f'{lines(quote_lines, 100)}</aside>')
    return (f'<article id="a"><div class="story-columns" style="columns: 2">'
            f'{lines(before)}{quote}{lines(after, before + 1)}</div></article>')
