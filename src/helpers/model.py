"""The canonical model of one disclosure, and how a document becomes one.

:func:`load_disclosure` runs the pipeline: reader → :class:`~helpers.raw.RawDocument` →
normaliser (one :class:`~helpers.normalize.Table` per recognised kind) → metadata →
narrative → tidy amounts. A disclosure may be several files (Beijing publishes the
narrative and the tables apart): :func:`group_documents` finds them, and
``load_disclosure([narrative, tables])`` reads them as one. Metadata quirks handled here:

* The department is printed in many ways: a caption "编制部门：…" / "编制单位：…" (Shanghai),
  "部门名称：…", "单位名称:…" (Chongqing), "部门（单位）：…" (Yantai), "部门：…" (central);
  inside a table cell ("公开01表部门：苏州市审计局", Suzhou), or a "部门名称" cell beside the
  name (Beijing's tables file, which has no cover); Hebei prints it with a numeric code prefix
  ("315秦皇岛市海港区司法局"), not part of the name; else a title starting with it
  ("上海市普陀区财政局2024年度部门决算表", "2026年烟台市统计局部门预算"), or a cover line that
  is a body's name ("国家信访局"). "上海市普陀区2025年区级部门预算" names the district, not
  the department: a name must end like a body's (:data:`ORG_SUFFIXES`).
* "（本级）" / "（汇总）" after the name is :attr:`Meta.consolidation`, not the name; Xi'an
  prints it on the cover only ("西安市审计局（汇总）") and the bare name in its tables.
* The year is in a caption ("预算年度：2023", "（2026年度）"), else in the table titles
  ("2024年部门收入预算总表"), else in the document's statement of itself ("2024年度部门决算"),
  else the year most named in the first texts.
* Stage and scope come from that statement ("部门决算", "市级单位预算"), else from the table
  titles ("…决算表"; "预算单位…"). "部门预算单位构成" in a department budget is no unit budget.
* Tables of one document may disagree on department or year; the majority wins and the
  disagreement is an anomaly.

Why one module of ~700 lines: the :class:`Disclosure` and the metadata finders
(department, year, stage, scope, consolidation) that build it read the same raws and tables
in one pass of :func:`build_disclosure`; half of the module is the finders' vocabularies and
the quirks they document.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from helpers import limits
from helpers.anomalies import Anomaly, anomalies_frame
from helpers.errors import NotADisclosureError, reading
from helpers.files import sha256_files
from helpers.money import find_unit
from helpers.narrative import Narrative, extract_narrative
from helpers.normalize import Table, merge_tables, normalize_grid, unreadable_anomaly
from helpers.raw import Grid, Heading, Paragraph, RawDocument
from helpers.readers import group_documents, read_document
from helpers.schema import AMOUNT_COLUMNS, make_frame

#: Caption labels that introduce the department's (or unit's) name, as printed.
_DEPARTMENT_LABELS = (
    "编制部门", "编制单位", "预算主管部门", "预算部门", "预算单位", "主管部门", "部门名称",
    "单位名称", "部门（单位）名称", "部门（单位）", "部门(单位)", "部门",
)
_LABEL = "|".join(sorted(map(re.escape, _DEPARTMENT_LABELS), key=len, reverse=True))
_LABELLED = re.compile(rf"(?:{_LABEL})\s*[:：]\s*(?P<name>.*)$")
_LABEL_CELL = re.compile(rf"^(?:{_LABEL})[:：]?$")
#: How the names of public bodies end (a cover or title line naming one); data, not code.
ORG_SUFFIXES = (
    "局", "厅", "委员会", "委", "办公室", "办事处", "人民法院", "人民检察院", "法院", "检察院",
    "院", "中心", "所", "站", "馆", "署", "会", "联合会", "队", "社", "学校", "大学", "学院",
    "医院", "银行", "集团", "台", "园", "办", "部", "处", "室", "团", "政府",
)
_CONSOLIDATION = re.compile(r"\s*[（(]\s*(?P<kind>本级|汇总)\s*[)）]\s*$")
_NAME = r"[\u4e00-\u9fff（）()]{2,40}?"
_ORG_NAME = re.compile(
    rf"^{_NAME}(?:{'|'.join(sorted(ORG_SUFFIXES, key=len, reverse=True))})"
    r"(?:[（(](?:本级|汇总)[)）])?$")
#: A title naming the department before (or after) the year: "上海市普陀区财政局2024年度部门
#: 决算表", "2026年深圳市民政局（本级）部门预算", "北京市审计局2026年部门预算".
_TITLE_STATEMENT = re.compile(
    r"^(?:(?P<year1>20\d{2})年度?)?(?P<name>[\u4e00-\u9fff（）()]{2,40}?)"
    r"(?:(?P<year2>20\d{2})年度?)?(?:区级|市级|省级|县级)?(?P<scope>部门|单位)(?:综合)?"
    r"(?P<stage>预算|决算)")
#: Numbering and part prefixes before a title ("第二部分", "附件：", "一、", "表1：").
_TITLE_PREFIX = re.compile(
    r"^(?:第[一二三四五六七八九十\d]+部分[:：]?|附件\d*[:：]|[一二三四五六七八九十]+、|"
    r"[（(][一二三四五六七八九十]+[)）]|附?表\d+[:：]?|公开\d+表|预算\d+表)+")
#: The document's own statement of what it is: "2024年度部门决算", "2026年市级单位预算".
_DOCUMENT_STATEMENT = re.compile(
    r"(?P<year>20\d{2})?年?度?[^，。；,;]{0,30}?(?:区级|市级|省级|县级)?(?P<scope>部门|单位)"
    r"(?:综合)?(?P<stage>预算|决算)")
_CODE_PREFIX = re.compile(r"^\d+\s*")
_HEBEI_CAPTION = re.compile(r"^\d{3,}\s*\S")
_NOT_DEPARTMENT = re.compile(r"单位[:：]|预算年度|年度|截止时间|^\d{4}")
_YEAR_CAPTION = re.compile(r"预算年度[:：]\s*(\d{4})|^[（(]\s*(\d{4})\s*年度?\s*[)）]$")
_YEAR_TEXT = re.compile(r"(20\d{2})\s*年")
_UNIT_SCOPE = re.compile(r"(?<!部门)预算单位|单位预算")
#: How many leading text blocks of each file may carry its cover and title.
_LEAD_TEXTS = 12

#: The sentence every fictional document (demo, workshop, generator) carries.
SYNTHETIC_MARKER = "本文件为虚构示例数据"
#: Joins the paths of a disclosure's files in :attr:`Meta.source`.
SOURCE_SEPARATOR = " + "
#: Fictional departments are named "示例市示例区…": no real body has that name.
SYNTHETIC_PREFIX = "示例"


def says_synthetic(department: str | None, texts: Iterable[str]) -> bool:
    """Return whether a document is fictional: its department or any text says so.

    The one definition of :attr:`Meta.is_synthetic` (line breaks inside the marker, as a
    PDF prints it, do not hide it).
    """
    return ((department or "").strip().startswith(SYNTHETIC_PREFIX)
            or any(SYNTHETIC_MARKER in re.sub(r"\s+", "", text) for text in texts))


@dataclass(frozen=True)
class Meta:
    """Facts about one disclosure.

    Attributes:
        department: Department or unit name, without a numeric code prefix.
        year: Budget year.
        stage: "budget" (预算) or "final" (决算).
        scope: "department" (部门预算) or "unit" (单位预算).
        unit: The unit most tables print amounts in ("元", "万元").
        source: Path of the file read (several files: their paths joined by " + ").
        format: Reader that read it ("tika_text", "pdf", …; "+"-joined when they differ).
        sha256: Hash of the file's bytes (of several files: of their bytes in order).
        is_synthetic: The document is fictional: it says so (:data:`SYNTHETIC_MARKER`) or
            its department is named "示例…" (:data:`SYNTHETIC_PREFIX`). Reports mark it, and
            its department must never be taken for a real one. The one definition of it.
        consolidation: "本级" (the department alone) or "汇总" (with its units) when the
            document prints it after the name ("深圳市民政局（本级）"), else None; the
            suffix is not part of ``department``.

    A disclosure may be several files (Beijing publishes narrative and tables apart):
    ``source`` then joins their paths with :data:`SOURCE_SEPARATOR` and :attr:`sources`
    lists them.
    """

    department: str | None
    year: int | None
    stage: str
    scope: str
    unit: str | None
    source: str
    format: str
    sha256: str
    is_synthetic: bool = False
    consolidation: str | None = None

    @property
    def sources(self) -> tuple[str, ...]:
        """Return every file of the disclosure, in order (one for most documents)."""
        return tuple(self.source.split(SOURCE_SEPARATOR))


@dataclass
class Disclosure:
    """One budget disclosure as DataFrames.

    Attributes:
        meta: Department, year, stage, scope, source facts.
        tables: Canonical tables by kind key (DESIGN.md §2).
        amounts: The tidy frame of every printed amount (columns: :data:`AMOUNT_COLUMNS`).
        narrative: Narrative sections and the figures stated in them.
        anomaly_list: Tolerated problems met while loading.
        unrecognized: Tables no kind or layout fits, kept with their raw cells.
        raw: The reader's intermediate document, for tracing (of several files: the
            first, the narrative when grouped by :func:`group_documents`).
        raws: Every file's intermediate document, in order.
    """

    meta: Meta
    tables: dict[str, Table]
    amounts: pd.DataFrame
    narrative: Narrative
    anomaly_list: list[Anomaly] = field(default_factory=list)
    unrecognized: list[Table] = field(default_factory=list)
    raw: RawDocument | None = None
    raws: list[RawDocument] = field(default_factory=list)

    @property
    def anomalies(self) -> pd.DataFrame:
        """Return the anomalies as a DataFrame, one row each, with their locations."""
        return anomalies_frame(self.anomaly_list)

    def derived(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """Return ``compute()``, computed once per ``key`` for this disclosure.

        For results derived from the disclosure alone (its findings, an analysis frame)
        that a report shows in several places. A result is kept while the amounts frame
        and every table's frame are the same objects (replacing one recomputes; editing a
        frame in place does not — the convention of
        :meth:`helpers.normalize.Table.records`). A key holding an ``id()`` must keep that
        object alive in the result.
        """
        frames = (self.amounts, *(table.frame for table in self.tables.values()))
        memo = self.__dict__.setdefault("_derived", {})
        kept = memo.get(key)
        if kept is None or len(kept[0]) != len(frames) or any(
                a is not b for a, b in zip(kept[0], frames, strict=True)):
            kept = memo[key] = (frames, compute())
        return kept[1]

    def table(self, kind: str) -> pd.DataFrame:
        """Return the wide frame of the table of ``kind``.

        Raises:
            KeyError: The disclosure has no such table.
        """
        if kind not in self.tables:
            raise KeyError(f"{self.meta.source}: no {kind} table; has {sorted(self.tables)}")
        return self.tables[kind].frame

    def summary(self) -> dict[str, object]:
        """Return the headline figures in yuan (None when the document lacks them)."""
        amounts = self.amounts
        # one pass over the three tables' amounts, not a mask of the whole frame per figure
        rows = amounts[amounts.table.isin(_SUMMARY_TABLES)]
        printed: dict[tuple, object] = {}
        for table, measure, line_code, level, amount in zip(
                rows.table, rows.measure, rows.line_code, rows.level, rows.amount_yuan,
                strict=True):
            printed.setdefault((table, measure, "line_code", line_code), amount)
            printed.setdefault((table, measure, "level", level), amount)

        def first(table: str, measure: str, **where: object) -> object:
            ((column, value),) = where.items()
            return printed.get((table, measure, column, value))

        return {
            "department": self.meta.department,
            "year": self.meta.year,
            "income_total_yuan": first("income_expenditure_summary", "income",
                                       line_code="income_total"),
            "expenditure_total_yuan": first("expenditure_summary", "total", level=0),
            "basic_yuan": first("expenditure_summary", "basic", level=0),
            "project_yuan": first("expenditure_summary", "project", level=0),
            "personnel_yuan": first("general_budget_basic_expenditure", "personnel", level=0),
            "public_yuan": first("general_budget_basic_expenditure", "public", level=0),
            "tables": len(self.tables),
            "amounts": len(self.amounts),
            "anomalies": len(self.anomaly_list),
        }


#: The tables :meth:`Disclosure.summary` reads its figures from.
_SUMMARY_TABLES = ("income_expenditure_summary", "expenditure_summary",
                   "general_budget_basic_expenditure")


def _clean_name(text: str) -> str | None:
    """Return a department name from a labelled value, or None when it is no name."""
    text = re.split(r"\s{2,}|\t|(?:金额)?单位[:：]|预算年度|[，。；;]", text.strip())[0]
    text = _CODE_PREFIX.sub("", text.strip()).strip(" :：,，.。")
    if not re.search(r"[\u4e00-\u9fff]", text) or _NOT_DEPARTMENT.search(text):
        return None
    return text


def is_org_name(text: str) -> bool:
    """Return whether ``text`` reads as the name of a public body ("杭州市司法局")."""
    return bool(_ORG_NAME.match(re.sub(r"\s+", "", text)))


def split_consolidation(name: str) -> tuple[str, str | None]:
    """Split "深圳市民政局（本级）" into the name and "本级" (or "汇总"; None when absent)."""
    match = _CONSOLIDATION.search(name)
    if not match:
        return name, None
    return name[: match.start()].strip(), match["kind"]


def labelled_department(text: str) -> str | None:
    """Return the name after a department caption ("编制部门：…", "部门：…"), or None."""
    match = _LABELLED.search(text.strip())
    return _clean_name(match["name"]) if match and match["name"].strip() else None


def _caption_department(captions: list[str]) -> str | None:
    for caption in captions:
        name = labelled_department(caption)
        if name:  # a template prints "编制部门：" and nothing: not a name
            return name
    for caption in captions:  # Hebei: "315秦皇岛市海港区司法局", the code before the name
        caption = caption.strip()
        name = _CODE_PREFIX.sub("", caption)
        if _HEBEI_CAPTION.match(caption) and not _NOT_DEPARTMENT.search(caption) and \
                re.search(r"[^\W\d_]", name):  # "100.00" is a figure, not a coded name
            return name
    return None


def _cell_department(grid: Grid) -> str | None:
    """Return a department named in a grid's first rows.

    Either "部门：X" inside a cell, or a label cell ("部门名称") before a body's name.
    """
    for row in grid.rows[:4]:
        texts = [cell.text.strip() for cell in row]
        for index, text in enumerate(texts):
            name = labelled_department(text) if len(text) <= 60 else None
            if name:
                return name
            if _LABEL_CELL.match(re.sub(r"\s+", "", text)):
                following = next((t for t in texts[index + 1:] if t), "")
                if is_org_name(following):
                    return re.sub(r"\s+", "", following)
    return None


def title_department(text: str) -> str | None:
    """Return the department a title names ("北京市审计局2026年部门预算" → 北京市审计局)."""
    text = _TITLE_PREFIX.sub("", re.sub(r"\s+", "", text))
    match = _TITLE_STATEMENT.match(text)
    if not match or not (match["year1"] or match["year2"] or len(text) <= 30):
        return None
    return match["name"] if is_org_name(match["name"]) else None


def _cover_department(texts: list[str]) -> str | None:
    for text in texts:
        text = re.sub(r"\s+", "", text)
        if len(text) <= 40 and is_org_name(text):
            return text
    return None


def _year_of(table: Table | Grid) -> int | None:
    for caption in table.captions:
        match = _YEAR_CAPTION.search(caption.replace(" ", ""))
        if match:
            return int(match.group(1) or match.group(2))
    match = _YEAR_TEXT.search(table.title)
    return int(match.group(1)) if match else None


def _majority(values: list, what: str, file: str, anomalies: list[Anomaly]):
    counted = Counter(value for value in values if value is not None)
    if not counted:
        return None
    if len(counted) > 1:
        anomalies.append(Anomaly("metadata", f"tables disagree on the {what}: {dict(counted)}",
                                 file=file))
    return counted.most_common(1)[0][0]


def text_blocks(raw: RawDocument) -> list[str]:
    """Return the text of a document's headings and paragraphs, in order."""
    return [block.text for block in raw.blocks if isinstance(block, Heading | Paragraph)]


