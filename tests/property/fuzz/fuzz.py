"""Fuzz the readers: mutated real and synthetic disclosures, each loaded in a child process.

Run at length by hand (``make fuzz N=5000``) or briefly from the test suite
(:mod:`test_fuzz`). Every input must end in one of two ways:

* **loaded** — :func:`helpers.load_disclosure` returned and :func:`helpers.check` ran on it;
* **typed** — a :class:`helpers.errors.DisclosureError` other than
  :class:`~helpers.errors.UnexpectedReadError` (a foreseen refusal naming the file).

Anything else is a failure, counted apart: **unexpected** (an exception of ours, wrapped
as :class:`~helpers.errors.UnexpectedReadError` at the entry point), **crash** (any other
exception, or the child died), **hang** (the child spent ``--timeout`` CPU seconds on one
input, or answered nothing for :data:`WALL_FACTOR` times that, and was killed),
and for the amount rewrites **wrong** (an equivalent rewrite read to another value, an
invalid amount read as a number, any other amount changed, or no anomaly at the cell).

Inputs: the vendored real documents (data/corpus: PDFs, the Tika seed, the Shanghai
workbook template, and the seed written as DOCX and XLSX) and the synthetic ones
(data/synthetic), mutated by :mod:`mutations`; and one amount cell of a synthetic or real
document rewritten in each of the ways of :func:`mutations.amount_rewrites`, written in
one of the four formats.

Usage::

    python tests/property/fuzz/fuzz.py --n 5000 [--seed 1] [--timeout 20] [--keep DIR]

It prints one line per failure (seed document, mutation, outcome) and the totals; the
exit code is 1 when anything failed. ``--keep DIR`` keeps the failing inputs. SIGINT
(``kill -INT``) stops the run after the input under way, with its totals printed.
"""

from __future__ import annotations

import argparse
import functools
import multiprocessing as mp
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import mutations

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "data" / "corpus"
SYNTHETIC = ROOT / "data" / "synthetic"
#: Real PDFs larger than this are left out of the mutation seeds (they take seconds each).
MAX_SEED_BYTES = 700_000
#: Memory one child may take (bytes): a reader past its limits fails here, not the machine.
CHILD_MEMORY = 3 * 2**30
FAILURES = ("unexpected", "crash", "hang", "wrong")
#: A child that answers nothing for this many times the timeout in wall-clock time is hung
#: even without spending CPU (blocked); within it, the timeout counts its CPU seconds.
WALL_FACTOR = 15


@dataclass
class Case:
    """One input: a mutated file, or an amount rewrite with what it must read as."""

    seed: str
    label: str
    path: Path
    # amount rewrites only: the baseline's amounts and the cell's printed and new text
    baseline: dict[str, str] | None = None
    equivalent: bool = False
    original: str = ""
    rewritten: str = ""


@dataclass
class Outcome:
    """What a child made of one input."""

    status: str  # loaded | typed | unexpected | crash | hang
    detail: str = ""
    amounts: dict[str, str] = field(default_factory=dict)
    anomaly_texts: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------- the child


def _relative(source: str) -> str:
    """Return an amount's source without its file name (baseline and mutant differ)."""
    return source.split(":", 1)[1] if ":" in source else source


def load_one(path: str) -> Outcome:
    """Load and check one document; say how it ended (runs in the child)."""
    from decimal import Decimal

    from helpers import check, load_disclosure
    from helpers.checks import RuleFailedWarning
    from helpers.errors import DisclosureError, UnexpectedReadError

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            disclosure = load_disclosure(path)
            check(disclosure)
        failed = [w for w in caught if issubclass(w.category, RuleFailedWarning)]
        if failed:
            return Outcome("unexpected", f"a rule failed: {str(failed[0].message)[:300]}")
    except UnexpectedReadError as error:
        return Outcome("unexpected", str(error)[:400])
    except DisclosureError as error:
        return Outcome("typed", f"{type(error).__name__}: {str(error)[:200]}")
    except Exception as error:
        frame = traceback.extract_tb(error.__traceback__)[-1]
        return Outcome("crash", f"{type(error).__name__}: {str(error)[:200]} at "
                                f"{Path(frame.filename).name}:{frame.lineno}")
    amounts = {}
    for source, amount in zip(disclosure.amounts.source, disclosure.amounts.amount_yuan,
                              strict=True):
        if not isinstance(amount, Decimal) or amount != amount.quantize(Decimal("0.01")):
            return Outcome("crash", f"amount {amount!r} at {source} is not exact yuan")
        amounts[_relative(source)] = str(amount)
    texts = [str(text) for text in disclosure.anomalies["text"].dropna()]
    return Outcome("loaded", amounts=amounts, anomaly_texts=texts)


