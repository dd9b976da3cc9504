"""Budget execution (预算执行): what a 决算 planned against what it spent.

A 决算 (final accounts) states the outturn of every line; the budget it is measured
against comes, per line, from the first of these that gives it:

1. the 决算's own tables: the 三公 table prints 预算数 beside 决算数, and some regions
   print 年初预算数 / 全年预算数 beside the outturn in their expenditure tables
   (measure ``budget``);
2. the 决算's narrative, which states per 项 "年初预算为5717.32万元，支出决算为5757.63
   万元，完成年初预算的100.71%";
3. the same department's 预算 document for that year, when given (its table of the same
   kind, by line code).

Quirks of the source, each handled here:

* The national template prints no budget column in its expenditure tables (since 2019):
  most budgets come from the narrative or from the 预算 document.
* The narrative explains 一般公共预算财政拨款 spending, so execution by function is
  measured on the 一般公共预算财政拨款支出决算表 (all-funds 支出决算表 when it is absent).
* The narrative names a 项 by its three names, "一般公共服务（类）信访事务（款）行政运行
  （项）", and gives its figures in the next sentence; 三公 items by name ("因公出国（境）
  费支出决算为4.69万元，完成预算的15.63%"), clauses apart by "；".
* Reasons follow the figures: "决算数大于预算数的主要原因是…". One reason may cover the
  whole 三公 total ("“三公”经费支出决算数小于预算数的主要原因是…").
* Figures are rounded to their printed digits (万元 with two decimals, 60.46%, 0%).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

import pandas as pd

from helpers.catalog import THREE_PUBLIC_ITEMS
from helpers.codes import ItemLines, find_item_line
from helpers.model import Disclosure
from helpers.schema import EXECUTION_COLUMNS, make_frame, validate_frame

__all__ = ["EXECUTION_COLUMNS", "ExecutionStatement", "balances", "budget_execution",
           "execution_statements"]

#: The default band of execution rates an auditor accepts without asking why (90 %–110 %).
DEFAULT_BAND = (Decimal("0.9"), Decimal("1.1"))

_AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_BUDGET = re.compile(
    rf"(?P<basis>年初|全年|调整后)?预算(?:数)?(?:为|是|安排)?(?P<num>{_AMOUNT})(?P<unit>万元|元)")
_OUTTURN = re.compile(rf"决算(?:数)?(?:为|是)?(?P<num>{_AMOUNT})(?P<unit>万元|元)")
_RATE = re.compile(
    r"(?:完成|为|占|达到)了?(?P<basis>年初|全年|调整后)?预算(?:数)?的(?P<rate>\d+(?:\.\d+)?)%")
_FIRST_FIGURE = re.compile(r"(?:年初|全年|调整后)?(?:预算|决算)(?:数)?(?:为|是|安排)?\d"
                           r"|(?:完成|为|占|达到)了?(?:年初|全年|调整后)?预算")
_ITEM_NAMES = re.compile(r"(?P<cls>[^（）()，,：:]*?)（类）(?P<sec>.*?)（款）(?P<item>.*?)（项）")
_REASON = re.compile(r"原因|由于|主要是")
_CLAUSE = re.compile(r"[。；;\n]")
_NUMBERING = re.compile(
    r"^(?:\d+[.．、]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、)")
_UNIT_YUAN = {"万元": Decimal(10000), "元": Decimal(1)}
#: The 三公 items a narrative clause can name, most specific first ("total" when it names
#: 三公 itself and no item).
_THREE_PUBLIC_NAMED = tuple((re.compile(pattern), key) for pattern, key in THREE_PUBLIC_ITEMS
                            if key in {"abroad", "vehicle", "vehicle_purchase",
                                       "vehicle_operation", "reception"})


#: Where a line's budget came from → label shown to readers.
BUDGET_SOURCES = {"table": "决算表预算数", "narrative": "决算说明文字", "budget": "当年预算文件"}


@dataclass(frozen=True)
class ExecutionStatement:
    """One clause of a 决算 narrative stating a budget, an outturn or a rate.

    Attributes:
        subject: The clause's text before its first figure (what it speaks of).
        names: (类, 款, 项) names when the clause, or the sentence before it, names a 项.
        three_public: The 三公 item it names ("total" for 三公 itself), else None.
        budget_yuan / budget_precision: The stated budget and its last printed digit.
        outturn_yuan / outturn_precision: The stated outturn (决算数) and its last digit.
        rate_percent / rate_precision: The stated execution rate (%) and its last digit.
        reason: The reason the paragraph gives for a gap ("主要原因是…"), if any.
        sentence: The clause as printed (spaces removed).
        page: The page of the section (PDF), else None.
        line: The line of the section (text exports), else None.
    """

    subject: str
    names: tuple[str, str, str] | None
    three_public: str | None
    budget_yuan: Decimal | None
    budget_precision: Decimal | None
    outturn_yuan: Decimal | None
    outturn_precision: Decimal | None
    rate_percent: Decimal | None
    rate_precision: Decimal | None
    reason: str | None
    sentence: str
    page: int | None
    line: int | None


def _stated(match: re.Match | None) -> tuple[Decimal | None, Decimal | None]:
    """Return (amount in yuan, value of its last printed digit in yuan) of a match."""
    if match is None:
        return None, None
    number = Decimal(match["num"].replace(",", ""))
    scale = _UNIT_YUAN[match["unit"]]
    return number * scale, Decimal(1).scaleb(number.as_tuple().exponent) * scale


def _budget_of(clause: str, rate: re.Match | None) -> re.Match | None:
    """Return the budget a clause states, the one its rate is measured against.

    "年初预算为A万元，全年预算为B万元，支出决算为C万元，完成全年预算的D%": the rate names
    its budget; a clause with two budgets and a rate that names neither is ambiguous, and
    one whose rate names a budget it does not state has none to check against (None).
    """
    budgets = list(_BUDGET.finditer(clause))
    named = rate["basis"] if rate else None
    if len(budgets) == 1:
        # "年初预算为…，完成全年预算的…%": the rate is against a budget the clause does not state
        only = budgets[0]
        return only if named is None or only["basis"] in (None, named) else None
    matching = [b for b in budgets if b["basis"] == named]
    return matching[0] if len(matching) == 1 else None


def _three_public_item(subject: str) -> str | None:
    for pattern, key in _THREE_PUBLIC_NAMED:
        if pattern.search(subject):
            return key
    return "total" if "三公" in subject else None


def _paragraph_statements(paragraph: str, page: int | None, line: int | None
                          ) -> list[ExecutionStatement]:
    """Return the statements of one paragraph, each with the paragraph's reason if given."""
    statements: list[ExecutionStatement] = []
    names: tuple[str, str, str] | None = None
    reason: str | None = None
    for clause in _CLAUSE.split(re.sub(r"\s+", "", paragraph)):
        named = _ITEM_NAMES.search(clause)
        if named:
            names = (_NUMBERING.sub("", named["cls"]), named["sec"], named["item"])
        if _REASON.search(clause) and statements:
            reason = reason or clause
            continue
        first = _FIRST_FIGURE.search(clause)
        if first is None:
            continue
        rate = _RATE.search(clause)
        budget, budget_precision = _stated(_budget_of(clause, rate))
        outturn, outturn_precision = _stated(_OUTTURN.search(clause))
        if budget is None and outturn is None and rate is None:
            continue
        subject = clause[:first.start()]
        rate_percent = Decimal(rate["rate"]) if rate else None
        statements.append(ExecutionStatement(
            subject=subject, names=names if named or not subject else None,
            three_public=_three_public_item(subject) if not named else None,
            budget_yuan=budget, budget_precision=budget_precision,
            outturn_yuan=outturn, outturn_precision=outturn_precision,
            rate_percent=rate_percent,
            rate_precision=(Decimal(1).scaleb(rate_percent.as_tuple().exponent)
                            if rate_percent is not None else None),
            reason=None, sentence=clause, page=page, line=line))
    return [replace(s, reason=reason) for s in statements] if reason else statements