def _grids(raws: list[RawDocument]) -> list[Grid]:
    return [block for raw in raws for block in raw.blocks if isinstance(block, Grid)]


def _lead_texts(raws: list[RawDocument]) -> list[str]:
    """Return the first text blocks of each file, then the grid titles.

    That is where a document says what it is: cover, title page, table titles.
    """
    lead = [text for raw in raws for text in text_blocks(raw)[:_LEAD_TEXTS]]
    return lead + [grid.title for grid in _grids(raws) if grid.title]


def _statements(raws: list[RawDocument]) -> list[re.Match[str]]:
    """Return the document's statements of what it is ("2024年度部门决算"), in order."""
    found = []
    for text in _lead_texts(raws):
        text = _TITLE_PREFIX.sub("", re.sub(r"\s+", "", text))
        match = _DOCUMENT_STATEMENT.search(text)
        if match and len(text) <= 60:
            found.append(match)
    return found


def department_of(raws: RawDocument | list[RawDocument], tables: list[Table] = (),
                  anomalies: list[Anomaly] | None = None) -> str | None:
    """Return the department a document names, from wherever it states it.

    In order: the captions of its recognised tables (majority; "编制部门：…", "部门：…",
    Hebei's "315秦皇岛市…"), the captions and first rows of any grid ("公开01表部门：…" in
    one cell, or a "部门名称" cell beside the name), a labelled line of the narrative
    ("预算主管部门：…"), a title that starts with the name ("上海市普陀区财政局2024年度部门
    决算表", "附件：北京市审计局2026年度部门预算报表"), a cover line that is a body's name.

    Args:
        raws: The document's files, as read.
        tables: Its recognised tables.
        anomalies: Where to record that tables disagree (optional).

    Returns:
        The name as printed, "（本级）"/"（汇总）" included (see :func:`split_consolidation`).
    """
    raws = [raws] if isinstance(raws, RawDocument) else list(raws)
    file = raws[0].path.name if raws else ""
    department = _majority([_caption_department(t.captions) for t in tables], "department",
                           file, [] if anomalies is None else anomalies)
    if department:
        return department
    grids = _grids(raws)
    for find in (lambda g: _caption_department(g.captions), _cell_department):
        named = Counter(name for name in map(find, grids) if name)
        if named:
            return named.most_common(1)[0][0]
    texts = [text for raw in raws for text in text_blocks(raw)[:40] if len(text) <= 60]
    for text in texts:
        name = labelled_department(text)
        if name:
            return name
    for text in _lead_texts(raws) + texts:
        name = title_department(text)
        if name:
            return name
    for raw in raws:
        first_page = [b.text for b in raw.blocks if isinstance(b, Heading | Paragraph)
                      and (b.page or 1) <= 1][:_LEAD_TEXTS]
        name = _cover_department(first_page)
        if name:
            return name
    # A title further on: "附件：北京市审计局2026年度部门预算报表" closing a narrative file.
    everywhere = (text for raw in raws for text in text_blocks(raw) if len(text) <= 60)
    return next((name for name in map(title_department, everywhere) if name), None)


