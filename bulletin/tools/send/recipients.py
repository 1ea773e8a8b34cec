"""The mailing list: the recipients CSV as Excel writes it, and the suppression list.

Excel saves "CSV UTF-8" with a byte order mark, and separates cells by `;` where the
decimal mark is a comma (Russian, most of Europe), by `,` elsewhere: both are read.
A file in the Windows code page (Excel's plain "CSV" on a Russian system) is refused
with how to save it again. Every mistake is reported with its line, all at once, and
nothing is sent until the list is clean.
"""
from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ...errors import ContentProblem, RecipientsError
from ...files import shown_path

# The columns, and whether a file must have them (a cell may still be empty but email's and language's).
COLUMNS = {"email": True, "name": True, "language": True, "organisation": True, "greeting": False}
_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


@dataclass(frozen=True)
class Recipient:
    email: str                # as written, trimmed
    language: str
    name: str = ""
    organisation: str = ""
    greeting: str = ""        # the recipient's own salutation, instead of the wording's
    line: int = 0             # where the list gives it

    @property
    def key(self) -> str:
        """Addresses compared as mail systems do in practice: without regard to case."""
        return self.email.lower()


@dataclass(frozen=True)
class MailingList:
    recipients: tuple[Recipient, ...]      # to be sent, in the file's order
    suppressed: tuple[Recipient, ...]      # on the list, but asked to receive nothing

    def per_language(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for recipient in self.recipients:
            counts[recipient.language] = counts.get(recipient.language, 0) + 1
        return counts


def read_mailing_list(path: Path, languages: list[str], suppressed: frozenset[str]) -> MailingList:
    """The recipients at `path` in the issue's `languages`, less those `suppressed`."""
    shown = shown_path(path)
    if not path.is_file():
        raise RecipientsError([ContentProblem(shown, 1, 0, "no such file (expected a CSV with the columns "
                                              f"{', '.join(COLUMNS)}; see the README, Sending the issue)")])
    problems: list[ContentProblem] = []
    recipients = _rows(_text(path, shown), shown, languages, problems)
    if problems:
        raise RecipientsError(problems)
    kept = tuple(r for r in recipients if r.key not in suppressed)
    return MailingList(kept, tuple(r for r in recipients if r.key in suppressed))


def read_suppressed(path: Path) -> frozenset[str]:
    """The addresses that asked to receive nothing, one a line (`#` starts a comment);
    an absent file is an empty list."""
    if not path.is_file():
        return frozenset()
    shown, problems, found = shown_path(path), [], set()
    for number, line in enumerate(_text(path, shown).splitlines(), start=1):
        address = line.split("#", 1)[0].strip().strip(",;").strip()
        if not address:
            continue
        problem = address_problem(address)
        if problem:
            problems.append(ContentProblem(shown, number, 0, problem))
        found.add(address.lower())
    if problems:
        raise RecipientsError(problems)
    return frozenset(found)


def address_problem(address: str) -> str | None:
    """What is wrong with an email address, in words the officer can act on; None if nothing."""
    if not address:
        return "no email address"
    if re.search(r"[\s,;]", address.strip()) and address.count("@") > 1:
        return f"'{address}' holds more than one address (one recipient a row)"
    if "<" in address or ">" in address:
        return f"'{address}' is not an address alone (the address in email, the name in name)"
    if address.count("@") != 1:
        return f"'{address}' is not an email address (expected one @, as in name@example.org)"
    local, domain = address.split("@")
    if not local.isascii():
        return f"'{address}': letters outside Latin before the @ are not sent by bulletin"
    if not _LOCAL.fullmatch(local) or len(local) > 64:
        return f"'{address}' is not an email address (the part before the @ is not valid)"
    if not _domain_ok(domain):
        return f"'{address}' is not an email address (no valid domain after the @, as in example.org)"
    return None


def _domain_ok(domain: str) -> bool:
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_domain.split(".")
    return (len(labels) >= 2 and len(ascii_domain) <= 253 and all(_LABEL.fullmatch(label) for label in labels)
            and not labels[-1].isdigit())


def _text(path: Path, shown: str) -> str:
    """The file as text: UTF-8, with or without Excel's byte order mark."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise RecipientsError([ContentProblem(shown, line, 0, _encoding_advice(data))]) from None


def _encoding_advice(data: bytes) -> str:
    try:
        data.decode("cp1251")
        guess = "Windows Cyrillic (cp1251), as Excel's plain \"CSV\" writes"
    except UnicodeDecodeError:
        guess = "an encoding other than UTF-8"
    return (f"the file is in {guess}: in Excel, save it as CSV UTF-8 "
            "(File > Save As > CSV UTF-8 (Comma delimited) (*.csv))")


def _rows(text: str, shown: str, languages: list[str], problems: list[ContentProblem]) -> list[Recipient]:
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, [])
    columns = _columns(header, shown, problems)
    if columns is None:
        return []
    recipients: list[Recipient] = []
    seen: dict[str, int] = {}
    line = reader.line_num + 1
    for cells in reader:
        row = {name: cells[i].strip() if i < len(cells) else "" for name, i in columns.items()}
        if any(cell.strip() for cell in cells):
            recipient = _recipient(row, line, shown, languages, seen, problems)
            if recipient is not None:
                recipients.append(recipient)
        line = reader.line_num + 1
    if not recipients and not problems:
        problems.append(ContentProblem(shown, 1, 0, "no recipients: the file has a header and no rows"))
    return recipients


def _columns(header: list[str], shown: str, problems: list[ContentProblem]) -> dict[str, int] | None:
    """Which cell holds each column; a misspelt one is a mistake, other columns are the officer's own."""
    names = [cell.strip().lower() for cell in header]
    columns = {name: names.index(name) for name in COLUMNS if name in names}
    for name in names:
        near = difflib.get_close_matches(name, [c for c in COLUMNS if c not in columns], n=1, cutoff=0.8)
        if name not in COLUMNS and near:
            problems.append(ContentProblem(shown, 1, 0, f"unknown column '{name}' (did you mean '{near[0]}'?)"))
    missing = [name for name, required in COLUMNS.items() if required and name not in columns]
    if missing:
        found = ", ".join(cell.strip() for cell in header if cell.strip()) or "nothing"
        problems.append(ContentProblem(shown, 1, 0, f"no column {', '.join(missing)} in the first line, the "
                                       f"header (expected the columns {', '.join(COLUMNS)}; found: {found})"))
        return None
    return columns


def _recipient(row: dict[str, str], line: int, shown: str, languages: list[str], seen: dict[str, int],
               problems: list[ContentProblem]) -> Recipient | None:
    found = len(problems)
    report = lambda message: problems.append(ContentProblem(shown, line, 0, message))
    problem = address_problem(row["email"])
    if problem:
        report(problem)
    elif row["email"].lower() in seen:
        report(f"{row['email']} is already on line {seen[row['email'].lower()]}")
    else:
        seen[row["email"].lower()] = line
    language = row["language"].lower()
    if language not in languages:
        what = f"unknown language '{row['language']}'" if language else "no language"
        report(f"{what} (expected {' or '.join(languages)}: the issue's languages)")
    if len(problems) > found:
        return None
    return Recipient(row["email"], language, row["name"], row["organisation"], row.get("greeting", ""), line)
