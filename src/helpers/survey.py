"""Survey a corpus: one row per document, what loaded, what was recognised, what broke.

``budget-notebooks survey PATH…`` runs every document (the files of one disclosure as one,
:func:`helpers.model.group_documents`) through the whole pipeline in this process and
reports, per document: loaded or the typed error that refused it, metadata, a guess of the
template family, the tables recognised out of those printed, unreadable tables and why,
anomalies by kind and the audit's error-level findings. It is the view of a corpus a
developer needs before and after a change to the readers or the normaliser.

An unexpected exception while loading (a bug, not bad input) becomes a row "crashed: …"
rather than ending the survey: a crash is a bug to show, not hide. So does a failure of
the audit checks ("check failed: …").
"""

from __future__ import annotations

import re
import sys
import time
import warnings
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import pandas as pd

from helpers.errors import DisclosureError
from helpers.model import (
    SOURCE_SEPARATOR,
    Disclosure,
    build_disclosure,
    department_of,
    scope_of,
    split_consolidation,
    stage_of,
    year_of,
)
from helpers.raw import Grid, RawDocument
from helpers.readers import group_documents, read_document

#: Title words → template family; the first word found in a document's table titles wins.
#: Data, not code: a new family is one more line.
FAMILY_WORDS: list[tuple[str, str]] = [
    ("决算总表", "final"),
    ("决算表", "final"),
    ("部门综合预算", "xian"),
    ("财务收支预算总表", "shanghai"),
    ("部门预算收支总表", "hebei"),
    ("市级部门收支预算总表", "hangzhou"),
    ("收支总体情况表", "national"),
    ("收入总体情况表", "national"),
    ("收支预算总表", "jiangsu"),
    ("预算01表", "beijing"),
    ("公开01表", "jiangsu"),
    ("基本支出总表", "shenzhen"),
]

#: The columns of the survey frame, in order.
SURVEY_COLUMNS = [
    "file", "status", "error", "department", "consolidation", "year", "stage", "scope",
    "family", "recognised", "printed", "tables", "amounts", "unreadable", "unreliable",
    "anomalies", "errors", "check", "seconds",
]

_SHORT_CELL = 40


def _title_texts(raws: Sequence[RawDocument]) -> list[str]:
    """Return the titles a document prints: grid titles, captions, short first-row cells."""
    texts: list[str] = []
    for raw in raws:
        for block in raw.blocks:
            if isinstance(block, Grid):
                texts += [block.title, *block.captions]
                for row in block.rows[:2]:
                    texts += [c.text for c in row if len(c.text.strip()) <= _SHORT_CELL]
    return [re.sub(r"\s+", "", text) for text in texts if text.strip()]


def template_family(raws: Sequence[RawDocument]) -> str:
    """Return the template family a document's table titles suggest ("unknown" if none).

    Args:
        raws: The document's files, as read.

    Returns:
        The family of the first word of :data:`FAMILY_WORDS` found in its titles.
    """
    blob = "\n".join(_title_texts(raws))
    return next((family for word, family in FAMILY_WORDS if word in blob), "unknown")


def _compact(counts: Counter) -> str:
    return " ".join(f"{kind}×{n}" for kind, n in sorted(counts.items()))


def _check_row(disclosure: Disclosure) -> tuple[int | None, str]:
    """Return the number of error-level findings and how the checks went.

    "ok", or the warnings they gave (a rule that could not run); None and "check failed:
    …" when they raised.
    """
    try:
        from helpers.checks import check

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            findings = check(disclosure)
        errors = int((findings.severity == "error").sum())
    except Exception as error:  # a bug in a rule must not end the survey: show it
        return None, f"check failed: {type(error).__name__}: {error}"
    said = list(dict.fromkeys(str(w.message) for w in caught))
    return errors, ("warnings: " + " | ".join(said)) if said else "ok"


def _raw_meta(raws: list[RawDocument]) -> dict[str, object]:
    """Return what the metadata helpers find in documents that did not load."""
    try:
        department = department_of(raws)
        name, consolidation = split_consolidation(department) if department else (None, None)
        return {"department": name, "consolidation": consolidation, "year": year_of(raws),
                "stage": stage_of(raws), "scope": scope_of(raws),
                "family": template_family(raws)}
    except Exception as error:  # the row says the document was refused; keep it
        return {"family": f"unknown ({type(error).__name__})"}


