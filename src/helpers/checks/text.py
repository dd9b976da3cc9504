"""Rules on the narrative: text against tables, year over year, and text quality.

A figure stated in the text is compared at the precision the text prints: "16497.86万元"
agrees with a table's 164,978,640 元 because the table, rounded to 0.01 万元, gives the
same figure. Stated changes are checked against the previous year's document when one is
given ("比2023年预算减少876.75万元").

Why one module of ~650 lines: it is the narrative family of the rule registry (one
small function per rule id, independent of the others), sharing the helpers that compare a
stated figure at its printed precision.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd

from helpers.catalog import KINDS_BY_KEY, MEASURES
from helpers.checks.core import (
    BASIS_143,
    BASIS_CLASSIFICATION,
    BOTH_STAGES,
    Context,
    Finding,
    narrative_location,
    records,
    register_rule,
    wan,
)
from helpers.checks.values import FIGURE_SOURCES, FIGURE_TABLES
from helpers.codes import (
    ECONOMIC_CLASSES,
    FUNCTION_CLASSES,
    ItemLines,
    find_item_line,
    function_class_code,
    strip_numbering,
)
from helpers.money import amount_or_zero
from helpers.narrative import normalize_text

_DIRECTION_ZH = {"increase": "增加", "decrease": "减少", "flat": "持平"}
_PLACEHOLDER = re.compile(r"X{2,}|x{2,}|×{2,}|Ｘ{2,}")


#: Words a 三公 item's label names it by. A label naming none was keyed by its position
#: in the text, not by what it says (重庆: "…财政拨款运行经费" of 机关运行经费 after the 三公
#: paragraph was keyed 公务用车运行维护费): it is not compared.
_LABEL_WORDS: dict[str, tuple[str, ...]] = {
    "three_public_abroad": ("出国", "出境", "因公"),
    "three_public_vehicle": ("车",), "three_public_vehicle_purchase": ("车",),
    "three_public_vehicle_operation": ("车",), "three_public_reception": ("接待",),
}


def _label_names_it(row: dict) -> bool:
    """Return whether a figure's label (when it has one) names what it was keyed as."""
    words = _LABEL_WORDS.get(row["figure"])
    label = row["label"]
    return not words or not label or any(word in label for word in words)


def _text_vs_table(ctx: Context, rule_id: str, keys: tuple[str, ...]) -> Iterator[Finding]:
    for row in ctx.figures:
        if row["figure"] not in keys or pd.isna(row["amount_yuan"]):
            continue
        if not _label_names_it(row):
            yield Finding(rule_id, "info",
                          f"文字说明“{row['label']}”未能确认为{row['figure']}，未与表格核对",
                          f"text figure {row['label']!r} read as {row['figure']} without "
                          "naming it: not compared", printed_yuan=row["amount_yuan"],
                          locations=(narrative_location(ctx.file, row),))
            continue
        found = FIGURE_SOURCES[row["figure"]](ctx.disclosure)
        if found is None:
            continue
        value, where = found
        precision = row["precision_yuan"] if pd.notna(row["precision_yuan"]) else Decimal(0)
        yield from ctx.compare_stated(
            rule_id, value, row["amount_yuan"], precision,
            [narrative_location(ctx.file, row), ctx.locate(where)],
            f"文字说明“{row['label'] or row['figure']}”与表格不一致",
            f"text figure {row['figure']} != table")


def check_overview_totals(ctx: Context) -> Iterator[Finding]:
    """Check the 编制说明's income and expenditure totals against the tables."""
    yield from _text_vs_table(ctx, "T01", (
        "income_total", "fiscal_grant_income", "business_income", "operating_income",
        "other_income", "expenditure_total", "fiscal_grant_expenditure",
        "general_budget_expenditure", "gov_fund_expenditure", "state_capital_expenditure"))


register_rule(
    check_overview_totals,
    "T01", "text_vs_table", "error", "编制说明收支总数与表格一致",
    "the budget statement's totals agree with the tables",
    requires=("income_expenditure_summary",),
    reads=("fiscal_grant_summary", "general_budget_expenditure", "gov_fund_expenditure",
           "state_capital_expenditure"))


def _items_table(ctx: Context) -> str | None:
    for kind in ("general_budget_expenditure", "expenditure_summary"):
        if kind in ctx.disclosure.tables:
            return kind
    return None


