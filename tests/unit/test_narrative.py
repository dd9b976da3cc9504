"""Tests of helpers.narrative: unit tests on inline blocks, then the real documents."""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.money import AMOUNT_DTYPE
from helpers.narrative import (
    FIGURE_COLUMNS,
    FIGURES,
    ITEM_COLUMNS,
    SECTION_COLUMNS,
    SECTIONS,
    Narrative,
    classify_heading,
    extract_narrative,
    normalize_text,
    split_paragraph_heading,
)
from helpers.raw import Block, Cell, Grid, Heading, Paragraph
from helpers.readers.pdf import read_pdf
from helpers.readers.tika_text import read_tika_text

from conftest import CORPUS_DIR as CORPUS

SEED = CORPUS / "seed" / "000_673e72c434b14bd5.txt"
SHANGHAI = CORPUS / "shanghai"
W = Decimal(10000)  # yuan per 万元


def wan(text: str) -> Decimal:
    return (Decimal(text) * W).quantize(Decimal("0.01"))


def one(frame: pd.DataFrame, **where: object) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    rows = frame[mask]
    assert len(rows) == 1, f"{where}: {len(rows)} rows\n{frame}"
    return rows.iloc[0]


# ------------------------------------------------------------------ test-local readers


_BOOKMARK = re.compile(r"^\s*\[bookmark:[^\]]*\]\s*(.*)$")


def seed_blocks(path: Path) -> list[Block]:
    """Blocks of the Tika export: bookmark lines are headings, tab lines cells."""
    blocks: list[Block] = []
    grid: Grid | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if line.startswith("\t"):
            if grid is None:
                grid = Grid(title="", line=number)
                blocks.append(grid)
            grid.rows.append([Cell(line.strip(), line=number)])
            continue
        if not line.strip():
            continue
        grid = None
        bookmark = _BOOKMARK.match(line)
        if bookmark:
            blocks.append(Heading(bookmark.group(1).strip(), line=number))
        else:
            blocks.append(Paragraph(line.strip(), line=number))
    return blocks


def pdf_blocks(path: Path) -> list[Block]:
    """Blocks of ``pdftotext -layout``: one paragraph per printed line.

    Lines with wide gaps are table rows (a grid each); short, deeply indented lines are
    centred titles (headings).
    """
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    blocks: list[Block] = []
    for page, page_text in enumerate(text.split("\f"), 1):
        for line in page_text.splitlines():
            stripped = line.strip()
            if not stripped:
                continue
            indent = len(line) - len(line.lstrip())
            if re.search(r"\S\s{3,}\S", stripped):
                blocks.append(Grid(title="", rows=[[Cell(stripped, page=page)]], page=page))
            elif indent >= 8 and len(stripped) <= 40:
                blocks.append(Heading(stripped, page=page))
            else:
                blocks.append(Paragraph(stripped, page=page))
    return blocks


def coarsen(blocks: list[Block]) -> list[Block]:
    """Merge consecutive paragraphs into one multi-line paragraph (a coarser reader)."""
    merged: list[Block] = []
    for block in blocks:
        last = merged[-1] if merged else None
        if isinstance(block, Paragraph) and isinstance(last, Paragraph):
            merged[-1] = Paragraph(f"{last.text}\n{block.text}", page=last.page, line=last.line)
        else:
            merged.append(block)
    return merged


# ------------------------------------------------------------------ unit tests


def test_normalize_text_drops_layout_whitespace() -> None:
    assert normalize_text("增加77.70 %，下属 5 家") == "增加77.70%，下属5家"
    assert normalize_text("比2023年预算减少\n876.75万元") == "比2023年预算减少876.75万元"
    assert normalize_text("Apache  Tika\n导出") == "Apache Tika导出"
    assert normalize_text("１２．５万元") == "12.5万元"


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("一、部门职责及机构设置情况", "duties"),
        ("上海市普陀区人民政府万里街道办事处（部门）主要职能", "duties"),
        ("上海市普陀区人民政府万里街道办事处（部门）机构设置", "institutions"),
        ("2024年部门预算编制说明", "overview"),
        ("二、部门预算安排的总体情况", "overview"),
        ("三、机关运行经费安排情况", "admin_operating"),
        ("四、财政拨款“三公”经费预算情况及增减变化原因", "three_public"),
        ("五、预算绩效信息", "performance"),
        ("六、政府采购预算情况", "procurement"),
        ("七、国有资产信息", "assets"),
        ("八、名词解释", "glossary"),
        ("九、其他需要说明的事项", "other"),
        ("部门预算财政拨款“三公”经费支出表", "other"),
        ("其他相关情况说明", "other"),
    ],
)
def test_classify_heading(heading: str, key: str) -> None:
    assert classify_heading(heading) == key


