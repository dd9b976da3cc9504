"""Helpers for the fiscal-transparency workshop (``notebooks/workshop/``).

The workshop is four notebooks for a three-hour class of participants who know spreadsheets
but not pandas. This module holds everything the notebooks need besides the project's own
helpers, so that the notebooks stay thin:

* The class datasets, generated deterministically from a seed into a folder
  (:func:`prepare_workshop`): department A over two years (its newest narrative carries one
  false stated change), department B (another regional style) for comparisons, and the
  "suspect" of the audit-detective notebook with a few planted defects and a clean previous
  year. Nothing in that folder says where the defects are.
* :func:`verify` — tells a participant whether a filled-in answer is right; the expected
  value is computed from the documents when asked and never shown.
* :func:`check_answer` — compares a participant's claim about a planted defect (rule,
  table, line or row, amount — or one row of the findings table) with the generator's
  answer key, which is rebuilt in memory from the seed; it says right or wrong and how many
  defects are found so far, never what or where the others are.
* :func:`hint` texts, the glossary and the table overview of the first notebook.

The participant / solution versions of the notebooks and their render (``budget-notebooks
workshop``) are built by :mod:`helpers.workshop_build`.

Quirks: the Shanghai-style synthetic documents print table cells in 元 with thousands
separators, the Hebei-style ones in 万元; answer-key amounts are read in the unit of the
place they were printed (cells of Shanghai tables in 元, everything else in 万元). A claim's
amount may be given in 万元 (as the reports show) or in 元. The W02 finding names the
economic 类 whose 款 do not add up, not the 款 that was changed: a claim naming the 类
(``"301"``) counts as right for a broken hierarchy.
"""

from __future__ import annotations

import functools
import html
import json
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pandas as pd
from IPython.display import HTML

from helpers import synth
from helpers.catalog import KINDS_BY_KEY
from helpers.model import Disclosure, load_disclosure
from helpers.money import UNIT_FACTORS, round_wan

__all__ = [
    "DEFAULT_SEED",
    "NOTEBOOKS",
    "WORKSHOP_DIR",
    "Verdict",
    "Workshop",
    "answer_key",
    "answer_sheet",
    "cell",
    "check_answer",
    "glossary",
    "hint",
    "prepare_workshop",
    "progress",
    "relations",
    "show",
    "tables_overview",
    "verify",
]

DEFAULT_SEED = 2024
YEARS = (2023, 2024)
WORKSHOP_DIR = Path(__file__).resolve().parents[2] / "notebooks" / "workshop"
NOTEBOOKS = ("01_reading_a_disclosure.ipynb", "02_personnel_vs_operating.ipynb",
             "03_projects_and_year_over_year.ipynb", "04_audit_detective.ipynb")
MANIFEST = "workshop.json"
#: How many defects the suspect carries (drawn from :data:`helpers.synth.DEFECTS` by seed).
SUSPECT_DEFECTS = 5
_VERSION = 1
_WAN = UNIT_FACTORS["万元"]
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_LOCATION = re.compile(r":([a-z_]+):r(\d+):")
_CURRENT: Workshop | None = None

#: The nine standard tables of a 部门预算 (财预〔2016〕143号), in the order they are printed.
NINE_TABLES: tuple[tuple[str, str], ...] = (
    ("income_expenditure_summary", "全部收入和支出的总账：左边收入，右边支出，两边相等。"),
    ("income_summary", "收入按来源分：财政拨款、事业收入、其他收入……"),
    ("expenditure_summary", "支出按功能分类（类/款/项），每行分基本支出和项目支出。"),
    ("fiscal_grant_summary", "只看财政拨款：一般公共预算、政府性基金、国有资本经营。"),
    ("general_budget_expenditure", "一般公共预算拨款的支出，按功能分类。"),
    ("general_budget_basic_expenditure",
     "一般公共预算基本支出按经济分类：301 工资福利、302 商品和服务、303 对个人和家庭的补助。"),
    ("gov_fund_expenditure", "政府性基金预算拨款的支出（没有时印空表并注明）。"),
    ("state_capital_expenditure", "国有资本经营预算拨款的支出（没有时印空表并注明）。"),
    ("three_public", "“三公”经费：因公出国（境）、公务用车购置及运行、公务接待。"),
)

