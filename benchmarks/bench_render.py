"""Render N department reports two ways and compare: the batch command vs the naive loop.

    python benchmarks/bench_render.py [--reports 20] [--naive 20] [--workers 2]

The documents are N synthetic (fictional) department budgets written as Tika text
(``helpers.synth``). Both ways run in this one run, on the same machine:

* batch: ``budget-notebooks render DIR --out OUT --workers W --force`` (one process, W
  worker processes each with one reused kernel). It also renders the one cross-department
  report of the year; its time is charged to the N department reports.
* naive: what a user would write — per document, ``papermill department_report.ipynb …
  -p source DOC`` then ``jupyter nbconvert --to html …`` (two interpreter starts and one
  kernel start per report).

Prints seconds per report for each and the ratio (naive ÷ batch).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from helpers.synth import generate, to_tika_text  # noqa: E402

NOTEBOOK = ROOT / "notebooks" / "department_report.ipynb"


def write_documents(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in range(1, count + 1):
        path = folder / f"synthetic_{seed:03d}_2024.txt"
        path.write_text(to_tika_text(generate(seed, 2024).raw), encoding="utf-8")
        paths.append(path)
    return paths


def tool(name: str) -> str:
    """Return the console script ``name`` beside this interpreter (else on PATH)."""
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else (shutil.which(name) or name)


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"),
                                                      env.get("PYTHONPATH")]))
    return env


def run_batch(documents: Path, out: Path, workers: int) -> float:
    command = [sys.executable, "-m", "helpers.cli", "render", str(documents), "--out", str(out),
               "--workers", str(workers), "--force", "--no-progress"]
    started = time.perf_counter()
    subprocess.run(command, check=True, env=environment(), stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def run_naive(documents: list[Path], out: Path) -> float:
    out.mkdir(parents=True, exist_ok=True)
    env = environment()
    started = time.perf_counter()
    for path in documents:
        executed = out / f"{path.stem}.ipynb"
        subprocess.run([tool("papermill"), str(NOTEBOOK), str(executed), "-p", "source",
                        str(path), "--cwd", str(NOTEBOOK.parent)], check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([tool("jupyter"), "nbconvert", "--to", "html", str(executed)],
                       check=True, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20, help="department reports (N)")
    parser.add_argument("--naive", type=int, default=None,
                        help="reports for the naive loop (default: N; fewer saves time)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    naive_count = args.naive if args.naive is not None else args.reports
    with tempfile.TemporaryDirectory(prefix="bench-render-") as scratch:
        folder = Path(scratch)
        documents = write_documents(folder / "docs", args.reports)
        batch = run_batch(folder / "docs", folder / "batch", args.workers)
        naive = run_naive(documents[:naive_count], folder / "naive")
    batch_each = batch / args.reports
    naive_each = naive / naive_count
    print(f"cores: {os.cpu_count()}, workers: {args.workers}")
    print(f"batch  `budget-notebooks render --workers {args.workers}`: {args.reports} department "
          f"reports (+1 cross-department) in {batch:.1f} s = {batch_each:.2f} s/report")
    print(f"naive  `papermill` + `jupyter nbconvert --to html` per report: {naive_count} reports "
          f"in {naive:.1f} s = {naive_each:.2f} s/report")
    print(f"ratio  naive / batch = {naive_each / batch_each:.1f}x")


if __name__ == "__main__":
    main()
