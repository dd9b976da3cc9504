"""Print the time per MB of loading Tika text exports from 0.1 to 50 MB: it must stay flat.

Four shapes, each grown to the sizes asked, because each stresses another part:

* ``repeated``: the seed disclosure repeated (many tables of each kind, merged into one);
* ``long_table``: the seed with its longest table's body repeated (one table, many rows;
  past :data:`helpers.limits.MAX_TABLE_ROWS`, from about 6 MB, it is refused, printed so);
* ``long_cell``: the seed with one cell running over many continuation lines;
* ``long_paragraph``: the seed with one narrative paragraph of many sentences.

Each size is loaded in a fresh process (``load_disclosure`` then ``check``); the times are
the child's CPU seconds (a shared machine's other work does not count), and its peak
resident memory. The time per MB should not grow with the size (a quadratic step doubles
it with every doubling).

Usage::

    python benchmarks/bench_text_scaling.py [--sizes 0.1 1 5 10 50] [--shapes repeated ...]
        [--memory-gb 8]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "corpus" / "seed" / "000_673e72c434b14bd5.txt"
SHAPES = ("repeated", "long_table", "long_cell", "long_paragraph")

_CHILD = """
import resource, sys, time
from helpers import check, load_disclosure
started = time.process_time()
disclosure = load_disclosure(sys.argv[1])
loaded = time.process_time() - started
check(disclosure)
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(loaded, time.process_time() - started, peak_mb)
"""


def _grown(shape: str, size: int) -> str:
    """Return the seed text grown to about ``size`` bytes in the given shape."""
    seed = SEED.read_text(encoding="utf-8")
    extra = max(size - len(seed.encode()), 0)
    if shape == "repeated":
        return seed * max(1, round(size / len(seed.encode())))
    lines = seed.split("\n")
    if shape == "long_table":
        # the body rows of the 支出总表 under its 合计 row, up to the table's end
        title = next(i for i, line in enumerate(lines) if "支出总表" in line)
        total = next(i for i in range(title, len(lines)) if lines[i].strip() == "合计")
        start = next(i for i in range(total, len(lines)) if not lines[i]) + 1
        end = next(i for i in range(start, len(lines)) if not any(lines[i:i + 2]))
        block = "\n".join(lines[start:end + 1])
        copies = max(1, extra // len(block.encode()))
        return "\n".join([*lines[:start], *([block] * copies), *lines[end + 1:]])
    if shape == "long_cell":
        at = next(i for i, line in enumerate(lines) if line.startswith("\t") and line.strip())
        continuation = " 续行文字"
        copies = max(1, extra // len(continuation.encode()))
        return "\n".join([*lines[:at + 1], *([continuation] * copies), *lines[at + 1:]])
    sentence = "一般公共预算财政拨款支出主要用于保障机构正常运转，比上年增加12.50万元。"
    copies = max(1, extra // len(sentence.encode()))
    at = next(i for i, line in enumerate(lines) if line.startswith("一、") or "说明" in line)
    return "\n".join([*lines[:at + 1], sentence * copies, *lines[at + 1:]])


def measure(shape: str, megabytes: float, folder: Path,
            memory_gb: float) -> tuple[float, float, float, float] | tuple[float, str]:
    """Return (MB, load seconds, load + check seconds, peak RSS MB) for one shape and size.

    A child past ``memory_gb`` of address space fails (a typed error): (MB, the error).
    """
    path = folder / f"{shape}_{megabytes}.txt"
    path.write_text(_grown(shape, int(megabytes * 2**20)), encoding="utf-8")
    size = path.stat().st_size / 2**20
    limit = int(memory_gb * 2**30)
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)))
    path.unlink()
    if result.returncode != 0:
        return size, (result.stderr.strip().splitlines() or ["no output"])[-1][:100]
    loaded, total, peak_mb = result.stdout.split()
    return size, float(loaded), float(total), float(peak_mb)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 1, 5, 10, 50])
    parser.add_argument("--shapes", nargs="+", choices=SHAPES, default=list(SHAPES))
    parser.add_argument("--memory-gb", type=float, default=8.0,
                        help="address space one measurement may take (a shared machine)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'shape':15s} {'MB':>7s} {'load s':>8s} {'s/MB':>6s} {'+check s':>9s} "
              f"{'s/MB':>6s} {'peak MB':>8s} {'/MB':>5s}")
        for shape in args.shapes:
            for megabytes in args.sizes:
                measured = measure(shape, megabytes, Path(folder), args.memory_gb)
                if len(measured) == 2:
                    print(f"{shape:15s} {measured[0]:7.2f} refused: {measured[1]}", flush=True)
                    continue
                size, loaded, total, peak = measured
                print(f"{shape:15s} {size:7.2f} {loaded:8.2f} {loaded / size:6.2f} "
                      f"{total:9.2f} {total / size:6.2f} {peak:8.0f} {peak / size:5.0f}",
                      flush=True)


if __name__ == "__main__":
    main()
