"""Load Chinese government budget disclosures (部门预算公开) into exact pandas DataFrames.

>>> from helpers import load_disclosure
>>> disclosure = load_disclosure("budget.pdf")          # doctest: +SKIP
>>> disclosure.amounts                                  # every printed amount, tidy
>>> disclosure.tables["expenditure_summary"].frame      # one canonical table, wide
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from helpers.errors import (
    CorruptFileError,
    DisclosureError,
    EncryptedFileError,
    MissingFileError,
    NotADisclosureError,
    ScannedDocumentError,
    TextEncodingError,
    UnsupportedFormatError,
)

if TYPE_CHECKING:
    from helpers.checks import check, completeness, rules_frame
    from helpers.model import Disclosure, Meta, load_corpus, load_disclosure

#: Names imported on first use (PEP 562): ``import helpers`` stays free of pandas, so that
#: a process that only drives kernels or lists files (the render batch) does not load it.
_LAZY = {
    "check": "helpers.checks", "completeness": "helpers.checks",
    "rules_frame": "helpers.checks", "Disclosure": "helpers.model", "Meta": "helpers.model",
    "load_corpus": "helpers.model", "load_disclosure": "helpers.model",
}


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module 'helpers' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


__all__ = [
    "CorruptFileError",
    "Disclosure",
    "DisclosureError",
    "EncryptedFileError",
    "Meta",
    "MissingFileError",
    "NotADisclosureError",
    "ScannedDocumentError",
    "TextEncodingError",
    "UnsupportedFormatError",
    "check",
    "completeness",
    "load_corpus",
    "load_disclosure",
    "rules_frame",
]
