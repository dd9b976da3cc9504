"""Mutations of real and synthetic disclosures, as an adversarial user would make them.

Each mutator takes a document's bytes and a :class:`random.Random` and returns the mutated
bytes and a label saying what was done (the label is what a failure report prints, so a
failure can be reproduced from the seed document, the harness seed and the label).

Kinds:

* bytes (every format): bit flips, byte runs overwritten, truncation, a chunk repeated;
* package (DOCX, XLSX): one ZIP entry truncated, emptied, replaced by garbage or deleted;
* XML surgery (DOCX, XLSX): an element deleted, duplicated or moved; a numeric attribute
  or value set huge, negative or absurd; the known hostile shapes (merges over a whole
  sheet, ``w:gridSpan``/``w:gridBefore`` of 10⁸, nesting thousands deep, a DTD after a
  70 KB comment, a DTD in ``[Content_Types].xml``, numeric cells of 1e20 / 1e300 / NaN);
* text (Tika export): lines deleted, repeated, swapped, split by tabs, characters replaced;
* one amount cell rewritten (:data:`EQUIVALENT_REWRITES`, :data:`INVALID_REWRITES`): the
  harness writes the document in each format with the cell rewritten and says what the
  reader must make of it.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal

from lxml import etree

Mutation = tuple[bytes, str]

_FULL_WIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")


# ------------------------------------------------------------------------- bytes level


def flip_bits(data: bytes, rng: random.Random) -> Mutation:
    """Flip 1-20 random bits."""
    buffer = bytearray(data)
    count = rng.randint(1, 20)
    for _ in range(count):
        index = rng.randrange(len(buffer))
        buffer[index] ^= 1 << rng.randrange(8)
    return bytes(buffer), f"flip_bits x{count}"


def overwrite_run(data: bytes, rng: random.Random) -> Mutation:
    """Overwrite a run of up to 64 bytes with random bytes or one repeated byte."""
    buffer = bytearray(data)
    start = rng.randrange(len(buffer))
    length = min(rng.randint(1, 64), len(buffer) - start)
    fill = rng.choice([None, 0, 0xFF, ord("9"), ord(" ")])
    buffer[start:start + length] = (rng.randbytes(length) if fill is None
                                    else bytes([fill]) * length)
    return bytes(buffer), f"overwrite_run @{start}+{length}"


def truncate(data: bytes, rng: random.Random) -> Mutation:
    """Cut the file at a random point (sometimes to nothing)."""
    cut = rng.choice([0, 1, rng.randrange(len(data))])
    return data[:cut], f"truncate @{cut}"


def repeat_chunk(data: bytes, rng: random.Random) -> Mutation:
    """Repeat a chunk of the file in place 2-50 times."""
    start = rng.randrange(len(data))
    length = min(rng.randint(1, 4096), len(data) - start)
    times = rng.randint(2, 50)
    chunk = data[start:start + length]
    return data[:start] + chunk * times + data[start + length:], \
        f"repeat_chunk @{start}+{length}x{times}"


BYTE_MUTATORS: list[Callable[[bytes, random.Random], Mutation]] = [
    flip_bits, overwrite_run, truncate, repeat_chunk]


# ------------------------------------------------------------------------- text level


def _lines_op(data: bytes, rng: random.Random) -> Mutation:
    text = data.decode("utf-8-sig", errors="replace")
    lines = text.split("\n")
    op = rng.choice(["delete", "repeat", "swap", "tab", "char", "join", "blank"])
    index = rng.randrange(len(lines))
    if op == "delete":
        del lines[index:index + rng.randint(1, 20)]
    elif op == "repeat":
        lines[index:index] = lines[index:index + rng.randint(1, 20)] * rng.randint(1, 5)
    elif op == "swap":
        other = rng.randrange(len(lines))
        lines[index], lines[other] = lines[other], lines[index]
    elif op == "tab":
        lines[index] = "\t" * rng.randint(1, 3) + lines[index]
    elif op == "char":
        line = lines[index]
        at = rng.randrange(len(line) + 1)
        junk = rng.choice(["\t", "\u3000", "\ufeff", "\u200b", "－", "合计", "注：", "万元",
                           "单位：元", "[bookmark: x]", "\x0b", "\r", "𠀀", "Ⅻ", "٣"])
        lines[index] = line[:at] + junk + line[at:]
    elif op == "join":
        lines[index:index + 2] = ["".join(lines[index:index + 2])]
    else:
        lines[index:index] = [""] * rng.randint(1, 4)
    return "\n".join(lines).encode("utf-8"), f"text_{op} @L{index + 1}"


TEXT_MUTATORS = [_lines_op]


# ------------------------------------------------------------------------- ZIP packages


def _rezip(entries: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in entries:
            package.writestr(name, content)
    return out.getvalue()


def _entries(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return [(info.filename, package.read(info)) for info in package.infolist()]


def _xml_entries(entries: list[tuple[str, bytes]]) -> list[int]:
    return [i for i, (name, _) in enumerate(entries) if name.endswith((".xml", ".rels"))]


def corrupt_entry(data: bytes, rng: random.Random) -> Mutation:
    """Truncate, empty, garble or delete one entry of the package."""
    entries = _entries(data)
    index = rng.choice(_xml_entries(entries) or range(len(entries)))
    name, content = entries[index]
    op = rng.choice(["truncate", "empty", "garbage", "delete"])
    if op == "truncate":
        entries[index] = (name, content[:rng.randrange(max(len(content), 1))])
    elif op == "empty":
        entries[index] = (name, b"")
    elif op == "garbage":
        entries[index] = (name, rng.randbytes(rng.randint(1, 2000)))
    else:
        del entries[index]
    return _rezip(entries), f"entry_{op} {name}"


def _parse(content: bytes) -> etree._Element:
    return etree.fromstring(content, etree.XMLParser(resolve_entities=False, huge_tree=True))


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_ABSURD_NUMBERS = ["100000000", "2147483648", "-1", "0", "99999999999999999999", "1e300",
                   "NaN", "inf", "-0", "1.5", "", "x", "065535"]


def xml_surgery(data: bytes, rng: random.Random) -> Mutation:
    """Delete, duplicate or move an element, or set an attribute or value absurd."""
    entries = _entries(data)
    candidates = [i for i in _xml_entries(entries) if entries[i][0] != "[Content_Types].xml"]
    index = rng.choice(candidates)
    name, content = entries[index]
    try:
        root = _parse(content)
    except etree.XMLSyntaxError:
        return corrupt_entry(data, rng)
    elements = list(root.iter())
    target = rng.choice(elements)
    op = rng.choice(["delete", "duplicate", "move", "attribute", "value"])
    parent = target.getparent()
    if op in ("delete", "duplicate", "move") and parent is None:
        op = "attribute"
    if op == "delete":
        parent.remove(target)
    elif op == "duplicate":
        for _ in range(rng.choice([1, 2, 50])):
            parent.insert(parent.index(target), _parse(etree.tostring(target)))
    elif op == "move":
        destinations = [e for e in elements if e is not target and target not in e.iterancestors()
                        and e not in target.iter()]
        parent.remove(target)
        rng.choice(destinations or [root]).append(target)
    elif op == "attribute":
        if target.attrib:
            key = rng.choice(list(target.attrib))
            target.set(key, rng.choice(_ABSURD_NUMBERS))
        else:
            target.set("val", rng.choice(_ABSURD_NUMBERS))
    else:
        texts = [e for e in elements if e.text and e.text.strip()]
        if texts:
            target = rng.choice(texts)
            target.text = rng.choice([*_ABSURD_NUMBERS, "80 9", "１２３", "=cmd|'/c calc'!A1"])
    entries[index] = (name, _serialize(root))
    return _rezip(entries), f"xml_{op} {name} <{etree.QName(target).localname}>"


# The hostile shapes of the issue, each one a known way to crash or stall a reader.

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _edit_part(data: bytes, part: str, edit: Callable[[bytes], bytes]) -> bytes:
    entries = [(name, edit(content) if name == part else content)
               for name, content in _entries(data)]
    return _rezip(entries)


def _first_sheet(data: bytes) -> str:
    names = [name for name, _ in _entries(data)
             if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name)]
    return sorted(names)[0]


def _set_property(element: etree._Element, properties_tag: str, tag: str, value: str) -> None:
    """Add ``<w:tag w:val=value/>`` to the element's properties (``w:tcPr``, ``w:trPr``)."""
    properties = element.find(f"{{{_W}}}{properties_tag}")
    if properties is None:
        properties = etree.Element(f"{{{_W}}}{properties_tag}")
        element.insert(0, properties)
    etree.SubElement(properties, f"{{{_W}}}{tag}").set(f"{{{_W}}}val", value)


