"""Display helpers for the report notebooks: titles, banners, styled tables in 万元, charts.

The notebooks stay thin: each cell calls one function here (or in :mod:`helpers.analysis`
and :mod:`helpers.plots`) and displays what it returns. Everything shown is built here so
that the HTML reports are consistent and safe:

* Amounts are exact yuan in the frames; tables show 万元 with two decimals, rounded half up
  as printed budgets are (never through a binary float). Ratios show as percentages.
* Headers are Chinese (the glossary of DESIGN.md §5); captions are bilingual.
* Every text from a document (department names, line names, narrative) is HTML-escaped:
  tables go through :class:`pandas.io.formats.style.Styler` with ``escape="html"`` and
  titles and notes through :func:`html.escape`. A department named
  ``<script>alert(1)</script>`` shows as that text.
* Styler tables get a deterministic id (pandas draws a random one), so a report rendered
  twice from the same inputs is the same HTML.
* Fictional documents (a department name starting with "示例", or the synthetic-data notice
  in the text) get a visible banner.
* Charts become PNG images (embedded in the HTML as data URIs by nbconvert).
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
from IPython.display import HTML, Image

from helpers.cache import cached_findings, load_cached
from helpers.model import Disclosure
from helpers.money import format_wan
from helpers.reports.keys import FINDING_COUNTS
from helpers.vocabulary import (
    DIRECTIONS_ZH,
    LEVELS_ZH,
    SCOPES_ZH,
    SEVERITIES_ZH,
    STAGES_ZH,
    STATUSES_ZH,
    label,
    location_text,
)

__all__ = [
    "Explorer",
    "anomalies",
    "banner",
    "browse_table",
    "compared_with_previous",
    "completeness_table",
    "documents",
    "drill",
    "each",
    "explorer",
    "figure",
    "filter_findings",
    "findings",
    "findings_by_document",
    "findings_summary",
    "findings_table",
    "function_table",
    "key_figures",
    "league_table",
    "load",
    "load_many",
    "narrative",
    "note",
    "personnel_table",
    "procurement_assets",
    "project_table",
    "resolve",
    "styled",
    "three_public_table",
    "title",
    "yoy_lines",
    "yoy_stated",
]

_PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _kind_zh(disclosure: Disclosure) -> str:
    """Return what a document is, in words (部门预算, 单位预算, 部门决算)."""
    meta = disclosure.meta
    return (SCOPES_ZH.get(meta.scope, meta.scope or "")
            + STAGES_ZH.get(meta.stage, meta.stage or ""))


# JupyterLab's own table rules (``:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td``:
# right-aligned, ``table-layout: fixed``, centred) outrank a plain ``.budget-table td``; the
# rules below name both classes, and every styled table also carries id-scoped rules for its
# own columns (:func:`styled`), which outrank any class rule.
_CSS = """
<style>
.budget-table, .jp-RenderedHTMLCommon table.budget-table { border-collapse: collapse;
  font-size: 13px; margin: .4em 0 1em; table-layout: auto; margin-left: 0;
  margin-right: 0; min-width: 26em; }
