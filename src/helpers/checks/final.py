"""Checks of final accounts (决算): the balance of the year, and execution as stated.

* F01 — the summary tables balance: 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 =
  收入总计, and 本年支出合计 + 结余分配 + 年末结转和结余 = 支出总计 (收入支出决算总表 and
  财政拨款收入支出决算总表).
* F02 — a 三公 item whose 决算数 differs from its 预算数 has a reason in the text.
* F03 — every execution rate the text states ("支出决算为46.21万元，完成预算的60.46%")
  agrees with the figures it is computed from: those of the same clause, else the 三公
  table's 预算数 for the item the clause names.
* F04 — each 项目绩效自评表's 执行率 = 全年执行数 ÷ 全年预算数.

The identities of budgets that hold for a 决算 too (hierarchies, cross-table totals) are
the same rules, applying to both stages (see their ``stages``).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pandas as pd

from helpers.catalog import KINDS_BY_KEY
from helpers.checks.core import Context, Finding, narrative_location, register_rule, wan
from helpers.execution import ExecutionStatement, budget_execution, execution_statements

_FINAL = ("final",)
_SUMMARY_KINDS = ("income_expenditure_summary", "fiscal_grant_summary")
#: Each side of a 决算 summary: its total, and the lines that add up to it.
_BALANCE_SIDES = {
    "income": ("income_total", ("income_subtotal", "use_nongrant_balance", "carryover")),
    "expenditure": ("expenditure_total",
                    ("expenditure_subtotal", "surplus_distribution", "year_end_carryover")),
}
_SIDE_ZH = {"income": "收入", "expenditure": "支出"}
_LINE_ZH = {"income_subtotal": "本年收入合计", "use_nongrant_balance": "使用非财政拨款结余",
            "carryover": "年初结转和结余", "expenditure_subtotal": "本年支出合计",
            "surplus_distribution": "结余分配", "year_end_carryover": "年末结转和结余"}


def _side_lines(ctx: Context, kind: str, side: str) -> dict[str, tuple[Decimal, str]]:
    """Return the first printed amount of each summary line of one side, with its cell."""
    amounts = ctx.disclosure.amounts
    rows = amounts[(amounts.table == kind)]
    found: dict[str, tuple[Decimal, str]] = {}
    total_key, parts = _BALANCE_SIDES[side]
    for line in rows.itertuples():
        if not isinstance(line.line_code, str) or line.line_code not in (total_key, *parts) \
                or line.line_code in found:  # an uncoded line (NA) is none of them
            continue
        # a line prints on its own side: income lines in the income column, the others
        # in the first expenditure column (合计 before its fund split)
        if (line.measure == "income") != (side == "income"):
            continue
        found[line.line_code] = (line.amount_yuan, line.source)
    return found


def check_final_balance(ctx: Context) -> Iterator[Finding]:
    """Check each side of the 决算 summary tables adds up to its 总计."""
    for kind in _SUMMARY_KINDS:
        if ctx.frame(kind) is None:
            continue
        for side, (total_key, parts) in _BALANCE_SIDES.items():
            lines = _side_lines(ctx, kind, side)
            present = [key for key in parts if key in lines]
            if total_key not in lines or parts[0] not in lines:
                continue
            expected = sum((lines[key][0] for key in present), Decimal(0))
            total, where = lines[total_key]
            formula = " + ".join(_LINE_ZH[key] for key in present)
            yield from ctx.compare(
                "F01", expected, total, [where] + [lines[key][1] for key in present],
                f"{KINDS_BY_KEY[kind].zh}：{_SIDE_ZH[side]}总计 ≠ {formula}",
                f"{kind}: {side} total != {' + '.join(present)}",
                ctx.precision(kind) * (len(present) + 1) / 2)


register_rule(
    check_final_balance,
    "F01", "within_table", "error",
    "决算收支总表：本年收入 + 年初结转和结余 = 总计 = 本年支出 + 年末结转和结余",
    "final accounts balance: income + opening balance = total = spending + closing balance",
    stages=_FINAL, applies="final accounts (部门决算)", reads=_SUMMARY_KINDS)


def check_three_public_reasons(ctx: Context) -> Iterator[Finding]:
    """Flag a 三公 line whose 决算数 differs from its 预算数 when no reason is stated."""
    execution = budget_execution(ctx.disclosure)
    lines = execution[(execution.part == "three_public") & (execution.reason_stated == False)]  # noqa: E712
    for line in lines.itertuples():
        where = ctx.table_location("three_public")
        yield Finding(
            "F02", "warning",
            f"“三公”经费“{line.line_name}”决算数 {wan(line.outturn_yuan)} 万元与预算数 "
            f"{wan(line.budget_yuan)} 万元不同，说明中未见原因",
            f"三公 {line.line_code}: spent {wan(line.outturn_yuan)} against a budget of "
            f"{wan(line.budget_yuan)} (万元), and the text gives no reason",
            line.budget_yuan, line.outturn_yuan, (where,))


register_rule(
    check_three_public_reasons,
    "F02", "text_vs_table", "warning", "“三公”经费决算数与预算数不同须说明原因",
    "a 三公 item spent other than budgeted has a stated reason", stages=_FINAL,
    applies="final accounts (部门决算)", requires=("three_public",),
    basis="财预〔2016〕143号《地方预决算公开操作规程》")


def _rate_bounds(outturn: Decimal, outturn_precision: Decimal, budget: Decimal,
                 budget_precision: Decimal) -> tuple[Decimal, Decimal] | None:
    """Return the lowest and highest rate (%) the rounded figures allow, or None."""
    low_budget = budget - budget_precision / 2
    if low_budget <= 0:
        return None
    high_budget = budget + budget_precision / 2
    low_outturn = max(outturn - outturn_precision / 2, Decimal(0))
    high_outturn = outturn + outturn_precision / 2
    return low_outturn / high_budget * 100, high_outturn / low_budget * 100


def _rate_basis(ctx: Context, statement: ExecutionStatement
                ) -> tuple[Decimal, Decimal, Decimal, Decimal, str] | None:
    """Return (outturn, its precision, budget, its precision, budget's location) of a rate."""
    if statement.outturn_yuan is None:
        return None
    if statement.budget_yuan is not None:
        return (statement.outturn_yuan, statement.outturn_precision, statement.budget_yuan,
                statement.budget_precision, "")
    frame = ctx.frame("three_public")
    if statement.three_public is None or frame is None or "budget" not in frame.columns:
        return None
    for line in ctx.disclosure.tables["three_public"].records():
        if line["line_code"] == statement.three_public and not pd.isna(line["budget"]):
            return (statement.outturn_yuan, statement.outturn_precision, line["budget"],
                    ctx.precision("three_public"),
                    ctx.source("three_public", line["row"], "budget", line["line_code"]))
    return None


def check_stated_rates(ctx: Context) -> Iterator[Finding]:
    """Check "完成预算的X%" against its clause's figures or the 三公 table's budget."""
    for statement in execution_statements(ctx.disclosure):
        basis = None if statement.rate_percent is None else _rate_basis(ctx, statement)
        if basis is None:
            continue
        outturn, outturn_precision, budget, budget_precision, budget_where = basis
        bounds = _rate_bounds(outturn, outturn_precision, budget, budget_precision)
        if bounds is None:
            continue
        stated, half_digit = statement.rate_percent, statement.rate_precision / 2
        low, high = bounds
        if low - half_digit <= stated <= high + half_digit:
            continue
        # one digit further off: truncated instead of rounded, say so without blaming
        severity = "info" if low - 2 * half_digit <= stated <= high + 2 * half_digit \
            else "error"
        computed = (outturn / budget * 100).quantize(statement.rate_precision)
        where = narrative_location(ctx.file, pd.Series({"page": statement.page,
                                                       "line": statement.line}))
        yield Finding(
            "F03", severity,
            f"“{statement.sentence}”：执行率应为 {computed}%（决算 {wan(outturn)} 万元 ÷ "
            f"预算 {wan(budget)} 万元），文字为 {stated}%",
            f"stated execution rate {stated}% but {wan(outturn)} / {wan(budget)} (万元) "
            f"is {computed}%",
            locations=tuple(w for w in (where, budget_where) if w))


register_rule(
    check_stated_rates,
    "F03", "text_vs_table", "error", "文字所述预算执行率与决算数、预算数一致",
    "a stated execution rate agrees with the outturn and the budget", stages=_FINAL,
    applies="final accounts (部门决算)", reads=("three_public",))


def check_self_evaluation_rates(ctx: Context) -> Iterator[Finding]:
    """Check the printed 执行率 of each self-evaluated project against its own figures."""
    kind = "performance_evaluation"
    precision = ctx.precision(kind)
    for form in ctx.disclosure.tables[kind].records():
        printed = form.get("execution_rate_printed")
        spent, budget = form.get("executed_yuan"), form.get("budget_full_yuan")
        if pd.isna(printed) or pd.isna(spent) or pd.isna(budget):
            continue
        stated = Decimal(printed.rstrip("%"))
        digit = Decimal(1).scaleb(stated.as_tuple().exponent)
        bounds = _rate_bounds(spent, precision, budget, precision)
        if bounds is None:
            continue
        low, high = bounds
        if low - digit / 2 <= stated <= high + digit / 2:
            continue
        severity = "info" if low - digit <= stated <= high + digit else "error"
        computed = (spent / budget * 100).quantize(digit)
        yield Finding(
            "F04", severity,
            f"绩效自评表“{form['project_name']}”：执行率应为 {computed}%（全年执行数 "
            f"{wan(spent)} 万元 ÷ 全年预算数 {wan(budget)} 万元），表列 {printed}",
            f"self-evaluation {form['project_name']}: execution rate {printed} but "
            f"{wan(spent)} / {wan(budget)} (万元) is {computed}%",
            locations=(ctx.source(kind, form["row"], "executed", at=form),
                       ctx.source(kind, form["row"], "budget_full", at=form)))


register_rule(
    check_self_evaluation_rates,
    "F04", "within_table", "error", "绩效自评表：执行率 = 全年执行数 ÷ 全年预算数",
    "self-evaluation: execution rate = spent / full-year budget", stages=_FINAL,
    applies="final accounts with 项目绩效自评表", requires=("performance_evaluation",))
