"""Analysis helpers: hand-computed figures of the demo document and the real corpus."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from helpers import load_disclosure
from helpers.analysis import (
    across_departments,
    function_breakdown,
    personnel_vs_operating,
    project_shares,
    three_public,
    year_over_year,
)
from helpers.money import AMOUNT_DTYPE

from conftest import WANLI_2023, WANLI_2024, WELFARE_2024


def wan(text: str) -> Decimal:
    return (Decimal(text) * 10000).quantize(Decimal("0.01"))


def one(frame: pd.DataFrame, **where: object) -> pd.Series:
    rows = frame
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, f"{where}: {len(rows)} rows"
    return rows.iloc[0]


@pytest.fixture(scope="module")
def wanli():
    return load_disclosure(WANLI_2023), load_disclosure(WANLI_2024)


@pytest.fixture(scope="module")
def welfare():
    return load_disclosure(WELFARE_2024)


def assert_amount_columns(frame: pd.DataFrame) -> None:
    for column in frame.columns:
        if column.endswith("_yuan"):
            assert frame[column].dtype == AMOUNT_DTYPE, column
        if column.startswith("share_of_") or "_share_of_" in column:
            assert frame[column].dtype == "float64", column


# -- demo (fictional; figures stated in its text) ---------------------------------------


def test_demo_personnel_vs_operating(demo):
    frame = personnel_vs_operating(demo)
    assert_amount_columns(frame)
    assert one(frame, row_kind="total").amount_yuan == wan("420")
    personnel = one(frame, row_kind="group", group="personnel")
    public = one(frame, row_kind="group", group="public")
    assert personnel.amount_yuan == wan("340")
    assert public.amount_yuan == wan("80")
    assert personnel.share_of_basic == pytest.approx(340 / 420)
    assert public.share_of_total_expenditure == pytest.approx(80 / 500)
    assert one(frame, line_code="30101").group == "personnel"
    assert one(frame, line_code="30302").group == "personnel"
    assert one(frame, line_code="30201").share_of_group == pytest.approx(30 / 80)


def test_demo_project_shares_and_functions(demo):
    shares = project_shares(demo)
    assert_amount_columns(shares)
    assert one(shares, row_kind="split", measure="basic").amount_yuan == wan("420")
    project = one(shares, row_kind="split", measure="project")
    assert project.amount_yuan == wan("80")
    assert project.share_of_total_expenditure == pytest.approx(0.16)
    item = one(shares, row_kind="function_item")
    assert (item.line_code, item.amount_yuan, item.share_of_project) == (
        "2010302", wan("80"), pytest.approx(1.0))
    functions = function_breakdown(demo)
    assert_amount_columns(functions)
    assert one(functions, level=0).amount_yuan == wan("500")
    line = one(functions, line_code="201")
    assert line.amount_yuan == wan("380")
    assert line.share_of_total_expenditure == pytest.approx(0.76)
    assert line.project_share_of_line == pytest.approx(80 / 380)
    assert one(functions, line_code="2010301").share_of_parent == pytest.approx(300 / 380)


def test_demo_three_public(demo):
    frame = three_public(demo)
    assert_amount_columns(frame)
    total = one(frame, item="total")
    assert total.amount_yuan == wan("20")
    assert not total.is_computed
    assert one(frame, item="vehicle").share_of_three_public == pytest.approx(0.75)
    assert total.stated_yuan == wan("20")
    assert bool(total.matches_stated)
    assert total.stated_direction == "decrease"
    assert total.stated_change_yuan == -wan("2")
    assert total.stated_prior_yuan == wan("22")


def test_demo_across_departments(demo):
    frame = across_departments([demo])
    assert_amount_columns(frame)
    row = frame.iloc[0]
    assert (row.expenditure_total_yuan, row.basic_yuan, row.project_yuan) == (
        wan("500"), wan("420"), wan("80"))
    assert (row.personnel_yuan, row.public_yuan, row.three_public_yuan) == (
        wan("340"), wan("80"), wan("20"))
    assert row.personnel_share_of_basic == pytest.approx(340 / 420)
    assert row.three_public_share_of_basic == pytest.approx(20 / 420)
    assert pd.isna(row.expenditure_growth)


def test_year_over_year_needs_two_years(demo):
    frame = year_over_year([demo])
    assert frame.empty
    assert "change_yuan" in frame.columns


# -- the seed -------------------------------------------------------------------------


@pytest.mark.corpus
def test_seed_personnel_vs_operating(seed):
    frame = personnel_vs_operating(seed)
    assert one(frame, row_kind="total").amount_yuan == wan("1100.58")
    personnel = one(frame, row_kind="group", group="personnel")
    assert personnel.amount_yuan == wan("984.57")
    assert personnel.basis == "合计 row, 人员经费 column"
    assert one(frame, row_kind="class", line_code="301").amount_yuan \
        + one(frame, row_kind="class", line_code="303").amount_yuan == wan("984.57")
    public = one(frame, row_kind="group", group="public")
    assert public.amount_yuan == wan("116.01")
    assert public.share_of_total_expenditure == pytest.approx(116.01 / 1295.78)
    office = one(frame, line_code="30201")
    assert (office.line_name, office.amount_yuan) == ("办公费", wan("14.75"))


@pytest.mark.corpus
def test_seed_three_public(seed):
    frame = three_public(seed)
    total = one(frame, item="total")
    assert total.amount_yuan == wan("14.16")
    assert bool(total.is_computed)
    assert "computed" in total.note
    assert total.stated_yuan == wan("14.16")
    assert bool(total.matches_stated)
    assert one(frame, item="vehicle_operation").amount_yuan == wan("13.52")
    assert one(frame, item="reception").amount_yuan == wan("0.64")
    admin = one(frame, item="admin_operating")
    assert pd.isna(admin.amount_yuan)
    assert admin.stated_yuan == wan("116.01")


@pytest.mark.corpus
def test_seed_project_shares_named_projects(seed):
    frame = project_shares(seed)
    assert one(frame, row_kind="split", measure="project").amount_yuan == wan("195.20")
    targets = frame[(frame.row_kind == "named_project")
                    & (frame.source_table == "performance_targets")]
    assert len(targets) == 9
    assert sum(targets.amount_yuan.tolist(), Decimal(0)) == wan("195.20")
    adviser = one(targets, line_name="法律顾问经费（含村、社区法律顾问）")
    assert (adviser.amount_yuan, adviser.comparator, bool(adviser.is_bound)) == (
        wan("30"), "≥", True)
    assert "not spending" in adviser.basis
    procurement = frame[(frame.source_table == "procurement") & (frame.measure == "total")]
    assert sum(procurement.amount_yuan.tolist(), Decimal(0)) == wan("59.50")
    mediation = one(frame, source_table="procurement", measure="project_budget",
                    line_name="人民调解经费")
    assert mediation.amount_yuan == wan("60")
    item = one(frame, row_kind="function_item", line_code="2040604")
    assert item.share_of_project == pytest.approx(108 / 195.2)


# -- Shanghai -------------------------------------------------------------------------


@pytest.mark.corpus
def test_welfare_split_and_functions(welfare):
    frame = personnel_vs_operating(welfare)
    assert one(frame, row_kind="total").amount_yuan == wan("950.1164")
    assert one(frame, group="personnel", row_kind="group").amount_yuan == wan("738.0214")
    assert one(frame, group="public", row_kind="group").amount_yuan == wan("212.095")
    # 303 is printed 离退休人员经费 here; it is still personnel.
    assert one(frame, line_code="303").group == "personnel"
    shares = project_shares(welfare)
    assert one(shares, row_kind="split", measure="project").amount_yuan == wan("262")
    functions = function_breakdown(welfare)
    assert one(functions, level=0).amount_yuan == wan("1212.1164")
    assert one(functions, line_code="2081005").project_share_of_line == pytest.approx(
        262 / 958.4796)


@pytest.mark.corpus
def test_wanli_2023_target_forms(wanli):
    frame = project_shares(wanli[0])
    forms = frame[(frame.source_table == "performance_targets")]
    headline = forms[forms.is_headline]
    assert len(headline) == 5
    assert sum(headline.amount_yuan.tolist(), Decimal(0)) == Decimal("33513343.00")
    # The defect is shown as printed: 当年财政拨款 above the project's own total.
    grant = one(forms, line_name="公共服务设施运行经费", measure="current_grant")
    total = one(forms, line_name="公共服务设施运行经费", measure="project_total")
    assert grant.amount_yuan == Decimal("11419043.00") > total.amount_yuan


@pytest.mark.corpus
def test_wanli_year_over_year(wanli):
    frame = year_over_year(list(reversed(wanli)))
    assert_amount_columns(frame)
    assert set(frame.year_from) == {2023} and set(frame.year_to) == {2024}
    grant = one(frame, table="headline", line_code="fiscal_grant_income")
    assert grant.amount_from_yuan == wan("16497.864")
    assert grant.amount_to_yuan == wan("15621.1123")
    assert grant.change_yuan == -wan("876.7517")
    assert grant.stated_change_yuan == -wan("876.75")
    assert grant.stated_direction == "decrease"
    public = one(frame, table="three_public", line_code="total")
    assert (public.amount_from_yuan, public.amount_to_yuan, public.change_yuan) == (
        wan("22.91"), wan("47.91"), wan("25"))
    assert public.stated_change_yuan == wan("25")
    purchase = one(frame, table="three_public", line_code="vehicle_purchase")
    assert (purchase.amount_from_yuan, purchase.amount_to_yuan) == (wan("0"), wan("25"))
    basic = one(frame, table="headline", line_code="basic")
    assert basic.change_yuan == wan("9970.602") - wan("9940.6297")
    personnel = one(frame, table="headline", line_code="personnel")
    assert personnel.change_yuan == wan("8853.7451") - wan("8402.4865")
    # New and dropped lines are shown, never lost.
    education = one(frame, table="expenditure_summary", line_code="205", measure="total")
    assert (education.status, education.change_yuan) == ("new", wan("25"))
    assert pd.isna(education.amount_from_yuan)
    dropped = one(frame, table="expenditure_summary", line_code="2080206", measure="total")
    assert dropped.status == "dropped"
    assert dropped.change_yuan == -wan("21.5")
    assert one(frame, table="expenditure_summary", line_code="201",
               measure="total").status == "continued"
    # Narrative 支出主要内容 item beside the computed change.
    census = one(frame, table="general_budget_expenditure", line_code="2010507",
                 measure="total")
    assert census.stated_source == "支出主要内容 item 1"
    assert census.stated_prior_yuan == wan("60.13")
    assert census.change_percent == pytest.approx(-57.142857, abs=1e-4)
    assert census.stated_change_percent == pytest.approx(-57.14)
    renamed = frame[frame.is_renamed.fillna(False)]
    assert set(renamed.line_code) <= {"general_budget"}


def test_renamed_code_is_flagged(demo):
    import copy

    later = copy.deepcopy(demo)
    later.meta = type(demo.meta)(**{**demo.meta.__dict__, "year": 2025})
    amounts = later.amounts.copy()
    amounts.loc[amounts.line_code == "210", "line_name"] = "医疗卫生与计划生育支出"
    later.amounts = amounts
    frame = year_over_year([later, demo])
    renamed = frame[frame.is_renamed.fillna(False)]
    assert set(renamed.line_code) == {"210"}
    assert set(renamed.status) == {"continued"}
    assert (frame.change_yuan.dropna() == 0).all()


@pytest.mark.corpus
def test_across_departments_growth(wanli, welfare, seed):
    frame = across_departments([wanli[1], welfare, seed, wanli[0]])
    assert len(frame) == 4
    later = one(frame, year=2024, department="上海市普陀区人民政府万里街道办事处")
    assert later.previous_year == 2023
    assert later.expenditure_growth == pytest.approx(
        (15621.1123 - 16497.864) / 16497.864)
    assert later.three_public_yuan == wan("47.91")
    assert later.admin_operating_yuan == wan("443.18")
    home = one(frame, department="上海市普陀区社会福利院")
    assert home.personnel_share_of_basic == pytest.approx(738.0214 / 950.1164)
    assert home.project_share_of_total == pytest.approx(262 / 1212.1164)
    assert pd.isna(home.previous_year)
    assert one(frame, department="秦皇岛市海港区司法局").three_public_yuan == wan("14.16")


def test_three_public_total_computed_when_not_printed(demo):
    import copy

    hebei = copy.deepcopy(demo)
    table = hebei.tables["three_public"]
    table.frame = table.frame[table.frame.line_code != "total"].reset_index(drop=True)
    total = one(three_public(hebei), item="total")
    assert total.amount_yuan == wan("20")
    assert bool(total.is_computed)
    assert "computed" in total.note


def test_derived_results_are_kept_until_a_frame_is_replaced(demo):
    import copy

    disclosure = copy.deepcopy(demo)
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert disclosure.derived("k", compute) == disclosure.derived("k", compute) == 1
    table = disclosure.tables["three_public"]
    table.frame = table.frame.copy()  # a replaced frame: computed again
    assert disclosure.derived("k", compute) == 2
    # an analysis computed once hands out copies: a caller's edit does not reach the next
    first = personnel_vs_operating(disclosure)
    first["amount_yuan"] = None
    assert personnel_vs_operating(disclosure)["amount_yuan"].notna().any()
