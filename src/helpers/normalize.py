"""Turn a reader's :class:`~helpers.raw.Grid` into a canonical :class:`Table`.

The normaliser knows budgets, not formats. For each grid it:

1. recognises the table kind from the words of the printed title, else of a caption, else
   of the header (:mod:`helpers.catalog`), confirmed by the header's vocabulary;
2. splits header rows from body rows (:func:`helpers.columns.split_header`);
3. maps every column to a role from its header labels (:func:`helpers.columns.map_columns`);
4. reads every body cell through its column role: codes, names, amounts (exact, in the
   table's own unit), text; 绩效目标 forms go to :mod:`helpers.targets`;
5. reconciles the table with its own totals: a table that does not add up *as read* in
   several columns is marked :attr:`Table.unreliable` with a ``table_unreadable``
   anomaly, so that checks never blame the document for a misreading.

Layouts handled here, each recognised by what it prints, not by region:

* Codes whole (2040601), split over 类 | 款 | 项 (the 类 printed once per group and left
  blank below it), or fused with the name ("2010801-行政运行", "[201]一般公共服务支出");
  classes named without a code ("一、一般公共服务支出") are looked up by name.
* Side-by-side summaries (收入 | 支出, and up to four sides in Xi'an); a total merged over
  two sides is given to the side that holds its figure.
* Side-by-side blocks of one table (the 决算 基本支出 table: 人员经费 | 公用经费 | …).
* 三公 tables as rows of items, or as one row of item columns, split by 预算数 / 决算数, by
  year (2025年 | 2026年, 上年 | 当年 | 增减) or by fund; rows by unit or by year.
* Tables by unit (预算单位 / 单位名称), and a first row that is the total without saying
  so ("深圳市民政局（本级）" above the classes it sums).

Whatever cannot be read becomes an :class:`~helpers.anomalies.Anomaly` with its location;
no cell is dropped silently. Amount records come out without department/year: the
:class:`~helpers.model.Disclosure` fills those in.

Why one module of ~950 lines: the five steps above run on one :class:`Layout` (the
grid, its header, its column roles, the table's unit and precision), which each step reads
and extends; the vocabularies they use are already apart (:mod:`helpers.catalog`,
:mod:`helpers.columns`, :mod:`helpers.codes`, :mod:`helpers.targets`).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from helpers.anomalies import Anomaly
from helpers.catalog import (
    KINDS_BY_KEY,
    MEASURES,
    SUMMARY_ITEMS,
    THREE_PUBLIC_ITEMS,
    TableKind,
    compact_label,
    header_kind,
    match_kind,
    measure_of,
)
from helpers.codes import (
    CodeReading,
    class_code_of_name,
    read_split_code,
    read_whole_code,
    split_fused_code,
    strip_numbering,
)
from helpers.columns import (
    ColumnMap,
    map_columns,
    split_header,
    summary_sides,
    unique_roles,
)
from helpers.money import (
    AMOUNT_DTYPE,
    AmountParseError,
    AmountRangeError,
    find_unit,
    parse_amount,
    printed_precision,
)
from helpers.raw import Cell, Grid
from helpers.schema import LOCATION_DTYPES, typed_frame
from helpers.targets import read_self_evaluation, read_targets

_TOTAL_NAME = re.compile(r"^(合计|总计|小计)$|合计$|总计$")
_PLACEHOLDER = re.compile(r"^[XxＸｘ×]+$|^[XxＸｘ×]{2,}")
_EMPTY_NOTE = re.compile(r"空表|无.{0,30}(预算|经费|支出|收入)")
_CODE_ROLES = ("code", "code_class", "code_section", "code_item")
_NAMING_ROLES = {"name", "code_name", "text:unit", *_CODE_ROLES}
#: The expenditure line printed, without a name, on the row of an income total.
_UNNAMED_EXPENDITURE = {"income_total": "expenditure_total",
                        "income_subtotal": "expenditure_subtotal"}
_YEAR_CELL = re.compile(r"^(20\d\d)\s*年?(度)?$")
_CODE_LABELS = re.compile(r"[类款项\s]*")
_SUBITEM = re.compile(r"^\s*(其中[:：]|\d+[.．、]|（\d+）)")
_TOP_ITEM = re.compile(r"^\s*[一二三四五六七八九十]+、")


@dataclass
class Table:
    """One canonical table of a disclosure.

    Attributes:
        kind: Table kind key (DESIGN.md §2), or "unrecognized".
        title: Title as printed.
        unit: Unit its amounts are printed in ("元", "万元").
        notes: Notes printed under it (e.g. the empty-table statement).
        frame: Wide frame: ``line_code``, ``line_name``, ``level``, then one column per
            measure (``amount_yuan`` dtype), then text columns, then ``row``/``page``/``line``
            locating the printed row.
        layout: How the columns were mapped ("header": from the header's words), None
            for tables read otherwise (绩效目标 forms).
        column_roles: The role each printed column was read as (see :mod:`helpers.catalog`).
        precision_yuan: One unit of the last digit printed, in yuan (100 for "1295.78" in
            万元, 1 for "156,211,123" in 元), the finest over the table's non-zero amounts
            (a "25" beside "21.56" means 25.00): what rounding of the printed figures can
            explain. None when the table prints no non-zero amount.
        captions: Caption lines (department, year, unit) as printed.
        unreliable: Why the table could not be read reliably (its own totals do not hold
            as read, columns could not be mapped…), None when it reconciles. Checks must not
            report an error computed from an unreliable table; they say what they could not
            verify instead. The anomaly ``table_unreadable`` carries the same reason.
        page: Page of the title (paged formats).
        line: Line of the title (text exports).
    """

    kind: str
    title: str
    unit: str | None
    notes: list[str]
    frame: pd.DataFrame
    layout: str | None = None
    captions: list[str] = field(default_factory=list)
    page: int | None = None
    line: int | None = None
    precision_yuan: Decimal | None = None
    unreliable: str | None = None
    column_roles: tuple[str, ...] = ()

    def records(self) -> list[dict]:
        """Return the frame's rows as dicts, cached while the frame stays the same object.

        Rules look lines up hundreds of times per document; plain dicts make that cheap.
        """
        cached = self.__dict__.get("_records")
        if cached is None or cached[0] is not self.frame:
            cached = (self.frame, self.frame.to_dict("records"))
            self.__dict__["_records"] = cached
        return cached[1]

    def first_lines(self, columns: tuple[str, ...], measure: str) -> dict[tuple, dict]:
        """Return the first line printing ``measure`` per value of ``columns``, cached.

        Rules look up "the 合计 line" or "the line of code X" once per narrative figure: an
        index built once keeps a document of n figures and n lines at O(n), not O(n²).
        A line whose key cannot be hashed (no scalar) is not indexed: it matches no look-up.
        """
        cache = self.__dict__.setdefault("_first_lines", {})
        key = (columns, measure)
        records = self.records()
        cached = cache.get(key)
        if cached is None or cached[0] is not records:
            index: dict[tuple, dict] = {}
            for line in records:
                if pd.isna(line[measure]):
                    continue
                values = tuple(line.get(column) for column in columns)
                try:
                    index.setdefault(values, line)
                except TypeError:  # an unhashable cell
                    continue
            cached = cache[key] = (records, index)
        return cached[1]

    @property
    def is_empty(self) -> bool:
        """Return True when the table prints no amount at all."""
        measures = [c for c in self.frame.columns if c in MEASURES]
        return all(pd.isna(line[m]) for line in self.records() for m in measures)


@dataclass
class NormalizedGrid:
    """What one grid yields: its table, amount records and anomalies."""

    table: Table
    amounts: list[dict] = field(default_factory=list)
    anomalies: list[Anomaly] = field(default_factory=list)


class CellReader:
    """Read the cells of one grid; collect amount records and anomalies."""

    def __init__(self, grid: Grid, kind: TableKind | None, file: str, unit: str | None) -> None:
        self.grid = grid
        self.kind = kind
        self.key = kind.key if kind else "unrecognized"
        self.file = file
        self.unit = unit
        self.amounts: list[dict] = []
        self.anomalies: list[Anomaly] = []
        self.precision: Decimal | None = None
        self.recorded_lines: list[dict] = []  # the line of each amount record, in order
        self.recorded_cells: list[Cell] = []  # the cell of each amount record, in order

    def anomaly(self, kind: str, message: str, cell: Cell | None = None,
                row: int | None = None, column: str | None = None) -> None:
        self.anomalies.append(Anomaly(
            kind, message, file=self.file,
            page=cell.page if cell else self.grid.page,
            line=cell.line if cell else self.grid.line,
            table=self.key, row=row, column=column,
            text=cell.text if cell else None,
        ))

    def source(self, cell: Cell, row: int, column: str) -> str:
        """Return ``file:p<page>|L<line>:table:r<row>:<column>``: where the cell is printed."""
        where = f"p{cell.page}" if cell.page is not None else f"L{cell.line}"
        return f"{self.file}:{where}:{self.key}:r{row}:{column}"

    def amount(self, cell: Cell, row: int, column: str) -> Decimal | None:
        """Read an amount cell; record an anomaly for text that is not an amount."""
        if self.unit is None:
            if cell.text.strip():
                self.anomaly("metadata", "amount in a table whose unit is unknown", cell, row,
                             column)
            return None
        try:
            value = parse_amount(cell.text, self.unit)
        except AmountParseError as error:
            kind = ("amount_out_of_range" if isinstance(error, AmountRangeError) else
                    "placeholder" if _PLACEHOLDER.search(cell.text.strip()) else "text_in_number")
            self.anomaly(kind, f"{error}; not read as a number", cell, row, column)
            return None
        if value:  # a printed 0 is exact whatever its digits
            precision = printed_precision(cell.text, self.unit)
            self.precision = precision if self.precision is None else min(self.precision,
                                                                          precision)
        return value

    def record(self, line: dict, measure: str, value: Decimal, cell: Cell, row: int,
               classification: str, column: str | None = None) -> None:
        """Record one amount; ``column`` names its column where the measure does not.

        In a table of item columns (Shanghai's 三公: one row, a column per item and fund)
        several items share the row and the measure: their column is ``item@measure``,
        so that every amount's source names its own cell.
        """
        self.amounts.append({
            "table": self.key, "line_code": line["line_code"], "line_name": line["line_name"],
            "classification": classification, "level": line["level"], "measure": measure,
            "amount_yuan": value, "source": self.source(cell, row, column or measure),
        })
        self.recorded_lines.append(line)
        self.recorded_cells.append(cell)

    def settle_sources(self) -> None:
        """Name the column of amounts whose row and measure alone name several cells.

        Side-by-side layouts print one measure in several columns of a row (an economic
        table printed in two halves, a 绩效目标 form's 其他资金 under 项目资金总额 and under
        年度资金申请总额, a summary's expenditure sides): their sources take the printed
        column, ``…:r4:public@c7``, so that every amount names its own cell.
        """
        counts = Counter(record["source"] for record in self.amounts)
        if all(count == 1 for count in counts.values()):
            return
        columns = {id(cell): index for row in self.grid.rows
                   for index, cell in enumerate(row, start=1)}
        for record, cell in zip(self.amounts, self.recorded_cells, strict=True):
            if counts[record["source"]] > 1 and id(cell) in columns:
                record["source"] += f"@c{columns[id(cell)]}"

    def settle_levels(self) -> None:
        """Give each amount record its line's final level (a line can be found a 合计 late)."""
        for record, line in zip(self.amounts, self.recorded_lines, strict=True):
            record["level"] = line["level"]

    def tolerance(self, addends: int) -> Decimal:
        """Return what rounding of ``addends`` printed figures can explain, in yuan."""
        return rounding_tolerance(self.precision, addends)


def rounding_tolerance(precision: Decimal | None, addends: int) -> Decimal:
    """Return what rounding explains in a total of ``addends`` printed figures, in yuan.

    Half a printed unit per addend, and per total: "1.00" as 0.995 to 1.005.
    """
    return (precision or Decimal(0)) / 2 * (addends + 1)


@dataclass(frozen=True)
class Layout:
    """The column roles a table was read with (from its header; see :mod:`helpers.columns`).

    Attributes:
        name: "header" when mapped from the header words.
        roles: One role per body column.
    """

    name: str
    roles: tuple[str, ...]


def _pad(row: list[Cell], width: int) -> list[Cell]:
    filler = row[-1] if row else Cell("")
    return row[:width] + [Cell("", page=filler.page, line=filler.line)] * (width - len(row))


def _level_of_item(name: str) -> int:
    if _TOTAL_NAME.search(re.sub(r"\s+", "", name)):
        return 0
    return 2 if _SUBITEM.match(name) else 1


@functools.lru_cache(maxsize=8192)
def _summary_key(name: str) -> str | None:
    bare = strip_numbering(name)
    for pattern, key in SUMMARY_ITEMS:
        if re.search(pattern, bare):
            return key
    return class_code_of_name(name, "function")


@functools.lru_cache(maxsize=8192)
def _item_key(name: str) -> str | None:
    bare = re.sub(r"\s+", "", name)
    for pattern, key in THREE_PUBLIC_ITEMS:
        if re.search(pattern, bare):
            return key
    return None


def _body_rows(layout: Layout, body: list[list[Cell]]) -> Iterator[tuple[int, dict[str, Cell]]]:
    """Yield (1-based row number, cells by role) for every body row that prints anything."""
    for row_number, row in enumerate(body, start=1):
        if any(cell.text.strip() for cell in row):
            yield row_number, dict(zip(layout.roles, row, strict=True))


_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])")


def _line(code: str | None, name: str, level: int | None, row_number: int, cell: Cell) -> dict:
    """Start a line record located at ``cell``; amounts are added by the caller.

    Spaces between Chinese characters are layout ("合  计" spaced out to fill a cell; PDF
    readers collapse them differently), not part of the name: they are removed.
    """
    name = _CJK_GAP.sub("", name)
    return {"line_code": code, "line_name": name, "level": level, "row": row_number,
            "page": cell.page, "line": cell.line}


def _frame(lines: list[dict], layout: Layout) -> pd.DataFrame:
    measures = [r for r in layout.roles if r in MEASURES]
    measures += sorted({r.split("@", 1)[1] for r in layout.roles if r.startswith("item:")}
                       - set(measures))
    texts = [r.split(":", 1)[1] for r in layout.roles if r.startswith("text:")]
    dtypes = {"line_code": "string", "line_name": "string", "level": "Int64"}
    dtypes |= {m: AMOUNT_DTYPE for m in measures} | {t: "string" for t in texts}
    return typed_frame(lines, dtypes | LOCATION_DTYPES)


def _read_code(reader: CellReader, cells: dict[str, Cell], parents: dict[int, str],
               row: int) -> CodeReading:
    """Read the row's code from its whole or split code columns, repairing where evident."""
    classification = reader.kind.classification
    parts = [cells[role].text.strip() for role in _CODE_ROLES if role in cells]
    # the cell a note points at: the whole code, else the first split part read (a damaged
    # header can leave the 款 or 项 column without its 类)
    anchor = next(cells[role] for role in _CODE_ROLES if role in cells)
    # a template's "XX" or "……" (in one cell or spread over the 类 | 款 | 项 cells)
    if all(_PLACEHOLDER.search(part) or not part.strip("…. ") for part in parts):
        return CodeReading(None, 0)
    if "code" in cells:
        reading = read_whole_code(cells["code"].text)
    else:
        parts = _inherit_group_codes(parts, parents)
        reading = read_split_code(parts, parent=parents.get(len([p for p in parts if p]) - 1))
    if reading.repaired:
        printed_cell = Cell(reading.printed, page=anchor.page, line=anchor.line)
        reader.anomaly("repaired_code", f"{classification} code {reading.note}", printed_cell,
                       row, "line_code")
    elif reading.note:
        reader.anomaly("malformed_code", reading.note, anchor, row, "line_code")
    if reading.code:
        parents[reading.level] = reading.code
    return reading


def _inherit_group_codes(parts: list[str], parents: dict[int, str]) -> list[str]:
    """Fill the 类 (and 款) a split code leaves blank under the line that printed it.

    Some layouts print the 类 only on the class's own row and leave it blank on its 款 and
    项 rows ("208 | |" then " | 05 |" then " | | 01"): the blank is the group's code.
    """
    parts = [part.strip() for part in parts]
    if len(parts) < 2 or parts[0] or not any(parts[1:]):
        return parts
    if 1 in parents:
        parts[0] = parents[1][:3]
    if len(parts) == 3 and not parts[1] and parts[2] and 2 in parents \
            and parents[2][:3] == parts[0]:
        parts[1] = parents[2][3:5]
    return parts


def _name_and_code(cells: dict[str, Cell]) -> tuple[str, str | None]:
    """Return the row's name, and a code printed fused with it ("2010801-行政运行")."""
    if "code_name" in cells:
        code, name = split_fused_code(cells["code_name"].text)
        if "name" in cells and cells["name"].text.strip():
            name = cells["name"].text.strip()
        return name, code
    name = cells["name"].text.strip() if "name" in cells else ""
    if not any(role in cells for role in _CODE_ROLES):
        code, bare = split_fused_code(name)
        if code is not None:
            return bare, code
    return name, None


def _read_lines(reader: CellReader, layout: Layout, body: list[list[Cell]]) -> list[dict]:
    """Read a table with one line per row (function or economic classification)."""
    lines, parents = [], {}
    classification = reader.kind.classification
    for row_number, cells in _body_rows(layout, body):
        first = next(iter(cells.values()))
        code_texts = " ".join(cells[r].text for r in cells if r in _CODE_ROLES).strip()
        if _CODE_LABELS.fullmatch(code_texts):  # "类 款 项" printed over the 合计 row
            code_texts = ""
        name, fused = _name_and_code(cells)
        # A total row may print "合计" in a code column (Shanghai PDFs).
        if not name and _TOTAL_NAME.search(code_texts.replace(" ", "")):
            name, code_texts = code_texts, ""
        if fused is not None:
            reading = read_whole_code(fused)
            line_code, level = reading.code, reading.level or None
        elif code_texts:
            reading = _read_code(reader, cells, parents, row_number)
            line_code, level = reading.code, reading.level or None
        elif _TOTAL_NAME.search(name.replace(" ", "")):
            line_code, level = None, 0
        elif not name and "text:unit" in cells and cells["text:unit"].text.strip():
            name, line_code, level = cells["text:unit"].text.strip(), None, 0  # its total
        elif not name and not _NAMING_ROLES & set(layout.roles):
            line_code, level = None, 0  # a table of totals alone (Jiangsu 支出预算总表)
        else:  # a 类 named without its code ("一、一般公共服务支出", Hangzhou)
            line_code = class_code_of_name(name, classification)
            level = 1 if line_code else None
        line = _line(line_code, name, level, row_number, first)
        _read_amounts(reader, layout, cells, line, row_number, classification)
        lines.append(line)
    _mark_unnamed_total(reader, lines, [role for role in layout.roles if role in MEASURES])
    return lines


def _mark_unnamed_total(reader: CellReader, lines: list[dict], measures: list[str]) -> None:
    """Take a first line without a code that sums the 类 lines below it as the 合计 line.

    Tables by unit and class open with the unit's own row ("深圳市民政局（本级）") where
    others print "合计": the document's own arithmetic says what the row is.
    """
    if not lines or not measures or any(line["level"] == 0 for line in lines):
        return
    first, classes = lines[0], [line for line in lines if line["level"] == 1]
    if first["line_code"] is not None or first["level"] is not None or not classes:
        return
    measure = measures[0]
    parts = [line.get(measure) for line in classes if line.get(measure) is not None]
    if first.get(measure) is not None and parts and \
            abs(first[measure] - sum(parts)) <= reader.tolerance(len(parts)):
        first["level"] = 0
        reader.settle_levels()


def _read_amounts(reader: CellReader, layout: Layout, cells: dict[str, Cell], line: dict,
                  row_number: int, classification: str) -> None:
    """Read the row's amount cells into ``line``, and its text columns as they are printed."""
    for role in layout.roles:
        if role in MEASURES:
            value = reader.amount(cells[role], row_number, role)
            line[role] = value
            if value is not None:
                reader.record(line, role, value, cells[role], row_number, classification)
        elif role.startswith("text:"):
            line[role.split(":", 1)[1]] = cells[role].text.strip()


def _read_summary(reader: CellReader, sides: list[tuple[int, list[tuple[int, str]]]],
                  body: list[list[Cell]]) -> list[dict]:
    """Read a side-by-side summary table: each row holds an income and expenditure lines."""
    lines = []
    for row_number, printed in enumerate(body, start=1):
        row = _regroup_spanning_total(printed, sides)
        income_key = None
        for item_column, measures in sides:
            name = row[item_column].text.strip()
            if not name and not any(row[c].text.strip() for c, _ in measures):
                continue
            code = _summary_key(name) if name else None
            if item_column == sides[0][0]:
                income_key = code
            elif not name:  # an expenditure total printed without its name
                code = _UNNAMED_EXPENDITURE.get(income_key)
            if code is None and _TOTAL_NAME.fullmatch(re.sub(r"\s+", "", name)):
                # a bare "合计" / "总计" closes its side: the income or the expenditure
                code = "income_total" if item_column == sides[0][0] else "expenditure_total"
            level = 0 if code in ("income_total", "expenditure_total") else _level_of_item(name)
            line = _line(code, name, level, row_number, row[item_column])
            classification = "function" if code and code.isdigit() else "none"
            for column, measure in measures:
                value = reader.amount(row[column], row_number, measure)
                line[measure] = value
                if value is not None:
                    reader.record(line, measure, value, row[column], row_number, classification)
            lines.append(line)
    return lines


def _regroup_spanning_total(row: list[Cell], sides: list[tuple[int, list[tuple[int, str]]]],
                            ) -> list[Cell]:
    """Give a total's name to the side holding its amount when a merged cell spans sides.

    "支出合计" merged over the two expenditure sides of Jiangsu's 收支预算总表 lands in the
    first side's amount column while its figure is in the second side's.
    """
    row = list(row)
    for (item, measures), (next_item, next_measures) in itertools.pairwise(sides):
        texts = [(c, row[c]) for c in (item, *(c for c, _ in measures)) if row[c].text.strip()]
        if len(texts) != 1 or not _TOTAL_NAME.search(re.sub(r"\s+", "", texts[0][1].text)):
            continue
        if row[next_item].text.strip() or not any(row[c].text.strip() for c, _ in next_measures):
            continue
        column, cell = texts[0]
        # the side before now prints nothing in this row: it is skipped as blank
        row[next_item], row[column] = cell, Cell("")
    return row


def _read_items(reader: CellReader, layout: Layout, body: list[list[Cell]]) -> list[dict]:
    """Read the 三公 table: rows named by item (Hebei), or rows of item columns (Shanghai).

    In a table of item columns, each item is one line holding every figure printed for it
    (预算数 and 决算数, last year's and this year's, one per fund). The row that totals the
    document (its only row, the one named 合计, or the latest year's) gives the item lines;
    any other row (one per unit, one per earlier year) gives lines named "<row>：<item>"
    without an item code, so that nothing is lost and nothing is counted twice.
    """
    if not any(role.startswith("item:") for role in layout.roles):
        return _read_item_rows(reader, layout, body)
    rows = list(_body_rows(layout, body))
    lines: list[dict] = []
    totals_row = _totals_row(rows)
    for row_number, cells in rows:
        row_name = _row_label(cells)
        texts = {role[5:]: cell.text.strip() for role, cell in cells.items()
                 if role.startswith("text:")}
        by_item: dict[str, dict] = {}
        for role, cell in cells.items():
            if not role.startswith("item:"):
                continue
            key, measure = role[5:].split("@", 1)
            line = by_item.get(key)
            if line is None:
                level = {"total": 0, "vehicle_purchase": 2, "vehicle_operation": 2}.get(key, 1)
                label = reader.header_labels.get(role, key)
                line = by_item[key] = (
                    _line(key, label, level, row_number, cell) if row_number == totals_row
                    else _line(None, f"{row_name}：{label}", None, row_number, cell)) | texts
                lines.append(line)
            value = reader.amount(cell, row_number, measure)
            line[measure] = value
            if value is not None:
                reader.record(line, measure, value, cell, row_number, "none", role[5:])
    return lines


def _totals_row(rows: list[tuple[int, dict[str, Cell]]]) -> int | None:
    """Return the row holding the document's own figures, or None.

    That is the only row, the 合计 row, or the row of the latest year where rows are
    years (Shenzhen: 2025年 | 2026年).
    """
    if len(rows) == 1:
        return rows[0][0]
    years = {row_number: int(match.group(1)) for row_number, cells in rows
             for role, cell in cells.items() if not role.startswith("item:")
             if (match := _YEAR_CELL.match(cell.text.strip()))}
    if len(set(years.values())) >= 2:
        return max(years, key=years.get)
    for row_number, cells in rows:
        if any(_TOTAL_NAME.search(cell.text.replace(" ", "")) for role, cell in cells.items()
               if not role.startswith("item:")):
            return row_number
    return None


def _row_label(cells: dict[str, Cell]) -> str:
    return " ".join(cell.text.strip() for role, cell in cells.items()
                    if not role.startswith("item:") and cell.text.strip())


def _read_item_rows(reader: CellReader, layout: Layout, body: list[list[Cell]]) -> list[dict]:
    lines = []
    for row_number, cells in _body_rows(layout, body):
        name = cells["name"].text.strip() if "name" in cells else ""
        seq = cells["seq"].text.strip() if "seq" in cells else ""
        key = _item_key(name)
        level = 0 if key == "total" else (1 if _TOP_ITEM.match(seq or name) or key in (
            "abroad", "vehicle", "reception", "administrative", "admin_operating") else 2)
        line = _line(key, name, level, row_number, cells.get("name", next(iter(cells.values()))))
        _read_amounts(reader, layout, cells, line, row_number, "none")
        lines.append(line)
    return lines


def _read_records(reader: CellReader, layout: Layout, body: list[list[Cell]]) -> list[dict]:
    """Read a table of records (procurement, assets, projects, institutions)."""
    name_role = "name" if "name" in layout.roles else next(
        (role for role in layout.roles if role.startswith("text:")), None)
    lines = []
    for row_number, cells in _body_rows(layout, body):
        name = cells[name_role].text.strip() if name_role else ""
        compact = name.replace(" ", "")
        is_total = (_TOTAL_NAME.search(compact) and not compact.endswith("小计")) or \
            compact.endswith("总额")
        level = 0 if is_total else (1 if compact.endswith("小计") else 2)
        line = _line(None, name, level, row_number, cells.get(name_role, next(
            iter(cells.values()))))
        _read_amounts(reader, layout, cells, line, row_number, "none")
        lines.append(line)
    return lines


_GENERIC_LABEL = re.compile(r"^(小计|合计|总计|预算数|决算数|金额|上年|当年|本年|增减.*)$")


def _header_labels(layout: Layout, columns: ColumnMap) -> dict[str, str]:
    """Label each column by its most specific printed label (a leaf, unless it is generic).

    "公务用车购置及运行费 › 小计" is labelled by its group; "因公出国（境）费" by itself.
    """
    labels = {}
    for role, path in zip(layout.roles, columns.labels, strict=True):
        parts = [part for part in path.split("›") if part]
        specific = [part for part in parts if not _GENERIC_LABEL.match(part)]
        if specific or parts:
            labels[role] = (specific or parts)[-1]
    return labels


def _unrecognized(reader: CellReader, grid: Grid, message: str) -> NormalizedGrid:
    """Keep a grid no layout reads: the table holds its raw cells, the anomaly says why."""
    reader.anomaly("unrecognized_table", f"{message}: {grid.title!r}")
    rows = [{"row": r, "column": c, "text": cell.text, "page": cell.page, "line": cell.line}
            for r, row in enumerate(grid.rows, start=1) for c, cell in enumerate(row, start=1)]
    frame = pd.DataFrame.from_records(rows, columns=["row", "column", "text", "page", "line"])
    table = Table("unrecognized", grid.title, reader.unit, list(grid.notes), frame,
                  captions=list(grid.captions), page=grid.page, line=grid.line)
    return NormalizedGrid(table, [], reader.anomalies)


def _confirmed(kind: TableKind, header: list[list[Cell]], body: list[list[Cell]]) -> bool:
    """Return whether the header's vocabulary confirms the kind the title names.

    Tables read as rows of named items (三公 rows, records) may carry their words in the
    first column instead of the header.
    """
    if not kind.header_words:
        return True
    texts = [cell.text for row in header for cell in row]
    if kind.shape in ("items", "records", "summary"):
        texts += [row[0].text for row in body[:12] if row]
        texts += [cell.text for row in body[:2] for cell in row]
    compact = re.sub(r"\s+", "", " ".join(texts)).replace("“", "").replace("”", "")
    if any(word in compact for word in kind.header_words):
        return True
    # any column label of the amount vocabulary ("基本支出", "机关运行经费支出") will do
    return any(measure_of([compact_label(cell.text)]) for row in header for cell in row
               if cell.text.strip())


def _kind_of(grid: Grid) -> TableKind | None:
    """Return the kind the grid's title names, else a caption line, else its header words.

    Some layouts print a part heading where the title belongs and the table's own name
    on the line below it ("第二部分 2026年部门预算表" / "表1 收支总体情况表"); small
    tables under a sentence ("…详细情况见下表：") have no title at all.
    """
    kind = match_kind(grid.title)
    if kind is not None:
        return kind
    for caption in grid.captions:
        kind = match_kind(caption)
        if kind is not None:
            return kind
    first_rows = " ".join(cell.text for row in grid.rows[:3] for cell in row)
    return header_kind(first_rows)


_BASIC_KINDS = ("general_budget_basic_expenditure", "fiscal_grant_basic_expenditure",
                "basic_expenditure", "general_budget_basic_functional")


def _read_body(reader: CellReader, kind: TableKind, columns: ColumnMap,
               body: list[list[Cell]]) -> tuple[Layout, list[dict]]:
    """Read the body rows through the column roles; return the layout used and the lines."""
    _place_unit_column(columns.roles)
    blocks = _blocks(columns.roles)
    if blocks is not None and kind.shape == "lines":
        return _read_blocks(reader, columns.roles, blocks, body)
    # two item columns each followed by amounts: a side-by-side table (收入 | 支出)
    names = sum(1 for role in columns.roles if role == "name")
    if kind.shape == "summary" or (kind.shape == "lines" and names >= 2):
        sides = summary_sides(columns)
        roles = list(columns.roles)
        for item_column, measures in sides:
            roles[item_column] = "expenditure_item" if item_column != sides[0][0] \
                else "income_item"
            for column, measure in measures:
                roles[column] = measure
        # sides repeat their roles (项目 | 预算数 | 项目 | 预算数): read by column, not by role
        return Layout("header", tuple(roles)), _read_summary(reader, sides, body)
    roles = list(columns.roles)
    if kind.key in _BASIC_KINDS and "total" not in roles and "basic" in roles:
        # in a table of 基本支出 the "基本支出 › 合计" column is the table's total
        roles[roles.index("basic")] = "total"
    layout = Layout("header", tuple(unique_roles(roles)))
    reader.header_labels = _header_labels(layout, columns)
    if kind.shape in ("records", "items"):
        # a record's codes (类 | 款 | 项 of a procurement row, a unit's code) are its text
        layout = Layout("header", tuple(f"text:{role}" if role in _CODE_ROLES else role
                                        for role in layout.roles))
    if kind.shape == "items":
        return layout, _read_items(reader, layout, body)
    if kind.shape == "records":
        return layout, _read_records(reader, layout, body)
    return layout, _read_lines(reader, layout, body)


def _place_unit_column(roles: list[str]) -> None:
    """Make a 预算单位 / 单位名称 column the line name, or the unit beside the line name.

    Tables by unit (收入总表 of Fuzhou, Guangzhou) name their lines by unit; tables by
    class that also print the unit (Shenzhen: 预算单位 | 科目编码 | 科目名称) keep it as a
    text column, and a row naming only the unit is that unit's total.
    """
    for column, role in enumerate(roles):
        if role == "unit":
            roles[column] = "text:unit" if "name" in roles or "code_name" in roles else "name"


def _blocks(roles: list[str]) -> list[range] | None:
    """Return the column blocks of a table printed as several tables side by side, or None.

    The 决算 基本支出 table prints 人员经费 | 公用经费 as blocks of code | name | amount: a
    block starts at each code column and must hold an amount. A second code beside the
    first without amounts of its own (the government economic class) is not a block.
    """
    starts = [i for i, role in enumerate(roles) if role in ("code", "code_class", "code_name")]
    if len(starts) < 2:
        return None
    blocks = [range(a, b) for a, b in itertools.pairwise([*starts, len(roles)])]
    blocks[0] = range(0, blocks[0].stop)
    if any(not any(roles[c] in MEASURES for c in block) for block in blocks):
        return None
    return blocks


def _read_blocks(reader: CellReader, roles: list[str], blocks: list[range],
                 body: list[list[Cell]]) -> tuple[Layout, list[dict]]:
    """Read each side-by-side block as a table of its own; the lines follow one another."""
    lines: list[dict] = []
    all_roles: list[str] = []  # one per printed column, block after block
    parts = _regroup_spanning_names(roles, blocks, [[[row[c] for c in block] for block in blocks]
                                                    for row in body])
    for index, block in enumerate(blocks):
        block_roles = [roles[c] for c in block]
        block_body = [row[index] for row in parts]
        block_roles = [_block_measure(role, block_roles, block_body) for role in block_roles]
        layout = Layout("header", tuple(unique_roles(block_roles)))
        lines += _read_lines(reader, layout, block_body)
        all_roles += layout.roles
    return Layout("header", tuple(all_roles)), lines


_BLOCK_TOTAL = (("人员经费", "personnel"), ("公用经费", "public"))


def _block_measure(role: str, roles: list[str], body: list[list[Cell]]) -> str:
    """Return a block's amount role, named by its 合计 row where the header does not say.

    "人员经费合计" / "公用经费合计" close the blocks of the 决算 基本支出 table whose
    header only says "决算数".
    """
    if role != "total" or "name" not in roles:
        return role
    name_column = roles.index("name")
    for row in body:
        name = re.sub(r"\s+", "", row[name_column].text)
        for word, measure in _BLOCK_TOTAL:
            if name.startswith(word) and _TOTAL_NAME.search(name):
                return measure
    return role


def _regroup_spanning_names(roles: list[str], blocks: list[range],
                            rows: list[list[list[Cell]]]) -> list[list[list[Cell]]]:
    """Give a block the 合计 name printed in the block before it when a merged cell spans both.

    "公用经费合计" is printed across the last two blocks: its text lands in one block (in
    any of its columns), its amount in the next. The name goes to the block that holds the
    amount, so the text is not read as an amount and the amount is not left nameless.
    """
    name_at = [next((i for i, c in enumerate(block) if roles[c] in ("name", "code_name")), None)
               for block in blocks]
    amount_at = [[i for i, c in enumerate(block) if roles[c] in MEASURES] for block in blocks]
    for row in rows:
        for b in range(1, len(blocks)):
            here, before = row[b], row[b - 1]
            texts = [(i, cell) for i, cell in enumerate(before) if cell.text.strip()]
            spans = len(texts) == 1 and _TOTAL_NAME.search(re.sub(r"\s+", "", texts[0][1].text))
            unnamed_here = not any(cell.text.strip() for i, cell in enumerate(here)
                                   if i not in amount_at[b])
            if spans and unnamed_here and name_at[b] is not None and any(
                    here[i].text.strip() for i in amount_at[b]):
                at, cell = texts[0]
                # the block before now prints nothing in this row: it is skipped as blank
                here[name_at[b]], before[at] = cell, Cell("")
    return rows


def _report_unmapped(reader: CellReader, columns: ColumnMap, layout: Layout,
                     header: list[list[Cell]]) -> None:
    anchor = header[-1][0] if header and header[-1] else None
    for column, label in columns.unmapped:
        if layout.roles[column] in MEASURES:
            continue  # a summary side's amount column
        reader.anomaly("unmapped_column",
                       f"column {column + 1} ({label}) holds amounts but its header names no "
                       "known measure; kept as text", anchor, None, label)


def normalize_grid(grid: Grid, file: str, default_unit: str | None = None) -> NormalizedGrid:
    """Read one grid into a canonical table, its amount records and anomalies.

    Args:
        grid: The grid as a reader produced it.
        file: Source file name, for locations.
        default_unit: Unit to assume when the table declares none (the document's unit).

    Returns:
        The table (kind "unrecognized" when no kind fits), amount records without
        department/year/stage/scope, and the anomalies met.
    """
    kind = _kind_of(grid)
    header, body = split_header(grid)
    header_text = " ".join(cell.text for row in header for cell in row)
    unit = find_unit([*grid.captions, grid.title, header_text], default_unit)
    reader = CellReader(grid, kind, file, unit)
    if kind is None:
        return _unrecognized(reader, grid, "table matches no known kind")
    if kind.shape == "targets":
        read = read_self_evaluation if kind.key == "performance_evaluation" else read_targets
        frame = read(reader, grid)
        table = Table(kind.key, grid.title, unit, list(grid.notes), frame,
                      captions=list(grid.captions), page=grid.page, line=grid.line,
                      precision_yuan=reader.precision)
        reader.settle_sources()
        return NormalizedGrid(table, reader.amounts, reader.anomalies)
    if not _confirmed(kind, header, body):
        return _unrecognized(reader, grid, f"the title reads as {kind.zh} but the header has "
                             f"none of {'/'.join(kind.header_words)}")
    width = max((len(row) for row in body or header), default=0)
    body = [_pad(row, width) for row in body]
    is_final = "决算" in grid.title or any("决算" in caption for caption in grid.captions)
    columns = map_columns(kind, header, body, width, is_final)
    layout, lines = _read_body(reader, kind, columns, body)
    _report_unmapped(reader, columns, layout, header)
    if reader.amounts and any(_EMPTY_NOTE.search(note) for note in grid.notes):
        reader.anomaly("empty_note_with_figures",
                       f"the note says the table is empty, yet it prints "
                       f"{len(reader.amounts)} amounts: {grid.notes[0]}")
    table = Table(kind.key, grid.title, unit, list(grid.notes), _frame(lines, layout),
                  layout.name, list(grid.captions), grid.page, grid.line, reader.precision)
    table.column_roles = layout.roles
    unread = sum(1 for anomaly in reader.anomalies if anomaly.kind == "text_in_number")
    if unread > max(3, len(reader.amounts) // 3):
        table.unreliable = f"{unread} amount cells are not numbers"
    else:  # the lines as read: the frame's records would cost a conversion per table
        table.unreliable = reconcile(table, lines)
    if table.unreliable:
        reader.anomalies.append(unreadable_anomaly(table, file))
    reader.settle_sources()
    return NormalizedGrid(table, reader.amounts, reader.anomalies)


def unreadable_anomaly(table: Table, file: str) -> Anomaly:
    """Return the ``table_unreadable`` anomaly of a table marked unreliable."""
    return Anomaly("table_unreadable", f"{table.title or table.kind}: {table.unreliable}; "
                   "its figures are kept but not checked", file=file, page=table.page,
                   line=table.line, table=table.kind)


def merge_tables(first: Table, *then: Table) -> Table:
    """Return a table continued in further grids (same kind, printed apart) as one table.

    Its reading is reconciled again as a whole: a 合计 in the first part may sum lines
    printed in the others. All parts are joined at once (one concatenation, one
    reconciliation), so a document repeating a table n times costs O(n), not O(n²).
    """
    parts = (first, *then)
    merged = dataclasses.replace(
        first, frame=pd.concat([part.frame for part in parts], ignore_index=True),
        notes=[note for part in parts for note in part.notes],
        precision_yuan=min((p.precision_yuan for p in parts if p.precision_yuan is not None),
                           default=None))
    unread = [t.unreliable for t in parts
              if t.unreliable and t.unreliable.endswith("are not numbers")]
    merged.unreliable = unread[0] if unread else reconcile(merged)
    return merged


def reconcile(table: Table, lines: list[dict] | None = None) -> str | None:
    """Return why a table's reading is in doubt, or None when it adds up as read.

    A misreading (a lost continuation page, shifted columns, a side-by-side layout read as
    one) breaks the table's own totals in several columns at once: 合计 ≠ Σ类 in two or
    more measures, or in its only measure by more than 0.5 %. Such a table must not become
    an audit finding. A single column's 合计 that misses its lines is left to the checks:
    that is how a misprinted figure of the document looks. Rounding of the printed figures
    is allowed for (half a printed unit per addend). Summary tables are left to the checks,
    which compare their sides exactly.

    Args:
        table: The table as read.
        lines: Its lines as read (the records of its frame when not given).
    """
    kind = KINDS_BY_KEY.get(table.kind)
    if kind is None or kind.shape != "lines":
        return None
    # lines as read and a frame's records alike hold None for a blank level or amount
    records = [(line.get("level"), line)
               for line in (table.records() if lines is None else lines)]
    totals = [line for level, line in records if level == 0]
    if len(totals) != 1:
        return None
    total = totals[0]
    classes = [line for level, line in records if level == 1]
    if not classes:
        levels = {level for level, _line in records if level != 0}
        if len(levels) != 1 or None in levels:
            return None
        classes = [line for level, line in records if level not in (0, None)]
    measures = [column for column in table.frame.columns if column in MEASURES]
    problems, compared, largest = [], 0, Decimal(0)
    for measure in measures:
        printed = total.get(measure)
        parts = [part for line in classes if (part := line.get(measure)) is not None]
        if printed is None and not parts:
            continue
        compared += 1
        difference = (printed or Decimal(0)) - sum(parts, Decimal(0))
        if abs(difference) > rounding_tolerance(table.precision_yuan, len(parts)):
            problems.append(f"{MEASURES[measure][0]}列：合计行 {_yuan_text(printed)} ≠ 明细之和 "
                            f"{_yuan_text(sum(parts, Decimal(0)))}")
            if printed:
                largest = max(largest, abs(difference) / abs(printed))
    if len(problems) >= 2 or (problems and compared == 1 and largest > Decimal("0.005")):
        return "; ".join(problems)
    return None


def _yuan_text(amount: Decimal | None) -> str:
    """Return an amount for a message: "150,000.00 元", or "空白" for a blank cell."""
    return "空白" if amount is None else f"{amount:,.2f} 元"


__all__ = ["KINDS_BY_KEY", "NormalizedGrid", "Table", "normalize_grid", "split_header"]
