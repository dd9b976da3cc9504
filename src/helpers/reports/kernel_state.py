"""The code a warm report kernel runs inside itself: its pristine snapshot and the reset.

A warm kernel (:class:`helpers.reports.engine.WarmKernel`) runs report after report. All of
this runs *inside* that kernel, sent as one-line requests:

* :func:`kernel_snapshot` (at boot, from ``IPKernelApp.exec_lines``) imports the helpers,
  draws a warm-up chart and records the state that :func:`kernel_reset` (before every
  notebook) puts back, so that no report sees anything an earlier one left;
* :func:`run_cells` runs a notebook's code cells, one after the other, in one request;
* :func:`publish_call` calls one function and publishes its result (a document is loaded
  for the index this way, on the kernel that has pandas imported already).

Quirks: the reset restarts IPython's execution counter, so every report's cells are numbered
In[1], In[2]… whatever the kernel ran before; state a notebook mutates *inside* an object of
a module (``helpers.plots.COLORS["x"] = …``) is not undone (the shipped notebooks do not).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Any

from helpers.reports.keys import CELL_MIME, RESULT_MIME

__all__ = ["kernel_reset", "kernel_snapshot", "publish_call", "run_cells"]


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

    # Not seaborn (0.8 s): only the comparing charts draw with it, in one report of a batch;
    # the kernel that runs that report imports it once, the others never.
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
        # IPython counts a cell as it starts it, so this request has been counted already.
        shell.execution_count = 1
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


def publish_call(function: str, args: list[Any]) -> None:
    """Call ``function`` (``"module:name"``) with ``args``; publish its result as JSON.

    The worker's side of :meth:`helpers.reports.engine.WarmKernel.call`: work that needs the
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


def run_cells(cells: list[tuple[int, str]]) -> None:
    """Run a notebook's code cells in order, as IPython runs cells; stop at the first failure.

    The kernel's side of :meth:`helpers.reports.engine.WarmKernel.execute`. Each cell runs
    through IPython's public :meth:`~IPython.core.interactiveshell.InteractiveShell.run_cell`
    (its own execution count, its last expression displayed, its traceback published as an
    ``error`` message), announced by a :data:`~helpers.reports.keys.CELL_MIME` marker; the
    streams are flushed before each marker, so every output reaches the engine after its
    own cell's marker.

    Args:
        cells: ``(index in the notebook, source)`` of each code cell to run.
    """
    from IPython import get_ipython
    from IPython.display import publish_display_data

    shell = get_ipython()
    for index, source in cells:
        sys.stdout.flush()
        sys.stderr.flush()
        publish_display_data({CELL_MIME: {"index": index,
                                          "execution_count": shell.execution_count}})
        if not shell.run_cell(source, store_history=True).success:
            break
    sys.stdout.flush()
    sys.stderr.flush()
