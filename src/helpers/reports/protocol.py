"""Execute a notebook's cells on a warm kernel in one request, each output routed to its cell.

nbclient's protocol sends one ``execute_request`` per cell and waits for the kernel to go
idle before the next. On a department report (eleven code cells) those round trips cost
5–8 % of the report's time on one kernel driven by an idle process, and up to a fifth
when the machine is busy (``benchmarks/bench_kernel_protocol.py``; figures in the
README). Here the engine sends one request which runs every code cell through IPython's
public ``run_cell``
(:func:`helpers.reports.kernel_state.run_cells`): each cell gets its own execution count,
its last expression displayed and its traceback, exactly as a request per cell would. A
marker output (:data:`~helpers.reports.keys.CELL_MIME`) announces each cell, and the outputs
that follow it are that cell's; the marker itself is never kept.

papermill's bookkeeping is done as papermill's own client does it: every cell is started
and completed, a failing one marked failed, through the execution manager (``nb_man``), so
the notebook's metadata and papermill's error cells are those of any papermill run; the
outputs are built with nbformat's ``output_from_msg``, display ids and ``clear_output``
handled as nbclient handles them (``tests/notebooks/test_notebooks.py`` compares the two
outputs on one notebook).

Quirks: a cell's timeout counts from its marker (a cell past it has its kernel interrupted
and shut down, as nbclient does on a timeout); cells after a failing one are never started
(papermill leaves them "pending"); widget (``comm``) messages are not kept.
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable
from typing import Any

from helpers.errors import NotebookError
from helpers.reports.keys import CELL_MIME, KERNEL_STATE

__all__ = ["execute_in_one_request", "output_logger", "reply_to"]

_RUN_CELLS = f"{KERNEL_STATE}.run_cells({{cells!r}})"
#: Seconds between two looks at whether the kernel is still alive while waiting for output.
_LIVENESS_POLL = 1.0
_OUTPUT_MESSAGES = frozenset({"stream", "display_data", "execute_result", "error"})


class _Outputs:
    """Routes the iopub messages of one request to the cells their markers announced."""

    def __init__(self, nb_man: Any, log: Callable[[Any], None]) -> None:
        self.nb_man, self.log = nb_man, log
        self.cells = nb_man.nb.cells
        self.current: int | None = None  # the cell whose outputs are arriving
        self.started = 0  # cells before this index have been started
        self.failed: int | None = None
        self.clear_before_next = False
        self.display_ids: dict[str, list[tuple[int, int]]] = {}  # id → (cell, output)

    def start(self, index: int, execution_count: int) -> None:
        """Complete the cell under way and start cell ``index`` (and any text cells before)."""
        self.complete_up_to(index)
        cell = self.cells[index]
        cell.outputs, cell.execution_count = [], execution_count
        self.nb_man.cell_start(cell, index)
        self.current, self.started, self.clear_before_next = index, index + 1, False

    def complete_up_to(self, index: int) -> None:
        """Complete the cell under way, then start and complete the cells before ``index``."""
        if self.current is not None:
            self.nb_man.cell_complete(self.cells[self.current], cell_index=self.current)
            self.current = None
        for skipped in range(self.started, index):  # text cells and empty code cells
            self.nb_man.cell_start(self.cells[skipped], skipped)
            self.nb_man.cell_complete(self.cells[skipped], cell_index=skipped)
        self.started = max(self.started, index)

    def receive(self, message: dict[str, Any]) -> None:
        """Apply one iopub message of the request to the cell under way."""
        import nbformat

        kind, content = message["msg_type"], message["content"]
        if kind == "display_data" and CELL_MIME in content.get("data", {}):
            marker = content["data"][CELL_MIME]
            self.start(marker["index"], marker["execution_count"])
            return
        if self.current is None:
            return  # before the first marker: the request's own execute_input
        transient = content.get("transient") or {}
        display_id = transient.get("display_id")
        if display_id and kind in ("display_data", "execute_result", "update_display_data"):
            self._update_display(display_id, message)
        if kind == "clear_output":
            if content.get("wait"):
                self.clear_before_next = True
            else:
                self._clear()
            return
        if kind not in _OUTPUT_MESSAGES:
            return
        output = nbformat.v4.output_from_msg(message)
        if self.clear_before_next:
            self._clear()
        outputs = self.cells[self.current].outputs
        if display_id:
            self.display_ids.setdefault(display_id, []).append((self.current, len(outputs)))
        outputs.append(output)
        if kind == "error":
            self.failed = self.current
        self.log(output)
        self.nb_man.autosave_cell()

    def finish(self) -> None:
        """Mark the failed cell, complete the last one; complete trailing text cells."""
        if self.failed is not None:
            self.nb_man.cell_exception(self.cells[self.failed], cell_index=self.failed)
            self.complete_up_to(self.failed)
        else:
            self.complete_up_to(len(self.cells))

    def _clear(self) -> None:
        self.cells[self.current].outputs = []
        self.clear_before_next = False
        for places in self.display_ids.values():
            places[:] = [place for place in places if place[0] != self.current]

    def _update_display(self, display_id: str, message: dict[str, Any]) -> None:
        import nbformat

        update = dict(message, msg_type="display_data",
                      header=dict(message["header"], msg_type="display_data"))
        output = nbformat.v4.output_from_msg(update)
        for cell, position in self.display_ids.get(display_id, []):
            shown = self.cells[cell].outputs[position]
            shown["data"], shown["metadata"] = output["data"], output["metadata"]


def execute_in_one_request(kernel: Any, nb_man: Any, timeout: float,
                           log: Callable[[Any], None] | None = None) -> Any:
    """Run ``nb_man``'s notebook on a started :class:`~helpers.reports.engine.WarmKernel`.

    Args:
        kernel: The warm kernel (started; reset by the caller).
        nb_man: papermill's execution manager of the (parameterised) notebook.
        timeout: Seconds each cell may run.
        log: Called with each output (papermill's ``log_output`` and stream files).

    Returns:
        The notebook, outputs and papermill metadata filled in.

    Raises:
        NotebookError: The kernel died, or a cell ran past ``timeout`` (the kernel is then
            shut down; it starts afresh on its next use).
    """
    cells = [(index, cell.source) for index, cell in enumerate(nb_man.nb.cells)
             if cell.cell_type == "code" and cell.source.strip()]
    for cell in nb_man.nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    outputs = _Outputs(nb_man, log or (lambda output: None))
    client = kernel.client
    request = client.execute(_RUN_CELLS.format(cells=cells), store_history=False,
                             allow_stdin=False)
    deadline = time.monotonic() + timeout
    while True:
        try:
            message = client.get_iopub_msg(timeout=_LIVENESS_POLL)
        except queue.Empty:
            _check_alive(kernel, outputs, deadline, timeout)
            continue
        if message["parent_header"].get("msg_id") != request:
            continue
        if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
            break
        before = outputs.current
        outputs.receive(message)
        if outputs.current != before:
            deadline = time.monotonic() + timeout
    outputs.finish()
    reply = reply_to(client, request, timeout)
    if reply["content"]["status"] != "ok" and outputs.failed is None:
        content = reply["content"]  # the request itself failed, between two cells
        raise NotebookError(f"{content.get('ename')}: {content.get('evalue')}"[:500])
    nb_man.nb.metadata["language_info"] = kernel.language_info()
    return nb_man.nb


def reply_to(client: Any, request: str, timeout: float) -> dict[str, Any]:
    """Return the shell channel's reply to ``request`` (earlier requests' are skipped)."""
    while True:
        try:
            reply = client.get_shell_msg(timeout=timeout)
        except queue.Empty:
            raise NotebookError("the kernel sent no reply to the notebook's request") from None
        if reply["parent_header"].get("msg_id") == request:
            return reply


def output_logger(log_output: bool = False, stdout_file: Any = None,
                  stderr_file: Any = None) -> Callable[[Any], None]:
    """Return what papermill's client does with each output (log it, copy the streams).

    Args:
        log_output: Log streams and text results to papermill's logger.
        stdout_file: A file the cells' stdout is also written to.
        stderr_file: A file the cells' stderr is also written to.
    """
    from papermill.log import logger

    def log(output: Any) -> None:
        if output.output_type == "stream":
            text = "".join(output.text)
            copy = stdout_file if output.name == "stdout" else stderr_file
            if log_output:
                (logger.info if output.name == "stdout" else logger.warning)(text)
            if copy:
                copy.write(text)
                copy.flush()
        elif log_output and "text/plain" in output.get("data", {}):
            logger.info("".join(output.data["text/plain"]))

    return log


def _check_alive(kernel: Any, outputs: _Outputs, deadline: float, timeout: float) -> None:
    """Raise when the kernel died or the cell under way is past its time."""
    where = f"cell {outputs.current + 1}" if outputs.current is not None else "the notebook"
    if not kernel.manager.is_alive():
        kernel.close()
        # messages the kernel had not sent yet died with it: the cell may be a later one
        raise NotebookError(f"the kernel died (the last cell known started: {where})")
    if time.monotonic() > deadline:
        kernel.close()
        raise NotebookError(f"{where} ran past its {timeout:g} s")
