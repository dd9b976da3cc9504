"""One department-year is one document: copies in other formats are planned once, with a note.

The generator writes each fictional department-year in four formats; a batch of them must
not render four department reports of one budget, nor list a department four times in the
cross-department report. The index names every file left out and the file reported instead,
and says whether their figures agree.
"""

from __future__ import annotations

from pathlib import Path

from helpers.reports import JobResult, build_index
from helpers.reports.planning import DocumentEntry, keep_one_per_document, plan_jobs


def entry(path: str, department: str | None, year: int | None, total: str = "1.00",
          stage: str = "budget") -> DocumentEntry:
    return DocumentEntry(path=path, files=(path,), sha256=f"{abs(hash(path)):016x}" * 4,
                         department=department, year=year, scope="department", stage=stage,
                         figures={"expenditure_total": total})


def names(paths) -> list[str]:
    return [Path(p).name for p in paths]


def batch() -> list[DocumentEntry]:
    return [entry("/d/a24.docx", "甲局", 2024), entry("/d/a24.pdf", "甲局", 2024),
            entry("/d/a24.txt", "甲局", 2024), entry("/d/a24.xlsx", "甲局", 2024, "2.00"),
            entry("/d/a23.txt", "甲局", 2023), entry("/d/b24.txt", "乙局", 2024),
            entry("/d/b24.xlsx", "乙局", 2024)]


def test_the_first_file_of_a_department_year_is_kept():
    kept, left_out = keep_one_per_document(batch())
    assert names(e.path for e in kept) == ["a24.docx", "a23.txt", "b24.txt"]
    assert [(Path(c.entry.path).name, Path(c.kept.path).name, c.same_figures)
            for c in left_out] == [("a24.pdf", "a24.docx", True), ("a24.txt", "a24.docx", True),
                                   ("a24.xlsx", "a24.docx", False), ("b24.xlsx", "b24.txt", True)]


def test_each_report_counts_a_department_once():
    jobs = plan_jobs(batch())
    departments = [j for j in jobs if j.kind == "department"]
    assert sorted(names(j.parameters["source"] for j in departments)) == [
        "a23.txt", "a24.docx", "b24.txt"]
    (across,) = [j for j in jobs if j.kind == "across_departments" and j.year == 2024]
    # each department-year once (甲局's 2023 budget rides along for its growth)
    assert names(across.parameters["sources"]) == ["a24.docx", "b24.txt", "a23.txt"]
    (yoy,) = [j for j in jobs if j.kind == "year_over_year"]
    assert names(yoy.parameters["sources"]) == ["a23.txt", "a24.docx"]


def test_other_stages_scopes_and_unknown_documents_are_not_copies():
    entries = [entry("/d/a24.txt", "甲局", 2024), entry("/d/a24f.txt", "甲局", 2024,
                                                          stage="final"),
               entry("/d/x.txt", None, 2024), entry("/d/y.txt", None, 2024),
               entry("/d/z.txt", "丙局", None), entry("/d/w.txt", "丙局", None)]
    unit = entry("/d/a24u.txt", "甲局", 2024)
    unit.scope = "unit"
    kept, left_out = keep_one_per_document([*entries, unit])
    assert len(kept) == 7 and left_out == []


def test_the_index_names_the_copies_left_out():
    entries = batch()
    jobs = plan_jobs(entries)
    page = build_index(entries, jobs, {j.stem: JobResult(j.stem, "ok") for j in jobs}, 1.0)
    assert page.count("只报告一次，见 a24.docx") == 3 and page.count("只报告一次，见 b24.txt") == 1
    for copy in ("a24.pdf", "a24.txt", "a24.xlsx", "b24.xlsx"):
        assert f"<code>{copy}</code> → <code>" in page
    assert page.count("数字不同") == 1  # a24.xlsx: 2.00 against 1.00
