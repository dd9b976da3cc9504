"""Tests that kill mutmut's survivors in helpers.analysis, on constructed documents.

Every expected amount and share is computed by hand from the figures the test prints
(万元 tables: 1.00 is 10,000 yuan), not with the code under test.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from helpers.analysis import three_public
from test_columns import row
from test_mutation_kills import W, disclosure, grid, three_public_rows


def plain(value: object) -> object:
    return None if pd.isna(value) else value


def general_budget(basic: str, project: str) -> list:
    total = f"{Decimal(basic) + Decimal(project):.2f}"
    return grid("2024年一般公共预算支出表",
                row("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                row("", "合计", total, basic, project),
                row("201", "一般公共服务支出", total, basic, project))


def test_three_public_items_and_their_shares(tmp_path):
    """35 = 5 + 20 + 10 (20 = 8 + 12); 基本支出 100.00; the unnamed 其他费用 row is no item."""
    doc = disclosure(tmp_path, 2024, three_public_rows(), general_budget("100.00", "50.00"))
    frame = three_public(doc)
    got = [(r.item, plain(r.level), plain(r.amount_yuan), bool(r.is_computed))
           for r in frame.itertuples()]
    assert got == [("total", 0, 35 * W, False), ("abroad", 1, 5 * W, False),
                   ("vehicle", 1, 20 * W, False), ("vehicle_purchase", 2, 8 * W, False),
                   ("vehicle_operation", 2, 12 * W, False), ("reception", 1, 10 * W, False)]
    assert frame.share_of_three_public.tolist() == pytest.approx(
        [1.0, 5 / 35, 20 / 35, 8 / 35, 12 / 35, 10 / 35])
    assert frame.share_of_basic.tolist() == pytest.approx(
        [35 / 100, 5 / 100, 20 / 100, 8 / 100, 12 / 100, 10 / 100])
    assert frame.item_zh.tolist() == ["“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费",
                                      "公务用车购置费", "公务用车运行费", "公务接待费"]
    assert frame.line_name.tolist() == ["合计", "因公出国（境）费", "公务用车购置及运行费",
                                        "其中：公务用车购置费", "公务用车运行费", "公务接待费"]
    assert frame.note.isna().all() and frame.stated_yuan.isna().all()
