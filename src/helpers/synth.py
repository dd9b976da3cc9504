"""Generate synthetic, internally consistent budget disclosures of fictional departments.

What the generator does:

* Fictional: a department is named "示例市示例区<样例|演示|…><domain>局" (no real city is
  called 示例市) and every document says in its text that it is synthetic
  (:data:`SYNTHETIC_NOTICE`, detectable by :data:`SYNTHETIC_MARKER` / :func:`is_synthetic`).
* Several years per department: a hidden year before the first one written seeds the
  year-over-year statements; each following year evolves the previous one (line amounts
  change, economic 款 and projects appear and disappear, a car is bought some year), so every
  "比2023年预算增加X万元" is true against the document generated for 2023, and each 支出主要内容
  item's "2023年当年预算执行数" is the previous generated year's amount of that 项.
* Consistent: function classification with real 类/款/项 codes and names (类 names from
  :data:`helpers.codes.FUNCTION_CLASSES`), economic classification 301/302/303 with standard
  款 names (:data:`helpers.checks.text.ECONOMIC_SECTIONS`); 类 = Σ款 = Σ项, 合计 = Σ类,
  基本支出 = 人员经费 + 公用经费 = the economic table's 合计, 收入总计 = 支出总计, 三公 total =
  Σ items, 公务接待费 / 公务用车运行费 = economic rows 30217 / 30231, procurement quantity ×
  unit price = amount, assets total = Σ kinds; the narrative states the same figures (编制说明
  totals, 支出主要内容 items with prior-year figures and percentages computed from the
  printed figures, 机关运行经费, 三公 with reasons, 政府采购, 绩效, 国有资产). A clean document
  gets no error or warning from :func:`helpers.check`.
* Two regional styles, as data (:data:`PRINT_STYLES`, one :class:`PrintStyle` each):
  ``hebei`` (as the seed and ``data/demo``: whole codes, 序号/栏次 columns, 万元,
  procurement/assets/institutions tables) and ``shanghai`` (as the Shanghai PDFs: codes
  split over 类 | 款 | 项, amounts in 元 with thousands separators, the 三公 table in 万元
  as one row of item columns, 政府采购/国有资产 in the narrative).
* Formats: Tika-style text (:func:`to_tika_text`), DOCX, XLSX and PDF (:mod:`helpers.writers`).
* Deterministic: the same seed gives the same documents (text byte for byte; every format
  loads to the same frames).
* Planted defects (:data:`DEFECTS`): a wrong total, a narrative figure that disagrees with
  its table, a broken economic hierarchy, a copy-pasted 支出主要内容 statement, a false
  year-over-year change, text in a number cell, a missing table — each with an answer key
  entry (kind, the rule meant to find it, location, expected and printed value).

Limits: every department is funded by 一般公共预算 appropriations only (no 事业收入, no
government-fund or state-capital spending: those tables are printed empty with their note);
one budget unit per department; 绩效目标表 use the six-column (Hebei) form in both styles.
Variants the generator prints where real documents sometimes differ. They were chosen when
a reader or the normaliser could not yet take the real form (since fixed: the PDF reader now
reads tables without figures and 栏次 rows, line names ignore spaces between Chinese
characters, and a header row starting with 合计 stays a header); they are kept so that the
bundled corpus stays byte-identical:

* 机构设置 is a sentence, not the seed's 部门机构设置情况 table: a table without any number
  has no body rows in the PDF reader.
* The procurement total row is "合计", not the seed's "合  计": the PDF reader reads runs of
  spaces as one space, so the line name would differ between formats.
* The Shanghai 三公 table heads its total column "三公经费合计", not "合计": without the
  reader's header count (Tika text, DOCX, XLSX) a header row starting with 合计 is taken
  for the first body row.
* Hebei-style PDFs do not print the 栏次 row (see :func:`helpers.writers.write_pdf`).

Why one module of ~1,450 lines: the fictional budget model, the regional print styles
(:data:`PRINT_STYLES`), the builder that prints a document from them (one method per table or
section), the defects planted in what the builder printed (they edit its tables by the
rows and columns it recorded) and the corpus writer are one chain from a seed to files; each
part is a section below. Nothing here is imported by a report.
"""

from __future__ import annotations

import itertools
import json
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from helpers.checks.text import ECONOMIC_SECTIONS
from helpers.codes import ECONOMIC_CLASSES, FUNCTION_CLASSES
from helpers.model import SYNTHETIC_MARKER as MODEL_SYNTHETIC_MARKER
from helpers.model import says_synthetic, text_blocks
from helpers.money import round_wan
from helpers.raw import Block, Cell, Grid, Heading, Paragraph, RawDocument

#: The marker every synthetic document carries in its text (a loader can test for it).
SYNTHETIC_MARKER = MODEL_SYNTHETIC_MARKER  # the loader derives Meta.is_synthetic from it
SYNTHETIC_NOTICE = (f"注意：{SYNTHETIC_MARKER}，由示例数据生成程序随机生成，"
                    "仅用于演示、测试和教学，不代表任何真实部门。")
#: The regional print styles (:data:`PRINT_STYLES`), in the order documents alternate.
STYLES = ("hebei", "shanghai")
FORMATS = ("txt", "docx", "xlsx", "pdf")

#: Defect kind → (rule id of :mod:`helpers.checks` meant to find it, description).
DEFECTS: dict[str, tuple[str, str]] = {
    "wrong_total": ("W01", "支出总表合计 ≠ Σ类 (a wrong total)"),
    "narrative_mismatch": ("T01", "编制说明收入预算 ≠ 收支总表 (a narrative figure off its table)"),
    "broken_hierarchy": ("W02", "经济分类 类 ≠ Σ款 (a broken hierarchy)"),
    "copied_statement": ("Q02", "a 支出主要内容 item repeats the item before it"),
    "false_change": ("Y01", "a stated change against last year that the two documents deny"),
    "text_in_number": ("S04", "text printed in a number cell"),
    "missing_table": ("S01", "a standard table left out"),
}

_PREFIXES = ("样例", "演示", "虚构", "模拟", "教学", "试验")
#: Domain name → (行政运行 项, 一般行政管理事务 项, project 项 codes).
_DOMAINS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("司法", "2040601", "2040602", ("2040604", "2040605", "2040607", "2040610")),
    ("教育", "2050101", "2050102", ("2050201", "2050202", "2050203")),
    ("卫生健康", "2100101", "2100102", ("2100408", "2100409", "2100717")),
    ("城市管理", "2120101", "2120102", ("2120104", "2120501")),
    ("文化旅游", "2070101", "2070102", ("2070109", "2070308")),
    ("农业农村", "2130101", "2130102", ("2130108", "2130122")),
)

#: 功能分类 款 code → name (政府收支分类科目, current edition).
FUNCTION_SECTIONS: dict[str, str] = {
    "20406": "司法", "20501": "教育管理事务", "20502": "普通教育", "20701": "文化和旅游",
    "20703": "体育", "20805": "行政事业单位养老支出", "21001": "卫生健康管理事务",
    "21004": "公共卫生", "21007": "计划生育事务", "21011": "行政事业单位医疗",
    "21201": "城乡社区管理事务", "21205": "城乡社区环境卫生", "21301": "农业农村",
    "22102": "住房改革支出",
}
#: 功能分类 项 code → name.
FUNCTION_ITEMS: dict[str, str] = {
    "2040601": "行政运行", "2040602": "一般行政管理事务", "2040604": "基层司法业务",
    "2040605": "普法宣传", "2040607": "公共法律服务", "2040610": "社区矫正",
    "2050101": "行政运行", "2050102": "一般行政管理事务", "2050201": "学前教育",
    "2050202": "小学教育", "2050203": "初中教育",
    "2070101": "行政运行", "2070102": "一般行政管理事务", "2070109": "群众文化",
    "2070308": "群众体育",
    "2080501": "行政单位离退休", "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "2100101": "行政运行", "2100102": "一般行政管理事务", "2100408": "基本公共卫生服务",
    "2100409": "重大公共卫生服务", "2100717": "计划生育服务",
    "2101101": "行政单位医疗", "2101103": "公务员医疗补助",
    "2120101": "行政运行", "2120102": "一般行政管理事务", "2120104": "城管执法",
    "2120501": "城乡社区环境卫生",
    "2130101": "行政运行", "2130102": "一般行政管理事务", "2130108": "病虫害控制",
    "2130122": "农业生产发展",
    "2210201": "住房公积金",
}
#: Basic-expenditure 项 lines funded by one economic 款 each (the rest is 行政运行).
_BASIC_BY_ECONOMIC = {"30108": "2080505", "30109": "2080506", "30110": "2101101",
                      "30111": "2101103", "30113": "2210201", "30302": "2080501"}
