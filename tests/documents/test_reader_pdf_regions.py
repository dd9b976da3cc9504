"""The PDF reader on the multi-region corpus: one grid per printed table, as printed.

Every expected value below was read off the page (``pdftotext -layout``) and is checked
against the reader's grids: titles, captions, header labels and body cells.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from helpers.raw import Grid, Heading, RawDocument
from helpers.readers.pdf import read_pdf


@cache
def _read_path(path: Path) -> RawDocument:
    if not path.is_file():
        pytest.skip(f"corpus file {path} is absent")
    return read_pdf(path)


@pytest.fixture(scope="module")
def read(corpus_dir: Path):
    """Return a reader of regions/<name>, each file read once per module."""

    def _read(name: str) -> RawDocument:
        return _read_path(corpus_dir / "regions" / name)

    return _read


def _grid(doc: RawDocument, title_part: str) -> Grid:
    """Return the one grid whose title contains ``title_part`` (or is exactly it)."""
    found = [g for g in doc.grids if title_part in g.title]
    if len(found) > 1:
        found = [g for g in found if g.title.endswith(f" {title_part}") or g.title == title_part]
    assert len(found) == 1, [g.title for g in doc.grids]
    return found[0]


def _texts(row) -> list[str]:
    return [cell.text for cell in row]


def _header(grid: Grid) -> list[list[str]]:
    return [_texts(row) for row in grid.rows[: grid.header_rows or 0]]


def _body(grid: Grid) -> list[list[str]]:
    return [_texts(row) for row in grid.rows[grid.header_rows or 0:]]


def _row(grid: Grid, first_text: str) -> list[str]:
    """Return the body row holding a cell that reads ``first_text``."""
    found = [row for row in _body(grid) if first_text in row]
    assert found, f"no body row with {first_text!r} in {grid.title!r}"
    return found[0]


# ----------------------------------------------------------------- rotated pages (Yantai)


@pytest.mark.corpus
def test_rotated_pages_read_in_display_orientation(read):
    doc = read("yantai_tjj_2026_budget_dept.pdf")
    assert max(len(row) for g in doc.grids for row in g.rows) <= 20
    grid = _grid(doc, "收入总体情况表")
    assert grid.page == 8
    assert grid.captions == ["部门（单位）：烟台市统计局", "单位：万元"]
    leaves = _header(grid)[-1]
    assert leaves[:5] == ["类", "款", "项", "科目名称", "合计"]
    assert "一般公共预算收入" in leaves and "上年结转" in leaves
    assert _body(grid)[0][3:7] == ["合 计", "2,123.11", "2,123.11", "2,123.11"]


@pytest.mark.corpus
def test_page_repeating_title_and_header_continues_the_grid(read):
    grid = _grid(read("yantai_tjj_2026_budget_dept.pdf"), "收入总体情况表")
    pages = {cell.page for row in grid.rows for cell in row}
    assert pages == {8, 9}
    assert sum(1 for row in _body(grid) if "科目名称" in row) == 0
    # p9 opens on a wrapped label whose amount prints on its second line
    assert _row(grid, "其他行政事业单位养老支出")[2:5] == ["99", "其他行政事业单位养老支出", "2.24"]
    assert _row(grid, "卫生健康支出")[:5] == ["210", "", "", "卫生健康支出", "102.63"]


@pytest.mark.corpus
def test_empty_table_keeps_its_two_header_rows_and_note(read):
    grid = _grid(read("yantai_tjj_2026_budget_dept.pdf"), "政府性基金预算支出情况表")
    assert grid.header_rows == 2
    assert _header(grid)[-1][:5] == ["类", "款", "项", "科目名称", "合 计"]
    assert _body(grid) == []
    assert grid.notes and "没有使用政府性基金预算拨款" in grid.notes[0]


# ------------------------------------------------ title inside the first ruled row (Suzhou)


@pytest.mark.corpus
def test_title_printed_inside_the_first_ruled_row(read):
    doc = read("suzhou_shenjij_2026_budget_dept.pdf")
    assert all(g.title for g in doc.grids)
    grid = _grid(doc, "收支总表")
    assert grid.title == "公开01表 收支总表"
    assert grid.captions == ["部门：苏州市审计局", "单位：万元"]
    assert _header(grid) == [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"]]
    assert _body(grid)[0] == ["一、一般公共预算拨款收入", "4,651.67", "一、一般公共服务支出",
                              "2,906.63"]


@pytest.mark.corpus
def test_running_header_does_not_cut_a_table(read):
    grid = _grid(read("suzhou_shenjij_2026_budget_dept.pdf"), "财政拨款收支总表")
    assert _row(grid, "（二十）住房保障支出")[2:] == ["（二十）住房保障支出", "1,302.95"]
    assert grid.title == "公开04表 财政拨款收支总表"


@pytest.mark.corpus
def test_title_with_bracketed_qualifier(read):
    grid = _grid(read("suzhou_shenjij_2026_budget_dept.pdf"), "公开05表")
    assert grid.title == "公开05表 财政拨款支出表（功能科目）"
    assert _header(grid)[-1] == ["科目编码", "科目名称", "合计", "小计", "人员经费", "公用经费",
                                 "项目支出"]


# ------------------------------------------------------ nearest title (Guangzhou, Jiangsu)


@pytest.mark.corpus
def test_part_heading_is_a_heading_and_the_nearer_line_the_title(read):
    doc = read("guangzhou_tjj_2026_budget_dept.pdf")
    grid = _grid(doc, "收支总体情况表")
    assert grid.title == "表1 收支总体情况表" and grid.page == 6
    assert grid.captions == ["单位名称：广州市统计局", "单位：万元"]
    index = doc.blocks.index(grid)
    assert doc.blocks[index - 1] == Heading("第二部分 2026年部门预算表", page=6)


@pytest.mark.corpus
def test_continuation_without_title_joins_the_previous_grid(read):
    doc = read("guangzhou_tjj_2026_budget_dept.pdf")
    assert not [g for g in doc.grids if "部门预算支出经济科目" in g.title]
    grid = _grid(doc, "表6 一般公共预算基本支出情况表")
    assert _header(grid) == [["部门预算支出经济科目", "预算"]]
    assert _body(grid)[0] == ["合计", "8,401.67"]
    assert {cell.page for row in grid.rows for cell in row} == {14, 15}


@pytest.mark.corpus
def test_wrapped_rows_between_sparse_rules_are_one_row(read):
    grid = _grid(read("guangzhou_tjj_2026_budget_dept.pdf"), "表12")
    row = _row(grid, "广州市采购经理人指数调查编制工作经费")
    assert row[1:8] == ["100.00", "100.00", "100.00", "0.00", "0.00", "0.00", "0.00"]
    assert row[8].startswith("通过开展广州市采购经理人指数调查编制工作，完善统")
    # its continuation page repeats the header, wrapped at other widths: dropped
    assert not [r for r in _body(grid) if "总计" in r or "财政拨款" in r]


@pytest.mark.corpus
def test_two_tables_on_one_page_are_two_grids(read):
    doc = read("jiangsu_gjrmfy_2019_budget_dept.pdf")
    three = _grid(doc, "公开09表")
    fund = _grid(doc, "公开10表")
    assert three.page == fund.page == 14
    assert fund.title == "公开10表 政府性基金预算财政拨款支出预算表"
    assert _header(three)[-1][-2:] == ["会议费", "培训费"]
    assert _body(three) == [["2,382.02", "513.75", "160.00", "266.80", "", "266.80", "86.95",
                             "271.02", "1,597.25"]]
    assert _header(fund) == [["功能科目编码", "功能科目名称", "金额"]]
    summary = _grid(doc, "公开03表")
    assert _body(summary) == [["37,188.34", "21,968.00", "10,208.94", "5,011.40", ""]]


@pytest.mark.corpus
def test_jiangsu_titles_and_part_heading(read):
    doc = read("jiangsu_gjrmfy_2019_budget_dept.pdf")
    titles = [g.title for g in doc.grids]
    assert titles[:3] == ["公开01表 收支预算总表", "公开02表 收入预算总表", "公开03表 支出预算总表"]
    assert "公开06表 财政拨款基本支出预算表（经济科目）" in titles
    assert Heading("第二部分 2019年度部门预算表", page=8) in doc.blocks


# ------------------------------------------------------ numbers never merge (Chongqing)


@pytest.mark.corpus
def test_numbers_split_at_the_rule_between_them(read):
    grid = _grid(read("chongqing_kxjsj_2026_budget_dept.pdf"), "收入总体情况表")
    assert grid.title == "表二 2026年部门收入总体情况表"
    total = _row(grid, "合 计")
    assert total[2:4] == ["168,441.81", "154,304.22"]
    assert not any("168,441.81154" in cell for row in _body(grid) for cell in row)


# ------------------------------------------------------------- header detection (Shenzhen)


@pytest.mark.corpus
def test_year_in_a_header_label_is_no_figure(read):
    doc = read("shenzhen_mzj_2026_budget_dept.pdf")
    grid = _grid(doc, "表1 收支总表")
    assert _header(grid) == [["收入", "", "支出", ""],
                             ["项目", "2026年预算数", "项目", "2026年预算数"]]
    assert _body(grid)[0] == ["一、财政拨款", "28,097.48", "一、教育支出", "12.23"]


@pytest.mark.corpus
def test_tall_header_above_the_first_row(read):
    doc = read("shenzhen_mzj_2026_budget_dept.pdf")
    grid = _grid(doc, "表3 支出总表")
    assert grid.header_rows == 2
    assert _header(grid)[-1][:4] == ["预算单位", "科目编码", "科目名称", "支出总计"]
    assert _body(grid)[0][:4] == ["深圳市民政局（本级）", "", "", "28,283.46"]
    projects = _grid(doc, "项目支出总表")
    leaves = _header(projects)[-1]
    assert leaves[:3] == ["支出项目类别", "总计", "一般公共预算拨款"]
    assert "财政专户管理资金" in leaves and "上年结余、结转" in leaves
    assert _body(projects)[0][:4] == ["深圳市民政局（本级）", "22,701.77", "3,179.64", "19,336.15"]


# ------------------------------------------------------------------------ titles (Xi'an)


@pytest.mark.corpus
def test_every_numbered_table_has_its_title(read):
    doc = read("xian_sjj_2026_budget_dept.pdf")
    grid = _grid(doc, "表5 ")
    assert grid.title == "表5 部门综合预算一般公共预算支出明细表（按支出功能分类科目）"
    assert _header(grid) == [["功能科目编码", "功能科目名称", "合计", "人员经费支出",
                              "公用经费支出", "专项业务经费支出", "备注"]]
    for number in range(1, 14):
        assert len([g for g in doc.grids if g.title.startswith(f"表{number} ")]) == 1
    older = read("xian_qxj_2022_budget_dept.pdf")
    for number in range(1, 14):
        assert len([g for g in older.grids if g.title.startswith(f"表{number} ")]) == 1


@pytest.mark.corpus
def test_table_of_contents_keeps_its_own_title(read):
    grid = _grid(read("xian_sjj_2026_budget_dept.pdf"), "报表目录")
    assert _header(grid) == [["报表", "报表名称", "是否空表", "表格为空的理由"]]
    assert _body(grid)[0] == ["表1", "部门综合预算收支总表", "", ""]


@pytest.mark.corpus
def test_title_at_a_page_foot_goes_with_the_table_on_the_next_page(read):
    doc = read("xian_sjj_2026_budget_dept.pdf")
    grid = _grid(doc, "培训费明细表")
    assert grid.page == 17 and grid.captions == ["单位：万元"]  # the page of its title
    assert _body(grid)[0] == ["1", "全市审计机关年度综合培训", "2026-03-12", "95", "3.65", ""]


@pytest.mark.corpus
def test_header_row_above_the_rules_is_no_title(read):
    doc = read("xian_sjj_2026_budget_dept.pdf")
    assert not [g for g in doc.grids if "拟变动情况" in g.title]


# ---------------------------------------------------------------------- header (Beijing)


@pytest.mark.corpus
def test_leaf_labels_are_header_and_blank_gutter_is_dropped(read):
    doc = read("beijing_sjj-tbl_2026_budget_dept.pdf")
    grid = _grid(doc, "收入总表")
    # label, title and unit print inside the table's frame, above its first rule
    assert grid.title == "预算02表 收入总表" and grid.captions == ["金额单位：万元"]
    assert grid.header_rows == 2
    assert _header(grid)[-1][:3] == ["合计", "小计", "一般公共预算资金"]
    assert _body(grid)[0][:3] == ["32,852.053832", "32,380.090089", "32,365.090089"]
    for g in doc.grids:
        assert any(row and row[0].text for row in g.rows), g.title
    empty = _grid(doc, "政府性基金预算支出表")
    assert _header(empty)[-1] == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    assert _body(empty) == [["", "合 计", "", "", ""]]


# ---------------------------------------------------------------------- titles (Fuzhou)


@pytest.mark.corpus
def test_titles_name_tables_not_sentences(read):
    doc = read("fuzhou_swj_2026_budget_dept.pdf")
    assert not [g for g in doc.grids if g.title.endswith((":", "：")) or "见下表" in g.title]
    grid = _grid(doc, "财政拨款收支预算总表")
    assert grid.title == "2026年度财政拨款收支预算总表"
    assert grid.captions == ["单位：万元"]


# ---------------------------------------------------------------- 决算 (Putuo, central)


@pytest.mark.corpus
def test_final_accounts_titles_and_blank_page(read):
    doc = read("shanghai-putuo_czj_2024_final_dept.pdf")
    grid = _grid(doc, "收入支出决算总表")
    assert grid.page == 6 and grid.title == "收入支出决算总表"
    grant = _grid(doc, "财政拨款收入支出决算总表")
    assert {cell.page for row in grant.rows for cell in row} == {12, 13}
    assert _row(grant, "十九、住房保障支出")[2:5] == ["十九、住房保障支出", "445.69", "445.69"]
    # leaf labels printed above, or on the line of, the 合计 row belong to the header
    for title in ("收入决算表", "支出决算表"):
        table = _grid(doc, title)
        assert _header(table)[-1][:4] == ["类", "款", "项", "科目名称"]
        assert _body(table)[0][:3] == ["", "", ""] and _body(table)[0][3] == "合计"
    # the blank page 14 neither continues nor ends anything: p15 opens its own grid
    after = doc.grids[doc.grids.index(grant) + 1]
    assert after.title == "一般公共预算财政拨款支出决算表" and after.page == 15


@pytest.mark.corpus
def test_label_below_title_and_column_numbers_in_header(read):
    doc = read("central_xfj_2024_final_dept.pdf")
    grid = _grid(doc, "收入支出决算总表")
    assert grid.title == "公开01表 收入支出决算总表"
    assert grid.captions == ["部门：国家信访局", "金额单位：万元"]
    assert _header(grid)[1:] == [["项目", "行次", "金额", "项目", "行次", "金额"],
                                 ["栏次", "", "1", "栏次", "", "2"]]
    assert _body(grid)[0] == ["一、一般公共预算财政拨款收入", "1", "19,572.91",
                              "一、一般公共服务支出", "32", "10,685.56"]
    three = _grid(doc, "“三公”经费支出决算表")
    assert _header(three)[-1] == [str(n) for n in range(1, 13)]
    assert _body(three)[0][:3] == ["76.43", "30.00", "40.63"]


# ------------------------------------------------------------- furniture, nearer titles


@pytest.mark.corpus
def test_page_numbers_neither_headings_nor_paragraph_breaks(read):
    doc = read("beijing_sjj-txt_2026_budget_dept.pdf")
    assert not [b for b in doc.blocks if b.text.startswith("-") and b.text.strip("- ").isdigit()]
    # "3.向市委审计委员会提出年度市级预算执行和其他财" runs on after "- 3 -" to page 4
    item = next(b for b in doc.blocks if b.text.startswith("3.向市委审计委员会"))
    assert "其他财政支出情况审计报告" in item.text and item.page == 3
    assert Heading("第二部分 2026年度部门预算报表", page=1) in doc.blocks


@pytest.mark.corpus
def test_first_row_naming_the_table_beats_a_section_heading(read):
    doc = read("fuzhou_swj_2026_budget_dept.pdf")
    grid = next(g for g in doc.grids if g.page == 29)
    assert grid.title == "办公楼物业项目绩效目标表"
    assert not [g for g in doc.grids if g.title == "1.项目支出绩效目标表"]


@pytest.mark.corpus
def test_overprinted_labels_do_not_interleave(read):
    doc = read("xian_qxj_2022_budget_dept.pdf")
    grid = _grid(doc, "表12 ")
    header = "".join(cell for row in _header(grid) for cell in row)
    assert "经政济府" not in header and "实编施码" not in header
    assert _header(grid)[-1][:4] == ["序号", "类", "款", "项"]
    # a label running under the next cell's figure: label and figure stay apart
    units = _grid(doc, "表2 ")
    assert _row(units, "234002")[1:5] == ["234002", "西安市人工影响天气服务保障中心",
                                          "1839311.66", "1839311.66"]
    summary = _grid(doc, "表1 ")
    assert _row(summary, "其中：纳入财政专户管理的收费")[1:3] == ["其中：纳入财政专户管理的收费",
                                                              "0.00"]


@pytest.mark.corpus
def test_regular_indicator_list_keeps_its_header(read):
    grid = _grid(read("hangzhou_sfj_2026_budget_dept.pdf"), "项目支出绩效表")
    assert _header(grid) == [["单位名称", "项目名称", "金额", "绩效目标"]]
    assert _body(grid)[0][:3] == ["杭州市司法局", "法治杭州建设", "69.00"]
    forms = [g for g in read("yantai_tjj_2026_budget_dept.pdf").grids if "绩效目标表" in g.title]
    assert len(forms) == 4 and all(g.header_rows == 0 for g in forms)
    projects = ["实施公车统管费用", "设备购置更新", "统计周期性调查", "1%人口抽样调查"]
    assert [_body(g)[0][-2] for g in forms] == projects


@pytest.mark.parametrize(
    ("degrees", "expected"),
    [
        (0, (10.0, 742.0, 30.0, 792.0)),
        (90, (50.0, 10.0, 100.0, 30.0)),
        (180, (565.0, 50.0, 585.0, 100.0)),
        (270, (742.0, 565.0, 792.0, 585.0)),
    ],
)
def test_rotation_maps_user_space_into_the_displayed_page(degrees, expected):
    """A box at x 10–30, y 50–100 (from the bottom) of a 595×842 portrait page."""
    from helpers.readers.pdf import _Rotation

    display = _Rotation(degrees, 595.0, 842.0)
    assert display.box(10.0, 50.0, 30.0, 100.0) == expected
