"""Tests that kill mutmut's survivors in helpers.checks, on constructed documents.

Every expected finding (rule, severity, expected / printed / difference in yuan, locations)
is worked out by hand from the figures the test prints (万元: 1.00 is 10,000 yuan), not with
the code under test.
"""

from __future__ import annotations

from helpers import check
from helpers.raw import Cell
from test_mutation_kills import W, disclosure, three_public_rows
from test_mutation_kills_analysis import general_budget


def findings(doc, prefix: str = "") -> list[tuple]:
    frame = check(doc)
    return [(r.rule_id, r.severity, r.expected_yuan, r.printed_yuan, r.difference_yuan,
             r.locations) for r in frame.itertuples()
            if r.rule_id.startswith(prefix) and r.severity != "info"]


def test_w05_three_public_total_against_its_three_items(tmp_path):
    """合计 36.00 printed over 5.00 + 20.00 + 10.00 = 35.00: one error of 1.00 万元."""
    table = three_public_rows()
    table.rows[1][2] = Cell("36.00", line=1)
    doc = disclosure(tmp_path, 2024, table, general_budget("100.00", "50.00"))
    where = "example_2024.txt:L1:three_public"
    assert findings(doc, "W05") == [(
        "W05", "error", 35 * W, 36 * W, 1 * W,
        f"{where}:r1:total; {where}:r2:total; {where}:r3:total; {where}:r6:total")]


def test_w05_a_consistent_three_public_table_has_no_finding(tmp_path):
    doc = disclosure(tmp_path, 2024, three_public_rows(), general_budget("100.00", "50.00"))
    assert findings(doc, "W05") == []
