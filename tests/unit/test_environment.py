"""environment.yml installs what pyproject.toml lists (conda itself cannot run here).

Every requirement of pyproject.toml (the runtime list and the dev, dask and mutation extras)
must be in environment.yml with the same version bounds: under its conda-forge name in the
conda list, or under its PyPI name in the ``pip:`` list; and environment.yml must list
nothing else. The conda-forge names that differ from PyPI's were checked on conda-forge's
package pages (anaconda.org/conda-forge/<name>).
"""

from __future__ import annotations

import tomllib

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from conftest import ROOT

#: PyPI name → conda-forge name, where they differ.
CONDA_NAMES = {"playwright": "playwright-python"}
#: A requirement with extras → the conda-forge packages that give the same.
WITH_EXTRAS = {("dask", frozenset({"distributed"})): ("dask", "distributed")}
EXTRAS = ("dev", "dask", "mutation")


def pyproject_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    listed = list(project["dependencies"])
    for extra in EXTRAS:
        listed += project["optional-dependencies"][extra]
    return [Requirement(text) for text in listed]


def environment() -> tuple[dict[str, SpecifierSet], dict[str, SpecifierSet], str]:
    """Return the conda packages, the pip packages (name → bounds) and the python pin."""
    spec = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert spec["channels"] == ["conda-forge"]
    conda: dict[str, SpecifierSet] = {}
    pip: dict[str, SpecifierSet] = {}
    python = ""
    for entry in spec["dependencies"]:
        if isinstance(entry, dict):
            for text in entry["pip"]:
                requirement = Requirement(text)
                pip[canonicalize_name(requirement.name)] = requirement.specifier
        elif entry.startswith("python="):
            python = entry.split("=", 1)[1]
        elif entry != "pip":
            requirement = Requirement(entry)  # conda's ">=x,<y" reads as PEP 440 here
            assert canonicalize_name(requirement.name) not in conda, entry
            conda[canonicalize_name(requirement.name)] = requirement.specifier
    return conda, pip, python


def test_environment_lists_what_pyproject_lists():
    conda, pip, _ = environment()
    expected_conda: dict[str, SpecifierSet] = {}
    expected_pip: dict[str, SpecifierSet] = {}
    for requirement in pyproject_requirements():
        name = canonicalize_name(requirement.name)
        if name in pip:
            expected_pip[name] = requirement.specifier
            continue
        names = WITH_EXTRAS.get((name, frozenset(requirement.extras)))
        assert names or not requirement.extras, f"{requirement}: say which conda packages"
        for conda_name in names or (CONDA_NAMES.get(name, name),):
            expected_conda[canonicalize_name(conda_name)] = requirement.specifier
    assert conda == expected_conda
    assert pip == expected_pip


def test_environment_python_meets_requires_python():
    _, _, python = environment()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert Version(python) in SpecifierSet(project["requires-python"])


def test_lab_and_papermill_install_with_the_project():
    runtime = {canonicalize_name(Requirement(text).name) for text in tomllib.loads(
        (ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]}
    assert {"papermill", "jupyterlab", "nbconvert", "ipywidgets"} <= runtime
