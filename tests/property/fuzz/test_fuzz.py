"""A brief fuzz run in the suite (the long one: ``make fuzz N=5000``), and the harness's own
judgement tested: a harness that cannot fail proves nothing."""

from __future__ import annotations

from pathlib import Path

import fuzz
import mutations


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
