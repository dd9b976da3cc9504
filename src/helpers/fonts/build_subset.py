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
"Noto Sans CJK SC Subset" so that it never collides with a full Noto Sans CJK SC installed
on the system (the OFL permits modified versions; Noto declares no Reserved Font Name).

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
OUTPUT = Path(__file__).with_name("NotoSansCJKsc-Regular-subset.otf")
SC_FACE = 2


def _gbk_characters() -> set[int]:
    found: set[int] = set()
    for high in range(0x81, 0xFF):
        for low in range(0x40, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                found.add(ord(bytes([high, low]).decode("gbk")))
    return found


def codepoints() -> set[int]:
    """Return the code points the subset keeps."""
    kept = _gbk_characters()
    kept |= set(range(0x4E00, 0xA000)) | set(range(0x3400, 0x4DC0))
    kept |= set(range(0x20, 0x7F)) | set(range(0xA0, 0x180)) | set(range(0x2000, 0x2070))
    kept |= set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0)) | {0x2212}
    return kept


def build(source: Path, output: Path = OUTPUT) -> Path:
    """Subset the SC face of ``source`` (a .ttc or the SC .otf) into ``output``."""
    font = TTCollection(str(source)).fonts[SC_FACE] if source.suffix == ".ttc" \
        else TTFont(str(source))
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints())
    subsetter.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16):
            names.removeNames(nameID=record.nameID)
    names.setName(FAMILY, 1, 3, 1, 0x409)
    names.setName(f"{FAMILY} Regular", 4, 3, 1, 0x409)
    names.setName(f"{POSTSCRIPT};subset of Noto Sans CJK SC 2.004", 3, 3, 1, 0x409)
    names.setName(POSTSCRIPT, 6, 3, 1, 0x409)
    names.setName(FAMILY, 16, 3, 1, 0x409)
    cff = font["CFF "].cff
    cff.fontNames = [POSTSCRIPT]
    font.save(str(output))
    return output


def main() -> None:
    """Build the subset from the path given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="NotoSansCJK-Regular.ttc or the SC .otf")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    print(build(parser.parse_args().source, parser.parse_args().output))


if __name__ == "__main__":
    main()
