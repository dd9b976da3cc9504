"""Charts of the analysis frames (matplotlib, seaborn), with a shipped CJK font registered.

One module per job:

* :mod:`helpers.plots.fonts` — the shipped CJK font subset, registered with matplotlib on
  import, and :func:`displayable` (Chinese labels render without any system font and
  without "Glyph … missing" warnings, which inside a kernel would land in the reports);
* :mod:`helpers.plots.output` — :func:`figure_png`, a figure drawn once and written as PNG;
* :mod:`helpers.plots.style` — colours, rc settings, figures with matplotlib's constrained
  layout, number and percent formats, :class:`Sentence` (what a one-item chart says instead);
* :mod:`helpers.plots.charts` — the charts of one document;
* :mod:`helpers.plots.compare` — across departments (seaborn) and over a department's years.

Charts take the frames of :mod:`helpers.analysis` and return a
:class:`matplotlib.figure.Figure` (never shown, never kept in pyplot's state) or a
:class:`Sentence`; amounts in 万元 (float conversion for drawing only), labels in Chinese
with English beside where short.
"""

from __future__ import annotations

from helpers.plots.charts import (
    execution_chart,
    function_shares_chart,
    personnel_operating_chart,
    project_shares_chart,
    three_public_chart,
    year_over_year_chart,
)
from helpers.plots.compare import across_departments_chart, class_heatmap, trend_chart
from helpers.plots.fonts import (
    FONT_FAMILIES,
    FONT_FAMILY,
    FONT_PATH,
    FONT_PATHS,
    displayable,
    register_cjk_font,
)
from helpers.plots.output import figure_png
from helpers.plots.style import COLORS, Sentence

__all__ = [
    "COLORS",
    "FONT_FAMILIES",
    "FONT_FAMILY",
    "FONT_PATH",
    "FONT_PATHS",
    "Sentence",
    "across_departments_chart",
    "class_heatmap",
    "displayable",
    "execution_chart",
    "figure_png",
    "function_shares_chart",
    "personnel_operating_chart",
    "project_shares_chart",
    "register_cjk_font",
    "three_public_chart",
    "trend_chart",
    "year_over_year_chart",
]
