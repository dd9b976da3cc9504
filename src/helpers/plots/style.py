"""The charts' common parts: colours, rc settings, figures laid out by matplotlib, formats.

Every chart is a :class:`matplotlib.figure.Figure` made outside pyplot (nothing leaks into a
kernel's pyplot state) with matplotlib's constrained layout, which places titles, tick
labels, axis labels, legends and the notes written under a panel; value labels beside bars
are :meth:`~matplotlib.axes.Axes.bar_label`. Amounts are exact yuan in the frames and 万元
floats here, for drawing only; printed values are rounded half up as budgets print them
(never through a binary float). Percent axes choose their decimals from the axis range
(a range of 0.0 %–0.8 % reads 0.0 %, 0.2 %, …, not 0 %, 0 %, 1 %).

A chart with a single item draws nothing worth reading: its function returns a sentence
(:class:`Sentence`) instead, which :func:`helpers.report.figure` shows as text.
"""

from __future__ import annotations

import textwrap
from decimal import ROUND_HALF_UP, Decimal
from functools import wraps

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter, MaxNLocator

from helpers.plots.fonts import FONT_CHAIN, displayable

__all__ = [
    "COLORS",
    "PercentTicks",
    "Sentence",
    "chart",
    "empty",
    "fmt_wan",
    "new_figure",
    "note_below",
    "pct",
    "percent_axis",
    "wan",
    "wrap",
    "year_label",
]

#: Colours (colour-blind safe: Okabe–Ito).
COLORS = {
    "personnel": "#0072B2",
    "public": "#E69F00",
    "other": "#999999",
    "basic": "#56B4E9",
    "project": "#D55E00",
    "increase": "#009E73",
    "decrease": "#CC79A7",
    "total": "#555555",
    "stated": "#000000",
}

STYLE = {
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


class Sentence(str):
    """What a chart says in words where one item makes no chart (shown as a note)."""


def new_figure(width: float, height: float) -> Figure:
    """Create a figure outside pyplot, laid out by matplotlib's constrained layout."""
    with mpl.rc_context(STYLE):
        return Figure(figsize=(width, height), layout="constrained")


def chart(function):
    """Run a chart function under the chart style (a decorator)."""
    @wraps(function)
    def wrapper(*args, **kwargs):
        with mpl.rc_context(STYLE):
            return function(*args, **kwargs)
    return wrapper


def wan(value: object) -> float:
    """Convert an exact yuan amount to 万元 as a float, for drawing only (NA → 0)."""
    if value is None or value is pd.NA:
        return 0.0
    if isinstance(value, Decimal):
        return float(value / _WAN)
    try:
        return 0.0 if pd.isna(value) else float(value) / 10000
    except (TypeError, ValueError):
        return 0.0


def fmt_wan(amount_wan: float, places: str = "0.01") -> str:
    """Format 万元 for display, rounding half up as printed budgets do (not binary-float)."""
    return f"{Decimal(repr(amount_wan)).quantize(Decimal(places), rounding=ROUND_HALF_UP):,}"


def pct(share: float | None, places: int = 1) -> str:
    """Format a ratio (0.125) as "12.5%" ("" when undefined)."""
    return "" if share is None or np.isnan(share) else f"{share * 100:.{places}f}%"


def wrap(text: object, width: int = 12) -> str:
    """Wrap into lines of at most ``width`` characters, balanced (no one-character tail)."""
    text = displayable(text)
    if len(text) <= width:
        return text
    lines = -(-len(text) // width)
    return "\n".join(textwrap.wrap(text, -(-len(text) // lines))) or text


def year_label(department: object, year: object, width: int = 14) -> str:
    """Return the department (wrapped) and the year beneath it."""
    name = wrap(department if department is not None and department is not pd.NA else "",
                width)
    return f"{name}\n{year}" if year is not None and year is not pd.NA else name


def empty(figure: Figure, message: str) -> Figure:
    """Write ``message`` in the middle of an otherwise empty figure."""
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.text(0.5, 0.5, displayable(message), ha="center", va="center", fontsize=11)
    return figure


def note_below(axes, note: str, fontsize: float = 9) -> None:
    """Write ``note`` as the panel's x label, left-aligned (the value axis itself hidden).

    Bars that carry their own value labels need no value axis; the label says what the
    values are.
    """
    axes.xaxis.set_ticks([])
    axes.spines["bottom"].set_visible(False)
    axes.set_xlabel(displayable(note), loc="left", fontsize=fontsize, color="#444444")


class PercentTicks(Formatter):
    """Percent tick labels with the fewest decimals that print every tick exactly.

    The data are percentages (12.5 for 12.5 %). Ticks 0, 0.25, 0.5 print "0.00%", "0.25%",
    "0.50%"; ticks 92, 92.5, 93 print "92.0%", "92.5%", "93.0%"; never two equal labels.
    """

    def __init__(self) -> None:
        self._ticks: list[float] = []

    def set_locs(self, locs: list[float]) -> None:
        """Keep the axis's tick positions (called before the labels are asked for)."""
        self._ticks = [float(t) for t in locs]

    def __call__(self, x: float, pos: int | None = None) -> str:
        """Return the label of tick ``x``."""
        return f"{x:.{self._decimals()}f}%"

    def _decimals(self) -> int:
        ticks = [t for t in self._ticks if np.isfinite(t)] or [0.0]
        for decimals in range(5):
            if all(abs(round(t, decimals) - t) < 1e-9 * max(1.0, abs(t)) for t in ticks):
                return decimals
        return 4


def percent_axis(axis, values_percent: np.ndarray | list[float]) -> None:
    """Give ``axis`` percent ticks (:class:`PercentTicks`) and limits around the values.

    A share's axis has nothing left of 0 %: when every value is positive, the lower limit
    is never below 0.

    Args:
        axis: ``axes.xaxis`` or ``axes.yaxis``; its data are percentages (12.5 for 12.5 %).
        values_percent: The values drawn, to set the limits.
    """
    values = np.asarray([v for v in values_percent if not np.isnan(v)], dtype="float64")
    if values.size:
        low, high = float(values.min()), float(values.max())
        span = high - low if high > low else max(abs(high) * 0.05, 0.05)
        lower, upper = low - span * 0.3, high + span * 0.3
        if low >= 0:
            lower = max(lower, 0.0)
        if axis is axis.axes.xaxis:
            axis.axes.set_xlim(lower, upper)
        else:
            axis.axes.set_ylim(lower, upper)
    # steps of 1, 2 or 5 (×10ⁿ): 0.2 %, not 0.25 %, needs a decimal fewer
    axis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 5, 10]))
    axis.set_major_formatter(PercentTicks())
