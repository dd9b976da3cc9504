"""Charts: Chinese renders with the shipped font, no glyph warnings, every chart draws."""

from __future__ import annotations

import io
import logging
import warnings

import matplotlib
import pandas as pd
import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure

from helpers import analysis, load_disclosure, plots

from conftest import WANLI_2023, WANLI_2024

LABELS = ["人员经费", "公用经费", "秦皇岛市海港区司法局", "“三公”经费", "浉河区（埇桥）、。"]


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render_quietly(figure: Figure) -> tuple[list[str], list[str]]:
    """Render to PNG; return the warnings and the font-manager log messages."""
    handler = _Records()
    logger = logging.getLogger("matplotlib.font_manager")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            figure.savefig(io.BytesIO(), format="png")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    return [str(w.message) for w in caught], handler.messages


def test_font_is_registered_and_used():
    assert plots.FONT_PATH.is_file()
    assert (plots.FONT_PATH.parent / "OFL.txt").is_file()
    assert plots.register_cjk_font() == plots.FONT_FAMILY
    assert plots.register_cjk_font() == plots.FONT_FAMILY  # idempotent
    registered = [f for f in font_manager.fontManager.ttflist
                  if f.fname == str(plots.FONT_PATH)]
    assert len(registered) == 1
    assert matplotlib.rcParams["font.sans-serif"][0] == plots.FONT_FAMILY
    assert matplotlib.rcParams["font.sans-serif"].count(plots.FONT_FAMILY) == 1
    found = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert found == str(plots.FONT_PATH)


def test_chinese_labels_render_without_missing_glyphs():
    figure = Figure()
    axes = figure.add_subplot()
    axes.bar(range(len(LABELS)), [1, 2, 3, 4, 5])
    axes.set_xticks(range(len(LABELS)), LABELS)
    axes.set_title("“三公”经费 · 万元 −12.5%")
    text = axes.texts[0] if axes.texts else axes.title
    messages, logs = render_quietly(figure)
    assert not [m for m in messages if "missing" in m.lower() or "glyph" in m.lower()]
    assert not [m for m in logs if "not found" in m or "missing" in m.lower()]
    used = font_manager.findfont(text.get_fontproperties())
    assert used == str(plots.FONT_PATH)
    for label in axes.get_xticklabels():
        assert font_manager.findfont(label.get_fontproperties()) == str(plots.FONT_PATH)


def test_rare_hanzi_render_from_the_extension_parts():
    """浉 and 埇 (place names outside GB2312) come from the second and third font files."""
    for path in plots.FONT_PATHS:
        assert path.stat().st_size < 5 * 2**20
    figure = Figure()
    figure.add_subplot().set_title("信阳市浉河区 · 宿州市埇桥区 · 㑇")
    messages, logs = render_quietly(figure)
    assert not [m for m in messages if "missing" in m.lower() or "glyph" in m.lower()]
    assert not [m for m in logs if "not found" in m or "missing" in m.lower()]
    assert plots.displayable("浉河区埇桥区㑇") == "浉河区埇桥区㑇"


def test_displayable_replaces_characters_no_font_has():
    assert plots.displayable("秦皇岛市") == "秦皇岛市"
    # U+20BB7 𠮷 (CJK Extension B) is outside the subset and DejaVu Sans.
    assert plots.displayable("𠮷野家") == "〓野家"


def chart_figures(demo) -> dict[str, Figure]:
    personnel = analysis.personnel_vs_operating(demo)
    later = demo  # a second year of the same department, for the waterfall
    import copy

    later = copy.deepcopy(demo)
    later.meta = type(demo.meta)(**{**demo.meta.__dict__, "year": 2025})
    return {
        "personnel": plots.personnel_operating_chart(personnel),
        "personnel_many": plots.personnel_operating_chart(
            pd.concat([personnel, analysis.personnel_vs_operating(later)])),
        "function": plots.function_shares_chart(analysis.function_breakdown(demo)),
        "function_items": plots.function_shares_chart(analysis.function_breakdown(demo), 3),
        "projects": plots.project_shares_chart(analysis.project_shares(demo)),
        "three_public": plots.three_public_chart(analysis.three_public(demo)),
        "year_over_year": plots.year_over_year_chart(analysis.year_over_year([demo, later])),
        "across": plots.across_departments_chart(analysis.across_departments([demo, later])),
        "trend": plots.trend_chart(analysis.year_over_year([demo, later])),
        "heatmap": plots.class_heatmap(analysis.year_over_year([demo, later])),
        "empty": plots.year_over_year_chart(analysis.year_over_year([demo])),
    }


def test_every_chart_renders_quietly(demo, tmp_path):
    for name, figure in chart_figures(demo).items():
        assert isinstance(figure, Figure), name
        messages, logs = render_quietly(figure)
        assert not messages, (name, messages)
        assert not [m for m in logs if "not found" in m], name
        figure.savefig(tmp_path / f"{name}.png")
        assert (tmp_path / f"{name}.png").stat().st_size > 5000


def test_personnel_chart_labels_amounts_in_wan(demo):
    figure = plots.personnel_operating_chart(analysis.personnel_vs_operating(demo))
    texts = [t.get_text() for axes in figure.axes for t in axes.texts]
    assert any("340.00" in t and "81.0%" in t for t in texts)
    assert any("80.00" in t and "19.0%" in t for t in texts)
    ticks = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert any("基本支出 420.00万元" in t for t in ticks)


def test_charts_do_not_touch_pyplot_state(demo):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    chart_figures(demo)
    assert plt.get_fignums() == before


