"""Narrative of a disclosure: its sections, the figures it states, and the 支出主要内容 list.

The audit checks compare what the text says against the tables, so every figure is read
exactly (via :func:`helpers.money.parse_amount`, never floats) and located (page and line
of the block it was read from). Figures are read as printed, defects included: a repair
here would hide the very thing the checks must find.

Quirks of the sources handled here:

* Granularity differs by reader: the Tika export gives one paragraph per printed paragraph;
  a PDF reader may give one paragraph per printed line, so sentences (and even the words
  "比2023年预算减少" / "876.75万元") wrap over blocks and pages. Consecutive paragraphs of a
  section are joined into one run before matching; a grid or heading ends the run. Each
  figure keeps the location of the block its amount starts in.
* Whitespace is layout, not text: line breaks and spaces are dropped between Chinese
  characters and digits ("77.70 %", "下属 5 家"), kept as one space between two Latin
  letters. Full-width digits and "．" / "％" are read as ASCII.
* Headings are not always headings: Shanghai PDFs print 三公 / 机关运行经费 / 政府采购 /
  绩效 / 国有资产 as numbered sub-headings ("一、2024年“三公”经费预算情况说明") inside
  "其他相关情况说明", and a reader may hand them over as the first line of a paragraph.
  The Tika export of the seed has an empty bookmark heading followed by "七、国有资产信息"
  as plain text. Such paragraphs are recognised by pattern and start their section.
* Table titles come as headings in the seed ("部门预算财政拨款“三公”经费支出表"); a
  heading ending in 表 starts an ``other`` section so that it does not swallow the 三公
  narrative key.
* A contents page (目录) prints the section titles as headings or lines of their own
  ("四、部门预算编制说明", Shanghai, Jiangsu, Xi'an, Yantai): its entries, those whose title
  (numbering aside) heads a later section, are text of the 目录 section, never sections.
* A change is stated after its figure in the same sentence ("…15621.11万元，比2023年预算
  减少876.75万元"), in the next sentence ("公务接待费1.35万元。比2023年预算持平"), or once
  for a whole enumeration ("…公务接待费0.64万元。与2022年相比无增加。" refers to the
  total at the head of that enumeration). A change sentence with no amount of its own
  applies to the first figure of the sentence before it.
* Change words: 增加/增长 → increase, 减少/下降/降低 → decrease, 持平/无增加/无变化/
  保持不变/不变 → flat. The base year may carry an aside: "比2022年（上一年度，下同）预算".
* The 支出主要内容 list numbers its items "1. “类（类）款（款）项（项）”25.77万元"; the head
  amount and the "2024年预算安排…" amount can differ (万里 2024 item 31), and one item can
  repeat another's figures (万里 2023 item 16); both are read as printed.
* An empty reason is printed "主要原因是。" (福利院 2024): read as "".
* Thresholds are not amounts: "单价100万元（含）以上设备", "5千元以下的支出".
* Counts are not amounts: vehicles (辆), equipment (台（套）), projects (个) go to the
  ``count`` column.
* "None" is stated in words: "2024年上海市普陀区社会福利院无机关运行经费。" is read as an
  ``admin_operating_total`` of 0 with no unit (a note "无…，故本表为空表" is not).
* Copy-paste residue: a paragraph repeated verbatim (the seed's 部门职责) is reported as a
  ``duplicate_paragraph`` anomaly at the repeat.

Why one module of ~870 lines: a third of it is vocabulary (the patterns of sections,
figures, changes and 支出主要内容 items), and the three passes (sections, figures, items)
share one model of runs of text with their page and line.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from helpers.anomalies import Anomaly
from helpers.money import AMOUNT_DTYPE, AmountParseError, parse_amount, printed_precision
from helpers.raw import Block, Grid, Heading, Paragraph

# --------------------------------------------------------------------------------------
# Vocabularies (data, not code)
# --------------------------------------------------------------------------------------

#: Section key → (zh, en) label.
SECTIONS: dict[str, tuple[str, str]] = {
    "duties": ("部门职责", "duties"),
    "institutions": ("机构设置", "institutions"),
    "overview": ("预算编制说明", "budget overview"),
    "admin_operating": ("机关运行经费", "administrative operating costs"),
    "three_public": ("“三公”经费", '"three public" costs'),
    "performance": ("绩效目标", "performance targets"),
    "procurement": ("政府采购", "government procurement"),
    "assets": ("国有资产", "state-owned assets"),
    "glossary": ("名词解释", "glossary"),
    "other": ("其他", "other"),
}

#: Figure key → (zh, en) label. Keys ending in ``_count`` are counts, not amounts.
FIGURES: dict[str, tuple[str, str]] = {
    "income_total": ("收入预算", "total income"),
    "fiscal_grant_income": ("财政拨款收入", "fiscal appropriation income"),
    "general_budget_income": ("一般公共预算拨款收入", "general public budget income"),
    "gov_fund_income": ("政府性基金预算拨款收入", "government fund income"),
    "state_capital_income": ("国有资本经营预算拨款收入", "state capital income"),
    "business_income": ("事业收入", "business income"),
    "operating_income": ("事业单位经营收入", "operating income"),
    "other_income": ("其他收入", "other income"),
    "carryover_income": ("上年结转", "carry-over from last year"),
    "other_funds_income": ("其他资金收入", "income from other funds"),
    "fiscal_special_income": ("财政专户管理资金收入", "fiscal special-account income"),
    "superior_subsidy_income": ("上级补助收入", "subsidy from higher level"),
    "affiliated_income": ("附属单位上缴收入", "remittance from affiliated units"),
    "expenditure_total": ("支出预算", "total expenditure"),
    "basic_expenditure": ("基本支出", "basic expenditure"),
    "project_expenditure": ("项目支出", "project expenditure"),
    "class_expenditure": ("功能分类科目支出", "spending of a function class"),
    "other_expenditure": ("经营、上缴上级及对附属单位补助支出",
                          "operating, remittance and subsidy expenditure"),
    "fiscal_grant_expenditure": ("财政拨款支出", "fiscal appropriation expenditure"),
    "general_budget_expenditure": ("一般公共预算拨款支出", "general public budget expenditure"),
    "gov_fund_expenditure": ("政府性基金拨款支出", "government fund expenditure"),
    "state_capital_expenditure": ("国有资本经营预算拨款支出", "state capital expenditure"),
    "admin_operating_total": ("机关运行经费", "administrative operating costs, total"),
    "admin_operating_item": ("机关运行经费明细", "administrative operating costs, item"),
    "three_public_total": ("“三公”经费", '"three public" costs, total'),
    "three_public_abroad": ("因公出国（境）费", "official travel abroad"),
    "three_public_vehicle": ("公务用车购置及运行（运维）费", "official vehicles"),
    "three_public_vehicle_purchase": ("公务用车购置费", "official vehicle purchase"),
    "three_public_vehicle_operation": ("公务用车运行费", "official vehicle operation"),
    "three_public_reception": ("公务接待费", "official reception"),
    "procurement_total": ("政府采购预算", "procurement, total"),
    "procurement_goods": ("政府采购货物预算", "procurement of goods"),
    "procurement_works": ("政府采购工程预算", "procurement of works"),
    "procurement_services": ("政府采购服务预算", "procurement of services"),
    "procurement_sme_reserved": ("面向中小企业预留", "reserved for SMEs"),
    "procurement_small_micro_reserved": ("预留给小型和微型企业", "reserved for small/micro firms"),
    "performance_total": ("绩效目标涉及项目预算资金", "project funds with performance targets"),
    "performance_project_count": ("编报绩效目标的项目数", "projects with performance targets"),
    "performance_unit_count": ("开展绩效目标编报的预算单位数", "units reporting targets"),
    "assets_total": ("固定资产（国有资产）总额", "fixed (state-owned) assets, total"),
    "assets_current": ("流动资产", "current assets"),
    "assets_other_fixed": ("其他固定资产", "other fixed assets"),
    "assets_long_term_investment": ("长期投资", "long-term investment"),
    "assets_construction_in_progress": ("在建工程", "construction in progress"),
    "assets_intangible": ("无形资产", "intangible assets"),
    "assets_planned_purchase": ("拟购置固定资产", "planned fixed-asset purchases"),
    "assets_vehicle_count": ("车辆数", "vehicles"),
    "assets_planned_vehicle_count": ("拟购置车辆数", "vehicles to buy"),
    "assets_equipment_count": ("单价超限额设备数", "equipment above the unit-price line"),
    "assets_planned_equipment_count": ("拟购置单价超限额设备数", "such equipment to buy"),
}

#: Heading text → section key; searched in order, first match wins.
HEADING_PATTERNS: list[tuple[str, str]] = [
    (r"表$", "other"),  # table titles printed as headings (the seed)
    (r"部门职责|单位职责|主要职能|职能职责", "duties"),
    (r"机构设置", "institutions"),
    (r"三公", "three_public"),
    (r"机关运行经?费", "admin_operating"),
    (r"政府采购", "procurement"),
    (r"国有资产|资产占[有用]", "assets"),
    (r"绩效", "performance"),
    (r"名词解释", "glossary"),
    (r"编制说明|预算安排的总体情况|收支预算总体情况", "overview"),
]

#: Numbering of a sub-heading: "一、", "（一）", "1." (regions number their sections apart).
_NUM = r"(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、](?!\d))"

#: Paragraphs whose whole first line is a title start a section (readers may not know).
PARAGRAPH_TITLE_PATTERNS: list[tuple[str, str]] = [
    (rf"(?:{_NUM})?(?:\d{{4}}年度?)?.{{0,40}}?预算编制说明", "overview"),
    (rf"(?:{_NUM})?(?:\d{{4}}年度?)?(?:部门|单位)?(?:收入|支出|收支)(?:总体)?预算(?:总体)?情况"
     r"(?:说明)?", "overview"),
    (rf"(?:{_NUM})?(?:其他相关情况说明|项目经费情况说明|其他需要说明的事项)", "other"),
    (rf"(?:{_NUM})?名词解释", "glossary"),
    (r".{0,40}（(?:部门|单位)）主要职能|(?:部门|单位)?(?:主要职能|部门职责)[：:]?", "duties"),
    (r".{0,40}（(?:部门|单位)）机构设置|(?:部门|单位)?机构设置(?:情况)?[：:]?", "institutions"),
]

#: Numbered sub-headings that may open a paragraph ("一、2024年“三公”经费预算情况说明…").
SUBHEADING_PATTERNS: list[tuple[str, str]] = [
    (rf"{_NUM}(?:\d{{4}}年度?)?(?:财政拨款|一般公共预算(?:财政拨款)?)?[“\"]?三公[”\"]?经费"
     r"(?:预算)?(?:情况)?(?:说明)?", "three_public"),
    (rf"{_NUM}(?:\d{{4}}年度?)?机关运行经?费(?:预算)?(?:安排)?(?:情况)?(?:说明)?",
     "admin_operating"),
    (rf"{_NUM}(?:\d{{4}}年度?)?政府采购(?:预算)?(?:情况)?(?:说明)?", "procurement"),
    (rf"{_NUM}(?:\d{{4}}年度?)?(?:预算绩效信息|绩效目标设置情况|绩效目标情况说明)", "performance"),
    (rf"{_NUM}国有资产(?:占有|占用)?(?:使用)?(?:情况|信息)(?:（[^）]{{0,10}}）)?", "assets"),
]

#: Per section: printed label before an amount → figure key; searched in order.
FIGURE_LABELS: dict[str, list[tuple[str, str]]] = {
    "overview": [
        # parts are named before the totals and funds they belong to: a class of the
        # spending list ("一般公共服务支出（类）支出"), 基本支出 of the general budget, an
        # income by source ("1.一般公共预算拨款收入") are not the totals they mention
        (r"（[类款项]）|\([类款项]\)", "class_expenditure"),
        (r"机关运行经?费", "admin_operating_total"),
        (r"基本支出", "basic_expenditure"),
        (r"项目支出", "project_expenditure"),
        (r"经营支出|上缴上级|上解上级|对附属单位补助", "other_expenditure"),
        (r"一般公共预算.{0,6}收入", "general_budget_income"),
        (r"政府性?基金.{0,8}收入", "gov_fund_income"),
        (r"国有资本.{0,10}收入", "state_capital_income"),
        (r"其他资金收入", "other_funds_income"),
        (r"财政专户", "fiscal_special_income"),
        (r"上级补助", "superior_subsidy_income"),
        (r"附属单位上缴", "affiliated_income"),
        (r"国有资本", "state_capital_expenditure"),
        (r"政府性?基金", "gov_fund_expenditure"),
        (r"一般公共预算", "general_budget_expenditure"),
        (r"财政拨款收入", "fiscal_grant_income"),
        (r"财政拨款", "fiscal_grant_expenditure"),
        (r"经营收入", "operating_income"),
        (r"事业收入", "business_income"),
        (r"其他收入", "other_income"),
        (r"结转", "carryover_income"),
        (r"收入", "income_total"),
        (r"支出", "expenditure_total"),
    ],
    "admin_operating": [(r"机关运行经?费|运行经费", "admin_operating_total")],
    "three_public": [
        (r"购置及运", "three_public_vehicle"),
        (r"购置", "three_public_vehicle_purchase"),
        (r"运行|运维", "three_public_vehicle_operation"),
        (r"接待", "three_public_reception"),
        (r"出国|出境", "three_public_abroad"),
        (r"三公", "three_public_total"),
    ],
    "procurement": [
        (r"小型和微型|小微", "procurement_small_micro_reserved"),
        (r"中小企业", "procurement_sme_reserved"),
        (r"货物", "procurement_goods"),
        (r"工程", "procurement_works"),
        (r"服务", "procurement_services"),
        (r"政府采购", "procurement_total"),
    ],
    "performance": [(r"资金|金额|预算", "performance_total")],
    "assets": [
        (r"拟购置|计划购置|安排购置", "assets_planned_purchase"),
        (r"流动资产", "assets_current"),
        (r"其他固定资产", "assets_other_fixed"),
        (r"固定资产|资产总额|资产总计", "assets_total"),
        (r"长期投资", "assets_long_term_investment"),
        (r"在建工程", "assets_construction_in_progress"),
        (r"无形资产", "assets_intangible"),
    ],
}

#: Sections whose unrecognised labels name items of a listed total ("办公费14.75万元").
ITEM_FALLBACK: dict[str, str] = {"admin_operating": "admin_operating_item"}

_PRICE_LINE = r"单价[\d.]+万元(?:（含）)?以上(?:通用|专用)?设备(?:（不含车辆）)?"

#: Per section: (regex with group ``n`` and optional ``name``, figure key, unit).
COUNT_PATTERNS: dict[str, list[tuple[str, str, str]]] = {
    "performance": [
        (r"编报绩效目标的项目(?:共|数为)?(?P<n>\d+)个", "performance_project_count", "个"),
        (r"(?P<n>\d+)个预算单位", "performance_unit_count", "个"),
    ],
    "assets": [
        (r"购置车辆(?P<n>\d+)辆", "assets_planned_vehicle_count", "辆"),
        (r"(?<!购置)车辆(?P<n>\d+)辆", "assets_vehicle_count", "辆"),
        (rf"购置(?P<name>{_PRICE_LINE})(?P<n>\d+)台", "assets_planned_equipment_count", "台"),
        (rf"(?<!购置)(?P<name>{_PRICE_LINE})(?P<n>\d+)台", "assets_equipment_count", "台"),
    ],
}

#: Per section: a sentence saying there is none ("…无机关运行经费。") → that figure is 0.
NIL_PATTERNS: dict[str, list[tuple[str, str]]] = {
    "admin_operating": [(r"无机关运行经?费(?:预算)?(?:安排)?。", "admin_operating_total")],
    "three_public": [
        (r"无[“\"]?三公[”\"]?经费(?:预算)?(?:安排)?(?:支出)?。", "three_public_total"),
    ],
    "procurement": [(r"无政府采购(?:预算)?(?:安排)?(?:项目)?。", "procurement_total")],
}

#: Printed change word → direction.
DIRECTIONS: dict[str, str] = {
    "增加": "increase",
    "增长": "increase",
    "减少": "decrease",
    "下降": "decrease",
    "降低": "decrease",
    "持平": "flat",
    "无增加": "flat",
    "无变化": "flat",
    "保持不变": "flat",
    "不变": "flat",
}

_AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNIT = r"亿元|万元|千元|元"
_DIRECTION_WORDS = "|".join(sorted(DIRECTIONS, key=len, reverse=True))

AMOUNT_RE = re.compile(rf"(?P<num>{_AMOUNT})(?P<unit>{_UNIT})")
CHANGE_RE = re.compile(
    rf"(?:比|与|较)(?:上年|上一年度?|(?P<year>\d{{4}})年(?:度)?)(?:（[^）]{{0,20}}）)?"
    # what is compared may be named ("比2025年财政拨款“三公”经费年初预算增加"), and the
    # base may be stated ("比2025年年初预算数30385.62万元增加")
    rf"(?:[^，。；,;\d]{{0,16}}?)(?:当年|年初)?(?:预算执行数|预算数|执行数|预算)?"
    rf"(?:{_AMOUNT}(?:{_UNIT}))?(?:相比)?[，,]?"
    rf"(?P<dir>{_DIRECTION_WORDS})(?:了)?"
    rf"(?:(?P<num>{_AMOUNT})(?P<unit>{_UNIT}))?"
    rf"(?:[，,]?(?:增长|下降|增加|减少|增幅|降幅)?(?:为)?(?P<pct>\d+(?:\.\d+)?)%)?"
)
THRESHOLD_RE = re.compile(
    rf"不?(?:超过|高于|低于|不足)(?:{_AMOUNT})(?:{_UNIT})"
    rf"|(?:单价)?(?:{_AMOUNT})(?:{_UNIT})(?:（含）)?(?:以上|以下|以内)"
)
REASON_RE = re.compile(r"[，,。；;]*主要原因是[：:]?(?P<reason>[^。；;]*)")
LABEL_STOP_RE = re.compile(r"[，,；;。：:、]")
ORPHAN_UNIT_RE = re.compile(r"(?<![\d.])万元")
_PLACEHOLDER_BEFORE = re.compile(r"[XxＸｘ×][XxＸｘ×,，]*$")
ITEMS_MARKER_RE = re.compile(r"主要内容如下[：:]?")
ITEM_START_RE = re.compile(r"(?<![\d.])(?P<no>\d{1,3})[.．、]“")
ITEM_HEAD_RE = re.compile(
    rf"^(?P<no>\d+)[.．、]“(?P<line>[^”]*)”(?P<num>{_AMOUNT})(?P<unit>{_UNIT})"
)
ITEM_LINE_RE = re.compile(r"^(?P<cls>.*?)（类）(?P<sec>.*?)（款）(?P<item>.*?)（项）$")
ITEM_PRIOR_RE = re.compile(
    rf"(?P<year>\d{{4}})年(?:当年)?预算执行数为(?P<num>{_AMOUNT})(?P<unit>{_UNIT})"
)
ITEM_CURRENT_RE = re.compile(rf"(?P<year>\d{{4}})年预算安排(?P<num>{_AMOUNT})(?P<unit>{_UNIT})")
ITEM_REASON_RE = re.compile(r"主要原因是[：:]?(?P<reason>[^。]*)")
ITEM_NAME_JUNK_RE = re.compile(r"^(?:其中|（[一二三四五六七八九十\d]+）)+|(?:为|是|安排|预算)+$")

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_LATIN = re.compile(r"[A-Za-z]")
_MIN_DUPLICATE_CHARS = 20
_TITLE_MAX_CHARS = 60

SECTION_COLUMNS = ["section", "heading", "text", "page", "line"]
FIGURE_COLUMNS = [
    "section", "figure", "item_name", "label", "amount_yuan", "count", "unit", "base_year",
    "direction", "change_yuan", "change_percent", "reason", "sentence", "page", "line",
    "precision_yuan", "change_precision_yuan",
]
ITEM_COLUMNS = [
    "item_no", "line_name", "class_name", "section_name", "item_name", "amount_yuan", "unit",
    "prior_year", "prior_amount_yuan", "current_year", "current_stated_yuan", "direction",
    "change_percent", "reason", "sentence", "page", "line", "precision_yuan",
]


# --------------------------------------------------------------------------------------
# Result
# --------------------------------------------------------------------------------------


@dataclass
class Narrative:
    r"""What a disclosure's narrative says.

    Attributes:
        sections: One row per section: ``section`` (key of :data:`SECTIONS`), ``heading``
            as printed, ``text`` (paragraphs joined by "\\n"), ``page``, ``line``.
        figures: One row per stated amount or count (columns :data:`FIGURE_COLUMNS`).
        spending_items: One row per item of the 财政拨款支出主要内容 list
            (columns :data:`ITEM_COLUMNS`).
        anomalies: ``duplicate_paragraph`` and ``unparsed_figure`` findings.
    """

    sections: pd.DataFrame
    figures: pd.DataFrame
    spending_items: pd.DataFrame
    anomalies: list[Anomaly] = field(default_factory=list)


# --------------------------------------------------------------------------------------
# Text runs: joined paragraphs that remember where each block starts
# --------------------------------------------------------------------------------------


def normalize_text(text: str) -> str:
    """Drop layout whitespace (kept as one space between Latin letters), ASCII digits.

    Args:
        text: Text as printed.

    Returns:
        The text for matching.
    """
    text = text.translate(_FULL_WIDTH).replace("\u3000", " ")

    def _joiner(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        return " " if _LATIN.match(before) and _LATIN.match(after) else ""

    return re.sub(r"\s+", _joiner, text)


@dataclass
class _Run:
    """Consecutive paragraphs of one section joined for matching."""

    text: str = ""
    starts: list[int] = field(default_factory=list)
    locations: list[tuple[int | None, int | None]] = field(default_factory=list)

    def add(self, text: str, page: int | None, line: int | None) -> None:
        piece = normalize_text(text)
        if not piece:
            return
        if self.text and _LATIN.match(self.text[-1]) and _LATIN.match(piece[0]):
            self.text += " "
        self.starts.append(len(self.text))
        self.locations.append((page, line))
        self.text += piece

    def locate(self, offset: int) -> tuple[int | None, int | None]:
        index = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        return self.locations[index]


@dataclass
class _Section:
    key: str
    heading: str
    page: int | None
    line: int | None
    paragraphs: list[str] = field(default_factory=list)
    runs: list[_Run] = field(default_factory=list)
    open_run: bool = False

    def add(self, text: str, page: int | None, line: int | None) -> None:
        if not self.open_run:
            self.runs.append(_Run())
            self.open_run = True
        self.paragraphs.append(text)
        self.runs[-1].add(text, page, line)


# --------------------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------------------


def classify_heading(text: str) -> str:
    """Return the section key of a heading ("other" when no pattern matches).

    Args:
        text: The heading as printed.
    """
    flat = normalize_text(text)
    for pattern, key in HEADING_PATTERNS:
        if re.search(pattern, flat):
            return key
    return "other"


def split_paragraph_heading(text: str) -> tuple[str, str, str] | None:
    """Split a paragraph that starts with a section title into (key, heading, body).

    Args:
        text: The paragraph as printed.

    Returns:
        The section key, the heading as printed and the remaining text; None when the
        paragraph does not start with a title.
    """
    stripped = text.strip()
    first, _, rest = stripped.partition("\n")
    key = _title_line_key(first)
    if key is not None:
        return key, first.strip(), rest.strip()
    flat = normalize_text(first)
    for pattern, key in SUBHEADING_PATTERNS:
        match = re.match(pattern, flat)
        if match:
            cut = _printed_prefix_end(first, match.end())
            return key, first[:cut].strip(), (first[cut:] + "\n" + rest).strip()
    return None


def _title_line_key(line: str) -> str | None:
    """Return the section key when a whole printed line is a section title."""
    flat = normalize_text(line)
    if len(flat) > _TITLE_MAX_CHARS or re.search(r"[，。；]", flat):
        return None
    for pattern, key in PARAGRAPH_TITLE_PATTERNS + SUBHEADING_PATTERNS:
        if re.fullmatch(pattern, flat):
            return key
    return None


def _paragraph_pieces(text: str) -> list[tuple[tuple[str, str] | None, str]]:
    """Cut a paragraph at title lines inside it: [(None | (key, heading), body), …]."""
    pieces: list[tuple[tuple[str, str] | None, str]] = []
    lines: list[str] = []
    title: tuple[str, str] | None = None
    first, _, rest = text.strip().partition("\n")
    split = split_paragraph_heading(first)
    if split is not None:
        title, lines = (split[0], split[1]), [split[2]] if split[2] else []
    else:
        lines = [first]
    for line in rest.split("\n") if rest else []:
        key = _title_line_key(line)
        if key is None:
            lines.append(line)
            continue
        pieces.append((title, "\n".join(lines).strip()))
        title, lines = (key, line.strip()), []
    pieces.append((title, "\n".join(lines).strip()))
    return pieces


def _printed_prefix_end(printed: str, normalized_end: int) -> int:
    """Return the index in ``printed`` where its first ``normalized_end`` kept chars end."""
    kept = 0
    for index, char in enumerate(printed.translate(_FULL_WIDTH)):
        if kept == normalized_end:
            return index
        if not char.isspace():
            kept += 1
    return len(printed)


def _split_sections(blocks: list[Block]) -> list[_Section]:
    sections = [_Section("other", "", None, None)]
    for block in blocks:
        current = sections[-1]
        if isinstance(block, Grid):
            current.open_run = False
        elif isinstance(block, Heading):
            if normalize_text(block.text):
                sections.append(
                    _Section(classify_heading(block.text), block.text.strip(), block.page,
                             block.line)
                )
        elif isinstance(block, Paragraph):
            for title, body in _paragraph_pieces(block.text):
                if title is not None and title[0] != current.key:
                    current = _Section(title[0], title[1], block.page, block.line)
                    sections.append(current)
                elif title is not None:
                    # A title of the section already open ("部门职责：") is just text.
                    body = "\n".join(part for part in (title[1], body) if part)
                if body:
                    current.add(body, block.page, block.line)
    return _fold_contents([s for s in sections if s.heading or s.paragraphs])


_NUMBERING = re.compile(rf"^(?:第[一二三四五六七八九十]+部分|{_NUM})")
_STATED_AMOUNT = re.compile(rf"(?:{_AMOUNT})\s*(?:{_UNIT})")


def _fold_contents(sections: list[_Section]) -> list[_Section]:
    """Fold the entries of a table of contents (目录) into its section, as plain text.

    A contents page lists the section titles ("四、部门预算编制说明"); read as headings they
    would open sections of their own ahead of the real ones, empty or holding the entries
    printed below them, and a report would quote the list as the document's 编制说明. An
    entry is a section after the 目录 heading, printed on its page or the next, stating no
    amount, whose title without its numbering heads a later section too; the first section
    that is not is where the document begins.
    """
    for index, contents in enumerate(sections):
        if normalize_text(contents.heading) != "目录":
            continue
        titles = [_bare_title(section.heading) for section in sections]
        end = index + 1
        while end < len(sections) and _is_contents_entry(sections[end], contents,
                                                         titles[end], titles[end + 1:]):
            end += 1
        for entry in sections[index + 1:end]:  # their text is titles: no figures to read
            contents.paragraphs += [entry.heading, *entry.paragraphs]
        return sections[:index + 1] + sections[end:]
    return sections


def _is_contents_entry(section: _Section, contents: _Section, title: str,
                       later_titles: list[str]) -> bool:
    """Return whether ``section`` (``title`` bare) is an entry of the ``contents``.

    See :func:`_fold_contents`; ``later_titles`` are the bare titles of the sections after it.
    """
    on_contents_page = None in (section.page, contents.page) or (
        0 <= section.page - contents.page <= 1)
    return (on_contents_page and title != ""
            and not any(_STATED_AMOUNT.search(text) for text in section.paragraphs)
            and title in later_titles)


def _bare_title(heading: str) -> str:
    """Return a heading without its numbering ("四、部门预算编制说明" → "部门预算编制说明")."""
    return _NUMBERING.sub("", normalize_text(heading)).strip()


def _sections_frame(sections: list[_Section]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [(s.key, s.heading, "\n".join(s.paragraphs), s.page, s.line) for s in sections],
        columns=SECTION_COLUMNS,
    )
    return frame.astype({"page": "Int64", "line": "Int64"})


# --------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------


@dataclass
class _Figure:
    section: str
    figure: str
    label: str
    start: int
    end: int
    sentence_index: int
    amount_yuan: Decimal | None = None
    count: int | None = None
    unit: str | None = None
    item_name: str | None = None
    base_year: int | None = None
    direction: str | None = None
    change_yuan: Decimal | None = None
    change_percent: Decimal | None = None
    precision_yuan: Decimal | None = None
    change_precision_yuan: Decimal | None = None
    reason: str | None = None
    sentence: str = ""
    page: int | None = None
    line: int | None = None


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in re.finditer("。", text):
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def _sentence_of(bounds: list[tuple[int, int]], offset: int) -> int:
    return max(bisect.bisect_right([b[0] for b in bounds], offset) - 1, 0)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def _label_before(text: str, start: int, floor: int) -> str:
    stops = [m.end() for m in LABEL_STOP_RE.finditer(text, floor, start)]
    return text[max([floor, *stops]):start]


def _classify_label(section: str, label: str) -> str | None:
    for pattern, key in FIGURE_LABELS.get(section, []):
        if re.search(pattern, label):
            return key
    return ITEM_FALLBACK.get(section)


def _item_name(label: str) -> str:
    return ITEM_NAME_JUNK_RE.sub("", label).strip("（()）")


def _amount_or_none(number: str, unit: str) -> Decimal | None:
    """Return a stated amount, or None where it is not one (beyond range, finer than fen)."""
    try:
        return parse_amount(number, unit)
    except AmountParseError:
        return None


def _apply_change(figure: _Figure, match: re.Match[str], text: str) -> None:
    figure.base_year = int(match["year"]) if match["year"] else None
    figure.direction = DIRECTIONS[match["dir"]]
    if match["num"] and (change := _amount_or_none(match["num"], match["unit"])) is not None:
        figure.change_yuan = change
        figure.change_precision_yuan = printed_precision(match["num"], match["unit"])
    if match["pct"]:
        figure.change_percent = Decimal(match["pct"])
    reason = REASON_RE.match(text, match.end())
    if reason:
        figure.reason = reason["reason"]


def _read_run_figures(
    section: str, run: _Run, text: str, file: str | None, anomalies: list[Anomaly]
) -> list[_Figure]:
    """Read the amounts, counts and changes stated in ``text`` (a run or its first part)."""
    bounds = _sentence_bounds(text)
    changes = list(CHANGE_RE.finditer(text))
    skip = [m.span() for m in changes] + [m.span() for m in THRESHOLD_RE.finditer(text)]
    figures: list[_Figure] = []
    for pattern, key, unit in COUNT_PATTERNS.get(section, []):
        for match in re.finditer(pattern, text):
            if _overlaps(*match.span(), [(f.start, f.end) for f in figures]):
                continue
            figures.append(_Figure(
                section, key, match.group(0), match.start(), match.end(),
                _sentence_of(bounds, match.start()), count=int(match["n"]), unit=unit,
                item_name=match.groupdict().get("name"),
            ))
    for pattern, key in NIL_PATTERNS.get(section, []):
        for match in re.finditer(pattern, text):
            figures.append(_Figure(
                section, key, match.group(0), match.start(), match.end(),
                _sentence_of(bounds, match.start()), amount_yuan=Decimal("0.00"),
            ))
    skip += [(f.start, f.end) for f in figures]
    floor = 0
    for match in AMOUNT_RE.finditer(text):
        if _overlaps(*match.span(), skip):
            floor = max(floor, match.end())
            continue
        label = _label_before(text, match.start(), floor)
        floor = match.end()
        key = _classify_label(section, label)
        sentence_index = _sentence_of(bounds, match.start())
        try:
            amount = parse_amount(match["num"], match["unit"])
        except AmountParseError:
            amount, key = None, None
        if key is None:
            _unparsed(anomalies, file, run, match.start(), text, bounds,
                      f"{section}: amount {match.group(0)} after unrecognised label {label!r}")
            continue
        figures.append(_Figure(
            section, key, label, match.start(), match.end(), sentence_index,
            amount_yuan=amount, unit=match["unit"],
            precision_yuan=printed_precision(match["num"], match["unit"]),
            item_name=_item_name(label) if key.endswith("_item") else None,
        ))
    figures.sort(key=lambda f: f.start)
    _attach_changes(figures, changes, bounds, text)
    for figure in figures:
        start, end = bounds[figure.sentence_index]
        figure.sentence = text[start:end]
        figure.page, figure.line = run.locate(figure.start)
    _orphan_units(section, run, text, bounds, file, anomalies)
    return figures


def _attach_changes(
    figures: list[_Figure], changes: list[re.Match[str]], bounds: list[tuple[int, int]],
    text: str,
) -> None:
    """Give each change statement to the figure it is about (see the module docstring)."""
    amounts = [f for f in figures if f.count is None]
    for change in changes:
        index = _sentence_of(bounds, change.start())
        before = [f for f in amounts if f.sentence_index == index and f.end <= change.start()]
        if before:
            target = before[-1]
        else:
            previous = [f for f in amounts if f.sentence_index == index - 1]
            if not previous:
                continue
            target = previous[0]
        if target.direction is None:
            _apply_change(target, change, text)


def _orphan_units(
    section: str, run: _Run, text: str, bounds: list[tuple[int, int]], file: str | None,
    anomalies: list[Anomaly],
) -> None:
    """Report "万元" with no number before it ("XX万元") where a figure is expected."""
    keywords = [pattern for pattern, _ in FIGURE_LABELS.get(section, [])]
    for match in ORPHAN_UNIT_RE.finditer(text):
        start, end = bounds[_sentence_of(bounds, match.start())]
        if _PLACEHOLDER_BEFORE.search(text[max(0, match.start() - 8):match.start()]):
            _unparsed(anomalies, file, run, match.start(), text, bounds,
                      f"{section}: template placeholder where an amount belongs",
                      kind="placeholder")
        elif any(re.search(pattern, text[start:end]) for pattern in keywords):
            _unparsed(anomalies, file, run, match.start(), text, bounds,
                      f"{section}: 万元 without a readable amount")


def _unparsed(
    anomalies: list[Anomaly], file: str | None, run: _Run, offset: int, text: str,
    bounds: list[tuple[int, int]], message: str, kind: str = "unparsed_figure",
) -> None:
    start, end = bounds[_sentence_of(bounds, offset)]
    page, line = run.locate(offset)
    anomalies.append(Anomaly(kind, message, file=file, page=page, line=line,
                             text=text[start:end]))


def _figures_frame(figures: list[_Figure]) -> pd.DataFrame:
    rows = [
        (f.section, f.figure, f.item_name, f.label, f.amount_yuan, f.count, f.unit, f.base_year,
         f.direction, f.change_yuan, f.change_percent, f.reason, f.sentence, f.page, f.line,
         f.precision_yuan, f.change_precision_yuan)
        for f in figures
    ]
    frame = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    for column in ("amount_yuan", "change_yuan", "precision_yuan", "change_precision_yuan"):
        frame[column] = pd.Series(list(frame[column]), dtype=AMOUNT_DTYPE, index=frame.index)
    frame["change_percent"] = frame["change_percent"].astype(object)
    return frame.astype({"count": "Int64", "base_year": "Int64", "page": "Int64",
                         "line": "Int64"})


# --------------------------------------------------------------------------------------
# 财政拨款支出主要内容
# --------------------------------------------------------------------------------------


def _read_items(text: str, offset: int, run: _Run, file: str | None,
                anomalies: list[Anomaly]) -> list[dict]:
    """Read the numbered items of the 支出主要内容 list.

    ``text`` is the run's text after the "主要内容如下" marker, which sits at ``offset``.
    """
    starts = [m.start() for m in ITEM_START_RE.finditer(text)]
    items: list[dict] = []
    for start, end in itertools.pairwise([*starts, len(text)]):
        chunk = text[start:end]
        page, line = run.locate(offset + start)
        head = ITEM_HEAD_RE.match(chunk)
        if head is None:
            placeholder = re.search(r"[Xx×][Xx×,，]*万元", chunk)
            anomalies.append(Anomaly(
                "placeholder" if placeholder else "unparsed_figure",
                "支出主要内容: template placeholder where the amount belongs" if placeholder
                else "支出主要内容: item head not readable",
                file=file, page=page, line=line, text=chunk))
            continue
        amount = _amount_or_none(head["num"], head["unit"])
        if amount is None:
            anomalies.append(Anomaly("unparsed_figure", "支出主要内容: the amount is not one",
                                     file=file, page=page, line=line, text=chunk))
            continue
        names = ITEM_LINE_RE.match(head["line"])
        prior = ITEM_PRIOR_RE.search(chunk, head.end())
        current = ITEM_CURRENT_RE.search(chunk, head.end())
        change = CHANGE_RE.search(chunk, current.end() if current else head.end())
        reason = ITEM_REASON_RE.search(chunk)
        items.append({
            "item_no": int(head["no"]),
            "line_name": head["line"],
            "class_name": names["cls"] if names else None,
            "section_name": names["sec"] if names else None,
            "item_name": names["item"] if names else None,
            "amount_yuan": amount,
            "unit": head["unit"],
            "prior_year": int(prior["year"]) if prior else None,
            "prior_amount_yuan": _amount_or_none(prior["num"], prior["unit"]) if prior
            else None,
            "current_year": int(current["year"]) if current else None,
            "current_stated_yuan": (
                _amount_or_none(current["num"], current["unit"]) if current else None
            ),
            "direction": DIRECTIONS[change["dir"]] if change else None,
            "change_percent": Decimal(change["pct"]) if change and change["pct"] else None,
            "reason": reason["reason"] if reason else None,
            "sentence": chunk,
            "page": page,
            "line": line,
            "precision_yuan": printed_precision(head["num"], head["unit"]),
        })
    return items


def _items_frame(items: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(items, columns=ITEM_COLUMNS)
    for column in ("amount_yuan", "prior_amount_yuan", "current_stated_yuan", "precision_yuan"):
        frame[column] = pd.Series(list(frame[column]), dtype=AMOUNT_DTYPE, index=frame.index)
    frame["change_percent"] = frame["change_percent"].astype(object)
    return frame.astype({"item_no": "Int64", "prior_year": "Int64", "current_year": "Int64",
                         "page": "Int64", "line": "Int64"})


# --------------------------------------------------------------------------------------
# Duplicates and entry point
# --------------------------------------------------------------------------------------


def find_duplicate_paragraphs(blocks: list[Block], file: str | None = None) -> list[Anomaly]:
    """Report each paragraph that repeats an earlier one verbatim (at the repeat).

    Args:
        blocks: The document's blocks in order.
        file: Source file name for the anomalies.

    Returns:
        One ``duplicate_paragraph`` anomaly per repeat.
    """
    seen: dict[str, Paragraph] = {}
    anomalies = []
    for block in blocks:
        if not isinstance(block, Paragraph):
            continue
        key = normalize_text(block.text)
        if len(key) < _MIN_DUPLICATE_CHARS:
            continue
        first = seen.setdefault(key, block)
        if first is not block:
            where = f"page {first.page}" if first.page else f"line {first.line}"
            anomalies.append(Anomaly(
                "duplicate_paragraph", f"paragraph repeats the one at {where}", file=file,
                page=block.page, line=block.line, text=block.text.strip(),
            ))
    return anomalies


def extract_narrative(blocks: list[Block], file: str | None = None) -> Narrative:
    """Extract sections, stated figures and the 支出主要内容 list from a document's blocks.

    Args:
        blocks: Headings, paragraphs and grids in document order (grids only end runs).
        file: Source file name, recorded in anomalies.

    Returns:
        The :class:`Narrative`.
    """
    sections = _split_sections(blocks)
    anomalies = find_duplicate_paragraphs(blocks, file)
    figures: list[_Figure] = []
    items: list[dict] = []
    for section in sections:
        in_items = False
        for run in section.runs:
            text, item_offset = run.text, None
            if section.key == "overview":
                marker = None if in_items else ITEMS_MARKER_RE.search(text)
                if in_items:
                    text, item_offset = "", 0
                elif marker:
                    text, item_offset, in_items = text[: marker.end()], marker.end(), True
            if text and section.key in FIGURE_LABELS:
                figures += _read_run_figures(section.key, run, text, file, anomalies)
            if item_offset is not None:
                items += _read_items(run.text[item_offset:], item_offset, run, file, anomalies)
    return Narrative(
        sections=_sections_frame(sections),
        figures=_figures_frame(figures),
        spending_items=_items_frame(items),
        anomalies=anomalies,
    )
