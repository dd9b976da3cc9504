"""Exports for people and other tools: an Excel workbook for auditors, a Fiscal Data Package.

Excel (``to_excel``): one sheet per canonical table kind, the rows of every document that
has it (each row naming its document: 部门, 年度, 文件), Chinese headers on every sheet,
amounts in 元 as numbers formatted ``#,##0.00``, codes as text (a code such as 2040601 must
not become a number), frozen header rows, plus sheets for the metadata, the tidy amounts
and the audit findings. Amounts are written from exact decimals; Excel stores IEEE doubles,
which hold every amount below 2^53 / 100 yuan to the fen when read back with
``Decimal(str(value))``.

Fiscal Data Package (``to_fiscal_data_package``): ``datapackage.json`` plus ``amounts.csv``,
following the Frictionless Data Package spec with the Fiscal Data Package ``model``:
the amount as a measure (currency CNY; ``factor`` 1 for 元 or 10000 for 万元), the
functional and economic classifications as ``classification`` dimensions
(``classificationType`` functional / economic), the department as an ``administrative``
dimension and the budget year as a ``date`` dimension.

Text from a document can be hostile: a department or line name "=HYPERLINK(…)" or
"=cmd|'/c calc'!A1" must not run as a formula where the export is opened. In the workbook
every text starting with a character of :data:`FORMULA_STARTS` is stored as text (never a
formula) with Excel's quote prefix, so it stays text when edited; its characters are kept.
In CSV, which has no types, such a text is written with a leading apostrophe
(:func:`csv_safe`, the OWASP rule): "'=HYPERLINK(…)".
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from helpers.analysis import THREE_PUBLIC_LABELS
from helpers.catalog import KINDS_BY_KEY, MEASURES
from helpers.checks import check
from helpers.errors import OutputError, reading
from helpers.model import Disclosure
from helpers.money import UNIT_FACTORS
from helpers.schema import AMOUNT_COLUMNS, FINDING_COLUMNS, META_COLUMNS

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_MONEY_FORMAT = "#,##0.00"
_SHEET_NAME_MAX = 31  # Excel's limit
#: Chinese headers of the table frames' columns: their structural and text columns (the
#: header words of :data:`helpers.catalog.COLUMN_ROLES`, the 绩效 forms of
#: :mod:`helpers.targets`), then every measure.
_LABELS = {"line_code": "科目编码", "line_name": "科目名称", "level": "级次", "row": "原表行",
           "page": "页", "line": "行", "code": "科目编码", "code_name": "科目",
           "code_class": "类", "code_section": "款", "code_item": "项",
           "unit": "单位", "consolidation": "汇总口径", "item_name": "采购物品名称",
           "catalog_code": "采购目录编码", "measure_unit": "计量单位", "quantity": "数量",
           "nature": "单位性质", "rank": "单位规格", "funding": "经费保障形式",
           "project_name": "项目名称", "goal": "绩效目标", "level1": "一级指标",
           "level2": "二级指标", "level3": "三级指标", "description": "指标内容",
           "target_value": "指标值", "comparator": "比较", "amount_yuan": "金额（元）",
           "basis": "依据", "budget_initial_yuan": "年初预算数（元）",
           "budget_full_yuan": "全年预算数（元）", "executed_yuan": "全年执行数（元）",
           "funds_weight": "资金分值", "execution_rate_printed": "执行率（原文）",
           "funds_score": "资金得分", "total_weight": "总分值", "total_score": "总得分",
           } | {key: zh for key, (zh, _) in MEASURES.items()}


_HANZI = re.compile(r"[\u4e00-\u9fff]")
#: 三公 items of wide 三公 tables (a column per item and year: "item:vehicle@2024").
_ITEM_LABELS = {key: zh for key, (_, zh, _) in THREE_PUBLIC_LABELS.items()} | {
    "abroad_research": "教学科研人员因公出国（境）费", "abroad_other": "其他因公出国（境）费",
    "administrative": "行政经费", "meeting": "会议费", "training": "培训费",
    "total_with_meetings": "“三公”经费、会议费、培训费合计"}


def _label(column: str, labels: dict[str, str]) -> str:
    """Return a column's Chinese header; a repeated role ("code_name#3") is numbered."""
    if column in labels:
        return labels[column]
    base, _, number = column.partition("#")
    if base.startswith("item:"):
        item, _, qualifier = base.removeprefix("item:").partition("@")
        when = (f"{qualifier}年" if qualifier.isdigit() else
                MEASURES.get(qualifier, (qualifier,))[0])
        label = f"{_ITEM_LABELS.get(item, item)}（{when}）" if when else \
            _ITEM_LABELS.get(item, item)
    else:
        label = labels.get(base) or _LABELS.get(base) or (
            base if _HANZI.search(base) else f"未识别列 {base}")  # a header kept as printed
    return f"{label}（第{number}列）" if number else label


