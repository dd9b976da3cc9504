r"""Read a Word (DOCX, Office Open XML) disclosure into a :class:`~helpers.raw.RawDocument`.

The reader parses ``word/document.xml`` itself (with :mod:`defusedxml`), so that merged cells,
tracked changes and content controls are seen as they are stored. Nothing about budgets is
known here; the output is headings, paragraphs and grids in document order, like the Tika
text reader's (the seed is a Tika export of such a DOCX).

DOCX quirks handled:

* DOCX has no pages. Every block and cell carries ``line`` = the 1-based index of its
  top-level block (paragraph or table) in the document body; ``page`` is None.
* Headings are paragraphs whose style (or the style it is based on) is named
  "heading N" / "标题 N" / "Title", or that carry an outline level 0-8.
* Merged cells: a horizontally merged cell (``w:gridSpan``, legacy ``w:hMerge``) puts its
  text in its first grid column and blanks in the others; a vertically merged continuation
  cell (``w:vMerge`` without ``restart``) is a blank cell, as Tika prints it. Rows skipping
  grid columns (``w:gridBefore`` / ``w:gridAfter``) get blanks there, so every row has one
  cell per grid column.
* A cell holding several paragraphs (multi-line header cells "科目\\n编码") or line breaks
  is one cell whose lines are joined by "\\n"; each line is stripped, as Tika does.
* A table's title is the heading or short paragraph right before it; a first row holding
  department / 预算年度 / 单位 becomes the captions; "注…" paragraphs right after a table
  become its notes (the same rules as the Tika reader).
* Tracked changes: inserted text is read, deleted text is not. Content controls
  (``w:sdt``) and custom XML wrappers are read through. ``mc:AlternateContent`` is read
  from its first choice only, so text boxes are not doubled by their fallback copy.
* Automatic list numbering (``w:numPr``) is not rendered: a numbered list item reads
  without its "1." (the number exists only in ``numbering.xml``).
* Empty paragraphs are layout and are skipped.

Bad input: a zero-byte, truncated or non-ZIP file, or a package without
``word/document.xml`` → :class:`CorruptFileError`; a package whose declared uncompressed
size exceeds :data:`MAX_UNCOMPRESSED_BYTES` or whose compression ratio is implausible (a zip
bomb) → :class:`CorruptFileError` before anything is decompressed; any part declaring a
DTD or entities anywhere in it → :class:`CorruptFileError` (nothing is fetched); spans,
rows, columns or nesting past the limits of :mod:`helpers.limits` →
:class:`~helpers.errors.LimitExceededError`; a password-protected file
(an OLE2 container with an ``EncryptionInfo`` stream) → :class:`EncryptedFileError`. The
package checks here (:func:`open_package`) serve the XLSX reader too.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from helpers.errors import CorruptFileError, EncryptedFileError, UnsupportedFormatError
from helpers.limits import (
    MAX_GRID_SPAN,
    MAX_NESTING_DEPTH,
    MAX_PARTS,
    MAX_RATIO,
    MAX_TABLE_COLUMNS,
    MAX_TABLE_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    check_limit,
)
from helpers.raw import Cell, Grid, Heading, Paragraph, RawDocument
from helpers.readers.tika_text import _looks_like_title, _split_captions

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_DTD_MARKERS = tuple(marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY")
                     for encoding in ("ascii", "utf-16-le", "utf-16-be"))
_LONGEST_MARKER = max(map(len, _DTD_MARKERS))
_CHUNK_BYTES = 1 << 20

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_HEADING_STYLE = re.compile(r"^(heading|标题)\s*\d|^title$|^标题$", re.IGNORECASE)
_WRAPPERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag", f"{W}ins",
             f"{W}hyperlink", f"{W}fldSimple", f"{W}moveTo"}
_SKIPPED = {f"{W}del", f"{W}moveFrom", f"{W}instrText", f"{W}delText", f"{W}pPr", f"{W}rPr",
            f"{W}sdtPr", f"{W}tcPr", f"{W}trPr", f"{W}tblPr", f"{W}footnoteReference",
            f"{_MC}Fallback"}


def is_encrypted_ooxml(path: Path) -> bool:
    """Return True when an OLE2 file holds an ``EncryptionInfo`` stream (encrypted OOXML)."""
    with path.open("rb") as handle:
        if handle.read(8) != OLE2_MAGIC:
            return False
        tail = b""
        # Directory entries name their streams in UTF-16LE; scan with overlap between chunks.
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            if _ENCRYPTION_STREAM in tail + chunk:
                return True
            tail = chunk[-len(_ENCRYPTION_STREAM):]
    return False


def open_package(path: Path, main_part: str, what: str) -> zipfile.ZipFile:
    """Open an OOXML package after checking it is safe and complete.

    Args:
        path: The file.
        main_part: The part the format needs ("word/document.xml", "xl/workbook.xml").
        what: Format name for messages ("DOCX", "XLSX").

    Returns:
        The open ZIP file (the caller closes it).

    Raises:
        EncryptedFileError: The file is a password-protected (encrypted) OOXML container.
        UnsupportedFormatError: The file is an old binary Office (OLE2) document.
        CorruptFileError: Empty, truncated, not a ZIP, missing ``main_part``, a zip bomb,
            or an XML part declaring a DTD or entities.
    """
    size = path.stat().st_size
    if size == 0:
        raise CorruptFileError(f"empty file (0 bytes), not a {what}", path)
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE2_MAGIC:
        if is_encrypted_ooxml(path):
            raise EncryptedFileError(f"password-protected {what}; save it without a password",
                                     path)
        target = what.lower()
        raise UnsupportedFormatError(
            f"old binary Office format inside a .{target} name; convert it first, e.g. "
            f"`libreoffice --headless --convert-to {target} {path.name}`", path)
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise CorruptFileError(f"not a readable {what} (ZIP) package: {error}", path) from error
    try:
        _check_package(package, path, main_part, what)
    except BaseException:
        package.close()
        raise
    return package


def _check_package(package: zipfile.ZipFile, path: Path, main_part: str, what: str) -> None:
    infos = package.infolist()
    if len(infos) > MAX_PARTS:
        raise CorruptFileError(f"{len(infos)} parts in the package; refused", path)
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise CorruptFileError(
            f"would expand to {total / 2**20:.0f} MiB (limit {MAX_UNCOMPRESSED_BYTES >> 20} MiB);"
            " refused as a possible zip bomb", path)
    for info in infos:
        if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise CorruptFileError(
                f"part {info.filename} is compressed {info.file_size // max(info.compress_size, 1)}"
                ":1; refused as a possible zip bomb", path)
    names = {info.filename for info in infos}
    if main_part not in names:
        raise CorruptFileError(f"not a {what}: the package has no {main_part}", path)
    for info in infos:
        if info.is_dir():
            continue
        try:
            declares_dtd = _declares_dtd(package, info)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                RuntimeError, ValueError) as error:
            raise CorruptFileError(f"damaged part {info.filename}: {error}", path) from error
        if declares_dtd:
            raise CorruptFileError(
                f"part {info.filename} declares a DTD or XML entities; refused (nothing fetched)",
                path)


def _declares_dtd(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Return True when the part holds a DTD or entity declaration anywhere in it.

    Every part is scanned whole, [Content_Types].xml and parts of any name included: a
    declaration after a 70 KB comment is still a declaration, and openpyxl and lxml parse
    parts by their content type, not by the name's suffix.
    """
    tail = b""
    with package.open(info) as part:
        for chunk in iter(lambda: part.read(_CHUNK_BYTES), b""):
            window = tail + chunk
            if any(marker in window for marker in _DTD_MARKERS):
                return True
            tail = window[-_LONGEST_MARKER:]
    return False