def _item_not_read(ctx: Context, item: dict, where: str) -> Finding:
    """Say an item was not compared: we could not split its name into 类, 款 and 项.

    普陀区商务委 2025 prints "行政事业单位医疗（款)": a half-width bracket the reader does
    not split on. Not finding its line would blame the document for our reading.
    """
    return Finding("T02", "info",
                   f"第{item['item_no']}项“{item['line_name']}”：未能读出其类、款、项名称，未与表格核对",
                   f"item {item['item_no']} {item['line_name']}: its class, section and item "
                   "names could not be read; not compared with the table",
                   printed_yuan=item["amount_yuan"], locations=(where,))


def check_spending_items(ctx: Context) -> Iterator[Finding]:
    """Check each 支出主要内容 item's amount against its 项 row, and its own restatement."""
    kind = _items_table(ctx)
    index = ItemLines(records(ctx.frame(kind)))  # built once for every item
    # a damaged header can leave the table without its 合计 column: nothing to compare with
    has_total = "total" in ctx.frame(kind).columns
    if not has_total and ctx.spending_items:
        yield Finding("T02", "info",
                      f"{KINDS_BY_KEY[kind].zh}未读到合计列：支出主要内容各项未与表格核对",
                      f"{kind}: no total column was read; the listed items were not "
                      "compared with it", locations=(ctx.table_location(kind),))
    for item in ctx.spending_items:
        where = narrative_location(ctx.file, item)
        precision = item["precision_yuan"]
        if pd.notna(item["current_stated_yuan"]) and item["current_stated_yuan"] != item[
                "amount_yuan"]:
            yield from ctx.compare(
                "T02", item["amount_yuan"], item["current_stated_yuan"], [where],
                f"第{item['item_no']}项“{item['item_name']}”：预算安排数与该项金额不一致",
                f"item {item['item_no']}: the amount restated as 预算安排 differs from the "
                "item's amount")
        if not has_total:
            continue
        if None in (item["class_name"], item["section_name"], item["item_name"]):
            yield _item_not_read(ctx, item, where)
            continue
        row = find_item_line(index, item["class_name"], item["section_name"],
                             item["item_name"])
        if row is None:
            yield Finding("T02", "warning",
                          f"第{item['item_no']}项“{item['line_name']}”在{KINDS_BY_KEY[kind].zh}"
                          "中找不到对应科目",
                          f"item {item['item_no']} {item['line_name']}: no such line in {kind}",
                          printed_yuan=item["amount_yuan"], locations=(where,))
            continue
        if pd.isna(row["total"]):  # a blank is not 0: nothing to compare the item with
            yield Finding("T02", "warning",
                          f"第{item['item_no']}项“{item['line_name']}”对应科目"
                          f"{row['line_code']}在{KINDS_BY_KEY[kind].zh}中合计为空白",
                          f"item {item['item_no']}: table line {row['line_code']} prints "
                          "no total", printed_yuan=item["amount_yuan"],
                          locations=(where, ctx.source(kind, row["row"], "total")))
            continue
        yield from ctx.compare_stated(
            "T02", row["total"], item["amount_yuan"], precision,
            [where, ctx.source(kind, row["row"], "total")],
            f"第{item['item_no']}项“{item['item_name']}”金额与表格{row['line_code']}不一致",
            f"item {item['item_no']} amount != table line {row['line_code']}")


register_rule(
    check_spending_items,
    "T02", "text_vs_table", "error", "财政拨款支出主要内容各项与表格一致",
    "each listed spending item agrees with its table row",
    requires=("general_budget_expenditure",), reads=("expenditure_summary",))


def check_spending_items_total(ctx: Context) -> Iterator[Finding]:
    """Check the 支出主要内容 items sum to the 财政拨款 expenditure total."""
    items = ctx.disclosure.narrative.spending_items
    found = FIGURE_SOURCES["fiscal_grant_expenditure"](ctx.disclosure)
    if items.empty or found is None:
        return
    total, where = found
    listed = items.amount_yuan.sum()
    tolerance = items.precision_yuan.max() * (len(items) + 1) / 2
    yield from ctx.compare(
        "T03", total, listed, [narrative_location(ctx.file, items.iloc[0]), ctx.locate(where)],
        f"财政拨款支出主要内容{len(items)}项合计与财政拨款支出总计不一致",
        f"the {len(items)} listed items do not add up to the appropriation total", tolerance)


register_rule(
    check_spending_items_total,
    "T03", "text_vs_table", "error", "支出主要内容合计 = 财政拨款支出",
    "the listed spending items add up to the appropriation expenditure",
    requires=("fiscal_grant_summary",))