@pytest.mark.corpus
def test_wanli_waterfall_reports_stated_change():
    frame = analysis.year_over_year([load_disclosure(WANLI_2023),
                                     load_disclosure(WANLI_2024)])
    figure = plots.year_over_year_chart(frame)
    texts = " ".join(t.get_text() for axes in figure.axes for t in axes.texts)
    assert "减少876.75万元" in texts
    assert "表格计算 computed：-876.75万元" in texts  # the page's precision: two decimals
    assert "876.7517" not in texts
    assert "16,497.86" in texts and "15,621.11" in texts
    messages, _ = render_quietly(figure)
    assert not messages


def test_figure_png_has_the_pixels_of_savefig(demo):
    """The one-draw, unfiltered PNG writer gives savefig's pixels exactly, at its size."""
    import numpy
    from PIL import Image

    def chart() -> Figure:
        return plots.project_shares_chart(analysis.project_shares(demo))

    reference = io.BytesIO()
    chart().savefig(reference, format="png", dpi=120)
    expected = numpy.asarray(Image.open(reference).convert("RGB"))
    figure = chart()
    written = Image.open(io.BytesIO(plots.figure_png(figure, dpi=120)))
    written.load()  # decodes every chunk: a bad CRC or length raises here
    assert written.mode == "RGB"
    assert written.size == (expected.shape[1], expected.shape[0])
    assert (numpy.asarray(written) == expected).all()
    assert figure.dpi == 100  # the figure is left as it was


SYNTHETIC_D01 = ["data/synthetic/synthetic_s2024_d01_2022.txt",
                 "data/synthetic/synthetic_s2024_d01_2023.docx",
                 "data/synthetic/synthetic_s2024_d01_2024.xlsx"]


def tick_texts(axis) -> list[str]:
    axis.axes.figure.canvas.draw()  # the formatter sees the final ticks
    return [t.get_text() for t in axis.get_ticklabels() if t.get_visible() and t.get_text()]


def test_percent_ticks_have_the_decimals_their_range_needs():
    """A 0 %–0.8 % axis reads 0.0 %, 0.2 % … (not 0 %, 0 %, 1 %), every label distinct."""
    from helpers.plots.style import new_figure, percent_axis

    for values, expected in (([0.2, 0.5, 0.8], "0.2%"), ([92.3, 93.2], "93.0%"),
                             ([11.4, 28.7], "15%")):
        figure = new_figure(4, 2)
        axes = figure.add_subplot()
        axes.scatter(values, [0] * len(values))
        percent_axis(axes.xaxis, values)
        labels = tick_texts(axes.xaxis)
        assert len(set(labels)) == len(labels), labels
        assert expected in labels, labels
        assert axes.get_xlim()[0] >= 0  # nothing left of 0 % on a share's axis


@pytest.mark.corpus
def test_across_departments_axes_on_real_documents():
    """Guangzhou, Hangzhou and Yantai 2026: 三公/基本支出 is 0.2 %, — and 0.8 %."""
    from conftest import CORPUS_DIR

    disclosures = [load_disclosure(CORPUS_DIR / "regions" / name) for name in (
        "guangzhou_tjj_2026_budget_dept.pdf", "hangzhou_sfj_2026_budget_dept.pdf",
        "yantai_tjj_2026_budget_dept.pdf")]
    league = analysis.across_departments(disclosures)
    figure = plots.across_departments_chart(league)
    for axes in figure.axes:
        labels = tick_texts(axes.xaxis)
        assert len(set(labels)) == len(labels), labels
        assert axes.get_xlim()[0] >= 0, axes.get_title()
        dots = [x for collection in axes.collections for x, _ in collection.get_offsets()]
        assert all(x >= axes.get_xlim()[0] for x in dots)
    three = figure.axes[2]
    assert "0.2%" in [t.get_text() for t in three.texts]
    assert "0.8%" in [t.get_text() for t in three.texts]
    assert "1 个缺数" in three.get_title()  # Hangzhou prints no 基本支出 total


def test_a_single_department_year_is_a_sentence(demo):
    league = analysis.across_departments([demo])
    said = plots.across_departments_chart(league)
    assert isinstance(said, plots.Sentence)
    assert "人员经费/基本支出 81.0%" in said  # 340 of 420 万元
    from helpers import report

    assert "81.0%" in report.figure(said).data


def test_trend_covers_every_year_and_heatmap_every_class():
    """The synthetic department d01 has budgets for 2022, 2023 and 2024 (three formats)."""
    disclosures = [load_disclosure(path) for path in SYNTHETIC_D01]
    compared = analysis.year_over_year(disclosures)
    figure = plots.trend_chart(compared)
    total = next(line for line in figure.axes[0].get_lines()
             if line.get_label().startswith("支出合计"))
    assert list(total.get_xdata()) == [2022, 2023, 2024]
    expected = [float(d.summary()["expenditure_total_yuan"]) / 10000 for d in disclosures]
    assert list(total.get_ydata()) == pytest.approx(expected)
    heat = plots.class_heatmap(compared)
    cells = [t.get_text() for t in heat.axes[0].texts]
    classes = disclosures[2].table("expenditure_summary")
    classes = classes[classes["level"] == 1]
    assert len(cells) == 3 * min(len(classes), 12)
    first = classes.iloc[0]
    assert plots.charts.fmt_wan(float(first["total"]) / 10000) in cells
    one_year = plots.trend_chart(analysis.year_over_year(disclosures[:1]))
    assert isinstance(one_year, plots.Sentence)
