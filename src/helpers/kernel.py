"""The code the report kernel runs: its pristine snapshot, the reset, and whole notebooks.

A batch worker (:class:`helpers.render.NotebookRunner`) keeps one Jupyter kernel for all the
reports it renders. Everything here runs *inside* that kernel:

* :func:`kernel_snapshot` (at boot) imports the helpers, draws a warm-up chart and records
  the state that :func:`kernel_reset` (before every report) puts back, so that no report
  sees anything an earlier one left;
* :func:`publish_call` calls one function and publishes its result (the worker loads each
  document for the index this way, on the kernel that has pandas imported already);
* :func:`run_cells` executes a whole notebook's code cells in one request and publishes
  their outputs, in order, as one display output of type :data:`CELLS_MIME`. Sent cell by
  cell, a report's dozen cells cost a dozen round trips of messages between two processes
  (about 0.1 s of CPU per report, measured); here the kernel's own IPython shell runs each
  cell exactly as it runs a request (``shell.run_cell``: same display formatters, same
  tracebacks, cells numbered In[1], In[2]…) while a capture records what a kernel would have
  sent for it. The worker writes the outputs back into the notebook
  (:meth:`~helpers.render.NotebookRunner.run`).

Quirks: ``run_cells`` runs inside a cell, so the nested cells share its display trap (IPython
keeps the outer one active); the capture therefore sets ``sys.displayhook`` itself, and
swaps the shell's display publisher, traceback printer and ``sys.stdout``/``sys.stderr``
only while the nested cells run.
"""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass
from typing import Any

__all__ = ["CELLS_MIME", "FINDING_COUNTS", "RESULT_MIME", "kernel_reset", "kernel_snapshot",
           "publish_call", "run_cells"]

#: The MIME type of the one output :func:`run_cells` publishes: a JSON list, per cell run,
#: of ``{"execution_count": n, "outputs": [nbformat output dicts]}``.
CELLS_MIME = "application/vnd.budget-notebooks.cells+json"
#: The MIME type of the output :func:`publish_call` publishes: the call's result as JSON.
RESULT_MIME = "application/vnd.budget-notebooks.result+json"
#: Output metadata key of :func:`helpers.report.findings_summary`: the findings per
#: severity, which the batch's index reads from each department report (so that the index
#: and the report it links to agree).
FINDING_COUNTS = "budget-notebooks/finding-counts"


@dataclass
class _KernelState:
    cwd: str
    path: list[str]
    filters: list
    rc: dict
    modules: dict[str, dict]


_SNAPSHOT: _KernelState | None = None


def kernel_snapshot(only_if_missing: bool = False) -> None:
    """Record the kernel's pristine state (run once, in the kernel, when it starts).

    The helpers are imported and one small chart is drawn first, so that the one-time costs
    (imports, the CJK font files, matplotlib's font cache, pandas' table templates) are paid
    while the kernel boots, not by the first report. Then every object alive is moved to the
    garbage collector's permanent generation (:func:`gc.freeze`): the collections that the
    reset and the reports' own allocations trigger no longer walk the whole pandas and
    matplotlib heap.

    Args:
        only_if_missing: Do nothing when the state was already recorded.
    """
    global _SNAPSHOT
    import gc

    if only_if_missing and _SNAPSHOT is not None:
        return
    import warnings

    import matplotlib as mpl

    import helpers.analysis
    import helpers.plots
    import helpers.report  # noqa: F401  (warm import: every report uses it)

    _warm_up()
    modules = {name: dict(module.__dict__) for name, module in sorted(sys.modules.items())
               if (name == "helpers" or name.startswith("helpers.")) and name != __name__}
    _SNAPSHOT = _KernelState(os.getcwd(), list(sys.path), list(warnings.filters),
                             dict(mpl.rcParams), modules)
    gc.collect()
    gc.freeze()


