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


def best_of_pair(first: Callable[[], object], second: Callable[[], object],
                 repeat: int = REPEAT) -> tuple[float, float]:
    """Return the fastest of ``repeat`` runs of each function, run in alternation."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for func, kept in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            func()
            kept.append(time.perf_counter() - start)
    return min(times[0]), min(times[1])
