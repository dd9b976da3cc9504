"""Render the report notebooks to HTML in batch: ``budget-notebooks render INPUT… --out DIR``.

The batch loads every document, groups the documents by department and year, and renders a
department report per document, a year-over-year report per department with two or more
years, a cross-department report per year, and ``index.html`` linking them all. Each HTML
page hides the code (it reads like a document, with a table of contents), keeps the executed
``.ipynb`` beside it, and works offline: no script, style or font is loaded from a remote
host, and charts are embedded as ``data:`` URIs.

Why it is fast (measured in ``benchmarks/bench_render.py`` on 2 cores: 0.43 s per report
for 20 reports, 12.7–14.0× the naive loop of ``papermill`` then ``jupyter nbconvert`` per
report, which pays two interpreter starts, a kernel start and the imports of pandas and
matplotlib for every report; 0.37 s, 16×, for 60):

* Kernels are the workers (:class:`KernelExecutor`, ``--workers`` of them): each boots once,
  imports the helpers, draws a warm-up chart and snapshots itself, then loads documents for
  the index (:meth:`NotebookRunner.call`) and renders report after report, reset between
  them. This process only drives them from one thread each, through *one* reused
  :class:`nbclient.NotebookClient` per kernel (a new client per notebook leaked file
  descriptors and memory), and writes the files; it never imports pandas or matplotlib,
  and builds its HTML exporter while the kernels boot.
* A notebook goes to its kernel in one request, not cell by cell
  (:func:`helpers.kernel.run_cells`: the same outputs, without a dozen message round
  trips per report).
* The HTML export skips nbconvert's BeautifulSoup pass (:func:`_exporter`); charts are
  drawn once, placed without a layout engine and written as unfiltered PNG
  (:func:`helpers.plots.figure_png`); a process that imports nbformat does not compile
  jsonschema's IRI grammar (:func:`skip_iri_grammar`).

Where the time goes now (per department report, on one core): about 0.45 s of notebook code
in the kernel, of which the four charts take 0.33 s (building 0.12 s, drawing and PNG 0.21 s),
loading and checking the document 0.05 s; 0.03 s in this process (outputs, HTML). Per batch:
the kernels' boot (1 s of CPU each) and the cross-department report (2.3 s for 20 documents:
it loads and checks every one).

Where the work runs is an :class:`Executor`: kernels driven from this process (the default;
``--workers 0`` runs every task in the calling thread on one kernel) or a Dask cluster
(``--scheduler``, :mod:`helpers.distributed`, where each Dask worker drives its own kernel).
The batch (:func:`render`) is one code path for both: load the documents, plan, skip
unchanged reports, submit the rest and collect them as they finish (the progress bar), write
the index and manifest. Output goes to a folder or to any fsspec URL (:class:`OutputTarget`).

Reusing a kernel would leak state from one report into the next; before every notebook the
kernel is reset (:func:`helpers.kernel.kernel_reset`): ``%reset -f`` (variables; the
execution counter restarts, so every report's cells are numbered alike), the working
directory, ``sys.path``, warning filters, matplotlib ``rcParams`` (and the CJK font
registration), pandas options, pyplot figures, and the top-level names of the ``helpers``
modules are put back as they were when the kernel started. State a notebook mutates *inside*
an object of a module (``helpers.plots.COLORS["x"] = …``) is not undone; the shipped
notebooks do not do that, and ``tests/test_notebooks.py`` proves the isolation.

Safety: every text taken from a document is escaped in the HTML (the index is written here
with :func:`html.escape`; the notebooks display through :mod:`helpers.report`, which escapes
too). Output paths are built from :func:`safe_slug` names and checked to stay inside the
output folder. Files are written atomically (a temporary file, then :func:`os.replace`).

A re-run skips a report whose notebook, input documents (sha256), parameters and helper
code are unchanged and whose files are still there (``manifest.json`` in the output folder).
A document that cannot be loaded, or a report whose notebook fails, becomes an error entry in
the index; the batch goes on and the exit code is 1.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import copy
import functools
import hashlib
import html
import json
import os
import queue
import re
import sys
import tempfile
import time
import traceback
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from helpers.fonts import FONT_PATHS, LICENSE_PATH

__all__ = [
    "NOTEBOOKS_DIR",
    "DocumentEntry",
    "Job",
    "JobResult",
    "NotebookRunner",
    "RenderSummary",
    "export_html",
    "parameterize",
    "plan_jobs",
    "render",
    "safe_output_path",
    "safe_slug",
    "write_atomic",
]

#: The report notebooks shipped with the project (a source checkout or editable install).
NOTEBOOKS_DIR = Path(__file__).resolve().parents[2] / "notebooks"

#: Report kind → (notebook file, output folder, zh label, en label).
KINDS: dict[str, tuple[str, str, str, str]] = {
    "department": ("department_report.ipynb", "department", "部门报告", "department report"),
    "year_over_year": ("year_over_year.ipynb", "year_over_year", "年度对比",
                       "year over year"),
    "across_departments": ("across_departments.ipynb", "across_departments", "跨部门比较",
                           "across departments"),
}

MANIFEST = "manifest.json"
STATIC = "_static"
_WEB_FAMILIES = ("BudgetCJK", "BudgetCJKExt1", "BudgetCJKExt2")
#: CSS font stack: system CJK fonts, then the shipped CJK subset (served from _static).
#: CJK families come first: with ``system-ui`` first, Chrome kept "missing glyph" boxes for
#: text laid out before the web font arrived.
FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", ' +
              ", ".join(f'"{f}"' for f in _WEB_FAMILIES) + ", system-ui, sans-serif")
_MANIFEST_VERSION = 2
_SLUG_DROP = re.compile(r"[^\w\-]+", re.UNICODE)
_SLUG_RUNS = re.compile(r"[_\-]{2,}")
_HEADING = re.compile(r"<h([23])\b[^>]*\bid=\"([^\"]+)\"[^>]*>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_HIDDEN_TAGS = ("parameters", "injected-parameters", "remove-cell")


# --------------------------------------------------------------------------------------
# Paths and files
# --------------------------------------------------------------------------------------


def safe_slug(name: object, max_chars: int = 40) -> str:
    """Return a file-name-safe slug of ``name``, unique per name (a hash suffix).

    Letters of any script (汉字 stay), digits, ``_`` and ``-`` are kept; everything else
    (slashes, dots, spaces, control characters, markup) becomes ``_``; the result is cut to
    ``max_chars`` and followed by 8 hex digits of the name's sha256, so two names never
    share a slug and a very long name stays short.
    """
    text = unicodedata.normalize("NFKC", "" if name is None else str(name))
    slug = _SLUG_RUNS.sub("_", _SLUG_DROP.sub("_", text)).strip("_-")[:max_chars].strip("_-")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"{slug or 'untitled'}-{digest}"


def safe_output_path(out: Path, relative: str) -> Path:
    """Return ``out / relative``, refusing any path that would leave ``out``.

    Raises:
        ValueError: ``relative`` is absolute, has ``..`` parts or resolves outside ``out``.
    """
    parts = Path(relative).parts
    if Path(relative).is_absolute() or ".." in parts or any("\x00" in p for p in parts):
        raise ValueError(f"unsafe output path {relative!r}")
    root = out.resolve()
    path = (root / relative).resolve()
    if root != path and root not in path.parents:
        raise ValueError(f"output path {relative!r} leaves {root}")
    return path


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file beside it, then os.replace.

    A reader (or a crash) never sees a half-written file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


class OutputTarget:
    """Where a batch writes: a local folder, or any fsspec URL the workers can reach.

    A local folder (or a ``file://`` URL) is written with :func:`write_atomic` under
    :func:`safe_output_path`. Any other URL (``memory://``, ``s3://`` …) goes through
    :mod:`fsspec`: a file is written whole in one call (an object store's PUT is atomic) or,
    on filesystems that have real renames, to a temporary name and then moved. Relative
    paths are checked the same way in both cases: none may leave the output folder.

    The target is picklable (the URL travels, not the filesystem object), so the workers of
    a pool or a Dask cluster write their own reports.
    """

    #: fsspec protocols whose single-call write is atomic (no temporary file needed).
    _WHOLE_WRITES = frozenset({"memory", "s3", "s3a", "gs", "gcs", "az", "abfs", "abfss"})

    def __init__(self, out: str | Path) -> None:
        """Point at ``out``: a folder path or an fsspec URL."""
        text = str(out)
        self.url = text
        self.local: Path | None = None
        if "://" not in text:
            self.local = Path(text)
        elif text.startswith("file://"):
            from fsspec.implementations.local import LocalFileSystem

            self.local = Path(LocalFileSystem._strip_protocol(text))
        self._fs = None
        self._root = ""

    def __getstate__(self) -> dict[str, Any]:
        return {"url": self.url, "local": self.local}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.url, self.local = state["url"], state["local"]
        self._fs, self._root = None, ""

    def __str__(self) -> str:
        return str(self.local) if self.local is not None else self.url

    def _filesystem(self) -> tuple[Any, str]:
        if self._fs is None:
            import fsspec

            self._fs, self._root = fsspec.core.url_to_fs(self.url)
            self._root = self._root.rstrip("/")
        return self._fs, self._root

    def _remote_path(self, relative: str) -> str:
        parts = Path(relative).parts
        if (Path(relative).is_absolute() or ".." in parts or not parts
                or any("\x00" in p or "\\" in p for p in parts)):
            raise ValueError(f"unsafe output path {relative!r}")
        _, root = self._filesystem()
        return f"{root}/{Path(relative).as_posix()}"

    def location(self, relative: str) -> str:
        """Return the full path or URL of ``relative`` (checked to stay inside)."""
        if self.local is not None:
            return str(safe_output_path(self.local, relative))
        fs, _ = self._filesystem()
        return fs.unstrip_protocol(self._remote_path(relative))

    def prepare(self) -> None:
        """Create the output folder."""
        if self.local is not None:
            self.local.mkdir(parents=True, exist_ok=True)
        else:
            fs, root = self._filesystem()
            fs.makedirs(root, exist_ok=True)

    def write(self, relative: str, data: str | bytes) -> None:
        """Write ``data`` to ``relative`` atomically (readers never see half a file)."""
        if self.local is not None:
            write_atomic(safe_output_path(self.local, relative), data)
            return
        payload = data.encode("utf-8") if isinstance(data, str) else data
        fs, _ = self._filesystem()
        path = self._remote_path(relative)
        parent = path.rsplit("/", 1)[0]
        fs.makedirs(parent, exist_ok=True)
        protocols = {fs.protocol} if isinstance(fs.protocol, str) else set(fs.protocol)
        if protocols & self._WHOLE_WRITES:
            fs.pipe_file(path, payload)
            return
        temporary = f"{parent}/.{path.rsplit('/', 1)[1]}.{os.getpid()}.tmp"
        fs.pipe_file(temporary, payload)
        fs.mv(temporary, path)

    def read_bytes(self, relative: str) -> bytes | None:
        """Return the bytes of ``relative``, or None when it is not there."""
        try:
            if self.local is not None:
                return safe_output_path(self.local, relative).read_bytes()
            fs, _ = self._filesystem()
            return fs.cat_file(self._remote_path(relative))
        except (OSError, FileNotFoundError):
            return None

    def exists(self, relative: str) -> bool:
        """Return whether the file ``relative`` exists."""
        if self.local is not None:
            return safe_output_path(self.local, relative).is_file()
        fs, _ = self._filesystem()
        return fs.isfile(self._remote_path(relative))

    def size(self, relative: str) -> int | None:
        """Return the size of the file ``relative`` in bytes, or None when it is absent."""
        try:
            if self.local is not None:
                return safe_output_path(self.local, relative).stat().st_size
            fs, _ = self._filesystem()
            return fs.size(self._remote_path(relative))
        except (OSError, FileNotFoundError):
            return None




def _sha256_file(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


#: Helper modules no report depends on (changing them does not re-render).
_NOT_IN_REPORTS = {"cli.py", "synth.py", "writers.py", "fonts/build_subset.py"}


def _code_fingerprint() -> str:
    """Return a hash of the helpers package source: changed code re-renders every report."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        if path.relative_to(package).as_posix() in _NOT_IN_REPORTS:
            continue
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# --------------------------------------------------------------------------------------
# Notebooks: parameters, execution on a reused kernel, HTML
# --------------------------------------------------------------------------------------


def parameterize(notebook: Any, parameters: dict[str, Any]) -> Any:
    """Return a copy of ``notebook`` with ``parameters`` injected as papermill does.

    A code cell tagged ``injected-parameters`` is placed after the cell tagged
    ``parameters`` (replacing an earlier injected cell), assigning each parameter its
    Python literal.
    """
    import nbformat

    result = copy.deepcopy(notebook)
    cells = [c for c in result.cells
             if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    lines = ["# Parameters"] + [f"{name} = {value!r}" for name, value in parameters.items()]
    injected = nbformat.v4.new_code_cell("\n".join(lines) + "\n",
                                         metadata={"tags": ["injected-parameters"]})
    injected.pop("id", None)
    position = next((i + 1 for i, c in enumerate(cells)
                     if "parameters" in c.get("metadata", {}).get("tags", [])), 0)
    cells.insert(position, injected)
    result.cells = cells
    for index, cell in enumerate(result.cells):  # stable cell ids: no random ids in outputs
        if result.nbformat_minor >= 5:
            cell["id"] = f"cell-{index}"
    return result


_RESET_CELL = "__import__('helpers.kernel').kernel.kernel_reset({cwd!r})"
#: Run by the kernel as it boots; a failure there only reaches the kernel's log, so
#: :data:`_SNAPSHOT_CELL` checks (and snapshots if the boot line did not).
_BOOT_LINE = "__import__('helpers.kernel').kernel.kernel_snapshot()"
_SNAPSHOT_CELL = "__import__('helpers.kernel').kernel.kernel_snapshot(only_if_missing=True)"
_RUN_CELLS = "__import__('helpers.kernel').kernel.run_cells({sources!r})"
_CALL = "__import__('helpers.kernel').kernel.publish_call({function!r}, {args!r})"


class NotebookError(Exception):
    """A notebook failed; ``notebook`` holds it as executed so far (with the error output)."""

    def __init__(self, message: str, notebook: Any = None) -> None:
        super().__init__(message)
        self.notebook = notebook


class NotebookRunner:
    """Execute notebooks one after another on one kernel, reset between notebooks.

    Use as a context manager::

        with NotebookRunner() as runner:
            executed = runner.run(notebook, {"source": "a.pdf"}, cwd=Path("notebooks"))
    """

    def __init__(self, kernel_name: str = "python3", timeout: int = 600) -> None:
        """Prepare a runner; the kernel starts on :meth:`start` (or entering the context)."""
        self.kernel_name = kernel_name
        self.timeout = timeout
        self._manager = None
        self._client = None
        self._sockets: tempfile.TemporaryDirectory | None = None
        self.notebooks_run = 0

    def __enter__(self) -> NotebookRunner:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def launch(self) -> None:
        """Start the kernel process without waiting for it (it boots while we do other work)."""
        from jupyter_client.manager import KernelManager

        if self._manager is not None:
            return
        # IPC sockets in a private folder: no TCP ports, no "unencrypted TCP" warning.
        self._sockets = tempfile.TemporaryDirectory(prefix="budget-kernel-")
        self._manager = KernelManager(kernel_name=self.kernel_name, transport="ipc",
                                      ip=os.path.join(self._sockets.name, "kernel"))
        # No history database: nothing to share (or lock) between kernels, nothing on disk.
        # The kernel imports the helpers and snapshots itself while it boots (exec_lines),
        # in parallel with whatever this process does until :meth:`start`.
        self._manager.start_kernel(cwd=os.getcwd(), extra_arguments=[
            "--HistoryManager.enabled=False", f"--IPKernelApp.exec_lines={_BOOT_LINE}"])

    def start(self) -> None:
        """Start the kernel, connect the one client, and snapshot the pristine state."""
        import nbformat
        from nbclient import NotebookClient

        if self._client is not None:
            return
        self.launch()
        self._client = NotebookClient(nbformat.v4.new_notebook(), km=self._manager,
                                      timeout=self.timeout, kernel_name=self.kernel_name,
                                      allow_errors=False, record_timing=False)
        self._execute_cells([_SNAPSHOT_CELL])

    def _execute_cells(self, sources: list[str]) -> Any:
        """Execute ``sources`` as cells of a scratch notebook; return that notebook.

        Raises:
            NotebookError: A cell raised (these are the runner's own cells).
        """
        import nbformat

        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s)
                                                   for s in sources])
        self._client.nb = notebook
        self._client.execute()
        for cell in notebook.cells:
            errors = [o for o in cell.outputs if o.get("output_type") == "error"]
            if errors:
                raise NotebookError(f"{errors[0].get('ename')}: {errors[0].get('evalue')}")
        return notebook

    def call(self, function: str, *args: Any) -> Any:
        """Call ``function`` (``"module:name"``) with ``args`` in the kernel; return the result.

        The arguments travel as Python literals (their ``repr``), the result as JSON (a
        dataclass becomes a dict): see :func:`helpers.kernel.publish_call`.

        Raises:
            NotebookError: The call raised in the kernel, or the kernel died (it is started
                again by the next call or run).
        """
        from nbclient.exceptions import CellExecutionError, DeadKernelError

        from helpers.kernel import RESULT_MIME

        self.start()
        try:
            scratch = self._execute_cells([_CALL.format(function=function, args=list(args))])
        except CellExecutionError as error:
            raise NotebookError(_error_line(error)) from None
        except DeadKernelError as error:
            self.close()
            raise NotebookError(f"the kernel died: {error}") from None
        return next(o["data"][RESULT_MIME] for o in scratch.cells[0].outputs
                    if RESULT_MIME in o.get("data", {}))

    def run(self, notebook: Any, parameters: dict[str, Any] | None = None,
            cwd: Path | None = None) -> Any:
        """Execute ``notebook`` (injecting ``parameters``) and return it with its outputs.

        The kernel is reset, then runs every code cell in one request
        (:func:`helpers.kernel.run_cells`) and sends back their outputs, which are put into
        a copy of the notebook: the cells' execution counts and outputs are those a
        cell-by-cell run gives.

        Args:
            notebook: An nbformat notebook (not modified).
            parameters: Values for the notebook's ``parameters`` cell.
            cwd: Working directory of the kernel while the notebook runs.

        Raises:
            NotebookError: A cell raised; the error carries the notebook executed up to
                and including that cell (with the error output).
        """
        from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

        self.start()
        prepared = parameterize(notebook, parameters) if parameters else copy.deepcopy(notebook)
        code_cells = [c for c in prepared.cells if c.cell_type == "code"]
        try:
            self._execute_cells([_RESET_CELL.format(cwd=str(cwd or os.getcwd()))])
            scratch = self._execute_cells([_RUN_CELLS.format(
                sources=[c.source for c in code_cells])])
        except (CellExecutionError, CellTimeoutError) as error:
            raise NotebookError(_error_line(error), prepared) from None
        except DeadKernelError as error:
            self.close()
            raise NotebookError(f"the kernel died: {error}", prepared) from None
        finally:
            self.notebooks_run += 1
        return _fill_outputs(prepared, code_cells, scratch)

    def close(self) -> None:
        """Stop the client channels and shut the kernel down."""
        if self._client is not None and self._client.kc is not None:
            with contextlib.suppress(Exception):
                self._client.kc.stop_channels()
        if self._manager is not None:
            with contextlib.suppress(Exception):
                self._manager.shutdown_kernel(now=True)
            with contextlib.suppress(Exception):
                self._manager.cleanup_resources()
        self._client = self._manager = None
        if self._sockets is not None:
            self._sockets.cleanup()
            self._sockets = None


def _fill_outputs(prepared: Any, code_cells: list[Any], scratch: Any) -> Any:
    """Put the outputs :func:`helpers.kernel.run_cells` sent into the notebook's cells.

    Raises:
        NotebookError: A cell ended in an error (or the kernel sent no outputs).
    """
    import nbformat

    from helpers.kernel import CELLS_MIME

    sent = next((o["data"][CELLS_MIME] for o in scratch.cells[0].outputs
                 if CELLS_MIME in o.get("data", {})), None)
    if sent is None:
        raise NotebookError("the kernel sent no cell outputs", prepared)
    for cell, executed in zip(code_cells, sent, strict=False):
        cell.execution_count = executed["execution_count"]
        cell.outputs = [nbformat.from_dict(o) for o in executed["outputs"]]
        for output in cell.outputs:
            if output.output_type == "error":
                raise NotebookError(f"{output.ename}: {output.evalue}"[:500], prepared)
    return prepared


def _error_line(error: Exception) -> str:
    """Return the last meaningful line of a cell error (``ename: evalue``)."""
    ename, evalue = getattr(error, "ename", ""), getattr(error, "evalue", "")
    if ename:
        return f"{ename}: {evalue}"[:500]
    lines = [line for line in str(error).splitlines() if line.strip()]
    return (lines[-1] if lines else type(error).__name__)[:500]


_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block data_png -%}
{#- the lab template's block, with the image's alt text (nbconvert's generic text else) -#}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
{%- set width = output | get_metadata('width', 'image/png') %}
{%- if width is not none %} width={{ width | escape_html }}{% endif %}
 alt="{{ ((output | get_metadata('alt', 'image/png'))
          or 'No description has been provided for this image') | escape_html }}">
