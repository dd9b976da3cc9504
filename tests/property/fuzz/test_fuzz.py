"""A brief fuzz run in the suite (the long one: ``make fuzz N=5000``), and the harness's own
judgement tested: a harness that cannot fail proves nothing."""

from __future__ import annotations

import copy
import os
import time
from pathlib import Path

import fuzz
import mutations
import pytest

from helpers.raw import Cell, Grid


def test_brief_fuzz_run_has_no_failure():
    lines: list[str] = []
    counts = fuzz.run(40, seed=20240, timeout=60, echo=lines.append)
    assert not [line for line in lines if line.startswith("[")], lines
    assert counts["loaded"] + counts["typed"] == 40
    assert counts["loaded"] and counts["typed"]  # both ends are exercised


def _case(equivalent: bool, rewritten: str = "80 9") -> fuzz.Case:
    return fuzz.Case("seed", "test", Path("x.txt"), {"L5:t:r1:total": "8.09",
                                                     "L6:t:r2:total": "1.00"},
                     equivalent, "8.09", rewritten)


def test_judge_catches_an_invalid_amount_read_as_a_number():
    read = fuzz.Outcome("loaded", amounts={"L5:t:r1:total": "809.00", "L6:t:r2:total": "1.00"})
    assert fuzz.judge_amounts(_case(False), read).status == "wrong"


def test_judge_wants_the_anomaly_of_a_dropped_amount():
    dropped = {"L6:t:r2:total": "1.00"}
    silent = fuzz.Outcome("loaded", amounts=dropped, anomaly_texts=[])
    said = fuzz.Outcome("loaded", amounts=dropped, anomaly_texts=["80 9"])
    assert fuzz.judge_amounts(_case(False), silent).status == "wrong"
    assert fuzz.judge_amounts(_case(False), said).status == "loaded"


def test_judge_wants_equivalent_rewrites_read_the_same():
    same = fuzz.Outcome("loaded", amounts={"L5:t:r1:total": "8.09", "L6:t:r2:total": "1.00"})
    lost = fuzz.Outcome("loaded", amounts={"L6:t:r2:total": "1.00"})
    assert fuzz.judge_amounts(_case(True, "８.０９"), same).status == "loaded"
    assert fuzz.judge_amounts(_case(True, "８.０９"), lost).status == "wrong"


def test_rewrites_are_what_they_say():
    assert mutations.rewrite_amount("8.09", "inner_space") == "80 9"
    assert mutations.rewrite_amount("1295.78", "thousands") == "1,295.78"
    assert mutations.rewrite_amount("1295.78", "full_width") == "１２９５．７８"
    assert ("arabic_indic", False) not in mutations.amount_rewrites("pdf")


def test_cpu_seconds_count_the_process_work():
    """A hang is CPU spent, not wall time: a starved child on a busy machine is not hung."""
    before = fuzz._cpu_seconds(os.getpid())
    started = time.process_time()
    while time.process_time() - started < 0.3:
        pass
    spent = fuzz._cpu_seconds(os.getpid()) - before
    assert 0.2 <= spent <= 1.0
    assert fuzz._cpu_seconds(2**22 + 7) is None  # no such process


# Found by the long run (seed 17): the 资产 table's 资产总额 row prints one figure; written
# full-width, or garbled (in Latin letters, or in Chinese numerals: found reading the
# code), the row was read as part of the header in PDF (the whole row lost, every row
# below renumbered), and "NaN" did so in every format (the value column then unmapped:
# six amounts kept as text).
ASSETS_TOTAL = ("synthetic_s2024_d03_2024", "1166.94")


@pytest.fixture(scope="module")
def assets_document():
    from helpers.readers.tika_text import read_tika_text

    stem, printed = ASSETS_TOTAL
    raw = read_tika_text(fuzz.SYNTHETIC / f"{stem}.txt")
    cells = [(grid, r, c) for grid in raw.blocks if isinstance(grid, Grid)
             for r, row in enumerate(grid.rows) for c, cell in enumerate(row)
             if cell.text.strip() == printed]
    assert len(cells) == 1
    return raw, cells[0]


@pytest.mark.parametrize("fmt", ["txt", "docx", "xlsx", "pdf"])
@pytest.mark.parametrize(("rewrite", "equivalent"), [("full_width_thousands", True),
                                                      ("trailing_letters", False),
                                                      ("nan", False),
                                                      ("chinese_numerals", False)])
def test_a_rows_only_figure_rewritten_keeps_the_row(assets_document, tmp_path, fmt, rewrite,
                                                    equivalent):
    raw, (grid, r, c) = assets_document
    writer = fuzz.AmountCases.__new__(fuzz.AmountCases)
    baseline = fuzz.load_one(writer._write(raw, fmt, tmp_path / f"base.{fmt}"))
    assert baseline.status == "loaded"
    original = grid.rows[r][c]
    rewritten = mutations.rewrite_amount(original.text, rewrite)
    mutant = copy.deepcopy(raw)
    at = raw.blocks.index(grid)
    mutant.blocks[at].rows[r][c] = Cell(rewritten, page=original.page, line=original.line)
    path = writer._write(mutant, fmt, tmp_path / f"mutant.{fmt}")
    case = fuzz.Case(ASSETS_TOTAL[0], rewrite, path, baseline.amounts, equivalent,
                     original.text, rewritten)
    outcome = fuzz.judge_amounts(case, fuzz.load_one(path))
    assert outcome.status == "loaded", outcome.detail
    total = [key for key in baseline.amounts if ":assets:r1:value" in key]
    assert len(total) == 1 and baseline.amounts[total[0]] == "11669400.00"
    if not equivalent:  # the one cell lost, as an anomaly holding its text; the rest kept
        assert rewritten in fuzz.load_one(path).anomaly_texts
