"""Noto Sans CJK JP for documents: a subset to embed, and the text widths it sets.

The font comes from the ``noto-cjk-sans-jp-regular`` package (SIL Open Font License). A
document embeds only the glyphs it uses (a subset of a few hundred glyphs, about 50 KB,
instead of the 16 MB font), so it shows its Japanese text in a real Japanese font on any
machine, with no network and no font installed. Widths for layout are read from that same
subset, so the full font is never parsed beyond what the subsetter needs.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache

FAMILY = "Noto Sans CJK JP (subset)"
KEPT_NAMES = (0, 1, 2, 3, 4, 5, 6, 13, 14)  # copyright, names, version, licence and its URL


def font_path() -> str:
    import noto_cjk_sans_jp_regular

    return str(noto_cjk_sans_jp_regular.FONT_PATH)


def characters(text: str) -> str:
    """The printable characters of ``text``, each once, in code point order."""
    return "".join(sorted({c for c in text if c.isprintable()}))


# Tables a horizontal page in a browser never reads: layout (no feature is used) and
# vertical metrics. Removed before subsetting, so they are never parsed (a fifth of the time).
UNUSED_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VORG")


@lru_cache(maxsize=8)
def subset_font(chars: str) -> bytes:
    """An OpenType (CFF) font holding just the glyphs of ``chars`` (and .notdef), without
    layout features (no kerning or alternates: none is used) or vertical metrics, with the
    font's copyright and licence names kept. The same characters give the same bytes.

    Hints and subroutines are kept as the font has them: removing them costs more time
    (two more passes over every glyph's charstring) than the ~10 KB they weigh."""
    from fontTools import subset

    options = subset.Options()
    options.layout_features = []
    options.name_IDs = list(KEPT_NAMES)
    options.notdef_outline = True
    options.hinting = True
    options.desubroutinize = False
    font = subset.load_font(font_path(), options, lazy=True)
    for tag in UNUSED_TABLES:
        if tag in font:
            del font[tag]
    font.recalcTimestamp = False  # the same input, the same bytes
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


class FontMetrics:
    """Advance widths of a font given as bytes."""

    def __init__(self, data: bytes):
        from fontTools.ttLib import TTFont

        font = TTFont(io.BytesIO(data))
        self.cmap = font.getBestCmap()
        self.advances = {name: advance for name, (advance, _) in font["hmtx"].metrics.items()}
        self.units = font["head"].unitsPerEm

    def width(self, text: str, size: float) -> float:
        """How wide ``text`` is set at ``size`` px (no kerning; a missing glyph counts 1 em)."""
        total = sum(self.advances.get(self.cmap.get(ord(c), ""), self.units) for c in text)
        return total * size / self.units

    def missing(self, text: str) -> set[str]:
        """The printable characters of ``text`` the font has no glyph for."""
        return {c for c in characters(text) if ord(c) not in self.cmap and not c.isspace()}


def font_face(data: bytes) -> str:
    """A CSS ``@font-face`` rule embedding ``data`` (an OpenType font) as a data URI."""
    encoded = base64.b64encode(data).decode("ascii")
    return (f"@font-face {{ font-family: '{FAMILY}'; "
            f"src: url(data:font/otf;base64,{encoded}) format('opentype'); }}")
