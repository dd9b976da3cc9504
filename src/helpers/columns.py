"""Map a printed table's columns to roles from their header words, never from positions.

Headers differ by region in order, in which columns exist and in how their merged cells
are printed. This module turns a grid's header rows into one label path per column
(merged group labels top-down, then the leaf) and maps each path to a role through the
vocabulary in :mod:`helpers.catalog`.

Quirks of the sources handled here:

* Paged readers (PDF, XLSX) print a merged label in the first column it spans, blank in
  the others: a group label is carried right over the columns that have labels below it.
* Text exports (Tika, DOCX) print a merged row with one cell per merged cell, so the row is
  shorter than the table: its cells are matched to the columns of the full row below — a
  column blank below took a vertically merged cell of its own, a run of labelled columns
  shares one horizontally merged cell.
* 栏次 rows ("栏次 | 1 | 2 | 3", "** | 1 | 2", "1 | 2 | … | 12") number the columns: they are
  header, not body.
* Some layouts leave the leaf labels in what a reader took for the first body row: a
  leading row without amounts whose texts are column vocabulary is header.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field

from helpers.catalog import (
    ITEM_QUALIFIERS,
    THREE_PUBLIC_ITEMS,
    TableKind,
    compact_label,
    measure_of,
    structural_role,
)
from helpers.money import AmountParseError, parse_amount
from helpers.raw import Cell, Grid

_COLUMN_NUMBER = re.compile(r"^(\d{1,2}|\*+|栏次|行次|[a-zA-Z])$")
_NUMBERED_NAME = re.compile(r"^\s*([一二三四五六七八九十]+、|\d+[、.．]|"
                            r"[（(][一二三四五六七八九十\d]+[）)]|\[?\d{3,}\]?)")


@dataclass
class ColumnMap:
    """The roles of a table's columns.

    Attributes:
        roles: One role per body column (see :mod:`helpers.catalog`).
        labels: The printed label path of each column, joined with "›" for messages.
        unmapped: Columns holding amounts whose labels name no measure: (index, label).
        numeric: Whether most of each column's printed cells are amounts.
    """

    roles: list[str]
    labels: list[str]
    unmapped: list[tuple[int, str]] = field(default_factory=list)
    numeric: list[bool] = field(default_factory=list)


@functools.lru_cache(maxsize=8192)  # cells repeat ("", "0.00", totals)
def is_amount(text: str) -> bool:
    """Return whether a cell's text reads as an amount."""
    try:
        return parse_amount(text) is not None
    except AmountParseError:
        return False


def is_column_number_row(row: list[Cell]) -> bool:
    """Return whether a row numbers the columns (栏次 1 2 3 …) rather than holding figures."""
    texts = [re.sub(r"\s+", "", cell.text) for cell in row]
    texts = [text for text in texts if text]
    if len(texts) < 2 or not all(_COLUMN_NUMBER.match(text) for text in texts):
        return False
    numbers = [int(text) for text in texts if text.isdigit()]
    return len(numbers) >= 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers))) \
        and numbers[0] <= 1


def is_label_row(row: list[Cell]) -> bool:
    """Return whether a row holds column labels (no amounts; texts are header vocabulary)."""
    texts = [compact_label(cell.text) for cell in row if cell.text.strip()]
    if len(texts) < 2 or any(is_amount(cell.text) for cell in row):
        return False
    if any(_NUMBERED_NAME.match(text) for text in texts):  # "一、一般公共预算资金" is a line
        return False
    known = sum(1 for text in texts if structural_role(text) or measure_of([text]))
    return known >= 2 and known * 2 >= len(texts)


