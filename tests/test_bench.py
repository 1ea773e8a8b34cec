"""The benchmark script still runs (smallest size, one run): it must not rot.
Nothing here looks at the times."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support.project import ROOT

pytestmark = pytest.mark.slow     # builds PDFs end to end (left out by make test-fast)


def test_the_benchmark_prints_its_table():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()
    assert rows[1].split() == ["what", "median", "s", "x", "floor", "s/page", "peak", "MB", "cpu", "s", "x", "floor"]
    for what in ("floor: plain WeasyPrint", "cold build, both editions, en",
                 "cold build, both editions, every language", "warm rebuild", "bulletin check",
                 "synthetic issue"):
        assert any(row.startswith(what) for row in rows), what
