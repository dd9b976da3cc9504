"""Charts of the analysis frames (matplotlib), with a shipped CJK font registered in code.

Importing this module registers the CJK font (:func:`helpers.chart_fonts.register_cjk_font`),
so Chinese labels render without any system font and without "Glyph … missing" warnings —
inside a kernel such warnings would land in the rendered HTML reports.

The font (a shipped subset of Noto Sans CJK SC) and its registration are
:mod:`helpers.chart_fonts`; PNG writing is :mod:`helpers.chart_png`.

Charts take the frames of :mod:`helpers.analysis` and return a
:class:`matplotlib.figure.Figure` (never shown, never kept in pyplot's state), amounts in
万元 (float conversion for drawing only), labels in Chinese with English beside where short.
"""

from __future__ import annotations

import textwrap
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font, LoadFlags

from helpers.chart_fonts import (
    FONT_CHAIN,
    FONT_FAMILIES,
    FONT_FAMILY,
    FONT_PATH,
    FONT_PATHS,
    displayable,
    register_cjk_font,
)
from helpers.chart_png import figure_png

__all__ = [
    "FONT_FAMILIES",
    "FONT_FAMILY",
    "FONT_PATH",
    "FONT_PATHS",
    "across_departments_chart",
    "displayable",
    "figure_png",
    "function_shares_chart",
    "personnel_operating_chart",
    "project_shares_chart",
    "register_cjk_font",
    "three_public_chart",
    "year_over_year_chart",
]


#: Colours (colour-blind safe: Okabe–Ito).
COLORS = {
    "personnel": "#0072B2",
    "operating": "#E69F00",
    "other": "#999999",
    "basic": "#56B4E9",
    "project": "#D55E00",
    "increase": "#009E73",
    "decrease": "#CC79A7",
    "total": "#555555",
    "stated": "#000000",
}

_STYLE = {
    "font.family": FONT_CHAIN,
    "axes.unicode_minus": True,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.titleweight": "normal",
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "figure.titlesize": 12,
    "figure.dpi": 100,
    "savefig.dpi": 150,
}
_WAN = Decimal(10000)


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------


def _figure(width: float, height: float) -> Figure:
    """Create a figure outside pyplot (nothing leaks into a kernel's pyplot state).

    No layout engine: :func:`_styled` places the panels once the chart is drawn up
    (:func:`_arrange`).
    """
    with mpl.rc_context(_STYLE):
        figure = Figure(figsize=(width, height))
    return figure


def _wan(value: object) -> float:
    """Convert an exact yuan amount to 万元 as a float, for drawing only (NA → 0)."""
    if value is None or value is pd.NA:
        return 0.0
    if isinstance(value, Decimal):
        return float(value / _WAN)
    try:
        return 0.0 if pd.isna(value) else float(value) / 10000
    except (TypeError, ValueError):
        return 0.0


def _fmt(wan: float, places: str = "0.01") -> str:
    """Format 万元 for display, rounding half up as printed budgets do (not binary-float)."""
    return f"{Decimal(repr(wan)).quantize(Decimal(places), rounding=ROUND_HALF_UP):,}"


def _pct(share: float) -> str:
    return "" if share is None or np.isnan(share) else f"{share * 100:.1f}%"


