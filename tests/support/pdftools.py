"""Reading PDFs the way their readers do: with poppler's command-line tools."""
from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pikepdf


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def text(pdf: Path, page: int | None = None) -> str:
    """The PDF's text (or one page's) with line breaks and end-of-line hyphens undone."""
    only = ["-f", str(page), "-l", str(page)] if page else []
    raw = run("pdftotext", "-enc", "UTF-8", *only, str(pdf), "-")
    # A hyphenated word's hyphen reads as a soft hyphen (typeset.textlayer); a plain "-" at a
    # line end is a real hyphen.
    joined = re.sub(r"(\w)\u00ad\n(\w)", r"\1\2", raw)
    joined = re.sub(r"(\w)-\n(\w)", r"\1-\2", joined)
    return re.sub(r"\s+", " ", joined)


def fonts(pdf: Path) -> list[dict]:
    """pdffonts' table: one dict per font with name, embedded."""
    lines = run("pdffonts", str(pdf)).splitlines()[2:]
    return [{"name": line.split()[0], "embedded": line[-21:].split()[0] == "yes"}
            for line in lines if line.strip()]


def boxes(pdf: Path) -> dict[str, tuple[float, ...]]:
    """The first page's boxes as pdfinfo -box prints them, in points."""
    found = {}
    for line in run("pdfinfo", "-box", str(pdf)).splitlines():
        match = re.match(r"(\w+Box):\s+([-\d.\s]+)$", line)
        if match:
            found[match[1]] = tuple(float(v) for v in match[2].split())
    return found


def pages(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf)))[1])


def loose(text_: str) -> str:
    """Text without hyphens: pdftotext joins a word hyphenated at a line end
    whether the hyphen was the typesetter's or the author's ("UNODC-supported")."""
    return re.sub(r"\s+", " ", re.sub(r"[-\u2011\u00ad]", "", text_))


def word_lines(pdf: Path) -> list[tuple[int, float, list[tuple[float, float, str]]]]:
    """Every line of words pdftotext -bbox-layout finds: (page, top, [(xMin, xMax, word)]),
    in points from the page's top left corner."""
    found = []
    for number, page in enumerate(re.findall(r"<page .*?</page>", run(
            "pdftotext", "-enc", "UTF-8", "-bbox-layout", str(pdf), "-"), flags=re.S), start=1):
        for line in re.findall(r"<line .*?</line>", page, flags=re.S):
            words = [(float(x0), float(x1), html.unescape(word)) for x0, x1, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', line)]
            top = float(re.search(r'yMin="([\d.]+)"', line)[1])
            found.append((number, top, words))
    return found


def struct_elements(pdf, kind: str) -> list:
    """The structure elements of a kind, in the tree's (reading) order."""
    found, stack = [], [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop(0)
        if isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == kind:
                found.append(node)
            kids = node.get("/K")
            if kids is not None:
                stack[0:0] = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return found
