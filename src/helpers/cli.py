"""The ``budget-notebooks`` command line.

Commands:
    parse FILE… [--format table|csv|json]  print every amount of a document
    summary FILE_OR_FOLDER…                 print the headline figures of each document
    check FILE… [--previous FILE]… [--format table|csv|json]
                                            audit documents; exit 1 when there are errors
    survey FILE_OR_FOLDER… [--format table|csv|json]
                                            one row per document: loaded or refused,
                                            metadata, tables recognised, anomalies, errors;
                                            exit 1 when a document did not load
    rules [--format table|csv|json]         list the audit rule catalog
    synth --out DIR [--seed N] [--departments K] [--years Y…] [--formats F…] [--mixed]
          [--defects]                       write synthetic documents (and answer keys)
    render INPUT… --out DIR [--workers N] [--scheduler ADDRESS|local]
                                            render the HTML reports and index.html;
                                            exit 1 when a document or report failed
    dataset FILE_OR_FOLDER… --out DIR       write a Parquet dataset (amounts, findings, …)
    export FILE_OR_FOLDER… [--excel X.xlsx] [--fdp DIR] [--unit 元|万元]
    workshop --out DIR [--solutions] [--seed N]
                                            render the workshop notebooks (participants'
                                            version, or the teachers' solutions) and data

The files of one disclosure published apart (Beijing's narrative "-txt" and tables "-tbl")
are read as one wherever several files or a folder are given
(:func:`helpers.readers.group_documents`).

Exit codes, the same for every command (:data:`EXIT_CODES`, printed by ``--help``): 0 done;
1 findings or failures (``check`` found errors, a document of several could not be read,
a report failed); 2 bad input, nothing done (a missing path, no document found, a wrong
option, an extra not installed, or no document given could be read); 3 a bug of ours. Every
error is one line on stderr; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers.errors import BudgetNotebooksError, DisclosureError, one_line

if TYPE_CHECKING:
    import pandas as pd

    from helpers.model import Disclosure

#: The exit codes of every command.
EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_BUG = 0, 1, 2, 3
EXIT_CODES = """exit codes (every command):
  0  done, nothing to report
  1  findings or failures: check found errors, survey refused a document, a document of
     several could not be read (the others were done), a report failed
  2  bad input, nothing done: a missing file or folder, no document found, a wrong option,
     an extra not installed, or no document given could be read
  3  internal error (a bug: please report it with the input file)"""
#: Modules of the optional extras → the extra that installs them (pyproject.toml).
EXTRA_OF_MODULE = {"dask": "dask", "distributed": "dask", "playwright": "dev",
                   "duckdb": "dev", "frictionless": "dev", "mutmut": "mutation"}
_PACKAGE = "budget-disclosure-notebooks"


class BadInputError(BudgetNotebooksError):
    """The command cannot start on its input (exit code 2); the message says why."""

# The data commands import pandas and the helpers where they run: ``render`` only drives
# kernels, and its batch process starts faster without them.


def say_error(message: str) -> None:
    """Print one line to stderr (control characters escaped, see :func:`one_line`)."""
    print(one_line(message), file=sys.stderr)


def _json_default(value: object) -> object:
    import pandas as pd

    if isinstance(value, Decimal):
        return str(value)
    if pd.isna(value):
        return None
    raise TypeError(f"cannot serialise {type(value).__name__}")


def print_frame(frame: pd.DataFrame, output_format: str, hide: tuple[str, ...] = ()) -> None:
    """Print a frame as CSV, JSON records (exact decimals as strings) or a text table."""
    import pandas as pd

    if output_format == "csv":
        from helpers.export import csv_safe

        texts = [c for c in frame.columns if frame[c].dtype in (object, "string")]
        frame.assign(**{c: frame[c].map(csv_safe) for c in texts}).to_csv(sys.stdout,
                                                                         index=False)
    elif output_format == "json":
        records = frame.astype(object).where(frame.notna(), None).to_dict("records")
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1, default=_json_default)
        sys.stdout.write("\n")
    else:
        with pd.option_context("display.max_rows", None, "display.width", 200,
                               "display.max_colwidth", 60):
            print(frame.drop(columns=list(hide)).to_string(index=False))


def _file_names(disclosure: Disclosure) -> str:
    """Return the file names of one disclosure, joined as in ``Meta.source``."""
    from helpers.model import SOURCE_SEPARATOR

    return SOURCE_SEPARATOR.join(Path(path).name for path in
                                 disclosure.meta.source.split(SOURCE_SEPARATOR))


def find_documents(paths: Sequence[str]) -> list[tuple[Path, ...]]:
    """Return the documents named or found in folders, the files of one disclosure together.

    Raises:
        BadInputError: A path does not exist, or no document is found.
    """
    from helpers.readers import DOCUMENT_SUFFIXES, group_documents

    missing = [path for path in paths if not Path(path).exists()]
    if missing:
        raise BadInputError(f"no such file or folder: {', '.join(missing)}")
    groups = group_documents(list(paths))
    if not groups:
        raise BadInputError(f"no documents found in {' '.join(paths)} (looked for "
                            f"{', '.join(sorted(DOCUMENT_SUFFIXES))} files)")
    return groups


def load_documents(paths: Sequence[str]) -> tuple[list[Disclosure], int]:
    """Load every document of ``paths``; return them and how many could not be read.

    A document that cannot be read is one line on stderr; the others are loaded.

    Raises:
        BadInputError: No document is found, or none of several could be read.
        DisclosureError: The only document cannot be read.
    """
    from helpers.model import load_disclosure

    groups = find_documents(paths)
    if len(groups) == 1:  # one document: its own error is the one line
        return [load_disclosure(groups[0])], 0
    disclosures = []
    for group in groups:
        try:
            disclosures.append(load_disclosure(group))
        except DisclosureError as error:
            say_error(f"error: {error}")
    if not disclosures:
        raise BadInputError(f"no document could be read ({len(groups)} found)")
    return disclosures, len(groups) - len(disclosures)


def print_amounts(paths: Sequence[str], output_format: str) -> int:
    """Print the tidy amounts of documents (a disclosure's files read as one).

    Returns:
        1 when a document could not be read, else 0.
    """
    import pandas as pd

    disclosures, failures = load_documents(paths)
    frames = [disclosure.amounts for disclosure in disclosures]
    amounts = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    print_frame(amounts, output_format, hide=("source",))
    return EXIT_FINDINGS if failures else EXIT_OK


def check_documents(paths: Sequence[str], previous: str | Sequence[str] | None,
                    output_format: str) -> int:
    """Audit documents and print the findings; return 1 on an error finding or failure.

    Each document is checked against ``previous`` when given (one file, or the files of
    one disclosure), else against the document of the same department one year earlier
    among ``paths``, when there is one.
    """
    import pandas as pd

    from helpers.checks import check
    from helpers.corpus import pair_previous
    from helpers.model import load_disclosure

    disclosures, failures = load_documents(paths)
    if isinstance(previous, str):
        previous = [previous]
    explicit = load_disclosure(list(previous)) if previous else None
    frames = [check(disclosure, previous=explicit or earlier)
              for disclosure, earlier in pair_previous(disclosures)]
    findings = pd.concat(frames, ignore_index=True)
    if output_format == "table":
        print_findings(findings)
    else:
        print_frame(findings, output_format)
    return EXIT_FINDINGS if failures or (findings.severity == "error").any() else EXIT_OK


def print_findings(findings: pd.DataFrame) -> None:
    """Print findings for a person: one block per document, one line per finding."""
    from helpers.checks.core import SEVERITIES

    if findings.empty:
        print("no findings: every rule that applies holds")
        return
    for file, group in findings.groupby("file", sort=False):
        counts = group.severity.value_counts()
        print(f"{file}: " + ", ".join(f"{counts.get(s, 0)} {s}" for s in SEVERITIES))
        for row in group.itertuples():
            print(f"  [{row.severity:7s}] {row.rule_id} {row.message_zh}")
            print(f"            {row.message_en}")
            print(f"            at {row.locations}")


def _wan(value: object) -> str:
    from helpers.money import to_wan

    return "—" if value is None else f"{to_wan(value):,.2f}"


def print_summary(paths: Sequence[str]) -> int:
    """Print the headline figures (万元) of every document; 1 when one could not be read."""
    disclosures, failures = load_documents(paths)
    for disclosure in disclosures:
        figures = disclosure.summary()
        print(f"{_file_names(disclosure)}: {figures['department']} {figures['year']} "
              f"({disclosure.meta.scope}, {disclosure.meta.format})")
        print(f"  收入总计 income total       {_wan(figures['income_total_yuan']):>14} 万元")
        print(f"  支出合计 expenditure total  {_wan(figures['expenditure_total_yuan']):>14} 万元")
        print(f"  基本支出 basic / 项目支出 project  {_wan(figures['basic_yuan'])} / "
              f"{_wan(figures['project_yuan'])} 万元")
        print(f"  人员经费 personnel / 公用经费 operating  {_wan(figures['personnel_yuan'])} / "
              f"{_wan(figures['public_yuan'])} 万元")
        print(f"  {figures['tables']} tables, {figures['amounts']} amounts, "
              f"{figures['anomalies']} anomalies")
    return EXIT_FINDINGS if failures else EXIT_OK


def export_documents(args: argparse.Namespace) -> int:
    """Export documents to an Excel workbook and/or a Fiscal Data Package."""
    from helpers.export import to_excel, to_fiscal_data_package

    if not args.excel and not args.fdp:
        raise BadInputError("give --excel PATH and/or --fdp DIR")
    disclosures, failures = load_documents(args.paths)
    if args.excel:
        print(f"wrote {to_excel(disclosures, args.excel)}")
    if args.fdp:
        print(f"wrote {to_fiscal_data_package(disclosures, args.fdp, unit=args.unit)}")
    return EXIT_FINDINGS if failures else EXIT_OK


def write_dataset_of(paths: Sequence[str], out: str) -> int:
    """Write the Parquet dataset of the documents that can be read."""
    from helpers.dataset import write_disclosures

    disclosures, failures = load_documents(paths)
    metadata = write_disclosures(disclosures, out)
    print(f"wrote {len(metadata)} documents to {out}")
    return EXIT_FINDINGS if failures else EXIT_OK


def survey_documents(paths: Sequence[str], output_format: str, progress: bool = True) -> int:
    """Print the survey of documents and its summary line.

    Returns:
        0 when every document loaded, 1 when one was refused or crashed, 2 when none
        loaded.

    Raises:
        BadInputError: A path does not exist, or no document is found.
    """
    from helpers.survey import print_survey, summary_line, survey

    find_documents(paths)
    frame = survey(list(paths), progress=progress)
    if output_format == "table":
        print_survey(frame)
        print(summary_line(frame))
    else:  # keep stdout machine-readable: the summary goes to stderr
        print_frame(frame, output_format)
        print(summary_line(frame), file=sys.stderr)
    loaded = (frame.status == "loaded").sum()
    if not loaded:
        say_error(f"error: no document could be read ({len(frame)} found)")
        return EXIT_BAD_INPUT
    return EXIT_OK if loaded == len(frame) else EXIT_FINDINGS


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser."""
    parser = argparse.ArgumentParser(prog="budget-notebooks", description=__doc__.splitlines()[0],
                                     epilog=EXIT_CODES,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version",
                        version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)

    def add_command(name: str, **kw: Any) -> argparse.ArgumentParser:
        return commands.add_parser(name, epilog=EXIT_CODES,
                                   formatter_class=argparse.RawDescriptionHelpFormatter, **kw)

    parse = add_command("parse", help="print every amount of a document")
    parse.add_argument("files", nargs="+", help="the document (several files of one "
                                                "disclosure are read as one)")
    parse.add_argument("--format", choices=["table", "csv", "json"], default="table")
    summary = add_command("summary", help="print headline figures of documents")
    summary.add_argument("paths", nargs="+", help="files or folders")
    audit = add_command("check", help="audit documents (勾稽关系); exit 1 on errors")
    audit.add_argument("paths", nargs="+", help="files or folders")
    audit.add_argument("--previous", action="append",
                       help="the previous year's document, for stated changes (repeat it "
                            "for each file of a disclosure published as several)")
    audit.add_argument("--format", choices=["table", "csv", "json"], default="table")
    inspect = add_command("survey", help="one row per document: loaded or refused, "
                                                 "tables recognised, anomalies, errors")
    inspect.add_argument("paths", nargs="+", help="files or folders")
    inspect.add_argument("--format", choices=["table", "csv", "json"], default="table")
    inspect.add_argument("--no-progress", action="store_true", help="no progress bar")
    dataset = add_command("dataset", help="write a Parquet dataset of documents")
    dataset.add_argument("paths", nargs="+", help="files or folders")
    dataset.add_argument("--out", required=True, help="dataset folder")
    export = add_command("export", help="export documents to Excel or a Fiscal Data "
                                                "Package")
    export.add_argument("paths", nargs="+", help="files or folders")
    export.add_argument("--excel", help="workbook to write (.xlsx)")
    export.add_argument("--fdp", help="folder for datapackage.json + amounts.csv")
    export.add_argument("--unit", choices=["元", "万元"], default="元",
                        help="unit of the Fiscal Data Package amounts")
    rules = add_command("rules", help="list the audit rules")
    rules.add_argument("--format", choices=["table", "csv", "json"], default="table")
    synth = add_command("synth", help="write synthetic documents of fictional departments")
    synth.add_argument("--out", required=True, help="output folder")
    synth.add_argument("--seed", type=int, default=2024)
    synth.add_argument("--departments", type=int, default=4)
    synth.add_argument("--years", type=int, nargs="+", default=[2022, 2023, 2024])
    synth.add_argument("--formats", nargs="+", default=["txt", "docx", "xlsx", "pdf"],
                       choices=["txt", "docx", "xlsx", "pdf"],
                       help="formats of each document (default all four: render reports "
                            "each department-year once and lists the other files)")
    synth.add_argument("--mixed", action="store_true", help="one format per document, in turn")
    synth.add_argument("--defects", action="store_true",
                       help="plant defects and write answer keys (<stem>.answers.json)")
    render = add_command("render", help="render HTML reports of documents (batch)")
    render.add_argument("paths", nargs="+", help="files or folders")
    render.add_argument("--out", default="outputs", help="output folder (default outputs/)")
    render.add_argument("--workers", type=int, default=2,
                        help="kernels rendering in parallel (0: one kernel, one report "
                             "after another); with --scheduler local, the cluster's workers")
    render.add_argument("--scheduler", metavar="ADDRESS",
                        help="render on a Dask cluster: a scheduler address "
                             "(tcp://host:8786) or 'local' (a LocalCluster of --workers "
                             "processes on loopback); needs the dask extra")
    render.add_argument("--force", action="store_true", help="re-render unchanged reports")
    render.add_argument("--no-progress", action="store_true", help="no progress bar")
    teach = add_command("workshop", help="render the workshop notebooks and datasets")
    teach.add_argument("--out", required=True, help="output folder")
    teach.add_argument("--solutions", action="store_true",
                       help="render the teachers' solutions (executed, with the answer key)")
    teach.add_argument("--seed", type=int, default=2024,
                       help="generator seed of the class datasets (another seed, new exercises)")
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(_PACKAGE)
    except PackageNotFoundError:  # run from a source tree that is not installed
        return "(not installed)"


def _missing_extra(error: ModuleNotFoundError) -> str | None:
    """Return which extra installs the module an import missed (None: not an extra's)."""
    module = (error.name or "").split(".")[0]
    extra = EXTRA_OF_MODULE.get(module)
    if extra is None:
        return None
    return (f"error: {module} is not installed: it comes with the {extra} extra "
            f"(pip install -e '.[{extra}]' in the project folder, or "
            f"pip install '{_PACKAGE}[{extra}]')")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (:data:`EXIT_CODES`)."""
    args = build_parser().parse_args(argv)
    try:
        return run_command(args)
    except BadInputError as error:
        say_error(f"error: {error}")
        return EXIT_BAD_INPUT
    except DisclosureError as error:
        say_error(f"error: {error}")
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # output piped into `head`: not an error of ours
        sys.stderr.close()
        return EXIT_OK
    except Exception as error:  # an extra not installed, or a bug of ours: one line
        extra = _missing_extra(error) if isinstance(error, ModuleNotFoundError) else None
        if extra is not None:
            say_error(extra)
            return EXIT_BAD_INPUT
        say_error(f"internal error ({type(error).__name__}: {error}); please report it with "
                  "the input file")
        return EXIT_BUG


def run_command(args: argparse.Namespace) -> int:
    """Run one parsed command; return its exit code."""
    if args.command == "parse":
        return print_amounts(args.files, args.format)
    if args.command == "check":
        return check_documents(args.paths, args.previous, args.format)
    if args.command == "survey":
        return survey_documents(args.paths, args.format, progress=not args.no_progress)
    if args.command == "dataset":
        return write_dataset_of(args.paths, args.out)
    if args.command == "export":
        return export_documents(args)
    if args.command == "render":
        from helpers.reports.batch import main as render_main

        find_documents(args.paths)
        return render_main(args.paths, args.out, max(args.workers, 0), force=args.force,
                           progress=not args.no_progress, scheduler=args.scheduler)
    if args.command == "workshop":
        from helpers.workshop.build import render_workshop

        written = render_workshop(args.out, args.seed, args.solutions)
        print(f"wrote {len(written)} files to {args.out}")
        return EXIT_OK
    if args.command == "rules":
        from helpers.checks import rules_frame

        print_frame(rules_frame(), args.format)
        return EXIT_OK
    if args.command == "synth":
        from helpers.synth import write_corpus

        paths = write_corpus(args.out, args.seed, args.departments, tuple(args.years),
                             tuple(args.formats), args.defects, args.mixed)
        print(f"wrote {len(paths)} files to {args.out}")
        return EXIT_OK
    return print_summary(args.paths)


if __name__ == "__main__":
    sys.exit(main())