#: 名词解释: Chinese term → (English term, short explanation in Chinese).
GLOSSARY: tuple[tuple[str, str, str], ...] = (
    ("部门预算", "department budget", "一个部门（含所属单位）一年的收支计划。"),
    ("一般公共预算", "general public budget", "以税收为主的财政收入安排的支出。"),
    ("政府性基金预算", "government fund budget", "专款专用的基金收入安排的支出。"),
    ("国有资本经营预算", "state capital operations budget", "国有资本收益安排的支出。"),
    ("财政拨款", "fiscal appropriation", "财政部门拨给部门的钱。"),
    ("基本支出", "basic expenditure", "保障机构正常运转的支出：人员经费 + 公用经费。"),
    ("项目支出", "project expenditure", "为完成特定任务安排的支出。"),
    ("人员经费", "personnel costs", "经济分类 301 工资福利支出 + 303 对个人和家庭的补助。"),
    ("公用经费", "operating (public-use) costs", "经济分类 302 商品和服务支出。"),
    ("功能分类", "functional classification", "钱用来做什么：类 class / 款 section / 项 item。"),
    ("经济分类", "economic classification", "钱怎么花：工资、办公费、差旅费……"),
    ("“三公”经费", '"three public" costs',
     "因公出国（境）费、公务用车购置及运行费、公务接待费。"),
    ("机关运行经费", "administrative operating costs", "行政单位的公用经费。"),
    ("政府采购", "government procurement", "用财政资金购买货物、工程和服务。"),
    ("国有资产", "state-owned assets", "部门占有使用的房屋、车辆、设备等。"),
    ("绩效目标", "performance targets", "项目要达到的产出和效果。"),
    ("勾稽关系", "reconciliation (cross-footing)", "表与表、表与文字之间应当相等的数字关系。"),
)

#: Hint id → (Chinese, English). Hints point the way; they never contain an answer.
HINTS: dict[str, tuple[str, str]] = {
    "1.1": ("看上面的支出总表：第一行“合计”的“合计”列。",
            "Look at the expenditure summary above: the 合计 row, total column."),
    "1.2": ("基本支出表（经济分类）的“合计”行，“合计”列。它应当等于支出总表合计行的基本支出。",
            "The basic-expenditure table's 合计 row; it should equal the basic column of the "
            "expenditure summary's 合计 row."),
    "1.3": ("在基本支出表中找编码 301 的行。",
            "Find the line with code 301 in the basic-expenditure table."),
    "1.4": ("“三公”经费表中名为“公务接待费”的行。用 show(disclosure, \"three_public\") 显示它。",
            'The 公务接待费 line of the three-public table; show it with show(disclosure, '
            '"three_public").'),
    "2.1": ("基本支出表的“合计”行，“人员经费”列；或 personnel 表中 group 为 personnel 的行。",
            "The basic-expenditure 合计 row, personnel column; or the personnel group row."),
    "2.2": ("人员经费 ÷ 基本支出 × 100，保留一位小数。",
            "Personnel costs ÷ basic expenditure × 100, one decimal."),
    "2.3": ("比较两个部门的“人员经费占基本支出”，填写 \"A\" 或 \"B\"。",
            'Compare both departments\' personnel share of basic expenditure; answer "A" or "B".'),
    "3.1": ("项目支出 ÷ 支出合计 × 100（看 row_kind 为 split 的两行）。",
            "Project ÷ total expenditure × 100 (the two rows whose row_kind is split)."),
    "3.2": ("row_kind 为 function_item 的行中金额最大的一行，填写它的名称或编码。",
            "Among the function_item rows, the largest amount; answer its name or code."),
    "3.3": ("本年支出合计 − 上年支出合计（万元，减少为负数）。看年度对比表的“支出合计”行。",
            "This year's total − last year's (万元, negative for a decrease); see the headline "
            "table."),
    "3.4": ("比较“说明增减”和“计算增减”两列：一致吗？填写 True 或 False。",
            "Compare the stated and computed change columns; answer True or False."),
    "4.1": ("check(本年文件, previous=上年文件) 会同时检查与上年的比较。",
            "check(this_year, previous=last_year) also checks the stated changes."),
    "4.2": ("一个错误数字常常引出好几条发现（例如支出总表合计错了，收支总表与它也对不上）。"
            "先找“根源”：哪一格或哪一句话被改了？",
            "One wrong figure often causes several findings (a wrong total also breaks the "
            "link to the summary table). Look for the root: which cell or sentence was changed?"),
    "4.3": ("提出一个发现时写清楚：规则（rule）、表（table）、"
            "行（line 编码或“合计”）或金额（amount，万元）。",
            "State a claim with the rule, the table, the line (code or 合计) "
            "or the amount (万元)."),
}


