"""Write a matplotlib figure as PNG: drawn once, unfiltered rows, fast zlib.

Quirks: ``savefig`` draws a figure with a layout engine twice and Pillow's encoder tries five
row filters per row, which for flat chart colours buys nothing; :func:`figure_png` gives the
same pixels at two thirds of the cost (``tests/unit/test_plots.py``).
"""

from __future__ import annotations

import struct
import zlib

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["figure_png"]


def figure_png(figure: Figure, dpi: int = 150) -> bytes:
    """Draw ``figure`` once and return it as PNG bytes (RGB, white background).

    The pixels are those of ``figure.savefig(format="png", dpi=dpi)``, at two thirds of its
    cost (tested): ``savefig`` draws a figure with a layout engine twice (once to lay it
    out), and Pillow's PNG encoder tries five row filters per row, which for flat chart
    colours buys nothing (the files are smaller without). Here the figure is drawn once
    (the layout engine runs inside that draw) and written as an unfiltered PNG, zlib
    level 1.
    """
    saved_dpi = figure.dpi
    try:
        figure.set_dpi(dpi)
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        rgba = np.asarray(canvas.buffer_rgba())
    finally:
        figure.set_dpi(saved_dpi)
    height, width, _ = rgba.shape
    rows = np.empty((height, 1 + 3 * width), dtype=np.uint8)
    rows[:, 0] = 0  # filter type "None" for every row
    rows[:, 1:] = rgba[:, :, :3].reshape(height, -1)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)) + _png_chunk(b"IEND", b""))


def _png_chunk(tag: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + tag + data
            + struct.pack(">I", zlib.crc32(tag + data)))
