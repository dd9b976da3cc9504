"""Generate synthetic, internally consistent budget disclosures of fictional departments.

A first cut of the generator of issue 3: one Hebei-style 部门预算 (万元) per call, made of
the 收支总表, 支出总表, 一般公共预算财政拨款基本支出表 and “三公” table plus the 总体情况,
机关运行经费 and 三公 narrative, written as a :class:`~helpers.raw.RawDocument` and from it
as Tika-style text (:func:`to_tika_text`), DOCX and XLSX (:mod:`helpers.writers`).

* Fictional: departments are named "示例市示例区…局" and every document says in its text
  that it is synthetic (:data:`SYNTHETIC_NOTICE`); no real department is so named.
* Consistent: amounts are drawn in 0.01 万元 integers and every total is their exact sum
  (类 = Σ款 = Σ项; 基本支出 = 人员经费 + 公用经费, and equals the basic column of the
  function table; 收入总计 = 支出总计; 三公 total = Σ items); function and economic codes
  and names are real classification entries.
* Deterministic: the same seed gives the same document, byte for byte in text.

Not yet: Shanghai style (元, split codes), several years per department, performance
targets, procurement and assets, planted defects with an answer key, PDF output.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from helpers.raw import Cell, Grid, Heading, Paragraph, RawDocument

SYNTHETIC_NOTICE = ("注意：本文件为合成示例数据，由程序随机生成，仅用于演示、测试和教学，"
                    "不代表任何真实部门。")

_BUREAUS = ("示例局", "样例局", "演示局", "教学局", "模拟局", "虚构局")
#: 项-level function lines: (类, 类 name, 款, 款 name, 项, 项 name, has projects).
_FUNCTION_ITEMS = (
    ("201", "一般公共服务支出", "20103", "政府办公厅（室）及相关机构事务", "2010301", "行政运行",
     False),
    ("201", "一般公共服务支出", "20103", "政府办公厅（室）及相关机构事务", "2010302",
     "一般行政管理事务", True),
    ("208", "社会保障和就业支出", "20805", "行政事业单位养老支出", "2080505",
     "机关事业单位基本养老保险缴费支出", False),
    ("210", "卫生健康支出", "21011", "行政事业单位医疗", "2101101", "行政单位医疗", False),
    ("221", "住房保障支出", "22102", "住房改革支出", "2210201", "住房公积金", False),
)
#: 款-level economic lines: (类, 类 name, 款, 款 name).
_ECONOMIC_ITEMS = (
    ("301", "工资福利支出", "30101", "基本工资"),
    ("301", "工资福利支出", "30102", "津贴补贴"),
    ("301", "工资福利支出", "30103", "奖金"),
    ("302", "商品和服务支出", "30201", "办公费"),
    ("302", "商品和服务支出", "30211", "差旅费"),
    ("302", "商品和服务支出", "30217", "公务接待费"),
    ("302", "商品和服务支出", "30231", "公务用车运行维护费"),
    ("303", "对个人和家庭的补助", "30302", "退休费"),
)
_CLASS_ORDER = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


def _wan(cents: int) -> str:
    """Print an amount held in 0.01 万元 units as "123.45"."""
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def _cells(texts: list[str]) -> list[Cell]:
    return [Cell(text) for text in texts]


@dataclass
class Synthetic:
    """One generated disclosure and the figures it was built from (in 0.01 万元).

    Attributes:
        raw: The document as blocks.
        department: Fictional department name.
        year: Budget year.
        figures: Key totals: total, basic, project, personnel, public, three_public.
    """

    raw: RawDocument
    department: str
    year: int
    figures: dict[str, int]


def generate(seed: int, year: int = 2024) -> Synthetic:
    """Generate one Hebei-style synthetic department budget.

    Args:
        seed: Random seed; the same seed gives the same document.
        year: Budget year.

    Returns:
        The synthetic disclosure (its ``raw.path`` is a placeholder name).
    """
    rng = random.Random(seed)
    department = f"示例市示例区{rng.choice(_BUREAUS)}{seed % 1000:03d}"
    code = f"{900 + seed % 100}"
    economic = {item: rng.randint(50, 30000) for item in _ECONOMIC_ITEMS}
    basic_total = sum(economic.values())
    # Split the basic total over the function items (each gets at least 0.01 万元).
    weights = [rng.randint(1, 10) for _ in _FUNCTION_ITEMS]
    shares = [basic_total * w // sum(weights) for w in weights]
    shares[0] += basic_total - sum(shares)
    lines = [(item, share, rng.randint(100, 20000) if item[6] else 0)
             for item, share in zip(_FUNCTION_ITEMS, shares, strict=True)]
    project_total = sum(p for _, _, p in lines)
    total = basic_total + project_total
    personnel = sum(v for k, v in economic.items() if k[0] in ("301", "303"))
    public = sum(v for k, v in economic.items() if k[0] == "302")
    reception, vehicle_run = economic[_ECONOMIC_ITEMS[5]], economic[_ECONOMIC_ITEMS[6]]
    three_public = reception + vehicle_run
    captions = [f"{code}{department}", f"预算年度：{year}", "单位：万元"]
    blocks: list = [
        _summary_grid(captions, lines, total),
        _expenditure_grid(captions, lines, total, basic_total, project_total),
        _basic_grid(captions, economic, basic_total, personnel, public),
        _three_public_grid(captions, reception, vehicle_run),
        Paragraph(f"{department}{year}年部门预算信息公开情况说明"),
        Paragraph(SYNTHETIC_NOTICE),
        Heading("二、部门预算安排的总体情况"),
        Paragraph(f"{year}年，{department}收入预算{_wan(total)}万元，其中：财政拨款收入"
                  f"{_wan(total)}万元；事业收入0.00万元；事业单位经营收入0.00万元；其他收入0.00万元。"),
        Paragraph(f"支出预算{_wan(total)}万元，其中：财政拨款支出预算{_wan(total)}万元。"),
        Heading("三、机关运行经费安排情况"),
        Paragraph(f"机关运行经费安排支出{_wan(public)}万元。"),
        Heading("四、财政拨款“三公”经费预算情况及增减变化原因"),
        Paragraph(f"我部门财政拨款“三公”经费预算安排{_wan(three_public)}万元，其中因公出国（境）费0万元；"
                  f"公务用车购置及运维费{_wan(vehicle_run)}万元（其中：公务用车购置费为0万元，"
                  f"公务用车运行费{_wan(vehicle_run)}万元）；公务接待费{_wan(reception)}万元。"),
    ]
    raw = RawDocument(path=Path(f"synthetic_{seed}.txt"), format="synthetic", blocks=blocks)
    figures = {"total": total, "basic": basic_total, "project": project_total,
               "personnel": personnel, "public": public, "three_public": three_public}
    return Synthetic(raw, department, year, figures)


def _summary_grid(captions: list[str], lines: list, total: int) -> Grid:
    classes: dict[str, tuple[str, int]] = {}
    for item, basic, project in lines:
        name, amount = classes.get(item[0], (item[1], 0))
        classes[item[0]] = (name, amount + basic + project)
    rows = [_cells(["序号", "收入", "支出"]), _cells(["", "项  目", "预算数", "项  目", "预算数"]),
            _cells(["栏次", "1", "2", "3", "4"])]
    income = ["一、一般公共预算拨款收入", "二、政府性基金预算拨款收入",
              "三、国有资本经营预算拨款收入"]
    count = max(len(income), len(classes))
    for index in range(count):
        left = income[index] if index < len(income) else ""
        left_amount = _wan(total) if index == 0 else ""
        right, right_amount = "", ""
        if index < len(classes):
            name, amount = list(classes.values())[index]
            right, right_amount = f"{_CLASS_ORDER[index]}、{name}", _wan(amount)
        rows.append(_cells([str(index + 1), left, left_amount, right, right_amount]))
    rows.append(_cells([str(count + 1), "本年收入合计", _wan(total), "本年支出合计", _wan(total)]))
    rows.append(_cells([str(count + 2), "收入总计", _wan(total), "支出总计", _wan(total)]))
    return Grid("部门预算收支总表", list(captions), rows)


def _hierarchy(entries: list[tuple[tuple[str, str, str, str], list[int]]]) -> list[list]:
    """Return (code, name, amounts) rows: 类 and 款 subtotals before their 项 lines."""
    rows: list[list] = []
    seen: dict[str, list] = {}
    for (class_code, class_name, section_code, section_name, *rest), amounts in entries:
        levels = [(class_code, class_name), (section_code, section_name)]
        if rest:
            levels.append((rest[0], rest[1]))
        for depth, (code, name) in enumerate(levels):
            last = depth == len(levels) - 1
            if code not in seen:
                seen[code] = [code, name, [0] * len(amounts)]
                rows.append(seen[code])
            seen[code][2] = [a + b for a, b in zip(seen[code][2], amounts, strict=True)]
            if last:
                break
    return rows


def _expenditure_grid(captions: list[str], lines: list, total: int, basic: int,
                      project: int) -> Grid:
    rows = [_cells(["序号", "科目编码", "科目名称", "合计", "基本支出", "项目支出",
                    "事业单位经营支出", "上缴上级支出", "对附属单位补助支出"]),
            _cells(["栏次", *[str(i) for i in range(1, 9)]]),
            _cells(["1", "", "合计", _wan(total), _wan(basic), _wan(project), "", "", ""])]
    entries = [(item[:6], [b + p, b, p]) for item, b, p in lines]
    for number, (code, name, amounts) in enumerate(_hierarchy(entries), start=2):
        rows.append(_cells([str(number), code, name, *(_wan(a) if a else "" for a in amounts),
                            "", "", ""]))
    return Grid("部门预算支出总表", list(captions), rows)


def _basic_grid(captions: list[str], economic: dict, basic: int, personnel: int,
                public: int) -> Grid:
    rows = [_cells(["序号", "科目编码", "科目名称", "合计", "人员经费", "公用经费"]),
            _cells(["栏次", "1", "2", "3", "4", "5"]),
            _cells(["1", "", "合计", _wan(basic), _wan(personnel), _wan(public)])]
    entries = [(item, [amount, 0 if item[0] == "302" else amount,
                       amount if item[0] == "302" else 0]) for item, amount in economic.items()]
    for number, (code, name, amounts) in enumerate(_hierarchy(entries), start=2):
        rows.append(_cells([str(number), code, name, *(_wan(a) if a else "" for a in amounts)]))
    return Grid("部门预算一般公共预算财政拨款基本支出表", list(captions), rows)


def _three_public_grid(captions: list[str], reception: int, vehicle_run: int) -> Grid:
    vehicle, total = vehicle_run, reception + vehicle_run
    rows = [_cells(["序号", "项  目", "资 金 性 质"]),
            _cells(["", "", "合计", "一般公共预算财政拨款", "政府性基金预算拨款",
                    "国有资本经营预算财政拨款"]),
            _cells(["栏次", "1", "2", "3", "4", "5"])]
    for seq, name, amount in (("", "合计", total), ("一、", "因公出国（境）费", 0),
                              ("二、", "公务用车购置及运维费", vehicle),
                              ("", "其中：公务用车购置费", 0),
                              ("", "公务用车运行维护费", vehicle_run),
                              ("三、", "公务接待费", reception)):
        printed = _wan(amount) if amount else "0"
        rows.append(_cells([seq, name, printed, printed, "", ""]))
    return Grid("部门预算财政拨款“三公”经费支出表", list(captions), rows)


def to_tika_text(raw: RawDocument) -> str:
    """Render blocks as Apache Tika prints a DOCX (the seed's format).

    Headings carry a ``[bookmark: _Toc…]`` prefix; a grid is its title (a bookmark
    heading), then one tab-indented line per cell, rows separated by a blank line and the
    table ended by three blank lines; notes follow the table.
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


def write_synthetic(synthetic: Synthetic, folder: str | Path, formats: tuple[str, ...] = (
        "txt", "docx", "xlsx")) -> dict[str, Path]:
    """Write one synthetic disclosure in each of ``formats`` ("txt", "docx", "xlsx").

    Returns:
        Format → path written.
    """
    from helpers.writers import write_docx, write_xlsx

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"synthetic_{synthetic.raw.path.stem.split('_')[-1]}_{synthetic.year}"
    written: dict[str, Path] = {}
    for fmt in formats:
        path = stem.with_suffix(f".{fmt}")
        if fmt == "txt":
            path.write_text(to_tika_text(synthetic.raw), encoding="utf-8")
        elif fmt == "docx":
            write_docx(synthetic.raw, path)
        elif fmt == "xlsx":
            write_xlsx(synthetic.raw, path)
        else:
            raise ValueError(f"unsupported synthetic format {fmt!r}")
        written[fmt] = path
    return written