def test_paragraph_that_starts_with_a_subheading_is_split() -> None:
    split = split_paragraph_heading(
        "一、2024年“三公”经费预算情况说明 2024年“三公”经费预算数为47.91万元。"
    )
    assert split == (
        "three_public", "一、2024年“三公”经费预算情况说明", "2024年“三公”经费预算数为47.91万元。"
    )
    assert split_paragraph_heading("五、国有资产占有使用情况（增加内容）")[0] == "assets"
    assert split_paragraph_heading("一、加强党的建设。落实基层党建责任制") is None
    assert split_paragraph_heading("七、绩效目标") is None


def test_vocabularies_have_labels() -> None:
    assert all(len(labels) == 2 for labels in FIGURES.values())
    assert set(SECTIONS) >= {"duties", "overview", "three_public", "other"}


def test_empty_input_gives_empty_frames_with_columns() -> None:
    narrative = extract_narrative([])
    assert list(narrative.sections.columns) == SECTION_COLUMNS
    assert list(narrative.figures.columns) == FIGURE_COLUMNS
    assert list(narrative.spending_items.columns) == ITEM_COLUMNS
    assert narrative.figures["amount_yuan"].dtype == AMOUNT_DTYPE
    assert narrative.anomalies == []


def test_sentence_wrapped_over_blocks_is_joined_and_located_at_its_start() -> None:
    blocks = [
        Heading("2024年部门预算编制说明", page=6),
        Paragraph("2024年，某街道收入预算15621.11万元，其中：财政拨款收入15621.11万元，比2023年预算减少",
                  page=6),
        Paragraph("876.75万元；事业收入0.00万元。", page=7),
    ]
    figures = extract_narrative(blocks).figures
    grant = one(figures, figure="fiscal_grant_income")
    assert grant["amount_yuan"] == wan("15621.11")
    assert (grant["base_year"], grant["direction"]) == (2023, "decrease")
    assert grant["change_yuan"] == wan("876.75")
    assert grant["page"] == 6
    assert one(figures, figure="business_income")["page"] == 7


def test_change_sentence_without_amount_refers_to_head_of_previous_sentence() -> None:
    blocks = [
        Heading("“三公”经费"),
        Paragraph("“三公”经费预算安排14.16万元，其中因公出国（境）费0万元；公务接待费0.64万元。"
                  "与2022年相比无增加。"),
        Paragraph("（三）公务接待费1.35万元。比2023年预算持平，主要原因是。"),
    ]
    figures = extract_narrative(blocks).figures
    total = one(figures, figure="three_public_total")
    assert (total["base_year"], total["direction"]) == (2022, "flat")
    reception = figures[figures["figure"] == "three_public_reception"]
    assert pd.isna(reception.iloc[0]["direction"])
    assert reception.iloc[1]["direction"] == "flat"
    assert reception.iloc[1]["reason"] == ""


def test_unreadable_amount_is_an_anomaly_and_thresholds_are_not_amounts() -> None:
    blocks = [
        Heading("三、政府采购预算情况", line=1),
        Paragraph("本部门政府采购预算XX万元。", line=2),
        Heading("五、国有资产占有使用情况", line=3),
        Paragraph("共有车辆7辆；单价100万元（含）以上设备（不含车辆）0台（套）。", line=4),
    ]
    narrative = extract_narrative(blocks, file="x.txt")
    [anomaly] = narrative.anomalies
    assert (anomaly.kind, anomaly.file, anomaly.line) == ("placeholder", "x.txt", 2)
    assert narrative.figures["amount_yuan"].isna().all()
    assert one(narrative.figures, figure="assets_vehicle_count")["count"] == 7


