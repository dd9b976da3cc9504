"""Typed errors raised when a document cannot be loaded or a report notebook fails.

Every error derives from :class:`BudgetNotebooksError`. A document's errors derive from
:class:`DisclosureError` and carry the location they concern (file, and where it applies
page, table and row), so the CLI can print one clear line instead of a traceback; a report
notebook that fails raises :class:`NotebookError`, which holds the notebook as executed.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

#: Characters that would start a new line or move the cursor on a terminal.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    r"""Return ``text`` with control characters escaped ("\n" as the two characters \n).

    File names may hold newlines or terminal escapes; a message naming one must stay one
    line, so that nobody can forge a line of our output through a file name.
    """
    return _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode(), text)


class BudgetNotebooksError(Exception):
    """Base class of every error this package raises."""


class DisclosureError(BudgetNotebooksError):
    """Base class of every error this package raises about an input document.

    Args:
        message: What went wrong, for a person.
        path: The file concerned.
        page: 1-based page number, where the problem is on one page.
        table: Table title or kind, where the problem is in one table.
        row: 1-based row within the table, where it applies.
    """

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        *,
        page: int | None = None,
        table: str | None = None,
        row: int | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.page = page
        self.table = table
        self.row = row
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ", ".join(part for part in (
            self.path,
            f"page {self.page}" if self.page is not None else None,
            f"table {self.table}" if self.table else None,
            f"row {self.row}" if self.row is not None else None,
        ) if part)
        return f"{where}: {self.message}" if where else self.message


class MissingFileError(DisclosureError):
    """The path does not exist or is not a regular file."""


class UnsupportedFormatError(DisclosureError):
    """The file is of a format no reader handles (or an old binary Office format)."""


class CorruptFileError(DisclosureError):
    """The file is truncated, damaged or otherwise unreadable as its format."""


class EncryptedFileError(DisclosureError):
    """The file is password-protected."""


class ScannedDocumentError(DisclosureError):
    """The PDF has no text layer (a scan); it needs OCR before it can be read."""


class TextEncodingError(DisclosureError):
    """A text file is in none of the accepted encodings (UTF-8 with/without BOM, GB18030)."""


class NotADisclosureError(DisclosureError):
    """The file reads, but holds no recognisable budget table."""


class NotebookError(BudgetNotebooksError):
    """A notebook failed; ``notebook`` holds it as executed so far (with the error output).

    Args:
        message: The error line (``ename: evalue``) of the failing cell, or why the kernel
            stopped.
        notebook: The notebook as papermill left it (its error cells included), if any.
    """

    def __init__(self, message: str, notebook: Any = None) -> None:
        super().__init__(message)
        self.notebook = notebook


class OutputError(DisclosureError):
    """An output (workbook, dataset, package) cannot be written where it was asked for."""


class LimitExceededError(DisclosureError):
    """The file is larger or deeper than a named limit of :mod:`helpers.limits` allows.

    The limits bound the work one file can cost (a 27 KB workbook merging A1:XFD1048576
    would otherwise take minutes and gigabytes); real disclosures stay far below them.
    """


class UnexpectedReadError(DisclosureError):
    """Reading failed in a way no check foresaw (a defect of ours, triggered by this file).

    It still names the file and, where known, the page, table and row, and the exception
    it wraps (``cause_type``), so that the document can be reported with the failure. The
    fuzz harness counts these apart from the foreseen errors: each one is a bug to fix.
    """

    def __init__(self, message: str, path: str | Path | None = None, *,
                 cause_type: str = "", **where: object) -> None:
        self.cause_type = cause_type
        super().__init__(message, path, **where)


@contextmanager
def reading(path: str | Path | None = None, *, page: int | None = None,
            table: str | None = None, row: int | None = None,
            what: str = "reading") -> Iterator[None]:
    """Turn any failure inside the block into a :class:`DisclosureError` naming its place.

    A :class:`DisclosureError` raised without a location gets this one; running out of
    memory or stack is a :class:`LimitExceededError`; anything else (a bug of ours) is an
    :class:`UnexpectedReadError` naming the exception and the place. Used at the public
    entry points (load, check, dataset, export), so nothing else ever reaches a caller.

    Args:
        path: The file concerned.
        page: 1-based page, where known.
        table: Table title or kind, where known.
        row: 1-based row, where known.
        what: What was being done, for the message ("reading", "checking"…).
    """
    try:
        yield
    except DisclosureError as error:
        if error.path is None and path is not None:
            error.path = str(path)
            error.page = error.page if error.page is not None else page
            error.table = error.table or table
            error.row = error.row if error.row is not None else row
            error.args = (str(error),)
        raise
    except (MemoryError, RecursionError) as error:
        kind = "memory" if isinstance(error, MemoryError) else "nesting depth"
        raise LimitExceededError(f"{what} ran out of {kind}; the file is too large or too "
                                 "deeply nested to read", path, page=page, table=table,
                                 row=row) from error
    except Exception as error:
        frame = traceback.extract_tb(error.__traceback__)[-1]
        origin = f"{Path(frame.filename).name}:{frame.lineno}"
        raise UnexpectedReadError(
            f"{what} failed unexpectedly ({type(error).__name__}: {error} at {origin}); "
            "please report it with the file", path, cause_type=type(error).__name__,
            page=page, table=table, row=row) from error
