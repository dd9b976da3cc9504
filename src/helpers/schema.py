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


def empty_frame(columns: tuple[Column, ...]) -> pd.DataFrame:
    """Return an empty frame with the given columns and dtypes."""
    return pd.DataFrame({c.name: pd.Series(dtype=c.dtype) for c in columns})


def make_frame(records: list[dict], columns: tuple[Column, ...]) -> pd.DataFrame:
    """Build a frame from records, with exactly the defined columns in order and dtypes."""
    if not records:
        return empty_frame(columns)
    frame = pd.DataFrame.from_records(records, columns=[c.name for c in columns])
    return frame.astype({c.name: c.dtype for c in columns})


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