def survey_document(group: Sequence[str | Path]) -> dict[str, object]:
    """Load one document (its files as one) and return its survey row.

    Never raises: a :class:`~helpers.errors.DisclosureError` gives status "refused", any
    other exception status "crashed" (a bug), each with the class and message.

    Args:
        group: The document's files, in order.

    Returns:
        One row, keyed by :data:`SURVEY_COLUMNS`.
    """
    paths = [Path(path) for path in group]
    row: dict[str, object] = dict.fromkeys(SURVEY_COLUMNS)
    row["file"] = SOURCE_SEPARATOR.join(path.name for path in paths)
    started = time.perf_counter()
    raws: list[RawDocument] = []
    try:
        raws = [read_document(path) for path in paths]
        disclosure = build_disclosure(raws)
    except DisclosureError as error:
        row.update(status="refused", error=f"{type(error).__name__}: {error.message}")
        if raws and len(raws) == len(paths):
            row.update(_raw_meta(raws))
        row["seconds"] = round(time.perf_counter() - started, 3)
        return row
    except Exception as error:  # a bug: one row, the survey goes on
        row.update(status="crashed", error=f"crashed: {type(error).__name__}: {error}")
        row["seconds"] = round(time.perf_counter() - started, 3)
        return row
    meta = disclosure.meta
    kinds = Counter(anomaly.kind for anomaly in disclosure.anomaly_list)
    reasons = [f"{key}: {table.unreliable}" for key, table in disclosure.tables.items()
               if getattr(table, "unreliable", None)]
    reasons += [f"unrecognized {table.title or '(untitled)'}: {table.unreliable}"
                for table in disclosure.unrecognized if getattr(table, "unreliable", None)]
    errors, checked = _check_row(disclosure)
    row.update(
        status="loaded", department=meta.department, consolidation=meta.consolidation,
        year=meta.year, stage=meta.stage, scope=meta.scope, family=template_family(raws),
        recognised=len(disclosure.tables), printed=len(disclosure.tables)
        + len(disclosure.unrecognized), tables=",".join(disclosure.tables),
        amounts=len(disclosure.amounts), unreadable=kinds.get("table_unreadable", 0),
        unreliable="; ".join(reasons), anomalies=_compact(kinds), errors=errors,
        check=checked, seconds=round(time.perf_counter() - started, 3),
    )
    return row


def survey(paths: str | Path | Sequence[str | Path], progress: bool = False) -> pd.DataFrame:
    """Survey documents: one row per document (the files of one disclosure as one).

    Args:
        paths: Files and folders (searched recursively).
        progress: Show a progress bar on stderr.

    Returns:
        The survey frame (columns :data:`SURVEY_COLUMNS`); empty when no document is found.
    """
    from tqdm import tqdm

    groups = group_documents(paths if isinstance(paths, str | Path) else list(paths))
    rows = [survey_document(group) for group in tqdm(
        groups, desc="survey", unit="doc", disable=not progress or not groups, leave=False)]
    frame = pd.DataFrame(rows, columns=SURVEY_COLUMNS)
    for column in ("year", "recognised", "printed", "amounts", "unreadable", "errors"):
        frame[column] = frame[column].astype("Int64")
    return frame


def summary_line(frame: pd.DataFrame) -> str:
    """Return the survey's one-line summary.

    "16 documents: 15 loaded, 1 refused; 123/140 printed tables recognised; 3 unreadable;
    0 crashed" (and how many documents the checks failed on, when any did).
    """
    status = frame.status.value_counts()
    line = (f"{len(frame)} documents: {status.get('loaded', 0)} loaded, "
            f"{status.get('refused', 0)} refused; {int(frame.recognised.sum())}/"
            f"{int(frame.printed.sum())} printed tables recognised; "
            f"{int(frame.unreadable.sum())} unreadable; {status.get('crashed', 0)} crashed")
    failed = int(frame.check.fillna("").str.startswith("check failed").sum())
    return line + (f"; check failed on {failed}" if failed else "")


def print_survey(frame: pd.DataFrame, file: TextIO | None = None) -> None:
    """Print the survey for a person: one line per document, its details indented."""
    file = file or sys.stdout
    width = min(max((len(name) for name in frame.file), default=0), 80)
    for row in frame.itertuples(index=False):
        def shown(value: object) -> str:
            return "—" if value is None or pd.isna(value) else str(value)

        name = row.file if len(row.file) <= width else row.file[: width - 1] + "…"
        if row.status != "loaded":
            print(f"{name:<{width}}  {row.status:<7}  {shown(row.department)} "
                  f"{shown(row.year)} {shown(row.stage)}/{shown(row.scope)}  "
                  f"{shown(row.family)}", file=file)
            print(f"    {row.error}", file=file)
            continue
        department = shown(row.department) + (f"（{row.consolidation}）"
                                              if isinstance(row.consolidation, str) else "")
        print(f"{name:<{width}}  loaded   {department} {shown(row.year)} "
              f"{row.stage}/{row.scope}  {row.family}  {row.recognised}/{row.printed} tables  "
              f"{row.amounts} amounts  {row.unreadable} unreadable  "
              f"{shown(row.errors)} errors", file=file)
        print(f"    tables: {row.tables or '—'}", file=file)
        if row.anomalies:
            print(f"    anomalies: {row.anomalies}", file=file)
        if row.unreliable:
            print(f"    unreliable: {row.unreliable}", file=file)
        if row.check != "ok":
            print(f"    {row.check}", file=file)
