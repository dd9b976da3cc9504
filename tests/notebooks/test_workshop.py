"""The workshop: notebooks execute, the answer key agrees with the checks, no answers leak.

The notebooks run on one reused kernel (:class:`helpers.reports.WarmKernel`), as in
``tests/notebooks/test_notebooks.py``: the
solution versions entirely, the participant versions up to
their first exercise. One test runs a participant notebook through papermill.
"""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from pathlib import Path

import nbformat
import pytest

from helpers import check, workshop
from helpers.cli import main as cli_main
from helpers.reports import WarmKernel
from helpers.workshop import (
    NOTEBOOKS,
    WORKSHOP_DIR,
    answer_key,
    check_answer,
    prepare_workshop,
    verify,
)
from helpers.workshop.build import participant_version, solution_version
from helpers.workshop.grading import expected_answer

from conftest import assert_thin_notebook, outputs_text

SEED = workshop.DEFAULT_SEED


@pytest.fixture(scope="module")
def runner():
    with WarmKernel(timeout=300) as shared:
        yield shared


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return prepare_workshop(tmp_path_factory.mktemp("workshop") / "data", SEED)


def source(name: str):
    return nbformat.read(WORKSHOP_DIR / name, as_version=4)


def tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])




# --- the source notebooks ---------------------------------------------------------------


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebooks_are_thin_stripped_and_paired(name):
    nb = source(name)
    assert len([c for c in nb.cells if "parameters" in tags(c)]) == 1
    assert_thin_notebook(nb, zh_within=20)
    first_markdown = next(c for c in nb.cells if c.cell_type == "markdown")
    assert "学习目标" in first_markdown.source and "Learning goals" in first_markdown.source
    exercises = [c for c in nb.cells if "exercise" in tags(c)]
    solutions = [c for c in nb.cells if "solution" in tags(c) and c.cell_type == "code"]
    assert exercises and solutions
    for cell in exercises:
        assert "..." in cell.source and "# 填空 / fill in" in cell.source
    assert "<details>" in "".join(c.source for c in nb.cells if c.cell_type == "markdown")


# --- execution --------------------------------------------------------------------------


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_solution_version_executes(runner, data, name):
    executed = runner.run(solution_version(source(name)),
                          {"data_folder": str(data.folder), "seed": SEED}, cwd=WORKSHOP_DIR)
    text = outputs_text(executed)
    assert "示例数据" in text  # the fictional-data banner
    if name.startswith("04"):
        total = len(answer_key(SEED))
        assert f"已找到 {total} / {total}" in text  # the solution finds every defect
        assert "答案（教师用）" in text or "Answer key" in text
    else:
        assert "✘" not in text  # every verify() is right
        assert text.count("✔") == sum("solution" in tags(c) for c in source(name).cells
                                      if c.cell_type == "code")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_participant_version_executes_up_to_the_first_exercise(runner, data, name):
    participant = participant_version(source(name))
    first = next(i for i, c in enumerate(participant.cells) if "exercise" in tags(c))
    blank = participant.cells[first].source
    if not name.startswith("04"):  # a blank verify() runs too: it says "not filled in yet"
        first += 1
    participant.cells = participant.cells[:first]
    executed = runner.run(participant, {"data_folder": str(data.folder), "seed": SEED},
                          cwd=WORKSHOP_DIR)
    text = outputs_text(executed)
    assert "示例数据" in text and "✔" not in text
    if name.startswith("04"):  # the exercise cell itself is left out: nothing to verify
        assert blank.startswith("findings = ...") and "还没有填写" not in text
    else:
        assert "还没有填写" in text


def test_participant_notebook_under_papermill(tmp_path, monkeypatch, data):
    papermill = pytest.importorskip("papermill")
    paths = [str(Path(p).resolve()) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep)
             if p]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(paths))
    participant = participant_version(source(NOTEBOOKS[0]))
    first = next(i for i, c in enumerate(participant.cells) if "exercise" in tags(c))
    participant.cells = participant.cells[:first]
    nbformat.write(participant, tmp_path / "in.ipynb")
    executed = papermill.execute_notebook(
        str(tmp_path / "in.ipynb"), str(tmp_path / "out.ipynb"),
        parameters={"data_folder": str(data.folder), "seed": SEED}, cwd=str(WORKSHOP_DIR),
        progress_bar=False, kernel_name="python3")
    assert "九张标准表" in outputs_text(executed)


# --- the datasets -----------------------------------------------------------------------


