"""Readers: one module per input format, each returning a :class:`~helpers.raw.RawDocument`.

:func:`read_document` picks the reader from the file's leading bytes first and its suffix
second, so a misnamed file is still read by the right reader (or refused clearly).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from helpers.errors import MissingFileError, UnsupportedFormatError
from helpers.raw import RawDocument

_OLD_OFFICE = {".doc": "docx", ".xls": "xlsx", ".wps": "docx", ".et": "xlsx"}


def _reader_for(path: Path, head: bytes) -> tuple[str, Callable[[Path], RawDocument]]:
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF") or suffix == ".pdf":
        from helpers.readers.pdf import read_pdf

        return "pdf", read_pdf
    if head.startswith(b"\xd0\xcf\x11\xe0") or suffix in _OLD_OFFICE:
        target = _OLD_OFFICE.get(suffix, "docx")
        raise UnsupportedFormatError(
            f"old binary Office format ({suffix or 'OLE2'}); convert it first, e.g. "
            f"`libreoffice --headless --convert-to {target} {path.name}`",
            path,
        )
    if suffix in {".txt", ".text", ""}:
        from helpers.readers.tika_text import read_tika_text

        return "tika_text", read_tika_text
    raise UnsupportedFormatError(
        f"unsupported format {suffix!r}; supported: .pdf, .txt (Tika text export)", path
    )


def read_document(path: str | Path) -> RawDocument:
    """Read any supported file into a :class:`RawDocument`.

    Raises:
        MissingFileError: The path does not exist or is not a file.
        UnsupportedFormatError: No reader handles the file.
        DisclosureError: Subclasses raised by the reader (corrupt, encrypted, scanned…).
    """
    path = Path(path)
    if not path.is_file():
        raise MissingFileError("no such file", path)
    with path.open("rb") as handle:
        head = handle.read(8)
    _, reader = _reader_for(path, head)
    return reader(path)
