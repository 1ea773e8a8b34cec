"""The fixtures of `bulletin send`'s tests; the servers and the project live in tests/support/."""
from __future__ import annotations

import pytest

from tests.support.mailserver import MailServer
from tests.support.sending import SendProject, environment


@pytest.fixture
def project(tmp_path, monkeypatch) -> SendProject:
    monkeypatch.chdir(tmp_path)          # messages show paths relative to the project
    project = SendProject(tmp_path)
    project.build()
    return project


@pytest.fixture
def server(tmp_path, monkeypatch, project):
    """A STARTTLS server with a login, the project set to send through it, the process trusting its CA."""
    with MailServer(tmp_path) as server:
        project.configure(server.port)
        for name, value in environment(server).items():
            monkeypatch.setenv(name, value)
        yield server
