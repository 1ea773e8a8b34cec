"""`bulletin deliver`: the print shop's zip, its versions, and the upload to a real SFTP
server on 127.0.0.1 with its host key pinned, a dropped upload included."""
from __future__ import annotations

import hashlib
import json
import os
import re
import zipfile

import asyncssh
import pytest

from bulletin.cli import main
from bulletin.files import shown_size
from bulletin.pipeline import build
from tests.support.sending import SendProject
from tests.support.sftpserver import PASSWORD, SftpServer

DELIVER = """
deliver:
  copies: {{en: 300, ru: 700}}
  cover_paper: Magno Satin 250 g/m²
  proof: hard copy
  days_before: 5
  address: Printing house, 12 Navoi Street, Tashkent
  sftp:
    host: 127.0.0.1
    port: {port}
    user: printshop
    host_key: {key}
    folder: incoming
    password_env: BULLETIN_TEST_SFTP_PASSWORD
"""
NAME = "milestones-2017-06-v1"


@pytest.fixture
def project(tmp_path, monkeypatch) -> SendProject:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BULLETIN_TEST_SFTP_PASSWORD", PASSWORD)
    project = SendProject(tmp_path)
    project.build()
    project.hand_off()
    project.publication.write_text(project.original_publication + DELIVER.format(port=22, key=_a_key()))
    return project


def _a_key() -> str:
    """Some server's host key: not the one the test's server shows."""
    return asyncssh.generate_private_key("ssh-ed25519").export_public_key().decode().strip()


def members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pin(project, server, key: str | None = None) -> None:
    project.publication.write_text(project.original_publication + DELIVER.format(
        port=server.port, key=key or server.host_key), encoding="utf-8")


def test_the_package_holds_what_the_shop_needs(project, tmp_path, capsys):
    assert main(["deliver", "issues/2017-06"]) == 0
    out_dir = tmp_path / "build" / "2017-06" / "deliver"
    files = members(out_dir / f"{NAME}.zip")
    assert sorted(files) == [f"{NAME}/{n}" for n in (
        "SHA256SUMS", "job-ticket.json", "job-ticket.txt", "milestones-2017-06-en-print.pdf",
        "milestones-2017-06-ru-print.pdf", "preflight.txt")]
    sums = files[f"{NAME}/SHA256SUMS"].decode().splitlines()
    assert sums == [f"{sha(files[f'{NAME}/{n}'])}  {n}" for n in sorted(
        n.split("/")[1] for n in files if not n.endswith("SHA256SUMS"))]
    assert files[f"{NAME}/milestones-2017-06-ru-print.pdf"] == (
        tmp_path / "build" / "2017-06" / "milestones-2017-06-ru-print.pdf").read_bytes()
    ticket = json.loads(files[f"{NAME}/job-ticket.json"])
    assert {k: ticket[k] for k in ("version", "copies", "proof", "delivery")} == {
        "version": 1, "copies": {"en": 300, "ru": 700}, "proof": "hard copy",
        "delivery": {"date": "2017-06-25", "address": "Printing house, 12 Navoi Street, Tashkent"}}
    assert ticket["job_sheet"]["Binding"] == "loose"
    text = files[f"{NAME}/job-ticket.txt"].decode()
    assert re.search(r"^Copies: +en 300, ru 700$", text, re.M)
    assert re.search(r"^Proof: +a printed proof to approve before the run$", text, re.M)
    digest = sha((out_dir / f"{NAME}.zip").read_bytes())
    size = shown_size((out_dir / f"{NAME}.zip").stat().st_size)
    assert capsys.readouterr().out == (f"deliver   build/2017-06/deliver/{NAME}.zip  version 1 (new version), "
                                       f"{size}, sha256 {digest}\nnote      build/2017-06/deliver/{NAME}-note.txt\n")
    note = (out_dir / f"{NAME}-note.txt").read_text()
    assert f"{NAME}.zip, " in note and f"sha256 {digest}" in note
    assert "Version 1, the first files of this issue." in note


def test_the_version_rises_only_when_a_pdf_changes(project, tmp_path):
    out_dir = tmp_path / "build" / "2017-06" / "deliver"
    assert main(["deliver", "issues/2017-06"]) == 0
    first = (out_dir / f"{NAME}.zip").read_bytes()
    os.utime(out_dir / f"{NAME}.zip", (0, 0))
    assert main(["deliver", "issues/2017-06"]) == 0             # the same PDFs: the same version, byte for byte
    assert (out_dir / f"{NAME}.zip").read_bytes() == first
    assert sorted(p.name for p in out_dir.glob("*.zip")) == [f"{NAME}.zip"]
    project.build(shade=60)
    project.hand_off()
    assert main(["deliver", "issues/2017-06"]) == 0
    assert sorted(p.name for p in out_dir.glob("*.zip")) == [f"{NAME}.zip", "milestones-2017-06-v2.zip"]
    note = (out_dir / "milestones-2017-06-v2-note.txt").read_text()
    assert ("Version 2, replacing version 1; changed: milestones-2017-06-en-print.pdf, "
            "milestones-2017-06-ru-print.pdf.") in note
    record = json.loads((tmp_path / "deliveries" / "2017-06.json").read_text())
    assert [v["version"] for v in record["versions"]] == [1, 2]


