"""Where a batch's tasks run: threads driving this process's warm kernels, or a Dask cluster.

Both are :class:`concurrent.futures.Executor` objects; the batch only submits the two tasks of
:mod:`helpers.reports.tasks` and waits with :func:`concurrent.futures.as_completed`.

* Local (the default): a thread per kernel, ``--workers`` of them (0: one kernel, one
  task at a time). The kernels are the workers: each is a process of its own that loads
  documents and runs notebooks, so this process only sends requests and writes files, and
  never imports pandas or matplotlib. The kernels are launched at once and boot in parallel
  while the batch reads its inputs.
* Dask (``--scheduler ADDRESS`` or ``local``): the cluster's
  :meth:`~distributed.Client.get_executor` (:mod:`helpers.reports.cluster`).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
from collections.abc import Iterator

from helpers.reports.engine import default_pool

__all__ = ["local_executor", "open_executor"]


@contextlib.contextmanager
def local_executor(workers: int = 2) -> Iterator[concurrent.futures.Executor]:
    """Yield threads that each drive a warm kernel of this process (``workers`` ≥ 1 kernels).

    The kernels are shut down when the block ends.
    """
    count = max(workers, 1)
    pool = default_pool()
    pool.launch(count)
    try:
        with concurrent.futures.ThreadPoolExecutor(count, thread_name_prefix="kernel") as threads:
            yield threads
    finally:
        pool.close()


@contextlib.contextmanager
def open_executor(workers: int = 2, scheduler: str | None = None
                  ) -> Iterator[concurrent.futures.Executor]:
    """Yield the executor for ``--workers`` / ``--scheduler`` (closed when the block ends).

    Args:
        workers: Kernels driven from this process (0: one kernel, one task at a time);
            with ``scheduler="local"``, the LocalCluster's workers.
        scheduler: A Dask scheduler address (``tcp://host:8786``) or ``"local"``.
    """
    if scheduler:
        from helpers.reports.cluster import DaskCluster

        with DaskCluster(scheduler, workers) as cluster:
            yield cluster.executor
    else:
        with local_executor(workers) as threads:
            yield threads