def hostile_docx(data: bytes, rng: random.Random) -> Mutation:
    """Apply one of the known hostile DOCX shapes."""
    shape = rng.choice(["grid_span", "grid_before", "deep_nesting", "dtd_after_comment",
                        "dtd_content_types", "many_columns"])
    if shape == "dtd_content_types":
        return _edit_part(data, "[Content_Types].xml", _with_dtd(0)), shape
    if shape == "dtd_after_comment":
        return _edit_part(data, "word/document.xml", _with_dtd(70_000)), shape

    def edit(content: bytes) -> bytes:
        root = _parse(content)
        cells = root.findall(f".//{{{_W}}}tc")
        rows = root.findall(f".//{{{_W}}}tr")
        if shape == "deep_nesting":
            body = root.find(f"{{{_W}}}body")
            paragraph = body.find(f"{{{_W}}}p") if body is not None else None
            if paragraph is None:
                return content
            depth = rng.choice([200, 1000, 5000, 50_000])
            outer = inner = etree.Element(f"{{{_W}}}sdt")
            for _ in range(depth):
                inner = etree.SubElement(inner, f"{{{_W}}}sdtContent")
            inner.append(_parse(etree.tostring(paragraph)))
            body.insert(0, outer)
        elif shape in ("grid_span", "many_columns") and cells:
            _set_property(rng.choice(cells), "tcPr", "gridSpan",
                          "100000000" if shape == "grid_span" else "5000")
        elif shape == "grid_before" and rows:
            _set_property(rng.choice(rows), "trPr", "gridBefore", "100000000")
        return _serialize(root)

    return _edit_part(data, "word/document.xml", edit), f"hostile_{shape}"


