r"""Read an Excel (XLSX) disclosure into a :class:`~helpers.raw.RawDocument`.

The layout followed is the official Shanghai workbook template (one sheet per table, a
title row, a caption row "编制部门：… 单位：元", merged header cells, then body rows; sheets
of narrative text whose title is in A1 and whose text fills one merged cell); a workbook
with several tables stacked on one sheet (blank rows between, each with its title row) is
read the same way. Nothing about budgets is known here.

XLSX quirks handled:

* Locations: ``page`` = the 1-based sheet index (in workbook order), ``line`` = the Excel
  row number; with the sheet names in :attr:`RawDocument` order, ``p3:L9`` is sheet 3,
  row 9. Cells of one row share the row's location.
* Numbers are stored as binary floats. They are turned into text the way Excel shows
  them, to 15 significant digits via :class:`~decimal.Decimal` (never float arithmetic):
  a typed 1295.78 reads "1295.78", a formula's 1295.7800000000002 reads "1295.78". A fixed
  number format ("0.00", "#,##0.00") pads the decimals ("52" → "52.00", no separators);
  a percent format multiplies by 100 exactly and appends "%". Integers (codes typed as
  numbers, 205) read without a decimal point. Dates read as ISO dates.
* Formulas are read as their cached values; a formula never calculated (a file written
  by a library and not opened in Excel) has no value and reads as a blank cell.
* A sheet's used range can be far larger than its content (formatting to column IS):
  only cells that hold text, carry a border or belong to a merged range are looked at.
* Merged cells: the text is in the top-left cell, the others read blank (as Tika prints a
  merged cell). Header rows joined by vertical merges ("合计" over two rows) are kept
  together: when the leading rows of a table hold vertical merges, the grid's
  ``header_rows`` extends to the bottom of every merge that starts in them.
* Tables are found by layout: a run of rows with two or more filled cells (single-cell
  rows, and bordered empty rows, inside it belong to it). Its title is the short,
  single-cell row before it (after optional caption rows); a first row holding
  department / 预算年度 / 单位 becomes the captions; "注…" rows right under it become its
  notes. Blank rows inside a table are kept as empty rows when the table goes on after
  them; a blank row followed by a title, a note or prose ends the table.
* Outside tables, a single-line single-cell row is a heading when it is bold, set in 14 pt
  or larger (the template's titles are 18 pt) or in a "Headline"/"Title" cell style;
  otherwise a paragraph. A cell holding
  several lines (the template's narrative cells) gives one paragraph per line.
* Hidden sheets, rows and columns are read too (nothing is dropped silently).

Bad input (see :func:`helpers.readers.docx.open_package`): zero-byte, truncated or non-ZIP
files, zip bombs, XML declaring a DTD or entities and parts that are not well-formed XML
→ :class:`CorruptFileError`; merged ranges, tables wider or longer than the limits of
:mod:`helpers.limits` → :class:`~helpers.errors.LimitExceededError`;
password-protected workbooks → :class:`EncryptedFileError`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
import zlib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext
from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse

from defusedxml import DefusedXmlException

from helpers.errors import CorruptFileError
from helpers.limits import MAX_MERGED_CELLS, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, check_limit
from helpers.raw import Block, Cell, Grid, Heading, Paragraph, RawDocument
from helpers.readers.docx import open_package
from helpers.readers.tika_text import _CAPTION, _looks_like_title, _split_captions

_FIXED_DECIMALS = re.compile(r"^[#,]*0(?:\.(0+))?(?:_.*|\s*)$")
_HEADING_POINTS = 14  # template titles are 18 pt, body text 10-12 pt
_FLOAT_DIGITS = 800  # digits of the widest float printed in full (1.8e308, 5e-324)
_MERGE_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})$")
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_HEADING_STYLE = re.compile(r"^(headline|heading|title|标题)", re.IGNORECASE)


def number_text(value: float | int, number_format: str = "General") -> str:
    """Return a number as Excel shows it, exactly: 15 significant digits, no float arithmetic.

    Args:
        value: The stored number.
        number_format: The cell's number format ("General", "0.00", "0.00%"…).

    Returns:
        The number as text without thousands separators ("1295.78", "52.00", "12.5%").
    """
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        number = Decimal(value)
    else:
        if not math.isfinite(value):
            return repr(value)
        number = Decimal(format(value, ".15g"))
    with localcontext() as context:  # 1e300 is 301 digits: printed whole, never an error
        context.prec = _FLOAT_DIGITS
        return _shown(number, number_format)


def _shown(number: Decimal, number_format: str) -> str:
    fmt = number_format or "General"
    if "%" in fmt:
        number = (number * 100).normalize()
        return f"{number:f}%"
    fixed = _FIXED_DECIMALS.match(fmt.split(";")[0])
    if fixed:
        places = len(fixed.group(1) or "")
        quantum = Decimal(1).scaleb(-places)
        if number == number.quantize(quantum):  # pad, never round away printed digits
            number = number.quantize(quantum)
    if number == number.to_integral_value() and number.as_tuple().exponent > 0:
        number = number.quantize(Decimal(1))
    text = f"{number:f}"
    return "0" if text in ("-0", "-0.0") else text


def cell_text(value: object, number_format: str = "General") -> str:
    """Return a cell value as text (numbers exactly, see :func:`number_text`)."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return number_text(value, number_format)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.strip() for line in text.split("\n")).strip()


