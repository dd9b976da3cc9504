"""Time the charts of the reports: drawn and written as PNG, as a report does.

Prints, per chart kind, the best of ``--repeat`` runs (CPU seconds: steadier than wall time
on a shared machine) of ``figure_png(chart(frame))`` over
real documents (the department report's charts of three budgets, the 决算's execution chart,
the year-over-year and cross-department charts of the corpus), and the same with the
figure's layout engine switched off, which is what matplotlib's constrained layout costs.

Run: ``nice -n 19 .venv/bin/python benchmarks/bench_charts.py`` (``--repeat 5``).
Against another checkout: ``PYTHONPATH=/other/src .venv/bin/python benchmarks/…`` (the
charts that checkout has).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from timing import cpu_clock

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
BUDGETS = ["shanghai/wanli_subdistrict_2023_department_budget.pdf",
           "shanghai/wanli_subdistrict_2024_department_budget.pdf",
           "regions/yantai_tjj_2026_budget_dept.pdf", "regions/guangzhou_tjj_2026_budget_dept.pdf",
           "regions/hangzhou_sfj_2026_budget_dept.pdf"]
FINAL = "regions/central_xfj_2024_final_dept.pdf"


def _charts() -> list[tuple[str, Callable[[], object]]]:
    """Return (name, function returning a Figure) for every chart a report draws."""
    from helpers import analysis, execution, load_disclosure, plots

    budgets = [load_disclosure(CORPUS / name) for name in BUDGETS]
    department = budgets[1]
    charts: list[tuple[str, Callable[[], object]]] = []
    personnel = analysis.personnel_vs_operating(department)
    projects = analysis.project_shares(department)
    functions = analysis.function_breakdown(department)
    three = analysis.three_public(department)
    charts += [("personnel_operating", lambda: plots.personnel_operating_chart(personnel)),
               ("project_shares", lambda: plots.project_shares_chart(projects)),
               ("function_shares", lambda: plots.function_shares_chart(functions)),
               ("three_public", lambda: plots.three_public_chart(three))]
    final = load_disclosure(CORPUS / FINAL)
    executed = execution.budget_execution(final)
    charts.append(("execution", lambda: plots.execution_chart(executed)))
    compared = analysis.year_over_year(budgets[:2])
    charts.append(("year_over_year (waterfall)", lambda: plots.year_over_year_chart(compared)))
    if hasattr(plots, "trend_chart"):
        charts.append(("trend", lambda: plots.trend_chart(compared)))
        charts.append(("class_heatmap", lambda: plots.class_heatmap(compared)))
    league = analysis.across_departments(budgets[2:])
    charts.append(("across_departments", lambda: plots.across_departments_chart(league)))
    return charts


def _time(draw: Callable[[], object], repeat: int, layout: bool) -> float:
    from helpers.plots import figure_png

    best = float("inf")
    for _ in range(repeat):
        start = cpu_clock()
        figure = draw()
        if not layout and hasattr(figure, "set_layout_engine"):
            figure.set_layout_engine("none")
        figure_png(figure)
        best = min(best, cpu_clock() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    """Print the seconds each chart takes, with and without its layout engine."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    import helpers

    print(f"helpers from {Path(helpers.__file__).parent}", file=sys.stderr)
    total = {True: 0.0, False: 0.0}
    print(f"{'chart':28} {'as drawn (s)':>13} {'no layout (s)':>14} {'layout share':>13}")
    for name, draw in _charts():
        with_layout = _time(draw, args.repeat, True)
        without = _time(draw, args.repeat, False)
        total[True] += with_layout
        total[False] += without
        print(f"{name:28} {with_layout:13.3f} {without:14.3f} "
              f"{(with_layout - without) / with_layout:13.0%}")
    print(f"{'all charts':28} {total[True]:13.3f} {total[False]:14.3f} "
          f"{(total[True] - total[False]) / total[True]:13.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
