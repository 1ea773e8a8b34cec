"""Nothing sent twice, nothing lost: a server that defers, refuses, drops the connection
after the body and closes with 421, and a `bulletin send` killed after its k-th message.
After the reruns every reader has exactly one copy, but those whose fate was unknown,
who get exactly one more, with the same Message-ID, only when asked."""
from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from bulletin.cli import main
from bulletin.tools.send.outbox import Outbox
from tests.support.mailserver import Faults, MailServer
from tests.support.sending import environment, readers

SEND = ["send", "issues/2017-06", "--to", "recipients.csv", "--yes"]
READERS = [f"reader{n}@example.org" for n in range(1, 11)]


def states(tmp_path) -> dict[str, str]:
    outbox = Outbox(tmp_path / "mailing" / "2017-06")
    try:
        return {entry.email: entry.state.value for entry in outbox.entries()}
    finally:
        outbox.close()


def copies(server, address: str) -> list[str]:
    """The Message-IDs of the copies `address` got."""
    return [r.message["Message-ID"] for r in server.to(address)]


@pytest.fixture
def faulty(project, tmp_path, monkeypatch):
    faults = Faults(defer_first={"reader1@example.org"}, reject={"reader2@example.org"},
                    drop_after_body={"reader3@example.org"}, busy_at={"reader4@example.org"})
    with MailServer(tmp_path, faults=faults) as server:
        project.configure(server.port)
        for name, value in environment(server).items():
            monkeypatch.setenv(name, value)
        project.recipients(readers(10))
        yield server


def test_each_fault_touches_its_reader_only(faulty, tmp_path, capsys):
    assert main(SEND) == 1                                # one unknown is left to decide on
    out = capsys.readouterr().out
    assert states(tmp_path) == {**{r: "sent" for r in READERS}, "reader2@example.org": "failed",
                                "reader3@example.org": "unknown"}
    assert {r: len(copies(faulty, r)) for r in READERS} == {**{r: 1 for r in READERS}, "reader2@example.org": 0}
    assert ("failed    reader2@example.org: 550 5.1.1 <reader2@example.org>: Recipient address rejected: "
            "User unknown\n") in out
    assert "unknown   reader3@example.org: no reply after the message went (SMTPServerDisconnected" in out
    assert out.endswith("1 unknown: the server may have them; `bulletin send issues/2017-06 --to "
                        "recipients.csv --resend-unknown` sends them again, with the same Message-ID\n")


@pytest.mark.slow
def test_killed_after_the_kth_message_every_reader_ends_with_one_copy(faulty, tmp_path):
    killed = subprocess.Popen([sys.executable, "-m", "bulletin", *SEND], cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    faulty.faults.kill_after, faulty.faults.client_pid = 5, killed.pid
    assert killed.wait(timeout=60) == -signal.SIGKILL
    assert len(faulty.received) == 5
    faulty.faults.kill_after = 0

    main(SEND)                                            # the rerun continues
    after = states(tmp_path)
    unknown = sorted(r for r, state in after.items() if state == "unknown")
    assert len(unknown) == 2, after                       # the dropped reply, and the kill's message
    assert {r: len(copies(faulty, r)) for r in READERS} == {**{r: 1 for r in READERS}, "reader2@example.org": 0}
    assert after["reader2@example.org"] == "failed"
    assert all(state == "sent" for r, state in after.items() if r not in unknown and r != "reader2@example.org")

    main(SEND)                                            # unknown ones are not sent without asking
    assert len(faulty.received) == 9
    assert main([*SEND, "--resend-unknown"]) == 0
    for reader in READERS:
        ids = copies(faulty, reader)
        expected = 2 if reader in unknown else 0 if reader == "reader2@example.org" else 1
        assert len(ids) == expected, reader
        assert len(set(ids)) <= 1, "a resend keeps the Message-ID"
    assert set(states(tmp_path).values()) == {"sent", "failed"}


@pytest.mark.slow
def test_ctrl_c_finishes_the_message_in_flight_and_stops(project, server, tmp_path):
    project.configure(server.port, rate=120)             # one every half second
    project.recipients(readers(6))
    run = subprocess.Popen([sys.executable, "-m", "bulletin", *SEND], cwd=tmp_path, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment(server))
    deadline = time.monotonic() + 30
    while not server.received and time.monotonic() < deadline:
        time.sleep(0.02)
    run.send_signal(signal.SIGINT)
    out, err = run.communicate(timeout=30)
    assert run.returncode == 130, err
    sent = len(server.received)
    assert 1 <= sent < 6
    assert sorted(states(tmp_path).values()) == ["pending"] * (6 - sent) + ["sent"] * sent
    assert out.endswith("stopped by Ctrl-C: the outbox keeps the place; `bulletin send issues/2017-06 --to "
                        "recipients.csv` continues\n")
