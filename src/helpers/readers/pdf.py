r"""Read a PDF budget disclosure (text layer) into a :class:`~helpers.raw.RawDocument`.

The reader uses pdfium (``pypdfium2``) for speed: one pass over the characters of each
page (box and baseline origin per character), plus the page's thin path objects, which
are the ruling lines of the printed tables. Nothing about budgets is known here; the
output is headings, paragraphs and grids in document order.

PDF quirks handled (seen in the Shanghai 部门预算 / 单位预算 PDFs and in the
multi-region corpus: central, Beijing, Chongqing, Jiangsu, Suzhou, Hangzhou, Fuzhou,
Guangzhou, Shenzhen, Yantai, Xi'an):

* Pages turned by ``/Rotate`` (landscape tables on portrait pages): pdfium reports
  character boxes and object bounds in unrotated user space, so both are mapped into the
  displayed, top-down page before anything else.
* Character boxes are tight glyph boxes ("一" is ~1 pt tall), so lines are grouped by the
  character *origin* (baseline), not by box overlap. A line printed in two font sizes
  ("2026" + "年部门收支总体情况表") has baselines a few points apart: parts that do not
  overlap horizontally are joined back into one line.
* Text set outside the page box (a cell's overflow, clipped) is dropped; so are running
  headers and page numbers (the same text at the same height in the top or bottom
  margin of several pages, or a bare "- 9 -"), which would otherwise cut a table that
  continues on the next page.
* pdfium inserts generated spaces and "\r\n" between text objects; they have empty boxes.
  They are skipped, but remembered as text-object boundaries: a table cell is one text
  object, so a boundary plus a small gap splits cells whose gap is narrower than the gap
  inside a cell ("156,211,123 一、一般公共服务支出" is ~10 pt apart, "：上海" 9 pt).
  A vertical rule between two characters splits them: amounts in adjacent cells can
  touch ("168,441.81154,304.22"). A label running past its cell's rule (spreadsheet
  exports; clipped when drawn) stays whole and ends where figures begin ("…的补" | "助0.00"
  → "…的补助" | "0.00"); texts printed over each other on one baseline are separated
  rather than interleaved ("预算支出经政济府科预目"). A year printed as its own object
  ("2026" "年预算数") is joined to its 年.
* Spaced-out headers ("项  目") print no space characters; they stay one fragment.
* Tables are drawn with thin filled rectangles or stroked paths. The table's area is
  the extent of its vertical rules (a rule under the running header is no part of it);
  vertical rules that do not touch mark separate tables, so a page holding two tables
  ("公开09表" over "公开10表") is read as two. Vertical rules give the column edges
  (union over all pages of a table, so a last page holding only a merged "合计" row keeps
  every column; a continuation page laid out with other widths uses its own); rules
  crossing a header fragment give the span of its merged cell. Pages without rules fall
  back to columns found from text positions. Columns with no text at all (a gutter
  between doubled rules) are dropped.
* Cells are assigned to columns by overlap, so a total row whose numbers sit a few
  points left of the usual right edge still lands in the right column; blank cells are
  emitted as ``Cell("")`` so every body row has one cell per printed column.
* Rows are the bands between horizontal rules when rules separate the rows: a wrapped
  label ("其他行政事业单位养老支" / "出", "杭州市东郊" / "监狱") and its amounts, printed on
  several lines, are one row. Sparse rules still separate rows when no band holds two
  lines of figures. Otherwise each printed line is a row.
* Split function codes (类 | 款 | 项) stay separate columns; malformed codes ("2" for "02",
  "7 11 02") are kept as printed, in whichever column their characters fall.
* The header ends at the ruled row holding the first figure. A year in a label ("2026年
  预算数") is no figure; neither is a column-number row ("栏次 | 1 | 2", "** | 1 | 2",
  "1 | 2 | … | 12"), which becomes a header row of its own. Lines of that ruled row above
  its figures are body when their text goes on further down the row (a wrapped label),
  header otherwise; leaf labels printed on the figures' baseline ("类 | 款 | 项" beside
  "合计") are lifted into the header. A table without figures ends its header at the
  first ruled row with a cell in every column; an empty table's lone "合    计" is body.
* Multi-line header cells ("事业单位" / "经营收入", "2024年机关运行经" / "费预算数") are
  joined top to bottom per column; headers whose merged cell spans several columns
  ("支出预算", "2024年“三公”经费预算数", "公务用车购置及运行费") go in header rows of
  their own, in the first column they span; a spaced-out merged label ("收    入") is one.
* Titles: the title is the title-like line nearest above the table: a centred text that
  ends in 表 (before a bracketed qualifier: "…表（功能科目）"), 情况, 明细 or 目录, not a
  sentence ("详细情况见下表:"), a part heading ("第二部分 2026年部门预算表", which
  becomes a :class:`Heading`) or a header row printed above the rules ("序号 单位名称
  拟变动情况"). A table label printed apart ("公开 05 表", "表1", "预算01表"), above or
  below the name, is joined in front of it. Some templates print label, department,
  title and unit inside the first ruled row ("公开01表部门：… | 收支总表 | 单位：万元"):
  that row is lifted into title and captions; a first row naming a table ("…项目绩效目标
  表") is nearer than a numbered heading above it. A title printed at the foot of a page
  goes with the table at the top of the next. Captions that wrap ("…人民法" / "院") are
  joined.
* A table continued over several pages is one grid: a page without a title continues
  the open grid; a page repeating the title and the first header line continues it too
  (a new table with the same title, one 绩效目标表 per project, starts with other text).
  The header repeated at the top of a continuation page is dropped, even when it wraps
  at other widths; blank and image-only pages in between change nothing. An untitled
  table opening a page with a header of its own over other columns is a new grid.
* Side-by-side summary tables (income left, expenditure right) are one grid.
* 绩效目标 forms (one project per page, irregular merged cells) are emitted best effort:
  one row per printed line, no header rows. A 绩效 table laid out as a regular list
  (every line crossed by the same column rules) keeps its header, which ends at the first
  ruled row with a cell in every column (its rows are mostly text, not figures). A tall
  cell whose text runs past the table's last rule at a page foot, or above its first
  rule on the next page, stays in the table.
* Notes ("注:本部门…故本表为空表。", "（注：…）") under a table go to ``Grid.notes``; empty
  tables (header plus an empty 合计 row, or a header alone) are still grids.
* Narrative: centred short lines are headings; a paragraph starts at an indented or
  numbered line ("1.", "（一）", "一、") and ends at a line that stops short of the right
  margin; wrapped lines are joined without spaces (CJK), across pages too.

Errors: a file pdfium cannot open → :class:`CorruptFileError`; a password →
:class:`EncryptedFileError`; pages but (almost) no characters → :class:`ScannedDocumentError`.
"""

from __future__ import annotations

import bisect
import ctypes
import functools
import itertools
import operator
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from helpers.columns import looks_like_figure, names_a_body_line
from helpers.errors import (
    CorruptFileError,
    EncryptedFileError,
    MissingFileError,
    ScannedDocumentError,
)
from helpers.limits import MAX_PAGES, check_limit
from helpers.money import half_width
from helpers.raw import Block, Cell, Grid, Heading, Paragraph, RawDocument

__all__ = ["read_pdf"]

_NUMBER = re.compile(r"^[-+]?(\d[\d,]*(\.\d+)?|\.\d+)%?$")
_TOTAL = re.compile(r"^(合\s*计|总\s*计|收入总计|支出总计)$")
_NUMBERED = re.compile(
    r"^(\d{1,2}\s*[.．、](?!\d)|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+)"
)
_CAPTION = re.compile(
    r"^(编制|单位|预算年度|金额单位|部门[（(：:名]|[（(]\s*\d{4}|\d{4}\s*年度?$|年度[:：])"
)
# a table's number printed apart from its name: 表1, 表二, 公开01表, 预算01表, 附表1, 公开表2
_LABEL_PREFIX = re.compile(
    r"^(公开|预算|附)?(表[\d一二三四五六七八九十]+(-\d+)?|[\d一二三四五六七八九十]+(-\d+)?表"
    r"|表[\d一二三四五六七八九十]*)[:：、.．]?"
)
_LABEL = re.compile(_LABEL_PREFIX.pattern + "$")
_QUALIFIER = re.compile(r"([（(][^（）()]*[）)])+$")
_PART = re.compile(r"^第[一二三四五六七八九十\d]+部分")
_NOTE = re.compile(r"^[（(]?\s*注\s*[:：\d]")
_PAGE_NUMBER = re.compile(r"^[-—–\s第]*\d{1,4}[-—–\s页]*$|^第\s*\d+\s*页.*共\s*\d+\s*页$")
_MIN_CHARS_PER_PAGE = 5
_LINE_TOLERANCE = 2.0  # points between baselines of one printed line
_EDGE_TOLERANCE = 2.5  # points between rules that are the same column edge


