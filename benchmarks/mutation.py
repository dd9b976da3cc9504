"""Mutation-test one core module against its stated test selection; print its score.

Usage (from the repository root; the machine is shared, so nice it)::

    nice -n 19 .venv/bin/python benchmarks/mutation.py helpers.normalize [mutant-pattern …]
    nice -n 19 .venv/bin/python benchmarks/mutation.py --children 2 helpers.checks
    nice -n 19 .venv/bin/python benchmarks/mutation.py --sample 800 helpers.checks

``--sample N`` tests N mutants drawn at random (``--seed``, default 18) and scores only
those, with the 95 % interval of the module's kill rate: for a module whose every mutant
would take hours (checks/: ~5,000 mutants, a survivor runs ~130 tests).

mutmut runs, for each mutant, the selected tests that call the mutated function. A module
called by every document load (normalize) would otherwise run every document test for each
of its ~1,800 mutants, so each module is measured against its own selection, listed in
pyproject's ``[tool.mutation-selection]``: its tests on constructed grids and documents,
the seed, and the few small real documents those tests read — seconds, not minutes. The
shared mutmut settings (equivalent mutants, deselected slow tests, timeouts) are
``[tool.mutmut]``.

Each module runs in ``mutants-runs/<module>/`` (src, tests and data linked, pyproject
rewritten to mutate that module's files with that selection), so one module's results are
kept when another's selection changes (mutmut resets every result when its selection
does). Re-running continues where the last run stopped; ``make clean`` removes it all.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import subprocess
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = ROOT / "mutants-runs"
#: mutmut's exit-code statuses, as `mutmut results --all true` prints them.
STATUS = re.compile(r"^\s*(?P<name>\S+): (?P<status>.+)$")


def module_files(module: str) -> list[str]:
    """Return the only_mutate patterns of ``module`` ("helpers.checks" → its folder)."""
    path = Path("src", *module.split("."))
    if (ROOT / path).is_dir():
        return [f"{path}/*"]
    return [f"{path}.py"]


def mutmut_table(config: dict, module: str, selection: list[str]) -> str:
    """Return the [tool.mutmut] table of the module's run: shared settings, its files, tests."""
    settings = {**config, "only_mutate": module_files(module),
                "pytest_add_cli_args_test_selection": selection}
    lines = ["[tool.mutmut]"]
    lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in settings.items()]
    return "\n".join(lines) + "\n"


def prepare_run(module: str) -> Path:
    """Create (or refresh) the module's run folder and return it."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    project = tomllib.loads(text)
    selections = project["tool"]["mutation-selection"]
    if module not in selections:
        sys.exit(f"{module}: no test selection in [tool.mutation-selection] of pyproject.toml")
    run = RUNS / module
    run.mkdir(parents=True, exist_ok=True)
    for name in ("src", "tests", "data"):
        link = run / name
        if not link.exists():
            link.symlink_to(ROOT / name)
    start = text.index("[tool.mutmut]")
    end = text.find("\n[", start + 1)
    rest = "" if end < 0 else text[end:]
    table = mutmut_table(project["tool"]["mutmut"], module, selections[module])
    (run / "pyproject.toml").write_text(text[:start] + table + rest, encoding="utf-8")
    return run


def list_statuses(run: Path, module: str) -> dict[str, str]:
    """Return the module's mutants by name, each with its status (killed, survived …)."""
    listing = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"],
                             cwd=run, capture_output=True, text=True, check=True).stdout
    return {match["name"]: match["status"] for line in listing.splitlines()
            if (match := STATUS.match(line)) and match["name"].startswith(module + ".")}


def sample_mutants(run: Path, module: str, size: int, seed: int) -> list[str]:
    """Return ``size`` of the module's mutants drawn uniformly with ``seed`` (sorted names)."""
    names = sorted(list_statuses(run, module))
    if not names:
        sys.exit(f"{module}: no mutants listed yet; run the module once (it may be stopped as "
                 "soon as mutmut starts testing) to generate them")
    return sorted(random.Random(seed).sample(names, min(size, len(names))))


def wilson_interval(killed: int, checked: int, z: float = 1.96) -> tuple[float, float]:
    """Return the 95 % Wilson score interval of a kill rate measured on a sample."""
    if checked == 0:
        return 0.0, 1.0
    rate = killed / checked
    centre = (rate + z * z / (2 * checked)) / (1 + z * z / checked)
    half = z * math.sqrt(rate * (1 - rate) / checked + z * z / (4 * checked * checked)) / (
        1 + z * z / checked)
    return centre - half, centre + half


def main(argv: list[str]) -> None:
    """Run mutmut on one module (or the given mutant patterns of it) and print its score."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", help="e.g. helpers.normalize")
    parser.add_argument("patterns", nargs="*", help="mutant names or patterns (default: all)")
    parser.add_argument("--children", type=int, default=1,
                        help="mutants tested at once (default 1: the machine is shared)")
    parser.add_argument("--sample", type=int, metavar="N",
                        help="test N of the module's mutants drawn at random (see --seed), "
                             "and score only those")
    parser.add_argument("--seed", type=int, default=18, help="seed of --sample (default 18)")
    args = parser.parse_args(argv)
    module = args.module
    run = prepare_run(module)
    sample = sample_mutants(run, module, args.sample, args.seed) if args.sample else None
    patterns = sample or args.patterns or [f"{module}.*"]
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(args.children),
                    *patterns], cwd=run, check=False)
    minutes = (time.monotonic() - started) / 60
    statuses = list_statuses(run, module)
    counts = Counter(statuses[name] for name in sample) if sample else Counter(statuses.values())
    # a timeout is not counted as killed: mutmut's limit is wall-clock time, and on a
    # loaded machine a slow run can pass it without hanging
    killed, survived = counts["killed"], counts["survived"] + counts["no tests"]
    checked = killed + survived
    scope = (f"a sample of {len(sample)} (seed {args.seed}) of {len(statuses)} mutants"
             if sample else f"{len(statuses)} mutants in all")
    print(f"{module}: {dict(sorted(counts.items()))}")
    print(f"{module}: killed {killed} of {checked} checked ({killed / max(checked, 1):.1%}; "
          f"survived or untested {survived}, timeout {counts['timeout']}), {scope}; "
          f"this run {minutes:.1f} min")
    if sample:
        low, high = wilson_interval(killed, checked)
        print(f"{module}: 95 % interval of the module's kill rate: {low:.1%} – {high:.1%}")


if __name__ == "__main__":
    main(sys.argv[1:])
