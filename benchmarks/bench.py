"""Benchmark: the pipeline against plain WeasyPrint on the same HTML, in one run.

Prints a table of medians (seconds), each with its ratio to the floor:
  floor          plain WeasyPrint rendering the seed issue's email-edition HTML
                 (written by `bulletin build --keep-html`), in a fresh process
  cold build     `bulletin build` of the seed issue, empty caches, bound as the officer binds it
  warm rebuild   the same after editing one paragraph of one story
  check          `bulletin check`
  scaling        synthetic issues of about 8, 32 and 128 pages: time per page, peak RSS

Beside each wall time, the CPU seconds (user and system, of the command and every worker it
waited for): on a machine that other work shares, the wall time of a build that runs its
editions side by side drifts with the load, its CPU time much less.

Every figure is measured here, now, on this machine: run `make bench`.
Not a test: nothing here passes or fails on time.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = "2017-04"
FLOOR = textwrap.dedent("""\
    import sys
    from weasyprint import HTML
    HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])
    """)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7,
                        help="runs per figure (median reported; the machine's noise needs several)")
    parser.add_argument("--sizes", default="8,32,128", help="pages of the synthetic issues")
    parser.add_argument("--quick", action="store_true", help="one run, smallest size: a smoke test")
    args = parser.parse_args()
    runs, sizes = (1, [8]) if args.quick else (args.runs, [int(s) for s in args.sizes.split(",")])
    with tempfile.TemporaryDirectory(prefix="bulletin-bench-") as tmp:
        project = make_project(Path(tmp) / "seed")
        copy_seed(project)
        # Synthetic issues are not cut to multiples of 4: bound loose, preflight passes them.
        synthetic = make_project(Path(tmp) / "synthetic", binding="loose")
        rows = measure_seed(project, runs, keep_fit=args.quick) + measure_scaling(synthetic, sizes, runs)
    print_table(rows)
    return 0


def make_project(root: Path, binding: str | None = None) -> Path:
    """A copy of the project's styles and publication settings, so caches start empty;
    `binding` in place of the publication's (the seed issue keeps the officer's)."""
    for folder in ("styles", "fonts"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "issues").mkdir()
    publication = (ROOT / "issues" / "publication.yaml").read_text(encoding="utf-8")
    if binding:
        publication = publication.replace("binding: saddle-stitch", f"binding: {binding}")
    (root / "issues" / "publication.yaml").write_text(publication, encoding="utf-8")
    return root


def copy_seed(root: Path) -> None:
    shutil.copytree(ROOT / "issues" / SEED, root / "issues" / SEED,
                    ignore=shutil.ignore_patterns("photos"))
    run_bulletin(root, "placeholders", f"issues/{SEED}")


def run_bulletin(root: Path, *args: str) -> dict:
    """The `bulletin` command as the officer runs it, timed from outside as the floor is:
    the code beside this file, whichever checkout the environment was installed from."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return run_timed([sys.executable, "-m", "bulletin", *args], root, {**os.environ, "PYTHONPATH": path})


def run_timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict:
    """Wall time and peak memory of `command`: wait4 gives the largest RSS of
    the process and of every worker it waited for."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    with process.stderr:
        errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{errors.decode(errors='replace')}")
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}


def timed(runs: int, action, before=None) -> dict:
    reports = []
    for _ in range(runs):
        if before:
            before()
        reports.append(action())
    return summary(reports)


def summary(reports: list[dict]) -> dict:
    return {"seconds": statistics.median(r["seconds"] for r in reports),
            "cpu": statistics.median(r["cpu"] for r in reports),
            "peak_mb": max(r.get("peak_mb", 0) for r in reports)}


def measure_seed(root: Path, runs: int, keep_fit: bool = False) -> list[dict]:
    """The seed issue's figures, measured in rounds (one of each per round), so
    that a spell of a busy machine weighs on all of them alike. With `keep_fit`
    (--quick, a smoke test) the cold builds start from the fit choices of the
    floor's build, so that they do not pay for fitting each time."""
    issue = f"issues/{SEED}"
    build_dir = root / "build"

    def clear():
        shutil.rmtree(build_dir, ignore_errors=True)
        if keep_fit:
            shutil.copytree(root / "floor" / "fit", build_dir / SEED / "fit")
    # The floor's HTML and what it places live apart from build/, which the cold builds clear.
    run_bulletin(root, "build", issue, "--lang", "en", "--keep-html", "--out", str(root / "floor"))
    html = next((root / "floor" / "html").glob("*-en.html"))
    build = lambda *langs: lambda: run_bulletin(root, "build", issue, *langs)
    figures = [  # what, before, action
        ("floor: plain WeasyPrint, email edition (en)", None, lambda: floor_render(html, root / "floor.pdf")),
        ("cold build, both editions, en", clear, build("--lang", "en")),
        ("cold build, both editions, every language", clear, build()),
        ("warm rebuild after one paragraph, en", lambda: edit_one_paragraph(root / issue / "issue.yaml"),
         build("--lang", "en")),
        ("bulletin check", None, lambda: run_bulletin(root, "check", issue)),
    ]
    reports: dict[str, list[dict]] = {what: [] for what, _, _ in figures}
    for _ in range(runs):
        for what, before, action in figures:
            if before:
                before()
            reports[what].append(action())
    floor = summary(reports[figures[0][0]])
    return [{"what": what, **summary(reports[what]), "floor": floor["seconds"], "floor_cpu": floor["cpu"]}
            for what, _, _ in figures]


