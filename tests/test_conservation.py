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

from helpers import load_disclosure
from helpers.catalog import MEASURES, match_kind
from helpers.money import UNIT_FACTORS
from helpers.normalize import split_header

from conftest import SEED, WANLI_2023, WANLI_2024, WELFARE_2024

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SKIPPED_KINDS = {"performance_targets", "institutions"}


def numbers_in(text: str) -> list[Decimal]:
    return [Decimal(token.replace(",", "")) for token in _NUMBER.findall(text)]


def printed_numbers(grid) -> Counter:
    _, body = split_header(grid)
    return Counter(n for row in body for cell in row for n in numbers_in(cell.text))


def code_parts(code: str) -> list[Decimal]:
    if not code.isdigit():
        return []
    return [Decimal(code[:3])] + [Decimal(code[i:i + 2]) for i in range(3, len(code), 2)]


def held_numbers(disclosure, table) -> Counter:
    held: Counter = Counter()
    factor = UNIT_FACTORS[table.unit] if table.unit else Decimal(1)
    frame = table.frame
    for column in frame.columns:
        if column in MEASURES:
            held.update(value / factor for value in frame[column].dropna())
        elif column == "line_code":
            if match_kind(table.title).classification == "none":
                continue  # codes looked up from names (收支总表) or item keys: not printed
            whole = not {"code_class", "code_section"} & set(table.column_roles)
            for code in frame[column].dropna():
                held.update([Decimal(code)] if whole else code_parts(code))
        elif column == "line_name" and table.kind == "three_public":
            continue  # the one-row Shanghai table names its lines by its header labels
        elif column not in {"level", "row", "page", "line"}:
            # text columns (数量, 目录序号) and names that carry digits ("3、单价在50万元以上")
            for text in frame[column].dropna():
                held.update(numbers_in(text))
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


def assert_conserved(disclosure):
    for grid in disclosure.raw.grids:
        kind = match_kind(grid.title)
        if kind is None or kind.key in _SKIPPED_KINDS:
            continue
        table = disclosure.tables[kind.key]
        reported, repaired = anomaly_numbers(disclosure, kind.key)
        printed = printed_numbers(grid) + repaired
        held = held_numbers(disclosure, table) + reported
        rows = len(split_header(grid)[1])
        # printed row numbers (序号) are the one thing not carried over
        seq = Counter(Decimal(n) for n in range(1, rows + 1))
        missing = printed - held - seq
        assert not missing, f"{grid.title}: printed but not read: {dict(missing)}"
        invented = held - printed
        assert not invented, f"{grid.title}: read but not printed: {dict(invented)}"


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
