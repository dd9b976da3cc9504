"""What a batch renders: the documents' entries, the reports planned, what is unchanged.

A department report per budget (given the previous year's budget of the same department
when there is one), a final-accounts report per 决算 (given the same department's budget of
that year when there is one), a year-over-year report per department with two or more
years (its 决算 beside its budgets), a cross-department report per year of budgets.
:data:`KINDS` lists the report kinds (a new kind is a row there, a notebook, and a block in
:func:`plan_jobs`).

A report is unchanged when its key is: the notebook, the input documents (sha256), the
parameters and the helper code (:func:`code_fingerprint`) hash to the key of the last run
(:func:`job_key`; the batch keeps the keys in its manifest).

One department-year is one document: the same department's disclosure of one year, stage
and scope given in several formats (the generator writes each in four) is planned once, the
first given, and the others are left out with a note (:func:`keep_one_per_document`; the
index lists them and says whether their figures agree), so that no report counts a
department twice.

Quirks: real departments are never compared with fictional (synthetic) ones: each gets a
cross-department report of its own. A split disclosure (narrative + tables in several files)
is one document whose ``source`` parameter is the list of its files. Names from documents
become file names only through :func:`helpers.reports.outputs.safe_slug`.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.corpus import by_department_year, pair_previous
from helpers.files import sha256_files
from helpers.reports.outputs import safe_slug

__all__ = [
    "KINDS",
    "DocumentEntry",
    "Job",
    "JobResult",
    "LeftOut",
    "code_fingerprint",
    "file_names",
    "job_key",
    "keep_one_per_document",
    "load_entry",
    "plan_jobs",
    "source_files",
    "source_parameter",
]

#: Report kind → (notebook file, output folder, zh label, en label).
KINDS: dict[str, tuple[str, str, str, str]] = {
    "department": ("department_report.ipynb", "department", "部门报告", "department report"),
    "final": ("final_accounts.ipynb", "final", "决算报告", "final accounts report"),
    "year_over_year": ("year_over_year.ipynb", "year_over_year", "年度对比",
                       "year over year"),
    "across_departments": ("across_departments.ipynb", "across_departments", "跨部门比较",
                           "across departments"),
}


@dataclass
class DocumentEntry:
    """One input document as the batch saw it (picklable: crosses process boundaries)."""

    path: str
    sha256: str = ""
    #: Every file of the disclosure (a split disclosure has several; ``path`` is the first).
    files: tuple[str, ...] = ()
    department: str | None = None
    year: int | None = None
    scope: str | None = None
    stage: str = "budget"
    figures: dict[str, str | None] = field(default_factory=dict)
    #: 支出合计 in yuan, exact (as text): the index's execution rate of a 决算.
    expenditure_yuan: str | None = None
    is_synthetic: bool = False
    error: str | None = None


@dataclass(frozen=True)
class Job:
    """One report to render."""

    kind: str
    stem: str
    title: str
    parameters: dict[str, Any]
    inputs: tuple[str, ...]
    department: str | None = None
    year: int | None = None
    is_synthetic: bool = False

    @property
    def notebook_name(self) -> str:
        """Return the file name of the notebook that renders this kind."""
        return KINDS[self.kind][0]


@dataclass
class JobResult:
    """What became of one job."""

    stem: str
    status: str  # ok | failed | skipped
    seconds: float = 0.0
    error: str | None = None
    #: Findings per severity, as the report shows them (department reports).
    findings: dict[str, int] | None = None


#: The key figures of a document in the index (its summary's ``<key>_yuan``), in 万元.
FIGURES = ("expenditure_total", "basic", "project", "personnel", "public")


def _entry_key(entry: DocumentEntry) -> tuple[str, int | None]:
    return entry.department or "", entry.year


#: Helper modules no report depends on (changing them does not re-render).
_NOT_IN_REPORTS = {"cli.py", "synth.py", "writers.py", "workshop/build.py", "fonts/build_subset.py"}


def code_fingerprint() -> str:
    """Return a hash of the helpers package source: changed code re-renders every report."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        if path.relative_to(package).as_posix() in _NOT_IN_REPORTS:
            continue
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def source_files(source: str | Sequence[str]) -> tuple[str, ...]:
    """Return the files of a document source: one path, or the paths of a split disclosure."""
    return (str(source),) if isinstance(source, str | Path) else tuple(map(str, source))


def _sha256_source(files: Sequence[str]) -> str:
    if len(files) == 1:
        return sha256_files(files[0])
    return hashlib.sha256("".join(sha256_files(f) for f in files).encode()).hexdigest()


