"""Analyses of disclosures: breakdowns and comparisons, each returned as a tidy DataFrame.

Every function takes :class:`~helpers.model.Disclosure` objects and returns a frame whose
amounts are exact (``*_yuan`` columns of :data:`~helpers.money.AMOUNT_DTYPE`, computed with
:class:`~decimal.Decimal`), and whose ratios are float64 columns named ``share_of_*`` (or
``*_share_of_*``), computed from the exact amounts and meant for display only. Every frame
starts with ``department`` and ``year`` so that frames of many disclosures concatenate.

Where the figures come from (and the quirks of the sources met on the way):

* 人员经费 / 公用经费 are read from the 一般公共预算基本支出 economic-classification table
  (``general_budget_basic_expenditure``): its 合计 row prints them in the 人员经费 and
  公用经费 columns. In the seed (秦皇岛市海港区司法局 2023) 合计 prints 基本支出 1100.58 =
  人员经费 984.57 (301 工资福利支出 932.74 + 303 对个人和家庭的补助 51.83) + 公用经费 116.01
  (302 商品和服务支出); the 支出总表 合计 is 1295.78. Where the 合计 row does not print a
  group, it is computed from the 类 rows (301 + 303, 302) and the row says so.
* The table covers 一般公共预算财政拨款 basic expenditure only; shares "of total
  expenditure" divide by the 支出总表 合计 (all funds). In the seed both bases coincide;
  in 社会福利院 2024 the 支出总表 also holds 262万元 of 事业收入-funded projects.
* The seed's 三公 table has no total row (14.16 is stated in the narrative only): the total
  is computed from the items (因公出国 + 公务用车购置及运维 + 公务接待) and flagged
  ``is_computed``. Hebei 三公 tables do not carry 机关运行经费; Shanghai ones do.
* 绩效目标表 成本指标 are bounds ("≤20万元", "≥10万元"), not spending: they are shown as
  named projects with their comparator and ``is_bound``, never added to 项目支出. The
  Shanghai 绩效目标填报表 print the project's funds (项目资金总额, 年度资金申请总额,
  当年财政拨款); 万里 2023 prints one 当年财政拨款 above its own total, shown as printed.
* A blank cell is not zero (no amount is invented), but a blank basic/project cell counts
  as 0 in a share or a sum, as it does in the printed totals.
* The narrative's 支出主要内容 list names lines by 类/款/项 *names*, not codes, and states
  prior amounts rounded to 0.01 万元 (and sometimes the prior year's 执行数, not its
  budget); its items are matched to 项 lines by names (falling back to 款 + 项 names when
  the 类 was renamed, as 社会福利院 2024 prints the old 医疗卫生与计划生育支出).

Why one module of ~1,000 lines: the seven analyses (one section each, in report order)
share the small exact helpers (``_level0``, ``_total_row``, ``_cell``, ``_figure``) and the
vocabularies (:data:`GROUP_LABELS`, :data:`HEADLINES`, :data:`THREE_PUBLIC_LABELS`), and
notebooks call them as ``analysis.<name>``; a module per analysis would each import the same
helpers back. Their frames are defined in :mod:`helpers.schema`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from decimal import Decimal

import numpy as np
import pandas as pd

from helpers.catalog import KINDS_BY_KEY, MEASURES
from helpers.execution import budget_execution
from helpers.model import Disclosure
from helpers.money import AMOUNT_DTYPE, amount_or_zero, as_amount
from helpers.schema import (
    ACROSS_COLUMNS,
    BUDGET_FINAL_COLUMNS,
    FUNCTION_COLUMNS,
    PERSONNEL_COLUMNS,
    PROJECT_COLUMNS,
    THREE_PUBLIC_COLUMNS,
    YOY_COLUMNS,
    Column,
    dtypes,
    make_frame,
    validate_frame,
)

__all__ = [
    "GROUP_LABELS",
    "HEADLINES",
    "THREE_PUBLIC_LABELS",
    "across_departments",
    "budget_against_final",
    "budget_execution",
    "function_breakdown",
    "personnel_vs_operating",
    "project_shares",
    "three_public",
    "year_over_year",
]

#: Economic 类 code → personnel/public (公用经费, operating costs) group (DESIGN.md §1).
ECONOMIC_GROUPS: dict[str, str] = {"301": "personnel", "303": "personnel", "302": "public"}

#: Group key → (zh, en) label.
GROUP_LABELS: dict[str, tuple[str, str]] = {
    "basic": ("基本支出", "basic expenditure"),
    "personnel": ("人员经费", "personnel costs"),
    "public": ("公用经费", "operating costs"),
    "other": ("其他基本支出", "other basic expenditure"),
}

#: 三公 item key → (narrative figure key, zh label, en label), in report order.
THREE_PUBLIC_LABELS: dict[str, tuple[str, str, str]] = {
    "total": ("three_public_total", "“三公”经费合计", '"three public" total'),
    "abroad": ("three_public_abroad", "因公出国（境）费", "official travel abroad"),
    "vehicle": ("three_public_vehicle", "公务用车购置及运行费", "official vehicles"),
    "vehicle_purchase": ("three_public_vehicle_purchase", "公务用车购置费", "vehicle purchase"),
    "vehicle_operation": ("three_public_vehicle_operation", "公务用车运行费",
                          "vehicle operation"),
    "reception": ("three_public_reception", "公务接待费", "official reception"),
    "admin_operating": ("admin_operating_total", "机关运行经费",
                        "administrative operating costs"),
}
_THREE_PUBLIC_TOP = ("abroad", "vehicle", "reception")

#: Headline key → (table, measure, line_code or None for the 合计 row, narrative figure).
HEADLINES: dict[str, tuple[str, str, str | None, str | None]] = {
    "income_total": ("income_summary", "total", None, "income_total"),
    "fiscal_grant_income": ("income_summary", "fiscal_grant", None, "fiscal_grant_income"),
    "expenditure_total": ("expenditure_summary", "total", None, "expenditure_total"),
    "basic": ("expenditure_summary", "basic", None, None),
    "project": ("expenditure_summary", "project", None, None),
    "personnel": ("general_budget_basic_expenditure", "personnel", None, None),
    "public": ("general_budget_basic_expenditure", "public", None, None),
}
_HEADLINE_LABELS: dict[str, str] = {
    "income_total": "收入总计",
    "fiscal_grant_income": "财政拨款收入",
    "expenditure_total": "支出合计",
    "basic": "基本支出",
    "project": "项目支出",
    "personnel": "人员经费",
    "public": "公用经费",
}

_LINE_SHAPES = ("lines", "items")
_COMPARATOR_BOUNDS = {"≥", "≤", ">", "<"}
_SPACE = re.compile(r"\s+")
_NUMBERING = re.compile(r"^[一二三四五六七八九十]+、|^\d+[.．、]\s*")


# --------------------------------------------------------------------------------------
# Small exact helpers
# --------------------------------------------------------------------------------------


def _ratio(numerator: Decimal | None, denominator: Decimal | None) -> float:
    """Return numerator / denominator as a float for display (NaN when undefined)."""
    if numerator is None or denominator is None or denominator == 0:
        return float("nan")
    return float(numerator / denominator)


def _compact(text: object) -> str:
    if text is None or text is pd.NA:
        return ""
    return _SPACE.sub("", str(text))


def _clean_name(text: object) -> str:
    return _NUMBERING.sub("", _compact(text))


def _finish(rows: list[dict], columns: tuple[Column, ...]) -> pd.DataFrame:
    """Build a frame with exactly ``columns`` (:mod:`helpers.schema`) from row dicts.

    Amount cells become exact decimals and ratio cells floats (None → NaN) before the
    frame is typed by :func:`helpers.schema.make_frame`.
    """
    types = dtypes(columns)

    def clean(name: str, value: object) -> object:
        if types[name] is AMOUNT_DTYPE:
            return as_amount(value)
        if types[name] == "float64":
            return float("nan") if value is None else float(value)
        return value

    # the boundary: every analysis returns through here, checked against its definition
    return validate_frame(make_frame([{name: clean(name, row.get(name)) for name in types}
                                      for row in rows], columns), columns)


def _ident(disclosure: Disclosure) -> dict[str, object]:
    return {"department": disclosure.meta.department, "year": disclosure.meta.year}


def _table(disclosure: Disclosure, kind: str) -> pd.DataFrame | None:
    table = disclosure.tables.get(kind)
    return None if table is None else table.frame


def _total_row(frame: pd.DataFrame | None) -> pd.Series | None:
    """Return the 合计 (level 0) figures of a wide table, or None.

    A table printed as side-by-side blocks (the 决算 基本支出 table) has a 合计 row per
    block ("人员经费合计", "公用经费合计"): each column's figure comes from the row printing it.
    """
    if frame is None or frame.empty:
        return None
    positions = np.flatnonzero((frame["level"] == 0).fillna(False).to_numpy(dtype=bool))
    if len(positions) == 1:  # the usual one 合计 row: no fill (a cross-department report
        return frame.iloc[positions[0]]  # asks for 200 of them; bfill costs 2 ms each)
    return None if len(positions) == 0 else frame.iloc[positions].bfill().iloc[0]


_FUNDS = ("general_budget", "gov_fund", "state_capital")


def _item_amount(row: pd.Series | None) -> Decimal | None:
    """Return a 三公 item's amount: its 合计, or the sum of the funds it is printed by.

    Some tables split every item by fund (一般公共预算 | 政府性基金 | 国有资本经营) and print
    no all-funds column; the funds, each printed, add up exactly.
    """
    amount = _cell(row, "total")
    if amount is not None or row is None:
        return amount
    funds = [value for fund in _FUNDS if (value := _cell(row, fund)) is not None]
    return sum(funds, Decimal(0)) if funds else None


def _line_total(line: pd.Series) -> Decimal | None:
    """Return a line's own amount: its 合计 column, else the one amount its block prints."""
    for measure in ("total", "personnel", "public"):
        if measure in line.index and not pd.isna(line[measure]):
            return as_amount(line[measure])
    return None


