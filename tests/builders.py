"""Builders shared by the test tiers: altered copies of real and demo documents.

Each mutation of a :class:`~helpers.raw.RawDocument` changes one thing a rule must notice;
the hostile and batch documents feed the rendering and browser tests.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path

from helpers.raw import Cell, Grid, Paragraph, RawDocument
from helpers.synth import generate, to_tika_text

from conftest import DEMO_BUDGET as DEMO

# ---- mutations of a RawDocument -------------------------------------------------------------

def grid(raw: RawDocument, title: str) -> Grid:
    return next(g for g in raw.grids if title in g.title)


def set_cell(title: str, first: str, column: int, text: str) -> Callable:
    """Set cell ``column`` of the last row of grid ``title`` whose first cells hold ``first``.

    The last such row: header rows (at the top) also print words such as 合计.
    """
    def mutate(raw: RawDocument) -> None:
        rows = grid(raw, title).rows
        row = [r for r in rows if any(c.text == first for c in r[:4])][-1]
        old = row[column]
        row[column] = Cell(text, page=old.page, line=old.line)
    return mutate


def drop_row(title: str, first: str) -> Callable:
    def mutate(raw: RawDocument) -> None:
        rows = grid(raw, title).rows
        rows.remove(next(r for r in rows if any(c.text == first for c in r[:2])))
    return mutate


def edit_text(old: str, new: str) -> Callable:
    def mutate(raw: RawDocument) -> None:
        block = next(b for b in raw.blocks if isinstance(b, Paragraph) and old in b.text)
        block.text = block.text.replace(old, new, 1)
    return mutate


def drop_blocks(predicate: Callable) -> Callable:
    def mutate(raw: RawDocument) -> None:
        raw.blocks = [b for b in raw.blocks if not predicate(b)]
    return mutate


def drop_section(heading: str) -> Callable:
    def mutate(raw: RawDocument) -> None:
        start = next(i for i, b in enumerate(raw.blocks)
                     if not isinstance(b, Grid) and heading in b.text)
        end = next((i for i in range(start + 1, len(raw.blocks))
                    if type(raw.blocks[i]).__name__ == "Heading"), len(raw.blocks))
        del raw.blocks[start:end]
    return mutate


def apply_all(*mutations: Callable) -> Callable:
    def mutate(raw: RawDocument) -> None:
        for mutation in mutations:
            mutation(raw)
    return mutate


def add_note(title: str, note: str) -> Callable:
    return lambda raw: grid(raw, title).notes.append(note)


def add_unknown_table(raw: RawDocument) -> None:
    raw.blocks.append(Grid("部门示例统计表", rows=[[Cell("项目"), Cell("数量")],
                                                   [Cell("甲"), Cell("1")]]))


def duplicate_paragraph(start: str) -> Callable:
    def mutate(raw: RawDocument) -> None:
        index = next(i for i, b in enumerate(raw.blocks)
                     if isinstance(b, Paragraph) and b.text.startswith(start))
        raw.blocks.insert(index + 1, copy.deepcopy(raw.blocks[index]))
    return mutate



# ---- documents for rendering -----------------------------------------------------------------

HOSTILE = "<script>alert(1)</script>/../../etc"


def hostile_document(folder: Path, name: str = HOSTILE) -> Path:
    """Write the demo document with its department renamed to ``name``."""
    text = DEMO.read_text(encoding="utf-8").replace("示例市示例区示例局", name)
    path = folder / "hostile_2024.txt"
    path.write_text(text, encoding="utf-8")
    return path


def make_documents(folder: Path) -> Path:
    """Write the demo, two synthetic departments over two years, a hostile and a broken file."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEMO, folder / DEMO.name)
    for seed in (1, 2):
        for year in (2023, 2024):
            text = to_tika_text(generate(seed, year).raw)
            (folder / f"synthetic_{seed}_{year}.txt").write_text(text, encoding="utf-8")
    hostile_document(folder)
    (folder / "broken.txt").write_text("这不是预算文件。\nnot a budget\n", encoding="utf-8")
    return folder


