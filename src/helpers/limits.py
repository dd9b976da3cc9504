"""The bounds on the work one input file may cost, each a named limit with a clear error.

A small hostile file can ask for enormous work: a 27 KB workbook merging A1:XFD1048576
names 1.7 × 10¹⁰ cells, a DOCX cell with ``w:gridSpan="100000000"`` asks for 10⁸ blank
cells, a paragraph nested 50,000 deep runs any recursive reader out of stack. Past a limit
the reader raises :class:`~helpers.errors.LimitExceededError` naming the file, the place
and the limit, before the work is done.

Every limit sits far above what real disclosures need (figures from the vendored corpus
and the 262 disclosures surveyed): the largest are a few MB and about 300 pages; tables
have at most a few hundred rows and about 40 columns; Word caps a table at 63 columns.
"""

from __future__ import annotations

from pathlib import Path

from helpers.errors import LimitExceededError
from helpers.raw import RawDocument

#: Bytes of one input file (the largest real disclosure is under 10 MB).
MAX_FILE_BYTES = 256 * 2**20
#: Pages of one PDF (real disclosures: 10-300).
MAX_PAGES = 3000
#: Rows of one table (real: a few hundred; a 决算 功能分类 table under 2,000).
MAX_TABLE_ROWS = 100_000
#: Columns of one table (real: about 40; Word allows 63, Excel 16,384).
MAX_TABLE_COLUMNS = 1024
#: Cells one merged range (XLSX) may cover (a title merged over a sheet's width and a few
#: rows is a few hundred).
MAX_MERGED_CELLS = 1_000_000
#: Grid columns a DOCX cell may span or a row may skip (``w:gridSpan``, ``w:gridBefore``).
MAX_GRID_SPAN = MAX_TABLE_COLUMNS
#: Nesting of XML elements the DOCX reader walks (real documents: under 20).
MAX_NESTING_DEPTH = 200
#: Uncompressed bytes of all parts of a DOCX/XLSX package together.
MAX_UNCOMPRESSED_BYTES = 200 * 2**20
#: Compression ratio of one part past which it is taken for a zip bomb (parts over 1 MiB).
MAX_RATIO = 200
#: Parts of one DOCX/XLSX package.
MAX_PARTS = 10_000


def check_limit(value: int, limit: int, what: str, path: str | Path | None = None,
                **where: object) -> None:
    """Raise :class:`LimitExceededError` when ``value`` is past ``limit``.

    Args:
        value: What the file asks for.
        limit: The named limit (a constant of this module).
        what: What is counted, for the message ("rows in one table").
        path: The file.
        **where: ``page``, ``table``, ``row`` where known.
    """
    if value > limit:
        raise LimitExceededError(f"{value:,} {what} (limit {limit:,}); refused", path, **where)


def check_file_size(path: Path) -> None:
    """Refuse a file larger than :data:`MAX_FILE_BYTES` before reading it."""
    check_limit(path.stat().st_size, MAX_FILE_BYTES, "bytes in the file", path)


def check_grid_limits(document: RawDocument) -> None:
    """Refuse a document one of whose grids has more rows or columns than the limits allow.

    The DOCX and XLSX readers check before they build the cells (a hostile span would cost
    the memory first); the text and PDF readers build rows one printed line at a time, so
    their grids are checked here, before the normaliser's work on them.
    """
    for grid in document.grids:
        # a text export has no pages: its title's line says where the table is
        where = {"page": grid.page,
                 "table": grid.title or (f"line {grid.line}" if grid.line else None)}
        check_limit(len(grid.rows), MAX_TABLE_ROWS, "rows in one table", document.path, **where)
        widest = max(map(len, grid.rows), default=0)
        check_limit(widest, MAX_TABLE_COLUMNS, "columns in one table", document.path, **where)