def _cell(row: pd.Series | None, measure: str) -> Decimal | None:
    if row is None or measure not in row.index:
        return None
    return as_amount(row[measure])


def _level_sum(frame: pd.DataFrame | None, measure: str, level: int = 1) -> Decimal | None:
    if frame is None or measure not in frame.columns:
        return None
    values = [as_amount(v) for v in frame.loc[frame["level"] == level, measure]]
    values = [v for v in values if v is not None]
    return sum(values, Decimal(0)) if values else None


def _level0(frame: pd.DataFrame | None, measure: str) -> tuple[Decimal | None, bool]:
    """Return the 合计 row's ``measure`` (or the sum of 类 rows) and whether it was computed."""
    printed = _cell(_total_row(frame), measure)
    if printed is not None:
        return printed, False
    computed = _level_sum(frame, measure)
    return computed, computed is not None


def _expenditure_total(disclosure: Disclosure) -> Decimal | None:
    for kind in ("expenditure_summary", "general_budget_expenditure"):
        total, _ = _level0(_table(disclosure, kind), "total")
        if total is not None:
            return total
    return None


def _figure(disclosure: Disclosure, key: str) -> pd.Series | None:
    """Return the first narrative figure stated under ``key``, or None."""
    figures = disclosure.narrative.figures
    if figures is None or figures.empty:
        return None
    # where each key is first stated, found in one pass (a mask per key cost 3 ms each)
    _, first = disclosure.derived(("first_figures", id(figures)), lambda: (figures, {
        figure: position for position, figure in reversed(list(enumerate(figures["figure"])))}))
    position = first.get(key)
    return None if position is None else figures.iloc[position]


def _signed_change(figure: pd.Series | None) -> Decimal | None:
    """Return the stated change as a signed amount (decrease negative, flat 0)."""
    if figure is None:
        return None
    direction = figure.get("direction")
    change = as_amount(figure.get("change_yuan"))
    if direction == "flat":
        return Decimal("0.00")
    if change is None:
        return None
    return -change if direction == "decrease" else change


