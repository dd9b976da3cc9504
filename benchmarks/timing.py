"""Timing helpers shared by the benchmark scripts (run as ``python benchmarks/<script>.py``)."""

from __future__ import annotations

import time
from collections.abc import Callable

REPEAT = 5


def best_of(func: Callable[[], object], repeat: int = REPEAT) -> float:
    """Return the fastest of ``repeat`` runs of ``func``, in seconds (a warm-process figure)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)
