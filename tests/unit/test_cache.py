"""The batch's disk cache of loaded disclosures and findings (helpers.cache)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import cache, model, report
from helpers.checks import check
from helpers.errors import MissingFileError

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo" / "example_bureau_2024_budget.txt"


@pytest.fixture
def parses(monkeypatch):
    """Count the parses (calls of load_disclosure) the cache lets through."""
    calls: list[object] = []
    real = model.load_disclosure

    def counted(source):
        calls.append(source)
        return real(source)

    monkeypatch.setattr(model, "load_disclosure", counted)
    return calls


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    return folder


def test_without_the_variable_every_load_parses_and_nothing_is_written(
        tmp_path, monkeypatch, parses):
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    first, second = cache.load_cached(DEMO), cache.load_cached(DEMO)
    assert len(parses) == 2
    assert first is not second
    assert list(tmp_path.iterdir()) == []


def test_a_document_is_parsed_once_and_each_load_is_a_fresh_equal_object(
        cache_folder, parses):
    first = cache.load_cached(DEMO)
    second = cache.load_cached(DEMO)
    assert len(parses) == 1
    assert len(list(cache_folder.glob("disclosure-*.pickle"))) == 1
    assert second is not first and second.amounts is not first.amounts
    assert second.amounts.equals(first.amounts)
    assert second.summary() == first.summary()
    # what one report does to its disclosure, the next load does not see
    second.tables.clear()
    assert cache.load_cached(DEMO).tables.keys() == first.tables.keys() != set()


def test_a_changed_document_is_parsed_again(cache_folder, parses, tmp_path):
    copy = tmp_path / DEMO.name
    shutil.copy(DEMO, copy)
    before = cache.load_cached(copy)
    copy.write_text(copy.read_text(encoding="utf-8") + "\n（本文件已更新）\n", encoding="utf-8")
    after = cache.load_cached(copy)
    assert len(parses) == 2
    assert after.meta.sha256 != before.meta.sha256


def test_report_load_goes_through_the_cache(cache_folder, parses):
    report.load(str(DEMO))
    report.load(str(DEMO))
    assert len(parses) == 1


def test_findings_are_computed_once_per_document_and_previous_year(cache_folder):
    calls = []

    def compute(disclosure, previous=None):
        calls.append(previous)
        return check(disclosure, previous=previous)

    disclosure = cache.load_cached(DEMO)
    first = cache.cached_findings(disclosure, None, lambda: compute(disclosure))
    again = cache.cached_findings(cache.load_cached(DEMO), None, lambda: compute(disclosure))
    assert len(calls) == 1
    assert again.equals(first)
    # against a previous year the findings differ: a key of their own
    cache.cached_findings(disclosure, disclosure, lambda: compute(disclosure, disclosure))
    assert len(calls) == 2


def test_findings_of_a_disclosure_not_loaded_through_the_cache_are_not_kept(cache_folder):
    disclosure = model.load_disclosure(DEMO)
    calls = []
    for _ in range(2):
        cache.cached_findings(disclosure, None, lambda: calls.append(1) or check(disclosure))
    assert len(calls) == 2
    assert list(cache_folder.glob("findings-*")) == []


def test_a_broken_entry_is_a_miss_and_is_written_again(cache_folder, parses):
    cache.load_cached(DEMO)
    (entry,) = cache_folder.glob("disclosure-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cache.load_cached(DEMO).meta.department
    assert len(parses) == 2
    assert entry.read_bytes() != b"not a pickle"


def test_a_failed_load_raises_its_typed_error_and_caches_nothing(cache_folder, tmp_path):
    missing = tmp_path / "missing.pdf"
    with pytest.raises(MissingFileError) as raised:
        cache.load_cached(missing)
    assert "missing.pdf" in str(raised.value)
    assert list(cache_folder.iterdir()) == []


def test_a_folder_that_is_gone_turns_the_cache_off(tmp_path, monkeypatch, parses):
    gone = tmp_path / "ended-batch"
    monkeypatch.setenv(cache.CACHE_ENV, str(gone))
    cache.load_cached(DEMO)
    cache.load_cached(DEMO)
    assert len(parses) == 2
    assert not gone.exists()  # not made again


def test_a_result_that_cannot_be_pickled_is_returned_and_not_kept(cache_folder):
    disclosure = cache.load_cached(DEMO)
    unpicklable = cache.cached_findings(disclosure, None, lambda: (lambda: "findings"))
    assert unpicklable() == "findings"
    assert list(cache_folder.glob("findings-*")) == []
    assert list(cache_folder.glob(".*.tmp")) == []  # no half-written entry left behind