def _text(value: object) -> str | None:
    if value is None or value is pd.NA:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def _int(value: object) -> int | None:
    text = _text(value)
    return None if text is None else int(float(text))


# --------------------------------------------------------------------------------------
# Personnel versus operating costs
# --------------------------------------------------------------------------------------




def _once_per_disclosure(disclosure: Disclosure, key: str,
                         analysis: Callable[[Disclosure], pd.DataFrame]) -> pd.DataFrame:
    """Return ``analysis(disclosure)``, computed once per disclosure; a copy each call.

    A cross-department report needs the same analyses for its league table and for its
    charts and tables (:meth:`helpers.model.Disclosure.derived`). Called from the public
    function's body rather than applied as a decorator: mutmut does not mutate decorated
    functions, and these analyses are the ones whose shares must be mutation-tested.
    """
    return disclosure.derived(key, lambda: analysis(disclosure)).copy()


#: The tables 基本支出 is read from, best first: a document without a 一般公共预算 one
#: prints it for appropriations (Jiangsu) or for all funds (Shenzhen, Guangzhou).
BASIC_TABLES = ("general_budget_basic_expenditure", "fiscal_grant_basic_expenditure",
                "basic_expenditure")
_TABLE_NOTES = {"fiscal_grant_basic_expenditure": " (财政拨款基本支出表)",
                "basic_expenditure": " (基本支出总表, all funds)"}


def personnel_vs_operating(disclosure: Disclosure) -> pd.DataFrame:
    """Split 基本支出 into 人员经费 (301 + 303) and 公用经费 (302), with the 类/款 breakdown.

    Source: the ``general_budget_basic_expenditure`` table (economic classification), else
    the first of :data:`BASIC_TABLES` printed (the basis says which). The basic total and
    the two groups come from its 合计 row (人员经费 and 公用经费 columns) where printed, else
    from the 类 rows; every 类 and 款 row follows its group (in a table of 人员经费 |
    公用经费 blocks, the block it is printed in).

    Args:
        disclosure: One loaded disclosure.

    Returns:
        One row per ``row_kind``: ``total`` (基本支出), ``group`` (personnel / public /
        other), ``class`` (301, 302, 303…), ``section`` (30101 基本工资, 30201 办公费…).
        Columns: department, year, row_kind, group, group_zh, line_code, line_name, level,
        amount_yuan, share_of_group, share_of_basic, share_of_total_expenditure (÷ the
        支出总表 合计), basis (where the amount comes from). Empty when the document has no
        basic-expenditure table.
    """
    return _once_per_disclosure(disclosure, "personnel_vs_operating", _personnel_vs_operating)


def _personnel_vs_operating(disclosure: Disclosure) -> pd.DataFrame:
    """Compute :func:`personnel_vs_operating` (uncached)."""
    kind = next((kind for kind in BASIC_TABLES
                 if _table(disclosure, kind) is not None and not _table(disclosure, kind).empty),
                None)
    if kind is None:
        return _finish([], PERSONNEL_COLUMNS)
    frame = _table(disclosure, kind)
    ident = _ident(disclosure)
    total_expenditure = _expenditure_total(disclosure)
    total_row = _total_row(frame)
    lines = frame[frame["level"].isin([1, 2]) & frame["line_code"].notna()]
    # a table printing 人员经费 | 公用经费 (as columns or as blocks) says each line's group
    # by the column its figure is in: 310 资本性支出 printed under 公用经费 is 公用经费 there
    # (Hangzhou, Putuo), and grouping it by its code would count it twice
    split = {"personnel", "public"} <= set(frame.columns)

    def group_of(line: pd.Series) -> str:
        if split:
            personnel = amount_or_zero(line["personnel"]) != 0
            public = amount_or_zero(line["public"]) != 0
            if personnel != public:
                return "personnel" if personnel else "public"
        return ECONOMIC_GROUPS.get(line["line_code"][:3], "other")

    class_sums: dict[str, Decimal] = {}
    for _, row in lines[lines["level"] == 1].iterrows():
        group = group_of(row)
        class_sums[group] = class_sums.get(group, Decimal(0)) + amount_or_zero(_line_total(row))

    basic = _cell(total_row, "total")
    basic_basis = "合计 row, 合计 column" + _TABLE_NOTES.get(kind, "")
    if basic is None:
        basic = sum(class_sums.values(), Decimal(0)) if class_sums else None
        basic_basis = "computed: sum of 类 rows"
    groups: dict[str, tuple[Decimal | None, str]] = {}
    printed_columns = {"personnel": ("personnel", "人员经费"), "public": ("public", "公用经费")}
    for group in ("personnel", "public", "other"):
        codes = "+".join(code for code, g in ECONOMIC_GROUPS.items() if g == group)
        printed = None
        if group in printed_columns:
            column, zh = printed_columns[group]
            printed = _cell(total_row, column)
        if printed is not None:
            groups[group] = (printed, f"合计 row, {zh} column")
        elif group in class_sums:
            groups[group] = (class_sums[group],
                             f"computed: sum of {codes or 'other'} 类 rows")
        elif group != "other":
            groups[group] = (None, "not printed")

    rows: list[dict] = [{
        **ident, "row_kind": "total", "group": "basic", "group_zh": GROUP_LABELS["basic"][0],
        "line_code": None, "line_name": "基本支出合计", "level": 0, "amount_yuan": basic,
        "share_of_group": None, "share_of_basic": _ratio(basic, basic),
        "share_of_total_expenditure": _ratio(basic, total_expenditure), "basis": basic_basis,
    }]
    for group, (amount, basis) in groups.items():
        rows.append({
            **ident, "row_kind": "group", "group": group, "group_zh": GROUP_LABELS[group][0],
            "line_code": None, "line_name": GROUP_LABELS[group][0], "level": 0,
            "amount_yuan": amount, "share_of_group": _ratio(amount, amount),
            "share_of_basic": _ratio(amount, basic),
            "share_of_total_expenditure": _ratio(amount, total_expenditure), "basis": basis,
        })
        for _, line in lines.iterrows():
            code = line["line_code"]
            if group_of(line) != group:
                continue
            value = _line_total(line)
            rows.append({
                **ident, "row_kind": "class" if line["level"] == 1 else "section",
                "group": group, "group_zh": GROUP_LABELS[group][0], "line_code": code,
                "line_name": line["line_name"], "level": int(line["level"]),
                "amount_yuan": value, "share_of_group": _ratio(value, amount),
                "share_of_basic": _ratio(value, basic),
                "share_of_total_expenditure": _ratio(value, total_expenditure),
                "basis": "合计 column of the line",
            })
    return _finish(rows, PERSONNEL_COLUMNS)


