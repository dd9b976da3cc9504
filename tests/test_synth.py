"""Synthetic disclosures: fictional, consistent, deterministic, and identical in every format."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import load_disclosure
from helpers.synth import SYNTHETIC_NOTICE, generate, to_tika_text, write_synthetic


def test_deterministic_per_seed():
    assert to_tika_text(generate(11).raw) == to_tika_text(generate(11).raw)
    assert to_tika_text(generate(11).raw) != to_tika_text(generate(12).raw)


def test_fictional_and_marked_synthetic():
    synthetic = generate(3)
    assert synthetic.department.startswith("示例市示例区")
    assert SYNTHETIC_NOTICE in to_tika_text(synthetic.raw)


def test_loads_clean_with_consistent_totals(tmp_path):
    synthetic = generate(5)
    path = write_synthetic(synthetic, tmp_path, ("txt",))["txt"]
    disclosure = load_disclosure(path)
    assert disclosure.anomaly_list == []
    summary = disclosure.summary()
    yuan = {key: value * 100 for key, value in synthetic.figures.items()}  # 0.01 万元 → 元
    assert summary["income_total_yuan"] == summary["expenditure_total_yuan"] == yuan["total"]
    assert summary["basic_yuan"] == yuan["basic"] == yuan["personnel"] + yuan["public"]
    assert summary["project_yuan"] == yuan["project"]
    assert disclosure.meta.department == synthetic.department


@given(seed=st.integers(min_value=0, max_value=10**6))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_format_loads_to_the_same_frames(seed):
    synthetic = generate(seed)
    with tempfile.TemporaryDirectory() as folder:
        loaded = {fmt: load_disclosure(path)
                  for fmt, path in write_synthetic(synthetic, Path(folder)).items()}
    reference = loaded["txt"]
    for fmt, disclosure in loaded.items():
        assert disclosure.meta.format == {"txt": "tika_text"}.get(fmt, fmt)
        assert disclosure.amounts.drop(columns="source").equals(
            reference.amounts.drop(columns="source")), fmt
        assert sorted(disclosure.tables) == sorted(reference.tables), fmt
        assert disclosure.narrative.figures.drop(columns=["page", "line"]).equals(
            reference.narrative.figures.drop(columns=["page", "line"])), fmt
        assert (disclosure.meta.department, disclosure.meta.year) == (
            synthetic.department, synthetic.year)
