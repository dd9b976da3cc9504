"""Forms the real documents print that the readers once misread (found by the generator)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from helpers.normalize import normalize_grid
from helpers.raw import Cell, Grid, Heading, RawDocument
from helpers.readers.pdf import read_pdf
from helpers.readers.tika_text import parse_tika_text
from helpers.writers import write_pdf


def cells(*texts: str) -> list[Cell]:
    return [Cell(text) for text in texts]


def test_pdf_table_without_any_figure_keeps_its_body(tmp_path):
    """机构设置: a table of words only still has one header row and body rows."""
    raw = RawDocument(Path("x.pdf"), "pdf", [
        Heading("一、部门职责及机构设置情况"),
        Grid("部门机构设置情况", rows=[cells("单位名称", "单位性质", "单位规格", "经费保障形式"),
                                      cells("示例局本级", "行政", "正科级", "财政拨款"),
                                      cells("示例局事务中心", "事业", "副科级", "财政补助")]),
    ])
    grid = read_pdf(write_pdf(raw, tmp_path / "institutions.pdf")).grids[0]
    assert grid.header_rows == 1
    table = normalize_grid(grid, "institutions.pdf").table
    assert table.kind == "institutions"
    assert list(table.frame.line_name) == ["示例局本级", "示例局事务中心"]
    assert list(table.frame.nature) == ["行政", "事业"]


def test_spaced_out_names_read_as_one_name():
    """"合  计" spaced out to fill a cell is the line 合计 (readers collapse spaces differently)."""
    text = ("[bookmark: _Toc_1]部门预算一般公共预算财政拨款支出表\n"
            "\t901示例局\n\t预算年度：2024\n\t单位：万元\n\n"
            "\t序号\n\t功能分类科目\n\t合计\n\t基本支出\n\t项目支出\n\n"
            "\t\n\t科目编码\n\t科目名称\n\t\n\t\n\t\n\n\t栏次\n\t1\n\t2\n\t3\n\t4\n\t5\n\n"
            "\t1\n\t\n\t合  计\n\t5.00\n\t5.00\n\t\n\n"
            "\t2\n\t201\n\t一般公共  服务支出\n\t5.00\n\t5.00\n\t\n")
    grid = next(b for b in parse_tika_text(text) if isinstance(b, Grid))
    frame = normalize_grid(grid, "x.txt").table.frame
    assert list(frame.line_name) == ["合计", "一般公共服务支出"]
    assert frame.level.tolist() == [0, 1]


def test_header_row_starting_with_total_stays_a_header():
    """The Shanghai 三公 table's leaf header row begins with 合计 followed by labels."""
    text = ("[bookmark: _Toc_1]部门“三公”经费和机关运行经费预算表\n\t编制部门：示例局\n"
            "\t单位：万元\n\n"
            "\t合计\n\t因公出国(境)费\n\t公务接待费\n\t公务用车购置及运行费小计\n\t购置费\n"
            "\t运行费\n\t机关运行经费预算数\n\n"
            "\t20.00\n\t0\n\t5.00\n\t15.00\n\t0\n\t15.00\n\t80.00\n")
    grid = next(b for b in parse_tika_text(text) if isinstance(b, Grid))
    result = normalize_grid(grid, "x.txt")
    assert result.table.kind == "three_public" and result.anomalies == []
    items = result.table.frame.set_index("line_code").total
    assert items["total"] == 200000 and items["admin_operating"] == 800000


def test_target_form_funds_labelled_without_a_unit_caption():
    """福州 / 烟台 forms: 资金总额 | 其中：财政拨款 | 其他资金, the unit in "项目资金（万元）"."""
    grid = Grid("办公楼物业项目绩效目标表", rows=[
        cells("项目名称", "", "", "办公楼物业", ""),
        cells("", "年度预算资金总额：", "", "", "25.89"),
        cells("项目资金（万元）", "其中：财政拨款", "", "", "20.50"),
        cells("", "", "其他资金", "", "5.39"),
        cells("", "一级指标", "二级指标", "三级指标", "指标值"),
        cells("绩效目标指标", "产出指标", "数量指标", "物业管理面积", "≤5137.26平方米")])
    result = normalize_grid(grid, "form.pdf")
    funds = {(r["line_name"], r["measure"]): r["amount_yuan"] for r in result.amounts}
    assert funds == {("办公楼物业", "project_total"): Decimal("258900.00"),
                     ("办公楼物业", "current_grant"): Decimal("205000.00"),
                     ("办公楼物业", "other_funds"): Decimal("53900.00")}
    assert not [a for a in result.anomalies if a.kind == "metadata"]