def _child(connection, memory: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    while True:
        path = connection.recv()
        if path is None:
            return
        connection.send(load_one(path))


def _cpu_seconds(pid: int) -> float | None:
    """Return a process's CPU seconds (user + system) from /proc, None where there is none."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Runner:
    """A child process that loads documents one by one; killed and replaced on a hang."""

    def __init__(self, timeout: float, memory: int = CHILD_MEMORY) -> None:
        self.timeout = timeout
        self.memory = memory
        self.context = mp.get_context("spawn")
        self.process = None
        self.connection = None

    def _start(self) -> None:
        parent, child = self.context.Pipe()
        self.process = self.context.Process(target=_child, args=(child, self.memory),
                                            daemon=True)
        self.process.start()
        self.connection = parent
        # the child's first document pays for the imports: warm it up outside the timer
        self.connection.send(str(SYNTHETIC / "synthetic_s2024_d01_2022.txt"))
        self.connection.recv()

    def run(self, path: Path) -> Outcome:
        """Load ``path`` in the child; a hang kills it (a new one serves the next)."""
        if self.process is None or not self.process.is_alive():
            self._start()
        self.connection.send(str(path))
        started, cpu_before = time.monotonic(), _cpu_seconds(self.process.pid)
        while not self.connection.poll(0.5):
            wall = time.monotonic() - started
            cpu = _cpu_seconds(self.process.pid)
            # the child's own CPU time: a shared machine that starves it is not a hang
            spent = wall if cpu is None or cpu_before is None else cpu - cpu_before
            if spent > self.timeout or wall > self.timeout * WALL_FACTOR:
                self.stop()
                return Outcome("hang", f"no answer after {spent:.0f} s of CPU "
                                       f"({wall:.0f} s wall)")
        try:
            return self.connection.recv()
        except EOFError:
            pass
        code = self.process.exitcode
        self.stop()
        return Outcome("crash", f"the child died (exit code {code})")

    def stop(self) -> None:
        """End the child (it is ours: killed by its own handle)."""
        if self.process is not None:
            if self.process.is_alive():
                self.process.kill()
            self.process.join()
        self.process = None


# ------------------------------------------------------------------------- the inputs


def _format_of(path: Path) -> str:
    return {".txt": "txt", ".docx": "docx", ".xlsx": "xlsx", ".pdf": "pdf"}[path.suffix.lower()]


def seed_documents(work: Path) -> list[Path]:
    """Return the documents mutated: real (vendored) and synthetic, every format."""
    from helpers.readers.tika_text import read_tika_text
    from helpers.writers import write_docx, write_xlsx

    real = [path for path in sorted(CORPUS.rglob("*"))
            if path.suffix.lower() in {".pdf", ".txt", ".xlsx"}
            and path.stat().st_size <= MAX_SEED_BYTES]
    seed_raw = read_tika_text(CORPUS / "seed" / "000_673e72c434b14bd5.txt")
    real.append(write_docx(seed_raw, work / "seed_as.docx"))
    real.append(write_xlsx(seed_raw, work / "seed_as.xlsx"))
    synthetic = sorted(path for path in SYNTHETIC.iterdir()
                       if path.suffix.lower() in {".pdf", ".txt", ".docx", ".xlsx"})
    return real + synthetic


def mutated_case(seed: Path, rng: random.Random, work: Path, number: int) -> Case:
    """Mutate one seed document into a new file."""
    fmt = _format_of(seed)
    mutator = rng.choice(mutations.mutators_for(fmt))
    data, label = mutator(seed.read_bytes(), rng)
    path = work / f"m{number:05d}{seed.suffix}"
    path.write_bytes(data)
    return Case(seed.name, label, path)


class AmountCases:
    """Amount cells rewritten in a document written in each format, with baselines."""

    def __init__(self, work: Path, runner: Runner) -> None:
        from helpers.readers.tika_text import read_tika_text

        self.work = work
        self.runner = runner
        from helpers.model import build_disclosure

        sources = [CORPUS / "seed" / "000_673e72c434b14bd5.txt",
                   *sorted(SYNTHETIC.glob("*.txt"))]
        self.documents = [(path.stem, read_tika_text(path)) for path in sources]
        # the cells that print an amount: the lines (one cell each) the amounts come from
        self.amount_lines = {}
        for stem, raw in self.documents:
            amounts = build_disclosure(raw).amounts
            self.amount_lines[stem] = {int(source.split(":")[1][1:]) for source in
                                       amounts.source}
        self.baselines: dict[tuple[str, str], dict[str, str]] = {}

    def _write(self, raw, fmt: str, path: Path) -> Path:
        from helpers.synth import to_tika_text
        from helpers.writers import write_docx, write_pdf, write_xlsx

        if fmt == "txt":
            path.write_text(to_tika_text(raw), encoding="utf-8")
        elif fmt == "docx":
            write_docx(raw, path)
        elif fmt == "xlsx":
            write_xlsx(raw, path)
        else:
            write_pdf(raw, path)
        return path

    def baseline(self, stem: str, raw, fmt: str) -> dict[str, str] | None:
        key = (stem, fmt)
        if key not in self.baselines:
            path = self._write(raw, fmt, self.work / f"base_{stem}.{fmt}")
            outcome = self.runner.run(path)
            self.baselines[key] = outcome.amounts if outcome.status == "loaded" else None
        return self.baselines[key]

    def case(self, rng: random.Random, number: int) -> Case | None:
        import copy

        from helpers.raw import Cell, Grid

        stem, raw = rng.choice(self.documents)
        fmt = rng.choice(["txt", "docx", "xlsx", "pdf"])
        baseline = self.baseline(stem, raw, fmt)
        if baseline is None:
            return None
        grids = [b for b in raw.blocks if isinstance(b, Grid)]
        lines = self.amount_lines[stem]
        cells = [(g, r, c) for g, grid in enumerate(grids) for r, row in enumerate(grid.rows)
                 for c, cell in enumerate(row)
                 if cell.line in lines and mutations.is_plain_amount(cell.text)]
        g, r, c = rng.choice(cells)
        name, equivalent = rng.choice(mutations.amount_rewrites(fmt))
        original = grids[g].rows[r][c].text
        rewritten = mutations.rewrite_amount(original, name)
        mutant = copy.deepcopy(raw)
        grid = [b for b in mutant.blocks if isinstance(b, Grid)][g]
        cell = grid.rows[r][c]
        grid.rows[r][c] = Cell(rewritten, page=cell.page, line=cell.line)
        path = self._write(mutant, fmt, self.work / f"a{number:05d}.{fmt}")
        return Case(stem, f"amount_{name} {original!r}→{rewritten!r} ({fmt}, table "
                          f"{g + 1} row {r + 1} col {c + 1})", path, baseline, equivalent,
                    original, rewritten)


def judge_amounts(case: Case, outcome: Outcome) -> Outcome:
    """Hold a loaded amount rewrite against its baseline (see the module docstring)."""
    if outcome.status != "loaded":
        return outcome
    base, read = case.baseline, outcome.amounts
    changed = {k for k in base.keys() & read.keys() if base[k] != read[k]}
    added, missing = read.keys() - base.keys(), base.keys() - read.keys()
    if case.equivalent:
        if changed or added or missing:
            return Outcome("wrong", f"equivalent rewrite changed amounts: changed "
                                    f"{sorted(changed)[:3]} added {sorted(added)[:3]} "
                                    f"missing {sorted(missing)[:3]}")
        return outcome
    if changed or added:
        return Outcome("wrong", f"invalid amount read as a number: changed "
                                f"{[(k, base[k], read[k]) for k in sorted(changed)[:3]]} "
                                f"added {sorted(added)[:3]}")
    if len(missing) > 1:
        return Outcome("wrong", f"one rewritten cell lost {len(missing)} amounts: "
                                f"{sorted(missing)[:4]}")
    if not missing:  # the cell is not read as an amount in this format (nor now: no change)
        return outcome
    bare = re.sub(r"\s+", "", case.rewritten)
    if not any(re.sub(r"\s+", "", text) == bare for text in outcome.anomaly_texts):
        return Outcome("wrong", f"no anomaly holds the text {case.rewritten!r}"
                                f" (missing {sorted(missing)})")
    return outcome


# ------------------------------------------------------------------------- the run


_STOP: list[int] = []


def interrupted() -> bool:
    """Return whether SIGINT asked the run to stop (after the input under way)."""
    return bool(_STOP)


def run(n: int, seed: int = 1, timeout: float = 20.0, keep: Path | None = None,
        amount_share: float = 0.25, echo=None) -> Counter:
    """Run ``n`` inputs; return the count of each outcome (see the module docstring)."""
    echo = echo or functools.partial(print, flush=True)
    rng = random.Random(seed)
    counts: Counter = Counter()
    runner = Runner(timeout)
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    started = time.perf_counter()
    try:
        seeds = seed_documents(work)
        amounts = AmountCases(work, runner)
        number = 0
        while number < n:
            if interrupted():
                echo(f"stopped after {number} inputs (SIGINT)")
                break
            number += 1
            if rng.random() < amount_share:
                case = amounts.case(rng, number)
                if case is None:
                    number -= 1
                    continue
                outcome = judge_amounts(case, runner.run(case.path))
                counts[f"amount:{'equivalent' if case.equivalent else 'invalid'}"] += 1
            else:
                case = mutated_case(rng.choice(seeds), rng, work, number)
                outcome = runner.run(case.path)
            counts[outcome.status] += 1
            if outcome.status in FAILURES:
                echo(f"[{outcome.status}] {case.seed} {case.label}: {outcome.detail}")
                if keep is not None:
                    keep.mkdir(parents=True, exist_ok=True)
                    shutil.copy(case.path, keep / f"{outcome.status}-{case.path.name}")
            case.path.unlink(missing_ok=True)
            if number % 100 == 0:
                echo(f"… {number} inputs, {time.perf_counter() - started:.0f} s: "
                     f"{dict(counts)}")
    finally:
        runner.stop()
        shutil.rmtree(work, ignore_errors=True)
    counts["seconds"] = round(time.perf_counter() - started)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="inputs to try")
    parser.add_argument("--seed", type=int, default=1, help="random seed (reproducible runs)")
    parser.add_argument("--timeout", type=float, default=20.0, help="CPU seconds per input")
    parser.add_argument("--keep", type=Path, help="copy failing inputs here")
    args = parser.parse_args(argv)
    # a run stopped by hand (kill -INT) finishes its input and prints the exact totals
    signal.signal(signal.SIGINT, lambda *_: _STOP.append(1))
    counts = run(args.n, args.seed, args.timeout, args.keep)
    tried = sum(counts[s] for s in ("loaded", "typed", *FAILURES))
    print(f"{tried} inputs in {counts['seconds']} s: {counts['loaded']} loaded, "
          f"{counts['typed']} typed error, {counts['unexpected']} unexpected error, "
          f"{counts['crash']} crash, {counts['hang']} hang, {counts['wrong']} wrong amount "
          f"(amount rewrites: {counts['amount:equivalent']} equivalent, "
          f"{counts['amount:invalid']} invalid)")
    return 1 if any(counts[s] for s in FAILURES) else 0


if __name__ == "__main__":
    sys.exit(main())
