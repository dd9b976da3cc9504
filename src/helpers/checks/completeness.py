"""Completeness: the checklist of what a budget disclosure must contain.

The items follow 财预〔2016〕143号《地方预决算公开操作规程》 (部门预算: the tables, 三公 with
the reasons for changes, 机关运行经费, 政府采购, 国有资产占用, 绩效目标, 名词解释, 职责 and
机构设置). :func:`completeness` returns the checklist; rule C01 reports each missing item.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pandas as pd

from helpers.catalog import KINDS_BY_KEY
from helpers.checks.core import BASIS_143, Context, Finding, register_rule
from helpers.checks.tables import STANDARD_TABLES


def _has_section(disclosure, key: str) -> bool:
    sections = disclosure.narrative.sections
    return bool(((sections.section == key) & (sections.text.str.strip() != "")).any())


def _has_figure(disclosure, *keys: str) -> bool:
    return bool(disclosure.narrative.figures.figure.isin(keys).any())


def _three_public_explained(disclosure) -> bool:
    """Return whether the 三公 total is stated and, where it changed, a reason is given."""
    figures = disclosure.narrative.figures
    stated = figures[figures.figure.str.startswith("three_public")]
    if not (stated.figure == "three_public_total").any():
        return False
    changed = stated[stated.direction.isin(["increase", "decrease"])]
    return changed.empty or bool(changed.reason.fillna("").str.strip().ne("").any())


#: (key, zh, en, test). A test takes the disclosure and says whether the item is there.
CHECKLIST: tuple[tuple[str, str, str, Callable], ...] = (
    *((f"table:{kind}", KINDS_BY_KEY[kind].zh, KINDS_BY_KEY[kind].en,
       lambda d, k=kind: k in d.tables) for kind in STANDARD_TABLES),
    ("three_public", "“三公”经费安排及增减原因", "三公 costs with the reasons for changes",
     _three_public_explained),
    ("admin_operating", "机关运行经费", "administrative operating costs",
     lambda d: _has_figure(d, "admin_operating_total") or _has_section(d, "admin_operating")),
    ("procurement", "政府采购", "government procurement",
     lambda d: "procurement" in d.tables or _has_section(d, "procurement")),
    ("assets", "国有资产占用", "state-owned assets",
     lambda d: "assets" in d.tables or _has_section(d, "assets")),
    ("performance", "绩效目标", "performance targets",
     lambda d: "performance_targets" in d.tables or _has_section(d, "performance")),
    ("glossary", "名词解释", "glossary", lambda d: _has_section(d, "glossary")),
    ("duties", "部门职责", "duties", lambda d: _has_section(d, "duties")),
    ("institutions", "机构设置", "institutions",
     lambda d: "institutions" in d.tables or _has_section(d, "institutions")
     or d.narrative.sections.heading.str.contains("机构设置").any()),
)


def completeness(disclosure) -> pd.DataFrame:
    """Return the disclosure checklist: one row per required item, with ``is_present``.

    The score is ``frame.is_present.mean()``.
    """
    return pd.DataFrame([
        {"item": key, "item_zh": zh, "item_en": en, "is_present": bool(test(disclosure))}
        for key, zh, en, test in CHECKLIST
    ])


#: Words that name a checklist item wherever a template puts it: other regions title the
#: sections otherwise (部门主要职能, 部门预算单位构成, 第四部分 名词解释), and the narrative
#: reader knows the first two templates' headings best.
MENTIONS: dict[str, tuple[str, ...]] = {
    "three_public": ("三公",),
    "admin_operating": ("机关运行经费", "运行经费"),
    "procurement": ("政府采购",),
    "assets": ("国有资产", "资产占用", "资产占有"),
    "performance": ("绩效目标", "绩效"),
    "glossary": ("名词解释", "名词释义"),
    "duties": ("职责", "职能"),
    "institutions": ("机构设置", "机构情况", "机构编制", "单位构成", "所属单位", "部门构成"),
}


def _document_text(disclosure) -> str:
    """Return the document's text outside its tables (paragraphs and headings)."""
    sections = disclosure.narrative.sections
    parts = [*sections.heading.fillna(""), *sections.text.fillna("")]
    if disclosure.raw is not None:
        parts += [block.text for block in disclosure.raw.blocks if hasattr(block, "text")]
    return re.sub(r"\s+", "", "\n".join(parts))


def check_completeness(ctx: Context) -> Iterator[Finding]:
    """Report each item of the 143号 checklist the disclosure lacks.

    An item whose words the document prints (in a heading or the text) was disclosed
    under a heading we do not know: its absence is not proven, and saying so is info.
    """
    checklist = completeness(ctx.disclosure)
    missing = checklist[~checklist.is_present & ~checklist.item.str.startswith("table:")]
    text = _document_text(ctx.disclosure) if not missing.empty else ""
    for row in missing.itertuples():  # missing tables are S01's
        named = next((word for word in MENTIONS.get(row.item, ()) if word in text), None)
        if named is None:
            yield Finding("C01", "warning", f"未公开或未找到：{row.item_zh}",
                          f"missing or not found: {row.item_en}", locations=(ctx.file,))
        else:
            yield Finding("C01", "info",
                          f"未识别出“{row.item_zh}”部分，但文件提到“{named}”，未能核实是否公开",
                          f"no {row.item_en} section recognised, but the document mentions "
                          f"{named!r}: not verified", locations=(ctx.file,))


register_rule(
    check_completeness,
    "C01", "completeness", "warning", "公开内容完整", "the disclosure is complete",
    basis=BASIS_143)