def read_part(package: zipfile.ZipFile, name: str, path: Path) -> bytes:
    """Return one part's bytes, or raise :class:`CorruptFileError` when it is damaged."""
    try:
        return package.read(name)
    except KeyError as error:
        raise CorruptFileError(f"missing part {name}", path) from error
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
            RuntimeError) as error:
        raise CorruptFileError(f"damaged part {name}: {error}", path) from error


def parse_xml(data: bytes, name: str, path: Path) -> Element:
    """Parse XML safely (no DTD, no entities, nothing fetched)."""
    try:
        return SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise CorruptFileError(f"part {name} declares a DTD or entities; refused", path) from error
    except ParseError as error:
        raise CorruptFileError(f"part {name} is not well-formed XML: {error}", path) from error


# --------------------------------------------------------------------------------------
# Styles and text
# --------------------------------------------------------------------------------------


def _heading_styles(styles: Element | None) -> set[str]:
    """Return the ids of paragraph styles that are headings (by name, outline or basis)."""
    if styles is None:
        return set()
    based_on: dict[str, str] = {}
    headings: set[str] = set()
    for style in styles.iter(f"{W}style"):
        style_id = style.get(f"{W}styleId", "")
        name = style.find(f"{W}name")
        outline = style.find(f"{W}pPr/{W}outlineLvl")
        basis = style.find(f"{W}basedOn")
        if basis is not None:
            based_on[style_id] = basis.get(f"{W}val", "")
        if (name is not None and _HEADING_STYLE.search(name.get(f"{W}val", "").strip())) or (
                outline is not None and outline.get(f"{W}val", "9") < "9"):
            headings.add(style_id)
    for style_id in list(based_on):
        seen, current = set(), style_id
        while current in based_on and current not in seen:
            seen.add(current)
            current = based_on[current]
            if current in headings:
                headings.add(style_id)
                break
    return headings


