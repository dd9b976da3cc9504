"""Shared fixtures: the development corpus, vendored in data/corpus (see its README.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

#: One hypothesis profile for every property test: "ci" (the default, quick, in make test),
#: "long" by hand (HYPOTHESIS_PROFILE=long make test). Tests set no example counts of their
#: own; the slow ones ask for a fraction of the profile's (see :func:`examples`).
settings.register_profile("ci", max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def examples(fraction: float) -> settings:
    """Return settings running ``fraction`` of the profile's examples (at least one)."""
    return settings(max_examples=max(1, int(settings.default.max_examples * fraction)))

#: The project's root, its notebooks and the fictional demo budget (data/demo).
ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = ROOT / "notebooks"
DEMO_DIR = ROOT / "data" / "demo"
DEMO_BUDGET = DEMO_DIR / "example_bureau_2024_budget.txt"

#: The real documents the ``corpus`` tests read, vendored with their provenance.
CORPUS_DIR = ROOT / "data" / "corpus"
REGIONS_DIR = CORPUS_DIR / "regions"
SEED = CORPUS_DIR / "seed" / "000_673e72c434b14bd5.txt"
WANLI_2023 = CORPUS_DIR / "shanghai" / "wanli_subdistrict_2023_department_budget.pdf"
WANLI_2024 = CORPUS_DIR / "shanghai" / "wanli_subdistrict_2024_department_budget.pdf"
WELFARE_2024 = CORPUS_DIR / "shanghai" / "putuo_welfare_home_2024_unit_budget.pdf"


#: The tiers of the suite, one folder each; every test is marked with its folder's name, so
#: ``pytest -m unit`` runs the quick tier and ``pytest -m "not browser"`` skips Chromium.
TIERS = ("unit", "documents", "notebooks", "browser", "property")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark each test with its tier; skip ``corpus`` tests when data/corpus is missing."""
    tests_dir = Path(__file__).resolve().parent
    for item in items:
        tier = Path(item.fspath).resolve().relative_to(tests_dir).parts[0]
        if tier in TIERS:
            item.add_marker(getattr(pytest.mark, tier))
    if CORPUS_DIR.is_dir():
        return
    skip = pytest.mark.skip(reason=f"development corpus not found at {CORPUS_DIR}")
    for item in items:
        if "corpus" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """Return the development corpus folder."""
    return CORPUS_DIR


@pytest.fixture(scope="module")
def demo():
    """Return the fictional demo budget (data/demo), loaded once per test module."""
    from helpers import load_disclosure

    return load_disclosure(DEMO_BUDGET)


@pytest.fixture(scope="module")
def series(tmp_path_factory):
    """Return two years (2023, 2024) of one synthetic department (seed 7), read from text."""
    from helpers import load_disclosure
    from helpers.synth import generate_series, write_synthetic

    folder = tmp_path_factory.mktemp("series")
    return [load_disclosure(write_synthetic(s, folder, ("txt",))["txt"])
            for s in generate_series(7, [2023, 2024])]


@pytest.fixture(scope="session")
def seed():
    """Return the seed disclosure (Hebei, Tika text), loaded once per session."""
    from helpers import load_disclosure

    return load_disclosure(SEED)


def outputs_text(executed) -> str:
    """Return every output's text/html and text/plain, joined; fail on error outputs."""
    parts = []
    for cell in executed.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", output.get("evalue")
            if output.get("output_type") == "stream":
                assert output.get("name") != "stderr", output.get("text")
                parts.append(output.get("text", ""))
            data = output.get("data", {})
            parts.append(data.get("text/html", "") + data.get("text/plain", ""))
    return "\n".join(parts)


def assert_thin_notebook(nb, zh_within: int = 40) -> None:
    """Assert a committed notebook is thin: no outputs, no def/class/lambda, Chinese first."""
    import ast

    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None
            tree = ast.parse(cell.source)
            assert not [n for n in ast.walk(tree) if isinstance(
                n, ast.FunctionDef | ast.ClassDef | ast.Lambda | ast.AsyncFunctionDef)]
    first_markdown = next(c for c in nb.cells if c.cell_type == "markdown")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in first_markdown.source[:zh_within])