def _warm_up() -> None:
    """Draw and encode one chart with Chinese text, and style one table (nothing is kept)."""
    import pandas as pd
    from matplotlib.figure import Figure

    from helpers import plots, report

    figure = Figure(figsize=(4, 2))
    axes = figure.add_subplot()
    axes.barh([0, 1], [1.0, 2.0], label="人员经费 personnel")
    axes.set_yticks([0, 1], [plots.displayable("工资福利支出 301"), "商品和服务支出 302"])
    axes.set_title(plots.displayable("预热 · warm-up"))
    axes.legend()
    report.figure(figure)
    frame = pd.DataFrame({"line_name": ["基本工资"], "amount_yuan": [1]})
    report.styled(frame, [("line_name", "名称", "text"), ("amount_yuan", "金额", "wan")],
                  caption="预热").to_html()


def kernel_reset(cwd: str | None = None) -> None:
    """Put the kernel back in its pristine state between two reports (run in the kernel).

    Args:
        cwd: The working directory for the next report (default: the kernel's first one).
    """
    import gc
    import warnings

    import matplotlib as mpl
    import pandas as pd
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        # What ``%reset -f`` does, less its own full garbage collection (one is done below),
        # and the execution counter restarts: every report's cells are In[1], In[2]…, in
        # its .ipynb and its tracebacks alike, whatever the kernel ran before.
        shell.reset(new_session=True)
        shell.execution_count = 0  # this cell ends by counting itself: the next is 1
    if _SNAPSHOT is None:
        if cwd:
            os.chdir(cwd)
        return
    os.chdir(cwd or _SNAPSHOT.cwd)
    sys.path[:] = _SNAPSHOT.path
    warnings.filters[:] = _SNAPSHOT.filters
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mpl.rcParams.update({k: v for k, v in _SNAPSHOT.rc.items() if k != "backend"})
        pd.reset_option("all")
    for name, namespace in _SNAPSHOT.modules.items():
        module = sys.modules.get(name)
        if module is not None:
            for key in set(module.__dict__) - set(namespace):
                del module.__dict__[key]
            module.__dict__.update(namespace)
    from helpers.plots import register_cjk_font

    register_cjk_font()
    gc.collect()


# --------------------------------------------------------------------------------------
# Whole notebooks in one request
# --------------------------------------------------------------------------------------


class _CellOutputs:
    """One cell's outputs in the order a kernel would send them, as nbformat dicts."""

    def __init__(self) -> None:
        self.outputs: list[dict[str, Any]] = []
        self._clear_on_next = False

    def add(self, output: dict[str, Any]) -> None:
        if self._clear_on_next:
            self.outputs.clear()
            self._clear_on_next = False
        last = self.outputs[-1] if self.outputs else None
        if (output["output_type"] == "stream" and last is not None
                and last["output_type"] == "stream" and last["name"] == output["name"]):
            last["text"] += output["text"]  # consecutive writes are one stream output
            return
        self.outputs.append(output)

    def clear(self, wait: bool) -> None:
        if wait:
            self._clear_on_next = True
        else:
            self.outputs.clear()


class _Stream:
    """A ``sys.stdout``/``sys.stderr`` stand-in that records writes as stream outputs."""

    encoding = "utf-8"
    errors = "replace"

    def __init__(self, name: str, capture: _Capture) -> None:
        self.name, self._capture = name, capture

    def write(self, text: str) -> int:
        if text:
            self._capture.cell.add({"output_type": "stream", "name": self.name, "text": text})
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        """Nothing to flush: every write is recorded at once."""

    def isatty(self) -> bool:
        return False


