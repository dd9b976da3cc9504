"""Run notebooks through papermill on warm kernels: the ``warm`` papermill engine.

papermill executes every notebook (it injects the parameters, records its metadata and, on a
failure, its error cells); this module supplies the one thing no library does, kernel reuse:

* :class:`WarmKernel` is one Jupyter kernel kept for notebook after notebook. It boots once
  (importing the helpers and drawing a warm-up chart while it does:
  :func:`helpers.reports.kernel_state.kernel_snapshot`), is reset before every notebook
  (:func:`~helpers.reports.kernel_state.kernel_reset`) and keeps *one* kernel client for
  its life (a client per notebook leaked file descriptors and memory).
* :class:`WarmKernelEngine` is a papermill engine (entry point ``papermill.engine``, name
  :data:`ENGINE_NAME`): it runs the notebook on the warm kernel it is given (``kernel=``)
  or on one of this process's :class:`KernelPool`, in one request whose outputs go to
  their cells (:mod:`helpers.reports.protocol`), or through nbclient, a request per cell
  (``per_cell=True``). From the command line: ``papermill -e warm in.ipynb out.ipynb``.
* :func:`run_notebook` is the one call the batch, the workshop and the tests make.

Cost of nbclient's cell-by-cell protocol against one request per notebook: measured by
``benchmarks/bench_kernel_protocol.py`` and written in the README.

Quirks: papermill's ``cwd=`` changes the working directory of the *calling* process, which
the batch's threads share; the kernel's directory is therefore given to the engine instead
(``kernel_cwd=``) and set by the reset. papermill needs a kernel name and a language for a
notebook without a kernelspec (the tests build such notebooks), so both are passed.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import queue
import tempfile
import threading
from collections.abc import Iterator
from typing import Any

from helpers.cache import CACHE_ENV
from helpers.errors import NotebookError
from helpers.reports.keys import KERNEL_STATE, RESULT_MIME
from helpers.reports.protocol import execute_in_one_request, output_logger, reply_to

__all__ = ["ENGINE_NAME", "KernelPool", "WarmKernel", "close_pools", "default_pool",
           "run_notebook"]

#: The engine's name under the ``papermill.engine`` entry point (pyproject.toml).
ENGINE_NAME = "warm"

#: Run by the kernel as it boots; a failure there only reaches the kernel's log, so
#: :meth:`WarmKernel.start` checks (and snapshots if the boot line did not).
_BOOT_LINE = f"{KERNEL_STATE}.kernel_snapshot()"
_SNAPSHOT = f"{KERNEL_STATE}.kernel_snapshot(only_if_missing=True)"
_RESET = f"{KERNEL_STATE}.kernel_reset({{cwd!r}})"
_CALL = f"{KERNEL_STATE}.publish_call({{function!r}}, {{args!r}})"


class WarmKernel:
    """One Jupyter kernel reused for notebook after notebook, reset between them.

    Use as a context manager (or :meth:`close` it)::

        with WarmKernel() as kernel:
            executed = kernel.run(notebook, {"source": "a.pdf"}, cwd="notebooks")
    """

    def __init__(self, kernel_name: str = "python3", timeout: int = 600,
                 env: dict[str, str] | None = None) -> None:
        """Prepare a kernel; its process starts on :meth:`launch` or :meth:`start`.

        Args:
            kernel_name: The Jupyter kernel to run.
            timeout: Seconds to wait for the kernel to boot, and for a cell.
            env: Variables set in the kernel's environment, beside this process's.
        """
        self.kernel_name = kernel_name
        self.timeout = timeout
        self.env = dict(env or {})
        self.manager: Any = None
        self.client: Any = None
        self._sockets: tempfile.TemporaryDirectory | None = None
        self._language_info: dict[str, Any] | None = None

    def __enter__(self) -> WarmKernel:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def launch(self) -> None:
        """Start the kernel process without waiting for it (it boots while we do other work)."""
        from jupyter_client.manager import KernelManager

        if self.manager is not None:
            return
        # IPC sockets in a private folder: no TCP ports, no "unencrypted TCP" warning.
        self._sockets = tempfile.TemporaryDirectory(prefix="budget-kernel-")
        self.manager = KernelManager(kernel_name=self.kernel_name, transport="ipc",
                                     ip=os.path.join(self._sockets.name, "kernel"))
        # No history database: nothing to share (or lock) between kernels, nothing on disk.
        self.manager.start_kernel(cwd=os.getcwd(), env={**os.environ, **self.env}, extra_arguments=[
            "--HistoryManager.enabled=False", f"--IPKernelApp.exec_lines={_BOOT_LINE}"])

    def start(self) -> None:
        """Launch the kernel if needed, connect the one client, check the snapshot."""
        if self.client is not None:
            return
        self.launch()
        self.client = self.manager.client()
        self.client.start_channels()
        try:
            self.client.wait_for_ready(timeout=self.timeout)
            self.request(_SNAPSHOT)
        except Exception:
            self.close()
            raise

    def request(self, code: str) -> list[dict[str, Any]]:
        """Execute ``code`` in the kernel; return the display outputs it published.

        Raises:
            NotebookError: The code raised in the kernel, or no reply came in time.
        """
        if self.client is not None and not self.manager.is_alive():
            self.close()  # it died since its last request: a fresh kernel, not a long wait
        self.start()
        published: list[dict[str, Any]] = []

        def keep(message: dict[str, Any]) -> None:
            if message["header"]["msg_type"] == "display_data":
                published.append(message["content"])

        try:
            reply = self.client.execute_interactive(code, timeout=self.timeout,
                                                    output_hook=keep, allow_stdin=False)
        except TimeoutError as error:
            self.close()
            raise NotebookError(f"the kernel did not answer: {error}") from None
        if reply["content"]["status"] != "ok":
            content = reply["content"]
            raise NotebookError(f"{content.get('ename')}: {content.get('evalue')}"[:500])
        return published

    def reset(self, cwd: str | os.PathLike[str] | None = None) -> None:
        """Put the kernel back in its pristine state, in ``cwd`` (default: where it booted)."""
        self.request(_RESET.format(cwd=str(cwd) if cwd else None))

    def call(self, function: str, *args: Any) -> Any:
        """Call ``function`` (``"module:name"``) with ``args`` in the kernel; return the result.

        The arguments travel as Python literals (their ``repr``), the result as JSON (a
        dataclass becomes a dict): see :func:`helpers.reports.kernel_state.publish_call`.

        Raises:
            NotebookError: The call raised in the kernel, or the kernel did not answer.
        """
        published = self.request(_CALL.format(function=function, args=list(args)))
        return next(p["data"][RESULT_MIME] for p in published if RESULT_MIME in p["data"])

    def run(self, notebook: Any, parameters: dict[str, Any] | None = None,
            cwd: str | os.PathLike[str] | None = None) -> Any:
        """Execute ``notebook`` with papermill on this kernel (:func:`run_notebook`)."""
        return run_notebook(notebook, parameters, cwd=cwd, kernel=self)

    def execute(self, nb_man: Any, timeout: float, per_cell: bool = False,
                **client_options: Any) -> Any:
        """Execute papermill's managed notebook ``nb_man`` on this kernel; return the notebook.

        Args:
            nb_man: papermill's execution manager of the (parameterised) notebook.
            timeout: Seconds each cell may run.
            per_cell: Run it through nbclient, one request per cell (papermill's own client,
                a new one per notebook on this kernel's one client), instead of one request
                for the whole notebook (:mod:`helpers.reports.protocol`, the default: the
                same outputs at less cost).
            **client_options: papermill's ``log_output``, ``stdout_file``, ``stderr_file``
                (and, per cell, nbclient's options).
        """
        self.start()
        if per_cell:
            from papermill.clientwrap import PapermillNotebookClient

            runner = PapermillNotebookClient(nb_man, km=self.manager, timeout=timeout,
                                             **client_options)
            runner.kc = self.client
            return runner.execute()
        logged = {key: client_options.get(key)
                  for key in ("log_output", "stdout_file", "stderr_file")}
        return execute_in_one_request(self, nb_man, timeout, output_logger(**logged))

    def language_info(self) -> dict[str, Any]:
        """Return the kernel's ``language_info`` (asked once per kernel process)."""
        if self._language_info is None:
            reply = reply_to(self.client, self.client.kernel_info(), self.timeout)
            self._language_info = reply["content"]["language_info"]
        return self._language_info

    def close(self) -> None:
        """Stop the client channels and shut the kernel down."""
        if self.client is not None:
            with contextlib.suppress(Exception):
                self.client.stop_channels()
        if self.manager is not None:
            with contextlib.suppress(Exception):
                self.manager.shutdown_kernel(now=True)
            with contextlib.suppress(Exception):
                self.manager.cleanup_resources()
        self.client = self.manager = self._language_info = None
        if self._sockets is not None:
            self._sockets.cleanup()
            self._sockets = None


class KernelPool:
    """Warm kernels of this process, each lent to one task at a time.

    A batch's worker thread (or a Dask worker) borrows a kernel for one task
    (:meth:`borrow`); kernels launched ahead (:meth:`launch`) boot in parallel. The kernels
    of a pool share a private cache folder (:mod:`helpers.cache`: each document is parsed
    and checked once, whichever kernel needs it next), deleted when the pool closes.
    """

    def __init__(self, kernel_name: str = "python3", timeout: int = 600) -> None:
        """Make an empty pool; kernels are launched on demand or by :meth:`launch`."""
        self.kernel_name, self.timeout = kernel_name, timeout
        self._idle: queue.SimpleQueue[WarmKernel] = queue.SimpleQueue()
        self._all: list[WarmKernel] = []
        self._lock = threading.Lock()
        self._cache: tempfile.TemporaryDirectory | None = None

    def _new_kernel(self) -> WarmKernel:
        """Make a kernel of this pool (called with the lock held)."""
        if self._cache is None:
            self._cache = tempfile.TemporaryDirectory(prefix="budget-cache-")
        kernel = WarmKernel(self.kernel_name, self.timeout, env={CACHE_ENV: self._cache.name})
        self._all.append(kernel)
        return kernel

    def launch(self, count: int) -> None:
        """Launch kernels until the pool holds ``count`` (they boot while we go on)."""
        with self._lock:
            while len(self._all) < count:
                kernel = self._new_kernel()
                kernel.launch()
                self._idle.put(kernel)

    @contextlib.contextmanager
    def borrow(self) -> Iterator[WarmKernel]:
        """Lend an idle kernel (a new one when none is idle) for the ``with`` block."""
        try:
            kernel = self._idle.get_nowait()
        except queue.Empty:
            with self._lock:
                kernel = self._new_kernel()
        try:
            yield kernel
        finally:
            self._idle.put(kernel)

    def close(self) -> None:
        """Shut every kernel of the pool down (a closed kernel starts again if used)."""
        with self._lock:
            kernels, self._all = self._all, []
            cache, self._cache = self._cache, None
        for kernel in kernels:
            kernel.close()
        self._idle = queue.SimpleQueue()
        if cache is not None:
            cache.cleanup()


_POOLS: dict[str, KernelPool] = {}
_POOLS_LOCK = threading.Lock()


def default_pool(kernel_name: str = "python3") -> KernelPool:
    """Return this process's pool of ``kernel_name`` kernels (shut down at exit)."""
    with _POOLS_LOCK:
        if not _POOLS:
            atexit.register(close_pools)
        return _POOLS.setdefault(kernel_name, KernelPool(kernel_name))


def close_pools() -> None:
    """Shut down every kernel of this process's pools."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
    for pool in pools:
        pool.close()


class _Holder:
    """The notebook a run works on, kept for the caller when papermill raises."""

    notebook: Any = None


@functools.cache
def _engine_class() -> type:
    """Return the engine class (made on first use: see :func:`__getattr__`)."""
    from papermill.engines import Engine

    class WarmKernelEngine(Engine):
        """A papermill engine that runs each notebook on a warm kernel, reset first."""

        @classmethod
        def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, log_output: bool = False,
                                     stdout_file: Any = None, stderr_file: Any = None,
                                     start_timeout: int = 60, execution_timeout: int | None = None,
                                     kernel: WarmKernel | None = None,
                                     kernel_cwd: str | os.PathLike[str] | None = None,
                                     holder: _Holder | None = None, per_cell: bool = False,
                                     **_ignored: Any) -> Any:
            """Reset a warm kernel and execute ``nb_man``'s notebook on it.

            Args:
                nb_man: papermill's execution manager of the (parameterised) notebook.
                kernel_name: The kernel papermill chose (used for the pool's kernels).
                log_output: Log the cells' outputs (papermill's option).
                stdout_file: Also write the cells' stdout there (papermill's option).
                stderr_file: Also write the cells' stderr there (papermill's option).
                start_timeout: Seconds to wait for a kernel to start.
                execution_timeout: Seconds a cell may run (default: the kernel's timeout).
                kernel: The warm kernel to run on (default: one of :func:`default_pool`).
                kernel_cwd: The kernel's working directory for this notebook (default: this
                    process's, which papermill's ``cwd=`` sets).
                holder: Receives the notebook being run: papermill raises on a failed cell
                    without returning it (its error cells are added to this same object).
                per_cell: Through nbclient, a request per cell (see :meth:`WarmKernel.execute`).
            """
            if holder is not None:
                holder.notebook = nb_man.nb
            options = {"log_output": log_output, "stdout_file": stdout_file,
                       "stderr_file": stderr_file, "startup_timeout": start_timeout,
                       "record_timing": False, "per_cell": per_cell}
            if kernel is None:
                with default_pool(kernel_name).borrow() as borrowed:
                    return cls._run(borrowed, nb_man, kernel_cwd, execution_timeout, options)
            return cls._run(kernel, nb_man, kernel_cwd, execution_timeout, options)

        @staticmethod
        def _run(kernel: WarmKernel, nb_man: Any, cwd: str | os.PathLike[str] | None,
                 timeout: int | None, options: dict[str, Any]) -> Any:
            from nbclient.exceptions import DeadKernelError

            kernel.reset(cwd or os.getcwd())
            try:
                return kernel.execute(nb_man, timeout=timeout or kernel.timeout, **options)
            except DeadKernelError:
                kernel.close()  # started again by its next use
                raise

    return WarmKernelEngine


def __getattr__(name: str) -> Any:
    """Return :class:`WarmKernelEngine`, made when first asked for (PEP 562).

    papermill loads its engines' entry points while it is itself being imported; a module
    that imported papermill at its top would be loaded half-way through that. The class is
    therefore made on first use, when papermill's ``Engine`` already exists.
    """
    if name == "WarmKernelEngine":
        return _engine_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run_notebook(notebook: Any, parameters: dict[str, Any] | None = None,
                 cwd: str | os.PathLike[str] | None = None,
                 kernel: WarmKernel | None = None, per_cell: bool = False) -> Any:
    """Execute ``notebook`` with papermill on a warm kernel; return it with its outputs.

    Args:
        notebook: The notebook's path, or an nbformat notebook (not modified).
        parameters: Values papermill injects after the cell tagged ``parameters``.
        cwd: The kernel's working directory while the notebook runs.
        kernel: The warm kernel to run on (default: one of this process's pool).
        per_cell: Execute through nbclient, a request per cell, instead of one request for
            the notebook (the same outputs; kept to measure the difference).

    Raises:
        NotebookError: A cell raised, the kernel died or did not answer; ``notebook`` holds
            the notebook as papermill left it (its error cells included), when there is one.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    name = kernel.kernel_name if kernel is not None else "python3"
    holder = _Holder()
    try:
        executed = papermill.execute_notebook(
            notebook, None, parameters=parameters or None, engine_name=ENGINE_NAME,
            request_save_on_cell_execute=False, kernel_name=name, language="python",
            progress_bar=False, kernel=kernel, kernel_cwd=os.path.abspath(cwd) if cwd else None,
            holder=holder, per_cell=per_cell)
    except PapermillExecutionError as error:
        raise NotebookError(f"{error.ename}: {error.evalue}"[:500],
                            _given_input(holder.notebook, notebook)) from None
    except NotebookError as error:
        raise NotebookError(str(error), _given_input(holder.notebook, notebook)) from None
    except Exception as error:  # the kernel died or could not start
        raise NotebookError(f"{type(error).__name__}: {error}"[:500],
                            _given_input(holder.notebook, notebook)) from None
    return _given_input(executed, notebook)


def _given_input(executed: Any, notebook: Any) -> Any:
    """Record a notebook given in memory as papermill's input ``None`` (not a copy of it)."""
    if executed is not None and not isinstance(notebook, str | os.PathLike):
        executed.metadata.papermill["input_path"] = None
    return executed
