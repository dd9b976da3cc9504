"""The 决算 report notebook: thin, and executed by papermill on both real 决算.

Figures expected in the output are read by hand from the PDFs (see tests/documents/test_final.py).
"""

from __future__ import annotations

import nbformat
import papermill
import pytest

from conftest import CORPUS_DIR, assert_thin_notebook, outputs_text
from conftest import NOTEBOOKS_DIR as NOTEBOOKS

REPORT = NOTEBOOKS / "final_accounts.ipynb"


def test_final_accounts_notebook_is_thin_with_its_parameters():
    nb = nbformat.read(REPORT, as_version=4)
    (tagged,) = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert [line.split(":")[0] for line in tagged.source.splitlines()] == ["source", "budget"]
    assert_thin_notebook(nb, zh_within=40)


@pytest.mark.parametrize("name, expected", [
    # 国家信访局: 行政运行 年初预算 5,717.32 → 决算 5,757.63; 三公 接待 5.80 → 0.90;
    # 信访研究宣传立法专项 自评 77.13 %, 总分 94.7; 总计 22,066.59
    ("central_xfj_2024_final_dept.pdf", ["5,717.32", "5,757.63", "公务接待费", "0.90",
                                          "77.13%", "94.7", "22,066.59", "国家信访局"]),
    # 普陀区财政局: 行政运行 1,560.05 → 1,511.89; 年末结转和结余 55.34
    ("shanghai-putuo_czj_2024_final_dept.pdf", ["1,560.05", "1,511.89", "55.34", "决算"]),
])
def test_final_accounts_report_executes_under_papermill(tmp_path, name, expected):
    executed = papermill.execute_notebook(
        str(REPORT), str(tmp_path / "out.ipynb"), cwd=str(NOTEBOOKS), progress_bar=False,
        parameters={"source": str(CORPUS_DIR / "regions" / name)}, kernel_name="python3")
    text = outputs_text(executed)
    for figure in expected:
        assert figure in text, figure
    assert "部门决算分析报告" in text
