"""Every notebook executes (one reused kernel) on the demo, the seed and the dev PDFs.

The notebooks run through papermill on a :class:`helpers.reports.WarmKernel` (one kernel for
the whole module, reset between notebooks, as the batch does); one test runs the department report
through papermill itself, the way a user would. Isolation between notebooks on the reused
kernel is proven here too.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

import nbformat
import pytest

from helpers.errors import NotebookError
from helpers.reports import WarmKernel

from conftest import (
    ROOT,
    SEED,
    WANLI_2023,
    WANLI_2024,
    WELFARE_2024,
    assert_thin_notebook,
    outputs_text,
)

NOTEBOOKS = ROOT / "notebooks"
DEMO = str(ROOT / "data" / "demo" / "example_bureau_2024_budget.txt")


@pytest.fixture(scope="module")
def runner():
    with WarmKernel(timeout=300) as shared:
        yield shared


def notebook(name: str):
    return nbformat.read(NOTEBOOKS / name, as_version=4)




def run(runner, name: str, **parameters) -> str:
    return outputs_text(runner.run(notebook(name), parameters, cwd=NOTEBOOKS))


# --- the notebooks are thin -------------------------------------------------------------


@pytest.mark.parametrize("name", ["department_report.ipynb", "year_over_year.ipynb",
                                  "across_departments.ipynb", "explore.ipynb"])
def test_notebooks_are_thin_and_stripped(name):
    nb = notebook(name)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    for line in tagged[0].source.splitlines():  # typed defaults with a comment each
        assert ":" in line.split("=")[0] and "#" in line, line
    assert_thin_notebook(nb, zh_within=40)


# --- demo (fictional) --------------------------------------------------------------------


def outputs_of(executed, mime: str) -> list:
    return [output for cell in executed.cells for output in cell.get("outputs", [])
            if mime in output.get("data", {})]


def test_department_report_on_demo(runner):
    executed = runner.run(notebook("department_report.ipynb"), {"source": DEMO, "previous": None},
                          cwd=NOTEBOOKS)
    text = outputs_text(executed)
    for expected in ("示例数据", "主要数字", "500.00", "420.00", "人员经费", "公用经费",
                     "审核发现", "公开完整性", "政府采购预算"):
        assert expected in text
    # four charts: personnel/operating, projects, functions, 三公 — each a PNG of its own
    images = [base64.b64decode(output["data"]["image/png"])
              for output in outputs_of(executed, "image/png")]
    assert len(images) == 4 and len(set(images)) == 4
    assert all(image.startswith(b"\x89PNG\r\n\x1a\n") for image in images)


def test_department_report_default_parameters(runner):
    assert "500.00" in run(runner, "department_report.ipynb")


def test_year_over_year_and_across_on_demo(runner):
    assert "示例数据" in run(runner, "year_over_year.ipynb", sources=[DEMO])
    assert "500.00" in run(runner, "across_departments.ipynb", sources=[DEMO])


@pytest.mark.parametrize("interactive", [True, False])
def test_explore_runs_headless(runner, interactive):
    executed = runner.run(notebook("explore.ipynb"), {
        "sources": [DEMO], "document": 0, "table": "expenditure_summary", "class_code": "201",
        "severity": "", "interactive": interactive}, cwd=NOTEBOOKS)
    text = outputs_text(executed)
    widgets = outputs_of(executed, "application/vnd.jupyter.widget-view+json")
    assert len(widgets) == (3 if interactive else 0)  # table, drill-down, findings
    assert "示例数据" in text  # the banner, in both modes
    # the views themselves, in both modes (headless, the widgets' own content is lost):
    # the table, the drill into 201, the findings
    assert "一般公共服务支出" in text and "2010301" in text
    tables = [o for o in outputs_of(executed, "text/html") if "budget-table" in
              o["data"]["text/html"] or "未发现" in o["data"]["text/html"]]
    assert len(tables) >= 4  # documents, table, drill-down, findings
    if interactive:  # the controls read as a note where no widget renderer runs
        assert all("JupyterLab" in w["data"]["text/plain"] for w in widgets)


def test_department_report_under_papermill(tmp_path, monkeypatch):
    papermill = pytest.importorskip("papermill")
    # The kernel runs in notebooks/: a relative PYTHONPATH (PYTHONPATH=src) must be absolute.
    paths = [str(Path(p).resolve()) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep)
             if p]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(paths))
    executed = papermill.execute_notebook(
        str(NOTEBOOKS / "department_report.ipynb"), str(tmp_path / "out.ipynb"),
        parameters={"source": DEMO}, cwd=str(NOTEBOOKS), progress_bar=False,
        kernel_name="python3")
    assert "500.00" in outputs_text(executed)


# --- the development corpus --------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("source, previous, figure", [
    (SEED, None, "1,295.78"),
    (WANLI_2023, None, "16,497.86"),
    (WANLI_2024, WANLI_2023, "15,621.11"),
    (WELFARE_2024, None, "1,212.12"),
])
def test_department_report_on_corpus(runner, source, previous, figure):
    text = run(runner, "department_report.ipynb", source=str(source),
               previous=str(previous) if previous else None)
    assert figure in text
    assert "示例数据" not in text  # real documents get no fictional-data banner


@pytest.mark.corpus
def test_year_over_year_on_corpus(runner):
    text = run(runner, "year_over_year.ipynb", sources=[str(WANLI_2024), str(WANLI_2023)])
    assert "2023" in text and "2024" in text and "-876.75" in text  # 支出合计 change (万元)


@pytest.mark.corpus
def test_across_departments_and_explore_on_corpus(runner):
    sources = [str(WANLI_2024), str(WELFARE_2024), DEMO]
    text = run(runner, "across_departments.ipynb", sources=sources)
    assert "上海市普陀区社会福利院" in text and "15,621.11" in text
    text = run(runner, "explore.ipynb", sources=[str(SEED), str(WANLI_2024)], document=1,
               table="three_public", class_code="204", severity="warning", interactive=False)
    # documents are sorted by department: 1 is the seed (秦皇岛…), whose 三公 table prints
    # no 合计 but 公务用车运行费 13.52 and 公务接待费 0.64 万元 (from line 1597 of the export)
    assert "秦皇岛市海港区司法局" in text and "13.52" in text and "0.64" in text


# --- isolation on the reused kernel ------------------------------------------------------


def code_notebook(*sources: str):
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])


def test_reports_cannot_leak_state_into_each_other(runner, tmp_path):
    polluter = code_notebook(
        "leak = 42\nimport os, sys, warnings\nos.chdir('/')\nsys.path.append('/nowhere')",
        "import matplotlib\nmatplotlib.rcParams['lines.linewidth'] = 9\n"
        "matplotlib.rcParams['font.family'] = ['serif']",
        "import pandas as pd\npd.set_option('display.max_rows', 3)",
        "import helpers.plots\nhelpers.plots.FONT_FAMILY = 'polluted'\nhelpers.plots.extra = 1",
        "warnings.simplefilter('error')",
    )
    runner.run(polluter, cwd=tmp_path)
    checker = code_notebook(
        "assert 'leak' not in globals(), 'variable leaked'\n"
        "assert 'os' not in globals() and 'pd' not in globals(), 'imports leaked'",
        f"import os\nassert os.getcwd() == {str(NOTEBOOKS)!r}, os.getcwd()",
        "import sys\nassert '/nowhere' not in sys.path",
        "import matplotlib\nassert matplotlib.rcParams['lines.linewidth'] == "
        "matplotlib.rcParamsDefault['lines.linewidth']\n"
        "assert 'serif' not in matplotlib.rcParams['font.family']",
        "import pandas as pd\nassert pd.get_option('display.max_rows') == 60",
        "import helpers.plots\nassert helpers.plots.FONT_FAMILY == 'Noto Sans CJK SC Subset'\n"
        "assert not hasattr(helpers.plots, 'extra')",
        "import warnings\nwarnings.warn('harmless')  # would raise if the filter leaked",
    )
    executed = runner.run(checker, cwd=NOTEBOOKS)
    assert all(o.get("output_type") != "error" for c in executed.cells for o in c.outputs)


PAPERMILL_ERROR = "papermill-error-cell-tag"


def without_papermill_markers(cells):
    return [c for c in cells if PAPERMILL_ERROR not in c.metadata.get("tags", [])]


def test_a_failing_notebook_raises_and_the_kernel_goes_on(runner):
    with pytest.raises(NotebookError, match="ZeroDivisionError") as caught:
        runner.run(code_notebook("x = 1", "1 / 0", "y = 2"))
    failed = caught.value.notebook
    # papermill's own error cells: a banner on top, an anchor before the failing cell
    assert PAPERMILL_ERROR in failed.cells[0].metadata.tags
    assert "An Exception was encountered at" in failed.cells[0].source
    assert "In [2]" in failed.cells[0].source
    assert PAPERMILL_ERROR in failed.cells[2].metadata.tags
    cells = without_papermill_markers(failed.cells)
    assert cells[1].outputs[0]["output_type"] == "error"
    assert cells[2].execution_count is None and cells[2].outputs == []  # never ran
    assert failed.metadata.papermill["exception"] is True
    executed = runner.run(code_notebook("z = 3\nz"))
    assert executed.cells[0].outputs[0]["data"]["text/plain"] == "3"


@pytest.mark.parametrize("per_cell", [False, True], ids=["one request", "per cell"])
def test_the_warm_engine_gives_the_outputs_of_a_fresh_nbclient_run(runner, per_cell):
    """papermill's warm engine on a reused kernel == nbclient on a fresh kernel.

    Both ways of the engine: one request for the notebook (outputs routed by cell markers)
    and nbclient's request per cell.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    from helpers.reports.engine import run_notebook

    sources = (
        "from IPython.display import HTML, Markdown, clear_output, display\n"
        "print('甲')\ndisplay(HTML('<b>乙</b>'), metadata={'note': 1})\nprint('丙')",
        "Markdown('**丁**')",
        "display(1)\nclear_output()\ndisplay(2)\n'末'",
        "x = 41\nx + 1;",  # a trailing semicolon hides the result
        "import sys\nprint('错', file=sys.stderr)",
        "handle = display('旧', display_id=True)\nprint('无换行', end='')",
        "handle.update('新')\nprint('下一格')",  # updates the cell above
        "display(3)\nclear_output(wait=True)\ndisplay(4)",
        "1 / 0",
        "never = 'run'",
    )
    reference = code_notebook(*sources)
    reference.cells.insert(2, nbformat.v4.new_markdown_cell("文字 text"))
    given = nbformat.from_dict(reference)
    with pytest.raises(CellExecutionError):
        NotebookClient(reference, timeout=60, kernel_name="python3").execute()
    with pytest.raises(NotebookError, match="ZeroDivisionError") as caught:
        run_notebook(given, kernel=runner, per_cell=per_cell)
    executed = caught.value.notebook
    executed.cells = without_papermill_markers(executed.cells)

    def shape(cell) -> list[tuple]:
        return [(o.output_type, o.get("name"), o.get("text"), o.get("data"),
                 o.get("metadata"), o.get("execution_count"), o.get("ename"), o.get("evalue"))
                for o in cell.get("outputs", [])]

    for ours, theirs in zip(executed.cells, reference.cells, strict=True):
        assert ours.get("execution_count") == theirs.get("execution_count")
        assert shape(ours) == shape(theirs)
    assert [c.get("execution_count") for c in executed.cells] == \
        [1, 2, None, 3, 4, 5, 6, 7, 8, 9, None]
    assert executed.cells[0].outputs[1]["data"]["text/html"] == "<b>乙</b>"
    assert executed.cells[6].outputs[0]["data"]["text/plain"] == "'新'"
    statuses = [c.metadata.papermill["status"] for c in executed.cells]
    assert statuses == ["completed"] * 9 + ["failed", "pending"]