def consolidation_of(raws: RawDocument | list[RawDocument], department: str) -> str | None:
    """Return "本级"/"汇总" when the document prints it after ``department``.

    Looked for in its titles and captions: Xi'an prints "西安市审计局（汇总）" on the cover
    and "西安市审计局" in its tables.
    """
    raws = [raws] if isinstance(raws, RawDocument) else list(raws)
    pattern = re.compile(re.escape(department) + r"\s*[（(]\s*(本级|汇总)\s*[)）]")
    captions = [c for grid in _grids(raws) for c in grid.captions]
    for text in [*_lead_texts(raws), *captions]:
        text = re.sub(r"\s+", "", text)
        match = pattern.search(text)
        if match and len(text) <= 40 and "、" not in text:  # a title, not a list of units
            return match.group(1)
    return None


def year_of(raws: RawDocument | list[RawDocument], tables: list[Table] = (),
            anomalies: list[Anomaly] | None = None) -> int | None:
    """Return the budget year a document states.

    In order: its recognised tables ("预算年度：2023", "（2026年度）", a year in the title;
    majority), any grid's, the document's statement of itself ("2024年度部门决算",
    "西安市气象局 2022 年部门综合预算"), else the year most named in its first texts.
    """
    raws = [raws] if isinstance(raws, RawDocument) else list(raws)
    file = raws[0].path.name if raws else ""
    year = _majority([_year_of(t) for t in tables], "year", file,
                     [] if anomalies is None else anomalies)
    if year is None:
        counted = Counter(y for y in map(_year_of, _grids(raws)) if y)
        year = counted.most_common(1)[0][0] if counted else None
    if year is None:
        year = next((int(m["year"]) for m in _statements(raws) if m["year"]), None)
    if year is None:
        years = [int(m.group(1)) for raw in raws for text in text_blocks(raw)[:40]
                 for m in _YEAR_TEXT.finditer(text)]
        year = Counter(years).most_common(1)[0][0] if years else None
    return year


