"""The seed (秦皇岛市海港区司法局 2023, Hebei, Tika text): key figures and known defects.

Figures are those of data/corpus/README.md, in 万元, compared exactly in yuan.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

pytestmark = pytest.mark.corpus


def wan(text: str) -> Decimal:
    return (Decimal(text) * 10000).quantize(Decimal("0.01"))


def amount(disclosure, table: str, measure: str, **where) -> Decimal | None:
    rows = disclosure.amounts
    rows = rows[(rows.table == table) & (rows.measure == measure)]
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) <= 1, rows
    return rows.amount_yuan.iloc[0] if len(rows) else None


def test_meta(seed):
    assert seed.meta.department == "秦皇岛市海港区司法局"
    assert seed.meta.year == 2023
    assert (seed.meta.stage, seed.meta.scope, seed.meta.unit) == ("budget", "department", "万元")
    assert seed.meta.format == "tika_text"
    assert len(seed.meta.sha256) == 64
    assert not seed.meta.is_synthetic


def test_every_standard_table_recognised(seed):
    assert set(seed.tables) == {
        "income_expenditure_summary", "income_summary", "expenditure_summary",
        "fiscal_grant_summary", "general_budget_expenditure",
        "general_budget_basic_expenditure", "gov_fund_expenditure",
        "state_capital_expenditure", "three_public", "institutions", "performance_targets",
        "procurement", "assets",
    }
    assert seed.unrecognized == []


def test_income_expenditure_summary_totals(seed):
    for key, measure in (("income_total", "income"), ("expenditure_total", "expenditure"),
                         ("income_subtotal", "income"),
                         ("expenditure_subtotal", "expenditure"),
                         ("general_budget", "income")):
        assert amount(seed, "income_expenditure_summary", measure, line_code=key) == wan(
            "1295.78"), key
    printed = seed.amounts[seed.amounts.table == "income_expenditure_summary"]
    by_class = printed[printed.classification == "function"].set_index("line_code").amount_yuan
    assert by_class.to_dict() == {"204": wan("992.01"), "208": wan("163.92"),
                                  "210": wan("90.78"), "221": wan("49.07")}


@pytest.mark.parametrize(("code", "total", "basic", "project"), [
    (None, "1295.78", "1100.58", "195.20"),
    ("204", "992.01", "796.81", "195.20"),
    ("208", "163.92", "163.92", None),
    ("210", "90.78", "90.78", None),
    ("221", "49.07", "49.07", None),
])
def test_expenditure_summary_class_rows(seed, code, total, basic, project):
    frame = seed.table("expenditure_summary")
    row = frame[frame.level == 0] if code is None else frame[frame.line_code == code]
    assert len(row) == 1
    row = row.iloc[0]
    assert row.total == wan(total)
    assert row.basic == wan(basic)
    assert (row.project == wan(project)) if project else row.project is pd_na()


def pd_na():
    import pandas as pd

    return pd.NA


def test_income_summary_fiscal_grant(seed):
    assert amount(seed, "income_summary", "fiscal_grant", level=0) == wan("1295.78")
    assert amount(seed, "income_summary", "fiscal_grant", line_code="2040601") == wan("796.81")


@pytest.mark.parametrize(("code", "total", "personnel", "public"), [
    (None, "1100.58", "984.57", "116.01"),
    ("301", "932.74", "932.74", None),
    ("302", "116.01", None, "116.01"),
    ("303", "51.83", "51.83", None),
])
def test_basic_expenditure_economic_rows(seed, code, total, personnel, public):
    where = {"level": 0} if code is None else {"line_code": code}
    table = "general_budget_basic_expenditure"
    assert amount(seed, table, "total", **where) == wan(total)
    assert amount(seed, table, "personnel", **where) == (wan(personnel) if personnel else None)
    assert amount(seed, table, "public", **where) == (wan(public) if public else None)


def test_three_public_items_and_no_total_row(seed):
    items = seed.table("three_public").set_index("line_code").total
    assert items["abroad"] == 0
    assert items["vehicle_purchase"] == 0
    assert items["vehicle_operation"] == wan("13.52")
    assert items["vehicle"] == wan("13.52")
    assert items["reception"] == wan("0.64")
    assert "total" not in items.index  # the seed prints 14.16 only in the narrative


def test_procurement_rows(seed):
    frame = seed.table("procurement")
    assert frame[frame.level == 0].total.iloc[0] == wan("59.50")
    projects = frame[frame.level == 2]
    assert len(projects) == 4
    assert projects.total.sum() == wan("59.50")
    assert list(projects.quantity) == ["1", "12", "1", "7"]
    assert list(projects.unit_price) == [wan("10.00"), wan("3.30"), wan("5.00"), wan("0.70")]


def test_assets(seed):
    frame = seed.table("assets").set_index("line_name")
    assert frame.loc["资产总额", "value"] == wan("326.37")
    assert frame.loc["2、车辆（台、辆）", ["quantity", "value"]].tolist() == ["6", wan("43.82")]
    assert frame.loc["4、其他固定资产", ["quantity", "value"]].tolist() == ["1793", wan("282.55")]


def test_nine_cost_targets(seed):
    targets = seed.table("performance_targets")
    assert targets.project_name.nunique() == 9
    costs = targets.dropna(subset=["amount_yuan"])
    assert [(c, a) for c, a in zip(costs.comparator, costs.amount_yuan, strict=True)] \
        == [("≥", wan("20")), ("≥", wan("10")), ("≤", wan("5")), ("≤", wan("20")),
            ("=", wan("10.2")), ("≤", wan("60")),
            ("≤", wan("20")), ("≤", wan("18")), ("≤", wan("25")), ("≤", wan("7"))]
    assert costs.amount_yuan.sum() == wan("195.20")
    assert costs.project_name.iloc[0] == "法律顾问经费（含村、社区法律顾问）"


def test_text_in_number_cells_are_anomalies_not_numbers(seed):
    anomalies = seed.anomalies
    wan_cells = anomalies[(anomalies.kind == "text_in_number") & (anomalies.text == "万元")]
    # every 302 row (the 类 row and its eleven 款 rows) prints 万元 in 人员经费
    assert len(wan_cells) == 12
    assert set(wan_cells.column) == {"personnel"}
    assert set(wan_cells.table) == {"general_budget_basic_expenditure"}
    assert wan_cells.line.min() == 1426
    frame = seed.table("general_budget_basic_expenditure")
    assert frame[frame.line_code.str.startswith("302", na=False)].personnel.isna().all()


def test_duplicated_paragraph_is_an_anomaly(seed):
    duplicates = seed.anomalies[seed.anomalies.kind == "duplicate_paragraph"]
    assert len(duplicates) == 1
    assert duplicates.line.iloc[0] == 1677
    assert duplicates.text.iloc[0].startswith("（一）承担全面依法治区重大问题的政策研究")


def test_empty_tables_keep_their_note(seed):
    table = seed.tables["gov_fund_expenditure"]
    assert table.is_empty
    assert table.notes == ["注：无政府基金预算财政拨款预算，空表列示。"]
    assert seed.tables["state_capital_expenditure"].notes == [
        "注：无国有资本经营预算财政拨款预算，空表列示。"]


def test_sources_locate_cells(seed):
    row = seed.amounts[(seed.amounts.table == "expenditure_summary")
                       & (seed.amounts.line_code == "2040601")
                       & (seed.amounts.measure == "total")].iloc[0]
    assert row.source == "000_673e72c434b14bd5.txt:L617:expenditure_summary:r4:total"
    with open(seed.meta.source, encoding="utf-8-sig") as handle:
        lines = handle.read().splitlines()
    assert lines[616] == "\t796.81"  # line 617 of the file is that very cell
