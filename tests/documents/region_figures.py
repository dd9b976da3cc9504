"""Key figures of the multi-region corpus (``data/corpus/regions/``), read by hand.

Every figure below was read by hand from the PDF's own text, page by page, with
``pdftotext -layout -f N -l N FILE -`` (rotated pages and split numbers re-read with care, cell
positions checked with ``pdftotext -bbox`` where the layout was ambiguous), never from this
project's reader. Figures are strings exactly as printed (printed decimals kept, thousands
separators dropped); ``None`` means the cell is printed blank. Page numbers are 1-based PDF page
indexes (not the printed folio); ``page`` is where the figures (the 合计 row) were read and
``pages`` gives the span when the table runs over several pages. Each figure was checked by the
document's own arithmetic (合计 = 基本 + 项目; 合计 = Σ 类 rows; 收入总计 = 支出总计; 三公 total =
Σ parts); where the document itself does not add up, or a figure could not be read reliably, or a
figure is derived rather than printed, ``notes`` (or a comment) says so.

``tables`` lists the standard tables each document prints as ``(kind, printed title, page,
is_empty)``; a table continued over several pages is listed at its first page.
Class rows are ``(code, name, total, basic, project)``; code is ``None`` when none is printed.
"""

REGION_FIGURES: dict[str, dict] = {
    "beijing_sjj-tbl_2026_budget_dept.pdf": {
        "department": "北京市审计局",
        "year": 2026,
        "stage": "budget",
        "scope": "department",
        "tables": [
            ("income_expenditure_summary", "预算01表 收支总表", 1, False),
            ("income_summary", "预算02表 收入总表", 2, False),
            ("expenditure_summary", "预算03表 支出总表", 3, False),
            ("fiscal_grant_summary", "预算04表 财政拨款收支总表", 4, False),
            ("general_budget_expenditure", "预算05表 一般公共预算支出表", 5, False),
            ("general_budget_basic_expenditure", "预算06表 一般公共预算基本支出表", 6, False),
            ("gov_fund_expenditure", "预算07表 政府性基金预算支出表", 7, True),
            ("state_capital_expenditure", "预算08表 国有资本经营预算支出表", 8, True),
            ("three_public", "预算09表 财政拨款“三公”经费支出表", 9, False),
            ("procurement", "预算10表 政府采购预算明细表", 10, False),
            ("purchase_services", "预算11表 财政拨款政府购买服务明细表", 11, False),
            ("performance_targets", "预算表12 项目支出绩效目标表", 12, False),
            ("department_performance_targets", "预算13表 部门整体支出绩效目标表", 20, False),
        ],
        "expenditure_summary": {
            "unit": "万元",
            "page": 3,
            "total": "32852.053832",
            "basic": "25218.537585",
            "project": "7633.516247",
            # The 支出总表 prints only 7-digit 项 rows (功能 x 政府经济 x 部门经济), no 类
            # subtotals: the class totals below are the 收支总表 (p1) figures, and basic/project
            # are the sums of the p3 项 rows of each class (they agree with the p1 totals).
            "classes": [
                ("201", "一般公共服务支出", "26661.064552", "19040.748305", "7620.316247"),
                ("205", "教育支出", "122.800000", "109.600000", "13.200000"),
                ("208", "社会保障和就业支出", "2559.323508", "2559.323508", None),
                ("210", "卫生健康支出", "1798.093248", "1798.093248", None),
                ("221", "住房保障支出", "1710.772524", "1710.772524", None),
            ],
        },
        "income_expenditure_summary": {
            "unit": "万元",
            "page": 1,
            "income_total": "32852.053832",
            "expenditure_total": "32852.053832",
            "income_this_year": "32380.090089",
            "expenditure_this_year": "32852.053832",
            "carried_forward_from_last_year": "471.963743",
            "carried_forward_to_next_year": None,
        },
        "fiscal_grant_summary": {
            "unit": "万元",
            "page": 4,
            "income_total": "32801.936639",
            "expenditure_total": "32801.936639",
        },
        "general_budget_expenditure": {
            "unit": "万元",
            "page": 5,
            "total": "32801.936639",
            "basic": "25218.537585",
            "project": "7583.399054",
        },
        "basic_economic": {
            "unit": "万元",
            "page": 6,
            "total": "25218.537585",
            "personnel": "23545.680500",
            "public": "1672.857085",
        },
        "three_public": {
            "unit": "万元",
            "page": 9,
            "total": "244.848000",
            "abroad": "173.520000",
            "reception": "6.000000",
            "vehicle_subtotal": "65.328000",
            "vehicle_purchase": "37.380000",
            "vehicle_operation": "27.948000",
        },
        "procurement": {"unit": "万元", "page": 10, "total": "4988.729130"},
        "purchase_services": {"unit": "万元", "page": 11, "total": "3756.180280"},
        "notes": (
            "Tables file of a split disclosure (narrative: beijing_sjj-txt); no cover, department "
            "named only in the 13表. Six decimals throughout. All checks hold: 32380.090089 + "
            "471.963743 = 32852.053832; 25218.537585 + 7633.516247 = 32852.053832; 三公 "
            "173.52 + 6 + 37.38 + 27.948 = 244.848. 支出总表 has no 类 rows (see classes comment)."
        ),
    },
    "beijing_sjj-txt_2026_budget_dept.pdf": {
        "department": "北京市审计局",
        "year": 2026,
        "stage": "budget",
        "scope": "department",
        # Narrative only: the 13 tables are listed in the table of contents (pp. 1-2) and
        # printed in beijing_sjj-tbl; none is printed here.
        "tables": [],
        "toc_tables": [
            ("income_expenditure_summary", "一、收支总表", 1),
            ("income_summary", "二、收入总表", 1),
            ("expenditure_summary", "三、支出总表", 1),
            ("fiscal_grant_summary", "四、财政拨款收支总表", 1),
            ("general_budget_expenditure", "五、一般公共预算支出表", 1),
            ("general_budget_basic_expenditure", "六、一般公共预算基本支出表", 1),
            ("gov_fund_expenditure", "七、政府性基金预算支出表", 1),
            ("state_capital_expenditure", "八、国有资本经营预算支出表", 1),
            ("three_public", "九、财政拨款“三公”经费支出表", 1),
            ("procurement", "十、政府采购预算明细表", 1),
            ("purchase_services", "十一、财政拨款政府购买服务明细表", 1),
            ("performance_targets", "十二、项目支出绩效目标表", 1),
            ("department_performance_targets", "十三、部门整体支出绩效目标表", 2),
        ],
        "narrative": {
            "unit": "万元",
            "income_total": ("32852.05", 6),
            "fiscal_grant_income": ("32365.09", 6),
            "other_income": ("15", 6),
            "carried_forward_from_last_year": ("471.96", 6),
            "expenditure_total": ("32852.05", 7),
            "basic": ("25218.54", 7),
            "project": ("7633.51", 7),
            "three_public_total": ("244.85", 8),
            "three_public_abroad": ("173.52", 8),
            "three_public_reception": ("6", 8),
            "three_public_vehicle": ("65.33", 8),
            "three_public_vehicle_purchase": ("37.38", 8),
            "three_public_vehicle_operation": ("27.95", 8),
            "procurement_total": ("4988.73", 9),
            "admin_operating": ("1637.76", 9),
        },
        "notes": (
            "Narrative (情况说明) file of the beijing_sjj-tbl tables; values are (figure, page). "
            "The narrative's 项目支出 7633.51 is truncated, not rounded: the table prints "
            "7633.516247 (rounds to 7633.52); 25218.54 + 7633.51 = 32852.05 as stated. "
            "机关运行经费 1637.76 appears only here (no table)."
        ),
    },
    "central_xfj_2024_final_dept.pdf": {
        "department": "国家信访局",
        "year": 2024,
        "stage": "final",
        "scope": "department",
        "tables": [
            ("income_expenditure_summary", "收入支出决算总表 公开01表", 7, False),
            ("income_summary", "收入决算表 公开02表", 8, False),
            ("expenditure_summary", "支出决算表 公开03表", 9, False),
            ("fiscal_grant_summary", "财政拨款收入支出决算总表 公开04表", 10, False),
            ("general_budget_expenditure", "一般公共预算财政拨款支出决算表 公开05表", 11, False),
            (
                "general_budget_basic_expenditure",
                "一般公共预算财政拨款基本支出决算表 公开06表",
                12,
                False,
            ),
            ("gov_fund_expenditure", "政府性基金预算财政拨款收入支出决算表 公开07表", 13, True),
            ("state_capital_expenditure", "国有资本经营预算财政拨款支出决算表 公开08表", 14, True),
            ("three_public", "一般公共预算财政拨款“三公”经费支出决算表 公开09表", 15, False),
            ("performance_self_evaluation", "信访干部培训专项项目绩效自评表", 30, False),
            ("performance_self_evaluation", "信访研究宣传立法专项项目绩效自评表", 32, False),
            ("performance_self_evaluation", "资产运行维护项目绩效自评表", 34, False),
            ("performance_self_evaluation", "信息化运行维护项目绩效自评表", 35, False),
        ],
        "expenditure_summary": {
            "unit": "万元",
            "page": 9,
            "total": "14572.53",
            "basic": "11073.11",
            "project": "3499.42",
            "classes": [
                ("201", "一般公共服务支出", "10685.56", "7366.16", "3319.39"),
                ("205", "教育支出", "180.03", None, "180.03"),
                ("208", "社会保障和就业支出", "2228.57", "2228.57", None),
                ("210", "卫生健康支出", "497.53", "497.53", None),
                ("221", "住房保障支出", "980.85", "980.85", None),
            ],
        },
        "income_expenditure_summary": {
            "unit": "万元",
            "page": 7,
            "income_total": "22066.59",
            "expenditure_total": "22066.59",
            "income_this_year": "20451.35",
            "expenditure_this_year": "14572.53",
            "carried_forward_from_last_year": "1615.24",
            "carried_forward_to_next_year": "7494.06",
        },
        "fiscal_grant_summary": {
            "unit": "万元",
            "page": 10,
            "income_total": "20727.53",
            "expenditure_total": "20727.53",
            "income_this_year": "19572.91",
            "expenditure_this_year": "13733.80",
            "carried_forward_from_last_year": "1154.62",
            "carried_forward_to_next_year": "6993.74",
        },
        "general_budget_expenditure": {
            "unit": "万元",
            "page": 11,
            "total": "13733.80",
            "basic": "10234.37",
            "project": "3499.42",
        },
        "basic_economic": {
            "unit": "万元",
            "page": 12,
            "total": None,
            "personnel": "7967.72",
            "public": "2266.65",
        },
        "three_public": {
            "unit": "万元",
            "page": 15,
            "budget": {
                "total": "76.43",
                "abroad": "30.00",
                "reception": "5.80",
                "vehicle_subtotal": "40.63",
                "vehicle_purchase": None,
                "vehicle_operation": "40.63",
            },
            "final": {
                "total": "46.21",
                "abroad": "4.69",
                "reception": "0.90",
                "vehicle_subtotal": "40.61",
                "vehicle_purchase": None,
                "vehicle_operation": "40.61",
            },
            "total": "46.21",
            "abroad": "4.69",
            "reception": "0.90",
            "vehicle_purchase": None,
            "vehicle_operation": "40.61",
        },
        "admin_operating": {"unit": "万元", "page": 25, "total": "2266.65"},
        "notes": (
            "DOES NOT ADD UP (rounding, the tables' note admits 尾数误差): 支出决算表 p9 row 201 "
            "7366.16 + 3319.39 = 10685.55, printed 10685.56; so Σ 类 totals = 14572.54 against "
            "合计 14572.53 (Σ basic 11073.11 and Σ project 3499.42 do hold). 三公 决算数 "
            "4.69 + 40.61 + 0.90 = 46.20, printed 46.21 (p15 and narrative p24); 预算数 "
            "30.00 + 40.63 + 5.80 = 76.43 holds. 公开05表 (p11): 基本支出 10234.37 + 项目支出 "
            "3499.42 = 13733.79 vs 合计 13733.80, and its Σ 类 basic is 10234.38 (Σ 类 totals "
            "13733.80 and project 3499.42 hold). The 基本支出决算表 (p12) prints no grand "
            "total, only 人员经费合计 7967.72 and 公用经费合计 2266.65 (sum 10234.37 = 05表 "
            "基本支出). Other checks hold: 20451.35 + 1615.24 = 22066.59 = 14572.53 + 7494.06."
        ),
    },
    "chongqing_kxjsj_2026_budget_dept.pdf": {
        "department": "重庆市科学技术局",
        "year": 2026,
        "stage": "budget",
        "scope": "department",
        "tables": [
            ("income_expenditure_summary", "表一 2026年部门收支总体情况表", 8, False),
            ("income_summary", "表二 2026年部门收入总体情况表", 9, False),
            ("expenditure_summary", "表三 2026年部门支出总体情况表", 12, False),
            ("fiscal_grant_summary", "表四 2026年财政拨款收支总体情况表", 15, False),
            ("general_budget_expenditure", "表五 2026年一般公共预算支出情况表", 16, False),
            (
                "general_budget_basic_expenditure",
                "表六 2026年一般公共预算基本支出情况表",
                20,
                False,
            ),
            ("gov_fund_expenditure", "表七 2026年政府性基金预算支出情况表", 23, True),
            ("three_public", "表八 2026年财政拨款“三公”经费支出情况表", 24, False),
            ("procurement", "表九 2026年政府采购预算明细表", 25, False),
            ("department_performance_targets", "表十 2026年部门整体绩效目标表", 26, False),
            (
                "special_fund_performance_targets",
                "表十一 2026年市级重点专项资金绩效目标表(一级项目)",
                27,
                False,
            ),
            ("performance_targets", "表十二 2026年市级一般性项目绩效目标表(一级项目)", 28, False),
        ],
        "expenditure_summary": {
            "unit": "万元",
            "page": 12,
            "pages": (12, 14),
            "total": "168441.81",
            "basic": "6660.01",
            "project": "161781.80",
            "classes": [
                ("201", "一般公共服务支出", "5183.00", None, "5183.00"),
                ("205", "教育支出", "7.09", "7.09", None),
                ("206", "科学技术支出", "161603.34", "5031.94", "156571.40"),
                ("208", "社会保障和就业支出", "1043.69", "1043.69", None),
                ("210", "卫生健康支出", "276.29", "276.29", None),
                ("215", "资源勘探工业信息等支出", "27.40", None, "27.40"),
                ("221", "住房保障支出", "301.00", "301.00", None),
            ],
        },
        "income_expenditure_summary": {
            "unit": "万元",
            "page": 8,
            "income_total": "168441.81",
            "expenditure_total": "168441.81",
        },
        "fiscal_grant_summary": {
            "unit": "万元",
            "page": 15,
            "income_total": "154304.22",
            "expenditure_total": "154304.22",
            "income_this_year": "154023.82",
            "carried_forward_from_last_year": "280.40",
            "carried_forward_to_next_year": None,
        },
        "general_budget_expenditure": {
            "unit": "万元",
            "page": 16,
            "pages": (16, 19),
            "total": "154304.22",
            "basic": "5362.42",
            "project": "148941.80",
        },
        "basic_economic": {
            "unit": "万元",
            "page": 20,
            "pages": (20, 22),
            "total": "5362.42",
            "personnel": "4516.64",
            "public": "845.78",
        },
        "three_public": {
            "unit": "万元",
            "page": 24,
            "total": "207.46",
            "abroad": "120.00",
            "reception": "54.96",
            "vehicle_subtotal": "32.50",
            "vehicle_purchase": None,
            "vehicle_operation": "32.50",
        },
        "procurement": {"unit": "万元", "page": 25, "total": "6143.52"},
        "notes": (
            "pdftotext -layout puts every number's decimals on the next line ('168,441' / '.81'); "
            "in 表五 the big figures are split over up to four lines ('1' '54,' '304' '.22'). "
            "All read values re-checked by sums: Σ 类 168441.81 = 6660.01 + 161781.80; "
            "154304.22 = 5362.42 + 148941.80 = 154023.82 + 280.40; 4516.64 + 845.78 = 5362.42; "
            "三公 120.00 + 32.50 + 54.96 = 207.46. The 收支总体情况表 prints only 合计 (no "
            "本年/上年结转 rows); its 一般公共预算资金 154304.22 includes the 280.40 carry-over."
        ),
    },
    "fuzhou_swj_2026_budget_dept.pdf": {
        "department": "福州市商务局",
        "year": 2026,
        "stage": "budget",
        "scope": "department",
        "tables": [
            ("income_expenditure_summary", "一、收支预算总表 2026年度收支预算总表", 11, False),
            ("income_summary", "二、收入预算总表 2026年度收入预算总表", 12, False),
            ("expenditure_summary", "三、支出预算总表 2026年度支出预算总表", 13, False),
            (
                "fiscal_grant_summary",
                "四、财政拨款收支预算总表 2026年度财政拨款收支预算总表",
                15,
                False,
            ),
            (
                "general_budget_expenditure",
                "五、一般公共预算拨款支出预算表 2026年度一般公共预算拨款支出预算表",
                16,
                False,
            ),
            (
                "gov_fund_expenditure",
                "六、政府性基金预算拨款支出预算表 2026年度政府性基金预算拨款支出预算表",
                18,
                False,
            ),
            (
                "state_capital_expenditure",
                "七、国有资本经营预算拨款支出预算表 2026年度国有资本经营预算拨款支出预算表",
                19,
                True,
            ),
            (
                "general_budget_economic",
                "八、一般公共预算支出经济分类情况表 2026年度一般公共预算支出经济分类情况表",
                20,
                False,
            ),
            (
                "general_budget_basic_expenditure",
                "九、一般公共预算基本支出经济分类情况表 2026年度一般公共预算基本支出经济分类情况表",
                21,
                False,
            ),
            (
                "three_public",
                "十、一般公共预算“三公”经费支出预算表 2026年度一般公共预算“三公”经费支出预算表",
                24,
                False,
            ),
            ("performance_targets", "1.项目支出绩效目标表 (办公楼物业项目绩效目标表 …)", 29, False),
        ],
        "expenditure_summary": {
            "unit": "万元",
            "page": 13,
            "pages": (13, 14),
            "total": "24995.94",
            "basic": "3861.25",
            "project": "21134.69",
            "classes": [
                ("201", "一般公共服务支出", "2943.48", "2408.79", "534.69"),
                ("208", "社会保障和就业支出", "987.77", "987.77", None),
                ("212", "城乡社区支出", "1800.00", None, "1800.00"),
                ("216", "商业服务业等支出", "18800.00", None, "18800.00"),
                ("221", "住房保障支出", "464.69", "464.69", None),
            ],
        },
        "income_expenditure_summary": {
            "unit": "万元",
            "page": 11,
            "income_total": "24995.94",
            "expenditure_total": "24995.94",
            "income_this_year": "24995.94",
            "expenditure_this_year": "24995.94",
            "carried_forward_from_last_year": "0.00",
            "carried_forward_to_next_year": "0.00",
        },
        "fiscal_grant_summary": {
            "unit": "万元",
            "page": 15,
            "income_total": "24995.94",
            "expenditure_total": "24995.94",
        },
        "general_budget_expenditure": {
            "unit": "万元",
            "page": 16,
            "pages": (16, 17),
            "total": "23195.94",
            "basic": "3861.25",
            "project": "19334.69",
        },
        "gov_fund_expenditure": {
            "unit": "万元",
            "page": 18,
            "total": "1800.00",
            "basic": "0.00",
            "project": "1800.00",
        },
        "basic_economic": {
            "unit": "万元",
            "page": 21,
            "pages": (21, 23),
            "total": "3861.25",
            # no 人员经费/公用经费 columns: 类 rows of the economic classification
            "classes": [
                ("301", "工资福利支出", "2964.61"),
                ("302", "商品和服务支出", "302.44"),
                ("303", "对个人和家庭的补助", "586.60"),
                ("310", "资本性支出", "7.60"),
            ],
        },
        "three_public": {
            "unit": "万元",
            "page": 24,
            "total": "84.10",
            "abroad": "70.00",
            "reception": "6.10",
            "vehicle_subtotal": "8.00",
            "vehicle_purchase": "0.00",
            "vehicle_operation": "8.00",
        },
        "admin_operating": {"unit": "万元", "page": 40, "total": "337.82"},
        "procurement": {"unit": "万元", "page": 40, "total": "822.55"},
        "notes": (
            "收支预算总表 p11: 本年支出合计 and 支出合计 are printed wrapped in a narrow cell, "
            "pdftotext gives '24995.9' with '4' on the next line: read as 24995.94 (= Σ 支出 "
            "rows and = 收入合计). All checks hold: Σ 类 = 24995.94 = 3861.25 + 21134.69; "
            "基本支出 301+302+303+310 = 3861.25 (items also add up); 三公 70.00 + 6.10 + 8.00 = "
            "84.10. The 基本支出 table has no 人员/公用 columns. 机关运行经费 and 政府采购 "
            "are narrative-only figures (p40)."
        ),
    },
    "guangzhou_tjj_2026_budget_dept.pdf": {
        "department": "广州市统计局",
        "year": 2026,
        "stage": "budget",
        "scope": "department",
        "tables": [
            ("income_expenditure_summary", "表1 收支总体情况表", 6, False),
            ("income_summary", "表2 收入总体情况表", 8, False),
            ("expenditure_summary", "表3 本年支出总体情况表", 9, False),
            ("fiscal_grant_summary", "表4 财政拨款收支总体情况表", 11, False),
            (
                "general_budget_expenditure",
                "表5 一般公共预算支出情况表（按功能分类科目）",
                13,
                False,
            ),
            (
                "general_budget_basic_expenditure",
                "表6 一般公共预算基本支出情况表（按经济分类科目）",
                14,
                False,
            ),
            (
                "general_budget_project_economic",
                "表7 一般公共预算项目支出情况表（按经济分类科目）",
                16,
                False,
            ),
            ("three_public", "表8 财政拨款安排的行政经费及“三公”经费预算表", 17, False),
            ("gov_fund_expenditure", "表9 政府性基金预算支出情况表", 18, True),
            ("state_capital_expenditure", "表10 国有资本经营预算支出情况表", 19, True),
            ("basic_expenditure_all_funds", "表11 部门预算基本支出预算表", 20, False),
            (
                "project_expenditure_all_funds",
                "表12 部门预算项目支出及其他支出预算表",
                21,
                False,
            ),
        ],
        "expenditure_summary": {
            "unit": "万元",
            "page": 9,
            "pages": (9, 10),
            "total": "9483.72",
            "basic": "8401.67",
            "project": "1082.05",
            "classes": [
                ("201", "一般公共服务支出", "8295.28", "7263.23", "1032.05"),
                ("208", "社会保障和就业支出", "370.17", "370.17", "0.00"),
                ("210", "卫生健康支出", "4.15", "4.15", "0.00"),
                ("221", "住房保障支出", "764.12", "764.12", "0.00"),
                ("229", "其他支出", "50.00", "0.00", "50.00"),
            ],
        },
        "income_expenditure_summary": {
            "unit": "万元",
            "page": 7,
            "pages": (6, 7),
            "income_total": "9483.72",
            "expenditure_total": "9483.72",
            "income_this_year": "9483.72",
            "expenditure_this_year": "9483.72",
            "carried_forward_from_last_year": "0.00",
            "carried_forward_to_next_year": "0.00",
        },
        "fiscal_grant_summary": {
            "unit": "万元",
            "page": 12,
            "pages": (11, 12),
            "income_total": "9433.72",
            "expenditure_total": "9433.72",
        },
        "general_budget_expenditure": {
            "unit": "万元",
            "page": 13,
            "total": "9433.72",
            "basic": "8401.67",
            "project": "1032.05",
        },
        "basic_economic": {
            "unit": "万元",
            "page": 14,
            "pages": (14, 15),
            "total": "8401.67",
            # no 人员经费/公用经费 columns: 类 rows
            "classes": [
                ("301", "工资福利支出", "7131.66"),
                ("302", "商品和服务支出", "556.47"),
                ("303", "对个人和家庭的补助", "701.04"),
                ("310", "资本性支出", "12.50"),
            ],
        },
        "three_public": {
            "unit": "万元",
            "page": 17,
            "total": "19.86",
            "abroad": "5.00",
            "reception": "8.16",
            "vehicle_subtotal": "6.70",
            "vehicle_purchase": "0.00",
            "vehicle_operation": "6.70",
        },
        "admin_operating": {"unit": "万元", "page": 17, "total": "839.21"},
        "procurement": {"unit": "万元", "page": 24, "total": "562.87"},
        "notes": (
            "收支总体情况表 spans pp. 6-7 (totals on p7); 财政拨款收支总体情况表 pp. 11-12. "
            "Main checks hold: Σ 类 9483.72 = 8401.67 + 1082.05; 基本 301+302+303+310 = "
            "8401.67; 三公 5.00 + 6.70 + 8.16 = 19.86. DOES NOT ADD UP by 0.01 (the tables' "
            "note admits 尾数误差): 表2 unit rows 6748.28 + 1373.74 + 1361.71 = 9483.73 vs "
            "合计 9483.72; 表11 广州市统计普查中心 1155.76 + 102.93 + 111.04 + 4.00 = 1373.73 "
            "vs printed 1373.74, and its unit rows sum 8401.68 vs 合计 8401.67; 表6 302 items "
            "sum 556.46 vs 556.47. 行政经费 839.21 is the 表8 row (narrative calls it "
            "机关运行经费)."
        ),
    },
    "hangzhou_sfj_2026_budget_dept.pdf": {
        "department": "杭州市司法局",
        "year": 2026,
        "stage": "budget",
        "scope": "department",
        "tables": [
            ("income_expenditure_summary", "表1：2026年市级部门收支预算总表", 23, False),
            ("income_summary", "表2：2026年市级部门收入预算总表", 25, False),
            ("expenditure_summary", "表3：2026年市级部门支出预算总表", 26, False),
            ("fiscal_grant_summary", "表4：2026年市级部门财政拨款收支预算总表", 28, False),
            ("general_budget_expenditure", "表5：2026年市级部门一般公共预算支出预算表", 30, False),
            (
                "general_budget_basic_expenditure",
                "表6：2026年市级部门一般公共预算基本支出预算表",
                32,
                False,
            ),
            ("three_public", "表7：2026年市级部门一般公共预算“三公”经费预算表", 34, False),
            ("gov_fund_expenditure", "表8：2026年市级部门政府性基金预算支出预算表", 35, True),
            (
                "state_capital_expenditure",
                "表9：2026年市级部门国有资本经营预算支出预算表",
                36,
                True,
            ),
            ("project_expenditure_all_funds", "表10：2026年市级部门项目支出预算表", 37, False),
            ("performance_targets", "表11：2026年市级部门项目支出绩效表", 39, False),
        ],
        "expenditure_summary": {
            "unit": "万元",
            "page": 26,
            "pages": (26, 27),
            "total": "99230.46",
            # basic is printed as two columns, 人员支出 + 日常公用支出; "basic" is their sum
            "basic": "70724.29",
            "basic_personnel": "58486.35",
            "basic_public": "12237.94",
            "project": "28506.17",
            # no function codes are printed; basic = 人员支出 + 日常公用支出 of the row
            "classes": [
                (None, "一般公共服务支出", "12868.19", None, "12868.19"),
                (None, "公共安全支出", "76468.81", "60830.83", "15637.98"),
                (None, "社会保障和就业支出", "7458.52", "7458.52", None),
                (None, "卫生健康支出", "2434.95", "2434.95", None),
            ],
        },
        "income_expenditure_summary": {
            "unit": "万元",
            "page": 24,
            "pages": (23, 24),
            "income_total": "99230.46",
            "expenditure_total": "99230.46",
            "income_this_year": "98883.14",
            "expenditure_this_year": "99230.46",
            "carried_forward_from_last_year": "347.32",
            "carried_forward_to_next_year": None,
        },
        "fiscal_grant_summary": {
            "unit": "万元",
            "page": 29,
            "pages": (28, 29),
            "income_total": "91842.80",
            "expenditure_total": "91842.80",
        },
        "general_budget_expenditure": {
            "unit": "万元",
            "page": 30,
            "pages": (30, 31),
            "total": "91842.80",
            "basic": "70724.29",
            "project": "21118.51",
        },
        "basic_economic": {
            "unit": "万元",
            "page": 32,
            "pages": (32, 33),
            "total": "70724.29",
            "personnel": "58486.35",
            "public": "12237.94",
        },
        "three_public": {
            "unit": "万元",
            "page": 34,
            "total": "413.68",
            "abroad": None,
            "reception": "74.00",
            "vehicle_subtotal": "339.68",
            "vehicle_purchase": "151.68",
            "vehicle_operation": "188.00",
        },
        "admin_operating": {"unit": "万元", "page": 15, "total": "12237.94"},
        "procurement": {"unit": "万元", "page": 15, "total": "8525.96"},
        "notes": (
            "Tables carry no function codes (names only, indented). 收支预算总表 totals are on "
            "p24 (table starts p23); 财政拨款收支预算总表 totals on p29. In 表5 p30 the project "
            "column wraps: '21,118.5' + '1' = 21118.51, '12,868.1' + '9' = 12868.19. "
            "DOES NOT ADD UP by 0.01 (the table note admits 尾差): 表3 Σ 类 totals 99230.47 vs "
            "合计 99230.46 and Σ 类 人员支出 58486.36 vs 58486.35; 表4/表5 Σ 类 91842.81 vs "
            "91842.80; 表6 工资福利 55121.30 + 对个人和家庭 人员 3365.06 = 58486.36 vs 人员经费 "
            "58486.35, 公用 11442.57 + 535.03 + 260.35 = 12237.95 vs 12237.94, 对个人和家庭的补助 "
            "3365.06 + 535.03 = 3900.09 vs printed 3900.08, 商品和服务 items sum 11442.56 vs "
            "11442.57. Holds: 98883.14 + 347.32 = 99230.46; 58486.35 + 12237.94 + 28506.17 = "
            "99230.46; 三公 339.68 + 74.00 = 413.68 (no 因公出国 figure), 151.68 + 188.00 = "
            "339.68, unit rows sum 413.68."
        ),
    },
    "jiangsu_gjrmfy_2019_budget_dept.pdf": {
        "department": "江苏省高级人民法院",
        "year": 2019,
        "stage": "budget",
        "scope": "department",
        "tables": [
            ("income_expenditure_summary", "公开01表 收支预算总表", 8, False),
            ("income_summary", "公开02表 收入预算总表", 9, False),
            ("expenditure_summary", "公开03表 支出预算总表", 9, False),
            ("fiscal_grant_summary", "公开04表 财政拨款收支预算总表", 10, False),
            ("fiscal_grant_expenditure", "公开05表 财政拨款支出预算表（功能科目）", 10, False),
            (
                "fiscal_grant_basic_expenditure",
                "公开06表 财政拨款基本支出预算表（经济科目）",
                11,
                False,
            ),
            (
                "general_budget_expenditure",
                "公开07表 一般公共预算支出预算表（功能科目）",
                12,
                False,
            ),
            (
                "general_budget_basic_expenditure",
                "公开08表 一般公共预算基本支出预算表（经济科目）",
                13,
                False,
            ),
            ("three_public", "公开09表 “三公”经费、会议费、培训费支出预算表", 14, False),
            ("gov_fund_expenditure", "公开10表 政府性基金预算财政拨款支出预算表", 14, True),
            ("admin_operating", "公开11表 一般公共预算机关运行经费支出预算表", 15, False),
            ("procurement", "公开12表 政府采购支出预算表", 16, False),
        ],
        "expenditure_summary": {
            "unit": "万元",
            "page": 9,
            "total": "37188.34",
            "basic": "21968.00",
            "project": "10208.94",
            # a third column, 单位预留机动经费, makes 合计 = 基本 + 项目 + 5011.40
            "reserve": "5011.40",
            "carried_to_next_year": None,
            # 公开03表 prints only the 合计 row (no function classes). The 类 totals below
            # are the 收支预算总表's (p8) 功能分类 column; no basic/project split by class
            # is printed anywhere in the document.
            "classes_page": 8,
            "classes": [
                ("204", "公共安全支出", "27488.23", None, None),
                ("208", "社会保障和就业支出", "2355.65", None, None),
                ("221", "住房保障支出", "7344.46", None, None),
            ],
        },
        "income_expenditure_summary": {
            "unit": "万元",
            "page": 8,
            "income_total": "37188.34",
            "expenditure_total": "37188.34",
            "income_this_year": "37188.34",
            "expenditure_this_year": "37188.34",
            "carried_forward_from_last_year": None,
            "carried_forward_to_next_year": None,
        },
        "fiscal_grant_summary": {
            "unit": "万元",
            "page": 10,
            "income_total": "37188.34",
            "expenditure_total": "37188.34",
        },
        "general_budget_expenditure": {"unit": "万元", "page": 12, "total": "37188.34"},
        "basic_economic": {
            "unit": "万元",
            "page": 13,
            "total": "21968.00",
            # no 人员经费/公用经费 columns: 类 rows
            "classes": [
                ("301", "工资福利支出", "16324.07"),
                ("302", "商品和服务支出", "3580.05"),
                ("303", "对个人和家庭的补助", "2063.88"),
            ],
        },
        "three_public": {
            "unit": "万元",
            "page": 14,
            # the table's 合计 2382.02 covers 三公 + 会议费 + 培训费; "total" is the 三公 小计
            "total": "513.75",
            "total_with_meeting_training": "2382.02",
            "abroad": "160.00",
            "reception": "86.95",
            "vehicle_subtotal": "266.80",
            "vehicle_purchase": None,
            "vehicle_operation": "266.80",
            "meeting": "271.02",
            "training": "1597.25",
        },
        "admin_operating": {"unit": "万元", "page": 15, "total": "3580.05"},
        "procurement": {"unit": "万元", "page": 16, "total": "5227.59"},
        "notes": (
            "Two tables share a page several times (02+03 on p9, 04+05 on p10, 09+10 on p14). "
            "支出预算总表 = one 合计 row: 37188.34 = 21968.00 + 10208.94 + 5011.40 (单位预留"
            "机动经费), so 合计 != 基本 + 项目 by design. No 国有资本经营 table. All checks "
            "hold: 类 27488.23 + 2355.65 + 7344.46 = 37188.34; 301+302+303 = 21968.00 (items "
            "add up too); 三公 160.00 + 266.80 + 86.95 = 513.75, + 271.02 + 1597.25 = 2382.02. "
            "The 三公 table's unit is printed '单位：万' / '元' on two lines."
        ),
    },
    "shanghai-putuo_czj_2024_final_dept.pdf": {
        "department": "上海市普陀区财政局",
        "year": 2024,
        "stage": "final",
        "scope": "department",
        "tables": [
            ("income_expenditure_summary", "收入支出决算总表", 6, False),
            ("income_summary", "收入决算表", 8, False),
            ("expenditure_summary", "支出决算表", 10, False),
            ("fiscal_grant_summary", "财政拨款收入支出决算总表", 12, False),
            ("general_budget_expenditure", "一般公共预算财政拨款支出决算表", 15, False),
            ("general_budget_basic_expenditure", "一般公共预算财政拨款基本支出决算表", 16, False),
            ("three_public", "财政拨款“三公”经费支出决算表", 18, False),
            ("gov_fund_expenditure", "政府性基金预算财政拨款收入支出决算表", 19, True),
            ("state_capital_expenditure", "国有资本经营预算财政拨款收入支出决算表", 20, True),
        ],
        "expenditure_summary": {
            "unit": "万元",
            "page": 10,
            "pages": (10, 11),
            "total": "2940.05",
            "basic": "2336.91",
            "project": "603.14",
            "classes": [
                ("201", "一般公共服务支出", "2106.66", "1503.52", "603.14"),
                ("208", "社会保障和就业支出", "326.72", "326.72", None),
                ("210", "卫生健康支出", "60.99", "60.99", None),
                ("221", "住房保障支出", "445.69", "445.69", None),
            ],
        },
        "income_expenditure_summary": {
            "unit": "万元",
            "page": 7,
            "pages": (6, 7),
            "income_total": "2995.39",
            "expenditure_total": "2995.39",
            "income_this_year": "2946.25",
            "expenditure_this_year": "2940.05",
            "carried_forward_from_last_year": "49.14",
            "carried_forward_to_next_year": "55.34",
        },
        "fiscal_grant_summary": {
            "unit": "万元",
            "page": 13,
            "pages": (12, 13),
            "income_total": "2961.68",
            "expenditure_total": "2961.68",
            "income_this_year": "2940.05",
            "expenditure_this_year": "2940.05",
            "carried_forward_from_last_year": "21.63",
            "carried_forward_to_next_year": "21.63",
        },
        "general_budget_expenditure": {
            "unit": "万元",
            "page": 15,
            "total": "2940.05",
            "basic": "2336.91",
            "project": "603.14",
        },
        "basic_economic": {
            "unit": "万元",
            "page": 17,
            "pages": (16, 17),
            "total": None,
            "personnel": "2152.26",
            "public": "184.65",
        },
        "three_public": {
            "unit": "万元",
            "page": 18,
            "budget": {
                "total": "0.95",
                "abroad": None,
                "reception": "0.95",
                "vehicle_subtotal": None,
                "vehicle_purchase": None,
                "vehicle_operation": None,
            },
            "final": {
                "total": None,
                "abroad": None,
                "reception": None,
                "vehicle_subtotal": None,
                "vehicle_purchase": None,
                "vehicle_operation": None,
            },
            "total": None,
            "abroad": None,
            "reception": None,
            "vehicle_purchase": None,
            "vehicle_operation": None,
        },
        "admin_operating": {"unit": "万元", "page": 24, "total": "184.65"},
        "procurement": {"unit": "万元", "page": 24, "total": "251.25"},
        "notes": (
            "Tables span pages: 收入支出决算总表 pp. 6-7 (总计 on p7), 收入决算表 pp. 8-9, "
            "支出决算表 pp. 10-11, 财政拨款收入支出决算总表 pp. 12-13 (p14 blank), 基本支出 "
            "pp. 16-17 (人员/公用经费合计 on p17). Sparse ruling: in pdftotext -layout the "
            "支出决算表's basic/project figures sit on the line ABOVE their row, and in the "
            "基本支出决算表 the 决算数 values float between rows (read against 类 totals: "
            "301 2082.85 + 303 69.41 = 2152.26; 302 171.07 + 310 13.58 = 184.65). "
            "DOES NOT ADD UP: 支出决算表 (and 05表) Σ 类 = 2106.66 + 326.72 + 60.99 + 445.69 = "
            "2940.06 vs 合计 2940.05, Σ 类 basic 2336.92 vs 2336.91; the 收支总表 and 财政拨款"
            "总表 print 社会保障和就业支出 as 326.71 (so they add up) while 支出决算表/05表 "
            "print 326.72 (= its 项 rows 84.65 + 160.75 + 80.38 + 0.94); 收入决算表 Σ 类 "
            "2946.26 vs 合计 2946.25. Holds: 2946.25 + 49.14 = 2995.39 = 2940.05 + 55.34; "
            "2336.91 + 603.14 = 2940.05. 三公: only 预算数 printed (合计 0.95 = 公务接待费 "
            "0.95, positions checked with pdftotext -bbox); every 决算数 cell is blank "
            "(narrative p23: 决算 0.00)."
        ),
    },
    "shanghai-putuo_swwyh_2025_budget_dept.pdf": {
        "department": "上海市普陀区商务委员会",
        "year": 2025,
        "stage": "budget",
        "scope": "department",
        "tables": [
            ("income_expenditure_summary", "2025年部门财务收支预算总表", 9, False),
            ("income_summary", "2025年部门收入预算总表", 10, False),
            ("expenditure_summary", "2025年部门支出预算总表", 12, False),
            ("fiscal_grant_summary", "2025年部门财政拨款收支预算总表", 14, False),
            ("general_budget_expenditure", "2025年部门一般公共预算支出功能分类预算表", 15, False),
            ("gov_fund_expenditure", "2025年部门政府性基金预算支出功能分类预算表", 17, True),
            (
                "state_capital_expenditure",
                "2025年部门国有资本经营预算支出功能分类预算表",
                18,
                True,
            ),
            (
                "general_budget_basic_expenditure",
                "2025年部门一般公共预算基本支出部门预算经济分类预算表",
                19,
                False,
            ),
            ("three_public", "2025年部门“三公”经费和机关运行经费预算表", 21, False),
        ],
        "expenditure_summary": {
            "unit": "元",
            "page": 13,
            "pages": (12, 13),
            "total": "371514655.00",
            "basic": "19830655.00",
            "project": "351684000.00",
            "classes": [
                ("201", "一般公共服务支出", "21601733.00", "12291733.00", "9310000.00"),
                ("206", "科学技术支出", "17200000.00", None, "17200000.00"),
                ("208", "社会保障和就业支出", "3808085.00", "3808085.00", None),
                ("210", "卫生健康支出", "881803.00", "881803.00", None),
                ("215", "资源勘探工业信息等支出", "293810000.00", None, "293810000.00"),
                ("216", "商业服务业等支出", "31364000.00", None, "31364000.00"),
                ("221", "住房保障支出", "2849034.00", "2849034.00", None),
            ],
        },
        "income_expenditure_summary": {
            "unit": "元",
            "page": 9,
            "income_total": "371514655.00",
            "expenditure_total": "371514655.00",
        },
        "fiscal_grant_summary": {
            "unit": "元",
            "page": 14,
            "income_total": "371514655.00",
            "expenditure_total": "371514655.00",
        },
        "general_budget_expenditure": {
            "unit": "元",
            "page": 16,
            "pages": (15, 16),
            "total": "371514655.00",
            "basic": "19830655.00",
            "project": "351684000.00",
        },
        "basic_economic": {
            "unit": "元",
            "page": 20,
            "pages": (19, 20),
            "total": "19830655.00",
            "personnel": "18120593.00",
            "public": "1710062.00",
        },
        "three_public": {
            "unit": "万元",
            "page": 21,
            "total": "1.00",
            "abroad": None,
            "reception": "1.00",
            "vehicle_subtotal": None,
            "vehicle_purchase": None,
            "vehicle_operation": None,
        },
        "admin_operating": {"unit": "万元", "page": 21, "total": "171.01"},
        "procurement": {"unit": "万元", "page": 22, "total": "38.20"},
        "notes": (
            "Tables in 元 (two decimals) except the 三公/机关运行经费 table in 万元. Tables "
            "continue over pages with the header repeated (收入 pp. 10-11, 支出 pp. 12-13, 一般"
            "公共预算 pp. 15-16, 基本支出 pp. 19-20; totals on the second page). Empty fund "
            "tables carry a note (本表为空表). No 项目绩效目标表 printed (pp. 23-26 are project "
            "descriptions that say 详见单位的项目绩效目标表). All checks hold: Σ 类 = "
            "371514655.00 = 19830655.00 + 351684000.00; 18120593.00 + 1710062.00 = "
            "19830655.00; 三公 1.00 = 公务接待费 1.00 (position checked with -bbox)."
        ),
    },
    "shanghai_shenjij_2026_budget_unit.pdf": {
        "department": "上海市审计局",
        "year": 2026,
        "stage": "budget",
        "scope": "unit",
        "tables": [
            ("income_expenditure_summary", "2026年预算单位财务收支预算总表", 7, False),
            ("income_summary", "2026年预算单位收入预算总表", 8, False),
            ("expenditure_summary", "2026年预算单位支出预算总表", 10, False),
            ("fiscal_grant_summary", "2026年预算单位财政拨款收支预算总表", 12, False),
            (
                "general_budget_expenditure",
                "2026年预算单位一般公共预算支出功能分类预算表",
                13,
                False,
            ),
            ("gov_fund_expenditure", "2026年预算单位政府性基金预算支出功能分类预算表", 15, True),
            (
                "state_capital_expenditure",
                "2026年预算单位国有资本经营预算支出功能分类预算表",
                16,
                True,
            ),
            (
                "general_budget_basic_expenditure",
                "2026年预算单位一般公共预算基本支出部门预算经济分类预算表",
                17,
                False,
            ),
            ("three_public", "2026年单位“三公”经费和机关运行经费预算表", 19, False),
        ],
        "expenditure_summary": {
            "unit": "元",
            "page": 11,
            "pages": (10, 11),
            "total": "195774300",
            "basic": "175071300",
            "project": "20703000",
            "classes": [
                ("201", "一般公共服务支出", "134339860", "114479860", "19860000"),
                ("208", "社会保障和就业支出", "23992440", "23191440", "801000"),
                ("210", "卫生健康支出", "6142000", "6100000", "42000"),
                ("221", "住房保障支出", "31300000", "31300000", None),
            ],
        },
        "income_expenditure_summary": {
            "unit": "元",
            "page": 7,
            # the 收入总计 cell is printed blank (checked with pdftotext -bbox)
            "income_total": None,
            "expenditure_total": "195774300",
            "fiscal_grant_income": "195774300",
            "expenditure_basic_personnel": "153268740",
            "expenditure_basic_public": "21802560",
            "expenditure_project": "20703000",
        },
        "fiscal_grant_summary": {
            "unit": "元",
            "page": 12,
            "income_total": "195774300",
            "expenditure_total": "195774300",
        },
        "general_budget_expenditure": {
            "unit": "元",
            "page": 14,
            "pages": (13, 14),
            "total": "195774300",
            "basic": "175071300",
            "project": "20703000",
        },
        "basic_economic": {
            "unit": "元",
            "page": 18,
            "pages": (17, 18),
            "total": "175071300",
            "personnel": "153268740",
            "public": "21802560",
        },
        "three_public": {
            "unit": "万元",
            "page": 19,
            "total": "237.92",
            "abroad": "201.80",
            "reception": "8.12",
            "vehicle_subtotal": "28.00",
            "vehicle_purchase": None,
            "vehicle_operation": "28.00",
        },
        "admin_operating": {"unit": "万元", "page": 19, "total": "2180.26"},
        "procurement": {"unit": "万元", "page": 20, "total": "983.05"},
        "notes": (
            "A unit (单位) budget, not a department one. Tables in whole 元 (no decimals); "
            "the 三公/机关运行经费 table in 万元. DEFECT: the 财务收支预算总表 (p7) prints "
            "收入总计 blank; only 一、财政拨款收入 195774300 and 支出总计 195774300 are "
            "printed (so 收入总计 = 支出总计 can only be inferred). Its 支出 side splits 基本支出 "
            "into 人员经费/公用经费 columns. Empty 政府性基金/国有资本经营 tables (pp. 15-16) "
            "carry no note. All other checks hold: Σ 类 195774300 = 175071300 + 20703000; "
            "153268740 + 21802560 = 175071300; 三公 201.80 + 8.12 + 28.00 = 237.92 (they "
            "match 302 12 / 302 17 / 302 31 in 元). Oddity: narrative p20 says the unit owns "
            "0 vehicles, yet budgets 公务用车运行费 28.00 万元."
        ),
    },
    "shenzhen_mzj_2026_budget_dept.pdf": {
        "department": "深圳市民政局（本级）",
        "year": 2026,
        "stage": "budget",
        "scope": "department",
        "tables": [
            ("income_expenditure_summary", "表1 收支总表", 16, False),
            ("income_summary", "表2 收入总表", 19, False),
            ("expenditure_summary", "表3 支出总表", 20, False),
            ("basic_expenditure_all_funds", "表4 基本支出总表", 23, False),
            ("project_expenditure_all_funds", "表5 项目支出总表", 25, False),
            ("fiscal_grant_summary", "表6 财政拨款收支总表", 26, False),
            ("general_budget_expenditure", "表7 一般公共预算支出表（按功能分类）", 28, False),
            ("general_budget_economic", "表8 一般公共预算支出表（按经济分类）", 30, False),
            ("three_public", "表9 财政拨款“三公”经费支出表", 33, False),
            ("gov_fund_expenditure", "表10 政府性基金预算支出表", 34, False),
            ("state_capital_expenditure", "表11 国有资本经营预算支出表", 35, True),
        ],
        "expenditure_summary": {
            "unit": "万元",
            "page": 20,
            "pages": (20, 22),
            "total": "28283.46",
            "basic": "5581.69",
            "project": "22701.77",
            "classes": [
                ("205", "教育支出", "12.23", "0.00", "12.23"),
                ("208", "社会保障和就业支出", "7366.68", "4013.29", "3353.40"),
                ("210", "卫生健康支出", "117.60", "117.60", "0.00"),
                ("221", "住房保障支出", "1450.81", "1450.81", "0.00"),
                ("229", "其他支出", "19336.15", "0.00", "19336.15"),
            ],
        },
        "income_expenditure_summary": {
            "unit": "万元",
            "page": 18,
            "pages": (16, 18),
            "income_total": "28283.46",
            "expenditure_total": "28283.46",
            "income_this_year": "28097.48",
            "expenditure_this_year": "28283.46",
            "carried_forward_from_last_year": "185.98",
            "carried_forward_to_next_year": "0.00",
        },
        "fiscal_grant_summary": {
            "unit": "万元",
            "page": 27,
            "pages": (26, 27),
            "income_total": "28283.46",
            "expenditure_total": "28283.46",
        },
        "general_budget_expenditure": {
            "unit": "万元",
            "page": 28,
            "pages": (28, 29),
            "total": "8947.31",
            "basic": "5581.69",
            "project": "3365.62",
        },
        "gov_fund_expenditure": {
            "unit": "万元",
            "page": 34,
            "total": "19336.15",
            "basic": "0.00",
            "project": "19336.15",
        },
        "basic_economic": {
            # no 一般公共预算基本支出表: read from 表4 基本支出总表 (all funds; every yuan of it
            # is 一般公共预算拨款), which has no 人员/公用 columns: 类 rows
            "unit": "万元",
            "page": 23,
            "pages": (23, 24),
            "total": "5581.69",
            "classes": [
                ("301", "工资福利支出", "3838.92"),
                ("302", "商品和服务支出", "976.21"),
                ("303", "对个人和家庭的补助", "766.57"),
            ],
        },
        "three_public": {
            "unit": "万元",
            "page": 33,
            "total": "66.00",
            "abroad": "46.80",
            "reception": "15.00",
            "vehicle_subtotal": "4.20",
            "vehicle_purchase": "0.00",
            "vehicle_operation": "4.20",
            "previous_year": {
                "total": "33.00",
                "abroad": "0.00",
                "reception": "15.00",
                "vehicle_subtotal": "18.00",
                "vehicle_purchase": "12.00",
                "vehicle_operation": "6.00",
            },
        },
        "admin_operating": {"unit": "万元", "page": 12, "total": "976.21"},
        "procurement": {"unit": "万元", "page": 20, "total": "2469.28"},
        "notes": (
            "Department alone (本级). Multi-page tables repeat title and header on every page "
            "(表1 pp. 16-18, 表3 pp. 20-22, 表4 pp. 23-24, 表6 pp. 26-27, 表7 pp. 28-29, 表8 "
            "pp. 30-32); 表3 also carries 政府采购 columns (小计 2469.28). 三公 table has rows "
            "2025年 / 2026年 / 增减变化金额 and columns per fund; figures are the 2026 "
            "一般公共预算 ones. DOES NOT ADD UP (rounding, the note admits 尾数误差): 表3 row 208 "
            "4013.29 + 3353.40 = 7366.69 vs 7366.68 (款 20802: 3222.33 + 3353.40 = 6575.73 vs "
            "6575.72; its 项 rows sum 6575.73); Σ 类 totals 28283.47 vs 合计 28283.46, Σ 类 "
            "basic 5581.70 vs 5581.69, Σ 类 project 22701.78 vs 22701.77; 表7 Σ 类 8947.32 vs "
            "8947.31 and project 3365.63 vs 3365.62; 表4/表8 basic 3838.92 + 976.21 + 766.57 = "
            "5581.70 vs 5581.69; 表8 Σ 类 8947.32 vs 8947.31. Holds: 28097.48 + 185.98 = "
            "28283.46; 8761.33 + 19336.15 = 28097.48; 三公 46.80 + 15.00 + 4.20 = 66.00."
        ),
    },
    "suzhou_shenjij_2026_budget_dept.pdf": {
        "department": "苏州市审计局",
        "year": 2026,
        "stage": "budget",
        "scope": "department",
        "tables": [
            ("income_expenditure_summary", "公开01表 收支总表", 9, False),
            ("income_summary", "公开02表 收入总表", 10, False),
            ("expenditure_summary", "公开03表 支出总表", 11, False),
            ("fiscal_grant_summary", "公开04表 财政拨款收支总表", 12, False),
            ("fiscal_grant_expenditure", "公开05表 财政拨款支出表（功能科目）", 14, False),
            (
                "fiscal_grant_basic_expenditure",
                "公开06表 财政拨款基本支出表（经济科目）",
                15,
                False,
            ),
            ("general_budget_expenditure", "公开07表 一般公共预算支出表", 16, False),
            ("general_budget_basic_expenditure", "公开08表 一般公共预算基本支出表", 17, False),
            (
                "three_public",
                "公开09表 一般公共预算“三公”经费、会议费、培训费支出表",
                18,
                False,
            ),
            ("gov_fund_expenditure", "公开10表 政府性基金预算支出表", 19, True),
            ("state_capital_expenditure", "公开11表 国有资本经营预算支出预算表", 20, True),
            ("admin_operating", "公开12表 一般公共预算机关运行经费支出预算表", 21, False),
            ("procurement", "公开13表 政府采购支出表", 22, False),
        ],
        "expenditure_summary": {
            "unit": "万元",
            "page": 11,
            "total": "4651.67",
            "basic": "4312.17",
            "project": "339.50",
            "classes": [
                ("201", "一般公共服务支出", "2906.63", "2567.13", "339.50"),
                ("208", "社会保障和就业支出", "442.09", "442.09", None),
                ("221", "住房保障支出", "1302.95", "1302.95", None),
            ],
        },
        "income_expenditure_summary": {
            "unit": "万元",
            "page": 9,
            "income_total": "4651.67",
            "expenditure_total": "4651.67",
            "income_this_year": "4651.67",
            "expenditure_this_year": "4651.67",
            "carried_forward_from_last_year": None,
            "carried_forward_to_next_year": None,
        },
        "fiscal_grant_summary": {
            "unit": "万元",
            "page": 13,
            "pages": (12, 13),
            "income_total": "4651.67",
            "expenditure_total": "4651.67",
        },
        "general_budget_expenditure": {
            "unit": "万元",
            "page": 16,
            "total": "4651.67",
            "basic": "4312.17",
            "project": "339.50",
        },
        "basic_economic": {
            "unit": "万元",
            "page": 17,
            "total": "4312.17",
            "personnel": "3916.57",
            "public": "395.60",
        },
        "three_public": {
            "unit": "万元",
            "page": 18,
            "total": "10.00",
            "abroad": "0.00",
            "reception": "10.00",
            "vehicle_subtotal": "0.00",
            "vehicle_purchase": "0.00",
            "vehicle_operation": "0.00",
            "meeting": "10.00",
            "training": "43.00",
        },
        "admin_operating": {"unit": "万元", "page": 21, "total": "395.60"},
        "procurement": {"unit": "万元", "page": 22, "total": "188.50"},
        "notes": (
            "Every page is headed '苏州市审计局 2026 年度部门预算公开' before the table number "
            "and title. 财政拨款收支总表 spans pp. 12-13 (总计 on p13). All checks hold: Σ 类 "
            "4651.67 = 4312.17 + 339.50; 3916.57 + 395.60 = 4312.17 (301 3584.70 + 303 331.87 "
            "= 3916.57); 三公 0.00 + 0.00 + 10.00 = 10.00 (会议费 10.00 and 培训费 43.00 are "
            "outside the 三公 total)."
        ),
    },
    "xian_qxj_2022_budget_dept.pdf": {
        "department": "西安市气象局",
        "year": 2022,
        "stage": "budget",
        "scope": "department",
        "tables": [
            ("table_of_contents", "目录 (报表名称 / 是否空表 / 公开空表理由)", 17, False),
            ("income_expenditure_summary", "表1 2022年部门综合预算收支总表", 18, False),
            ("income_summary", "表2 2022年部门综合预算收入总表", 19, False),
            ("expenditure_summary", "表3 2022年部门综合预算支出总表", 20, False),
            ("fiscal_grant_summary", "表4 2022年部门综合预算财政拨款收支总表", 21, False),
            (
                "general_budget_expenditure",
                "表5 2022年部门综合预算一般公共预算支出明细表（按功能科目分）",
                22,
                False,
            ),
            (
                "general_budget_economic",
                "表6 2022年部门综合预算一般公共预算支出明细表（按经济分类科目分）",
                23,
                False,
            ),
            (
                "general_budget_basic_functional",
                "表7 2022年部门综合预算一般公共预算基本支出明细表（按功能科目分）",
                24,
                False,
            ),
            (
                "general_budget_basic_expenditure",
                "表8 2022年部门综合预算一般公共预算基本支出明细表"
                "（按支出经济分类科目-不含上年结转）",
                25,
                False,
            ),
            (
                "gov_fund_expenditure",
                "表9 2022年部门综合预算政府性基金收支表（不含上年结转）",
                26,
                True,
            ),
            (
                "project_expenditure_all_funds",
                "表10 2022年部门综合预算专项业务经费支出表",
                27,
                False,
            ),
            ("carryover_expenditure", "表11 2022部门综合预算财政拨款结转资金支出表", 28, True),
            (
                "procurement",
                "表12 2022年部门综合预算政府采购（资产配置、购买服务）预算表（不含上年结转）",
                29,
                False,
            ),
            (
                "three_public",
                "表13 2022年部门综合预算一般公共预算拨款“三公”经费、会议费、培训费表"
                "（不含上年结转）",
                30,
                False,
            ),
            ("performance_targets", "表14 2022年部门预算专项业务经费绩效目标表", 31, False),
            ("department_performance_targets", "表15 2022年部门整体支出绩效目标表", 32, False),
            ("special_fund_performance_targets", "表16 2022年专项资金总体绩效目标表", 33, True),
        ],
        "expenditure_summary": {
            "unit": "元",
            "page": 20,
            # 表3 is laid out by unit and fund source (no 基本/项目 columns, no function
            # rows): 合计 18999011.66 = 234001 西安市气象局 17159700 + 234002 西安市人工影响
            # 天气服务保障中心 1839311.66. basic/project are the 表1 (p18) economic totals
            # 人员经费和公用经费支出 / 专项业务经费支出.
            "total": "18999011.66",
            "basic": "1839311.66",
            "project": "17159700",
            "units": [
                ("234001", "西安市气象局", "17159700"),
                ("234002", "西安市人工影响天气服务保障中心", "1839311.66"),
            ],
            # 类 rows from 表5 (p22): basic = 人员经费支出 + 公用经费支出, project = 专项业务
            # 经费支出 (all money is 一般公共预算拨款, so 表5 covers the whole budget)
            "classes_page": 22,
            "classes": [
                ("208", "社会保障和就业支出", "44699.18", "44699.18", "0"),
                ("210", "卫生健康支出", "55279.2", "55279.2", "0"),
                ("220", "自然资源海洋气象等支出", "18803323.32", "1643623.32", "17159700"),
                ("221", "住房保障支出", "95709.96", "95709.96", "0"),
            ],
        },
        "income_expenditure_summary": {
            "unit": "元",
            "page": 18,
            "income_total": "18999011.66",
            "expenditure_total": "18999011.66",
            "income_this_year": "18999011.66",
            "expenditure_this_year": "18999011.66",
            "carried_forward_from_last_year": "0.00",
            "carried_forward_to_next_year": "0.00",
        },
        "fiscal_grant_summary": {
            "unit": "元",
            "page": 21,
            "income_total": "18999011.66",
            "expenditure_total": "18999011.66",
        },
        "general_budget_expenditure": {
            "unit": "元",
            "page": 22,
            "total": "18999011.66",
            "basic_personnel": "1732620.66",
            "basic_public": "106691",
            "project": "17159700",
        },
        "basic_economic": {
            "unit": "元",
            "page": 25,
            "total": "1839311.66",
            "personnel": "1732620.66",
            "public": "106691",
        },
        "three_public": {
            "unit": "元",
            "page": 30,
            # 2022 columns: every cell printed 0
            "total": "0",
            "abroad": "0",
            "reception": "0",
            "vehicle_subtotal": "0",
            "vehicle_purchase": "0",
            "vehicle_operation": "0",
            "meeting": "0",
            "training": "0",
            "total_with_meeting_training": "0",
            "previous_year": {
                "total": "2720",
                "total_with_meeting_training": "12240",
                "abroad": "0",
                "reception": "2720",
                "vehicle_subtotal": "0",
                "vehicle_purchase": "0",
                "vehicle_operation": "0",
                "meeting": "2380",
                "training": "7140",
            },
            "change": {"total_with_meeting_training": "-12240", "total": "-2720"},
        },
        "admin_operating": {"unit": "万元", "page": 14, "total": "5.8"},
        "procurement": {"unit": "元", "page": 29, "total": "7007500"},
        "notes": (
            "Tables in 元 with the printed precision varying row by row ('55279.2', '106691', "
            "'17159700', '18999011.66'); narrative in 万元. 表1/表4 print four side-by-side "
            "支出 blocks (功能大类 / 部门经济 / 政府经济), each totalling 18999011.66. Σ 类 "
            "44699.18 + 55279.2 + 18803323.32 + 95709.96 = 18999011.66; 1839311.66 + 17159700 "
            "= 18999011.66; 1732620.66 + 106691 = 1839311.66; all hold. INCONSISTENT: the "
            "三公 table (表13 p30) prints all-zero 2022 columns and puts the figures in the "
            "2021 columns (三公 2720 = 公务接待 2720; 会议费 2380; 培训费 7140; 合计 12240), "
            "增减 -12240; but the narrative (p13) says the 2022 三公 budget is 0.27 万元 with "
            "会议费 0.24 and 培训费 0.71 万元, unchanged from last year, i.e. the 2021 column's "
            "figures. The 三公 table is 39 columns wide; columns right of ~300 characters "
            "are read from the 合计 row only. Table of contents (p17) flags 表9, 表11, 表16 "
            "as empty (不涉及)."
        ),
    },
    "xian_sjj_2026_budget_dept.pdf": {
        "department": "西安市审计局（汇总）",
        "year": 2026,
        "stage": "budget",
        "scope": "department",
        "tables": [
            ("table_of_contents", "报表目录 (报表名称 / 是否空表 / 表格为空的理由)", 21, False),
            ("income_expenditure_summary", "表1 部门综合预算收支总表", 22, False),
            ("income_summary", "表2 部门综合预算收入总表", 23, False),
            ("expenditure_summary", "表3 部门综合预算支出总表", 24, False),
            ("fiscal_grant_summary", "表4 部门综合预算财政拨款收支总表", 25, False),
            (
                "general_budget_expenditure",
                "表5 部门综合预算一般公共预算支出明细表（按支出功能分类科目）",
                26,
                False,
            ),
            (
                "general_budget_economic",
                "表6 部门综合预算一般公共预算支出明细表（按支出经济分类科目）",
                27,
                False,
            ),
            (
                "general_budget_basic_functional",
                "表7 部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）",
                29,
                False,
            ),
            (
                "general_budget_basic_expenditure",
                "表8 部门综合预算一般公共预算基本支出明细表（按支出经济分类科目）",
                30,
                False,
            ),
            ("gov_fund_expenditure", "表9 部门综合预算政府性基金收支表", 31, True),
            ("project_expenditure_all_funds", "表10 部门综合预算专项业务经费支出表", 32, False),
            ("carryover_expenditure", "表11 部门综合预算财政拨款上年结转资金支出表", 33, True),
            ("procurement", "表12 部门综合预算政府采购（资产配置、购买服务）预算表", 34, False),
            (
                "three_public",
                "表13 部门综合预算一般公共预算拨款“三公”经费及会议费、培训费支出预算表",
                35,
                False,
            ),
            ("performance_targets", "表14 部门专项业务经费绩效目标表", 36, False),
            ("department_performance_targets", "表15 部门整体支出绩效目标表", 42, False),
            ("special_fund_performance_targets", "表16 专项资金总体绩效目标表", 44, True),
        ],
        "expenditure_summary": {
            "unit": "元",
            "page": 24,
            # 表3 is laid out by unit and fund source (一般公共预算拨款 40052896.08, 上年实户
            # 资金余额 981827.50, 其他收入 1000000.00), with no 基本/项目 columns and no
            # function rows. basic/project are 表1's (p22) 人员经费和公用经费支出 / 专项业务
            # 经费支出; the 类 totals are 表1's 功能分类 column, which prints no basic/project
            # split (表5 gives one for the 一般公共预算 part only).
            "total": "42034723.58",
            "basic": "33544216.08",
            "project": "8490507.50",
            "classes_page": 22,
            "classes": [
                ("201", "一般公共服务支出", "31722917.00", None, None),
                ("205", "教育支出", "210000.00", None, None),
                ("208", "社会保障和就业支出", "4635589.86", None, None),
                ("210", "卫生健康支出", "1862209.16", None, None),
                ("221", "住房保障支出", "3604007.56", None, None),
            ],
        },
        "income_expenditure_summary": {
            "unit": "元",
            "page": 22,
            "income_total": "42034723.58",
            "expenditure_total": "42034723.58",
            "income_this_year": "41052896.08",
            "expenditure_this_year": "42034723.58",
            "carried_forward_from_last_year": None,
            "unused_cash_balance_last_year": "981827.50",
            "carried_forward_to_next_year": None,
        },
        "fiscal_grant_summary": {
            "unit": "元",
            "page": 25,
            "income_total": "40052896.08",
            "expenditure_total": "40052896.08",
        },
        "general_budget_expenditure": {
            "unit": "元",
            "page": 26,
            "total": "40052896.08",
            "basic_personnel": "31558364.40",
            "basic_public": "1985851.68",
            "project": "6508680.00",
            # (code, name, total, 人员经费支出 + 公用经费支出, 专项业务经费支出)
            "classes": [
                ("201", "一般公共服务支出", "29741089.50", "23382409.50", "6358680.00"),
                ("205", "教育支出", "210000.00", "60000.00", "150000.00"),
                ("208", "社会保障和就业支出", "4635589.86", "4635589.86", None),
                ("210", "卫生健康支出", "1862209.16", "1862209.16", None),
                ("221", "住房保障支出", "3604007.56", "3604007.56", None),
            ],
        },
        "basic_economic": {
            "unit": "元",
            "page": 30,
            "total": "33544216.08",
            "personnel": "31558364.40",
            "public": "1985851.68",
        },
        "three_public": {
            "unit": "元",
            "page": 35,
            "total": "102000.00",
            "total_with_meeting_training": "332000.00",
            "abroad": None,
            "reception": "20000.00",
            "vehicle_subtotal": "82000.00",
            "vehicle_purchase": None,
            "vehicle_operation": "82000.00",
            "meeting": "20000.00",
            "training": "210000.00",
            "previous_year": {
                "total": "120000.00",
                "total_with_meeting_training": "526000.00",
                "abroad": None,
                "reception": "20000.00",
                "vehicle_subtotal": "100000.00",
                "vehicle_purchase": None,
                "vehicle_operation": "100000.00",
                "meeting": "20000.00",
                "training": "386000.00",
            },
        },
        "admin_operating": {"unit": "万元", "page": 19, "total": "198.59"},
        "procurement": {"unit": "元", "page": 34, "total": "4020000.00"},
        "notes": (
            "Consolidated (汇总) department: one unit 117001. Tables in 元, narrative in 万元 "
            "(三公 10.20, 机关运行经费 198.59, 政府采购 402.00 - all agree with the tables). "
            "表1/表4 print four side-by-side blocks (收入 / 功能大类 / 部门经济 / 政府经济). "
            "All checks hold: income 40052896.08 + 1000000.00 = 41052896.08, + 上年实户资金"
            "余额 981827.50 = 42034723.58 = 支出总计; Σ 类 = 42034723.58 = 33544216.08 + "
            "8490507.50; 表5 Σ 类 and columns add up (31558364.40 + 1985851.68 + 6508680.00 "
            "= 40052896.08); 三公 20000 + 82000 = 102000, + 会议 20000 + 培训 210000 = "
            "332000. Oddity: 表6/表8 count 其他交通费用 1169532.00 as 人员经费支出. The 三公 "
            "table is ~300 characters wide in pdftotext (上年 / 当年 / 增减变化 blocks)."
        ),
    },
    "yantai_tjj_2026_budget_dept.pdf": {
        "department": "烟台市统计局",
        "year": 2026,
        "stage": "budget",
        "scope": "department",
        "tables": [
            ("income_expenditure_summary", "公开表1 收支总体情况表", 7, False),
            ("income_summary", "公开表2 收入总体情况表", 8, False),
            ("expenditure_summary", "公开表3 支出总体情况表", 10, False),
            ("fiscal_grant_summary", "公开表4 财政拨款收支总体情况表", 12, False),
            ("general_budget_expenditure", "公开表5 一般公共预算支出情况表", 14, False),
            ("general_budget_basic_expenditure", "公开表6 一般公共预算基本支出情况表", 16, False),
            ("three_public", "公开表7 一般公共预算“三公”经费支出情况表", 18, False),
            ("gov_fund_expenditure", "公开表8 政府性基金预算支出情况表", 19, True),
            ("state_capital_expenditure", "公开表9 国有资本经营预算支出情况表", 20, True),
            ("basic_expenditure_all_funds", "公开表10 基本支出预算情况表", 21, False),
            ("project_expenditure_all_funds", "公开表11 项目支出预算情况表", 24, False),
            ("procurement", "公开表12 政府采购预算表", 25, False),
            ("performance_targets", "政策和项目预算绩效目标表", 30, False),
        ],
        "expenditure_summary": {
            "unit": "万元",
            "page": 10,
            "pages": (10, 11),
            "total": "2123.11",
            "basic": "1704.11",
            "project": "419.00",
            "carried_to_next_year": None,
            "classes": [
                ("201", "一般公共服务支出", "1506.40", "1180.40", "326.00"),
                ("205", "教育支出", "96.86", "3.86", "93.00"),
                ("208", "社会保障和就业支出", "292.73", "292.73", None),
                ("210", "卫生健康支出", "102.63", "102.63", None),
                ("221", "住房保障支出", "124.48", "124.48", None),
            ],
        },
        "income_expenditure_summary": {
            "unit": "万元",
            "page": 7,
            "income_total": "2123.11",
            "expenditure_total": "2123.11",
            "income_this_year": "2123.11",
            "expenditure_this_year": "2123.11",
            "carried_forward_from_last_year": None,
            "carried_forward_to_next_year": None,
        },
        "fiscal_grant_summary": {
            "unit": "万元",
            "page": 13,
            "pages": (12, 13),
            "income_total": "2123.11",
            "expenditure_total": "2123.11",
        },
        "general_budget_expenditure": {
            "unit": "万元",
            "page": 14,
            "pages": (14, 15),
            "total": "2123.11",
            "basic": "1704.11",
            "basic_personnel": "1573.37",
            "basic_public": "130.75",
            "project": "419.00",
        },
        "basic_economic": {
            "unit": "万元",
            "page": 16,
            "pages": (16, 17),
            "total": "1704.12",
            "personnel": "1573.37",
            "public": "130.75",
        },
        "three_public": {
            "unit": "万元",
            "page": 18,
            "total": "14.30",
            "abroad": None,
            "reception": "1.80",
            "vehicle_subtotal": "12.50",
            "vehicle_purchase": None,
            "vehicle_operation": "12.50",
            "previous_year": {
                "total": "14.30",
                "abroad": None,
                "reception": "1.80",
                "vehicle_subtotal": "12.50",
                "vehicle_purchase": None,
                "vehicle_operation": "12.50",
            },
        },
        "admin_operating": {"unit": "万元", "page": 28, "total": "92.4"},
        "procurement": {"unit": "万元", "page": 25, "total": "49.33"},
        "notes": (
            "Most table pages carry a /Rotate; pdftotext -layout reads them upright. Tables "
            "continue on the next page with title and header repeated (公开表2 pp. 8-9, 3 pp. "
            "10-11, 4 pp. 12-13, 5 pp. 14-15, 6 pp. 16-17, 10 pp. 21-23). Codes are printed "
            "split as 类 / 款 / 项 columns ('201', '05', '01'). DOES NOT ADD UP (0.01-0.02 "
            "rounding; no 尾差 note in the document): 公开表3 Σ 类 totals 2123.10 vs 合计 "
            "2123.11 and Σ 类 basic 1704.10 vs 1704.11; row 201 1506.40 vs its 项 rows 1506.39 "
            "(basic 1180.40 vs 588.75 + 591.64 = 1180.39). 公开表5 合计 基本 小计 1704.11 but "
            "人员支出 1573.37 + 日常公用支出 130.75 = 1704.12, and Σ 类 人员支出 1573.35. "
            "公开表6 prints 合计 1704.12 (公开表3/5/10 print 1704.11); its 类 rows sum to "
            "1704.10 (人员 705.28 + 746.73 + 121.35 = 1573.36 vs 1573.37; 公用 92.40 + 38.34 "
            "= 130.74 vs 130.75), and the 501 items sum 705.29 vs 705.28. Holds: 1704.11 + "
            "419.00 = 2123.11; 三公 12.50 + 1.80 = 14.30 (2025 and 2026 identical). p29 is "
            "only the heading （二）部门主管专项资金的绩效目标表 with nothing under it."
        ),
    },
}