# --------------------------------------------------------------------------------------
# Function breakdown
# --------------------------------------------------------------------------------------



def _function_table(disclosure: Disclosure) -> tuple[str, pd.DataFrame] | None:
    for kind in ("expenditure_summary", "general_budget_expenditure"):
        frame = _table(disclosure, kind)
        if frame is not None and not frame.empty:
            return kind, frame
    return None


def function_breakdown(disclosure: Disclosure) -> pd.DataFrame:
    """Break expenditure down by function 类/款/项 with its basic/project split.

    Source: the 支出总表 (``expenditure_summary``, all funds), else the 一般公共预算支出表
    (``general_budget_expenditure``). A missing 合计 row is computed from the 类 rows and
    flagged ``is_computed``.

    Args:
        disclosure: One loaded disclosure.

    Returns:
        One row per printed line, 合计 first, then in code order. Columns: department, year,
        table, line_code, line_name, level (0 合计, 1 类, 2 款, 3 项), class_code,
        parent_code, amount_yuan (合计 column), basic_yuan, project_yuan (blank stays NA),
        share_of_total_expenditure, share_of_parent, basic_share_of_line,
        project_share_of_line, share_of_project (the line's project amount ÷ 项目支出),
        is_computed.
    """
    found = _function_table(disclosure)
    if found is None:
        return _finish([], FUNCTION_COLUMNS)
    kind, frame = found
    ident = _ident(disclosure)
    total, total_computed = _level0(frame, "total")
    project_total, _ = _level0(frame, "project")
    lines = frame[frame["line_code"].notna() & frame["level"].isin([1, 2, 3])]
    lines = lines.sort_values("line_code", kind="stable")
    by_code = {row["line_code"]: as_amount(row["total"]) for _, row in lines.iterrows()}

    def line_row(code: str | None, name: str, level: int, amount: Decimal | None,
                 basic: Decimal | None, project: Decimal | None, computed: bool) -> dict:
        parent = None if level == 0 else (None if level == 1 else code[: 3 + 2 * (level - 2)])
        parent_amount = total if level == 1 else by_code.get(parent) if parent else None
        return {
            **ident, "table": kind, "line_code": code, "line_name": name, "level": level,
            "class_code": code[:3] if code else None, "parent_code": parent,
            "amount_yuan": amount, "basic_yuan": basic, "project_yuan": project,
            "share_of_total_expenditure": _ratio(amount, total),
            "share_of_parent": _ratio(amount, parent_amount) if level else float("nan"),
            "basic_share_of_line": _ratio(amount_or_zero(basic), amount),
            "project_share_of_line": _ratio(amount_or_zero(project), amount),
            "share_of_project": _ratio(amount_or_zero(project), project_total),
            "is_computed": computed,
        }

    total_row = _total_row(frame)
    basic_total, basic_computed = _level0(frame, "basic")
    rows = [line_row(None, "合计", 0, total, basic_total, project_total,
                     total_computed or basic_computed or total_row is None)]
    for _, line in lines.iterrows():
        rows.append(line_row(line["line_code"], line["line_name"], int(line["level"]),
                             as_amount(line["total"]), _cell(line, "basic"),
                             _cell(line, "project"), False))
    return _finish(rows, FUNCTION_COLUMNS)


# --------------------------------------------------------------------------------------
# Project shares
# --------------------------------------------------------------------------------------


#: Shanghai 绩效目标填报表 measures, in order of preference for the project's headline.
_TARGET_MEASURES = ("annual_request", "current_grant", "project_total")