def load_entry(source: str | Sequence[str]) -> DocumentEntry:
    """Load one document (or the files of a split disclosure) and return its entry.

    The entry holds metadata and key figures. (The finding counts of the index come from
    the document's report, which checks it against its previous year too:
    :data:`helpers.reports.keys.FINDING_COUNTS`.) A document that cannot be loaded returns an
    entry with ``error`` set (never raises).
    """
    files = source_files(source)
    entry = DocumentEntry(path=files[0], files=files)
    try:
        entry.sha256 = _sha256_source(files)
        from helpers.cache import load_cached
        from helpers.money import format_wan

        disclosure = load_cached(list(files) if len(files) > 1 else files[0])
        meta = disclosure.meta
        entry.department, entry.year, entry.scope = meta.department, meta.year, meta.scope
        entry.stage = meta.stage
        summary = disclosure.summary()
        if summary.get("expenditure_total_yuan") is not None:
            entry.expenditure_yuan = str(summary["expenditure_total_yuan"])
        entry.figures = {key: (None if summary.get(f"{key}_yuan") is None
                               else format_wan(summary[f"{key}_yuan"]))
                         for key in FIGURES}
        entry.is_synthetic = meta.is_synthetic
    except Exception as error:  # one bad document must not stop the batch
        entry.error = f"{type(error).__name__}: {error}"[:500]
    return entry


def file_names(entry: DocumentEntry) -> str:
    """Return the names of a document's files, joined with " + "."""
    return " + ".join(Path(f).name for f in entry.files or (entry.path,))


def source_parameter(entry: DocumentEntry) -> str | list[str]:
    """Return the notebook's ``source``: a resolved path, or the paths of a split disclosure."""
    resolved = [str(Path(f).resolve()) for f in entry.files or (entry.path,)]
    return resolved[0] if len(resolved) == 1 else resolved


@dataclass(frozen=True)
class LeftOut:
    """A document left out of the plan: another file of a department-year already kept."""

    entry: DocumentEntry
    kept: DocumentEntry

    @property
    def same_figures(self) -> bool:
        """Return whether its key figures are those of the copy kept."""
        return self.entry.figures == self.kept.figures

    def note(self) -> str:
        """Return the index's note: which document is reported instead, figures alike or not."""
        figures = ("数字相同 · same figures" if self.same_figures else
                   "数字不同，请核对 · the figures differ: check which is right")
        return (f"同一部门、年度的另一份文件，只报告 {file_names(self.kept)} · another file of the "
                f"same department and year; {figures}")


def _document_key(entry: DocumentEntry) -> tuple[object, ...] | None:
    """Return what makes two entries one document (None: too little is known to say)."""
    if entry.error is not None or not entry.department or entry.year is None:
        return None
    return entry.department, entry.year, entry.stage, entry.scope, entry.is_synthetic


def keep_one_per_document(entries: Sequence[DocumentEntry]
                          ) -> tuple[list[DocumentEntry], list[LeftOut]]:
    """Return the entries with one per department, year, stage and scope, and those left out.

    The first given of each is kept (its department, year, stage and scope read from the
    document itself); entries whose department or year is unknown are all kept.
    """
    kept: list[DocumentEntry] = []
    first: dict[tuple[object, ...], DocumentEntry] = {}
    left_out: list[LeftOut] = []
    for entry in entries:
        key = _document_key(entry)
        if key is not None and key in first:
            left_out.append(LeftOut(entry, first[key]))
            continue
        if key is not None:
            first[key] = entry
        kept.append(entry)
    return kept, left_out


