"""Nothing lost, checked from outside: every figure printed in a table is read or reported.

The figures a document prints are found here by extractors that share no code with the
readers: ``pdftotext -bbox`` words for PDFs, the text lines themselves for Tika exports, the
worksheet XML for XLSX. They are compared, location by location (page; line of a text
export; sheet of a workbook) and as multisets of exact values, with what the disclosure
holds there: ``amounts`` (converted back to the table's printed unit), the codes and texts
of its table frames (a code's 类/款/项 parts; a 数量 or an indicator value inside text),
the raw cells of tables it could not recognise, and the texts of its anomalies.

What counts as a figure printed in a table, decided from the page alone:

* a word that is a number and nothing else (``1,295.78``, ``-19.11``, ``0``), standing
  apart from its neighbours by at least 0.8 of its height (a table cell; a number inside a
  sentence, "下属 5 家", is prose);
* on a line of at least two words (a page number alone is furniture);
* not a row label: figures under a header word 序号 / 行次 / 编号, a line of column numbers
  (栏次, or three or more consecutive integers), and a leading integer before a name.

Numbers glued to words ("≥368万元", "2024年") are not figures: they belong to text cells,
which are kept whole. The losses this test found are listed in :data:`KNOWN_LOSSES`,
exactly: a change that loses another figure, or that reads a listed one, fails the test.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd
import pytest

from helpers import load_disclosure
from helpers.errors import NotADisclosureError
from helpers.money import UNIT_FACTORS

from conftest import CORPUS_DIR

FIGURE = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
NUMBER_IN_TEXT = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
ROW_LABELS = {"序号", "行次", "编号"}
COLUMN_NUMBERS = "栏次"
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"(.*?)</word>")

#: Figures printed in a table and neither read nor reported, by file and page, as found
#: by this test (issue 18). All but one are in 绩效 forms, which the targets reader keeps
#: only in part: the project's funds (资金总额 / 财政拨款 / 其他资金), indicator values and
#: weights printed in cells of their own, and the scores of 自评表.
KNOWN_LOSSES: dict[str, dict[int, str]] = {
    "beijing_sjj-tbl_2026_budget_dept.pdf": {
        12: "10.000000 10.000000 17.398000 17.398000",
        13: "18.428000 18.428000 40.000000 40.000000",
        14: "3.100000 3.100000 56.460000 56.460000",
        15: "3.000000 3.000000 21.920400 21.920400 227.930100 227.930100",
        16: "50.117193 50.117193 61.800000 61.800000",
        17: "8.000000 8.000000 37.380000 37.380000 580.988277 580.988277",
        18: "571.856343 571.856343 678.213880 678.213880",
        19: "81.600000 81.600000",
    },
    # 项目绩效自评表 (决算), read since the lead's 决算 work: only 总分 / 得分 printed on a
    # form's second page are not found there — the record holds them (total_weight,
    # total_score) but a frame row has one page, the form's first
    "central_xfj_2024_final_dept.pdf": {31: "98", 33: "100 94.7", 36: "90.5"},
    # 重点专项 / 一般性项目绩效目标表: 当年预算 split over lines, indicator values and weights
    "chongqing_kxjsj_2026_budget_dept.pdf": {
        27: "10 10 10 10 10 20 20 30 100 260 260 300 800 800 950 950 2026",
        28: "10 15 15 16 16 20 20 20 100 350 365 2900",
    },
    # 表11 项目支出绩效表: the 金额 of every project (a list of projects, read as a form)
    "hangzhou_sfj_2026_budget_dept.pdf": {
        39: "20.35 21.45 69.00 196.87 324.75 370.50 371.10 450.25 479.75 676.51 "
            "932.77 967.80 990.04 1059.66 1179.00 1254.14 1323.19",
        40: "10.82 54.48 69.83 85.00 98.00 117.58 127.60 129.60 193.70 317.82 "
            "390.52 489.12 2836.98 12898.00",
    },
    # not a loss: the axis labels of the chart under the small table of p10 repeat its years
    "xian_qxj_2022_budget_dept.pdf": {
        10: "2021 2022",
    },
    # 表14 部门专项业务经费绩效目标表: indicator values and 分值 in cells of their own
    "xian_sjj_2026_budget_dept.pdf": {
        36: "6 6 7 7 8 8 8 10 15 15 35 130",
        37: "1.5 1.5 2 2 2 7 7 7",
        39: "3 3 3 4 4 5 6 6 10 10 13 15.00 15.00 265",
        40: "10",
        41: "5 5 7 10 10 10 13 15 15 35 130",
    },
}


@dataclass(frozen=True)
class Word:
    """One word of a page as pdftotext places it (points, origin top left)."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


