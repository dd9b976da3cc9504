"""Signs in a table, as read, that the reading is ours to doubt rather than the document.

The normaliser marks a table ``unreliable`` when its 合计 misses Σ类 in several columns.
Other misreadings pass that test and would surface as the document's errors; each
function here recognises one from the table and the loader's anomalies, and returns the
reason (Chinese / English) or None. :func:`reading_doubt` is what the runner asks:

* most rows miss their own row total (a column mapped to the wrong header: 深圳 支出总表);
* a figure glued to words in an amount cell (two cells read as one: 西安 2022);
* row labels in an amount column (the label column read one to the right: 江苏 收支总表);
* three lines or more on one printed row of a summary table (side-by-side blocks read as
  one side: 西安 部门综合预算收支总表).

A document's misprint breaks one row or one sum; these break a table's shape.
"""

from __future__ import annotations

import re
from decimal import Decimal

from helpers.catalog import MEASURES
from helpers.checks.core import Context
from helpers.checks.tables import ROW_COMPONENTS, present_parts, row_sums
from helpers.money import amount_or_zero


def row_identity_doubt(ctx: Context, kind: str) -> str | None:
    """Return why a table's columns look misread: most of its rows miss their own total.

    A misprinted figure breaks one row; a column mapped to the wrong header (深圳's 支出总表
    read one column to the left) or a header the vocabulary lacks (江苏's 单位预留机动经费)
    breaks nearly every row. More than half of at least three rows is read as ours.
    """
    frame = ctx.frame(kind)
    for table_kind, total, parts in ROW_COMPONENTS:
        if table_kind != kind or frame is None or total not in frame.columns:
            continue
        parts = present_parts(frame, parts)
        if len(parts) < 2:
            continue
        tolerance = ctx.precision(kind) * (len(parts) + 1) / 2
        rows = [abs(amount_or_zero(printed) - sum((v for _, v in values), Decimal(0)))
                > tolerance for _, printed, values in row_sums(ctx, kind, total, parts)]
        if len(rows) >= 3 and sum(rows) * 2 > len(rows):
            return (f"{sum(rows)}/{len(rows)}行的{MEASURES[total][0]}不等于"
                    f"{'+'.join(MEASURES[p][0] for p in parts)}，列可能读错 / {sum(rows)} of "
                    f"{len(rows)} rows miss {total} = {' + '.join(parts)}: columns likely misread")
    return None


#: A figure glued to words in one cell ("出 1090.22", "障中18心39311.66"): two cells
#: (or a wrapped name and a number) read as one, so the figure was not read.
_GLUED_FIGURE = re.compile(r"\d[\d,]*\.\d+|\d{4,}")


def glued_figures_doubt(ctx: Context, kind: str) -> str | None:
    """Return why a table's figures are in doubt: amount cells hold a figure and words.

    The seed's "万元" in a number column is the document's (S04); a figure glued to words
    is text the reader merged across cells (西安 2022), and the figure is lost to every sum.
    """
    glued = [text for text in ctx.number_cell_texts.get(kind, [])
             if _GLUED_FIGURE.search(text) and not _GLUED_FIGURE.fullmatch(text)]
    if not glued:
        return None
    return (f"{len(glued)}个金额单元格中数字与文字粘连（如“{glued[0]}”），金额未能读出 / "
            f"{len(glued)} amount cells hold a figure glued to words ({glued[0]!r}): not read")


#: A row's own label ("当年支出小计", "结转下年资金", "支出合计") read into an amount column.
_ROW_LABEL = re.compile(r".*(合计|小计|总计|结转.*|结余.*|收入|支出)")


def shifted_labels_doubt(ctx: Context, kind: str) -> str | None:
    """Return why a table's columns are in doubt: its row labels sit in amount columns.

    江苏's 收支总表 has 当年支出小计 and 支出合计 in its expenditure column: the label
    column was read one to the right, and every figure of that side with it.
    """
    labels = [text for text in ctx.number_cell_texts.get(kind, [])
              if _ROW_LABEL.fullmatch(text)]
    if not labels:
        return None
    return (f"金额列中出现行名（如“{labels[0]}”），列可能错位 / row labels in an amount "
            f"column ({labels[0]!r}): columns likely shifted")


def side_blocks_doubt(ctx: Context, kind: str) -> str | None:
    """Return why a summary table's sides are in doubt: a printed row holds three lines or more.

    A 收支总表 row prints one income and one expenditure line. 西安 prints the expenditure
    three times across the page (by function, by 部门 and by 政府 economic class): read as
    one side, each of its totals counts three blocks.
    """
    frame = ctx.frame(kind)
    if frame is None or "income" not in frame.columns or "row" not in frame.columns:
        return None
    widest = int(frame.groupby("row").size().max()) if not frame.empty else 0
    if widest <= 2:
        return None
    return (f"一行中读出{widest}个项目（收支两栏之外另有并排的栏目），并排的表可能被读成一栏 / "
            f"{widest} lines on one printed row: side-by-side blocks likely read as one")


def reading_doubt(ctx: Context, kind: str) -> str | None:
    """Return why the checks doubt their reading of table ``kind``, or None."""
    return (glued_figures_doubt(ctx, kind) or shifted_labels_doubt(ctx, kind)
            or side_blocks_doubt(ctx, kind) or row_identity_doubt(ctx, kind))