def check_three_public_text(ctx: Context) -> Iterator[Finding]:
    """Check the 三公 total and items stated in the text against the 三公 table."""
    yield from _text_vs_table(ctx, "T04", tuple(k for k in FIGURE_SOURCES
                                                if k.startswith("three_public")))


register_rule(
    check_three_public_text,
    "T04", "text_vs_table", "error", "“三公”经费文字与表格一致",
    "三公 figures in the text agree with the table", requires=("three_public",))


def check_admin_operating_text(ctx: Context) -> Iterator[Finding]:
    """Check the stated 机关运行经费 against the table that prints it (Shanghai 三公 table)."""
    yield from _text_vs_table(ctx, "T05", ("admin_operating_total",))


register_rule(
    check_admin_operating_text,
    "T05", "text_vs_table", "error", "机关运行经费文字与表格一致",
    "机关运行经费 in the text agrees with the table", reads=("three_public",))


def check_other_totals(ctx: Context) -> Iterator[Finding]:
    """Check 政府采购, 国有资产 and 绩效 (涉及项目资金) totals against their tables."""
    yield from _text_vs_table(ctx, "T06", ("procurement_total", "assets_total",
                                           "performance_total"))


register_rule(
    check_other_totals,
    "T06", "text_vs_table", "error", "政府采购、国有资产、绩效目标文字与表格一致",
    "procurement, assets and performance totals in the text agree with their tables",
    reads=("procurement", "assets", "performance_targets"))


#: Text totals and the parts stated beside them. A total with listed items (机关运行经费)
#: is compared with every item listed; a total with fixed parts is compared only when the
#: text states each part, one way or another: a text that names some parts ("其中：…")
#: does not claim that they add up. 车辆 is stated as one figure or as 购置 and 运行
#: (重庆, 西安 state only the two).
_LISTED_PARTS: tuple[tuple[str, str], ...] = (("admin_operating_total", "admin_operating_item"),)
_FIXED_PARTS: tuple[tuple[str, tuple[tuple[tuple[str, ...], ...], ...]], ...] = (
    ("procurement_total", ((("procurement_goods",),), (("procurement_works",),),
                           (("procurement_services",),))),
    ("three_public_total", ((("three_public_abroad",),),
                            (("three_public_vehicle",), ("three_public_vehicle_purchase",
                                                         "three_public_vehicle_operation")),
                            (("three_public_reception",),))),
    ("three_public_vehicle", ((("three_public_vehicle_purchase",),),
                              (("three_public_vehicle_operation",),))),
)


def _stated_after(figures: list[dict], start: int, key: str) -> dict | None:
    """Return the first figure ``key`` stated after position ``start``.

    The parts follow their total; a later figure under the same key belongs elsewhere
    (重庆 2026: a 运行经费 of 机关运行经费 two paragraphs on).
    """
    return next((f for f in figures[start + 1:] if f["figure"] == key
                 and f["amount_yuan"] is not None), None)


def _fixed_parts(figures: list[dict], start: int, slots) -> list[dict] | None:
    """Return the figures stating every part (one way per part), or None if one is not."""
    chosen: list[dict] = []
    for ways in slots:
        for keys in ways:
            found = [_stated_after(figures, start, key) for key in keys]
            if all(found):
                chosen.extend(found)
                break
        else:
            return None
    return chosen


def _parts_of(figures: list[dict], total_key: str) -> tuple[dict, list[dict]] | None:
    """Return a stated total (stated once) and the parts to compare it with, or None."""
    positions = [i for i, f in enumerate(figures) if f["figure"] == total_key]
    if len(positions) != 1:
        return None
    start = positions[0]
    listed = dict(_LISTED_PARTS).get(total_key)
    if listed:
        # its items follow it on its page; one stray figure (a change, an item of another
        # list: 深圳, 烟台) is not a breakdown
        parts = [f for f in figures[start + 1:] if f["figure"] == listed
                 and f["amount_yuan"] is not None and f["page"] == figures[start]["page"]]
        parts = parts if len(parts) >= 2 else None
    else:
        parts = _fixed_parts(figures, start, dict(_FIXED_PARTS)[total_key])
    return (figures[start], parts) if parts else None


