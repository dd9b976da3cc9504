"""What a budget disclosure's tables are: kinds, title patterns, column layouts, measures.

Everything here is data. A table is recognised by its printed title (regional and 部门/单位
variants listed in :data:`TABLE_KINDS`) and confirmed by its header signature; its columns
are read through a :class:`Layout` chosen by body width and header tokens. A new region's
variant of a table is one more pattern or layout here, not a new branch in code.

Layout roles:

* ``seq`` — a printed row number (序号), ignored.
* ``code`` — a whole classification code (2040601); ``code_class`` / ``code_section`` /
  ``code_item`` — a code split over 类 | 款 | 项 columns (Shanghai).
* ``name`` — the line name (科目名称).
* ``income_item`` / ``expenditure_item`` — the item names of side-by-side summary tables;
  the amount columns that follow a side's item column belong to that side.
* any key of :data:`MEASURES` — an amount column.
* ``item:<key>`` — a column holding one line's amount, for tables printed as a single row
  (the Shanghai 三公 table); each such column becomes a line of its own.
* ``text:<name>`` — a text column kept in the table frame (procurement, assets, targets).
"""

from __future__ import annotations

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
    "general_budget": ("一般公共预算", "general public budget"),
    "gov_fund": ("政府性基金预算", "government fund budget"),
    "state_capital": ("国有资本经营预算", "state capital operations budget"),
    "business_income": ("事业收入", "public-service unit income"),
    "operating_income": ("经营收入", "operating income"),
    "superior_subsidy": ("上级补助收入", "subsidy from higher level"),
    "affiliated_income": ("附属单位上缴收入", "remittance from affiliated units"),
    "other_income": ("其他收入", "other income"),
    "carryover": ("上年结转", "carry-over from last year"),
    "operating_expenditure": ("经营支出", "operating expenditure"),
    "remit_superior": ("上解上级支出", "remittance to higher level"),
    "subsidy_affiliated": ("对附属单位补助支出", "subsidy to affiliated units"),
    "project_budget": ("项目预算资金", "project budget"),
    "unit_price": ("单价", "unit price"),
    "sme_reserved": ("预留中小微企业份额", "reserved for SMEs"),
    "fiscal_special_grant": ("财政专户核拨", "fiscal special-account grant"),
    "unit_funds": ("单位资金", "unit funds"),
    "grant_carryover": ("财政拨款结转", "appropriation carry-over"),
    "nongrant_carryover": ("非财政拨款结转结余", "non-appropriation carry-over"),
    "value": ("价值", "value"),
    "cost_target": ("成本指标", "cost target"),
    "project_total": ("项目资金总额", "project funds in total"),
    "annual_request": ("年度资金申请总额", "funds requested this year"),
    "current_grant": ("当年财政拨款", "this year's appropriation"),
    "fiscal_funds": ("财政资金", "fiscal funds"),
    "other_funds": ("其他资金", "other funds"),
}


@dataclass(frozen=True)
class Layout:
    """One printed column layout of a table kind.

    Attributes:
        name: Short name for messages ("hebei", "shanghai").
        roles: One role per body column (see the module docstring).
        tokens: Header texts (whitespace removed) that must all occur in the header.
    """

    name: str
    roles: tuple[str, ...]
    tokens: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableKind:
    """A kind of table with its recognisers and layouts.

    Attributes:
        key: Canonical key (DESIGN.md §2).
        zh: Chinese label.
        en: English label.
        title_patterns: Regexes matched against the title with whitespace removed.
        classification: "function", "economic" or "none" — what ``line_code`` holds.
        layouts: Column layouts seen in the wild, tried in order.
        shape: "lines" (one line per row), "items" (Hebei 三公 rows named by item),
            "records" (rows are records: procurement, assets, institutions, targets).
    """

    key: str
    zh: str
    en: str
    title_patterns: tuple[str, ...]
    classification: str
    layouts: tuple[Layout, ...]
    shape: str = "lines"


_FUNCTION_SPLIT = ("code_class", "code_section", "code_item", "name")
_ECONOMIC_SPLIT = ("code_class", "code_section", "name")
_WHOLE = ("seq", "code", "name")

