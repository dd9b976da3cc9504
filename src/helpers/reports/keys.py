"""Names shared by the report notebooks (in the kernel) and the batch (outside it).

A leaf module: it imports nothing, so both sides read the same names without importing
each other.
"""

__all__ = ["CELL_MIME", "FINDING_COUNTS", "KERNEL_STATE", "RESULT_MIME"]

#: The MIME type of the output :func:`helpers.reports.kernel_state.publish_call` publishes:
#: the call's result as JSON.
RESULT_MIME = "application/vnd.budget-notebooks.result+json"
#: Output metadata key of :func:`helpers.report.findings_summary`: the findings per
#: severity, which the batch's index reads from each department report (so that the index
#: and the report it links to agree).
FINDING_COUNTS = "budget-notebooks/finding-counts"
#: The MIME type of the marker :func:`helpers.reports.kernel_state.run_cells` publishes as it
#: starts a notebook's cell (its index and execution count): what follows is that cell's.
CELL_MIME = "application/vnd.budget-notebooks.cell+json"
#: The kernel-side module (:mod:`helpers.reports.kernel_state`) as an expression a request
#: can start with: it imports the module where it is not imported yet.
KERNEL_STATE = "__import__('helpers.reports.kernel_state').reports.kernel_state"
