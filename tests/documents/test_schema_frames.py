"""Every analysis frame computed from documents matches its definition in helpers.schema.

The demo budget (fictional), a synthetic series and the real 决算 of 上海市普陀区财政局 2024
(the demo given its department and year, to pair a 预算 with it).
"""

from __future__ import annotations

import dataclasses

import pytest

from helpers import analysis, load_disclosure
from helpers.execution import budget_execution
from helpers.schema import FRAMES, PERSONNEL_COLUMNS, validate_frame

from conftest import CORPUS_DIR

PUTUO_FINAL = CORPUS_DIR / "regions" / "shanghai-putuo_czj_2024_final_dept.pdf"


@pytest.mark.corpus
def test_every_analysis_frame_matches_its_definition(demo, series):
    final = load_disclosure(PUTUO_FINAL)
    budget = dataclasses.replace(demo, meta=dataclasses.replace(
        demo.meta, department=final.meta.department, year=final.meta.year))
    frames = {
        "personnel_vs_operating": analysis.personnel_vs_operating(demo),
        "function_breakdown": analysis.function_breakdown(demo),
        "project_shares": analysis.project_shares(demo),
        "three_public": analysis.three_public(demo),
        "year_over_year": analysis.year_over_year(series),
        "across_departments": analysis.across_departments([demo, *series]),
        "budget_against_final": analysis.budget_against_final([budget, final]),
        "budget_execution": budget_execution(final),
    }
    for name, frame in frames.items():
        assert not frame.empty, name
        validate_frame(frame, FRAMES[name])
        # the empty frame of a document without the tables has the same definition
    validate_frame(analysis.personnel_vs_operating(dataclasses.replace(demo, tables={})),
                   PERSONNEL_COLUMNS)
