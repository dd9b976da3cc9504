"""Grading: whether a filled-in answer is right, and whether a claimed defect was planted.

:func:`verify` computes a question's expected value from the class documents as
:data:`helpers.workshop.content.QUESTIONS` says (:data:`EXPECTED`) and answers right or
wrong, never showing it. :func:`check_answer` compares a participant's claim about the
suspect (rule, table, line or row, amount — or one row of the findings table) with the
answer key rebuilt from the seed; it says right or wrong and how many defects are found so
far, never what or where the others are.

Quirks: the Shanghai-style synthetic documents print table cells in 元 with thousands
separators, the Hebei-style ones in 万元; answer-key amounts are read in the unit of the
place they were printed (cells of Shanghai tables in 元, everything else in 万元). A claim's
amount may be given in 万元 (as the reports show) or in 元. The W02 finding names the
economic 类 whose 款 do not add up, not the 款 that was changed: a claim naming the 类
(``"301"``) counts as right for a broken hierarchy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import pandas as pd
from IPython.display import HTML

from helpers.catalog import KINDS_BY_KEY
from helpers.model import Disclosure
from helpers.money import UNIT_FACTORS
from helpers.workshop.content import QUESTIONS
from helpers.workshop.datasets import Workshop, answer_key, current, suspect_style
from helpers.workshop.views import box, cell

__all__ = ["EXPECTED", "Verdict", "check_answer", "progress", "verify"]

_WAN = UNIT_FACTORS["万元"]
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_LOCATION = re.compile(r":([a-z_]+):r(\d+):")


def _personnel_share(d: Disclosure) -> Decimal:
    table = d.table("general_budget_basic_expenditure")
    total = table[table["level"] == 0].iloc[0]
    return Decimal(str(total["personnel"])) / Decimal(str(total["total"])) * 100


def _project_share(d: Disclosure) -> Decimal:
    table = d.table("expenditure_summary")
    total = table[table["level"] == 0].iloc[0]
    return Decimal(str(total["project"])) / Decimal(str(total["total"])) * 100


def _largest_project(d: Disclosure) -> set[str]:
    from helpers.analysis import project_shares

    frame = project_shares(d)
    items = frame[frame["row_kind"] == "function_item"]
    best = items.loc[items["amount_yuan"].astype(float).idxmax()]
    return {str(best["line_name"]), str(best["line_code"])}


def _stated_change_true(w: Workshop, key: str, earlier: str) -> bool:
    from helpers.checks import check

    findings = check(w.load(key), previous=w.load(earlier))
    wrong = findings[(findings["rule_id"] == "Y01")
                     & findings["message_en"].str.contains("fiscal_grant_income")]
    return wrong.empty


def _higher_personnel(w: Workshop, key: str, other: str) -> set[str]:
    a, b = w.load(key), w.load(other)
    winner, name = ("A", a) if _personnel_share(a) >= _personnel_share(b) else ("B", b)
    return {winner, winner.lower(), str(name.meta.department)}


def _cell_of(w: Workshop, key: str, table: str, line: str, column: str) -> Decimal | None:
    return cell(w.load(key), table, line, column)


def _change(w: Workshop, key: str, earlier: str, table: str, line: str,
            column: str) -> Decimal | None:
    now, before = _cell_of(w, key, table, line, column), _cell_of(w, earlier, table, line,
                                                                  column)
    return None if now is None or before is None else now - before


#: How an expected value is found (the first word of a question's "how" in
#: :data:`~helpers.workshop.content.QUESTIONS`) → the computation, given the workshop and
#: the rest of the "how".
EXPECTED: dict[str, Callable[..., Any]] = {
    "cell": _cell_of,
    "change": _change,
    "personnel_share": lambda w, key: _personnel_share(w.load(key)),
    "project_share": lambda w, key: _project_share(w.load(key)),
    "largest_project": lambda w, key: _largest_project(w.load(key)),
    "higher_personnel": lambda w, key, other: _higher_personnel(w, key, other),
    "stated_change_true": lambda w, key, earlier: _stated_change_true(w, key, earlier),
}


def expected_answer(question: str, workshop: Workshop) -> Any:
    """Return a question's expected value, computed from the class documents."""
    how = QUESTIONS[question][2]
    return EXPECTED[how[0]](workshop, *how[1:])


