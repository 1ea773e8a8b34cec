"""`bulletin send` against a real SMTP server on 127.0.0.1 (STARTTLS, a login, a throwaway
CA): every message parsed back as the readers' servers get it."""
from __future__ import annotations

import hashlib
import io
import re
import socket
import sys
import time

import pytest

from bulletin.cli import main
from bulletin.files import folder_lock
from bulletin.pipeline import build
from bulletin.tools.send.campaign import Tally
from bulletin.tools.send.message import HTML_LIMIT
from bulletin.tools.send.report import ProgressBar
from tests.support.mailserver import PASSWORD, Faults, MailServer
from tests.support.sending import HEADLINES, PASSWORD_ENV, environment, readers

SEND = ["send", "issues/2017-06", "--to", "recipients.csv"]


def parts(message):
    """The text and HTML parts, the cover image and the attachments of a received message."""
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    images = [p for p in message.walk() if p.get_content_type() == "image/jpeg"]
    attached = [p for p in message.iter_attachments()]
    return text, html, images, attached


def test_every_reader_gets_one_message_in_their_language(project, server, capsys):
    rows = readers(6) + ["ivan@example.org;Иван Петров;ru;Министерство;Уважаемый Иван Петрович!"]
    project.recipients(rows)
    assert main([*SEND, "--yes"]) == 0
    out = capsys.readouterr().out
    assert out.endswith("sent      7 of 7\n")
    assert "  recipients  7 to send: ru 4, en 3\n" in out
    assert len(server.received) == 7
    ids = set()
    for received, row in zip(server.received, rows):
        address, name, language = row.split(";")[:3]
        message = received.message
        assert received.recipients == (address,)
        assert message.get_all("To") == [f"{name} <{address}>"]
        assert message["Content-Language"] == language
        assert message["Subject"] == {"en": "Milestones No. 2, May–June 2017",
                                      "ru": "Milestones № 2, Май–июнь 2017"}[language]
        assert message["List-Id"] == "Milestones <milestones.unodc.org>"
        assert message["List-Unsubscribe"] == (
            "<mailto:milestones@unodc.org?subject=unsubscribe>, "
            f"<https://www.unodc.org/centralasia/unsubscribe?email={address}>")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert re.fullmatch(r"<[0-9a-f]{32}\.2017-06@unodc\.org>", message["Message-ID"])
        ids.add(message["Message-ID"])
        text, html, [cover], [pdf] = parts(message)
        assert HEADLINES[language] in text and HEADLINES[language] in html
        assert f'<html lang="{language}"' in html and len(html.encode()) < HTML_LIMIT
        assert f'src="cid:{cover["Content-ID"][1:-1]}"' in html
        assert re.search(r'<img [^>]*alt="[^"]*Milestones[^"]*"', html)
        assert hashlib.sha256(pdf.get_content()).hexdigest() == hashlib.sha256(
            (project.out / f"milestones-2017-06-{language}.pdf").read_bytes()).hexdigest()
        assert pdf.get_filename() == f"milestones-2017-06-{language}.pdf"
    assert len(ids) == 7
    assert "Уважаемый Иван Петрович!" in parts(server.to("ivan@example.org")[0].message)[0]
    assert "Dear Reader 2," in parts(server.to("reader2@example.org")[0].message)[0]


def test_a_second_run_sends_nothing_again(project, server, capsys):
    project.recipients(readers(3))
    assert main([*SEND, "--yes"]) == 0
    project.recipients(readers(4))                      # one reader added to the list since
    assert main([*SEND, "--yes"]) == 0
    assert [r.recipients[0] for r in server.received] == [f"reader{n}@example.org" for n in (1, 2, 3, 4)]
    assert main([*SEND, "--yes"]) == 0
    assert capsys.readouterr().out.endswith(
        "nothing to send: every reader on the list has been sent the issue (--status lists them)\n")
    assert len(server.received) == 4


@pytest.mark.parametrize("security", ["tls", "none"])
def test_tls_from_the_first_byte_and_plain_text_to_loopback(project, tmp_path, monkeypatch, security):
    with MailServer(tmp_path, security=security) as server:
        project.configure(server.port, security, login=security != "none")
        for name, value in environment(server).items():
            monkeypatch.setenv(name, value)
        project.recipients(readers(2))
        assert main([*SEND, "--yes"]) == 0
        assert len(server.received) == 2


def test_an_untrusted_certificate_is_refused(project, server, monkeypatch, capsys):
    monkeypatch.delenv("SSL_CERT_FILE")
    project.recipients(readers(2))
    assert main([*SEND, "--yes"]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"bulletin: error: 127.0.0.1:{server.port} (STARTTLS, as milestones): the server's "
                            "certificate is not trusted (unable to get local issuer certificate); nothing is "
                            "sent to a server that cannot prove its name.")
    assert server.received == []