def figure_value(text: str) -> Decimal:
    return Decimal(text.replace(",", "").replace("−", "-"))


def is_column_numbers(values: list[Decimal]) -> bool:
    return len(values) >= 3 and all(v == int(v) for v in values) and \
        values == [values[0] + i for i in range(len(values))]


# ---- PDF: pdftotext words ------------------------------------------------------------------

def pdf_pages(path: Path) -> list[list[Word]]:
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.skip("pdftotext is not installed")
    out = subprocess.run([exe, "-bbox", str(path), "-"], check=True, capture_output=True)
    pages = out.stdout.decode("utf-8").split("<page ")[1:]
    return [[Word(float(a), float(b), float(c), float(d), html.unescape(t))
             for a, b, c, d, t in _WORD.findall(page)] for page in pages]


def text_lines(words: list[Word]) -> list[list[Word]]:
    """Group words whose vertical middles lie within 2.5 pt into lines, left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        if lines and abs(lines[-1][0].middle - word.middle) <= 2.5:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def label_columns(lines: list[list[Word]]) -> list[tuple[float, float]]:
    """Return the x-ranges of row-label columns: halfway to the header's neighbours."""
    ranges = []
    for line in lines:
        for i, word in enumerate(line):
            if word.text in ROW_LABELS:
                left = (line[i - 1].x1 + word.x0) / 2 if i else 0.0
                right = (word.x1 + line[i + 1].x0) / 2 if i + 1 < len(line) else 1e9
                ranges.append((left, right))
    return ranges


def cell_figures(line: list[Word]) -> list[Word]:
    """Return the words of a line that are figures standing in cells of their own."""
    figures = []
    for i, word in enumerate(line):
        if not FIGURE.match(word.text):
            continue
        gap = 0.8 * (word.y1 - word.y0)
        before = word.x0 - line[i - 1].x1 if i else gap
        after = line[i + 1].x0 - word.x1 if i + 1 < len(line) else gap
        if min(before, after) >= gap:
            figures.append(word)
    return figures


def printed_in_pdf(path: Path) -> dict[int, Counter]:
    printed: dict[int, Counter] = {}
    for page, words in enumerate(pdf_pages(path), start=1):
        lines = text_lines(words)
        labels = label_columns(lines)
        found: Counter = Counter()
        for line in lines:
            if len(line) < 2 or any(word.text == COLUMN_NUMBERS for word in line):
                continue
            figures = [w for w in cell_figures(line) if "." in w.text or not any(
                left <= (w.x0 + w.x1) / 2 <= right for left, right in labels)]
            values = [figure_value(w.text) for w in figures]
            if not values or is_column_numbers(values):
                continue
            if figures[0] is line[0] and "." not in line[0].text and 1 <= values[0] < 1000 \
                    and len(figures) < len(line):
                values = values[1:]  # a row number before the row's name
            found.update(values)
        printed[page] = found
    return printed


# ---- Tika text: one cell per line, rows separated by blank lines -----------------------------

def tika_rows(path: Path) -> list[list[tuple[int, str]]]:
    """Return the table rows of a Tika export: runs of tab-indented lines, (line, text)."""
    rows, row = [], []
    for number, text in enumerate([*path.read_text(encoding="utf-8").splitlines(), ""], 1):
        if text.startswith("\t"):
            row.append((number, text[1:].strip()))
        elif row:
            rows.append(row)
            row = []
    return rows


def printed_in_tika_text(path: Path) -> dict[int, Counter]:
    """Return the figures of table cells by row (the line of the row's first cell)."""
    printed: dict[int, Counter] = defaultdict(Counter)
    label_cells: set[int] = set()
    for row in tika_rows(path):
        cells = [cell for _, cell in row]
        if any(cell in ROW_LABELS for cell in cells):
            label_cells = {i for i, cell in enumerate(cells) if cell in ROW_LABELS}
        figures = [(i, cell) for i, cell in enumerate(cells) if FIGURE.match(cell)]
        values = [figure_value(cell) for _, cell in figures]
        if COLUMN_NUMBERS in cells or is_column_numbers(values):
            continue
        for i, cell in figures:
            if "." not in cell and (i in label_cells or (
                    i == 0 and len(figures) < len(cells) and 1 <= figure_value(cell) < 1000)):
                continue  # a row number
            printed[row[0][0]][figure_value(cell)] += 1
    return printed


