"""Composing with libyaml's parser gives the nodes and marks PyYAML's own parser gives:
the officer's messages point at lines, columns and characters from those marks."""
from __future__ import annotations

import pytest
import yaml

from bulletin.content import yamlcompose
from tests.support.project import ROOT


def _tree(node: yaml.Node) -> list[tuple]:
    marks = (node.start_mark.line, node.start_mark.column, node.start_mark.index,
             node.end_mark.line, node.end_mark.column, node.end_mark.index)
    here = [(type(node).__name__, node.tag, marks, node.value if isinstance(node, yaml.ScalarNode) else None)]
    if isinstance(node, yaml.MappingNode):
        return here + [item for pair in node.value for part in pair for item in _tree(part)]
    if isinstance(node, yaml.SequenceNode):
        return here + [item for part in node.value for item in _tree(part)]
    return here


@pytest.mark.parametrize("name", ["issue.yaml", "issue.ru.yaml"])
def test_both_parsers_compose_the_same_nodes_at_the_same_places(name):
    text = (ROOT / "issues" / "2017-04" / name).read_text(encoding="utf-8")
    fast, refused = yamlcompose._FastLoader(text).composed()
    plain, _ = yamlcompose._GuardedLoader(text).composed()
    assert fast is not None and refused == []
    assert _tree(fast) == _tree(plain)
    assert name == "issue.yaml" or "Ж" in text.upper()    # Cyrillic: characters, not bytes, counted


def test_a_file_libyaml_refuses_is_reported_in_pyyamls_words():
    with pytest.raises(yaml.MarkedYAMLError) as refused:
        yamlcompose.compose("stories:\n  - id: a\n\tkicker: b\n")
    assert "'\\t'" in str(refused.value.problem)        # PyYAML's words, which yamlreader reads


def test_the_limits_hold_with_either_parser():
    nested = "a: " + "[" * (yamlcompose.MAX_DEPTH + 5) + "]" * (yamlcompose.MAX_DEPTH + 5) + "\n"
    with pytest.raises(yamlcompose.LimitExceeded):
        yamlcompose._FastLoader(nested).composed()
    with pytest.raises(yamlcompose.LimitExceeded):
        yamlcompose.compose(nested)


def test_a_file_over_the_limits_is_not_parsed_a_second_time(monkeypatch):
    # The limits are the composer's: PyYAML's parser would stop at the same place, only later.
    parsed = []
    monkeypatch.setattr(yamlcompose, "_GuardedLoader", lambda text: parsed.append(text))
    aliases = "a: &x [" + ",".join(["word"] * 1000) + "]\n" + "".join(f"b{n}: *x\n" for n in range(200))
    with pytest.raises(yamlcompose.LimitExceeded):
        yamlcompose.compose(aliases)
    assert parsed == []
