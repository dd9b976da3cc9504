"""Completeness: the checklist of what a budget disclosure must contain.

The items follow 财预〔2016〕143号《地方预决算公开操作规程》 (部门预算: the tables, 三公 with
the reasons for changes, 机关运行经费, 政府采购, 国有资产占用, 绩效目标, 名词解释, 职责 and
机构设置). :func:`completeness` returns the checklist; rule C01 reports each missing item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pandas as pd

from helpers.catalog import KINDS_BY_KEY
from helpers.checks.core import BASIS_143, Context, Finding, rule
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


@rule("C01", "completeness", "warning", "公开内容完整", "the disclosure is complete",
      basis=BASIS_143)
def check_completeness(ctx: Context) -> Iterator[Finding]:
    """Report each item of the 143号 checklist the disclosure lacks."""
    checklist = completeness(ctx.disclosure)
    for row in checklist[~checklist.is_present].itertuples():
        if row.item.startswith("table:"):
            continue  # missing tables are S01's errors
        yield Finding("C01", "warning", f"未公开或未找到：{row.item_zh}",
                      f"missing or not found: {row.item_en}", locations=(ctx.file,))
