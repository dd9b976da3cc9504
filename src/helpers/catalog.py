"""What a budget disclosure's tables are: kinds, title words, header vocabulary, measures.

Everything here is data. Regions print the same tables under many names (收支总表,
收支总体情况表, 财务收支预算总表, 收支预算总表, 部门综合预算收支总表, 收入支出决算总表 …),
with prefixes (表一, 公开01表, 预算01表, 附表1, （一）, 一、, the department's name, the
year) and suffixes (（按功能分类科目）, （经济科目）). A table is recognised by the *words*
of its title (:data:`TITLE_RULES`, first match wins, after :func:`bare_title` strips what
varies) and confirmed by its header's vocabulary (:attr:`TableKind.header_words`).

Columns are mapped from their header labels, never from their positions:
:data:`COLUMN_ROLES` maps a label to a structural role (row number, code, name) and
:data:`MEASURE_WORDS` maps it to a measure, with the labels above it (a merged "基本支出"
over "小计 | 人员经费 | 公用经费") qualifying ambiguous leaves (小计, 合计). A new region is
new words here, not new code.

Roles a column can take (see :func:`helpers.normalize.map_columns`):

* ``seq`` — a printed row number (序号 / 行次), not an amount.
* ``code`` — a whole classification code (2040601), possibly fused with the name
  ("2010801-行政运行", "[201]一般公共服务支出"); ``code_class`` / ``code_section`` /
  ``code_item`` — a code split over 类 | 款 | 项 columns.
* ``name`` — the line name (科目名称, 项目, 单位名称 …).
* ``income_item`` / ``expenditure_item`` — the item columns of side-by-side summary tables;
  the amount columns that follow a side's item column belong to that side.
* any key of :data:`MEASURES` — an amount column.
* ``item:<key>`` — a column holding one 三公 line's amount (tables printed as a row of
  item columns); each such cell becomes a line of its own, its measure from the labels
  above (预算数 / 决算数 / 上年 / 当年 / 增减).
* ``text:<label>`` — a text column kept in the table frame.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

#: measure key → (Chinese label, English label). Defined once; reports use these labels.
MEASURES: dict[str, tuple[str, str]] = {
    "total": ("合计", "total"),
    "basic": ("基本支出", "basic expenditure"),
    "project": ("项目支出", "project expenditure"),
    "personnel": ("人员经费", "personnel costs"),
    "public": ("公用经费", "operating costs"),
    "income": ("收入预算数", "income"),
    "expenditure": ("支出预算数", "expenditure"),
    "income_subtotal": ("本年收入小计", "current-year income"),
    "fiscal_grant": ("财政拨款收入", "fiscal appropriation"),
    "fiscal_special": ("财政专户收入", "fiscal special-account income"),
    "fiscal_special_tuition": ("财政专户教育收费", "fiscal special account: tuition"),
    "fiscal_special_other": ("其他财政专户收入", "fiscal special account: other"),
    "general_budget": ("一般公共预算", "general public budget"),
    "gov_fund": ("政府性基金预算", "government fund budget"),
    "state_capital": ("国有资本经营预算", "state capital operations budget"),
    "special_funds": ("其中：专项资金", "of which special funds"),
    "business_income": ("事业收入", "public-service unit income"),
    "operating_income": ("经营收入", "operating income"),
    "superior_subsidy": ("上级补助收入", "subsidy from higher level"),
    "affiliated_income": ("附属单位上缴收入", "remittance from affiliated units"),
    "other_income": ("其他收入", "other income"),
    "business_fund_draw": ("用事业基金弥补收支差额", "drawn from the business fund"),
    "nongrant_balance_used": ("使用非财政拨款结余", "non-appropriation balance used"),
    "account_balance": ("上年实户资金余额", "last year's account balance"),
    "carryover": ("上年结转", "carry-over from last year"),
    "carryover_general_budget": ("上年结转：一般公共预算", "carry-over: general budget"),
    "carryover_gov_fund": ("上年结转：政府性基金", "carry-over: government funds"),
    "carryover_state_capital": ("上年结转：国有资本经营", "carry-over: state capital"),
    "carryover_fiscal_special": ("上年结转：财政专户", "carry-over: special account"),
    "carryover_unit_funds": ("上年结转：单位资金", "carry-over: unit funds"),
    "opening_balance": ("年初结转和结余", "balance at the start of the year"),
    "closing_balance": ("年末结转和结余", "balance at the end of the year"),
    "balance_allocation": ("结余分配", "allocation of the balance"),
    "operating_expenditure": ("经营支出", "operating expenditure"),
    "remit_superior": ("上解上级支出", "remittance to higher level"),
    "subsidy_affiliated": ("对附属单位补助支出", "subsidy to affiliated units"),
    "project_excl_capital": ("扣除基建项目后预算数", "excluding capital construction"),
    "unit_reserve": ("单位预留机动经费", "unit's reserve"),
    "carry_forward": ("结转下年", "carried to next year"),
    "budget": ("预算数", "budgeted"),
    "previous_year": ("上年预算数", "last year's budget"),
    "change": ("增减", "change"),
    "project_budget": ("项目预算资金", "project budget"),
    "unit_price": ("单价", "unit price"),
    "sme_reserved": ("预留中小微企业份额", "reserved for SMEs"),
    "small_micro_reserved": ("预留小微企业份额", "reserved for small and micro firms"),
    "fiscal_special_grant": ("财政专户核拨", "fiscal special-account grant"),
    "unit_funds": ("单位资金", "unit funds"),
    "other_funds": ("其他资金", "other funds"),
    "grant_carryover": ("财政拨款结转", "appropriation carry-over"),
    "nongrant_carryover": ("非财政拨款结转结余", "non-appropriation carry-over"),
    "value": ("价值", "value"),
    "cost_target": ("成本指标", "cost target"),
    "project_total": ("项目资金总额", "project funds in total"),
    # 决算 项目绩效自评表
    "budget_initial": ("年初预算数", "budget at the start of the year"),
    "budget_full": ("全年预算数", "budget for the whole year (adjusted)"),
    "executed": ("全年执行数", "spent in the year"),
    "annual_request": ("年度资金申请总额", "funds requested this year"),
    "current_grant": ("当年财政拨款", "this year's appropriation"),
    "fiscal_funds": ("财政资金", "fiscal funds"),
}


@dataclass(frozen=True)
class TableKind:
    """A kind of table with its recognisers.

    Attributes:
        key: Canonical key (DESIGN.md §2).
        zh: Chinese label.
        en: English label.
        classification: "function", "economic" or "none" — what ``line_code`` holds.
        shape: "lines" (one line per row), "summary" (side-by-side income | expenditure
            items), "items" (三公: items as rows or as a row of item columns), "records"
            (rows are records: procurement, assets, projects), "targets" (绩效目标 forms).
        header_words: Words of which at least one must occur in the header or body for the
            title's reading to be confirmed (empty: no confirmation needed).
    """

    key: str
    zh: str
    en: str
    classification: str
    shape: str = "lines"
    header_words: tuple[str, ...] = ()


_AMOUNT_HEADER = ("合计", "小计", "总计", "预算数", "金额", "决算数", "预算")

TABLE_KINDS: tuple[TableKind, ...] = (
    TableKind("income_expenditure_summary", "收支总表", "income and expenditure summary",
              "none", "summary", ("收入", "支出", "项目")),
    TableKind("income_summary", "收入总表", "income summary", "function", "lines",
              ("合计", "总计", "小计", "收入")),
    TableKind("expenditure_summary", "支出总表", "expenditure summary", "function", "lines",
              ("基本支出", "项目支出", "合计", "总计")),
    TableKind("fiscal_grant_summary", "财政拨款收支总表", "fiscal appropriation summary",
              "none", "summary", ("收入", "支出", "项目")),
    TableKind("fiscal_grant_expenditure", "财政拨款支出表", "fiscal appropriation expenditure",
              "function", "lines", _AMOUNT_HEADER),
    TableKind("general_budget_expenditure", "一般公共预算支出表",
              "general budget expenditure", "function", "lines", _AMOUNT_HEADER),
    TableKind("general_budget_basic_expenditure", "一般公共预算基本支出表",
              "general budget basic expenditure (economic)", "economic", "lines",
              (*_AMOUNT_HEADER, "人员经费", "公用经费")),
    TableKind("general_budget_basic_functional", "一般公共预算基本支出表（功能分类）",
              "general budget basic expenditure (function)", "function", "lines",
              _AMOUNT_HEADER),
    TableKind("fiscal_grant_basic_expenditure", "财政拨款基本支出表",
              "fiscal appropriation basic expenditure (economic)", "economic", "lines",
              (*_AMOUNT_HEADER, "人员经费", "公用经费")),
    TableKind("general_budget_economic", "一般公共预算支出经济分类表",
              "general budget expenditure (economic)", "economic", "lines", _AMOUNT_HEADER),
    TableKind("general_budget_project_expenditure", "一般公共预算项目支出表",
              "general budget project expenditure", "economic", "lines", _AMOUNT_HEADER),
    TableKind("basic_expenditure", "基本支出表", "basic expenditure (all funds)", "economic",
              "lines", _AMOUNT_HEADER),
    TableKind("project_expenditure", "项目支出表", "project expenditure", "none", "records",
              _AMOUNT_HEADER),
    TableKind("gov_fund_expenditure", "政府性基金预算支出表", "government fund expenditure",
              "function"),
    TableKind("state_capital_expenditure", "国有资本经营预算支出表",
              "state capital expenditure", "function"),
    TableKind("three_public", "“三公”经费表", "\"three public\" costs", "none", "items",
              ("因公出国", "公务接待", "公务用车", "三公")),
    TableKind("admin_operating", "机关运行经费表", "administrative operating costs",
              "economic", "lines", ("机关运行经费", "合计", "预算数")),
    TableKind("carryover_expenditure", "财政拨款结转资金支出表",
              "carried-over appropriation spending", "none", "records"),
    TableKind("procurement", "政府采购预算表", "government procurement", "none", "records"),
    TableKind("purchase_services", "政府购买服务表", "government purchase of services", "none",
              "records"),
    TableKind("meeting_training", "会议费培训费明细表", "meetings and training", "none",
              "records"),
    TableKind("assets", "固定资产占用情况表", "fixed assets", "none", "records"),
    TableKind("institutions", "机构设置情况", "institutions", "none", "records"),
    TableKind("contents", "报表目录", "list of the tables", "none", "records"),
    TableKind("performance_targets", "绩效目标表", "performance targets", "none", "targets"),
    TableKind("department_performance_targets", "部门整体绩效目标表",
              "department-wide performance targets", "none", "targets"),
    TableKind("performance_evaluation", "绩效自评表", "performance self-evaluation", "none",
              "targets"),
)

KINDS_BY_KEY: dict[str, TableKind] = {kind.key: kind for kind in TABLE_KINDS}

#: Title word rules → kind key, tried in order on the title's words (spaces and quotes
#: removed; a qualifier such as "（按功能科目分）" counts); the first rule whose every regex
#: matches wins. Specific kinds come before the general ones whose words they contain
#: ("财政拨款收支总表" also contains "收支总表").
TITLE_RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("三公",), "three_public"),
    (("机关运行经费",), "admin_operating"),
    (("绩效", "自评"), "performance_evaluation"),
    (("绩效", "整体"), "department_performance_targets"),
    (("绩效",), "performance_targets"),
    (("购买服务", "政府采购"), "procurement"),
    (("政府采购",), "procurement"),
    (("购买服务",), "purchase_services"),
    (("会议费|培训费",), "meeting_training"),
    (("资产",), "assets"),
    (("机构设置",), "institutions"),
    (("结转资金",), "carryover_expenditure"),
    (("政府性?基金",), "gov_fund_expenditure"),
    (("国有资本经营",), "state_capital_expenditure"),
    (("财政拨款", "收支|收入支出"), "fiscal_grant_summary"),
    (("收支|收入支出",), "income_expenditure_summary"),
    (("一般公共预算", "基本支出", "功能"), "general_budget_basic_functional"),
    (("一般公共预算", "基本支出"), "general_budget_basic_expenditure"),
    (("财政拨款", "基本支出"), "fiscal_grant_basic_expenditure"),
    (("一般公共预算", "项目支出"), "general_budget_project_expenditure"),
    (("一般公共预算", "经济"), "general_budget_economic"),
    (("一般公共预算",), "general_budget_expenditure"),
    (("财政拨款", "支出"), "fiscal_grant_expenditure"),
    (("基本支出",), "basic_expenditure"),
    (("项目支出|专项业务经费|专项资金",), "project_expenditure"),
    (("收入",), "income_summary"),
    (("支出",), "expenditure_summary"),
)

#: A title must name a table: it ends in one of these (after :func:`bare_title`).
_TABLE_NOUN = re.compile(r"(表|情况|明细|预算|决算)$")
#: "表1：" numbers a table; its colon does not make the title a sentence.
_NUMBERING_COLON = re.compile(r"^(?:附|预算|公开)?表\s*\d+\s*[:：]")
_CONTENTS = re.compile(r"(报表|表格)?目录|报表报表名称.*")
#: What is not a table title: contents, sentences, headings of parts.
_NOT_A_TITLE = re.compile(r"目录|[，。；：:]|见下表|^第[一二三四五六七八九十]+部分")

_PREFIXES = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[（(]?[一二三四五六七八九十]+[）)、.．]|"
    r"(?:附|预算|公开)?表\s*[一二三四五六七八九十\d]+(?:[-—－]\d+)?\s*[:：、.．]?|"
    r"(?:公开|预算|部门公开|决算)\s*\d+\s*表\s*[:：]?|\d+\s*[、.．]|[:：]|"
    r"\d{4}\s*(?:年度?)?|年度?)"
)
#: A trailing parenthetical qualifies a title ("（按功能分类科目）", "(一级项目)").
_SUFFIX = re.compile(r"[（(][^（）()]*[）)]$")


def bare_title(title: str) -> str:
    """Return a printed title without what varies: spaces, numbering, years, suffixes.

    "预算01表 收支总表" → "收支总表"; "表1：2026年市级部门收支预算总表" → "市级部门收支预算总表";
    "财政拨款支出表（功能科目）" → "财政拨款支出表". The department's name, "部门" and
    "单位" stay: title rules look for words anywhere, so they do no harm.
    """
    text = re.sub(r"\s+", "", title)
    text = text.replace("“", "").replace("”", "").replace('"', "")
    previous = None
    while previous != text:
        previous = text
        text = _PREFIXES.sub("", text)
        text = _SUFFIX.sub("", text)
    return text


#: Header words → kind, for a grid printed without a title of its own (under a sentence
#: such as "…详细情况见下表："). Every regex must match the compact header text.
HEADER_RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("单位名称", "序号|拟变动|备注|单位性质|单位规格"), "institutions"),
    (("一级指标", "分值|得分"), "performance_evaluation"),
    (("绩效目标|一级指标|绩效指标",), "performance_targets"),
)


@functools.lru_cache(maxsize=8192)
def header_kind(header_text: str) -> TableKind | None:
    """Return the kind a title-less grid's header words name, or None."""
    compact = re.sub(r"\s+", "", header_text)
    for patterns, key in HEADER_RULES:
        if all(re.search(pattern, compact) for pattern in patterns):
            return KINDS_BY_KEY[key]
    return None


