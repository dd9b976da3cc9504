"""``make lab``: JupyterLab (a dependency, never installed on the fly) opens on the notebooks.

JupyterLab refuses to run as root unless given ``--allow-root``; the Makefile gives it only
when root runs it. The server is started for real (as root here) and asked for the notebook
folder; as another user, ``make -n`` shows the command without the flag.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT

VENV = Path(sys.prefix)
#: Never rebuild the environment from a test: take the stamp as up to date.
MAKE = ["make", "-s", "-o", f"{VENV}/bin/budget-notebooks", f"VENV={VENV}"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def dry_run(*prefix: str) -> str:
    result = subprocess.run([*prefix, *MAKE, "-n", "lab"], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    return result.stdout


def test_lab_installs_nothing_and_allows_root_only_for_root():
    command = dry_run()
    assert "pip install" not in command and "jupyter lab" in command
    assert ("--allow-root" in command) == (os.getuid() == 0)


@pytest.mark.skipif(os.getuid() != 0 or shutil.which("runuser") is None,
                    reason="needs root and runuser to run make as another user")
def test_lab_as_a_user_has_no_allow_root():
    command = dry_run("runuser", "-u", "nobody", "--")
    assert "jupyter lab" in command and "--allow-root" not in command


def test_make_lab_serves_the_notebooks(tmp_path):
    port, token = free_port(), "budget-lab-test"
    log = (tmp_path / "lab.log").open("w")
    arguments = f"LAB_ARGS=--no-browser --ip=127.0.0.1 --port={port} --ServerApp.token={token}"
    server = subprocess.Popen([*MAKE, "lab", arguments], cwd=ROOT, stdout=log, stderr=log,
                              start_new_session=True,
                              env={**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt")})
    try:
        listing = None
        deadline = time.monotonic() + 120
        while listing is None and time.monotonic() < deadline:
            assert server.poll() is None, (tmp_path / "lab.log").read_text()[-2000:]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents?token={token}",
                                            timeout=5) as response:
                    listing = json.load(response)
            except OSError:
                time.sleep(1)
        assert listing is not None, (tmp_path / "lab.log").read_text()[-2000:]
        names = {item["name"] for item in listing["content"]}
        assert {"department_report.ipynb", "explore.ipynb", "workshop"} <= names
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}",
                                    timeout=10) as response:
            assert response.status == 200 and b"JupyterLab" in response.read()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
