"""A fixed sample of mutations, each of which must fail at least one test (issue 18).

``make mutation`` runs mutmut over the whole core and takes hours; this sample runs in
``make test``. Each case copies ``src/helpers`` to a temporary folder, makes one small,
plausible change that once passed the whole suite, and runs the tests written to catch
it against the copy: they must fail. An unchanged copy must pass them first, so a broken
harness cannot make every mutation look caught.

A case names the function whose module it changes, so code that moves (issue 14 splits
helpers.render into helpers.reports) is followed by re-pointing one import.
"""

from __future__ import annotations

import inspect
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import helpers
from helpers import analysis, codes, money, normalize
from helpers.checks import tables
from helpers.reports.outputs import safe_output_path

from conftest import ROOT

KILLS = "tests/unit/test_mutation_kills.py"


@dataclass(frozen=True)
class Mutation:
    """Replace the ``occurrence``-th (1-based) ``old`` by ``new`` in the module of ``where``."""

    name: str
    where: object
    old: str
    new: str
    tests: tuple[str, ...]
    occurrence: int = 1


def _zero(occurrence: int) -> Mutation:
    return Mutation(f"printed-zero-dropped-{occurrence}", normalize, "if value is not None:",
                    "if value:", (f"{KILLS}::test_printed_zeros",), occurrence)


def _share(old: str) -> Mutation:
    return Mutation(f"share-of-total-over-basic-{old}", analysis.personnel_vs_operating,
                    f'"share_of_total_expenditure": _ratio({old}, total_expenditure)',
                    f'"share_of_total_expenditure": _ratio({old}, basic)',
                    (f"{KILLS}::test_each_share_against_its_own_denominator",))


SAMPLE = (
    _zero(1), _zero(2), _zero(3),
    Mutation("split-code-parent-guard-dropped", codes.read_split_code,
             "if parent[3:5] != lower[0] and level == 3:", "if False:",
             (f"{KILLS}::test_garbled_class_under_a_parent_of_another_section_is_not_read",
              f"{KILLS}::test_split_code_guards_on_a_constructed_grid")),
    Mutation("rounding-tolerance-four-times-wider", tables, "(len(children) + 1) / 2",
             "(len(children) + 1) * 2", (f"{KILLS}::test_rounding_tolerance_boundary",)),
    _share("basic"), _share("amount"), _share("value"),
    Mutation("finer-than-fen-rounded", money.parse_amount, "if value != value.quantize(FEN):",
             "if False:", (f"{KILLS}::test_amounts_finer_than_a_fen_are_refused",)),
    Mutation("symlink-escape-allowed", safe_output_path,
             "if root != path and root not in path.parents:", "if False:",
             (f"{KILLS}::test_symlinked_folder_cannot_carry_a_write_out_of_out",)),
    Mutation("year-over-year-sign-flipped", analysis.year_over_year,
             "change = amount_or_zero(amount_to) - amount_or_zero(amount_from)",
             "change = amount_or_zero(amount_from) - amount_or_zero(amount_to)",
             (f"{KILLS}::test_year_over_year_change_is_later_minus_earlier",)),
)


def _copy_source(tmp_path: Path) -> Path:
    package = Path(helpers.__file__).resolve().parent
    copy = tmp_path / "src" / "helpers"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def _mutate(copy: Path, mutation: Mutation) -> None:
    source = Path(inspect.getsourcefile(mutation.where)).resolve()
    target = copy / source.relative_to(Path(helpers.__file__).resolve().parent)
    text = target.read_text(encoding="utf-8")
    parts = text.split(mutation.old)
    assert len(parts) > mutation.occurrence, (
        f"{mutation.name}: {mutation.old!r} found {len(parts) - 1} times in {source.name}; "
        "re-point the mutation after the code moved")
    head = mutation.old.join(parts[:mutation.occurrence])
    tail = mutation.old.join(parts[mutation.occurrence:])
    target.write_text(head + mutation.new + tail, encoding="utf-8")


def _run_tests(copy: Path, tests: tuple[str, ...]) -> subprocess.CompletedProcess:
    # keyword selection by test-name prefix: parametrized cases are included
    files = sorted({test.split("::")[0] for test in tests})
    names = " or ".join(test.split("::")[1] for test in tests)
    env = os.environ | {"PYTHONPATH": str(copy.parent)}
    return subprocess.run(
        [sys.executable, "-m", "pytest", *files, "-k", names, "-x", "-q", "-p",
         "no:cacheprovider", "-W", "ignore"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_the_unchanged_copy_passes_every_sample_test(tmp_path):
    copy = _copy_source(tmp_path)
    tests = tuple(sorted({test for mutation in SAMPLE for test in mutation.tests}))
    result = _run_tests(copy, tests)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert str(copy) in _imported_from(copy)


def _imported_from(copy: Path) -> str:
    env = os.environ | {"PYTHONPATH": str(copy.parent)}
    return subprocess.run([sys.executable, "-c", "import helpers; print(helpers.__file__)"],
                          env=env, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("mutation", SAMPLE, ids=[m.name for m in SAMPLE])
def test_the_mutation_fails_a_test(tmp_path, mutation):
    copy = _copy_source(tmp_path)
    _mutate(copy, mutation)
    result = _run_tests(copy, mutation.tests)
    # 1: tests ran and failed (2-5 would be an error of the harness, not a kill)
    assert result.returncode == 1, (
        f"{mutation.name} survived:\n{result.stdout[-3000:]}{result.stderr[-2000:]}")