def test_a_cell_past_its_time_stops_the_notebook_and_its_kernel_restarts(runner):
    import papermill

    first_pid = runner.call("os:getpid")
    with pytest.raises(NotebookError, match="cell 2 ran past its 2 s"):
        papermill.execute_notebook(code_notebook("1", "import time\ntime.sleep(60)"), None,
                                   engine_name="warm", kernel=runner, execution_timeout=2,
                                   kernel_name="python3", language="python",
                                   progress_bar=False)
    executed = runner.run(code_notebook("import os\nos.getpid()"))
    assert executed.cells[0].outputs[0]["data"]["text/plain"] != str(first_pid)


def test_papermill_s_output_options_reach_the_warm_engine(runner, caplog):
    """``log_output`` logs the cells' outputs; ``stdout_file`` / ``stderr_file`` copy them."""
    import io
    import logging

    import papermill

    out, err = io.StringIO(), io.StringIO()
    with caplog.at_level(logging.INFO, logger="papermill"):
        papermill.execute_notebook(
            code_notebook("print('甲')", "import sys\nprint('乙', file=sys.stderr)", "'丙'"),
            None, engine_name="warm", kernel=runner, kernel_name="python3",
            language="python", progress_bar=False, log_output=True, stdout_file=out,
            stderr_file=err)
    assert (out.getvalue(), err.getvalue()) == ("甲\n", "乙\n")
    logged = [record.getMessage() for record in caplog.records]
    assert "甲\n" in logged and "乙\n" in logged and "'丙'" in logged