# --------------------------------------------------------------------------------------
# The class datasets
# --------------------------------------------------------------------------------------


def _suspect_defects(seed: int) -> tuple[str, ...]:
    """Return the defect kinds planted in the suspect of ``seed`` (a fixed draw per seed)."""
    rng = random.Random(f"workshop:{seed}")
    return tuple(kind for kind in synth.DEFECTS
                 if kind in rng.sample(list(synth.DEFECTS), SUSPECT_DEFECTS))


def _suspect_style(seed: int) -> str:
    return synth.STYLES[seed % 2]


@functools.cache
def _documents(seed: int) -> dict[str, synth.Synthetic]:
    """Generate the class documents of ``seed`` (file key → synthetic disclosure)."""
    a_series = synth.generate_series(seed, YEARS, style="hebei", index=0,
                                     defects=("false_change",))
    b = synth.generate(seed, YEARS[-1], style="shanghai", index=1)
    clean = synth.generate_series(seed, YEARS, style=_suspect_style(seed), index=2)
    suspect = synth.generate_series(seed, YEARS, style=_suspect_style(seed), index=2,
                                    defects=_suspect_defects(seed))
    return {f"dept_a_{YEARS[0]}": a_series[0], f"dept_a_{YEARS[1]}": a_series[1],
            f"dept_b_{YEARS[1]}": b, f"suspect_{YEARS[0]}": clean[0],
            f"suspect_{YEARS[1]}": suspect[1]}


@dataclass
class Workshop:
    """The datasets of one class: a folder of documents generated from a seed.

    Attributes:
        folder: Where the documents are.
        seed: The generator seed.
        files: Key ("dept_a_2024", "dept_b_2024", "suspect_2024", …) → text file.
        found: Indices of the planted defects found so far (see :func:`check_answer`).
    """

    folder: Path
    seed: int
    files: dict[str, Path]
    found: set[int] = field(default_factory=set)
    _loaded: dict[str, Disclosure] = field(default_factory=dict, repr=False)

    def path(self, key: str) -> str:
        """Return the path of one document ("dept_a_2024") as a string."""
        if key not in self.files:
            raise KeyError(f"no workshop document {key!r}; known: {', '.join(self.files)}")
        return str(self.files[key])

    def load(self, key: str) -> Disclosure:
        """Return one document, loaded once."""
        if key not in self._loaded:
            self._loaded[key] = load_disclosure(self.path(key))
        return self._loaded[key]

    def check_answer(self, rule: Any, table: str | None = None, line: object = None,
                     amount: object = None, row: int | None = None) -> Verdict:
        """Judge a claim about the suspect's planted defects (see :func:`check_answer`)."""
        return _judge(self, rule, table, line, amount, row)


def prepare_workshop(folder: str | Path = "outputs/workshop_data", seed: int = DEFAULT_SEED,
                     answers: bool = False) -> Workshop:
    """Write the class documents for ``seed`` into ``folder`` (unchanged files are kept).

    Writes ``dept_a_<year>.txt`` for two years (and ``dept_a_<year>.xlsx`` of the newest
    one, to open in a spreadsheet), ``dept_b_<year>.txt``, ``suspect_<year>.txt`` for two
    years and ``workshop.json`` (seed and files, no answers). The documents are fictional
    and say so in their text.

    Args:
        folder: Output folder (created if missing).
        seed: Generator seed: another seed gives a fresh set of exercises.
        answers: Also write ``answers.json`` (the teacher's answer key) into the folder.

    Returns:
        The workshop; it also becomes the one :func:`check_answer` and :func:`verify` use.
    """
    global _CURRENT
    from helpers.writers import write_xlsx

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    documents = _documents(seed)
    files = {key: folder / f"{key}.txt" for key in documents}
    manifest = {"version": _VERSION, "seed": seed,
                "files": {key: path.name for key, path in files.items()},
                "note": "示例数据：虚构部门，仅供教学 · fictional departments, for teaching only"}
    manifest_path = folder / MANIFEST
    current = manifest_path.is_file() and json.loads(
        manifest_path.read_text(encoding="utf-8")) == manifest
    if not (current and all(path.is_file() for path in files.values())):
        for key, synthetic in documents.items():
            files[key].write_text(synth.to_tika_text(synthetic.raw), encoding="utf-8")
        write_xlsx(documents[f"dept_a_{YEARS[1]}"].raw, folder / f"dept_a_{YEARS[1]}.xlsx")
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                 encoding="utf-8")
    if answers:
        write_answer_key(folder / "answers.json", seed)
    _CURRENT = Workshop(folder, seed, files)
    return _CURRENT


