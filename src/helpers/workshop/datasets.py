"""The class datasets: fictional documents generated from a seed, and the answer key.

:func:`prepare_workshop` writes department A over two years (its newest narrative carries
one false stated change), department B (another regional style) for comparisons, and the
"suspect" of the audit-detective notebook with a few planted defects beside a clean
previous year. Nothing in that folder says where the defects are; the answer key is
rebuilt in memory from the seed (:func:`answer_key`) or written for teachers.
"""

from __future__ import annotations

import functools
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from helpers import synth
from helpers.model import Disclosure, load_disclosure
from helpers.workshop.content import DEFAULT_SEED, SUSPECT_DEFECTS, YEARS

__all__ = ["Workshop", "answer_key", "current", "prepare_workshop", "suspect_style",
           "write_answer_key"]

MANIFEST = "workshop.json"
_VERSION = 1
_CURRENT: Workshop | None = None


def _suspect_defects(seed: int) -> tuple[str, ...]:
    """Return the defect kinds planted in the suspect of ``seed`` (a fixed draw per seed)."""
    rng = random.Random(f"workshop:{seed}")
    return tuple(kind for kind in synth.DEFECTS
                 if kind in rng.sample(list(synth.DEFECTS), SUSPECT_DEFECTS))


def suspect_style(seed: int) -> str:
    """Return the print style (regional) of the suspect of ``seed``."""
    return synth.STYLES[seed % 2]


@functools.cache
def _documents(seed: int) -> dict[str, synth.Synthetic]:
    """Generate the class documents of ``seed`` (file key → synthetic disclosure)."""
    a_series = synth.generate_series(seed, YEARS, style="hebei", index=0,
                                     defects=("false_change",))
    b = synth.generate(seed, YEARS[-1], style="shanghai", index=1)
    clean = synth.generate_series(seed, YEARS, style=suspect_style(seed), index=2)
    suspect = synth.generate_series(seed, YEARS, style=suspect_style(seed), index=2,
                                    defects=_suspect_defects(seed))
    return {f"dept_a_{YEARS[0]}": a_series[0], f"dept_a_{YEARS[1]}": a_series[1],
            f"dept_b_{YEARS[1]}": b, f"suspect_{YEARS[0]}": clean[0],
            f"suspect_{YEARS[1]}": suspect[1]}


@dataclass
class Workshop:
    """The datasets of one class: a folder of documents generated from a seed.

    Attributes:
        folder: Where the documents are.
        seed: The generator seed.
        files: Key ("dept_a_2024", "dept_b_2024", "suspect_2024", …) → text file.
        found: Indices of the planted defects found so far
            (:func:`helpers.workshop.grading.check_answer`).
    """

    folder: Path
    seed: int
    files: dict[str, Path]
    found: set[int] = field(default_factory=set)
    _loaded: dict[str, Disclosure] = field(default_factory=dict, repr=False)

    def path(self, key: str) -> str:
        """Return the path of one document ("dept_a_2024") as a string."""
        if key not in self.files:
            raise KeyError(f"no workshop document {key!r}; known: {', '.join(self.files)}")
        return str(self.files[key])

    def load(self, key: str) -> Disclosure:
        """Return one document, loaded once."""
        if key not in self._loaded:
            self._loaded[key] = load_disclosure(self.path(key))
        return self._loaded[key]


def prepare_workshop(folder: str | Path = "outputs/workshop_data", seed: int = DEFAULT_SEED,
                     answers: bool = False) -> Workshop:
    """Write the class documents for ``seed`` into ``folder`` (unchanged files are kept).

    Writes ``dept_a_<year>.txt`` for two years (and ``dept_a_<year>.xlsx`` of the newest
    one, to open in a spreadsheet), ``dept_b_<year>.txt``, ``suspect_<year>.txt`` for two
    years and ``workshop.json`` (seed and files, no answers). The documents are fictional
    and say so in their text.

    Args:
        folder: Output folder (created if missing).
        seed: Generator seed: another seed gives a fresh set of exercises.
        answers: Also write ``answers.json`` (the teacher's answer key) into the folder.

    Returns:
        The workshop; it also becomes the one :func:`check_answer` and :func:`verify` use.
    """
    global _CURRENT
    from helpers.writers import write_xlsx

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    documents = _documents(seed)
    files = {key: folder / f"{key}.txt" for key in documents}
    manifest = {"version": _VERSION, "seed": seed,
                "files": {key: path.name for key, path in files.items()},
                "note": "示例数据：虚构部门，仅供教学 · fictional departments, for teaching only"}
    manifest_path = folder / MANIFEST
    current = manifest_path.is_file() and json.loads(
        manifest_path.read_text(encoding="utf-8")) == manifest
    if not (current and all(path.is_file() for path in files.values())):
        for key, synthetic in documents.items():
            files[key].write_text(synth.to_tika_text(synthetic.raw), encoding="utf-8")
        write_xlsx(documents[f"dept_a_{YEARS[1]}"].raw, folder / f"dept_a_{YEARS[1]}.xlsx")
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                 encoding="utf-8")
    if answers:
        write_answer_key(folder / "answers.json", seed)
    _CURRENT = Workshop(folder, seed, files)
    return _CURRENT


def current(workshop: Workshop | None = None) -> Workshop:
    """Return ``workshop``, else the one :func:`prepare_workshop` made last."""
    if workshop is not None:
        return workshop
    if _CURRENT is None:
        raise RuntimeError("run prepare_workshop(folder, seed) first · 请先运行 prepare_workshop")
    return _CURRENT


def answer_key(seed: int = DEFAULT_SEED) -> list[dict[str, object]]:
    """Return the planted defects of the suspect of ``seed`` (the teacher's answer key)."""
    return [defect.to_dict() for defect in _documents(seed)[f"suspect_{YEARS[1]}"].defects]


def write_answer_key(path: str | Path, seed: int = DEFAULT_SEED) -> Path:
    """Write the teacher's answer key (JSON) to ``path``."""
    path = Path(path)
    suspect = _documents(seed)[f"suspect_{YEARS[1]}"]
    path.write_text(json.dumps(suspect.answer_key(), ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")
    return path
