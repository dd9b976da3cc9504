"""The command line: one exit-code convention for every command, ``--version``, clear errors.

0 done; 1 findings or failures (a document of several could not be read, ``check`` found
errors, a report failed); 2 bad input (a missing path, no document, a wrong option, an extra
not installed, or no document given could be read); 3 a bug. Each command is run on the
same inputs: an empty folder, a folder of junk, a good document beside junk, a good one.
(``check`` exiting 1 on error findings: tests/test_checks.py; ``render`` on a failed report:
tests/test_report_render.py.)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from helpers import cli
from helpers.cli import EXIT_CODES, main

from conftest import DEMO_BUDGET as DEMO

BIN = Path(sys.executable).parent


def arguments(command: str, folder: Path, out: Path) -> list[str]:
    """Return the command line of one command on ``folder`` (outputs under ``out``)."""
    extra = {"dataset": ["--out", str(out / "ds")], "export": ["--excel", str(out / "x.xlsx")],
             "render": ["--out", str(out / "r"), "--workers", "0", "--no-progress"],
             "survey": ["--no-progress"]}.get(command, [])
    return [command, str(folder), *extra]


READERS = ["parse", "summary", "check", "survey", "dataset", "export"]


@pytest.fixture
def folders(tmp_path):
    empty, junk, mixed, good = (tmp_path / name for name in ("empty", "junk", "mixed", "good"))
    for folder in (empty, junk, mixed, good):
        folder.mkdir()
    (junk / "junk.txt").write_text("这不是预算文件。\n", encoding="utf-8")
    (junk / "junk2.txt").write_text("也不是。\n", encoding="utf-8")
    shutil.copy(junk / "junk.txt", mixed / "junk.txt")
    shutil.copy(DEMO, mixed / DEMO.name)
    shutil.copy(DEMO, good / DEMO.name)
    return {"empty": empty, "junk": junk, "mixed": mixed, "good": good}


@pytest.mark.parametrize("command", [*READERS, "render"])
def test_no_documents_is_bad_input(command, folders, tmp_path, capsys):
    assert main(arguments(command, folders["empty"], tmp_path)) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: no documents found in") and ".pdf" in err
    assert main([command, str(tmp_path / "absent"),
                 *arguments(command, folders["empty"], tmp_path)[2:]]) == 2
    assert "no such file or folder" in capsys.readouterr().err


@pytest.mark.parametrize("command", [*READERS, "render"])
def test_nothing_readable_is_bad_input(command, folders, tmp_path, capsys):
    assert main(arguments(command, folders["junk"], tmp_path)) == 2
    captured = capsys.readouterr()
    assert "junk.txt" in captured.out + captured.err  # (survey's table names it on stdout)
    assert "error: no document could be read (2 found)" in captured.err


@pytest.mark.parametrize("command", READERS)
def test_one_unreadable_document_of_several_is_a_failure(command, folders, tmp_path, capsys):
    """The readable document is done; the other is named on stderr; exit 1."""
    assert main(arguments(command, folders["mixed"], tmp_path)) == 1
    captured = capsys.readouterr()
    assert "junk.txt" in captured.out + captured.err  # (survey's table names it on stdout)
    shown = {"parse": "示例市示例区示例局", "summary": "示例市示例区示例局",
             "check": "no findings"}  # the good document's output
    assert shown.get(command, "") in captured.out


@pytest.mark.parametrize("command", READERS)
def test_good_documents_exit_0(command, folders, tmp_path):
    assert main(arguments(command, folders["good"], tmp_path)) == 0


def test_exports_of_a_mixed_folder_hold_the_readable_document(folders, tmp_path):
    import openpyxl

    assert main(arguments("export", folders["mixed"], tmp_path)) == 1
    workbook = openpyxl.load_workbook(tmp_path / "x.xlsx", read_only=True)
    assert "支出总表" in workbook.sheetnames


def test_one_unreadable_document_is_one_line_and_bad_input(folders, capsys):
    for command in ("parse", "summary", "check"):
        assert main([command, str(folders["junk"] / "junk.txt")]) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: ") and err.count("\n") == 1 and "junk.txt" in err


def test_a_wrong_option_is_bad_input(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["parse", str(DEMO), "--format", "yaml"])
    assert stopped.value.code == 2
    assert main(["export", str(DEMO)]) == 2  # neither --excel nor --fdp
    assert "--excel" in capsys.readouterr().err


def test_version():
    result = subprocess.run([str(BIN / "budget-notebooks"), "--version"], capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == f"budget-notebooks {version('budget-disclosure-notebooks')}"


@pytest.mark.parametrize("command", [None, "parse", "summary", "check", "survey", "rules",
                                     "synth", "render", "dataset", "export", "workshop"])
def test_help_states_the_exit_codes(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"] if command else ["--help"])
    shown = capsys.readouterr().out
    assert EXIT_CODES in shown


def test_missing_extra_says_which_to_install(monkeypatch, tmp_path, capsys):
    """``render --scheduler local`` without dask: the extra to install, not "internal error"."""
    monkeypatch.delitem(sys.modules, "helpers.reports.cluster", raising=False)
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    assert main(["render", str(DEMO), "--out", str(tmp_path / "r"), "--scheduler", "local",
                 "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "distributed is not installed" in err and "'.[dask]'" in err
    assert "internal error" not in err


def test_a_module_of_no_extra_is_still_a_bug(monkeypatch, capsys):
    def missing(*_args, **_kw):
        raise ModuleNotFoundError("No module named 'somethingelse'", name="somethingelse")

    monkeypatch.setattr(cli, "print_amounts", missing)
    assert main(["parse", str(DEMO)]) == 3
    assert capsys.readouterr().err.startswith("internal error (ModuleNotFoundError")
