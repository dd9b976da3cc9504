"""The Shanghai PDFs: key figures of data/corpus/README.md and their parsing defects.

Amounts are printed in 元 (the 三公 table in 万元); they are compared exactly in yuan.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from helpers import load_disclosure

from conftest import WANLI_2023, WANLI_2024, WELFARE_2024

pytestmark = pytest.mark.corpus


def wan(text: str) -> Decimal:
    return (Decimal(text) * 10000).quantize(Decimal("0.01"))


def yuan(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


@pytest.fixture(scope="module")
def wanli2023():
    return load_disclosure(WANLI_2023)


@pytest.fixture(scope="module")
def wanli2024():
    return load_disclosure(WANLI_2024)


@pytest.fixture(scope="module")
def welfare2024():
    return load_disclosure(WELFARE_2024)


@pytest.fixture
def doc(request):
    return request.getfixturevalue(request.param)


KEY_FIGURES = {
    # total, fiscal grant income, basic, project, personnel, public, 机关运行经费
    "wanli2023": ("16497.864", "16497.864", "9940.6297", "6557.2343", "8402.4865",
                  "1538.1432", "786.09"),
    "wanli2024": ("15621.1123", "15621.1123", "9970.602", "5650.5103", "8853.7451",
                  "1116.8569", "443.18"),
    "welfare2024": ("1212.1164", "950.1164", "950.1164", "262", "738.0214", "212.095", "0"),
}


def total_row(frame: pd.DataFrame) -> pd.Series:
    rows = frame[frame.level == 0]
    assert len(rows) == 1
    return rows.iloc[0]


@pytest.mark.parametrize("doc", list(KEY_FIGURES), indirect=True)
def test_key_figures(doc, request):
    total, grant, basic, project, personnel, public, admin = map(
        wan, KEY_FIGURES[request.node.callspec.params["doc"]])
    summary = doc.table("income_expenditure_summary").set_index("line_code")
    assert summary.loc["income_total", "income"] == total
    assert summary.loc["fiscal_grant", "income"] == grant
    expenditure = total_row(doc.table("expenditure_summary"))
    assert (expenditure.total, expenditure.basic, expenditure.project) == (total, basic, project)
    economic = total_row(doc.table("general_budget_basic_expenditure"))
    assert (economic.total, economic.personnel, economic.public) == (basic, personnel, public)
    three_public = doc.table("three_public").set_index("line_code").total
    assert three_public["admin_operating"] == admin


def test_meta(wanli2023, wanli2024, welfare2024):
    wanli = "上海市普陀区人民政府万里街道办事处"
    assert (wanli2023.meta.department, wanli2023.meta.year) == (wanli, 2023)
    assert (wanli2024.meta.department, wanli2024.meta.year) == (wanli, 2024)
    assert (welfare2024.meta.department, welfare2024.meta.year) == ("上海市普陀区社会福利院", 2024)
    assert [d.meta.scope for d in (wanli2023, wanli2024, welfare2024)] == [
        "department", "department", "unit"]
    assert {d.meta.unit for d in (wanli2023, wanli2024, welfare2024)} == {"元"}
    assert {d.meta.format for d in (wanli2023, wanli2024, welfare2024)} == {"pdf"}


def test_three_public_unit_is_wan(wanli2024):
    table = wanli2024.tables["three_public"]
    assert table.unit == "万元"
    items = table.frame.set_index("line_code").total
    assert items.to_dict() == {
        "total": wan("47.91"), "abroad": 0, "reception": wan("1.35"), "vehicle": wan("46.56"),
        "vehicle_purchase": wan("25"), "vehicle_operation": wan("21.56"),
        "admin_operating": wan("443.18")}


@pytest.mark.parametrize(("doc", "items"), [
    ("wanli2023", {"total": "22.91", "abroad": "0", "vehicle_purchase": "0",
                   "vehicle_operation": "21.56", "reception": "1.35"}),
    ("welfare2024", {"total": "6.40", "abroad": "0", "vehicle_purchase": None,
                     "vehicle_operation": "6.40", "reception": "0"}),
], indirect=["doc"])
def test_three_public_items(doc, items):
    printed = doc.table("three_public").set_index("line_code").total
    for key, value in items.items():
        if value is None:  # printed blank: not zero, not an amount
            assert pd.isna(printed[key])
        else:
            assert printed[key] == wan(value), key


# 类 rows of the 部门支出预算总表 (合计, 基本支出, 项目支出), in 元 as printed
EXPENDITURE_CLASSES = {
    "wanli2023": {
        "201": (2976800, 0, 2976800), "204": (1252300, 0, 1252300), "206": (100000, 0, 100000),
        "207": (200000, 0, 200000), "208": (27073236, 18285736, 8787500),
        "210": (3095732, 2895732, 200000), "212": (121319878, 71441335, 49878543),
        "221": (8960694, 6783494, 2177200)},
    "wanli2024": {
        "201": (2932700, 0, 2932700), "204": (1633000, 0, 1633000), "205": (250000, 0, 250000),
        "206": (100000, 0, 100000), "207": (200000, 0, 200000),
        "208": (19604064, 13368164, 6235900), "210": (3223657, 3023657, 200000),
        "212": (119385303, 76609000, 42776303), "221": (8882399, 6705199, 2177200)},
    "welfare2024": {
        "208": (11281624, 8661624, 2620000), "210": (503724, 503724, None),
        "221": (335816, 335816, None)},
}


@pytest.mark.parametrize("doc", list(EXPENDITURE_CLASSES), indirect=True)
def test_expenditure_summary_class_rows(doc, request):
    expected = EXPENDITURE_CLASSES[request.node.callspec.params["doc"]]
    frame = doc.table("expenditure_summary")
    classes = frame[frame.level == 1].set_index("line_code")
    assert sorted(classes.index) == sorted(expected)
    for code, (total, basic, project) in expected.items():
        row = classes.loc[code]
        assert row.total == yuan(total), code
        assert (pd.isna(row.basic) if basic is None else row.basic == yuan(basic)), code
        assert (pd.isna(row.project) if project is None else row.project == yuan(project)), code
    assert classes.total.sum() == total_row(frame).total


def test_income_lines(welfare2024, wanli2024):
    income = welfare2024.table("income_expenditure_summary").set_index("line_code").income
    assert income["business_income"] == wan("262")
    assert income["general_budget"] == wan("950.1164")
    summary = wanli2024.table("income_summary")
    assert total_row(summary).fiscal_grant == wan("15621.1123")
    assert summary.set_index("line_code").loc["2120199", "total"] == yuan(54212362)


def test_economic_class_rows(wanli2024):
    economic = wanli2024.table("general_budget_basic_expenditure").set_index("line_code")
    assert economic.loc["301", ["total", "personnel", "public"]].tolist() == [
        yuan(88282511), yuan(88282511), yuan(0)]
    assert economic.loc["302", ["total", "personnel", "public"]].tolist() == [
        yuan(11168569), yuan(0), yuan(11168569)]
    assert economic.loc["303", "total"] == yuan(254940)


def test_economic_codes_printed_without_zero_are_repaired(wanli2024):
    economic = wanli2024.table("general_budget_basic_expenditure").set_index("line_code")
    assert economic.loc["30102", "line_name"] == "津贴补贴"
    assert economic.loc["30107", "line_name"] == "绩效工资"
    repaired = wanli2024.anomalies[wanli2024.anomalies.kind == "repaired_code"]
    assert sorted(repaired.text) == ["2", "7"]
    assert set(repaired.page) == {29}


def test_garbled_class_code_is_repaired_in_both_tables(welfare2024):
    repaired = welfare2024.anomalies[welfare2024.anomalies.kind == "repaired_code"]
    assert sorted(repaired.table) == ["expenditure_summary", "general_budget_expenditure"]
    assert set(repaired.text) == {"7"}
    assert all("read as 210" in message for message in repaired.message)
    for kind in ("expenditure_summary", "general_budget_expenditure"):
        frame = welfare2024.table(kind).set_index("line_code")
        assert frame.loc["2101102", "line_name"] == "事业单位医疗"


def test_old_class_name_still_maps_to_its_code(welfare2024):
    summary = welfare2024.table("income_expenditure_summary")
    row = summary[summary.line_name == "三、医疗卫生与计划生育支出"].iloc[0]
    assert row.line_code == "210" and row.total == yuan(503724)


def test_three_public_empty_note_beside_figures(wanli2024):
    flagged = wanli2024.anomalies[wanli2024.anomalies.kind == "empty_note_with_figures"]
    assert flagged.table.tolist() == ["three_public"]
    assert "故本表为空表" in flagged.message.iloc[0]


def test_empty_fund_tables_keep_their_note(wanli2024):
    table = wanli2024.tables["gov_fund_expenditure"]
    assert table.is_empty
    assert table.notes == ["注:本部门2024年无政府性基金预算财政拨款安排的预算，故本表为空表。"]


def test_performance_target_forms(wanli2023):
    funds = wanli2023.amounts[(wanli2023.amounts.table == "performance_targets")]
    totals = funds[funds.measure == "project_total"].set_index("line_name").amount_yuan
    assert len(totals) == 5
    assert totals.sum() == wan("3351.3343")
    grants = funds[funds.measure == "current_grant"].set_index("line_name").amount_yuan
    assert grants["公共服务设施运行经费"] == yuan(11419043)
    assert totals["公共服务设施运行经费"] == yuan(10903043)
    indicators = wanli2023.table("performance_targets")
    first = indicators[indicators.project_name == "新建万里街道社区公共服务中心"]
    assert first.level3.tolist()[:2] == ["规划建筑面积", "完工及时率"]
    assert first.target_value.iloc[0] == "≥13459.00(平方米)"


def test_multi_page_table_is_one_table_with_pages(wanli2024):
    frame = wanli2024.table("income_summary")
    assert sorted(frame.page.unique()) == [11, 12, 13, 14, 15]
    assert frame.line_code.is_unique or frame.line_code.isna().sum() == 1
