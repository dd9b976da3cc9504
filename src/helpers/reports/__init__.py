"""Render the report notebooks: papermill on warm kernels, HTML pages, an index.

Modules, each of one job (imports run down this list, never up):

* :mod:`~helpers.reports.keys` — names shared with the notebooks (a leaf);
* :mod:`~helpers.reports.kernel_state` — what runs *inside* a warm kernel (snapshot, reset);
* :mod:`~helpers.reports.outputs` — safe names and paths, atomic writes, fsspec targets;
* :mod:`~helpers.reports.engine` — warm kernels, their pool, papermill's ``warm`` engine;
* :mod:`~helpers.reports.pages` — HTML pages of executed notebooks (reports, handouts);
* :mod:`~helpers.reports.planning` — documents' entries, the reports to render, their keys;
* :mod:`~helpers.reports.index` — ``index.html`` (a Jinja2 template, autoescaped);
* :mod:`~helpers.reports.manifest` — ``manifest.json``, written as each report lands;
* :mod:`~helpers.reports.tasks` — the two tasks a worker runs (load, render);
* :mod:`~helpers.reports.executors` / :mod:`~helpers.reports.cluster` — where tasks run;
* :mod:`~helpers.reports.batch` — the batch (``budget-notebooks render``).

Public names are importable from here; they are imported on first use (PEP 562), so that
``import helpers.reports.keys`` (as the notebooks do) stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from helpers.errors import NotebookError
    from helpers.reports.batch import NOTEBOOKS_DIR, RenderSummary, main, render
    from helpers.reports.engine import WarmKernel, run_notebook
    from helpers.reports.index import build_index
    from helpers.reports.manifest import MANIFEST
    from helpers.reports.outputs import OutputTarget, safe_output_path, safe_slug
    from helpers.reports.pages import add_toc, export_html, install_static
    from helpers.reports.planning import DocumentEntry, Job, JobResult, plan_jobs

_LAZY = {
    "NotebookError": "helpers.errors",
    "NOTEBOOKS_DIR": "helpers.reports.batch", "RenderSummary": "helpers.reports.batch",
    "main": "helpers.reports.batch", "render": "helpers.reports.batch",
    "WarmKernel": "helpers.reports.engine", "run_notebook": "helpers.reports.engine",
    "build_index": "helpers.reports.index", "MANIFEST": "helpers.reports.manifest",
    "OutputTarget": "helpers.reports.outputs", "safe_output_path": "helpers.reports.outputs",
    "safe_slug": "helpers.reports.outputs", "add_toc": "helpers.reports.pages",
    "export_html": "helpers.reports.pages", "install_static": "helpers.reports.pages",
    "DocumentEntry": "helpers.reports.planning", "Job": "helpers.reports.planning",
    "JobResult": "helpers.reports.planning", "plan_jobs": "helpers.reports.planning",
}


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module 'helpers.reports' has no attribute {name!r}")
    return getattr(importlib.import_module(_LAZY[name]), name)


__all__ = [
    "MANIFEST",
    "NOTEBOOKS_DIR",
    "DocumentEntry",
    "Job",
    "JobResult",
    "NotebookError",
    "OutputTarget",
    "RenderSummary",
    "WarmKernel",
    "add_toc",
    "build_index",
    "export_html",
    "install_static",
    "main",
    "plan_jobs",
    "render",
    "run_notebook",
    "safe_output_path",
    "safe_slug",
]