def hostile_xlsx(data: bytes, rng: random.Random) -> Mutation:
    """Apply one of the known hostile XLSX shapes."""
    shape = rng.choice(["merge_all", "merge_rows", "merge_columns", "huge_number",
                        "dtd_after_comment", "dtd_content_types", "far_cell"])
    if shape == "dtd_content_types":
        return _edit_part(data, "[Content_Types].xml", _with_dtd(0)), shape
    if shape == "dtd_after_comment":
        return _edit_part(data, "xl/workbook.xml", _with_dtd(70_000)), shape
    sheet = _first_sheet(data)
    value = rng.choice(["1e20", "1e300", "-1e300", "NaN", "INF", "1e-300", "12345678901234567"])

    def edit(content: bytes) -> bytes:
        root = _parse(content)
        if shape.startswith("merge"):
            ref = {"merge_all": "A1:XFD1048576", "merge_rows": "A5:B1048576",
                   "merge_columns": "C3:XFD4"}[shape]
            merges = root.find(f"{{{_S}}}mergeCells")
            if merges is None:
                merges = etree.Element(f"{{{_S}}}mergeCells")
                data_ = root.find(f"{{{_S}}}sheetData")
                data_.addnext(merges)
            etree.SubElement(merges, f"{{{_S}}}mergeCell").set("ref", ref)
        elif shape == "huge_number":
            values = [v for v in root.iter(f"{{{_S}}}v") if v.getparent().get("t") is None]
            if values:
                rng.choice(values).text = value
        else:  # a bordered cell at the far corner of the sheet, in a table's rows
            rows = root.findall(f".//{{{_S}}}row")
            if rows:
                row = rng.choice(rows)
                cell = etree.SubElement(row, f"{{{_S}}}c")
                cell.set("r", f"XFD{row.get('r', '1')}")
                cell.set("s", "1")
        return _serialize(root)

    label = f"hostile_{shape}" + (f" {value}" if shape == "huge_number" else "")
    return _edit_part(data, sheet, edit), label


def _with_dtd(comment_bytes: int) -> Callable[[bytes], bytes]:
    def edit(content: bytes) -> bytes:
        declaration, _, rest = content.partition(b"?>")
        if not rest:
            declaration, rest = b"", content
        else:
            declaration += b"?>"
        root = re.search(rb"<([A-Za-z_][\w:.-]*)", rest).group(1)
        padding = b"<!--" + b"x" * comment_bytes + b"-->" if comment_bytes else b""
        dtd = b"<!DOCTYPE " + root + b" [<!ENTITY e \"boom\">]>"
        return declaration + padding + dtd + rest
    return edit


