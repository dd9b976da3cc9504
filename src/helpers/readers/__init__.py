"""Readers: one module per input format, each returning a :class:`~helpers.raw.RawDocument`.

:func:`read_document` picks the reader from the file's leading bytes first and its suffix
second, so a misnamed file is still read by the right reader (or refused clearly).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from helpers.errors import EncryptedFileError, MissingFileError, UnsupportedFormatError
from helpers.limits import check_file_size, check_grid_limits
from helpers.raw import Cell, Grid, RawDocument

_OLD_OFFICE = {".doc": "docx", ".xls": "xlsx", ".wps": "docx", ".et": "xlsx"}
_OOXML = {".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx"}
_ZIP_MAGIC = b"PK\x03\x04"
_SURROGATE = re.compile("[\ud800-\udfff]")


def _ooxml_kind(path: Path, head: bytes) -> str | None:
    """Return "docx"/"xlsx" for an OOXML file (by suffix, else by the package's main part)."""
    suffix = path.suffix.lower()
    if suffix in _OOXML:
        return _OOXML[suffix]
    if not head.startswith(_ZIP_MAGIC):
        return None
    import zipfile

    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "word/document.xml" in names:
        return "docx"
    return "xlsx" if "xl/workbook.xml" in names else None


def _reader_for(path: Path, head: bytes) -> tuple[str, Callable[[Path], RawDocument]]:
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF") or suffix == ".pdf":
        from helpers.readers.pdf import read_pdf

        return "pdf", read_pdf
    ooxml = _ooxml_kind(path, head)
    if ooxml == "docx":
        from helpers.readers.docx import read_docx

        return "docx", read_docx
    if ooxml == "xlsx":
        from helpers.readers.xlsx import read_xlsx

        return "xlsx", read_xlsx
    if head.startswith(b"\xd0\xcf\x11\xe0") or suffix in _OLD_OFFICE:
        from helpers.readers.docx import is_encrypted_ooxml

        if head.startswith(b"\xd0\xcf\x11\xe0") and is_encrypted_ooxml(path):
            raise EncryptedFileError(
                "password-protected Office file (encrypted OOXML); save it without a password",
                path,
            )
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
        f"unsupported format {suffix!r}; supported: .pdf, .docx, .xlsx, .txt (Tika text export)",
        path,
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
    check_file_size(path)
    with path.open("rb") as handle:
        head = handle.read(8)
    _, reader = _reader_for(path, head)
    document = reader(path)
    check_grid_limits(document)
    clean_texts(document)
    return document


def _clean(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


def clean_texts(document: RawDocument) -> None:
    """Replace lone surrogates (a damaged PDF's text layer) by U+FFFD in every text.

    They cannot be encoded (pyarrow, HTML, CSV all refuse them), and they mean no
    character: U+FFFD in their place keeps the cell, and a figure holding one stays unread
    (an anomaly).
    """
    for block in document.blocks:
        if isinstance(block, Grid):
            block.title = _clean(block.title)
            block.captions = [_clean(text) for text in block.captions]
            block.notes = [_clean(text) for text in block.notes]
            block.rows = [[cell if not _SURROGATE.search(cell.text) else
                           Cell(_clean(cell.text), page=cell.page, line=cell.line)
                           for cell in row] for row in block.rows]
        else:
            block.text = _clean(block.text)


#: The suffixes of the documents a folder is searched for.
DOCUMENT_SUFFIXES = frozenset({".pdf", ".txt", ".docx", ".xlsx", ".xlsm"})


def list_documents(paths_or_folder: str | Path | list[str | Path]) -> list[Path]:
    """Return the document files named, or found (recursively) in the folders named."""
    items = [paths_or_folder] if isinstance(paths_or_folder, str | Path) else paths_or_folder
    found: list[Path] = []
    for item in map(Path, items):
        if item.is_dir():
            found.extend(sorted(p for p in item.rglob("*")
                                if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES))
        else:
            found.append(item)
    return found


#: Name parts that tell the narrative file of a disclosure from its tables file:
#: "beijing_sjj-txt_2026…" / "beijing_sjj-tbl_2026…", "…_txt" / "…_tbl", "…说明" / "…表".
_SPLIT_PART = re.compile(r"(?<=[-_])(?P<part>txt|tbl)(?=[-_.]|$)", re.IGNORECASE)
_SPLIT_SUFFIX = re.compile(r"(?P<part>说明|表)$")
_NARRATIVE_PARTS = {"txt", "说明"}


def _split_key(path: Path) -> tuple[tuple[str, str], bool] | None:
    """Return (the name without its narrative/tables part, is_narrative), or None."""
    stem = path.stem.strip()
    matches = list(_SPLIT_PART.finditer(stem)) or list(_SPLIT_SUFFIX.finditer(stem))
    if not matches:
        return None
    last = matches[-1]
    key = stem[: last.start()] + "\0" + stem[last.end():]
    return (str(path.parent), key), last["part"].lower() in _NARRATIVE_PARTS


def group_documents(paths_or_folder: str | Path | Sequence[str | Path]
                    ) -> list[tuple[Path, ...]]:
    """Return the documents found, the files of one disclosure grouped together.

    Files in one folder whose names differ only by a narrative/tables part — "-txt"/"-tbl",
    "_txt"/"_tbl", or a name ending "说明"/"表" — are one disclosure (narrative first);
    every other file is a disclosure of its own.

    Args:
        paths_or_folder: Files and folders (searched recursively), as for
            :func:`list_documents`.

    Returns:
        One tuple of paths per disclosure, in the order the files were found.
    """
    documents = list_documents(paths_or_folder if isinstance(paths_or_folder, str | Path)
                               else list(paths_or_folder))
    keys = {path: _split_key(path) for path in documents}
    kinds: dict[tuple[str, str], set[bool]] = {}
    for split in keys.values():
        if split:
            kinds.setdefault(split[0], set()).add(split[1])
    groups: dict[object, list[Path]] = {}
    for path in documents:
        split = keys[path]
        paired = split is not None and len(kinds[split[0]]) == 2
        members = groups.setdefault(split[0] if paired else path, [])
        if path not in members:
            members.append(path)
    return [tuple(sorted(members, key=lambda p: not (keys[p] and keys[p][1])))
            for members in groups.values()]
