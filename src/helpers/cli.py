"""The ``budget-notebooks`` command line.

Commands:
    parse FILE [--format table|csv|json]   print every amount of one document
    summary FILE_OR_FOLDER…                 print the headline figures of each document

Every :class:`~helpers.errors.DisclosureError` becomes one line on stderr and exit code 2;
an unexpected error (a bug) one line and exit code 3. No traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from decimal import Decimal

import pandas as pd

from helpers.errors import DisclosureError
from helpers.model import list_documents, load_disclosure
from helpers.money import to_wan


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if pd.isna(value):
        return None
    raise TypeError(f"cannot serialise {type(value).__name__}")


def print_amounts(path: str, output_format: str) -> None:
    """Print the tidy amounts of one document in the requested format."""
    amounts = load_disclosure(path).amounts
    if output_format == "csv":
        amounts.to_csv(sys.stdout, index=False)
    elif output_format == "json":
        records = amounts.astype(object).where(amounts.notna(), None).to_dict("records")
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1, default=_json_default)
        sys.stdout.write("\n")
    else:
        with pd.option_context("display.max_rows", None, "display.width", 200,
                               "display.max_colwidth", 40):
            print(amounts.drop(columns=["source"]).to_string(index=False))


def _wan(value: object) -> str:
    return "—" if value is None else f"{to_wan(value):,.2f}"


def print_summary(paths: Sequence[str]) -> int:
    """Print the headline figures (万元) of every document; return how many failed."""
    failures = 0
    for path in list_documents(list(paths)):
        try:
            disclosure = load_disclosure(path)
        except DisclosureError as error:
            print(f"error: {error}", file=sys.stderr)
            failures += 1
            continue
        figures = disclosure.summary()
        print(f"{path.name}: {figures['department']} {figures['year']} "
              f"({disclosure.meta.scope}, {disclosure.meta.format})")
        print(f"  收入总计 income total       {_wan(figures['income_total_yuan']):>14} 万元")
        print(f"  支出合计 expenditure total  {_wan(figures['expenditure_total_yuan']):>14} 万元")
        print(f"  基本支出 basic / 项目支出 project  {_wan(figures['basic_yuan'])} / "
              f"{_wan(figures['project_yuan'])} 万元")
        print(f"  人员经费 personnel / 公用经费 operating  {_wan(figures['personnel_yuan'])} / "
              f"{_wan(figures['public_yuan'])} 万元")
        print(f"  {figures['tables']} tables, {figures['amounts']} amounts, "
              f"{figures['anomalies']} anomalies")
    return failures


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser."""
    parser = argparse.ArgumentParser(prog="budget-notebooks", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="print every amount of one document")
    parse.add_argument("file")
    parse.add_argument("--format", choices=["table", "csv", "json"], default="table")
    summary = commands.add_parser("summary", help="print headline figures of documents")
    summary.add_argument("paths", nargs="+", help="files or folders")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "parse":
            print_amounts(args.file, args.format)
            return 0
        return 1 if print_summary(args.paths) else 0
    except DisclosureError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head`: not an error of ours
        sys.stderr.close()
        return 0
    except Exception as error:  # a bug of ours: say so in one line, not a traceback
        print(f"internal error ({type(error).__name__}: {error}); please report it with "
              "the input file", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
