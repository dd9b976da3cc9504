"""Typed errors raised when a document cannot be loaded or a report notebook fails.

Every error derives from :class:`BudgetNotebooksError`. A document's errors derive from
:class:`DisclosureError` and carry the location they concern (file, and where it applies
page, table and row), so the CLI can print one clear line instead of a traceback; a report
notebook that fails raises :class:`NotebookError`, which holds the notebook as executed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


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
