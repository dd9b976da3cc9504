"""What a reader sees for every internal key: one place that turns keys into Chinese labels.

The frames hold short English keys (``income_total``, ``abroad``, ``increase``,
``text_in_number``); readers of a report must never see them. The labels of table kinds and
measures live in :mod:`helpers.catalog`, those of 三公 items and headline figures in
:mod:`helpers.analysis`; the small vocabularies of the report pages (severity, status, change
direction, anomaly kind, level, scope, stage) are here. :func:`label` looks a key up in all of
them, and :func:`location_text` turns a finding's cell locations
(``file:p9:expenditure_summary:r3:total``) into words.

Quirks: a finding's locations can list hundreds of cells of one table (a 决算's self-evaluation
forms); :func:`location_text` groups them by file and table and counts the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "ANOMALY_KINDS_ZH",
    "DIRECTIONS_ZH",
    "LEVELS_ZH",
    "SCOPES_ZH",
    "SEVERITIES_ZH",
    "STAGES_ZH",
    "STATUSES_ZH",
    "internal_keys",
    "label",
    "location_text",
]

SEVERITIES_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
STATUSES_ZH = {"new": "新增", "dropped": "取消", "continued": "延续"}
SCOPES_ZH = {"department": "部门", "unit": "单位"}
STAGES_ZH = {"budget": "预算", "final": "决算"}
#: A stated change's direction (helpers.narrative reads 增加/减少/持平 into these keys).
DIRECTIONS_ZH = {"increase": "增加", "decrease": "减少", "flat": "持平"}
#: Level of a classification line: 0 is the 合计 row.
LEVELS_ZH = {0: "合计", 1: "类", 2: "款", 3: "项"}
#: Anomaly kind (helpers.anomalies.ANOMALY_KINDS) → what a reader sees.
ANOMALY_KINDS_ZH = {
    "text_in_number": "数字列中的文字",
    "amount_out_of_range": "金额超出可读范围",
    "malformed_code": "科目编码无法识别",
    "repaired_code": "科目编码印刷有误（已修复）",
    "duplicate_paragraph": "重复段落",
    "unrecognized_table": "未识别的表",
    "unmapped_column": "未识别的列",
    "table_unreadable": "表格无法可靠读取",
    "unparsed_row": "无法读取的行",
    "empty_note_with_figures": "注明空表却列示数字",
    "placeholder": "模板占位符",
    "truncated": "文件在表格中截断",
    "metadata": "部门、年度或单位无法确定",
    "unparsed_figure": "无法读取的文字说明数字",
}
#: Parts of a location that name no table or measure.
_PLACES = {"narrative": "文字说明", "line_code": "科目编码", "line_name": "科目名称"}


def _vocabularies() -> list[dict]:
    """Return every key → label mapping, most specific first (imported late: no cycles)."""
    from helpers.analysis import _HEADLINE_LABELS, GROUP_LABELS, THREE_PUBLIC_LABELS
    from helpers.catalog import KINDS_BY_KEY, MEASURES

    return [
        {key: kind.zh for key, kind in KINDS_BY_KEY.items()},
        # a column of a table (a location's last part) is a measure: "total" is 合计
        {key: zh for key, (zh, _) in MEASURES.items()},
        dict(_HEADLINE_LABELS),
        {key: zh for key, (zh, _) in GROUP_LABELS.items()},
        {key: zh for key, (_, zh, _) in THREE_PUBLIC_LABELS.items()},
        SEVERITIES_ZH, STATUSES_ZH, SCOPES_ZH, STAGES_ZH, DIRECTIONS_ZH, ANOMALY_KINDS_ZH,
        _PLACES,
    ]


def label(key: object, default: str | None = None) -> str:
    """Return the Chinese label of an internal key (a table kind, measure, item, …).

    Args:
        key: The key.
        default: What to return for an unknown key (the key itself when None: text that is
            not a key, such as a printed column header, passes through).
    """
    text = "" if key is None else str(key)
    for vocabulary in _vocabularies():
        if text in vocabulary:
            return vocabulary[text]
    return text if default is None else default


def internal_keys() -> set[str]:
    """Return every key a vocabulary labels (what a rendered page must not show)."""
    return {str(key) for vocabulary in _vocabularies() for key in vocabulary
            if isinstance(key, str)}


_PART = re.compile(r"^(?:L(?P<line>\d+)|p(?P<page>\d+))$")
_ROW = re.compile(r"^r(?P<row>\d+)$")


def _runs(numbers: Iterable[int]) -> str:
    """Return sorted numbers as runs: 3、4、5、9 → "3–5、9"."""
    ordered = sorted(set(numbers))
    runs: list[list[int]] = []
    for number in ordered:
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return "、".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def _column_text(column: str) -> str:
    """Return a location's column in words.

    A column is a position ("6", "c6"), a measure, or an item and its measure
    ("abroad@total": the 三公 table's 因公出国 item in its 合计 column).
    """
    item, _, measure = column.partition("@")
    if measure:
        return label(item) if measure == "total" else f"{label(item)}·{_column_text(measure)}"
    position = column[1:] if column[:1] == "c" and column[1:].isdigit() else column
    return f"第{position}列" if position.isdigit() else label(column)


def location_text(locations: object, limit: int = 3) -> str:
    """Return a finding's locations in words, grouped by file and table.

    ``"a.pdf:p9:expenditure_summary:r3:total; a.pdf:p9:expenditure_summary:r4:total"``
    becomes ``"a.pdf 第9页 支出总表 第3–4行（合计）"``.

    Args:
        locations: The ``"; "``-joined locations of a finding (``file:L<line>|p<page>:
            table:r<row>:column``).
        limit: How many groups are written out; the rest are counted.
    """
    if locations is None or not str(locations).strip():
        return ""
    groups: dict[tuple[str, str], dict[str, set]] = {}
    for location in str(locations).split(";"):
        parts = location.strip().split(":")
        if not parts or not parts[0]:
            continue
        file, rest = parts[0], parts[1:]
        place: dict[str, set] = {"pages": set(), "lines": set(), "rows": set(), "columns": set()}
        table = ""
        for part in rest:
            found = _PART.match(part)
            row = _ROW.match(part)
            if found:
                place["lines" if found["line"] else "pages"].add(int(found["line"] or
                                                                    found["page"]))
            elif row:
                place["rows"].add(int(row["row"]))
            elif not table:
                table = part
            else:
                place["columns"].add(part)
        group = groups.setdefault((file, table), {k: set() for k in place})
        for key, values in place.items():
            group[key] |= values
    files = {file for file, _ in groups}
    texts = []
    for (file, table), place in list(groups.items())[:limit]:
        words = [file] if len(files) > 1 or not texts else []
        if place["pages"]:
            words.append(f"第{_runs(place['pages'])}页")
        if place["lines"]:
            words.append(f"第{_runs(place['lines'])}行（文本）")
        if table:
            words.append(label(table))
        if place["rows"]:
            words.append(f"第{_runs(place['rows'])}行")
        if place["columns"]:
            columns = sorted(place["columns"], key=lambda c: (not c.isdigit(), c.zfill(4)))
            shown = [_column_text(c) for c in columns[:4]]
            words.append("（" + "、".join(shown) + ("等" if len(columns) > 4 else "") + "）")
        texts.append(" ".join(words))
    more = len(groups) - limit
    return "；".join(texts) + (f"；另 {more} 处" if more > 0 else "")
