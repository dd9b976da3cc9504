"""Column definitions of the frames this package returns: each column defined once.

PUDL's layout: :data:`FIELDS` defines every column name once — its dtype, unit and zh/en
labels — and each frame is a tuple of those names in order (:func:`frame_columns`), which
may say more precisely what a shared column holds in that frame (its labels, never its dtype
or unit). The frames:

* the tidy amounts frame (:data:`AMOUNT_COLUMNS`, DESIGN.md §3): one row per amount printed
  in any table; with :data:`FINDING_COLUMNS`, :data:`META_COLUMNS` and
  :data:`NARRATIVE_FIGURE_COLUMNS` the tables of the Parquet dataset;
* the analysis frames (:mod:`helpers.analysis`, :mod:`helpers.execution`):
  :data:`PERSONNEL_COLUMNS`, :data:`FUNCTION_COLUMNS`, :data:`PROJECT_COLUMNS`,
  :data:`THREE_PUBLIC_COLUMNS`, :data:`YOY_COLUMNS`, :data:`ACROSS_COLUMNS`,
  :data:`BUDGET_FINAL_COLUMNS`, :data:`EXECUTION_COLUMNS`.

:func:`validate_frame` checks a frame against its definition at the boundary (where a
function hands it to its caller), so a change in one place cannot silently change what
users receive.

Units: ``元`` for exact amounts (``*_yuan``, :data:`~helpers.money.AMOUNT_DTYPE`), ``ratio``
for float shares meant for display (0.25 is a quarter), ``%`` for percentages.

Quirk: one name has two meanings (:data:`HOMONYMS`): ``change_percent`` is the percent a
narrative *states* (exact, as printed) in the narrative figures, and the percent
:func:`helpers.analysis.year_over_year` *computes* (a float) in its frame; the year-over-year
frame defines its own column (renaming either would change a published frame).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import pyarrow as pa
from pandas.api.types import pandas_dtype

from helpers.money import AMOUNT_DTYPE

#: Where a row of a table frame was printed: body row, page (paged formats), line (text).
LOCATION_DTYPES: dict[str, str] = {"row": "Int64", "page": "Int64", "line": "Int64"}

#: Exact stated percentages (two decimals, as printed).
PERCENT_DTYPE = pd.ArrowDtype(pa.decimal128(9, 2))


@dataclass(frozen=True)
class Column:
    """One column: name, pandas dtype, unit and labels."""

    name: str
    dtype: object
    unit: str | None
    zh: str
    en: str


def _define(*columns: Column) -> dict[str, Column]:
    names = [c.name for c in columns]
    duplicated = {n for n in names if names.count(n) > 1}
    if duplicated:
        raise ValueError(f"columns defined twice: {sorted(duplicated)}")
    return {c.name: c for c in columns}


def _text(name: str, zh: str, en: str) -> Column:
    return Column(name, "string", None, zh, en)


def _count(name: str, zh: str, en: str) -> Column:
    return Column(name, "Int64", None, zh, en)


def _flag(name: str, zh: str, en: str) -> Column:
    return Column(name, "boolean", None, zh, en)


def _yuan(name: str, zh: str, en: str) -> Column:
    return Column(name, AMOUNT_DTYPE, "元", zh, en)


def _ratio(name: str, zh: str, en: str) -> Column:
    return Column(name, "float64", "ratio", zh, en)


#: Every column of every frame, defined once: name → dtype, unit, labels.
FIELDS: dict[str, Column] = _define(
    # whose figures, where from
    _text("department", "部门", "department"),
    _count("year", "年度", "year"),
    _text("stage", "阶段", "stage (budget | final)"),
    _text("scope", "口径", "scope (department | unit)"),
    _text("source", "来源", "where the row was read (file, or the cell: file:page-or-line:"
          "table:row:column)"),
    _text("file", "文件", "source file"),
    _text("format", "格式", "reader (tika_text, pdf, docx, xlsx)"),
    _text("sha256", "文件哈希", "sha256 of the file's bytes"),
    _flag("is_synthetic", "虚构示例", "the document says it is fictional"),
    _count("page", "页", "page"),
    _count("line", "行", "line"),
    # lines of tables
    _text("table", "表", "table kind"),
    _text("line_code", "科目编码", "classification code, or item key for tables without codes"),
    _text("line_name", "科目名称", "line name as printed"),
    _text("classification", "分类", "function | economic | none"),
    _count("level", "级次", "0 total, 1 类, 2 款, 3 项"),
    _text("measure", "口径列", "measure (column) key"),
    _text("unit", "金额单位", "unit of the amounts"),
    _yuan("amount_yuan", "金额（元）", "amount in yuan, exact to the fen"),
    # findings
    _text("rule_id", "规则编号", "rule id"),
    _text("group", "分组", "group (of the rule, or of the line: personnel | public | other)"),
    _text("severity", "严重程度", "severity (error | warning | info)"),
    _text("title_zh", "规则名称", "rule title (Chinese)"),
    _text("message_zh", "说明", "message in Chinese"),
    _text("message_en", "说明（英文）", "message in English"),
    _yuan("expected_yuan", "应为（元）", "expected amount in yuan"),
    _yuan("printed_yuan", "列示（元）", "printed amount in yuan"),
    _yuan("difference_yuan", "差额（元）", "difference in yuan"),
    _text("locations", "位置", "every cell involved, '; '-separated"),
    # document metadata
    _count("tables", "表格数", "canonical tables recognised"),
    _count("amounts", "金额数", "amounts read"),
    _count("anomalies", "异常数", "anomalies met while loading"),
    _count("errors", "错误数", "error-level findings"),
    _count("warnings", "警告数", "warning-level findings"),
    # the narrative's figures
    _text("section", "章节", "narrative section key"),
    _text("figure", "数字", "figure key (income_total, three_public_total…)"),
    _text("item_name", "项目名称", "item named beside the figure"),
    _text("label", "原文标签", "words printed before the amount"),
    _count("count", "数量", "stated count (vehicles, projects)"),
    _count("base_year", "比较年度", "year the change is stated against"),
    _text("direction", "增减", "increase | decrease | flat"),
    _yuan("change_yuan", "增减额（元）", "change in yuan"),
    Column("change_percent", PERCENT_DTYPE, "%", "增减幅度（%）", "stated change, percent"),
    _text("reason", "原因", "stated reason"),
    _text("sentence", "原句", "the sentence read"),
    _yuan("precision_yuan", "列示精度（元）", "one unit of the last printed digit"),
    _yuan("change_precision_yuan", "增减额精度（元）",
          "one unit of the change's last printed digit"),
    # analysis rows
    _text("row_kind", "行类型", "what the row is (total, group, class, section, split…)"),
    _text("group_zh", "分组名称", "group label (人员经费, 公用经费…)"),
    _text("basis", "依据", "where the amount comes from (printed row and column, or computed)"),
    _ratio("share_of_group", "占本组比例", "share of the row's group"),
    _ratio("share_of_basic", "占基本支出比例", "share of 基本支出"),
    _ratio("share_of_total_expenditure", "占支出合计比例", "share of the 支出总表 合计"),
    _ratio("share_of_parent", "占上级比例", "share of the line's 类 or 款"),
    _ratio("share_of_project", "占项目支出比例", "share of 项目支出"),
    _ratio("share_of_three_public", "占三公比例", "share of the 三公 total"),
    _ratio("basic_share_of_line", "基本支出占本行比例", "basic share of the line"),
    _ratio("project_share_of_line", "项目支出占本行比例", "project share of the line"),
    _text("class_code", "类编码", "the line's 类 code"),
    _text("parent_code", "上级编码", "the line's parent code (类 or 款)"),
    _yuan("basic_yuan", "基本支出（元）", "基本支出 in yuan"),
    _yuan("project_yuan", "项目支出（元）", "项目支出 in yuan"),
    _flag("is_computed", "计算得出", "not printed: computed from the lines"),
    _text("source_table", "来源表", "table the row is read from"),
    _text("measure_zh", "口径列名称", "measure (column) label"),
    _text("comparator", "比较符", "≥, ≤, > or < of a bound, = of a value"),
    _flag("is_bound", "上下限", "a bound (≥, ≤), not spending"),
    _flag("is_headline", "项目金额", "the amount used as the project's amount"),
    _text("item", "项目", "三公 item key (total, abroad, vehicle…, admin_operating)"),
    _text("item_zh", "项目名称", "item label (Chinese)"),
    _text("item_en", "项目名称（英文）", "item label (English)"),
    _yuan("stated_yuan", "说明金额（元）", "amount the narrative states"),
    _flag("matches_stated", "与说明一致", "the table's amount equals the stated one"),
    _count("stated_base_year", "说明比较年度", "year the narrative states a change against"),
    _text("stated_direction", "说明增减", "stated direction (increase | decrease | flat)"),
    _yuan("stated_change_yuan", "说明增减额（元）", "stated change in yuan, signed"),
    Column("stated_change_percent", "float64", "%", "说明增减幅度（%）",
           "stated change in percent, signed"),
    _yuan("stated_prior_yuan", "说明上年数（元）", "prior year's amount the statement implies"),
    _text("note", "备注", "how the row was made"),
    _text("stated_source", "说明来源", "where the stated change is read"),
    # year over year
    _count("year_from", "起始年度", "earlier year"),
    _count("year_to", "对比年度", "later year"),
    _text("name_from", "上年名称", "line name in the earlier year"),
    _text("name_to", "本年名称", "line name in the later year"),
    _text("status", "状态", "new | dropped | continued"),
    _flag("is_renamed", "更名", "the code's name changed"),
    _yuan("amount_from_yuan", "上年金额（元）", "earlier year's amount"),
    _yuan("amount_to_yuan", "本年金额（元）", "later year's amount"),
    # across departments
    _yuan("expenditure_total_yuan", "支出合计（元）", "支出总表 合计"),
    _yuan("personnel_yuan", "人员经费（元）", "人员经费 (301 + 303 of 基本支出)"),
    _yuan("public_yuan", "公用经费（元）", "公用经费, operating costs (302 of 基本支出)"),
    _yuan("three_public_yuan", "三公经费（元）", "三公 total, printed or computed"),
    _yuan("admin_operating_yuan", "机关运行经费（元）", "机关运行经费"),
    _ratio("personnel_share_of_basic", "人员经费占基本支出", "人员经费 ÷ 基本支出"),
    _ratio("project_share_of_total", "项目支出占支出合计", "项目支出 ÷ 支出合计"),
    _ratio("three_public_share_of_basic", "三公占基本支出", "三公 ÷ 基本支出"),
    _count("previous_year", "上一年度", "latest earlier year of the department present"),
    _ratio("expenditure_growth", "支出增长", "支出合计 growth over previous_year"),
    # budget against final accounts
    _text("budget_file", "预算文件", "the 预算 document"),
    _text("final_file", "决算文件", "the 决算 document"),
    _yuan("budget_expenditure_yuan", "预算支出合计（元）", "支出合计 of the 预算"),
    _yuan("final_expenditure_yuan", "决算支出合计（元）", "支出合计 of the 决算"),
    _yuan("expenditure_difference_yuan", "支出差额（元）", "决算 − 预算"),
    _ratio("expenditure_execution_rate", "支出执行率", "决算 ÷ 预算"),
    _yuan("budget_three_public_yuan", "预算三公（元）", "三公 total of the 预算"),
    _yuan("final_three_public_yuan", "决算三公（元）", "三公 total of the 决算"),
    _ratio("three_public_execution_rate", "三公执行率", "决算 ÷ 预算 of the 三公 total"),
    # execution (决算 line by line)
    _text("part", "部分", "function | three_public"),
    _yuan("budget_yuan", "预算数（元）", "the line's budget"),
    _text("budget_source", "预算数来源", "where the budget is read"),
    _yuan("outturn_yuan", "决算数（元）", "the line's outturn"),
    _ratio("execution_rate", "执行率", "outturn ÷ budget"),
    _flag("outside_band", "超出区间", "the rate is outside the band the rules allow"),
    _flag("reason_stated", "说明原因", "the 决算 states a reason"),
)

#: Names with two meanings, each defined by the frame that uses it (see the module's quirks).
HOMONYMS: dict[str, str] = {
    "change_percent": "stated (exact, narrative figures) or computed (float, year over year)",
}


def frame_columns(*specs: str | tuple[str, ...] | Column) -> tuple[Column, ...]:
    """Return a frame's columns from :data:`FIELDS`, in order.

    Args:
        *specs: A field name; ``(name, en)`` to say what the field holds in this frame
            or ``(name, zh, en)`` to label it too (its dtype and unit stay those of
            :data:`FIELDS`); or a :class:`Column` of a
            name in :data:`HOMONYMS`.

    Raises:
        KeyError: A name is not defined in :data:`FIELDS`.
        ValueError: A :class:`Column` is given for a name that is not a homonym.
    """
    columns = []
    for spec in specs:
        if isinstance(spec, Column):
            if spec.name not in HOMONYMS:
                raise ValueError(f"{spec.name} is defined in FIELDS")
            columns.append(spec)
        elif isinstance(spec, tuple):
            name, *labels = spec
            zh, en = labels if len(labels) == 2 else (FIELDS[name].zh, labels[0])
            columns.append(replace(FIELDS[name], zh=zh, en=en))
        else:
            columns.append(FIELDS[spec])
    return tuple(columns)


_IDENTITY = ("department", "year")

AMOUNT_COLUMNS: tuple[Column, ...] = frame_columns(
    *_IDENTITY, "stage", "scope", "table", "line_code", "line_name", "classification", "level",
    "measure", "amount_yuan",
    ("source", "file:page-or-line:table:row:column of the cell"),
)

FINDING_COLUMNS: tuple[Column, ...] = frame_columns(
    "rule_id", ("group", "规则组", "rule group"), "severity", "title_zh", "message_zh",
    "message_en", "expected_yuan", "printed_yuan", ("difference_yuan", "printed − expected, yuan"),
    "locations", *_IDENTITY, "file",
)

META_COLUMNS: tuple[Column, ...] = frame_columns(
    *_IDENTITY, "stage", "scope", ("unit", "unit most tables print amounts in"),
    ("source", "来源文件", "path of the file read"), "format", "sha256", "is_synthetic", "tables",
    "amounts", "anomalies", "errors", "warnings",
)

NARRATIVE_FIGURE_COLUMNS: tuple[Column, ...] = frame_columns(
    *_IDENTITY, ("source", "来源文件", "source file"), "section", "figure", "item_name", "label",
    ("amount_yuan", "stated amount in yuan"), "count", ("unit", "原文单位", "unit as printed"),
    "base_year", "direction", ("change_yuan", "stated change, yuan"), "change_percent",
    "reason", "sentence",
    "page", "line", "precision_yuan", "change_precision_yuan",
)

PERSONNEL_COLUMNS: tuple[Column, ...] = frame_columns(
    *_IDENTITY, "row_kind", ("group", "basic | personnel | public | other"), "group_zh",
    "line_code", "line_name", "level", "amount_yuan", "share_of_group", "share_of_basic",
    "share_of_total_expenditure", "basis",
)

FUNCTION_COLUMNS: tuple[Column, ...] = frame_columns(
    *_IDENTITY, "table", "line_code", "line_name", "level", "class_code", "parent_code",
    "amount_yuan", "basic_yuan", "project_yuan", "share_of_total_expenditure",
    "share_of_parent", "basic_share_of_line", "project_share_of_line", "share_of_project",
    "is_computed",
)

PROJECT_COLUMNS: tuple[Column, ...] = frame_columns(
    *_IDENTITY, "row_kind", "source_table", "line_code", "line_name", "measure", "measure_zh",
    "amount_yuan", "share_of_total_expenditure", "share_of_project", "comparator", "is_bound",
    "is_headline", "basis",
)

THREE_PUBLIC_COLUMNS: tuple[Column, ...] = frame_columns(
    *_IDENTITY, "item", "item_zh", "item_en", "line_name", "level", "amount_yuan",
    "is_computed", "share_of_three_public", "share_of_basic", "stated_yuan", "matches_stated",
    "stated_base_year", "stated_direction", "stated_change_yuan", "stated_change_percent",
    "stated_prior_yuan", "note",
)

YOY_COLUMNS: tuple[Column, ...] = frame_columns(
    "department", "stage", "year_from", "year_to", "table", "classification", "line_code",
    "level", "measure", "name_from", "name_to", "status", "is_renamed", "amount_from_yuan",
    "amount_to_yuan", ("change_yuan", "amount_to − amount_from (a missing amount counts 0)"),
    Column("change_percent", "float64", "%", "增减率（%）", "computed change, percent"),
    "stated_source", "stated_base_year", "stated_direction", "stated_change_yuan",
    "stated_prior_yuan", "stated_change_percent",
)

ACROSS_COLUMNS: tuple[Column, ...] = frame_columns(
    *_IDENTITY, "stage", "scope", "expenditure_total_yuan", "basic_yuan", "project_yuan",
    "personnel_yuan", "public_yuan", "three_public_yuan", "admin_operating_yuan",
    "personnel_share_of_basic", "project_share_of_total", "three_public_share_of_basic",
    "previous_year", "expenditure_growth", ("source", "来源文件", "source file"),
)

BUDGET_FINAL_COLUMNS: tuple[Column, ...] = frame_columns(
    *_IDENTITY, "budget_file", "final_file", "budget_expenditure_yuan",
    "final_expenditure_yuan", "expenditure_difference_yuan", "expenditure_execution_rate",
    "budget_three_public_yuan", "final_three_public_yuan", "three_public_execution_rate",
)

EXECUTION_COLUMNS: tuple[Column, ...] = frame_columns(
    *_IDENTITY, "part", "table", "line_code", "line_name", "level", "budget_yuan",
    "budget_source", "outturn_yuan", ("difference_yuan", "outturn − budget, yuan"),
    "execution_rate", "outside_band", "reason_stated", "reason",
)

#: Every frame defined here, by name (the dataset's tables and the analysis frames).
FRAMES: dict[str, tuple[Column, ...]] = {
    "amounts": AMOUNT_COLUMNS, "findings": FINDING_COLUMNS, "metadata": META_COLUMNS,
    "narrative_figures": NARRATIVE_FIGURE_COLUMNS, "personnel_vs_operating": PERSONNEL_COLUMNS,
    "function_breakdown": FUNCTION_COLUMNS, "project_shares": PROJECT_COLUMNS,
    "three_public": THREE_PUBLIC_COLUMNS, "year_over_year": YOY_COLUMNS,
    "across_departments": ACROSS_COLUMNS, "budget_against_final": BUDGET_FINAL_COLUMNS,
    "budget_execution": EXECUTION_COLUMNS,
}


def dtypes(columns: tuple[Column, ...]) -> dict[str, object]:
    """Return ``columns`` as name → dtype (for :func:`typed_frame`)."""
    return {c.name: c.dtype for c in columns}


def typed_frame(records: list[dict], dtypes: dict[str, object]) -> pd.DataFrame:
    """Build a frame from records with the given columns, in order, each of its dtype.

    Columns are built one array at a time: several times faster than ``from_records``
    followed by ``astype``, and exact for decimals. A key missing from a record is NA.
    """
    return pd.DataFrame({name: pd.array([record.get(name) for record in records], dtype=dtype)
                         for name, dtype in dtypes.items()})


def make_frame(records: list[dict], columns: tuple[Column, ...]) -> pd.DataFrame:
    """Build a frame from records, with exactly the defined columns in order and dtypes."""
    return typed_frame(records, dtypes(columns))


def validate_frame(frame: pd.DataFrame, columns: tuple[Column, ...]) -> pd.DataFrame:
    """Check that ``frame`` has exactly the defined columns and dtypes; return it.

    Raises:
        ValueError: A column is missing, extra, or of another dtype.
    """
    expected = [c.name for c in columns]
    if list(frame.columns) != expected:
        missing = [n for n in expected if n not in frame.columns]
        extra = [n for n in frame.columns if n not in expected]
        raise ValueError(f"columns {list(frame.columns)} != {expected} "
                         f"(missing {missing}, extra {extra})")
    for column in columns:
        if frame[column.name].dtype != pandas_dtype(column.dtype):
            raise ValueError(f"column {column.name} has dtype {frame[column.name].dtype}, "
                             f"not {pandas_dtype(column.dtype)}")
    return frame
