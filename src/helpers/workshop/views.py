"""What the workshop notebooks display: single cells, tables, the glossary, hints, verdicts.

Amounts are in 万元 as the reports show them (exact, two decimals). The boxes (hints,
verdicts) are small bilingual HTML blocks; tables go through :func:`helpers.report.styled`.
"""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

import pandas as pd
from IPython.display import HTML

from helpers.catalog import KINDS_BY_KEY
from helpers.model import Disclosure
from helpers.money import UNIT_FACTORS, round_wan
from helpers.workshop.content import GLOSSARY, HINTS, NINE_TABLES
from helpers.workshop.datasets import Workshop, answer_key, current

__all__ = ["answer_sheet", "box", "cell", "glossary", "hint", "relations", "show",
           "tables_overview"]

_WAN = UNIT_FACTORS["万元"]


def _wan(yuan: object) -> Decimal | None:
    if yuan is None or yuan is pd.NA or (isinstance(yuan, float) and pd.isna(yuan)):
        return None
    return round_wan(yuan)


def _find_row(frame: pd.DataFrame, line: object) -> pd.Series | None:
    text = str(line).strip()
    if text in ("合计", "total", "总计"):
        rows = frame[frame["level"] == 0]
        return rows.iloc[0] if not rows.empty else None
    for column in ("line_code", "line_name"):
        rows = frame[frame[column].astype("string").str.strip() == text]
        if not rows.empty:
            return rows.iloc[0]
    rows = frame[frame["line_name"].astype("string").str.contains(text, regex=False,
                                                                  na=False)]
    return rows.iloc[0] if not rows.empty else None


def cell(disclosure: Disclosure, table: str, line: object, column: str = "total") -> Decimal | None:
    """Return one printed amount in 万元, like pointing at a spreadsheet cell.

    Args:
        disclosure: A loaded document.
        table: Table key ("expenditure_summary").
        line: Line code ("301"), line name ("公务接待费") or "合计".
        column: Column key ("total", "basic", "project", "personnel", "public"…).

    Returns:
        The amount in 万元 (exact, two decimals), or None when the cell is blank or absent.
    """
    if table not in disclosure.tables:
        return None
    frame = disclosure.table(table)
    found = _find_row(frame, line)
    if found is None or column not in frame.columns:
        return None
    return _wan(found[column])


def show(disclosure: Disclosure, table: str = "expenditure_summary") -> Any:
    """Return one table of a document for display, amounts in 万元."""
    from helpers.report import browse_table

    return browse_table([disclosure], 0, table)


def tables_overview(disclosure: Disclosure) -> Any:
    """Return the nine standard tables: name, English, key, what it shows, printed here?"""
    from helpers.report import styled

    rows = []
    for number, (key, what) in enumerate(NINE_TABLES, start=1):
        kind = KINDS_BY_KEY[key]
        printed = key in disclosure.tables
        lines = len(disclosure.table(key)) if printed else 0
        rows.append({"number": number, "zh": kind.zh, "en": kind.en, "key": key, "what": what,
                     "printed": "有 yes" if printed else "缺 missing",
                     "lines": lines})
    return styled(pd.DataFrame(rows), [
        ("number", "序号", "int"), ("zh", "表", "text"), ("en", "Table", "text"),
        ("key", "代码 key", "text"), ("what", "内容", "text"), ("printed", "本文件", "text"),
        ("lines", "行数", "int")], caption="九张标准表 · The nine standard tables")


def relations(disclosure: Disclosure) -> Any:
    """Return the chain 收支总表 → 支出总表 → 基本支出表 with each linked pair of figures."""
    from helpers.report import styled

    links = [
        ("收支总表 本年支出合计", "income_expenditure_summary", "本年支出合计", "expenditure",
         "支出总表 合计", "expenditure_summary", "合计", "total"),
        ("支出总表 合计·基本支出", "expenditure_summary", "合计", "basic",
         "基本支出表 合计", "general_budget_basic_expenditure", "合计", "total"),
        ("基本支出表 人员经费", "general_budget_basic_expenditure", "合计", "personnel",
         "301 工资福利 + 303 对个人和家庭的补助", "general_budget_basic_expenditure", "301+303",
         "total"),
        ("基本支出表 公用经费", "general_budget_basic_expenditure", "合计", "public",
         "302 商品和服务支出", "general_budget_basic_expenditure", "302", "total"),
    ]
    rows = []
    for left, t1, l1, c1, right, t2, l2, c2 in links:
        a = cell(disclosure, t1, l1, c1)
        if "+" in l2:
            parts = [cell(disclosure, t2, code, c2) for code in l2.split("+")]
            b = sum((p for p in parts if p is not None), Decimal(0)) if any(
                p is not None for p in parts) else None
        else:
            b = cell(disclosure, t2, l2, c2)
        same = None if a is None or b is None else a == b
        rows.append({"left": left, "a": a * _WAN if a is not None else None, "right": right,
                     "b": b * _WAN if b is not None else None, "same": same})
    return styled(pd.DataFrame(rows), [
        ("left", "这一格", "text"), ("a", "万元", "wan"), ("right", "应等于", "text"),
        ("b", "万元 ", "wan"), ("same", "相等", "flag")],
        caption="表与表的关系 · How the tables link")


def glossary() -> Any:
    """Return the glossary (名词解释): Chinese term, English term, explanation."""
    from helpers.report import styled

    frame = pd.DataFrame(GLOSSARY, columns=["zh", "en", "what"])
    return styled(frame, [("zh", "名词", "text"), ("en", "English", "text"),
                          ("what", "解释", "text")], caption="名词解释 · Glossary")


def hint(question: str) -> HTML:
    """Return the hint of one exercise ("1.2"), Chinese first."""
    zh, en = HINTS.get(str(question), ("没有这道题的提示。", "No hint for this question."))
    return HTML(f'<div style="background:#eef6ff;border-left:4px solid #4a90d9;'
                f'padding:.5em 1em;margin:.4em 0"><b>提示 {html.escape(str(question))}</b>：'
                f"{html.escape(zh)}<br><i>Hint: {html.escape(en)}</i></div>")


def box(mark: str, zh: str, en: str, color: str) -> HTML:
    """Return a bilingual box: a mark, the Chinese text in bold, the English below."""
    return HTML(f'<div class="workshop-verdict" style="background:{color};padding:.45em 1em;'
                f'border-radius:6px;margin:.3em 0"><b>{html.escape(mark)} {html.escape(zh)}</b>'
                f"<br><i>{html.escape(en)}</i></div>")


def answer_sheet(workshop: Workshop | None = None) -> Any:
    """Return the answer key as a table (for teachers: shown in the solutions only)."""
    from helpers.report import styled

    current_ = current(workshop)
    rows = []
    for defect in answer_key(current_.seed):
        location = defect["location"]
        where = " · ".join(f"{k}={v}" for k, v in location.items() if k != "sentence")
        rows.append({"kind": defect["kind"], "rule": defect["rule_id"],
                     "description": defect["description"], "where": where,
                     "expected": defect["expected"], "printed": defect["printed"]})
    return styled(pd.DataFrame(rows), [
        ("rule", "规则", "text"), ("kind", "类型", "text"), ("description", "说明", "text"),
        ("where", "位置", "text"), ("expected", "应为", "text"), ("printed", "列示", "text")],
        caption="答案（教师用）· Answer key (teachers)")