def execution_statements(disclosure: Disclosure) -> list[ExecutionStatement]:
    """Return every budget / outturn / rate statement of a 决算's narrative, in order.

    A paragraph's reason ("主要原因是…") is given to every statement of that paragraph:
    the 决算 template explains each 项 in a paragraph of its own.

    Args:
        disclosure: A loaded disclosure (any stage; a budget states no 决算 figures).
    """
    # read once per disclosure: the checks (F02, F03) and the report each ask for them
    return list(disclosure.derived("execution_statements", lambda: _read_statements(disclosure)))


def _read_statements(disclosure: Disclosure) -> list[ExecutionStatement]:
    statements: list[ExecutionStatement] = []
    for section in disclosure.narrative.sections.itertuples():
        page = None if pd.isna(section.page) else int(section.page)
        line = None if pd.isna(section.line) else int(section.line)
        for paragraph in str(section.text).split("\n"):
            if "决算" in paragraph or "预算的" in paragraph:
                statements.extend(_paragraph_statements(paragraph, page, line))
    return statements


# --------------------------------------------------------------------------------------
# Execution by line
# --------------------------------------------------------------------------------------


def _function_table(final: Disclosure) -> str | None:
    for kind in ("general_budget_expenditure", "expenditure_summary"):
        if kind in final.tables:
            return kind
    return None


