"""The CJK font shipped with the package: a subset of Noto Sans CJK SC (SIL OFL 1.1).

Charts register it with matplotlib (:mod:`helpers.plots`); HTML reports serve the same files
as a web font (:func:`helpers.reports.pages.install_static`). ``build_subset.py`` beside this file
rebuilds the files; ``OFL.txt`` is their licence.
"""

from pathlib import Path

_HERE = Path(__file__).parent
#: The three files: GB2312 hanzi and all non-hanzi in the first, the rarer hanzi in two more
#: (each file under 5 MB), chained as per-glyph fallbacks.
FONT_PATHS = (_HERE / "NotoSansCJKsc-Regular-subset.otf",
              _HERE / "NotoSansCJKsc-Regular-subset-ext1.otf",
              _HERE / "NotoSansCJKsc-Regular-subset-ext2.otf")
#: Their family names (renamed from Noto's, so as never to collide with an installed font).
FONT_FAMILIES = ("Noto Sans CJK SC Subset", "Noto Sans CJK SC Subset Ext1",
                 "Noto Sans CJK SC Subset Ext2")
LICENSE_PATH = _HERE / "OFL.txt"