def project_shares(disclosure: Disclosure) -> pd.DataFrame:
    """Show 项目支出 against 基本支出, and each project's share of 项目支出.

    Rows by ``row_kind``:

    * ``split`` — 基本支出 and 项目支出 from the 支出总表 合计 row (share of the 合计).
    * ``function_item`` — each 项-level line with a project amount (支出总表, else the
      一般公共预算支出表), its project amount and share of 项目支出.
    * ``named_project`` — projects the document names:

      - seed-style 绩效目标表: the sum of each project's 成本指标 (measure ``cost_target``;
        ``comparator`` ≥/≤/= or "mixed", ``is_bound`` True for ≥/≤ and for a mixed sum: a
        bound, not spending);
      - Shanghai 绩效目标填报表: 年度资金申请总额, 当年财政拨款, 项目资金总额 as printed
        (``is_headline`` marks the one used as the project's amount: the first of
        annual_request, current_grant, project_total);
      - 政府采购预算表 rows: the project's 项目预算资金 (headline) and its 采购 amount.

    Args:
        disclosure: One loaded disclosure.

    Returns:
        Columns: department, year, row_kind, source_table, line_code, line_name, measure,
        measure_zh, amount_yuan, share_of_total_expenditure, share_of_project, comparator,
        is_bound, is_headline, basis (where the amount comes from, in words).
    """
    ident = _ident(disclosure)
    rows: list[dict] = []
    found = _function_table(disclosure)
    total = project_total = None
    if found is not None:
        kind, frame = found
        total, _ = _level0(frame, "total")
        basic, basic_computed = _level0(frame, "basic")
        project_total, project_computed = _level0(frame, "project")
        for measure, amount, computed in (("basic", basic, basic_computed),
                                          ("project", project_total, project_computed)):
            rows.append({
                **ident, "row_kind": "split", "source_table": kind, "line_code": None,
                "line_name": MEASURES[measure][0], "measure": measure,
                "measure_zh": MEASURES[measure][0], "amount_yuan": amount,
                "share_of_total_expenditure": _ratio(amount, total),
                "share_of_project": _ratio(amount, project_total) if measure == "project"
                else float("nan"),
                "is_bound": False, "is_headline": True,
                "basis": f"{KINDS_BY_KEY[kind].zh} 合计 row"
                + (" (computed from 类 rows)" if computed else ""),
            })
        items = frame[(frame["level"] == 3) & frame["line_code"].notna()]
        for _, line in items.sort_values("line_code", kind="stable").iterrows():
            amount = _cell(line, "project")
            if amount is None or amount == 0:
                continue
            rows.append({
                **ident, "row_kind": "function_item", "source_table": kind,
                "line_code": line["line_code"], "line_name": line["line_name"],
                "measure": "project", "measure_zh": MEASURES["project"][0],
                "amount_yuan": amount, "share_of_total_expenditure": _ratio(amount, total),
                "share_of_project": _ratio(amount, project_total), "is_bound": False,
                "is_headline": True, "basis": f"{KINDS_BY_KEY[kind].zh} 项 line, 项目支出 column",
            })

    def named(source: str, name: str, measure: str, amount: Decimal | None, *,
              comparator: str | None = None, headline: bool = True, basis: str) -> None:
        rows.append({
            **ident, "row_kind": "named_project", "source_table": source, "line_code": None,
            "line_name": name, "measure": measure, "measure_zh": MEASURES[measure][0],
            "amount_yuan": amount, "share_of_total_expenditure": _ratio(amount, total),
            "share_of_project": _ratio(amount, project_total), "comparator": comparator,
            # "mixed" is two comparators or more, one of them a bound: so is their sum
            "is_bound": comparator in _COMPARATOR_BOUNDS or comparator == "mixed",
            "is_headline": headline,
            "basis": basis,
        })

    targets = _table(disclosure, "performance_targets")
    if targets is not None and "amount_yuan" in targets.columns:
        costs = targets[targets["amount_yuan"].notna()]
        for name, group in costs.groupby("project_name", sort=False, dropna=True):
            amounts = [as_amount(v) for v in group["amount_yuan"]]
            comparators = sorted({c for c in group["comparator"].dropna()})
            printed = "、".join(_compact(v) for v in group["target_value"])
            comparator = comparators[0] if len(comparators) == 1 else "mixed"
            named("performance_targets", name, "cost_target", sum(amounts, Decimal(0)),
                  comparator=comparator,
                  basis=f"绩效目标表 成本指标 {printed} (sum of {len(amounts)}; "
                        "a bound on cost, not spending)")
    amounts = disclosure.amounts
    forms = amounts[(amounts["table"] == "performance_targets")
                    & amounts["measure"].isin(_TARGET_MEASURES)]
    for name, group in forms.groupby("line_name", sort=False, dropna=True):
        present = {m: as_amount(group.loc[group["measure"] == m, "amount_yuan"].iloc[0])
                   for m in _TARGET_MEASURES if (group["measure"] == m).any()}
        headline = next(iter(present))
        for measure, amount in present.items():
            named("performance_targets", name, measure, amount, comparator="=",
                  headline=measure == headline,
                  basis=f"绩效目标填报表 {MEASURES[measure][0]}")
    procurement = _table(disclosure, "procurement")
    if procurement is not None and not procurement.empty:
        records = procurement[procurement["level"] == 2]
        for _, record in records.iterrows():
            name = _compact(record["line_name"])
            if "project_budget" in record.index and as_amount(record["project_budget"]) is not None:
                named("procurement", name, "project_budget", as_amount(record["project_budget"]),
                      comparator="=", basis="政府采购预算表 项目预算资金 (the project's budget)")
            named("procurement", name, "total", as_amount(record["total"]), comparator="=",
                  headline=False,
                  basis="政府采购预算表 采购 合计 (the part of the project bought by procurement)")
    return _finish(rows, PROJECT_COLUMNS)


# --------------------------------------------------------------------------------------
# 三公 and 机关运行经费
# --------------------------------------------------------------------------------------



def three_public(disclosure: Disclosure) -> pd.DataFrame:
    """List the 三公 items and 机关运行经费 beside the narrative's figures and changes.

    Source: the ``three_public`` table (合计 column) and the narrative figures
    ``three_public_*`` / ``admin_operating_total``. A total the table does not print (the
    seed) is computed from 因公出国 + 公务用车 + 公务接待 and flagged ``is_computed``.

    Args:
        disclosure: One loaded disclosure.

    Returns:
        One row per item (total, abroad, vehicle, vehicle_purchase, vehicle_operation,
        reception, admin_operating, then any other item printed). Columns: department, year,
        item, item_zh, item_en, line_name (as printed), level, amount_yuan, is_computed,
        share_of_three_public, share_of_basic (÷ 基本支出), stated_yuan, matches_stated
        (a blank cell counts as 0), stated_base_year, stated_direction,
        stated_change_yuan (signed), stated_change_percent, stated_prior_yuan (the prior
        year's amount the statement implies), note.
    """
    return _once_per_disclosure(disclosure, "three_public", _three_public)