@dataclass
class _Sheet:
    """The cells of one sheet that matter: texts, drawn cells, merges."""

    index: int
    texts: dict[int, dict[int, str]]
    numeric: set[int]
    drawn: dict[int, set[int]]
    merges: list[tuple[int, int, int, int]]
    headings: set[int]

    def kind(self, row: int) -> str:
        count = len(self.texts.get(row, ()))
        return "blank" if count == 0 else ("single" if count == 1 else "multi")

    def only_text(self, row: int) -> str:
        return next(iter(self.texts[row].values()))

    def is_note(self, row: int) -> bool:
        return self.kind(row) == "single" and self.only_text(row).startswith("注")

    def is_caption(self, row: int) -> bool:
        return self.kind(row) != "blank" and any(
            _CAPTION.search(text) for text in self.texts[row].values())


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _check_merges(package: zipfile.ZipFile, path: Path) -> None:
    """Refuse a merged range covering more than :data:`MAX_MERGED_CELLS` cells.

    openpyxl makes one object per merged cell while it loads the workbook, so a 27 KB file
    merging A1:XFD1048576 (1.7 × 10¹⁰ cells) would take minutes and gigabytes: the merges
    are read from the sheets' XML first, streaming.
    """
    for name in filter(_SHEET_PART.match, package.namelist()):
        with package.open(name) as part:
            for _, element in iterparse(part, events=("end",)):
                if element.tag.endswith("}mergeCell"):
                    match = _MERGE_REF.match(element.get("ref", "").upper())
                    if match:
                        rows = abs(int(match[4]) - int(match[2])) + 1
                        columns = abs(_column_number(match[3]) - _column_number(match[1])) + 1
                        check_limit(rows * columns, MAX_MERGED_CELLS,
                                    f"cells merged by {match[0]} ({name})", path)
                element.clear()


def _load_sheet(worksheet, index: int) -> _Sheet:
    texts: dict[int, dict[int, str]] = {}
    numeric: set[int] = set()
    drawn: dict[int, set[int]] = {}
    headings: set[int] = set()
    # Iterate only the cells stored in the file: the used range can be huge and empty.
    for (row, column), cell in worksheet._cells.items():
        value = cell.value
        border = cell.border
        if border is not None and any(side is not None and side.style for side in (
                border.left, border.right, border.top, border.bottom)):
            drawn.setdefault(row, set()).add(column)
        if value is None:
            continue
        text = cell_text(value, cell.number_format)
        if not text:
            continue
        texts.setdefault(row, {})[column] = text
        if isinstance(value, int | float) and not isinstance(value, bool):
            numeric.add(row)
        font = cell.font
        style = getattr(cell, "style", "") or ""
        if (font is not None and (font.b or (font.sz or 0) >= _HEADING_POINTS)) or \
                _HEADING_STYLE.match(style):
            headings.add(row)
    merges = [(r.min_row, r.min_col, r.max_row, r.max_col)
              for r in worksheet.merged_cells.ranges]
    for top, left, bottom, right in merges:
        for row in range(top, bottom + 1):
            drawn.setdefault(row, set()).update(range(left, right + 1))
    for row in texts:
        texts[row] = dict(sorted(texts[row].items()))
    return _Sheet(index, texts, numeric, drawn, merges, headings)