def _rate(outturn: Decimal | None, budget: Decimal | None) -> float | None:
    if outturn is None or budget is None or budget == 0:
        return None
    return float(outturn / budget)


def _row(final: Disclosure, part: str, kind: str, line: dict, outturn: Decimal | None,
         budget: tuple[Decimal | None, str | None], reason: str | None,
         band: tuple[Decimal, Decimal]) -> dict:
    amount, source = budget
    rate = _rate(outturn, amount)
    differs = amount is not None and outturn is not None and outturn != amount
    return {
        "department": final.meta.department, "year": final.meta.year, "part": part,
        "table": kind, "line_code": line.get("line_code"), "line_name": line.get("line_name"),
        "level": line.get("level"), "budget_yuan": amount,
        "budget_source": BUDGET_SOURCES.get(source) if source else None,
        "outturn_yuan": outturn,
        "difference_yuan": (outturn - amount
                            if amount is not None and outturn is not None else None),
        "execution_rate": rate,
        "outside_band": None if rate is None else not (band[0] <= Decimal(str(rate)) <= band[1]),
        "reason_stated": None if not differs else reason is not None,
        "reason": reason,
    }


def _value(line: dict, measure: str) -> Decimal | None:
    value = line.get(measure)
    return None if value is None or pd.isna(value) else value


def _narrative_budgets(lines: list[dict],
                       statements: list[ExecutionStatement]) -> dict[int, ExecutionStatement]:
    """Return the statement that names each line (by row), matched by its three names."""
    found: dict[int, ExecutionStatement] = {}
    index = ItemLines(lines)  # built once for every statement
    for statement in statements:
        if statement.names is None:
            continue
        line = find_item_line(index, *statement.names)
        if line is not None:
            found.setdefault(line["row"], statement)
    return found


def _budget_lines(budget: Disclosure | None, kind: str) -> dict[str, Decimal]:
    """Return the budget document's ``total`` per line code of table ``kind``."""
    if budget is None or kind not in budget.tables:
        return {}
    return {line["line_code"]: line["total"] for line in budget.tables[kind].records()
            if isinstance(line["line_code"], str) and _value(line, "total") is not None}


def _budget_total(budget: Disclosure | None, kind: str) -> Decimal | None:
    """Return the 合计 of the budget document's table ``kind``, or None."""
    if budget is None or kind not in budget.tables:
        return None
    return next((line["total"] for line in budget.tables[kind].records()
                 if line["level"] == 0 and _value(line, "total") is not None), None)


def _function_rows(final: Disclosure, budget: Disclosure | None,
                   statements: list[ExecutionStatement], band) -> list[dict]:
    kind = _function_table(final)
    if kind is None:
        return []
    lines = [dict(line) for line in final.tables[kind].records()]
    stated = _narrative_budgets(lines, statements)
    planned = _budget_lines(budget, kind)
    total = next((line for line in lines if line["level"] == 0), None)
    if total is not None:
        # the paragraph before the items speaks of the whole: "财政拨款支出年初预算为…"
        whole = next((s for s in statements if s.names is None and s.three_public is None
                      and "财政拨款支出" in s.subject and s.outturn_yuan is not None), None)
        if whole is not None:
            stated[total["row"]] = whole
        if total_budget := _budget_total(budget, kind):
            planned[None] = total_budget
    rows = []
    for line in lines:
        code = line.get("line_code")
        if line is not total and not (isinstance(code, str) and code.isdigit()):
            continue
        statement = stated.get(line["row"])
        if _value(line, "budget") is not None:
            source = (_value(line, "budget"), "table")
        elif statement is not None and statement.budget_yuan is not None:
            source = (statement.budget_yuan, "narrative")
        elif (code if line is not total else None) in planned:
            source = (planned[code if line is not total else None], "budget")
        else:
            source = (None, None)
        rows.append(_row(final, "function", kind, line, _value(line, "total"), source,
                         statement.reason if statement else None, band))
    return rows


def _three_public_reasons(final: Disclosure) -> dict[str, str]:
    """Return the reasons the 三公 section gives for a gap, by the item each names.

    A reason may stand in a paragraph of its own, apart from the figures ("2024年度“三公”
    经费支出决算数小于预算数的主要原因：…"); one that names no item covers the total.
    """
    sections = final.narrative.sections
    reasons: dict[str, str] = {}
    for text in sections[sections.section == "three_public"].text:
        for sentence in _CLAUSE.split(re.sub(r"\s+", "", str(text))):
            reason = _REASON.search(sentence)
            if reason and ("决算" in sentence or "预算" in sentence):
                item = _three_public_item(sentence[:reason.start()]) or "total"
                reasons.setdefault(item, sentence)
    return reasons