def test_a_kernel_that_dies_in_a_cell_fails_its_notebook_only(runner):
    with pytest.raises(NotebookError, match="the kernel died"):
        runner.run(code_notebook("1", "import os\nos.kill(os.getpid(), 9)"))
    executed = runner.run(code_notebook("z = 3\nz"))
    assert executed.cells[0].outputs[0]["data"]["text/plain"] == "3"


def test_notebooks_leave_nothing_registered_in_the_kernel(runner):
    """Nothing piles up in the reused shell's event callbacks from notebook to notebook."""
    probe = code_notebook("ip = get_ipython()\n"
                          "(len(ip.events.callbacks['pre_execute']),"
                          " len(ip.events.callbacks['post_execute']))")
    runner.run(code_notebook("from IPython.display import HTML, display\n"
                             "display(HTML('<b>x</b>'))\nprint('y')"))
    before = runner.run(probe).cells[0].outputs[0]["data"]["text/plain"]
    for _ in range(3):
        runner.run(code_notebook("from IPython.display import HTML, display\n"
                                 "display(HTML('<b>x</b>'))\nprint('y')"))
    assert runner.run(probe).cells[0].outputs[0]["data"]["text/plain"] == before


def test_one_client_no_descriptor_leak(runner):
    def descriptors() -> int:
        return len(os.listdir("/proc/self/fd"))

    if not os.path.isdir("/proc/self/fd"):
        pytest.skip("needs /proc")
    runner.run(code_notebook("1"))
    before = descriptors()
    for _ in range(8):
        runner.run(code_notebook("a = 1", "a"))
    assert descriptors() - before <= 2