</div>
{%- endblock data_png -%}
{%- block extra_css -%}
<style type="text/css">
{{ resources.budget_font_css }}
body.jp-Notebook { --jp-content-font-family: {{ resources.budget_font_stack }};
  --jp-ui-font-family: {{ resources.budget_font_stack }};
  --jp-code-font-family: "DejaVu Sans Mono", "Liberation Mono", monospace,
    {{ resources.budget_font_stack }};
  font-family: {{ resources.budget_font_stack }}; }
body.jp-Notebook { max-width: 1180px; margin: 0 auto; padding: 0 1.5em 3em; }
nav.report-toc { border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa;
  padding: .6em 1.2em; margin: 1.2em 0; font-size: 14px; }
nav.report-toc ol { margin: .3em 0; padding-left: 1.4em; }
nav.report-toc li.toc-h3 { margin-left: 1.2em; list-style: circle; }
.jp-Cell-inputWrapper:empty, .jp-Cell:has(.jp-Cell-outputWrapper:empty) { display: none; }
@media print { nav.report-toc { break-after: page; } }
{{ resources.budget_extra_css }}
</style>
{%- endblock extra_css -%}
"""


#: The cells' input and output areas, which nbconvert makes focusable (``tabindex``).
_FOCUSABLE_DIV = re.compile(
    r'<div class="([^"]*\b(?:jp-OutputArea-output|jp-Cell-inputWrapper)\b[^"]*)"')


@functools.cache
def _exporter(show_code: bool = False):
    """Return the HTML exporter: no remote scripts, no prompts; code hidden unless asked.

    Reports hide code (they read like documents) and the parameters cell; a notebook shown
    with its code (the workshop's handouts) keeps the parameters cell, which readers edit.

    nbconvert's :class:`~nbconvert.HTMLExporter` ends by parsing its whole page again with
    BeautifulSoup, to give images a generic alt text and outputs a ``tabindex`` — 80 % of
    the export's time (0.05 s of 0.06 s per report, measured). This subclass skips that pass;
    the template writes the alt text (the chart's own, :func:`helpers.report.figure`) and
    :func:`export_html` adds the ``tabindex``.
    """
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
    from nbconvert.preprocessors import TagRemovePreprocessor

    class ReportExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            # HTMLExporter.from_notebook_node (nbconvert 7) without its BeautifulSoup pass.
            info = nb.metadata.get("language_info", {})
            lexer = info.get("pygments_lexer", info.get("name"))
            resources = self._init_resources(resources)
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    exporter = ReportExporter(
        template_name="lab",
        extra_loaders=[DictLoader({"budget_report.html.j2": _TEMPLATE})],
        template_file="budget_report.html.j2",
        exclude_input=not show_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        theme="light",
        language_code="zh",
    )
    hidden = set(_HIDDEN_TAGS) - ({"parameters"} if show_code else set())
    remover = TagRemovePreprocessor(remove_cell_tags=hidden, enabled=True)
    exporter.register_preprocessor(remover, enabled=True)
    return exporter


def font_css(static_prefix: str) -> str:
    """Return ``@font-face`` rules for the shipped CJK font copied under ``static_prefix``.

    The system's CJK fonts come first in :data:`FONT_STACK`; the shipped font (a local file
    beside the reports, never a remote host) is the fallback where a system has none.
    """
    rules = []
    for family, path in zip(_WEB_FAMILIES, FONT_PATHS, strict=True):
        rules.append(f'@font-face {{ font-family: "{family}"; font-display: swap; '
                     f'src: url("{static_prefix}/fonts/{path.name}") format("opentype"); }}')
    return "\n".join(rules)


def install_static(out: Path | OutputTarget) -> None:
    """Copy the shipped CJK font files (and their licence) into ``out/_static/fonts``."""
    target = out if isinstance(out, OutputTarget) else OutputTarget(out)
    for path in (*FONT_PATHS, LICENSE_PATH):
        relative = f"{STATIC}/fonts/{path.name}"
        if target.size(relative) != path.stat().st_size:
            target.write(relative, path.read_bytes())


def export_html(notebook: Any, title: str, static_prefix: str = "../" + "_static",
                show_code: bool = False, extra_css: str = "") -> str:
    """Return the HTML page of an executed notebook: code hidden, a table of contents.

    Args:
        notebook: The executed notebook.
        title: The page title (escaped here).
        static_prefix: Relative URL of the folder :func:`install_static` fills.
        show_code: Show the code cells (the workshop's handouts), not only their outputs.
        extra_css: More CSS rules for the page (trusted, the caller's own).
    """
    notebook = copy.copy(notebook)
    notebook.metadata = copy.deepcopy(notebook.metadata)
    notebook.metadata["title"] = title  # the template escapes it
    notebook.metadata.pop("widgets", None)  # widget state would pull the widget renderer
    resources = {"metadata": {"name": title}, "budget_font_stack": FONT_STACK,
                 "budget_font_css": font_css(static_prefix), "budget_extra_css": extra_css}
    body, _ = _exporter(show_code).from_notebook_node(notebook, resources=resources)
    # Inputs and outputs take the keyboard focus (wide tables scroll), as in nbconvert.
    return add_toc(_FOCUSABLE_DIV.sub(r'<div tabindex="0" class="\1"', body))


def add_toc(page: str) -> str:
    """Insert a table of contents built from the page's h2/h3 headings after ``<main>``."""
    items = []
    for level, anchor, inner in _HEADING.findall(page):
        text = html.unescape(_TAG.sub("", inner)).replace("¶", "").strip()
        if text:
            items.append(f'<li class="toc-h{level}"><a href="#{html.escape(anchor)}">'
                         f"{html.escape(text)}</a></li>")
    if not items:
        return page
    nav = ('<nav class="report-toc" aria-label="目录 Contents"><strong>目录 · Contents</strong>'
           f"<ol>{''.join(items)}</ol></nav>")
    return page.replace("<main>", "<main>" + nav, 1)


# --------------------------------------------------------------------------------------
# Planning
# --------------------------------------------------------------------------------------


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
    figures: dict[str, str | None] = field(default_factory=dict)
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


def _wan_text(value: object) -> str | None:
    from decimal import ROUND_HALF_UP, Decimal

    if value is None:
        return None
    return f"{(Decimal(value) / 10000).quantize(Decimal('0.01'), ROUND_HALF_UP):,}"


def _files(source: str | Sequence[str]) -> tuple[str, ...]:
    """Return the files of a document source: one path, or the paths of a split disclosure."""
    return (str(source),) if isinstance(source, str | Path) else tuple(map(str, source))


def _sha256_source(files: Sequence[str]) -> str:
    if len(files) == 1:
        return _sha256_file(files[0])
    return hashlib.sha256("".join(_sha256_file(f) for f in files).encode()).hexdigest()


def load_entry(source: str | Sequence[str]) -> DocumentEntry:
    """Load one document (or the files of a split disclosure) and return its entry.

    The entry holds metadata and key figures. (The finding counts of the index come from
    the document's report, which checks it against its previous year too:
    :data:`helpers.kernel.FINDING_COUNTS`.) A document that cannot be loaded returns an
    entry with ``error`` set (never raises).
    """
    files = _files(source)
    entry = DocumentEntry(path=files[0], files=files)
    try:
        entry.sha256 = _sha256_source(files)
        from helpers.model import load_disclosure

        disclosure = load_disclosure(list(files) if len(files) > 1 else files[0])
        meta = disclosure.meta
        entry.department, entry.year, entry.scope = meta.department, meta.year, meta.scope
        summary = disclosure.summary()
        entry.figures = {key: _wan_text(summary.get(f"{key}_yuan")) for key in
                         ("expenditure_total", "basic", "project", "personnel", "public")}
        entry.is_synthetic = meta.is_synthetic
    except Exception as error:  # one bad document must not stop the batch
        entry.error = f"{type(error).__name__}: {error}"[:500]
    return entry


def load_entry_on(runner: NotebookRunner, source: str | Sequence[str]) -> DocumentEntry:
    """Load one document into its entry in ``runner``'s kernel (:func:`load_entry` there).

    The kernel has pandas and the helpers imported already; this process needs neither.
    Never raises: a kernel that fails or dies gives an entry with ``error`` set.
    """
    files = _files(source)
    resolved = [str(Path(f).resolve()) for f in files]
    try:
        fields = runner.call("helpers.render:load_entry",
                             resolved[0] if len(resolved) == 1 else resolved)
    except Exception as error:  # the kernel could not start, or died
        return DocumentEntry(path=files[0], files=files,
                             error=f"{type(error).__name__}: {error}"[:500])
    return DocumentEntry(**{**fields, "path": files[0], "files": files})


def _file_names(entry: DocumentEntry) -> str:
    return " + ".join(Path(f).name for f in entry.files or (entry.path,))


def _source_parameter(entry: DocumentEntry) -> str | list[str]:
    """Return the notebook's ``source``: a resolved path, or the paths of a split disclosure."""
    resolved = [str(Path(f).resolve()) for f in entry.files or (entry.path,)]
    return resolved[0] if len(resolved) == 1 else resolved


def plan_jobs(entries: Sequence[DocumentEntry]) -> list[Job]:
    """Return the reports to render for loaded documents (entries with errors are left out).

    A department report per document (given the previous year's document of the same
    department when there is one), a year-over-year report per department with two or more
    years (one document per year: the first given), a cross-department report per year
    (fictional departments in a report of their own).
    """
    loaded = [e for e in entries if e.error is None]
    by_department: dict[str, dict[int, DocumentEntry]] = defaultdict(dict)
    by_year: dict[int | None, list[DocumentEntry]] = defaultdict(list)
    for entry in loaded:
        if entry.year is not None:
            by_department[entry.department or ""].setdefault(entry.year, entry)
        by_year[entry.year].append(entry)
    jobs: list[Job] = []
    for entry in loaded:
        earlier = by_department.get(entry.department or "", {}).get((entry.year or 0) - 1)
        name = entry.department or Path(entry.path).stem
        jobs.append(Job(
            kind="department",
            stem=f"department/{safe_slug(name)}_{entry.year or 'unknown'}_{entry.sha256[:8]}",
            title=f"{name} {entry.year or ''} 部门预算报告".replace("  ", " "),
            parameters={"source": _source_parameter(entry),
                        "previous": _source_parameter(earlier) if earlier else None},
            inputs=(*(entry.files or (entry.path,)),
                    *((earlier.files or (earlier.path,)) if earlier else ())),
            department=entry.department, year=entry.year, is_synthetic=entry.is_synthetic))
    for department, years in sorted(by_department.items()):
        if len(years) < 2:
            continue
        ordered = [years[y] for y in sorted(years)]
        jobs.append(Job(
            kind="year_over_year", stem=f"year_over_year/{safe_slug(department)}",
            title=f"{department} 年度对比 {min(years)}–{max(years)}",
            parameters={"sources": [_source_parameter(e) for e in ordered]},
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
            suffix = "_synthetic" if synthetic and len(kinds) > 1 else ""
            jobs.append(Job(
                kind="across_departments", stem=f"across_departments/{year}{suffix}",
                title=f"{year}年 跨部门比较" + ("（示例）" if synthetic else ""),
                parameters={"sources": [_source_parameter(e) for e in group]},
                inputs=tuple(f for e in group for f in e.files or (e.path,)), year=year,
                is_synthetic=synthetic))
    return jobs


# --------------------------------------------------------------------------------------
# Workers
# --------------------------------------------------------------------------------------

_NOTEBOOKS: dict[str, tuple[float, Any]] = {}


def _read_notebook(path: Path) -> Any:
    import nbformat

    mtime = path.stat().st_mtime
    cached = _NOTEBOOKS.get(str(path))
    if cached is None or cached[0] != mtime:
        cached = (mtime, nbformat.read(path, as_version=4))
        _NOTEBOOKS[str(path)] = cached
    return cached[1]


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


_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+>")


def _stable_outputs(notebook: Any) -> None:
    """Drop memory addresses from plain-text fallbacks (``<… Styler at 0x7f…>``).

    A rich output (a styled table) carries its object's default repr as ``text/plain``;
    its address changes from run to run, which would make the kept ``.ipynb`` differ
    between two renders of the same inputs.
    """
    for cell in notebook.cells:
        for output in cell.get("outputs", ()):
            data = output.get("data") or {}
            text = data.get("text/plain")
            if isinstance(text, str) and len(data) > 1 and _ADDRESS.search(text):
                data["text/plain"] = _ADDRESS.sub(">", text)


def render_job(job: Job, out: str | OutputTarget, notebooks_dir: str,
               runner: NotebookRunner) -> JobResult:
    """Execute one job's notebook on a reused kernel and write its HTML and ipynb.

    Args:
        job: The report to render.
        out: The output folder or URL (or its :class:`OutputTarget`).
        notebooks_dir: The folder of the report notebooks (on this machine).
        runner: The kernel to run on.

    Returns:
        The result; a failure is returned (with the error line), never raised.
    """
    import nbformat

    started = time.perf_counter()
    target = out if isinstance(out, OutputTarget) else OutputTarget(out)
    notebook_path = Path(notebooks_dir) / job.notebook_name
    error = None
    try:
        target.location(job.stem + ".html")  # refuse an unsafe stem before any work
        executed = runner.run(_read_notebook(notebook_path), job.parameters,
                              cwd=notebook_path.parent)
    except NotebookError as failure:
        error, executed = str(failure), failure.notebook
    except Exception as failure:  # the kernel could not start, a notebook unreadable…
        error, executed = f"{type(failure).__name__}: {failure}", None
    if executed is not None:
        try:
            _stable_outputs(executed)
            target.write(job.stem + ".ipynb", nbformat.writes(executed))
            target.write(job.stem + ".html", export_html(executed, job.title))
        except Exception as failure:
            error = error or f"{type(failure).__name__}: {failure}"
            if "--debug" in sys.argv:
                traceback.print_exc()
    return JobResult(job.stem, "failed" if error else "ok", time.perf_counter() - started,
                     error, _finding_counts(executed) if error is None else None)


def _finding_counts(notebook: Any) -> dict[str, int] | None:
    """Return the finding counts a report's outputs carry (:data:`kernel.FINDING_COUNTS`)."""
    from helpers.kernel import FINDING_COUNTS

    for cell in notebook.cells:
        for output in cell.get("outputs", ()):
            counts = output.get("metadata", {}).get(FINDING_COUNTS)
            if counts is not None:
                return dict(counts)
    return None


# --------------------------------------------------------------------------------------
# Manifest and index
# --------------------------------------------------------------------------------------


def _job_key(job: Job, notebooks_dir: Path, fingerprint: str,
             hashes: dict[str, str]) -> str:
    payload = {
        "kind": job.kind, "title": job.title, "parameters": job.parameters,
        "inputs": [hashes.get(p) or _sha256_file(p) for p in job.inputs],
        "notebook": _sha256_file(notebooks_dir / job.notebook_name),
        "code": fingerprint, "synthetic": job.is_synthetic,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False)
                          .encode("utf-8")).hexdigest()


def _read_manifest(out: OutputTarget) -> dict[str, Any]:
    try:
        manifest = json.loads((out.read_bytes(MANIFEST) or b"").decode("utf-8"))
    except ValueError:
        return {}
    if manifest.get("version") != _MANIFEST_VERSION:
        return {}
    return manifest.get("reports", {})


_INDEX_CSS = """
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


def _href(relative: str) -> str:
    return html.escape(quote(relative), quote=True)


def _link(relative: str | None, label: str) -> str:
    if not relative:
        return ""
    return f'<a href="{_href(relative)}">{html.escape(label)}</a>'


def build_index(entries: Sequence[DocumentEntry], jobs: Sequence[Job],
                results: dict[str, JobResult], elapsed: float) -> str:
    """Return ``index.html``: departments, years, key figures, finding counts, links.

    Every text from a document is escaped.
    """
    esc = html.escape
    by_source = {str(job.parameters.get("source")): job for job in jobs
                 if job.kind == "department"}
    rows = []
    failures = []
    for entry in sorted(entries, key=lambda e: (e.department or "", e.year or 0, e.path)):
        name = esc(entry.department or "—")
        badge = ('<span class="badge synthetic">示例 · synthetic</span>'
                 if entry.is_synthetic else "")
        if entry.error:
            failures.append((entry.path, entry.error))
            rows.append(f"<tr><td>{name}</td><td>{esc(str(entry.year or '—'))}</td>"
                        f'<td colspan="8" class="error">读取失败 failed to load: '
                        f"{esc(entry.error)}</td><td>{esc(_file_names(entry))}</td></tr>")
            continue
        job = by_source.get(str(_source_parameter(entry)))
        result = results.get(job.stem) if job else None
        status = ""
        links = ""
        if job is not None and result is not None:
            if result.status == "failed":
                failures.append((job.stem, result.error or ""))
                status = f'<span class="badge error">失败 failed: {esc(result.error or "")}</span>'
            links = (_link(job.stem + ".html", "报告 report") + " · "
                     + _link(job.stem + ".ipynb", ".ipynb"))
        figures = "".join(f'<td class="num">{esc(entry.figures.get(k) or "—")}</td>'
                          for k in ("expenditure_total", "basic", "project", "personnel",
                                    "public"))
        counts = result.findings if result is not None else None
        findings = ('<td class="num">' + (" / ".join(str(counts.get(s, 0)) for s in
                                                     ("error", "warning", "info"))
                                          if counts is not None else "—") + "</td>")
        rows.append(f"<tr><td>{name}{badge}</td><td>{esc(str(entry.year or '—'))}</td>"
                    f"<td>{esc({'unit': '单位', 'department': '部门'}.get(entry.scope or '', ''))}"
                    f"</td>{figures}{findings}<td>{links} {status}</td>"
                    f"<td>{esc(_file_names(entry))}</td></tr>")
    sections = []
    for kind, heading in (("year_over_year", "年度对比 · Year over year"),
                          ("across_departments", "跨部门比较 · Across departments")):
        items = []
        for job in (j for j in jobs if j.kind == kind):
            result = results.get(job.stem)
            badge = ('<span class="badge synthetic">示例 · synthetic</span>'
                     if job.is_synthetic else "")
            if result is not None and result.status == "failed":
                failures.append((job.stem, result.error or ""))
                state = f' <span class="badge error">失败 failed: {esc(result.error or "")}</span>'
            else:
                state = ""
            items.append(f"<li>{_link(job.stem + '.html', job.title)}{badge} · "
                         f"{_link(job.stem + '.ipynb', '.ipynb')}{state}</li>")
        sections.append(f"<h2>{heading}</h2>"
                        + (f"<ul>{''.join(items)}</ul>" if items else
                           '<p class="muted">无 · none</p>'))
    failed_html = ""
    if failures:
        failed_html = ("<h2>失败 · Failures</h2><ul>"
                       + "".join(f"<li><code>{esc(Path(what).name)}</code>: {esc(why)}</li>"
                                 for what, why in failures) + "</ul>")
    synthetic = ""
    if any(e.is_synthetic for e in entries):
        synthetic = ('<p class="banner">⚠ 含示例（虚构/合成）文件：标注“示例”的部门不是真实部门，'
                     "其数字仅供演示。 Contains fictional or synthetic documents (marked "
                     "“示例”): not real departments.</p>")
    years = sorted({e.year for e in entries if e.year is not None})
    departments = {e.department for e in entries if e.department}
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>部门预算报告索引 · Budget reports index</title>
<style>{font_css(STATIC)}
body {{ font-family: {FONT_STACK}; }}
{_INDEX_CSS}</style></head>
<body><main>
<h1>部门预算报告索引 · Budget disclosure reports</h1>
<p class="muted">{len(entries)} 份文件 documents · {len(departments)} 个部门 departments ·
年度 years {esc(", ".join(map(str, years)) or "—")} · 渲染用时 {elapsed:.1f} s</p>
{synthetic}
<h2>部门报告 · Department reports</h2>
<p class="muted">金额单位：万元 (10,000 yuan). 审核发现 findings: 错误 errors / 警告 warnings /
提示 info.</p>
<table>
<thead><tr><th>部门 Department</th><th>年度 Year</th><th>范围 Scope</th>
<th>支出合计 Total</th><th>基本支出 Basic</th><th>项目支出 Project</th><th>人员经费 Personnel</th>
<th>公用经费 Operating</th><th>审核发现 Findings</th><th>报告 Report</th><th>文件 File</th></tr>
</thead>
<tbody>
{"".join(rows)}
</tbody></table>
{"".join(sections)}
{failed_html}
</main></body></html>
"""


# --------------------------------------------------------------------------------------
# The batch
# --------------------------------------------------------------------------------------


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


def _progress(total: int, enabled: bool, label: str):
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency; degrade gracefully
        return contextlib.nullcontext(None)
    return tqdm(total=total, file=sys.stderr, disable=not enabled, desc=label, unit="report",
                dynamic_ncols=True, leave=True)


class Executor:
    """Where the batch's tasks run: kernels driven from this process, or a Dask cluster.

    The batch (:func:`render`) needs only this: submit a call (``submit`` returns an object
    with ``result()``), iterate over submitted calls as they finish (``as_completed``, which
    drives the progress bar), and ``close``. Each worker keeps one kernel for all the
    reports it renders: :attr:`load_task` and :attr:`render_task` are the calls the batch
    submits (a :class:`KernelExecutor` hands each to an idle kernel; a Dask worker finds its
    kernel in a worker plugin).
    """

    #: Loads one document (a path, or a split disclosure's paths) into an index entry.
    load_task: Callable[[str | tuple[str, ...]], DocumentEntry]
    #: Renders one report: ``render_task(job, target, notebooks_dir)``.
    render_task: Callable[[Job, OutputTarget, str], JobResult]

    def submit(self, function: Callable[..., Any], *args: Any, priority: int = 0) -> Any:
        """Start ``function(*args)``; higher ``priority`` runs first where supported."""
        raise NotImplementedError

    def as_completed(self, futures: Sequence[Any]) -> Iterable[Any]:
        """Yield ``futures`` as they finish."""
        raise NotImplementedError

    def close(self) -> None:
        """Stop the workers and their kernels."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Deferred:
    """A call run when its result is first asked for (the in-process executor's future)."""

    def __init__(self, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self._call: tuple[Callable[..., Any], tuple[Any, ...]] | None = (function, args)
        self._value: Any = None
        self._error: BaseException | None = None

    def result(self) -> Any:
        if self._call is not None:
            function, args = self._call
            self._call = None
            try:
                self._value = function(*args)
            except Exception as error:  # kept, re-raised to the caller like a future's
                self._error = error
        if self._error is not None:
            raise self._error
        return self._value


class KernelExecutor(Executor):
    """Run the batch on ``kernels`` Jupyter kernels driven from threads of this process.

    The kernels are the workers: each is a process of its own that loads documents and
    runs notebooks (:meth:`NotebookRunner.call`, :meth:`NotebookRunner.run`); this process
    only sends requests, receives outputs and writes the files, so a thread per kernel is
    enough and no worker process pays for importing pandas and matplotlib a second time.
    The kernels are launched at once and boot in parallel. With ``inline=True`` (one kernel,
    ``--workers 0``) every task runs in the calling thread, in submission order.
    """

    def __init__(self, kernels: int = 2, inline: bool = False) -> None:
        """Launch the kernels (and the threads that drive them)."""
        self._runners = [NotebookRunner() for _ in range(1 if inline else max(kernels, 1))]
        self._idle: queue.SimpleQueue[NotebookRunner] = queue.SimpleQueue()
        for runner in self._runners:
            runner.launch()
            self._idle.put(runner)
        self._threads = None if inline else concurrent.futures.ThreadPoolExecutor(
            max_workers=len(self._runners), thread_name_prefix="kernel")
        self.load_task = self._load
        self.render_task = self._render

    def _on_a_kernel(self, task: Callable[[NotebookRunner], Any]) -> Any:
        runner = self._idle.get()  # one task at a time per kernel
        try:
            return task(runner)
        finally:
            self._idle.put(runner)

    def _load(self, path: str | tuple[str, ...]) -> DocumentEntry:
        return self._on_a_kernel(lambda runner: load_entry_on(runner, path))

    def _render(self, job: Job, out: OutputTarget, notebooks_dir: str) -> JobResult:
        return self._on_a_kernel(lambda runner: render_job(job, out, notebooks_dir, runner))

    def submit(self, function: Callable[..., Any], *args: Any, priority: int = 0) -> Any:
        """Start ``function(*args)`` on a thread (first in, first out), or defer it inline."""
        if self._threads is None:
            return _Deferred(function, args)
        return self._threads.submit(function, *args)

    def as_completed(self, futures: Sequence[Any]) -> Iterable[Any]:
        """Yield the futures as they finish (inline: run them in order)."""
        if self._threads is not None:
            yield from concurrent.futures.as_completed(futures)
            return
        for future in futures:
            with contextlib.suppress(Exception):
                future.result()
            yield future

    def close(self) -> None:
        """Wait for the tasks, then shut the kernels down (together)."""
        if self._threads is None:
            self._runners[0].close()
            return
        for _ in self._threads.map(NotebookRunner.close, self._runners):
            pass
        self._threads.shutdown(wait=True)


def make_executor(workers: int = 2, scheduler: str | None = None) -> Executor:
    """Return the executor for ``--workers`` / ``--scheduler``.

    Args:
        workers: Kernels driven from this process (0: one kernel, every task in the
            calling thread); with ``scheduler="local"``, the LocalCluster's workers.
        scheduler: A Dask scheduler address (``tcp://host:8786``) or ``"local"``.
    """
    if scheduler:
        from helpers.distributed import DaskExecutor

        return DaskExecutor(scheduler, workers=workers)
    return KernelExecutor(workers, inline=workers <= 0)


def _load_entries(executor: Executor, paths: Sequence[str | tuple[str, ...]],
                  meanwhile: Callable[[], Any]) -> tuple[list[DocumentEntry], Any]:
    """Load the documents on the workers; run ``meanwhile`` here while they do.

    Returns:
        The entries (in the order of ``paths``) and what ``meanwhile`` returned.
    """
    futures = [executor.submit(executor.load_task, path) for path in paths]
    prepared = meanwhile()
    entries = []
    for path, future in zip(paths, futures, strict=True):
        try:
            entries.append(future.result())
        except Exception as error:  # a lost worker: this document only
            files = _files(path)
            entries.append(DocumentEntry(path=files[0], files=files,
                                         error=f"{type(error).__name__}: {error}"))
    return entries, prepared


def _prepare(target: OutputTarget, notebooks: Path, force: bool) -> tuple[str, dict[str, Any]]:
    """Do this process's one-time work of a batch; return the code fingerprint and manifest.

    Runs while the kernels boot and load the documents: the shared font files are copied,
    the report notebooks read, and the HTML exporter built and its templates compiled (with
    nbformat and nbconvert imported: 0.3 s that the first report would otherwise wait for).
    """
    import nbformat

    install_static(target)
    for kind in KINDS.values():
        _read_notebook(notebooks / kind[0])
    export_html(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## warm-up")]),
                "warm-up")
    return _code_fingerprint(), ({} if force else _read_manifest(target))


def render(inputs: Iterable[str | Path], out: str | Path, workers: int = 2,
           notebooks_dir: str | Path | None = None, progress: bool = True,
           force: bool = False,
           on_result: Callable[[JobResult], None] | None = None,
           scheduler: str | None = None,
           executor: Executor | None = None) -> RenderSummary:
    """Render every report of the documents in ``inputs`` into ``out``.

    Args:
        inputs: Files or folders (searched recursively) of disclosures.
        out: Output folder (created), or an fsspec URL the workers can write to
            (``memory://reports``, ``s3://bucket/reports`` …).
        workers: Worker processes, each with one kernel; 0 runs in this process. With
            ``scheduler="local"``: the LocalCluster's worker processes.
        notebooks_dir: Where the report notebooks are (default :data:`NOTEBOOKS_DIR`); on a
            cluster, the same path must hold them on every worker.
        progress: Show a progress bar on stderr.
        force: Render every report even when its inputs are unchanged.
        on_result: Called with each job's result as it finishes.
        scheduler: Run on a Dask cluster: a scheduler address, or ``"local"`` for a
            LocalCluster on loopback. Input documents must be readable by the workers at
            the same paths.
        executor: Use this executor (left open) instead of making one.

    Returns:
        The summary; ``summary.failed`` counts failed documents and reports.
    """
    from helpers.model import group_documents

    started = time.perf_counter()
    skip_iri_grammar()
    target = out if isinstance(out, OutputTarget) else OutputTarget(out)
    target.prepare()
    notebooks = Path(notebooks_dir or NOTEBOOKS_DIR).resolve()
    # the files of a split disclosure (narrative + tables) are one document
    paths: list[str | tuple[str, ...]] = []
    for group in group_documents([str(p) for p in inputs]):
        source = str(group[0]) if len(group) == 1 else tuple(map(str, group))
        if source not in paths:
            paths.append(source)
    owned = executor is None
    runner = make_executor(workers, scheduler) if owned else executor
    try:
        return _batch(runner, paths, target, notebooks, progress, force, on_result, started)
    finally:
        if owned:
            runner.close()


def _batch(executor: Executor, paths: Sequence[str | tuple[str, ...]], target: OutputTarget,
           notebooks: Path, progress: bool, force: bool,
           on_result: Callable[[JobResult], None] | None,
           started: float) -> RenderSummary:
    """Load, plan, skip what is unchanged, render the rest, write the index and manifest."""
    futures_entries, (fingerprint, previous) = _load_entries(
        executor, paths, lambda: _prepare(target, notebooks, force))
    seen: set[str] = set()
    entries = []
    for entry in futures_entries:  # the same file twice (a copy) is one document
        if entry.sha256 and entry.sha256 in seen and entry.error is None:
            continue
        seen.add(entry.sha256)
        entries.append(entry)
    jobs = plan_jobs(entries)
    hashes = {e.path: e.sha256 for e in entries}
    manifest: dict[str, Any] = {}
    results: dict[str, JobResult] = {}
    pending: list[Job] = []
    for job in jobs:
        key = _job_key(job, notebooks, fingerprint, hashes)
        manifest[job.stem] = {"key": key, "kind": job.kind, "title": job.title,
                              "inputs": list(job.inputs), "status": "pending"}
        old = previous.get(job.stem, {})
        if (old.get("key") == key and old.get("status") == "ok"
                and target.exists(job.stem + ".html") and target.exists(job.stem + ".ipynb")):
            results[job.stem] = JobResult(job.stem, "skipped", findings=old.get("findings"))
            manifest[job.stem].update(status="ok", findings=old.get("findings"))
        else:
            pending.append(job)
    # Longest first (cross-department and year-over-year reports load many files).
    pending.sort(key=lambda j: (j.kind == "department", -len(j.inputs)))
    with _progress(len(pending), progress and bool(pending), "render") as tracker:
        futures = {executor.submit(executor.render_task, job, target, str(notebooks),
                                   priority=len(pending) - rank): job
                   for rank, job in enumerate(pending)}
        for future in executor.as_completed(list(futures)):
            job = futures[future]
            try:
                result = future.result()
            except Exception as error:  # the worker was lost: this report only
                result = JobResult(job.stem, "failed", 0.0,
                                   f"{type(error).__name__}: {error}"[:500])
            results[result.stem] = result
            manifest[result.stem].update(status=result.status, findings=result.findings,
                                         seconds=round(result.seconds, 3))
            if result.error:
                manifest[result.stem]["error"] = result.error
            if tracker is not None:
                tracker.update(1)
            if on_result is not None:
                on_result(result)
    elapsed = time.perf_counter() - started
    target.write("index.html", build_index(entries, jobs, results, elapsed))
    target.write(MANIFEST, json.dumps({
        "version": _MANIFEST_VERSION, "code": fingerprint, "reports": manifest,
        "documents": [asdict(e) for e in entries],
    }, ensure_ascii=False, indent=1, sort_keys=True))
    index: Path | str = (target.local / "index.html" if target.local is not None
                         else target.location("index.html"))
    return RenderSummary(entries, jobs, results, index, elapsed)


def main(inputs: Sequence[str], out: str, workers: int, force: bool = False,
         progress: bool = True, scheduler: str | None = None) -> int:
    """Run the ``render`` command; return 0, or 1 when a document or report failed."""
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
            print(f"error: {entry.path}: {entry.error}", file=sys.stderr)
    for result in summary.results.values():
        if result.status == "failed":
            print(f"error: {result.stem}: {result.error}", file=sys.stderr)
    return 1 if summary.failed else 0
