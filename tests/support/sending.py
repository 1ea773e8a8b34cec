"""A project ready for `bulletin send` and `bulletin deliver`: the minimal issue in English
and Russian, its editions written directly (small PDFs drawn by Pillow, and the build.json
a build would leave), so the tests need no typesetting; and a recipients list."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from PIL import Image, ImageDraw

from tests.support.project import RU_FILE, RUSSIAN, Project

PASSWORD_ENV = "BULLETIN_TEST_SMTP_PASSWORD"
HEADLINES = {"en": "A first story", "ru": "Первая статья о сотрудничестве"}
SEND = """
send:
  sender: Milestones <milestones@unodc.org>
  unsubscribe_url: https://www.unodc.org/centralasia/unsubscribe?email={{email}}
  rate_per_minute: {rate}
  retry_after: 0.2
  retries: 2
  smtp:
    host: 127.0.0.1
    port: {port}
    security: {security}
{login}"""
LOGIN = f"""    user: milestones
    password_env: {PASSWORD_ENV}
"""
HEADER = "email;name;language;organisation;greeting\n"


class SendProject(Project):
    """The minimal issue in two languages, built (as files), with `send:` settings."""

    def __init__(self, root: Path):
        super().__init__(root)
        (root / RU_FILE).write_text(RUSSIAN, encoding="utf-8")
        self.out = root / "build" / "2017-06"
        self.publication = root / "issues" / "publication.yaml"
        self.original_publication = self.publication.read_text(encoding="utf-8")

    def configure(self, port: int, security: str = "starttls", login: bool | str = True, extra: str = "",
                  rate: int = 6000) -> None:
        """`login`: the usual user and password_env, none, or the smtp block's own lines."""
        lines = login if isinstance(login, str) else LOGIN if login else ""
        self.publication.write_text(self.original_publication + SEND.format(
            port=port, security=security, login=lines, rate=rate) + extra, encoding="utf-8")

    def build(self, shade: int = 0) -> dict[str, Path]:
        """Write each language's email edition (and print edition) as a build would; `shade`
        changes the pages' colour, as a rebuild with other content would change the bytes."""
        self.out.mkdir(parents=True, exist_ok=True)
        outputs, paths = [], {}
        for language in ("en", "ru"):
            for suffix, edition in (("", "email"), ("-print", "print")):
                path = self.out / f"milestones-2017-06-{language}{suffix}.pdf"
                pages = [Image.new("RGB", (420, 595), (40 + shade, 90, 140 + 20 * n)) for n in range(2)]
                ImageDraw.Draw(pages[0]).text((40, 40), f"Milestones {language} {edition}", fill="white")
                pages[0].save(path, save_all=True, append_images=pages[1:])
                outputs.append({"path": path.name, "edition": edition, "language": language, "pages": 2,
                                "bytes": path.stat().st_size, "preflight": "pass"})
                paths[f"{language}{suffix}"] = path
        (self.out / "build.json").write_text(json.dumps({"issue": "2017-06", "outputs": outputs}))
        return paths

    def hand_off(self) -> Path:
        """The print/ folder a passing preflight leaves."""
        handoff = self.out / "print"
        handoff.mkdir(parents=True, exist_ok=True)
        rows = {"Publication": "Milestones", "Pages": "2", "Binding": "loose"}
        for pdf in self.out.glob("*-print.pdf"):
            (handoff / pdf.name).write_bytes(pdf.read_bytes())
            rows[f"File ({pdf.stem.split('-')[3]})"] = f"{pdf.name}: sha256 {sha256(pdf)}"
        (handoff / "preflight.txt").write_text("Preflight: pass\n", encoding="utf-8")
        (handoff / "job-sheet.txt").write_text("Print job\n", encoding="utf-8")
        (handoff / "job-sheet.json").write_text(json.dumps(rows), encoding="utf-8")
        return handoff

    def recipients(self, rows: list[str], name: str = "recipients.csv", header: str = HEADER) -> Path:
        path = self.root / name
        path.write_text(header + "".join(row + "\n" for row in rows), encoding="utf-8")
        return path


def readers(count: int, languages: tuple[str, ...] = ("en", "ru")) -> list[str]:
    """`count` rows of a recipients list, alternating languages."""
    return [f"reader{n}@example.org;Reader {n};{languages[n % len(languages)]};Ministry {n};"
            for n in range(1, count + 1)]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def environment(server) -> dict[str, str]:
    """What the `bulletin send` process needs to trust the test CA and log in."""
    return {**os.environ, "SSL_CERT_FILE": str(server.ca_file), PASSWORD_ENV: "correct horse battery staple"}
