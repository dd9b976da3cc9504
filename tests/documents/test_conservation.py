"""Cell conservation: every number printed in a table body is read, or reported.

For each recognised table the numbers printed in its body cells (as a multiset of exact
values) must equal the numbers the disclosure holds for it: amounts (converted back to
the printed unit), classification codes (split into their 类/款/项 parts), row numbers,
text columns such as 数量 — plus the texts of anomalies raised in that table.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest
from region_figures import REGION_FIGURES

from helpers import load_disclosure
from helpers.catalog import MEASURES, match_kind
from helpers.money import UNIT_FACTORS
from helpers.normalize import normalize_grid, split_header

from conftest import SEED, WANLI_2023, WANLI_2024, WELFARE_2024

_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
_SKIPPED_KINDS = {"performance_targets", "institutions", "department_performance_targets",
                  "performance_evaluation"}


def numbers_in(text: str) -> list[Decimal]:
    return [Decimal(token.replace(",", "")) for token in _NUMBER.findall(text)]


def printed_numbers(grid) -> Counter:
    _, body = split_header(grid)
    return Counter(n for row in body for cell in row for n in numbers_in(cell.text))


def code_parts(code: str) -> list[Decimal]:
    if not code.isdigit():
        return []
    return [Decimal(code[:3])] + [Decimal(code[i:i + 2]) for i in range(3, len(code), 2)]


_CODES = {"code", "code_class", "code_section", "code_item"}
_NAMES = {"name", "code_name", "income_item", "expenditure_item"}


def column_class(role: str) -> str | None:
    """Return what a printed column holds: amounts, codes, texts, or None (row numbers)."""
    if role in MEASURES or role.startswith("item:"):
        return "amounts"
    if role in _CODES:
        return "codes"
    if role in _NAMES or role.startswith("text:"):
        return "texts"
    return None


def printed_by_class(grid, roles: tuple[str, ...]) -> dict[str, Counter]:
    printed = {"amounts": Counter(), "codes": Counter(), "texts": Counter()}
    _, body = split_header(grid)
    for row in body:
        for role, cell in zip(roles, row, strict=False):
            what = column_class(role)
            if what is not None:
                printed[what].update(numbers_in(cell.text))
    return printed


def held_by_class(table) -> dict[str, Counter]:
    held = {"amounts": Counter(), "codes": Counter(), "texts": Counter()}
    factor = UNIT_FACTORS[table.unit] if table.unit else Decimal(1)
    frame = table.frame
    item_columns = any(role.startswith("item:") for role in table.column_roles)
    for column in frame.columns:
        if column in MEASURES:
            held["amounts"].update(value / factor for value in frame[column].dropna())
        elif column == "line_code":
            for code in frame[column].dropna():
                if code.isdigit():  # not an item key ("income_total", "abroad")
                    held["codes"].update([Decimal(code), *code_parts(code)])
        elif column == "line_name" and item_columns:
            continue  # item columns name their lines by the header's labels
        elif column not in {"level", "row", "page", "line"}:
            for text in frame[column].dropna():
                held["texts"].update(numbers_in(text))
    held["texts"] += held["codes"]  # a code printed fused with its name ("[201]…")
    return held


_UNREAD = {"text_in_number", "placeholder", "malformed_code", "unparsed_row", "metadata"}


def anomaly_numbers(disclosure, kind: str) -> tuple[Counter, Counter]:
    """Return (numbers of cells reported instead of read, numbers read in place of repairs).

    A repaired code's anomaly holds the printed part ("7") while the table holds what it was
    read as ("read as 210"): the printed part counts as held, the reading as printed.
    """
    anomalies = disclosure.anomalies
    anomalies = anomalies[anomalies.table == kind]
    unread = anomalies[anomalies.kind.isin(_UNREAD | {"repaired_code"})].text.dropna()
    readings = anomalies[anomalies.kind == "repaired_code"].message
    return (Counter(n for text in unread for n in numbers_in(text)),
            Counter(n for message in readings
                    for reading in re.findall(r"read as (\d+)", message)
                    for n in numbers_in(reading)))


def grids_by_table(disclosure) -> dict[str, list]:
    """Return the grids that were read into each recognised table, by kind key."""
    grouped: dict[str, list] = {}
    for grid in disclosure.raw.grids:
        kind = normalize_grid(grid, disclosure.raw.path.name).table.kind
        if kind != "unrecognized" and kind not in _SKIPPED_KINDS:
            grouped.setdefault(kind, []).append(grid)
    return grouped


def assert_conserved(disclosure):
    """Assert every number printed in a recognised table's body is held or reported.

    Amounts must match exactly, as multisets, per table. Codes and numbers inside texts
    must each be found among what the table holds: a code is printed once and held on
    every line under it (a 类 printed once per group), or held but not printed (a 类
    looked up by its name), so only what is printed is required to be held.
    """
    for kind, grids in grids_by_table(disclosure).items():
        table = disclosure.tables[kind]
        reported, repaired = anomaly_numbers(disclosure, kind)
        held = held_by_class(table)
        printed = {"amounts": Counter(), "codes": Counter(), "texts": Counter()}
        for grid in grids:
            roles = normalize_grid(grid, disclosure.raw.path.name).table.column_roles
            for what, numbers in printed_by_class(grid, roles).items():
                printed[what] += numbers
        missing = printed["amounts"] - held["amounts"] - reported
        assert not missing, f"{kind} {table.title}: amounts printed but not read: {missing}"
        invented = held["amounts"] - printed["amounts"] - repaired
        assert not invented, f"{kind} {table.title}: amounts read but not printed: {invented}"
        for what in ("codes", "texts"):
            lost = set(printed[what]) - set(held[what]) - set(reported)
            assert not lost, f"{kind} {table.title}: {what} printed but not held: {lost}"


@pytest.mark.corpus
@pytest.mark.parametrize("path", [SEED, WANLI_2023, WANLI_2024, WELFARE_2024],
                         ids=["seed", "wanli2023", "wanli2024", "welfare2024"])
def test_every_printed_number_is_read_or_reported(path):
    assert_conserved(load_disclosure(path))


@pytest.mark.corpus
def test_cost_targets_conserved(seed):
    """Every 成本指标 value printed in the nine target tables is read as an amount."""
    printed = [cell.text for grid in seed.raw.grids if match_kind(grid.title)
               and match_kind(grid.title).key == "performance_targets"
               for row in grid.rows if len(row) >= 5 and "成本指标" in
               "".join(c.text for c in row[:2]) for cell in row[-2:-1]]
    assert len(printed) == 10
    targets = seed.table("performance_targets").dropna(subset=["amount_yuan"])
    assert [numbers_in(text)[0] * 10000 for text in printed] == list(targets.amount_yuan)


REGION_FILES = sorted(
    name for name in REGION_FIGURES if name != "beijing_sjj-txt_2026_budget_dept.pdf")


@pytest.mark.corpus
@pytest.mark.parametrize("name", REGION_FILES)
def test_every_printed_number_of_the_regions_is_read_or_reported(corpus_dir, name):
    assert_conserved(load_disclosure(corpus_dir / "regions" / name))