def test_a_server_that_offers_no_starttls_gets_nothing(project, tmp_path, monkeypatch, capsys):
    with MailServer(tmp_path, starttls=False) as server:
        project.configure(server.port)
        for name, value in environment(server).items():
            monkeypatch.setenv(name, value)
        project.recipients(readers(2))
        assert main([*SEND, "--yes"]) == 1
        assert capsys.readouterr().err == (
            f"bulletin: error: 127.0.0.1:{server.port} (STARTTLS, as milestones): the server does not offer "
            "STARTTLS, and nothing is sent in plain text: ask for its TLS port (security: tls, port: 465)\n")
        assert server.received == []


def test_a_refused_login_stops_with_advice(project, server, monkeypatch, capsys):
    monkeypatch.setenv(PASSWORD_ENV, "wrong")
    project.recipients(readers(2))
    assert main([*SEND, "--yes"]) == 1
    assert capsys.readouterr().err == (
        f"bulletin: error: 127.0.0.1:{server.port} (STARTTLS, as milestones): the server refused the login "
        f"(535 5.7.8 Authentication credentials invalid): check send.smtp.user and the password it finds "
        f"(in ${PASSWORD_ENV})\n")


def test_without_a_terminal_it_asks_for_yes_and_sends_nothing(project, server, capsys):
    project.recipients(readers(2))
    assert main(SEND) == 1
    assert capsys.readouterr().err == ("bulletin: error: 2 messages to send and no terminal to ask on: add --yes "
                                       "to send without asking (--dry-run shows them first)\n")
    assert server.received == []


def test_a_dry_run_writes_every_message_and_connects_to_nothing(project, tmp_path, monkeypatch, capsys):
    listening = socket.create_server(("127.0.0.1", 0))
    listening.settimeout(0.2)
    project.configure(listening.getsockname()[1])
    monkeypatch.delenv(PASSWORD_ENV, raising=False)       # no password is looked up either

    def refuse(*args, **kwargs):
        raise AssertionError(f"a dry run opened a connection: {args}")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    project.recipients(readers(3))
    assert main([*SEND, "--dry-run", "--out", "preview"]) == 0
    with pytest.raises(TimeoutError):
        listening.accept()
    listening.close()
    written = sorted(p.name for p in (tmp_path / "preview").iterdir())
    assert written == ["cover-en.jpg", "cover-ru.jpg", "preview-en.html", "preview-ru.html",
                       "reader1@example.org.eml", "reader2@example.org.eml", "reader3@example.org.eml"]
    assert 'src="cover-ru.jpg"' in (tmp_path / "preview" / "preview-ru.html").read_text()
    assert "dry run   3 messages written to preview/, no connection opened\n" in capsys.readouterr().out
    assert not (tmp_path / "mailing" / "2017-06" / "outbox.sqlite").exists()


def test_a_test_sends_each_language_to_one_address_and_leaves_the_outbox(project, server, capsys):
    project.recipients(readers(2))
    assert main([*SEND, "--test", "officer@unodc.org"]) == 0
    assert [(r.recipients, r.message["Subject"]) for r in server.received] == [
        (("officer@unodc.org",), "[Test] Milestones No. 2, May–June 2017"),
        (("officer@unodc.org",), "[Тест] Milestones № 2, Май–июнь 2017")]
    assert main([*SEND, "--status"]) == 0
    assert capsys.readouterr().out.endswith("no campaign of 2017-06 yet: nothing has been sent\n")


