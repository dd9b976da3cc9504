"""Render the report notebooks to HTML in batch: ``budget-notebooks render INPUT… --out DIR``.

The batch loads every document, plans the reports (:mod:`helpers.reports.planning`: a
department report per document, a year-over-year report per department with two or more
years, a cross-department report per year), skips those whose inputs are unchanged, renders
the rest on warm kernels (:mod:`helpers.reports.tasks`, papermill's ``warm`` engine) and
writes ``index.html`` and ``manifest.json``. Each HTML page hides the code (it reads like a
document, with a table of contents), keeps the executed ``.ipynb`` beside it, and works
offline. Output goes to a folder or to any fsspec URL
(:class:`helpers.reports.outputs.OutputTarget`).

Why it is fast (``benchmarks/bench_render.py``; figures in the README): the kernels boot once
and are reset between reports (:mod:`helpers.reports.engine`), this process never imports
pandas or matplotlib, and it reads the notebooks, copies the fonts and builds its HTML
exporter while the kernels boot and load the documents.

Failures stay small: a document that cannot be loaded, or a report whose notebook fails or
whose output path is refused, becomes an error entry in the index (the failed report's page
shows papermill's error cell); the batch goes on and the exit code is 1. Identical inputs
(the same file under two names) are rendered once and named in the index.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers.errors import one_line
from helpers.reports.executors import open_executor
from helpers.reports.index import build_index
from helpers.reports.manifest import Manifest
from helpers.reports.outputs import OutputTarget
from helpers.reports.pages import export_html, install_static
from helpers.reports.planning import (
    DocumentEntry,
    Job,
    JobResult,
    code_fingerprint,
    job_key,
    plan_jobs,
    source_files,
)
from helpers.reports.tasks import load_entry_task, render_job_task

__all__ = ["NOTEBOOKS_DIR", "RenderSummary", "main", "render", "skip_iri_grammar"]

#: The report notebooks shipped with the project (a source checkout or editable install).
NOTEBOOKS_DIR = Path(__file__).resolve().parents[3] / "notebooks"


@dataclass
class RenderSummary:
    """The outcome of a batch: documents, reports (rendered, skipped, failed)."""

    entries: list[DocumentEntry]
    jobs: list[Job]
    results: dict[str, JobResult]
    index: Path | str
    seconds: float

    @property
    def failed(self) -> int:
        """Return how many documents or reports failed."""
        return (sum(1 for e in self.entries if e.error)
                + sum(1 for r in self.results.values() if r.status == "failed"))

    def counts(self) -> dict[str, int]:
        """Return the number of reports per status."""
        counted: dict[str, int] = defaultdict(int)
        for result in self.results.values():
            counted[result.status] += 1
        return dict(counted)


def render(inputs: Iterable[str | Path], out: str | Path | OutputTarget, workers: int = 2,
           notebooks_dir: str | Path | None = None, progress: bool = True,
           force: bool = False, on_result: Callable[[JobResult], None] | None = None,
           scheduler: str | None = None,
           executor: concurrent.futures.Executor | None = None,
           per_cell: bool = False) -> RenderSummary:
    """Render every report of the documents in ``inputs`` into ``out``.

    Args:
        inputs: Files or folders (searched recursively) of disclosures.
        out: Output folder (created), or an fsspec URL the workers can write to
            (``memory://reports``, ``s3://bucket/reports`` …).
        workers: Kernels rendering in parallel (0: one kernel, one report at a time). With
            ``scheduler="local"``: the LocalCluster's worker processes.
        notebooks_dir: Where the report notebooks are (default :data:`NOTEBOOKS_DIR`); on a
            cluster, the same path must hold them on every worker.
        progress: Show a progress bar on stderr.
        force: Render every report even when its inputs are unchanged.
        on_result: Called with each job's result as it finishes.
        scheduler: Run on a Dask cluster: a scheduler address, or ``"local"`` for a
            LocalCluster on loopback. Input documents must be readable by the workers at
            the same paths.
        executor: Run the tasks on this executor (left open) instead of making one.
        per_cell: Execute the notebooks through nbclient, a request per cell, instead of
            one request each (the same outputs; ``benchmarks/bench_kernel_protocol.py``
            measures the difference).

    Returns:
        The summary; ``summary.failed`` counts failed documents and reports.
    """
    from helpers.readers import group_documents

    started = time.perf_counter()
    skip_iri_grammar()
    target = out if isinstance(out, OutputTarget) else OutputTarget(out)
    target.prepare()
    notebooks = Path(notebooks_dir or NOTEBOOKS_DIR).resolve()
    # the kernels are launched first: they boot while this process finds the documents
    with (contextlib.nullcontext(executor) if executor is not None
          else open_executor(workers, scheduler)) as running:
        # the files of a split disclosure (narrative + tables) are one document
        sources: list[str | tuple[str, ...]] = []
        for group in group_documents([str(p) for p in inputs]):
            source = str(group[0]) if len(group) == 1 else tuple(map(str, group))
            if source not in sources:
                sources.append(source)
        batch = _Batch(running, target, notebooks, force, started, per_cell)
        return batch.run(sources, progress, on_result)


def skip_iri_grammar() -> None:
    """Keep jsonschema from compiling its IRI grammar in this process (0.7 s per start).

    ``jsonschema[format-nongpl]`` (pulled in by jupyterlab and jupyter_events) imports
    ``rfc3987_syntax`` when jsonschema is imported, and that module compiles a Lark grammar
    at import: 0.7 s in every process that imports nbformat. jsonschema imports it inside
    ``suppress(ImportError)`` and uses it only to check the ``iri`` formats, which no
    notebook schema has. A batch process marks the module as absent before nbformat is
    imported; nothing else changes. (Measured: ``python -X importtime -c "import nbformat"``.)
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


class _Batch:
    """One batch's steps: load, plan, skip what is unchanged, render, index."""

    def __init__(self, executor: concurrent.futures.Executor, target: OutputTarget,
                 notebooks: Path, force: bool, started: float, per_cell: bool = False) -> None:
        self.executor, self.target, self.notebooks = executor, target, notebooks
        self.force, self.started, self.per_cell = force, started, per_cell

    def run(self, sources: Sequence[str | tuple[str, ...]], progress: bool,
            on_result: Callable[[JobResult], None] | None) -> RenderSummary:
        futures = [self.executor.submit(load_entry_task, source) for source in sources]
        manifest = self._prepare()  # while the kernels boot and load the documents
        entries = self._entries(sources, futures, manifest)
        jobs = plan_jobs(entries)
        results, pending = self._skip_unchanged(jobs, entries, manifest)
        manifest.write()
        # Longest first (cross-department and year-over-year reports load many files).
        pending.sort(key=lambda j: (j.kind == "department", -len(j.inputs)))
        with _progress(len(pending), progress and bool(pending)) as tracker:
            submitted = {self.executor.submit(render_job_task, job, self.target,
                                              str(self.notebooks), self.per_cell): job
                         for job in pending}
            for future in concurrent.futures.as_completed(submitted):
                result = _result_of(future, submitted[future])
                results[result.stem] = result
                manifest.record(result.stem, status=result.status, findings=result.findings,
                                seconds=round(result.seconds, 3))
                if result.error:
                    manifest.record(result.stem, error=result.error)
                manifest.write()  # a re-run after a kill skips what landed
                if tracker is not None:
                    tracker.update(1)
                if on_result is not None:
                    on_result(result)
        elapsed = time.perf_counter() - self.started
        self.target.write("index.html", build_index(entries, jobs, results, elapsed,
                                                    manifest.duplicates))
        manifest.write(final=True)
        index: Path | str = (self.target.local / "index.html" if self.target.local is not None
                             else self.target.location("index.html"))
        return RenderSummary(entries, jobs, results, index, elapsed)

    def _prepare(self) -> Manifest:
        """Do this process's one-time work; return the manifest (the last run's records).

        The shared font files are copied, and the HTML exporter is built and its templates
        compiled (nbformat and nbconvert imported: time the first report would wait for).
        """
        import nbformat

        install_static(self.target)
        export_html(nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_markdown_cell("## warm-up")]), "warm-up")
        return Manifest(self.target, code_fingerprint(), self.force)

    @staticmethod
    def _entries(sources: Sequence[str | tuple[str, ...]],
                 futures: Sequence[concurrent.futures.Future], manifest: Manifest
                 ) -> list[DocumentEntry]:
        """Collect the loaded documents; a copy of one already seen is named, not kept."""
        entries: list[DocumentEntry] = []
        first: dict[str, str] = {}
        for source, future in zip(sources, futures, strict=True):
            try:
                entry = future.result()
            except Exception as error:  # a lost worker: this document only
                files = source_files(source)
                entry = DocumentEntry(path=files[0], files=files,
                                      error=f"{type(error).__name__}: {error}"[:500])
            if entry.error is None:
                if entry.sha256 in first:
                    manifest.duplicates.append((entry.path, first[entry.sha256]))
                    continue
                first[entry.sha256] = entry.path
            entries.append(entry)
        manifest.documents = entries
        return entries

    def _skip_unchanged(self, jobs: Sequence[Job], entries: Sequence[DocumentEntry],
                        manifest: Manifest) -> tuple[dict[str, JobResult], list[Job]]:
        """Return the results of the unchanged reports and the jobs left to render."""
        hashes = {e.path: e.sha256 for e in entries}
        results: dict[str, JobResult] = {}
        pending: list[Job] = []
        for job in jobs:
            key = job_key(job, self.notebooks, manifest.fingerprint, hashes)
            manifest.record(job.stem, key=key, kind=job.kind, title=job.title,
                            inputs=list(job.inputs), status="pending")
            old = manifest.previous.get(job.stem, {})
            try:
                unchanged = (old.get("key") == key and old.get("status") == "ok"
                             and self.target.exists(job.stem + ".html")
                             and self.target.exists(job.stem + ".ipynb"))
            except (OSError, ValueError):  # an unsafe path: rendering will fail it alone
                unchanged = False
            if unchanged:
                results[job.stem] = JobResult(job.stem, "skipped", findings=old.get("findings"))
                manifest.record(job.stem, status="ok", findings=old.get("findings"))
            else:
                pending.append(job)
        return results, pending