#: Economic 款: (code, always present, per-head range in 元 per year).
_ECONOMIC_DRAWS: tuple[tuple[str, bool, tuple[int, int]], ...] = (
    ("30101", True, (30000, 45000)), ("30102", True, (40000, 70000)),
    ("30103", False, (3000, 8000)), ("30107", False, (10000, 25000)),
    ("30201", True, (1500, 3000)), ("30205", False, (200, 600)), ("30206", False, (600, 1500)),
    ("30207", True, (300, 900)), ("30211", True, (800, 2000)), ("30213", False, (500, 2500)),
    ("30216", False, (300, 1200)), ("30228", True, (600, 1200)), ("30229", False, (500, 1500)),
    ("30239", False, (1000, 4000)), ("30299", True, (1000, 3000)), ("30302", False, (0, 0)),
    ("30309", False, (200, 800)),
)
_SOCIAL_RATES = {"30108": Decimal("0.16"), "30109": Decimal("0.08"), "30110": Decimal("0.09"),
                 "30113": Decimal("0.12")}
_PROCUREMENT_ITEMS = (("台式计算机", "A02010104", "台", 5000, 8000),
                      ("打印机", "A02021001", "台", 1500, 4000),
                      ("复印机", "A02020100", "台", 12000, 30000),
                      ("办公桌椅", "A06010100", "套", 1500, 3500),
                      ("宣传印刷服务", "C23120300", "项", 20000, 90000))
_CLASS_ORDER = "一二三四五六七八九十"
_REASONS_UP = ("业务量增加", "人员增加", "工作任务增加", "项目调整")
_REASONS_DOWN = ("厉行节约，压减一般性支出", "项目调整", "部分工作已完成")


# --------------------------------------------------------------------------------------
# Amounts and printing
# --------------------------------------------------------------------------------------


