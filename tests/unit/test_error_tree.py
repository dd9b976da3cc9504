"""Every error the package defines joins one tree under helpers.errors.BudgetNotebooksError."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import helpers
from helpers.errors import BudgetNotebooksError, DisclosureError, NotebookError
from helpers.money import AmountParseError, parse_amount


def test_every_exception_defined_in_helpers_derives_from_the_root():
    defined = {}
    for module_info in pkgutil.walk_packages(helpers.__path__, "helpers."):
        try:
            module = importlib.import_module(module_info.name)
        except ImportError:  # an optional extra (dask) that is not installed
            continue
        for name, value in vars(module).items():
            if (inspect.isclass(value) and issubclass(value, BaseException)
                    and not issubclass(value, Warning)  # warned, never raised
                    and value.__module__.startswith("helpers")):
                defined[f"{value.__module__}.{name}"] = value
    assert {"helpers.errors.NotebookError", "helpers.money.AmountRangeError"} <= set(defined)
    outside = sorted(name for name, error in defined.items()
                     if not issubclass(error, BudgetNotebooksError))
    assert outside == []


def test_a_notebook_error_is_not_a_document_error_but_shares_the_root():
    assert issubclass(NotebookError, BudgetNotebooksError)
    assert not issubclass(NotebookError, DisclosureError)
    error = NotebookError("ZeroDivisionError: division by zero")
    assert isinstance(error, BudgetNotebooksError) and error.notebook is None


def test_an_amount_that_cannot_be_read_is_in_the_tree_and_still_a_value_error():
    for text in ("12,34.5", "1" * 30):
        try:
            parse_amount(text)
        except AmountParseError as error:
            assert isinstance(error, BudgetNotebooksError) and isinstance(error, ValueError)
        else:
            raise AssertionError(f"{text!r} was read")