def test_the_status_lists_who_was_not_sent(project, tmp_path, monkeypatch, capsys):
    with MailServer(tmp_path, faults=Faults(reject={"reader2@example.org"})) as server:
        project.configure(server.port)
        for name, value in environment(server).items():
            monkeypatch.setenv(name, value)
        project.recipients(readers(3))
        assert main([*SEND, "--yes"]) == 0
    capsys.readouterr()
    assert main([*SEND, "--status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:] == [
        "  pending 0 · sending 0 · sent 2 · deferred 0 · failed 1 · unknown 0",
        "  failed    reader2@example.org              [en] 550 5.1.1 <reader2@example.org>: Recipient address "
        "rejected: User unknown"]


def test_a_second_run_at_the_same_time_refuses(project, server, tmp_path, capsys):
    project.recipients(readers(2))
    folder = tmp_path / "mailing" / "2017-06"
    folder.mkdir(parents=True)
    with folder_lock(folder):                            # as a run in another terminal holds it
        assert main([*SEND, "--yes"]) == 1
    assert capsys.readouterr().err == (
        "bulletin: error: another bulletin send of 2017-06 is running (it holds mailing/2017-06/): let it "
        "finish, or stop it, then run again\n")
    assert server.received == []


def test_a_pdf_rebuilt_mid_campaign_stops_the_resume_and_says_why(project, server, capsys):
    project.recipients(readers(2))
    assert main([*SEND, "--yes"]) == 0
    project.recipients(readers(4))
    project.build(shade=60)
    capsys.readouterr()
    assert main([*SEND, "--yes"]) == 1
    error = capsys.readouterr().err
    assert re.fullmatch(
        r"bulletin: error: build/2017-06/milestones-2017-06-en\.pdf was rebuilt after this campaign began "
        r"\(.*\): 1 reader\(s\) in en have the earlier file \(sha256 [0-9a-f]{12}…\), the rest would get another "
        r"\([0-9a-f]{12}…\)\. Nothing was sent\. Build the issue as it was to send the same file, or run again "
        r"with --accept-rebuild to send the new file to those not yet sent\n", error)
    assert len(server.received) == 2
    assert main([*SEND, "--yes", "--accept-rebuild"]) == 0
    assert len(server.received) == 4


def test_an_edition_over_the_limit_is_linked_not_attached(project, server):
    project.configure(server.port, extra="  attach_limit_mb: 0.001\n"
                                         "  link: https://www.unodc.org/centralasia/milestones/{file}\n")
    project.recipients(readers(1))
    assert main([*SEND, "--yes"]) == 0
    text, html, [cover], attached = parts(server.received[0].message)
    url = "https://www.unodc.org/centralasia/milestones/milestones-2017-06-ru.pdf"
    assert attached == [] and url in text and f'href="{url}"' in html


@pytest.mark.slow
def test_a_real_build_is_sent_as_built(project, server, tmp_path):
    """Typeset for real, then sent: each reader's attachment is the email edition, byte for byte."""
    for pdf in project.out.glob("*"):
        pdf.unlink()
    result = build(project.issue_dir)
    project.recipients(readers(2))
    assert main([*SEND, "--yes"]) == 0
    built = {e.language: e.path for e in result.editions if e.kind == "email"}
    for received in server.received:
        message = received.message
        text, html, [cover], [pdf] = parts(message)
        assert pdf.get_content() == built[message["Content-Language"]].read_bytes()
        assert HEADLINES[message["Content-Language"]] in text
        assert cover.get_content()[:2] == b"\xff\xd8"


def test_a_password_in_publication_yaml_is_a_located_error(project, capsys):
    project.configure(2525, login="    user: milestones\n    password: hunter2\n")
    line = project.publication.read_text().splitlines().index("    password: hunter2") + 1
    project.recipients(readers(1))
    assert main([*SEND, "--yes"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"issues/publication.yaml:{line}:15: send.smtp.password: a password is never written in publication.yaml "
        "(it is committed with the issues): remove it, change it, and name where it is found instead: "
        "password_env: VARIABLE or password_command: a command that prints it")


def test_plain_text_to_another_host_is_a_located_error(project, capsys):
    project.configure(25, security="none", login=False)
    project.publication.write_text(project.publication.read_text().replace("host: 127.0.0.1",
                                                                           "host: smtp.example.org"))
    line = project.publication.read_text().splitlines().index("    security: none") + 1
    assert main([*SEND, "--yes"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"issues/publication.yaml:{line}:15: send.smtp.security: none sends in plain text, allowed only to a "
        "server on this machine (127.0.0.1, ::1, localhost), not to smtp.example.org (expected starttls or tls)")


def test_the_password_may_come_from_a_command(project, server, monkeypatch, tmp_path):
    monkeypatch.delenv(PASSWORD_ENV)
    manager = tmp_path / "password-manager.py"                # as `pass show mail/milestones` would
    manager.write_text(f"print({PASSWORD!r})\nprint('second line, not the password')\n")
    project.configure(server.port, login=f"    user: milestones\n    password_command: {sys.executable} {manager}\n")
    project.recipients(readers(1))
    assert main([*SEND, "--yes"]) == 0
    assert len(server.received) == 1


def test_a_refused_sender_stops_the_run_with_advice(project, tmp_path, monkeypatch, capsys):
    with MailServer(tmp_path, faults=Faults(refuse_sender=True)) as server:
        project.configure(server.port)
        for name, value in environment(server).items():
            monkeypatch.setenv(name, value)
        project.recipients(readers(3))
        assert main([*SEND, "--yes"]) == 1
        assert capsys.readouterr().err == (
            f"bulletin: error: 127.0.0.1:{server.port} (STARTTLS, as milestones) refused (553 5.7.1 "
            "<milestones@unodc.org>: Sender address rejected: not owned by user): the server refuses the sender "
            "(send.sender): it may accept only the address of the login, or the sender's domain is not allowed "
            "there; nothing more was sent\n")
    assert main([*SEND, "--status"]) == 0
    assert "  pending 3 · sending 0 · sent 0" in capsys.readouterr().out


def test_the_rate_spaces_the_messages(project, server):
    project.configure(server.port, rate=300)             # one every 0.2 s
    project.recipients(readers(4))
    started = time.monotonic()
    assert main([*SEND, "--yes"]) == 0
    assert time.monotonic() - started >= 0.6
    assert len(server.received) == 4


def test_the_progress_bar_is_for_terminals():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True
    shown, piped = Terminal(), io.StringIO()
    tally = Tally(to_send=4, sent=2, failed=1)
    ProgressBar(shown)(tally)
    ProgressBar(piped)(tally)
    assert shown.getvalue() == ("\r\033[Ksending [##################------] 3/4  sent 2 · deferred 0 · failed 1 · "
                                "unknown 0")
    assert piped.getvalue() == ""
