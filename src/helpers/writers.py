"""Write a :class:`~helpers.raw.RawDocument` out as DOCX, XLSX or PDF.

The writers exist to prove format equivalence (the seed's Tika export written as DOCX and
XLSX must load to the same amounts) and to let the synthetic generator produce every
format. They write what a reader would read back to the same blocks (same bytes for the
same blocks: timestamps inside the packages are fixed):

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
* PDF (:func:`write_pdf`, fpdf2 with the shipped CJK font): narrative on portrait pages,
  each table on landscape pages of its own, drawn with ruling lines the PDF reader takes
  its columns and rows from. Limits: the 栏次 row is not printed, body cells are one line
  each, glyphs outside the font's first part are not drawn.

Why one module of ~560 lines: the three writers walk the same blocks in the same order
(so that each format reads back to the same blocks); the PDF layout is half of it.
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
    _stabilize_package(path)
    return path


_FIXED_TIME = (2024, 1, 1, 0, 0, 0)
_CORE_DATE = re.compile(r"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def _stabilize_package(path: Path) -> None:
    """Rewrite an OOXML package with fixed timestamps, so equal content gives equal bytes.

    python-docx and openpyxl stamp the zip entries and ``docProps/core.xml`` with the time
    of writing; a regenerated demo corpus would differ on every run.
    """
    import zipfile

    with zipfile.ZipFile(path) as package:
        entries = [(info, package.read(info)) for info in package.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = _CORE_DATE.sub(r"\g<1>2024-01-01T00:00:00Z\g<3>",
                                      data.decode("utf-8")).encode("utf-8")
            stable = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            stable.compress_type = zipfile.ZIP_DEFLATED
            stable.external_attr = info.external_attr
            package.writestr(stable, data)


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
    _stabilize_package(path)
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


# --------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------

_FONT_FILE = Path(__file__).with_name("fonts") / "NotoSansCJKsc-Regular-subset.otf"
#: A continuation line must not start like a numbered paragraph: the PDF reader would
#: start a new paragraph there (same pattern as :mod:`helpers.readers.pdf`).
_NUMBERED_START = re.compile(
    r"^(\d{1,2}\s*[.．、](?!\d)|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+)"
)
_NUMERIC_TEXT = re.compile(r"^[-+]?(\d[\d,]*(\.\d+)?|\.\d+)%?$")
_PORTRAIT = (595.28, 841.89)
_LANDSCAPE = (841.89, 595.28)


def write_pdf(raw: RawDocument, path: str | Path, *, title: str | None = None) -> Path:
    """Write ``raw`` as a text-layer PDF that :func:`helpers.readers.pdf.read_pdf` reads back.

    Layout, chosen to match what the PDF reader expects of the Shanghai PDFs:

    * Narrative on portrait pages: a heading is one centred line; a paragraph starts with
      a two-character indent and wraps at the right margin (a wrapped line never starts
      like a numbered item, "1." / "（一）" / "一、", which would start a new paragraph).
    * Each grid on landscape pages of its own: the title centred on top, the captions on
      one line below it, the table drawn with thin ruling rectangles (a vertical rule at
      every column edge, a horizontal rule under every row), then the notes ("注：…").
      A table longer than a page continues on the next with its header repeated.
    * Header cells: in every header row but the last, a cell spans the empty cells to its
      right (no vertical rule between them), which is how the reader rebuilds merged
      header cells; long header texts wrap inside their cell. The 栏次 row (column numbers)
      is not printed: the reader would take its numbers for the first body row.
    * Body cells: one line each (columns are sized to their widest text; the font shrinks
      when the table would not fit the page), numbers right-aligned. A body row with at
      most two printed cells lets its last one span to the row's end (a 绩效目标 row, an
      empty table's 合计 row).

    The font is the shipped Noto Sans CJK SC subset (CFF-based OpenType, embedded as a
    subset by fpdf2); characters outside its first part (rare hanzi) are not drawn. The
    creation date is fixed, so the same blocks give the same bytes.

    Args:
        raw: The document.
        path: Where to write.
        title: Document title for the PDF metadata.

    Returns:
        The path written.
    """
    from datetime import UTC, datetime

    from fpdf import FPDF

    path = Path(path)
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=UTC))
    pdf.set_auto_page_break(False)
    pdf.add_font("cjk", fname=str(_FONT_FILE))
    if title:
        pdf.set_title(title)
    layout = _PdfLayout(pdf)
    for block in raw.blocks:
        if isinstance(block, Heading):
            layout.heading(block.text)
        elif isinstance(block, Paragraph):
            layout.paragraph(block.text)
        else:
            layout.grid(block)
    if pdf.page == 0:
        pdf.add_page()
    pdf.output(str(path))
    return path


class _PdfLayout:
    """Place narrative lines and tables on PDF pages (coordinates in points, top-down)."""

    margin = 56.0
    body_size = 10.5
    heading_size = 12.0

    def __init__(self, pdf) -> None:
        self.pdf = pdf
        self.y = 0.0
        self.narrative_page = False
        self.widths: dict[tuple[str, float], float] = {}

    # ----- text measurement
    def width(self, text: str, size: float) -> float:
        total = 0.0
        for char in text:
            key = (char, size)
            if key not in self.widths:
                self.pdf.set_font("cjk", size=size)
                self.widths[key] = self.pdf.get_string_width(char)
            total += self.widths[key]
        return total

    def put(self, x: float, y: float, text: str, size: float) -> None:
        self.pdf.set_font("cjk", size=size)
        self.pdf.text(x, y, text)

    def wrap(self, text: str, size: float, width: float, indent: float = 0.0) -> list[str]:
        """Break ``text`` into lines of at most ``width`` (CJK: anywhere between characters)."""
        lines: list[str] = []
        line, used, limit = "", 0.0, width - indent
        for char in text:
            w = self.width(char, size)
            if line and used + w > limit:
                lines.append(line)
                line, used, limit = "", 0.0, width
            line += char
            used += w
        if line:
            lines.append(line)
        # A line must not start like a numbered item: move characters down to it.
        for index in range(1, len(lines)):
            moved = 0
            while _NUMBERED_START.match(lines[index]) and len(lines[index - 1]) > 1 and moved < 4:
                lines[index] = lines[index - 1][-1] + lines[index]
                lines[index - 1] = lines[index - 1][:-1]
                moved += 1
        return lines

    # ----- narrative
    def _narrative_room(self, height: float) -> None:
        page_height = _PORTRAIT[1]
        if not self.narrative_page or self.y + height > page_height - self.margin:
            self.pdf.add_page(orientation="P")
            self.narrative_page = True
            self.y = self.margin + self.heading_size

    def heading(self, text: str) -> None:
        text = " ".join(text.split())
        size = self.heading_size
        self._narrative_room(size * 3.5)
        self.y += size * 0.8
        x = (_PORTRAIT[0] - self.width(text, size)) / 2
        self.put(max(self.margin, x), self.y, text, size)
        self.y += size * 2.0

    def paragraph(self, text: str) -> None:
        text = "".join(text.split("\n")).strip()
        if not text:
            return
        size, leading = self.body_size, self.body_size * 1.75
        width = _PORTRAIT[0] - 2 * self.margin
        for number, line in enumerate(self.wrap(text, size, width, indent=2 * size)):
            self._narrative_room(leading)
            x = self.margin + (2 * size if number == 0 else 0.0)
            self.put(x, self.y, line, size)
            self.y += leading

    # ----- tables
    def grid(self, grid: Grid) -> None:
        _PdfTable(self, grid).draw()
        self.narrative_page = False


class _PdfTable:
    """One grid laid out on landscape pages."""

    pad_em = 0.8

    def __init__(self, layout: _PdfLayout, grid: Grid) -> None:
        self.layout = layout
        self.grid = grid
        rows = [[cell.text.replace("\n", "") for cell in row] for row in grid.rows]
        count = grid.header_rows
        if count is None:
            from helpers.normalize import split_header

            count = len(split_header(grid)[0])
        header = [row for row in rows[:count] if "".join(row[:1]).replace(" ", "") != "栏次"]
        self.ncols = max([1, *(len(row) for row in rows)])
        self.header = [row + [""] * (self.ncols - len(row)) for row in header]
        self.body = [row + [""] * (self.ncols - len(row)) for row in rows[count:]
                     if any(text.strip() for text in row)]
        self.size = 8.0
        self.widths = self._fit()

    # ----- geometry
    def _spans(self, row: list[str], last: bool) -> list[tuple[int, int]]:
        """Return (first, last) column of each printed cell of a header row."""
        filled = [index for index, text in enumerate(row) if text.strip()]
        if last:
            return [(index, index) for index in filled]
        bounds = [*filled[1:], self.ncols]
        return [(index, bound - 1) for index, bound in zip(filled, bounds, strict=True)]

    def _body_spans(self, row: list[str]) -> list[tuple[int, int]]:
        filled = [index for index, text in enumerate(row) if text.strip()]
        spans = [(index, index) for index in filled]
        if 0 < len(filled) <= 2 and self.ncols > 2:
            spans[-1] = (filled[-1], self.ncols - 1)
        return spans

    def _column_widths(self, size: float) -> list[float]:
        pad = self.pad_em * size
        measure = self.layout.width
        widths = [2 * pad + size] * self.ncols
        for row in self.body:
            for first, last in self._body_spans(row):
                if first == last:
                    widths[first] = max(widths[first], measure(row[first].strip(), size) + 2 * pad)
        for number, row in enumerate(self.header):
            for first, last in self._spans(row, number == len(self.header) - 1):
                if first == last:
                    wanted = min(measure(row[first].strip(), size), 4.5 * size)
                    widths[first] = max(widths[first], wanted + 2 * pad)
        return widths

    def _fit(self) -> list[float]:
        available = _LANDSCAPE[0] - 2 * 40.0
        widths = self._column_widths(self.size)
        if sum(widths) > available:
            self.size = max(4.5, self.size * available / sum(widths))
            widths = self._column_widths(self.size)
        return widths

    def _edges(self) -> list[float]:
        left = (_LANDSCAPE[0] - sum(self.widths)) / 2
        edges = [left]
        for width in self.widths:
            edges.append(edges[-1] + width)
        return edges

    def _header_lines(self, edges: list[float]) -> list[list[tuple[int, int, list[str]]]]:
        """Return per header row the wrapped text of each printed cell."""
        pad = self.pad_em * self.size
        out = []
        for number, row in enumerate(self.header):
            cells = []
            for first, last in self._spans(row, number == len(self.header) - 1):
                room = edges[last + 1] - edges[first] - 2 * pad
                lines = self.layout.wrap(row[first].strip(), self.size, max(room, self.size))
                if any(_NUMERIC_TEXT.match(line) for line in lines):
                    lines = [row[first].strip()]  # never leave a bare number on a header line
                cells.append((first, last, lines))
            out.append(cells)
        return out

    # ----- drawing
    def _rule(self, x: float, y: float, w: float, h: float) -> None:
        self.layout.pdf.rect(x, y, w, h, style="F")

    def _vertical_rules(self, edges: list[float], top: float, bottom: float,
                        spans: list[tuple[int, int]]) -> None:
        inner = {column for first, last in spans for column in range(first + 1, last + 1)}
        for index, x in enumerate(edges):
            if index not in inner:
                self._rule(x - 0.25, top, 0.5, bottom - top)

    def _draw_header(self, edges: list[float], top: float,
                     lines: list[list[tuple[int, int, list[str]]]]) -> float:
        size, pad = self.size, self.pad_em * self.size
        leading = size * 1.15
        y = top
        self._rule(edges[0], y - 0.25, edges[-1] - edges[0], 0.5)
        for cells in lines:
            height = max([1, *(len(text) for _, _, text in cells)]) * leading + size * 0.7
            for first, last, text in cells:
                for number, line in enumerate(text):
                    width = self.layout.width(line, size)
                    x = (edges[first] + edges[last + 1] - width) / 2
                    x = max(x, edges[first] + pad)
                    self.layout.put(x, y + size * 1.05 + number * leading, line, size)
            self._vertical_rules(edges, y, y + height, [(f, la) for f, la, _ in cells])
            y += height
            self._rule(edges[0], y - 0.25, edges[-1] - edges[0], 0.5)
        return y

    def _draw_row(self, edges: list[float], top: float, row: list[str]) -> float:
        size, pad = self.size, self.pad_em * self.size
        height = size * 1.9
        spans = self._body_spans(row)
        for first, last in spans:
            text = row[first].strip()
            if _NUMERIC_TEXT.match(text) and first == last:
                x = edges[last + 1] - pad - self.layout.width(text, size)
            else:
                x = edges[first] + pad
            self.layout.put(x, top + size * 1.3, text, size)
        self._vertical_rules(edges, top, top + height, spans)
        self._rule(edges[0], top + height - 0.25, edges[-1] - edges[0], 0.5)
        return top + height

    def draw(self) -> None:
        pdf, size = self.layout.pdf, self.size
        edges = self._edges()
        header_lines = self._header_lines(edges)
        bottom_limit = _LANDSCAPE[1] - 40.0
        note_room = (len(self.grid.notes) + 1) * size * 2.0
        pdf.add_page(orientation="L")
        y = 40.0 + 12.0
        if self.grid.title:
            title = " ".join(self.grid.title.split())
            self.layout.put((_LANDSCAPE[0] - self.layout.width(title, 12.0)) / 2, y, title, 12.0)
            y += 12.0 * 1.8
        if self.grid.captions:
            self._captions(edges, y)
            y += size * 1.8
        y = self._draw_header(edges, y, header_lines) if self.header else y
        if not self.header:
            self._rule(edges[0], y - 0.25, edges[-1] - edges[0], 0.5)
        for index, row in enumerate(self.body):
            last = index == len(self.body) - 1
            if y + size * 1.9 + (note_room if last else 0) > bottom_limit:
                pdf.add_page(orientation="L")
                y = 40.0
                y = self._draw_header(edges, y, header_lines) if self.header else y
                if not self.header:
                    self._rule(edges[0], y - 0.25, edges[-1] - edges[0], 0.5)
            y = self._draw_row(edges, y, row)
        for note in self.grid.notes:
            y += size * 1.8
            self.layout.put(edges[0], y, note, size)

    def _captions(self, edges: list[float], y: float) -> None:
        captions = [" ".join(c.split()) for c in self.grid.captions if c.strip()]
        size = self.size
        if len(captions) == 1:
            self.layout.put(edges[0], y, captions[0], size)
            return
        left, right = edges[0], edges[-1]
        widths = [self.layout.width(c, size) for c in captions]
        gap = (right - left - sum(widths)) / (len(captions) - 1)
        if gap < 2 * size:  # too narrow for the table: spread over the page instead
            left, right = 40.0, _LANDSCAPE[0] - 40.0
            gap = max(2 * size, (right - left - sum(widths)) / (len(captions) - 1))
        x = left
        for caption, width in zip(captions, widths, strict=True):
            self.layout.put(x, y, caption, size)
            x += width + gap
