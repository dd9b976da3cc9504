"""Write a :class:`~helpers.raw.RawDocument` out as DOCX or XLSX.

The writers exist to prove format equivalence (the seed's Tika export written as DOCX and
XLSX must load to the same amounts) and to let the synthetic generator produce every
format. They write what a reader would read back to the same blocks:

* DOCX: headings as "Heading 1" paragraphs, paragraphs as body text, a grid as its title
  (a "Heading 2" paragraph), then one table whose first row holds the captions, then one
  paragraph per note. Rows shorter than the table (merged header cells, trailing blanks
  Tika dropped) end in a cell spanning the remaining columns (``w:gridSpan``). Multi-line
  cells are one paragraph per line.
* XLSX: each grid on a sheet of its own (title row, caption row, rows, notes), each run
  of headings and paragraphs on a text sheet, in document order; or, with
  ``stacked=True``, everything on one sheet with a blank row after each table. Table cells
  get a thin border (so empty rows read back as printed rows). Headings
  use the built-in "Headline 1" style. Cells that print a plain decimal number (no
  thousands separator, no leading zero, at most 15 significant digits) are written as
  numbers with a number format keeping the printed decimals ("52.00" → 52 with "0.00");
  every other cell is text.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from helpers.raw import Grid, Heading, Paragraph, RawDocument

_PLAIN_NUMBER = re.compile(r"^-?(0|[1-9]\d*)(\.\d+)?$")
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def _grid_width(grid: Grid) -> int:
    return max([len(grid.captions), *(len(row) for row in grid.rows), 1])


def write_docx(raw: RawDocument, path: str | Path) -> Path:
    """Write ``raw`` as a DOCX file that :func:`helpers.readers.docx.read_docx` reads back.

    Args:
        raw: The document (any reader's output, or the synthetic generator's).
        path: Where to write.

    Returns:
        The path written.
    """
    from docx import Document

    path = Path(path)
    document = Document()
    for block in raw.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=1)
        elif isinstance(block, Paragraph):
            document.add_paragraph(block.text)
        else:
            _docx_grid(document, block)
    document.save(path)
    return path


def _docx_grid(document, grid: Grid) -> None:
    if grid.title:
        document.add_heading(grid.title, level=2)
    rows = ([grid.captions] if grid.captions else []) + [
        [cell.text for cell in row] for row in grid.rows]
    width = _grid_width(grid)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for texts, row in zip(rows, table.rows, strict=True):
        cells = row.cells
        if 0 < len(texts) < width:
            cells[len(texts) - 1].merge(cells[width - 1])
        for index, text in enumerate(texts):
            _docx_cell_text(cells[index], text)
    for note in grid.notes:
        document.add_paragraph(note)
    if not grid.notes:
        document.add_paragraph("")  # keep consecutive tables apart, as Word does


def _docx_cell_text(cell, text: str) -> None:
    lines = text.split("\n")
    paragraph = cell.paragraphs[0]
    paragraph.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def _number(text: str) -> tuple[int | float, str] | None:
    """Return (value, number format) for a plain decimal number printed as ``text``."""
    match = _PLAIN_NUMBER.match(text)
    if not match:
        return None
    digits = text.lstrip("-").replace(".", "").lstrip("0")
    if len(digits) > 15:
        return None
    decimals = len(match.group(2) or "") - (1 if match.group(2) else 0)
    if decimals == 0:
        return int(text), "0"
    value = float(text)
    if Decimal(repr(value)) != Decimal(text):
        return None
    return value, "0." + "0" * decimals


def _sheet_name(base: str, used: set[str]) -> str:
    name = _SHEET_UNSAFE.sub("_", base).strip("'")[:28] or "Sheet"
    candidate, number = name, 2
    while candidate.lower() in used:
        candidate, number = f"{name[:25]}_{number}", number + 1
    used.add(candidate.lower())
    return candidate


def write_xlsx(raw: RawDocument, path: str | Path, *, stacked: bool = False) -> Path:
    """Write ``raw`` as an XLSX workbook that :func:`helpers.readers.xlsx.read_xlsx` reads back.

    Args:
        raw: The document.
        path: Where to write.
        stacked: Put every block on one sheet (tables stacked with blank rows between)
            instead of one sheet per table.

    Returns:
        The path written.
    """
    from openpyxl import Workbook

    path = Path(path)
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    sheet, row = None, 1
    for block in raw.blocks:
        is_grid = isinstance(block, Grid)
        if stacked:
            if sheet is None:
                sheet = workbook.create_sheet(_sheet_name("预算", used))
        elif is_grid or sheet is None or sheet.title.startswith("表"):
            base = (block.title[:20] if is_grid and block.title else "表") if is_grid else "文字"
            sheet = workbook.create_sheet(_sheet_name(("表" + base) if is_grid else base, used))
            row = 1
        if isinstance(block, Heading):
            sheet.cell(row, 1, block.text).style = "Headline 1"
            row += 1
        elif isinstance(block, Paragraph):
            sheet.cell(row, 1, block.text)
            row += 1
        else:
            row = _xlsx_grid(sheet, block, row, stacked)
    if not workbook.worksheets:
        workbook.create_sheet("Sheet")
    workbook.save(path)
    return path


def _xlsx_grid(sheet, grid: Grid, row: int, stacked: bool) -> int:
    if stacked and row > 1:
        row += 1  # a blank row before the title
    if grid.title:
        sheet.cell(row, 1, grid.title).style = "Headline 2"
        row += 1
    from openpyxl.styles import Border, Side

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    width = max([1, *(len(cells) for cells in grid.rows)])
    if grid.captions:
        for column, text in enumerate(grid.captions, start=1):
            sheet.cell(row, column, text).number_format = "@"
        row += 1
    for texts in ([cell.text for cell in cells] for cells in grid.rows):
        for column in range(1, width + 1):
            # Every table cell is drawn, so empty rows and columns read back as printed.
            sheet.cell(row, column).border = border
        for column, text in enumerate(texts, start=1):
            if not text:
                continue
            number = _number(text)
            if number is None:
                sheet.cell(row, column, text).number_format = "@"
            else:
                cell = sheet.cell(row, column, number[0])
                cell.number_format = number[1]
        row += 1
    for note in grid.notes:
        sheet.cell(row, 1, note)
        row += 1
    return row + 1