PACKAGE_MUTATORS = [corrupt_entry, xml_surgery]


def mutators_for(fmt: str) -> list[Callable[[bytes, random.Random], Mutation]]:
    """Return the mutators that apply to a format ("txt", "docx", "xlsx", "pdf")."""
    if fmt == "txt":
        return BYTE_MUTATORS + TEXT_MUTATORS * 4
    if fmt == "docx":
        return BYTE_MUTATORS + PACKAGE_MUTATORS * 3 + [hostile_docx]
    if fmt == "xlsx":
        return BYTE_MUTATORS + PACKAGE_MUTATORS * 3 + [hostile_xlsx]
    return BYTE_MUTATORS


# ------------------------------------------------------------------------- amount cells


def _thousands(text: str) -> str:
    sign, _, digits = text.rpartition("-")
    whole, dot, fraction = digits.partition(".")
    return sign + f"{int(whole):,}" + dot + fraction


#: Rewrites that print the same amount differently: the reader must read the same value.
EQUIVALENT_REWRITES: dict[str, Callable[[str], str]] = {
    "full_width": lambda t: t.translate(_FULL_WIDTH),
    "thousands": _thousands,
    "full_width_thousands": lambda t: _thousands(t).translate(_FULL_WIDTH),
    "padded": lambda t: f"  {t} ",
    "ideographic_space": lambda t: f"\u3000{t}",
}


def _inner_space(text: str) -> str:
    """The issue's "80 9": the decimal point gone and a space among the digits."""
    digits = text.replace(".", "").lstrip("-")
    at = max(1, (len(digits) + 1) // 2)
    return digits[:at] + " " + digits[at:]


#: Rewrites that do not print a valid amount: never a number, always an anomaly.
INVALID_REWRITES: dict[str, Callable[[str], str]] = {
    "inner_space": _inner_space,
    "space_in_fraction": lambda t: t.replace(".", ". ", 1) if "." in t else t + ". 5",
    "two_points": lambda t: t + ".5" if "." in t else t + ".5.5",
    "bad_grouping": lambda t: "1,23,4" + t.lstrip("-").replace(",", ""),
    "exponent": lambda t: t.split(".")[0] + "e3",
    "trailing_letters": lambda t: t + "abc",
    "double_minus": lambda t: "--" + t.lstrip("-"),
    "seventeen_digits": lambda t: "12345678901234567",
    "forty_digits": lambda t: "9" * 40,
    "nan": lambda t: "NaN",
    "infinity": lambda t: "Infinity",
    "arabic_indic": lambda t: t.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),
    "chinese_numerals": lambda t: t.translate(str.maketrans("0123456789", "〇一二三四五六七八九")),
    "hex": lambda t: "0x" + t.split(".")[0],
    "underscore": lambda t: t[:1] + "_" + t[1:],
}


#: Rewrites a format cannot carry: the PDF writer's font has no Arabic-Indic digits (the
#: cell would print blank, which is not the rewrite any more).
_UNWRITABLE = {"pdf": {"arabic_indic"}}


def amount_rewrites(fmt: str) -> list[tuple[str, bool]]:
    """Return (rewrite name, is_equivalent) for every rewrite a format can carry."""
    skip = _UNWRITABLE.get(fmt, set())
    return [(name, True) for name in EQUIVALENT_REWRITES if name not in skip] + \
        [(name, False) for name in INVALID_REWRITES if name not in skip]


def rewrite_amount(text: str, name: str) -> str:
    """Return ``text`` (a printed amount) rewritten by the rewrite ``name``."""
    rewrite = EQUIVALENT_REWRITES.get(name) or INVALID_REWRITES[name]
    return rewrite(text.strip())


def is_plain_amount(text: str) -> bool:
    """Return True for a cell printing a plain non-zero amount ("1099.06", "-5")."""
    stripped = text.strip()
    return bool(re.fullmatch(r"-?\d+(\.\d+)?", stripped)) and Decimal(stripped) != 0 \
        and len(stripped.replace("-", "").replace(".", "")) <= 12