def _current(workshop: Workshop | None = None) -> Workshop:
    if workshop is not None:
        return workshop
    if _CURRENT is None:
        raise RuntimeError("run prepare_workshop(folder, seed) first · 请先运行 prepare_workshop")
    return _CURRENT


# --------------------------------------------------------------------------------------
# Reading a disclosure: tables, relations, glossary, single cells
# --------------------------------------------------------------------------------------


def _wan(yuan: object) -> Decimal | None:
    if yuan is None or yuan is pd.NA or (isinstance(yuan, float) and pd.isna(yuan)):
        return None
    return round_wan(yuan)


def _find_row(frame: pd.DataFrame, line: object) -> pd.Series | None:
    text = str(line).strip()
    if text in ("合计", "total", "总计"):
        rows = frame[frame["level"] == 0]
        return rows.iloc[0] if not rows.empty else None
    for column in ("line_code", "line_name"):
        rows = frame[frame[column].astype("string").str.strip() == text]
        if not rows.empty:
            return rows.iloc[0]
    rows = frame[frame["line_name"].astype("string").str.contains(text, regex=False,
                                                                  na=False)]
    return rows.iloc[0] if not rows.empty else None


def cell(disclosure: Disclosure, table: str, line: object, column: str = "total") -> Decimal | None:
    """Return one printed amount in 万元, like pointing at a spreadsheet cell.

    Args:
        disclosure: A loaded document.
        table: Table key ("expenditure_summary").
        line: Line code ("301"), line name ("公务接待费") or "合计".
        column: Column key ("total", "basic", "project", "personnel", "public"…).

    Returns:
        The amount in 万元 (exact, two decimals), or None when the cell is blank or absent.
    """
    if table not in disclosure.tables:
        return None
    frame = disclosure.table(table)
    found = _find_row(frame, line)
    if found is None or column not in frame.columns:
        return None
    return _wan(found[column])


def show(disclosure: Disclosure, table: str = "expenditure_summary") -> Any:
    """Return one table of a document for display, amounts in 万元."""
    from helpers.report import browse_table

    return browse_table([disclosure], 0, table)


def tables_overview(disclosure: Disclosure) -> Any:
    """Return the nine standard tables: name, English, key, what it shows, printed here?"""
    from helpers.report import styled

    rows = []
    for number, (key, what) in enumerate(NINE_TABLES, start=1):
        kind = KINDS_BY_KEY[key]
        printed = key in disclosure.tables
        lines = len(disclosure.table(key)) if printed else 0
        rows.append({"number": number, "zh": kind.zh, "en": kind.en, "key": key, "what": what,
                     "printed": "有 yes" if printed else "缺 missing",
                     "lines": lines})
    return styled(pd.DataFrame(rows), [
        ("number", "序号", "int"), ("zh", "表", "text"), ("en", "Table", "text"),
        ("key", "代码 key", "text"), ("what", "内容", "text"), ("printed", "本文件", "text"),
        ("lines", "行数", "int")], caption="九张标准表 · The nine standard tables")