def _wrap(text: object, width: int = 12) -> str:
    """Wrap into lines of at most ``width`` characters, balanced (no one-character tail)."""
    text = displayable(text)
    if len(text) <= width:
        return text
    lines = -(-len(text) // width)
    return "\n".join(textwrap.wrap(text, -(-len(text) // lines))) or text


def _label(department: object, year: object, width: int = 14) -> str:
    name = _wrap(department if department is not None and department is not pd.NA else "",
                 width)
    return f"{name}\n{year}" if year is not None and year is not pd.NA else name


def _empty(figure: Figure, message: str) -> Figure:
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.text(0.5, 0.5, displayable(message), ha="center", va="center", fontsize=11)
    return figure


def _styled(function):
    """Run a chart function under the chart style, then place its panels (:func:`_arrange`)."""
    def wrapper(*args, **kwargs):
        with mpl.rc_context(_STYLE):
            return _arrange(function(*args, **kwargs))
    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    wrapper.__wrapped__ = function
    return wrapper


def _label_bars_only(axes, note: str, value_axis: str = "x") -> None:
    """Drop the value axis of bars that carry their own value labels; say what they show.

    The labels already give every amount and share, so the axis adds nothing to read; it
    is also the costliest part of drawing a chart (its ticks are laid out on every draw).
    ``note`` takes the axis label's place under the bars.
    """
    getattr(axes, f"{value_axis}axis").set_visible(False)
    axes.spines["bottom" if value_axis == "x" else "left"].set_visible(False)
    _note_below(axes, note)


def _note_below(axes, note: str, fontsize: float = 9) -> None:
    """Write ``note`` under the panel, left-aligned (:func:`_arrange` leaves room for it)."""
    axes.annotate(displayable(note), xy=(0.0, 0.0), xycoords="axes fraction",
                  xytext=(0, -_NOTE_GAP_PT), textcoords="offset points", ha="left", va="top",
                  fontsize=fontsize, color="#444444")


# --------------------------------------------------------------------------------------
# Layout
# --------------------------------------------------------------------------------------
# Every chart is one row of panels. Constrained layout measured every tick label twice
# before each draw: 0.1 s of a department report's 0.24 s of drawing (measured). Here the
# panels are placed once, from the sizes of their labels computed with the shipped font's
# advance widths (the font matplotlib draws them with): the margins a panel needs are its
# y tick labels and y label on the left, its x tick labels, x label and notes below, its
# title above; the figure adds its suptitle and its legend.

_POINT = 1 / 72  # inch
_EDGE = 0.1  # inches of white around the panels
_GAP = 0.3  # inches between two panels, besides the right one's labels
_LINE = 1.2  # matplotlib's line spacing
_NOTE_GAP_PT = 3
#: Inches between a title and its panel, and between an axis label and its tick labels.
_PAD = {"title": 6 * _POINT + 0.04, "label": 4 * _POINT}


class _Advances:
    """Advance widths of characters in the shipped font, in em (looked up once each)."""

    def __init__(self) -> None:
        self._font = FT2Font(str(FONT_PATH))
        self._font.set_size(100, 72)  # 100 pixels per em
        self._chars = set(self._font.get_charmap())
        self._em: dict[str, float] = {}

    def width(self, text: str, fontsize: float) -> float:
        """Return the width of the widest line of ``text`` in inches."""
        return max((sum(self._of(c) for c in line) for line in text.split("\n")),
                   default=0.0) * fontsize * _POINT

    def _of(self, char: str) -> float:
        em = self._em.get(char)
        if em is None:
            if ord(char) in self._chars:
                glyph = self._font.load_char(ord(char), flags=LoadFlags.NO_HINTING)
                em = glyph.linearHoriAdvance / 65536 / 100
            else:  # drawn from a fallback font: a hanzi is one em, else assume a wide glyph
                em = 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.7
            self._em[char] = em
        return em


@cache
def _advances() -> _Advances:
    return _Advances()


def _height(text: str, fontsize: float) -> float:
    """Return the height of ``text`` (its lines) in inches."""
    return (text.count("\n") + 1) * fontsize * _LINE * _POINT


def _tick_labels(axis) -> list:
    return [t for t in axis.get_ticklabels() if t.get_visible() and t.get_text()]


def _margins(axes) -> tuple[float, float, float, float]:
    """Return the inches ``axes`` needs left, below, above and right for its labels.

    On the right: half the widest x tick label, which is centred on the panel's edge.
    """
    left = bottom = top = right = 0.0
    if axes.get_title():
        top = _height(axes.get_title(), axes.title.get_fontsize()) + _PAD["title"]
    if not axes.axison:
        return left, bottom, top, right
    tick = (mpl.rcParams["xtick.major.size"] + mpl.rcParams["xtick.major.pad"]) * _POINT
    if axes.yaxis.get_visible():
        labels = _tick_labels(axes.yaxis)
        if labels:
            left = tick + max(_advances().width(t.get_text(), t.get_fontsize()) for t in labels)
        if axes.get_ylabel():
            left += _height(axes.get_ylabel(), axes.yaxis.label.get_fontsize()) + \
                _PAD["label"]
    if axes.xaxis.get_visible():
        labels = _tick_labels(axes.xaxis)
        if labels:
            bottom = tick + max(_height(t.get_text(), t.get_fontsize()) for t in labels)
            right = max(_advances().width(t.get_text(), t.get_fontsize()) for t in labels) / 2
        if axes.get_xlabel():
            bottom += _height(axes.get_xlabel(), axes.xaxis.label.get_fontsize()) + \
                _PAD["label"]
    for note in axes.texts:  # notes under the panel (_note_below)
        if getattr(note, "xycoords", None) == "axes fraction" and note.xy[1] <= 0:
            bottom = max(bottom, _NOTE_GAP_PT * _POINT
                         + _height(note.get_text(), note.get_fontsize()))
    return left, bottom, top, right


def _legend_height(figure: Figure) -> float:
    """Return the inches the figure's own legend takes at its bottom (one row: _legend)."""
    sizes = [t.get_fontsize() for legend in figure.legends for t in legend.get_texts()]
    return max(sizes, default=0.0) * 2.4 * _POINT


def _legend(figure: Figure, axes) -> None:
    """Put the legend of ``axes``' labelled artists at the bottom of the figure, in one row."""
    handles, labels = axes.get_legend_handles_labels()
    if handles:
        figure.legend(handles, labels, loc="lower center", ncol=len(handles),
                      bbox_to_anchor=(0.5, _EDGE / figure.get_figheight() / 2))


def _arrange(figure: Figure) -> Figure:
    """Place the figure's row of panels so that every label fits; return the figure.

    Panel widths follow the grid's width ratios; every panel gets the top and bottom
    margins of the tallest decorations in the row (panels stay aligned). Value labels
    written beside horizontal bars are then kept inside their panel (:func:`_fit_labels`).
    """
    panels = [a for a in figure.axes if a.get_subplotspec() is not None]
    if not panels:
        return figure
    width, height = figure.get_size_inches()
    grid = panels[0].get_subplotspec().get_gridspec()
    if grid.nrows != 1:  # only a row of panels is placed here (every chart is one)
        return figure
    ratios = grid.get_width_ratios() or [1] * grid.ncols
    margins = [_margins(axes) for axes in panels]
    top = _EDGE + max(m[2] for m in margins)
    if figure.get_suptitle():
        top += _height(figure.get_suptitle(), mpl.rcParams["figure.titlesize"]) + 0.1
    bottom = _EDGE + max(m[1] for m in margins) + _legend_height(figure)
    shares = [sum(ratios[c] for c in axes.get_subplotspec().colspan) for axes in panels]
    body = (width - 2 * _EDGE - sum(m[0] for m in margins) - margins[-1][3]
            - sum(max(_GAP, m[3]) for m in margins[:-1]))
    x = _EDGE
    for axes, (left, _, _, right), share in zip(panels, margins, shares, strict=True):
        x += left
        panel_width = max(body * share / sum(shares), 0.5)
        axes.set_position([x / width, bottom / height, panel_width / width,
                           max(height - top - bottom, 0.5) / height])
        _fit_labels(axes, panel_width)
        x += panel_width + max(_GAP, right)
    return figure


def _fit_labels(axes, panel_width: float) -> None:
    """Widen the x range so that left-aligned value labels in data coordinates fit."""
    labels = [t for t in axes.texts
              if t.get_transform() == axes.transData and t.get_horizontalalignment() == "left"]
    if not labels or panel_width <= 0:
        return
    low, high = axes.get_xlim()
    needed = high
    for label in labels:
        room = panel_width - _advances().width(label.get_text(), label.get_fontsize()) - 0.05
        if room > 0:
            needed = max(needed, low + (label.get_position()[0] - low) * panel_width / room)
    if needed > high:
        axes.set_xlim(low, needed)


# --------------------------------------------------------------------------------------
# Personnel versus operating
# --------------------------------------------------------------------------------------


@_styled
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
    figure = _figure(12 if single else 9, 4.2 if single else 0.75 * len(keys) + 1.9)
    if not keys:
        return _empty(figure, "无基本支出经济分类表 · no basic-expenditure table")
    bars_axes = figure.add_subplot(1, 2, 1) if single else figure.add_subplot()
    labels = []
    for index, (department, year) in enumerate(keys):
        rows = groups[(groups["department"] == department) & (groups["year"] == year)]
        basic = frame[(frame["department"] == department) & (frame["year"] == year)
                      & (frame["row_kind"] == "total")]["amount_yuan"]
        left = 0.0
        for group in ("personnel", "operating", "other"):
            row = rows[rows["group"] == group]
            if row.empty:
                continue
            share = float(row["share_of_basic"].iloc[0])
            share = 0.0 if np.isnan(share) else share * 100
            bars_axes.barh(index, share, left=left, color=COLORS[group], height=0.62,
                           label=_group_label(group) if index == 0 else None)
            if share >= 6:
                bars_axes.text(left + share / 2, index,
                               f"{_fmt(_wan(row['amount_yuan'].iloc[0]))}\n{share:.1f}%",
                               ha="center", va="center", color="white", fontsize=8)
            left += share
        label = _label(department, year, 16)
        if len(basic):
            label += f"\n基本支出 {_fmt(_wan(basic.iloc[0]))}万元"
        labels.append(label)
    bars_axes.set_yticks(range(len(keys)), labels)
    bars_axes.set_xlim(0, 100)
    bars_axes.invert_yaxis()
    bars_axes.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(decimals=0))
    bars_axes.set_xlabel("占基本支出 share of basic expenditure (labels: 万元)")
    if single:
        bars_axes.set_ylim(-1.0, 1.0)
    bars_axes.set_title(displayable("人员经费与公用经费 · personnel vs operating"))
    _legend(figure, bars_axes)
    if single:
        _section_panel(figure.add_subplot(1, 2, 2), frame, top)
    return figure


def _group_label(group: str) -> str:
    return {"personnel": "人员经费 personnel", "operating": "公用经费 operating",
            "other": "其他 other"}[group]


def _section_panel(axes, frame: pd.DataFrame, top: int) -> None:
    sections = frame[frame["row_kind"] == "section"].copy()
    sections["wan"] = [_wan(v) for v in sections["amount_yuan"]]
    sections = sections.sort_values("wan", ascending=False).head(top)
    positions = range(len(sections))
    axes.barh(positions, sections["wan"],
              color=[COLORS.get(g, COLORS["other"]) for g in sections["group"]], height=0.6)
    axes.set_yticks(positions, [f"{displayable(n)} {c}" for n, c in
                                zip(sections["line_name"], sections["line_code"], strict=True)])
    axes.invert_yaxis()
    limit = max(sections["wan"].max() if len(sections) else 1, 1e-9)
    axes.set_xlim(0, limit * 1.3)
    for position, wan, share in zip(positions, sections["wan"], sections["share_of_basic"],
                                    strict=True):
        axes.text(wan + limit * 0.01, position, f"{_fmt(wan)} ({_pct(share)})", va="center",
                  fontsize=8)
    _label_bars_only(axes, "万元 (10k yuan)，括号内为占基本支出 (share of basic)")
    axes.set_title(displayable(f"最大的{len(sections)}个款 · largest sections"))


# --------------------------------------------------------------------------------------
# Function structure and projects
# --------------------------------------------------------------------------------------


@_styled
def function_shares_chart(frame: pd.DataFrame, level: int = 1, top: int = 12) -> Figure:
    """Draw the function structure: one bar per 类 (or 款/项), basic and project stacked.

    Args:
        frame: :func:`helpers.analysis.function_breakdown` output of one disclosure.
        level: 1 类, 2 款 or 3 项.
        top: How many lines to show (largest first).

    Returns:
        The figure.
    """
    lines = frame[frame["level"] == level].copy() if not frame.empty else frame
    figure = _figure(10, 0.45 * min(len(lines), top) + 1.8)
    if lines.empty:
        return _empty(figure, "无功能分类支出 · no functional breakdown")
    lines["wan"] = [_wan(v) for v in lines["amount_yuan"]]
    lines["basic_wan"] = [_wan(v) for v in lines["basic_yuan"]]
    lines["project_wan"] = [_wan(v) for v in lines["project_yuan"]]
    lines = lines.sort_values("wan", ascending=False).head(top)
    axes = figure.add_subplot()
    positions = np.arange(len(lines))
    axes.barh(positions, lines["basic_wan"], color=COLORS["basic"], height=0.6,
              label="基本支出 basic")
    axes.barh(positions, lines["project_wan"], left=lines["basic_wan"], color=COLORS["project"],
              height=0.6, label="项目支出 project")
    limit = max(lines["wan"].max(), 1e-9)
    for position, wan, share in zip(positions, lines["wan"],
                                    lines["share_of_total_expenditure"], strict=True):
        axes.text(wan + limit * 0.01, position, f"{_fmt(wan)}  {_pct(share)}", va="center",
                  fontsize=8)
    axes.set_xlim(0, limit * 1.28)
    axes.set_yticks(positions, [f"{_wrap(n, 16)} {c}" for n, c in
                                zip(lines["line_name"], lines["line_code"], strict=True)])
    axes.invert_yaxis()
    _label_bars_only(axes, "万元 (10k yuan)，占支出合计 · share of total expenditure")
    level_name = {1: "类 class", 2: "款 section", 3: "项 item"}.get(level, str(level))
    department, year = frame["department"].iloc[0], frame["year"].iloc[0]
    axes.set_title(displayable(f"{department} {year} 支出功能分类结构 · by function "
                               f"({level_name})"))
    axes.legend(loc="lower right")
    return figure


@_styled
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
        return _empty(_figure(8, 3), "无支出总表 · no expenditure summary")
    named = frame[(frame["row_kind"] == "named_project") & frame["is_headline"]]
    named = named[named["source_table"] == named["source_table"].iloc[0]] \
        if not named.empty else named
    panels = 2 + (not named.empty)
    items = frame[frame["row_kind"] == "function_item"]
    rows_needed = max(min(len(items), top), min(len(named), top), 4)
    figure = _figure(7 + 4.5 * (panels - 1), 0.42 * rows_needed + 2.2)
    grid = figure.add_gridspec(1, panels, width_ratios=[0.7] + [2] * (panels - 1))

    split = frame[frame["row_kind"] == "split"]
    axes = figure.add_subplot(grid[0, 0])
    bottom = 0.0
    for _, row in split.iterrows():
        wan = _wan(row["amount_yuan"])
        axes.bar(0, wan, bottom=bottom, color=COLORS[row["measure"]], width=0.6)
        axes.text(0, bottom + wan / 2, f"{displayable(row['line_name'])}\n{_fmt(wan)}\n"
                  f"{_pct(row['share_of_total_expenditure'])}", ha="center", va="center",
                  color="white", fontsize=8)
        bottom += wan
    axes.set_xticks([])
    axes.spines["bottom"].set_visible(False)
    _label_bars_only(axes, "万元 (10k yuan)", value_axis="y")
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
    rows["wan"] = [_wan(v) for v in rows["amount_yuan"]]
    rows = rows.sort_values("wan", ascending=False).head(top)
    positions = np.arange(len(rows))
    bounds = rows["is_bound"].fillna(False).astype(bool).to_numpy()
    bars = axes.barh(positions, rows["wan"], color=COLORS["project"], height=0.6)
    for bar, bound in zip(bars, bounds, strict=True):
        if bound:
            bar.set_hatch("///")
            bar.set_facecolor("white")
            bar.set_edgecolor(COLORS["project"])
    limit = max(rows["wan"].max() if len(rows) else 1, 1e-9)
    comparators = rows["comparator"] if "comparator" in rows else [None] * len(rows)
    for position, wan, share, comparator, bound in zip(
            positions, rows["wan"], rows["share_of_project"], comparators, bounds, strict=True):
        prefix = f"{comparator}" if bound else ""
        axes.text(wan + limit * 0.01, position, f"{prefix}{_fmt(wan)}  {_pct(share)}",
                  va="center", fontsize=8)
    axes.set_xlim(0, limit * 1.35)
    labels = []
    for name, code in zip(rows["line_name"], rows["line_code"], strict=True):
        suffix = f" {code}" if code is not None and code is not pd.NA else ""
        labels.append(_wrap(name, 14) + suffix)
    axes.set_yticks(positions, labels)
    axes.invert_yaxis()
    bound_note = "\n斜线：成本指标上/下限，非支出 · hatched: a bound" if bounds.any() else ""
    _label_bars_only(axes, "万元 (10k yuan)，占项目支出 · share of project spending" + bound_note)
    axes.set_title(displayable(title))


# --------------------------------------------------------------------------------------
# Year over year
# --------------------------------------------------------------------------------------


_CHANGE_WORDS = {"increase": "增加", "decrease": "减少", "flat": "持平"}


@_styled
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
    figure = _figure(11, 5.2)
    if frame.empty:
        return _empty(figure, "需要两年以上的文件 · needs two or more years")
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
        return _empty(figure, "无可比的功能分类支出 · no comparable lines")
    start, end = _wan(total["amount_from_yuan"].iloc[0]), _wan(total["amount_to_yuan"].iloc[0])
    classes["change_wan"] = [_wan(v) for v in classes["change_yuan"]]
    classes = classes[classes["change_wan"] != 0]
    classes = classes.reindex(classes["change_wan"].abs().sort_values(ascending=False).index)

    axes = figure.add_subplot()
    labels = [displayable(f"{year_from}\n合计 total")]
    axes.bar(0, start, color=COLORS["total"], width=0.6)
    axes.text(0, start, _fmt(start), ha="center", va="bottom", fontsize=8)
    level = start
    for position, (_, row) in enumerate(classes.iterrows(), start=1):
        change = row["change_wan"]
        color = COLORS["increase"] if change > 0 else COLORS["decrease"]
        axes.bar(position, change, bottom=level, color=color, width=0.6)
        top = max(level, level + change)
        status = {"new": " (新增 new)", "dropped": " (取消 dropped)"}.get(row["status"], "")
        axes.text(position, top, f"{change:+,.2f}", ha="center", va="bottom", fontsize=8)
        axes.plot([position - 1.3, position + 0.3], [level, level], color="#888888",
                  linewidth=0.6)
        level += change
        name = row["name_to"] if row["name_to"] is not pd.NA else row["name_from"]
        labels.append(_wrap(f"{name}{status}", 7))
    end_position = len(labels)
    axes.bar(end_position, end, color=COLORS["total"], width=0.6)
    axes.text(end_position, end, _fmt(end), ha="center", va="bottom", fontsize=8)
    labels.append(displayable(f"{year_to}\n合计 total"))
    axes.set_xticks(range(len(labels)), labels, fontsize=8)
    levels = np.cumsum([start, *classes["change_wan"]])
    low, high = min(start, end, *levels), max(start, end, *levels)
    span = max(high - low, high * 0.02, 1e-9)
    bottom = max(0.0, low - span * 0.8)
    axes.set_ylim(bottom, high + span * 0.45)
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
            f"{_CHANGE_WORDS.get(row['stated_direction'], '')}"
            f"{_fmt(abs(_wan(row['stated_change_yuan'])))}万元\n"
            f"表格计算 computed：{_fmt(_wan(row['change_yuan']), '0.0001')}万元"),
            transform=axes.transAxes, ha="right", va="top", fontsize=9,
            bbox={"facecolor": "white", "edgecolor": "#cccccc"})
    return figure


# --------------------------------------------------------------------------------------
# 三公
# --------------------------------------------------------------------------------------


@_styled
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
    figure = _figure(9.5, 3.9)
    if items.empty:
        return _empty(figure, "无“三公”经费表 · no three-public table")
    axes = figure.add_subplot()
    positions = np.arange(len(items))
    wans = [_wan(v) for v in items["amount_yuan"]]
    colors = [COLORS["total"] if item == "total" else COLORS["operating"]
              for item in items["item"]]
    axes.barh(positions, wans, color=colors, height=0.6)
    stated = [_wan(v) if v is not pd.NA else np.nan for v in items["stated_yuan"]]
    axes.scatter(stated, positions, marker="|", s=300, color=COLORS["stated"], zorder=3,
                 label="文字说明 stated")
    limit = max(max(wans), np.nanmax(stated) if not np.all(np.isnan(stated)) else 0, 1e-9)
    for position, wan, computed, said in zip(positions, wans, items["is_computed"], stated,
                                             strict=True):
        note = "（计算 computed）" if bool(computed) else ""
        if not np.isnan(said) and _fmt(said) != _fmt(wan):
            note += f"  文字说明 stated {_fmt(said)}"
        axes.text(max(wan, 0 if np.isnan(said) else said) + limit * 0.02, position,
                  f"{_fmt(wan)}{note}", va="center", fontsize=8)
    axes.set_xlim(0, limit * 1.6)
    axes.set_yticks(positions, [displayable(z) for z in items["item_zh"]])
    axes.invert_yaxis()
    _label_bars_only(axes, "万元 (10k yuan)")
    department, year = frame["department"].iloc[0], frame["year"].iloc[0]
    admin = frame[frame["item"] == "admin_operating"]
    extra = ""
    if not admin.empty:
        amount, where = admin["amount_yuan"].iloc[0], ""
        if amount is pd.NA:
            amount, where = admin["stated_yuan"].iloc[0], "（文字说明 stated）"
        if amount is not pd.NA:
            extra = f"\n机关运行经费 administrative operating costs {_fmt(_wan(amount))}万元{where}"
    axes.set_title(displayable(f"{department} {year} “三公”经费 · three public costs{extra}"),
                   fontsize=11)
    axes.legend(loc="lower right")
    return figure


# --------------------------------------------------------------------------------------
# 决算: budget execution
# --------------------------------------------------------------------------------------


@_styled
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
    figure = _figure(9.5, 1.4 + 0.36 * min(len(known), top))
    if known.empty:
        return _empty(figure, "无可比较的预算数 · no budget to compare with")
    shown = known.assign(_budget=[_wan(v) for v in known["budget_yuan"]]) \
        .sort_values("_budget", ascending=False).head(top)
    axes = figure.add_subplot()
    positions = np.arange(len(shown))
    rates = [float(v) for v in shown["execution_rate"]]
    colors = [COLORS["project"] if bool(outside) else COLORS["basic"]
              for outside in shown["outside_band"].fillna(False)]
    axes.axvspan(band[0], band[1], color="#dddddd", zorder=0,
                 label=displayable(f"{band[0]:.0%}–{band[1]:.0%} 无须说明 no reason needed"))
    axes.barh(positions, rates, color=colors, height=0.6, zorder=2)
    limit = max(max(rates), band[1]) * 1.45
    for position, rate, outturn, budget in zip(positions, rates, shown["outturn_yuan"],
                                               shown["budget_yuan"], strict=True):
        axes.text(rate + limit * 0.01, position,
                  f"{rate:.1%}  {_fmt(_wan(outturn))} / {_fmt(_wan(budget))}",
                  va="center", fontsize=8)
    part_zh = {"function": "", "three_public": "三公·"}
    axes.set_yticks(positions, [_wrap(f"{part_zh[part]}{name}", 18)
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


# --------------------------------------------------------------------------------------
# Across departments
# --------------------------------------------------------------------------------------

_RATIOS = {
    "personnel_share_of_basic": "人员经费/基本支出\npersonnel / basic",
    "project_share_of_total": "项目支出/支出合计\nproject / total",
    "three_public_share_of_basic": "“三公”/基本支出\nthree public / basic",
}


@_styled
def across_departments_chart(frame: pd.DataFrame, label_limit: int = 15) -> Figure:
    """Draw the key ratios across department-years.

    Up to ``label_limit`` department-years: a labelled dot plot (one row per
    department-year, one panel per ratio, the median dashed). More: a box plot with the
    points jittered over it, for distributions.

    Args:
        frame: :func:`helpers.analysis.across_departments` output.
        label_limit: Largest number of department-years drawn as a labelled dot plot.

    Returns:
        The figure.
    """
    count = len(frame)
    labelled = count <= label_limit
    figure = _figure(11, 0.42 * count + 2.0 if labelled else 4.8)
    if frame.empty:
        return _empty(figure, "无数据 · no disclosures")
    axes_list = figure.subplots(1, len(_RATIOS), sharey=labelled)
    rng = np.random.default_rng(0)
    positions = np.arange(count)
    for index, (axes, (column, title)) in enumerate(zip(axes_list, _RATIOS.items(),
                                                         strict=True)):
        values = frame[column].to_numpy(dtype="float64", na_value=np.nan) * 100
        present = ~np.isnan(values)
        if labelled:
            axes.scatter(values[present], positions[present], color=COLORS["personnel"],
                         zorder=3, s=30)
            if present.any():
                axes.axvline(np.median(values[present]), color=COLORS["total"],
                             linestyle="--", linewidth=0.8)
                span = max(np.nanmax(values) - np.nanmin(values), 1e-9)
                axes.set_xlim(np.nanmin(values) - span * 0.15, np.nanmax(values) + span * 0.35)
            for x, y in zip(values[present], positions[present], strict=True):
                axes.text(x, y - 0.28, f"{x:.1f}%", ha="center", va="bottom", fontsize=7)
            axes.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(decimals=0))
            axes.grid(axis="y", color="#eeeeee")
            if index == 0:
                axes.set_yticks(positions, [_label(d, y, 16).replace("\n", " ", 1)
                                            if len(str(d)) <= 12 else _label(d, y, 16)
                                            for d, y in zip(frame["department"],
                                                            frame["year"], strict=True)],
                                fontsize=8)
                axes.set_ylim(count - 0.5, -0.7)
        else:
            if present.sum() >= 3:
                axes.boxplot(values[present], positions=[0], widths=0.5, showfliers=False,
                             medianprops={"color": COLORS["total"]})
            jitter = rng.uniform(-0.12, 0.12, size=count)
            axes.scatter(jitter[present], values[present], color=COLORS["personnel"],
                         zorder=3, s=16, alpha=0.7)
            axes.set_xlim(-0.5, 0.5)
            axes.set_xticks([])
            axes.yaxis.set_major_formatter(mpl.ticker.PercentFormatter(decimals=0))
        axes.set_title(displayable(title), fontsize=10)
    figure.suptitle(displayable(f"部门间比较 · across departments ({count} department-years)"))
    return figure
