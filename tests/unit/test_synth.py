"""Synthetic disclosures: fictional, consistent over years, deterministic, defects findable."""

from __future__ import annotations

import json
import re

import pytest

from helpers import check, load_disclosure
from helpers.cli import main
from helpers.synth import (
    DEFECTS,
    FORMATS,
    STYLES,
    SYNTHETIC_MARKER,
    generate,
    generate_series,
    is_synthetic,
    to_tika_text,
    write_synthetic,
)

YEARS = [2022, 2023, 2024]


def load_series(series, folder, fmt="txt"):
    return [load_disclosure(write_synthetic(s, folder, (fmt,))[fmt]) for s in series]


def serious(findings):
    return findings[findings.severity.isin(["error", "warning"])]


def test_deterministic_per_seed(tmp_path):
    assert to_tika_text(generate(11).raw) == to_tika_text(generate(11).raw)
    assert to_tika_text(generate(11).raw) != to_tika_text(generate(12).raw)
    first = write_synthetic(generate(11), tmp_path / "a", FORMATS)
    again = write_synthetic(generate(11), tmp_path / "b", FORMATS)
    for fmt in FORMATS:  # byte for byte: dates inside DOCX/XLSX/PDF are fixed
        assert first[fmt].read_bytes() == again[fmt].read_bytes(), fmt
    a = [s.raw for s in generate_series(4, YEARS, index=1)]
    b = [s.raw for s in generate_series(4, YEARS, index=1)]
    assert [to_tika_text(r) for r in a] == [to_tika_text(r) for r in b]


@pytest.mark.parametrize("style", STYLES)
def test_fictional_and_marked_synthetic(tmp_path, style):
    names = {generate(seed, style=style, index=index).department
             for seed in range(4) for index in range(6)}
    assert len(names) > 6
    for name in names:
        assert re.fullmatch(r"示例市示例区\w+局", name), name
    synthetic = generate(3, style=style)
    assert SYNTHETIC_MARKER in to_tika_text(synthetic.raw)
    assert synthetic.answer_key()["synthetic"] is True
    for fmt, path in write_synthetic(synthetic, tmp_path, FORMATS).items():
        disclosure = load_disclosure(path)
        assert is_synthetic(disclosure.raw), fmt  # the marker survives every format
        assert disclosure.meta.department.startswith("示例市示例区")


@pytest.mark.parametrize("style", STYLES)
def test_loads_clean_with_consistent_totals(tmp_path, style):
    synthetic = generate(5, style=style)
    disclosure = load_series([synthetic], tmp_path)[0]
    assert disclosure.anomaly_list == []
    summary = disclosure.summary()
    yuan = synthetic.figures
    assert summary["income_total_yuan"] == summary["expenditure_total_yuan"] == yuan["total"]
    assert summary["basic_yuan"] == yuan["basic"] == yuan["personnel"] + yuan["public"]
    assert summary["project_yuan"] == yuan["project"]
    assert (summary["personnel_yuan"], summary["public_yuan"]) == (yuan["personnel"],
                                                                   yuan["public"])
    assert disclosure.meta.department == synthetic.department
    assert disclosure.meta.unit == ("万元" if style == "hebei" else "元")
    assert disclosure.tables["three_public"].unit == "万元"
    figures = disclosure.narrative.figures.set_index("figure")
    assert figures.loc["three_public_total", "amount_yuan"] == yuan["three_public"]
    assert figures.loc["admin_operating_total", "amount_yuan"] == yuan["admin_operating"]
    roles = disclosure.tables["general_budget_expenditure"].column_roles
    # Hebei prints whole codes (2040601), Shanghai splits them over 类 | 款 | 项
    assert ("code" if style == "hebei" else "code_class") in roles


@pytest.mark.parametrize("style", STYLES)
def test_series_is_clean_against_previous_year(tmp_path, style):
    series = generate_series(8, YEARS, style=style)
    loaded = load_series(series, tmp_path)
    for previous, disclosure in zip([None, *loaded], loaded, strict=False):
        findings = check(disclosure, previous=previous)
        assert serious(findings).empty, serious(findings)[["rule_id", "message_zh"]]
    # The stated changes are about the previous generated year, and were checked (Y01).
    figures = loaded[-1].narrative.figures
    stated = figures[figures.base_year == 2023]
    assert {"fiscal_grant_income", "three_public_total"} <= set(stated.figure)
    items = loaded[-1].narrative.spending_items
    assert set(items.prior_year) == {2023}