def plan_jobs(entries: Sequence[DocumentEntry]) -> list[Job]:
    """Return the reports to render for loaded documents (entries with errors are left out).

    A department report per budget (given the previous year's budget of the same department
    when there is one), a 决算 report per final-accounts document (given that year's budget
    when there is one), a year-over-year report per department with two or more budget
    years or a year's budget and 决算 (one document per year and stage: the first given),
    a cross-department report per year of budgets (fictional departments in a report of
    their own). A department-year given in several files is planned once
    (:func:`keep_one_per_document`).
    """
    entries, _ = keep_one_per_document(entries)
    loaded = [e for e in entries if e.error is None and e.stage != "final"]
    finals = [e for e in entries if e.error is None and e.stage == "final"]
    found = by_department_year(loaded, _entry_key)
    by_department = _by_department(found)
    by_year: dict[int | None, list[DocumentEntry]] = defaultdict(list)
    for entry in loaded:
        by_year[entry.year].append(entry)
    jobs: list[Job] = []
    jobs.extend(_document_job("department", entry, "previous", earlier)
                for entry, earlier in pair_previous(loaded, _entry_key))
    jobs.extend(_document_job("final", entry, "budget", found.get(_entry_key(entry)))
                for entry in finals)
    finals_by_department = _by_department(by_department_year(finals, _entry_key))
    for department, years in sorted(by_department.items()):
        executed = finals_by_department.get(department, {})
        # two budget years, or a year's budget beside its 决算 (the execution rate)
        if len(years) < 2 and not set(years) & set(executed):
            continue
        ordered = [years[y] for y in sorted(years)] + [executed[y] for y in sorted(executed)]
        jobs.append(Job(
            kind="year_over_year", stem=f"year_over_year/{safe_slug(department)}",
            title=f"{department} 年度对比 {_span(set(years) | set(executed))}",
            parameters={"sources": [source_parameter(e) for e in ordered]},
            inputs=tuple(f for e in ordered for f in e.files or (e.path,)),
            department=department,
            is_synthetic=any(e.is_synthetic for e in ordered)))
    for year, entries_of_year in sorted(by_year.items(), key=lambda item: item[0] or 0):
        if year is None:
            continue
        # real departments are never compared with fictional ones: a report each
        kinds = {e.is_synthetic for e in entries_of_year}
        for synthetic in sorted(kinds):
            group = [e for e in entries_of_year if e.is_synthetic == synthetic]
            # each department's latest earlier budget rides along: the report's 支出增长
            group += _earlier_budgets(group, year, by_department)
            suffix = "_synthetic" if synthetic and len(kinds) > 1 else ""
            jobs.append(Job(
                kind="across_departments", stem=f"across_departments/{year}{suffix}",
                title=f"{year}年 跨部门比较" + ("（示例）" if synthetic else ""),
                parameters={"sources": [source_parameter(e) for e in group]},
                inputs=tuple(f for e in group for f in e.files or (e.path,)), year=year,
                is_synthetic=synthetic))
    return jobs


def _by_department(found: dict[tuple[str | None, int], DocumentEntry]
                   ) -> dict[str, dict[int, DocumentEntry]]:
    """Return entries found by (department, year) as department → year → entry."""
    by_department: dict[str, dict[int, DocumentEntry]] = defaultdict(dict)
    for (department, year), entry in found.items():
        by_department[department or ""][year] = entry
    return by_department


def _earlier_budgets(group: Sequence[DocumentEntry], year: int,
                     by_department: dict[str, dict[int, DocumentEntry]]
                     ) -> list[DocumentEntry]:
    """Return each department's latest budget before ``year`` (its growth's base), if any."""
    earlier = []
    for entry in group:
        years = [y for y in by_department.get(entry.department or "", {})
                 if y is not None and y < year]
        if years:
            earlier.append(by_department[entry.department or ""][max(years)])
    return earlier


def _span(years: set[int]) -> str:
    """Return "2023–2025", or "2024" for one year."""
    first, last = min(years), max(years)
    return str(first) if first == last else f"{first}–{last}"


#: Report kind of one document → what its title calls it.
_DOCUMENT_TITLES = {"department": "部门预算报告", "final": "部门决算报告"}


def _document_job(kind: str, entry: DocumentEntry, other: str,
                  paired: DocumentEntry | None) -> Job:
    """Return the report of one document, given a paired one as parameter ``other``.

    A budget's department report gets the previous year's budget (``previous``), a 决算's
    report that year's budget (``budget``).
    """
    name = entry.department or Path(entry.path).stem
    return Job(
        kind=kind,
        stem=f"{KINDS[kind][1]}/{safe_slug(name)}_{entry.year or 'unknown'}_{entry.sha256[:8]}",
        title=f"{name} {entry.year or ''} {_DOCUMENT_TITLES[kind]}".replace("  ", " "),
        parameters={"source": source_parameter(entry),
                    other: source_parameter(paired) if paired else None},
        inputs=(*(entry.files or (entry.path,)),
                *((paired.files or (paired.path,)) if paired else ())),
        department=entry.department, year=entry.year, is_synthetic=entry.is_synthetic)


def job_key(job: Job, notebooks_dir: Path, fingerprint: str, hashes: dict[str, str]) -> str:
    """Return the hash of everything a report depends on (unchanged key: unchanged report)."""
    payload = {
        "kind": job.kind, "title": job.title, "parameters": job.parameters,
        "inputs": [hashes.get(p) or sha256_files(p) for p in job.inputs],
        "notebook": sha256_files(notebooks_dir / job.notebook_name),
        "code": fingerprint, "synthetic": job.is_synthetic,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False)
                          .encode("utf-8")).hexdigest()