def column_paths(header: list[list[Cell]], width: int) -> list[list[str]]:
    """Return each column's header labels, top-down, blanks and 栏次 rows left out."""
    rows = [[cell.text.strip() for cell in row] for row in header
            if not is_column_number_row(row)]
    rows = [_packed(row) for row in rows[:-1]] + rows[-1:]  # the leaf row is never merged
    full = [row if len(row) >= width else None for row in rows]
    grid: list[list[str]] = []
    for index, row in enumerate(rows):
        if full[index] is not None:
            grid.append(full[index][:width])
            continue
        below = next((full[j] for j in range(index + 1, len(rows)) if full[j] is not None), None)
        spread = _spread_short_row(row, below, width) if below is not None else None
        if spread is not None:
            grid.append(spread)
    grid = _carry_group_labels(grid, width)
    return [[grid[r][c] for r in range(len(grid)) if grid[r][c]] for c in range(width)]


def _packed(row: list[str]) -> list[str]:
    """Return a merged row written left-packed and padded with blanks as the short row it is.

    Writers that do not keep spans (a DOCX or XLSX made from a text export) print the
    merged row's texts side by side from the first column, then blanks. A row with a gap
    between its texts is a real full-width row and is kept.
    """
    texts = [text for text in row if text]
    count = len(texts)
    if count >= 2 and row[:count] == texts and count < len(row):
        return texts
    return row


def _spread_short_row(row: list[str], below: list[str], width: int) -> list[str] | None:
    """Place a text export's merged row over the columns of the full row below it.

    A column blank below holds a vertically merged cell of its own; a run of labelled
    columns lies under horizontally merged cells. When the row has more cells than that
    gives, a run is shared evenly between the cells left over (two groups of two side by
    side). None when the counts cannot be matched.
    """
    runs: list[list[int]] = []
    for column in range(width):
        if below[column] and runs and below[runs[-1][-1]]:
            runs[-1].append(column)
        else:
            runs.append([column])
    runs = _share_runs(runs, below, len(row))
    if runs is None:
        return None
    spread = [""] * width
    for text, run in zip(row, runs, strict=True):
        for column in run:
            spread[column] = text
    return spread


