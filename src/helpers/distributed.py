"""Render the batch on a Dask distributed cluster: ``budget-notebooks render … --scheduler``.

``--scheduler tcp://host:8786`` connects to a running scheduler; ``--scheduler local``
starts a :class:`~distributed.LocalCluster` of ``--workers`` processes (one thread each)
bound to the loopback interface, with no dashboard, and stops it afterwards.

The batch itself is :func:`helpers.render.render`; this module only supplies its
:class:`~helpers.render.Executor`, so the outputs, the index, the manifest, the skipping of
unchanged reports and the isolation of failures are those of the local mode.

Kernels: a :class:`KernelPlugin` (a Dask worker plugin) gives each worker *one* Jupyter
kernel, launched when the plugin is set up (it boots while the worker loads documents),
reused for every report the worker renders (reset between reports, as locally) and shut
down when the worker closes or the plugin is unregistered at the end of the batch — a
shared cluster is left without stray kernels. A worker with several threads runs its
reports one at a time on its kernel (a lock).

Requirements on the workers: this package importable (``pip install -e .[dask]``), the
input documents and the report notebooks readable at the paths the client sees (a shared
filesystem), and the output folder or fsspec URL writable (``file://``, ``s3://`` …; a
``memory://`` URL is only shared with workers in the client's process).

Quirks met: the plugin's setup and teardown run on the worker's event loop, not in the
thread that runs tasks, so the kernel is only *launched* there (a process start) and its
client is connected by the first task, in the task thread; a task that raises (or a worker
that dies) fails that one report, which the batch records as failed.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from distributed import WorkerPlugin

from helpers.render import (
    DocumentEntry,
    Executor,
    Job,
    JobResult,
    NotebookRunner,
    OutputTarget,
    load_entry,
    render_job,
    skip_iri_grammar,
)

__all__ = ["PLUGIN_NAME", "DaskExecutor", "KernelPlugin", "load_entry_task", "render_job_task"]

#: The name the kernel plugin is registered under on the workers.
PLUGIN_NAME = "budget-notebooks-kernel"


class KernelPlugin(WorkerPlugin):
    """A Dask worker plugin that owns the worker's one reused Jupyter kernel."""

    name = PLUGIN_NAME

    def __init__(self, timeout: int = 600) -> None:
        """Prepare the plugin (it travels to the workers; the kernel starts there)."""
        self.timeout = timeout
        self.runner: NotebookRunner | None = None
        self.lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"timeout": self.timeout}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["timeout"])

    def setup(self, worker: Any = None) -> None:
        """Launch the kernel process (it boots while the worker does other work)."""
        skip_iri_grammar()  # before this worker imports nbformat (render_job_task)
        self.runner = NotebookRunner(timeout=self.timeout)
        self.runner.launch()

    def teardown(self, worker: Any = None) -> None:
        """Shut the kernel down."""
        with self.lock:
            if self.runner is not None:
                self.runner.close()
                self.runner = None


def _plugin() -> KernelPlugin:
    from distributed import get_worker

    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if plugin is None:  # registered after this worker joined and not yet set up
        raise RuntimeError("the kernel plugin is not set up on this worker")
    return plugin


def load_entry_task(path: str | tuple[str, ...]) -> DocumentEntry:
    """Load one document (or a split disclosure's files) into its index entry (a Dask task)."""
    return load_entry(path)


def render_job_task(job: Job, out: OutputTarget, notebooks_dir: str) -> JobResult:
    """Render one report on this worker's kernel (a Dask task)."""
    plugin = _plugin()
    with plugin.lock:
        if plugin.runner is None:
            plugin.setup()
        return render_job(job, out, notebooks_dir, runner=plugin.runner)


class DaskExecutor(Executor):
    """Run the batch's tasks on a Dask cluster; each worker keeps one kernel.

    Args:
        scheduler: ``"local"`` for a LocalCluster on loopback, else a scheduler address.
        workers: The LocalCluster's worker processes (ignored for an address).
    """

    load_task: Callable[..., DocumentEntry] = staticmethod(load_entry_task)
    render_task: Callable[..., JobResult] = staticmethod(render_job_task)

    def __init__(self, scheduler: str, workers: int = 2) -> None:
        """Connect to the cluster (starting a local one) and set up a kernel per worker."""
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

    def submit(self, function: Callable[..., Any], *args: Any, priority: int = 0) -> Any:
        """Submit ``function(*args)`` to the cluster (never cached: ``pure=False``)."""
        return self.client.submit(function, *args, pure=False, priority=priority)

    def as_completed(self, futures: Sequence[Any]) -> Iterable[Any]:
        """Yield the cluster's futures as its workers finish them."""
        from distributed import as_completed

        return as_completed(futures)

    def close(self) -> None:
        """Shut the workers' kernels down, disconnect, and stop a local cluster."""
        client, cluster = getattr(self, "client", None), self.cluster
        if client is not None:
            if cluster is None:  # a shared cluster: leave no kernel behind
                with contextlib.suppress(Exception):  # best effort: workers may be gone
                    client.unregister_worker_plugin(PLUGIN_NAME)
            client.close()
        if cluster is not None:
            cluster.close()
        self.client = None
        self.cluster = None
