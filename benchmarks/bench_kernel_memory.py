"""Render many department reports on one reused kernel; print its memory and descriptors.

    python benchmarks/bench_kernel_memory.py [--reports 80]

A reused kernel must not grow with the reports it renders: nothing a report leaves (outputs,
figures, registered callbacks) may outlive the reset before the next one. This drives one
:class:`helpers.reports.WarmKernel` (papermill's ``warm`` engine) through ``--reports``
department reports of synthetic documents (the batch's own path) and prints, at checkpoints,
the kernel's resident memory and open file descriptors (from ``/proc``) and this process's,
then the growth per report after the first ten (warm-up: caches filling).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from helpers.reports.batch import skip_iri_grammar  # noqa: E402
from helpers.reports.engine import WarmKernel  # noqa: E402
from helpers.synth import generate, to_tika_text  # noqa: E402

NOTEBOOK = ROOT / "notebooks" / "department_report.ipynb"


def resident_mib(pid: int) -> float:
    """Return the resident memory of process ``pid`` in MiB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def descriptors(pid: int) -> int:
    """Return how many file descriptors process ``pid`` has open."""
    return len(os.listdir(f"/proc/{pid}/fd"))


def main() -> None:
    """Render the reports and print the checkpoints."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=80, help="reports to render")
    args = parser.parse_args()
    if not Path("/proc/self/status").exists():
        sys.exit("needs Linux /proc")
    skip_iri_grammar()
    # the kernel imports the helpers from this checkout (installed or not)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"),
                                                             os.environ.get("PYTHONPATH")]))
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as scratch:
        documents = []
        for seed in range(1, 21):
            path = Path(scratch) / f"synthetic_{seed:03d}_2024.txt"
            path.write_text(to_tika_text(generate(seed, 2024).raw), encoding="utf-8")
            documents.append(path)
        checkpoints = {1, 10, args.reports} | set(range(20, args.reports, 20))
        print(f"{'reports':>8} {'kernel MiB':>11} {'kernel fds':>11} {'this MiB':>9} "
              f"{'this fds':>9}")
        with WarmKernel() as runner:
            kernel = runner.call("os:getpid")
            after_warm_up = None
            for count in range(1, args.reports + 1):
                runner.run(NOTEBOOK, {"source": str(documents[count % 20]), "previous": None},
                           cwd=NOTEBOOK.parent)
                if count == 10:
                    after_warm_up = resident_mib(kernel)
                if count in checkpoints:
                    print(f"{count:>8} {resident_mib(kernel):>11.1f} {descriptors(kernel):>11} "
                          f"{resident_mib(os.getpid()):>9.1f} {descriptors(os.getpid()):>9}")
            if after_warm_up is not None and args.reports > 10:
                growth = (resident_mib(kernel) - after_warm_up) * 1024 / (args.reports - 10)
                print(f"kernel growth after the first 10 reports: {growth:.0f} KiB per report")


if __name__ == "__main__":
    main()