@dataclass(slots=True)
class _Char:
    ch: str
    x0: float
    x1: float
    base: float
    height: float
    obj: int
    space_before: bool


_BY_BASE = operator.attrgetter("base")
_BY_X0 = operator.attrgetter("x0")


@dataclass(slots=True)
class _Seg:
    text: str
    x0: float
    x1: float
    base: float
    em: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(slots=True)
class _Line:
    page: int
    base: float
    em: float
    segs: list[_Seg]

    @property
    def x0(self) -> float:
        return self.segs[0].x0

    @property
    def x1(self) -> float:
        return self.segs[-1].x1

    @property
    def text(self) -> str:
        return _join_segs(self.segs)


@dataclass(slots=True)
class _Rule:
    pos: float  # x of a vertical rule, y of a horizontal one (top-down)
    start: float
    end: float


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line]
    vrules: list[_Rule]
    hrules: list[_Rule]
    nchars: int

    @functools.cached_property
    def region(self) -> tuple[float, float, float, float] | None:
        """Return the ruled table area ``(left, top, right, bottom)``, or None.

        Computed once: the layout asks for it several times per page, and a page of a
        table drawn cell by cell has thousands of rules (Yantai: 400 a page).
        """
        if len(self.vrules) < 2 or len(self.hrules) < 2:
            return None
        top = min(r.start for r in self.vrules)
        bottom = max(r.end for r in self.vrules)
        # a rule under the running header or over the footer is no part of the table
        hrules = [r for r in self.hrules if top - 2 <= r.pos <= bottom + 2] or self.hrules
        xs = [r.pos for r in self.vrules] + [v for r in hrules for v in (r.start, r.end)]
        ys = [r.pos for r in hrules] + [top, bottom]
        return min(xs), min(ys), max(xs), max(ys)


@dataclass
class _GridPart:
    page: _Page
    lines: list[_Line]


@dataclass
class _GridBuilder:
    title: str
    page: int
    captions: list[str] = field(default_factory=list)
    parts: list[_GridPart] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_pdf(path: Path) -> RawDocument:
    """Read a text-layer PDF into headings, paragraphs and grids in document order.

    Args:
        path: The PDF file.

    Returns:
        The document as ordered blocks, ``format="pdf"``.

    Raises:
        MissingFileError: The path is not a file.
        EncryptedFileError: The PDF needs a password.
        CorruptFileError: pdfium cannot open the file or one of its pages.
        ScannedDocumentError: The pages carry (almost) no text characters.
        LimitExceededError: More pages than :data:`helpers.limits.MAX_PAGES`.
    """
    path = Path(path)
    if not path.is_file():
        raise MissingFileError("file not found", path)
    pages = _load_pages(path)
    return RawDocument(path=path, format="pdf", blocks=_Layout(pages).run())


# --------------------------------------------------------------------------- extraction


def _load_pages(path: Path) -> list[_Page]:
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD or "password" in str(error).lower():
            raise EncryptedFileError("the PDF is password-protected", path) from error
        raise CorruptFileError(f"pdfium cannot open the file ({error})", path) from error
    try:
        count = len(document)
        if count == 0:
            raise CorruptFileError("the PDF has no pages", path)
        check_limit(count, MAX_PAGES, "pages", path)
        pages = []
        for index in range(count):
            try:
                page = document[index]
            except pdfium.PdfiumError as error:
                raise CorruptFileError(
                    f"pdfium cannot load the page ({error})", path, page=index + 1
                ) from error
            try:
                pages.append(_read_page(page, index + 1))
            finally:
                page.close()
    finally:
        document.close()
    if sum(page.nchars for page in pages) < _MIN_CHARS_PER_PAGE * len(pages):
        raise ScannedDocumentError("no text layer; the PDF looks scanned and needs OCR first", path)
    return pages


def _read_page(page: pdfium.PdfPage, number: int) -> _Page:
    width, height = page.get_size()  # as displayed, /Rotate applied
    rotation = page.get_rotation() % 360
    # pdfium reports boxes in unrotated user space; map them into the displayed page
    user = (height, width) if rotation in (90, 270) else (width, height)
    display = _Rotation(rotation, *user)
    textpage = page.get_textpage()
    try:
        chars = _read_chars(textpage, display, width, height)
    finally:
        textpage.close()
    vrules, hrules = _read_rules(page, display)
    lines = _group_lines(chars, number, vrules)
    return _Page(number, width, height, lines, vrules, hrules, len(chars))


@dataclass(frozen=True, slots=True)
class _Rotation:
    """Map unrotated user-space boxes into the displayed, top-down page.

    Landscape tables are often printed on portrait pages turned by ``/Rotate``; pdfium
    reports character boxes and object bounds before the rotation, so lines would run
    down the page and every table would read as one column per character.
    """

    degrees: int
    width: float  # unrotated user-space width
    height: float

    def box(self, left: float, bottom: float, right: float, top: float
            ) -> tuple[float, float, float, float]:
        """Return ``(x0, y0, x1, y1)`` on the displayed page, y growing downwards."""
        if self.degrees == 90:
            return bottom, left, top, right
        if self.degrees == 180:
            return self.width - right, bottom, self.width - left, top
        if self.degrees == 270:
            return self.height - top, self.width - right, self.height - bottom, self.width - left
        return left, self.height - top, right, self.height - bottom

    def baseline(self, x: float, y: float) -> float:
        """Return the displayed top-down y of a character origin."""
        if self.degrees == 90:
            return x
        if self.degrees == 180:
            return y
        if self.degrees == 270:
            return self.width - x
        return self.height - y


def _unchecked(function: object, restype: type = ctypes.c_int) -> object:
    """Return a pdfium function that ctypes calls without converting its arguments.

    The bindings declare ``argtypes``, and ctypes then checks and converts every argument
    of every call: four times slower than the call itself for the per-character calls,
    which run once or twice per character of the document (wanli 2023: 25,000 characters,
    68 ms against 17 ms). The callers pass only the page handles pdfium gave them, Python
    ints that fit a C int, and ``byref`` pointers; a function returning a handle gets a
    pointer ``restype`` (a ``c_void_p`` restype gives a bare Python int, which would be
    truncated to a C int when passed on).
    """
    unchecked = type(function)(ctypes.cast(function, ctypes.c_void_p).value)
    unchecked.restype = restype
    return unchecked


_CHAR_BOX = _unchecked(pdfium_c.FPDFText_GetCharBox)
_CHAR_ORIGIN = _unchecked(pdfium_c.FPDFText_GetCharOrigin)
_IS_GENERATED = _unchecked(pdfium_c.FPDFText_IsGenerated)
# a pointer restype: the handle passes on as it is, where a c_void_p's int would need wrapping
_PAGE_OBJECT = _unchecked(pdfium_c.FPDFPage_GetObject, ctypes.POINTER(ctypes.c_ubyte))
_OBJECT_TYPE = _unchecked(pdfium_c.FPDFPageObj_GetType)
_OBJECT_BOUNDS = _unchecked(pdfium_c.FPDFPageObj_GetBounds)