def stage_of(raws: RawDocument | list[RawDocument], tables: list[Table] = ()) -> str:
    """Return "final" (决算) or "budget" (预算).

    What the document says it is ("2024年度部门决算"), else what most table titles say.
    """
    raws = [raws] if isinstance(raws, RawDocument) else list(raws)
    statements = _statements(raws)
    if statements:
        return "final" if statements[0]["stage"] == "决算" else "budget"
    titles = [t.title for t in tables] + [g.title for g in _grids(raws)]
    final = sum("决算" in title for title in titles)
    return "final" if final > sum("预算" in title for title in titles) else "budget"


def scope_of(raws: RawDocument | list[RawDocument], tables: list[Table] = ()) -> str:
    """Return "unit" (单位预算, 预算单位… tables) or "department"."""
    raws = [raws] if isinstance(raws, RawDocument) else list(raws)
    statements = _statements(raws)
    if statements:  # what it says it is; "预算单位构成" in a 部门预算 is no unit budget
        return "unit" if statements[0]["scope"] == "单位" else "department"
    lead = [text for raw in raws for text in text_blocks(raw)[:5]]
    titles = [t.title for t in tables] + [g.title for g in _grids(raws)]
    return "unit" if _UNIT_SCOPE.search(" ".join([*titles, *lead])) else "department"