def _round_to(value: Decimal | int | float, step: int) -> int:
    """Round a yuan amount half-up to a multiple of ``step`` yuan."""
    units = (Decimal(str(value)) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(units) * step


def wan(yuan: int) -> str:
    """Print yuan as 万元 with two decimals, rounded half-up ("1234.57")."""
    return f"{round_wan(yuan):.2f}"


def _yuan(yuan: int) -> str:
    return f"{yuan:,d}"


# --------------------------------------------------------------------------------------
# Regional print styles: what differs between a Hebei and a Shanghai disclosure, as data
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintStyle:
    """How one region prints a department budget: the generator's vocabulary of its quirks.

    Attributes:
        key: The style's name ("hebei", "shanghai").
        table_unit: Unit of table amounts: "万元" (two decimals) or "元" (thousands
            separators); 三公 tables are in 万元 in every style.
        captions: Caption lines above a table (``{code}``, ``{name}``, ``{year}``).
        title_format: A table title from its name (``{title}``, ``{year}``).
        titles: Table key → title name.
        serial_numbers: Tables have a 序号 column and a 栏次 header row, print whole codes and
            put 合计 first (and the 收支总表 a 本年收入合计 row); else codes are split over
            类 | 款 | 项 columns and 合计 comes last.
        income_lines: The 收支总表 income lines; True marks a line carrying the total.
        grant_income_lines: The 财政拨款收支总表 income lines, likewise.
        empty_fund_note: The note under an empty fund table (``{what}``, ``{year}``).
        itemised_three_public: The 三公 table lists the items as rows by fund (else one row
            of item columns, with 机关运行经费 beside them).
        admin_operating_step: 机关运行经费 is 公用经费 cut down to a multiple of this (元).
        itemised_admin_operating: The narrative lists 机关运行经费 by 302 款.
        three_public_clauses: The narrative states each 三公 item's change in a clause of
            its own (else one sentence with one reason).
        glossary_heading: Heading of the 名词解释 section.
        performance_sentence: The 绩效目标 statement (``{count}`` projects, ``{amount}``
            万元, ``{year}``).
        defect_step: A planted amount defect moves a figure by this many 元 times a random
            factor in ``defect_factors``.
        defect_factors: The factor's bounds.
        document: The :class:`_Builder` method that prints the document in this order.
    """

    key: str
    table_unit: str
    captions: tuple[str, ...]
    title_format: str
    titles: dict[str, str]
    serial_numbers: bool
    income_lines: tuple[tuple[str, bool], ...]
    grant_income_lines: tuple[tuple[str, bool], ...]
    empty_fund_note: str
    itemised_three_public: bool
    admin_operating_step: int
    itemised_admin_operating: bool
    three_public_clauses: bool
    glossary_heading: str
    performance_sentence: str
    defect_step: int
    defect_factors: tuple[int, int]
    document: str

    def amount(self, yuan: int) -> str:
        """Print a non-zero table amount in this style's unit."""
        return wan(yuan) if self.table_unit == "万元" else _yuan(yuan)

    def parse(self, text: str) -> int:
        """Read back a table amount this style printed, in 元."""
        if self.table_unit == "万元":
            return _round_to(Decimal(text) * 10000, 100)
        return int(text.replace(",", ""))


PRINT_STYLES: dict[str, PrintStyle] = {style.key: style for style in (
    PrintStyle(
        key="hebei", table_unit="万元",
        captions=("{code}{name}", "预算年度：{year}", "单位：万元"), title_format="{title}",
        titles={"income_summary": "部门预算收入总表",
                "expenditure_summary": "部门预算支出总表",
                "general_budget_expenditure": "部门预算一般公共预算财政拨款支出表",
                "gov_fund_expenditure": "部门预算政府基金预算财政拨款支出表",
                "state_capital_expenditure": "部门预算国有资本经营预算财政拨款支出表",
                "income_expenditure_summary": "部门预算收支总表",
                "fiscal_grant_summary": "部门预算财政拨款收支总表",
                "general_budget_basic_expenditure": "部门预算一般公共预算财政拨款基本支出表"},
        serial_numbers=True,
        income_lines=(("一、一般公共预算拨款收入", True), ("二、政府性基金预算拨款收入", False),
                      ("三、国有资本经营预算拨款收入", False), ("四、事业收入", False)),
        grant_income_lines=(("一、一般公共预算拨款", True), ("二、政府性基金预算拨款", False),
                            ("三、国有资本经营预算拨款", False)),
        empty_fund_note="注：无{what}财政拨款预算，空表列示。",
        itemised_three_public=True, admin_operating_step=1, itemised_admin_operating=True,
        three_public_clauses=False, glossary_heading="八、名词解释",
        performance_sentence="本部门{count}个项目编报了绩效目标，涉及项目预算资金{amount}万元。",
        defect_step=100, defect_factors=(3, 90), document="hebei_document"),
    PrintStyle(
        key="shanghai", table_unit="元",
        captions=("编制部门：{name}", "单位：元"), title_format="{year}年{title}",
        titles={"income_summary": "部门收入预算总表",
                "expenditure_summary": "部门支出预算总表",
                "general_budget_expenditure": "部门一般公共预算支出功能分类预算表",
                "gov_fund_expenditure": "部门政府性基金预算支出功能分类预算表",
                "state_capital_expenditure": "部门国有资本经营预算支出功能分类预算表",
                "income_expenditure_summary": "部门财务收支预算总表",
                "fiscal_grant_summary": "部门财政拨款收支预算总表",
                "general_budget_basic_expenditure":
                    "部门一般公共预算基本支出部门预算经济分类预算表"},
        serial_numbers=False,
        income_lines=(("一、财政拨款收入", True), ("1. 一般公共预算资金", True),
                      ("2. 政府性基金", False), ("3. 国有资本经营预算", False),
                      ("二、事业收入", False), ("三、事业单位经营收入", False),
                      ("四、其他收入", False)),
        grant_income_lines=(("一、一般公共预算资金", True), ("二、政府性基金", False),
                            ("三、国有资本经营预算", False)),
        empty_fund_note="注：本部门{year}年无{what}财政拨款安排的预算，故本表为空表。",
        itemised_three_public=False, admin_operating_step=100,
        itemised_admin_operating=False, three_public_clauses=True,
        glossary_heading="名词解释",
        performance_sentence=("按照本区预算绩效管理工作的总体要求，本部门1个预算单位开展了{year}年"
                              "项目预算绩效目标编报工作，编报绩效目标的项目{count}个，"
                              "涉及项目预算资金{amount}万元。"),
        defect_step=1, defect_factors=(1000, 90000),
        document="shanghai_document"),
)}


def _percent(current: int, prior: int) -> Decimal:
    """Return the change in percent computed from the two figures as printed (万元)."""
    now, before = Decimal(wan(current)), Decimal(wan(prior))
    return abs((now - before) / before * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)


# --------------------------------------------------------------------------------------
# The model: a fictional department and its budget year by year
# --------------------------------------------------------------------------------------


@dataclass
class Department:
    """A fictional department.

    Attributes:
        key: Short file-name key ("d01").
        name: Fictional name ("示例市示例区样例司法局").
        code: Numeric prefix printed before the name in Hebei captions ("901").
        style: "hebei" or "shanghai".
        domain: Index into the domain table (行政运行 / project 项 lines).
        staff: Head count (drives personnel costs).
        vehicles: Official cars.
    """

    key: str
    name: str
    code: str
    style: str
    domain: int
    staff: int
    vehicles: int


@dataclass
class BudgetYear:
    """One year's budget of a department (every amount in 元).

    Attributes:
        year: Budget year.
        economic: Economic 款 code → basic expenditure.
        projects: Project 项 code → project expenditure.
        three_public: abroad, vehicle_purchase, vehicle_operation, reception.
        procurement: (project 项 code, item, catalog code, unit, quantity, unit price).
        assets: (name, quantity, value) kinds of fixed assets (last year-end).
        reasons: Why the 三公 total changed.
    """

    year: int
    economic: dict[str, int]
    projects: dict[str, int]
    three_public: dict[str, int]
    procurement: list[tuple[str, str, str, str, int, int]]
    assets: list[tuple[str, int, int]]
    reasons: dict[str, str] = field(default_factory=dict)

    @property
    def basic(self) -> int:
        """Return 基本支出 (= Σ economic 款)."""
        return sum(self.economic.values())

    @property
    def personnel(self) -> int:
        """Return 人员经费 (301 + 303)."""
        return sum(v for k, v in self.economic.items() if k[:3] in ("301", "303"))

    @property
    def public(self) -> int:
        """Return 公用经费 (302)."""
        return sum(v for k, v in self.economic.items() if k.startswith("302"))

    @property
    def project(self) -> int:
        """Return 项目支出."""
        return sum(self.projects.values())

    @property
    def total(self) -> int:
        """Return 支出合计 = 收入合计."""
        return self.basic + self.project

    @property
    def three_public_total(self) -> int:
        """Return the 三公 total."""
        return sum(self.three_public.values())


def _function_lines(dept: Department, budget: BudgetYear) -> dict[str, tuple[int, int]]:
    """Return 项 code → (basic, project), in code order."""
    admin = _DOMAINS[dept.domain][1]
    lines: dict[str, list[int]] = {}
    funded = 0
    for economic, item in _BASIC_BY_ECONOMIC.items():
        if budget.economic.get(economic):
            lines.setdefault(item, [0, 0])[0] += budget.economic[economic]
            funded += budget.economic[economic]
    lines.setdefault(admin, [0, 0])[0] += budget.basic - funded
    for code, amount in budget.projects.items():
        lines.setdefault(code, [0, 0])[1] += amount
    return {code: (basic, project) for code, (basic, project) in sorted(lines.items())}


def _hierarchy(lines: dict[str, tuple[int, ...]]) -> list[tuple[str, int, tuple[int, ...]]]:
    """Return (code, level, amounts) for 类, 款 (and 项) lines, subtotals before their lines.

    ``lines`` maps the lowest-level codes (sorted) to their amounts.
    """
    order: list[tuple[str, int]] = []
    sums: dict[str, list[int]] = {}
    for code, amounts in lines.items():
        prefixes = [(1, code[:3]), (2, code[:5])] + ([(3, code)] if len(code) == 7 else [])
        for level, prefix in prefixes:
            if prefix not in sums:
                sums[prefix] = [0] * len(amounts)
                order.append((prefix, level))
            sums[prefix] = [a + b for a, b in zip(sums[prefix], amounts, strict=True)]
    return [(code, level, tuple(sums[code])) for code, level in order]


def _function_name(code: str) -> str:
    return {3: FUNCTION_CLASSES, 5: FUNCTION_SECTIONS, 7: FUNCTION_ITEMS}[len(code)][code]


def _economic_name(code: str) -> str:
    return ECONOMIC_CLASSES[code] if len(code) == 3 else ECONOMIC_SECTIONS[code]


def _step(dept: Department) -> int:
    """Return the rounding step of table amounts: 0.01 万元 or 1 元 (the style's unit)."""
    return 100 if PRINT_STYLES[dept.style].table_unit == "万元" else 1


def _first_budget(rng: random.Random, dept: Department, year: int) -> BudgetYear:
    step = _step(dept)
    economic: dict[str, int] = {}
    for code, always, (low, high) in _ECONOMIC_DRAWS:
        if code == "30302":
            if rng.random() < 0.6:
                economic[code] = _round_to(rng.randint(2, 8) * rng.randint(40000, 70000), step)
            continue
        if always or rng.random() < 0.5:
            economic[code] = _round_to(dept.staff * rng.randint(low, high), step)
    wages = economic["30101"] + economic["30102"] + economic.get("30107", 0)
    for code, rate in _SOCIAL_RATES.items():
        economic[code] = _round_to(wages * rate, step)
    if rng.random() < 0.5:
        economic["30111"] = _round_to(wages * Decimal("0.02"), step)
    # 三公 items match their economic rows, in whole 0.01 万元 (the 三公 table prints 万元).
    economic["30217"] = _round_to(dept.staff * rng.randint(200, 900), 100)
    economic["30231"] = _round_to(dept.vehicles * rng.randint(12000, 26000), 100)
    domain = _DOMAINS[dept.domain]
    chosen = rng.sample(domain[3], k=min(len(domain[3]), rng.randint(1, 3)))
    projects = {domain[2]: _round_to(rng.randint(200000, 1500000), step)}
    for code in chosen:
        projects[code] = _round_to(rng.randint(300000, 4000000), step)
    three = {"abroad": 0, "vehicle_purchase": 0, "vehicle_operation": economic["30231"],
             "reception": economic["30217"]}
    budget = BudgetYear(year, dict(sorted(economic.items())), dict(sorted(projects.items())),
                        three, [], [])
    budget.procurement = _procurement(rng, budget)
    budget.assets = _assets(rng, dept, None)
    return budget


def _procurement(rng: random.Random, budget: BudgetYear) -> list:
    rows = []
    codes = list(budget.projects)
    for item, catalog, unit, low, high in rng.sample(_PROCUREMENT_ITEMS, k=rng.randint(1, 3)):
        quantity = 1 if unit == "项" else rng.randint(1, 8)
        rows.append((rng.choice(codes), item, catalog, unit, quantity,
                     _round_to(rng.randint(low, high), 100)))
    return rows


def _assets(rng: random.Random, dept: Department, before: list | None) -> list:
    if before is None:
        area = rng.randint(300, 2500)
        return [("1、房屋（平方米）", area, _round_to(area * rng.randint(3000, 6000), 100)),
                ("2、车辆（台、辆）", dept.vehicles,
                 _round_to(dept.vehicles * rng.randint(120000, 250000), 100)),
                ("3、单价在50万元以上的设备", 0, 0),
                ("4、其他固定资产", rng.randint(50, 400),
                 _round_to(rng.randint(100000, 900000), 100))]
    # Depreciation and purchases move the values a little each year.
    return [(name, quantity, _round_to(value * Decimal(rng.randint(95, 104)) / 100, 100))
            for name, quantity, value in before]


def _next_budget(rng: random.Random, dept: Department, before: BudgetYear) -> BudgetYear:
    step = _step(dept)

    def drift(amount: int, low: int = 93, high: int = 110, unit: int = step) -> int:
        return max(unit, _round_to(amount * Decimal(rng.randint(low, high)) / 100, unit))

    economic = {code: drift(amount) for code, amount in before.economic.items()}
    # An optional 款 appears or disappears now and then.
    for code, always, (low, high) in _ECONOMIC_DRAWS:
        if always or code == "30302" or rng.random() > 0.3:
            continue
        if code in economic:
            del economic[code]
        else:
            economic[code] = _round_to(dept.staff * rng.randint(low, high), step)
    wages = economic["30101"] + economic["30102"] + economic.get("30107", 0)
    for code, rate in _SOCIAL_RATES.items():
        economic[code] = _round_to(wages * rate, step)
    economic["30217"] = drift(before.economic["30217"], 85, 110, 100)
    economic["30231"] = drift(before.economic["30231"], 90, 108, 100)
    domain = _DOMAINS[dept.domain]
    projects = {code: drift(amount, 80, 125) for code, amount in before.projects.items()}
    optional = [code for code in projects if code != domain[2]]
    if optional and rng.random() < 0.35:
        del projects[rng.choice(optional)]
    absent = [code for code in domain[3] if code not in projects]
    if absent and rng.random() < 0.5:
        projects[rng.choice(absent)] = _round_to(rng.randint(300000, 3000000), step)
    purchase = _round_to(rng.randint(180000, 260000), 10000) if rng.random() < 0.3 else 0
    three = {"abroad": 0, "vehicle_purchase": purchase, "vehicle_operation": economic["30231"],
             "reception": economic["30217"]}
    budget = BudgetYear(before.year + 1, dict(sorted(economic.items())),
                        dict(sorted(projects.items())), three, [], [])
    budget.procurement = _procurement(rng, budget)
    budget.assets = _assets(rng, dept, before.assets)
    return budget


def make_department(seed: int, index: int = 0, style: str | None = None) -> Department:
    """Make the ``index``-th fictional department of a seed.

    Args:
        seed: Random seed.
        index: Department number within the seed (names differ by index).
        style: "hebei" or "shanghai"; by default alternating with the index.

    Returns:
        The department.
    """
    rng = random.Random(f"department:{seed}:{index}")
    domain = (index + seed) % len(_DOMAINS)
    prefix = _PREFIXES[(index // len(_DOMAINS) + rng.randrange(len(_PREFIXES))) % len(_PREFIXES)]
    return Department(
        key=f"d{index + 1:02d}", name=f"示例市示例区{prefix}{_DOMAINS[domain][0]}局",
        code=f"{901 + index}", style=style or STYLES[index % len(STYLES)], domain=domain,
        staff=rng.randint(12, 60), vehicles=rng.randint(1, 5))


def budget_series(seed: int, dept: Department, years: list[int]) -> dict[int, BudgetYear]:
    """Return the department's budget for each year, plus the hidden year before the first.

    Args:
        seed: Random seed.
        dept: The department.
        years: Consecutive budget years.

    Returns:
        Year → budget, including ``years[0] - 1``.
    """
    rng = random.Random(f"budget:{seed}:{dept.key}")
    first = min(years) - 1
    series = {first: _first_budget(rng, dept, first)}
    for year in range(first + 1, max(years) + 1):
        series[year] = _next_budget(rng, dept, series[year - 1])
    return series


# --------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------


@dataclass
class _Table:
    """A table being built: its grid plus what the defects need to find cells."""

    key: str
    grid: Grid
    header: int
    rows_by_key: dict[str, int] = field(default_factory=dict)  # line key → body row (1-based)
    columns: dict[str, int] = field(default_factory=dict)  # measure → column index

    def body(self, row: int) -> list[Cell]:
        return self.grid.rows[self.header + row - 1]


def _grid(title: str, captions: list[str], header: list[list[str]], body: list[list[str]],
          notes: list[str] | None = None) -> Grid:
    rows = [[Cell(text) for text in row] for row in [*header, *body]]
    return Grid(title, list(captions), rows, header_rows=len(header), notes=list(notes or []))


class _Builder:
    """Build one department-year document in one style."""

    def __init__(self, dept: Department, budget: BudgetYear, previous: BudgetYear,
                 rng: random.Random) -> None:
        self.dept = dept
        self.budget = budget
        self.previous = previous
        self.rng = rng
        self.year = budget.year
        self.style = PRINT_STYLES[dept.style]
        self.lines = _function_lines(dept, budget)
        self.tables: dict[str, _Table] = {}
        self.blocks: list[Block] = []
        self.items: list[dict] = []  # 支出主要内容 items as printed

    # -- printing ----------------------------------------------------------------
    def amount(self, yuan: int, blank_zero: bool = False) -> str:
        """Print a table amount in the style's unit."""
        if yuan == 0:
            return "" if blank_zero else "0"
        return self.style.amount(yuan)

    @property
    def captions(self) -> list[str]:
        return [caption.format(code=self.dept.code, name=self.dept.name, year=self.year)
                for caption in self.style.captions]

    def title(self, key: str) -> str:
        return self.style.title_format.format(title=self.style.titles[key], year=self.year)

    def add(self, key: str, table: _Table) -> None:
        self.tables[key] = table
        self.blocks.append(table.grid)

    # -- function-classification tables -------------------------------------------
    def _function_rows(self, columns: int, values) -> tuple[list[list[str]], dict[str, int]]:
        """Return body rows (合计 first with serial numbers, else last) and line key → row."""
        entries = _hierarchy({code: values(basic, project)
                              for code, (basic, project) in self.lines.items()})
        total = tuple(sum(amounts[i] for _, level, amounts in entries if level == 1)
                      for i in range(columns))
        rows: list[list[str]] = []
        keys: dict[str, int] = {}
        if self.style.serial_numbers:
            rows.append(["1", "", "合计", *(self.amount(a, True) for a in total)])
            keys["total"] = 1
            for code, _, amounts in entries:
                rows.append([str(len(rows) + 1), code, _function_name(code),
                             *(self.amount(a, True) for a in amounts)])
                keys[code] = len(rows)
        else:
            for code, _, amounts in entries:
                parts = [code[:3], code[3:5], code[5:7]]
                rows.append([*parts, _function_name(code), *(self.amount(a) for a in amounts)])
                keys[code] = len(rows)
            rows.append(["", "", "", "合计", *(self.amount(a) for a in total)])
            keys["total"] = len(rows)
        return rows, keys

    def _function_header(self, top: str, measures: list[str]) -> list[list[str]]:
        if self.style.serial_numbers:
            return [["序号", "功能分类科目", "", *measures],
                    ["", "科目编码", "科目名称", *[""] * len(measures)],
                    ["栏次", *map(str, range(1, len(measures) + 3))]]
        return [["项目", "", "", "", top, *[""] * (len(measures) - 1)],
                ["功能分类科目编码", "", "", "功能分类科目名称", *measures],
                ["类", "款", "项", "", *[""] * len(measures)]]

    def income_summary(self) -> None:
        if self.style.serial_numbers:
            measures = ["合计", "本年收入", "", "", "", "", "", "", "", "上年结转"]
            header = [["序号", "功能分类科目", "", *measures],
                      ["", "科目编码", "科目名称", "", "小计", "财政拨款收入", "财政专户收入",
                       "事业收入", "经营收入", "上级补助收入", "附属单位上缴收入", "其他收入", ""],
                      ["栏次", *map(str, range(1, 13))]]

            def values(basic: int, project: int) -> tuple[int, ...]:
                return (basic + project, basic + project, basic + project)

            rows, keys = self._function_rows(3, values)
            rows = [[*row, *[""] * 7] for row in rows]
        else:
            header = self._function_header("收入预算", ["合计", "财政拨款收入", "事业收入",
                                                    "事业单位经营收入", "其他收入"])

            def values(basic: int, project: int) -> tuple[int, ...]:
                return (basic + project, basic + project, 0, 0, 0)

            rows, keys = self._function_rows(5, values)
        title = self.title("income_summary")
        grid = _grid(title, self.captions, header, rows)
        self.add("income_summary", _Table("income_summary", grid, len(header), keys))

    def expenditure_tables(self) -> None:
        def values(basic: int, project: int) -> tuple[int, ...]:
            return (basic + project, basic, project)

        specs = [("expenditure_summary", "支出预算"),
                 ("general_budget_expenditure", "一般公共预算支出")]
        for key, top in specs:
            rows, keys = self._function_rows(3, values)
            measures = ["合计", "基本支出", "项目支出"]
            if self.style.serial_numbers and key == "expenditure_summary":
                measures += ["经营支出", "上解上级支出", "对附属单位补助支出"]
                rows = [[*row, "", "", ""] for row in rows]
            header = self._function_header(top, measures)
            grid = _grid(self.title(key), self.captions, header, rows)
            # the 合计 column follows the whole code (序号 | 编码 | 名称) or 类 | 款 | 项 | 名称
            self.add(key, _Table(key, grid, len(header), keys,
                                 {"total": 3 if self.style.serial_numbers else 4}))

    def empty_fund_tables(self) -> None:
        specs = [("gov_fund_expenditure", "政府性基金预算"),
                 ("state_capital_expenditure", "国有资本经营预算")]
        for key, what in specs:
            header = self._function_header(f"{what}支出", ["合计", "基本支出", "项目支出"])
            body = [["", "", "合计", "", "", ""]] if self.style.serial_numbers else [
                ["", "", "", "合计", "", "", ""]]
            note = self.style.empty_fund_note.format(what=what, year=self.year)
            grid = _grid(self.title(key), self.captions, header, body, [note])
            self.add(key, _Table(key, grid, len(header)))

    # -- summary tables ------------------------------------------------------------
    def _classes(self) -> list[tuple[str, int]]:
        classes: dict[str, int] = {}
        for code, (basic, project) in self.lines.items():
            classes[code[:3]] = classes.get(code[:3], 0) + basic + project
        return list(classes.items())

    @staticmethod
    def _income(lines: tuple[tuple[str, bool], ...], total: int) -> list[tuple[str, int]]:
        return [(label, total if carries_total else 0) for label, carries_total in lines]

    def summary_tables(self) -> None:
        total, classes = self.budget.total, self._classes()
        fmt = self.amount
        if self.style.serial_numbers:
            income = self._income(self.style.income_lines, total)
            rows = []
            for index in range(max(len(income), len(classes))):
                left = income[index] if index < len(income) else ("", 0)
                right = ((f"{_CLASS_ORDER[index]}、{FUNCTION_CLASSES[classes[index][0]]}",
                          classes[index][1]) if index < len(classes) else ("", 0))
                rows.append([str(index + 1), left[0], fmt(left[1], True), right[0],
                             fmt(right[1], True)])
            rows.append([str(len(rows) + 1), "本年收入合计", fmt(total), "本年支出合计",
                         fmt(total)])
            rows.append([str(len(rows) + 1), "收入总计", fmt(total), "支出总计", fmt(total)])
            header = [["序号", "收入", "", "支出", ""],
                      ["", "项  目", "预算数", "项  目", "预算数"],
                      ["栏次", "1", "2", "3", "4"]]
        else:
            income = self._income(self.style.income_lines, total)
            rows = []
            for index in range(max(len(income), len(classes))):
                left = income[index] if index < len(income) else ("", 0)
                right = ((f"{_CLASS_ORDER[index]}、{FUNCTION_CLASSES[classes[index][0]]}",
                          classes[index][1]) if index < len(classes) else ("", 0))
                rows.append([left[0], fmt(left[1], True), right[0], fmt(right[1], True)])
            rows.append(["收入总计", fmt(total), "支出总计", fmt(total)])
            header = [["本年收入", "", "本年支出", ""], ["项目", "预算数", "项目", "预算数"]]
        title = self.title("income_expenditure_summary")
        grid = _grid(title, self.captions, header, rows)
        self.add("income_expenditure_summary",
                 _Table("income_expenditure_summary", grid, len(header),
                        {"income_total": len(rows)}))
        # 财政拨款收支总表
        income = self._income(self.style.grant_income_lines, total)
        rows = []
        for index in range(max(len(income), len(classes))):
            left = income[index] if index < len(income) else ("", 0)
            right = [f"{_CLASS_ORDER[index]}、{FUNCTION_CLASSES[classes[index][0]]}",
                     fmt(classes[index][1]), fmt(classes[index][1]), "", ""] if index < len(
                classes) else ["", "", "", "", ""]
            rows.append([left[0], fmt(left[1], True), *right])
        if self.style.serial_numbers:
            rows.append(["本年收入合计", fmt(total), "本年支出合计", fmt(total), fmt(total),
                         "", ""])
        rows.append(["收入总计", fmt(total), "支出总计", fmt(total), fmt(total), "", ""])
        if self.style.serial_numbers:
            rows = [[str(number), *row] for number, row in enumerate(rows, start=1)]
            header = [["序号", "收入", "", "支出", "", "", "", ""],
                      ["", "项  目", "金额", "项  目", "合计", "一般公共预算财政拨款",
                       "政府性基金预算财政拨款", "国有资本经营预算财政拨款"],
                      ["栏次", *map(str, range(1, 8))]]
        else:
            header = [["财政拨款收入", "", "财政拨款支出", "", "", "", ""],
                      ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算",
                       "国有资本经营预算"]]
        title = self.title("fiscal_grant_summary")
        grid = _grid(title, self.captions, header, rows)
        self.add("fiscal_grant_summary", _Table("fiscal_grant_summary", grid, len(header)))

    # -- economic table ------------------------------------------------------------
    def economic_table(self) -> None:
        entries = _hierarchy({code: (amount, 0 if code.startswith("302") else amount,
                                     amount if code.startswith("302") else 0)
                              for code, amount in self.budget.economic.items()})
        budget = self.budget
        total = (budget.basic, budget.personnel, budget.public)
        rows: list[list[str]] = []
        keys: dict[str, int] = {}
        if self.style.serial_numbers:
            rows.append(["1", "", "合计", *(self.amount(a, True) for a in total)])
            for code, _, amounts in entries:
                rows.append([str(len(rows) + 1), code, _economic_name(code),
                             *(self.amount(a, True) for a in amounts)])
                keys[code] = len(rows)
            header = [["序号", "支出部门经济分类科目", "", "一般公共预算基本支出", "", ""],
                      ["", "科目编码", "科目名称", "合计", "人员经费", "公用经费"],
                      ["栏次", "1", "2", "3", "4", "5"]]
            columns = {"total": 3, "personnel": 4, "public": 5}
        else:
            for code, _, amounts in entries:
                rows.append([code[:3], code[3:5], _economic_name(code),
                             *(self.amount(a) for a in amounts)])
                keys[code] = len(rows)
            rows.append(["", "", "合计", *(self.amount(a) for a in total)])
            header = [["项目", "", "", "一般公共预算基本支出", "", ""],
                      ["部门预算经济分类科目编码", "", "经济分类科目名称", "合计", "人员经费",
                       "公用经费"],
                      ["类", "款", "", "", "", ""]]
            columns = {"total": 3, "personnel": 4, "public": 5}
        title = self.title("general_budget_basic_expenditure")
        grid = _grid(title, self.captions, header, rows)
        self.add("general_budget_basic_expenditure",
                 _Table("general_budget_basic_expenditure", grid, len(header), keys, columns))

    # -- 三公 ------------------------------------------------------------------------
    def three_public_table(self) -> None:
        three = self.budget.three_public
        vehicle = three["vehicle_purchase"] + three["vehicle_operation"]
        total = self.budget.three_public_total

        def w(yuan: int) -> str:
            return wan(yuan) if yuan else "0"

        if self.style.itemised_three_public:
            header = [["序号", "项  目", "资 金 性 质", "", "", ""],
                      ["", "", "合计", "一般公共预算财政拨款", "政府性基金预算拨款",
                       "国有资本经营预算财政拨款"],
                      ["栏次", "1", "2", "3", "4", "5"]]
            body = [[seq, name, w(amount), w(amount), "", ""] for seq, name, amount in (
                ("", "合计", total), ("一、", "因公出国（境）费", three["abroad"]),
                ("二、", "公务用车购置及运维费", vehicle),
                ("", "其中：公务用车购置费", three["vehicle_purchase"]),
                ("", "公务用车运行维护费", three["vehicle_operation"]),
                ("三、", "公务接待费", three["reception"]))]
            title = "部门预算财政拨款“三公”经费支出表"
        else:
            header = [[f"{self.year}年“三公”经费预算数", "", "", "", "", "", ""],
                      ["", "", "", "公务用车购置及运行费", "", "",
                       f"{self.year}年机关运行经费预算数"],
                      ["三公经费合计", "因公出国（境）费", "公务接待费", "小计", "购置费", "运行费",
                       ""]]
            body = [[w(total), w(three["abroad"]), w(three["reception"]), w(vehicle),
                     w(three["vehicle_purchase"]), w(three["vehicle_operation"]),
                     w(self.admin_operating)]]
            title = f"{self.year}年部门“三公”经费和机关运行经费预算表"
        captions = [*self.captions[:-1], "单位：万元"]
        grid = _grid(title, captions, header, body)
        self.add("three_public", _Table("three_public", grid, len(header)))

    @property
    def admin_operating(self) -> int:
        """Return 机关运行经费: 公用经费, cut down to the style's step (exact, or 0.01 万元)."""
        public = self.budget.public
        return public - public % self.style.admin_operating_step

    # -- Hebei record tables -------------------------------------------------------
    def procurement_table(self) -> None:
        rows_out = []
        total = sum(q * p for _, _, _, _, q, p in self.budget.procurement)
        blanks = [""] * 4
        rows_out.append(["合计", "", "", "", "", "", "", wan(total), wan(total), "", "",
                         *blanks, wan(total)])
        rows_out.append([f"{self.dept.name}本级小计", "", "", "", "", "", "", wan(total),
                         wan(total), "", "", *blanks, wan(total)])
        for code, item, catalog, unit, quantity, price in self.budget.procurement:
            amount = quantity * price
            rows_out.append([FUNCTION_ITEMS[code], wan(self.budget.projects[code]), item,
                             catalog, unit, str(quantity), wan(price), wan(amount),
                             wan(amount), "", "", *blanks, wan(amount)])
        header = [["政府采购项目来源", "", "采购物品名称", "政府采购目录序号", "计量单位", "数量",
                   "单价", "政府采购金额（当年部门预算安排资金）", "", "", "", "", "", "", "",
                   f"{self.year}年预留中小微企业份额"],
                  ["项目名称", "预算资金", "", "", "", "", "", "合计", "一般公共预算拨款",
                   "基金预算拨款", "国有资本经营预算拨款", "财政专户核拨", "单位资金",
                   "财政拨款结转", "非财政拨款结转结余", ""]]
        grid = _grid("部门政府采购预算表", [f"{self.dept.code}{self.dept.name}", "单位：万元"],
                     header, rows_out)
        self.add("procurement", _Table("procurement", grid, len(header)))

    def assets_table(self) -> None:
        kinds = self.budget.assets
        total = sum(value for _, _, value in kinds)
        body = [["资产总额", "——", wan(total)]]
        for name, quantity, value in kinds:
            body.append([name, str(quantity), wan(value) if value else "0"])
            if name.startswith("1、"):
                body.append(["其中：办公用房（平方米）", str(quantity), wan(value)])
        grid = _grid("部门固定资产占用情况表",
                     [f"{self.dept.code}{self.dept.name}", f"截止时间：{self.year - 1}-12-31"],
                     [["项   目", "数量", "价值（金额单位：万元）"]], body)
        self.add("assets", _Table("assets", grid, 1))

    def target_tables(self) -> None:
        for number, (code, amount) in enumerate(self.budget.projects.items(), start=1):
            name = FUNCTION_ITEMS[code]
            rows = [["绩效目标", f"1.保障{name}工作按计划完成。", "", "", "", ""],
                    ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值",
                     "指标值确定依据"],
                    ["产出指标", "数量指标", "完成工作事项数", "完成工作事项数",
                     f"≥{self.rng.randint(3, 20)}项", "年度计划"],
                    ["", "成本指标", "项目经费", "项目经费控制数", f"≤{wan(amount)}万元",
                     "预算批复"],
                    ["满意度指标", "服务对象满意度指标", "群众满意度", "群众满意度", "≥90%",
                     "满意度调查"]]
            grid = _grid(f"{number}、{name}绩效目标表", [], [], rows)
            self.blocks.append(grid)

    # -- narrative -------------------------------------------------------------------
    def p(self, text: str) -> None:
        self.blocks.append(Paragraph(text))

    def h(self, text: str) -> None:
        self.blocks.append(Heading(text))

    def change(self, now: int, before: int, base: str = "预算") -> str:
        """Return "比2023年预算增加X万元" (the change rounded, not the rounded figures')."""
        difference = now - before
        if difference == 0:
            return f"比{self.year - 1}年{base}持平"
        word = "增加" if difference > 0 else "减少"
        return f"比{self.year - 1}年{base}{word}{wan(abs(difference))}万元"

    def overview(self) -> None:
        b, prev = self.budget, self.previous
        name, total = self.dept.name, wan(b.total)
        grant_change = self.change(b.total, prev.total)
        self.p(f"{self.year}年，{name}收入预算{total}万元，其中：财政拨款收入{total}万元，"
               f"{grant_change}；事业收入0.00万元；事业单位经营收入0.00万元；其他收入0.00万元。")
        self.p(f"支出预算{total}万元，其中：财政拨款支出预算{total}万元，{grant_change}。"
               f"财政拨款支出预算中，一般公共预算拨款支出预算{total}万元，{grant_change}；"
               f"政府性基金拨款支出预算0.00万元，比{self.year - 1}年预算持平；国有资本经营预算拨款"
               f"支出预算0.00万元，比{self.year - 1}年预算持平。")
        if b.total != prev.total:
            reason = "项目调整" if b.project != prev.project else "人员经费调整"
            word = "增加" if b.total > prev.total else "减少"
            self.p(f"财政拨款收入支出{word}的主要原因是{reason}。")
        self.p("财政拨款支出主要内容如下：")
        before_lines = _function_lines(self.dept, prev)
        for number, (code, (basic, project)) in enumerate(self.lines.items(), start=1):
            amount = basic + project
            prior = sum(before_lines.get(code, (0, 0)))
            names = (FUNCTION_CLASSES[code[:3]], FUNCTION_SECTIONS[code[:5]], FUNCTION_ITEMS[code])
            head = (f"{number}. “{names[0]}（类）{names[1]}（款）{names[2]}（项）”"
                    f"{wan(amount)}万元，主要用于{names[2]}。")
            if wan(amount) == wan(prior):
                change, reason = "持平", "保持不变"
            elif prior == 0:
                change, reason = "增加", "新增项目"
            else:
                word = "增加" if amount > prior else "减少"
                change = f"{word}{_percent(amount, prior)}%"
                reason = self.rng.choice(_REASONS_UP if amount > prior else _REASONS_DOWN)
            tail = (f"{self.year - 1}年当年预算执行数为{wan(prior)}万元，{self.year}年预算安排"
                    f"{wan(amount)}万元，比{self.year - 1}年预算执行数{change}。"
                    f"主要原因是：{reason}。")
            self.items.append({"number": number, "head": head, "tail": tail, "amount": amount,
                               "change": change})
            self.p(head + tail)

    def admin_operating_text(self) -> None:
        if self.style.itemised_admin_operating:
            items = "，".join(f"{ECONOMIC_SECTIONS[code]}{wan(amount)}万元"
                             for code, amount in self.budget.economic.items()
                             if code.startswith("302"))
            self.p(f"机关运行经费安排支出{wan(self.admin_operating)}万元，{items}。")
        else:
            self.p(f"{self.year}年{self.dept.name}（部门）下属1家机关财政拨款的机关运行经费预算为"
                   f"{wan(self.admin_operating)}万元。")

    def _reason(self, key: str, now: int, before: int) -> str:
        if now == before:
            return "保持不变"
        reasons = {"vehicle_purchase": ("购置公务用车", "无公务用车购置计划"),
                   "reception": ("接待任务增加", "厉行节约，压减公务接待"),
                   "vehicle_operation": ("用车需求增加", "压减公务用车运行费用")}
        up, down = reasons.get(key, ("工作需要", "厉行节约"))
        return up if now > before else down

    def three_public_text(self) -> None:
        now, before = self.budget.three_public, self.previous.three_public
        total, prior_total = self.budget.three_public_total, self.previous.three_public_total
        vehicle = now["vehicle_purchase"] + now["vehicle_operation"]
        prior_vehicle = before["vehicle_purchase"] + before["vehicle_operation"]
        w = self._three_wan
        if not self.style.three_public_clauses:
            reason = "；".join(dict.fromkeys(
                self._reason(k, now[k], before[k]) for k in now if now[k] != before[k]))
            self.p(f"我部门财政拨款“三公”经费预算安排{w(total)}万元，其中因公出国（境）费"
                   f"{w(now['abroad'])}万元；公务用车购置及运维费{w(vehicle)}万元（其中：公务用车"
                   f"购置费为{w(now['vehicle_purchase'])}万元，公务用车运行费"
                   f"{w(now['vehicle_operation'])}万元）；公务接待费{w(now['reception'])}万元。"
                   f"{self.change(total, prior_total)}，主要原因是{reason or '保持不变'}。")
            return
        change = self.change
        self.p(f"{self.year}年“三公”经费预算数为{w(total)}万元，"
               f"{change(total, prior_total)}。其中：")
        self.p(f"（一）因公出国（境）费{w(now['abroad'])}万元，"
               f"{change(now['abroad'], before['abroad'])}。主要原因是"
               f"{self._reason('abroad', now['abroad'], before['abroad'])}。")
        self.p(f"（二）公务用车购置及运行费{w(vehicle)}万元，{change(vehicle, prior_vehicle)}，"
               f"主要原因是{self._reason('vehicle_operation', vehicle, prior_vehicle)}。"
               f"其中：{self._part('购置费', 'vehicle_purchase')}；"
               f"{self._part('运行费', 'vehicle_operation')}。")
        self.p(f"（三）公务接待费{w(now['reception'])}万元。"
               f"{change(now['reception'], before['reception'])}，主要原因是"
               f"{self._reason('reception', now['reception'], before['reception'])}。")

    def _part(self, label: str, key: str) -> str:
        """Return "公务用车购置费X万元，比2023年预算…，主要原因是…" for one vehicle item."""
        now, before = self.budget.three_public[key], self.previous.three_public[key]
        return (f"公务用车{label}{self._three_wan(now)}万元，{self.change(now, before)}，"
                f"主要原因是{self._reason(key, now, before)}")

    @staticmethod
    def _three_wan(yuan: int) -> str:
        return wan(yuan) if yuan else "0"

    def performance_text(self) -> None:
        self.p(self.style.performance_sentence.format(
            count=len(self.budget.projects), amount=wan(self.budget.project), year=self.year))

    def procurement_total(self) -> int:
        return sum(q * p for _, _, _, _, q, p in self.budget.procurement)

    # -- documents ---------------------------------------------------------------------
    def hebei_document(self) -> None:
        name = self.dept.name
        domain = _DOMAINS[self.dept.domain][0]
        self.summary_tables()
        self.income_summary()
        self.expenditure_tables()
        self.economic_table()
        self.empty_fund_tables()
        self.three_public_table()
        self.p(f"{name}{self.year}年部门预算信息公开情况说明")
        self.p(SYNTHETIC_NOTICE)
        self.h("一、部门职责及机构设置情况")
        self.p("部门职责：")
        self.p(f"（一）负责示例区{domain}事务的统筹协调和监督管理。")
        self.p("（二）承办区政府交办的其他事项。")
        self.p(f"机构设置：{name}内设办公室、{domain}业务科等{self.rng.randint(3, 7)}个科室，"
               "为行政单位，经费保障形式为财政拨款。")
        self.h("二、部门预算安排的总体情况")
        self.overview()
        self.h("三、机关运行经费安排情况")
        self.admin_operating_text()
        self.h("四、财政拨款“三公”经费预算情况及增减变化原因")
        self.three_public_text()
        self.h("五、预算绩效信息")
        self.performance_text()
        self.target_tables()
        self.h("六、政府采购预算情况")
        self.p(f"{self.year}年，{name}安排政府采购预算{wan(self.procurement_total())}万元。"
               "具体内容见下表。")
        self.procurement_table()
        self.h("七、国有资产信息")
        assets = sum(value for _, _, value in self.budget.assets)
        self.p(f"{name}上年末固定资产金额为{wan(assets)}万元（详见下表）。本年度拟购置固定资产总额为"
               f"{wan(self.procurement_total())}万元，已按要求列入政府采购预算。")
        self.assets_table()
        self.glossary()

    def glossary(self) -> None:
        self.h(self.style.glossary_heading)
        self.p("1、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。")
        self.p("2、项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。")
        self.p("3、“三公”经费：指使用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。")

    def shanghai_document(self) -> None:
        name = self.dept.name
        domain = _DOMAINS[self.dept.domain][0]
        self.h(f"示例市示例区{self.year}年区级部门预算")
        self.h(f"预算主管部门：{name}")
        self.p(SYNTHETIC_NOTICE)
        self.h(f"{name}（部门）主要职能")
        self.p(f"{name}是示例区政府负责{domain}工作的工作部门。主要职能包括：")
        self.p(f"一、负责示例区{domain}事务的统筹协调和监督管理。")
        self.p("二、承办区委、区政府交办的其他事项。")
        self.h(f"{name}（部门）机构设置")
        self.p(f"{name}部门预算为本部门本级的综合收支计划。")
        self.glossary()
        self.h(f"{self.year}年部门预算编制说明")
        self.overview()
        self.summary_tables()
        self.income_summary()
        self.expenditure_tables()
        self.empty_fund_tables()
        self.economic_table()
        self.three_public_table()
        self.h("其他相关情况说明")
        self.h(f"一、{self.year}年“三公”经费预算情况说明")
        self.three_public_text()
        self.h("二、机关运行经费预算")
        self.admin_operating_text()
        self.h("三、政府采购预算情况")
        total = self.procurement_total()
        goods = sum(q * p for _, _, _, unit, q, p in self.budget.procurement if unit != "项")
        self.p(f"{self.year}年本部门政府采购预算{wan(total)}万元，其中：政府采购货物预算"
               f"{wan(goods)}万元、政府采购工程预算0.00万元、政府采购服务预算"
               f"{wan(total - goods)}万元。")
        reserved = _round_to(total * Decimal("0.4"), 100)
        self.p(f"{self.year}年本部门面向中小企业预留政府采购项目预算金额{wan(reserved)}万元，其中，"
               f"预留给小型和微型企业的政府采购项目预算为{wan(_round_to(reserved * 0.7, 100))}"
               "万元。")
        self.h("四、绩效目标设置情况")
        self.performance_text()
        self.h("五、国有资产占有使用情况")
        vehicles = self.dept.vehicles
        self.p(f"截至{self.year - 1}年8月31日，{name}（部门）共有车辆{vehicles}辆，其中：其他用车"
               f"{vehicles}辆；单价100万元（含）以上设备（不含车辆）0台（套）。")
        bought = 1 if self.budget.three_public["vehicle_purchase"] else 0
        self.p(f"{self.year}年部门预算安排购置车辆{bought}辆；部门预算安排购置单价100万元（含）以上设备"
               "（不含车辆）0台（套）。")
        self.h("项目经费情况说明")
        self.target_tables()


# --------------------------------------------------------------------------------------
# Defects
# --------------------------------------------------------------------------------------


@dataclass
class Defect:
    """One planted defect and where to find it (an answer key entry).

    Attributes:
        kind: A key of :data:`DEFECTS`.
        rule_id: The rule of :mod:`helpers.checks` meant to find it.
        location: Table, body row (1-based, as in the loaded table's ``row``) and column
            (measure), or narrative section and sentence.
        expected: The consistent value (元, or text).
        printed: What the document prints instead.
    """

    kind: str
    rule_id: str
    location: dict[str, object]
    expected: str | None
    printed: str | None

    def to_dict(self) -> dict[str, object]:
        """Return the entry as a JSON-ready dict."""
        return {"kind": self.kind, "rule_id": self.rule_id, "description": DEFECTS[self.kind][1],
                "location": self.location, "expected": self.expected, "printed": self.printed}


def _set_cell(table: _Table, row: int, column: int, text: str) -> str:
    cells = table.body(row)
    old = cells[column].text
    cells[column] = Cell(text)
    return old


def _shift(text: str, delta: int, style: PrintStyle) -> str:
    """Return a printed amount moved by ``delta`` yuan, in the same style."""
    return style.amount(style.parse(text) + delta)


def _plant(builder: _Builder, kind: str, rng: random.Random) -> Defect | None:
    rule_id = DEFECTS[kind][0]
    style = builder.style
    delta = style.defect_step * rng.randint(*style.defect_factors)
    if kind == "wrong_total":
        table = builder.tables["expenditure_summary"]
        row, column = table.rows_by_key["total"], table.columns["total"]
        old = table.body(row)[column].text
        new = _shift(old, delta, style)
        _set_cell(table, row, column, new)
        return Defect(kind, rule_id, {"table": "expenditure_summary", "row": row,
                                      "column": "total", "line": "合计"}, old, new)
    if kind == "broken_hierarchy":
        table = builder.tables["general_budget_basic_expenditure"]
        code = rng.choice([c for c in builder.budget.economic if c.startswith("301")])
        row = table.rows_by_key[code]
        old = table.body(row)[table.columns["total"]].text
        new = _shift(old, delta, style)
        _set_cell(table, row, table.columns["total"], new)
        _set_cell(table, row, table.columns["personnel"], new)  # the row itself still adds up
        return Defect(kind, rule_id, {"table": "general_budget_basic_expenditure", "row": row,
                                      "column": "total", "line": code}, old, new)
    if kind == "text_in_number":
        table = builder.tables["general_budget_basic_expenditure"]
        code = rng.choice([c for c in builder.budget.economic if c.startswith("302")])
        row = table.rows_by_key[code]
        old = _set_cell(table, row, table.columns["personnel"], "万元")
        return Defect(kind, rule_id, {"table": "general_budget_basic_expenditure", "row": row,
                                      "column": "personnel", "line": code}, old, "万元")
    if kind == "missing_table":
        table = builder.tables.pop("gov_fund_expenditure")  # one of 143号's eight
        builder.blocks.remove(table.grid)
        return Defect(kind, rule_id, {"table": "gov_fund_expenditure"},
                      table.grid.title, None)
    if kind == "narrative_mismatch":
        return _edit_paragraph(builder, kind, "收入预算", delta)
    if kind == "false_change":
        return _edit_paragraph(builder, kind, "财政拨款收入", delta)
    if kind == "copied_statement":
        items = builder.items
        pairs = [(a, b) for a, b in itertools.pairwise(items)
                 if "%" in a["change"] and wan(a["amount"]) != wan(b["amount"])]
        if not pairs:
            return None
        before, item = rng.choice(pairs)
        text = item["head"] + before["tail"]
        for block in builder.blocks:
            if isinstance(block, Paragraph) and block.text == item["head"] + item["tail"]:
                block.text = text
                return Defect(kind, rule_id, {"section": "overview", "item_no": item["number"],
                                              "sentence": text},
                              item["tail"], before["tail"])
    return None


def _edit_paragraph(builder: _Builder, kind: str, label: str, delta: int) -> Defect | None:
    """Change the amount after ``label`` in the 编制说明's income sentence."""
    rule_id = DEFECTS[kind][0]
    for block in builder.blocks:
        if not (isinstance(block, Paragraph) and block.text.startswith(
                f"{builder.year}年，{builder.dept.name}收入预算")):
            continue
        if kind == "narrative_mismatch":
            old = wan(builder.budget.total)
            start = block.text.index(label) + len(label)
            new = wan(builder.budget.total + delta)
        else:
            difference = builder.budget.total - builder.previous.total
            old_text = builder.change(builder.budget.total, builder.previous.total)
            wrong = difference + (delta if difference >= 0 else -delta)
            word = "增加" if wrong > 0 else "减少"
            new_text = f"比{builder.year - 1}年预算{word}{wan(abs(wrong))}万元"
            block.text = block.text.replace(old_text, new_text, 1)
            return Defect(kind, rule_id, {"section": "overview", "figure": "fiscal_grant_income",
                                          "sentence": block.text}, old_text, new_text)
        end = start + len(old)
        assert block.text[start:end] == old
        block.text = block.text[:start] + new + block.text[end:]
        return Defect(kind, rule_id, {"section": "overview", "figure": "income_total",
                                      "sentence": block.text}, old, new)
    return None


# --------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------


@dataclass
class Synthetic:
    """One generated disclosure, the figures it was built from, and its answer key.

    Attributes:
        raw: The document as blocks (``raw.path`` is the file stem to write it under).
        department: Fictional department name.
        year: Budget year.
        style: "hebei" or "shanghai".
        figures: Key totals in 元: total, basic, project, personnel, public, three_public,
            admin_operating.
        defects: Planted defects (empty for a clean document).
        seed: The generator seed.
    """

    raw: RawDocument
    department: str
    year: int
    style: str
    figures: dict[str, int]
    defects: list[Defect] = field(default_factory=list)
    seed: int = 0

    @property
    def stem(self) -> str:
        """Return the file stem ("synthetic_s7_d01_2024")."""
        return self.raw.path.stem

    def answer_key(self) -> dict[str, object]:
        """Return the answer key (JSON-ready): document facts and the planted defects."""
        return {"seed": self.seed, "department": self.department, "year": self.year,
                "style": self.style, "synthetic": True,
                "defects": [defect.to_dict() for defect in self.defects]}


def _build(seed: int, dept: Department, series: dict[int, BudgetYear], year: int,
           defects: tuple[str, ...], has_previous: bool = False) -> Synthetic:
    rng = random.Random(f"document:{seed}:{dept.key}:{year}")
    builder = _Builder(dept, series[year], series[year - 1], rng)
    getattr(builder, builder.style.document)()
    planted = []
    defect_rng = random.Random(f"defects:{seed}:{dept.key}:{year}")
    for kind in defects:
        if kind not in DEFECTS:
            raise ValueError(f"unknown defect {kind!r}; known: {', '.join(DEFECTS)}")
        if kind == "false_change" and not has_previous:
            continue  # only a previous year's document can show the change is false
        defect = _plant(builder, kind, defect_rng)
        if defect is not None:
            planted.append(defect)
    budget = series[year]
    figures = {"total": budget.total, "basic": budget.basic, "project": budget.project,
               "personnel": budget.personnel, "public": budget.public,
               "three_public": budget.three_public_total,
               "admin_operating": builder.admin_operating}
    stem = f"synthetic_s{seed}_{dept.key}_{year}"
    raw = RawDocument(path=Path(stem), format="synthetic", blocks=builder.blocks)
    return Synthetic(raw, dept.name, year, dept.style, figures, planted, seed)


def generate(seed: int, year: int = 2024, style: str | None = None, index: int = 0,
             defects: tuple[str, ...] = ()) -> Synthetic:
    """Generate one synthetic department budget.

    Args:
        seed: Random seed; the same seed gives the same document.
        year: Budget year.
        style: "hebei" or "shanghai" (default: by seed, alternating).
        index: Department number within the seed.
        defects: Defect kinds to plant (keys of :data:`DEFECTS`).

    Returns:
        The synthetic disclosure.
    """
    dept = make_department(seed, index, style or STYLES[(seed + index) % 2])
    return _build(seed, dept, budget_series(seed, dept, [year]), year, tuple(defects))


def generate_series(seed: int, years: list[int] | tuple[int, ...], style: str | None = None,
                    index: int = 0, defects: tuple[str, ...] = ()) -> list[Synthetic]:
    """Generate one fictional department's budgets over consecutive years.

    Args:
        seed: Random seed.
        years: Consecutive budget years.
        style: "hebei" or "shanghai" (default: alternating with ``index``).
        index: Department number within the seed.
        defects: Defect kinds to plant in every year (those that apply).

    Returns:
        One synthetic disclosure per year, in year order.
    """
    years = sorted(years)
    if years != list(range(years[0], years[0] + len(years))):
        raise ValueError(f"years must be consecutive, got {years}")
    dept = make_department(seed, index, style)
    series = budget_series(seed, dept, years)
    return [_build(seed, dept, series, year, tuple(defects), year > years[0]) for year in years]


def is_synthetic(raw: RawDocument) -> bool:
    """Return whether a document's own text says it is fictional, whatever its department.

    :attr:`helpers.model.Meta.is_synthetic` reads the same texts
    (:func:`helpers.model.says_synthetic`, :func:`helpers.model.text_blocks`).
    """
    return says_synthetic(None, text_blocks(raw))


def to_tika_text(raw: RawDocument) -> str:
    """Render blocks as Apache Tika prints a DOCX (the seed's format).

    Headings carry a ``[bookmark: _Toc…]`` prefix; a grid is its title (a bookmark
    heading), then one tab-indented line per cell, rows separated by a blank line and the
    table ended by three blank lines; notes follow the table.

    Args:
        raw: The document.

    Returns:
        The text export.
    """
    out: list[str] = []
    bookmark = 0
    for block in raw.blocks:
        if isinstance(block, Heading | Grid):
            title = block.text if isinstance(block, Heading) else block.title
            if title:
                bookmark += 1
                out.append(f"[bookmark: _Toc_synth_{bookmark:04d}]{title}")
        if isinstance(block, Paragraph):
            out.append(block.text)
        if isinstance(block, Grid):
            rows = ([block.captions] if block.captions else []) + [
                [cell.text for cell in row] for row in block.rows]
            for row in rows:
                out.extend("\t" + text.replace("\n", "\n ") for text in row)
                out.append("")
            out.extend(["", ""])
            out.extend(block.notes)
    return "\n".join(out) + "\n"


def write_synthetic(synthetic: Synthetic, folder: str | Path,
                    formats: tuple[str, ...] = ("txt", "docx", "xlsx"),
                    answer_key: bool = False) -> dict[str, Path]:
    """Write one synthetic disclosure in each of ``formats`` (see :data:`FORMATS`).

    Args:
        synthetic: The generated disclosure.
        folder: Where to write (created if missing).
        formats: Any of "txt", "docx", "xlsx", "pdf".
        answer_key: Also write ``<stem>.answers.json`` (format "answers" in the result).

    Returns:
        Format → path written.
    """
    from helpers.writers import write_docx, write_pdf, write_xlsx

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / synthetic.stem
    written: dict[str, Path] = {}
    for fmt in formats:
        path = stem.with_suffix(f".{fmt}")
        if fmt == "txt":
            path.write_text(to_tika_text(synthetic.raw), encoding="utf-8")
        elif fmt == "docx":
            write_docx(synthetic.raw, path)
        elif fmt == "xlsx":
            write_xlsx(synthetic.raw, path)
        elif fmt == "pdf":
            write_pdf(synthetic.raw, path, title=f"{synthetic.department}{synthetic.year}年部门预算"
                      f"（{SYNTHETIC_MARKER}）")
        else:
            raise ValueError(f"unsupported synthetic format {fmt!r}; supported: {FORMATS}")
        written[fmt] = path
    if answer_key:
        path = folder / f"{synthetic.stem}.answers.json"
        path.write_text(json.dumps(synthetic.answer_key(), ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
        written["answers"] = path
    return written


def write_corpus(folder: str | Path, seed: int = 2024, departments: int = 4,
                 years: tuple[int, ...] = (2022, 2023, 2024),
                 formats: tuple[str, ...] = FORMATS, defects: bool = False,
                 mixed: bool = False) -> list[Path]:
    """Write a corpus of fictional departments over several years.

    Args:
        folder: Output folder.
        seed: Random seed.
        departments: How many departments (styles alternate Hebei / Shanghai).
        years: Consecutive budget years.
        formats: Formats to write; with ``mixed`` each document gets one of them in turn.
        defects: Plant a few defects (a deterministic choice per document) and write the
            answer keys.
        mixed: One format per document (rotating) instead of every format.

    Returns:
        The paths written.
    """
    written: list[Path] = []
    turn = 0
    for index in range(departments):
        planted: tuple[str, ...] = ()
        series = generate_series(seed, list(years), index=index)
        for synthetic in series:
            if defects:
                rng = random.Random(f"choose:{seed}:{index}:{synthetic.year}")
                kinds = [k for k in DEFECTS if k != "false_change" or synthetic.year > min(years)]
                planted = tuple(sorted(rng.sample(kinds, k=rng.randint(1, 3))))
                synthetic = _build(seed, make_department(seed, index), budget_series(
                    seed, make_department(seed, index), list(years)), synthetic.year, planted,
                    synthetic.year > min(years))
            chosen = (formats[turn % len(formats)],) if mixed else formats
            turn += 1
            written.extend(write_synthetic(synthetic, folder, chosen, answer_key=defects)
                           .values())
    return written
