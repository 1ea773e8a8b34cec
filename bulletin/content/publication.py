"""Reading publication.yaml: what stays the same from one issue to the next -> `Publication`.

The publication's name, colours and contacts, its words in its other languages, and
how the print shop prints it (`print:`), how large the email edition may grow
(`email:`), how `bulletin send` mails it (`send:`) and what `bulletin deliver` tells
the print shop (`deliver:`). Its keys are declared in fields.py.
"""
from __future__ import annotations

import io
import ipaddress
import os
import re
from pathlib import Path

import yaml
from PIL import ImageCms

from ..errors import ContentProblem
from ..files import TooLarge, UnfitFile, name_problem, read_capped, shown_path
from .conditions import CONDITIONS
from .fields import (
    BINDINGS,
    COLOUR,
    CONTACTS,
    DELIVER,
    EMAIL,
    PRINT,
    PUBLICATION,
    SECURITY_PORTS,
    SEND,
    SFTP,
    SMALL_TYPE_INKS,
    SMALL_TYPE_PT,
    SMTP,
    Named,
    complete,
    read_value,
    read_values,
)
from .model import Colour, Contacts, Delivery, EmailEdition, PrintRun, Publication, Sending, SftpServer, SmtpServer
from .yamlreader import GlyphCheck, NodeReader, printable

PUBLICATION_FILE = "publication.yaml"
# A colour's name becomes a CSS custom property (--accent) and an SVG's: a word, no more.
COLOUR_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
MAX_COLOUR_NAME = 32
MAX_PROFILE_BYTES = 16_000_000     # a press profile is a few megabytes at most


def read_publication(path: Path, glyphs: GlyphCheck | None = None
                     ) -> tuple[Publication | None, list[ContentProblem]]:
    """The publication's settings at `path`, and every problem found in them."""
    if not os.path.lexists(path):
        return None, [ContentProblem(shown_path(path), 1, 1,
                                     "no such file (the publication's settings live beside the issue folders)")]
    reader = NodeReader(path, shown_path(path), inside=path.parent, glyphs=glyphs)
    root = reader.compose()
    publication = None
    if root is not None:
        found = reader.mapping(root, "", PUBLICATION)
        values = read_values(reader, found, "", PUBLICATION)
        contacts = _read_contacts(reader, found.get("contacts"))
        colours = _read_colours(reader, found.get("colours"))
        translations = _read_translations(reader, found["translations"]) \
            if "translations" in found else {}
        print_run = _read_print_run(reader, found["print"], path.parent) \
            if "print" in found else PrintRun()
        email = _read_email_edition(reader, found["email"]) if "email" in found else EmailEdition()
        sending = _read_sending(reader, found["send"]) if "send" in found else None
        delivery = _read_delivery(reader, found["deliver"]) if "deliver" in found else Delivery()
        if values.get("pages_multiple_of") is None:
            values["pages_multiple_of"] = BINDINGS.get(print_run.binding, 4)
        if not reader.problems and contacts is not None:      # contacts are required: reported if missing
            publication = Publication(contacts=contacts, colours=colours, translations=translations,
                                      print_run=print_run, email_edition=email, sending=sending,
                                      delivery=delivery, **values)
    return publication, reader.problems


def _read_print_run(reader: NodeReader, node, folder: Path) -> PrintRun:
    found = reader.mapping(node, "print", PRINT)
    values = read_values(reader, found, "print", PRINT)
    profile = values.get("profile")
    if profile and profile not in CONDITIONS:
        problem = _profile_problem(folder, profile)
        if problem:
            reader.report_at(found["profile"], "print.profile", problem)
        else:
            values["profile"] = str((folder / profile).resolve())
    target, limit = values.get("photo_ppi"), values.get("photo_ppi_limit")
    if target is not None and limit is not None and limit < target:
        node = found.get("photo_ppi_limit") or found["photo_ppi"]
        reader.report_at(node, "print.photo_ppi_limit" if "photo_ppi_limit" in found else "print.photo_ppi",
                         f"the limit ({limit:g} ppi) is below photo_ppi ({target:g} ppi): photos are "
                         "resampled down to photo_ppi only when placed above the limit")
    return PrintRun(**{k: v for k, v in values.items() if v is not None})


def _profile_problem(folder: Path, name: str) -> str | None:
    """What makes the print shop's profile file `name` unusable: it must be an .icc
    file in `folder`, and a CMYK printer profile that opens."""
    shown = f"'{name}'" if len(name) <= 60 else f"'{name[:57]}...'"
    if not name.endswith((".icc", ".icm")) or name_problem(name):
        return (f"{shown} is neither a printing condition ({', '.join(CONDITIONS)}) "
                f"nor an .icc file in {shown_path(folder)}/")
    try:
        data = read_capped(folder / name, MAX_PROFILE_BYTES, folder)
    except TooLarge as err:
        return f"{shown} is {err.size / 1e6:.0f} MB, more than a press profile can be"
    except UnfitFile as err:
        if str(err) == "does not exist":
            return (f"{shown} is neither a printing condition ({', '.join(CONDITIONS)}) "
                    f"nor an .icc file in {shown_path(folder)}/")
        return f"{shown} {err} (expected an .icc file in {shown_path(folder)}/)"
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data)).profile
        space, kind = profile.xcolor_space.strip(), profile.device_class.strip()
    except (OSError, ImageCms.PyCMSError) as err:
        return f"{shown} is not a readable ICC profile ({err}; ask the print shop for the file again)"
    if space != "CMYK" or kind != "prtr":
        return (f"{shown} is a {space} {kind} profile, not a press's (expected the CMYK printer "
                "profile of the printing condition)")
    return None


