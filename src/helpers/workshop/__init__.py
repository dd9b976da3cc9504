"""The fiscal-transparency workshop (``notebooks/workshop/``): its content, data and grading.

Four notebooks for a three-hour class of participants who know spreadsheets but not pandas.
The package holds everything the notebooks need besides the project's own helpers, so that
the notebooks stay thin, each module one job:

* :mod:`~helpers.workshop.content` — the course as data: the notebooks, the nine tables,
  the glossary, the hints and the questions (with how each expected value is found).
* :mod:`~helpers.workshop.datasets` — the class documents generated from a seed
  (:func:`prepare_workshop`) and the answer key of the planted defects.
* :mod:`~helpers.workshop.views` — what the notebooks display: single cells, tables, the
  glossary, hints.
* :mod:`~helpers.workshop.grading` — :func:`verify` (a filled-in answer, right or wrong,
  the expected value never shown) and :func:`check_answer` (a claimed defect against the
  answer key, revealing nothing else).
* :mod:`~helpers.workshop.build` — the participants' and the teachers' versions and their
  HTML handouts (``budget-notebooks workshop``).
"""

from helpers.workshop.content import DEFAULT_SEED, NOTEBOOKS, WORKSHOP_DIR, YEARS
from helpers.workshop.datasets import Workshop, answer_key, prepare_workshop
from helpers.workshop.grading import Verdict, check_answer, progress, verify
from helpers.workshop.views import (
    answer_sheet,
    cell,
    glossary,
    hint,
    relations,
    show,
    tables_overview,
)

__all__ = [
    "DEFAULT_SEED",
    "NOTEBOOKS",
    "WORKSHOP_DIR",
    "YEARS",
    "Verdict",
    "Workshop",
    "answer_key",
    "answer_sheet",
    "cell",
    "check_answer",
    "glossary",
    "hint",
    "prepare_workshop",
    "progress",
    "relations",
    "show",
    "tables_overview",
    "verify",
]
