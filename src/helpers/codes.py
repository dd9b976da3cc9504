"""Classification codes (功能分类 / 经济分类): reading, repairing and naming them.

Quirks of the sources:

* Codes come whole (``2040601``) or split over 类 | 款 | 项 columns (``204 | 06 | 01``).
* Split 款/项 codes lose their leading zero in some PDFs ("2" for "02", "7" for "07"):
  read as the evident two-digit code and reported as ``repaired_code``.
* A 类 code can be garbled ("7" printed for 210 before "11 02"): when the line sits under
  a parent whose 款 matches, the parent's 类 is taken and the repair reported.
* Summary tables name 类 lines without codes ("一、一般公共服务支出"): the code is looked up
  by name in :data:`FUNCTION_CLASSES`, including names used before the current edition
  (医疗卫生与计划生育支出 → 210).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: 功能分类 类 code → current name (政府收支分类科目, 2023 edition onwards).
FUNCTION_CLASSES: dict[str, str] = {
    "201": "一般公共服务支出", "202": "外交支出", "203": "国防支出", "204": "公共安全支出",
    "205": "教育支出", "206": "科学技术支出", "207": "文化旅游体育与传媒支出",
    "208": "社会保障和就业支出", "209": "社会保险基金支出", "210": "卫生健康支出",
    "211": "节能环保支出", "212": "城乡社区支出", "213": "农林水支出", "214": "交通运输支出",
    "215": "资源勘探工业信息等支出", "216": "商业服务业等支出", "217": "金融支出",
    "219": "援助其他地区支出", "220": "自然资源海洋气象等支出", "221": "住房保障支出",
    "222": "粮油物资储备支出", "223": "国有资本经营预算支出", "224": "灾害防治及应急管理支出",
    "227": "预备费", "229": "其他支出", "230": "转移性支出", "231": "债务还本支出",
    "232": "债务付息支出", "233": "债务发行费用支出", "234": "抗疫特别国债安排的支出",
}

#: Former 类 names still printed by some documents → code.
FUNCTION_CLASS_FORMER_NAMES: dict[str, str] = {
    "医疗卫生与计划生育支出": "210",
    "医疗卫生支出": "210",
    "文化体育与传媒支出": "207",
    "国土海洋气象等支出": "220",
    "粮油物资储备管理等支出": "222",
}

#: 经济分类 (部门预算支出经济分类) 类 code → name.
ECONOMIC_CLASSES: dict[str, str] = {
    "301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助",
    "307": "债务利息及费用支出", "309": "资本性支出（基本建设）", "310": "资本性支出",
    "311": "对企业补助（基本建设）", "312": "对企业补助", "313": "对社会保障基金补助",
    "399": "其他支出",
}

_CLASS_NAME_TO_CODE = {name: code for code, name in FUNCTION_CLASSES.items()}
_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+、|\d+[.．、]\s*|（[一二三四五六七八九十]+）)"
)


@dataclass(frozen=True)
class CodeReading:
    """A code as read from its printed parts.

    Attributes:
        code: The full code ("2040601"), or None when unreadable.
        level: 1 类, 2 款, 3 项 (0 when no code).
        repaired: True when the printed text was not the code read (see ``note``).
        note: Why the code was repaired or could not be read.
        printed: The printed parts that were repaired ("2", "7"), space-separated.
    """

    code: str | None
    level: int
    repaired: bool = False
    note: str = ""
    printed: str = ""


def strip_numbering(name: str) -> str:
    """Return a line name without its "一、" / "1." / "（一）" numbering and spaces."""
    return re.sub(r"\s+", "", _NUMBERING.sub("", name))


def function_class_code(name: str) -> str | None:
    """Return the 功能分类 类 code of a class name as printed in summary tables, or None."""
    bare = strip_numbering(name)
    return _CLASS_NAME_TO_CODE.get(bare) or FUNCTION_CLASS_FORMER_NAMES.get(bare)


_ECONOMIC_NAME_TO_CODE = {name: code for code, name in ECONOMIC_CLASSES.items()}
#: A code printed fused with its name: "2010801-行政运行", "[201]一般公共服务支出",
#: "201 一般公共服务支出", "30101 基本工资".
_FUSED_CODE = re.compile(r"^\s*[\[［【]?(\d{3}|\d{5}|\d{7})[\]］】]?\s*[-－—.．、]?\s*(\D.*)$")


def class_code_of_name(name: str, classification: str) -> str | None:
    """Return the 类 code of a class printed by name alone, or None.

    Args:
        name: The line name as printed ("一、一般公共服务支出", "工资福利支出").
        classification: "function" or "economic"; other values find nothing.
    """
    if classification == "function":
        return function_class_code(name)
    if classification == "economic":
        return _ECONOMIC_NAME_TO_CODE.get(strip_numbering(name))
    return None


def split_fused_code(text: str) -> tuple[str | None, str]:
    """Split a code printed fused with its name; return (code or None, name)."""
    match = _FUSED_CODE.match(text)
    if match is None:
        return None, text.strip()
    return match.group(1), match.group(2).strip()


def read_whole_code(text: str, class_digits: int = 3) -> CodeReading:
    """Read a whole printed code such as "2040601" (levels by length: 3, 5, 7 digits)."""
    compact = re.sub(r"\s+", "", text)
    if compact == "":
        return CodeReading(None, 0)
    if not compact.isdigit():
        return CodeReading(None, 0, note=f"code {text!r} is not a number")
    levels = {class_digits: 1, class_digits + 2: 2, class_digits + 4: 3}
    if len(compact) not in levels:
        return CodeReading(None, 0, note=f"code {text!r} has {len(compact)} digits")
    return CodeReading(compact, levels[len(compact)])


def read_split_code(
    parts: list[str], parent: str | None = None
) -> CodeReading:
    """Read a code printed over 类 | 款 | 项 columns.

    Args:
        parts: The printed texts of the class, section (and item) columns.
        parent: The code of the nearest line above at the level just above this one, used
            to repair a garbled 类 (e.g. "7" printed for 210 under 210 11).

    Returns:
        The reading; ``repaired`` tells whether a part was padded or taken from ``parent``.
    """
    texts = [re.sub(r"\s+", " ", part).strip() for part in parts]
    # A class cell holding all the parts ("7 11 02") is spread over the columns first.
    if texts and " " in texts[0] and not any(texts[1:]):
        pieces = texts[0].split(" ")
        texts = pieces + [""] * (len(texts) - len(pieces))
        if len(texts) > len(parts):
            return CodeReading(None, 0, note=f"code {' '.join(parts)!r} has too many parts")
    texts = [text.replace(" ", "") for text in texts]
    filled = [text for text in texts if text]
    if not filled:
        return CodeReading(None, 0)
    if any(not text.isdigit() for text in filled) or texts[0] == "":
        return CodeReading(None, 0, note=f"code {' '.join(parts)!r} is not numeric")
    level = len(filled)
    if texts[:level] != filled:
        return CodeReading(None, 0, note=f"code {' '.join(parts)!r} skips a level")
    notes, printed = [], []
    klass, lower = texts[0], [text.zfill(2) for text in filled[1:]]
    if any(len(text) != 2 for text in lower):
        return CodeReading(None, 0, note=f"code {' '.join(parts)!r} has an overlong part")
    for shown, read in zip(filled[1:], lower, strict=True):
        if shown != read:
            notes.append(f"款/项 {shown} read as {read}")
            printed.append(shown)
    if len(klass) != 3:
        parent_class = parent[:3] if parent else None
        if parent_class is None or level == 1:
            return CodeReading(None, 0, note=f"类 code {klass!r} is not three digits")
        if parent[3:5] != lower[0] and level == 3:
            return CodeReading(None, 0, note=f"类 code {klass!r} and no matching parent")
        notes.append(f"类 {klass} read as {parent_class} from the line above")
        printed.append(klass)
        klass = parent_class
    return CodeReading(klass + "".join(lower), level, bool(notes), "; ".join(notes),
                       " ".join(printed))


def same_name(printed: str | None, named: str | None) -> bool:
    """Return whether two names agree; PDFs truncate long names in narrow cells."""
    a, b = re.sub(r"\s+", "", printed or ""), re.sub(r"\s+", "", named or "")
    return bool(a) and bool(b) and (a == b or a.startswith(b) or b.startswith(a))


class ItemLines:
    """A function table's 款 and 项 lines, indexed once for many :func:`find_item_line` calls.

    A 款 printed again with the same code and name finds the same 项 lines: only its first
    printing is kept, so a table repeated n times (a hostile or concatenated file) costs
    O(n) to index and O(1) per look-up instead of O(n²).
    """

    def __init__(self, lines: list[dict]) -> None:
        self.sections: dict[str, list[dict]] = {}  # class code → its 款 lines, in order
        self.items: dict[str, list[dict]] = {}  # code prefix → 项 lines under it, in order
        printed: set[tuple[str, object]] = set()
        for line in lines:
            code = str(line["line_code"])
            if line["level"] == 2 and (code, line["line_name"]) not in printed:
                printed.add((code, line["line_name"]))
                self.sections.setdefault(code[:3], []).append(line)
        lengths = {len(str(s["line_code"])) for group in self.sections.values() for s in group}
        for line in lines:
            if line["level"] == 3:
                code = str(line["line_code"])
                for length in lengths:
                    self.items.setdefault(code[:length], []).append(line)


def find_item_line(lines: list[dict] | ItemLines, class_name: str | None,
                   section_name: str | None, item_name: str | None) -> dict | None:
    """Find the 项 line the narrative names by its three names, or None.

    The narrative names a line "一般公共服务（类）信访事务（款）行政运行（项）": the 类 by
    its standard name, then the 款 and 项 by the names the table prints under it.

    Args:
        lines: The function table's records (``line_code``, ``line_name``, ``level``), or
            their :class:`ItemLines` when looking up many items.
        class_name: The 类 name.
        section_name: The 款 name.
        item_name: The 项 name.
    """
    # the narrative drops the class name's 支出 ("一般公共服务（类）") or keeps it
    name = class_name or ""
    code = function_class_code(name) or function_class_code(f"{name}支出")
    if code is None:
        return None
    index = lines if isinstance(lines, ItemLines) else ItemLines(lines)
    for section in index.sections.get(code, []):
        if not str(section["line_code"]).startswith(code) or \
                not same_name(section["line_name"], section_name):
            continue
        for line in index.items.get(str(section["line_code"]), []):
            if same_name(line["line_name"], item_name):
                return line
    return None