def test_grid_ends_a_run_but_not_the_section() -> None:
    blocks = [
        Heading("六、政府采购预算情况", line=1),
        Paragraph("安排政府采购预算59.50万元", line=2),
        Grid(title="部门政府采购预算", rows=[[Cell("1")]], line=3),
        Paragraph("。", line=9),
    ]
    narrative = extract_narrative(blocks)
    sentence = "安排政府采购预算59.50万元"
    assert one(narrative.figures, figure="procurement_total")["sentence"] == sentence
    assert one(narrative.sections, section="procurement")["text"] == f"{sentence}\n。"


def test_duplicate_paragraph_reported_at_the_repeat() -> None:
    text = "（一）承担全面依法治区重大问题的政策研究。组织协调有关方面提出规划建议。"
    blocks = [Heading("部门职责"), Paragraph(text, line=5), Paragraph("短", line=6),
              Paragraph(text, line=7)]
    [anomaly] = extract_narrative(blocks).anomalies
    assert (anomaly.kind, anomaly.line) == ("duplicate_paragraph", 7)


@given(
    total=st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
    item=st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
    cut=st.integers(min_value=1, max_value=40),
)
def test_amounts_are_exact_whatever_the_wrapping(total: Decimal, item: Decimal, cut: int) -> None:
    text = f"机关运行经费安排支出{total}万元，办公费{item}万元。"
    cut = min(cut, len(text) - 1)
    for paragraphs in ([text], [text[:cut], text[cut:]]):
        blocks: list[Block] = [Heading("三、机关运行经费安排情况")]
        blocks += [Paragraph(part) for part in paragraphs]
        figures = extract_narrative(blocks).figures
        assert list(figures["figure"]) == ["admin_operating_total", "admin_operating_item"]
        assert list(figures["amount_yuan"]) == [total * W, item * W]
        assert figures["item_name"].iloc[1] == "办公费"


# ------------------------------------------------------------------ real documents


def _skip_without(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"corpus not found: {path}")


@pytest.fixture(scope="module")
def seed() -> Narrative:
    _skip_without(SEED)
    return extract_narrative(seed_blocks(SEED), file=SEED.name)


def _shanghai(name: str) -> list[Block]:
    path = SHANGHAI / f"{name}.pdf"
    _skip_without(path)
    return pdf_blocks(path)


@pytest.fixture(scope="module")
def wanli_2024() -> Narrative:
    return extract_narrative(_shanghai("wanli_subdistrict_2024_department_budget"))


@pytest.fixture(scope="module")
def wanli_2023() -> Narrative:
    return extract_narrative(_shanghai("wanli_subdistrict_2023_department_budget"))


@pytest.fixture(scope="module")
def welfare_2024() -> Narrative:
    return extract_narrative(_shanghai("putuo_welfare_home_2024_unit_budget"))


@pytest.mark.corpus
def test_seed_sections(seed: Narrative) -> None:
    keys = list(seed.sections["section"])
    for key in ("duties", "institutions", "overview", "admin_operating", "three_public",
                "performance", "procurement", "assets", "glossary"):
        assert key in keys
    assets = one(seed.sections, section="assets")
    assert (assets["heading"], assets["line"]) == ("七、国有资产信息", 2580)


@pytest.mark.corpus
def test_seed_admin_operating(seed: Narrative) -> None:
    figures = seed.figures[seed.figures["section"] == "admin_operating"]
    total = one(figures, figure="admin_operating_total")
    assert (total["amount_yuan"], total["unit"], total["line"]) == (wan("116.01"), "万元", 1710)
    items = figures[figures["figure"] == "admin_operating_item"]
    assert list(items["item_name"]) == [
        "办公费", "水费", "电费", "邮电费", "取暖费", "公务接待费", "工会经费", "福利费",
        "公务用车运行维护费", "其他交通费用", "其他商品和服务支出",
    ]
    assert items["amount_yuan"].iloc[0] == wan("14.75")
    assert sum(items["amount_yuan"]) == wan("116.01")