def _read_meta(raws: RawDocument | list[RawDocument], tables: list[Table],
               anomalies: list[Anomaly]) -> Meta:
    raws = [raws] if isinstance(raws, RawDocument) else list(raws)
    file = raws[0].path.name
    department = department_of(raws, tables, anomalies)
    consolidation = None
    if department:
        department, consolidation = split_consolidation(department)
        consolidation = consolidation or consolidation_of(raws, department)
    year = year_of(raws, tables, anomalies)
    if department is None or year is None:
        anomalies.append(Anomaly("metadata", f"department {department!r}, year {year!r}: "
                                 "could not find both", file=file))
    units = Counter(t.unit for t in tables if t.unit and t.kind != "three_public")
    texts = [text for raw in raws for text in text_blocks(raw)]
    sources = tuple(str(raw.path) for raw in raws)
    formats = list(dict.fromkeys(raw.format for raw in raws))
    return Meta(
        department=department,
        year=year,
        stage=stage_of(raws, tables),
        scope=scope_of(raws, tables),
        unit=units.most_common(1)[0][0] if units else None,
        source=SOURCE_SEPARATOR.join(sources),
        format="+".join(formats),
        sha256=sha256_files(*(raw.path for raw in raws)),
        is_synthetic=says_synthetic(department, texts),
        consolidation=consolidation,
    )


