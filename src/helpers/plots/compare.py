"""Charts that compare: departments with each other (seaborn), a department over its years.

* :func:`across_departments_chart` — the key ratios of every department-year, one panel per
  ratio: a labelled strip of dots (seaborn ``stripplot``) with the median dashed, or, past
  ``label_limit`` department-years, a box plot with the points over it (seaborn
  ``boxplot`` + ``stripplot``), for distributions.
* :func:`trend_chart` — the headline figures over every year a department has (a line per
  figure), not only the last pair.
* :func:`class_heatmap` — 支出 by function 类 × year (seaborn ``heatmap``): amounts in 万元
  printed in the cells, colour the 类's share of that year's total.
* :func:`year_over_year_chart` (in :mod:`helpers.plots.charts`) stays the waterfall of the
  latest pair.

One department-year, or one year, makes no comparison: the functions return a
:class:`~helpers.plots.style.Sentence` saying the figures instead. seaborn is imported when a
chart needs it (0.5 s of CPU, measured): a process that draws none does not pay it.
"""

from __future__ import annotations

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
    pct,
    percent_axis,
    wan,
    wrap,
)

__all__ = ["across_departments_chart", "class_heatmap", "trend_chart"]

_RATIOS = {
    "personnel_share_of_basic": "人员经费/基本支出\npersonnel / basic",
    "project_share_of_total": "项目支出/支出合计\nproject / total",
    "three_public_share_of_basic": "“三公”/基本支出\nthree public / basic",
}


def _row_label(department: object, year: object) -> str:
    name = wrap(department if isinstance(department, str) else "", 16)
    return f"{name} {year}" if "\n" not in name else f"{name}\n{year}"


@chart
def across_departments_chart(frame: pd.DataFrame, label_limit: int = 15) -> Figure | Sentence:
    """Draw the key ratios across department-years (seaborn).

    Args:
        frame: :func:`helpers.analysis.across_departments` output.
        label_limit: Largest number of department-years drawn as labelled dots; more are a
            distribution (box plot and points).

    Returns:
        The figure; for a single department-year, a sentence with its ratios.
    """
    count = len(frame)
    if count == 1:
        row = frame.iloc[0]
        said = "；".join(f"{title.split(chr(10))[0]} {pct(row[column]) or '—'}"
                        for column, title in _RATIOS.items())
        return Sentence(f"只有一个部门-年度（{row['department']} {row['year']}），无从比较："
                        f"{said}。")
    import seaborn as sns

    labelled = count <= label_limit
    figure = new_figure(11, 0.42 * count + 2.2 if labelled else 4.8)
    if frame.empty:
        return empty(figure, "无数据 · no disclosures")
    long = pd.DataFrame({
        "who": [_row_label(d, y) for d, y in zip(frame["department"], frame["year"],
                                                strict=True)] * len(_RATIOS),
        "ratio": [title for title in _RATIOS.values() for _ in range(count)],
        "percent": np.concatenate([frame[c].to_numpy(dtype="float64", na_value=np.nan) * 100
                                   for c in _RATIOS]),
    })
    axes_list = figure.subplots(1, len(_RATIOS), sharey=labelled)
    for index, (axes, title) in enumerate(zip(axes_list, _RATIOS.values(), strict=True)):
        panel = long[long["ratio"] == title]
        values = panel["percent"].to_numpy()
        present = panel[~np.isnan(values)]
        if labelled:
            sns.stripplot(data=panel, x="percent", y="who", ax=axes, jitter=False, size=6,
                          color=COLORS["personnel"], order=list(long["who"].iloc[:count]))
            if len(present):
                axes.axvline(float(np.median(present["percent"])), color=COLORS["total"],
                             linestyle="--", linewidth=0.8)
            for y, value in enumerate(values):
                if not np.isnan(value):
                    axes.annotate(f"{value:.1f}%", (value, y), xytext=(0, 5),
                                  textcoords="offset points", ha="center", va="bottom",
                                  fontsize=7)
            percent_axis(axes.xaxis, values)
            axes.grid(axis="y", color="#eeeeee")
            axes.set_ylabel("")
            axes.set_xlabel("")
            if index == 0:
                axes.tick_params(axis="y", labelsize=8)
        else:
            if len(present) >= 3:
                sns.boxplot(data=present, y="percent", ax=axes, width=0.5, showfliers=False,
                            color="white", linecolor=COLORS["total"])
            sns.stripplot(data=present, y="percent", ax=axes, size=4, alpha=0.7,
                          color=COLORS["personnel"], jitter=0.15)
            axes.set_xticks([])
            axes.set_ylabel("")
            percent_axis(axes.yaxis, values)
        missing = int(np.isnan(values).sum())
        axes.set_title(displayable(title + (f"\n（{missing} 个缺数 missing）" if missing
                                            else "")), fontsize=10)
    figure.suptitle(displayable(f"部门间比较 · across departments ({count} department-years)"
                                "，虚线为中位数 · dashed: median" if labelled else
                                f"部门间比较 · across departments ({count} department-years)"))
    return figure


#: Headline rows of year_over_year drawn as trends (key → label).
_TREND = {"expenditure_total": "支出合计 total", "basic": "基本支出 basic",
          "project": "项目支出 project", "personnel": "人员经费 personnel",
          "public": "公用经费 operating"}
_TREND_COLORS = {"expenditure_total": COLORS["total"], "basic": COLORS["basic"],
                 "project": COLORS["project"], "personnel": COLORS["personnel"],
                 "public": COLORS["public"]}


