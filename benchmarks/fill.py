"""Benchmark: how full the fitter makes the pages of the example issue and of the
generated family (benchmarks/family.py), in every language.

Prints, per issue and language: pages and the binding's target, the mean and
worst white of the inner pages (pages 2 to N-1, measured from the layout's
boxes: typeset/fill.py), the front page's white, the layouts the fit took and
the seconds of the build (email edition only: the print edition is laid out
once, with the layout chosen); and the evenness of the text's colour: loose
lines and rivers per 1,000 justified lines of body text (typeset/spacing.py).
Not a test: nothing passes or fails here.

    python -m benchmarks.fill [--count N] [--languages en,ru] [--jobs N]

With --jobs above 1 the fits run side by side: the seconds column then counts the
wait for a core too.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks.family import FAMILY, make_project, member_id, write_issue
from bulletin.editions import EditionKind
from bulletin.pipeline import build
from bulletin.tools.placeholders import fill_missing_placeholders
from bulletin.typeset.fit import HOLE_SHARE as WORST
from bulletin.typeset.fit import MEAN_SHARE as MEAN  # the aim the fit report holds pages to

ROOT = Path(__file__).resolve().parent.parent
SEED = "2017-04"
LOOSE, RIVERS = 40, 3            # the even-colour issue's limits, per 1,000 justified lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=len(FAMILY), help="family members to fit")
    parser.add_argument("--languages", default="en,ru")
    parser.add_argument("--jobs", type=int, default=1, help="fits side by side")
    args = parser.parse_args()
    languages = args.languages.split(",")
    with tempfile.TemporaryDirectory(prefix="bulletin-fill-") as tmp:
        project = make_project(Path(tmp)).parent
        issues = [_seed(project)] + [_member(project, n) for n in range(min(args.count, len(FAMILY)))]
        # One build of an issue at a time (builds lock their folder): languages outermost.
        fits = [(folder, language) for language in languages for folder in issues]
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            done = dict(zip(fits, pool.map(_fitted, *zip(*fits))))
        rows = [done[folder, language] for folder in issues for language in languages]
    _print(rows)
    return 0


def _seed(project: Path) -> Path:
    folder = project / "issues" / SEED
    shutil.copytree(ROOT / "issues" / SEED, folder, ignore=shutil.ignore_patterns("photos"))
    fill_missing_placeholders(folder)
    return folder


def _member(project: Path, index: int) -> Path:
    folder = project / "issues" / member_id(index)
    write_issue(folder, FAMILY[index].seed, **FAMILY[index].shape)
    return folder


def _fitted(folder: Path, language: str) -> dict:
    started = time.perf_counter()
    result = build(folder, languages=[language], kinds=(EditionKind.EMAIL,))
    seconds = time.perf_counter() - started
    fit = json.loads((result.out_dir / "build.json").read_text())["fit"][language]
    fill, spacing = fit["fill"], fit["spacing"]
    print(f"  {folder.name} {language}: {fit['pages']} pages (target {fit['target']}), white "
          f"{fill['mean_white']:.1%}, worst {fill['worst_white']:.1%} (page {fill['worst_page']}), "
          f"{fit['layouts']} layouts, {seconds:.0f} s", file=sys.stderr, flush=True)
    return {"issue": folder.name, "language": language, "pages": fit["pages"], "target": fit["target"],
            "mean": fill["mean_white"], "worst": fill["worst_white"], "worst_page": fill["worst_page"],
            "front": fill["pages"][0]["white"], "design": fit["design_mean_white"],
            "layouts": fit["layouts"], "seconds": seconds, "lines": spacing["lines"],
            "asks": fit["asks"],
            "loose": spacing["loose"], "rivers": spacing["rivers"], "ragged": spacing["ragged"]}


def _print(rows: list[dict]) -> None:
    print(f"{'issue':8} {'lang':4} {'pages':>5} {'target':>6} {'mean':>6} {'worst':>6} {'page':>4} "
          f"{'front':>6} {'design':>7} {'layouts':>7} {'s':>6} {'loose':>6} {'rivers':>6}  met  report asks")
    for r in rows:
        met = r["pages"] == r["target"] and r["mean"] <= MEAN and r["worst"] <= WORST
        print(f"{r['issue']:8} {r['language']:4} {r['pages']:5d} {r['target']:6d} {r['mean']:6.1%} "
              f"{r['worst']:6.1%} {r['worst_page'] or 0:4d} {r['front']:6.1%} {r['design']:7.1%} "
              f"{r['layouts']:7d} {r['seconds']:6.1f} {_per_1000(r['loose'], r['lines']):6.0f} "
              f"{_per_1000(r['rivers'], r['lines']):6.1f}  {'yes' if met else 'no ':4} {r['asks']}")
    met = sum(1 for r in rows if r["pages"] == r["target"] and r["mean"] <= MEAN and r["worst"] <= WORST)
    asked = sum(1 for r in rows if r["asks"])
    print(f"met the limits (a multiple of the binding, mean white <= {MEAN:.0%}, no inner page over "
          f"{WORST:.0%}): {met} of {len(rows)}; the fit report of {asked} of the others says how many "
          "words to write or cut")
    print(f"mean white, fitted: {sum(r['mean'] for r in rows) / len(rows):.1%}; "
          f"as the design set it: {sum(r['design'] for r in rows) / len(rows):.1%}")
    for language in dict.fromkeys(r["language"] for r in rows):
        own = [r for r in rows if r["language"] == language]
        lines = sum(r["lines"] for r in own)
        print(f"word spacing [{language}]: {_per_1000(sum(r['loose'] for r in own), lines):.0f} loose lines "
              f"(limit {LOOSE}) and {_per_1000(sum(r['rivers'] for r in own), lines):.1f} rivers (limit {RIVERS}) "
              f"per 1,000 of {lines:,} justified lines; {sum(r['ragged'] for r in own):,} lines set ragged right")


def _per_1000(count: int, lines: int) -> float:
    return 1000 * count / lines if lines else 0.0


if __name__ == "__main__":
    sys.exit(main())
