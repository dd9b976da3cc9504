"""Charts of one document: personnel vs operating, function structure, projects, 三公, execution.

Each takes a frame of :mod:`helpers.analysis` (or :mod:`helpers.execution`) and returns a
:class:`matplotlib.figure.Figure` laid out by constrained layout (:mod:`helpers.plots.style`),
amounts in 万元, labels in Chinese with English beside where short. Value labels beside bars
are :meth:`~matplotlib.axes.Axes.bar_label`; the value axis of such bars is hidden and its
label says what the values are.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from helpers.plots.fonts import displayable
from helpers.plots.style import (
    COLORS,
    PercentTicks,
    Sentence,
    chart,
    empty,
    fmt_wan,
    new_figure,
    note_below,
    pct,
    wan,
    wrap,
    year_label,
)
from helpers.vocabulary import DIRECTIONS_ZH

__all__ = ["execution_chart", "function_shares_chart", "personnel_operating_chart",
           "project_shares_chart", "three_public_chart", "year_over_year_chart"]


# --------------------------------------------------------------------------------------
# Personnel versus operating
# --------------------------------------------------------------------------------------

_GROUP_LABELS = {"personnel": "人员经费 personnel", "public": "公用经费 operating",
                 "other": "其他 other"}


@chart
def personnel_operating_chart(frame: pd.DataFrame, top: int = 10) -> Figure:
    """Draw 人员经费 vs 公用经费 as stacked bars, one per department-year.

    With a single department-year, a second panel shows the largest 款 lines of 基本支出
    coloured by group.

    Args:
        frame: :func:`helpers.analysis.personnel_vs_operating` output, of one disclosure or
            of several concatenated.
        top: How many 款 lines the breakdown panel shows.

    Returns:
        The figure.
    """
    groups = frame[frame["row_kind"] == "group"] if not frame.empty else frame
    keys = list(dict.fromkeys(zip(groups["department"], groups["year"], strict=True))) \
        if not groups.empty else []
    single = len(keys) == 1
    figure = new_figure(12 if single else 9, 4.2 if single else 0.75 * len(keys) + 1.9)
    if not keys:
        return empty(figure, "无基本支出经济分类表 · no basic-expenditure table")
    bars_axes = figure.add_subplot(1, 2, 1) if single else figure.add_subplot()
    labels = []
    for index, (department, year) in enumerate(keys):
        rows = groups[(groups["department"] == department) & (groups["year"] == year)]
        basic = frame[(frame["department"] == department) & (frame["year"] == year)
                      & (frame["row_kind"] == "total")]["amount_yuan"]
        left = 0.0
        for group in ("personnel", "public", "other"):
            row = rows[rows["group"] == group]
            if row.empty:
                continue
            share = float(row["share_of_basic"].iloc[0])
            share = 0.0 if np.isnan(share) else share * 100
            bars = bars_axes.barh(index, share, left=left, color=COLORS[group], height=0.62,
                                  label=_GROUP_LABELS[group] if index == 0 else None)
            if share >= 6:
                bars_axes.bar_label(bars, [f"{fmt_wan(wan(row['amount_yuan'].iloc[0]))}\n"
                                           f"{share:.1f}%"], label_type="center",
                                    color="white", fontsize=8)
            left += share
        label = year_label(department, year, 16)
        if len(basic):
            label += f"\n基本支出 {fmt_wan(wan(basic.iloc[0]))}万元"
        labels.append(label)
    bars_axes.set_yticks(range(len(keys)), labels)
    bars_axes.set_xlim(0, 100)
    bars_axes.invert_yaxis()
    bars_axes.xaxis.set_major_formatter(PercentTicks())
    bars_axes.set_xlabel("占基本支出 share of basic expenditure (labels: 万元)")
    if single:
        bars_axes.set_ylim(-1.0, 1.0)
    bars_axes.set_title(displayable("人员经费与公用经费 · personnel vs operating"))
    figure.legend(*bars_axes.get_legend_handles_labels(), loc="outside lower center",
                  ncol=3)
    if single:
        _section_panel(figure.add_subplot(1, 2, 2), frame, top)
    return figure


def _section_panel(axes, frame: pd.DataFrame, top: int) -> None:
    sections = frame[frame["row_kind"] == "section"].copy()
    sections["wan"] = [wan(v) for v in sections["amount_yuan"]]
    sections = sections.sort_values("wan", ascending=False).head(top)
    positions = range(len(sections))
    bars = axes.barh(positions, sections["wan"],
                     color=[COLORS.get(g, COLORS["other"]) for g in sections["group"]],
                     height=0.6)
    axes.set_yticks(positions, [f"{displayable(n)} {c}" for n, c in
                                zip(sections["line_name"], sections["line_code"], strict=True)])
    axes.invert_yaxis()
    limit = max(sections["wan"].max() if len(sections) else 1, 1e-9)
    axes.set_xlim(0, limit * 1.3)
    axes.bar_label(bars, [f"{fmt_wan(amount)} ({pct(share)})" for amount, share in
                          zip(sections["wan"], sections["share_of_basic"], strict=True)],
                   padding=3, fontsize=8)
    note_below(axes, "万元 (10k yuan)，括号内为占基本支出 (share of basic)")
    axes.set_title(displayable(f"最大的{len(sections)}个款 · largest sections"))


# --------------------------------------------------------------------------------------
# Function structure and projects
# --------------------------------------------------------------------------------------


@chart
def function_shares_chart(frame: pd.DataFrame, level: int = 1, top: int = 12
                          ) -> Figure | Sentence:
    """Draw the function structure: one bar per 类 (or 款/项), basic and project stacked.

    Args:
        frame: :func:`helpers.analysis.function_breakdown` output of one disclosure.
        level: 1 类, 2 款 or 3 项.
        top: How many lines to show (largest first).

    Returns:
        The figure; a sentence where the document has a single line at that level.
    """
    lines = frame[frame["level"] == level].copy() if not frame.empty else frame
    level_name = {1: "类 class", 2: "款 section", 3: "项 item"}.get(level, str(level))
    if len(lines) == 1:
        line = lines.iloc[0]
        return Sentence(f"支出全部属于一个{level_name[0]}：{line['line_code']} "
                        f"{line['line_name']} {fmt_wan(wan(line['amount_yuan']))}万元"
                        f"（基本支出 {fmt_wan(wan(line['basic_yuan']))}，项目支出 "
                        f"{fmt_wan(wan(line['project_yuan']))}）")
    figure = new_figure(10, 0.45 * min(len(lines), top) + 1.8)
    if lines.empty:
        return empty(figure, "无功能分类支出 · no functional breakdown")
    lines["wan"] = [wan(v) for v in lines["amount_yuan"]]
    lines["basic_wan"] = [wan(v) for v in lines["basic_yuan"]]
    lines["project_wan"] = [wan(v) for v in lines["project_yuan"]]
    lines = lines.sort_values("wan", ascending=False).head(top)
    axes = figure.add_subplot()
    positions = np.arange(len(lines))
    axes.barh(positions, lines["basic_wan"], color=COLORS["basic"], height=0.6,
              label="基本支出 basic")
    stacked = axes.barh(positions, lines["project_wan"], left=lines["basic_wan"],
                        color=COLORS["project"], height=0.6, label="项目支出 project")
    axes.bar_label(stacked, [f"{fmt_wan(amount)}  {pct(share)}" for amount, share in
                             zip(lines["wan"], lines["share_of_total_expenditure"],
                                 strict=True)], padding=3, fontsize=8)
    axes.set_xlim(0, max(lines["wan"].max(), 1e-9) * 1.28)
    axes.set_yticks(positions, [f"{wrap(n, 16)} {c}" for n, c in
                                zip(lines["line_name"], lines["line_code"], strict=True)])
    axes.invert_yaxis()
    note_below(axes, "万元 (10k yuan)，占支出合计 · share of total expenditure")
    department, year = frame["department"].iloc[0], frame["year"].iloc[0]
    axes.set_title(displayable(f"{department} {year} 支出功能分类结构 · by function "
                               f"({level_name})"))
    axes.legend(loc="lower right")
    return figure


@chart
def project_shares_chart(frame: pd.DataFrame, top: int = 12) -> Figure:
    """Draw 项目支出 against 基本支出, and each project's share of 项目支出.

    Panels: the basic/project split; 项目支出 by function 项; named projects (绩效目标表,
    政府采购) where the document names them — cost-target bounds hatched and marked ≤/≥,
    since they bound cost rather than state spending.

    Args:
        frame: :func:`helpers.analysis.project_shares` output of one disclosure.
        top: How many lines each list panel shows.

    Returns:
        The figure.
    """
    if frame.empty:
        return empty(new_figure(8, 3), "无支出总表 · no expenditure summary")
    named = frame[(frame["row_kind"] == "named_project") & frame["is_headline"]]
    named = named[named["source_table"] == named["source_table"].iloc[0]] \
        if not named.empty else named
    panels = 2 + (not named.empty)
    items = frame[frame["row_kind"] == "function_item"]
    rows_needed = max(min(len(items), top), min(len(named), top), 4)
    figure = new_figure(7 + 4.5 * (panels - 1), 0.42 * rows_needed + 2.2)
    grid = figure.add_gridspec(1, panels, width_ratios=[0.7] + [2] * (panels - 1))

    split = frame[frame["row_kind"] == "split"]
    axes = figure.add_subplot(grid[0, 0])
    bottom = 0.0
    for _, row in split.iterrows():
        amount = wan(row["amount_yuan"])
        bars = axes.bar(0, amount, bottom=bottom, color=COLORS[row["measure"]], width=0.6)
        axes.bar_label(bars, [f"{displayable(row['line_name'])}\n{fmt_wan(amount)}\n"
                              f"{pct(row['share_of_total_expenditure'])}"],
                       label_type="center", color="white", fontsize=8)
        bottom += amount
    axes.set_xticks([])
    axes.spines["bottom"].set_visible(False)
    axes.yaxis.set_visible(False)
    axes.spines["left"].set_visible(False)
    axes.set_xlabel(displayable("万元 (10k yuan)"), loc="left", fontsize=9, color="#444444")
    axes.set_title(displayable("基本/项目 · split"))

    _share_panel(figure.add_subplot(grid[0, 1]), items, top,
                 "项目支出按功能分类（项）· project spending by item")
    if not named.empty:
        source = named["source_table"].iloc[0]
        title = {"performance_targets": "绩效目标表所列项目 · named projects (targets)",
                 "procurement": "政府采购项目 · procurement projects"}.get(source, source)
        _share_panel(figure.add_subplot(grid[0, 2]), named, top, title)
    return figure


def _share_panel(axes, rows: pd.DataFrame, top: int, title: str) -> None:
    rows = rows.copy()
    rows["wan"] = [wan(v) for v in rows["amount_yuan"]]
    rows = rows.sort_values("wan", ascending=False).head(top)
    positions = np.arange(len(rows))
    bounds = rows["is_bound"].fillna(False).astype(bool).to_numpy()
    bars = axes.barh(positions, rows["wan"], color=COLORS["project"], height=0.6)
    for bar, bound in zip(bars, bounds, strict=True):
        if bound:
            bar.set_hatch("///")
            bar.set_facecolor("white")
            bar.set_edgecolor(COLORS["project"])
    comparators = rows["comparator"] if "comparator" in rows else [None] * len(rows)
    axes.bar_label(bars, [f"{comparator if bound else ''}{fmt_wan(amount)}  {pct(share)}"
                          for amount, share, comparator, bound in
                          zip(rows["wan"], rows["share_of_project"], comparators, bounds,
                              strict=True)], padding=3, fontsize=8)
    axes.set_xlim(0, max(rows["wan"].max() if len(rows) else 1, 1e-9) * 1.35)
    labels = []
    for name, code in zip(rows["line_name"], rows["line_code"], strict=True):
        suffix = f" {code}" if code is not None and code is not pd.NA else ""
        labels.append(wrap(name, 14) + suffix)
    axes.set_yticks(positions, labels)
    axes.invert_yaxis()
    bound_note = "\n斜线：成本指标上/下限，非支出 · hatched: a bound" if bounds.any() else ""
    note_below(axes, "万元 (10k yuan)，占项目支出 · share of project spending" + bound_note)
    axes.set_title(displayable(title))


# --------------------------------------------------------------------------------------
# Year over year
# --------------------------------------------------------------------------------------


@chart
def year_over_year_chart(frame: pd.DataFrame, table: str = "expenditure_summary") -> Figure:
    """Draw a waterfall from one year's total expenditure to the next, by function 类.

    The stated change of 财政拨款收入 (the narrative's own claim), when there is one, is
    printed under the chart beside the computed change.

    Args:
        frame: :func:`helpers.analysis.year_over_year` output; the latest pair is drawn.
        table: The function table whose 类 lines make the steps.

    Returns:
        The figure.
    """
    figure = new_figure(11, 5.2)
    if frame.empty:
        return empty(figure, "需要两年以上的文件 · needs two or more years")
    year_to = frame["year_to"].max()
    pair = frame[frame["year_to"] == year_to]
    year_from = pair["year_from"].iloc[0]
    lines = pair[(pair["table"] == table) & (pair["measure"] == "total")]
    if lines.empty:
        table = "general_budget_expenditure"
        lines = pair[(pair["table"] == table) & (pair["measure"] == "total")]
    total = lines[lines["line_code"] == "total"]
    classes = lines[lines["level"] == 1].copy()
    if total.empty or classes.empty:
        return empty(figure, "无可比的功能分类支出 · no comparable lines")
    start, end = wan(total["amount_from_yuan"].iloc[0]), wan(total["amount_to_yuan"].iloc[0])
    classes["change_wan"] = [wan(v) for v in classes["change_yuan"]]
    classes = classes[classes["change_wan"] != 0]
    classes = classes.reindex(classes["change_wan"].abs().sort_values(ascending=False).index)

    axes = figure.add_subplot()
    labels = [displayable(f"{year_from}\n合计 total")]
    axes.bar_label(axes.bar(0, start, color=COLORS["total"], width=0.6), [fmt_wan(start)],
                   fontsize=8)
    level = start
    for position, (_, row) in enumerate(classes.iterrows(), start=1):
        change = row["change_wan"]
        color = COLORS["increase"] if change > 0 else COLORS["decrease"]
        axes.bar(position, change, bottom=level, color=color, width=0.6)
        status = {"new": " (新增 new)", "dropped": " (取消 dropped)"}.get(row["status"], "")
        # above the step whichever way it goes (bar_label writes a fall's label below it)
        axes.annotate(("+" if change > 0 else "") + fmt_wan(change),
                      (position, max(level, level + change)), xytext=(0, 3),
                      textcoords="offset points", ha="center", va="bottom", fontsize=8)
        axes.plot([position - 1.3, position + 0.3], [level, level], color="#888888",
                  linewidth=0.6)
        level += change
        name = row["name_to"] if row["name_to"] is not pd.NA else row["name_from"]
        labels.append(wrap(f"{name}{status}", 7))
    end_position = len(labels)
    axes.bar_label(axes.bar(end_position, end, color=COLORS["total"], width=0.6),
                   [fmt_wan(end)], fontsize=8)
    labels.append(displayable(f"{year_to}\n合计 total"))
    axes.set_xticks(range(len(labels)), labels, fontsize=8)
    levels = np.cumsum([start, *classes["change_wan"]])
    low, high = min(start, end, *levels), max(start, end, *levels)
    span = max(high - low, high * 0.02, 1e-9)
    bottom = max(0.0, low - span * 0.8)
    axes.set_ylim(bottom, high + span * 0.45)
    axes.yaxis.set_major_formatter(lambda value, _: f"{value:,.0f}")
    axes.set_ylabel("万元 (10k yuan)" + ("，纵轴不从0开始 · axis not from 0" if bottom > 0
                                       else ""))
    department = pair["department"].iloc[0]
    axes.set_title(displayable(f"{department}：支出合计 {year_from}→{year_to} 按类变动 · "
                               "change by function class"))
    stated = pair[(pair["table"] == "headline") & pair["stated_change_yuan"].notna()]
    if not stated.empty:
        row = stated.iloc[0]
        axes.text(0.99, 0.97, displayable(
            f"文字说明 stated：{row['name_to']}比{row['stated_base_year']}年"
            f"{DIRECTIONS_ZH.get(row['stated_direction'], '')}"
            f"{fmt_wan(abs(wan(row['stated_change_yuan'])))}万元\n"
            f"表格计算 computed：{fmt_wan(wan(row['change_yuan']))}万元"),
            transform=axes.transAxes, ha="right", va="top", fontsize=9,
            bbox={"facecolor": "white", "edgecolor": "#cccccc"})
    return figure


# --------------------------------------------------------------------------------------
# 三公
# --------------------------------------------------------------------------------------


@chart
def three_public_chart(frame: pd.DataFrame) -> Figure:
    """Draw the 三公 items and 机关运行经费 with the narrative's stated figures marked.

    Args:
        frame: :func:`helpers.analysis.three_public` output of one disclosure.

    Returns:
        The figure.
    """
    items = frame[frame["item"].isin(["total", "abroad", "vehicle_purchase",
                                      "vehicle_operation", "reception"])] \
        if not frame.empty else frame
    figure = new_figure(9.5, 3.9)
    if items.empty:
        return empty(figure, "无“三公”经费表 · no three-public table")
    axes = figure.add_subplot()
    positions = np.arange(len(items))
    wans = [wan(v) for v in items["amount_yuan"]]
    colors = [COLORS["total"] if item == "total" else COLORS["public"]
              for item in items["item"]]
    bars = axes.barh(positions, wans, color=colors, height=0.6)
    stated = [wan(v) if v is not pd.NA else np.nan for v in items["stated_yuan"]]
    axes.scatter(stated, positions, marker="|", s=300, color=COLORS["stated"], zorder=3,
                 label="文字说明 stated")
    limit = max(max(wans), np.nanmax(stated) if not np.all(np.isnan(stated)) else 0, 1e-9)
    labels = []
    for amount, computed, said in zip(wans, items["is_computed"], stated, strict=True):
        note = "（计算 computed）" if bool(computed) else ""
        if not np.isnan(said) and fmt_wan(said) != fmt_wan(amount):
            note += f"  文字说明 stated {fmt_wan(said)}"
        labels.append(f"{fmt_wan(amount)}{note}")
    axes.bar_label(bars, labels, padding=4, fontsize=8)
    axes.set_xlim(0, limit * 1.6)
    axes.set_yticks(positions, [displayable(z) for z in items["item_zh"]])
    axes.invert_yaxis()
    note_below(axes, "万元 (10k yuan)")
    department, year = frame["department"].iloc[0], frame["year"].iloc[0]
    admin = frame[frame["item"] == "admin_operating"]
    extra = ""
    if not admin.empty:
        amount, where = admin["amount_yuan"].iloc[0], ""
        if amount is pd.NA:
            amount, where = admin["stated_yuan"].iloc[0], "（文字说明 stated）"
        if amount is not pd.NA:
            extra = (f"\n机关运行经费 administrative operating costs "
                     f"{fmt_wan(wan(amount))}万元{where}")
    axes.set_title(displayable(f"{department} {year} “三公”经费 · three public costs{extra}"),
                   fontsize=11)
    # under the panel, beside the axis note: the bars' labels run to the right edge
    figure.legend(*axes.get_legend_handles_labels(), loc="outside lower right")
    return figure


# --------------------------------------------------------------------------------------
# 决算: budget execution
# --------------------------------------------------------------------------------------


@chart
def execution_chart(frame: pd.DataFrame, band: tuple[float, float] = (0.9, 1.1),
                    top: int = 20) -> Figure:
    """Draw each line's execution rate (决算数 ÷ 预算数) beside the band that needs no reason.

    Args:
        frame: :func:`helpers.execution.budget_execution` output of one 决算.
        band: The band of rates drawn shaded (default 90 %–110 %).
        top: At most this many lines, the largest budgets first.

    Returns:
        The figure: one bar per 项 or 三公 item whose budget is known, a bar outside the
        band in the 项目支出 colour, with the outturn and budget in 万元 beside it.
    """
    known = frame[frame["execution_rate"].notna()] if not frame.empty else frame
    known = known[(known["part"] == "three_public") | (known["level"] == 3)] \
        if not known.empty else known
    figure = new_figure(9.5, 1.4 + 0.36 * min(len(known), top))
    if known.empty:
        return empty(figure, "无可比较的预算数 · no budget to compare with")
    shown = known.assign(_budget=[wan(v) for v in known["budget_yuan"]]) \
        .sort_values("_budget", ascending=False).head(top)
    axes = figure.add_subplot()
    positions = np.arange(len(shown))
    rates = [float(v) for v in shown["execution_rate"]]
    colors = [COLORS["project"] if bool(outside) else COLORS["basic"]
              for outside in shown["outside_band"].fillna(False)]
    axes.axvspan(band[0], band[1], color="#dddddd", zorder=0,
                 label=displayable(f"{band[0]:.0%}–{band[1]:.0%} 无须说明 no reason needed"))
    bars = axes.barh(positions, rates, color=colors, height=0.6, zorder=2)
    limit = max(max(rates), band[1]) * 1.45
    axes.bar_label(bars, [f"{rate:.1%}  {fmt_wan(wan(outturn))} / {fmt_wan(wan(budget))}"
                          for rate, outturn, budget in zip(rates, shown["outturn_yuan"],
                                                           shown["budget_yuan"], strict=True)],
                   padding=3, fontsize=8)
    part_zh = {"function": "", "three_public": "三公·"}
    axes.set_yticks(positions, [wrap(f"{part_zh[part]}{name}", 18)
                                for part, name in zip(shown["part"], shown["line_name"],
                                                      strict=True)])
    axes.invert_yaxis()
    axes.set_xlim(0, limit)
    axes.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(xmax=1, decimals=0))
    axes.set_xlabel(displayable("执行率 = 决算数 ÷ 预算数（条旁：决算 / 预算，万元）· "
                                "execution rate (beside: outturn / budget, 10k yuan)"))
    department, year = frame["department"].iloc[0], frame["year"].iloc[0]
    axes.set_title(displayable(f"{department} {year} 预算执行 · budget execution"),
                   fontsize=11)
    axes.legend(loc="lower right")
    return figure