def test_prepare_workshop_is_deterministic_and_holds_no_answers(tmp_path, data):
    again = prepare_workshop(tmp_path / "again", SEED)
    for key, path in data.files.items():
        assert path.read_bytes() == again.files[key].read_bytes()
    names = sorted(p.name for p in again.folder.iterdir())
    assert "answers.json" not in names and not [n for n in names if "answer" in n]
    other = prepare_workshop(tmp_path / "other", SEED + 1)
    assert other.files["suspect_2024"].read_bytes() != data.files["suspect_2024"].read_bytes()
    with_answers = prepare_workshop(tmp_path / "teacher", SEED, answers=True)
    key = json.loads((with_answers.folder / "answers.json").read_text(encoding="utf-8"))
    assert key["defects"] == answer_key(SEED)


@pytest.mark.parametrize("seed", [SEED, 7, 11, 2025])
def test_every_planted_defect_is_found_by_a_rule(tmp_path, seed):
    ws = prepare_workshop(tmp_path, seed)
    defects = answer_key(seed)
    assert len(defects) >= 4
    findings = check(ws.load("suspect_2024"), previous=ws.load("suspect_2023"))
    for defect in defects:
        assert defect["rule_id"] in set(findings["rule_id"]), defect["kind"]
    for _, finding in findings.iterrows():
        check_answer(finding, workshop=ws)
    assert len(ws.found) == len(defects)  # each defect is matched by one of its findings
    clean = check(ws.load("suspect_2023"))
    assert not (clean["severity"].isin(["error", "warning"])).any()


# --- check_answer -----------------------------------------------------------------------


def test_check_answer_right_wrong_and_not_revealing(tmp_path):
    ws = prepare_workshop(tmp_path, SEED)  # Hebei style: wrong total, text in a cell, …
    defects = {d["kind"]: d for d in answer_key(SEED)}
    total = len(defects)
    assert {"wrong_total", "text_in_number"} <= set(defects)
    wrong = check_answer("W01", table="收入总表", line="合计", workshop=ws)
    assert wrong.correct is False and wrong.found == 0
    incomplete = check_answer("W01", workshop=ws)
    assert incomplete.correct is None
    right = check_answer("w01", table="支出总表", line="合计", workshop=ws)
    assert right.correct is True and right.new and right.found == 1
    again = check_answer("W01", table="expenditure_summary", amount=defects["wrong_total"]
                         ["printed"], workshop=ws)
    assert again.correct is True and not again.new and again.found == 1
    cell = defects["text_in_number"]["location"]
    assert check_answer("S04", table="general_budget_basic_expenditure",
                        line=cell["line"], workshop=ws).correct
    assert check_answer("S04", table="general_budget_basic_expenditure",
                        line="99999", workshop=ws).correct is False
    assert check_answer("X03", table="支出总表", line="合计", workshop=ws).correct is False
    # What a verdict says: right or wrong and the count, never another defect's place or value.
    others = [d for kind, d in defects.items() if kind not in ("wrong_total", "text_in_number")]
    for verdict in (wrong, incomplete, right, again):
        text = str(verdict) + verdict._repr_html_()
        assert f"/ {total}" in text
        for defect in others:
            for value in _values(defect):
                assert value not in text, value


def test_check_answer_narrative_defects_by_amount(tmp_path):
    ws = prepare_workshop(tmp_path, SEED)
    for defect in answer_key(SEED):
        if "table" in defect["location"]:
            continue
        printed = re.findall(r"\d+\.\d\d", str(defect["printed"]))[-1]
        assert check_answer(defect["rule_id"], amount=printed, workshop=ws).correct
        assert check_answer(defect["rule_id"], amount="0.01", workshop=ws).correct is False


def test_verify_says_right_wrong_or_blank_and_never_the_value(data):
    expected = expected_answer("1.1", data)
    assert "✔" in verify("1.1", str(expected)).data
    assert "✔" in verify("1.1", float(expected), data).data
    wrong = verify("1.1", expected + Decimal("1")).data
    assert "✘" in wrong and str(expected) not in wrong
    assert "还没有填写" in verify("1.1", ...).data
    assert "✔" in verify("3.4", False).data and "✘" in verify("3.4", "True").data
    # 2.3: the department whose 人员经费 is the larger share of its 基本支出, read here from
    # the 合计 row of each 基本支出 table (not through the workshop's answer key)
    shares = {}
    for letter in "AB":
        frame = data.load(f"dept_{letter.lower()}_{workshop.YEARS[1]}").table(
            "general_budget_basic_expenditure")
        total = frame[frame.level == 0].iloc[0]
        shares[letter] = total.personnel / total.total
    higher, lower = sorted(shares, key=shares.get, reverse=True)
    assert shares[higher] != shares[lower]
    assert "✔" in verify("2.3", higher).data and "✘" in verify("2.3", lower).data
    winner = data.load(f"dept_{higher.lower()}_{workshop.YEARS[1]}").meta.department
    assert "✔" in verify("2.3", winner).data