def floor_render(html: Path, pdf: Path) -> dict:
    timed = run_timed([sys.executable, "-c", FLOOR, str(html), str(pdf)], html.parent)
    return {"seconds": timed["seconds"], "cpu": timed["cpu"]}


def edit_one_paragraph(issue_file: Path) -> None:
    text = issue_file.read_text(encoding="utf-8")
    marker = "opened the meetings."
    count = text.count("(edited)")
    issue_file.write_text(text.replace(marker, marker + " (edited)" if count < 50 else marker, 1),
                          encoding="utf-8")


def measure_scaling(root: Path, sizes: list[int], runs: int) -> list[dict]:
    rows = []
    for pages in sizes:
        issue_dir = root / "issues" / f"9{pages:03d}-01"
        write_synthetic_issue(issue_dir, pages)
        run_bulletin(root, "placeholders", str(issue_dir.relative_to(root)))
        clear = lambda: shutil.rmtree(root / "build", ignore_errors=True)
        build = functools.partial(run_bulletin, root, "build", str(issue_dir.relative_to(root)),
                                  "--lang", "en")
        report = timed(max(1, runs if pages <= 32 else 1), build, before=clear)
        made = json.loads((root / "build" / issue_dir.name / "build.json").read_text())
        actual = next(o["pages"] for o in made["outputs"] if o["edition"] == "email")
        rows.append({"what": f"synthetic issue, {actual} pages (both editions)", **report,
                     "per_page": report["seconds"] / actual})
    return rows


def write_synthetic_issue(folder: Path, pages: int) -> None:
    """About `pages` pages: stories of plain text with a photo and a pull quote each."""
    import yaml
    folder.mkdir(parents=True, exist_ok=True)
    sentence = ("Delegations from the region reviewed the results of the programme and agreed "
                "on the priorities for the coming year, with support from donors. ")
    stories = [{
        "id": f"story-{n}", "kicker": f"Section {n % 7}",
        "headline": f"Synthetic story number {n} for the benchmark",
        "lead": f"A lead paragraph that summarises synthetic story {n}, set apart from its body.",
        "body": "\n\n".join(sentence * 5 for _ in range(6)),
        "quotes": [{"text": f"A pull quote repeated from the body of story {n}.",
                    "attribution": "A speaker, UNODC"}],
        "figures": [{"image": f"photos/story-{n % 4}.jpg", "caption": f"A caption for story {n}.",
                     "credit": "Placeholder image generated by bulletin", "alt": "Placeholder image"}],
    } for n in range(max(1, round(pages * 0.95)))]
    issue = {"number": 1, "date": "2030-01-15", "period": "January 2030", "language": "en",
             "example": True, "stories": stories}      # its photos are bulletin's placeholders
    (folder / "issue.yaml").write_text(yaml.safe_dump(issue, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")


def print_table(rows: list[dict]) -> None:
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{'what':52} {'median s':>9} {'x floor':>8} {'s/page':>7} {'peak MB':>8} {'cpu s':>6} {'x floor':>8}")
    for row in rows:
        ratio = f"{row['seconds'] / row['floor']:.2f}" if "floor" in row else ""
        per_page = f"{row['per_page']:.3f}" if "per_page" in row else ""
        peak = f"{row['peak_mb']:.0f}" if row.get("peak_mb") else ""
        cpu_ratio = f"{row['cpu'] / row['floor_cpu']:.2f}" if "floor_cpu" in row else ""
        print(f"{row['what']:52} {row['seconds']:9.2f} {ratio:>8} {per_page:>7} {peak:>8} {row['cpu']:6.2f} "
              f"{cpu_ratio:>8}")


if __name__ == "__main__":
    sys.exit(main())
