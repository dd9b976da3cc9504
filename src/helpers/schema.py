"""Column definitions of the frames this package returns: each column defined once.

:data:`AMOUNT_COLUMNS` defines the tidy amounts frame (DESIGN.md §3): one row per amount
printed in any table. :func:`validate_frame` checks a frame against a definition at the
boundary, so a change in one place cannot silently change what users receive.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.money import AMOUNT_DTYPE


@dataclass(frozen=True)
class Column:
    """One column: name, pandas dtype, unit and labels."""

    name: str
    dtype: object
    unit: str | None
    zh: str
    en: str


AMOUNT_COLUMNS: tuple[Column, ...] = (
    Column("department", "string", None, "部门", "department"),
    Column("year", "Int64", None, "年度", "year"),
    Column("stage", "string", None, "阶段", "stage (budget | final)"),
    Column("scope", "string", None, "口径", "scope (department | unit)"),
    Column("table", "string", None, "表", "table kind"),
    Column("line_code", "string", None, "科目编码",
           "classification code, or item key for tables without codes"),
    Column("line_name", "string", None, "科目名称", "line name as printed"),
    Column("classification", "string", None, "分类", "function | economic | none"),
    Column("level", "Int64", None, "级次", "0 total, 1 类, 2 款, 3 项"),
    Column("measure", "string", None, "口径列", "measure (column) key"),
    Column("amount_yuan", AMOUNT_DTYPE, "元", "金额（元）", "amount in yuan, exact to the fen"),
    Column("source", "string", None, "来源", "file:page-or-line:table:row:column of the cell"),
)


def typed_frame(records: list[dict], dtypes: dict[str, object]) -> pd.DataFrame:
    """Build a frame from records with the given columns, in order, each of its dtype.

    Columns are built one array at a time: several times faster than ``from_records``
    followed by ``astype``, and exact for decimals. A key missing from a record is NA.
    """
    return pd.DataFrame({name: pd.array([record.get(name) for record in records], dtype=dtype)
                         for name, dtype in dtypes.items()})


def make_frame(records: list[dict], columns: tuple[Column, ...]) -> pd.DataFrame:
    """Build a frame from records, with exactly the defined columns in order and dtypes."""
    return typed_frame(records, {c.name: c.dtype for c in columns})


def validate_frame(frame: pd.DataFrame, columns: tuple[Column, ...]) -> pd.DataFrame:
    """Check that ``frame`` has exactly the defined columns and dtypes; return it.

    Raises:
        ValueError: A column is missing, extra, or of another dtype.
    """
    expected = [c.name for c in columns]
    if list(frame.columns) != expected:
        raise ValueError(f"columns {list(frame.columns)} != {expected}")
    for column in columns:
        if str(frame[column.name].dtype) != str(pd.Series(dtype=column.dtype).dtype):
            raise ValueError(f"column {column.name} has dtype {frame[column.name].dtype}")
    return frame
