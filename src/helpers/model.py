"""The canonical model of one disclosure, and how a document becomes one.

:func:`load_disclosure` runs the pipeline: reader → :class:`~helpers.raw.RawDocument` →
normaliser (one :class:`~helpers.normalize.Table` per recognised kind) → metadata →
narrative → tidy amounts. Metadata quirks handled here:

* Hebei captions print the department with a numeric code prefix ("315秦皇岛市海港区司法局");
  the prefix is not part of the name. Shanghai prints "编制部门：…" or "编制单位：…".
* The year is in a caption ("预算年度：2023"), else in the table titles ("2024年部门收入预算
  总表"), else in the narrative.
* Unit budgets (单位预算) title their tables "预算单位…" or speak of "单位预算"; department
  budgets (部门预算) do not.
* Tables of one document may disagree on department or year; the majority wins and the
  disagreement is an anomaly.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.anomalies import Anomaly, anomalies_frame
from helpers.errors import NotADisclosureError
from helpers.money import find_unit
from helpers.narrative import Narrative, extract_narrative
from helpers.normalize import Table, normalize_grid
from helpers.raw import Heading, Paragraph, RawDocument
from helpers.readers import list_documents, read_document
from helpers.schema import AMOUNT_COLUMNS, make_frame

_DEPARTMENT_CAPTION = re.compile(
    r"^(?:编制(?:部门|单位)|预算(?:主管)?(?:部门|单位)|部门名称|单位名称)[:：]\s*(.+)$"
)
_CODE_PREFIX = re.compile(r"^\d+\s*")
_NOT_DEPARTMENT = re.compile(r"单位[:：]|预算年度|年度|截止时间|^\d{4}")
_YEAR_CAPTION = re.compile(r"预算年度[:：]\s*(\d{4})")
_YEAR_TEXT = re.compile(r"(20\d{2})\s*年")
_UNIT_SCOPE = re.compile(r"预算单位|单位预算")

#: The sentence every fictional document (demo, workshop, generator) carries.
SYNTHETIC_MARKER = "本文件为虚构示例数据"
#: Fictional departments are named "示例市示例区…": no real body has that name.
SYNTHETIC_PREFIX = "示例"


@dataclass(frozen=True)
class Meta:
    """Facts about one disclosure.

    Attributes:
        department: Department or unit name, without a numeric code prefix.
        year: Budget year.
        stage: "budget" (决算 "final" is recognised but not yet read).
        scope: "department" (部门预算) or "unit" (单位预算).
        unit: The unit most tables print amounts in ("元", "万元").
        source: Path of the file read.
        format: Reader that read it ("tika_text", "pdf", …).
        sha256: Hash of the file's bytes.
        is_synthetic: The document is fictional: it says so (:data:`SYNTHETIC_MARKER`) or
            its department is named "示例…" (:data:`SYNTHETIC_PREFIX`). Reports mark it, and
            its department must never be taken for a real one. The one definition of it.
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
        raw: The reader's intermediate document, for tracing.
    """

    meta: Meta
    tables: dict[str, Table]
    amounts: pd.DataFrame
    narrative: Narrative
    anomaly_list: list[Anomaly] = field(default_factory=list)
    unrecognized: list[Table] = field(default_factory=list)
    raw: RawDocument | None = None

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
        def first(table: str, measure: str, **where: object) -> object:
            rows = self.amounts[(self.amounts.table == table) & (self.amounts.measure == measure)]
            for column, value in where.items():
                rows = rows[rows[column] == value]
            return rows.amount_yuan.iloc[0] if len(rows) else None

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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _department_of(captions: list[str]) -> str | None:
    for caption in captions:
        match = _DEPARTMENT_CAPTION.match(caption.strip())
        if match and match.group(1).strip():  # a template prints "编制部门：" and nothing
            return match.group(1).strip()
    for caption in captions:
        if caption.strip().rstrip(":：") and not _NOT_DEPARTMENT.search(caption) and not \
                _DEPARTMENT_CAPTION.match(caption.strip() + "x"):
            return _CODE_PREFIX.sub("", caption.strip())
    return None


def _year_of(table: Table) -> int | None:
    for caption in table.captions:
        match = _YEAR_CAPTION.search(caption.replace(" ", ""))
        if match:
            return int(match.group(1))
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


def _text_blocks(raw: RawDocument) -> list[str]:
    return [block.text for block in raw.blocks if isinstance(block, Heading | Paragraph)]


def _read_meta(raw: RawDocument, tables: list[Table], anomalies: list[Anomaly]) -> Meta:
    file = raw.path.name
    department = _majority([_department_of(t.captions) for t in tables], "department", file,
                           anomalies)
    texts = _text_blocks(raw)
    if department is None:
        department = _department_of(texts[:20])
    year = _majority([_year_of(t) for t in tables], "year", file, anomalies)
    if year is None:
        years = [int(m.group(1)) for text in texts[:40] for m in _YEAR_TEXT.finditer(text)]
        year = Counter(years).most_common(1)[0][0] if years else None
    if department is None or year is None:
        anomalies.append(Anomaly("metadata", f"department {department!r}, year {year!r}: "
                                 "could not find both", file=file))
    titles = " ".join(t.title for t in tables)
    units = Counter(t.unit for t in tables if t.unit and t.kind != "three_public")
    return Meta(
        department=department,
        year=year,
        stage="final" if "决算" in titles else "budget",
        scope="unit" if _UNIT_SCOPE.search(" ".join([titles, *texts[:5]])) else "department",
        unit=units.most_common(1)[0][0] if units else None,
        source=str(raw.path),
        format=raw.format,
        sha256=_sha256(raw.path),
        is_synthetic=(department or "").strip().startswith(SYNTHETIC_PREFIX)
        or any(SYNTHETIC_MARKER in re.sub(r"\s+", "", text) for text in texts),
    )


def build_disclosure(raw: RawDocument) -> Disclosure:
    """Normalise a reader's document into a :class:`Disclosure`.

    Raises:
        NotADisclosureError: No grid of the document is a known budget table.
    """
    file = raw.path.name
    anomalies: list[Anomaly] = []
    # Tables that declare no unit (绩效目标表, 机构设置) take the document's unit.
    declared = Counter(find_unit([*grid.captions, grid.title]) for grid in raw.grids)
    declared.pop(None, None)
    default_unit = declared.most_common(1)[0][0] if declared else None
    results = [normalize_grid(grid, file, default_unit) for grid in raw.grids]
    tables: dict[str, Table] = {}
    unrecognized: list[Table] = []
    records: list[dict] = []
    for result in results:
        anomalies.extend(result.anomalies)
        records.extend(result.amounts)
        table = result.table
        if table.kind == "unrecognized":
            unrecognized.append(table)
        elif table.kind in tables:
            kept = tables[table.kind]
            kept.frame = pd.concat([kept.frame, table.frame], ignore_index=True)
            kept.notes.extend(table.notes)
        else:
            tables[table.kind] = table
    if not tables:
        raise NotADisclosureError("no budget table recognised", raw.path)
    meta = _read_meta(raw, list(tables.values()), anomalies)
    narrative = extract_narrative(raw.blocks, file)
    anomalies.extend(narrative.anomalies)
    for record in records:
        record.update(department=meta.department, year=meta.year, stage=meta.stage,
                      scope=meta.scope)
    amounts = make_frame(records, AMOUNT_COLUMNS)
    return Disclosure(meta, tables, amounts, narrative, anomalies, unrecognized, raw)


def load_disclosure(path: str | Path) -> Disclosure:
    """Load one budget disclosure file (PDF or Tika text export) into DataFrames.

    Args:
        path: The document.

    Returns:
        The disclosure: metadata, canonical tables, tidy amounts, narrative, anomalies.

    Raises:
        DisclosureError: A subclass naming the file (and page/table/row where it applies)
            when the file is missing, unsupported, corrupt, encrypted, scanned, in an
            unknown encoding or not a budget disclosure.
    """
    return build_disclosure(read_document(path))


def load_corpus(paths_or_folder: str | Path | list[str | Path]) -> pd.DataFrame:
    """Load many documents and return their combined tidy amounts frame.

    Args:
        paths_or_folder: A folder (searched recursively for .pdf/.txt), a file, or a list.

    Returns:
        The concatenated amounts of every document (columns: :data:`AMOUNT_COLUMNS`).

    Raises:
        DisclosureError: The first document that cannot be loaded (the error names it).
    """
    frames = [load_disclosure(path).amounts for path in list_documents(paths_or_folder)]
    if not frames:
        return make_frame([], AMOUNT_COLUMNS)
    return pd.concat(frames, ignore_index=True)
