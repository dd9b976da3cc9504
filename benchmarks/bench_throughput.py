"""Print throughput and memory figures for loading and checking many documents.

Usage: python benchmarks/bench_throughput.py [--documents 1000]

* parse and check throughput per format (synthetic documents written in every format);
* memory over a run of N synthetic documents loaded and checked one after another in one
  process: the resident size is sampled every 100 documents and the growth per document
  fitted; it must stay flat (no growth per document);
* the naive CLI loop as the reference in the same run: one ``budget-notebooks check FILE``
  process per document, as a user would script it.
"""

from __future__ import annotations

import argparse
import gc
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers import check, load_disclosure
from helpers.synth import FORMATS, generate, write_synthetic


def rss_mib() -> float:
    """Return the current resident set size (Linux /proc), in MiB."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def per_format(folder: Path, count: int) -> None:
    print(f"{'format':8s} {'docs':>5s} {'load/doc':>10s} {'check/doc':>10s} {'docs/s':>8s}")
    for fmt in FORMATS:
        paths = [write_synthetic(generate(seed, year=2024), folder / fmt, (fmt,))[fmt]
                 for seed in range(count)]
        load_disclosure(paths[0])
        start = time.perf_counter()
        disclosures = [load_disclosure(path) for path in paths]
        loaded = time.perf_counter()
        for disclosure in disclosures:
            check(disclosure)
        checked = time.perf_counter()
        load, audit = (loaded - start) / count, (checked - loaded) / count
        print(f"{fmt:8s} {count:5d} {load * 1000:8.1f}ms {audit * 1000:8.1f}ms "
              f"{1 / (load + audit):8.1f}")


def memory_run(folder: Path, documents: int) -> None:
    distinct = 50  # written once, loaded in turn: the run measures loading, not writing
    paths = [write_synthetic(generate(seed, year=2024), folder / "mem", ("txt",))["txt"]
             for seed in range(distinct)]
    samples: list[tuple[int, float]] = []
    start = time.perf_counter()
    for index in range(documents):
        check(load_disclosure(paths[index % distinct]))
        if index % 100 == 99:
            gc.collect()
            samples.append((index + 1, rss_mib()))
    seconds = time.perf_counter() - start
    print(f"\nmemory over {documents} documents (load + check, one process, "
          f"{documents / seconds:.1f} docs/s):")
    print("  " + "  ".join(f"{n}: {mib:.0f} MiB" for n, mib in samples))
    later = samples[len(samples) // 2:]  # after warm-up (caches, pools)
    if len(later) >= 2:
        (n0, m0), (n1, m1) = later[0], later[-1]
        print(f"  growth after warm-up: {(m1 - m0) * 1024 / (n1 - n0):.2f} KiB per document")


def naive_cli(folder: Path, count: int) -> None:
    executable = shutil.which("budget-notebooks")
    command = [executable] if executable else [sys.executable, "-m", "helpers.cli"]
    paths = sorted((folder / "txt").glob("*.txt"))[:count]
    start = time.perf_counter()
    for path in paths:
        subprocess.run([*command, "check", str(path)], capture_output=True, check=False)
    per_doc = (time.perf_counter() - start) / len(paths)
    print(f"\nnaive CLI loop (`budget-notebooks check FILE` per document, {len(paths)} docs): "
          f"{per_doc * 1000:.0f} ms per document")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--per-format", type=int, default=20)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        per_format(folder, args.per_format)
        memory_run(folder, args.documents)
        naive_cli(folder, 10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