def relations(disclosure: Disclosure) -> Any:
    """Return the chain 收支总表 → 支出总表 → 基本支出表 with each linked pair of figures."""
    from helpers.report import styled

    links = [
        ("收支总表 本年支出合计", "income_expenditure_summary", "本年支出合计", "expenditure",
         "支出总表 合计", "expenditure_summary", "合计", "total"),
        ("支出总表 合计·基本支出", "expenditure_summary", "合计", "basic",
         "基本支出表 合计", "general_budget_basic_expenditure", "合计", "total"),
        ("基本支出表 人员经费", "general_budget_basic_expenditure", "合计", "personnel",
         "301 工资福利 + 303 对个人和家庭的补助", "general_budget_basic_expenditure", "301+303",
         "total"),
        ("基本支出表 公用经费", "general_budget_basic_expenditure", "合计", "public",
         "302 商品和服务支出", "general_budget_basic_expenditure", "302", "total"),
    ]
    rows = []
    for left, t1, l1, c1, right, t2, l2, c2 in links:
        a = cell(disclosure, t1, l1, c1)
        if "+" in l2:
            parts = [cell(disclosure, t2, code, c2) for code in l2.split("+")]
            b = sum((p for p in parts if p is not None), Decimal(0)) if any(
                p is not None for p in parts) else None
        else:
            b = cell(disclosure, t2, l2, c2)
        same = None if a is None or b is None else a == b
        rows.append({"left": left, "a": a * _WAN if a is not None else None, "right": right,
                     "b": b * _WAN if b is not None else None, "same": same})
    return styled(pd.DataFrame(rows), [
        ("left", "这一格", "text"), ("a", "万元", "wan"), ("right", "应等于", "text"),
        ("b", "万元 ", "wan"), ("same", "相等", "flag")],
        caption="表与表的关系 · How the tables link")


def glossary() -> Any:
    """Return the glossary (名词解释): Chinese term, English term, explanation."""
    from helpers.report import styled

    frame = pd.DataFrame(GLOSSARY, columns=["zh", "en", "what"])
    return styled(frame, [("zh", "名词", "text"), ("en", "English", "text"),
                          ("what", "解释", "text")], caption="名词解释 · Glossary")


def hint(question: str) -> HTML:
    """Return the hint of one exercise ("1.2"), Chinese first."""
    zh, en = HINTS.get(str(question), ("没有这道题的提示。", "No hint for this question."))
    return HTML(f'<div style="background:#eef6ff;border-left:4px solid #4a90d9;'
                f'padding:.5em 1em;margin:.4em 0"><b>提示 {html.escape(str(question))}</b>：'
                f"{html.escape(zh)}<br><i>Hint: {html.escape(en)}</i></div>")


# --------------------------------------------------------------------------------------
# Filled-in answers: verify() computes the expected value, never shows it
# --------------------------------------------------------------------------------------


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


def _stated_change_true(w: Workshop) -> bool:
    from helpers.checks import check

    findings = check(w.load(f"dept_a_{YEARS[1]}"), previous=w.load(f"dept_a_{YEARS[0]}"))
    wrong = findings[(findings["rule_id"] == "Y01")
                     & findings["message_en"].str.contains("fiscal_grant_income")]
    return wrong.empty


def _higher_personnel(w: Workshop) -> set[str]:
    a, b = w.load(f"dept_a_{YEARS[1]}"), w.load(f"dept_b_{YEARS[1]}")
    winner, name = ("A", a) if _personnel_share(a) >= _personnel_share(b) else ("B", b)
    return {winner, winner.lower(), str(name.meta.department)}