@functools.lru_cache(maxsize=8192)
def match_kind(title: str) -> TableKind | None:
    """Return the kind a printed title names by its words, or None.

    A list of the tables (目录) is ``contents``; sentences and part headings name no table.
    """
    text = _NUMBERING_COLON.sub("", re.sub(r"\s+", "", title))
    if _CONTENTS.fullmatch(text):  # a list of the tables printed as a table of its own
        return KINDS_BY_KEY["contents"]
    if not text or _NOT_A_TITLE.search(text):
        return None
    bare = bare_title(text)
    if not _TABLE_NOUN.search(bare):
        return None
    # the rules see the suffix too: "（按功能科目分）" tells a function table from its twin
    words = text.replace("“", "").replace("”", "").replace('"', "")
    for patterns, key in TITLE_RULES:
        if all(re.search(pattern, words) for pattern in patterns):
            return KINDS_BY_KEY[key]
    return None


# ------------------------------------------------------------------------ header vocabulary

#: Structural column roles by label (whitespace removed, trailing 栏次 digits dropped).
COLUMN_ROLES: tuple[tuple[str, str], ...] = (
    (r"^(序号|行次|栏次|编号)$", "seq"),
    (r"^类$", "code_class"),
    (r"^款$", "code_section"),
    (r"^项$", "code_item"),
    (r"^(预算单位|单位|部门)(编码|代码)$|^(项目编号|项目代码)$", "text"),
    (r"^数量", "text:quantity"),
    (r"计量单位", "text:measure_unit"),
    (r"采购物品名称|^采购品目$|^采购目录$", "text:item_name"),
    (r"采购目录序号|^品目编码", "text:catalog_code"),
    (r"^单位性质$", "text:nature"),
    (r"^单位规格$", "text:rank"),
    (r"^经费保障形式$", "text:funding"),
    (r"^(规格型号|人数|时间|实施采购时间|采购时间|采购组织形式|备注|说明|项目简介|绩效目标"
     r"|指导性目录|资金性质|项目类别|拟变动情况|会议名称|培训名称)$", "text"),
    (r"^政府.{0,4}经济", "text"),  # the government economic class beside the department's
    (r"(科目)?(编码|代码)$|^科目编码", "code"),
    (r"(功能|经济)(分类)?科目$", "code_name"),  # "2010801-行政运行", "[301]工资福利支出"
    (r"^(二级)?(预算单位|单位|部门)(名称)?$", "unit"),
    (r"科目名称$|^科目$|^项目$|^项目名称$|^支出项目类别"
     r"|^单位（项目）名称$|^单位\(项目\)名称$|^采购类别$|^采购品目大类$", "name"),
)