def test_budgets_evolve_year_to_year(tmp_path):
    lines, changed = [], 0
    for index in range(4):
        series = generate_series(21, YEARS, index=index)
        codes = [set(load_disclosure(write_synthetic(s, tmp_path, ("txt",))["txt"]).table(
            "general_budget_expenditure").line_code.dropna()) for s in series]
        lines.append(codes)
        changed += len({s.figures["total"] for s in series}) == len(series)
    assert changed == 4  # every department's total moves every year
    # some 项 line (project) or economic line appears or disappears over the years
    assert any(codes[0] != codes[1] or codes[1] != codes[2] for codes in lines)


@pytest.mark.parametrize("style", STYLES)
def test_planted_defects_are_found_by_their_rules(tmp_path, style):
    series = generate_series(7, [2023, 2024], style=style, defects=tuple(DEFECTS))
    assert {d.kind for d in series[-1].defects} == set(DEFECTS)
    assert "false_change" not in {d.kind for d in series[0].defects}  # no previous document
    paths = [write_synthetic(s, tmp_path, ("txt",), answer_key=True) for s in series]
    previous = None
    for synthetic, written in zip(series, paths, strict=True):
        disclosure = load_disclosure(written["txt"])
        findings = check(disclosure, previous=previous)
        previous = disclosure
        found = set(findings.rule_id)
        key = json.loads(written["answers"].read_text(encoding="utf-8"))
        assert key["department"] == synthetic.department and key["defects"]
        for entry in key["defects"]:
            assert set(entry) >= {"kind", "rule_id", "location", "expected", "printed"}
            assert entry["rule_id"] == DEFECTS[entry["kind"]][0]
            assert entry["rule_id"] in found, entry
        # table locations point at the row the loader reports
        for entry in key["defects"]:
            where = entry["location"]
            if "row" in where:
                frame = disclosure.table(where["table"])
                row = frame[frame.row == where["row"]]
                assert len(row) == 1 and row.line_name.iloc[0], entry


def test_cli_synth_writes_documents_and_answer_keys(tmp_path, capsys):
    out = tmp_path / "corpus"
    assert main(["synth", "--out", str(out), "--seed", "3", "--departments", "2", "--years",
                 "2023", "2024", "--formats", "txt", "xlsx", "--defects"]) == 0
    assert "wrote" in capsys.readouterr().out
    documents = sorted(out.glob("*.txt")) + sorted(out.glob("*.xlsx"))
    keys = sorted(out.glob("*.answers.json"))
    assert len(documents) == 8 and len(keys) == 4
    for key in keys:
        entries = json.loads(key.read_text(encoding="utf-8"))["defects"]
        assert entries and all(e["kind"] in DEFECTS for e in entries)
    assert main(["synth", "--out", str(tmp_path / "mixed"), "--departments", "2", "--years",
                 "2024", "--mixed"]) == 0
    assert len(list((tmp_path / "mixed").iterdir())) == 2


def test_unknown_defect_is_refused():
    with pytest.raises(ValueError, match="unknown defect"):
        generate(1, defects=("no_such_defect",))


def test_bundled_corpus_is_regenerable(tmp_path):
    from pathlib import Path

    bundled = Path(__file__).resolve().parents[2] / "data" / "synthetic"
    assert main(["synth", "--out", str(tmp_path), "--seed", "2024", "--departments", "4",
                 "--years", "2022", "2023", "2024", "--mixed"]) == 0
    documents = sorted(p.name for p in bundled.iterdir() if p.suffix != ".md")
    assert documents == sorted(p.name for p in tmp_path.iterdir())
    assert len(documents) == 12 and {Path(d).suffix for d in documents} == {
        ".txt", ".docx", ".xlsx", ".pdf"}
    for name in documents:
        if name.endswith(".txt"):
            assert (bundled / name).read_bytes() == (tmp_path / name).read_bytes()
        else:  # binary formats: the same content (bytes may vary with the writer version)
            assert load_disclosure(bundled / name).amounts.drop(columns="source").equals(
                load_disclosure(tmp_path / name).amounts.drop(columns="source"))
    assert main(["check", str(bundled)]) == 0


@pytest.mark.parametrize("style", STYLES)
def test_a_print_style_reads_back_the_amounts_it_prints(style):
    from helpers.synth import PRINT_STYLES

    printed = PRINT_STYLES[style]
    assert printed.key == style
    for yuan in (100, 123400, 98765400, 1200000000):
        assert printed.parse(printed.amount(yuan)) == yuan
    expected = {"hebei": "1234567.89", "shanghai": "12,345,678,900"}[style]
    assert printed.amount(12345678900) == expected
