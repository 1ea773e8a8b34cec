"""Random stories and markup: each issue either builds or stops with a content error
(a character no font can draw is one, at its line), never with a traceback.

The runs are bounded and derandomized, so CI sees the same examples each time.
The full property renders the email edition only: the same path through
WeasyPrint at half the time.
"""
from __future__ import annotations

import io

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from bulletin.content import load_issue
from bulletin.content.photos import image_problem
from bulletin.editions import EditionKind
from bulletin.errors import ContentError
from bulletin.pipeline import build

BOUNDED = dict(deadline=None, derandomize=True, database=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                      HealthCheck.data_too_large])

LETTERS = ("abcdefghijklmnopqrstuvwxyz ABCDEFGH .,;:!?'\"()-–—…«»„“"
           "абвгдеёжзийклмнопрстуфхцчшщъыьэюя қңүұөһ 0123456789")
# Markup and characters that must typeset as text...
SNIPPETS = [
    "\n\n", "*", "**", "_", "`", "[", "](", ")", "<", ">", "&", "&amp;", "#", "- ", "1. ",
    "> ", "\\", "|", "---", "\n- item\n", "\n1. one\n2. two\n", "\n> quoted\n", "\n# Heading\n",
    "<script>alert(1)</script>", "<style>p{}</style>", "<img src=http://127.0.0.1:9/x.png>",
    "[x](javascript:alert(1))", "[x](https://example.org/)", "![x](http://127.0.0.1:9/x.png)",
    "<https://example.org/>", "[x]: javascript:alert(1)\n", "<!--", "-->", "{{ issue }}", "{% if %}",
    "&#233;", "&mdash;", "&#0;", "&bogus;",
    "\u200b", "\u00ad", "\u200d", "\u200e", "\u202e", "\u2066", "e\u0301", "\u00a0", "\t",
    "x" * 200, "https://example.org/" + "a" * 120, "word " * 300,
]
# ... and what must stop the build with a message: control characters, characters
# no font has, empty fields, anything at all.
POISON = ["", " ", "\x07", "\x00", "\x1b[31m", "\x85", "😀", "&#x1F600;", "שלום", "\ue000",
          "\U00090340"]
words = st.text(alphabet=st.sampled_from(LETTERS), min_size=1, max_size=40)
clean = st.lists(st.one_of(words, st.sampled_from(SNIPPETS)), min_size=1, max_size=10).map("".join)
poison = st.one_of(st.sampled_from(POISON), st.text(max_size=8))
# One field in twenty is poisoned, so that about half the issues reach WeasyPrint.
markdown = st.integers(0, 19).flatmap(lambda n: poison if n == 0 else clean)
plain = st.integers(0, 19).flatmap(lambda n: poison if n == 0 else words)


@st.composite
def issues(draw) -> dict:
    ids = draw(st.lists(st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True),
                        min_size=1, max_size=3, unique=True))
    stories = []
    for index, story_id in enumerate(ids):
        story = {"id": story_id, "headline": draw(plain), "lead": draw(markdown),
                 "body": draw(markdown)}
        if draw(st.booleans()):
            story["kicker"] = draw(plain)
        if draw(st.booleans()):
            story["quotes"] = [{"text": draw(plain), "attribution": draw(plain)}]
        if index == 0:
            story["figures"] = [{"image": "photos/meeting.jpg", "caption": draw(markdown),
                                 "credit": draw(plain), "alt": draw(plain)}]
        stories.append(story)
    return {"number": 2, "date": "2017-06-30", "period": draw(words), "language": "en",
            "stories": stories}


def write(project, content: dict) -> None:
    project.issue_file.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")


def builds_or_says_why(project) -> None:
    try:
        result = build(project.issue_dir, kinds=(EditionKind.EMAIL,))
    except ContentError:            # a BuildError here would be our defect: it is not caught
        return
    assert [e.kind for e in result.editions] == ["email"]
    assert result.editions[0].pages >= 1
    assert result.editions[0].path.read_bytes().startswith(b"%PDF-")


HOSTILE = {"number": 2, "date": "2017-06-30", "period": "May–June 2017", "language": "en",
           "stories": [{"id": "hostile", "headline": "<script>alert(1)</script>",
                        "lead": "[x](javascript:alert(1)) ![y](http://127.0.0.1:9/y.png)",
                        "body": "<style>p{}</style>\n\n" + "x" * 200 + "\n\n- a\n- b\n\n> q\u200b"}]}


@pytest.mark.slow
@settings(max_examples=20, **BOUNDED)
@given(content=issues())
@example(content=HOSTILE)
def test_random_stories_build_or_fail_with_a_content_error(project, content):
    write(project, content)
    builds_or_says_why(project)


yaml_tokens = st.sampled_from([
    "number: 2\n", "date: 2017-06-30\n", "stories:\n", "  - id: a\n", "    headline: ", "body: |\n",
    ": ", "- ", "  ", "\t", "&a ", "*a ", "!!python/object:os.system ", "!x ", "{", "}", "[", "]",
    "'", '"', "#", "---\n", "...\n", "? ", "|", ">", "\n", "<<: ", "%YAML 1.1\n", "\\x", "\ufeff",
])
yaml_text = st.lists(st.one_of(yaml_tokens, st.text(max_size=6)), max_size=40).map("".join)


@pytest.mark.slow
@settings(max_examples=150, **BOUNDED)
@given(text=yaml_text)
def test_random_yaml_loads_or_fails_with_a_content_error(project, text):
    project.issue_file.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load_issue(project.issue_dir)
    except ContentError as err:
        assert err.problems and all(p.line >= 1 and p.column >= 1 for p in err.problems)


@pytest.mark.slow
@settings(max_examples=60, **BOUNDED)
@given(data=st.binary(max_size=200))
def test_random_bytes_load_or_fail_with_a_content_error(project, data):
    project.issue_file.write_bytes(data)
    try:
        load_issue(project.issue_dir)
    except ContentError as err:
        assert err.problems


def small_photo(fmt: str, mode: str) -> bytes:
    out = io.BytesIO()
    Image.effect_noise((60, 40), 40).convert(mode).save(out, fmt)
    return out.getvalue()


PHOTOS = {"jpg": small_photo("JPEG", "RGB"), "png": small_photo("PNG", "RGBA")}


@pytest.mark.slow
@settings(max_examples=150, **BOUNDED)
@given(suffix=st.sampled_from(sorted(PHOTOS)),
       edits=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255), st.integers(0, 40)),
                      min_size=1, max_size=6))
def test_damaged_photos_are_judged_never_crash(tmp_path_factory, suffix, edits):
    data = bytearray(PHOTOS[suffix])
    for where, byte, cut in edits:        # overwrite a byte, then cut a few after it
        at = int(where * (len(data) - 1))
        data[at] = byte
        del data[at + 1:at + 1 + cut]
    path = tmp_path_factory.mktemp("photo") / f"damaged.{suffix}"
    path.write_bytes(bytes(data))
    problem = image_problem(path, path.parent)
    assert problem is None or problem.startswith(("is not a readable image", "is empty", "is a ", "carries a "))
