"""Frame definitions (helpers.schema): each column defined once, frames checked where returned.

On the demo (fictional, figures stated in its text) and a synthetic series; every analysis
frame on real documents is in tests/documents/test_schema_frames.py.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pandas as pd
import pytest

from helpers import analysis
from helpers.catalog import MEASURES
from helpers.schema import (
    AMOUNT_COLUMNS,
    FIELDS,
    FRAMES,
    HOMONYMS,
    PERSONNEL_COLUMNS,
    Column,
    _define,
    frame_columns,
    make_frame,
    validate_frame,
)

WAN = Decimal(10000)


def test_every_frame_names_only_defined_columns_with_their_one_dtype_and_unit():
    for frame, columns in FRAMES.items():
        names = [c.name for c in columns]
        assert len(names) == len(set(names)), frame
        for column in columns:
            if column.name in HOMONYMS:
                continue
            defined = FIELDS[column.name]
            assert (column.dtype, column.unit) == (defined.dtype, defined.unit), \
                (frame, column.name)
            assert column.zh and column.en, (frame, column.name)
    # amounts are exact wherever they are, and only amounts are named *_yuan
    for columns in FRAMES.values():
        for column in columns:
            assert (column.unit == "元") == column.name.endswith("_yuan"), column.name


def test_a_column_cannot_be_defined_twice():
    with pytest.raises(ValueError, match="defined twice: \\['year'\\]"):
        _define(Column("year", "Int64", None, "年度", "year"),
                Column("year", "string", None, "年度", "year as text"))
    with pytest.raises(ValueError, match="defined in FIELDS"):
        frame_columns("department", Column("year", "string", None, "年", "year"))
    with pytest.raises(KeyError):
        frame_columns("department", "no_such_column")


def test_a_frame_may_say_what_a_shared_column_holds_but_not_change_its_dtype():
    (source,) = frame_columns(("source", "path of the file read"))
    assert (source.dtype, source.unit, source.zh) == ("string", None, FIELDS["source"].zh)
    assert source.en == "path of the file read"
    assert [c.en for c in AMOUNT_COLUMNS if c.name == "source"] == [
        "file:page-or-line:table:row:column of the cell"]


def test_validate_frame_refuses_a_missing_an_extra_and_a_retyped_column(demo):
    frame = analysis.personnel_vs_operating(demo)
    assert validate_frame(frame, PERSONNEL_COLUMNS) is frame
    with pytest.raises(ValueError, match="missing \\['basis'\\]"):
        validate_frame(frame.drop(columns="basis"), PERSONNEL_COLUMNS)
    with pytest.raises(ValueError, match="extra \\['note'\\]"):
        validate_frame(frame.assign(note="x"), PERSONNEL_COLUMNS)
    with pytest.raises(ValueError, match="amount_yuan has dtype float64"):
        validate_frame(frame.assign(amount_yuan=frame.amount_yuan.astype(float)),
                       PERSONNEL_COLUMNS)


def test_an_analysis_that_returns_a_drifted_frame_is_refused_where_it_returns(monkeypatch, demo):
    def drifted(rows, columns):
        return make_frame(rows, columns).rename(columns={"share_of_parent": "share"})

    monkeypatch.setattr(analysis, "make_frame", drifted)  # what _finish builds the frame with
    with pytest.raises(ValueError, match="missing \\['share_of_parent'\\]"):
        analysis.function_breakdown(demo)


def test_public_costs_have_one_key_from_the_table_to_the_analyses(demo):
    """公用经费 is ``public`` everywhere: measure, summary, group, headline, league column."""
    assert MEASURES["public"][0] == "公用经费"
    assert "operating" not in MEASURES
    assert analysis.ECONOMIC_GROUPS["302"] == "public"
    assert analysis.GROUP_LABELS["public"][0] == "公用经费"
    assert "operating" not in analysis.GROUP_LABELS and "operating" not in analysis.HEADLINES
    # the demo states 公用经费 80万元 (302 商品和服务支出)
    summary = demo.summary()
    split = analysis.personnel_vs_operating(demo).set_index(["row_kind", "group"])
    league = analysis.across_departments([demo]).iloc[0]
    assert summary["public_yuan"] == split.loc[("group", "public"), "amount_yuan"] \
        == league["public_yuan"] == 80 * WAN
    assert set(split.loc["class"].index) == {"personnel", "public"}
    assert "operating_yuan" not in league.index
    amounts = demo.amounts
    basic = amounts[(amounts.table == "general_budget_basic_expenditure")
                    & (amounts.level == 0)]
    assert basic.set_index("measure").loc["public", "amount_yuan"] == 80 * WAN
    headline = analysis.year_over_year([
        dataclasses.replace(demo, meta=dataclasses.replace(demo.meta, year=2023)), demo])
    assert "public" in set(headline.loc[headline.table == "headline", "line_code"])


def test_year_over_year_keeps_its_computed_change_percent_a_float(series):
    frame = analysis.year_over_year(series)
    assert frame["change_percent"].dtype == "float64"
    assert isinstance(frame["amount_to_yuan"].dropna().iloc[0], Decimal)
    assert pd.api.types.is_float_dtype(frame["change_percent"])
