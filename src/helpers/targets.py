"""Read 绩效目标表 (performance target forms) into a frame of indicators.

Target forms are the least regular tables of a disclosure; they are read best effort, and
what cannot be placed is reported cell by cell, never dropped. Quirks handled:

* Hebei prints one small table per project: a 绩效目标 row, a header row (一级指标 …
  指标值确定依据) and indicator rows whose merged 一级指标 cell is printed once per group.
* Shanghai (and many others) print a form: labelled fields (项目名称, 主管部门, funds such as
  项目资金总额 / 当年财政拨款) in irregular columns, then an indicator block; long cells
  wrap over several printed rows.
* 成本指标 values carry a comparator and an amount ("≥20万元", "≤5万元"): the amount is
  read exactly as a ``cost_target``; any other value stays text.
* Forms of other designs (no 一级/二级/三级指标 + 指标值 columns) keep their cells as
  ``unparsed_row`` anomalies with their location.
* 决算 项目绩效自评表 (national template): a funds row "年度资金总额" printing 年初预算数,
  全年预算数, 全年执行数, 分值, 执行率, 得分 under a header whose words wrap over rows
  ("年初预" / "算数"), and a 总分 row (分值, 得分). Those two rows are read; the sub-fund
  rows (their labels wrap into the rows between figures) and the indicator rows stay
  ``unparsed_row`` anomalies.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

import pandas as pd

from helpers.money import AMOUNT_DTYPE, AmountParseError, parse_amount
from helpers.raw import Cell, Grid
from helpers.schema import LOCATION_DTYPES, typed_frame

if TYPE_CHECKING:
    from helpers.normalize import CellReader

_FIGURE = re.compile(r"\d")
#: A form that prints no 单位 caption declares it in its funds label: "项目资金（万元）".
_FORM_UNIT = re.compile(r"[（(]\s*(万元|元)\s*[)）]")
_COST_VALUE = re.compile(
    r"^(?P<cmp>[≥≧>＞≤≦<＜=＝]*)\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|元)"
)
_COMPARATORS = {"≥": "≥", "≧": "≥", ">": ">", "＞": ">", "≤": "≤", "≦": "≤", "<": "<",
                "＜": "<", "=": "=", "＝": "=", "": "="}

#: The figures of a 自评表's funds row, in the order the national template prints them.
SELF_EVALUATION_FUNDS = ("budget_initial", "budget_full", "executed", "funds_weight",
                         "execution_rate", "funds_score")
#: Words the header above the funds row prints, each possibly wrapped ("年初预" / "算数").
_SELF_EVALUATION_HEADER = ("年初预", "全年预", "执行数", "分值", "执行率", "得分")
_SELF_EVALUATION_DTYPES = {
    "project_name": "string", "budget_initial_yuan": AMOUNT_DTYPE,
    "budget_full_yuan": AMOUNT_DTYPE, "executed_yuan": AMOUNT_DTYPE,
    "funds_weight": "float64", "execution_rate_printed": "string", "funds_score": "float64",
    "total_weight": "float64", "total_score": "float64", **LOCATION_DTYPES,
}
_SCORE = re.compile(r"^\d+(?:\.\d+)?$")
_RATE_TEXT = re.compile(r"^\d+(?:\.\d+)?%$")

_TARGET_DTYPES = {
    **dict.fromkeys(["project_name", "goal", "level1", "level2", "level3", "description",
                     "target_value", "comparator"], "string"),
    "amount_yuan": AMOUNT_DTYPE, "basis": "string", **LOCATION_DTYPES,
}


#: Standard 二级指标 → 一级指标 (财政部 performance indicator framework); lets a form whose
#: merged 一级指标 cell is printed mid-group still assign every row.
LEVEL2_TO_LEVEL1: dict[str, str] = {
    "数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标",
    "成本指标": "产出指标", "经济效益指标": "效益指标", "社会效益指标": "效益指标",
    "生态效益指标": "效益指标", "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
}

#: 绩效目标填报表 funding labels → measure (Shanghai; 福州 资金总额 | 财政拨款; 烟台 and
#: 西安 年度预算资金总额： / 实施期资金总额： | 其中：财政拨款).
_FORM_FUNDS: tuple[tuple[str, str], ...] = (
    (r"^项目资金总额$", "project_total"),
    (r"^(?:年度预算|实施期)?资金总额[:：]?$", "project_total"),
    (r"^(?:其中[:：])?财政拨款$", "current_grant"),
    (r"^年度资金申请总额$", "annual_request"),
    (r"当年财政拨款$", "current_grant"),
    (r"^其中[:：]?财政资金$", "fiscal_funds"),
    (r"^上年结转资金$", "carryover"),
    (r"^其他资金$", "other_funds"),
)


def read_targets(reader: CellReader, grid: Grid) -> pd.DataFrame:
    """Read a 绩效目标表: goal row, header row, indicator rows (一级指标 carried down)."""
    if any(cell.text.strip() == "项目名称" for row in grid.rows for cell in row):
        return _read_target_form(reader, grid)
    project = re.sub(r"^\s*\d+\s*[、.．]\s*|绩效目标(填报|申报)?表$", "", grid.title).strip()
    goal, records, level1 = "", [], ""
    for row_number, row in enumerate(grid.rows, start=1):
        texts = [cell.text.strip() for cell in row]
        if texts and texts[0] == "绩效目标":
            goal = "\n".join(text for text in texts[1:] if text)
            continue
        if "一级指标" in texts or not any(texts):
            continue
        if len(texts) == 5:
            texts = [level1, *texts]
        if len(texts) != 6:
            for column, cell in enumerate(row, start=1):
                if cell.text.strip():
                    reader.anomaly("unparsed_row", "target row of unexpected width", cell,
                                   row_number, str(column))
            continue
        level1 = texts[0] or level1
        value_cell = row[-2]
        comparator, amount = None, None
        if "成本" in texts[1]:
            comparator, amount = _read_cost_value(reader, value_cell, row_number)
        records.append({
            "project_name": project, "goal": goal, "level1": level1, "level2": texts[1],
            "level3": texts[2], "description": texts[3], "target_value": texts[4],
            "comparator": comparator, "amount_yuan": amount, "basis": texts[5],
            "row": row_number, "page": value_cell.page, "line": value_cell.line,
        })
        if amount is not None:
            line = {"line_code": None, "line_name": project, "level": None}
            reader.record(line, "cost_target", amount, value_cell, row_number, "none")
    return typed_frame(records, _TARGET_DTYPES)


def _read_target_form(reader: CellReader, grid: Grid) -> pd.DataFrame:
    """Read a Shanghai 财政项目支出绩效目标填报表: labelled fields, funds, indicator rows.

    The form prints labels and values in irregular columns and wraps long cells over
    several rows, so values are found right of their labels, and indicator columns by the
    header row's labels.
    """
    rows = [[cell.text.strip() for cell in row] for row in grid.rows]
    project, goal_parts, records, pending = "", [], [], ""
    header_index = next((i for i, r in enumerate(rows) if "一级指标" in r), len(rows))
    if reader.unit is None:
        reader.unit = next((match.group(1) for texts in rows[:header_index] for text in texts
                            if (match := _FORM_UNIT.search(text))), None)
    for row_number, (texts, cells) in enumerate(zip(rows, grid.rows, strict=True), start=1):
        if row_number - 1 >= header_index:
            break
        for index, text in enumerate(texts):
            value_index = next((j for j in range(index + 1, len(texts)) if texts[j]), None)
            if value_index is None:
                continue
            if text == "项目名称":
                project = texts[value_index]
            for pattern, measure in _FORM_FUNDS:
                if re.search(pattern, text.replace(" ", "")):
                    value = reader.amount(cells[value_index], row_number, measure)
                    if value is not None:
                        line = {"line_code": None, "line_name": project, "level": None}
                        reader.record(line, measure, value, cells[value_index], row_number,
                                      "none")
        if any(t in ("项目总目标", "年度总体目标") for t in texts) or goal_parts:
            goal_parts.extend(t for t in texts if t and t not in (
                "项目总目标", "年度总体目标", "项目", "绩效", "目标"))
    if header_index < len(rows):
        header = rows[header_index]
        starts = _indicator_columns(header)
        if starts is None:  # a form of another design: keep its indicator rows as anomalies
            _report_unparsed(reader, grid.rows[header_index:], header_index + 1,
                             "indicator columns (一级/二级/三级指标, 指标值) not found")
            return typed_frame(records, _TARGET_DTYPES)
        bounds = [*starts[1:], len(header)]
        for row_number in range(header_index + 2, len(rows) + 1):
            texts, cells = rows[row_number - 1], grid.rows[row_number - 1]
            level1, level2, level3, value = ("".join(texts[a:b]) for a, b in
                                             zip(starts, bounds, strict=True))
            if not level3 and not value:
                fragment = level2 or level1
                if records and fragment and not pending and records[-1]["level2"] and \
                        not records[-1]["level2"].endswith("指标"):
                    records[-1]["level2"] += fragment
                else:
                    pending += fragment if fragment not in LEVEL2_TO_LEVEL1.values() else ""
                continue
            level2 = pending + level2 if pending else level2
            pending = ""
            value_cell = cells[starts[3]] if starts[3] < len(cells) else cells[-1]
            comparator, amount = (_read_cost_value(reader, value_cell, row_number)
                                  if "成本" in level2 else (None, None))
            records.append({
                "project_name": project, "goal": "".join(goal_parts), "level1": level1,
                "level2": level2, "level3": level3, "description": "", "target_value": value,
                "comparator": comparator, "amount_yuan": amount, "basis": "",
                "row": row_number, "page": value_cell.page, "line": value_cell.line,
            })
            if amount is not None:
                line = {"line_code": None, "line_name": project, "level": None}
                reader.record(line, "cost_target", amount, value_cell, row_number, "none")
    for record in records:
        record["level1"] = LEVEL2_TO_LEVEL1.get(record["level2"], record["level1"])
    return typed_frame(records, _TARGET_DTYPES)


def _indicator_columns(header: list[str]) -> list[int] | None:
    """Return where the 一级指标, 二级指标, 三级指标 and 指标值 columns start, or None."""
    starts = []
    for label in ("一级指标", "二级指标", "三级指标", "指标值"):
        start = next((i for i, text in enumerate(header) if label in text), None)
        if start is None or (starts and start <= starts[-1]):
            return None
        starts.append(start)
    return starts


def _report_unparsed(reader: CellReader, rows: list[list[Cell]], first_row: int,
                     why: str) -> None:
    """Report every printed cell of rows that could not be read, with its location."""
    for row_number, row in enumerate(rows, start=first_row):
        for column, cell in enumerate(row, start=1):
            if cell.text.strip():
                reader.anomaly("unparsed_row", why, cell, row_number, str(column))


def _read_cost_value(reader: CellReader, cell: Cell, row: int) -> tuple[str | None, Decimal | None]:
    match = _COST_VALUE.match(cell.text.strip().replace(" ", ""))
    if not match:
        if _FIGURE.search(cell.text):
            reader.anomaly("text_in_number", "成本指标 value is not an amount", cell, row,
                           "target_value")
        return None, None
    try:
        amount = parse_amount(match.group("num"), match.group("unit"))
    except AmountParseError:
        reader.anomaly("text_in_number", "成本指标 value is not an amount", cell, row,
                       "target_value")
        return None, None
    return _COMPARATORS[match.group("cmp")[:1]], amount




def read_self_evaluation(reader: CellReader, grid: Grid) -> pd.DataFrame:
    """Read a 决算 项目绩效自评表: its funds row and its 总分, one row per form.

    The funds row's money (年初预算数, 全年预算数, 全年执行数) joins the tidy amounts; the
    分值, 执行率 and 得分 are scores, kept in the frame as printed. Every other printed cell
    is an ``unparsed_row`` anomaly with its location.
    """
    rows = [[cell.text.strip() for cell in row] for row in grid.rows]
    project = _form_field(rows, "项目名称") or re.sub(
        r"^\s*\d+\s*[、.．]\s*|(项目)?(支出)?绩效自评表$", "", grid.title).strip()
    record: dict[str, object] = {"project_name": project}
    read_rows: set[int] = set()
    funds = next((i for i, texts in enumerate(rows)
                  if any(re.match(r"^年度资金总额", t) for t in texts)), None)
    if funds is not None and _read_funds_row(reader, grid, funds, project, record):
        read_rows.add(funds)
    total = next((i for i, texts in enumerate(rows) if "总分" in texts), None)
    if total is not None:
        scores = [t for t in rows[total][rows[total].index("总分") + 1:] if t]
        if len(scores) == 2 and all(_SCORE.match(t) for t in scores):
            record["total_weight"], record["total_score"] = (float(t) for t in scores)
            read_rows.add(total)
    for index, row in enumerate(grid.rows):
        if index not in read_rows:
            _report_unparsed(reader, [row], index + 1, "self-evaluation row not read")
    if len(record) == 1:
        return typed_frame([], _SELF_EVALUATION_DTYPES)
    anchor = grid.rows[funds if funds in read_rows else total][0]
    record.update(row=(funds if funds in read_rows else total) + 1, page=anchor.page,
                  line=anchor.line)
    return typed_frame([record], _SELF_EVALUATION_DTYPES)


def _form_field(rows: list[list[str]], label: str) -> str:
    """Return the first text right of a form's label cell ("项目名称" → its value), or ""."""
    for texts in rows:
        if label in texts:
            return next((t for t in texts[texts.index(label) + 1:] if t), "")
    return ""


