"""Rendered reports in headless Chromium: no console errors, key figures, Chinese, no alerts.

Needs Debian's ``chromium`` (``apt-get install -y chromium``) and ``playwright`` (the Python
package only: it drives the system Chromium, no browser download). Skipped, with the reason,
where either is missing. Every remote request is blocked and recorded (the pages must work
offline). Screenshots go to ``$REPORT_SCREENSHOTS`` when set, else to the test's tmp folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from builders import HOSTILE, make_documents
from helpers import reports

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright_api = pytest.importorskip("playwright.sync_api",
                                     reason="playwright (Python package) is not installed")
pytestmark = pytest.mark.skipif(CHROMIUM is None,
                                reason="chromium not installed (apt-get install -y chromium)")

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    base = tmp_path_factory.mktemp("browser")
    documents = make_documents(base / "docs")
    summary = reports.render([documents], base / "out", workers=2, progress=False)
    return base / "out", summary


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = Path(os.environ.get("REPORT_SCREENSHOTS") or tmp_path_factory.mktemp("shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as driver:
        instance = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


class Visit:
    """One page load with its console messages, page errors, dialogs and remote requests."""

    def __init__(self, browser, path: Path, shot: Path) -> None:
        self.console: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.remote: list[str] = []
        page = browser.new_page(viewport={"width": 1200, "height": 1400})
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.route("**/*", self._route)
        page.goto(path.as_uri(), wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        self.text = page.inner_text("body")
        self.html = page.content()
        self.cjk_font = page.evaluate("document.fonts.check('16px BudgetCJK', '部门预算')")
        self.fonts = page.evaluate(
            "Array.from(document.fonts).filter(f => f.status === 'loaded').map(f => f.family)")
        page.screenshot(path=str(shot), full_page=False)
        page.close()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            self.remote.append(url)
            route.abort()

    def assert_clean(self) -> None:
        assert not self.errors, self.errors
        assert not [m for m in self.console if m.startswith("error")], self.console
        assert not self.dialogs, self.dialogs
        assert not self.remote, self.remote


def stem_of(summary, kind: str, predicate=lambda job: True) -> str:
    return next(j.stem for j in summary.jobs if j.kind == kind and predicate(j))


def test_index_in_browser(browser, rendered, shots):
    out, _ = rendered
    visit = Visit(browser, out / "index.html", shots / "index.png")
    visit.assert_clean()
    for text in ("部门预算报告索引", "示例市示例区示例局", "500.00", "420.00", "读取失败",
                 "broken.txt", "年度对比", "跨部门比较", HOSTILE):
        assert text in visit.text, text
    assert "BudgetCJK" in visit.fonts and visit.cjk_font  # Chinese drawn by the shipped font


@pytest.mark.parametrize("kind", ["department", "year_over_year", "across_departments"])
def test_each_report_kind_in_browser(browser, rendered, shots, kind):
    out, summary = rendered
    stem = stem_of(summary, kind, lambda j: j.department != HOSTILE)
    visit = Visit(browser, out / f"{stem}.html", shots / f"{kind}.png")
    visit.assert_clean()
    assert "目录" in visit.text and "示例数据" in visit.text  # contents; fictional banner
    assert "import helpers" not in visit.text  # code hidden
    expected = {"department": ["主要数字", "人员经费与公用经费", "审核发现", "公开完整性"],
                "year_over_year": ["主要指标变动", "功能分类逐项对比", "2023", "2024"],
                "across_departments": ["主要指标与比率", "支出合计（万元）"]}[kind]
    for text in expected:
        assert text in visit.text, text
    assert "BudgetCJK" in visit.fonts and visit.cjk_font


def test_demo_report_key_figures_in_browser(browser, rendered, shots):
    out, summary = rendered
    stem = stem_of(summary, "department", lambda j: j.department == "示例市示例区示例局")
    visit = Visit(browser, out / f"{stem}.html", shots / "demo.png")
    visit.assert_clean()
    for text in ("收入总计", "500.00", "基本支出", "420.00", "项目支出", "80.00", "人员经费",
                 "340.00"):
        assert text in visit.text, text


def test_hostile_department_name_shows_as_text(browser, rendered, shots):
    out, summary = rendered
    stem = stem_of(summary, "department", lambda j: j.department == HOSTILE)
    visit = Visit(browser, out / f"{stem}.html", shots / "hostile.png")
    visit.assert_clean()  # no alert dialog, no page error
    assert "<script>alert(1)</script>" in visit.text  # shown as text
    assert "<script>alert(1)</script>" not in visit.html


@pytest.fixture(scope="module")
def rendered_final(tmp_path_factory):
    from conftest import CORPUS_DIR
    base = tmp_path_factory.mktemp("browser_final")
    finals = [CORPUS_DIR / "regions" / name for name in (
        "central_xfj_2024_final_dept.pdf", "shanghai-putuo_czj_2024_final_dept.pdf")]
    summary = reports.render(finals, base / "out", workers=2, progress=False)
    return base / "out", summary


def test_final_accounts_report_in_browser(browser, rendered_final, shots):
    out, summary = rendered_final
    stem = stem_of(summary, "final", lambda j: j.department == "国家信访局")
    visit = Visit(browser, out / f"{stem}.html", shots / "final.png")
    visit.assert_clean()
    assert "import helpers" not in visit.text
    # hand-read: 总计 22,066.59; 行政运行 年初预算 5,717.32 → 决算 5,757.63; 自评 总分 94.7
    for text in ("部门决算分析报告", "收支与结转结余", "22,066.59", "预算执行", "5,717.32",
                 "5,757.63", "“三公”经费：预算与决算", "项目绩效自评", "94.7", "审核发现"):
        assert text in visit.text, text
    assert "BudgetCJK" in visit.fonts and visit.cjk_font
    index = Visit(browser, out / "index.html", shots / "index_final.png")
    index.assert_clean()
    assert "决算" in index.text and "国家信访局" in index.text
