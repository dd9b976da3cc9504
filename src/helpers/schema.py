"""Column definitions of the frames this package returns: each column defined once.

:data:`AMOUNT_COLUMNS` defines the tidy amounts frame (DESIGN.md §3): one row per amount
printed in any table. :func:`validate_frame` checks a frame against a definition at the
boundary, so a change in one place cannot silently change what users receive.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from helpers.money import AMOUNT_DTYPE

#: Where a row of a table frame was printed: body row, page (paged formats), line (text).
LOCATION_DTYPES: dict[str, str] = {"row": "Int64", "page": "Int64", "line": "Int64"}


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


FINDING_COLUMNS: tuple[Column, ...] = (
    Column("rule_id", "string", None, "规则编号", "rule id"),
    Column("group", "string", None, "规则组", "rule group"),
    Column("severity", "string", None, "严重程度", "severity (error | warning | info)"),
    Column("title_zh", "string", None, "规则名称", "rule title (Chinese)"),
    Column("message_zh", "string", None, "说明", "message in Chinese"),
    Column("message_en", "string", None, "说明（英文）", "message in English"),
    Column("expected_yuan", AMOUNT_DTYPE, "元", "应为（元）", "expected amount in yuan"),
    Column("printed_yuan", AMOUNT_DTYPE, "元", "列示（元）", "printed amount in yuan"),
    Column("difference_yuan", AMOUNT_DTYPE, "元", "差额（元）", "printed − expected, yuan"),
    Column("locations", "string", None, "位置", "every cell involved, '; '-separated"),
    Column("department", "string", None, "部门", "department"),
    Column("year", "Int64", None, "年度", "year"),
    Column("file", "string", None, "文件", "source file"),
)

PERCENT_DTYPE = pd.ArrowDtype(pa.decimal128(9, 2))

META_COLUMNS: tuple[Column, ...] = (
    Column("department", "string", None, "部门", "department"),
    Column("year", "Int64", None, "年度", "year"),
    Column("stage", "string", None, "阶段", "stage (budget | final)"),
    Column("scope", "string", None, "口径", "scope (department | unit)"),
    Column("unit", "string", None, "金额单位", "unit most tables print amounts in"),
    Column("source", "string", None, "来源文件", "path of the file read"),
    Column("format", "string", None, "格式", "reader (tika_text, pdf, docx, xlsx)"),
    Column("sha256", "string", None, "文件哈希", "sha256 of the file's bytes"),
    Column("is_synthetic", "boolean", None, "虚构示例", "the document says it is fictional"),
    Column("tables", "Int64", None, "表格数", "canonical tables recognised"),
    Column("amounts", "Int64", None, "金额数", "amounts read"),
    Column("anomalies", "Int64", None, "异常数", "anomalies met while loading"),
    Column("errors", "Int64", None, "错误数", "error-level findings"),
    Column("warnings", "Int64", None, "警告数", "warning-level findings"),
)

NARRATIVE_FIGURE_COLUMNS: tuple[Column, ...] = (
    Column("department", "string", None, "部门", "department"),
    Column("year", "Int64", None, "年度", "year"),
    Column("source", "string", None, "来源文件", "source file"),
    Column("section", "string", None, "章节", "narrative section key"),
    Column("figure", "string", None, "数字", "figure key (income_total, three_public_total…)"),
    Column("item_name", "string", None, "项目名称", "item named beside the figure"),
    Column("label", "string", None, "原文标签", "words printed before the amount"),
    Column("amount_yuan", AMOUNT_DTYPE, "元", "金额（元）", "stated amount in yuan"),
    Column("count", "Int64", None, "数量", "stated count (vehicles, projects)"),
    Column("unit", "string", None, "原文单位", "unit as printed"),
    Column("base_year", "Int64", None, "比较年度", "year the change is stated against"),
    Column("direction", "string", None, "增减", "increase | decrease | flat"),
    Column("change_yuan", AMOUNT_DTYPE, "元", "增减额（元）", "stated change, yuan"),
    Column("change_percent", PERCENT_DTYPE, "%", "增减幅度（%）", "stated change, percent"),
    Column("reason", "string", None, "原因", "stated reason"),
    Column("sentence", "string", None, "原句", "the sentence read"),
    Column("page", "Int64", None, "页", "page"),
    Column("line", "Int64", None, "行", "line"),
    Column("precision_yuan", AMOUNT_DTYPE, "元", "列示精度（元）",
           "one unit of the last printed digit"),
    Column("change_precision_yuan", AMOUNT_DTYPE, "元", "增减额精度（元）",
           "one unit of the change's last printed digit"),
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