TABLE_KINDS: tuple[TableKind, ...] = (
    # Before the all-funds summary: "财政拨款收支预算总表" also ends in "收支预算总表".
    TableKind(
        "fiscal_grant_summary", "财政拨款收支总表", "fiscal appropriation summary",
        (r"财政拨款收支总表$", r"财政拨款收支预算总表$"),
        "none",
        (
            Layout("hebei", ("seq", "income_item", "income", "expenditure_item", "total",
                             "general_budget", "gov_fund", "state_capital"), ("序号",)),
            Layout("shanghai", ("income_item", "income", "expenditure_item", "total",
                                "general_budget", "gov_fund", "state_capital")),
        ),
    ),
    TableKind(
        "income_expenditure_summary", "收支总表", "income and expenditure summary",
        (r"部门预算收支总表$", r"财务收支预算总表$", r"收支预算总表$"),
        "none",
        (
            Layout("hebei", ("seq", "income_item", "income", "expenditure_item", "expenditure"),
                   ("序号",)),
            Layout("shanghai", ("income_item", "income", "expenditure_item", "expenditure")),
            Layout("shanghai_unit", ("income_item", "income", "expenditure_item", "total",
                                     "personnel", "public", "project"), ("人员经费", "项目支出")),
        ),
    ),
    TableKind(
        "income_summary", "收入总表", "income summary",
        (r"收入总表$", r"收入预算总表$"),
        "function",
        (
            Layout("hebei", (*_WHOLE, "total", "income_subtotal", "fiscal_grant", "fiscal_special",
                             "business_income", "operating_income", "superior_subsidy",
                             "affiliated_income", "other_income", "carryover"),
                   ("序号", "财政专户", "上年结转")),
            Layout("shanghai", (*_FUNCTION_SPLIT, "total", "fiscal_grant", "business_income",
                                "operating_income", "other_income"),
                   ("财政拨款收入", "事业收入")),
        ),
    ),
    TableKind(
        "expenditure_summary", "支出总表", "expenditure summary",
        (r"预算支出总表$", r"支出预算总表$"),
        "function",
        (
            Layout("hebei", (*_WHOLE, "total", "basic", "project", "operating_expenditure",
                             "remit_superior", "subsidy_affiliated"), ("序号", "经营支出")),
            Layout("shanghai", (*_FUNCTION_SPLIT, "total", "basic", "project"), ("基本支出",)),
        ),
    ),
    TableKind(
        "general_budget_basic_expenditure", "一般公共预算基本支出表",
        "general budget basic expenditure (economic)",
        (r"一般公共预算财政拨款基本支出表$", r"一般公共预算基本支出.*经济分类.*表$"),
        "economic",
        (
            Layout("hebei", (*_WHOLE, "total", "personnel", "public"), ("序号", "人员经费")),
            Layout("shanghai", (*_ECONOMIC_SPLIT, "total", "personnel", "public"), ("人员经费",)),
        ),
    ),
    TableKind(
        "general_budget_expenditure", "一般公共预算支出表", "general budget expenditure",
        (r"一般公共预算财政拨款支出表$", r"一般公共预算支出功能分类预算表$"),
        "function",
        (
            Layout("hebei", (*_WHOLE, "total", "basic", "project"), ("序号", "基本支出")),
            Layout("shanghai", (*_FUNCTION_SPLIT, "total", "basic", "project"), ("基本支出",)),
        ),
    ),
    TableKind(
        "gov_fund_expenditure", "政府性基金预算支出表", "government fund expenditure",
        (r"政府(性)?基金预算财政拨款支出表$", r"政府性基金预算支出功能分类预算表$"),
        "function",
        (
            Layout("hebei", (*_WHOLE, "total", "basic", "project"), ("序号", "基本支出")),
            Layout("shanghai", (*_FUNCTION_SPLIT, "total", "basic", "project"), ("基本支出",)),
        ),
    ),
    TableKind(
        "state_capital_expenditure", "国有资本经营预算支出表", "state capital expenditure",
        (r"国有资本经营预算财政拨款支出表$", r"国有资本经营预算支出功能分类预算表$"),
        "function",
        (
            Layout("hebei", (*_WHOLE, "total", "basic", "project"), ("序号", "基本支出")),
            Layout("shanghai", (*_FUNCTION_SPLIT, "total", "basic", "project"), ("基本支出",)),
        ),
    ),
    TableKind(
        "three_public", "“三公”经费表", "\"three public\" costs",
        (r"三公.{0,2}经费支出表$", r"三公.{0,2}经费和机关运行经费预算表$", r"三公.{0,2}经费.*表$"),
        "none",
        (
            Layout("hebei", ("seq", "name", "total", "general_budget", "gov_fund",
                             "state_capital"), ("序号",)),
            Layout("shanghai", ("item:total", "item:abroad", "item:reception", "item:vehicle",
                                "item:vehicle_purchase", "item:vehicle_operation",
                                "item:admin_operating"), ("因公出国", "机关运行")),
        ),
        shape="items",
    ),
    TableKind(
        "procurement", "政府采购预算表", "government procurement",
        (r"政府采购预算(表)?$",),
        "none",
        (
            Layout("hebei", ("name", "project_budget", "text:item_name", "text:catalog_code",
                             "text:measure_unit", "text:quantity", "unit_price", "total",
                             "general_budget", "gov_fund", "state_capital",
                             "fiscal_special_grant", "unit_funds", "grant_carryover",
                             "nongrant_carryover", "sme_reserved"), ("采购",)),
        ),
        shape="records",
    ),
    TableKind(
        "assets", "固定资产占用情况表", "fixed assets",
        (r"固定资产占用情况表$", r"国有资产占用情况表$"),
        "none",
        (Layout("hebei", ("name", "text:quantity", "value"), ("数量",)),),
        shape="records",
    ),
    TableKind(
        "institutions", "机构设置情况", "institutions",
        (r"机构设置情况(表)?$",),
        "none",
        (Layout("hebei", ("name", "text:nature", "text:rank", "text:funding"), ("单位名称",)),),
        shape="records",
    ),
    TableKind(
        "performance_targets", "绩效目标表", "performance targets",
        (r"绩效目标表$", r"绩效目标填报表$", r"绩效目标申报表$"),
        "none",
        (),
        shape="targets",
    ),
)

