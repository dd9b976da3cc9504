"""The route a notebook user takes by hand: papermill, then nbconvert, then a browser.

From the installed project (``pip install -e .``): ``papermill notebooks/… out.ipynb -p source
DOC`` and ``jupyter nbconvert --to budget-report out.ipynb`` (the project's exporter, an
entry point) give a page with the report's look: code and parameters hidden, Chinese drawn
by the CJK font embedded in the page (checked in headless Chromium; this machine has no
system CJK font, so only the embedded one can draw it).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import NOTEBOOKS_DIR as NOTEBOOKS
from conftest import WANLI_2023, WANLI_2024, outputs_text

BIN = Path(sys.executable).parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """Run the department report on a real document with the papermill and nbconvert CLIs."""
    folder = tmp_path_factory.mktemp("route")
    run(BIN / "papermill", NOTEBOOKS / "department_report.ipynb", "out.ipynb",
        "-p", "source", WANLI_2024, "-p", "previous", WANLI_2023, "--cwd", NOTEBOOKS,
        cwd=folder)
    run(BIN / "jupyter", "nbconvert", "--to", "budget-report", "out.ipynb", cwd=folder)
    return folder / "out.ipynb", folder / "out.html"


@pytest.mark.corpus
def test_papermill_then_nbconvert_gives_the_report_page(converted):
    executed, page = converted
    notebook = nbformat.read(executed, as_version=4)
    assert "15,621.11" in outputs_text(notebook)  # 支出合计 of the document, 万元
    text = page.read_text(encoding="utf-8")
    assert "15,621.11" in text and "审核发现" in text
    # no code: neither the helper calls nor the parameters papermill injected
    assert "report.load(source)" not in text and str(WANLI_2024) not in text
    assert 'jp-CodeMirrorEditor jp-Editor' not in text and "hl-ipython3" not in text
    assert "<title>" in text and "wanli" not in text.split("<title>")[1].split("</title>")[0]
    assert '@font-face { font-family: "BudgetCJK"; src: url("data:font/otf;base64,' in text
    assert len(text) < 3_000_000  # the font is a subset of the page's characters, not 8 MB


@pytest.mark.corpus
@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install -y chromium)")
def test_converted_page_draws_chinese_in_the_browser(converted, tmp_path):
    playwright_api = pytest.importorskip("playwright.sync_api")
    _, page_path = converted
    remote: list[str] = []
    errors: list[str] = []

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith(("file:", "data:", "about:")):
            request_route.continue_()
        else:
            remote.append(url)
            request_route.abort()

    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1400, "height": 1400})
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.route("**/*", route)
        page.goto(page_path.as_uri(), wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        loaded = page.evaluate("Array.from(document.fonts).filter(f => f.status === 'loaded')"
                               ".map(f => f.family)")
        drawn = page.evaluate("document.fonts.check('16px BudgetCJK', '部门预算审核发现')")
        code_cells = page.locator(".jp-CodeCell .jp-InputArea").count()
        body = page.inner_text("body")
        page.screenshot(path=str(tmp_path / "papermill_route.png"))
        browser.close()
    assert "BudgetCJK" in loaded and drawn  # the embedded font draws the Chinese
    assert code_cells == 0
    assert "万里" in body and "15,621.11" in body
    assert not errors and not remote
