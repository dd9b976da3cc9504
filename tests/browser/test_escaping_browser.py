"""Every text a document prints is shown as text in its rendered report (issue 17).

A disclosure is hostile input: its department name, line names and narrative reach the
HTML report. The demo document is rewritten with markup in each of them (a script element,
an image with ``onerror``, an SVG with ``onload``, an attribute break-out into an iframe
running ``javascript:``), rendered, and opened in headless Chromium: each payload must be
read into the disclosure, shown as its literal text, and never become an element; no
dialog opens, no script error and no console error occurs.

Needs Debian's ``chromium`` and the ``playwright`` Python package, as
:mod:`test_report_browser` (skipped, with the reason, where either is missing).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import test_report_browser
from test_report_browser import CHROMIUM, Visit

from helpers import load_disclosure, reports

from conftest import DEMO_BUDGET as DEMO

browser = test_report_browser.browser  # the one headless Chromium fixture, shared

pytestmark = pytest.mark.skipif(CHROMIUM is None,
                                reason="chromium not installed (apt-get install -y chromium)")

#: Where the payloads go: (text printed in the demo, what it becomes).
DEPARTMENT = "示例局<script>alert('department')</script>"
LINE_NAME = "一般行政管理事务<img src=x onerror=alert('line')>"
REASON = "人员增加<svg onload=alert('reason')>"
DUTY = "示例事务\"><iframe src=\"javascript:alert('duty')\"></iframe>"
REWRITES = (("示例市示例区示例局", DEPARTMENT), ("一般行政管理事务", LINE_NAME),
            ("人员增加", REASON), ("示例事务", DUTY))
#: Markup none of the payloads may turn into (the report's own charts are PNG ``<img>``s
#: with no handler; it has no iframe, svg or script element of its own in the body).
INJECTED = "img[onerror], svg, iframe, [onload], [onerror], body script"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("escaping")
    text = DEMO.read_text(encoding="utf-8")
    for printed, payload in REWRITES:
        assert printed in text, printed
        text = text.replace(printed, payload)
    path = folder / "docs" / "hostile_markup_2024.txt"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return path


def test_payloads_are_read_as_text(hostile):
    """The payloads reach the disclosure intact: the report has them to escape."""
    disclosure = load_disclosure(hostile)
    assert disclosure.meta.department == DEPARTMENT
    names = set(disclosure.amounts.line_name.dropna())
    assert LINE_NAME in names
    narrative = "\n".join(disclosure.narrative.sections.text)
    assert REASON in narrative and DUTY in narrative


def test_report_shows_markup_as_text(browser, hostile, tmp_path_factory):
    out = tmp_path_factory.mktemp("escaping_out")
    summary = reports.render([hostile.parent], out, workers=1, progress=False)
    assert summary.failed == 0
    pages = {job.kind: out / f"{job.stem}.html" for job in summary.jobs}
    pages["index"] = out / "index.html"
    assert {"department", "index"} <= pages.keys()
    shown = {}
    for kind, page in pages.items():
        visit = Visit(browser, page, out / f"{kind}.png")
        visit.assert_clean()  # no dialog (no alert ran), no page error, no console error
        html = page.read_text(encoding="utf-8")
        for _, payload in REWRITES:
            assert payload not in html, (kind, payload)  # never written unescaped
        tab = browser.new_page()
        tab.goto(page.as_uri(), wait_until="load")
        assert tab.eval_on_selector_all(INJECTED, "nodes => nodes.length") == 0, kind
        tab.close()
        shown[kind] = visit.text
    # each payload is shown as its literal text where the report prints it
    assert DEPARTMENT in shown["index"] and DEPARTMENT in shown["department"]
    assert LINE_NAME in shown["department"]
    assert REASON in shown["department"]
