"""Load Chinese government budget disclosures (部门预算公开) into exact pandas DataFrames.

>>> from helpers import load_disclosure
>>> disclosure = load_disclosure("budget.pdf")          # doctest: +SKIP
>>> disclosure.amounts                                  # every printed amount, tidy
>>> disclosure.tables["expenditure_summary"].frame      # one canonical table, wide
"""

from helpers.checks import check, completeness, rules_frame
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
from helpers.model import Disclosure, Meta, load_corpus, load_disclosure

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
