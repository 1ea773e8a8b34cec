"""The fixtures shared by the tests; helpers live in tests/support/."""
from __future__ import annotations

import pytest

from tests.support.builds import seed_build
from tests.support.project import Project


@pytest.fixture(scope="session")
def seed(tmp_path_factory):
    """The seed issue built once per session, every language (see support/builds.py)."""
    return seed_build(tmp_path_factory)


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    monkeypatch.chdir(tmp_path)          # messages show paths relative to the project
    return Project(tmp_path)


def pytest_collection_modifyitems(items):
    """The slow tests first (each file's in their order): under `make test`'s workers
    the quick ones then fill the gaps at the end, instead of one long file running alone."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
