"""The two tasks a batch hands its workers: load a document, render a report.

Both run wherever the executor puts them (a thread of the batch process, or a Dask worker)
and borrow a warm kernel of that process's pool (:func:`helpers.reports.engine.default_pool`)
for their duration: the document is loaded *in the kernel*, which has pandas and the helpers
imported already, and the report is executed there by papermill. The task itself writes the
report's ``.ipynb`` and HTML page to the output target; neither task raises for a bad
document or a failing notebook (the result says so).

Quirks: papermill gives its injected parameters cell a random id, and a styled table's
plain-text fallback carries a memory address; both are made stable (:func:`stabilise`) so
that two renders of the same inputs write the same ``.ipynb``.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from helpers.errors import NotebookError
from helpers.reports.engine import WarmKernel, default_pool, run_notebook
from helpers.reports.keys import FINDING_COUNTS
from helpers.reports.outputs import OutputTarget
from helpers.reports.pages import export_html
from helpers.reports.planning import DocumentEntry, Job, JobResult, source_files

__all__ = ["load_entry_on", "load_entry_task", "render_job", "render_job_task", "stabilise"]

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+>")


def load_entry_task(source: str | tuple[str, ...]) -> DocumentEntry:
    """Load one document (or a split disclosure's files) on a warm kernel of this process."""
    with default_pool().borrow() as kernel:
        return load_entry_on(kernel, source)


def render_job_task(job: Job, target: OutputTarget, notebooks_dir: str,
                    per_cell: bool = False) -> JobResult:
    """Render one report on a warm kernel of this process."""
    with default_pool().borrow() as kernel:
        return render_job(job, target, notebooks_dir, kernel, per_cell)


def load_entry_on(kernel: WarmKernel, source: str | tuple[str, ...]) -> DocumentEntry:
    """Load one document into its entry in ``kernel`` (:func:`planning.load_entry` there).

    Never raises: a kernel that fails or dies gives an entry with ``error`` set.
    """
    files = source_files(source)
    resolved = [str(Path(f).resolve()) for f in files]
    try:
        fields = kernel.call("helpers.reports.planning:load_entry",
                             resolved[0] if len(resolved) == 1 else resolved)
    except Exception as error:  # the kernel could not start, or died
        return DocumentEntry(path=files[0], files=files,
                             error=f"{type(error).__name__}: {error}"[:500])
    return DocumentEntry(**{**fields, "path": files[0], "files": files})


def render_job(job: Job, target: OutputTarget, notebooks_dir: str,
               kernel: WarmKernel | None = None, per_cell: bool = False) -> JobResult:
    """Execute one job's notebook with papermill on a warm kernel; write its HTML and ipynb.

    Args:
        job: The report to render.
        target: Where the files go.
        notebooks_dir: The folder of the report notebooks (on this machine).
        kernel: The warm kernel to run on (default: one of this process's pool).
        per_cell: Execute through nbclient, a request per cell (to measure the difference).

    Returns:
        The result; a failure (of the notebook, or of writing its files) is returned with
        its error line, never raised. A failed notebook is still written, with papermill's
        error cells, so its page shows where and why it failed.
    """
    import nbformat

    started = time.perf_counter()
    notebook_path = Path(notebooks_dir) / job.notebook_name
    error = None
    executed = None
    try:
        target.location(job.stem + ".html")  # refuse an unsafe stem before any work
        executed = run_notebook(notebook_path, job.parameters, cwd=notebook_path.parent,
                                kernel=kernel, per_cell=per_cell)
    except NotebookError as failure:
        error, executed = str(failure), failure.notebook
    except Exception as failure:  # an unsafe output path, an unreadable notebook…
        error = f"{type(failure).__name__}: {failure}"[:500]
    if executed is not None:
        try:
            stabilise(executed)
            target.write(job.stem + ".ipynb", nbformat.writes(executed))
            target.write(job.stem + ".html", export_html(executed, job.title))
        except Exception as failure:  # a bad output path costs this report only
            error = error or f"{type(failure).__name__}: {failure}"[:500]
    return JobResult(job.stem, "failed" if error else "ok", time.perf_counter() - started,
                     error, finding_counts(executed) if error is None else None)


def stabilise(notebook: Any) -> None:
    """Make an executed notebook the same from run to run (cell ids, object addresses).

    Cells get ids by position; a rich output's ``text/plain`` fallback loses its object's
    memory address (``<… Styler at 0x7f…>``).
    """
    if notebook.nbformat_minor >= 5:
        for index, cell in enumerate(notebook.cells):
            cell["id"] = f"cell-{index}"
    for cell in notebook.cells:
        for output in cell.get("outputs", ()):
            data = output.get("data") or {}
            text = data.get("text/plain")
            if isinstance(text, str) and len(data) > 1 and _ADDRESS.search(text):
                data["text/plain"] = _ADDRESS.sub(">", text)


def finding_counts(notebook: Any) -> dict[str, int] | None:
    """Return the finding counts a report's outputs carry (:data:`keys.FINDING_COUNTS`)."""
    for cell in notebook.cells:
        for output in cell.get("outputs", ()):
            counts = output.get("metadata", {}).get(FINDING_COUNTS)
            if counts is not None:
                return dict(counts)
    return None
