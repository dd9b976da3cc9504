"""The batch's ``index.html``: every document, its key figures and findings, every report.

The page is a Jinja2 template (``templates/index.html.j2``) with autoescape on: every text
from a document (department names, file names, error messages) is escaped there; this
module only gathers what the page shows. Links are URL-quoted output paths, which
:func:`helpers.reports.outputs.safe_slug` made from document names.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from helpers.reports.pages import FONT_STACK, STATIC, font_css
from helpers.reports.planning import (
    FIGURES,
    DocumentEntry,
    Job,
    JobResult,
    LeftOut,
    file_names,
    keep_one_per_document,
    source_parameter,
)

__all__ = ["build_index"]

_TEMPLATES = Path(__file__).resolve().parent / "templates"
_SCOPES = {"unit": "单位", "department": "部门"}
_STAGES = {"budget": "预算", "final": "决算"}
_SECTIONS = (("year_over_year", "年度对比 · Year over year"),
             ("across_departments", "跨部门比较 · Across departments"))
_CSS = """
body { margin: 0 auto; max-width: 1280px; padding: 1em 2em 3em; color: #1f2328; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { margin-top: 1.6em; font-size: 1.25em; }
.muted { color: #59636e; font-size: .9em; }
table { border-collapse: collapse; width: 100%; font-size: 14px; margin: .5em 0 1em; }
th, td { border-bottom: 1px solid #d0d7de; padding: .35em .6em; text-align: left;
  vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.badge { display: inline-block; border-radius: 4px; padding: 0 .4em; font-size: .8em;
  margin-left: .3em; }
.synthetic { background: #fff3cd; color: #664d03; border: 1px solid #ffda6a; }
.error { background: #ffe3e3; color: #8a1c1c; } .ok { color: #1a7f37; }
.banner { background: #fff3cd; border: 1px solid #ffda6a; color: #664d03; padding: .6em 1em;
  border-radius: 6px; }
"""


@functools.cache
def _template() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    environment = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=True,
                              undefined=StrictUndefined, keep_trailing_newline=True)
    return environment.get_template("index.html.j2")


def build_index(entries: Sequence[DocumentEntry], jobs: Sequence[Job],
                results: dict[str, JobResult], elapsed: float,
                duplicates: Sequence[tuple[str, str]] = ()) -> str:
    """Return ``index.html``: departments, years, key figures, finding counts, links.

    Args:
        entries: The documents (those that failed to load included).
        jobs: The reports planned.
        results: What became of each report, by stem.
        elapsed: The batch's seconds so far.
        duplicates: (file, the file it repeats) for inputs left out as copies.

    Documents left out as another file of a department-year already reported
    (:func:`~helpers.reports.planning.keep_one_per_document`) are listed with the
    identical copies, each with its note.
    """
    from markupsafe import Markup

    _, left_out = keep_one_per_document(entries)
    copies = {item.entry.path: item for item in left_out}

    failures: list[tuple[str, str]] = []
    budgets = {(e.department, e.year): e for e in entries
               if e.error is None and e.stage != "final"}
    rows = [_row(entry, jobs, results, failures, budgets.get((entry.department, entry.year)),
                 copies.get(entry.path))
            for entry in sorted(entries, key=lambda e: (e.department or "", e.year or 0,
                                                        e.stage == "final", e.path))]
    sections = []
    for kind, heading in _SECTIONS:
        items = []
        for job in (j for j in jobs if j.kind == kind):
            failed = _failure(job, results.get(job.stem), failures)
            items.append({"stem": job.stem, "title": job.title, "synthetic": job.is_synthetic,
                          "failed": failed})
        sections.append({"heading": heading, "reports": items})
    years = sorted({e.year for e in entries if e.year is not None})
    return _template().render(
        font_css=Markup(font_css(STATIC)), font_stack=Markup(FONT_STACK), css=Markup(_CSS),
        documents=len(entries), departments=len({e.department for e in entries if e.department}),
        years=", ".join(map(str, years)), elapsed=elapsed,
        synthetic=any(e.is_synthetic for e in entries), rows=rows, sections=sections,
        duplicates=[(Path(a).name, Path(b).name, "内容相同 · identical")
                    for a, b in duplicates]
        + [(file_names(item.entry), file_names(item.kept), item.note()) for item in left_out],
        failures=[(Path(what).name, why) for what, why in failures])


def _failure(job: Job | None, result: JobResult | None,
             failures: list[tuple[str, str]]) -> str | None:
    """Return the error of a failed report (recording it among the failures), else None."""
    if job is None or result is None or result.status != "failed":
        return None
    failures.append((job.stem, result.error or ""))
    return result.error or ""


def _execution_rate(entry: DocumentEntry, budget: DocumentEntry | None) -> str:
    """Return a 决算's 支出合计 against its year's budget ("97.3%"), else "—"."""
    if entry.stage != "final" or budget is None or None in (entry.expenditure_yuan,
                                                             budget.expenditure_yuan):
        return "—"
    planned = Decimal(budget.expenditure_yuan)
    if planned == 0:
        return "—"
    return f"{Decimal(entry.expenditure_yuan) / planned * 100:.1f}%"


def _row(entry: DocumentEntry, jobs: Sequence[Job], results: dict[str, JobResult],
         failures: list[tuple[str, str]], budget: DocumentEntry | None = None,
         left_out: LeftOut | None = None) -> dict[str, Any]:
    """Return what the index shows of one document (and of its department or 决算 report).

    A 决算 shows its execution rate when the same department-year's budget is in the batch;
    a document left out as another file of a department-year names the file reported.
    """
    row: dict[str, Any] = {"name": entry.department or "—", "year": entry.year or "—",
                           "synthetic": entry.is_synthetic, "files": file_names(entry),
                           "error": entry.error,
                           "copy_of": file_names(left_out.kept) if left_out else None}
    if entry.error:
        failures.append((entry.path, entry.error))
        return row
    source = str(source_parameter(entry))
    job = next((j for j in jobs if j.kind in ("department", "final")
                and str(j.parameters.get("source")) == source), None)
    result = results.get(job.stem) if job else None
    counts = result.findings if result is not None else None
    row.update(scope=_SCOPES.get(entry.scope or "", ""),
               stage=_STAGES.get(entry.stage, entry.stage),
               execution=_execution_rate(entry, budget),
               figures=[entry.figures.get(k) or "—" for k in FIGURES],
               findings=(" / ".join(str(counts.get(s, 0)) for s in ("error", "warning", "info"))
                         if counts is not None else "—"),
               report=job.stem if job is not None and result is not None else None,
               failed=_failure(job, result, failures))
    return row