def _merge_narratives(narratives: list[Narrative]) -> Narrative:
    """Return one narrative of several files' (their sections, figures and items in order)."""
    if len(narratives) == 1:
        return narratives[0]

    def concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
        kept = [frame for frame in frames if not frame.empty]
        if not kept:
            return frames[0]
        return kept[0] if len(kept) == 1 else pd.concat(kept, ignore_index=True)

    return Narrative(
        sections=concat([n.sections for n in narratives]),
        figures=concat([n.figures for n in narratives]),
        spending_items=concat([n.spending_items for n in narratives]),
        anomalies=[a for n in narratives for a in n.anomalies],
    )


def _narrative_of(document: RawDocument) -> Narrative:
    with reading(document.path, what="reading the narrative"):
        return extract_narrative(document.blocks, document.path.name)


def build_disclosure(raw: RawDocument | Sequence[RawDocument]) -> Disclosure:
    """Normalise a reader's document (or the files of one disclosure) into a Disclosure.

    Args:
        raw: One document as read, or the files of one disclosure in order (narrative and
            tables published apart): their grids, narrative and metadata are combined, and
            every amount's ``source`` names its own file. A file may hold no table when
            another does.

    Raises:
        NotADisclosureError: No grid of the document (of any of its files) is a known
            budget table.
    """
    raws = [raw] if isinstance(raw, RawDocument) else list(raw)
    if not raws:
        raise NotADisclosureError("no file given")
    anomalies: list[Anomaly] = []
    parts: dict[str, list[Table]] = {}  # kind → the grids read as that kind, in order
    last_file: dict[str, str] = {}
    unrecognized: list[Table] = []
    records: list[dict] = []
    for document in raws:
        file = document.path.name
        # Tables that declare no unit (绩效目标表, 机构设置) take the document's unit.
        declared = Counter(find_unit([*grid.captions, grid.title]) for grid in document.grids)
        declared.pop(None, None)
        default_unit = declared.most_common(1)[0][0] if declared else None
        for grid in document.grids:
            with reading(document.path, page=grid.page, table=grid.title or None):
                result = normalize_grid(grid, file, default_unit)
            anomalies.extend(result.anomalies)
            records.extend(result.amounts)
            table = result.table
            if table.kind == "unrecognized":
                unrecognized.append(table)
            else:
                parts.setdefault(table.kind, []).append(table)
                last_file[table.kind] = file
    tables: dict[str, Table] = {}
    for kind, printed in parts.items():
        if len(printed) == 1:
            tables[kind] = printed[0]
            continue
        # each grid was within the limits; a table continued over many pages may not be
        limits.check_limit(sum(len(part.frame) for part in printed), limits.MAX_TABLE_ROWS,
                           "rows in one table continued over pages", last_file[kind],
                           table=kind)
        # a table continued apart is reconciled as a whole: its parts' doubts give way
        tables[kind] = merge_tables(*printed)
        anomalies = [a for a in anomalies
                     if not (a.kind == "table_unreadable" and a.table == kind)]
        if tables[kind].unreliable:
            anomalies.append(unreadable_anomaly(tables[kind], last_file[kind]))
    if not tables:
        where = SOURCE_SEPARATOR.join(str(document.path) for document in raws)
        raise NotADisclosureError("no budget table recognised", where)
    meta = _read_meta(raws, list(tables.values()), anomalies)
    narrative = _merge_narratives([_narrative_of(document) for document in raws])
    anomalies.extend(narrative.anomalies)
    for record in records:
        record.update(department=meta.department, year=meta.year, stage=meta.stage,
                      scope=meta.scope)
    amounts = make_frame(records, AMOUNT_COLUMNS)
    return Disclosure(meta, tables, amounts, narrative, anomalies, unrecognized, raws[0],
                      raws)


