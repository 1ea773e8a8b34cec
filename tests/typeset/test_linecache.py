"""The set lines kept from one build to the next (typeset/linecache.py): what comes out is
what setting the lines afresh gives, and a cache that cannot be trusted is not used."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bulletin.typeset import linecache
from bulletin.typeset.linecache import LineCache
from bulletin.typeset.lines import LineSetter
from tests.typeset.test_lines import TEXT, render, story

SCOPE = "stylesheets-and-fonts"
SOURCE = story(TEXT, TEXT.replace("Steering", "Coordination"), "A short one.")


def no_sample(html: str):
    raise AssertionError("every paragraph was kept: no sample layout is needed")


def kept(path, source: str = SOURCE) -> LineCache:
    """A cache file holding what setting `source` afresh gave."""
    cache = LineCache(path, SCOPE)
    LineSetter(render, cache).set(source)
    cache.save()
    return cache


def test_kept_lines_give_what_setting_them_afresh_gives(tmp_path):
    afresh = LineSetter(render).set(SOURCE)
    assert kept(tmp_path / "lines.json").hits == 0
    again = LineCache(tmp_path / "lines.json", SCOPE)
    assert LineSetter(no_sample, again).set(SOURCE) == afresh
    assert again.hits == 3


def test_after_one_changed_word_only_its_paragraph_is_set_again(tmp_path):
    kept(tmp_path / "lines.json")
    edited = SOURCE.replace("capital", "city", 1)
    again = LineCache(tmp_path / "lines.json", SCOPE)
    assert LineSetter(render, again).set(edited) == LineSetter(render).set(edited)
    assert again.hits == 2 and len(again) == 3
    again.save()       # what this build used, and only that
    assert len(json.loads((tmp_path / "lines.json").read_text())["paragraphs"]) == 3


@pytest.mark.parametrize("content", [
    "{not json", '{"scope": "stylesheets-and-fonts", "paragraphs": [1, 2]}', '["a list"]',
    '{"scope": "stylesheets-and-fonts"}', ""])
def test_a_corrupt_cache_is_not_used(tmp_path, content):
    path = tmp_path / "lines.json"
    path.write_text(content)
    cache = LineCache(path, SCOPE)
    assert LineSetter(render, cache).set(SOURCE) == LineSetter(render).set(SOURCE)
    assert cache.hits == 0


def test_lines_kept_for_other_stylesheets_fonts_or_code_are_not_used(tmp_path):
    path = tmp_path / "lines.json"
    kept(path)
    data = json.loads(path.read_text())
    data["paragraphs"] = {key: "<span>stale</span>" for key in data["paragraphs"]}
    path.write_text(json.dumps(data))
    assert LineCache(path, SCOPE).kept, "the same scope: read"
    cache = LineCache(path, "other stylesheets")
    assert "stale" not in LineSetter(render, cache).set(SOURCE)
    assert cache.hits == 0


def test_the_scope_follows_the_inputs_and_the_line_setting_code(tmp_path, monkeypatch):
    base = linecache.scope([b"a.css", b"font"])
    assert linecache.scope([b"a.css", b"font"]) == base
    assert linecache.scope([b"b.css", b"font"]) != base
    assert linecache.scope([b"a.css", b"font", b"another font"]) != base
    changed = tmp_path / "lines.py"
    changed.write_text("# another algorithm")
    monkeypatch.setattr(linecache, "CODE", (str(changed), *linecache.CODE[1:]))
    assert linecache.scope([b"a.css", b"font"]) != base


def test_a_cache_that_cannot_be_written_does_not_stop_the_build(tmp_path):
    (tmp_path / "file").write_text("")
    cache = kept(tmp_path / "file" / "lines.json")       # under a file: no folder can be made
    assert len(cache) == 3


def test_the_scope_covers_every_module_the_line_setter_imports():
    # lines.py had split its paragraph reading into paragraphs.py, which the scope missed.
    folder = Path(linecache.__file__).parent
    imported = set(re.findall(r"^from \.(\w+) import", (folder / "lines.py").read_text(), re.M))
    assert {f"{name}.py" for name in imported} <= set(linecache.CODE)