@functools.cache
def _capturing_classes() -> tuple[type, type]:
    """Return the display publisher and display hook classes that record into a capture."""
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher

    class Publisher(DisplayPublisher):
        def __init__(self, capture: _Capture, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.capture = capture

        def publish(self, data, metadata=None, source=None, *, transient=None,
                    update=False, **kwargs) -> None:
            self.capture.cell.add({"output_type": "display_data", "data": data,
                                   "metadata": metadata or {}})

        def clear_output(self, wait=False) -> None:
            self.capture.cell.clear(wait)

        def set_parent(self, parent: Any) -> None:
            """Ignore the request tag (ipywidgets sets it): outputs belong to the cell."""

    class Hook(DisplayHook):
        def __init__(self, capture: _Capture, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.capture = capture

        def start_displayhook(self) -> None:
            """No prompt: the result is recorded, not printed."""

        def write_output_prompt(self) -> None:
            """No prompt: the result is recorded, not printed."""

        def write_format_data(self, format_dict, md_dict=None) -> None:
            self.capture.cell.add({"output_type": "execute_result", "data": format_dict,
                                   "metadata": md_dict or {},
                                   "execution_count": self.prompt_count})

        def finish_displayhook(self) -> None:
            """Nothing to flush."""

        def set_parent(self, parent: Any) -> None:
            """Ignore the request tag, as the publisher does."""

    return Publisher, Hook


class _Capture:
    """Run cells on the kernel's shell, recording each one's outputs (use as a context).

    While it is entered, the shell's display publisher, display hook and traceback printer
    and ``sys.stdout``/``sys.stderr`` write into the outputs of the cell being run.
    """

    def __init__(self, shell: Any) -> None:
        publisher_class, hook_class = _capturing_classes()
        self.shell = shell
        self.cell = _CellOutputs()
        # No shell for the publisher: given one, IPython registers it for the shell's
        # execution events, where it (and the outputs it records) would stay alive
        # (measured: the kernel grew by the size of every report's outputs).
        self._publisher = publisher_class(self)
        self._hook = hook_class(self, shell=shell, cache_size=shell.cache_size)
        self._streams = (_Stream("stdout", self), _Stream("stderr", self))
        self._saved: tuple = ()

    def __enter__(self) -> _Capture:
        shell = self.shell
        self._saved = (shell.display_pub, shell.displayhook, sys.displayhook, sys.stdout,
                       sys.stderr)
        shell.display_pub = self._publisher
        shell.displayhook = sys.displayhook = self._hook
        shell._showtraceback = self._record_traceback  # the shell's printer of tracebacks
        sys.stdout, sys.stderr = self._streams
        return self

    def __exit__(self, *exc: object) -> None:
        (self.shell.display_pub, self.shell.displayhook, sys.displayhook, sys.stdout,
         sys.stderr) = self._saved
        del self.shell._showtraceback  # the class's own again

    def _record_traceback(self, etype: type, evalue: BaseException, stb: list[str]) -> None:
        self.cell.add({"output_type": "error", "ename": etype.__name__,
                       "evalue": str(evalue), "traceback": stb})

    def run(self, source: str, number: int) -> tuple[list[dict[str, Any]], bool]:
        """Run one cell as request number ``number``; return (its outputs, success)."""
        self.cell = _CellOutputs()
        self.shell.execution_count = number
        result = self.shell.run_cell(source, store_history=True)
        return self.cell.outputs, result.success


def run_cells(sources: list[str]) -> None:
    """Run code cells one after another, stopping at the first error; publish the outputs.

    Runs in the kernel, called by the worker with a notebook's code cells. Publishes one
    display output of type :data:`CELLS_MIME` (see the module docstring).
    """
    from IPython import get_ipython
    from IPython.display import display

    executed = []
    with _Capture(get_ipython()) as capture:
        for number, source in enumerate(sources, start=1):
            outputs, success = capture.run(source, number)
            executed.append({"execution_count": number, "outputs": outputs})
            if not success:
                break
    display({CELLS_MIME: executed}, raw=True)


def publish_call(function: str, args: list[Any]) -> None:
    """Call ``function`` (``"module:name"``) with ``args``; publish its result as JSON.

    The worker's side of :meth:`helpers.render.NotebookRunner.call`: work that needs the
    kernel's imports (loading a document for the index) runs here instead of in a process
    that would import them again. A dataclass result is published as a dict.
    """
    import dataclasses
    import importlib

    from IPython.display import display

    module, _, name = function.partition(":")
    result = getattr(importlib.import_module(module), name)(*args)
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        result = dataclasses.asdict(result)
    display({RESULT_MIME: result}, raw=True)