def _three_public_rows(final: Disclosure, statements: list[ExecutionStatement],
                       band) -> list[dict]:
    if "three_public" not in final.tables:
        return []
    reasons = {s.three_public: s.reason for s in statements if s.three_public and s.reason}
    for item, reason in _three_public_reasons(final).items():
        reasons.setdefault(item, reason)
    # a 决算数 cell left blank beside a printed 预算数 is nothing spent (普陀区财政局 2024
    # prints its 0.95万元 接待 budget and a blank outturn; its text says 决算为0.00万元)
    outturn_printed = "total" in final.tables["three_public"].frame.columns
    rows = []
    for line in final.tables["three_public"].records():
        item = line.get("line_code")
        budget = _value(line, "budget")
        outturn = _value(line, "total")
        if outturn is None and budget is not None and outturn_printed:
            outturn = Decimal(0)
        reason = reasons.get(item) or reasons.get("total")  # one reason may cover all
        rows.append(_row(final, "three_public", "three_public", dict(line),
                         outturn, (budget, "table" if budget is not None else None),
                         reason, band))
    return rows


def budget_execution(final: Disclosure, budget: Disclosure | None = None, *,
                     band: tuple[Decimal, Decimal] = DEFAULT_BAND) -> pd.DataFrame:
    """Return what was planned against what was spent, per line of a 决算.

    Per 类 / 款 / 项 of the function table, and per 三公 item: the budget (from the
    决算's own columns, else its narrative, else ``budget``), the outturn (决算数), their
    difference, the execution rate, whether the rate is outside ``band`` and whether the
    narrative gives a reason for a gap.

    Args:
        final: The 决算 disclosure.
        budget: The same department's 预算 for that year, for lines whose budget the 决算
            does not state.
        band: The execution rates (low, high) that need no explanation; default 90 %–110 %.

    Returns:
        One row per line (columns :data:`EXECUTION_COLUMNS`); ``difference_yuan`` is
        outturn − budget, exact; ``execution_rate`` is outturn / budget (NaN where the
        budget is unknown or 0); ``budget_source`` says where the budget came from.

    Raises:
        ValueError: ``final`` is not a 决算, or ``budget`` is not a 预算 of the same year.
    """
    if final.meta.stage != "final":
        raise ValueError(f"{final.meta.source}: a 决算 (final accounts) is needed, "
                         f"not a {final.meta.stage} document")
    if budget is not None and budget.meta.stage != "budget":
        raise ValueError(f"{budget.meta.source}: the budget given is a {budget.meta.stage} "
                         "document, not a 预算")
    if budget is not None and budget.meta.year != final.meta.year:
        raise ValueError(f"{budget.meta.source}: a {budget.meta.year} budget cannot be the "
                         f"plan of the {final.meta.year} 决算")
    statements = execution_statements(final)
    rows = (_function_rows(final, budget, statements, band)
            + _three_public_rows(final, statements, band))
    return validate_frame(make_frame(rows, EXECUTION_COLUMNS), EXECUTION_COLUMNS)


#: The lines of a 决算's summary tables that carry money between years, in reading order.
BALANCE_LINES: dict[str, str] = {
    "carryover": "年初结转和结余",
    "income_subtotal": "本年收入合计",
    "use_nongrant_balance": "使用非财政拨款结余",
    "income_total": "收入总计",
    "expenditure_subtotal": "本年支出合计",
    "surplus_distribution": "结余分配",
    "year_end_carryover": "年末结转和结余",
    "expenditure_total": "支出总计",
}


def balances(final: Disclosure) -> pd.DataFrame:
    """Return the carry-over lines of a 决算's summary tables (年初 / 年末结转和结余 …).

    Returns:
        One row per printed line of :data:`BALANCE_LINES`, per summary table: ``table``,
        ``line_code``, ``line_label`` (the standard name), ``line_name`` (as printed),
        ``amount_yuan`` and ``source`` (its cell).
    """
    amounts = final.amounts
    kinds = ("income_expenditure_summary", "fiscal_grant_summary")
    chosen = amounts[amounts.table.isin(kinds) & amounts.line_code.isin(list(BALANCE_LINES))]
    # a line prints once per column (财政拨款 合计 and its funds): the first is the line's
    chosen = chosen.drop_duplicates(["table", "line_code"])
    frame = chosen.assign(line_label=chosen.line_code.map(BALANCE_LINES))
    return frame[["table", "line_code", "line_label", "line_name", "amount_yuan",
                  "source"]].reset_index(drop=True)