def _text_of(element: Element, parts: list[str]) -> None:
    """Append the visible text under ``element`` (runs, tabs, breaks) to ``parts``."""
    for child in element:
        tag = child.tag
        if tag in _SKIPPED:
            continue
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{_MC}AlternateContent":
            choice = child.find(f"{_MC}Choice")
            if choice is not None:
                _text_of(choice, parts)
        elif tag == f"{W}p" and parts:
            parts.append("\n")  # a paragraph inside a text box
            _text_of(child, parts)
        else:
            _text_of(child, parts)


def _paragraph_text(paragraph: Element) -> str:
    parts: list[str] = []
    _text_of(paragraph, parts)
    return "".join(parts)


def _is_heading(paragraph: Element, heading_styles: set[str]) -> bool:
    properties = paragraph.find(f"{W}pPr")
    if properties is None:
        return False
    outline = properties.find(f"{W}outlineLvl")
    if outline is not None:
        return outline.get(f"{W}val", "9") < "9"
    style = properties.find(f"{W}pStyle")
    return style is not None and style.get(f"{W}val", "") in heading_styles


# --------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------


def _children(element: Element, tag: str) -> list[Element]:
    """Return the ``tag`` children of ``element``, looking through sdt/customXml wrappers."""
    found = []
    for child in element:
        if child.tag == tag:
            found.append(child)
        elif child.tag in _WRAPPERS:
            found.extend(_children(child, tag))
    return found


def _cell_text(cell: Element) -> str:
    lines: list[str] = []
    for block in cell:
        if block.tag == f"{W}p":
            lines.extend(_paragraph_text(block).split("\n"))
        elif block.tag == f"{W}tbl":  # a nested table: its rows as lines, cells tab-separated
            for row in _table_rows(block, 0):
                lines.append("\t".join(c.text for c in row))
        elif block.tag in _WRAPPERS:
            lines.append(_cell_text(block))
    return "\n".join(line.strip() for line in lines).strip()


def _int_attr(element: Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(f"{W}val", default))
    except ValueError:
        return default


