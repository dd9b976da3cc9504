"""The Parquet dataset, the Excel export and the Fiscal Data Package."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import frictionless
import pandas as pd
import pytest
from openpyxl import load_workbook

from helpers import load_disclosure
from helpers.cli import main
from helpers.dataset import TABLES, dataset_schema, read_dataset, write_dataset
from helpers.export import to_excel, to_fiscal_data_package

from conftest import CORPUS_DIR
from conftest import DEMO_BUDGET as DEMO


def sorted_frame(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


@pytest.mark.corpus
def test_dataset_round_trips(tmp_path):
    inputs = [CORPUS_DIR / "seed", CORPUS_DIR / "shanghai"]
    metadata = write_dataset(inputs, tmp_path)
    assert len(metadata) == 4
    written = pd.concat([load_disclosure(p).amounts for p in sorted(
        [*(CORPUS_DIR / "seed").glob("*.txt"), *(CORPUS_DIR / "shanghai").glob("*.pdf")])])
    back = read_dataset(tmp_path, "amounts")
    pd.testing.assert_frame_equal(sorted_frame(back, ["source"]),
                                  sorted_frame(written, ["source"]))
    assert sorted_frame(read_dataset(tmp_path, "metadata"), ["source"]).equals(
        sorted_frame(metadata, ["source"]))
    findings = read_dataset(tmp_path, "findings")
    wanli = findings[findings.file.str.contains("wanli_subdistrict_2024")]
    # 2024 was checked against 2023: its stated changes hold, so no Y01
    assert "Y01" not in set(wanli.rule_id) and "S03" in set(wanli.rule_id)


def test_dataset_schema_documents_every_column_once(tmp_path):
    write_dataset([DEMO], tmp_path)
    schema = dataset_schema()
    assert not schema.duplicated(["table", "column"]).any()
    assert schema[["label_zh", "label_en"]].notna().all().all()
    assert (tmp_path / "schema.json").is_file()
    for table, columns in TABLES.items():
        assert list(read_dataset(tmp_path, table).columns) == [c.name for c in columns]


def test_duckdb_reads_the_dataset(tmp_path):
    write_dataset([DEMO], tmp_path)
    total = duckdb.sql(
        f"select sum(amount_yuan) from read_parquet('{tmp_path}/amounts/**/*.parquet', "
        "hive_partitioning = true) where \"table\" = 'expenditure_summary' and level = 1 "
        "and measure = 'total'").fetchall()[0][0]
    assert total == Decimal("5000000.00")  # 500 万元, exact decimal in and out
    years = duckdb.sql(f"select distinct year from read_parquet('{tmp_path}/metadata/**/*."
                       "parquet', hive_partitioning = true)").fetchall()
    assert years == [(2024,)]


def test_rewriting_replaces_rather_than_duplicates(tmp_path):
    write_dataset([DEMO], tmp_path)
    write_dataset([DEMO], tmp_path)
    assert len(read_dataset(tmp_path, "metadata")) == 1


def test_excel_export_totals_equal_the_source(tmp_path):
    disclosure = load_disclosure(DEMO)
    path = to_excel(disclosure, tmp_path / "demo.xlsx")
    workbook = load_workbook(path)
    expected_sheets = {"支出总表", "一般公共预算基本支出表", "金额明细", "审核发现"}
    assert expected_sheets <= set(workbook.sheetnames)
    sheet = workbook["支出总表"]
    header = [cell.value for cell in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    total_row = next(r for r in rows if r[header.index("科目名称")] == "合计")
    frame = disclosure.table("expenditure_summary")
    expected = frame[frame.level == 0].iloc[0]
    for label, measure in (("合计", "total"), ("基本支出", "basic"), ("项目支出", "project")):
        assert Decimal(str(total_row[header.index(label)])) == expected[measure]
    codes = [r[header.index("科目编码")] for r in rows if r[header.index("科目编码")]]
    assert "2010301" in codes and all(isinstance(code, str) for code in codes)


@pytest.mark.parametrize("unit", ["元", "万元"])
def test_fiscal_data_package_validates(tmp_path, unit):
    disclosure = load_disclosure(DEMO)
    path = to_fiscal_data_package(disclosure, tmp_path, unit=unit)
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["type", "note"])
    package = frictionless.Package(str(path))
    assert package.custom["model"]["measures"]["amount"]["factor"] == (
        1 if unit == "元" else 10000)
    data = pd.read_csv(tmp_path / "amounts.csv", dtype=str)
    totals = data[(data.table == "expenditure_summary") & (data.level == "1")
                  & (data.measure == "total")]
    factor = Decimal(1 if unit == "元" else 10000)
    assert sum(Decimal(v) for v in totals.amount) * factor == Decimal("5000000")


def test_cli_dataset_and_export(tmp_path, capsys):
    assert main(["dataset", str(DEMO), "--out", str(tmp_path / "ds")]) == 0
    assert main(["export", str(DEMO), "--excel", str(tmp_path / "x.xlsx"),
                 "--fdp", str(tmp_path / "fdp")]) == 0
    assert (tmp_path / "x.xlsx").is_file() and (tmp_path / "fdp" / "datapackage.json").is_file()
    assert main(["export", str(DEMO)]) == 2
