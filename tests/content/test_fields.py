"""The issue format is declared once (fields.py): the loader, the translation reader and
the model agree on every key, because each reads the same declarations."""
from __future__ import annotations

import dataclasses
import re

import pytest
import yaml

from bulletin.content import load_issue, model
from bulletin.content.fields import (
    CHART,
    CHART_LABELS,
    CONTACTS,
    DELIVER,
    EMAIL,
    FACTBOX,
    FIGURE,
    ISSUE,
    OMITTED,
    PRINT,
    PUBLICATION,
    QUOTE,
    SEND,
    SFTP,
    SMTP,
    STORY,
    TRANSLATION_LANGUAGE,
    Flag,
    Text,
    plain,
)
from bulletin.errors import ContentError
from tests.support.project import MINIMAL_ISSUE, RUSSIAN

# A value of each plain kind a translation may give, in issue.yaml and in Russian.
SAMPLES = {Flag: (True, True), Text: ("Words to translate", "Слова для перевода")}
TRANSLATABLE = {level: [key for key, field in plain(fields).items() if field.words or field.fitting]
                for level, fields in (("issue", ISSUE), ("story", STORY))}


def sample(field, language: int):
    return next(values[language] for kind, values in SAMPLES.items() if isinstance(field.kind, kind))


def write(project, first: dict, russian: dict) -> None:
    project.issue_file.write_text(yaml.safe_dump(first, allow_unicode=True), encoding="utf-8")
    (project.issue_dir / "issue.ru.yaml").write_text(yaml.safe_dump(russian, allow_unicode=True),
                                                     encoding="utf-8")


def accepted_keys(project, first: dict, russian: dict, story_level: bool) -> set[str]:
    """The keys the translation reader accepts, as its message for an unknown key lists them."""
    target = russian["stories"]["first-story"] if story_level else russian
    target["no-such-key"] = "x"
    write(project, first, russian)
    with pytest.raises(ContentError) as caught:
        load_issue(project.issue_dir, "ru")
    [listed] = re.findall(r"no-such-key'.*\(expected one of: (.*)\)", str(caught.value))
    return set(listed.split(", "))


@pytest.mark.parametrize("level, key", [(level, key) for level, keys in TRANSLATABLE.items()
                                        for key in keys])
def test_every_translatable_key_declared_is_read_from_a_translation(project, level, key):
    first, russian = yaml.safe_load(MINIMAL_ISSUE), yaml.safe_load(RUSSIAN)
    fields = ISSUE if level == "issue" else STORY
    in_first = first if level == "issue" else first["stories"][0]
    in_russian = russian if level == "issue" else russian["stories"]["first-story"]
    in_first[key], in_russian[key] = sample(fields[key], 0), sample(fields[key], 1)
    write(project, first, russian)
    issue = load_issue(project.issue_dir, "ru")
    read = issue if level == "issue" else issue.stories[0]
    assert getattr(read, key) == sample(fields[key], 1)


@pytest.mark.parametrize("level", ["issue", "story"])
def test_every_key_a_translation_accepts_is_declared(project, level):
    own = TRANSLATION_LANGUAGE if level == "issue" else OMITTED
    declared = ISSUE if level == "issue" else STORY
    translatable = {key for key, field in declared.items() if field.words or field.fitting}
    accepted = accepted_keys(project, yaml.safe_load(MINIMAL_ISSUE), yaml.safe_load(RUSSIAN),
                             story_level=level == "story")
    assert accepted == translatable | set(own)


def test_a_chart_translation_takes_the_charts_words_and_labels(project):
    first, russian = yaml.safe_load(MINIMAL_ISSUE), yaml.safe_load(RUSSIAN)
    first["stories"][0]["charts"] = [{"id": "c", "kind": "bars", "title": "T", "unit": "%",
                                      "points": [{"label": "A", "value": 1}]}]
    russian["stories"]["first-story"]["charts"] = {"c": {"title": "Т", "labels": ["А"],
                                                         "no-such-key": "x"}}
    write(project, first, russian)
    with pytest.raises(ContentError) as caught:
        load_issue(project.issue_dir, "ru")
    [listed] = re.findall(r"\(expected one of: (.*)\)", str(caught.value))
    words = {field.translated_as or key for key, field in CHART.items() if field.words and field.kind.scalar}
    assert set(listed.split(", ")) == words | set(CHART_LABELS)


@pytest.mark.parametrize("fields, block", [(QUOTE, "quotes"), (FIGURE, "figures"), (FACTBOX, "factbox")])
def test_a_blocks_translation_takes_its_words_and_nothing_else(project, fields, block):
    first, russian = yaml.safe_load(MINIMAL_ISSUE), yaml.safe_load(RUSSIAN)
    original = {key: field.example or "photos/meeting.jpg" for key, field in fields.items()}
    words = {key: "Перевод" for key, field in fields.items() if field.words}
    first["stories"][0][block] = original if block == "factbox" else [original]
    russian["stories"]["first-story"][block] = words if block == "factbox" else [words]
    write(project, first, russian)
    story = load_issue(project.issue_dir, "ru").stories[0]
    translated = story.factbox if block == "factbox" else getattr(story, block)[0]
    assert {key: getattr(translated, key) for key in words} == words


@pytest.mark.parametrize("fields, cls", [
    (PUBLICATION, model.Publication), (CONTACTS, model.Contacts), (PRINT, model.PrintRun),
    (EMAIL, model.EmailEdition), (ISSUE, model.Issue), (STORY, model.Story),
    (QUOTE, model.PullQuote), (FIGURE, model.Figure), (FACTBOX, model.FactBox), (CHART, model.Chart),
    (SEND, model.Sending), (SMTP, model.SmtpServer), (SFTP, model.SftpServer), (DELIVER, model.Delivery),
])
def test_the_model_carries_every_plain_key_with_its_declared_default(fields, cls):
    """Where the model has a default of its own (for code that builds it), it is the format's."""
    attributes = {attribute.name: attribute for attribute in dataclasses.fields(cls)}
    for key, field in plain(fields).items():
        assert key in attributes, f"{cls.__name__} has no {key}"
        if field.default is not None and attributes[key].default is not dataclasses.MISSING:
            assert attributes[key].default == field.default, f"{cls.__name__}.{key}"