def _table_rows(table: Element, block_index: int) -> list[list[Cell]]:
    """Return the table's rows with merged cells expanded to one cell per grid column.

    Raises:
        LimitExceededError: A span or a row wider than :data:`~helpers.limits.MAX_GRID_SPAN`
            / :data:`~helpers.limits.MAX_TABLE_COLUMNS`, or more rows than
            :data:`~helpers.limits.MAX_TABLE_ROWS` (checked before the cells are made).
    """
    grid = table.find(f"{W}tblGrid")
    width = len(grid.findall(f"{W}gridCol")) if grid is not None else 0
    where = {"row": None, "table": f"Word table (block {block_index})"}
    check_limit(width, MAX_TABLE_COLUMNS, "grid columns in one table", **where)
    table_rows = _children(table, f"{W}tr")
    check_limit(len(table_rows), MAX_TABLE_ROWS, "rows in one table", **where)
    rows: list[list[Cell]] = []
    for number, row in enumerate(table_rows, start=1):
        where["row"] = number
        cells: list[Cell] = []
        properties = row.find(f"{W}trPr")
        before = _int_attr(properties.find(f"{W}gridBefore") if properties is not None
                           else None, 0)
        check_limit(before, MAX_GRID_SPAN, "grid columns skipped (w:gridBefore)", **where)
        cells.extend(Cell("", line=block_index) for _ in range(before))
        for cell in _children(row, f"{W}tc"):
            cell_properties = cell.find(f"{W}tcPr")
            span, continued = 1, False
            if cell_properties is not None:
                span = max(1, _int_attr(cell_properties.find(f"{W}gridSpan"), 1))
                vmerge = cell_properties.find(f"{W}vMerge")
                hmerge = cell_properties.find(f"{W}hMerge")
                continued = (vmerge is not None and vmerge.get(f"{W}val", "continue")
                             != "restart") or (hmerge is not None and hmerge.get(
                                 f"{W}val", "continue") != "restart")
            check_limit(span, MAX_GRID_SPAN, "grid columns in one cell (w:gridSpan)", **where)
            check_limit(len(cells) + span, MAX_TABLE_COLUMNS, "cells in one row", **where)
            text = "" if continued else _cell_text(cell)
            cells.append(Cell(text, line=block_index))
            cells.extend(Cell("", line=block_index) for _ in range(span - 1))
        rows.append(cells)
    width = max([width, *(len(row) for row in rows)])
    return [row + [Cell("", line=block_index)] * (width - len(row)) for row in rows]


# --------------------------------------------------------------------------------------
# Document
# --------------------------------------------------------------------------------------


class _Builder:
    """Collects blocks in document order, attaching titles, captions and notes to grids."""

    def __init__(self) -> None:
        self.blocks: list[Heading | Paragraph | Grid] = []
        self.notes_open = False

    def text(self, text: str, index: int, heading: bool) -> None:
        stripped = text.strip()
        if not stripped:
            return
        if self.notes_open and stripped.startswith("注"):
            self.blocks[-1].notes.append(stripped)
            return
        self.notes_open = False
        block = Heading if heading else Paragraph
        self.blocks.append(block(stripped, line=index))

    def table(self, rows: list[list[Cell]], index: int) -> None:
        previous = self.blocks[-1] if self.blocks else None
        if (not self.notes_open and isinstance(previous, Heading | Paragraph)
                and _looks_like_title(previous.text)):
            self.blocks.pop()
            grid = Grid(title=previous.text, line=previous.line, rows=rows)
        else:
            grid = Grid(title="", line=index, rows=rows)
        _split_captions(grid)
        self.blocks.append(grid)
        self.notes_open = True

    def body(self, element: Element, heading_styles: set[str], counter: list[int]) -> None:
        for child in element:
            if child.tag == f"{W}p":
                counter[0] += 1
                self.text(_paragraph_text(child), counter[0], _is_heading(child, heading_styles))
            elif child.tag == f"{W}tbl":
                counter[0] += 1
                self.table(_table_rows(child, counter[0]), counter[0])
            elif child.tag in _WRAPPERS:
                self.body(child, heading_styles, counter)


def _depth(root: Element) -> int:
    """Return how deeply elements nest under ``root`` (iteratively: no stack to run out of)."""
    deepest, stack = 0, [(root, 0)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest


def read_docx(path: Path) -> RawDocument:
    """Read a DOCX disclosure into a :class:`RawDocument`.

    Cells, headings and paragraphs carry ``line`` = the 1-based index of their top-level
    block (paragraph or table) in the document body; DOCX has no pages.

    Raises:
        CorruptFileError: Empty, truncated or damaged file, a zip bomb, or XML declaring
            a DTD or entities.
        EncryptedFileError: The file is password-protected.
        UnsupportedFormatError: The file is an old binary .doc under a .docx name.
    """
    path = Path(path)
    with open_package(path, "word/document.xml", "DOCX") as package:
        document = parse_xml(read_part(package, "word/document.xml", path),
                             "word/document.xml", path)
        styles = None
        if "word/styles.xml" in package.namelist():
            styles = parse_xml(read_part(package, "word/styles.xml", path), "word/styles.xml",
                               path)
    body = document.find(f"{W}body")
    if body is None:
        raise CorruptFileError("word/document.xml has no body", path)
    check_limit(_depth(body), MAX_NESTING_DEPTH, "levels of nested elements in the body",
                path)
    builder = _Builder()
    builder.body(body, _heading_styles(styles), [0])
    return RawDocument(path=path, format="docx", blocks=builder.blocks)
