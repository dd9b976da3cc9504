"""The bundled demo document (a fictional department) loads completely and consistently."""

from __future__ import annotations

import re
from decimal import Decimal

from helpers import load_corpus, load_disclosure
from helpers.cli import main

from conftest import DEMO_DIR as DEMO


def wan(text: str) -> Decimal:
    return Decimal(text) * 10000


def test_demo_loads_without_anomalies():
    disclosure = load_disclosure(DEMO / "example_bureau_2024_budget.txt")
    assert (disclosure.meta.department, disclosure.meta.year) == ("示例市示例区示例局", 2024)
    assert disclosure.meta.is_synthetic
    assert disclosure.anomaly_list == []
    summary = disclosure.summary()
    assert summary["income_total_yuan"] == wan("500")
    assert (summary["basic_yuan"], summary["project_yuan"]) == (wan("420"), wan("80"))
    assert (summary["personnel_yuan"], summary["public_yuan"]) == (wan("340"), wan("80"))
    figures = disclosure.narrative.figures.set_index("figure")
    assert figures.loc["three_public_total", "amount_yuan"] == wan("20")
    assert figures.loc["three_public_total", "direction"] == "decrease"
    assert figures.loc["three_public_total", "change_yuan"] == wan("2")


def test_load_corpus_combines_documents_exactly():
    amounts = load_corpus(DEMO)
    assert set(amounts.department) == {"示例市示例区示例局"}
    classes = amounts[(amounts.table == "expenditure_summary") & (amounts.level == 1)
                      & (amounts.measure == "total")]
    assert classes.amount_yuan.sum() == wan("500")


def test_cli_summary_and_parse(capsys):
    assert main(["summary", str(DEMO)]) == 0
    out = capsys.readouterr().out
    assert "示例市示例区示例局 2024" in out and "500.00 万元" in out
    assert main(["parse", str(DEMO / "example_bureau_2024_budget.txt"), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("department,year,stage,scope,table,line_code")
    # the demo prints every amount with two decimals, or as a bare 0: one CSV row per such
    # printed cell (counted in the text itself, not through the loader)
    printed = re.findall(r"^\t(?:\d[\d,]*\.\d\d|0)$",
                         (DEMO / "example_bureau_2024_budget.txt").read_text(encoding="utf-8"),
                         flags=re.MULTILINE)
    assert len(printed) == 189
    assert len(lines) == 1 + len(printed)


def test_cli_json_is_exact(capsys):
    import json

    assert main(["parse", str(DEMO / "example_bureau_2024_budget.txt"), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    total = next(r for r in records if r["table"] == "expenditure_summary"
                 and r["level"] == 0 and r["measure"] == "total")
    assert total["amount_yuan"] == "5000000.00"  # a string: exact, never a float
    assert total["line_code"] is None


def test_cli_internal_error_is_one_line(monkeypatch, capsys):
    import helpers.model

    def broken(path):
        raise RuntimeError("boom")

    monkeypatch.setattr(helpers.model, "load_disclosure", broken)
    assert main(["parse", str(DEMO / "example_bureau_2024_budget.txt")]) == 3
    assert capsys.readouterr().err.startswith("internal error (RuntimeError: boom)")