KINDS_BY_KEY: dict[str, TableKind] = {kind.key: kind for kind in TABLE_KINDS}

#: 三公 table line names → item key. Order matters: specific before general.
THREE_PUBLIC_ITEMS: tuple[tuple[str, str], ...] = (
    (r"教学科研人员因公出国", "abroad_research"),
    (r"其他因公出国", "abroad_other"),
    (r"因公出国", "abroad"),
    (r"公务用车购置费|^购置费", "vehicle_purchase"),
    (r"公务用车运行|^运行费", "vehicle_operation"),
    (r"公务用车", "vehicle"),
    (r"公务接待", "reception"),
    (r"机关运行经费", "admin_operating"),
    (r"^合计|总计", "total"),
)

#: Summary-table item names → line key (income side and totals), matched on the name
#: with its "一、"/"1." numbering removed.
SUMMARY_ITEMS: tuple[tuple[str, str], ...] = (
    (r"^本年收入合计", "income_subtotal"),
    (r"^本年支出合计", "expenditure_subtotal"),
    (r"^收入总计", "income_total"),
    (r"^支出总计", "expenditure_total"),
    (r"^上年结转", "carryover"),
    (r"^年终结转", "year_end_carryover"),
    (r"^财政拨款(收入)?$", "fiscal_grant"),
    (r"^一般公共预算(拨款)?(收入|资金)?$", "general_budget"),
    (r"^政府性基金(预算)?(拨款)?(收入)?$", "gov_fund"),
    (r"^国有资本经营预算(拨款)?(收入)?$", "state_capital"),
    (r"^财政专户管理资金收入$", "fiscal_special"),
    (r"^事业收入$", "business_income"),
    (r"^事业单位经营收入$|^经营收入$", "operating_income"),
    (r"^上级补助收入$", "superior_subsidy"),
    (r"^附属单位上缴收入$", "affiliated_income"),
    (r"^其他收入$", "other_income"),
)


def match_kind(title: str) -> TableKind | None:
    """Return the table kind whose title pattern matches ``title``, or None."""
    compact = re.sub(r"\s+", "", title)
    for kind in TABLE_KINDS:
        if any(re.search(pattern, compact) for pattern in kind.title_patterns):
            return kind
    return None


def choose_layout(kind: TableKind, width: int, header_text: str) -> Layout | None:
    """Return the first layout of ``kind`` with ``width`` columns whose tokens all occur."""
    compact = re.sub(r"\s+", "", header_text)
    for layout in kind.layouts:
        if len(layout.roles) == width and all(token in compact for token in layout.tokens):
            return layout
    return None
