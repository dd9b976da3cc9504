"""Survey the vendored corpus and print the table, the summary line and time per document.

Usage: python benchmarks/bench_survey.py [PATH…]   (default: data/corpus)

Every document (the files of a split disclosure as one) is read, normalised, given its
metadata and audited in this one process, as ``budget-notebooks survey`` does. The time of
a document is all of that (read + normalise + narrative + checks), measured in a warm
process (imports done, and one small document loaded beforehand); the first figure of a
cold process is higher by the import time.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from helpers import load_disclosure
from helpers.survey import print_survey, summary_line, survey

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = [ROOT / "data" / "corpus"]


def main(argv: list[str]) -> int:
    """Run the survey over the inputs and print it with its timings."""
    inputs = [Path(arg) for arg in argv] or DEFAULT_INPUTS
    load_disclosure(ROOT / "data" / "demo" / "example_bureau_2024_budget.txt")  # warm up
    started = time.perf_counter()
    frame = survey(inputs, progress=True)
    wall = time.perf_counter() - started
    if frame.empty:
        print(f"no documents in {' '.join(map(str, inputs))}", file=sys.stderr)
        return 2
    print_survey(frame)
    print(summary_line(frame))
    print()
    print("time per document (s): read + normalise + narrative + checks")
    width = max(len(name) for name in frame.file)
    for row in frame.sort_values("seconds", ascending=False).itertuples():
        print(f"  {row.file:<{width}}  {row.seconds:7.3f}  {row.status}")
    seconds = frame.seconds.astype(float)
    print(f"{len(frame)} documents in {wall:.1f} s: mean {seconds.mean():.3f} s, median "
          f"{seconds.median():.3f} s, max {seconds.max():.3f} s per document")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