#: Labels of groups whose leaves are sources of carry-over, not of this year's income.
_CARRYOVER_GROUP = re.compile(r"上年结转|上年结余")

#: Leaf label → measure (regex on the compact label), first match wins. Labels above a leaf
#: qualify it only where the leaf alone is ambiguous (see :func:`measure_of`).
MEASURE_WORDS: tuple[tuple[str, str], ...] = (
    (r"^基本支出(合计)?$", "basic"),
    (r"^项目支出(合计|总数)?$|^专项业务经费(支出)?$", "project"),
    (r"^人员(经费|支出)(支出)?$|^工资福利", "personnel"),
    (r"^(日常)?公用(经费|支出)(支出)?$", "public"),
    (r"扣除基建", "project_excl_capital"),
    (r"^年初结转和结余", "opening_balance"),
    (r"^年末结转和结余", "closing_balance"),
    (r"^结余分配", "balance_allocation"),
    (r"^使用非财政拨款结余", "nongrant_balance_used"),
    (r"^用事业基金弥补", "business_fund_draw"),
    (r"实户资金余额", "account_balance"),
    (r"^(上年结转(结余)?|上年结余[、,，]?结转|上年结转资金)$", "carryover"),
    (r"^财政拨款(收入|补助|\(补助\)|（补助）)?(小计)?$", "fiscal_grant"),
    (r"^(一般)?公共预算(拨款|财政拨款)?(收入|资金)?(小计)?$", "general_budget"),
    (r"^(一般公共预算)?财政拨款$", "general_budget"),
    (r"^(政府性)?基金(预算)?(拨款|财政拨款)?(收入|资金)?$", "gov_fund"),
    (r"^国有资本经营(预算)?(拨款|财政拨款)?(收入|资金)?$", "state_capital"),
    (r"^专项资金列入", "special_funds"),
    (r"^教育收费", "fiscal_special_tuition"),
    (r"^其他专户收入", "fiscal_special_other"),
    (r"^财政专户(管理)?(资金|拨款|核拨)?(收入)?$", "fiscal_special"),
    (r"^事业收入", "business_income"),
    (r"经营收入$", "operating_income"),
    (r"^上级补助收入", "superior_subsidy"),
    (r"附属单位上缴收入$", "affiliated_income"),
    (r"^其他收入", "other_income"),
    (r"经营支出$", "operating_expenditure"),
    (r"^(上缴|上解)上级支出", "remit_superior"),
    (r"^对附属单位补助支出", "subsidy_affiliated"),
    (r"^单位资金$", "unit_funds"),
    (r"^其他资金(收入)?$", "other_funds"),
    (r"^本年收入(合计|小计)?$", "income_subtotal"),
    (r"预留机动经费", "unit_reserve"),
    (r"^结转下年", "carry_forward"),
    (r"^单价", "unit_price"),
    (r"中小(微)?企", "sme_reserved"),
    (r"小型[、,，]?微型企业|小微企业", "small_micro_reserved"),
    (r"^预算资金$", "project_budget"),
    (r"^价值|^账面", "value"),
    (r"^(合计|总计|小计|金额|预算(数|金额)?|决算数|本年支出(合计|小计)?|支出总计|收入总计"
     r"|项目金额|预算金额|当年预算|全年预算数|机关运行经费(支出|预算数)?|总额)$", "total"),
)