def _sheet_title(text: str, taken: set[str]) -> str:
    title = "".join(ch for ch in text if ch not in "[]:*?/\\")[:_SHEET_NAME_MAX] or "表"
    base, number = title, 2
    while title in taken:
        suffix = f"({number})"
        title, number = base[:_SHEET_NAME_MAX - len(suffix)] + suffix, number + 1
    taken.add(title)
    return title


#: First characters that make a spreadsheet read a text cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """Return ``value`` for a CSV field: a text that would start a formula gets a "'" first."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell_value(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str):  # control characters a worksheet cannot hold, escaped
        return ILLEGAL_CHARACTERS_RE.sub(lambda m: m.group().encode("unicode_escape").decode(),
                                         value)
    return float(value) if isinstance(value, Decimal) else value


@contextmanager
def _writing(path: Path, sources: list[Disclosure]) -> Iterator[None]:
    """Name the output when it cannot be written; any other failure names the documents."""
    with reading(" + ".join(d.meta.source for d in sources), what="exporting"):
        try:
            yield
        except OSError as error:
            raise OutputError(f"cannot write {path}: {error.strerror or error}", path) \
                from error


def _write_sheet(workbook: Workbook, title: str, frame: pd.DataFrame,
                 labels: dict[str, str], money: set[str], taken: set[str]) -> None:
    sheet = workbook.create_sheet(_sheet_title(title, taken))
    sheet.append([_label(column, labels) for column in frame.columns])
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for record in frame.itertuples(index=False):
        sheet.append([_cell_value(value) for value in record])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                cell.data_type, cell.quotePrefix = "s", True  # text, never a formula
    for index, column in enumerate(frame.columns, start=1):
        letter = get_column_letter(index)
        if column in money:
            for cell in sheet[letter][1:]:
                cell.number_format = _MONEY_FORMAT
        elif column.endswith("code"):
            for cell in sheet[letter][1:]:
                cell.number_format = "@"  # codes are text
        width = 18 if column in money else min(40, max(8, len(_label(column, labels)) * 2))
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"


def to_excel(disclosures: Disclosure | Iterable[Disclosure], path: str | Path) -> Path:
    """Write disclosures to ``path``: a sheet per table kind (documents as rows), and more.

    Returns:
        The path written.
    """
    items = [disclosures] if isinstance(disclosures, Disclosure) else list(disclosures)
    path = Path(path)
    with _writing(path, items):
        return _write_excel(items, path)


#: The columns that name a row's document on the table sheets (documents as rows).
_DOCUMENT_COLUMNS = {"department": "部门", "year": "年度", "file": "文件"}


def table_kinds(items: Iterable[Disclosure]) -> list[str]:
    """Return the table kinds the documents hold, in the catalog's order (others after)."""
    found = list(dict.fromkeys(kind for d in items for kind in d.tables))
    return [k for k in KINDS_BY_KEY if k in found] + [k for k in found if k not in KINDS_BY_KEY]


def corpus_table(items: Iterable[Disclosure], kind: str) -> pd.DataFrame:
    """Return one table kind of every document that has it, each row naming its document."""
    frames = [d.tables[kind].frame.assign(department=d.meta.department, year=d.meta.year,
                                          file=Path(d.meta.source).name)
              for d in items if kind in d.tables]
    frame = pd.concat(frames, ignore_index=True)
    first = list(_DOCUMENT_COLUMNS)
    return frame[first + [c for c in frame.columns if c not in first]]


def _write_excel(items: list[Disclosure], path: Path) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    meta = pd.DataFrame([dataclasses.asdict(d.meta) for d in items])
    _write_sheet(workbook, "文件信息", meta, {c.name: c.zh for c in META_COLUMNS} | _LABELS,
                 set(), taken)
    for kind in table_kinds(items):
        frame = corpus_table(items, kind)
        money = {c for c in frame.columns if c in MEASURES or c == "amount_yuan"}
        label = KINDS_BY_KEY[kind].zh if kind in KINDS_BY_KEY else kind
        _write_sheet(workbook, label, frame, _DOCUMENT_COLUMNS | _LABELS, money, taken)
    amounts = pd.concat([d.amounts for d in items], ignore_index=True)
    _write_sheet(workbook, "金额明细", amounts, {c.name: c.zh for c in AMOUNT_COLUMNS},
                 {"amount_yuan"}, taken)
    findings = pd.concat([check(d) for d in items], ignore_index=True)
    _write_sheet(workbook, "审核发现", findings, {c.name: c.zh for c in FINDING_COLUMNS},
                 {"expected_yuan", "printed_yuan", "difference_yuan"}, taken)
    workbook.save(path)
    return path


