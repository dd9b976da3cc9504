"""HTML pages of executed notebooks: reports and workshop handouts, offline, CJK fonts.

One exporter, :class:`BudgetReportExporter`: nbconvert's :class:`~nbconvert.HTMLExporter`
with the ``lab`` template and a small template of our own on top: no remote script, style
or font (MathJax, RequireJS and the widget renderer are dropped; charts are ``data:`` URIs;
the shipped CJK font is served from ``_static`` beside the pages), no prompts, code hidden
in reports, and a table of contents built from the page's headings (:func:`add_toc`). The
batch and the workshop call :func:`export_html`; a notebook run by hand with papermill is
converted by the same class from nbconvert's command line (``jupyter nbconvert --to
budget-report out.ipynb``: the ``nbconvert.exporters`` entry point), the font then embedded
in the page (:func:`embedded_font_css`), as no ``_static`` folder stands beside it.

Quirks: the system's CJK fonts come before the shipped subset in :data:`FONT_STACK` (with
``system-ui`` first, Chrome kept "missing glyph" boxes for text laid out before the web font
arrived); nbconvert gives images without alt text a generic one, so the template writes the
chart's own (:func:`helpers.report.figure`); widget state is dropped (it would pull the
widget renderer from a CDN).
"""

from __future__ import annotations

import copy
import functools
import html
import re
from pathlib import Path
from typing import Any

from helpers.fonts import FONT_PATHS, LICENSE_PATH
from helpers.reports.outputs import OutputTarget

__all__ = ["FONT_STACK", "HIDDEN_TAGS", "STATIC", "add_toc", "embedded_font_css",
           "export_html", "exporter_class", "font_css", "install_static"]

#: The folder (beside the pages) of the shared static files: the CJK font subset.
STATIC = "_static"
_WEB_FAMILIES = ("BudgetCJK", "BudgetCJKExt1", "BudgetCJKExt2")
#: CSS font stack: system CJK fonts, then the shipped CJK subset (served from _static).
FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", ' +
              ", ".join(f'"{f}"' for f in _WEB_FAMILIES) + ", system-ui, sans-serif")
#: Cells left out of a report page: the parameters (the defaults and papermill's injected
#: values) and cells the notebook marks ``remove-cell``.
HIDDEN_TAGS = ("parameters", "injected-parameters", "remove-cell")
_HEADING = re.compile(r"<h([23])\b[^>]*\bid=\"([^\"]+)\"[^>]*>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]+>")


_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block data_png -%}
{#- the lab template's block, with the image's alt text (nbconvert's generic text else) -#}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
{%- set width = output | get_metadata('width', 'image/png') %}
{%- if width is not none %} width={{ width | escape_html }}{% endif %}
 alt="{{ ((output | get_metadata('alt', 'image/png'))
          or 'No description has been provided for this image') | escape_html }}">
</div>
{%- endblock data_png -%}
{%- block extra_css -%}
<style type="text/css">
{{ resources.budget_font_css }}
body.jp-Notebook { --jp-content-font-family: {{ resources.budget_font_stack }};
  --jp-ui-font-family: {{ resources.budget_font_stack }};
  --jp-code-font-family: "DejaVu Sans Mono", "Liberation Mono", monospace,
    {{ resources.budget_font_stack }};
  font-family: {{ resources.budget_font_stack }}; }
body.jp-Notebook { max-width: 1180px; margin: 0 auto; padding: 0 1.5em 3em; }
nav.report-toc { border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa;
  padding: .6em 1.2em; margin: 1.2em 0; font-size: 14px; }