#: A label that only sums its group: its measure is the group's ("基本支出 › 小计" = basic).
_GROUP_SUM = re.compile(r"^(小计|合计|总计|预算数|决算数)$")


@functools.lru_cache(maxsize=8192)  # labels repeat across tables and documents
def compact_label(text: str) -> str:
    """Return a header label without spaces, 栏次 digits, years and units ("合计1" → "合计")."""
    label = re.sub(r"\s+", "", text)
    label = re.sub(r"^\d{4}年度?", "", label)
    label = re.sub(r"^其中[:：]", "", label)  # "其中：基本支出" is the 基本支出 column
    label = re.sub(r"[（(](单位[:：])?(万元|元)[）)]$", "", label)
    return re.sub(r"(?<=[\u4e00-\u9fff）)])\d{1,2}$", "", label)


def measure_of(path: list[str]) -> str | None:
    """Return the measure a column's header labels name, or None.

    Args:
        path: The column's labels top-down (merged group labels first, the leaf last),
            each already :func:`compact_label`-ed; blanks removed.
    """
    if not path:
        return None
    leaf, groups = path[-1], path[:-1]
    if any(_CARRYOVER_GROUP.search(group) for group in groups):
        carried = _measure_word(leaf)
        if leaf in ("小计", "合计") or carried in (None, "total", "carryover"):
            return "carryover"
        return {"general_budget": "carryover_general_budget", "gov_fund": "carryover_gov_fund",
                "state_capital": "carryover_state_capital",
                "fiscal_special": "carryover_fiscal_special",
                "unit_funds": "carryover_unit_funds"}.get(carried, "carryover")
    if _GROUP_SUM.match(leaf):
        for group in reversed(groups):
            measure = _measure_word(group)
            if measure not in (None, "total"):
                return "fiscal_grant" if measure == "fiscal_grant" else measure
            if re.search(r"^本年收入", group):
                return "income_subtotal"
    return _measure_word(leaf)