def _read_funds_row(reader: CellReader, grid: Grid, index: int, project: str,
                    record: dict[str, object]) -> bool:
    """Read the 年度资金总额 row into ``record``; return whether it could be read.

    Its six figures are taken in the template's order only when the header above names
    all six (:data:`_SELF_EVALUATION_HEADER`) and the row prints exactly six.
    """
    header = "".join(text for row in grid.rows[:index] for text in (c.text for c in row))
    cells = grid.rows[index]
    label = next(i for i, c in enumerate(cells) if c.text.strip().startswith("年度资金总额"))
    figures = [c for c in cells[label + 1:] if c.text.strip()]
    header = re.sub(r"\s+", "", header)
    if len(figures) != 6 or not all(word in header for word in _SELF_EVALUATION_HEADER):
        return False
    weight, rate, score = (c.text.strip() for c in figures[3:])
    if not (_SCORE.match(weight) and _RATE_TEXT.match(rate) and _SCORE.match(score)):
        return False
    line = {"line_code": None, "line_name": project, "level": None}
    for measure, cell in zip(SELF_EVALUATION_FUNDS[:3], figures[:3], strict=True):
        value = reader.amount(cell, index + 1, measure)
        record[f"{measure}_yuan"] = value
        if value is not None:
            reader.record(line, measure, value, cell, index + 1, "none")
    record.update(funds_weight=float(weight), execution_rate_printed=rate,
                  funds_score=float(score))
    return True