def _by_year(frame: pd.DataFrame, rows: pd.DataFrame, key: str) -> dict[int, object]:
    """Return year → amount of the rows keyed ``key``, from both ends of every pair."""
    amounts: dict[int, object] = {}
    for _, row in rows[rows["line_code"] == key].iterrows():
        for year, amount in ((row["year_from"], row["amount_from_yuan"]),
                             (row["year_to"], row["amount_to_yuan"])):
            if year is not pd.NA and amount is not pd.NA and amount is not None:
                amounts[int(year)] = amount
    return amounts


@chart
def trend_chart(frame: pd.DataFrame) -> Figure | Sentence:
    """Draw the headline figures over every year of one department (budgets).

    Args:
        frame: :func:`helpers.analysis.year_over_year` output (its ``headline`` rows).

    Returns:
        The figure (one line per figure, each point labelled in 万元); a sentence when the
        budgets cover fewer than two years.
    """
    rows = frame[(frame["table"] == "headline") & (frame["stage"] == "budget")] \
        if not frame.empty else frame
    series = {key: _by_year(frame, rows, key) for key in _TREND} if not rows.empty else {}
    years = sorted({year for amounts in series.values() for year in amounts})
    if len(years) < 2:
        return Sentence("预算只有一个年度，无趋势可画 · one budget year: no trend to draw")
    figure = new_figure(11, 4.6)
    axes = figure.add_subplot()
    for key, amounts in series.items():
        if len(amounts) < 2:
            continue
        shown = sorted(amounts)
        values = [wan(amounts[y]) for y in shown]
        axes.plot(shown, values, marker="o", color=_TREND_COLORS[key],
                  label=displayable(_TREND[key]),
                  linewidth=2.2 if key == "expenditure_total" else 1.4)
        for year, value in zip(shown, values, strict=True):
            axes.annotate(fmt_wan(value), (year, value), xytext=(0, 6),
                          textcoords="offset points", ha="center", fontsize=7,
                          color=_TREND_COLORS[key])
    axes.set_xticks(years, [str(y) for y in years])
    axes.set_xlim(years[0] - 0.4, years[-1] + 0.4)
    axes.set_ylim(bottom=0)
    axes.set_ylabel("万元 (10k yuan)")
    axes.yaxis.set_major_formatter(lambda value, _: f"{value:,.0f}")
    axes.grid(axis="y", color="#eeeeee")
    department = frame["department"].dropna().iloc[0]
    axes.set_title(displayable(f"{department}：主要指标 {years[0]}–{years[-1]} · "
                               "headline figures over the years"))
    figure.legend(*axes.get_legend_handles_labels(), loc="outside lower center", ncol=5)
    return figure


@chart
def class_heatmap(frame: pd.DataFrame, table: str = "expenditure_summary",
                  top: int = 12) -> Figure | Sentence:
    """Draw 支出 by function 类 × year (seaborn heatmap) over a department's budgets.

    Args:
        frame: :func:`helpers.analysis.year_over_year` output.
        table: The function table whose 类 lines make the rows.
        top: At most this many 类 (the largest in the latest year first).

    Returns:
        The figure (cells: 万元; colour: the 类's share of that year's total); a sentence
        when there are fewer than two years or two 类.
    """
    rows = frame[(frame["table"] == table) & (frame["measure"] == "total")
                 & (frame["stage"] == "budget")] if not frame.empty else frame
    if rows.empty:
        return Sentence("无可比的功能分类支出 · no comparable function lines")
    amounts: dict[tuple[str, int], float] = {}
    names: dict[str, str] = {}
    for _, row in rows[rows["level"] == 1].iterrows():
        names[row["line_code"]] = row["name_to"] if row["name_to"] is not pd.NA \
            else row["name_from"]
        for year, amount in ((row["year_from"], row["amount_from_yuan"]),
                             (row["year_to"], row["amount_to_yuan"])):
            if amount is not pd.NA and amount is not None:
                amounts[(row["line_code"], int(year))] = wan(amount)
    years = sorted({year for _, year in amounts})
    if len(years) < 2 or len(names) < 2:
        return Sentence("少于两个年度或两个类，不画热力图 · fewer than two years or classes")
    grid = pd.DataFrame(np.nan, index=sorted(names), columns=years)
    for (code, year), amount in amounts.items():
        grid.loc[code, year] = amount
    import seaborn as sns

    grid = grid.sort_values(years[-1], ascending=False).head(top)
    shares = grid / grid.sum(axis=0) * 100
    figure = new_figure(11, 0.42 * len(grid) + 1.8)
    axes = figure.add_subplot()
    annotations = grid.map(lambda v: "—" if np.isnan(v) else fmt_wan(v))
    sns.heatmap(shares, ax=axes, annot=annotations, fmt="", cmap="Blues", linewidths=0.5,
                linecolor="white", annot_kws={"fontsize": 8},
                cbar_kws={"label": displayable("占当年支出合计 share of the year's total"),
                          "format": PercentTicks()})
    axes.set_yticks(np.arange(len(grid)) + 0.5,
                    [displayable(f"{wrap(names[c], 14)} {c}") for c in grid.index],
                    rotation=0)
    axes.set_xticks(np.arange(len(years)) + 0.5, [str(y) for y in years], rotation=0)
    axes.set_xlabel("")
    axes.set_ylabel("")
    department = frame["department"].dropna().iloc[0]
    axes.set_title(displayable(f"{department}：支出按功能分类（类）× 年度，格内为万元 · "
                               "by function class and year (cells: 10k yuan)"))
    return figure
