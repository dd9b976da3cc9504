"""Time one department report on a warm kernel: one request per notebook vs one per cell.

The warm engine runs a notebook in one request whose outputs are routed to their cells
(:mod:`helpers.reports.protocol`); ``per_cell=True`` runs it through nbclient, a request
per cell. Both run here on the same kernel, alternately, on N synthetic department
budgets (the first of each way is a warm-up); printed per way: the kernel's CPU
milliseconds per report (``time.process_time`` in the kernel, steadier than wall time on
a shared machine) and the wall milliseconds, median and minimum.

Run: ``.venv/bin/python benchmarks/bench_kernel_protocol.py [--reports 8]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_render import NOTEBOOK, write_documents  # noqa: E402


def main() -> None:
    """Run both ways alternately and print their costs."""
    import nbformat

    from helpers.reports.engine import WarmKernel, run_notebook

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=8)
    args = parser.parse_args()
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    costs: dict[str, list[tuple[float, float]]] = {"one request": [], "per cell": []}
    with tempfile.TemporaryDirectory() as scratch, WarmKernel() as kernel:
        for document in write_documents(Path(scratch), args.reports + 1):
            for name, per_cell in (("one request", False), ("per cell", True)):
                cpu, wall = kernel.call("time:process_time"), time.perf_counter()
                run_notebook(notebook, {"source": str(document)}, cwd=NOTEBOOK.parent,
                             kernel=kernel, per_cell=per_cell)
                costs[name].append(((kernel.call("time:process_time") - cpu) * 1000,
                                    (time.perf_counter() - wall) * 1000))
    print(f"department report, {args.reports} synthetic budgets, one warm kernel")
    print(f"{'way':<12} {'kernel CPU ms (median, min)':>28} {'wall ms (median, min)':>24}")
    for name, runs in costs.items():
        cpu = [c for c, _ in runs[1:]]
        wall = [w for _, w in runs[1:]]
        print(f"{name:<12} {statistics.median(cpu):>19.0f}, {min(cpu):>6.0f} "
              f"{statistics.median(wall):>16.0f}, {min(wall):>6.0f}")


if __name__ == "__main__":
    main()
