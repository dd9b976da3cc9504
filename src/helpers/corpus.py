"""A corpus of documents: each one paired with its department's previous year.

Checks compare a document with the same department's document one year earlier (carry-over
balances, year-over-year changes); the CLI, the dataset, the reports and the render batch all
pair documents the same way, here.

Quirks: a department may be given twice for one year (a copy, or a unit and its department
filed under one name); the *first* document given for a year is the one paired. A document
without a year has no previous year. Documents without a department name pair by year among
themselves (the name ``None``). A 预算 pairs with last year's 预算 and a 决算 with last year's
决算: a 2023 决算 is no "previous year" of a 2024 预算 (its statements compare budgets).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

__all__ = ["by_department_year", "disclosure_key", "item_stage", "pair_previous"]

T = TypeVar("T")

#: Returns the (department, year) of an item.
Key = Callable[[Any], tuple[str | None, int | None]]


def disclosure_key(disclosure: Any) -> tuple[str | None, int | None]:
    """Return the (department, year) of a :class:`helpers.model.Disclosure`."""
    return disclosure.meta.department, disclosure.meta.year


def by_department_year(items: Iterable[T], key: Key = disclosure_key
                       ) -> dict[tuple[str | None, int], T]:
    """Return the items by (department, year), the first given for each; no year: left out."""
    found: dict[tuple[str | None, int], T] = {}
    for item in items:
        department, year = key(item)
        if year is not None:
            found.setdefault((department, year), item)
    return found


def item_stage(item: Any) -> str | None:
    """Return the stage of a disclosure (``meta.stage``) or of a batch entry (``stage``)."""
    meta = getattr(item, "meta", None)
    return getattr(meta, "stage", None) if meta is not None else getattr(item, "stage", None)


def pair_previous(items: Sequence[T], key: Key = disclosure_key,
                  stage: Callable[[Any], str | None] = item_stage) -> list[tuple[T, T | None]]:
    """Pair each item with the same department's item of its stage one year earlier.

    Returns:
        (item, the previous year's item or None) for every item, in the order given.
    """
    by_stage: dict[str | None, list[T]] = {}
    for item in items:
        by_stage.setdefault(stage(item), []).append(item)
    found = {name: by_department_year(group, key) for name, group in by_stage.items()}
    pairs = []
    for item in items:
        department, year = key(item)
        earlier = found[stage(item)].get((department, year - 1)) if year is not None else None
        pairs.append((item, earlier))
    return pairs
