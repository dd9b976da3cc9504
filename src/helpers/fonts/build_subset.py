"""Build the CJK font subset shipped with :mod:`helpers.plots` (run by hand, not at import).

The source is Noto Sans CJK SC Regular (SIL Open Font License 1.1), the Simplified Chinese
face of ``NotoSansCJK-Regular.ttc`` (face 2), e.g. from Debian's ``fonts-noto-cjk``
package (``apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb x``) or from
the upstream noto-cjk releases.

Kept: every hanzi of the CJK Unified Ideographs block (U+4E00–U+9FFF) and Extension A
(U+3400–U+4DBF) — a superset of GB2312 and of GBK's hanzi, i.e. every BMP hanzi of
GB18030 — plus every other character GBK encodes (full-width forms, CJK punctuation,
Greek, Cyrillic, box drawing…), Latin-1, Latin Extended-A, general punctuation and U+2212
MINUS SIGN. Dropped: OpenType layout tables (matplotlib does not shape CJK text), vertical
metrics and all other glyphs (kana variants, Hangul, regional forms). The family is renamed
"Noto Sans CJK SC Subset" (its parts "… Ext1", "… Ext2") so that it never collides with a
full Noto Sans CJK SC installed on the system (the OFL permits modified versions; Noto
declares no Reserved Font Name). The subset ships in three files of under 5 MB each.

Usage::

    python src/helpers/fonts/build_subset.py NotoSansCJK-Regular.ttc
"""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

FAMILY = "Noto Sans CJK SC Subset"
POSTSCRIPT = "NotoSansCJKscSubset-Regular"
FONTS_DIR = Path(__file__).parent
SC_FACE = 2

#: The subset is shipped in parts of under 5 MB each, chained as matplotlib fallbacks:
#: (file stem, family suffix, which hanzi it holds). Part one holds GB2312's hanzi and every
#: non-hanzi character, so ordinary text needs only the first file.
PARTS: tuple[tuple[str, str, str], ...] = (
    ("NotoSansCJKsc-Regular-subset", "", "gb2312"),
    ("NotoSansCJKsc-Regular-subset-ext1", " Ext1", "rare-low"),
    ("NotoSansCJKsc-Regular-subset-ext2", " Ext2", "rare-high"),
)
_SPLIT = 0x7800  # rare hanzi below go to Ext1, the others (and Extension A) to Ext2


def _decodable(encoding: str) -> set[int]:
    found: set[int] = set()
    for high in range(0x81, 0xFF):
        for low in range(0x40, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                found.add(ord(bytes([high, low]).decode(encoding)))
    return found


def _is_hanzi(code: int) -> bool:
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF


def codepoints() -> set[int]:
    """Return every code point the subset keeps (over all parts)."""
    kept = _decodable("gbk")
    kept |= set(range(0x4E00, 0xA000)) | set(range(0x3400, 0x4DC0))
    kept |= set(range(0x20, 0x7F)) | set(range(0xA0, 0x180)) | set(range(0x2000, 0x2070))
    kept |= set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0)) | {0x2212}
    return kept


def part_codepoints(which: str) -> set[int]:
    """Return the code points of one part (see :data:`PARTS`)."""
    kept, common = codepoints(), _decodable("gb2312")
    if which == "gb2312":
        return {c for c in kept if not _is_hanzi(c) or c in common}
    rare = {c for c in kept if _is_hanzi(c) and c not in common}
    if which == "rare-low":
        return {c for c in rare if 0x4E00 <= c < _SPLIT}
    return {c for c in rare if c >= _SPLIT or c < 0x4E00}


def build_part(source: Path, stem: str, suffix: str, unicodes: set[int]) -> Path:
    """Subset the SC face of ``source`` (a .ttc or the SC .otf) into one part."""
    font = TTCollection(str(source)).fonts[SC_FACE] if source.suffix == ".ttc" \
        else TTFont(str(source))
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    family, postscript = FAMILY + suffix, POSTSCRIPT.replace("-", suffix.strip() + "-")
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16):
            names.removeNames(nameID=record.nameID)
    names.setName(family, 1, 3, 1, 0x409)
    names.setName(f"{family} Regular", 4, 3, 1, 0x409)
    names.setName(f"{postscript};subset of Noto Sans CJK SC 2.004", 3, 3, 1, 0x409)
    names.setName(postscript, 6, 3, 1, 0x409)
    names.setName(family, 16, 3, 1, 0x409)
    font["CFF "].cff.fontNames = [postscript]
    output = FONTS_DIR / f"{stem}.otf"
    font.save(str(output))
    return output


def build(source: Path) -> list[Path]:
    """Build every part of the subset from ``source``."""
    return [build_part(source, stem, suffix, part_codepoints(which))
            for stem, suffix, which in PARTS]


def main() -> None:
    """Build the subset from the path given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="NotoSansCJK-Regular.ttc or the SC .otf")
    for path in build(parser.parse_args().source):
        print(f"{path} {path.stat().st_size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