# --- the render -------------------------------------------------------------------------


def _values(defect: dict) -> list[str]:
    """Return the answer-key values a participant file must not contain."""
    values = []
    for text in (defect["expected"], defect["printed"], defect["location"].get("sentence")):
        values += [n for n in re.findall(r"\d[\d,]*\.\d\d", str(text or ""))]
    if len(str(defect["location"].get("line", ""))) >= 5:
        values.append(str(defect["location"]["line"]))
    return values


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("render")
    assert cli_main(["workshop", "--out", str(out / "participant"), "--seed", str(SEED)]) == 0
    assert cli_main(["workshop", "--out", str(out / "teacher"), "--solutions",
                     "--seed", str(SEED)]) == 0
    return out / "participant", out / "teacher"


def test_participant_files_contain_no_solution(rendered):
    participant, _ = rendered
    files = sorted(participant.glob("*.ipynb")) + sorted(participant.glob("*.html"))
    assert len(files) == 2 * len(NOTEBOOKS)
    assert not list(participant.rglob("answers*"))
    solution_lines = set()
    exercise_lines = set()
    for name in NOTEBOOKS:
        for cell in source(name).cells:
            lines = {line.strip() for line in cell.source.splitlines() if len(line.strip()) > 12}
            if "solution" in tags(cell):
                solution_lines |= lines
            else:
                exercise_lines |= lines
    solution_lines -= exercise_lines
    assert len(solution_lines) > 15
    values = {v for defect in answer_key(SEED) for v in _values(defect)}
    assert values
    for path in files:
        text = path.read_text(encoding="utf-8")
        unescaped = text.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">") \
            .replace("&amp;", "&").replace("&#39;", "'")
        for line in solution_lines:
            assert line not in text and line not in unescaped, (path.name, line)
        # the suspect's values, in the notebooks (the executed handouts show departments
        # A and B, whose tables print common codes such as 30108 too)
        if path.suffix == ".ipynb":
            for value in values:
                assert value not in text, (path.name, value)
        assert "答案（教师用）" not in text and "answer_sheet" not in text
        if path.suffix == ".ipynb":
            nb = nbformat.reads(text, as_version=4)
            assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
            assert "...  # 填空 / fill in" in text
            assert not [c for c in nb.cells if "solution" in tags(c)]


def test_participant_handouts_show_the_outputs_of_display_cells(rendered):
    """The handout is executed but for the blanks: tables, glossary and boxes are on the page."""
    participant, _ = rendered
    first = (participant / "01_reading_a_disclosure.html").read_text(encoding="utf-8")
    for shown in ("九张标准表 · The nine standard tables", "名词解释 · Glossary",
                  "表与表的关系 · How the tables link", "示例数据"):
        assert shown in first, shown
    blank = ('<span class="n">answer</span> <span class="o">=</span> <span class="o">...</span>'
             '  <span class="c1"># 填空 / fill in')
    assert first.count(blank) == 4  # the blanks stay blank, shown as code
    detective = (participant / "04_audit_detective.html").read_text(encoding="utf-8")
    assert "已找到 0 / 5 个埋设的问题" in detective  # progress, no claim made yet
    for path in participant.glob("*.html"):
        page = path.read_text(encoding="utf-8")
        assert 'data-mime-type="application/vnd.jupyter.stderr"' not in page, path.name
        assert "Traceback" not in page and "jp-OutputArea-output" in page, path.name


def test_solution_render_shows_the_answers(rendered):
    _, teacher = rendered
    assert (teacher / "answers.json").is_file()
    assert (teacher / "_static" / "fonts").is_dir()
    page = (teacher / "04_audit_detective_solutions.html").read_text(encoding="utf-8")
    assert "答案（教师用）" in page
    for defect in answer_key(SEED):
        assert defect["kind"] in page
    first = (teacher / "01_reading_a_disclosure_solutions.html").read_text(encoding="utf-8")
    assert "正确" in first and "http://" not in first.replace("http://www.w3.org", "")