def _read_chars(textpage: pdfium.PdfTextPage, display: _Rotation,
                page_width: float, page_height: float) -> list[_Char]:
    """Return the page's glyphs on the displayed page, those printed inside its box only.

    Text set outside the page box is clipped away when drawn: the overflow of a cell on
    the previous page, never printed.
    """
    count = textpage.count_chars()
    if count <= 0:
        return []
    raw = textpage.raw
    text = textpage.get_text_range()
    if len(text) != count:  # fall back to one call per character
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 32) for i in range(count))
    # pdfium writes the box (left, right, bottom, top) and the origin (x, y) into one
    # array, read back in one unpacking: cheaper than six ``.value`` lookups per glyph
    values = (ctypes.c_double * 6)()
    left_ref, right_ref, bottom_ref, top_ref = (ctypes.byref(values, 8 * i) for i in range(4))
    x_ref, y_ref = ctypes.byref(values, 32), ctypes.byref(values, 40)
    get_box, get_origin = _CHAR_BOX, _CHAR_ORIGIN
    chars: list[_Char] = []
    append = chars.append  # the loop runs once per character: keep lookups local
    is_generated = _IS_GENERATED
    upright = display.degrees == 0
    height = display.height
    obj = 0
    space = False
    for index, ch in enumerate(text):
        if ch.isspace() or ch in "\x00\ufffe":
            if ch in "\r\n\x00\ufffe":
                obj += 1
                space = False
            elif is_generated(raw, index):
                obj += 1
            else:
                space = True
            continue
        # the references spelled out: unpacking a tuple of them per call costs a tenth
        get_box(raw, index, left_ref, right_ref, bottom_ref, top_ref)
        get_origin(raw, index, x_ref, y_ref)
        left, right, bottom, top, origin_x, origin_y = values[:]  # a slice: iterating is slower
        if upright:
            x0, x1, glyph_height = left, right, top - bottom
            base = height - origin_y
        else:
            x0, y0, x1, y1 = display.box(left, bottom, right, top)
            glyph_height = y1 - y0
            base = display.baseline(origin_x, origin_y)
        if x1 < x0:
            x1 = x0
        if 0 <= base <= page_height + 2 and x1 >= 0 and x0 <= page_width:
            append(_Char(ch, x0, x1, base, glyph_height if glyph_height > 0 else 0.0, obj, space))
        space = False
    return chars


def _read_rules(page: pdfium.PdfPage, display: _Rotation) -> tuple[list[_Rule], list[_Rule]]:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
    vertical: list[_Rule] = []
    horizontal: list[_Rule] = []
    # once per page object (tables drawn cell by cell have thousands): keep lookups local
    raw, path_type = page.raw, pdfium_c.FPDF_PAGEOBJ_PATH
    get_object, get_type, get_bounds = _PAGE_OBJECT, _OBJECT_TYPE, _OBJECT_BOUNDS
    for index in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = get_object(raw, index)
        if get_type(obj) != path_type or not get_bounds(obj, *refs):
            continue
        x0, y0, x1, y1 = display.box(left.value, bottom.value, right.value, top.value)
        w, h = x1 - x0, y1 - y0
        if w < 3 and h > 5:
            vertical.append(_Rule((x0 + x1) / 2, y0, y1))
        elif h < 3 and w > 5:
            horizontal.append(_Rule((y0 + y1) / 2, x0, x1))
    return vertical, horizontal


def _group_lines(chars: list[_Char], page: int, vrules: list[_Rule]) -> list[_Line]:
    if not chars:
        return []
    chars = sorted(chars, key=_BY_BASE)
    groups: list[list[_Char]] = [[chars[0]]]
    first_base = chars[0].base
    for char in chars[1:]:
        if char.base - first_base > _LINE_TOLERANCE:
            groups.append([char])
            first_base = char.base
        else:
            groups[-1].append(char)
    # the rules crossing each line, found by a sweep down the page (lines are in order)
    pending = sorted(vrules, key=lambda r: r.start)
    next_rule = 0
    active: list[_Rule] = []
    sized: list[tuple[list[_Char], float]] = []  # each line's glyphs and its em
    for merged, merged_height in _merge_mixed_sizes(groups):
        parts = _unstack(merged)
        for group in parts:
            # a line separated from others keeps its own glyphs' height
            height = merged_height if len(parts) == 1 else max(c.height for c in group)
            sized.append((group, max(height, 6.0)))
    lines = []
    for group, em in sized:
        mid = group[0].base - 0.35 * em
        while next_rule < len(pending) and pending[next_rule].start - 1 <= mid:
            active.append(pending[next_rule])
            next_rule += 1
        active = [r for r in active if r.end + 12 >= mid]  # keep a margin: mids may step back
        rules = sorted(r.pos for r in active if r.start - 1 <= mid <= r.end + 1)
        lines.append(_Line(page, group[0].base, em, _split_segments(group, em, rules)))
    return lines


def _merge_mixed_sizes(groups: list[list[_Char]]) -> list[tuple[list[_Char], float]]:
    """Join a line printed in two font sizes ("2026" + "年部门收支总体情况表").

    Glyphs of different sizes on one printed line have baselines a few points apart, more
    than the line tolerance; the parts never overlap horizontally, which tells them from
    the stacked lines of a header cell. Each line comes with its tallest glyph's height.
    """
    merged = [(groups[0], max(c.height for c in groups[0]))]
    for group in groups[1:]:
        height = max(c.height for c in group)
        last, last_height = merged[-1]
        if (group[0].base - last[0].base <= 0.2 * max(height, last_height)
                and _disjoint(last, group)):
            last.extend(group)
            merged[-1] = (last, max(last_height, height))
        else:
            merged.append((group, height))
    return merged


def _unstack(group: list[_Char]) -> list[list[_Char]]:
    """Separate texts printed over each other on one baseline.

    A label too long for its cell runs on under the next cell's text (clipped when
    drawn, but not in the text layer): sorted by position their characters would
    interleave ("预算支出经政济府科预目", "障中18心39311.66"). The characters are cut into
    runs in drawing order (a new run at each text object or step back to the left), and
    runs that overlap go to lines of their own.
    """
    ordered = sorted(group, key=_BY_X0)
    reach = float("-inf")
    for char in ordered:  # cheap test first: does any glyph start inside the previous?
        if char.x0 < reach:
            break
        reach = char.x1
    else:
        return [ordered]
    if not any(a.x1 - b.x0 > 0.5 * min(a.x1 - a.x0, b.x1 - b.x0) > 0 and a.ch != b.ch
               for a, b in itertools.pairwise(ordered)):
        return [ordered]
    runs: list[list[_Char]] = []
    for char in group:  # drawing order
        last = runs[-1][-1] if runs else None
        if last is not None and char.obj == last.obj and (
            char.x0 >= last.x1 - 0.3 * (char.x1 - char.x0)
        ):
            runs[-1].append(char)
        else:
            runs.append([char])
    layers: list[list[_Char]] = []
    spans: list[list[tuple[float, float]]] = []
    for run in sorted(runs, key=lambda r: r[0].x0):
        x0, x1 = run[0].x0, max(c.x1 for c in run)
        for layer, taken in zip(layers, spans, strict=True):
            if all(x1 <= a + 0.5 or x0 >= b - 0.5 for a, b in taken):
                layer.extend(run)
                taken.append((x0, x1))
                break
        else:
            layers.append(list(run))
            spans.append([(x0, x1)])
    return [sorted(layer, key=lambda c: c.x0) for layer in layers]


def _disjoint(first: list[_Char], second: list[_Char]) -> bool:
    a0, a1 = min(c.x0 for c in first), max(c.x1 for c in first)
    b0, b1 = min(c.x0 for c in second), max(c.x1 for c in second)
    return a1 <= b0 or b1 <= a0


