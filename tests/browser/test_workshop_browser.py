"""The rendered workshop pages in headless Chromium: Chinese text, blanks, answers.

Needs Debian's ``chromium`` (``apt-get install -y chromium``); skipped, with the reason,
where it is missing. Chromium is driven from its command line (``--dump-dom``,
``--screenshot``), no Python driver needed. Screenshots go to ``$WORKSHOP_SCREENSHOTS``
when set (to look at them), else to the test's tmp folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers.workshop.build import render_workshop

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None,
                                reason="chromium not installed (apt-get install -y chromium)")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGE = "01_reading_a_disclosure"


def chromium(profile: Path, *args: str) -> str:
    result = subprocess.run([CHROMIUM, *ARGS, f"--user-data-dir={profile}", *args],
                            capture_output=True, text=True, timeout=120, check=False)
    return result.stdout


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    base = tmp_path_factory.mktemp("workshop_browser")
    render_workshop(base / "participant")
    render_workshop(base / "teacher", solutions=True)
    return (base / "participant" / f"{PAGE}.html",
            base / "teacher" / f"{PAGE}_solutions.html", base)


def test_pages_render_chinese_blanks_and_answers(pages):
    participant, solution, base = pages
    shots = Path(os.environ.get("WORKSHOP_SCREENSHOTS") or base / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    doms = {}
    for kind, page in (("participant", participant), ("solution", solution)):
        doms[kind] = chromium(base / f"profile-{kind}", "--dump-dom", page.as_uri())
        png = shots / f"workshop_{kind}.png"
        chromium(base / f"profile-{kind}-shot", "--window-size=1280,2400",
                 f"--screenshot={png}", page.as_uri())
        assert png.is_file() and png.stat().st_size > 50_000, png  # a page, not a blank
    assert "九张标准表" in doms["participant"] and "名词解释" in doms["participant"]
    assert "# 填空 / fill in" in doms["participant"]
    cells = {kind: set(re.findall(r'class="[^"]*\b(celltag_\w+)', dom))
             for kind, dom in doms.items()}
    assert "celltag_exercise" in cells["participant"]  # the yellow blanks
    assert "celltag_solution" not in cells["participant"] and "正确" not in doms["participant"]
    assert "celltag_solution" in cells["solution"] and "正确" in doms["solution"]
    assert "celltag_exercise" not in cells["solution"]
    assert "示例数据" in doms["solution"]  # the fictional-data banner
    assert "http://" not in doms["participant"].replace("http://www.w3.org", "")
