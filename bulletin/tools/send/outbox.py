"""The outbox: every recipient's state, recorded before and after each step of
sending, in SQLite (the standard library's), so that a crash, a kill or a
power cut loses nothing and sends nothing twice.

    pending ─► sending/envelope ─► sending/body ─► sent (with the server's reply)
                                               ├─► deferred (4xx: tried again later)
                                               ├─► failed (5xx for this recipient)
                                               └─► unknown (the body went, no reply came)

A run that finds a recipient still `sending` was stopped in the middle of it: before
the body went (`envelope`) nothing can have arrived, and the recipient is pending again;
after (`body`) the server may have it, and the recipient is `unknown`, sent again only
when asked, with the same Message-ID. Each change is committed (and synced to disk,
SQLite's `synchronous=FULL`) before the next step begins.
"""
from __future__ import annotations

import datetime as dt
import enum
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

OUTBOX = "outbox.sqlite"
LOG = "send.log"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS campaign (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS recipients (
    key TEXT PRIMARY KEY,             -- the address in lower case
    email TEXT NOT NULL, language TEXT NOT NULL, message_id TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL, step TEXT NOT NULL DEFAULT '', reply TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0, position INTEGER NOT NULL, updated TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, key TEXT NOT NULL, state TEXT NOT NULL,
    step TEXT NOT NULL, reply TEXT NOT NULL);
"""


class State(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    DEFERRED = "deferred"
    FAILED = "failed"
    UNKNOWN = "unknown"


class Step(enum.StrEnum):
    """Where a message in `sending` is: whether its body may have reached the server."""
    ENVELOPE = "envelope"     # MAIL FROM, RCPT TO: nothing of the message has gone
    BODY = "body"             # the body is going or gone: the server may have accepted it


@dataclass(frozen=True)
class Entry:
    key: str
    email: str
    language: str
    message_id: str
    state: State
    step: str
    reply: str
    attempts: int


class Outbox:
    """One issue's outbox: `mailing/<id>/outbox.sqlite`, and a readable log beside it."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.path, self.log = folder / OUTBOX, folder / LOG
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.execute("PRAGMA synchronous=FULL")
        with self.db:
            self.db.executescript(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    # -- the campaign: what was being sent --------------------------------------------
    def campaign(self, key: str) -> object | None:
        row = self.db.execute("SELECT value FROM campaign WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def set_campaign(self, key: str, value: object) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO campaign VALUES (?, ?)", (key, json.dumps(value)))

    # -- recipients -----------------------------------------------------------------
    def enrol(self, entries: Iterable[tuple[str, str, str, str]]) -> None:
        """Add (key, email, language, message id) as pending where not yet in the outbox;
        a pending one takes the list's language and spelling again (the list may be edited)."""
        now = _now()
        with self.db:
            start = self.db.execute("SELECT COALESCE(MAX(position), 0) FROM recipients").fetchone()[0]
            for position, (key, email, language, message_id) in enumerate(entries, start=start + 1):
                self.db.execute(
                    "INSERT INTO recipients (key, email, language, message_id, state, position, updated)"
                    " VALUES (?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (key) DO UPDATE SET"
                    " email = excluded.email, language = excluded.language WHERE state = 'pending'",
                    (key, email, language, message_id, position, now))

    def recover(self) -> list[Entry]:
        """Settle what a stopped run left `sending` (see the module's note); return those settled."""
        stopped = self.entries([State.SENDING])
        for entry in stopped:
            if entry.step == Step.BODY:
                self.mark(entry.key, State.UNKNOWN, reply="the run stopped after the body went, "
                                                          "before the server's reply")
            else:
                self.mark(entry.key, State.PENDING, reply="the run stopped before the body went")
        return stopped

    def mark(self, key: str, state: State, step: str = "", reply: str = "", attempt: bool = False) -> None:
        """Record `key`'s new state (committed and synced before this returns)."""
        now = _now()
        with self.db:
            self.db.execute("UPDATE recipients SET state = ?, step = ?, reply = ?, updated = ?,"
                            " attempts = attempts + ? WHERE key = ?",
                            (state, step, reply, now, int(attempt), key))
            self.db.execute("INSERT INTO events (at, key, state, step, reply) VALUES (?, ?, ?, ?, ?)",
                            (now, key, state, step, reply))
        with open(self.log, "a", encoding="utf-8") as log:
            log.write(f"{now} {key} {state}{'/' + step if step else ''}{' ' + reply if reply else ''}\n")

    def entries(self, states: Iterable[State] | None = None) -> list[Entry]:
        query = "SELECT key, email, language, message_id, state, step, reply, attempts FROM recipients"
        wanted = list(states) if states is not None else None
        if wanted is not None:
            query += f" WHERE state IN ({', '.join('?' * len(wanted))})"
        rows = self.db.execute(query + " ORDER BY position", wanted or ())
        return [_entry(row) for row in rows]

    def entry(self, key: str) -> Entry | None:
        row = self.db.execute("SELECT key, email, language, message_id, state, step, reply, attempts"
                              " FROM recipients WHERE key = ?", (key,)).fetchone()
        return _entry(row) if row else None

    def counts(self) -> dict[State, int]:
        rows = self.db.execute("SELECT state, COUNT(*) FROM recipients GROUP BY state")
        found = {State(state): count for state, count in rows}
        return {state: found.get(state, 0) for state in State}

    def started(self) -> bool:
        """Whether any message has left (or may have): the campaign's files are then fixed."""
        return bool(self.db.execute("SELECT 1 FROM recipients WHERE state IN ('sent', 'unknown', 'sending')"
                                    " LIMIT 1").fetchone())


def _entry(row: tuple) -> Entry:
    key, email, language, message_id, state, step, reply, attempts = row
    return Entry(key, email, language, message_id, State(state), step, reply, attempts)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