# --- papermill's warm engine --------------------------------------------------------------


def test_the_warm_engine_is_registered_with_papermill_and_reuses_its_kernel(tmp_path):
    """``engine_name="warm"`` (the entry point) runs notebook after notebook on one kernel."""
    import papermill
    from papermill.engines import papermill_engines

    from helpers.reports.engine import close_pools

    assert papermill_engines.get_engine("warm").__name__ == "WarmKernelEngine"
    probe = code_notebook("import os\nleft = globals().get('left', 0)\n(os.getpid(), left)",
                          "left = 1")
    try:
        runs = [papermill.execute_notebook(probe, str(tmp_path / f"{n}.ipynb"),
                                           engine_name="warm", kernel_name="python3",
                                           language="python", progress_bar=False)
                for n in range(2)]
    finally:
        close_pools()
    first, second = (run.cells[0].outputs[0]["data"]["text/plain"] for run in runs)
    assert first == second  # the same kernel process, and nothing left from the first run
    assert first.endswith(", 0)")
    assert nbformat.read(tmp_path / "1.ipynb", as_version=4).metadata.papermill["exception"] \
        is None


def test_the_papermill_command_runs_a_report_on_the_warm_engine(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "report.ipynb"
    papermill_cli = Path(sys.executable).with_name("papermill")
    subprocess.run([str(papermill_cli), str(NOTEBOOKS / "department_report.ipynb"), str(out),
                    "-p", "source", DEMO, "--engine", "warm", "--cwd", str(NOTEBOOKS),
                    "--no-progress-bar"], check=True, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert "500.00" in outputs_text(nbformat.read(out, as_version=4))


def test_a_kernel_that_died_between_notebooks_is_replaced(runner):
    import signal
    import time

    pid = runner.call("os:getpid")
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while runner.manager.is_alive() and time.monotonic() < deadline:  # it is gone: "between"
        time.sleep(0.05)
    executed = runner.run(code_notebook("import os\nos.getpid()"))
    assert executed.cells[0].outputs[0]["data"]["text/plain"] != str(pid)


def test_a_pool_s_kernels_share_a_parse_cache_deleted_with_the_pool():
    """Each document is parsed once per batch: the kernels of a pool share a cache folder."""
    from helpers.cache import CACHE_ENV
    from helpers.reports.engine import KernelPool

    pool = KernelPool(timeout=300)
    pool.launch(1)
    try:
        with pool.borrow() as kernel:
            folder = Path(kernel.call("os:getenv", CACHE_ENV))
            assert folder.is_dir()
            first = kernel.call("helpers.reports.planning:load_entry", DEMO)
            (entry,) = folder.glob("disclosure-*.pickle")
            written = entry.stat().st_mtime_ns
            kernel.reset()
            assert kernel.call("helpers.reports.planning:load_entry", DEMO) == first
            assert entry.stat().st_mtime_ns == written  # read back, not parsed and written again
            assert first["department"] == "示例市示例区示例局"
    finally:
        pool.close()
    assert not folder.exists()