def load_disclosure(path: str | Path | Sequence[str | Path]) -> Disclosure:
    """Load one budget disclosure (PDF, DOCX, XLSX or Tika text export) into DataFrames.

    Args:
        path: The document, or the files of one disclosure as a list or tuple (Beijing
            publishes the narrative and the tables as two files: ``load_disclosure([txt,
            tbl])``). :func:`group_documents` finds the files that belong together.

    Returns:
        The disclosure: metadata, canonical tables, tidy amounts, narrative, anomalies.

    Raises:
        DisclosureError: A subclass naming the file (and page/table/row where it applies)
            when the file is missing, unsupported, corrupt, encrypted, scanned, in an
            unknown encoding, past a limit of :mod:`helpers.limits` or not a budget
            disclosure. Nothing else: a failure no check foresaw is an
            :class:`~helpers.errors.UnexpectedReadError` naming the file and the place.
    """
    if isinstance(path, str | Path):
        with reading(path):
            return build_disclosure(read_document(path))
    with reading(SOURCE_SEPARATOR.join(map(str, path))):
        return build_disclosure([read_document(item) for item in path])


def load_corpus(paths_or_folder: str | Path | list[str | Path]) -> pd.DataFrame:
    """Load many documents and return their combined tidy amounts frame.

    Args:
        paths_or_folder: A folder (searched recursively for documents), a file, or a list;
            the files of one disclosure are loaded as one (:func:`group_documents`).

    Returns:
        The concatenated amounts of every document (columns: :data:`AMOUNT_COLUMNS`).

    Raises:
        DisclosureError: The first document that cannot be loaded (the error names it).
    """
    frames = [load_disclosure(group).amounts for group in group_documents(paths_or_folder)]
    if not frames:
        return make_frame([], AMOUNT_COLUMNS)
    return pd.concat(frames, ignore_index=True)
