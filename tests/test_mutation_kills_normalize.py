"""Tests that kill mutmut's survivors in helpers.normalize, on constructed grids.

Every expected line, level, amount and location is written out by hand from the grid the
test prints (万元 tables: one printed 1.00 is 10,000 yuan), not computed with the code under
test.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from helpers.normalize import normalize_grid
from helpers.raw import Cell, Grid
from test_columns import row

W = Decimal(10000)  # yuan per 万元


def grid(title: str, *rows: list[Cell], unit: str = "万元", header_rows: int = 1,
         notes: list[str] | None = None) -> Grid:
    return Grid(title, ["编制部门：示例局", f"单位：{unit}"], list(rows), header_rows,
                notes or [], line=1)


def plain(value: object) -> object:
    return None if pd.isna(value) else value


def frame_rows(table, *columns: str) -> list[tuple]:
    """Return the table's frame as tuples of ``columns`` (NA as None)."""
    frame = table.frame
    return [tuple(plain(value) for value in values)
            for values in zip(*(frame[c] for c in columns), strict=True)]


# ---- 三公 with one row per item (Hebei) --------------------------------------------------

def three_public_rows() -> Grid:
    return grid("2024年“三公”经费预算表",
                row("序号", "项目", "预算数"),
                row("", "合计", "35.00"),
                row("一、", "因公出国（境）费", "5.00"),
                row("二、", "公务用车购置及运行费", "20.00"),
                row("", "其中：公务用车购置费", "8.00"),
                row("", "公务用车运行费", "12.00"),
                row("三、", "公务接待费", "10.00"),
                row("", "", ""),
                row("", "其他费用", "0"))


def test_three_public_item_rows_keys_levels_and_amounts():
    result = normalize_grid(three_public_rows(), "t.txt")
    table = result.table
    assert table.kind == "three_public"
    assert frame_rows(table, "line_code", "line_name", "level", "total", "row") == [
        ("total", "合计", 0, 35 * W, 1),
        ("abroad", "因公出国（境）费", 1, 5 * W, 2),
        ("vehicle", "公务用车购置及运行费", 1, 20 * W, 3),
        ("vehicle_purchase", "其中：公务用车购置费", 2, 8 * W, 4),
        ("vehicle_operation", "公务用车运行费", 2, 12 * W, 5),
        ("reception", "公务接待费", 1, 10 * W, 6),
        (None, "其他费用", 2, Decimal(0), 8),       # row 7 is blank: skipped, not renumbered
    ]
    assert [(a["line_code"], a["level"], a["measure"], a["amount_yuan"], a["source"])
            for a in result.amounts] == [
        ("total", 0, "total", 35 * W, "t.txt:L1:three_public:r1:total"),
        ("abroad", 1, "total", 5 * W, "t.txt:L1:three_public:r2:total"),
        ("vehicle", 1, "total", 20 * W, "t.txt:L1:three_public:r3:total"),
        ("vehicle_purchase", 2, "total", 8 * W, "t.txt:L1:three_public:r4:total"),
        ("vehicle_operation", 2, "total", 12 * W, "t.txt:L1:three_public:r5:total"),
        ("reception", 1, "total", 10 * W, "t.txt:L1:three_public:r6:total"),
        (None, 2, "total", Decimal(0), "t.txt:L1:three_public:r8:total"),
    ]
    assert result.anomalies == []
    assert table.unreliable is None


def test_three_public_item_rows_numbered_in_the_name_without_a_number_column():
    result = normalize_grid(grid(
        "2024年“三公”经费预算表",
        row("项目", "预算数"),
        row("“三公”经费合计", "6.00"),
        row("一、因公出国（境）费", "1.00"),
        row("二、公务接待费", "2.00"),
        row("（一）其他", "3.00"),
        row("机关运行经费", "40.00")), "t.txt")
    assert frame_rows(result.table, "line_code", "level", "total") == [
        ("total", 0, 6 * W), ("abroad", 1, W), ("reception", 1, 2 * W),
        (None, 2, 3 * W), ("admin_operating", 1, 40 * W)]
