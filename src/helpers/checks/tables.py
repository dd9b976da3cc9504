"""Rules on the tables alone: structure, identities within a table, identities across tables.

Blank cells count as zero in sums (a blank is "nothing printed", and the identities hold
with zeros), but a rule only fires when at least one side prints something.

Why one module of ~1,000 lines: it is the table family of the rule registry
(:mod:`helpers.checks.text` holds the narrative's, :mod:`helpers.checks.final` the 决算's);
each rule is one small function registered under its rule id, independent of the others,
and found by that id, and the identities share the locating helpers at the top.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

import pandas as pd

from helpers.catalog import KINDS_BY_KEY, MEASURES
from helpers.checks.core import (
    BASIS_143,
    BASIS_CLASSIFICATION,
    BOTH_STAGES,
    MAX_LOCATIONS,
    Context,
    Finding,
    anomaly_location,
    register_rule,
    wan,
)
from helpers.checks.values import (
    first_value,
    fiscal_grant_income,
    summary_expenditure_measure,
    summary_line,
)
from helpers.money import amount_or_zero

#: The tables a department budget must disclose (财预〔2016〕143号 and the yearly notices).
STANDARD_TABLES: tuple[str, ...] = (
    "income_expenditure_summary", "income_summary", "expenditure_summary",
    "fiscal_grant_summary", "general_budget_expenditure", "general_budget_basic_expenditure",
    "gov_fund_expenditure", "state_capital_expenditure", "three_public",
)

#: Standard tables that 143号's eight do not include: the yearly notices and most regions
#: add them, some regional templates leave them out (重庆, 江苏 2019). Their absence is a
#: warning, not an error, and nothing when the text says the budget has none.
ADDED_TABLES: tuple[str, ...] = ("state_capital_expenditure",)

FUNCTION_TABLES = ("income_summary", "expenditure_summary", "general_budget_expenditure",
                   "gov_fund_expenditure", "state_capital_expenditure")

#: The three budgets of 财政拨款 (一般公共预算, 政府性基金预算, 国有资本经营预算).
GRANT_BUDGETS: tuple[str, ...] = ("general_budget", "gov_fund", "state_capital")

#: The income sources a table may print, 财政拨款 as one column (上海) or as its three
#: budgets (the national template); never both counted.
INCOME_SOURCES: tuple[str, ...] = ("fiscal_grant", *GRANT_BUDGETS, "fiscal_special",
                                   "business_income", "operating_income", "superior_subsidy",
                                   "affiliated_income", "other_income")

#: Balances an income table adds to the year's income: 上年结转, and 西安's 使用非财政拨款
#: 结余 and 上年实户资金余额; 用事业基金弥补收支差额.
BALANCES: tuple[str, ...] = ("carryover", "nongrant_balance_used", "account_balance",
                              "business_fund_draw")

#: Row identities: (table kind, total measure, component measures). Each holds on every
#: row that prints the total or any component.
ROW_COMPONENTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("expenditure_summary", "total", ("basic", "project", "operating_expenditure",
                                      "remit_superior", "subsidy_affiliated",
                                      "unit_reserve")),  # 江苏's 单位预留机动经费
    ("general_budget_expenditure", "total", ("basic", "project")),
    ("gov_fund_expenditure", "total", ("basic", "project")),
    ("state_capital_expenditure", "total", ("basic", "project")),
    ("general_budget_basic_expenditure", "total", ("personnel", "public")),
    ("income_summary", "total", ("income_subtotal", "carryover")),
    ("income_summary", "income_subtotal", INCOME_SOURCES),
    ("fiscal_grant_summary", "total", ("general_budget", "gov_fund", "state_capital")),
    ("income_expenditure_summary", "total", ("personnel", "public", "project")),
    ("three_public", "total", ("general_budget", "gov_fund", "state_capital")),
    ("procurement", "total", (*INCOME_SOURCES, *BALANCES, "fiscal_special_grant",
                              "unit_funds", "grant_carryover", "nongrant_carryover")),
)

#: A part a template prints split into its own parts instead (杭州's 支出总表 prints 人员经费
#: and 公用经费, not 基本支出; the national income table prints 财政拨款 as its three budgets).
_SPLIT_PARTS: dict[str, tuple[str, ...]] = {
    "basic": ("personnel", "public"),
    "fiscal_grant": GRANT_BUDGETS,
    "fiscal_special": ("fiscal_special_tuition", "fiscal_special_other"),
}

_SUMMARY_TOTAL_KEYS = {"income_subtotal", "income_total", "expenditure_subtotal",
                       "expenditure_total", "carryover", "year_end_carryover",
                       "use_nongrant_balance", "surplus_distribution"}


def _label(kind: str) -> str:
    return KINDS_BY_KEY[kind].zh


def _measures(frame: pd.DataFrame) -> list[str]:
    return [column for column in frame.columns if column in MEASURES]


def _rows(lines: pd.DataFrame | pd.Series | list) -> list:
    """Return lines as a list of mappings (a frame's records, a Series, or a list as is)."""
    if isinstance(lines, pd.DataFrame):
        return lines.to_dict("records")
    return [lines] if isinstance(lines, pd.Series) else lines


def _summed(children: list[dict], measure: str) -> tuple[list[dict], Decimal]:
    """Return the children printing ``measure`` and the sum of what they print."""
    printing = [child for child in children if not pd.isna(child[measure])]
    return printing, sum((child[measure] for child in printing), Decimal(0))


def _cells(ctx: Context, kind: str, measure: str, lines: list[dict]) -> Iterator[str]:
    """Yield the locations of ``lines``' ``measure`` cells, as many as a finding lists.

    A finding lists at most :data:`MAX_LOCATIONS`: the parent's cell, then these.
    """
    for line in itertools.islice(lines, MAX_LOCATIONS - 1):
        yield ctx.source(kind, line["row"], measure, line.get("line_code"))


def _sum_check(ctx: Context, rule_id: str, kind: str, parent, children, measure: str,
               what_zh: str, what_en: str, summed: tuple[list[dict], Decimal] | None = None,
               child_cells: tuple[str, ...] | None = None) -> Iterator[Finding]:
    """Compare a parent line's ``measure`` with the sum over its children's (blank = 0).

    ``summed`` is :func:`_summed` of the children and ``child_cells`` their cells'
    locations (:func:`_cells`), when the caller compares several parents with one set of
    children (a table printing 合计 more than once, each compared with every 类).
    """
    (parent,), children = _rows(parent), _rows(children)
    printed = parent[measure]
    printing, expected = summed or _summed(children, measure)
    if pd.isna(printed) and not printing:
        return
    # built only for a finding, and at most MAX_LOCATIONS of them
    locations = itertools.chain(
        [ctx.source(kind, parent["row"], measure, parent.get("line_code"))],
        child_cells if child_cells is not None else _cells(ctx, kind, measure, printing))
    tolerance = ctx.precision(kind) * (len(children) + 1) / 2
    found = ctx.compare(rule_id, expected, amount_or_zero(printed), locations,
                        f"{_label(kind)} {what_zh}（{MEASURES[measure][0]}）",
                        f"{kind} {what_en} ({MEASURES[measure][1]})", tolerance,
                        blank=pd.isna(printed))
    times = _times(expected, printed)
    yield from (finding if times is None else _counted_twice(finding, times) for finding in found)


def _times(expected: Decimal, printed) -> int | None:
    """Return k when the lines add up to exactly k ≥ 2 times the printed total, else None."""
    if pd.isna(printed) or printed <= 0 or expected <= printed:
        return None
    times, rest = divmod(expected, printed)
    return int(times) if rest == 0 else None


def _counted_twice(finding: Finding, times: int) -> Finding:
    """Return a sum finding as info: the lines add up to exactly k times their total.

    A misprint does not make lines add up to twice or four times their total; lines
    counted several times do: 杭州 (类, 款, 项 names all read as 类), 西安 (three blocks of
    one summary table read as one column), 江苏 (当年收入小计 read as a line).
    """
    if finding.severity == "info":
        return finding
    return dataclasses.replace(
        finding, severity="info",
        message_zh=f"{finding.message_zh}（各行之和恰为合计的{times}倍：行的层级可能读错，未能核对）",
        message_en=f"{finding.message_en} (the lines add up to exactly {times} times the total: "
                   "their levels were likely misread; not verified)")


# -- structure --------------------------------------------------------------------------

def check_standard_tables(ctx: Context) -> Iterator[Finding]:
    """Report a standard table that is missing, and an empty one without its statement."""
    for kind in STANDARD_TABLES:
        table = ctx.disclosure.tables.get(kind)
        if table is None:
            yield _missing_table(ctx, kind)
        elif table.is_empty and not _empty_statement(ctx, table):
            yield Finding("S01", "warning",
                          f"{_label(kind)}为空表，但未说明为空的原因",
                          f"the {kind} table is empty without a statement saying why",
                          locations=(f"{ctx.file}:{kind}",))


register_rule(
    check_standard_tables,
    "S01", "structure", "error", "标准表格齐全", "the standard tables are present",
    basis=BASIS_143, applies="department budgets (部门预算); unit budgets likewise")


#: A statement that a table is empty ("故此表无数据", "本表为空表", "无政府性基金预算…").
_EMPTY_STATEMENT = re.compile(r"空表|无数据|无.{0,30}(预算|经费|支出|收入)")


#: What an empty table of a kind is about, as the narrative names it.
_EMPTY_SUBJECT = {"gov_fund_expenditure": "政府性基金", "state_capital_expenditure": "国有资本经营",
                  "three_public": "三公"}


def _text_blocks(ctx: Context) -> list:
    raw = ctx.disclosure.raw
    return [block for block in (raw.blocks if raw is not None else ())
            if isinstance(getattr(block, "text", None), str)]


def _states_nil(ctx: Context, kind: str, blocks: list | None = None) -> bool:
    """Return whether the document's text says it has no budget of a table's subject."""
    subject = _EMPTY_SUBJECT.get(kind)
    if subject is None:
        return False
    blocks = _text_blocks(ctx) if blocks is None else blocks
    nil = re.compile(rf"(无|没有)[^。；]{{0,15}}{subject}|{subject}[^。；，]{{0,15}}"
                     r"(为0(?![.\d])|为零|为0\.00|(?<![\d.])0(\.0+)?万?元)")
    text = "".join(re.sub(r"\s+", "", block.text) for block in blocks) + "".join(
        ctx.disclosure.narrative.sections.text.fillna(""))
    return bool(nil.search(text))


def _empty_statement(ctx: Context, table) -> bool:
    """Return whether the document says why a table is empty: under it, or in its text.

    重庆 and 杭州 print "备注：本单位无政府性基金预算安排的支出，故此表无数据。" below the
    table, where the reader may take it for a paragraph rather than the table's note; 西安
    says so in its 说明 ("本部门无当年政府性基金预算收支，并已公开空表"), 上海审计局 states
    the budget as nil ("政府性基金拨款支出预算为0").
    """
    if table.notes:
        return True
    blocks = _text_blocks(ctx)
    if table.page is not None and any(
            block.page == table.page and _EMPTY_STATEMENT.search(block.text) for block in blocks):
        return True
    return _states_nil(ctx, table.kind, blocks)


#: A standard table another template prints inside a wider one: (that table, its column).
#: 深圳 prints 一般公共预算支出表（按经济分类） with 基本支出 and 项目支出 columns.
_COVERED_BY: dict[str, tuple[str, str]] = {
    "general_budget_basic_expenditure": ("general_budget_economic", "basic"),
}


def _covered_by(ctx: Context, kind: str) -> str | None:
    """Return the table that prints a missing standard table's content, if one does."""
    wider, column = _COVERED_BY.get(kind, (None, None))
    frame = ctx.frame(wider) if wider else None
    return wider if frame is not None and column in frame.columns else None


def _missing_table(ctx: Context, kind: str) -> Finding:
    """Report a standard table not loaded: an error only when the document cannot hold it.

    A table the loader names but could not read is printed; one it could not even
    identify may be any table. Either way its absence is not proven, and saying the
    document lacks it would blame the document for our reading (info, with where).
    """
    covering = _covered_by(ctx, kind)
    if covering:
        return Finding("S01", "info",
                       f"未单独列示{_label(kind)}，其内容见{_label(covering)}（含{MEASURES['basic'][0]}列）",
                       f"no separate {kind} table: the {covering} table prints it "
                       "(its basic column)", locations=(ctx.table_location(covering),))
    if kind in ctx.unread:
        return Finding("S01", "info", f"{_label(kind)}已印出，但本程序未能读取（不是缺表）",
                       f"the {kind} table is printed but could not be read (not missing)",
                       locations=tuple(ctx.unread[kind]))
    if ctx.unidentified:
        count = len(ctx.unidentified)
        return Finding("S01", "info",
                       f"未找到{_label(kind)}；文件中有{count}张表格未能识别，该表可能在其中，"
                       "未能确认是否缺少",
                       f"the {kind} table was not found; {count} tables could not be "
                       "recognised and it may be one of them: not confirmed missing",
                       locations=tuple(ctx.unidentified))
    if kind in ADDED_TABLES:
        nil = _states_nil(ctx, kind)
        return Finding("S01", "info" if nil else "warning",
                       f"未列示{_label(kind)}" + ("（文件说明无此项预算）" if nil else
                                                 "（财预〔2016〕143号所列8张表不含此表，"
                                                 "但多数地区要求公开）"),
                       f"the {kind} table is not printed" + (
                           " (the text says there is no such budget)" if nil else
                           " (not among 143号's eight tables; most regions require it)"),
                       locations=(ctx.file,))
    return Finding("S01", "error", f"缺少{_label(kind)}", f"the {kind} table is missing",
                   locations=(ctx.file,))


#: Rules that surface what the loader tolerated: (rule id, severity, title zh, title en,
#: basis, {anomaly kind: (message zh, message en)}).
ANOMALY_RULES: tuple[tuple[str, str, str, str, str, dict[str, tuple[str, str]]], ...] = (
    ("S02", "warning", "部门、年度、单位前后一致", "metadata consistent", BASIS_143,
     {"metadata": ("表格间部门、年度或单位不一致或缺失",
                   "department, year or unit missing or inconsistent")}),
    ("S03", "error", "空表说明与列示数字一致", "an empty-table statement agrees with the figures",
     BASIS_143,
     {"empty_note_with_figures": ("表注称本表为空表，但表中列示了数字",
                                  "the note says the table is empty, yet it prints figures")}),
    ("S04", "warning", "数字列不含文字", "no text in number columns", BASIS_143,
     {"text_in_number": ("数字列中出现文字", "text in a number column")}),
    ("S05", "warning", "科目编码印刷正确", "classification codes printed correctly",
     BASIS_CLASSIFICATION,
     {"repaired_code": ("科目编码印刷有误（已按上下文读取）",
                        "classification code printed wrongly (read from context)"),
      "malformed_code": ("科目编码无法识别", "classification code unreadable")}),
    ("S06", "info", "表格均可识别", "every table recognised", BASIS_143,
     {"unrecognized_table": ("无法识别的表格", "a table of no known kind"),
      "unparsed_row": ("本程序无法读取的表格行", "a table row our reader could not read")}),
)


#: A number, with a comparator or a unit or percent: a target's value or bound.
_BOUND = r"\s*[≤≥<>＜＞≦≧=＝]*\s*\d[\d,]*(\.\d+)?\s*(%|％|万元|万|元|个|人|次|天|项|篇|条)?\s*"

#: The printed names of the measures (column headers).
_MEASURE_NAMES = frozenset(zh for zh, _ in MEASURES.values())

#: Anomaly kinds that say only what our reader could not do: said at info, they blame
#: nothing in the document (a 绩效目标表 form whose rows the reader could not lay out).
_OUR_READING = frozenset({"unparsed_row", "unrecognized_table", "unmapped_column"})

#: Anomaly kinds reported once per table: their text is each cell's, not a shared defect.
_PER_TABLE = frozenset({"unparsed_row"})


def check_anomalies(ctx: Context, rule_id: str, severity: str,
                    messages: dict[str, tuple[str, str]]) -> Iterator[Finding]:
    """Turn the loader's anomalies of the kinds in ``messages`` into findings of ``rule_id``.

    One finding per table and cell text (per table for a row we could not read).
    """
    anomalies = ctx.anomalies[ctx.anomalies.kind.isin(messages)]
    if anomalies.empty:  # the usual case: no string work on an empty frame
        return
    # a figure or a bound ("12.798", "≤90%", "≤10万") is a value, not text where a
    # figure belongs: the loader declined it (福州, 烟台, 西安, 北京 绩效 targets)
    # and a measure's own name ("其他资金" under 其他资金) is a header row read as data
    # (西安 绩效目标表), not the document printing words among its figures
    texts = anomalies.text.fillna("").str.replace(r"\s+", "", regex=True)
    anomalies = anomalies[~((anomalies.kind == "text_in_number")
                            & (texts.str.fullmatch(_BOUND) | texts.isin(_MEASURE_NAMES)))]
    # one finding per unreadable table, not per cell text (西安: 58 for one form)
    keys = anomalies.text.where(~anomalies.kind.isin(_PER_TABLE))
    for (kind, table, text), group in anomalies.groupby(
            [anomalies.kind, anomalies.table, keys], dropna=False, sort=False):
        zh, en = messages[kind]
        shown = "" if pd.isna(text) else f"“{text}”"
        if kind in _PER_TABLE and pd.notna(group.text.iloc[0]):
            shown = f"，如“{group.text.iloc[0]}”"
        name = KINDS_BY_KEY[table].zh if table in KINDS_BY_KEY else table
        yield Finding(
            rule_id, "info" if kind in _OUR_READING else severity,
            f"{'' if pd.isna(table) else name + '：'}{zh}{shown}（{len(group)}处）",
            f"{'' if pd.isna(table) else table + ': '}{en} {shown} ({len(group)} "
            f"cells): {group.message.iloc[0]}",
            locations=tuple(anomaly_location(ctx.file, row) for row in group.itertuples()))


for _id, _severity, _zh, _en, _basis, _messages in ANOMALY_RULES:
    register_rule(functools.partial(check_anomalies, rule_id=_id, severity=_severity,
                                    messages=_messages),
                  _id, "structure", _severity, _zh, _en, basis=_basis, stages=BOTH_STAGES)


def check_three_public_total_row(ctx: Context) -> Iterator[Finding]:
    """Report a 三公 table that prints its items but no total."""
    frame = ctx.frame("three_public")
    if frame.empty or (frame.line_code == "total").any():
        return
    yield Finding("S07", "warning", "“三公”经费表未列示合计数，合计仅见于文字说明",
                  "the 三公 table prints no total row; the total is only in the text",
                  locations=(f"{ctx.file}:three_public",))


register_rule(
    check_three_public_total_row,
    "S07", "structure", "warning", "“三公”经费表列示合计", "the 三公 table prints its total",
    requires=("three_public",), basis=BASIS_143,
    stages=BOTH_STAGES)


# -- within a table ---------------------------------------------------------------------

_LEVEL_SUMS = {1: ("类 = Σ款", "class = Σ sections"), 2: ("款 = Σ项", "section = Σ items")}


def _children(coded: list[dict]) -> dict[int, list[dict]]:
    """Return each coded line's children (code one level longer), by the parent's position.

    A code printed once owns every line under its code, wherever printed. A code printed
    several times owns the lines that follow it up to the next line of its level: 烟台's
    经济分类表 prints 301 once per 政府预算经济分类 (501, 505) with its own 款 below each.
    """
    counts = Counter(line["line_code"] for line in coded)
    by_parent: dict[str, list[dict]] = {}  # one pass: O(n), whatever the table's length
    for line in coded:
        if line["level"] > 1:
            by_parent.setdefault(line["line_code"][:-2], []).append(line)
    children: dict[int, list[dict]] = {}
    for position, parent in enumerate(coded):
        code = parent["line_code"]
        if counts[code] == 1:
            below = by_parent.get(code, [])
        else:
            below = []
            for index in range(position + 1, len(coded)):  # its subtree only: no copy
                line = coded[index]
                if line["level"] <= parent["level"]:
                    break
                if line["line_code"][:-2] == code:
                    below.append(line)
        if below:
            children[position] = below
    return children


def _hierarchy(ctx: Context, rule_id: str, kind: str) -> Iterator[Finding]:
    """Check each coded line against its children (code one level longer) and 合计 = Σ类."""
    frame = ctx.frame(kind)
    lines = ctx.disclosure.tables[kind].records()
    coded = [line for line in lines if isinstance(line["line_code"], str)
             and line["line_code"].isdigit() and not pd.isna(line["level"])]
    children = _children(coded)
    classes = [line for line in coded if line["level"] == 1]
    all_totals = [line for line in lines if line["level"] == 0]
    for measure in _measures(frame):
        # a table printed as blocks (决算 基本支出: 人员经费 | 公用经费) closes each block
        # with its own 合计 row, printing that block's measure only
        totals = [line for line in all_totals if not pd.isna(line[measure])] or all_totals
        for position, parent in enumerate(coded):
            below = children.get(position)
            if below and parent["level"] in _LEVEL_SUMS:
                zh, en = _LEVEL_SUMS[parent["level"]]
                yield from _sum_check(ctx, rule_id, kind, [parent], below, measure,
                                      f"{parent['line_code']} {parent['line_name']} {zh}",
                                      f"{parent['line_code']} {en}")
        if not (totals and classes):
            continue
        summed = _summed(classes, measure)
        # one set of cells for every 合计: a table repeated n times prints n of them
        cells = tuple(_cells(ctx, kind, measure, summed[0]))
        for total in totals:
            yield from _sum_check(ctx, rule_id, kind, [total], classes, measure,
                                  "合计 = Σ类", "total = Σ classes", summed, cells)


def check_function_hierarchy(ctx: Context) -> Iterator[Finding]:
    """Check every level of the function classification adds up, in every function table."""
    for kind in FUNCTION_TABLES:
        if ctx.frame(kind) is not None:
            yield from _hierarchy(ctx, "W01", kind)


register_rule(
    check_function_hierarchy,
    "W01", "within_table", "error", "功能分类：类 = Σ款 = Σ项，合计 = Σ类",
    "function classification: class = Σ sections = Σ items, total = Σ classes",
    reads=FUNCTION_TABLES,
    stages=BOTH_STAGES)


def check_economic_hierarchy(ctx: Context) -> Iterator[Finding]:
    """Check 301 = Σ301xx (and 302, 303) and 合计 = Σ类 in the economic table."""
    yield from _hierarchy(ctx, "W02", "general_budget_basic_expenditure")


register_rule(
    check_economic_hierarchy,
    "W02", "within_table", "error", "经济分类：类 = Σ款，合计 = Σ类",
    "economic classification: class = Σ sections, total = Σ classes",
    requires=("general_budget_basic_expenditure",),
    stages=BOTH_STAGES)


def check_row_components(ctx: Context) -> Iterator[Finding]:
    """Check on every row that its total equals the sum of the columns that split it."""
    for kind, total, parts in ROW_COMPONENTS:
        frame = ctx.frame(kind)
        if frame is None or total not in frame.columns:
            continue
        if kind == "income_summary" and total == "total" and "income_subtotal" not in frame:
            parts = (*INCOME_SOURCES, *BALANCES)  # no 本年收入小计 column: total = Σ sources
        parts = present_parts(frame, parts)
        if len(parts) < 2:
            continue
        formula = " + ".join(MEASURES[p][0] for p in parts)
        unread = _unmapped_columns(ctx, kind)
        for line, printed, values in row_sums(ctx, kind, total, parts):
            expected = sum((value for _, value in values), Decimal(0))
            locations = [ctx.source(kind, line["row"], total)] + [
                ctx.source(kind, line["row"], p) for p, _ in values]
            found = ctx.compare(
                "W03", expected, amount_or_zero(printed), locations,
                f"{_label(kind)}“{line['line_name']}”行：{MEASURES[total][0]} ≠ {formula}",
                f"{kind} row {line['row']} {line['line_name']}: {total} != {' + '.join(parts)}",
                ctx.precision(kind) * (len(parts) + 1) / 2, blank=pd.isna(printed))
            yield from (_unverified_part(finding, unread) for finding in found)


register_rule(
    check_row_components,
    "W03", "within_table", "error", "各行合计 = 各分项之和（基本+项目、人员+公用、各收入来源）",
    "row total = its parts (basic + project, personnel + public, income sources)",
    reads=tuple(dict.fromkeys(kind for kind, _, _ in ROW_COMPONENTS)),
    stages=BOTH_STAGES)


def _unmapped_columns(ctx: Context, kind: str) -> list[str]:
    """Return the headers of a table's amount columns no measure was mapped to."""
    return ctx.unmapped_columns.get(kind, [])


def _unverified_part(finding: Finding, unread: list[str]) -> Finding:
    """Return a row-sum finding as info when a part may be in a column we did not map.

    江苏's 支出总表 adds 单位预留机动经费 to 基本 and 项目: the vocabulary lacks it, so each
    row's 合计 exceeds the parts we know, and that gap is ours.
    """
    if not unread or finding.severity == "info":
        return finding
    names = "、".join(unread)
    return dataclasses.replace(
        finding, severity="info",
        message_zh=f"{finding.message_zh}（表中另有未识别的金额列“{names}”，未能核对）",
        message_en=f"{finding.message_en} (not verified: the table has amount columns "
                   f"we could not map: {names})")


def row_sums(ctx: Context, kind: str, total: str, parts: tuple[str, ...]):
    """Yield (line, printed total, [(part, value)]) for each row printing either."""
    for line in ctx.disclosure.tables[kind].records():
        values = [(p, line[p]) for p in parts if not pd.isna(line[p])]
        printed = line[total]
        if not (pd.isna(printed) and not values):
            yield line, printed, values


def present_parts(frame: pd.DataFrame, parts: tuple[str, ...]) -> tuple[str, ...]:
    """Return the columns of ``frame`` that print ``parts``, a split part by its own parts.

    财政拨款 printed whole makes its three budgets, if also printed, its breakdown: they
    are not added to it a second time.
    """
    chosen: list[str] = []
    for part in parts:
        if part in frame.columns:
            chosen.append(part)
        else:
            chosen.extend(p for p in _SPLIT_PARTS.get(part, ()) if p in frame.columns)
    if "fiscal_grant" in chosen:
        chosen = [p for p in chosen if p not in GRANT_BUDGETS]
    return tuple(dict.fromkeys(chosen))


def _summary_measures(frame: pd.DataFrame) -> dict[str, str]:
    """Return the measure printed on each side of a summary table."""
    return {"income": "income", "expenditure": summary_expenditure_measure(frame)}


def _code(line: dict) -> str:
    return line["line_code"] if isinstance(line["line_code"], str) else ""


def _income_lines(lines: list[dict], expenditure: str) -> list[dict]:
    """Return the income side's lines, in printed order.

    Codes are expenditure lines; so is an uncoded line that prints only an expenditure
    (深圳: 款 and 项 names of the expenditure side without codes, between income lines).
    """
    return [line for line in lines
            if not _code(line).isdigit() and not _code(line).startswith("expenditure")
            and not (pd.isna(line["income"]) and not pd.isna(line.get(expenditure)))]


def _side_items(lines: list[dict], side: str, measure: str) -> list[dict]:
    """Return the lines one side of a summary table adds up to its total.

    Income: 财政拨款 printed with its three budgets on the same level (烟台, 杭州) counts
    once. Expenditure: where lines carry 类 codes, the 类 lines alone (杭州 prints 款 and 项
    names at the class's level, without codes).
    """
    items = [line for line in lines if not pd.isna(line[measure]) and line["level"] == 1
             and line["line_code"] not in _SUMMARY_TOTAL_KEYS]
    if side == "income":
        income = {_code(line) for line in items}
        return [line for line in items
                if not ("fiscal_grant" in income and _code(line) in GRANT_BUDGETS)]
    classes = [line for line in items if len(_code(line)) == 3 and _code(line).isdigit()]
    return classes or items


#: The line that carries a side's balance from or to another year.
_CARRIED = {"income": "carryover", "expenditure": "year_end_carryover"}


def _this_year(lines: list[dict], items: list[dict], side: str, target: dict,
               measure: str) -> list[dict]:
    """Return the items a side's total adds: the year's lines, and the balance for 总计.

    The balance (上年结转) and its breakdown by fund follow the year's lines, before or
    after 本年收入合计 (重庆 prints 一、本年收入 above its lines, 北京 below): the breakdown
    is never an item, the balance is one only of 收入总计 (杭州).
    """
    carried = next((i for i, line in enumerate(lines) if line["line_code"] == _CARRIED[side]),
                   None)
    if carried is None:
        return items
    position = {id(line): i for i, line in enumerate(lines)}
    items = [line for line in items if position[id(line)] < carried]
    balance = lines[carried]
    if target["line_code"] == f"{side}_total" and not pd.isna(balance[measure]):
        items.append(balance)
    return items


def _check_summary_table(ctx: Context, kind: str) -> Iterator[Finding]:
    lines = ctx.disclosure.tables[kind].records()
    frame = ctx.frame(kind)
    # a side whose column was not read (a damaged table) has nothing to add up
    measures = {side: measure for side, measure in _summary_measures(frame).items()
                if measure in frame.columns}
    for side, measure in measures.items():
        # 本年收入合计 when printed, else 收入总计
        targets = [line for key in (f"{side}_subtotal", f"{side}_total") for line in lines
                   if line["line_code"] == key]
        items = _side_items(lines, side, measure)
        if targets:
            items = _this_year(lines, items, side, targets[0], measure)
        if targets and items:
            target = targets[0]
            side_zh = "收入" if side == "income" else "支出"
            yield from _sum_check(ctx, "W04", kind, [target], items, measure,
                                  f"{target['line_name']} = Σ{side_zh}",
                                  f"{target['line_code']} = Σ {side} lines")
    if len(measures) < 2:
        return
    # a level-1 income line with level-2 lines under it (一、财政拨款收入 → 1. 一般公共预算资金)
    for parent, children in _groups_by_level(_income_lines(lines, measures["expenditure"])):
        yield from _sum_check(ctx, "W04", kind, [parent], children, "income",
                              f"{parent['line_name']} = Σ其下各项",
                              f"{parent['line_code']} = Σ sub-lines")
    yield from _pair(ctx, "W04", (kind, "income", {"line_code": "income_total"}),
                     (kind, measures["expenditure"], {"line_code": "expenditure_total"}),
                     f"{_label(kind)}：支出总计 ≠ 收入总计",
                     f"{kind}: expenditure total != income total")


def _groups_by_level(lines: list[dict]) -> Iterator[tuple[dict, list[dict]]]:
    """Yield each level-1 line with the level-2 lines printed right under it."""
    for position, parent in enumerate(lines):
        if parent["level"] != 1:
            continue
        end = position + 1  # not a slice of the rest: n level-1 lines would copy O(n²)
        while end < len(lines) and lines[end]["level"] == 2:
            end += 1
        if end > position + 1:
            yield parent, lines[position + 1:end]


def check_summary_tables(ctx: Context) -> Iterator[Finding]:
    """Check the side-by-side summary tables (收支总表, 财政拨款收支总表) add up and balance."""
    for kind in ("income_expenditure_summary", "fiscal_grant_summary"):
        frame = ctx.frame(kind)
        if frame is not None and not frame.empty:
            yield from _check_summary_table(ctx, kind)


register_rule(
    check_summary_tables,
    "W04", "within_table", "error", "收支总表：合计 = Σ各项，收入总计 = 支出总计",
    "summary tables: totals = Σ lines, income total = expenditure total",
    reads=("income_expenditure_summary", "fiscal_grant_summary"),
    stages=BOTH_STAGES)


def check_three_public_parts(ctx: Context) -> Iterator[Finding]:
    """Check 三公 total = 出国 + 车辆 + 接待, 车辆 = 购置 + 运行, 出国 = its two kinds."""
    keyed: dict[str, dict] = {}
    for line in ctx.disclosure.tables["three_public"].records():
        keyed.setdefault(line["line_code"], line)
    identities = (("total", ("abroad", "vehicle", "reception")),
                  # 江苏, 西安 print 会议费 and 培训费 too, and a 合计 of all five
                  ("total_with_meetings", ("total", "meeting", "training")),
                  ("vehicle", ("vehicle_purchase", "vehicle_operation")),
                  ("abroad", ("abroad_research", "abroad_other")))
    for parent, parts in identities:
        present = [keyed[p] for p in parts if p in keyed]
        if parent not in keyed or len(present) < 2:
            continue
        for measure in _measures(ctx.frame("three_public")):
            yield from _sum_check(ctx, "W05", "three_public", [keyed[parent]], present,
                                  measure, f"{keyed[parent]['line_name']} = Σ分项",
                                  f"{parent} = Σ {'+'.join(p['line_code'] for p in present)}")


register_rule(
    check_three_public_parts,
    "W05", "within_table", "error", "“三公”经费：合计 = 各项之和", "三公 total = its parts",
    requires=("three_public",),
    stages=BOTH_STAGES)


def check_procurement(ctx: Context) -> Iterator[Finding]:
    """Check each procurement row's quantity × unit price and the totals of the rows."""
    frame = ctx.frame("procurement")
    rows = frame[frame.level == 2]
    # other templates print amounts by fund, without 数量 and 单价
    priced = {"quantity", "unit_price", "total"} <= set(frame.columns)
    for row in rows.itertuples() if priced else ():
        try:
            quantity = Decimal(str(row.quantity).replace(",", ""))
        except ArithmeticError:
            continue
        if pd.isna(row.unit_price) or pd.isna(row.total):
            continue
        yield from ctx.compare(
            "W06", quantity * row.unit_price, row.total,
            [ctx.source("procurement", row.row, m) for m in ("unit_price", "total")],
            f"政府采购“{row.line_name}”：数量 {quantity} × 单价 {wan(row.unit_price)} ≠ 金额",
            f"procurement {row.line_name}: quantity × unit price != amount",
            ctx.precision("procurement") * (quantity + 1) / 2)
    # rows of other templates nest (category → unit → item, or 类 → 款 → 项) on one level as
    # read: their sum counts an amount two or three times; each row's funds are W03's
    totals = frame[frame.level < 2] if priced else frame.iloc[:0]
    items = _rows(rows) if not totals.empty else []  # once for every total: O(n), not O(n²)
    summed = _summed(items, "total")
    cells = tuple(_cells(ctx, "procurement", "total", summed[0])) if not totals.empty else ()
    for total in totals.itertuples():
        yield from _sum_check(ctx, "W06", "procurement", frame.loc[total.Index], items, "total",
                              f"{total.line_name} = Σ采购项目", "total = Σ procurement rows",
                              summed, cells)


register_rule(
    check_procurement,
    "W06", "within_table", "error", "政府采购：数量 × 单价 = 金额，合计 = Σ项目",
    "procurement: quantity × unit price = amount, total = Σ rows", requires=("procurement",))


def check_assets(ctx: Context) -> Iterator[Finding]:
    """Check 资产总额 = Σ the numbered kinds of asset (其中 rows excluded)."""
    frame = ctx.frame("assets")
    kinds = _rows(frame[(frame.level == 2) & ~frame.line_name.str.startswith("其中")])
    summed = _summed(kinds, "value") if "value" in frame.columns else None  # once for all
    cells = tuple(_cells(ctx, "assets", "value", summed[0])) if summed else None
    for total in frame[frame.level == 0].itertuples():
        yield from _sum_check(ctx, "W07", "assets", frame.loc[total.Index], kinds, "value",
                              "资产总额 = Σ各类资产", "asset total = Σ kinds", summed, cells)


register_rule(
    check_assets,
    "W07", "within_table", "error", "资产：总额 = 各类资产之和", "assets: total = Σ kinds",
    requires=("assets",))


def check_target_funds(ctx: Context) -> Iterator[Finding]:
    """Check a project's 当年财政拨款 is not above its 年度资金申请总额 (or 项目资金总额)."""
    projects: dict[str, dict[str, tuple]] = {}
    for record in ctx.amounts_of("performance_targets"):
        measures = projects.setdefault(record["line_name"], {})
        measures.setdefault(record["measure"], (record["amount_yuan"], record["source"]))
    for project, measures in projects.items():
        if "current_grant" not in measures:
            continue
        grant, grant_at = measures["current_grant"]
        for ceiling in ("annual_request", "project_total"):
            if ceiling in measures and grant > measures[ceiling][0]:
                limit, limit_at = measures[ceiling]
                yield from ctx.compare(
                    "W08", limit, grant, [grant_at, limit_at],
                    f"绩效目标表“{project}”：当年财政拨款超过{MEASURES[ceiling][0]}",
                    f"performance form {project}: current_grant above {ceiling}")
                break


register_rule(
    check_target_funds,
    "W08", "within_table", "error", "绩效目标表：当年财政拨款不超过年度资金总额",
    "performance form: this year's appropriation within the year's funds",
    requires=("performance_targets",))


# -- across tables ----------------------------------------------------------------------

def _line_value(ctx: Context, kind: str, measure: str, **where: object):
    """Return (value, full location) of the first line of ``kind`` matching ``where``."""
    found = first_value(ctx.disclosure, kind, measure, **where)
    return (None, None) if found is None else (found.value, ctx.locate(found.where))


def _class_totals(ctx: Context, kind: str, measure: str) -> dict[str, tuple[Decimal, str]]:
    table = ctx.disclosure.tables.get(kind)
    if table is None or measure not in table.frame.columns:
        return {}
    return {line["line_code"]: (line[measure], ctx.source(kind, line["row"], measure))
            for line in table.records()
            if line["level"] == 1 and isinstance(line["line_code"], str)
            and len(line["line_code"]) == 3 and line["line_code"].isdigit()
            and not pd.isna(line[measure])}


def _no_classes(ctx: Context, rule_id: str, kind: str, measure: str) -> Finding:
    """Say classes were not compared: one table prints (or we read) no 类 lines there.

    Some templates break a table down by 支出用途 or by unit, not by 类 (江苏's 财政拨款
    收支总表), or print class names without codes; every class would otherwise be "0.00".
    """
    return Finding(rule_id, "info",
                   f"未按类比较：{_label(kind)}（{MEASURES[measure][0]}）中未读到类级科目行",
                   f"classes not compared: no class lines read in {kind} ({measure})",
                   locations=(ctx.table_location(kind),))


def _compare_classes(ctx: Context, rule_id: str, left: tuple[str, str],
                     right: tuple[str, str]) -> Iterator[Finding]:
    (left_kind, left_measure), (right_kind, right_measure) = left, right
    expected = _class_totals(ctx, left_kind, left_measure)
    printed = _class_totals(ctx, right_kind, right_measure)
    if not expected and not printed:
        return
    if not expected or not printed:
        yield _no_classes(ctx, rule_id, *(left if not expected else right))
        return
    tolerance = max(ctx.precision(left_kind), ctx.precision(right_kind))
    for code in sorted(set(expected) | set(printed)):
        e_value, e_where = expected.get(code, (Decimal(0), None))
        p_value, p_where = printed.get(code, (Decimal(0), None))
        yield from ctx.compare(
            # a class one table lacks is located at that table, so a doubt about it counts
            rule_id, e_value, p_value, [e_where or ctx.table_location(left_kind),
                                        p_where or ctx.table_location(right_kind)],
            f"类 {code}：{_label(right_kind)}与{_label(left_kind)}不一致",
            f"class {code}: {right_kind}.{right_measure} != {left_kind}.{left_measure}",
            tolerance)


def check_summary_vs_expenditure(ctx: Context) -> Iterator[Finding]:
    """Check the 收支总表's expenditure by 类 against the 支出总表's 类 rows."""
    measure = summary_expenditure_measure(ctx.frame("income_expenditure_summary"))
    yield from _compare_classes(ctx, "X01", ("income_expenditure_summary", measure),
                                ("expenditure_summary", "total"))


register_rule(
    check_summary_vs_expenditure,
    "X01", "across_tables", "error", "收支总表各类支出 = 支出总表各类支出",
    "summary expenditure by class = expenditure table by class",
    requires=("income_expenditure_summary", "expenditure_summary"),
    stages=BOTH_STAGES)


def _not_found(ctx: Context, rule_id: str, side: tuple, found_at: str, zh: str,
               en: str) -> Finding:
    """Say a comparison was not made: one side's line is blank or was not found.

    Comparing it as 0.00 would report a figure the document does not print; the line is
    blank in the document (the table's own identities, W03/W04, report that) or we did not
    find it (our reading). Neither is this comparison's finding.
    """
    kind, measure, where = side
    line = ", ".join(f"{key}={value}" for key, value in where.items())
    return Finding(rule_id, "info",
                   f"{zh}：未比较，{_label(kind)}中未找到{MEASURES[measure][0]}（{line}）"
                   "或该栏为空白",
                   f"{en}: not compared, {kind} {measure} ({line}) is blank or was not found",
                   locations=(found_at, ctx.table_location(kind)))


def _pair(ctx: Context, rule_id: str, left: tuple, right: tuple, zh: str, en: str,
          ) -> Iterator[Finding]:
    """Compare two single cells given as (kind, measure, where) triples."""
    expected, e_where = _line_value(ctx, left[0], left[1], **left[2])
    printed, p_where = _line_value(ctx, right[0], right[1], **right[2])
    if expected is None and printed is None:
        return
    if expected is None or printed is None:
        yield _not_found(ctx, rule_id, left if expected is None else right,
                         e_where or p_where, zh, en)
        return
    tolerance = max(ctx.precision(left[0]), ctx.precision(right[0]))
    yield from ctx.compare(rule_id, amount_or_zero(expected), amount_or_zero(printed),
                           [w for w in (e_where, p_where) if w], zh, en, tolerance)


def _prints_balance(ctx: Context) -> bool:
    """Return whether the 收入总表 合计 row prints a balance brought forward (non-zero)."""
    return any(value not in (None, 0) for value in (
        _line_value(ctx, "income_summary", balance, level=0)[0] for balance in BALANCES))


def _income_total(ctx: Context, source: str):
    """Return (value, location) of a source in the 收入总表 合计 row.

    财政拨款 printed as its three budgets (the national template) is their sum.
    """
    value, where = _line_value(ctx, "income_summary", source, level=0)
    if value is not None or source != "fiscal_grant":
        return value, where
    parts = [_line_value(ctx, "income_summary", budget, level=0) for budget in GRANT_BUDGETS]
    parts = [(v, w) for v, w in parts if v is not None]
    if not parts:
        return None, None
    return sum((v for v, _ in parts), Decimal(0)), parts[0][1]


def check_income_tables(ctx: Context) -> Iterator[Finding]:
    """Check the 收入总表 合计 (and its sources) against the 收支总表 income lines."""
    summary = ctx.frame("income_expenditure_summary")
    income = ctx.frame("income_summary")
    has_subtotal = (summary.line_code == "income_subtotal").any()
    key = "income_subtotal" if has_subtotal else "income_total"
    measure = "income_subtotal" if "income_subtotal" in income.columns else "total"
    if measure == "total" and _prints_balance(ctx):
        key = "income_total"  # 西安: its 合计 includes balances, as the summary's 收入总计 does
    yield from _pair(ctx, "X02", ("income_expenditure_summary", "income", {"line_code": key}),
                     ("income_summary", measure, {"level": 0}),
                     "收入总表合计与收支总表本年收入不一致",
                     "income table total != summary current-year income")
    for source in ("fiscal_grant", "business_income", "operating_income", "other_income"):
        printed, p_where = _income_total(ctx, source)
        stated = (fiscal_grant_income(ctx.disclosure) if source == "fiscal_grant"
                  else summary_line(ctx.disclosure, source))
        if stated is None or (printed is None and stated.value == 0):
            continue
        absent = stated.where.endswith(":absent")
        if absent and printed == 0:
            continue
        zh = f"收入总表与收支总表的{MEASURES[source][0]}不一致"
        en = f"income table {source} != summary {source}"
        if printed is None:
            yield _not_found(ctx, "X02", ("income_summary", source, {"level": 0}),
                             ctx.locate(stated.where), zh, en)
            continue
        if absent:
            yield _not_found(ctx, "X02", ("income_expenditure_summary", "income",
                                          {"line_code": source}), p_where, zh, en)
            continue
        yield from ctx.compare(
            "X02", stated.value, amount_or_zero(printed),
            [ctx.locate(stated.where), p_where], zh, en,
            max(ctx.precision("income_summary"), ctx.precision("income_expenditure_summary")))


register_rule(
    check_income_tables,
    "X02", "across_tables", "error", "收入总表合计 = 收支总表本年收入",
    "income table total = summary current-year income",
    requires=("income_expenditure_summary", "income_summary"),
    stages=BOTH_STAGES)


def check_expenditure_totals(ctx: Context) -> Iterator[Finding]:
    """Check the 支出总表 合计 against the 收支总表 本年支出合计 (or 支出总计)."""
    summary = ctx.frame("income_expenditure_summary")
    measure = summary_expenditure_measure(summary)
    key = ("expenditure_subtotal" if (summary.line_code == "expenditure_subtotal").any()
           else "expenditure_total")
    yield from _pair(ctx, "X03", ("income_expenditure_summary", measure, {"line_code": key}),
                     ("expenditure_summary", "total", {"level": 0}),
                     "支出总表合计与收支总表本年支出不一致",
                     "expenditure table total != summary current-year expenditure")


register_rule(
    check_expenditure_totals,
    "X03", "across_tables", "error", "支出总表合计 = 收支总表本年支出",
    "expenditure table total = summary current-year expenditure",
    requires=("income_expenditure_summary", "expenditure_summary"),
    stages=BOTH_STAGES)


_NON_GRANT_INCOME = ("business_income", "operating_income", "other_income", "fiscal_special",
                     "superior_subsidy", "affiliated_income", "carryover")


def check_fiscal_grant_tables(ctx: Context) -> Iterator[Finding]:
    """Check 财政拨款收支总表 columns by 类 against the general budget and fund tables.

    The all-funds 收支总表 equals the 财政拨款 total only when a department has no other
    income (事业收入, 经营收入, 其他收入, 上年结转…): that comparison is made only then.
    """
    for column, kind in (("general_budget", "general_budget_expenditure"),
                         ("gov_fund", "gov_fund_expenditure"),
                         ("state_capital", "state_capital_expenditure")):
        if ctx.frame(kind) is not None:
            yield from _compare_classes(ctx, "X04", ("fiscal_grant_summary", column),
                                        (kind, "total"))
    summary = ctx.frame("income_expenditure_summary")
    if summary is None or "income" not in summary.columns:  # no income side was read
        return
    other = summary[summary.line_code.isin(_NON_GRANT_INCOME) & summary.income.notna()
                    & (summary.income.fillna(Decimal(0)) != 0)]
    if other.empty:
        yield from _pair(ctx, "X04", ("income_expenditure_summary", "income",
                                      {"line_code": "income_total"}),
                         ("fiscal_grant_summary", "income", {"line_code": "income_total"}),
                         "无非财政拨款收入，但收支总表收入总计与财政拨款收入总计不一致",
                         "no non-appropriation income, yet the all-funds income total differs "
                         "from the appropriation total")


register_rule(
    check_fiscal_grant_tables,
    "X04", "across_tables", "error", "财政拨款收支总表与一般公共预算、政府性基金支出表一致",
    "fiscal appropriation summary agrees with the general budget and fund tables",
    requires=("fiscal_grant_summary",),
    reads=("general_budget_expenditure", "gov_fund_expenditure", "state_capital_expenditure",
           "income_expenditure_summary"),
    stages=BOTH_STAGES)


def check_basic_tables(ctx: Context) -> Iterator[Finding]:
    """Check the general budget table's 基本支出 total against the economic table's 合计."""
    if "total" not in ctx.frame("general_budget_basic_expenditure").columns:
        yield from _check_block_totals(ctx)
        return
    yield from _pair(ctx, "X05", ("general_budget_expenditure", "basic", {"level": 0}),
                     ("general_budget_basic_expenditure", "total", {"level": 0}),
                     "基本支出经济分类表合计与一般公共预算支出表基本支出不一致",
                     "economic table total != general budget basic expenditure")


register_rule(
    check_basic_tables,
    "X05", "across_tables", "error", "一般公共预算支出表基本支出 = 基本支出经济分类表合计",
    "general budget basic expenditure = economic table total",
    requires=("general_budget_expenditure", "general_budget_basic_expenditure"),
    stages=BOTH_STAGES)


def _check_block_totals(ctx: Context) -> Iterator[Finding]:
    """Compare 基本支出 with 人员经费合计 + 公用经费合计 of a table printed as blocks.

    The 决算 基本支出 table has no 合计 column: each block (人员经费 | 公用经费) closes with
    its own 合计 row.
    """
    kind = "general_budget_basic_expenditure"
    closing = [(line, measure) for line in ctx.disclosure.tables[kind].records()
               if line["level"] == 0 for measure in ("personnel", "public")
               if measure in line and not pd.isna(line[measure])]
    basic, where = _line_value(ctx, "general_budget_expenditure", "basic", level=0)
    if basic is None or not closing:
        return
    blocks = sum((line[measure] for line, measure in closing), Decimal(0))
    locations = [where] + [ctx.source(kind, line["row"], m) for line, m in closing]
    tolerance = max(ctx.precision(kind), ctx.precision("general_budget_expenditure")) * (
        len(closing) + 1) / 2
    yield from ctx.compare("X05", blocks, basic, locations,
                           "一般公共预算支出表基本支出 ≠ 人员经费合计 + 公用经费合计",
                           "general budget basic expenditure != personnel + public totals",
                           tolerance)


def _code_total(ctx: Context, kind: str, code: str):
    """Return (Σ total, first location) of every line printing ``code`` in table ``kind``.

    北京 and 烟台 cross 部门 economic classes with 政府 ones: 30231 is printed once under
    50208 and once under 50502, and the 款 is their sum.
    """
    table = ctx.disclosure.tables.get(kind)
    if table is None:
        return None, None
    # 决算 基本支出 tables print no 合计 column: a row's amount is in 人员经费 or 公用经费
    measure = next((m for m in ("total", "personnel", "public")
                    if m in table.frame.columns), None)
    printed = [(line, m) for line in table.records() if line["line_code"] == code
               for m in (("total",) if measure == "total" else ("personnel", "public"))
               if m in line and not pd.isna(line[m])]
    if measure is None or not printed:
        return None, None
    first, column = printed[0]
    return (sum((line[m] for line, m in printed), Decimal(0)),
            ctx.source(kind, first["row"], column))


def check_three_public_economic(ctx: Context) -> Iterator[Finding]:
    """Compare 公务接待费 and 公务用车运行维护费 with economic rows 30217 and 30231."""
    for item, code, name in (("reception", "30217", "公务接待费"),
                             ("vehicle_operation", "30231", "公务用车运行维护费")):
        stated, s_where = _line_value(ctx, "three_public", "total", line_code=item)
        economic, e_where = _code_total(ctx, "general_budget_basic_expenditure", code)
        if stated is None or economic is None:
            continue
        tolerance = max(ctx.precision("three_public"),
                        ctx.precision("general_budget_basic_expenditure"))
        yield from ctx.compare("X06", economic, stated, [e_where, s_where],
                               f"“三公”经费{name}与经济分类{code}不同（项目支出中也可能安排）",
                               f"三公 {item} differs from economic row {code}", tolerance)


register_rule(
    check_three_public_economic,
    "X06", "across_tables", "warning",
    "“三公”经费与经济分类科目对照（公务接待费30217、公务用车运行维护费30231）",
    "三公 items beside their economic rows (30217, 30231)",
    requires=("three_public", "general_budget_basic_expenditure"),
    basis="对照关系，非恒等式 (a comparison, not an identity: 三公 also covers 项目支出)",
    stages=BOTH_STAGES)
