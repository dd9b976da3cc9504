"""Print read and load time per document per format (Tika text, DOCX, XLSX, PDF).

Usage: python benchmarks/bench_readers.py [TEXT_EXPORT…]   (default: the seed and the demo)

Each Tika text export is written as DOCX, XLSX (one sheet per table, and stacked) and PDF
by :mod:`helpers.writers`, so the same document is timed in every format; synthetic
documents (:mod:`helpers.synth`, one Hebei-style and one Shanghai-style) are generated in
every format and timed the same way, with the time to write each format; the Shanghai
template workbook and the corpus PDFs are timed as they are. Times are the best of N runs
in a warm process; "read" is the reader alone, "load" the whole pipeline.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from helpers import load_disclosure
from helpers.readers import read_document
from helpers.readers.tika_text import read_tika_text
from helpers.synth import FORMATS, STYLES, generate, write_synthetic
from helpers.writers import write_docx, write_pdf, write_xlsx

from timing import best_of

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
DEFAULT_TEXTS = [CORPUS / "seed" / "000_673e72c434b14bd5.txt",
                 ROOT / "data" / "demo" / "example_bureau_2024_budget.txt"]



def row(label: str, fmt: str, path: Path) -> None:
    load_disclosure(path)  # warm up
    read = best_of(lambda: read_document(path))
    load = best_of(lambda: load_disclosure(path))
    size = path.stat().st_size / 1024
    print(f"{label:40s} {fmt:14s} {size:8.0f} {read * 1000:9.1f} {load * 1000:9.1f}")


def main(argv: list[str]) -> int:
    texts = [Path(a) for a in argv] or [p for p in DEFAULT_TEXTS if p.exists()]
    print(f"{'document':40s} {'format':14s} {'KiB':>8s} {'read ms':>9s} {'load ms':>9s}")
    with tempfile.TemporaryDirectory() as folder:
        for text in texts:
            raw = read_tika_text(text)
            stem = Path(folder) / text.stem
            row(text.name, "tika_text", text)
            row(text.name, "docx", write_docx(raw, stem.with_suffix(".docx")))
            row(text.name, "xlsx", write_xlsx(raw, stem.with_suffix(".xlsx")))
            stacked = write_xlsx(raw, Path(f"{stem}_stacked.xlsx"), stacked=True)
            row(text.name, "xlsx (stacked)", stacked)
            row(text.name, "pdf", write_pdf(raw, stem.with_suffix(".pdf")))
        for style in STYLES:
            synthetic = generate(2024, style=style)
            label = f"synthetic {style}"
            for fmt in FORMATS:
                write = best_of(lambda f=fmt, s=synthetic: write_synthetic(s, folder, (f,)), 2)
                path = write_synthetic(synthetic, folder, (fmt,))[fmt]
                row(label, fmt, path)
                print(f"{'':40s} {'  write':14s} {'':8s} {write * 1000:9.1f}")
    template = CORPUS / "reference" / "shanghai_department_budget_template_2026.xlsx"
    if template.exists():
        row(template.name, "xlsx", template)
    for pdf in sorted((CORPUS / "shanghai").glob("*.pdf")):
        row(pdf.name, "pdf", pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
