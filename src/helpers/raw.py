"""The intermediate every reader produces: a :class:`RawDocument` of ordered blocks.

A reader knows its format and nothing about budgets; the normaliser knows budgets and
nothing about formats. Between them sits this small model:

* :class:`Heading` and :class:`Paragraph` carry narrative text in document order;
* :class:`Grid` carries one printed table: its title as printed, the caption lines between
  title and table (department, year, unit), the rows of cells as printed (header rows
  first, then body rows; a table continued over several pages is one grid), and the notes
  printed under it ("注：…").

Every cell remembers where it came from (page for paged formats, line for text exports),
so every figure downstream can be traced back to the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Cell:
    r"""One cell of a printed table.

    Attributes:
        text: The cell text as printed, inner whitespace kept (multi-line cells joined by "\\n").
        page: 1-based page number (paged formats), else None.
        line: 1-based line number in the source file (text exports), else None.
    """

    text: str
    page: int | None = None
    line: int | None = None


@dataclass
class Heading:
    """A heading (bookmark heading, section or table title outside a grid)."""

    text: str
    page: int | None = None
    line: int | None = None


@dataclass
class Paragraph:
    """A paragraph of narrative text."""

    text: str
    page: int | None = None
    line: int | None = None


@dataclass
class Grid:
    """One printed table, rows as printed.

    Attributes:
        title: The table title as printed ("部门预算收支总表"); "" when none was found.
        captions: Lines printed between title and table: department, 预算年度, 单位.
        rows: Header rows then body rows. Rows may differ in length (merged header cells);
            body rows of one table have one cell per printed column, blanks included.
        header_rows: How many leading rows are header rows, when the reader knows it
            (PDF column analysis does); None lets the normaliser decide.
        notes: Lines printed right under the table ("注：无…，空表列示。").
        page: Page of the title (paged formats).
        line: Line of the title (text exports).
    """

    title: str
    captions: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    header_rows: int | None = None
    notes: list[str] = field(default_factory=list)
    page: int | None = None
    line: int | None = None


Block = Heading | Paragraph | Grid


@dataclass
class RawDocument:
    """A document as a reader saw it: ordered blocks plus file facts.

    Attributes:
        path: The source file.
        format: Reader name: "tika_text", "pdf", "docx", "xlsx".
        blocks: Headings, paragraphs and grids in document order.
        encoding: Text encoding detected (text formats only).
    """

    path: Path
    format: str
    blocks: list[Block] = field(default_factory=list)
    encoding: str | None = None

    @property
    def grids(self) -> list[Grid]:
        """Return the grids in document order."""
        return [block for block in self.blocks if isinstance(block, Grid)]