def check_stated_parts(ctx: Context) -> Iterator[Finding]:
    """Check the items listed beside a stated total (机关运行经费, 政府采购, 三公) add up."""
    for total_key in (*dict(_LISTED_PARTS), *dict(_FIXED_PARTS)):
        stated = _parts_of(ctx.figures, total_key)
        if stated is None:
            continue
        total, parts = stated
        tolerance = sum((amount_or_zero(p["precision_yuan"]) for p in parts), Decimal(0)) / 2
        yield from ctx.compare(
            "T07", sum((p["amount_yuan"] for p in parts), Decimal(0)), total["amount_yuan"],
            [narrative_location(ctx.file, total)],
            f"文字所列{total['label'] or total_key}与其分项之和不一致",
            f"stated {total_key} != the sum of its stated parts", tolerance)


register_rule(
    check_stated_parts,
    "T07", "text_vs_table", "error", "文字所列分项之和 = 文字所列合计",
    "parts listed in the text add up to the total stated")


def _percent_range(current: Decimal, prior: Decimal, precision: Decimal):
    """Return the (low, high) percent change obtainable from figures rounded to ``precision``."""
    half = precision / 2
    values = [((c - p) / p * 100) for c in (current - half, current + half)
              for p in (prior - half, prior + half) if p > 0]
    return (min(values), max(values)) if values else None


