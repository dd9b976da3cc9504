"""The CJK font of the charts: a shipped Noto Sans CJK SC subset, registered in code.

The font decision: ``fonts/NotoSansCJKsc-Regular-subset.otf`` is a subset of Noto Sans CJK
SC Regular 2.004 (SIL Open Font License 1.1; the licence and copyright are in
``fonts/OFL.txt`` beside it; ``fonts/build_subset.py`` rebuilds it). It keeps every hanzi
of the CJK Unified Ideographs block and Extension A (every BMP hanzi of GB18030, a superset
of GB2312 and GBK — department names and narrative are arbitrary Chinese, and district
names such as 浉河区 or 埇桥区 fall outside GB2312), every other GBK character (full-width
forms, CJK punctuation “”、。), Latin and general punctuation: 28,791 glyphs in 8.0 MB.
Measured alternatives: ``mplfonts`` (an 85 MB wheel that also bundles SimHei, whose
licence is doubtful), ``cvttf-notosanscjk-regular`` (27 MB wheel, Noto Sans CJK *TC*: its
punctuation sits in the centre of the em box, as Traditional Chinese sets it, not as
mainland documents do), a GB2312-only subset (1.8 MB, but misses real place names) and a
GBK subset (6.0 MB). OpenType layout tables are dropped: matplotlib does not shape CJK.
Glyphs outside the subset (rare Extension B+ characters in a name) fall back to DejaVu
Sans, and :func:`displayable` replaces any character neither font has with "〓" (the
conventional mark for a missing character in Chinese typesetting), so no warning is ever
emitted.
"""

from __future__ import annotations

from functools import cache

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from helpers.fonts import FONT_FAMILIES, FONT_PATHS

__all__ = ["FONT_CHAIN", "FONT_FAMILIES", "FONT_FAMILY", "FONT_PATH", "FONT_PATHS",
           "displayable", "register_cjk_font"]

#: The first (main) font file and its family name.
FONT_PATH, FONT_FAMILY = FONT_PATHS[0], FONT_FAMILIES[0]
_FALLBACK_FAMILY = "DejaVu Sans"
#: The families a chart's text names, in order: the subset's files, then DejaVu Sans.
FONT_CHAIN = [*FONT_FAMILIES, _FALLBACK_FAMILY]
_MISSING_MARK = "〓"


def register_cjk_font() -> str:
    """Register the shipped CJK font with matplotlib and make it the first sans-serif.

    Idempotent: the font file is added to the font manager once, and the family is put at
    the head of ``font.sans-serif`` (DejaVu Sans stays behind it as the per-glyph fallback).

    Returns:
        The font family name to use in ``FontProperties(family=…)``.
    """
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for path in FONT_PATHS:
        if str(path) not in known:
            font_manager.fontManager.addfont(str(path))
    chain = FONT_CHAIN
    families = [f for f in mpl.rcParams["font.sans-serif"] if f not in chain]
    mpl.rcParams["font.sans-serif"] = [*chain, *families]
    # Concrete families, not the generic "sans-serif": matplotlib falls back glyph by glyph
    # only along the families a text names.
    mpl.rcParams["font.family"] = chain
    return FONT_FAMILY


@cache
def _covered() -> frozenset[int]:
    fallback = font_manager.findfont(font_manager.FontProperties(family=[_FALLBACK_FAMILY]),
                                     fallback_to_default=True)
    covered = set(FT2Font(fallback).get_charmap())
    for path in FONT_PATHS:
        covered |= set(FT2Font(str(path)).get_charmap())
    return frozenset(covered)


def displayable(text: object) -> str:
    """Return ``text`` as a string whose every character the registered fonts can draw.

    Characters neither the CJK subset nor DejaVu Sans has become "〓"; line breaks and
    spaces are kept.
    """
    covered = _covered()
    return "".join(ch if ch in "\n\t " or ord(ch) in covered else _MISSING_MARK
                   for ch in str(text))


register_cjk_font()