@functools.lru_cache(maxsize=8192)
def _measure_word(label: str) -> str | None:
    for pattern, measure in MEASURE_WORDS:
        if re.search(pattern, label):
            return measure
    return None


@functools.lru_cache(maxsize=8192)
def structural_role(label: str) -> str | None:
    """Return the structural role (seq, code, name …) a header label names, or None."""
    for pattern, role in COLUMN_ROLES:
        if re.search(pattern, label):
            return role
    return None


#: 三公 table line names → item key. Order matters: specific before general.
THREE_PUBLIC_ITEMS: tuple[tuple[str, str], ...] = (
    (r"教学科研人员因公出国", "abroad_research"),
    (r"其他因公出国", "abroad_other"),
    (r"因公出国|出国.{0,3}境", "abroad"),
    (r"公务用车购置费|^购置费$|车辆购置", "vehicle_purchase"),
    (r"公务用车运行|^运行(维护)?费$", "vehicle_operation"),
    (r"公务用车", "vehicle"),
    (r"公务接待", "reception"),
    (r"机关运行经费", "admin_operating"),
    (r"^行政经费", "administrative"),
    (r"^[“\"]?三公.{0,2}经费、会议费、培训费合计$", "total_with_meetings"),  # before 会议费
    (r"会议费", "meeting"),
    (r"培训费", "training"),
    (r"三公.{0,2}经费(合计|小计|总额|财政拨款预算总额|预算总额)?$|^合计|总计|^小计$", "total"),
)