@pytest.mark.corpus
def test_seed_three_public(seed: Narrative) -> None:
    figures = seed.figures.set_index("figure")
    expected = {
        "three_public_total": "14.16", "three_public_abroad": "0",
        "three_public_vehicle": "13.52", "three_public_vehicle_purchase": "0",
        "three_public_vehicle_operation": "13.52", "three_public_reception": "0.64",
    }
    for key, amount in expected.items():
        assert figures.loc[key, "amount_yuan"] == wan(amount), key
        assert figures.loc[key, "line"] == 1713
    total = figures.loc["three_public_total"]
    assert (total["base_year"], total["direction"]) == (2022, "flat")
    assert pd.isna(total["change_yuan"])
    assert total["sentence"].endswith("公务接待费0.64万元。")


@pytest.mark.corpus
def test_seed_procurement_and_assets(seed: Narrative) -> None:
    assert one(seed.figures, figure="procurement_total")["amount_yuan"] == wan("59.50")
    assets = one(seed.figures, figure="assets_total")
    assert (assets["amount_yuan"], assets["line"]) == (wan("326.37"), 2581)
    assert one(seed.figures, figure="assets_planned_purchase")["amount_yuan"] == 0


@pytest.mark.corpus
def test_seed_duplicate_paragraph(seed: Narrative) -> None:
    duplicates = [a for a in seed.anomalies if a.kind == "duplicate_paragraph"]
    assert [(a.line, a.file) for a in duplicates] == [(1677, SEED.name)]
    assert duplicates[0].text.startswith("（一）承担全面依法治区重大问题的政策研究")
    assert "line 1675" in duplicates[0].message
    assert not [a for a in seed.anomalies if a.kind == "unparsed_figure"]


@pytest.mark.corpus
def test_seed_through_the_project_tika_reader(seed: Narrative) -> None:
    narrative = extract_narrative(read_tika_text(SEED).blocks, file=SEED.name)
    columns = ["section", "figure", "item_name", "amount_yuan", "direction", "line"]
    pd.testing.assert_frame_equal(narrative.figures[columns], seed.figures[columns])


@pytest.mark.corpus
def test_wanli_2024_overview(wanli_2024: Narrative) -> None:
    figures = wanli_2024.figures
    assert one(figures, figure="income_total")["amount_yuan"] == wan("15621.11")
    grant = one(figures, figure="fiscal_grant_income")
    assert (grant["base_year"], grant["direction"], grant["change_yuan"]) == (
        2023, "decrease", wan("876.75"))
    assert grant["page"] == 6
    assert one(figures, figure="gov_fund_expenditure")["direction"] == "flat"


@pytest.mark.corpus
def test_wanli_2024_spending_items(wanli_2024: Narrative) -> None:
    items = wanli_2024.spending_items.set_index("item_no")
    assert list(items.index) == list(range(1, 34))
    first = items.loc[1]
    assert first["line_name"] == "一般公共服务支出（类）统计信息事务（款）专项普查活动（项）"
    assert (first["class_name"], first["section_name"], first["item_name"]) == (
        "一般公共服务支出", "统计信息事务", "专项普查活动")
    assert (first["amount_yuan"], first["prior_amount_yuan"], first["prior_year"]) == (
        wan("25.77"), wan("60.13"), 2023)
    assert (first["direction"], first["change_percent"], first["reason"]) == (
        "decrease", Decimal("57.14"), "项目调整")
    assert first["page"] == 6
    assert (items.loc[31, "amount_yuan"], items.loc[31, "current_stated_yuan"]) == (
        wan("350.35"), wan("352.67"))
    assert items.loc[10, "direction"] == "flat" and items.loc[10, "change_percent"] is None
    assert items.loc[14, "change_percent"] == Decimal("28.89")  # "增加\n28.89%" wrapped