.budget-table caption { caption-side: top; text-align: left; font-weight: 600;
  padding: .2em 0 .4em; color: #1f2328; }
.budget-table th, .budget-table td,
.jp-RenderedHTMLCommon table.budget-table th, .jp-RenderedHTMLCommon table.budget-table td {
  border-bottom: 1px solid #d0d7de; padding: .3em .6em; text-align: left;
  vertical-align: top; line-height: 1.45; }
.budget-table thead th, .jp-RenderedHTMLCommon table.budget-table thead th {
  background: #f6f8fa; text-align: left; vertical-align: bottom; white-space: nowrap; }
.budget-title h1 { margin-bottom: .2em; }
.budget-meta { color: #59636e; font-size: 13px; }
.budget-banner { background: #fff3cd; border: 2px solid #ffda6a; color: #664d03;
  padding: .7em 1em; border-radius: 6px; font-weight: 600; margin: .6em 0; }
.budget-note { color: #59636e; font-style: italic; }
.budget-narrative { white-space: pre-wrap; background: #f6f8fa; padding: .6em 1em;
  border-left: 3px solid #d0d7de; font-size: 13px; max-height: 24em; overflow: auto; }
</style>
"""


# --------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------


def resolve(path: str | Path) -> Path:
    """Return ``path`` as given when it exists, else relative to the project folder.

    Notebooks run with their own folder as the working directory; the default parameters
    name files relative to the project (``data/demo/…``), which this resolves.
    """
    candidate = Path(path).expanduser()
    if candidate.exists() or candidate.is_absolute():
        return candidate
    return _PROJECT_ROOT / candidate


def load(source: str | Path | Sequence[str | Path]) -> Disclosure:
    """Load one disclosure: a path, or the paths of a split disclosure (each resolved).

    In a batch's kernels each document is parsed once and read back after
    (:func:`helpers.cache.load_cached`); elsewhere every call parses.
    """
    if isinstance(source, str | Path):
        return load_cached(resolve(source))
    return load_cached([resolve(part) for part in source])


def each(function: Any, disclosures: Sequence[Disclosure]) -> pd.DataFrame:
    """Apply an analysis to every disclosure and concatenate the frames."""
    frames = [function(d) for d in disclosures]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return function(disclosures[0]) if disclosures else pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


def load_many(sources: str | Path | Sequence[str | Path]) -> list[Disclosure]:
    """Load several disclosures, sorted by department and year.

    One path is one document (``papermill -p sources file.pdf`` passes a string), never a
    sequence of one-letter paths.
    """
    if isinstance(sources, str | Path):
        sources = [sources]
    loaded = [load(source) for source in sources]
    return sorted(loaded, key=lambda d: (d.meta.department or "", d.meta.year or 0))


def split_report_year(disclosures: Sequence[Disclosure]
                      ) -> tuple[list[Disclosure], list[Disclosure]]:
    """Split a cross-department batch into the report year's documents and earlier ones.

    The batch of a cross-department report carries each department's previous budget too,
    as the base of its 支出增长 (:func:`helpers.analysis.across_departments`'s ``earlier``);
    the report compares the latest year's documents.

    Returns:
        (documents of the latest year, documents of other years), each in the given order.
    """
    years = [d.meta.year for d in disclosures if d.meta.year is not None]
    if not years:
        return list(disclosures), []
    latest = max(years)
    return ([d for d in disclosures if d.meta.year == latest],
            [d for d in disclosures if d.meta.year != latest])


def earlier_note(earlier: Sequence[Disclosure]) -> HTML:
    """Return a note naming the documents that only give the growth's base year."""
    if not earlier:
        return HTML("")
    names = "、".join(f"{d.meta.department or '?'} {d.meta.year or ''}" for d in earlier)
    return note(f"上年文件仅用作“支出增长”的比较基数：{names}",
                "earlier documents serve only as the base of the spending growth")


def findings(disclosure: Disclosure, previous: Disclosure | None = None) -> pd.DataFrame:
    """Return :func:`helpers.checks.check` of ``disclosure``, run once per loaded document.

    A page shows the same findings in several places (the documents table and the finding
    counts of a cross-department report); the checks run once per document and previous
    year (:meth:`~helpers.model.Disclosure.derived`), and in a batch once for all its
    reports (:func:`helpers.cache.cached_findings`).
    """
    from helpers.checks import check

    # the result keeps ``previous`` alive, so that its id in the key stays its own
    return disclosure.derived(("findings", id(previous)), lambda: (
        previous, cached_findings(disclosure, previous,
                                  lambda: check(disclosure, previous=previous))))[1]


# --------------------------------------------------------------------------------------
# Formatting
# --------------------------------------------------------------------------------------


def _is_na(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def wan(value: object) -> str:
    """Format an exact yuan amount as 万元 with two decimals ("—" when blank)."""
    if _is_na(value):
        return "—"
    return format_wan(value)


def percent(value: object, places: int = 1) -> str:
    """Format a ratio (0.125) as a percentage ("12.5%"; "—" when undefined)."""
    if _is_na(value):
        return "—"
    return f"{float(value) * 100:.{places}f}%"


def _text(value: object) -> str:
    return "" if _is_na(value) else str(value)


def _flag(value: object) -> str:
    if _is_na(value):
        return "—"
    return "✓" if bool(value) else "✗"


def _signed_wan(value: object) -> str:
    if _is_na(value):
        return "—"
    return ("+" if Decimal(str(value)) > 0 else "") + wan(value)


_FORMATS = {
    "text": _text,
    # text a reader reads as sentences (a finding's message, a narrative's sentence)
    "prose": _text,
    # a finding's cells, in words (helpers.vocabulary.location_text)
    "location": location_text,
    # an internal key shown by its label (helpers.vocabulary)
    "key": lambda v: "" if _is_na(v) else label(v),
    # a classification code; the 合计 row's key ("total") is no code (its level says 合计)
    "code": lambda v: "" if _is_na(v) or label(v, default="") else str(v),
    "wan": wan,
    "pct": percent,
    "int": lambda v: "—" if _is_na(v) else f"{int(v)}",
    "flag": _flag,
    # a property that is rare and notable when true: blank when false, not a red cross
    "marker": lambda v: "改名 renamed" if not _is_na(v) and bool(v) else "",
    "level": lambda v: "" if _is_na(v) else LEVELS_ZH.get(int(v), str(v)),
    "severity": lambda v: SEVERITIES_ZH.get(_text(v), _text(v)),
    "status": lambda v: STATUSES_ZH.get(_text(v), _text(v)),
    "direction": lambda v: "" if _is_na(v) else DIRECTIONS_ZH.get(str(v), label(v)),
    "signed_wan": _signed_wan,
    "signed_pct": lambda v: "—" if _is_na(v) else f"{float(v) * 100:+.1f}%",
    "score": lambda v: "—" if _is_na(v) else f"{float(v):g}",
    # 决算 execution: a rate outside the band, a reason the text gives for a gap
    "outside_band": lambda v: "超出 outside" if not _is_na(v) and bool(v) else "",
    "reason_stated": lambda v: "—" if _is_na(v) else ("已说明 given" if bool(v)
                                                      else "未说明 none"),
    # a change already in percent (analysis.year_over_year's change_percent)
    "signed_percent": lambda v: "—" if _is_na(v) else f"{float(v):+.2f}%",
}
_RIGHT = {"wan", "pct", "int", "signed_wan", "signed_pct", "signed_percent", "score"}
#: How each kind of column is laid out (every cell, header included). Chinese breaks
#: between any two characters, so a text column without a floor shrinks to one character
#: a line when the table is wide; numbers never break.
_LAYOUT = {
    **{fmt: "text-align: right; white-space: nowrap;" for fmt in _RIGHT},
    "text": "text-align: left; min-width: 4em;",
    "code": "text-align: left; white-space: nowrap;",
    "key": "text-align: left; min-width: 4em;",
    "direction": "text-align: left; white-space: nowrap;",
    "severity": "text-align: left; white-space: nowrap;",
    "status": "text-align: left; white-space: nowrap;",
    "level": "text-align: left; white-space: nowrap;",
    "flag": "text-align: center; white-space: nowrap;",
    "prose": "text-align: left; min-width: 18em;",
    "location": "text-align: left; min-width: 10em; max-width: 22em; font-size: 11px; "
                "color: #59636e; overflow-wrap: anywhere;",
}


def styled(frame: pd.DataFrame, columns: Sequence[tuple[str, str, str]],
           caption: str | None = None, empty: str = "无数据 · no data",
           min_em: float | None = None) -> Any:
    """Return a styled table of ``frame``'s ``columns``, every text escaped.

    Args:
        frame: The data.
        columns: (column, Chinese header, format) triples; formats: text, prose (sentences,
            wide), location (a finding's cells, small), key (an internal key, shown by its
            label), wan (yuan → 万元), pct, int, flag, level, severity, status, direction,
            signed_wan, signed_pct.
        caption: Caption (escaped), bilingual by convention.
        empty: What to show instead of an empty table.
        min_em: The narrowest any column may be, in em (the findings table's floor).

    Returns:
        A :class:`~pandas.io.formats.style.Styler` with a deterministic id, or an HTML note
        when there is nothing to show. Every cell is aligned by its column's format through
        rules scoped to the table's id, which outrank JupyterLab's and nbconvert's table
        style (right-aligned, fixed layout).
    """
    present = [(c, h, f) for c, h, f in columns if c in frame.columns]
    if frame.empty or not present:
        return note(empty) if caption is None else HTML(
            f"{_CSS}<p><strong>{html.escape(caption)}</strong></p>"
            f'<p class="budget-note">{html.escape(empty)}</p>')
    shown = pd.DataFrame({header: [_FORMATS[fmt](v) for v in frame[column].tolist()]
                          for column, header, fmt in present}, dtype=object)
    digest = hashlib.sha256(repr((caption, list(shown.columns), shown.to_numpy().tolist()))
                            .encode("utf-8")).hexdigest()[:10]
    styler = shown.style
    styler.set_uuid(f"b{digest}")
    styler.cell_ids = False
    styler.hide(axis="index")
    styler.format(escape="html", na_rep="—")
    styler.format_index(escape="html", axis=1)
    floor = f" min-width: {min_em}em;" if min_em else ""
    styles = [{"selector": "", "props": "table-layout: auto; margin-left: 0;"}]
    styles += [{"selector": f"td.col{i}, th.col_heading.col{i}",
                "props": _LAYOUT.get(fmt, "text-align: left;") + floor}
               for i, (_, _, fmt) in enumerate(present)]
    styler.set_table_styles(styles)
    styler.set_table_attributes('class="budget-table"')
    if caption:
        styler.set_caption(html.escape(caption))
    return styler


def note(zh: str, en: str | None = None) -> HTML:
    """Return a short note (escaped), Chinese first."""
    text = zh if en is None else f"{zh} · {en}"
    return HTML(f'{_CSS}<p class="budget-note">{html.escape(text)}</p>')


def figure(fig: Any, dpi: int = 150) -> Image | HTML:
    """Return a matplotlib Figure as a PNG image shown at its natural size.

    A chart that has one item only (:class:`helpers.plots.Sentence`) is shown as a note.

    The image's alt text is the chart's title (its panels' titles), for screen readers.
    """
    from helpers.plots import Sentence, figure_png

    if isinstance(fig, Sentence):  # a one-item chart says its figures instead
        return note(str(fig))
    titles = [fig.get_suptitle(), *(axes.get_title() for axes in fig.axes)]
    alt = " / ".join(t.replace("\n", " ") for t in titles if t) or "图表 chart"
    # as metadata: every IPython passes it on, only recent ones take ``alt=``
    return Image(data=figure_png(fig, dpi), format="png", width=int(fig.get_figwidth() * 100),
                 metadata={"alt": alt})


# --------------------------------------------------------------------------------------
# Titles and overview
# --------------------------------------------------------------------------------------


def banner(disclosures: Disclosure | Sequence[Disclosure]) -> HTML:
    """Return the "fictional data" banner when any document is synthetic, else nothing."""
    items = [disclosures] if isinstance(disclosures, Disclosure) else list(disclosures)
    fictional = [d.meta.department or "?" for d in items if d.meta.is_synthetic]
    if not fictional:
        return HTML("")
    names = "、".join(dict.fromkeys(fictional))
    return HTML(f'{_CSS}<div class="budget-banner" role="note">⚠ 示例数据：{html.escape(names)}'
                " 是虚构（合成）的示例文件，不是真实部门的预算，数字仅供演示和教学。"
                "<br>Fictional data: this is a synthetic example document, not a real "
                "department's budget.</div>")


def title(disclosures: Disclosure | Sequence[Disclosure], kind: str = "department") -> HTML:
    """Return the report title (escaped) with the documents' facts beneath it.

    Args:
        disclosures: The report's document(s).
        kind: "department", "year_over_year" or "across_departments".
    """
    items = [disclosures] if isinstance(disclosures, Disclosure) else list(disclosures)
    if not items:
        return HTML(f'{_CSS}<div class="budget-title"><h1>无文件 · no documents</h1></div>')
    first = items[0]
    department = first.meta.department or "未识别部门"
    years = sorted({d.meta.year for d in items if d.meta.year is not None})
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "")
    if kind == "year_over_year":
        heading = f"{department} 部门预算年度对比 {span}"
        english = f"Year over year {span}"
    elif kind == "across_departments":
        heading = f"{span}年 各部门预算比较"
        english = f"Across departments, {span}"
    else:
        stage = "决算" if first.meta.stage == "final" else "预算"
        scope = "单位" if first.meta.scope == "unit" else "部门"
        heading = f"{department} {span}年{scope}{stage}分析报告"
        english = f"Budget disclosure report, {span}"
    facts = "<br>".join(
        html.escape(f"{Path(d.meta.source).name} · {_kind_zh(d)}"
                    f" · {d.meta.year or '年度未识别'} · 格式 {d.meta.format} · 金额单位 "
                    f"{d.meta.unit or '—'} · sha256 {d.meta.sha256[:12]}")
        for d in items[:12])
    more = f"<br>… 共 {len(items)} 份文件" if len(items) > 12 else ""
    return HTML(f'{_CSS}<div class="budget-title"><h1>{html.escape(heading)}</h1>'
                f'<p class="budget-meta">{html.escape(english)} · 报告金额单位：万元 '
                f"(10,000 yuan)<br>{facts}{more}</p></div>")


def _three_public_total(disclosure: Disclosure) -> tuple[object, object]:
    from helpers.analysis import three_public

    frame = three_public(disclosure).set_index("item")
    total = frame["amount_yuan"].get("total") if "total" in frame.index else None
    admin = None
    if "admin_operating" in frame.index:
        row = frame.loc["admin_operating"]
        admin = row["amount_yuan"] if not _is_na(row["amount_yuan"]) else row["stated_yuan"]
    return total, admin


def key_figures(disclosure: Disclosure) -> Any:
    """Return the headline figures (万元) with their share of total expenditure."""
    summary = disclosure.summary()
    three, admin = _three_public_total(disclosure)
    total = summary["expenditure_total_yuan"]
    rows = [
        ("收入总计", "income total", summary["income_total_yuan"]),
        ("支出合计", "expenditure total", total),
        ("基本支出", "basic expenditure", summary["basic_yuan"]),
        ("项目支出", "project expenditure", summary["project_yuan"]),
        ("人员经费", "personnel costs", summary["personnel_yuan"]),
        ("公用经费", "operating costs", summary["public_yuan"]),
        ("“三公”经费", '"three public" costs', three),
        ("机关运行经费", "administrative operating costs", admin),
    ]
    frame = pd.DataFrame([{
        "item": zh, "item_en": en, "amount": amount,
        "share": (float(Decimal(str(amount)) / Decimal(str(total)))
                  if not _is_na(amount) and not _is_na(total) and Decimal(str(total)) else None),
    } for zh, en, amount in rows])
    return styled(frame, [("item", "项目", "text"), ("item_en", "Item", "text"),
                          ("amount", "金额（万元）", "wan"), ("share", "占支出合计", "pct")],
                  caption="主要数字 · Key figures")


def documents(disclosures: Sequence[Disclosure]) -> Any:
    """Return one row per document: department, year, scope, file, tables, findings."""
    rows = []
    for d in disclosures:
        summary = d.summary()
        found = findings(d)
        rows.append({
            "department": d.meta.department, "year": d.meta.year,
            "scope": _kind_zh(d),
            "file": Path(d.meta.source).name, "total": summary["expenditure_total_yuan"],
            "tables": len(d.tables), "anomalies": len(d.anomaly_list),
            "errors": int((found.severity == "error").sum()),
            "warnings": int((found.severity == "warning").sum()),
        })
    return styled(pd.DataFrame(rows), [
        ("department", "部门", "text"), ("year", "年度", "int"), ("scope", "范围", "text"),
        ("file", "文件", "text"), ("total", "支出合计（万元）", "wan"),
        ("tables", "表数", "int"), ("anomalies", "读取异常", "int"),
        ("errors", "错误", "int"), ("warnings", "警告", "int"),
    ], caption="文件 · Documents")


def narrative(disclosure: Disclosure, section: str = "overview", limit: int = 1500) -> HTML:
    """Return one narrative section's text (escaped), cut to ``limit`` characters."""
    sections = disclosure.narrative.sections
    chosen = sections[sections.section == section]
    if chosen.empty:
        return note("文件中未找到该部分说明", "section not found in the document")
    row = chosen.iloc[0]
    text = _text(row["text"]).strip()
    cut = text[:limit] + ("…" if len(text) > limit else "")
    return HTML(f"{_CSS}<p><strong>{html.escape(_text(row['heading']))}</strong></p>"
                f'<div class="budget-narrative">{html.escape(cut)}</div>')


# --------------------------------------------------------------------------------------
# Analyses as tables
# --------------------------------------------------------------------------------------


def personnel_table(frame: pd.DataFrame) -> Any:
    """Return 人员经费 / 公用经费 with their 类/款 lines (frame of personnel_vs_operating)."""
    return styled(frame, [
        ("group_zh", "分组", "text"), ("line_code", "科目编码", "code"),
        ("line_name", "科目名称", "text"), ("amount_yuan", "金额（万元）", "wan"),
        ("share_of_group", "占本组", "pct"), ("share_of_basic", "占基本支出", "pct"),
        ("share_of_total_expenditure", "占支出合计", "pct"),
    ], caption="人员经费与公用经费（基本支出经济分类）· Personnel vs operating costs")


def project_table(frame: pd.DataFrame) -> Any:
    """Return 项目支出 against 基本支出 and each project's share (frame of project_shares)."""
    kinds = {"split": "基本/项目", "function_item": "功能分类项", "named_project": "具名项目"}
    shown = frame.assign(kind_zh=frame["row_kind"].map(lambda k: kinds.get(k, k))) \
        if not frame.empty else frame
    return styled(shown, [
        ("kind_zh", "类别", "text"), ("source_table", "来源表", "key"),
        ("line_code", "科目编码", "code"),
        ("line_name", "名称", "text"), ("measure_zh", "口径（来源表的列）", "text"),
        ("comparator", "比较符", "text"), ("amount_yuan", "金额（万元）", "wan"),
        ("share_of_total_expenditure", "占支出合计", "pct"),
        ("share_of_project", "占项目支出", "pct"),
    ], caption="项目支出占比 · Project spending shares")


def function_table(frame: pd.DataFrame, max_level: int = 3) -> Any:
    """Return the function structure 类/款/项 with basic/project split (function_breakdown)."""
    shown = frame[frame["level"].fillna(0) <= max_level] if not frame.empty else frame
    return styled(shown, [
        ("level", "级次", "level"), ("line_code", "科目编码", "code"),
        ("line_name", "科目名称", "text"), ("amount_yuan", "合计（万元）", "wan"),
        ("basic_yuan", "基本支出", "wan"), ("project_yuan", "项目支出", "wan"),
        ("share_of_total_expenditure", "占支出合计", "pct"),
        ("project_share_of_line", "项目支出占本行", "pct"),
    ], caption="功能分类结构 · Function structure (类 class / 款 section / 项 item)")


def three_public_table(frame: pd.DataFrame, by_department: bool = False) -> Any:
    """Return 三公 items and 机关运行经费 beside the narrative's statements (three_public).

    Args:
        frame: The three_public frame (of one or many disclosures).
        by_department: Show the department and year columns (many disclosures).
    """
    who = [("department", "部门", "text"), ("year", "年度", "int")] if by_department else []
    shown = frame.assign(origin=[_three_public_origin(row) for row in
                                 frame.itertuples(index=False)]) if not frame.empty else frame
    return styled(shown, [
        *who,
        ("item_zh", "项目", "text"), ("amount_yuan", "表列金额（万元）", "wan"),
        ("origin", "金额来源", "text"), ("share_of_basic", "占基本支出", "pct"),
        ("stated_yuan", "文字说明金额（万元）", "wan"), ("matches_stated", "一致", "flag"),
        ("stated_direction", "说明增减", "direction"),
        ("stated_change_yuan", "说明变动（万元）", "signed_wan"),
    ], caption="“三公”经费与机关运行经费 · Three public costs and administrative operating costs")


def _three_public_origin(row: Any) -> str:
    """Return where a 三公 row's table amount comes from, in words.

    :func:`helpers.analysis.three_public` computes the total from the items where the table
    prints none (``is_computed``); an item the table does not list is the narrative's only.
    """
    if not _is_na(row.is_computed) and bool(row.is_computed):
        return "计算（出国+用车+接待）"
    if _is_na(row.line_name):
        return "仅文字说明"
    return "表列（空白）" if _is_na(row.amount_yuan) else "表列"


def execution_table(frame: pd.DataFrame, part: str = "function", max_level: int = 3) -> Any:
    """Return planned against spent per line of a 决算 (:func:`helpers.execution.budget_execution`).

    Args:
        frame: The execution frame of one 决算.
        part: "function" (类 / 款 / 项) or "three_public" (三公 items).
        max_level: The deepest level shown.
    """
    shown = frame[(frame["part"] == part) & (frame["level"].fillna(0) <= max_level)] \
        if not frame.empty else frame
    caption = {"function": "预算执行（按功能分类）· Budget execution by function",
               "three_public": "“三公”经费预算与决算 · Three public costs: budget and outturn"}
    return styled(shown, [
        ("level", "级次", "level"), ("line_code", "科目编码", "code"),
        ("line_name", "科目名称", "text"), ("budget_yuan", "预算数（万元）", "wan"),
        ("outturn_yuan", "决算数（万元）", "wan"), ("difference_yuan", "差额", "signed_wan"),
        ("execution_rate", "执行率", "pct"), ("outside_band", "超出90%–110%", "outside_band"),
        ("reason_stated", "原因", "reason_stated"), ("budget_source", "预算数来源", "text"),
    ] if part == "function" else [
        ("line_name", "项目", "text"), ("budget_yuan", "预算数（万元）", "wan"),
        ("outturn_yuan", "决算数（万元）", "wan"), ("difference_yuan", "差额", "signed_wan"),
        ("execution_rate", "执行率", "pct"), ("outside_band", "超出90%–110%", "outside_band"),
        ("reason_stated", "原因", "reason_stated"),
    ], caption=caption[part])


def execution_reasons(frame: pd.DataFrame) -> Any:
    """Return the reasons the 决算 narrative gives for the gaps, one per line."""
    given = frame[frame["reason"].notna() & (frame["part"] == "function")] \
        if not frame.empty else frame
    return styled(given, [("line_code", "科目编码", "code"), ("line_name", "科目名称", "text"),
                          ("reason", "说明的原因", "text")],
                  caption="文字说明的差异原因 · Reasons the text gives",
                  empty="文字未说明差异原因 · the text gives no reasons")


def self_evaluation_table(disclosure: Disclosure) -> Any:
    """Return each 项目绩效自评表's funds, execution rate and scores, as printed."""
    table = disclosure.tables.get("performance_evaluation")
    frame = table.frame if table is not None else pd.DataFrame()
    return styled(frame, [
        ("project_name", "项目", "text"), ("budget_initial_yuan", "年初预算数（万元）", "wan"),
        ("budget_full_yuan", "全年预算数", "wan"), ("executed_yuan", "全年执行数", "wan"),
        ("execution_rate_printed", "执行率", "text"), ("funds_score", "资金得分", "score"),
        ("total_score", "自评总分", "score"),
    ], caption="项目绩效自评 · Project self-evaluations",
        empty="文件未列示项目绩效自评表 · no self-evaluation forms")


def budget_final_table(frame: pd.DataFrame) -> Any:
    """Return each department-year's 预算 beside its 决算 (analysis.budget_against_final)."""
    return styled(frame, [
        ("year", "年度", "int"), ("budget_expenditure_yuan", "预算支出合计（万元）", "wan"),
        ("final_expenditure_yuan", "决算支出合计", "wan"),
        ("expenditure_difference_yuan", "差额", "signed_wan"),
        ("expenditure_execution_rate", "执行率", "pct"),
        ("budget_three_public_yuan", "“三公”预算", "wan"),
        ("final_three_public_yuan", "“三公”决算", "wan"),
        ("three_public_execution_rate", "“三公”执行率", "pct"),
    ], caption="预算与决算 · Budget against final accounts",
        empty="没有同一年度的预算与决算可比 · no year with both a budget and its 决算")


def balances_table(frame: pd.DataFrame) -> Any:
    """Return the carry-over lines of a 决算's summary tables (:func:`execution.balances`)."""
    return styled(frame, [
        ("table", "表", "key"), ("line_label", "项目", "text"),
        ("line_name", "原文", "text"), ("amount_yuan", "金额（万元）", "wan"),
    ], caption="收支与结转结余 · Income, spending and carry-over")


def procurement_assets(disclosure: Disclosure) -> list[Any]:
    """Return the 政府采购 and 国有资产 tables and narrative figures, where the document has them.

    Returns:
        Displayable objects (tables or notes), in order.
    """
    shown: list[Any] = []
    figures = disclosure.narrative.figures
    stated = figures[figures.figure.isin(["procurement_total", "assets_total"])]
    if not stated.empty:
        labels = {"procurement_total": "政府采购预算（文字说明）",
                  "assets_total": "固定资产总额（文字说明）"}
        shown.append(styled(stated.assign(label=stated.figure.map(labels)), [
            ("label", "项目", "text"), ("amount_yuan", "金额（万元）", "wan"),
            ("sentence", "原文", "text")], caption="文字说明中的数字 · Figures stated in the text"))
    if "procurement" in disclosure.tables:
        frame = disclosure.table("procurement")
        shown.append(styled(frame, [
            ("line_name", "项目", "text"), ("item_name", "采购品目", "text"),
            ("quantity", "数量", "text"), ("unit_price", "单价（万元）", "wan"),
            ("project_budget", "项目预算（万元）", "wan"), ("total", "采购金额（万元）", "wan"),
        ], caption="政府采购预算 · Government procurement"))
    if "assets" in disclosure.tables:
        frame = disclosure.table("assets")
        shown.append(styled(frame, [
            ("line_name", "项目", "text"), ("quantity", "数量", "text"),
            ("value", "金额（万元）", "wan")], caption="国有资产占用 · State-owned assets"))
    if not shown:
        shown.append(note("本文件未列示政府采购或国有资产信息",
                          "the document shows no procurement or asset figures"))
    return shown


# --------------------------------------------------------------------------------------
# Findings and completeness
# --------------------------------------------------------------------------------------


class _CountedTable:
    """A styled table whose display also carries machine-readable counts (as metadata)."""

    def __init__(self, table: Any, counts: dict[str, int]) -> None:
        self.table, self.counts = table, counts

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> tuple[dict, dict]:
        text = ", ".join(f"{severity}: {count}" for severity, count in self.counts.items())
        return ({"text/html": self.table.to_html(), "text/plain": text},
                {FINDING_COUNTS: self.counts})


def findings_summary(findings: pd.DataFrame) -> Any:
    """Return the number of findings per severity (also as output metadata, FINDING_COUNTS)."""
    counts = {s: int((findings.severity == s).sum()) if not findings.empty else 0
              for s in ("error", "warning", "info")}
    table = styled(pd.DataFrame({"severity": list(counts), "count": list(counts.values())}),
                   [("severity", "级别", "severity"), ("count", "条数", "int")],
                   caption="审核发现汇总 · Findings by severity")
    return _CountedTable(table, counts)


def findings_table(findings: pd.DataFrame, limit: int = 200) -> Any:
    """Return the findings (errors first) with messages and amounts in 万元."""
    if findings.empty:
        return note("未发现问题：适用的审核规则全部通过",
                    "no findings: every applicable rule holds")
    shown = findings.head(limit)
    shown = shown.assign(rule=[f"{rule} {title}" for rule, title in
                               zip(shown["rule_id"], shown["title_zh"], strict=True)])
    return styled(shown, [
        ("severity", "级别", "severity"), ("rule", "规则", "text"),
        ("message_zh", "说明", "prose"),
        ("expected_yuan", "应为（万元）", "wan"), ("printed_yuan", "列示（万元）", "wan"),
        ("difference_yuan", "差额（万元）", "signed_wan"), ("locations", "位置", "location"),
    ], caption="审核发现 · Audit findings", min_em=8)


def completeness_table(checklist: pd.DataFrame) -> Any:
    """Return the disclosure checklist with the share of items present."""
    score = checklist.is_present.mean() if not checklist.empty else float("nan")
    return styled(checklist, [("item_zh", "公开内容", "text"), ("item_en", "Item", "text"),
                              ("is_present", "已公开", "flag")],
                  caption=f"公开完整性 · Completeness checklist（{percent(score)}）")


def anomalies(disclosure: Disclosure, limit: int = 50) -> Any:
    """Return the problems tolerated while reading the document."""
    frame = disclosure.anomalies
    return styled(frame.head(limit), [
        ("kind", "类型", "key"), ("message", "说明", "prose"), ("table", "表", "key"),
        ("row", "行", "int"), ("column", "列", "key"), ("text", "原文", "text"),
    ], caption=f"读取异常 · Anomalies met while reading（{len(frame)}）",
        empty="读取时未遇到异常 · no anomalies")


def compared_with_previous(disclosure: Disclosure, earlier: Disclosure | None) -> Any:
    """Return the headline changes against the previous year's document, when given."""
    if earlier is None:
        return note("未提供上年文件，不作年度对比（参数 previous）",
                    "no previous-year document given (parameter previous)")
    from helpers.analysis import year_over_year

    return yoy_lines(year_over_year([earlier, disclosure]), "headline")


def findings_by_document(disclosures: Sequence[Disclosure]) -> Any:
    """Return finding counts per document, each checked against its previous year if given."""
    from helpers.corpus import pair_previous

    rows = []
    for d, earlier in pair_previous(disclosures):
        found = findings(d, previous=earlier)
        rows.append({"department": d.meta.department, "year": d.meta.year,
                     **{s: int((found.severity == s).sum())
                        for s in ("error", "warning", "info")},
                     "rules": ", ".join(sorted(set(found.rule_id.tolist())))})
    return styled(pd.DataFrame(rows), [
        ("department", "部门", "text"), ("year", "年度", "int"), ("error", "错误", "int"),
        ("warning", "警告", "int"), ("info", "提示", "int"), ("rules", "涉及规则", "text"),
    ], caption="审核发现 · Findings per document")


# --------------------------------------------------------------------------------------
# Year over year and across departments
# --------------------------------------------------------------------------------------


def yoy_lines(frame: pd.DataFrame, table: str = "headline", max_level: int = 3,
              measure: str | None = "total") -> Any:
    """Return year-over-year lines of one table: amounts, change, status (year_over_year).

    Args:
        frame: The year_over_year frame.
        table: "headline", "three_public" or a table key (expenditure_summary…).
        max_level: Deepest level shown (1 类, 2 款, 3 项).
        measure: Measure shown for line tables (None: all).
    """
    rows = frame[frame["table"] == table] if not frame.empty else frame
    if not rows.empty and table not in ("headline", "three_public"):
        rows = rows[rows["level"].fillna(0) <= max_level]
        if measure is not None:
            rows = rows[rows["measure"] == measure]
    shown = rows.assign(name=rows["name_to"].fillna(rows["name_from"])) if not rows.empty \
        else rows
    name = {"headline": "主要指标", "three_public": "“三公”经费与机关运行经费"}.get(table) \
        or label(table)
    # headline and 三公 rows are keyed by item (income_total, abroad), not by a
    # classification code: no level and no code to show, only their names
    classified = table not in ("headline", "three_public")
    where = [("level", "级次", "level"), ("line_code", "编码", "code")] if classified else []
    return styled(shown, [
        ("year_from", "上年", "int"), ("year_to", "本年", "int"), *where,
        ("name", "名称", "text"),
        ("status", "状态", "status"), ("is_renamed", "名称变化", "marker"),
        ("amount_from_yuan", "上年（万元）", "wan"), ("amount_to_yuan", "本年（万元）", "wan"),
        ("change_yuan", "增减（万元）", "signed_wan"),
        ("change_percent", "增减率", "signed_percent"),
    ], caption=f"年度对比：{name} · Year over year")


def _agrees_as_printed(stated: object, computed: object) -> bool:
    """Return whether a stated change matches the computed one at the text's precision.

    The narrative prints 万元 with at most two decimals: "减少876.75万元" agrees with a
    computed −876.7517 万元. (Rule Y01 of the checks makes the exact, per-figure test.)
    """
    return abs(Decimal(str(stated)) - Decimal(str(computed))) <= Decimal(50)


def yoy_stated(frame: pd.DataFrame) -> Any:
    """Return the narrative's stated changes beside the computed ones."""
    rows = frame[frame["stated_source"].notna()] if not frame.empty else frame
    if not rows.empty:
        rows = rows.assign(name=rows["name_to"].fillna(rows["name_from"]),
                           agrees=[_is_na(s) or _is_na(c) or _agrees_as_printed(s, c)
                                   for s, c in zip(rows["stated_change_yuan"],
                                                   rows["change_yuan"], strict=True)])
    return styled(rows, [
        ("year_to", "年度", "int"), ("name", "名称", "text"),
        ("change_yuan", "计算增减（万元）", "signed_wan"),
        ("stated_direction", "说明方向", "direction"),
        ("stated_change_yuan", "说明增减（万元）", "signed_wan"),
        ("stated_prior_yuan", "说明所指上年（万元）", "wan"), ("agrees", "一致", "flag"),
    ], caption="文字说明的增减与计算结果（支出主要内容的“上年”为上年预算执行数，可与上年预算不同）"
               " · Stated changes vs computed (the spending items' prior figure is last year's "
               "outturn, which may differ from last year's budget)",
        empty="文字说明未陈述与上年的比较 · the narrative states no change against last year")


def league_table(frame: pd.DataFrame) -> Any:
    """Return one row per department-year with the key ratios (across_departments)."""
    ordered = frame.sort_values("expenditure_total_yuan", ascending=False) \
        if not frame.empty else frame
    return styled(ordered, [
        ("department", "部门", "text"), ("year", "年度", "int"),
        ("expenditure_total_yuan", "支出合计（万元）", "wan"), ("basic_yuan", "基本支出", "wan"),
        ("project_yuan", "项目支出", "wan"), ("personnel_yuan", "人员经费", "wan"),
        ("public_yuan", "公用经费", "wan"), ("three_public_yuan", "“三公”经费", "wan"),
        ("personnel_share_of_basic", "人员经费占基本支出", "pct"),
        ("project_share_of_total", "项目支出占比", "pct"),
        ("three_public_share_of_basic", "三公占基本支出", "pct", ),
        ("expenditure_growth", "支出增长", "signed_pct"),
    ], caption="各部门主要指标 · Key figures and ratios by department")


# --------------------------------------------------------------------------------------
# Exploration (widgets when available, static otherwise)
# --------------------------------------------------------------------------------------


def _measure_columns(frame: pd.DataFrame) -> list[tuple[str, str, str]]:
    columns: list[tuple[str, str, str]] = []
    for column in frame.columns:
        if column in ("row", "page", "line"):
            continue
        if column in ("line_code", "line_name"):
            columns.append((column, {"line_code": "编码", "line_name": "名称"}[column],
                            {"line_code": "code", "line_name": "text"}[column]))
        elif column == "level":
            columns.append((column, "级次", "level"))
        elif isinstance(frame[column].dtype, pd.ArrowDtype) and \
                "decimal" in str(frame[column].dtype):
            columns.append((column, label(column) + "（万元）", "wan"))
        else:
            columns.append((column, label(column), "text"))
    return columns


def browse_table(disclosures: Sequence[Disclosure], document: int = 0,
                 table: str = "expenditure_summary") -> Any:
    """Return any table of one document, amounts in 万元."""
    disclosure = disclosures[document]
    if table not in disclosure.tables:
        return note(f"该文件没有此表：{label(table)}；可选："
                    f"{'、'.join(label(key) for key in sorted(disclosure.tables))}")
    frame = disclosure.table(table)
    return styled(frame, _measure_columns(frame),
                  caption=f"{disclosure.meta.department} {disclosure.meta.year} · {label(table)}")


def drill(disclosures: Sequence[Disclosure], document: int = 0, class_code: str = "") -> Any:
    """Return the function lines under one 类 (all 类 when ``class_code`` is empty)."""
    from helpers.analysis import function_breakdown

    frame = function_breakdown(disclosures[document])
    if frame.empty:
        return function_table(frame)
    if class_code:
        frame = frame[(frame["class_code"] == class_code) | (frame["level"] == 0)]
        return function_table(frame)
    return function_table(frame[frame["level"] <= 1])


def filter_findings(disclosures: Sequence[Disclosure], severity: str = "",
                    rule: str = "") -> Any:
    """Return the findings of every document, filtered by severity and rule id prefix."""
    frames = [findings(d) for d in disclosures]
    found = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if not found.empty and severity:
        found = found[found.severity == severity]
    if not found.empty and rule:
        found = found[found.rule_id.str.startswith(rule.upper())]
    return findings_table(found)


class Explorer:
    """Controls (ipywidgets) above one view they redraw: what :func:`explorer` displays.

    The view is an ordinary output with a display id, not a widget's content: a notebook
    run headless (papermill) keeps it and its HTML page shows it, as JupyterLab shows it
    before a control is touched. Where no widget renderer runs, the controls read as a note.
    """

    def __init__(self, controls: Sequence[Any], view: Any) -> None:
        self.controls = list(controls)
        self._view = view
        self._shown: Any = None
        for control in self.controls:
            control.observe(self.refresh, names="value")

    def _ipython_display_(self) -> None:
        import ipywidgets as widgets
        from IPython.display import display

        bundle = widgets.HBox(self.controls)._repr_mimebundle_()
        bundle["text/plain"] = "（下拉框在 JupyterLab 中可用 · the controls work in JupyterLab）"
        display(bundle, raw=True)
        self._shown = display(self._view(), display_id=True)

    def refresh(self, *_: object) -> None:
        """Redraw the view for the controls' values."""
        if self._shown is not None:
            self._shown.update(self._view())


def explorer(disclosures: Sequence[Disclosure], view: str = "table", document: int = 0,
             table: str = "expenditure_summary", class_code: str = "", severity: str = "",
             interactive: bool = True) -> Any:
    """Return controls (ipywidgets) above one view (:class:`Explorer`), or the view alone.

    Args:
        disclosures: The loaded documents.
        view: "table" (any table), "drill" (类 → 项) or "findings".
        document: Index of the document shown first.
        table: Table kind shown first.
        class_code: 类 code to drill into ("" lists the 类).
        severity: Findings severity filter ("" for all).
        interactive: Give the view controls (when ipywidgets is installed); else return
            the view itself.
    """
    static = {
        "table": lambda doc, tab, code, sev: browse_table(disclosures, doc, tab),
        "drill": lambda doc, tab, code, sev: drill(disclosures, doc, code),
        "findings": lambda doc, tab, code, sev: filter_findings(disclosures, sev),
    }[view]
    if not interactive:
        return static(document, table, class_code, severity)
    try:
        import ipywidgets as widgets
    except ImportError:
        return static(document, table, class_code, severity)
    labels = [(f"{d.meta.department} {d.meta.year}", i) for i, d in enumerate(disclosures)]
    pick_document = widgets.Dropdown(options=labels, value=document, description="文件")
    kinds = sorted({k for d in disclosures for k in d.tables})
    pick_table = widgets.Dropdown(options=[(label(k), k) for k in kinds],
                                  value=table if table in kinds else (kinds[0] if kinds else None),
                                  description="表")
    pick_class = widgets.Text(value=class_code, description="类编码")
    pick_severity = widgets.Dropdown(options=[("全部", ""), ("错误", "error"),
                                              ("警告", "warning"), ("提示", "info")],
                                     value=severity, description="级别")
    controls = {"table": [pick_document, pick_table], "drill": [pick_document, pick_class],
                "findings": [pick_severity]}[view]
    return Explorer(controls, lambda: static(pick_document.value, pick_table.value,
                                             pick_class.value, pick_severity.value))