def _three_public(disclosure: Disclosure) -> pd.DataFrame:
    """Compute :func:`three_public` (uncached)."""
    ident = _ident(disclosure)
    frame = _table(disclosure, "three_public")
    printed: dict[str, pd.Series] = {}
    if frame is not None:
        for _, row in frame.iterrows():
            # the readers key the 合计 row "total"; lines of other rows (a unit's, an earlier
            # year's) carry no key: they are not this table's items
            if _text(row["line_code"]):
                printed.setdefault(row["line_code"], row)
    total_row = printed.get("total")
    total = _item_amount(total_row)
    total_computed = False
    if total is None and any(k in printed for k in _THREE_PUBLIC_TOP):
        total = sum((amount_or_zero(_item_amount(printed.get(k)))
                     for k in _THREE_PUBLIC_TOP),
                    Decimal(0))
        total_computed = True
    basic, _ = _level0(_function_table(disclosure)[1], "basic") \
        if _function_table(disclosure) else (None, False)

    keys = list(THREE_PUBLIC_LABELS) + [k for k in printed if k not in THREE_PUBLIC_LABELS]
    rows = []
    for key in keys:
        figure_key, zh, en = THREE_PUBLIC_LABELS.get(key, (None, None, None))
        row = printed.get(key)
        amount = total if key == "total" else _item_amount(row)
        figure = _figure(disclosure, figure_key) if figure_key else None
        if row is None and figure is None and not (key == "total" and total_computed):
            continue
        stated = as_amount(figure["amount_yuan"]) if figure is not None else None
        change = _signed_change(figure)
        notes = []
        if key == "total" and total_computed:
            notes.append("total not printed in the table: computed from 因公出国 + 公务用车 "
                         "+ 公务接待")
        if row is None and not (key == "total" and total_computed):
            notes.append("not in the 三公 table; stated in the narrative only")
        elif amount is None:
            notes.append("blank in the table")
        matches = None
        if stated is not None and (row is not None or key == "total"):
            matches = amount_or_zero(amount) == stated
        rows.append({
            **ident, "item": key, "item_zh": zh or _text(row["line_name"]), "item_en": en,
            "line_name": _text(row["line_name"]) if row is not None else None,
            "level": int(row["level"]) if row is not None and _text(row["level"]) else
            (0 if key == "total" else None),
            "amount_yuan": amount, "is_computed": key == "total" and total_computed,
            "share_of_three_public": _ratio(amount, total) if key != "admin_operating"
            else float("nan"),
            "share_of_basic": _ratio(amount, basic),
            "stated_yuan": stated, "matches_stated": matches,
            "stated_base_year": _int(figure["base_year"]) if figure is not None else None,
            "stated_direction": _text(figure["direction"]) if figure is not None else None,
            "stated_change_yuan": change,
            "stated_change_percent": _text(figure["change_percent"])
            if figure is not None else None,
            "stated_prior_yuan": (stated - change) if stated is not None and change is not None
            else None,
            "note": "; ".join(notes) or None,
        })
    return _finish(rows, THREE_PUBLIC_COLUMNS)


# --------------------------------------------------------------------------------------
# Year over year
# --------------------------------------------------------------------------------------



def _line_amounts(disclosure: Disclosure) -> pd.DataFrame:
    """Return the amounts of line-shaped tables keyed by (table, line_code, measure)."""
    amounts = disclosure.amounts
    tables = [k.key for k in KINDS_BY_KEY.values() if k.shape in _LINE_SHAPES]
    frame = amounts[amounts["table"].isin(tables)].copy()
    frame["line_code"] = frame["line_code"].fillna("total")
    return frame.drop_duplicates(["table", "line_code", "measure"], keep="first")


def _headlines(disclosure: Disclosure) -> dict[str, tuple[Decimal | None, str]]:
    values: dict[str, tuple[Decimal | None, str]] = {}
    for key, (kind, measure, _code, _figure_key) in HEADLINES.items():
        amount, _ = _level0(_table(disclosure, kind), measure)
        values[key] = (amount, _HEADLINE_LABELS[key])
    return values


def _item_paths(frame: pd.DataFrame | None) -> dict[str, tuple[str, str, str]]:
    """Return 项 code → (类 name, 款 name, 项 name) from a function table."""
    if frame is None:
        return {}
    names = {row["line_code"]: _clean_name(row["line_name"])
             for _, row in frame[frame["line_code"].notna()].iterrows()}
    return {code: (names.get(code[:3], ""), names.get(code[:5], ""), name)
            for code, name in names.items() if len(code) == 7}


def _match_items(items: pd.DataFrame, paths: dict[str, tuple[str, str, str]]) -> dict:
    """Return 项 code → spending item row, matched by names (类 may have been renamed)."""
    matched: dict[str, pd.Series] = {}
    by_full = {path: code for code, path in paths.items()}
    by_tail: dict[tuple[str, str], list[str]] = {}
    for code, (_, section, item) in paths.items():
        by_tail.setdefault((section, item), []).append(code)
    for _, item in items.iterrows():
        key = (_compact(item["class_name"]), _compact(item["section_name"]),
               _compact(item["item_name"]))
        code = by_full.get(key)
        if code is None:
            candidates = by_tail.get(key[1:], [])
            code = candidates[0] if len(candidates) == 1 else None
        if code is not None and code not in matched:
            matched[code] = item
    return matched


def _percent(change: Decimal | None, base: Decimal | None) -> float:
    if change is None or base is None or base == 0:
        return float("nan")
    return float(change / base * 100)


