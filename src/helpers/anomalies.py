"""Tolerated problems found while loading, each with the location it concerns.

An anomaly is not an error: the document still loads, and the anomaly says what was odd and
where, so that nothing is dropped silently. Kinds are a small fixed vocabulary
(:data:`ANOMALY_KINDS`) so that tests and reports can select them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

import pandas as pd

#: kind → what it means.
ANOMALY_KINDS: dict[str, str] = {
    "text_in_number": "text where an amount belongs (the cell is not read as a number)",
    "amount_out_of_range": "a number beyond the largest amount held (about 10¹⁶ yuan; "
                           "helpers.money.MAX_AMOUNT_YUAN): not read",
    "malformed_code": "a classification code that cannot be read",
    "repaired_code": "a classification code printed wrongly and read as its evident value",
    "duplicate_paragraph": "a paragraph repeated (copy-paste residue)",
    "unrecognized_table": "a table that matches no known kind (kept, not analysed)",
    "unmapped_column": "a table column whose header matches no known measure",
    "table_unreadable": "a table that could not be read reliably (not checked; says why)",
    "unparsed_row": "a table row that could not be read (its cells are listed)",
    "empty_note_with_figures": "a note says the table is empty, yet it prints figures",
    "placeholder": "a template placeholder (XX, ××) where a figure belongs",
    "truncated": "the document ends inside a table or block",
    "metadata": "department, year or unit could not be found or disagree",
    "unparsed_figure": "a narrative figure that could not be read",
}


@dataclass(frozen=True)
class Anomaly:
    """One tolerated problem and where it is.

    Attributes:
        kind: A key of :data:`ANOMALY_KINDS`.
        message: What is odd, for a person (Chinese terms kept as printed).
        file: Source file name.
        page: 1-based page (paged formats).
        line: 1-based line (text exports).
        table: Table kind or title.
        row: 1-based body row within the table.
        column: Column label or 1-based index.
        text: The offending text as printed.
    """

    kind: str
    message: str
    file: str | None = None
    page: int | None = None
    line: int | None = None
    table: str | None = None
    row: int | None = None
    column: str | None = None
    text: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in ANOMALY_KINDS:
            raise ValueError(f"unknown anomaly kind {self.kind!r}")


ANOMALY_COLUMNS = [field.name for field in fields(Anomaly)]


def anomalies_frame(anomalies: list[Anomaly]) -> pd.DataFrame:
    """Return anomalies as a DataFrame with one row each (columns as :class:`Anomaly`)."""
    return pd.DataFrame([asdict(a) for a in anomalies], columns=ANOMALY_COLUMNS)