@pytest.mark.corpus
def test_wanli_2024_other_sections(wanli_2024: Narrative) -> None:
    figures = wanli_2024.figures.set_index("figure")
    total = figures.loc["three_public_total"]
    assert (total["amount_yuan"], total["base_year"], total["direction"], total["change_yuan"]) == (
        wan("47.91"), 2023, "increase", wan("25"))
    assert figures.loc["three_public_vehicle_purchase", "amount_yuan"] == wan("25")
    assert figures.loc["three_public_reception", "direction"] == "flat"
    assert figures.loc["admin_operating_total", "amount_yuan"] == wan("443.18")
    for key, amount in {"procurement_total": "1662.44", "procurement_goods": "93.98",
                        "procurement_works": "815.87", "procurement_services": "752.59",
                        "procurement_sme_reserved": "664.98",
                        "procurement_small_micro_reserved": "465.49",
                        "performance_total": "5634.81"}.items():
        assert figures.loc[key, "amount_yuan"] == wan(amount), key
    assert figures.loc["performance_project_count", "count"] == 50
    assert figures.loc["assets_vehicle_count", "count"] == 7
    assert figures.loc["assets_planned_vehicle_count", "count"] == 1
    assert figures.loc["performance_total", "page"] == 32
    assert wanli_2024.anomalies == []


@pytest.mark.corpus
def test_wanli_2024_same_figures_from_coarser_paragraphs(wanli_2024: Narrative) -> None:
    coarse = extract_narrative(coarsen(_shanghai("wanli_subdistrict_2024_department_budget")))
    columns = ["section", "figure", "amount_yuan", "count", "direction", "change_yuan"]
    pd.testing.assert_frame_equal(coarse.figures[columns], wanli_2024.figures[columns])
    item_columns = ["item_no", "amount_yuan", "current_stated_yuan", "change_percent", "reason"]
    pd.testing.assert_frame_equal(coarse.spending_items[item_columns],
                                  wanli_2024.spending_items[item_columns])


@pytest.mark.corpus
def test_wanli_2023_defects_read_as_printed(wanli_2023: Narrative) -> None:
    fund = one(wanli_2023.figures, figure="gov_fund_expenditure")
    assert (fund["amount_yuan"], fund["base_year"], fund["direction"], fund["change_yuan"]) == (
        0, 2022, "increase", wan("1421.25"))
    items = wanli_2023.spending_items.set_index("item_no")
    assert len(items) == 34
    assert items.loc[3, "change_percent"] == Decimal("314.82")
    assert (items.loc[15, "amount_yuan"], items.loc[15, "current_stated_yuan"],
            items.loc[15, "change_percent"]) == (wan("441.25"), wan("441.25"), Decimal("60.54"))
    assert (items.loc[16, "amount_yuan"], items.loc[16, "prior_amount_yuan"],
            items.loc[16, "current_stated_yuan"], items.loc[16, "change_percent"]) == (
        wan("220.63"), wan("132.59"), wan("441.25"), Decimal("60.54"))
    assert items.loc[1, "change_percent"] == Decimal("77.70")  # printed "77.70 %"
    assert one(wanli_2023.figures, figure="performance_total")["amount_yuan"] == wan("3328.13")
    assert one(wanli_2023.figures, figure="three_public_total")["amount_yuan"] == wan("22.91")


@pytest.mark.corpus
def test_welfare_home_2024(welfare_2024: Narrative) -> None:
    items = welfare_2024.spending_items.set_index("item_no")
    assert list(items.index) == [1, 2, 3, 4, 5, 6]
    assert items.loc[4, "current_stated_yuan"] == wan("738.66")
    assert items.loc[5, "class_name"] == "医疗卫生与计划生育支出"
    figures = welfare_2024.figures.set_index("figure")
    assert figures.loc["income_total", "amount_yuan"] == wan("1212.12")  # printed "1,212.12"
    vehicle = figures.loc["three_public_vehicle"]
    assert (vehicle["amount_yuan"], vehicle["direction"], vehicle["reason"]) == (
        wan("6.40"), "flat", "")
    assert figures.loc["admin_operating_total", "amount_yuan"] == 0  # "无机关运行经费。"
    assert pd.isna(figures.loc["admin_operating_total", "unit"])
    assert figures.loc["procurement_services", "amount_yuan"] == wan("120.60")