def _pair_rows(before: Disclosure, after: Disclosure) -> list[dict]:
    department = after.meta.department or before.meta.department
    common = {"department": department, "stage": after.meta.stage,
              "year_from": before.meta.year, "year_to": after.meta.year}
    rows: list[dict] = []

    # Headline rows: totals, basic/project, personnel/public, with stated changes.
    head_from, head_to = _headlines(before), _headlines(after)
    for key, (_kind, measure, _code, figure_key) in HEADLINES.items():
        amount_from, amount_to = head_from[key][0], head_to[key][0]
        if amount_from is None and amount_to is None:
            continue
        figure = _figure(after, figure_key) if figure_key else None
        if figure is not None and _int(figure["base_year"]) != before.meta.year:
            figure = None
        rows.append(_yoy_row(common, "headline", "none", key, 0, measure,
                             head_from[key][1], head_to[key][1], amount_from, amount_to,
                             figure=figure, figure_key=figure_key))

    # 三公 (with a computed total where the table prints none) and 机关运行经费.
    public_from, public_to = three_public(before), three_public(after)
    public_keys = list(dict.fromkeys([*public_from["item"], *public_to["item"]]))
    for key in public_keys:
        one = public_from[public_from["item"] == key]
        two = public_to[public_to["item"] == key]
        amount_from = as_amount(one["amount_yuan"].iloc[0]) if len(one) else None
        amount_to = as_amount(two["amount_yuan"].iloc[0]) if len(two) else None
        if amount_from is None and amount_to is None:
            continue
        figure_key = THREE_PUBLIC_LABELS.get(key, (None,))[0]
        figure = _figure(after, figure_key) if figure_key else None
        if figure is not None and _int(figure["base_year"]) != before.meta.year:
            figure = None
        name = THREE_PUBLIC_LABELS.get(key, (None, key))[1]
        rows.append(_yoy_row(common, "three_public", "none", key, 0 if key == "total" else 1,
                             "total", name, name, amount_from, amount_to,
                             figure=figure, figure_key=figure_key))

    # Every classified line of every line-shaped table, matched on (table, code, measure).
    lines_from, lines_to = _line_amounts(before), _line_amounts(after)
    lines_from = lines_from[lines_from["table"] != "three_public"]
    lines_to = lines_to[lines_to["table"] != "three_public"]
    names_from = lines_from.groupby(["table", "line_code"], sort=False)["line_name"].first()
    names_to = lines_to.groupby(["table", "line_code"], sort=False)["line_name"].first()
    keyed_from = {(r.table, r.line_code, r.measure): r for r in lines_from.itertuples()}
    keyed_to = {(r.table, r.line_code, r.measure): r for r in lines_to.itertuples()}
    items = after.narrative.spending_items
    matched: dict[str, pd.Series] = {}
    if items is not None and not items.empty:
        paths = _item_paths(_table(after, "general_budget_expenditure")
                            if "general_budget_expenditure" in after.tables
                            else _table(after, "expenditure_summary"))
        matched = _match_items(items, paths)
    item_table = ("general_budget_expenditure" if "general_budget_expenditure" in after.tables
                  else "expenditure_summary")
    for key in sorted(set(keyed_from) | set(keyed_to),
                      key=lambda k: (k[0], k[1] != "total", k[1], k[2])):
        table, code, measure = key
        one, two = keyed_from.get(key), keyed_to.get(key)
        line_key = (table, code)
        in_from, in_to = line_key in names_from.index, line_key in names_to.index
        sample = two if two is not None else one
        item = matched.get(code) if (table == item_table and measure == "total") else None
        rows.append(_yoy_row(
            common, table, sample.classification, code, _int(sample.level), measure,
            names_from.get(line_key) if in_from else None,
            names_to.get(line_key) if in_to else None,
            as_amount(one.amount_yuan) if one is not None else None,
            as_amount(two.amount_yuan) if two is not None else None,
            line_in_from=in_from, line_in_to=in_to, item=item,
            item_year=before.meta.year))
    return rows


def _yoy_row(common: dict, table: str, classification: str, code: str, level: int | None,
             measure: str, name_from: str | None, name_to: str | None,
             amount_from: Decimal | None, amount_to: Decimal | None, *,
             line_in_from: bool | None = None, line_in_to: bool | None = None,
             figure: pd.Series | None = None, figure_key: str | None = None,
             item: pd.Series | None = None, item_year: int | None = None) -> dict:
    in_from = amount_from is not None if line_in_from is None else line_in_from
    in_to = amount_to is not None if line_in_to is None else line_in_to
    status = "continued" if in_from and in_to else "new" if in_to else "dropped"
    change = amount_or_zero(amount_to) - amount_or_zero(amount_from) if (in_from or in_to) else None
    row = {
        **common, "table": table, "classification": classification, "line_code": code,
        "level": level, "measure": measure, "name_from": name_from, "name_to": name_to,
        "status": status,
        "is_renamed": bool(name_from and name_to
                           and _clean_name(name_from) != _clean_name(name_to)),
        "amount_from_yuan": amount_from, "amount_to_yuan": amount_to,
        "change_yuan": change,
        "change_percent": _percent(change, amount_from) if in_from else float("nan"),
    }
    if figure is not None:
        row.update(stated_source=f"narrative figure {figure_key}",
                   stated_base_year=_int(figure["base_year"]),
                   stated_direction=_text(figure["direction"]),
                   stated_change_yuan=_signed_change(figure),
                   stated_change_percent=_text(figure["change_percent"]))
        stated = as_amount(figure["amount_yuan"])
        if stated is not None and row["stated_change_yuan"] is not None:
            row["stated_prior_yuan"] = stated - row["stated_change_yuan"]
    elif item is not None and _int(item["prior_year"]) == item_year:
        prior = as_amount(item["prior_amount_yuan"])
        current = as_amount(item["current_stated_yuan"]) or as_amount(item["amount_yuan"])
        direction = _text(item["direction"])
        percent = _text(item["change_percent"])
        row.update(stated_source=f"支出主要内容 item {_int(item['item_no'])}",
                   stated_base_year=_int(item["prior_year"]), stated_direction=direction,
                   stated_prior_yuan=prior,
                   stated_change_yuan=(current - prior) if current is not None
                   and prior is not None else None,
                   stated_change_percent=(-float(percent) if direction == "decrease"
                                          else float(percent)) if percent else
                   (0.0 if direction == "flat" else None))
    return row


def year_over_year(disclosures: Sequence[Disclosure]) -> pd.DataFrame:
    """Compare one department's disclosures year by year, line by line.

    Consecutive years of the same stage (预算 with 预算, 决算 with 决算) are paired. Within a
    pair, lines are matched on
    (table, line_code, measure) at every level of every line-shaped table (合计 rows have
    line_code "total"); a line printed in one year only is ``new`` or ``dropped`` (its
    missing amount counts as 0 in ``change_yuan``), and a code whose name changed is
    flagged ``is_renamed``. ``table == "headline"`` rows carry 收入总计, 财政拨款收入,
    支出合计, 基本支出, 项目支出, 人员经费, 公用经费; ``table == "three_public"`` rows the
    三公 items (with the computed total where none is printed) and 机关运行经费.

    Beside the computed change stand the narrative's own claims, from the later document:
    figures stated against the earlier year (e.g. 财政拨款收入 "比2023年预算减少876.75万元")
    on headline and 三公 rows, and the 支出主要内容 items (prior amount, direction and
    percent as printed) on the matching 项 lines of the 一般公共预算支出表.

    Args:
        disclosures: Disclosures of one department, in any order (two or more for output).

    Returns:
        Columns: department, stage, year_from, year_to, table, classification, line_code, level,
        measure, name_from, name_to, status (new | dropped | continued), is_renamed,
        amount_from_yuan, amount_to_yuan, change_yuan, change_percent, stated_source,
        stated_base_year, stated_direction, stated_change_yuan (signed), stated_prior_yuan,
        stated_change_percent (signed).
    """
    rows: list[dict] = []
    # a 预算 is compared with the 预算 before it, a 决算 with the 决算 before it: a year's
    # 决算 beside its 预算 is execution (budget_against_final), not a change between years
    for stage in ("budget", "final"):
        ordered = sorted((d for d in disclosures if d.meta.stage == stage),
                         key=lambda d: (d.meta.year is None, d.meta.year or 0))
        for before, after in itertools.pairwise(ordered):
            rows.extend(_pair_rows(before, after))
    return _finish(rows, YOY_COLUMNS)