def check_stated_percentages(ctx: Context) -> Iterator[Finding]:
    """Check each item's stated direction and percent change against its two amounts."""
    for item in ctx.spending_items:
        prior, current = item["prior_amount_yuan"], item["amount_yuan"]
        if pd.isna(prior) or pd.isna(current) or item["direction"] is None:
            continue
        where = (narrative_location(ctx.file, item),)
        actual = "increase" if current > prior else "decrease" if current < prior else "flat"
        label = f"第{item['item_no']}项“{item['item_name']}”"
        if actual != item["direction"]:
            yield Finding("T08", "error",
                          f"{label}：由{wan(prior)}万元到{wan(current)}万元应为"
                          f"{_DIRECTION_ZH[actual]}，文字称{_DIRECTION_ZH[item['direction']]}",
                          f"item {item['item_no']}: {wan(prior)} → {wan(current)} is "
                          f"{actual}, the text says {item['direction']}", prior, current, where)
            continue
        stated = item["change_percent"]
        if stated is None or pd.isna(stated) or prior == 0:
            continue
        bounds = _percent_range(current, prior, item["precision_yuan"])
        exact = ((current - prior) / prior * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
        signed = stated if actual != "decrease" else -stated
        step = Decimal(1).scaleb(Decimal(stated).as_tuple().exponent) / 2
        if bounds and bounds[0] - step <= signed <= bounds[1] + step:
            continue
        yield Finding("T08", "error",
                      f"{label}：文字称{_DIRECTION_ZH[actual]}{stated}%，按所列金额"
                      f"{wan(prior)}→{wan(current)}万元应为{abs(exact)}%",
                      f"item {item['item_no']}: stated {stated}%, the amounts give {exact}%",
                      locations=where)


register_rule(
    check_stated_percentages,
    "T08", "text_vs_table", "error", "文字所述增减幅度与所述金额一致",
    "stated percentages and directions agree with the figures they describe")


# -- year over year -------------------------------------------------------------------------

_STAGE_ZH = {"budget": "预算", "final": "决算"}
#: "比2023年度决算数增加", "比上年预算减少": the stage a stated change is measured against.
_BASE_STAGE = re.compile(r"比(?:上年|上一年|\d{4}年)度?(?:的)?(?P<stage>决算|预算)")


def _base_stage(sentence: str | None, own_stage: str) -> str:
    """Return the stage a change is stated against; unnamed, the document's own stage."""
    match = _BASE_STAGE.search(re.sub(r"\s+", "", sentence or ""))
    if match is None:
        return own_stage
    return "final" if match["stage"] == "决算" else "budget"


def _unverified_change(ctx: Context, row: dict, stage: str) -> Finding:
    """Say a stated change was not verified: the previous document is not its base."""
    previous = ctx.previous.meta
    return Finding(
        "Y01", "info",
        f"未核对：“{row['label'] or row['figure']}”与{row['base_year']}年{_STAGE_ZH[stage]}比较，"
        f"而提供的对比文件是{previous.year}年{_STAGE_ZH.get(previous.stage, previous.stage)}",
        f"not verified: {row['figure']} is stated against the {row['base_year']} "
        f"{stage}, but the document given is the {previous.year} {previous.stage}",
        locations=(narrative_location(ctx.file, row),))


def check_stated_changes(ctx: Context) -> Iterator[Finding]:
    """Check every "比上年增加/减少…" against the previous year's document.

    A change stated against another year or stage than the previous document's
    ("比2023年度决算数增加" beside a 2023 预算) cannot be verified with it: an info finding
    names the statement and the base it needs, rather than silence.
    """
    previous = ctx.previous
    figures = ctx.disclosure.narrative.figures
    figures = figures[figures.direction.notna() & figures.figure.isin(FIGURE_SOURCES)]
    for row in records(figures):
        stage = _base_stage(row["sentence"], ctx.disclosure.meta.stage)
        if row["base_year"] is None:
            continue
        if row["base_year"] != previous.meta.year or stage != previous.meta.stage:
            yield _unverified_change(ctx, row, stage)
            continue
        now = FIGURE_SOURCES[row["figure"]](ctx.disclosure)
        before = FIGURE_SOURCES[row["figure"]](previous)
        if now is None or before is None:
            continue
        change = now.value - before.value
        where = [narrative_location(ctx.file, row), ctx.locate(now.where),
                 f"{Path(previous.meta.source).name}:{before.where}"]
        stated = {"increase": 1, "decrease": -1, "flat": 0}[row["direction"]] * amount_or_zero(
            row["change_yuan"])
        precision = row["change_precision_yuan"]
        precision = precision if pd.notna(precision) else Decimal(0)
        yield from ctx.compare_stated(
            "Y01", change, stated, precision, where,
            f"“{row['label'] or row['figure']}”比{previous.meta.year}年的变化与两年文件不符",
            f"{row['figure']}: the stated change against {previous.meta.year} does not match "
            "the two documents")


register_rule(
    check_stated_changes,
    "Y01", "year_over_year", "error", "文字所述与上年相比的增减与两年文件一致",
    "stated changes against last year agree with both years' documents",
    needs_previous=True, reads=FIGURE_TABLES, stages=BOTH_STAGES)


# -- text quality ---------------------------------------------------------------------------

def check_zero_increase(ctx: Context) -> Iterator[Finding]:
    """Report a figure stated as 0 that "increased" by a positive amount."""
    figures = ctx.disclosure.narrative.figures
    suspicious = figures[(figures.amount_yuan == 0) & (figures.direction == "increase")
                         & (figures.change_yuan > 0)]
    for row in records(suspicious):
        yield Finding("Q01", "error",
                      f"“{row['label'] or row['figure']}”为0万元，却称比{row['base_year']}年增加"
                      f"{wan(row['change_yuan'])}万元（疑为复制粘贴）",
                      f"{row['figure']} is 0 yet stated to have increased by "
                      f"{wan(row['change_yuan'])} (likely copy-paste)",
                      printed_yuan=row["change_yuan"],
                      locations=(narrative_location(ctx.file, row),))


register_rule(
    check_zero_increase,
    "Q01", "text_quality", "error", "零金额不可能“增加”", "a zero amount that increased",
    stages=BOTH_STAGES)


def check_copied_items(ctx: Context) -> Iterator[Finding]:
    """Report a 支出主要内容 item whose stated figures repeat the item before it."""
    for before, item in itertools.pairwise(ctx.spending_items):
        same_amount = (pd.notna(item["current_stated_yuan"])
                       and item["current_stated_yuan"] == before["current_stated_yuan"])
        same_percent = (item["change_percent"] is not None
                        and item["change_percent"] == before["change_percent"])
        if same_amount and same_percent and item["amount_yuan"] != before["amount_yuan"]:
            yield Finding(
                "Q02", "warning",
                f"第{item['item_no']}项重复了第{before['item_no']}项的“预算安排"
                f"{wan(item['current_stated_yuan'])}万元、{item['change_percent']}%”，"
                f"而其本身金额为{wan(item['amount_yuan'])}万元",
                f"item {item['item_no']} repeats item {before['item_no']}'s stated figures",
                item["amount_yuan"], item["current_stated_yuan"],
                (narrative_location(ctx.file, item), narrative_location(ctx.file, before)))


register_rule(
    check_copied_items,
    "Q02", "text_quality", "warning", "相邻条目说明雷同", "a statement copied from its neighbour",
    stages=BOTH_STAGES)


def check_empty_reasons(ctx: Context) -> Iterator[Finding]:
    """Report "主要原因是。" with nothing after it."""
    narrative = ctx.disclosure.narrative
    for frame, name in ((narrative.figures, "figure"), (narrative.spending_items, "line_name")):
        for row in records(frame[frame.reason.fillna("x").str.strip() == ""]):
            yield Finding("Q03", "warning",
                          f"“{row.get('label') or row[name]}”的“主要原因是”后为空",
                          f"{row[name]}: the reason after 主要原因是 is empty",
                          locations=(narrative_location(ctx.file, row),))


register_rule(
    check_empty_reasons,
    "Q03", "text_quality", "warning", "增减原因不为空", "a stated reason is not empty",
    basis=BASIS_143,
    stages=BOTH_STAGES)


def check_placeholders(ctx: Context) -> Iterator[Finding]:
    """Report XX / ×× left from a template, in tables or text."""
    anomalies = ctx.anomalies
    in_tables = anomalies[(anomalies.kind == "placeholder") & anomalies.table.notna()]
    for row in in_tables.itertuples():
        yield Finding("Q04", "error", f"表格中有占位符“{row.text}”",
                      f"placeholder {row.text!r} in a table",
                      locations=(f"{ctx.file}:{row.table}:r{row.row}:{row.column}",))
    for row in records(ctx.disclosure.narrative.sections):
        for match in _PLACEHOLDER.finditer(row["text"]):
            yield Finding("Q04", "error", f"“{row['heading']}”中有占位符“{match.group(0)}”",
                          f"placeholder {match.group(0)!r} in section {row['section']}",
                          locations=(narrative_location(ctx.file, row),))


register_rule(
    check_placeholders,
    "Q04", "text_quality", "error", "无模板占位符（XX、××）", "no template placeholders",
    stages=BOTH_STAGES)


#: A numbered heading: no sentence in it, only a title (目录 repeats them by design).
_NUMERAL = "[一二三四五六七八九十]+"
_HEADING = re.compile(rf"(第{_NUMERAL}部分|{_NUMERAL}、|（{_NUMERAL}）)[^。，；：:]{{1,40}}")


#: A short sentence that introduces a list ("2022年本部门当年一般公共预算支出1899.9万元，其中：").
_LEAD_IN = re.compile(r"[^。]{1,60}[:：]")

#: A top-level numbered heading of the 说明 ("六、财政拨款基本支出预算情况说明").
_TOP_HEADING = re.compile(rf"{_NUMERAL}、[^。，；]{{1,40}}")


def _top_sections(raw) -> dict[str, list[tuple]]:
    """Return each paragraph text's printings in order: (page, line, top-level heading).

    江苏 and 苏州 state 人员经费 and 公用经费 word for word under 财政拨款基本支出 and under
    一般公共预算基本支出: two sections the template requires, not copy-paste residue, which
    repeats within one section (the seed's 部门职责, 普陀区商务委's 主要职能).
    """
    under: dict[str, list[tuple]] = {}
    current = None
    for block in raw.blocks if raw is not None else ():
        text = getattr(block, "text", None)
        if not isinstance(text, str):
            continue
        if _TOP_HEADING.fullmatch(text.strip()):
            current = text.strip()
        elif type(block).__name__ == "Paragraph":
            under.setdefault(normalize_text(text), []).append((block.page, block.line, current))
    return under


def _in_new_section(sections: dict[str, list[tuple]]) -> dict[str, dict[tuple, bool]]:
    """Return, per paragraph text and printing (page, line), whether it opens a new section.

    True when no earlier printing of the paragraph is under its heading. One pass over the
    printings: a paragraph printed n times costs O(n), not O(n²).
    """
    found: dict[str, dict[tuple, bool]] = {}
    for text, printings in sections.items():
        seen: set = set()
        at = found[text] = {}
        for page, line, section in printings:
            at[(page, line)] = section is not None and section not in seen
            seen.add(section)
    return found


def _other_section(new_sections: dict[str, dict[tuple, bool]], row) -> bool:
    """Return whether no earlier printing of a repeated paragraph is under its heading."""
    page = None if pd.isna(row.page) else int(row.page)
    line = None if pd.isna(row.line) else int(row.line)
    return new_sections.get(normalize_text(str(row.text)), {}).get((page, line), False)


def check_duplicate_paragraphs(ctx: Context) -> Iterator[Finding]:
    """Report paragraphs repeated in the narrative (copy-paste residue)."""
    anomalies = ctx.anomalies
    sections = _in_new_section(_top_sections(ctx.disclosure.raw))
    for row in anomalies[anomalies.kind == "duplicate_paragraph"].itertuples():
        if _HEADING.fullmatch(str(row.text).strip()):
            continue  # a heading printed again: the table of contents lists it (杭州, 西安)
        if _other_section(sections, row):
            continue  # two sections of the template that say the same (江苏, 苏州)
        if _LEAD_IN.fullmatch(str(row.text).strip()):
            continue  # "…1899.9万元，其中：" introduces two different lists (西安 2022)
        where = f"p{int(row.page)}" if pd.notna(row.page) else f"L{int(row.line)}"
        yield Finding("Q05", "warning", f"段落重复：“{row.text[:40]}…”",
                      f"duplicated paragraph: {row.message}",
                      locations=(f"{ctx.file}:{where}:narrative",))


register_rule(
    check_duplicate_paragraphs,
    "Q05", "text_quality", "warning", "无重复段落", "no duplicated paragraphs",
    stages=BOTH_STAGES)


def _names_match(printed: str, standard: str) -> bool:
    def norm(text: str) -> str:
        return re.sub(r"[\s()（）]", "", text)

    return norm(printed) == norm(standard)


def check_class_names(ctx: Context) -> Iterator[Finding]:
    """Report a 功能分类 类 printed under a name that is not its current name."""
    for kind, table in ctx.disclosure.tables.items():
        if KINDS_BY_KEY[kind].classification == "economic" or "line_name" not in table.frame:
            continue
        for line in table.records():
            current = FUNCTION_CLASSES.get(line.get("line_code"))
            if current is None or not isinstance(line["line_name"], str):
                continue
            name = strip_numbering(line["line_name"])  # "一、", "23、", "（一）"
            if not _names_match(name, current):
                yield Finding("Q06", "warning",
                              f"{KINDS_BY_KEY[kind].zh}：{line['line_code']}类名称“{name}”"
                              f"不是现行名称“{current}”",
                              f"{kind}: class {line['line_code']} printed as {name!r}, "
                              f"current name {current!r}",
                              locations=(f"{ctx.file}:{kind}:r{line['row']}",))
    for item in ctx.spending_items:
        code = function_class_code(item["class_name"] or "")
        if code and not _names_match(item["class_name"], FUNCTION_CLASSES[code]):
            yield Finding("Q06", "warning",
                          f"第{item['item_no']}项类名称“{item['class_name']}”不是现行名称"
                          f"“{FUNCTION_CLASSES[code]}”",
                          f"item {item['item_no']}: class printed as {item['class_name']!r}",
                          locations=(narrative_location(ctx.file, item),))


register_rule(
    check_class_names,
    "Q06", "text_quality", "warning", "类级科目名称为现行名称",
    "class names are the current classification's names", basis=BASIS_CLASSIFICATION,
    stages=BOTH_STAGES)


#: 部门预算支出经济分类 款 code → standard name (current edition).
ECONOMIC_SECTIONS: dict[str, str] = {
    "30101": "基本工资", "30102": "津贴补贴", "30103": "奖金", "30106": "伙食补助费",
    "30107": "绩效工资", "30108": "机关事业单位基本养老保险缴费", "30109": "职业年金缴费",
    "30110": "职工基本医疗保险缴费", "30111": "公务员医疗补助缴费", "30112": "其他社会保障缴费",
    "30113": "住房公积金", "30114": "医疗费", "30199": "其他工资福利支出",
    "30201": "办公费", "30202": "印刷费", "30203": "咨询费", "30204": "手续费", "30205": "水费",
    "30206": "电费", "30207": "邮电费", "30208": "取暖费", "30209": "物业管理费",
    "30211": "差旅费", "30212": "因公出国（境）费用", "30213": "维修（护）费", "30214": "租赁费",
    "30215": "会议费", "30216": "培训费", "30217": "公务接待费", "30218": "专用材料费",
    "30224": "被装购置费", "30225": "专用燃料费", "30226": "劳务费", "30227": "委托业务费",
    "30228": "工会经费", "30229": "福利费", "30231": "公务用车运行维护费",
    "30239": "其他交通费用", "30240": "税金及附加费用", "30299": "其他商品和服务支出",
    "30301": "离休费", "30302": "退休费", "30303": "退职（役）费", "30304": "抚恤金",
    "30305": "生活补助", "30306": "救济费", "30307": "医疗费补助", "30308": "助学金",
    "30309": "奖励金", "30310": "个人农业生产补贴", "30311": "代缴社会保险费",
    "30399": "其他对个人和家庭的补助",
    # 债务利息、资本性支出 and 其他支出: Shanghai and others print them in 基本支出 too
    "30701": "国内债务付息", "30702": "国外债务付息",
    "30901": "房屋建筑物购建", "30902": "办公设备购置", "30903": "专用设备购置",
    "30905": "基础设施建设", "30906": "大型修缮", "30907": "信息网络及软件购置更新",
    "30908": "物资储备", "30913": "公务用车购置", "30919": "其他交通工具购置",
    "30921": "文物和陈列品购置", "30922": "无形资产购置", "30999": "其他基本建设支出",
    "31001": "房屋建筑物购建", "31002": "办公设备购置", "31003": "专用设备购置",
    "31005": "基础设施建设", "31006": "大型修缮", "31007": "信息网络及软件购置更新",
    "31008": "物资储备", "31009": "土地补偿", "31010": "安置补助",
    "31011": "地上附着物和青苗补偿", "31012": "拆迁补偿", "31013": "公务用车购置",
    "31019": "其他交通工具购置", "31021": "文物和陈列品购置", "31022": "无形资产购置",
    "31099": "其他资本性支出",
    "30703": "国内债务发行费用", "30704": "国外债务发行费用",
    "31101": "资本金注入", "31199": "其他对企业补助",
    "31201": "资本金注入", "31203": "政府投资基金股权投资", "31204": "费用补贴",
    "31205": "利息补贴", "31299": "其他对企业补助",
    "31302": "对社会保险基金补助", "31303": "补充全国社会保障基金",
    "31304": "对机关事业单位职业年金的补助",
    "39906": "赠与", "39907": "国家赔偿费用支出",
    "39908": "对民间非营利组织和群众性自治组织补贴", "39909": "经常性赠与",
    "39910": "资本性赠与", "39999": "其他支出",
}


def check_economic_names(ctx: Context) -> Iterator[Finding]:
    """Report an economic 类/款 whose printed name is not the standard name of its code."""
    standard = ECONOMIC_CLASSES | ECONOMIC_SECTIONS
    frame = ctx.frame("general_budget_basic_expenditure")
    measures = [column for column in frame.columns if column in MEASURES]
    for row in records(frame):
        code, printed = row["line_code"], row["line_name"]
        if code is None or printed is None or all(row[m] is None for m in measures):
            continue  # not read, or a line of the catalog printed without an amount (福州)
        where = (ctx.source("general_budget_basic_expenditure", row["row"], "total"),)
        if len(code) > 5 and code[:5] in standard:
            continue  # a regional sub-item of a standard 款 (北京 3021101, 重庆 3010201)
        name = standard.get(code)
        if name is None:
            yield Finding("Q07", "warning", f"经济分类编码{code}（{printed}）不是标准科目",
                          f"economic code {code} ({printed}) is not standard", locations=where)
        elif not _names_match(printed, name):
            yield Finding("Q07", "warning",
                          f"经济分类{code}印为“{printed}”，标准名称为“{name}”",
                          f"economic code {code} printed as {printed!r}, standard name {name!r}",
                          locations=where)


register_rule(
    check_economic_names,
    "Q07", "text_quality", "warning", "经济分类科目编码与名称相符",
    "economic codes carry their standard names", basis=BASIS_CLASSIFICATION,
    requires=("general_budget_basic_expenditure",),
    stages=BOTH_STAGES)


def check_procurement_units(ctx: Context) -> Iterator[Finding]:
    """Report a 计量单位 that names a currency (万元) instead of a unit (台, 项, 批)."""
    frame = ctx.frame("procurement")
    if "measure_unit" not in frame.columns:
        return
    odd = frame[frame.measure_unit.fillna("").str.fullmatch(r"\s*(万元|元|千元)\s*")]
    if odd.empty:
        return
    yield Finding("Q08", "warning",
                  f"政府采购表{len(odd)}行的计量单位为“{odd.measure_unit.iloc[0]}”（货币单位，"
                  "不是计量单位）",
                  f"{len(odd)} procurement rows give a currency as their unit of measure",
                  locations=tuple(f"{ctx.file}:procurement:r{r}:measure_unit" for r in odd.row))


register_rule(
    check_procurement_units,
    "Q08", "text_quality", "warning", "政府采购计量单位不是货币单位",
    "procurement units of measure are not currencies", requires=("procurement",),
    stages=BOTH_STAGES)
