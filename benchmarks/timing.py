"""Timing helpers shared by the benchmark scripts (run as ``python benchmarks/<script>.py``)."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable

REPEAT = 5


def cpu_clock() -> float:
    """Return the CPU seconds used by this process and its finished children.

    On a shared machine, wall time also counts the moments another process had the
    core; CPU time counts only the work done, so a ratio of CPU times is steady where a
    ratio of wall times swings (on an idle machine the two agree for single-threaded work).
    """
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # os.times() counts in 10 ms ticks
    return time.process_time() + children.ru_utime + children.ru_stime


def best_of(func: Callable[[], object], repeat: int = REPEAT) -> float:
    """Return the fastest of ``repeat`` runs of ``func``, in seconds (a warm-process figure)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def best_of_pair(first: Callable[[], object], second: Callable[[], object],
                 repeat: int = REPEAT, clock: Callable[[], float] = time.perf_counter
                 ) -> tuple[float, float]:
    """Return the fastest of ``repeat`` runs of each function, run in alternation."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for func, kept in ((first, times[0]), (second, times[1])):
            start = clock()
            func()
            kept.append(clock() - start)
    return min(times[0]), min(times[1])