def _result_of(future: concurrent.futures.Future, job: Job) -> JobResult:
    """Return a finished task's result; a lost worker fails this report only."""
    try:
        return future.result()
    except Exception as error:
        return JobResult(job.stem, "failed", 0.0, f"{type(error).__name__}: {error}"[:500])


def _progress(total: int, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, file=sys.stderr, disable=not enabled, desc="render",
                unit="report", dynamic_ncols=True, leave=True)


def main(inputs: Sequence[str], out: str, workers: int, force: bool = False,
         progress: bool = True, scheduler: str | None = None) -> int:
    """Run the ``render`` command; return its exit code.

    Returns:
        0; 1 when a document or report failed; 2 when no document could be read.
    """
    summary = render(inputs, out, workers=workers, force=force, progress=progress,
                     scheduler=scheduler)
    counts = summary.counts()
    print(f"{len(summary.entries)} documents, {len(summary.jobs)} reports: "
          f"{counts.get('ok', 0)} rendered, {counts.get('skipped', 0)} unchanged (skipped), "
          f"{counts.get('failed', 0)} failed; "
          f"{sum(1 for e in summary.entries if e.error)} documents could not be read; "
          f"{summary.seconds:.1f} s → {summary.index}")
    for entry in summary.entries:
        if entry.error:
            print(one_line(f"error: {entry.path}: {entry.error}"), file=sys.stderr)
    for result in summary.results.values():
        if result.status == "failed":
            print(one_line(f"error: {result.stem}: {result.error}"), file=sys.stderr)
    if summary.entries and all(entry.error for entry in summary.entries):
        print(f"error: no document could be read ({len(summary.entries)} found)",
              file=sys.stderr)
        return 2
    return 1 if summary.failed else 0