def _read_email_edition(reader: NodeReader, node) -> EmailEdition:
    found = reader.mapping(node, "email", EMAIL)
    values = read_values(reader, found, "email", EMAIL)
    return EmailEdition(**{k: v for k, v in values.items() if v is not None})


def _read_sending(reader: NodeReader, node) -> Sending | None:
    found = reader.mapping(node, "send", SEND)
    values = read_values(reader, found, "send", SEND)
    smtp = _read_smtp(reader, found["smtp"]) if "smtp" in found else None
    if smtp is None or not complete(values, SEND):
        return None
    return Sending(smtp=smtp, **values)


def _read_smtp(reader: NodeReader, node) -> SmtpServer | None:
    found = reader.mapping(node, "send.smtp", SMTP)
    values = read_values(reader, found, "send.smtp", SMTP)
    security, host = values.get("security"), values.get("host")
    if security == "none" and host and not _loopback(host):
        # Plain text crosses no network: the password and the readers' addresses stay here.
        reader.report_at(found["security"], "send.smtp.security",
                         f"none sends in plain text, allowed only to a server on this machine "
                         f"(127.0.0.1, ::1, localhost), not to {host} (expected starttls or tls)")
        return None
    if not complete(values, SMTP):
        return None
    values["port"] = values.get("port") or SECURITY_PORTS[values["security"]]
    return SmtpServer(**values)


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _read_delivery(reader: NodeReader, node) -> Delivery:
    found = reader.mapping(node, "deliver", DELIVER)
    values = read_values(reader, found, "deliver", DELIVER)
    sftp = None
    if "sftp" in found:
        sftp_found = reader.mapping(found["sftp"], "deliver.sftp", SFTP)
        sftp_values = read_values(reader, sftp_found, "deliver.sftp", SFTP)
        sftp = SftpServer(**sftp_values) if complete(sftp_values, SFTP) else None
    return Delivery(sftp=sftp, **{k: v for k, v in values.items() if v is not None})


def _read_translations(reader: NodeReader, node) -> dict[str, dict[str, str]]:
    kind = PUBLICATION["translations"].kind
    assert isinstance(kind, Named)
    words = kind.fields
    translations = {}
    for language, value_node in reader.named(node, "translations", "the words per language (ru: {tagline: ...})"):
        where = f"translations.{language}"
        found = reader.mapping(value_node, where, words)
        translations[language] = {k: read_value(reader, words[k], v, f"{where}.{k}")
                                  for k, v in found.items()}
    return translations


def _read_contacts(reader: NodeReader, node) -> Contacts | None:
    if node is None:
        return None
    found = reader.mapping(node, "contacts", CONTACTS)
    values = read_values(reader, found, "contacts", CONTACTS)
    if None in values.values() or not all(key in values for key in ("address", "web")):
        return None
    return Contacts(**values)


def _read_colours(reader: NodeReader, node) -> dict[str, Colour]:
    colours: dict[str, Colour] = {}
    if node is None:
        return colours
    for name, value_node in reader.named(node, "colours", "a mapping of colour names"):
        where = f"colours.{name}"
        if not COLOUR_NAME.fullmatch(name) or len(name) > MAX_COLOUR_NAME:
            reader.report_at(value_node, "colours", f"'{printable(name[:40])}' is not a colour name "
                             "(expected a word of lowercase letters, digits and hyphens, at most "
                             f"{MAX_COLOUR_NAME} long, e.g. accent: it becomes the stylesheets' var(--accent))")
            continue
        found = reader.mapping(value_node, where, COLOUR)
        rgb = read_values(reader, found, where, COLOUR).get("rgb")
        cmyk = _read_cmyk(reader, found.get("cmyk"), f"{where}.cmyk")
        small = _read_small(reader, found["small"], f"{where}.small") if "small" in found else None
        if rgb and cmyk:
            colours[name] = Colour(name, rgb.lower(), cmyk, small)
    return colours


def _read_small(reader: NodeReader, node, where: str):
    """A colour's small-type form: its inks, at most SMALL_TYPE_INKS of them."""
    small = _read_cmyk(reader, node, where)
    if small is None:
        return None
    inks = [f"{letter} {value:g}" for letter, value in zip("CMYK", small) if value > 0]
    if len(inks) > SMALL_TYPE_INKS:
        reader.report_at(node, where, f"{len(inks)} inks ({', '.join(inks)}): type below "
                                      f"{SMALL_TYPE_PT:g} pt takes at most {SMALL_TYPE_INKS}, or "
                                      "misregistration blurs it (keep the two that carry the colour)")
        return None
    return small


def _read_cmyk(reader: NodeReader, node, where: str):
    if node is None:
        return None
    if not isinstance(node, yaml.SequenceNode):
        reader.sequence(node, where)                 # reports what was found instead of a list
        return None
    values = [reader.number(item, where) for item in node.value]
    numbers = [v for v in values if v is not None]
    if len(values) != 4 or len(numbers) != 4 or not all(0 <= v <= 100 for v in numbers):
        reader.report_at(node, where, "expected four ink percentages [c, m, y, k] from 0 to 100")
        return None
    c, m, y, k = numbers
    return c, m, y, k