def test_a_contact_sheet_goes_in_only_when_made_from_these_pdfs(project, tmp_path):
    proof = tmp_path / "build" / "2017-06" / "proof"
    proof.mkdir()
    (proof / "milestones-2017-06-en-print-contact-sheet.png").write_bytes(b"\x89PNG fresh")
    (proof / "milestones-2017-06-ru-print-contact-sheet.png").write_bytes(b"\x89PNG stale")
    os.utime(proof / "milestones-2017-06-ru-print-contact-sheet.png", (0, 0))
    assert main(["deliver", "issues/2017-06"]) == 0
    names = [n.split("/")[1] for n in members(tmp_path / "build" / "2017-06" / "deliver" / f"{NAME}.zip")]
    assert "milestones-2017-06-en-print-contact-sheet.png" in names
    assert "milestones-2017-06-ru-print-contact-sheet.png" not in names


def test_without_a_hand_off_nothing_is_packaged(project, tmp_path, capsys):
    for file in (tmp_path / "build" / "2017-06" / "print").iterdir():
        file.unlink()
    assert main(["deliver", "issues/2017-06"]) == 1
    assert capsys.readouterr().err == (
        "bulletin: error: no print hand-off in build/2017-06/print/: it is written when a build's preflight "
        "passes (run bulletin build issues/2017-06; see build/2017-06/preflight.txt)\n")


def test_the_upload_lands_whole_under_its_name_once(project, tmp_path, capsys):
    (tmp_path / "shop" / "incoming").mkdir(parents=True)
    with SftpServer(tmp_path / "shop") as server:
        pin(project, server)
        assert main(["deliver", "issues/2017-06", "--sftp"]) == 0
        assert capsys.readouterr().out.endswith(
            f"upload    {NAME}.zip and its note to 127.0.0.1:incoming/{NAME}.zip\n")
        landed = sorted(p.name for p in (tmp_path / "shop" / "incoming").iterdir())
        assert landed == [f"{NAME}-note.txt", f"{NAME}.zip"]
        assert (tmp_path / "shop" / "incoming" / f"{NAME}.zip").read_bytes() == (
            tmp_path / "build" / "2017-06" / "deliver" / f"{NAME}.zip").read_bytes()
        written = server.written
        assert main(["deliver", "issues/2017-06", "--sftp"]) == 0
        assert re.search(r"upload    version 1 was delivered to 127\.0\.0\.1:incoming/milestones-2017-06-v1\.zip "
                         r"on \S+: not uploaded again\n$", capsys.readouterr().out)
        assert server.written == written


def test_a_server_without_the_pinned_key_gets_nothing(project, tmp_path, capsys):
    (tmp_path / "shop" / "incoming").mkdir(parents=True)
    with SftpServer(tmp_path / "shop") as server:
        pin(project, server, key=_a_key())
        assert main(["deliver", "issues/2017-06", "--sftp"]) == 1
        assert capsys.readouterr().err == (
            f"bulletin: error: 127.0.0.1:{server.port} did not show the host key pinned in publication.yaml "
            "(deliver.sftp.host_key): nothing was uploaded. If the print shop has changed its key, ask them for "
            "the new one (ssh-keyscan) and pin it\n")
        assert server.written == 0 and not list((tmp_path / "shop" / "incoming").iterdir())


def test_a_dropped_upload_leaves_no_file_under_its_name_and_a_rerun_completes(project, tmp_path, capsys):
    incoming = tmp_path / "shop" / "incoming"
    incoming.mkdir(parents=True)
    with SftpServer(tmp_path / "shop", drop_after_bytes=8_000) as server:
        pin(project, server)
        assert main(["deliver", "issues/2017-06", "--sftp"]) == 1
        assert "was cut off" in capsys.readouterr().err
        assert not (incoming / f"{NAME}.zip").exists()
        assert main(["deliver", "issues/2017-06", "--sftp"]) == 0
        assert (incoming / f"{NAME}.zip").read_bytes() == (
            tmp_path / "build" / "2017-06" / "deliver" / f"{NAME}.zip").read_bytes()
        assert sorted(p.name for p in incoming.iterdir()) == [f"{NAME}-note.txt", f"{NAME}.zip"]


@pytest.mark.slow
def test_a_real_hand_off_is_packaged_with_its_job_sheet(project, tmp_path):
    for file in [*project.out.glob("*.*"), *(project.out / "print").glob("*")]:
        file.unlink()
    result = build(project.issue_dir)
    assert main(["deliver", "issues/2017-06"]) == 0
    files = members(tmp_path / "build" / "2017-06" / "deliver" / f"{NAME}.zip")
    ticket = json.loads(files[f"{NAME}/job-ticket.json"])
    assert ticket["job_sheet"] == json.loads((result.out_dir / "print" / "job-sheet.json").read_text())
    assert ticket["job_sheet"]["Colour"] == "CMYK and grey only, PDF/X-4"
    for edition in (e for e in result.editions if e.kind == "print"):
        assert files[f"{NAME}/{edition.path.name}"] == edition.path.read_bytes()