nav.report-toc ol { margin: .3em 0; padding-left: 1.4em; }
nav.report-toc li.toc-h3 { margin-left: 1.2em; list-style: circle; }
.jp-Cell-inputWrapper:empty, .jp-Cell:has(.jp-Cell-outputWrapper:empty) { display: none; }
@media print { nav.report-toc { break-after: page; } }
{{ resources.budget_extra_css }}
</style>
{%- endblock extra_css -%}
"""


#: The cells' input and output areas, which nbconvert makes focusable (``tabindex``).
_FOCUSABLE_DIV = re.compile(
    r'<div class="([^"]*\b(?:jp-OutputArea-output|jp-Cell-inputWrapper)\b[^"]*)"')


def exporter_settings(show_code: bool = False) -> dict[str, Any]:
    """Return the settings of the HTML exporter (nbconvert's ``HTMLExporter`` options)."""
    from jinja2 import DictLoader

    return {"template_name": "lab",
            "extra_loaders": [DictLoader({"budget_report.html.j2": _TEMPLATE})],
            "template_file": "budget_report.html.j2", "exclude_input": not show_code,
            "exclude_input_prompt": True, "exclude_output_prompt": True, "embed_images": True,
            "theme": "light", "language_code": "zh",
            # validate the notebook once, after the preprocessors, not after each of the
            # thirteen registered (most of them disabled): a third of the export (22 → 15 ms)
            "optimistic_validation": True}


def _define_exporter() -> type:
    """Define :class:`BudgetReportExporter` (nbconvert is imported here, when first needed)."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
    from nbconvert.preprocessors import TagRemovePreprocessor
    from traitlets import Bool, Unicode, default

    class BudgetReportExporter(HTMLExporter):
        """The project's HTML page of an executed notebook (``--to budget-report``).

        Code hidden (``show_code`` shows it), no prompts, no remote script or font, the
        parameters cells left out, a table of contents; the CJK font served from
        ``static_prefix`` or, when that is empty (a lone page converted on the command line),
        embedded in the page as a subset of the characters it shows. Registered under the
        ``nbconvert.exporters`` entry point as ``budget-report``.

        nbconvert's :meth:`HTMLExporter.from_notebook_node <nbconvert.HTMLExporter>` ends by
        parsing its whole page again with BeautifulSoup, to give images a generic alt text and
        outputs a ``tabindex``: 75 % of the export's time (0.17 s of 0.23 s per report on the
        shared machine, measured). This class registers the same two filters from their public
        classes and renders through :meth:`TemplateExporter.from_notebook_node
        <nbconvert.exporters.TemplateExporter.from_notebook_node>`; the template writes the alt
        text (the chart's own, :func:`helpers.report.figure`) and the ``tabindex`` is added
        here. ``tests/notebooks/test_report_render.py`` checks the page against nbconvert's
        own, element for element.
        """

        export_from_notebook = "Budget report (HTML)"
        show_code = Bool(False, help="Show the code cells (the workshop's handouts).").tag(
            config=True)
        static_prefix = Unicode("", help="Relative URL of the folder install_static fills; "
                                         "empty: embed the font in the page.").tag(config=True)
        extra_css = Unicode("", help="More CSS rules for the page (trusted).").tag(config=True)

        def __init__(self, **kw: Any) -> None:
            settings = exporter_settings()
            del settings["exclude_input"]  # follows show_code, which config may set
            super().__init__(**{**settings, **kw})
            hidden = set(HIDDEN_TAGS) - ({"parameters"} if self.show_code else set())
            self.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=hidden,
                                                             enabled=True), enabled=True)

        @default("exclude_input")
        def _exclude_input_default(self) -> bool:
            return not self.show_code

        def from_notebook_node(self, nb: Any, resources: dict[str, Any] | None = None,
                               **kw: Any) -> tuple[str, dict[str, Any]]:
            """Return the page of ``nb`` and its resources."""
            info = nb.metadata.get("language_info", {})
            lexer = info.get("pygments_lexer", info.get("name"))
            self.register_filter("highlight_code", Highlight2HTML(pygments_lexer=lexer,
                                                                  parent=self))
            # widget state is dropped (it would pull the widget renderer from a CDN), so
            # widget views are skipped
            nb = copy.copy(nb)
            nb.metadata = copy.deepcopy(nb.metadata)
            nb.metadata.pop("widgets", None)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata={}, parent=self, resources=resources))
            resources = {"budget_font_stack": FONT_STACK, "budget_extra_css": self.extra_css,
                         **(resources or {})}
            embed = "budget_font_css" not in resources and not self.static_prefix
            if "budget_font_css" not in resources:
                resources["budget_font_css"] = "" if embed else font_css(self.static_prefix)
            body, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            # Inputs and outputs take the keyboard focus (wide tables scroll), as in nbconvert.
            body = add_toc(_FOCUSABLE_DIV.sub(r'<div tabindex="0" class="\1"', body))
            if not nb.metadata.get("title"):  # on the command line: the report's own heading
                body = _title_from_heading(body)
            if embed:
                body = body.replace(_STYLE_OPEN, _STYLE_OPEN + embedded_font_css(body), 1)
            return body, resources

    BudgetReportExporter.__qualname__ = "BudgetReportExporter"  # as if defined at the top
    return BudgetReportExporter


def exporter_class() -> type:
    """Return :class:`BudgetReportExporter`, defined on first use.

    The index imports this module for the font stack; nbconvert (about 0.4 s to import)
    comes only with the first page exported.
    """
    if "BudgetReportExporter" not in globals():
        globals()["BudgetReportExporter"] = _define_exporter()
    return globals()["BudgetReportExporter"]


def __getattr__(name: str) -> Any:
    """Return :class:`BudgetReportExporter` as a module attribute (PEP 562).

    The ``nbconvert.exporters`` entry point names it.
    """
    if name == "BudgetReportExporter":
        return exporter_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_STYLE_OPEN = '<style type="text/css">\n'
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_PAGE_TITLE = re.compile(r"<title>.*?</title>", re.S)


def _title_from_heading(page: str) -> str:
    """Return ``page`` titled with the text of its first ``<h1>`` (the file name else)."""
    heading = _H1.search(page)
    text = heading and html.unescape(_TAG.sub("", heading.group(1))).replace("¶", "").strip()
    if not text:
        return page
    return _PAGE_TITLE.sub(lambda _: f"<title>{html.escape(text)}</title>", page, count=1)


@functools.cache
def _exporter(show_code: bool = False) -> Any:
    """Return the exporter of reports (code hidden) or of handouts (code shown)."""
    return exporter_class()(show_code=show_code)


def font_css(static_prefix: str) -> str:
    """Return ``@font-face`` rules for the shipped CJK font copied under ``static_prefix``.

    The system's CJK fonts come first in :data:`FONT_STACK`; the shipped font (a local file
    beside the reports, never a remote host) is the fallback where a system has none.
    """
    rules = []
    for family, path in zip(_WEB_FAMILIES, FONT_PATHS, strict=True):
        rules.append(f'@font-face {{ font-family: "{family}"; font-display: swap; '
                     f'src: url("{static_prefix}/fonts/{path.name}") format("opentype"); }}')
    return "\n".join(rules)


def embedded_font_css(page: str) -> str:
    """Return ``@font-face`` rules embedding the shipped CJK font's glyphs a page shows.

    A page converted on its own (``jupyter nbconvert --to budget-report``) has no
    ``_static`` folder beside it: the font goes into the page as ``data:`` URIs, cut down
    to the characters of the page (the shipped files hold 28,791 glyphs in 8 MB; a report
    uses a few hundred).
    """
    import base64

    text = set(html.unescape(_TAG.sub(" ", page)))
    rules = []
    for family, path in zip(_WEB_FAMILIES, FONT_PATHS, strict=True):
        data = _font_subset(path, frozenset(c for c in text if ord(c) > 0x7F))
        if data:
            rules.append(f'@font-face {{ font-family: "{family}"; src: url("data:font/otf;'
                         f'base64,{base64.b64encode(data).decode()}") format("opentype"); }}')
    return "\n".join(rules) + "\n"


def _font_subset(path: Path, characters: frozenset[str]) -> bytes:
    """Return the font at ``path`` cut down to ``characters`` (b"" when it has none)."""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(path)
    covered = {ord(c) for c in characters} & set(font.getBestCmap())
    if not covered:
        return b""
    subsetter = subset.Subsetter(subset.Options(name_IDs=["*"], notdef_outline=True))
    subsetter.populate(unicodes=covered)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def install_static(out: str | Path | OutputTarget) -> None:
    """Copy the shipped CJK font files (and their licence) into ``out/_static/fonts``."""
    target = out if isinstance(out, OutputTarget) else OutputTarget(out)
    for path in (*FONT_PATHS, LICENSE_PATH):
        relative = f"{STATIC}/fonts/{path.name}"
        if target.size(relative) != path.stat().st_size:
            target.write(relative, path.read_bytes())


def export_html(notebook: Any, title: str, static_prefix: str = "../" + "_static",
                show_code: bool = False, extra_css: str = "") -> str:
    """Return the HTML page of an executed notebook: code hidden, a table of contents.

    Args:
        notebook: The executed notebook.
        title: The page title (escaped here).
        static_prefix: Relative URL of the folder :func:`install_static` fills.
        show_code: Show the code cells (the workshop's handouts), not only their outputs.
        extra_css: More CSS rules for the page (trusted, the caller's own).
    """
    notebook = copy.copy(notebook)
    notebook.metadata = copy.deepcopy(notebook.metadata)
    notebook.metadata["title"] = title  # the template escapes it
    resources = {"metadata": {"name": title}, "budget_font_css": font_css(static_prefix),
                 "budget_font_stack": FONT_STACK, "budget_extra_css": extra_css}
    body, _ = _exporter(show_code).from_notebook_node(notebook, resources=resources)
    return body


def add_toc(page: str) -> str:
    """Insert a table of contents built from the page's h2/h3 headings before the first one.

    The title, its facts and the introduction come first; the contents box opens the body.
    """
    items = []
    first = _HEADING.search(page)
    for level, anchor, inner in _HEADING.findall(page):
        text = html.unescape(_TAG.sub("", inner)).replace("¶", "").strip()
        if text:
            items.append(f'<li class="toc-h{level}"><a href="#{html.escape(anchor)}">'
                         f"{html.escape(text)}</a></li>")
    if not items:
        return page
    nav = ('<nav class="report-toc" aria-label="目录 Contents"><strong>目录 · Contents</strong>'
           f"<ol>{''.join(items)}</ol></nav>")
    return page[:first.start()] + nav + page[first.start():]