@pytest.mark.corpus
def test_wanli_2024_through_the_project_pdf_reader(wanli_2024: Narrative) -> None:
    path = SHANGHAI / "wanli_subdistrict_2024_department_budget.pdf"
    narrative = extract_narrative(read_pdf(path).blocks, file=path.name)
    columns = ["section", "figure", "amount_yuan", "count", "direction", "change_yuan", "page"]
    pd.testing.assert_frame_equal(narrative.figures[columns], wanli_2024.figures[columns])
    item_columns = ["item_no", "amount_yuan", "current_stated_yuan", "change_percent", "page"]
    pd.testing.assert_frame_equal(narrative.spending_items[item_columns],
                                  wanli_2024.spending_items[item_columns])
    assert narrative.anomalies == []


def test_a_table_of_contents_is_text_of_its_section_not_the_sections_it_lists():
    """万里街道 2023 prints its contents as headings: they must not open the real sections."""
    blocks = [
        Heading("目 录", page=2),
        Paragraph("一、部门主要职能", page=2),
        Heading("三、名词解释", page=2),
        Heading("四、部门预算编制说明", page=2),
        Paragraph("五、部门预算表", page=2),
        Paragraph("1. 2023年部门财务收支预算总表", page=2),
        Heading("部门主要职能", page=3),
        Paragraph("依据法律法规的规定履行相应的政府服务管理职能。", page=3),
        Heading("名词解释", page=5),
        Paragraph("基本支出预算：保障机构正常运转的年度基本支出计划。", page=5),
        Heading("部门预算编制说明", page=6),
        Paragraph("2023年，本部门收入预算16497.86万元，比2022年预算增加1000.00万元。", page=6),
    ]
    narrative = extract_narrative(blocks)
    sections = narrative.sections
    assert list(sections["heading"]) == ["目 录", "部门主要职能", "名词解释", "部门预算编制说明"]
    assert sections["text"].iloc[0].split("\n") == [
        "一、部门主要职能", "三、名词解释", "四、部门预算编制说明", "五、部门预算表",
        "1. 2023年部门财务收支预算总表"]
    overview = sections[sections["section"] == "overview"]
    assert list(overview["page"]) == [6]
    assert overview["text"].iloc[0].startswith("2023年，本部门收入预算16497.86万元")
    assert list(narrative.figures["amount_yuan"]) == [Decimal("164978600.00")]


def test_a_heading_named_like_a_contents_entry_but_not_repeated_stays_a_section():
    blocks = [
        Heading("目录", page=1),
        Heading("一、部门概况", page=1),
        Heading("二、部门预算编制说明", page=1),
        Paragraph("2024年收入预算500.00万元。", page=1),
    ]
    sections = extract_narrative(blocks).sections
    # nothing repeats the entries later: the document begins right after 目录
    assert list(sections["heading"]) == ["目录", "一、部门概况", "二、部门预算编制说明"]


def test_a_section_stating_amounts_is_never_taken_for_a_contents_entry():
    """Hangzhou 2026: a listed title opens the text of the pages after it; its figures stay."""
    blocks = [
        Heading("目录", page=2),
        Heading("三、名词解释", page=2),
        Paragraph("2026年收入预算8,525.96万元。", page=2),
        Heading("三、名词解释", page=16),
        Paragraph("财政拨款收入：本级财政部门当年拨付的财政预算资金。", page=16),
    ]
    sections = extract_narrative(blocks).sections
    assert list(sections["heading"]) == ["目录", "三、名词解释", "三、名词解释"]
    assert sections["text"].iloc[1] == "2026年收入预算8,525.96万元。"


def test_a_contents_entry_is_read_on_the_contents_page_or_the_next_only():
    blocks = [
        Heading("目录", page=2),
        Heading("一、部门概况", page=3),  # the contents' second page
        Heading("二、部门职责", page=4),  # past it: the document has begun
        Paragraph("负责全区财政工作。", page=4),
        Heading("一、部门概况", page=9),
        Heading("二、部门职责", page=10),
    ]
    headings = list(extract_narrative(blocks).sections["heading"])
    assert headings == ["目录", "二、部门职责", "一、部门概况", "二、部门职责"]
