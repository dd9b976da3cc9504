"""Render N department reports several ways and compare: the batch command vs the naive loop.

    python benchmarks/bench_render.py [--reports 20] [--naive 10] [--workers 1 2]
                                      [--cluster-workers 2]

The documents are N synthetic (fictional) department budgets written as Tika text
(``helpers.synth``). Every way runs in this one run, on the same machine:

* batch, local: ``budget-notebooks render DIR --out OUT --workers W --force`` for each W
  (W reused kernels, driven from the command's own process);
* batch, Dask: the same with ``--scheduler local --workers C`` (a LocalCluster of C worker
  processes on loopback, started and stopped by the command: its start is included);
* naive: what a user would write — per document, ``papermill department_report.ipynb …
  -p source DOC`` then ``jupyter nbconvert --to html …`` (two interpreter starts and one
  kernel start per report). This is the reference.

Each batch also renders the one cross-department report of the year; its time is charged
to the N department reports. Each batch is timed from the command's start to its exit.
Prints seconds per report, reports per minute, and the speed-up over the naive loop; then
the CPU seconds per report (the command and every process it started: kernels, nbconvert)
and the CPU ratio, which another engineer's load on a shared machine barely moves (wall
time ratios shrink there: the batch's parallel kernels lose the cores they would have had,
the serial naive loop loses less). The load average before and after is printed.

The exact command of the closing notes (2 cores)::

    nice -n 0 python benchmarks/bench_render.py --reports 20 --workers 2 --cluster-workers 0
    nice -n 0 python benchmarks/bench_render.py --reports 60 --naive 20 --workers 2 \
        --cluster-workers 0
"""

from __future__ import annotations

import argparse
import os
import resource
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
    """Write ``count`` synthetic budgets, each of a department of its own.

    Seeds draw department names from a few dozen, and the batch reports a department-year
    once (other copies are named in the index, not rendered): each document's department is
    numbered by its seed ("…司法局" → "…司法7局"), so the batch renders every report it is
    charged for.
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in range(1, count + 1):
        document = generate(seed, 2024)
        unique = f"{document.department[:-1]}{seed}局"
        path = folder / f"synthetic_{seed:03d}_2024.txt"
        path.write_text(to_tika_text(document.raw).replace(document.department, unique),
                        encoding="utf-8")
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


def children_cpu() -> float:
    """Return the CPU seconds of this process's finished children (and theirs, reaped)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_batch(documents: Path, out: Path, workers: int,
              scheduler: str | None = None) -> tuple[float, float]:
    """Run the batch command once (every report forced); return its wall and CPU time."""
    command = [sys.executable, "-m", "helpers.cli", "render", str(documents), "--out", str(out),
               "--workers", str(workers), "--force", "--no-progress"]
    if scheduler:
        command += ["--scheduler", scheduler]
    started, cpu = time.perf_counter(), children_cpu()
    subprocess.run(command, check=True, env=environment(), stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - started, children_cpu() - cpu


def run_naive(documents: list[Path], out: Path) -> tuple[float, float]:
    """Run the naive loop; return its wall and CPU time."""
    out.mkdir(parents=True, exist_ok=True)
    env = environment()
    started, cpu = time.perf_counter(), children_cpu()
    for path in documents:
        executed = out / f"{path.stem}.ipynb"
        subprocess.run([tool("papermill"), str(NOTEBOOK), str(executed), "-p", "source",
                        str(path), "--cwd", str(NOTEBOOK.parent)], check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([tool("jupyter"), "nbconvert", "--to", "html", str(executed)],
                       check=True, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    return time.perf_counter() - started, children_cpu() - cpu


def main() -> None:
    """Run every way on the same documents and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20, help="department reports (N)")
    parser.add_argument("--naive", type=int, default=None,
                        help="reports for the naive loop (default: N; fewer saves time)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="local worker counts to measure (default: 1 2)")
    parser.add_argument("--cluster-workers", type=int, default=2,
                        help="workers of the Dask LocalCluster (0: skip; needs the dask extra)")
    args = parser.parse_args()
    naive_count = args.naive if args.naive is not None else args.reports
    ways: list[tuple[str, float, float]] = []
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-render-") as scratch:
        folder = Path(scratch)
        documents = write_documents(folder / "docs", args.reports)
        for workers in args.workers:
            seconds, cpu = run_batch(folder / "docs", folder / f"local{workers}", workers)
            ways.append((f"render --workers {workers}", seconds / args.reports,
                         cpu / args.reports))
        if args.cluster_workers:
            try:
                import distributed  # noqa: F401
            except ImportError:
                print("dask[distributed] is not installed: LocalCluster skipped")
            else:
                seconds, cpu = run_batch(folder / "docs", folder / "dask",
                                         args.cluster_workers, scheduler="local")
                ways.append((f"render --scheduler local --workers {args.cluster_workers}",
                             seconds / args.reports, cpu / args.reports))
        naive_wall, naive_cpu = run_naive(documents[:naive_count], folder / "naive")
        naive, naive_cpu = naive_wall / naive_count, naive_cpu / naive_count
    print(f"cores: {os.cpu_count()}; {args.reports} department reports "
          "(+1 cross-department, charged to them); naive loop over "
          f"{naive_count} reports; load average {load_before[0]:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after")
    print(f"{'way':<44} {'s/report':>9} {'reports/min':>12} {'vs naive':>9} "
          f"{'CPU s/report':>13} {'CPU vs naive':>13}")
    reference = ("naive: papermill + jupyter nbconvert (reference)", naive, naive_cpu)
    for name, each, cpu in [*ways, reference]:
        print(f"{name:<44} {each:>9.2f} {60 / each:>12.1f} {naive / each:>8.1f}x "
              f"{cpu:>13.2f} {naive_cpu / cpu:>12.1f}x")


if __name__ == "__main__":
    main()
