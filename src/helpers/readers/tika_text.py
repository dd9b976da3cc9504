r"""Reader for the text Apache Tika exports from a DOCX disclosure (the Hebei seed).

Quirks of the format:

* Headings carry a bookmark: ``[bookmark: _Toc_2_2_0000000001]部门预算收支总表``. A bookmark
  with no text is followed by its heading text on the next non-blank line.
* Every table cell is a line that starts with a tab; rows are separated by one blank line;
  a run of two or more blank lines (or a line of prose) ends the table.
* A cell may run over several lines: the continuation lines follow without a blank line
  and do not start with a tab (``\\t科目`` then `` 编码``).
* Rows of one table can differ in length: merged header cells make shorter rows, and Tika
  drops trailing empty cells of some body rows. Rows are kept as printed; the normaliser
  pads body rows.
* A table title that is not a bookmark heading ("部门政府采购预算", "1、…绩效目标表") is the
  short paragraph right before the table; it becomes the grid's title.
* Caption rows (department, 预算年度, 单位) are the first row of each table.
* Files come as UTF-8 with or without BOM, or GB18030.
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers.errors import NotADisclosureError, TextEncodingError
from helpers.raw import Cell, Grid, Heading, Paragraph, RawDocument

_BOOKMARK = re.compile(r"^\s*\[bookmark:[^\]]*\]\s*(.*)$")
_CAPTION = re.compile(r"单位[:：]|预算年度|编制(部门|单位)|截止时间|^\d{3}\D")
_ENCODINGS = ("utf-8-sig", "gb18030")
_TITLE_MAX_CHARS = 60


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM) or GB18030.

    Returns:
        The text and the encoding that decoded it.

    Raises:
        TextEncodingError: Neither encoding decodes the bytes.
    """
    if b"\x00" in data[:4096]:
        raise TextEncodingError("binary data, not a text export (NUL bytes)", path)
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise TextEncodingError("text is neither UTF-8 nor GB18030", path)


def _looks_like_title(text: str) -> bool:
    return len(text) <= _TITLE_MAX_CHARS and not text.endswith(("。", "：", ":", "；"))


class _Builder:
    """Accumulates blocks line by line (a small state machine over the export)."""

    def __init__(self) -> None:
        self.blocks: list[Heading | Paragraph | Grid] = []
        self.grid: Grid | None = None
        self.row: list[Cell] | None = None
        self.blank_run = 0
        self.pending_bookmark: int | None = None
        # continuation lines of the last cell of ``tail_row``, joined once the cell is done
        # (joining at every line would cost O(n²) for a cell of n lines)
        self.tail_row: list[Cell] | None = None
        self.tail: list[str] = []

    def flush_cell(self) -> None:
        """Join the pending continuation lines into their cell (blank lines dropped)."""
        if self.tail_row is not None:
            last = self.tail_row[-1]
            text = "\n".join(part for part in (last.text, *self.tail) if part)
            self.tail_row[-1] = Cell(text, line=last.line)
            self.tail_row, self.tail = None, []

    def close_row(self) -> None:
        if self.grid is not None and self.row:
            self.grid.rows.append(self.row)
        self.row = None

    def close_grid(self) -> None:
        self.flush_cell()
        self.close_row()
        if self.grid is not None:
            _split_captions(self.grid)
            self.blocks.append(self.grid)
        self.grid = None

    def add_cell(self, text: str, line: int) -> None:
        self.flush_cell()
        if self.grid is None:
            self.grid = _grid_after(self.blocks, line)
        if self.row is None:
            self.row = []
        self.row.append(Cell(text.strip(), line=line))

    def continue_cell(self, text: str) -> None:
        """Append a continuation line to the last cell (of the open row, else the last row)."""
        row = self.row if self.row else self.grid.rows[-1]
        if self.tail_row is not row:
            self.flush_cell()
            self.tail_row = row
        self.tail.append(text.strip())

    def add_text(self, text: str, line: int) -> None:
        self.flush_cell()
        stripped = text.strip()
        bookmark = _BOOKMARK.match(stripped)
        if bookmark:
            self.close_grid()
            if bookmark.group(1).strip():
                self.blocks.append(Heading(bookmark.group(1).strip(), line=line))
            else:
                self.pending_bookmark = line
            return
        if self.pending_bookmark is not None:
            self.close_grid()
            self.blocks.append(Heading(stripped, line=line))
            self.pending_bookmark = None
            return
        if self.grid is not None and stripped.startswith("注"):
            self.grid.notes.append(stripped)
            return
        self.close_grid()
        self.blocks.append(Paragraph(stripped, line=line))


def _grid_after(blocks: list, line: int) -> Grid:
    """Start a grid, taking the preceding heading or short paragraph as its title."""
    if blocks and isinstance(blocks[-1], Heading | Paragraph) and _looks_like_title(
        blocks[-1].text
    ):
        title_block = blocks.pop()
        return Grid(title=title_block.text, line=title_block.line)
    return Grid(title="", line=line)


def _split_captions(grid: Grid) -> None:
    """Move a leading caption row (department, 预算年度, 单位) out of the rows."""
    if grid.rows and any(_CAPTION.search(cell.text) for cell in grid.rows[0]):
        grid.captions = [cell.text for cell in grid.rows.pop(0) if cell.text]


def parse_tika_text(text: str) -> list[Heading | Paragraph | Grid]:
    """Split a Tika text export into headings, paragraphs and grids.

    Args:
        text: The decoded export.

    Returns:
        The blocks in document order; cells carry their 1-based source line.
    """
    builder = _Builder()
    for number, raw_line in enumerate(text.splitlines(), start=1):
        if raw_line.strip() == "" and not raw_line.startswith("\t"):
            # Spaces right under a cell are an empty paragraph inside that cell.
            if raw_line and builder.row and builder.blank_run == 0:
                builder.continue_cell("")
                continue
            builder.blank_run += 1
            builder.close_row()
            continue
        blank_before, builder.blank_run = builder.blank_run, 0
        is_note = raw_line.strip().startswith("注")
        if raw_line.startswith("\t"):
            builder.add_cell(raw_line[1:], number)
        elif builder.row and blank_before == 0:
            builder.continue_cell(raw_line)
        elif (
            builder.grid is not None and builder.grid.rows and blank_before == 1
            and not is_note and not _BOOKMARK.match(raw_line)
        ):
            # One blank line inside a table separates paragraphs of one cell; tables end
            # with two or more.
            builder.continue_cell(raw_line)
        else:
            builder.add_text(raw_line, number)
    builder.close_grid()
    return builder.blocks


def read_tika_text(path: Path) -> RawDocument:
    """Read a Tika text export into a :class:`RawDocument`.

    Raises:
        TextEncodingError: The file is not UTF-8 or GB18030 text.
        NotADisclosureError: The text holds no table at all.
    """
    text, encoding = decode_text(path.read_bytes(), path)
    blocks = parse_tika_text(text)
    if not any(isinstance(block, Grid) for block in blocks):
        raise NotADisclosureError("no table found in the text export", path)
    return RawDocument(path=path, format="tika_text", blocks=blocks, encoding=encoding)
