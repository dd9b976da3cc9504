"""The workshop's content, as data: lessons, tables, glossary, hints and questions.

Everything a teacher may want to reword or extend is here and nowhere else: the four
notebooks, the class years, the nine standard tables with what each shows, the glossary,
the hints (they point the way, never give an answer) and the questions, each with how its
expected value is found in the class documents (:data:`QUESTIONS`; computed by
:mod:`helpers.workshop.grading`, never shown).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["DEFAULT_SEED", "GLOSSARY", "HINTS", "NINE_TABLES", "NOTEBOOKS", "QUESTIONS",
           "SUSPECT_DEFECTS", "WORKSHOP_DIR", "YEARS"]

DEFAULT_SEED = 2024
#: The class years: department A and the suspect have both, department B the newest.
YEARS = (2023, 2024)
WORKSHOP_DIR = Path(__file__).resolve().parents[3] / "notebooks" / "workshop"
NOTEBOOKS = ("01_reading_a_disclosure.ipynb", "02_personnel_vs_operating.ipynb",
             "03_projects_and_year_over_year.ipynb", "04_audit_detective.ipynb")
#: How many defects the suspect carries (drawn from :data:`helpers.synth.DEFECTS` by seed).
SUSPECT_DEFECTS = 5

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

_A, _A_BEFORE, _B = (f"dept_a_{YEARS[1]}", f"dept_a_{YEARS[0]}", f"dept_b_{YEARS[1]}")
#: Question id → (what is asked, kind of answer, how the expected value is found). The
#: kinds: "wan" (万元, to the fen), "percent" (one decimal), "choice" (one of several
#: right texts), "bool". How: ("cell", document, table, line, column) is one printed
#: amount; ("change", document, earlier, table, line, column) the difference of two;
#: ("personnel_share" | "project_share" | "largest_project", document);
#: ("higher_personnel", document, other); ("stated_change_true", document, earlier): see
#: :data:`helpers.workshop.grading.EXPECTED`.
QUESTIONS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "1.1": ("支出合计（万元）", "wan", ("cell", _A, "expenditure_summary", "合计", "total")),
    "1.2": ("基本支出（万元）", "wan",
            ("cell", _A, "general_budget_basic_expenditure", "合计", "total")),
    "1.3": ("301 工资福利支出（万元）", "wan",
            ("cell", _A, "general_budget_basic_expenditure", "301", "total")),
    "1.4": ("公务接待费（万元）", "wan", ("cell", _A, "three_public", "公务接待费", "total")),
    "2.1": ("人员经费（万元）", "wan",
            ("cell", _A, "general_budget_basic_expenditure", "合计", "personnel")),
    "2.2": ("人员经费占基本支出（%）", "percent", ("personnel_share", _A)),
    "2.3": ("人员经费占比更高的部门", "choice", ("higher_personnel", _A, _B)),
    "3.1": ("项目支出占支出合计（%）", "percent", ("project_share", _A)),
    "3.2": ("金额最大的项目（功能分类项）", "choice", ("largest_project", _A)),
    "3.3": ("支出合计的增减（万元）", "wan",
            ("change", _A, _A_BEFORE, "expenditure_summary", "合计", "total")),
    "3.4": ("文字说明的财政拨款收入增减是否属实", "bool", ("stated_change_true", _A, _A_BEFORE)),
}
