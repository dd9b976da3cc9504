"""Print parse and check time and peak memory per document, beside `pdftotext -layout`.

Usage: python benchmarks/bench_parse.py [FILE…]   (default: data/corpus and data/demo)

Times are the best of N runs in a warm process (imports done, one load beforehand); "read"
is the reader alone, "load" the whole pipeline to a complete Disclosure, "check" running
every audit rule on the loaded disclosure (and its share of "load"). Peak memory is
Python's own allocations during one load (tracemalloc), which excludes pdfium's C heap;
the process's maximum resident size is printed at the end for the whole run.

"load/ptt" compares the load with `pdftotext -layout` twice: by wall time, and by CPU time
(this process's against the pdftotext child's). On an idle machine they agree; on a busy
one the wall ratio swings with the moments the other processes took the core, and the
CPU ratio is the steadier measure of the work each does.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from helpers import check, load_disclosure
from helpers.readers import group_documents, read_document

from timing import best_of, best_of_pair, cpu_clock

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = [ROOT / "data" / "corpus", ROOT / "data" / "demo"]



def peak_mib(func: Callable[[], object]) -> float:
    tracemalloc.start()
    func()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main(argv: list[str]) -> int:
    inputs = [Path(a) for a in argv] or [p for p in DEFAULT_INPUTS if p.exists()]
    # the files of one disclosure (Beijing's narrative and tables) load together
    groups = [g for g in group_documents(inputs)
              if all(p.suffix.lower() in {".pdf", ".txt"} for p in g)]
    if not groups:
        print("no documents found")
        return 1
    pdftotext = shutil.which("pdftotext")
    for group in groups:  # warm up imports, pdfium and regex caches
        load_disclosure(group)
    print(f"{'document':44s} {'read':>8s} {'load':>8s} {'pdftotext':>10s} {'load/ptt':>8s} "
          f"{'check':>8s} {'chk/load':>8s} {'peak MiB':>8s}")
    ratios: list[float] = []
    cpu_ratios: list[float] = []
    for group in groups:
        read = sum(best_of(lambda p=path: read_document(p)) for path in group)
        reference, ratio = "", ""
        if all(path.suffix.lower() == ".pdf" for path in group) and pdftotext:
            # interleaved, so that a busy moment of the machine slows both alike
            def run_pdftotext(g: list[Path] = group) -> None:
                for path in g:
                    subprocess.run([pdftotext, "-layout", str(path), "-"],
                                   check=True, capture_output=True)

            load, seconds = best_of_pair(lambda g=group: load_disclosure(g), run_pdftotext)
            load_cpu, seconds_cpu = best_of_pair(lambda g=group: load_disclosure(g),
                                                 run_pdftotext, clock=cpu_clock)
            ratios.append(load / seconds)
            cpu_ratios.append(load_cpu / seconds_cpu)
            reference = f"{seconds * 1000:8.1f}ms"
            ratio = f"{load / seconds:5.1f}×{load_cpu / seconds_cpu:5.1f}×"
        else:
            load = best_of(lambda g=group: load_disclosure(g))
        disclosure = load_disclosure(group)
        audit = best_of(lambda d=disclosure: check(d))
        peak = peak_mib(lambda g=group: load_disclosure(g))
        name = " + ".join(path.name for path in group)
        print(f"{name[:44]:44s} {read * 1000:6.1f}ms {load * 1000:6.1f}ms {reference:>10s} "
              f"{ratio:>12s} {audit * 1000:6.1f}ms {audit / load:7.0%} {peak:8.1f}")
    if ratios:
        print(f"load / pdftotext -layout over {len(ratios)} PDF disclosures (limit 5×): "
              f"wall time {min(ratios):.1f}× to {max(ratios):.1f}×, "
              f"CPU time {min(cpu_ratios):.1f}× to {max(cpu_ratios):.1f}×")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"max resident size of this process: {rss:.0f} MiB")
    if not pdftotext:
        print("(pdftotext not found: install poppler-utils for the reference column)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
