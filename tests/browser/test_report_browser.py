"""Rendered reports in headless Chromium: no console errors, key figures, Chinese, no alerts.

Every report kind is also rendered from real documents (data/corpus) and read at 1400 px
as an auditor would: text cells left-aligned whatever JupyterLab's table style says, no
column of the findings table narrower than 8 em, the title the first heading (the contents
after it), no internal key (``income_total``, ``abroad``, ``flat``…) anywhere on the page.
Full-page screenshots of each are saved.

Needs Debian's ``chromium`` (``apt-get install -y chromium``) and ``playwright`` (the Python
package only: it drives the system Chromium, no browser download). Skipped, with the reason,
where either is missing. Every remote request is blocked and recorded (the pages must work
offline). Screenshots go to ``$REPORT_SCREENSHOTS`` when set, else to the test's tmp folder.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from builders import HOSTILE, make_documents
from helpers import reports
from helpers.vocabulary import internal_keys

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


#: What the page's layout is, read in the browser (computed styles and boxes).
LAYOUT = r"""() => {
  const em = el => parseFloat(getComputedStyle(el).fontSize);
  const plain = /^([-+]?[\d,]+(\.\d+)?%?|—|✓|✗|)$/;  // numbers, dashes, marks: not text
  const tables = [...document.querySelectorAll('table.budget-table')];
  const misaligned = [];
  for (const cell of document.querySelectorAll('table.budget-table td')) {  // body cells
    const text = cell.innerText.trim();
    const align = getComputedStyle(cell).textAlign;
    if (!plain.test(text) && !['left', 'start'].includes(align)) {
      misaligned.push(`${text} (${align})`);
    }
  }
  const headings = [...document.querySelectorAll('h1, h2, h3')];
  const first = headings[0];
  const toc = document.querySelector('nav.report-toc');
  const findings = tables.filter(
    t => t.caption && t.caption.innerText.startsWith('审核发现 · Audit findings'));
  const narrow = [];
  for (const table of findings) for (const th of table.querySelectorAll('thead th')) {
    const width = th.getBoundingClientRect().width / em(th);
    if (width < 7.99) narrow.push(`${th.innerText} ${width.toFixed(2)} em`);
  }
  // cells under a Chinese header (an English header holds English glosses, not keys)
  const cells = tables.flatMap(t => {
    const chinese = [...t.querySelectorAll('thead th')].map(
      th => /[\u4e00-\u9fff]/.test(th.innerText));
    return [...t.querySelectorAll('tbody tr')].flatMap(
      tr => [...tr.children].filter((td, i) => chinese[i]).map(td => td.innerText.trim()));
  });
  const headers = tables.map(t => [t.caption ? t.caption.innerText : '',
                                   [...t.querySelectorAll('thead th')].map(th => th.innerText)]);
  return {misaligned, narrow, cells, headers, findingsTables: findings.length,
          firstHeading: first ? `${first.tagName} ${first.innerText}` : '',
          tocAfterTitle: !toc ||
            !!(first.compareDocumentPosition(toc) & Node.DOCUMENT_POSITION_FOLLOWING)};
}"""
_IDENTIFIER = re.compile(r"\b[a-z]+(?:[_@][a-z0-9]+)+\b")
_FILE_NAME = re.compile(r"\S+\.(?:pdf|txt|docx|xlsx|html|ipynb)\b")


class Visit:
    """One page load with its console messages, page errors, dialogs and remote requests."""

    def __init__(self, browser, path: Path, shot: Path, width: int = 1200) -> None:
        self.console: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.remote: list[str] = []
        page = browser.new_page(viewport={"width": width, "height": 1400})
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
        self.layout = page.evaluate(LAYOUT)
        page.screenshot(path=str(shot), full_page=width >= 1400)
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

    def assert_readable(self, title: str) -> None:
        """Assert the layout an auditor reads, and that no internal key shows."""
        layout = self.layout
        assert not layout["misaligned"], layout["misaligned"][:10]
        assert not layout["narrow"], layout["narrow"]
        assert layout["firstHeading"].startswith(f"H1 {title}"), layout["firstHeading"]
        assert layout["tocAfterTitle"]
        keys = internal_keys()
        shown = [cell for cell in layout["cells"] if cell in keys]
        assert not shown, sorted(set(shown))
        prose = _FILE_NAME.sub(" ", self.text)
        leaked = [key for key in keys if "_" in key and re.search(rf"\b{key}\b", prose)]
        assert not leaked, leaked
        # keys joined into one identifier (an item and its column: abroad@total)
        assert not _IDENTIFIER.findall(prose), _IDENTIFIER.findall(prose)[:10]

    def table(self, caption_start: str) -> list[str]:
        """Return the headers of the first table whose caption starts so."""
        return next(heads for caption, heads in self.layout["headers"]
                    if caption.startswith(caption_start))


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


REAL = {"shanghai": ["wanli_subdistrict_2023_department_budget.pdf",
                      "wanli_subdistrict_2024_department_budget.pdf"],
        "regions": ["guangzhou_tjj_2026_budget_dept.pdf", "hangzhou_sfj_2026_budget_dept.pdf",
                    "yantai_tjj_2026_budget_dept.pdf", "central_xfj_2024_final_dept.pdf",
                    "shanghai-putuo_czj_2024_final_dept.pdf"]}
WANLI = "上海市普陀区人民政府万里街道办事处"


@pytest.fixture(scope="module")
def rendered_real(tmp_path_factory):
    from conftest import CORPUS_DIR
    base = tmp_path_factory.mktemp("browser_real")
    documents = [CORPUS_DIR / folder / name for folder, names in REAL.items() for name in names]
    summary = reports.render(documents, base / "out", workers=2, progress=False)
    return base / "out", summary


#: Report kind → (which job, the title its page starts with).
REAL_PAGES = {
    "department": (lambda j: j.department == WANLI and j.year == 2024,
                   f"{WANLI} 2024年部门预算分析报告"),
    "year_over_year": (lambda j: j.department == WANLI, f"{WANLI} 部门预算年度对比 2023–2024"),
    "across_departments": (lambda j: j.year == 2026, "2026年 各部门预算比较"),
    "final": (lambda j: j.department == "国家信访局", "国家信访局 2024年部门决算分析报告"),
}


@pytest.mark.corpus
@pytest.mark.parametrize("kind", list(REAL_PAGES))
def test_real_reports_read_as_an_auditor_reads_them(browser, rendered_real, shots, kind):
    out, summary = rendered_real
    which, title = REAL_PAGES[kind]
    visit = Visit(browser, out / f"{stem_of(summary, kind, which)}.html",
                  shots / f"real_{kind}.png", width=1400)
    visit.assert_clean()
    visit.assert_readable(title)
    assert "import helpers" not in visit.text
    if kind in ("department", "final"):
        assert visit.layout["findingsTables"] == 1
    if kind == "department":
        three = visit.table("“三公”经费与机关运行经费")
        assert "金额来源" in three and "计算得出" not in three
        assert "口径（来源表的列）" in visit.table("项目支出占比") and \
            "来源表" in visit.table("项目支出占比")
    if kind == "year_over_year":
        assert "级次" not in visit.table("年度对比：“三公”经费")  # items have no 类/款/项
        assert "编码" not in visit.table("年度对比：主要指标")
        assert "headline figures over the years" in visit.html  # the trend's alt text
    if kind == "across_departments":
        assert "上年文件仅用作" not in visit.text  # no 2025 budget of these departments


@pytest.mark.corpus
def test_real_index_in_browser(browser, rendered_real, shots):
    out, _ = rendered_real
    visit = Visit(browser, out / "index.html", shots / "real_index.png", width=1400)
    visit.assert_clean()
    assert visit.layout["firstHeading"].startswith("H1 部门预算报告索引")
    for text in ("国家信访局", WANLI, "广州市统计局", "决算"):
        assert text in visit.text, text


@pytest.mark.corpus
def test_cross_department_growth_uses_the_previous_budget(browser, rendered_real, shots):
    """万里街道 2024 against its 2023 budget: 15,621.11 / 16,497.86 − 1 = −5.3 %."""
    out, summary = rendered_real
    stem = stem_of(summary, "across_departments", lambda j: j.year == 2024)
    visit = Visit(browser, out / f"{stem}.html", shots / "real_across_2024.png", width=1400)
    visit.assert_clean()
    visit.assert_readable("2024年 各部门预算比较")
    assert "-5.3%" in visit.layout["cells"]
    assert f"上年文件仅用作“支出增长”的比较基数：{WANLI} 2023" in visit.text
    assert "只有一个部门-年度" in visit.text  # one department: a sentence, not a chart


@pytest.mark.corpus
def test_final_accounts_report_in_browser(browser, rendered_real, shots):
    out, summary = rendered_real
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
