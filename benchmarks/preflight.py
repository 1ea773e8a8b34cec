"""Benchmark: the generated family (benchmarks/family.py) built as the officer builds
an issue, both editions of every language, and what preflight says of each PDF.

Prints, per issue and language, the build's seconds and every finding that is not
a pass (edition, warn or fail, check, message), then the findings counted by check.
The fill benchmark (fill.py) builds the email edition only; this one also makes
the print edition, whose preflight holds the photos to the press's 300 ppi.
Not a test: nothing passes or fails here.

    python -m benchmarks.preflight [--count N] [--jobs N]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks.family import FAMILY, make_project
from benchmarks.fill import _member
from bulletin.pipeline import build

Finding = tuple[str, str, str, str]       # edition, status, check, what (pages, object: message)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=len(FAMILY), help="family members to build")
    parser.add_argument("--jobs", type=int, default=1, help="builds side by side")
    args = parser.parse_args()
    counted: Counter[tuple[str, str, str]] = Counter()
    with tempfile.TemporaryDirectory(prefix="bulletin-preflight-") as tmp:
        project = make_project(Path(tmp)).parent
        issues = [_member(project, n) for n in range(min(args.count, len(FAMILY)))]
        # One build of an issue at a time (builds lock their folder): languages outermost.
        builds = [(folder, language) for language in ("en", "ru") for folder in issues]
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            for (folder, language), (seconds, findings) in zip(builds, pool.map(_built, *zip(*builds))):
                print(f"{folder.name} {language}: {seconds:.0f} s, "
                      f"{'passes' if not findings else f'{len(findings)} not passed'}", flush=True)
                for finding in findings:
                    print("   ", *finding, flush=True)
                    counted[finding[:3]] += 1
    print(f"{len(builds)} builds; findings not passed, by edition, status and check:")
    for (edition, status, check), times in sorted(counted.items()):
        print(f"  {edition:6} {status:5} {check:10} {times}")
    return 0


def _built(folder: Path, language: str) -> tuple[float, list[Finding]]:
    started = time.perf_counter()
    result = build(folder, languages=[language])
    seconds = time.perf_counter() - started
    report = json.loads((result.out_dir / "build.json").read_text())["preflight"]
    return seconds, [(file["edition"], finding["status"], finding["check"], _what(finding))
                     for file in report["files"] for finding in file["findings"]
                     if finding["status"] != "pass"]


def _what(finding: dict) -> str:
    pages = f"p.{','.join(map(str, finding['pages']))} " if finding["pages"] else ""
    return f"{pages}{finding['object'] + ': ' if finding['object'] else ''}{finding['message']}"


if __name__ == "__main__":
    sys.exit(main())