def by_row(held: dict[int, Counter], rows: list[list[tuple[int, str]]]) -> dict[int, Counter]:
    """Re-key what is held by line to the first line of the row holding that line."""
    first_line = {line: row[0][0] for row in rows for line, _ in row}
    keyed: dict[int, Counter] = defaultdict(Counter)
    for line, numbers in held.items():
        keyed[first_line.get(line, line)] += numbers
    return keyed


# ---- XLSX: the worksheet XML -------------------------------------------------------------------

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def printed_in_xlsx(path: Path) -> dict[int, Counter]:
    """Return the figures of every worksheet cell, by sheet (1-based, workbook order)."""
    with zipfile.ZipFile(path) as book:
        shared = [
            "".join(t.text or "" for t in item.iter(f"{{{_NS['m']}}}t"))
            for item in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).findall(
                "m:si", _NS)] if "xl/sharedStrings.xml" in book.namelist() else []
        rels = {rel.get("Id"): rel.get("Target") for rel in ElementTree.fromstring(
            book.read("xl/_rels/workbook.xml.rels"))}
        sheets = ElementTree.fromstring(book.read("xl/workbook.xml")).find("m:sheets", _NS)
        printed: dict[int, Counter] = {}
        for index, sheet in enumerate(sheets, start=1):
            target = rels[sheet.get(_REL)].lstrip("/")
            xml = ElementTree.fromstring(book.read(
                target if target.startswith("xl/") else f"xl/{target}"))
            rows = []
            for row in xml.iter(f"{{{_NS['m']}}}row"):
                texts = []
                for cell in row.findall("m:c", _NS):
                    value = cell.find("m:v", _NS)
                    text = "" if value is None else value.text or ""
                    if cell.get("t") == "s" and text:
                        text = shared[int(text)]
                    elif cell.get("t") == "inlineStr":
                        text = "".join(t.text or "" for t in cell.iter(f"{{{_NS['m']}}}t"))
                    column = re.match(r"[A-Z]+", cell.get("r", "")).group(0)
                    texts.append((column, text.strip()))
                rows.append(texts)
            printed[index] = _grid_figures(rows)
    return printed


def _grid_figures(rows: list[list[tuple[str, str]]]) -> Counter:
    """Return the figures of a sheet's cells, less row labels and column numbers."""
    found: Counter = Counter()
    labels: set[str] = set()
    for row in rows:
        labels |= {column for column, text in row if text in ROW_LABELS}
        texts = [text for _, text in row if text]
        figures = [(column, text) for column, text in row if FIGURE.match(text)]
        values = [figure_value(text) for _, text in figures]
        if COLUMN_NUMBERS in texts or is_column_numbers(values):
            continue
        found.update(figure_value(text) for column, text in figures
                     if "." in text or column not in labels)
    return found


# ---- what the disclosure holds -------------------------------------------------------------

def numbers_in(text: str) -> list[Decimal]:
    return [Decimal(token.replace(",", "")) for token in NUMBER_IN_TEXT.findall(text)]


