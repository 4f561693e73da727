"""Noto Sans CJK JP for documents: text widths for layout, and a subset to embed.

The font comes from the ``noto-cjk-sans-jp-regular`` package (SIL Open Font License). A
document embeds only the glyphs it uses (a subset of a few hundred glyphs instead of the
16 MB font), so it shows its Japanese text in a real Japanese font on any machine, with no
network and no font installed.
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


@lru_cache(maxsize=1)
def _metrics() -> tuple[dict[int, str], dict[str, int], int]:
    """The font's character map, advance widths and units per em (read once per process)."""
    from fontTools.ttLib import TTFont

    font = TTFont(font_path(), lazy=True)
    cmap = font.getBestCmap()
    advances = {name: advance for name, (advance, _) in font["hmtx"].metrics.items()}
    return cmap, advances, font["head"].unitsPerEm


def text_width(text: str, size: float) -> float:
    """How wide ``text`` is set at ``size`` px (no kerning; a missing glyph counts as 1 em)."""
    cmap, advances, units = _metrics()
    total = sum(advances.get(cmap.get(ord(c), ""), units) for c in text)
    return total * size / units


def missing_glyphs(text: str) -> set[str]:
    """The characters of ``text`` the font has no glyph for (other than line breaks)."""
    cmap, _, _ = _metrics()
    return {c for c in text if ord(c) not in cmap and c not in "\r\n\t"}


@lru_cache(maxsize=8)
def subset_font(characters: str) -> bytes:
    """An OpenType font holding just the glyphs of ``characters`` (and .notdef), with the
    font's copyright and licence names kept. The same characters give the same bytes."""
    from fontTools import subset

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = list(KEPT_NAMES)
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    font = subset.load_font(font_path(), options, lazy=True)
    font.recalcTimestamp = False  # the same input, the same bytes
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def font_face(text: str) -> str:
    """A CSS ``@font-face`` rule embedding the subset that sets ``text`` (a data URI)."""
    characters = "".join(sorted({c for c in text if c.isprintable()}))
    data = base64.b64encode(subset_font(characters)).decode("ascii")
    return (f"@font-face {{ font-family: '{FAMILY}'; "
            f"src: url(data:font/otf;base64,{data}) format('opentype'); }}")
