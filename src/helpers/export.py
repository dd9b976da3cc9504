"""Exports for people and other tools: an Excel workbook for auditors, a Fiscal Data Package.

Excel (``to_excel``): one sheet per canonical table with Chinese headers, amounts in 元 as
numbers formatted ``#,##0.00``, codes as text (a code such as 2040601 must not become a
number), frozen header rows, plus sheets for the metadata, the tidy amounts and the audit
findings. Amounts are written from exact decimals; Excel stores IEEE doubles, which hold
every amount below 2^53 / 100 yuan to the fen when read back with ``Decimal(str(value))``.

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
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from helpers.catalog import KINDS_BY_KEY, MEASURES
from helpers.checks import check
from helpers.errors import OutputError, reading
from helpers.model import Disclosure
from helpers.money import UNIT_FACTORS
from helpers.schema import AMOUNT_COLUMNS, META_COLUMNS

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_MONEY_FORMAT = "#,##0.00"
_SHEET_NAME_MAX = 31  # Excel's limit
_LABELS = {"line_code": "科目编码", "line_name": "科目名称", "level": "级次", "row": "原表行",
           "page": "页", "line": "行"} | {key: zh for key, (zh, _) in MEASURES.items()}


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
    sheet.append([labels.get(column, column) for column in frame.columns])
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
        width = 18 if column in money else min(40, max(8, len(labels.get(column, column)) * 2))
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"


def to_excel(disclosures: Disclosure | Iterable[Disclosure], path: str | Path) -> Path:
    """Write one disclosure (a sheet per table) or a corpus (tidy sheets) to ``path``.

    Returns:
        The path written.
    """
    items = [disclosures] if isinstance(disclosures, Disclosure) else list(disclosures)
    path = Path(path)
    with _writing(path, items):
        return _write_excel(items, path)


def _write_excel(items: list[Disclosure], path: Path) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    meta = pd.DataFrame([dataclasses.asdict(d.meta) for d in items])
    _write_sheet(workbook, "文件信息", meta, {c.name: c.zh for c in META_COLUMNS}, set(), taken)
    if len(items) == 1:
        for kind, table in items[0].tables.items():
            frame = table.frame
            money = {c for c in frame.columns if c in MEASURES or c == "amount_yuan"}
            _write_sheet(workbook, KINDS_BY_KEY[kind].zh, frame, _LABELS, money, taken)
    amounts = pd.concat([d.amounts for d in items], ignore_index=True)
    _write_sheet(workbook, "金额明细", amounts, {c.name: c.zh for c in AMOUNT_COLUMNS},
                 {"amount_yuan"}, taken)
    findings = pd.concat([check(d) for d in items], ignore_index=True)
    _write_sheet(workbook, "审核发现", findings, {}, {"expected_yuan", "printed_yuan",
                                                 "difference_yuan"}, taken)
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
