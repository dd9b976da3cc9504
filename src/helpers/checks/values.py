"""Where a figure lives in a disclosure's tables: lookups shared by the rules.

Each lookup returns a :class:`Found` (the exact value and a relative location
``kind:r<row>:<measure>``) or None when the document does not print it. Narrative figure
keys map to their table values in :data:`FIGURE_SOURCES`, used both to check the text
against the tables and to check stated changes against the previous year's document.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple


class Found(NamedTuple):
    """A value found in a table, and where (``kind:r<row>:<measure>`` or a description)."""

    value: Decimal
    where: str


def first_value(disclosure, kind: str, measure: str, **where: object) -> Found | None:
    """Return the first printed ``measure`` of table ``kind`` on a line matching ``where``."""
    table = disclosure.tables.get(kind)
    if table is None or measure not in table.frame.columns:
        return None
    line = table.first_lines(tuple(where), measure).get(tuple(where.values()))
    return None if line is None else Found(line[measure], f"{kind}:r{line['row']}:{measure}")


def summary_expenditure_measure(frame) -> str:
    """Return the measure of a summary table's expenditure side ("expenditure" or "total")."""
    return "expenditure" if "expenditure" in frame.columns else "total"


def total_or_zero(disclosure, kind: str) -> Found | None:
    """Return a table's 合计, or 0 for a table present but printed empty."""
    if kind not in disclosure.tables:
        return None
    return first_value(disclosure, kind, "total", level=0) or Found(Decimal(0), f"{kind}:empty")


def summary_line(disclosure, key: str, side: str = "income") -> Found | None:
    """Return a 收支总表 line; an income source it does not print counts as 0."""
    table = disclosure.tables.get("income_expenditure_summary")
    if table is None:
        return None
    measure = "income" if side == "income" else summary_expenditure_measure(table.frame)
    found = first_value(disclosure, "income_expenditure_summary", measure, line_code=key)
    if found is None and side == "income" and key != "income_total":
        return Found(Decimal(0), "income_expenditure_summary:absent")
    return found


def fiscal_grant_income(disclosure) -> Found | None:
    """Return 财政拨款收入: its own line (Shanghai) or the sum of its three budgets (Hebei)."""
    found = summary_line(disclosure, "fiscal_grant")
    if found and found.where != "income_expenditure_summary:absent":
        return found
    parts = [summary_line(disclosure, k) for k in ("general_budget", "gov_fund",
                                                    "state_capital")]
    parts = [p for p in parts if p]
    if not parts:
        return None
    return Found(sum((p.value for p in parts), Decimal(0)), parts[0].where)


def three_public_value(disclosure, key: str) -> Found | None:
    """Return a 三公 line; the total is computed from its items when not printed."""
    found = first_value(disclosure, "three_public", "total", line_code=key)
    if found or key != "total" or "three_public" not in disclosure.tables:
        return found
    parts = [first_value(disclosure, "three_public", "total", line_code=k)
             for k in ("abroad", "vehicle", "reception")]
    parts = [p for p in parts if p]
    if not parts:
        return None
    return Found(sum((p.value for p in parts), Decimal(0)), "three_public:Σitems")


def performance_total(disclosure) -> Found | None:
    """Return the sum of the 绩效目标表 project totals (Shanghai forms)."""
    amounts = disclosure.amounts
    totals = amounts[(amounts.table == "performance_targets")
                     & (amounts.measure == "project_total")]
    if totals.empty:
        return None
    return Found(totals.amount_yuan.sum(), "performance_targets:Σproject_total")


#: The tables :data:`FIGURE_SOURCES` reads (what a rule built on them reads).
FIGURE_TABLES: tuple[str, ...] = (
    "income_expenditure_summary", "fiscal_grant_summary", "general_budget_expenditure",
    "gov_fund_expenditure", "state_capital_expenditure", "three_public", "procurement",
    "assets", "performance_targets")

#: Narrative figure key → its value in a disclosure's tables.
FIGURE_SOURCES = {
    "income_total": lambda d: summary_line(d, "income_total"),
    "fiscal_grant_income": fiscal_grant_income,
    "business_income": lambda d: summary_line(d, "business_income"),
    "operating_income": lambda d: summary_line(d, "operating_income"),
    "other_income": lambda d: summary_line(d, "other_income"),
    "expenditure_total": lambda d: summary_line(d, "expenditure_total", "expenditure"),
    "fiscal_grant_expenditure": lambda d: first_value(d, "fiscal_grant_summary", "total",
                                                      line_code="expenditure_total"),
    "general_budget_expenditure": lambda d: total_or_zero(d, "general_budget_expenditure"),
    "gov_fund_expenditure": lambda d: total_or_zero(d, "gov_fund_expenditure"),
    "state_capital_expenditure": lambda d: total_or_zero(d, "state_capital_expenditure"),
    **{f"three_public_{key}": (lambda d, k=key: three_public_value(d, k))
       for key in ("total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation",
                   "reception")},
    "admin_operating_total": lambda d: three_public_value(d, "admin_operating"),
    "procurement_total": lambda d: first_value(d, "procurement", "total", level=0),
    "assets_total": lambda d: first_value(d, "assets", "value", level=0),
    "performance_total": performance_total,
}
