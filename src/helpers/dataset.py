"""A Parquet dataset of many disclosures: amounts, findings, metadata and narrative figures.

``write_dataset`` loads and checks every document (each year against the same
department's previous year when it is among the inputs) and writes four tables, each
partitioned by year (hive layout ``<table>/year=2024/part-<sha>.parquet``), plus
``schema.json`` describing every column once (type, unit, zh/en label). Amounts stay exact:
Parquet's decimal128(18, 2). DuckDB and pandas read the folders directly::

    SELECT year, SUM(amount_yuan) FROM read_parquet('out/amounts/**/*.parquet',
                                                    hive_partitioning = true) GROUP BY year

Each document writes its own files (named by its sha256), so re-running on the same inputs
overwrites rather than duplicates, and documents can be written in parallel.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from helpers.checks import check
from helpers.corpus import pair_previous
from helpers.errors import OutputError, reading
from helpers.files import atomic_path, write_atomic
from helpers.model import Disclosure, load_disclosure
from helpers.readers import group_documents
from helpers.schema import (
    AMOUNT_COLUMNS,
    FINDING_COLUMNS,
    META_COLUMNS,
    NARRATIVE_FIGURE_COLUMNS,
    Column,
    make_frame,
)

#: Dataset table → its columns (each defined once in :mod:`helpers.schema`).
TABLES: dict[str, tuple[Column, ...]] = {
    "amounts": AMOUNT_COLUMNS,
    "findings": FINDING_COLUMNS,
    "metadata": META_COLUMNS,
    "narrative_figures": NARRATIVE_FIGURE_COLUMNS,
}


def dataset_schema() -> pd.DataFrame:
    """Return the documented schema: one row per table and column."""
    return pd.DataFrame([
        {"table": table, "column": c.name, "dtype": str(pd.Series(dtype=c.dtype).dtype),
         "unit": c.unit, "label_zh": c.zh, "label_en": c.en}
        for table, columns in TABLES.items() for c in columns
    ])


def disclosure_frames(disclosure: Disclosure, previous: Disclosure | None = None,
                      ) -> dict[str, pd.DataFrame]:
    """Return the four dataset tables for one disclosure (checked against ``previous``)."""
    meta = disclosure.meta
    findings = check(disclosure, previous=previous)
    figures = disclosure.narrative.figures.copy()
    figures["department"], figures["year"], figures["source"] = (
        meta.department, meta.year, meta.source)
    record = {
        "department": meta.department, "year": meta.year, "stage": meta.stage,
        "scope": meta.scope, "unit": meta.unit, "source": meta.source, "format": meta.format,
        "sha256": meta.sha256, "is_synthetic": meta.is_synthetic,
        "tables": len(disclosure.tables),
        "amounts": len(disclosure.amounts), "anomalies": len(disclosure.anomaly_list),
        "errors": int((findings.severity == "error").sum()),
        "warnings": int((findings.severity == "warning").sum()),
    }
    return {
        "amounts": disclosure.amounts,
        "findings": make_frame(findings.to_dict("records"), FINDING_COLUMNS),
        "metadata": make_frame([record], META_COLUMNS),
        "narrative_figures": make_frame(figures.to_dict("records"), NARRATIVE_FIGURE_COLUMNS),
    }


def _arrow_schema(columns: tuple[Column, ...]) -> pa.Schema:
    return pa.Schema.from_pandas(make_frame([], columns), preserve_index=False)


def write_frames(frames: dict[str, pd.DataFrame], out: Path, key: str) -> None:
    """Write one document's tables under ``out``, partitioned by year, named by ``key``."""
    for table, frame in frames.items():
        schema = _arrow_schema(TABLES[table])
        for year, part in frame.groupby(frame.year.fillna(0).astype(int), sort=True):
            folder = out / table / f"year={year}"
            folder.mkdir(parents=True, exist_ok=True)
            arrow = pa.Table.from_pandas(part.drop(columns=["year"]), preserve_index=False,
                                         schema=schema.remove(schema.get_field_index("year")))
            with atomic_path(folder / f"part-{key}.parquet") as temporary:
                pq.write_table(arrow, temporary)


def write_schema(out: Path) -> None:
    """Write ``schema.json`` (every column once: type, unit, labels) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    records = dataset_schema().to_dict("records")
    write_atomic(out / "schema.json", json.dumps(records, ensure_ascii=False, indent=1))


def write_dataset(inputs: Iterable[str | Path] | str | Path, out: str | Path) -> pd.DataFrame:
    """Load, check and write every document under ``inputs`` as a Parquet dataset.

    Args:
        inputs: Files or folders (searched recursively).
        out: The dataset folder (created).

    Returns:
        The metadata table of the documents written.

    Raises:
        DisclosureError: A document cannot be loaded (the error names it), or the dataset
            cannot be written (:class:`~helpers.errors.OutputError`).
    """
    disclosures = [load_disclosure(group) for group in group_documents(
        [inputs] if isinstance(inputs, str | Path) else list(inputs))]
    return write_disclosures(disclosures, out)


def write_disclosures(disclosures: Sequence[Disclosure], out: str | Path) -> pd.DataFrame:
    """Check and write loaded documents as a Parquet dataset (see :func:`write_dataset`).

    Returns:
        The metadata table of the documents written.

    Raises:
        OutputError: The dataset cannot be written.
    """
    out = Path(out)
    try:
        write_schema(out)
    except OSError as error:
        raise OutputError(f"cannot write {out}: {error.strerror or error}", out) from error
    metadata = []
    for disclosure, previous in pair_previous(disclosures):
        with reading(disclosure.meta.source, what="writing the dataset"):
            frames = disclosure_frames(disclosure, previous)
            try:
                write_frames(frames, out, disclosure.meta.sha256[:16])
            except OSError as error:
                raise OutputError(f"cannot write {out}: {error.strerror or error}", out) \
                    from error
        metadata.append(frames["metadata"])
    return pd.concat(metadata, ignore_index=True) if metadata else make_frame([], META_COLUMNS)


def read_dataset(out: str | Path, table: str) -> pd.DataFrame:
    """Read one table of a dataset back, with its documented dtypes and column order."""
    columns = TABLES[table]
    folder = Path(out) / table
    if not folder.exists():
        return make_frame([], columns)
    frame = pq.read_table(folder, partitioning="hive").to_pandas()
    frame["year"] = frame["year"].astype("int64").replace(0, pd.NA)
    frame = frame[[c.name for c in columns]]
    return make_frame(frame.to_dict("records"), columns)