_FDP_COLUMNS = ("department", "year", "table", "line_code", "line_name", "classification",
                "level", "measure", "amount")


def _fdp_rows(amounts: pd.DataFrame, factor: Decimal) -> list[list[object]]:
    rows = []
    for record in amounts.itertuples(index=False):
        code = record.line_code if isinstance(record.line_code, str) else ""
        texts = [record.department, record.year, record.table, code, record.line_name,
                 record.classification, "" if pd.isna(record.level) else int(record.level),
                 record.measure]
        rows.append([*map(csv_safe, texts), str((record.amount_yuan / factor).normalize())])
    return rows


def to_fiscal_data_package(disclosures: Disclosure | Iterable[Disclosure], out: str | Path,
                           unit: str = "元") -> Path:
    """Write ``datapackage.json`` and ``amounts.csv`` (a Fiscal Data Package) into ``out``.

    Args:
        disclosures: One disclosure or many.
        out: The folder to write (created).
        unit: "元" (factor 1) or "万元" (amounts divided exactly by 10000, factor 10000).

    Returns:
        The path of ``datapackage.json``.
    """
    items = [disclosures] if isinstance(disclosures, Disclosure) else list(disclosures)
    out = Path(out)
    with _writing(out, items):
        return _write_package(items, out, unit)


def _write_package(items: list[Disclosure], out: Path, unit: str) -> Path:
    factor = UNIT_FACTORS[unit]
    out.mkdir(parents=True, exist_ok=True)
    amounts = pd.concat([d.amounts for d in items], ignore_index=True)
    with (out / "amounts.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(_FDP_COLUMNS)
        writer.writerows(_fdp_rows(amounts, factor))
    fields = [
        {"name": "department", "type": "string", "title": "部门 department"},
        {"name": "year", "type": "year", "title": "年度 budget year"},
        {"name": "table", "type": "string", "title": "表 table kind"},
        {"name": "line_code", "type": "string", "title": "科目编码 classification code"},
        {"name": "line_name", "type": "string", "title": "科目名称 line name"},
        {"name": "classification", "type": "string", "title": "分类 function|economic|none",
         "constraints": {"enum": ["function", "economic", "none"]}},
        {"name": "level", "type": "integer", "title": "级次 0 total, 1 类, 2 款, 3 项"},
        {"name": "measure", "type": "string", "title": "口径列 measure key",
         "constraints": {"enum": sorted(MEASURES)}},
        {"name": "amount", "type": "number", "title": f"金额（{unit}） amount in {unit}",
         "decimalChar": ".", "bareNumber": True},
    ]
    package = {
        "name": "budget-disclosures",
        "title": "部门预算公开 budget disclosures",
        "profile": "tabular-data-package",  # built in: validates offline; "model" is FDP
        "resources": [{
            "name": "amounts", "path": "amounts.csv", "profile": "tabular-data-resource",
            "format": "csv", "encoding": "utf-8", "schema": {"fields": fields},
        }],
        "model": {
            "measures": {"amount": {"source": "amount", "currency": "CNY",
                                    "factor": int(factor)}},
            "dimensions": {
                "administrative": {"dimensionType": "entity", "primaryKey": ["department"],
                                   "attributes": {"department": {"source": "department"}}},
                "date": {"dimensionType": "datetime", "primaryKey": ["year"],
                         "attributes": {"year": {"source": "year"}}},
                "functional-classification": {
                    "dimensionType": "classification", "classificationType": "functional",
                    "primaryKey": ["line_code"],
                    "attributes": {"line_code": {"source": "line_code"},
                                   "line_name": {"source": "line_name", "labelfor": "line_code"},
                                   "level": {"source": "level"}}},
                "economic-classification": {
                    "dimensionType": "classification", "classificationType": "economic",
                    "primaryKey": ["line_code"],
                    "attributes": {"line_code": {"source": "line_code"},
                                   "line_name": {"source": "line_name", "labelfor": "line_code"}}},
                "table": {"dimensionType": "other", "primaryKey": ["table"],
                          "attributes": {"table": {"source": "table"},
                                         "measure": {"source": "measure"}}},
            },
        },
    }
    path = out / "datapackage.json"
    path.write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