def held_by_location(disclosure, key: str) -> dict[int, Counter]:
    """Return what the disclosure holds, by page (``key="page"``) or line (``"line"``)."""
    held: dict[int, Counter] = defaultdict(Counter)
    where = re.compile(r":p(\d+):" if key == "page" else r":L(\d+):")
    for table, source, amount in zip(disclosure.amounts.table, disclosure.amounts.source,
                                     disclosure.amounts.amount_yuan, strict=True):
        unit = disclosure.tables[table].unit if table in disclosure.tables else "元"
        held[int(where.search(source).group(1))][amount / UNIT_FACTORS[unit]] += 1
    for table in [*disclosure.tables.values(), *disclosure.unrecognized]:
        frame = table.frame
        texts = [c for c in frame.columns if c not in ("row", "page", "line", "level")
                 and (frame[c].dtype == "string" or frame[c].dtype == object)]
        scores = [c for c in frame.columns if frame[c].dtype == "float64"]  # 分值, 得分
        for record in frame[[key, *texts, *scores]].to_dict("records"):
            if pd.isna(record[key]):
                continue
            location = int(record[key])
            held[location].update(Decimal(str(record[c])) for c in scores
                                  if not pd.isna(record[c]))
            for column in texts:
                text = record[column]
                if not isinstance(text, str):
                    continue
                if column == "line_code" and text.isdigit():
                    held[location].update([Decimal(text), Decimal(text[:3]), *(
                        Decimal(text[i:i + 2]) for i in range(3, len(text), 2))])
                else:
                    held[location].update(numbers_in(text))
    anomalies = disclosure.anomalies
    for location, text in zip(anomalies[key], anomalies.text, strict=True):
        if not pd.isna(location) and isinstance(text, str):
            held[int(location)].update(numbers_in(text))
    return held


def losses(printed: dict[int, Counter], held: dict[int, Counter]) -> dict[int, Counter]:
    return {location: printed[location] - held.get(location, Counter())
            for location in sorted(printed) if printed[location] - held.get(location, Counter())}


def known_losses(name: str) -> dict[int, Counter]:
    return {page: Counter(figure_value(text) for text in texts.split())
            for page, texts in KNOWN_LOSSES.get(name, {}).items()}


def load_alone(path: Path):
    """Load one file; a file of narrative alone (Beijing's 文字 half) holds no table."""
    try:
        return load_disclosure(path)
    except NotADisclosureError:
        return None


PDFS = sorted(path.relative_to(CORPUS_DIR).as_posix() for path in CORPUS_DIR.rglob("*.pdf"))


@pytest.mark.corpus
@pytest.mark.parametrize("name", PDFS)
def test_every_figure_printed_in_a_pdf_table_is_read_or_reported(name):
    path = CORPUS_DIR / name
    printed = printed_in_pdf(path)
    disclosure = load_alone(path)
    held = held_by_location(disclosure, "page") if disclosure is not None else {}
    assert sum(sum(c.values()) for c in printed.values()) > 0 or disclosure is None
    found = losses(printed, held)
    assert found == known_losses(path.name), \
        f"{name}: figures printed but not held, by page: {found}"


@pytest.mark.corpus
def test_every_figure_in_a_cell_of_the_seed_is_read_or_reported(seed):
    path = CORPUS_DIR / "seed" / "000_673e72c434b14bd5.txt"
    printed = printed_in_tika_text(path)
    assert sum(sum(c.values()) for c in printed.values()) == 363
    held = by_row(held_by_location(seed, "line"), tika_rows(path))
    assert losses(printed, held) == {}


@pytest.mark.corpus
def test_every_figure_in_the_reference_workbook_is_read_or_reported():
    path = CORPUS_DIR / "reference" / "shanghai_department_budget_template_2026.xlsx"
    printed = printed_in_xlsx(path)
    assert len(printed) == 17  # sheets; the template prints example codes in six of them
    assert sum(sum(c.values()) for c in printed.values()) == 45
    assert losses(printed, held_by_location(load_disclosure(path), "page")) == {}


# ---- the extractors themselves, on constructed input ---------------------------------------

def test_cell_figures_keep_cells_and_drop_numbers_inside_prose():
    def word(x0: float, x1: float, text: str) -> Word:
        return Word(x0, 100, x1, 110, text)

    prose = [word(0, 40, "下属"), word(42, 47, "5"), word(49, 80, "家预算单位")]
    assert cell_figures(prose) == []
    row = [word(0, 80, "一般公共服务支出"), word(120, 160, "1,295.78"), word(200, 210, "0")]
    assert [w.text for w in cell_figures(row)] == ["1,295.78", "0"]


def test_grid_figures_leave_out_row_labels_and_column_numbers():
    rows = [[("A", "序号"), ("B", "项目"), ("C", "金额")],
            [("A", ""), ("B", "栏次"), ("C", "1")],
            [("A", "1"), ("B", "合计"), ("C", "12.50")],
            [("A", "2"), ("B", "201"), ("C", "0")]]
    assert _grid_figures(rows) == Counter([Decimal("12.50"), Decimal(201), Decimal(0)])