def _share_runs(runs: list[list[int]], below: list[str], cells: int) -> list[list[int]] | None:
    """Split labelled runs so that there is one run per cell, or return None.

    A run is split where the labels below change from structure to amounts ("科目编码 |
    科目名称" then "合计 | 人员经费") or repeat the run's first label ("项目 | 金额 | 项目 |
    合计 …"); failing that, evenly.
    """
    extra = cells - len(runs)
    if extra == 0:
        return runs
    labelled = [run for run in runs if below[run[0]]]
    if extra < 0 or len(labelled) != 1:
        return None
    run = labelled[0]
    structure = [structural_role(compact_label(below[c])) is not None for c in run]
    candidates = (
        [i for i in range(1, len(run)) if below[run[i]] == below[run[0]]],
        [i for i in range(1, len(run)) if structure[i - 1] and not structure[i]],
        [] if len(run) % (extra + 1) else list(range(len(run) // (extra + 1), len(run),
                                                     len(run) // (extra + 1))),
    )
    cuts = next((cuts for cuts in candidates if len(cuts) == extra), None)
    if cuts is None:
        return None
    bounds = [0, *cuts, len(run)]
    pieces = [run[a:b] for a, b in itertools.pairwise(bounds)]
    at = runs.index(run)
    return [*runs[:at], *pieces, *runs[at + 1:]]


def _carry_group_labels(grid: list[list[str]], width: int) -> list[list[str]]:
    """Carry a merged label printed in its first column over the columns it spans.

    A label spans right while the next column is blank in its row, has a label lower down,
    and no row above starts a new group there.
    """
    depth = len(grid)
    carried = [row[:] for row in grid]
    for r in range(depth - 1):
        for c in range(1, width):
            if carried[r][c] or not carried[r][c - 1]:
                continue
            has_lower = any(grid[lower][c] for lower in range(r + 1, depth))
            new_above = any(grid[upper][c] for upper in range(r))
            if has_lower and not new_above:
                carried[r][c] = carried[r][c - 1]
    return carried


def split_header(grid: Grid) -> tuple[list[list[Cell]], list[list[Cell]]]:
    """Split a grid's rows into header rows and body rows.

    Uses the reader's count where it has one, else the 栏次 row, else the leading rows
    without amounts; then takes leading body rows that number the columns or hold column
    labels into the header.
    """
    rows = grid.rows
    split = _first_body_row(grid)
    while split < len(rows) and (is_column_number_row(rows[split]) or is_label_row(rows[split])):
        split += 1
    header, body = rows[:split], rows[split:]
    if body and any(_CODE_LABEL.fullmatch(cell.text.strip()) for cell in body[0]):
        header, body = _lift_code_labels(header, body)
    return header, body


_CODE_LABEL = re.compile(r"[类款项]")


def _lift_code_labels(header: list[list[Cell]],
                      body: list[list[Cell]]) -> tuple[list[list[Cell]], list[list[Cell]]]:
    """Move 类 | 款 | 项 labels printed in the first body row (beside "合计") to the header."""
    first = body[0]
    labels = [cell if _CODE_LABEL.fullmatch(cell.text.strip()) else Cell("", cell.page, cell.line)
              for cell in first]
    rest = [Cell("", cell.page, cell.line) if _CODE_LABEL.fullmatch(cell.text.strip()) else cell
            for cell in first]
    body = [rest, *body[1:]] if any(cell.text.strip() for cell in rest) else body[1:]
    return [*header, labels], body


def _first_body_row(grid: Grid) -> int:
    rows = grid.rows
    if grid.header_rows is not None:
        return grid.header_rows
    for index, row in enumerate(rows):
        if row and row[0].text.replace(" ", "") == "栏次":
            return index + 1
    for index, row in enumerate(rows):
        if any(is_amount(cell.text) for cell in row) or names_a_body_line(
                [cell.text for cell in row]):
            return max(index, 1)
    return 1 if rows else 0


def names_a_body_line(cells: list[str]) -> bool:
    """Return whether a row's cell texts read as a line: a line name, then figures or names.

    It keeps a row whose amounts are garbled ("资产总额 | —— | O326.37") or blank (a
    template's "一、一般公共预算资金 | | 一、一般公共服务支出") in the body, while a header
    row that starts with "合计" but goes on with labels ("合计 | 因公出国（境）费 | …")
    stays a header.
    """
    texts = [text.strip() for text in cells if text.strip()]
    if not texts or not _BODY_NAME.search(texts[0]):
        return False
    return all(looks_like_figure(text) or _BODY_NAME.search(text)
               or set(text) <= set("—-– ") for text in texts[1:])


def looks_like_figure(text: str) -> bool:
    """Return whether a cell's text is a figure, however garbled, rather than a header label.

    A figure has a digit (any script's), is Latin ("NaN", "Infinity", "1166.94abc"), or is
    written in Chinese numerals ("一一六六.九四"); header labels are Chinese words. A row
    whose figures all look so is a body row: read as header, it would be lost unseen.
    """
    text = text.strip()
    return bool(text) and (bool(re.search(r"\d", text)) or text.isascii()
                           or bool(_CHINESE_NUMERALS.fullmatch(text)))


#: A figure spelt in Chinese numeral characters (with its point and separators).
_NUMERAL = "〇零一二三四五六七八九十百千万亿"
_CHINESE_NUMERALS = re.compile(rf"-?[{_NUMERAL}]{{2,}}(?:[.．点,，][{_NUMERAL}]*)*")


_BODY_NAME = re.compile(
    r"^\s*(合\s*计|总\s*计|[一二三四五六七八九十]+、|\d+[、.．]|\d{3,}$)|小计$|总额$"
)


def item_of(labels: list[str]) -> str | None:
    """Return the 三公 item a column's labels name (leaf first, then the groups above).

    A generic leaf (小计, 合计) takes its item from the nearest group that names one
    ("公务用车购置及运行费 › 小计" is the vehicle line, "“三公”经费 › 小计" the 三公 total).
    """
    if labels and _GENERIC_LEAF.match(labels[-1]):
        for group in reversed(labels[:-1]):
            if "公务用车" in group:
                return "vehicle"
            if "三公" in group:
                return "total"
    for label in reversed(labels):
        for pattern, key in THREE_PUBLIC_ITEMS:
            if re.search(pattern, label):
                if key == "total" and any("公务用车" in group for group in labels[:-1]):
                    return "vehicle"  # "公务用车购置及运行费 › 小计"
                return key
    return None


_GENERIC_LEAF = re.compile(r"^(小计|合计|总计)$")


def qualifier_of(labels: list[str], is_final: bool) -> str:
    """Return the measure of an item column from its labels (预算数 / 决算数 / 上年 …)."""
    measure = "total"
    for label in labels:
        if is_final and re.search(r"预算数", label):
            measure = "budget"
        for pattern, key in ITEM_QUALIFIERS:
            if re.search(pattern, label):
                measure = key
    return measure


def map_columns(kind: TableKind, header: list[list[Cell]], body: list[list[Cell]],
                width: int, is_final: bool = False) -> ColumnMap:
    """Map each body column to a role from its header labels.

    Args:
        kind: The table kind the title names.
        header: Header rows as split by :func:`split_header`.
        body: Body rows, each padded to ``width``.
        width: Number of body columns.
        is_final: The table is a 决算 table (its 预算数 columns are the budget, not the
            figure itself).

    Returns:
        The roles; amount columns whose labels name no measure are text roles, listed in
        ``unmapped`` so the caller can report them.
    """
    printed = column_paths(header, width)
    paths = [[compact_label(text) for text in path] for path in printed]
    paths = [[label for label in path if label] for path in paths]
    years = _years_of(printed)
    numeric = [_mostly_amounts(body, column) for column in range(width)]
    items = [item_of(path) for path in paths]
    item_columns = kind.shape == "items" and sum(1 for item in items if item) >= 2
    roles: list[str] = []
    unmapped: list[tuple[int, str]] = []
    for column, path in enumerate(paths):
        leaf = path[-1] if path else ""
        role = structural_role(leaf) if leaf else None
        if role == "text":
            role = f"text:{leaf}"
        if item_columns and items[column] and role not in ("name", "seq"):
            role = f"item:{items[column]}@{years[column] or qualifier_of(path, is_final)}"
        elif role is None:
            measure = measure_of(path)
            if is_final and measure == "total" and leaf == "预算数":
                measure = "budget"  # a 决算 table's 预算数 is the budget beside its 决算数
            if measure is not None:
                role = measure
            elif not path and _numbers_rows(body, column):
                role = "seq"
            elif numeric[column] and role is None:
                unmapped.append((column, "›".join(path) or f"column {column + 1}"))
                role = f"text:{leaf or column + 1}"
            elif not path and not any(row[column].text.strip() for row in body):
                role = "blank"
            else:
                role = f"text:{leaf or column + 1}"
        roles.append(role)
    _move_name_to_printed_column(roles, paths, body)
    if item_columns:
        _name_grand_totals(roles, paths)
    return ColumnMap(roles, ["›".join(path) for path in paths], unmapped, numeric)


def _move_name_to_printed_column(roles: list[str], paths: list[list[str]],
                                 body: list[list[Cell]]) -> None:
    """Give the name role to the unlabelled column beside an empty one under "项目名称".

    A merged "项目名称" label over two columns is printed in the first, while the names
    are printed in the second.
    """
    for column, role in enumerate(roles[:-1]):
        printed = any(row[column].text.strip() for row in body)
        beside = column + 1
        if role == "name" and not printed and not paths[beside] and roles[beside].startswith(
                "text:") and any(row[beside].text.strip() for row in body):
            roles[column], roles[beside] = "blank", "name"


def _years_of(paths: list[list[str]]) -> list[str | None]:
    """Return, per column, "previous_year" or "total" where groups name two or more years.

    "2025年预算数 | 2026年预算数" (Yantai), "2021年 | 2022年" (Xi'an): the latest year is the
    budget's own, earlier ones are last year's.
    """
    found = [next((int(m.group(1)) for label in path
                   if (m := re.match(r"^\s*(20\d\d)\s*年", label))), None) for path in paths]
    distinct = {year for year in found if year}
    if len(distinct) < 2:
        return [None] * len(paths)
    latest = max(distinct)
    return [None if year is None else ("total" if year == latest else "previous_year")
            for year in found]


def _name_grand_totals(roles: list[str], paths: list[list[str]]) -> None:
    """Tell a 合计 of 三公 + 会议费 + 培训费 from the 三公 total beside it.

    Tables of "“三公”经费、会议费、培训费" print both; the column whose labels name 三公 is
    the 三公 total, the other one totals the three kinds together.
    """
    for role in set(roles):
        columns = [c for c, other in enumerate(roles) if other == role]
        if not role.startswith("item:total@") or len(columns) < 2 or not any(
                "三公" in label for c in columns for label in paths[c]):
            continue
        for column in columns:
            if not any("三公" in label for label in paths[column]):
                roles[column] = role.replace("item:total@", "item:total_with_meetings@")


def unique_roles(roles: list[str]) -> list[str]:
    """Return roles made unique: a repeated role keeps its first column; later ones are text.

    A second name-like column (a fused code-and-name column beside the code) is text too.
    """
    seen: set[str] = set()
    unique = []
    for column, role in enumerate(roles):
        if role in seen and role not in ("seq", "blank"):  # neither is read into the table
            role = f"text:{role.removeprefix('text:')}#{column + 1}"
        seen.add(role)
        unique.append(role)
    return unique


_ITEM_ROLES = ("name", "code_name", "code")
#: A summary side's own amount column: its measure is the side's (income or expenditure).
_PLAIN_AMOUNT = re.compile(r"^(预算数|金额|预算|决算数|合计|本年预算数|预算金额)$")


def summary_sides(columns: ColumnMap) -> list[tuple[int, list[tuple[int, str]]]]:
    """Return a side-by-side summary table's sides: (item column, [(column, measure)]).

    Every non-amount column starts a side (收入 | 支出 by function | by economic class …).
    A side's plain amount column ("预算数", "金额", "决算数") is its income (first side) or
    its expenditure (a later side with one amount column).
    """
    sides: list[tuple[int, list[tuple[int, str]]]] = []
    for column, role in enumerate(columns.roles):
        is_item = role in _ITEM_ROLES or (role.startswith("text:")
                                          and not columns.numeric[column])
        if is_item:
            sides.append((column, []))
        elif sides and role not in ("seq", "blank"):
            leaf = columns.labels[column].split("›")[-1]
            plain = role.startswith("text:") or _PLAIN_AMOUNT.match(leaf)
            sides[-1][1].append((column, "total" if plain else role))
    for index, (_item, measures) in enumerate(sides):
        for position, (column, measure) in enumerate(measures):
            if measure == "total" and index == 0:
                measures[position] = (column, "income")
            elif measure == "total" and len(measures) == 1:
                measures[position] = (column, "expenditure")
    return [side for side in sides if side[1]]


def _numbers_rows(body: list[list[Cell]], column: int) -> bool:
    """Return whether an unlabelled column counts the rows (1, 2, 3 …)."""
    texts = [row[column].text.strip() for row in body if row[column].text.strip()]
    return len(texts) >= 2 and texts == [str(n) for n in range(1, len(texts) + 1)]


def _mostly_amounts(body: list[list[Cell]], column: int) -> bool:
    texts = [row[column].text for row in body if column < len(row) and row[column].text.strip()]
    if not texts:
        return False
    return sum(1 for text in texts if is_amount(text)) * 2 > len(texts)
