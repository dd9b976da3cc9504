"""Time read_pdf per corpus PDF against `pdftotext -layout` (warm process, best of N)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from helpers.readers.pdf import read_pdf

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "shanghai"
REPEAT = 5


def best_of(func, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    pdftotext = shutil.which("pdftotext")
    paths = sorted(CORPUS.glob("*.pdf")) if len(sys.argv) < 2 else [Path(p) for p in sys.argv[1:]]
    if not paths:
        print(f"no PDFs found in {CORPUS}")
        return 1
    read_pdf(paths[0])  # warm up imports and pdfium
    print(f"{'file':55s} {'pages':>5s} {'read_pdf':>9s} {'pdftotext':>9s} {'ratio':>6s}")
    for path in paths:
        doc = read_pdf(path)
        pages = max((b.page or 0) for b in doc.blocks)
        ours = best_of(lambda p=path: read_pdf(p))
        theirs = float("nan")
        if pdftotext:
            theirs = best_of(lambda p=path: subprocess.run(
                [pdftotext, "-layout", str(p), "-"], check=True, capture_output=True))
        print(f"{path.name:55s} {pages:5d} {ours:8.3f}s {theirs:8.3f}s {ours / theirs:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