def _as_decimal(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        return Decimal(str(value).replace(",", "").replace("%", "").replace("万元", "").strip())
    except (InvalidOperation, ValueError):
        return None


def _matches(kind: str, answer: object, expected: Any) -> bool:
    if kind == "bool":
        text = str(answer).strip().lower()
        given = {"true": True, "false": False, "是": True, "否": False, "对": True,
                 "错": False}.get(text)
        return given is not None and given == bool(expected)
    if kind == "choice":
        return str(answer).strip() in expected
    number = _as_decimal(answer)
    if number is None or expected is None:
        return False
    tolerance = Decimal("0.1") if kind == "percent" else Decimal("0.005")
    return abs(number - Decimal(str(expected))) <= tolerance


def verify(question: str, answer: object, workshop: Workshop | None = None) -> HTML:
    """Say whether a filled-in answer is right, without showing the expected value.

    Args:
        question: Question id ("1.1").
        answer: The participant's answer (a number in 万元 or %, a name, True/False).
        workshop: The class datasets (default: the last :func:`prepare_workshop`).

    Returns:
        A short bilingual verdict for display.
    """
    if question not in QUESTIONS:
        return box("？", f"没有题目 {question}", f"no question {question}", "#eee")
    what = QUESTIONS[question][0]
    if answer is Ellipsis or answer is None:
        return box("✎", f"{question}（{what}）还没有填写：把 ... 换成你的答案。",
                    "not filled in yet: replace ... with your answer.", "#f6f8fa")
    kind = QUESTIONS[question][1]
    if _matches(kind, answer, expected_answer(question, current(workshop))):
        return box("✔", f"{question} 正确！", "correct!", "#dff6dd")
    return box("✘", f"{question} 还不对，再看看（可以运行 hint(\"{question}\")）。",
                "not yet: look again (or ask for a hint).", "#fde2e1")


def _yuan_candidates(defect: dict[str, object], style: str) -> set[Decimal]:
    """Return the amounts (元) that identify a defect: printed, expected, their difference."""
    location = defect["location"]
    in_yuan = style == "shanghai" and "table" in location  # Shanghai cells print 元
    values: list[list[Decimal]] = []
    for text in (defect.get("expected"), defect.get("printed")):
        numbers = [Decimal(n.replace(",", "")) for n in _NUMBER.findall(str(text or ""))]
        numbers = [n for n in numbers if not (1900 < n < 2100 and n == n.to_integral())]
        values.append([n if in_yuan else n * _WAN for n in numbers])
    found = set(values[0]) | set(values[1])
    if len(values[0]) == 1 and len(values[1]) == 1:
        found.add(abs(values[1][0] - values[0][0]))
    return found


def _amount_matches(claimed: Sequence[Decimal], candidates: set[Decimal]) -> bool:
    for value in claimed:
        for candidate in candidates:
            if abs(abs(value) - candidate) < 50 or abs(abs(value) * _WAN - candidate) < 50:
                return True
    return False


def _table_key(text: object) -> str | None:
    if text is None:
        return None
    given = str(text).strip()
    for key, kind in KINDS_BY_KEY.items():
        if given in (key, kind.zh, kind.en) or given.lower() == kind.en.lower():
            return key
    for key, kind in KINDS_BY_KEY.items():  # 部门预算支出总表, 国有资本…
        core = kind.zh.replace("表", "").replace("“", "").replace("”", "")
        if len(given) >= 2 and (core in given or given in kind.zh):
            return key
    return given


def _same_line(claimed: object, defect: dict[str, object]) -> bool:
    if claimed is None:
        return False
    location = defect["location"]
    text = str(claimed).strip().replace("第", "").replace("项", "")
    if "item_no" in location:
        return text == str(location["item_no"])
    line = str(location.get("line", ""))
    if text in ("total", "合计") and line == "合计":
        return True
    if text == line:
        return True
    return defect["kind"] == "broken_hierarchy" and len(text) == 3 and line.startswith(text)


@dataclass
class _Claim:
    rule: str
    tables: list[str]
    rows: list[tuple[str, int]]
    line: object
    amounts: list[Decimal]


def _claim_from_finding(finding: pd.Series) -> _Claim:
    locations = str(finding.get("locations", ""))
    rows = [(table, int(row)) for table, row in _LOCATION.findall(locations)]
    tables = list(dict.fromkeys(table for table, _ in rows))
    message = str(finding.get("message_en", ""))
    tables += [key for key in KINDS_BY_KEY if re.search(rf"\b{key}\b", message)
               and key not in tables]
    item = re.search(r"\bitem (\d+)\b", message)
    amounts = []
    for column in ("printed_yuan", "expected_yuan", "difference_yuan"):
        value = finding.get(column)
        if value is not None and not pd.isna(value):
            amounts.append(Decimal(str(value)) / _WAN)  # _amount_matches reads 万元 or 元
    return _Claim(str(finding.get("rule_id", "")).upper(), tables, rows,
                  item.group(1) if item else None, amounts)


def _claim(rule: Any, table: str | None, line: object, amount: object,
           row: int | None) -> _Claim:
    if isinstance(rule, pd.Series):
        return _claim_from_finding(rule)
    rule, table, line, amount, row = (None if value is Ellipsis else value
                                      for value in (rule, table, line, amount, row))
    key = _table_key(table)
    number = _as_decimal(amount) if amount is not None else None
    return _Claim(str(rule or "").strip().upper(), [key] if key else [],
                  [(key, int(row))] if key and row is not None else [], line,
                  [number] if number is not None else [])


def _defect_matches(claim: _Claim, defect: dict[str, object], style: str) -> bool:
    if claim.rule != defect["rule_id"]:
        return False
    location = defect["location"]
    table = location.get("table")
    if table is not None:
        if claim.tables and table not in claim.tables:
            return False
        if defect["kind"] == "missing_table":
            return bool(claim.tables)
        if (table, location.get("row")) in claim.rows or _same_line(claim.line, defect):
            return True
        return _amount_matches(claim.amounts, _yuan_candidates(defect, style))
    return _same_line(claim.line, defect) or _amount_matches(
        claim.amounts, _yuan_candidates(defect, style))


@dataclass(repr=False)
class Verdict:
    """The answer to one claim: right or not, and how many defects are found so far.

    Attributes:
        correct: True for a planted defect, False for none, None for an incomplete claim.
        found: Planted defects found so far (this one included).
        total: Planted defects in the suspect.
        new: Whether this claim found a defect not found before.
    """

    correct: bool | None
    found: int
    total: int
    new: bool = False

    def texts(self) -> tuple[str, str]:
        """Return the verdict in Chinese and English."""
        tally_zh = f"已找到 {self.found} / {self.total} 个埋设的问题。"
        tally_en = f"{self.found} of {self.total} planted defects found."
        if self.correct is None:
            return ("请写清楚规则和位置：table 加 line（或 row），或 amount（万元）。" + tally_zh,
                    "Say where: a table and a line (or row), or an amount (万元). " + tally_en)
        if self.correct:
            again = "" if self.new else "（这个之前已经找到过）"
            return (f"✔ 正确：这是一个埋设的问题{again}。" + tally_zh,
                    "Right: this is a planted defect" + ("" if self.new else " (found before)")
                    + ". " + tally_en)
        return ("✘ 这里没有埋设的问题（也可能是另一个问题引起的连带结果）。" + tally_zh,
                "No planted defect there (it may be a consequence of another one). " + tally_en)

    def __str__(self) -> str:
        zh, en = self.texts()
        return f"{zh}\n{en}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        zh, en = self.texts()
        color = {True: "#dff6dd", False: "#fde2e1", None: "#fff3cd"}[self.correct]
        return box("", zh, en, color).data


def _judge(workshop: Workshop, rule: Any, table: str | None, line: object, amount: object,
           row: int | None) -> Verdict:
    claim = _claim(rule, table, line, amount, row)
    defects = answer_key(workshop.seed)
    total = len(defects)
    if not claim.rule or not (claim.tables or claim.line is not None or claim.amounts):
        return Verdict(None, len(workshop.found), total)
    style = suspect_style(workshop.seed)
    for index, defect in enumerate(defects):
        if _defect_matches(claim, defect, style):
            new = index not in workshop.found
            workshop.found.add(index)
            return Verdict(True, len(workshop.found), total, new)
    return Verdict(False, len(workshop.found), total)


def check_answer(rule: Any, table: str | None = None, line: object = None,
                 amount: object = None, row: int | None = None,
                 workshop: Workshop | None = None) -> Verdict:
    """Judge a claim about the suspect's planted defects, revealing nothing else.

    A claim names the rule that finds the defect and where it is: a table and a line (code,
    "合计", or a 支出主要内容 item number) or row, or the amount involved (the printed or
    expected figure, or the difference, in 万元 or 元). One row of the findings table is a
    claim too: ``check_answer(findings.iloc[0])``.

    Args:
        rule: Rule id ("W01"), or one row of :func:`helpers.check`'s findings.
        table: Table key ("expenditure_summary") or its Chinese name ("支出总表").
        line: Line code ("30201"), "合计", or an item number.
        amount: An amount in 万元 (or 元).
        row: Body row number of the table (as in the findings' ``:r<row>:``).
        workshop: The class datasets (default: the last :func:`prepare_workshop`).

    Returns:
        The verdict: right, wrong or incomplete, with the count found so far.
    """
    return _judge(current(workshop), rule, table, line, amount, row)


def progress(workshop: Workshop | None = None) -> HTML:
    """Return how many planted defects are found so far."""
    shown = current(workshop)
    total = len(answer_key(shown.seed))
    return box("", f"已找到 {len(shown.found)} / {total} 个埋设的问题。",
               f"{len(shown.found)} of {total} planted defects found.", "#eef6ff")


