"""The mailing list as Excel writes it, and every mistake located, all at once."""
from __future__ import annotations

import pytest

from bulletin.errors import RecipientsError
from bulletin.tools.send.recipients import read_mailing_list, read_suppressed

LANGUAGES = ["en", "ru"]
HEADER = "email,name,language,organisation,greeting\n"


def read(tmp_path, text: str | bytes, suppressed: frozenset[str] = frozenset()):
    path = tmp_path / "recipients.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_mailing_list(path, LANGUAGES, suppressed)


def problems(tmp_path, monkeypatch, text: str | bytes) -> list[str]:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RecipientsError) as caught:
        read(tmp_path, text)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("text", [
    HEADER + "jane@example.org,Jane Doe,en,Ministry of Health,\n",
    "\ufeff" + HEADER.replace(",", ";") + "jane@example.org;Jane Doe;en;Ministry of Health;\n",   # Excel, Russian
    "Email;Name;Language;Organisation\r\n\r\njane@example.org;Jane Doe;EN;Ministry of Health\r\n;;;\r\n",
], ids=["comma", "semicolon with BOM", "Excel's capitals, CRLF, blank rows"])
def test_the_list_reads_as_excel_writes_it(tmp_path, text):
    mailing = read(tmp_path, text)
    [jane] = mailing.recipients
    assert (jane.email, jane.name, jane.language, jane.organisation) == (
        "jane@example.org", "Jane Doe", "en", "Ministry of Health")


def test_a_quoted_cell_may_hold_the_separator_and_a_line_break(tmp_path):
    mailing = read(tmp_path, HEADER + '"a@example.org","Doe, Jane",en,"Ministry,\nof Health",\n'
                                      "b@example.org,Иван,ru,,Уважаемый Иван Петрович!\n")
    assert [(r.name, r.organisation, r.line) for r in mailing.recipients] == [
        ("Doe, Jane", "Ministry,\nof Health", 2), ("Иван", "", 4)]
    assert mailing.recipients[1].greeting == "Уважаемый Иван Петрович!"


def test_every_mistake_is_reported_with_its_line_and_nothing_is_read(tmp_path, monkeypatch):
    text = HEADER + ("jane@example.org,Jane,en,,\n"
                     "jane.example.org,No at,en,,\n"
                     "JANE@example.org,Jane again,ru,,\n"
                     "ivan@example.org,Ivan,de,,\n"
                     "a@b.org; c@d.org,Two,en,,\n"
                     "Jane Doe <jd@example.org>,Outlook,en,,\n"
                     ",Nobody,,,\n"
                     "x@localhost,Local,en,,\n")
    assert problems(tmp_path, monkeypatch, text) == [
        "recipients.csv:3: 'jane.example.org' is not an email address (expected one @, as in name@example.org)",
        "recipients.csv:4: JANE@example.org is already on line 2",
        "recipients.csv:5: unknown language 'de' (expected en or ru: the issue's languages)",
        "recipients.csv:6: 'a@b.org; c@d.org' holds more than one address (one recipient a row)",
        "recipients.csv:7: 'Jane Doe <jd@example.org>' is not an address alone (the address in email, "
        "the name in name)",
        "recipients.csv:8: no email address",
        "recipients.csv:8: no language (expected en or ru: the issue's languages)",
        "recipients.csv:9: 'x@localhost' is not an email address (no valid domain after the @, as in example.org)",
    ]


@pytest.mark.parametrize("header, expected", [
    ("Email,Name,Langauge,Organisation\n", [
        "recipients.csv:1: unknown column 'langauge' (did you mean 'language'?)",
        "recipients.csv:1: no column language in the first line, the header (expected the columns email, name, "
        "language, organisation, greeting; found: Email, Name, Langauge, Organisation)"]),
    ("", ["recipients.csv:1: no column email, name, language, organisation in the first line, the header "
          "(expected the columns email, name, language, organisation, greeting; found: jane@example.org, Jane, "
          "en)"]),
])
def test_a_header_without_the_columns_is_refused(tmp_path, monkeypatch, header, expected):
    assert problems(tmp_path, monkeypatch, header + "jane@example.org,Jane,en,\n") == expected


def test_a_windows_cyrillic_file_is_told_to_be_saved_as_utf8(tmp_path, monkeypatch):
    text = HEADER + "jane@example.org,Jane,en,,\n" + "ivan@example.org,Иван Петров,ru,Министерство,\n"
    assert problems(tmp_path, monkeypatch, text.encode("cp1251")) == [
        'recipients.csv:3: the file is in Windows Cyrillic (cp1251), as Excel\'s plain "CSV" writes: in Excel, '
        "save it as CSV UTF-8 (File > Save As > CSV UTF-8 (Comma delimited) (*.csv))"]


def test_the_suppression_list_is_always_honoured(tmp_path):
    suppressed_file = tmp_path / "suppressed.txt"
    suppressed_file.write_text("# asked on 2017-05-02\nIVAN@example.org  # by phone\n\n", encoding="utf-8")
    suppressed = read_suppressed(suppressed_file)
    mailing = read(tmp_path, HEADER + "jane@example.org,Jane,en,,\nivan@example.org,Ivan,ru,,\n", suppressed)
    assert [r.email for r in mailing.recipients] == ["jane@example.org"]
    assert [r.email for r in mailing.suppressed] == ["ivan@example.org"]
    assert read_suppressed(tmp_path / "none.txt") == frozenset()


def test_a_wrong_line_in_the_suppression_list_is_located(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "suppressed.txt").write_text("ok@example.org\nnot an address\n", encoding="utf-8")
    with pytest.raises(RecipientsError) as caught:
        read_suppressed(tmp_path / "suppressed.txt")
    assert [str(p) for p in caught.value.problems] == [
        "suppressed.txt:2: 'not an address' is not an email address (expected one @, as in name@example.org)"]
