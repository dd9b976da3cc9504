"""Compare the warm engine's two ways to run a notebook: one request, or nbclient per cell.

The warm engine runs a notebook in one request whose outputs are routed to their cells
(:mod:`helpers.reports.protocol`); ``per_cell=True`` runs it through nbclient, a request
per cell. Two measures, both ways alternating so that the machine's drift hits both:

* **one kernel**: a department report on one warm kernel driven by an idle process, N
  synthetic budgets (the first of each way a warm-up); the kernel's CPU milliseconds per
  report (``time.process_time`` in the kernel) and the wall milliseconds, median and
  minimum. The per-cell round trips cost least here.
* **batch** (``--batches K``): ``helpers.reports.render`` of N budgets with two kernels on
  the machine's cores, as the ``render`` command runs them (each run in a fresh process),
  K times each way; wall seconds of each run. Kernels and driver compete for the cores
  here, and every round trip waits for a turn.

Run: ``.venv/bin/python benchmarks/bench_kernel_protocol.py [--reports 24] [--batches 4]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_render import NOTEBOOK, environment, write_documents  # noqa: E402

WAYS = {"one request": False, "per cell": True}
_BATCH = ("import sys; from helpers.reports import render; "
          "render([sys.argv[1]], sys.argv[2], workers=2, progress=False, force=True, "
          "per_cell=sys.argv[3] == 'True')")


def one_kernel(documents: list[Path]) -> dict[str, list[tuple[float, float]]]:
    """Return (kernel CPU ms, wall ms) per report and way, on one warm kernel."""
    import nbformat

    from helpers.reports.engine import WarmKernel, run_notebook

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    costs: dict[str, list[tuple[float, float]]] = {name: [] for name in WAYS}
    with WarmKernel() as kernel:
        for document in documents:
            for name, per_cell in WAYS.items():
                cpu, wall = kernel.call("time:process_time"), time.perf_counter()
                run_notebook(notebook, {"source": str(document)}, cwd=NOTEBOOK.parent,
                             kernel=kernel, per_cell=per_cell)
                costs[name].append(((kernel.call("time:process_time") - cpu) * 1000,
                                    (time.perf_counter() - wall) * 1000))
    return {name: runs[1:] for name, runs in costs.items()}


def batches(folder: Path, out: Path, count: int) -> dict[str, list[float]]:
    """Return the wall seconds of ``count`` batch renders of ``folder`` per way."""
    seconds: dict[str, list[float]] = {name: [] for name in WAYS}
    for _ in range(count):
        for name, per_cell in WAYS.items():
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", _BATCH, str(folder), str(out / name),
                            str(per_cell)], check=True, env=environment(),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            seconds[name].append(time.perf_counter() - started)
    return seconds


def main() -> None:
    """Run both measures and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=24)
    parser.add_argument("--batches", type=int, default=4, help="batch runs per way (0: skip)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        documents = write_documents(Path(scratch) / "docs", args.reports + 1)
        costs = one_kernel(documents)
        print(f"one kernel: department report, {args.reports} synthetic budgets")
        print(f"{'way':<12} {'kernel CPU ms (median, min)':>28} {'wall ms (median, min)':>24}")
        for name, runs in costs.items():
            cpu, wall = [c for c, _ in runs], [w for _, w in runs]
            print(f"{name:<12} {statistics.median(cpu):>19.0f}, {min(cpu):>6.0f} "
                  f"{statistics.median(wall):>16.0f}, {min(wall):>6.0f}")
        if args.batches:
            documents[-1].unlink()  # the batch renders N reports (+1 cross-department)
            runs = batches(Path(scratch) / "docs", Path(scratch) / "out", args.batches)
            print(f"batch: {args.reports} department reports + 1 cross-department, "
                  "2 kernels, wall seconds per run")
            for name, seconds in runs.items():
                print(f"{name:<12} " + ", ".join(f"{s:.1f}" for s in seconds)
                      + f"  (median {statistics.median(seconds):.1f})")


if __name__ == "__main__":
    main()
