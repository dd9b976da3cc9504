"""The route a notebook user takes by hand: the papermill and nbconvert command lines.

List parameters take one path (``-p sources file``); every parameter is in ``papermill
--help-notebook``; explore.ipynb run headless, defaults and all, shows its views, and its
controls redraw them in JupyterLab. The page ``jupyter nbconvert --to budget-report`` makes
is checked in the browser: tests/browser/test_papermill_route_browser.py.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
import pytest

from conftest import DEMO_BUDGET as DEMO
from conftest import NOTEBOOKS_DIR as NOTEBOOKS
from conftest import ROOT, outputs_text

BIN = Path(sys.executable).parent
ALL_NOTEBOOKS = sorted([*NOTEBOOKS.glob("*.ipynb"), *NOTEBOOKS.glob("workshop/*.ipynb")])


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def parameter_names(notebook_path: Path) -> list[str]:
    notebook = nbformat.read(notebook_path, as_version=4)
    cell = next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
    return [node.target.id if isinstance(node, ast.AnnAssign) else node.targets[0].id
            for node in ast.parse(cell.source).body
            if isinstance(node, ast.Assign | ast.AnnAssign)]


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_every_parameter_shows_in_help_notebook(path):
    names = parameter_names(path)
    assert names
    shown = papermill.inspect_notebook(str(path))  # what --help-notebook prints
    assert list(shown) == names
    assert all(shown[name]["inferred_type_name"] != "None" for name in names)


def test_help_notebook_on_the_command_line():
    result = run(BIN / "papermill", "--help-notebook", NOTEBOOKS / "department_report.ipynb",
                 cwd=ROOT)
    assert "previous: Optional[str] (default None)" in result.stdout


@pytest.mark.parametrize("name", ["year_over_year.ipynb", "across_departments.ipynb",
                                  "explore.ipynb"])
def test_list_parameter_takes_one_path(tmp_path, name):
    """``-p sources file`` is one document, not one document per letter of its path."""
    run(BIN / "papermill", NOTEBOOKS / name, tmp_path / "out.ipynb", "-p", "sources", DEMO,
        "--cwd", NOTEBOOKS, cwd=tmp_path)
    assert "500.00" in outputs_text(nbformat.read(tmp_path / "out.ipynb", as_version=4))


def test_explore_headless_with_its_defaults_shows_the_views(tmp_path):
    """Run as papermill runs it, defaults and all (widgets on): the page shows every view."""
    run(BIN / "papermill", NOTEBOOKS / "explore.ipynb", "out.ipynb", "--cwd", NOTEBOOKS,
        cwd=tmp_path)
    run(BIN / "jupyter", "nbconvert", "--to", "budget-report", "out.ipynb", cwd=tmp_path)
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "支出总表" in page  # the table view (the default table)
    assert "2010301" in page or "一般公共服务支出" in page  # the drill-down's 类 and 项
    assert "审核发现" in page or "未发现" in page  # the findings view
    assert "HBox(children" not in page and "JupyterLab" in page


def test_explorer_controls_redraw_the_view():
    """In JupyterLab a control redraws the view in place (the view's display id)."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.display import display
    from IPython.utils.capture import capture_output

    from helpers import report

    pytest.importorskip("ipywidgets")
    InteractiveShell.instance()
    explorer = report.explorer([report.load(DEMO)], "table", interactive=True)
    with capture_output() as captured:
        display(explorer)
        explorer.controls[1].value = "three_public"  # the table picker
    controls, first, redrawn = captured.outputs
    assert "application/vnd.jupyter.widget-view+json" in controls.data
    assert "支出总表" in first.data["text/html"] and not first.update
    assert redrawn.update and "“三公”经费" in redrawn.data["text/html"]