class _SheetReader:
    """Splits one sheet into headings, paragraphs and grids (see the module docstring)."""

    def __init__(self, sheet: _Sheet) -> None:
        self.sheet = sheet
        rows = set(sheet.texts) | set(sheet.drawn)
        self.last = max(rows, default=0)
        self.blocks: list[Block] = []

    def next_filled(self, row: int) -> int | None:
        for candidate in range(row, self.last + 1):
            if self.sheet.kind(candidate) != "blank":
                return candidate
        return None

    def starts_table(self, row: int | None) -> bool:
        """Return True when a table (caption rows allowed first) starts at ``row``."""
        while row is not None and self.sheet.kind(row) == "single" and self.sheet.is_caption(row):
            row = self.next_filled(row + 1)
        return row is not None and self.sheet.kind(row) == "multi"

    def is_title(self, row: int) -> bool:
        sheet = self.sheet
        return (sheet.kind(row) == "single" and not sheet.is_note(row)
                and not sheet.is_caption(row) and _looks_like_title(sheet.only_text(row))
                and self.starts_table(self.next_filled(row + 1)))

    def read(self) -> list[Block]:
        row = 1
        while row <= self.last:
            kind = self.sheet.kind(row)
            if kind == "blank":
                row += 1
            elif self.is_title(row):
                start = self.next_filled(row + 1)
                row = self.table(start, self.sheet.only_text(row), row)
            elif kind == "multi" or (kind == "single" and self.sheet.is_caption(row)
                                     and self.starts_table(row)):
                row = self.table(row, "", row)
            else:
                self.text(row)
                row += 1
        return self.blocks

    def text(self, row: int) -> None:
        sheet = self.sheet
        text = sheet.only_text(row)
        lines = [line for line in text.split("\n") if line]
        is_heading = (len(lines) == 1 and row in sheet.headings
                      and _looks_like_title(text))
        for line in lines:
            block = Heading if is_heading else Paragraph
            self.blocks.append(block(line, page=sheet.index, line=row))

    def table_end(self, start: int) -> int:
        """Return the last row of the table starting at ``start``."""
        sheet, row, end = self.sheet, start, start
        while row <= self.last:
            kind = sheet.kind(row)
            if kind == "blank":
                if sheet.drawn.get(row):
                    row += 1
                    continue
                following = self.next_filled(row)
                if following is None or sheet.kind(following) != "multi":
                    break
                row = following
                continue
            if sheet.is_note(row):
                break
            end = row
            row += 1
        # Drawn empty rows under the last filled row belong to the table (an empty body).
        while end + 1 <= self.last and sheet.kind(end + 1) == "blank" and sheet.drawn.get(end + 1):
            end += 1
        return end

    def table(self, start: int, title: str, title_row: int) -> int:
        sheet = self.sheet
        end = self.table_end(start)
        columns = sorted({c for r in range(start, end + 1) for c in sheet.texts.get(r, {})})
        drawn = {c for r in range(start, end + 1) for c in sheet.drawn.get(r, ())}
        first, last = columns[0], columns[-1]
        if drawn:
            first, last = min(first, min(drawn)), max(last, max(drawn))
        where = {"page": sheet.index, "table": title or None}
        check_limit(last - first + 1, MAX_TABLE_COLUMNS, "columns in one table", **where)
        check_limit(end - start + 1, MAX_TABLE_ROWS, "rows in one table", **where)
        rows = [[Cell(sheet.texts.get(r, {}).get(c, ""), page=sheet.index, line=r)
                 for c in range(first, last + 1)] for r in range(start, end + 1)]
        grid = Grid(title=title, rows=rows, page=sheet.index, line=title_row)
        row_numbers = list(range(start, end + 1))
        if rows and any(_CAPTION.search(cell.text) for cell in rows[0]):
            _split_captions(grid)
            row_numbers.pop(0)
        grid.header_rows = self.header_rows(row_numbers, first, last)
        row = end + 1
        while True:
            following = self.next_filled(row)
            if following is None or not sheet.is_note(following):
                break
            grid.notes.extend(line for line in sheet.only_text(following).split("\n") if line)
            row = following + 1
        self.blocks.append(grid)
        return row

    def header_rows(self, row_numbers: list[int], first: int, last: int) -> int | None:
        """Return the header row count when vertical merges tie leading rows together."""
        if not row_numbers:
            return None
        top = row_numbers[0]
        merges = [(t, b) for t, left, b, right in self.sheet.merges
                  if b > t and left <= last and right >= first and t >= top
                  and t <= row_numbers[-1]]
        if not merges:
            return None
        texts = self.sheet.texts
        body_start = next((r for r in row_numbers if r in self.sheet.numeric
                           and texts[r].get(first, "").replace(" ", "") != "栏次"), None)
        header_end = top  # last header row
        changed = True
        while changed:
            changed = False
            for t, b in merges:
                if t <= header_end < b and (body_start is None or t < body_start):
                    header_end, changed = b, True
        if body_start is not None:
            header_end = max(header_end, body_start - 1)
        count = sum(1 for r in row_numbers if r <= header_end)
        return count if count > 1 or body_start is not None else None


def read_xlsx(path: Path) -> RawDocument:
    """Read an XLSX disclosure into a :class:`RawDocument`.

    Cells carry ``page`` = 1-based sheet index and ``line`` = Excel row number.

    Raises:
        CorruptFileError: Empty, truncated or damaged file, a zip bomb, or XML declaring
            a DTD or entities.
        EncryptedFileError: The file is password-protected.
        UnsupportedFormatError: The file is an old binary .xls under a .xlsx name.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    with open_package(path, "xl/workbook.xml", "XLSX") as package:
        try:
            _check_merges(package, path)
        except (ParseError, zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
            raise CorruptFileError(f"a worksheet is not well-formed XML: {error}", path) \
                from error
    try:
        workbook = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, zlib.error, KeyError, ValueError, TypeError, AttributeError,
            IndexError, EOFError, OSError, ParseError, DefusedXmlException,
            InvalidFileException, InvalidOperation, SyntaxError) as error:
        # lxml's XMLSyntaxError (a truncated, empty or garbage part) is a SyntaxError
        raise CorruptFileError(f"not a readable XLSX workbook: {error!r}", path) from error
    blocks: list[Block] = []
    try:
        for index, worksheet in enumerate(workbook.worksheets, start=1):
            blocks.extend(_SheetReader(_load_sheet(worksheet, index)).read())
    finally:
        workbook.close()
    return RawDocument(path=path, format="xlsx", blocks=blocks)