# --------------------------------------------------------------------------------------
# Across departments
# --------------------------------------------------------------------------------------


def across_departments(disclosures: Sequence[Disclosure],
                       earlier: Sequence[Disclosure] = ()) -> pd.DataFrame:
    """Summarise each department-year in one row, with the ratios for league tables.

    Args:
        disclosures: Any disclosures (many departments, many years).
        earlier: Disclosures that only serve as the base of ``expenditure_growth`` (a
            department's previous year): they get no row of their own.

    Returns:
        One row per disclosure, sorted by department and year. Columns: department, year,
        stage, scope, expenditure_total_yuan (支出总表 合计), basic_yuan, project_yuan,
        personnel_yuan, public_yuan (公用经费; 基本支出 table 合计 row, else its 类 rows),
        three_public_yuan (printed or computed total), admin_operating_yuan,
        personnel_share_of_basic, project_share_of_total, three_public_share_of_basic
        ("三公 per 基本支出"), previous_year and expenditure_growth (vs the latest earlier
        year of the same department present, as a ratio: 0.05 is +5 %), source (file).
    """
    rows = []
    shown = {id(d) for d in disclosures}
    for disclosure in [*earlier, *disclosures]:
        heads = _headlines(disclosure)
        split = personnel_vs_operating(disclosure)
        groups = split[split["row_kind"] == "group"].set_index("group")["amount_yuan"] \
            if not split.empty else pd.Series(dtype=AMOUNT_DTYPE)
        personnel = as_amount(groups.get("personnel")) if "personnel" in groups else None
        public = as_amount(groups.get("public")) if "public" in groups else None
        items = three_public(disclosure).set_index("item")["amount_yuan"]
        total = heads["expenditure_total"][0] or _expenditure_total(disclosure)
        basic, project = heads["basic"][0], heads["project"][0]
        three = as_amount(items.get("total")) if "total" in items else None
        rows.append({
            **_ident(disclosure), "stage": disclosure.meta.stage,
            "scope": disclosure.meta.scope, "expenditure_total_yuan": total,
            "basic_yuan": basic, "project_yuan": project, "personnel_yuan": personnel,
            "public_yuan": public, "three_public_yuan": three,
            "admin_operating_yuan": as_amount(items.get("admin_operating"))
            if "admin_operating" in items else None,
            "personnel_share_of_basic": _ratio(personnel, basic),
            "project_share_of_total": _ratio(project, total),
            "three_public_share_of_basic": _ratio(three, basic),
            "source": disclosure.meta.source, "_shown": id(disclosure) in shown,
        })
    rows.sort(key=lambda r: (r["department"] or "", r["year"] or 0))
    latest: dict[str, dict] = {}
    for row in rows:
        previous = latest.get(row["department"])
        if previous is not None and previous["year"] != row["year"]:
            row["previous_year"] = previous["year"]
            before = previous["expenditure_total_yuan"]
            now = row["expenditure_total_yuan"]
            row["expenditure_growth"] = _ratio(now - before, before) \
                if now is not None and before is not None else None
        latest[row["department"]] = row
    return _finish([row for row in rows if row.pop("_shown")], ACROSS_COLUMNS)


# --------------------------------------------------------------------------------------
# Budget against final accounts (预算 and 决算 of one department-year)
# --------------------------------------------------------------------------------------



def _three_public_total(disclosure: Disclosure) -> Decimal | None:
    frame = three_public(disclosure)
    total = frame[frame["item"] == "total"] if not frame.empty else frame
    return None if total.empty or pd.isna(total["amount_yuan"].iloc[0]) else \
        total["amount_yuan"].iloc[0]


def budget_against_final(disclosures: Sequence[Disclosure]) -> pd.DataFrame:
    """Put each department-year's 预算 beside its 决算: planned against spent, in total.

    Only department-years with both a budget and a final-accounts document give a row;
    :func:`helpers.execution.budget_execution` goes line by line.

    Args:
        disclosures: Disclosures of any departments, years and stages.

    Returns:
        One row per department-year with both stages (columns
        :data:`BUDGET_FINAL_COLUMNS`): 支出合计 of the 预算 and of the 决算, their exact
        difference (决算 − 预算) and the execution rate; the same for the 三公 total.
    """
    paired: dict[tuple[object, object], dict[str, Disclosure]] = {}
    for disclosure in disclosures:
        key = (disclosure.meta.department, disclosure.meta.year)
        paired.setdefault(key, {}).setdefault(disclosure.meta.stage, disclosure)
    rows = []
    for (department, year), stages in paired.items():
        if not {"budget", "final"} <= stages.keys():
            continue
        budget, final = stages["budget"], stages["final"]
        planned, spent = _expenditure_total(budget), _expenditure_total(final)
        three_planned, three_spent = _three_public_total(budget), _three_public_total(final)
        rows.append({
            "department": department, "year": year,
            "budget_file": budget.meta.source, "final_file": final.meta.source,
            "budget_expenditure_yuan": planned, "final_expenditure_yuan": spent,
            "expenditure_difference_yuan": (spent - planned if None not in (planned, spent)
                                            else None),
            "expenditure_execution_rate": _ratio(spent, planned),
            "budget_three_public_yuan": three_planned, "final_three_public_yuan": three_spent,
            "three_public_execution_rate": _ratio(three_spent, three_planned),
        })
    return _finish(sorted(rows, key=lambda r: (str(r["department"]), r["year"] or 0)),
                   BUDGET_FINAL_COLUMNS)