def _split_segments(chars: list[_Char], em: float, rules: list[float]) -> list[_Seg]:
    """Split a line's characters into cell fragments.

    A fragment ends at a wide gap, at a text-object boundary with a small gap, or at a
    vertical rule between two characters: amounts in adjacent cells can touch
    ("168,441.81154,304.22") and must never merge across a column edge. A label running
    on past its cell's rule ("(3)对个人和家庭的补" | "助") stays whole, but ends where
    figures begin ("助0.00").
    """
    # A rule lies between two glyphs when one runs between their centres (it may touch
    # either glyph): rules at or left of the first centre are fewer than those left of
    # the second. Counted once per glyph, as this runs for every character.
    centres = [(c.x0 + c.x1) / 2 for c in chars]
    rules_upto = [bisect.bisect_right(rules, x) for x in centres] if rules else None
    rules_before = [bisect.bisect_left(rules, x) for x in centres] if rules else None
    previous_index = 0
    wide_gap, object_gap, space_gap = 1.3 * em, 0.25 * em, 0.1 * em
    segs: list[_Seg] = []
    # the fragment being read: its glyphs, its text (a space where the text layer has one
    # and the glyphs stand apart) and its right edge
    first = previous = chars[0]
    current, parts, reach = [first], [first.ch], first.x1
    overflowing = False  # the current label ran past a rule
    for index in range(1, len(chars)):
        char = chars[index]
        if char.ch == previous.ch and abs(char.x0 - previous.x0) < 0.5:
            continue  # overprinted duplicate (fake bold)
        gap = char.x0 - previous.x1
        # the tests run cheapest first
        ruled = rules_upto is not None and rules_upto[previous_index] < rules_before[index]
        if ruled and _is_cjk(previous.ch) and _is_cjk(char.ch) and not _rule_in_gap(
                rules, previous, char, em):
            overflowing, ruled = True, False
        if ruled or (overflowing and _is_cjk(previous.ch) != _is_cjk(char.ch)) or (
            (gap > wide_gap or (char.obj != previous.obj and gap > object_gap))
            and not _year_suffix(current, char, gap, em)
        ):
            segs.append(_Seg("".join(parts), first.x0, reach, first.base, em))
            first, current, parts, reach = char, [], [], char.x1
            overflowing = False
        elif char.space_before and gap > space_gap:
            parts.append(" ")
        current.append(char)
        parts.append(char.ch)
        if char.x1 > reach:
            reach = char.x1
        previous, previous_index = char, index
    segs.append(_Seg("".join(parts), first.x0, reach, first.base, em))
    return segs


def _rule_in_gap(rules: list[float], left: _Char, right: _Char, em: float) -> bool:
    """Return whether a rule runs through a real gap between two glyphs (two cells).

    Text running past its cell's rule keeps its usual spacing, the rule cutting a glyph
    or a hairline gap; two cells' texts leave their padding on both sides of it.
    """
    if right.x0 - left.x1 < 0.2 * em:
        return False
    index = bisect.bisect_left(rules, left.x1 - 0.3)
    return index < len(rules) and rules[index] <= right.x0 + 0.3


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch in "（）()、，：；“”《》"


def _year_suffix(current: list[_Char], char: _Char, gap: float, em: float) -> bool:
    """Return whether ``char`` is the 年 of a year printed as its own text object."""
    if char.ch != "年" or gap >= em or len(current) < 4:
        return False
    digits = "".join(c.ch for c in current[-4:])
    before = current[-5].ch if len(current) > 4 else ""
    year = digits[:2] in ("19", "20") and digits.isdigit()
    return year and not (before.isdigit() or (before != "" and before in ",."))


def _join_segs(segs: list[_Seg]) -> str:
    parts = [segs[0].text]
    for previous, seg in itertools.pairwise(segs):
        if seg.x0 - previous.x1 > 0.5 * seg.em:
            parts.append(" ")
        parts.append(seg.text)
    return "".join(parts)


# ------------------------------------------------------------------------------ layout


def _is_body_line(line: _Line) -> bool:
    if _is_column_numbers(line):
        return False
    # a full-width figure ("１，１６６．９４") is a figure: its row is not header
    texts = [seg.text for seg in line.segs]
    if any(_NUMBER.match(half_width(text)) for text in texts):
        return True
    # so is a garbled one on a named line ("资产总额 | —— | 1166.94abc"): its row is a
    # row (the cell an anomaly), not header that would swallow it unseen
    return names_a_body_line(texts) and any(looks_like_figure(text) for text in texts[1:])


def _is_column_numbers(line: _Line) -> bool:
    """Return whether a line numbers the columns ("栏次 | 1 | 2 | 3", or "1 | 2 | … | 12").

    Column numbers belong to the header; read as figures they would start the body.
    """
    texts = [seg.text.replace(" ", "") for seg in line.segs]
    labelled = "栏次" in texts
    # the label cells print 栏次, 项目 or a filler ("**", "—")
    numbers = [text for text in texts if text not in ("栏次", "项目") and text.strip("*-—－")]
    if not numbers or not all(text.isdigit() and len(text) <= 2 for text in numbers):
        return labelled and not numbers
    if labelled:
        return True
    values = [int(text) for text in numbers]
    return len(values) >= 3 and values == list(range(values[0], values[0] + len(values)))


def _is_total_line(line: _Line) -> bool:
    """Return whether a line is a lone "合计" (an empty table's total row)."""
    # spaced out ("合    计") it may be two fragments of one cell
    return len(line.segs) <= 2 and bool(_TOTAL.match(line.text.replace(" ", "")))


def _is_title_text(text: str) -> bool:
    """Return whether a text names a table ("表1 收支总体情况表", "…表（功能科目）").

    Titles end in 表 (before a bracketed qualifier), or name what they show
    ("部门机构设置情况"); sentences ("详细情况见下表:"), table-of-contents lines
    ("……5") and part headings ("第二部分 2026年部门预算表") are not titles.
    """
    text = text.replace(" ", "")
    if not text or len(text) > 60 or _PART.match(text) or _LABEL.match(text):
        return False
    if any(mark in text for mark in ("…", "...", "。", "；")) or text.endswith((":", "：", "，")):
        return False
    core = _QUALIFIER.sub("", text)
    return core.endswith(("表", "情况", "预算", "明细", "目录"))


def _continuous(line: _Line) -> bool:
    """Return whether a line reads as one text, not as labels spread over columns.

    A header row printed above the rules ("序号  单位名称  拟变动情况") ends like a
    title; a title is one run of text, or a label and a name ("表1 收支总体情况表").
    """
    segs = line.segs
    if _LABEL.match(segs[0].text.replace(" ", "")):
        segs = segs[1:]
    return all(b.x0 - a.x1 < 2 * line.em for a, b in itertools.pairwise(segs))


def _overflows(below: list[_Line], region: tuple[float, float, float, float]) -> bool:
    """Return whether the lines under a table are its last cell running past the rules.

    Spreadsheet exports let a tall cell's text run below the table's last rule at the
    foot of a page: a few short fragments inside the table's width, right under it.
    Notes, titles and prose are longer or start outside the columns.
    """
    left, _, right, bottom = region
    if not below or below[0].base > bottom + 3 * below[0].em:
        return False
    return _cell_fragments(below, left, right)


def _overflows_above(above: list[_Line], region: tuple[float, float, float, float]) -> bool:
    """Return whether the lines over a continued table are a tall cell's text above its rules.

    The same overflow at the head of the next page ("整体绩效目标" of a row merged
    across the page break) sits right above the table's first rule.
    """
    left, top, right, _ = region
    if not above or above[-1].base < top - 3 * above[-1].em:
        return False
    return _cell_fragments(above, left, right) and not any(
        _is_caption(seg.text) for line in above for seg in line.segs)


def _cell_fragments(lines: list[_Line], left: float, right: float) -> bool:
    return all(
        left <= line.x0 and line.x1 <= right and len(line.segs) <= 3
        and all(len(seg.text) <= 6 for seg in line.segs)
        and not _NOTE.match(line.text) and not _is_title_text(line.text)
        and not _LABEL.match(line.text.replace(" ", ""))
        for line in lines
    )


def _captions(lines: list[_Line]) -> list[str]:
    """Return the caption texts of the lines between a title and its table.

    A caption too long for its place wraps ("部门名称：江苏省高级人民法" / "院",
    "单位：万" / "元"): a fragment that is no caption itself, aligned under the left or
    right end of the caption above it, continues that caption.
    """
    captions: list[list] = []  # [text, x0, x1]
    for line in lines:
        for seg in line.segs:
            text = seg.text.strip()
            if not text:
                continue
            wrapped = None if _is_caption(text) else next(
                (c for c in reversed(captions)
                 if abs(c[1] - seg.x0) < seg.em or abs(c[2] - seg.x1) < seg.em), None)
            if wrapped is not None:
                wrapped[0] += text
                wrapped[2] = max(wrapped[2], seg.x1)
            else:
                captions.append([text, seg.x0, seg.x1])
    return [c[0] for c in captions]


