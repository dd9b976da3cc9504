"""A Dask cluster as a batch's executor: ``budget-notebooks render … --scheduler``.

``--scheduler tcp://host:8786`` connects to a running scheduler; ``--scheduler local``
starts a :class:`~distributed.LocalCluster` of ``--workers`` processes (one thread each)
bound to the loopback interface, with no dashboard, and stops it afterwards. The batch gets
the cluster's :meth:`~distributed.Client.get_executor` and runs the same tasks as locally
(:mod:`helpers.reports.tasks`): the outputs, the index, the manifest, the skipping of
unchanged reports and the isolation of failures are those of the local mode.

Kernels: a worker plugin (:class:`KernelPlugin`) launches each worker's warm kernel when it
is set up (it boots while the worker loads documents); the tasks borrow it from the worker
process's pool; the plugin shuts it down when it is removed at the end of the batch, so a
shared cluster is left without stray kernels.

Requirements on the workers: this package importable (``pip install -e .[dask]``), the
input documents and the report notebooks readable at the paths the client sees (a shared
filesystem), and the output folder or fsspec URL writable (``file://``, ``s3://`` …; a
``memory://`` URL is only shared with workers in the client's process).
"""

from __future__ import annotations

import contextlib
from typing import Any

from distributed import WorkerPlugin

from helpers.reports.engine import default_pool

__all__ = ["PLUGIN_NAME", "DaskCluster", "KernelPlugin"]

#: The name the kernel plugin is registered under on the workers.
PLUGIN_NAME = "budget-notebooks-kernel"


class KernelPlugin(WorkerPlugin):
    """A Dask worker plugin that owns the worker's warm kernel."""

    name = PLUGIN_NAME

    def setup(self, worker: Any = None) -> None:
        """Launch the worker's kernel (it boots while the worker does other work)."""
        default_pool().launch(1)

    def teardown(self, worker: Any = None) -> None:
        """Shut the worker's kernel down."""
        default_pool().close()


class DaskCluster:
    """A Dask cluster's executor for a batch, each worker with one warm kernel.

    Use as a context manager; :attr:`executor` is the cluster's ``get_executor()`` and
    :attr:`client` the client.

    Args:
        scheduler: ``"local"`` for a LocalCluster on loopback (``workers`` processes of one
            thread, no dashboard, stopped afterwards), else a scheduler address.
        workers: The LocalCluster's worker processes (ignored for an address).
    """

    def __init__(self, scheduler: str, workers: int = 2) -> None:
        """Connect to the cluster (starting a local one) and give each worker a kernel."""
        from distributed import Client, LocalCluster

        self.cluster = None
        if scheduler == "local":
            self.cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1,
                                        processes=True, host="127.0.0.1",
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        else:
            self.client = Client(scheduler)
        try:
            self.client.register_plugin(KernelPlugin(), name=PLUGIN_NAME)
        except Exception:
            self.close()
            raise
        #: Never cached (``pure=False``): every task renders anew.
        self.executor = self.client.get_executor(pure=False)

    def __enter__(self) -> DaskCluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Shut the workers' kernels down, disconnect, and stop a local cluster."""
        client, cluster = self.client, self.cluster
        if client is not None:
            with contextlib.suppress(Exception):  # best effort: workers may be gone
                client.unregister_worker_plugin(PLUGIN_NAME)
            client.close()
        if cluster is not None:
            cluster.close()
        self.client = self.cluster = None