#: Labels above item columns → measure of those items' amounts (三公 tables printed as a row).
#: 预算数 is the budget column of a 决算 (final accounts) table only; in a budget every
#: figure is a 预算数.
ITEM_QUALIFIERS: tuple[tuple[str, str], ...] = (
    (r"增减", "change"),
    (r"^上年", "previous_year"),
    (r"^(本年|当年)", "total"),
    (r"决算数", "total"),
    # a fund split (Shenzhen prints every item × 一般公共预算 | 政府性基金 | 国有资本经营);
    # "一般公共预算拨款安排的“三公”经费预算" over the items describes them, splits nothing
    (r"^一般公共预算(拨款|财政拨款)?$", "general_budget"),
    (r"^政府性基金(预算)?(拨款|财政拨款)?$", "gov_fund"),
    (r"^国有资本经营(预算)?(拨款|财政拨款)?$", "state_capital"),
)

#: Summary-table item names → line key (income side and totals), matched on the name
#: with its "一、"/"1." numbering removed.
SUMMARY_ITEMS: tuple[tuple[str, str], ...] = (
    (r"^(本年|当年)收入(合计|小计)?$", "income_subtotal"),
    (r"^(本年|当年)支出(合计|小计)?$", "expenditure_subtotal"),
    (r"^收入总计|^收入合计|^收入总额", "income_total"),
    (r"^支出总计|^支出合计|^支出总额", "expenditure_total"),
    # 决算: "年初结转和结余", "年初财政拨款结转和结余"; budgets: "上年结转"
    (r"^(上年结转|上年结余|年初(财政拨款)?结转)", "carryover"),
    (r"^(年终结转|年末(财政拨款)?结转|结转下年)", "year_end_carryover"),
    # the other balances of a 决算's summary: drawn on (income side), set aside (expenditure)
    (r"^(使用非财政拨款结余|使用专用结余|用事业基金弥补收支差额)", "use_nongrant_balance"),
    (r"^结余分配", "surplus_distribution"),
    (r"^财政拨款(收入)?(\(补助\)|（补助）)?$|^预算拨款(收入)?$", "fiscal_grant"),
    (r"^一般公共预算(财政)?(拨款)?(收入|资金)?$|^公共预算拨款(收入)?$", "general_budget"),
    (r"^政府性基金(预算)?(财政)?(拨款)?(收入|资金)?$", "gov_fund"),
    (r"^国有资本经营(预算)?(财政)?(拨款)?(收入|资金)?$", "state_capital"),
    (r"^财政专户(管理资金|拨款)?(收入)?$", "fiscal_special"),
    (r"^事业收入", "business_income"),
    (r"^事业单位经营收入$|^经营收入$", "operating_income"),
    (r"^上级补助收入$", "superior_subsidy"),
    (r"^(对)?附属单位上缴收入$", "affiliated_income"),
    (r"^其他收入$", "other_income"),
    (r"^单位资金(收入)?$", "unit_funds"),
    (r"^基本支出$", "basic"),
    (r"^项目支出$", "project"),
)