_A = f"dept_a_{YEARS[1]}"
#: Question id → (what is asked, kind of answer, expected value from the workshop).
QUESTIONS: dict[str, tuple[str, str, Callable[[Workshop], Any]]] = {
    "1.1": ("支出合计（万元）", "wan",
            lambda w: cell(w.load(_A), "expenditure_summary", "合计", "total")),
    "1.2": ("基本支出（万元）", "wan",
            lambda w: cell(w.load(_A), "general_budget_basic_expenditure", "合计", "total")),
    "1.3": ("301 工资福利支出（万元）", "wan",
            lambda w: cell(w.load(_A), "general_budget_basic_expenditure", "301", "total")),
    "1.4": ("公务接待费（万元）", "wan",
            lambda w: cell(w.load(_A), "three_public", "公务接待费", "total")),
    "2.1": ("人员经费（万元）", "wan",
            lambda w: cell(w.load(_A), "general_budget_basic_expenditure", "合计", "personnel")),
    "2.2": ("人员经费占基本支出（%）", "percent", lambda w: _personnel_share(w.load(_A))),
    "2.3": ("人员经费占比更高的部门", "choice", _higher_personnel),
    "3.1": ("项目支出占支出合计（%）", "percent", lambda w: _project_share(w.load(_A))),
    "3.2": ("金额最大的项目（功能分类项）", "choice", lambda w: _largest_project(w.load(_A))),
    "3.3": ("支出合计的增减（万元）", "wan",
            lambda w: cell(w.load(_A), "expenditure_summary", "合计", "total")
            - cell(w.load(f"dept_a_{YEARS[0]}"), "expenditure_summary", "合计", "total")),
    "3.4": ("文字说明的财政拨款收入增减是否属实", "bool", _stated_change_true),
}


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
        return _box("？", f"没有题目 {question}", f"no question {question}", "#eee")
    what = QUESTIONS[question][0]
    if answer is Ellipsis or answer is None:
        return _box("✎", f"{question}（{what}）还没有填写：把 ... 换成你的答案。",
                    "not filled in yet: replace ... with your answer.", "#f6f8fa")
    _, kind, expected = QUESTIONS[question]
    if _matches(kind, answer, expected(_current(workshop))):
        return _box("✔", f"{question} 正确！", "correct!", "#dff6dd")
    return _box("✘", f"{question} 还不对，再看看（可以运行 hint(\"{question}\")）。",
                "not yet: look again (or ask for a hint).", "#fde2e1")


def _box(mark: str, zh: str, en: str, color: str) -> HTML:
    return HTML(f'<div class="workshop-verdict" style="background:{color};padding:.45em 1em;'
                f'border-radius:6px;margin:.3em 0"><b>{html.escape(mark)} {html.escape(zh)}</b>'
                f"<br><i>{html.escape(en)}</i></div>")


# --------------------------------------------------------------------------------------
# The audit detective: answer key and claims
# --------------------------------------------------------------------------------------


def answer_key(seed: int = DEFAULT_SEED) -> list[dict[str, object]]:
    """Return the planted defects of the suspect of ``seed`` (the teacher's answer key)."""
    return [defect.to_dict() for defect in _documents(seed)[f"suspect_{YEARS[1]}"].defects]


def write_answer_key(path: str | Path, seed: int = DEFAULT_SEED) -> Path:
    """Write the teacher's answer key (JSON) to ``path``."""
    path = Path(path)
    suspect = _documents(seed)[f"suspect_{YEARS[1]}"]
    path.write_text(json.dumps(suspect.answer_key(), ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")
    return path


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
        return _box("", zh, en, color).data


def _judge(workshop: Workshop, rule: Any, table: str | None, line: object, amount: object,
           row: int | None) -> Verdict:
    claim = _claim(rule, table, line, amount, row)
    defects = answer_key(workshop.seed)
    total = len(defects)
    if not claim.rule or not (claim.tables or claim.line is not None or claim.amounts):
        return Verdict(None, len(workshop.found), total)
    style = _suspect_style(workshop.seed)
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
    return _judge(_current(workshop), rule, table, line, amount, row)


def progress(workshop: Workshop | None = None) -> HTML:
    """Return how many planted defects are found so far."""
    current = _current(workshop)
    total = len(answer_key(current.seed))
    return _box("", f"已找到 {len(current.found)} / {total} 个埋设的问题。",
                f"{len(current.found)} of {total} planted defects found.", "#eef6ff")


def answer_sheet(workshop: Workshop | None = None) -> Any:
    """Return the answer key as a table (for teachers: shown in the solutions only)."""
    from helpers.report import styled

    current = _current(workshop)
    rows = []
    for defect in answer_key(current.seed):
        location = defect["location"]
        where = " · ".join(f"{k}={v}" for k, v in location.items() if k != "sentence")
        rows.append({"kind": defect["kind"], "rule": defect["rule_id"],
                     "description": defect["description"], "where": where,
                     "expected": defect["expected"], "printed": defect["printed"]})
    return styled(pd.DataFrame(rows), [
        ("rule", "规则", "text"), ("kind", "类型", "text"), ("description", "说明", "text"),
        ("where", "位置", "text"), ("expected", "应为", "text"), ("printed", "列示", "text")],
        caption="答案（教师用）· Answer key (teachers)")