def _is_prose(line: _Line) -> bool:
    """Return whether a line reads as running text (long, or ending a sentence)."""
    text = line.text.replace(" ", "")
    return len(text) > 40 or text.endswith(("。", "；", "，", ":", "："))


def _is_caption(text: str) -> bool:
    return bool(_CAPTION.match(text.replace(" ", "")))


def _bare(title: str) -> str:
    """Return a title without its table label, to compare a repeated title."""
    text = title.replace(" ", "")
    match = _LABEL_PREFIX.match(text)
    return text[match.end():] if match else text


def _drop_furniture(pages: list[_Page]) -> None:
    """Remove running headers and page numbers from the pages' lines.

    A running header ("苏州市审计局2026年度部门预算公开") or a page number ("- 9 -")
    between two pages of one table would otherwise read as narrative and cut the table
    in two. Furniture sits in the top or bottom margin and is either a page number or
    the same text at the same height on several pages.
    """
    seen: dict[tuple[str, int], int] = {}
    for page in pages:
        for line in page.lines:
            if _may_be_furniture(line, page):
                key = (line.text.replace(" ", ""), round(line.base / 4))
                seen[key] = seen.get(key, 0) + 1
    repeated = max(3, len(pages) // 4)
    for page in pages:
        page.lines = [
            line for line in page.lines
            if not _may_be_furniture(line, page)
            or not (_PAGE_NUMBER.match(line.text)
                    or seen.get((line.text.replace(" ", ""), round(line.base / 4)), 0) >= repeated)
        ]


def _may_be_furniture(line: _Line, page: _Page) -> bool:
    """Return whether a line sits where running headers and page numbers print.

    That is the top or bottom margin, outside any ruled table; a table title or a
    caption ("单位：万元") repeated high on each continuation page is no furniture.
    """
    if not _in_margin(line, page):
        return False
    region = page.region
    if region is not None and region[1] - 1 <= line.base <= region[3] + 1:
        return False
    return not (_is_title_text(line.text) or all(_is_caption(seg.text) for seg in line.segs))


def _split_tables(page: _Page) -> list[_Page]:
    """Split a page holding several ruled tables into one view per table.

    Each view keeps the rules of one table and the lines from the end of the previous
    table down to its own bottom (title, captions, table); notes printed right under a
    table stay with it. Lines after the last table go with the last view.
    """
    bands = _rule_bands(page.vrules)
    if len(bands) < 2:
        return [page]
    views: list[_Page] = []
    lines = page.lines
    for index, (top, bottom) in enumerate(bands):
        last = index == len(bands) - 1
        mine = [ln for ln in lines if last or ln.base <= bottom + 1.0]
        lines = lines[len(mine):]
        if not last:  # the notes under this table are this table's
            next_top = bands[index + 1][0]
            while lines and lines[0].base < next_top - 0.5 and _NOTE.match(lines[0].text):
                mine.append(lines.pop(0))
        vrules = [r for r in page.vrules if top - 2 <= r.start and r.end <= bottom + 2]
        hrules = [r for r in page.hrules if top - 2 <= r.pos <= bottom + 2]
        views.append(_Page(page.number, page.width, page.height, mine, vrules, hrules,
                           page.nchars))
    return views


def _rule_bands(vrules: list[_Rule]) -> list[tuple[float, float]]:
    """Return the vertical extents of separate ruled blocks, top down.

    Vertical rules of one table touch or overlap from its top to its bottom; a gap
    between them is white space between two tables.
    """
    bands: list[list[float]] = []
    for rule in sorted(vrules, key=lambda r: r.start):
        if bands and rule.start <= bands[-1][1] + 3.0:
            bands[-1][1] = max(bands[-1][1], rule.end)
        else:
            bands.append([rule.start, rule.end])
    # a lone short rule (a box around a label, a signature line) makes no table
    return [(top, bottom) for top, bottom in bands if bottom - top > 10.0]


def _in_margin(line: _Line, page: _Page) -> bool:
    return line.base < 0.1 * page.height or line.base > 0.9 * page.height


class _Layout:
    """Turn pages of lines into ordered blocks (a small state machine over pages)."""

    def __init__(self, pages: list[_Page]) -> None:
        _drop_furniture(pages)
        pages = [view for page in pages for view in _split_tables(page)]
        self.pages = pages
        self.blocks: list[Block] = []
        self.grid: _GridBuilder | None = None
        self.paragraph: Paragraph | None = None
        self.paragraph_open = False  # last paragraph line reached the right margin
        narrative = [line for page in pages if page.region is None for line in page.lines]
        lefts = sorted(line.x0 for line in narrative) or [0.0]
        rights = sorted(line.x1 for line in narrative) or [pages[0].width]
        self.left = lefts[len(lefts) // 20]  # robust minimum
        self.right = rights[-max(1, len(rights) // 20)]  # robust maximum
        ems = sorted(line.em for line in narrative) or [10.0]
        self.em = ems[len(ems) // 2]

    def run(self) -> list[Block]:
        pending: list[_Line] = []  # a title printed at the foot of the previous page
        for page in self.pages:
            if page.region is None:
                if pending:
                    self._narrative(page, pending)
                lines, pending = self._split_trailing_title(page.lines, page)
                self._narrative(page, lines)
            else:
                pending = self._table_page(page, pending)
        if pending:
            self._narrative(self.pages[-1], pending)
        self._close_grid()
        self._end_paragraph()
        return self.blocks

    def _table_page(self, page: _Page, pending: list[_Line]) -> list[_Line]:
        """Read a page holding a ruled table: narrative and title above, notes below.

        Args:
            page: The page (or the view of one table on it).
            pending: A title carried from the foot of the previous page.

        Returns:
            A title printed at the foot of this page, for the next page's table.
        """
        region = page.region
        assert region is not None
        _, top, _, bottom = region
        above = [*pending, *(ln for ln in page.lines if ln.base < top - 0.5)]
        inside = [ln for ln in page.lines if top - 0.5 <= ln.base <= bottom + 1.0]
        below = [ln for ln in page.lines if ln.base > bottom + 1.0]
        if _overflows(below, region):
            inside, below = [*inside, *below], []
        found = self._find_title(above, page)
        named = self._title_of(inside[0], page) if inside else None
        # a first row naming a table ("…表") is nearer than a section heading above;
        # a header label ("部门预算", "2026年预算") only stands in for a missing title
        if named and (found is None or _QUALIFIER.sub("", named[0]).endswith("表")):
            # some templates print title, department and unit inside the first ruled
            # row; 绩效目标 tables print their title inside the table border
            above = [*above, inside.pop(0)]
            while inside and all(_is_caption(seg.text) for seg in inside[0].segs):
                above.append(inside.pop(0))
            found = self._find_title(above, page)
        if found is not None:
            start, title, captions = found
            if self._continues(title, page, inside):
                self._narrative_inside_grid(page, above[:start])
            else:
                self._close_grid()
                self._narrative(page, above[:start])
                self.grid = _GridBuilder(title, above[start].page, captions)
        elif self.grid is not None and (
            (above and all(ln.base > top - 0.6 * ln.em for ln in above))
            or _overflows_above(above, region)
        ):
            # a continued cell's text, clipped by or printed over the top rule
            inside = [*above, *inside]
        elif self.grid is None or above or self._new_table(page, inside):
            self._close_grid()
            self._narrative(page, above)
            self.grid = _GridBuilder("", page.number)
        self._end_paragraph()
        if self.grid is None:  # a damaged file: "continued" text with no table before it
            self.grid = _GridBuilder("", page.number)
        self.grid.parts.append(_GridPart(page, inside))
        rest, pending = self._split_trailing_title(self._take_notes(below), page)
        if rest or pending or self.grid.notes:
            self._close_grid()
            self._narrative(page, rest)
        return pending

    def _split_trailing_title(self, lines: list[_Line], page: _Page
                              ) -> tuple[list[_Line], list[_Line]]:
        """Split off a table title printed at the foot of a page, its table on the next.

        Returns:
            The lines before the title, and the title with its label and captions.
        """
        for index in range(len(lines) - 1, -1, -1):
            line = lines[index]
            if self._title_of(line, page) is not None:
                if index > 0 and _LABEL.match(lines[index - 1].text.replace(" ", "")):
                    index -= 1
                return lines[:index], lines[index:]
            if not all(_is_caption(seg.text) for seg in line.segs) and not _LABEL.match(
                line.text.replace(" ", "")
            ):
                break
        return lines, []

    def _continues(self, title: str, page: _Page, inside: list[_Line]) -> bool:
        """Return whether a page repeating the open grid's title continues that grid.

        Continuation pages often reprint title and header; a new table with the same
        title (one 绩效目标表 per project) starts with different first-row text.
        """
        grid = self.grid
        if grid is None or not grid.parts or _bare(title) != _bare(grid.title) or not inside:
            return False
        if grid.parts[-1].page.number < page.number - 2:
            return False
        first = grid.parts[0].lines
        if not first:
            return False
        return [seg.text for seg in first[0].segs] == [seg.text for seg in inside[0].segs]

    def _new_table(self, page: _Page, inside: list[_Line]) -> bool:
        """Return whether an untitled table opening a page is not the open grid's.

        It starts with a header of its own (not the open grid's, repeated) over other
        columns; a continuation repeats the header, or starts straight with rows.
        """
        grid = self.grid
        if grid is None or not grid.parts or not inside:
            return False
        first = grid.parts[0]
        top = inside[: _header_length(_GridPart(page, inside), True)]
        if not top or _is_body_line(inside[0]):
            return False
        header = first.lines[: _header_length(first, True)]
        columns = len(_cluster([r.pos for r in page.vrules], _EDGE_TOLERANCE))
        ours = len(_cluster([r.pos for r in first.page.vrules], _EDGE_TOLERANCE))
        return columns != ours and not _repeats(top, header)

    def _narrative_inside_grid(self, page: _Page, lines: list[_Line]) -> None:
        """Keep what precedes a repeated title (a page label) out of the open grid."""
        for line in lines:
            if not _LABEL.match(line.text.replace(" ", "")):
                self._narrative(page, [line])

    # ----- narrative

    def _find_title(self, above: list[_Line], page: _Page
                    ) -> tuple[int, str, list[str]] | None:
        """Find the table's title among the lines printed above it.

        The title is the title-like line nearest the table: a part heading ("第二部分
        2026年部门预算表") or a numbered section above it is narrative. A bare table
        label on the line above ("公开05表") is joined to the title; lines between
        title and table are captions (department, unit).

        Returns:
            ``(first line of the title, title, captions)``, or None.
        """
        for index in range(len(above) - 1, -1, -1):
            named = self._title_of(above[index], page)
            if named is None:
                continue
            title, captions = named
            if any(_is_prose(line) for line in above[index + 1:]):
                return None  # a section heading over prose, not the table's title
            start = index
            if index > 0 and _LABEL.match(above[index - 1].text.replace(" ", "")):
                start = index - 1
                title = f"{above[start].text.strip()} {title}"
            lines = []
            for line in above[index + 1:]:
                if _LABEL.match(line.text.replace(" ", "")) and title == named[0]:
                    title = f"{line.text.replace(' ', '')} {title}"  # label printed below
                else:
                    lines.append(line)
            return start, title, captions + _captions(lines)
        return None

    def _title_of(self, line: _Line, page: _Page) -> tuple[str, list[str]] | None:
        """Return ``(title, captions)`` when the line names a table, else None.

        A line is a title when its text is title-like and centred, or when one centred
        fragment is title-like and the others are captions or a table label
        ("公开01表部门：苏州市审计局 | 收支总表 | 单位：万元").
        """
        if (_is_title_text(line.text) and self._centred(line.x0, line.x1, page)
                and _continuous(line)):
            return line.text.strip(), []
        titles = [seg for seg in line.segs
                  if _is_title_text(seg.text) and self._centred(seg.x0, seg.x1, page)]
        if len(titles) != 1 or len(line.segs) == 1:
            return None
        label, captions = "", []
        for seg in line.segs:
            if seg is titles[0]:
                continue
            text = seg.text.strip()
            match = _LABEL_PREFIX.match(text.replace(" ", ""))
            if match and seg.x0 < titles[0].x0:
                label = match.group(0)
                text = text.replace(" ", "")[len(label):]
            if text and not _is_caption(text):
                return None
            if text:
                captions.append(text)
        title = f"{label} {titles[0].text.strip()}" if label else titles[0].text.strip()
        return title, captions

    @staticmethod
    def _centred(x0: float, x1: float, page: _Page) -> bool:
        centre = (x0 + x1) / 2
        region = page.region
        middles = [page.width / 2] + ([(region[0] + region[2]) / 2] if region else [])
        return any(abs(centre - middle) < 0.2 * page.width for middle in middles)

    def _is_heading(self, line: _Line, page: _Page) -> bool:
        text = line.text
        if _PART.match(text.replace(" ", "")) and len(text) <= 40 and "。" not in text:
            return True  # "第二部分 2026年部门预算表", wherever it is placed
        centred = abs((line.x0 + line.x1) / 2 - page.width / 2) < 0.06 * page.width
        inset = line.x0 > self.left + 4 * self.em and line.x1 < self.right - 4 * self.em
        return centred and inset and len(text) <= 40 and not text.endswith(("。", "，", "；"))

    def _narrative(self, page: _Page, lines: list[_Line]) -> None:
        if not lines:
            return
        self._close_grid()
        for line in lines:
            text = line.text
            if self._is_heading(line, page):
                self._end_paragraph()
                self.blocks.append(Heading(text.strip(), page=line.page))
                continue
            starts = (
                self.paragraph is None
                or not self.paragraph_open
                or line.x0 > self.left + 0.8 * self.em
                or bool(_NUMBERED.match(text))
            )
            if starts:
                self._end_paragraph()
                self.paragraph = Paragraph(text.strip(), page=line.page)
            else:
                assert self.paragraph is not None
                self.paragraph.text += text.strip()
            # a wrapped line ends near the right margin; CJK text wraps anywhere, but an
            # unbreakable number ("1899.77万元") can leave a few characters of room
            self.paragraph_open = line.x1 >= self.right - 6 * self.em

    def _end_paragraph(self) -> None:
        if self.paragraph is not None:
            self.blocks.append(self.paragraph)
        self.paragraph = None
        self.paragraph_open = False

    # ----- grids

    def _take_notes(self, below: list[_Line]) -> list[_Line]:
        assert self.grid is not None
        index = 0
        while index < len(below) and _NOTE.match(below[index].text):
            note = below[index].text.strip()
            index += 1
            while (
                index < len(below)
                and not _NOTE.match(below[index].text)
                and below[index].x0 <= below[index - 1].x0 + below[index].em
                and below[index - 1].x1 >= self.right - 3 * below[index].em
            ):
                note += below[index].text.strip()
                index += 1
            self.grid.notes.append(note)
        return below[index:]

    def _close_grid(self) -> None:
        if self.grid is None:
            return
        builder, self.grid = self.grid, None
        self._end_paragraph()
        self.blocks.append(_build_grid(builder))


# -------------------------------------------------------------------------------- grids


def _build_grid(builder: _GridBuilder) -> Grid:
    lines = [line for part in builder.parts for line in part.lines]
    if not lines:
        return Grid(builder.title, builder.captions, [], 0, builder.notes, page=builder.page)
    page_edges = _page_edges(builder)
    edges = page_edges[builder.parts[0].page.number]
    # 绩效目标 forms (one project per page, merged cells varying row by row) are read a
    # row per line; a 绩效 list laid out as a regular table keeps its header
    forms = "绩效" in builder.title
    free_form = forms and not _regular(builder)
    header: list[_Line] = []
    body: list[_Line] = []
    pages: dict[int, _Page] = {}
    for number, part in enumerate(builder.parts):
        pages[part.page.number] = part.page
        first = 0 if free_form else _header_length(part, number == 0, text_rows=forms)
        top = part.lines[:first]
        if number == 0:
            header = top
        elif not _repeats(top, header):
            body.extend(top)  # not a repeated header: keep it
        body.extend(part.lines[first:])
    header_rows = _header_rows(header, edges, builder.parts[0].page) if header else []
    body_rows = [_body_row(group, page_edges[group[0].page]) for group in _group_rows(body, pages)]
    _lift_leaf_labels(header_rows, body_rows)
    rows = _drop_blank_columns(header_rows + body_rows)
    return Grid(
        title=builder.title,
        captions=builder.captions,
        rows=rows,
        header_rows=len(header_rows),
        notes=builder.notes,
        page=builder.page,
    )


def _regular(builder: _GridBuilder) -> bool:
    """Return whether (nearly) every line of a table is crossed by the same column rules."""
    patterns: Counter[tuple[int, ...]] = Counter()
    for part in builder.parts:
        edges = _cluster([r.pos for r in part.page.vrules], _EDGE_TOLERANCE)
        for line in part.lines:
            mid = line.base - 0.35 * line.em
            patterns[tuple(sorted({
                bisect.bisect_left(edges, r.pos - _EDGE_TOLERANCE)
                for r in part.page.vrules if r.start - 1 <= mid <= r.end + 1
            }))] += 1
    total = sum(patterns.values())
    return total >= 10 and patterns.most_common(1)[0][1] >= 0.95 * total


def _lift_leaf_labels(header: list[list[Cell]], body: list[list[Cell]]) -> None:
    """Move leaf labels printed on the first body row's line into the header.

    Some templates print the code columns' leaf labels ("类 | 款 | 项") on the baseline
    of the 合计 row beside them. A column whose header has no leaf label, whose first
    row holds a short label and whose other rows hold no text but codes and figures,
    has its label in the wrong row.
    """
    if not header or len(body) < 2:
        return
    leaves, first = header[-1], body[0]
    for col, cell in enumerate(first):
        text = cell.text.strip()
        if (
            col >= len(leaves) or leaves[col].text or not text or len(text) > 2
            or _NUMBER.match(text)
            or any(col < len(row) and row[col].text and not _NUMBER.match(row[col].text)
                   for row in body[1:])
        ):
            continue
        leaves[col] = Cell(text, page=leaves[col].page)
        first[col] = Cell("", page=cell.page)


def _drop_blank_columns(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Drop columns without text in any row: gutters between doubled rules, not columns."""
    width = max((len(row) for row in rows), default=0)
    keep = [col for col in range(width)
            if any(col < len(row) and row[col].text.strip() for row in rows)]
    if len(keep) == width or not keep:
        return rows
    return [[row[col] for col in keep if col < len(row)] for row in rows]


def _header_length(part: _GridPart, first_part: bool, text_rows: bool = False) -> int:
    """Return how many leading lines of a page's table are header lines.

    The header ends at the ruled row holding the first figure, not at the figure's own
    line: a wrapped row label ("其他行政事业单位养老支" / "出") prints above its amounts.
    A table without figures (机构设置, an empty table), or one whose rows are mostly text
    (``text_rows``: indicator lists), ends its header at the first ruled row with a cell in
    every column; rules inside a header stop at merged cells.
    """
    lines = part.lines
    pages = {part.page.number: part.page}
    if text_rows and first_part:
        leaf = _leaf_row_end(lines, part.page)
        if leaf is not None:
            return leaf
    first = next((i for i, ln in enumerate(lines) if _is_body_line(ln)), None)
    if first is None:
        # a lone "合计" is the body of an empty table, but a header label ("总计" in a
        # merged header cell) when figures follow
        first = next((i for i, ln in enumerate(lines) if _is_total_line(ln)), None)
    if first is not None:
        start = 0
        for group in _group_rows(lines, pages):
            if lines[first] in group:
                return start + _wrapped_above(group, group.index(lines[first]), part.page)
            start += len(group)
        return first
    if not first_part:
        return len(lines)  # a continuation without figures: compared with the header later
    leaf = _leaf_row_end(lines, part.page)
    if leaf is not None:
        return leaf
    full = _full_rules(part.page)
    if lines and full:
        below = [y for y in full if y > lines[0].base + 1.0]
        if below:
            cut = below[0]
            return sum(1 for ln in lines if ln.base - 0.35 * ln.em < cut)
    rows = _group_rows(lines, pages)
    return len(rows[0]) if rows else 0


def _wrapped_above(group: list[_Line], first: int, page: _Page) -> int:
    """Return how many lines above a row's first figure line still belong to the header.

    Lines of the row's wrapped cells print above its figures ("其他行政事业单位养老支"
    over "出  2.24"; "合计" over its amount): each of their fragments has text in the
    same column further down the row, or is the row's 合计. A header label sharing the
    ruled band ("类 款 项" beside the "合计" row) has neither.
    """
    edges = _cluster([r.pos for r in page.vrules], _EDGE_TOLERANCE)
    if len(edges) < 2:
        return 0

    def columns(line: _Line) -> set[int]:
        return {_column_of(seg, edges) for seg in line.segs}

    filled = set().union(*(columns(line) for line in group[first:]))
    index = first
    while index > 0:
        line = group[index - 1]
        if not (_is_total_line(line) or columns(line) <= filled):
            break
        index -= 1
        filled |= columns(line)
    return index


def _leaf_row_end(lines: list[_Line], page: _Page) -> int | None:
    """Return how many lines reach the end of the header's leaf row, or None.

    In a table without figures the header ends with the first ruled row that has a
    cell in every column: rows above it hold cells merged across columns ("收入" over
    项目 and 预算数). Every column edge has a rule crossing that row.
    """
    edges = _cluster([r.pos for r in page.vrules], _EDGE_TOLERANCE)
    ys = _cluster([r.pos for r in page.hrules], 1.0)
    if len(edges) < 3 or not ys:
        return None
    for line in lines:
        mid = line.base - 0.35 * line.em
        crossing = _cluster([r.pos for r in page.vrules if r.start - 1 <= mid <= r.end + 1],
                            _EDGE_TOLERANCE)
        if len(crossing) < len(edges):
            continue
        below = [y for y in ys if y > mid]
        if not below:
            return None
        return sum(1 for ln in lines if ln.base - 0.35 * ln.em < below[0])
    return None


def _full_rules(page: _Page) -> list[float]:
    """Return the y of horizontal rules spanning (nearly) the whole table width, top down."""
    region = page.region
    if region is None:
        return []
    left, _, right, _ = region
    width = right - left
    spans: dict[float, list[tuple[float, float]]] = {}
    ys = _cluster([r.pos for r in page.hrules], 1.0)
    for rule in page.hrules:
        y = min(ys, key=lambda v, pos=rule.pos: abs(v - pos))
        spans.setdefault(y, []).append((rule.start, rule.end))
    return sorted(y for y, parts in spans.items() if _covered(parts) >= 0.9 * width)


def _covered(spans: list[tuple[float, float]]) -> float:
    total, reach = 0.0, float("-inf")
    for start, end in sorted(spans):
        if end > reach:
            total += end - max(start, reach)
            reach = end
    return total


def _cluster(values: list[float], tolerance: float) -> list[float]:
    result: list[list[float]] = []
    for value in sorted(values):
        if result and value - result[-1][-1] <= tolerance:
            result[-1].append(value)
        else:
            result.append([value])
    return [sum(group) / len(group) for group in result]


def _repeats(top: list[_Line], header: list[_Line]) -> bool:
    """Return whether a continuation page's top lines repeat the table's header.

    The repeat may wrap differently when the page's columns are narrower
    ("支出项目类别（资金使用单" / "位）"), so the characters are compared, not the lines.
    """
    if not top:
        return True
    texts = {seg.text for line in header for seg in line.segs}
    if all(seg.text in texts for line in top for seg in line.segs):
        return True
    wanted = Counter("".join(line.text for line in header).replace(" ", ""))
    found = Counter("".join(line.text for line in top).replace(" ", ""))
    common = sum((wanted & found).values())
    return common >= 0.9 * sum(found.values()) and common >= 0.5 * sum(wanted.values())


def _page_edges(builder: _GridBuilder) -> dict[int, list[float]]:
    """Return each page's column edges.

    Pages of one table usually share their rules: the union over all pages keeps every
    column even on a last page holding only a merged "合计" row. A continuation page
    laid out with other widths but the same number of columns uses its own rules.
    """
    union = _column_edges(builder)
    own = {part.page.number: _cluster([r.pos for r in part.page.vrules], _EDGE_TOLERANCE)
           for part in builder.parts}
    counts = Counter(len(edges) for edges in own.values())
    modal = counts.most_common(1)[0][0]
    if len(union) == modal or modal < 2:
        return dict.fromkeys(own, union)
    return {number: edges if len(edges) == modal else union for number, edges in own.items()}


def _column_edges(builder: _GridBuilder) -> list[float]:
    xs = [rule.pos for part in builder.parts for rule in part.page.vrules]
    edges = _cluster(xs, _EDGE_TOLERANCE)
    if len(edges) >= 2:
        return edges
    return _text_edges(builder)


def _text_edges(builder: _GridBuilder) -> list[float]:
    """Find column edges from text positions when the table has no ruling lines."""
    spans = sorted(
        (seg.x0, seg.x1)
        for part in builder.parts
        for line in part.lines
        if not _TOTAL.match(line.segs[0].text)
        for seg in line.segs
    )
    bands: list[list[float]] = []
    for x0, x1 in spans:
        if bands and x0 <= bands[-1][1]:
            bands[-1][1] = max(bands[-1][1], x1)
        else:
            bands.append([x0, x1])
    if not bands:
        return [0.0, 1.0]
    edges = [bands[0][0] - 1]
    edges += [(a[1] + b[0]) / 2 for a, b in itertools.pairwise(bands)]
    edges.append(bands[-1][1] + 1)
    return edges


def _overlap(x0: float, x1: float, y0: float, y1: float) -> float:
    return min(x1, y1) - max(x0, y0)


def _column_of(seg: _Seg, edges: list[float]) -> int:
    last = len(edges) - 2
    # only the columns the fragment reaches can overlap it: find them by bisection
    low = min(max(bisect.bisect_right(edges, seg.x0) - 1, 0), last)
    high = min(bisect.bisect_left(edges, seg.x1), last)
    best, best_overlap = low, float("-inf")
    for col in range(low, max(low, high) + 1):
        overlap = _overlap(seg.x0, seg.x1, edges[col], edges[col + 1])
        if overlap > best_overlap:
            best, best_overlap = col, overlap
    return best


def _join_cell(segs: list[_Seg]) -> str:
    return _join_segs(segs) if segs else ""


def _group_rows(lines: list[_Line], pages: dict[int, _Page]) -> list[list[_Line]]:
    """Group body lines into table rows by the horizontal rules between rows.

    A cell whose text wraps ("四、文化旅游体育与传媒" / "支出", its amounts printed on a
    middle line) spans several printed lines between two rules: they are one row. Pages
    whose rules do not separate rows (fewer rules than half the lines) keep a row per line.
    """
    groups: list[tuple[tuple[int, int] | None, list[_Line]]] = []
    rules = {number: _cluster([r.pos for r in page.hrules], 1.0)
             for number, page in pages.items()}
    for number, ys in rules.items():
        on_page = [line for line in lines if line.page == number]
        if not _rules_separate_rows(on_page, ys):
            rules[number] = []
    for line in lines:
        ys = rules.get(line.page, [])
        key = (line.page, bisect.bisect(ys, line.base - 0.35 * line.em)) if ys else None
        if key is not None and groups and groups[-1][0] == key:
            groups[-1][1].append(line)
        else:
            groups.append((key, [line]))
    return [group for _, group in groups]


def _rules_separate_rows(lines: list[_Line], ys: list[float]) -> bool:
    """Return whether a page's horizontal rules are drawn between the table's rows.

    Rules between most lines separate rows. Sparse rules separate rows too when no
    band between two rules holds two lines of figures: the other lines of a band are
    wrapped text of its one row (a project name, a paragraph of 绩效目标).
    """
    if not lines:
        return False
    top, bottom = lines[0].base, lines[-1].base
    inside = [y for y in ys if top - 30 <= y <= bottom + 30]
    if len(inside) >= len(lines) / 2:
        return True
    if len(inside) < 3:
        return False
    bands: dict[int, list[_Line]] = {}
    for line in lines:
        bands.setdefault(bisect.bisect(ys, line.base - 0.35 * line.em), []).append(line)
    figures = [sum(1 for line in band if _is_body_line(line)) for band in bands.values()]
    if not any(figures):
        return False
    first = next(i for i, count in enumerate(figures) if count)  # bands above: the header
    sizes = [len(band) for band in bands.values()]
    return all(size == 1 or count == 1
               for size, count in zip(sizes[first:], figures[first:], strict=True))


def _body_row(lines: list[_Line], edges: list[float]) -> list[Cell]:
    columns: list[list[str]] = [[] for _ in range(len(edges) - 1)]
    for line in lines:
        per_line: list[list[_Seg]] = [[] for _ in range(len(edges) - 1)]
        for seg in line.segs:
            per_line[_column_of(seg, edges)].append(seg)
        for column, segs in zip(columns, per_line, strict=True):
            if segs:
                column.append(_join_cell(segs))
    # a wrapped CJK cell continues without a space
    return [Cell("".join(texts), page=lines[0].page) for texts in columns]


def _span(seg: _Seg, edges: list[float], page: _Page) -> list[int]:
    """Return the columns covered by the merged cell holding a header fragment."""
    mid = seg.base - 0.35 * seg.em
    crossing = [r.pos for r in page.vrules if r.start - 1 <= mid <= r.end + 1]
    if crossing:
        centre = seg.centre
        left = max((x for x in crossing if x <= centre), default=edges[0])
        right = min((x for x in crossing if x >= centre), default=edges[-1])
        columns = [
            col for col in range(len(edges) - 1)
            if left - 1 <= (edges[col] + edges[col + 1]) / 2 <= right + 1
        ]
        if columns:
            return columns
    return [_column_of(seg, edges)]


def _header_rows(lines: list[_Line], edges: list[float], page: _Page) -> list[list[Cell]]:
    ncols = len(edges) - 1
    groups: list[tuple[list[_Seg], list[int]]] = []
    leaves: list[list[_Seg]] = [[] for _ in range(ncols)]
    numbers: list[list[_Seg]] = [[] for _ in range(ncols)]
    for line in lines:
        if _is_column_numbers(line):  # a row of its own, under the labels
            for seg in line.segs:
                numbers[_column_of(seg, edges)].append(seg)
            continue
        for seg in line.segs:
            span = _span(seg, edges, page)
            if len(span) == 1:
                leaves[span[0]].append(seg)
                continue
            stacked = next(  # a second line of the same merged cell ("…科目" / "编码"),
                (segs for segs, other in groups  # or a spaced-out label ("收    入")
                 if other == span and -_LINE_TOLERANCE <= seg.base - segs[-1].base
                 <= 1.6 * seg.em),
                None,
            )
            if stacked is not None:
                stacked.append(seg)
            else:
                groups.append(([seg], span))
    # each group goes one row below the lowest group above it that it overlaps
    levels: list[int] = []
    for index, (_seg, span) in enumerate(groups):
        level = 0
        for other in range(index):
            if set(groups[other][1]) & set(span):
                level = max(level, levels[other] + 1)
        levels.append(level)
    depth = max(levels) + 1 if levels else 0
    rows: list[list[list[_Seg]]] = [[[] for _ in range(ncols)] for _ in range(depth)]
    for (segs, span), level in zip(groups, levels, strict=True):
        rows[level][span[0]].extend(segs)
    rows.append(leaves)
    if any(numbers):
        rows.append(numbers)
    return [
        # fragments were collected line by line, left to right: their reading order
        [Cell("".join(s.text for s in segs), page=page.number) for segs in row]
        for row in rows
    ]
