"""Build the workshop for a class: ``budget-notebooks workshop --out DIR [--solutions]``.

The source notebooks (``notebooks/workshop/``) hold both versions: cells tagged ``exercise``
hold the blanks, cells tagged ``solution`` the answers. The participant version keeps the
blanks and no outputs (participants run it), its handout shows the outputs of every cell
but the blanks; the solution version keeps the answers and is executed by papermill on
one warm kernel. Each is written as ``.ipynb`` and as an HTML
handout (code shown, fonts served offline), with the class datasets
(:func:`helpers.workshop.datasets.prepare_workshop`) and, for teachers, the answer key.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from helpers.workshop.content import DEFAULT_SEED, NOTEBOOKS, WORKSHOP_DIR
from helpers.workshop.datasets import prepare_workshop, write_answer_key

__all__ = ["participant_version", "render_workshop", "solution_version", "workshop_html"]


def _tags(cell_: Any) -> list[str]:
    return list(cell_.get("metadata", {}).get("tags", []))


def _strip(notebook: Any) -> Any:
    for cell_ in notebook.cells:
        if cell_.cell_type == "code":
            cell_.outputs = []
            cell_.execution_count = None
    return notebook


def participant_version(notebook: Any) -> Any:
    """Return a copy without the cells tagged ``solution`` (the blanks stay), no outputs."""
    result = copy.deepcopy(notebook)
    result.cells = [c for c in result.cells if "solution" not in _tags(c)]
    return _strip(result)


def solution_version(notebook: Any) -> Any:
    """Return a copy without the cells tagged ``exercise`` (the answers take their place)."""
    result = copy.deepcopy(notebook)
    result.cells = [c for c in result.cells if "exercise" not in _tags(c)]
    return _strip(result)


#: The handouts' own styling: exercise cells yellow, solutions green, hints as boxes.
_WORKSHOP_CSS = """
.celltag_exercise .jp-InputArea { border-left: 5px solid #e3a008; background: #fffbea; }
.celltag_solution .jp-InputArea { border-left: 5px solid #2da44e; background: #effaf1; }
details { background: #eef6ff; padding: .3em .8em; border-radius: 6px; }
.jp-RenderedHTMLCommon .budget-table td, .jp-RenderedHTMLCommon .budget-table th {
  text-align: left; }
"""


def workshop_html(notebook: Any, title: str, static_prefix: str = "_static") -> str:
    """Return the HTML page of a workshop notebook, code shown, fonts served offline."""
    from helpers.reports.pages import export_html

    return export_html(notebook, title, static_prefix, show_code=True,
                       extra_css=_WORKSHOP_CSS)


def render_workshop(out: str | Path, seed: int = DEFAULT_SEED, solutions: bool = False,
                    notebooks_dir: str | Path | None = None) -> list[Path]:
    """Render the workshop for a class into ``out`` (notebooks, HTML, the datasets).

    The participant version (default) writes each notebook without its solution cells and
    without outputs (participants run it themselves), and an HTML handout of it executed
    (every output under its ``display(...)`` cell) but for the exercises' blanks, which
    stay blank. With
    ``solutions`` each notebook is executed with the solutions filled in (one reused kernel)
    and written as ``<name>_solutions.ipynb`` / ``.html``, with the answer key
    (``answers.json``) beside them. The datasets go to ``out/data``.

    Args:
        out: Output folder.
        seed: Generator seed of the datasets (another seed, fresh exercises).
        solutions: Render the teachers' solutions instead of the participants' version.
        notebooks_dir: Source notebooks (default: ``notebooks/workshop``).

    Returns:
        The files written.
    """
    import nbformat
    import papermill

    from helpers.files import write_atomic
    from helpers.reports.engine import WarmKernel, run_notebook
    from helpers.reports.pages import install_static
    from helpers.reports.tasks import stabilise

    out = Path(out).resolve()
    source = Path(notebooks_dir) if notebooks_dir else WORKSHOP_DIR
    prepare_workshop(out / "data", seed)
    install_static(out)
    parameters = {"data_folder": "data", "seed": seed}
    written: list[Path] = []
    if solutions:
        written.append(write_answer_key(out / "answers.json", seed))
    kernel = WarmKernel(timeout=600)
    try:
        for name in NOTEBOOKS:
            notebook = nbformat.read(source / name, as_version=4)
            stem = Path(name).stem
            title = _title(notebook, stem)
            if solutions:
                version = run_notebook(solution_version(notebook), parameters, cwd=out,
                                       kernel=kernel)
                handout = version
                stem += "_solutions"
                title += "（参考答案 · solutions）"
            else:
                # papermill injects the parameters without running (participants run it)
                version = papermill.execute_notebook(
                    participant_version(notebook), None, parameters, prepare_only=True,
                    kernel_name="python3", language="python", progress_bar=False)
                version.metadata.papermill["input_path"] = None
                handout = run_notebook(_without_blanks(participant_version(notebook)),
                                       parameters, cwd=out, kernel=kernel)
                _restore_blanks(handout, participant_version(notebook))
            for executed in (version, handout):
                stabilise(executed)
            ipynb, page = out / f"{stem}.ipynb", out / f"{stem}.html"
            write_atomic(ipynb, nbformat.writes(version))
            write_atomic(page, workshop_html(handout, title))
            written += [ipynb, page]
    finally:
        kernel.close()
    return written


def _without_blanks(notebook: Any) -> Any:
    """Return the notebook with its exercise cells emptied (their blanks cannot run)."""
    for cell_ in notebook.cells:
        if "exercise" in _tags(cell_):
            cell_.source = ""
    return notebook


def _restore_blanks(executed: Any, notebook: Any) -> None:
    """Put the exercise cells' blanks back into ``executed`` (same cells, same order)."""
    blanks = [c.source for c in notebook.cells if "exercise" in _tags(c)]
    emptied = [c for c in executed.cells if "exercise" in _tags(c)]
    for cell_, source in zip(emptied, blanks, strict=True):
        cell_.source = source


def _title(notebook: Any, fallback: str) -> str:
    for cell_ in notebook.cells:
        if cell_.cell_type == "markdown":
            for line in cell_.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback
