"""Glyph shapes: a glyph drawn from a font program, as a vector that compares across fonts.

A glyph is rendered at :data:`EM_PX` pixels per em (FreeType, unhinted), cropped to its
ink, scaled (aspect kept) into a :data:`GRID`-pixel square, blurred, and described by the
direction of its edges: the gradient's orientation in :data:`BINS` bins, summed over
cells (a histogram of oriented gradients, as character recognisers use): 6 × 6 to find a
glyph's candidates among thousands, 12 × 12 to choose among them. Edges, not ink, so a thin
Mincho and a heavier one of the same design
agree; the blur forgives a stroke drawn a pixel off. Two shapes compare by the cosine of
their vectors (1: the same drawing). Beside the vector, a shape keeps where its ink
stands in the em square (centre and size, in ems), which the crop forgets: ``、`` and
``'`` differ there, not in their outline.

The references are Noto Serif JP and Noto Sans JP (SIL Open Font License, from the
``pylopdf-fonts-jp`` package): a Mincho page is compared with the serif, a Gothic page with
the sans. Each reference draws the candidates a glyph may turn out to be: JIS X 0208 (the
characters of every Japanese text encoding) and printable ASCII.
"""

from __future__ import annotations

import ctypes
import functools
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import regex

EM_PX = 64  # pixels per em, rendering
GRID = 48  # pixels of the square a glyph's ink is scaled into
PAD = 6  # pixels left around the ink in that square
COARSE = (6, 2.0)  # cells per side summed into the histogram, Gaussian radius (pixels) before
FINE = (12, 1.5)  # the edges are taken: coarse to find candidates, fine to choose among them
BINS = 4  # edge orientations
RISE_SLACK = 0.1  # ems of vertical offset forgiven between two fonts' glyphs
EM_BOX = (0.88, -0.12)  # the ideographic em box of the references (ascent, descent)


class GlyphUnreadable(Exception):
    """A font program FreeType cannot load, or a glyph it cannot draw."""


@dataclass(frozen=True)
class Shape:
    """A glyph's edge histograms (unit length; :data:`COARSE` and :data:`FINE`) and where
    its ink stands (:func:`geometry_of`)."""

    vector: np.ndarray  # coarse
    fine: np.ndarray
    geometry: tuple[float, float, float, float, float]
    pixels: np.ndarray  # the square itself, lightly blurred, centred, unit length: a tie-breaker


def face_of(program: bytes):
    """A FreeType face of a font program (TrueType, OpenType, bare CFF or Type 1)."""
    import freetype

    try:
        return freetype.Face(io.BytesIO(program))
    except freetype.FT_Exception as error:
        raise GlyphUnreadable(str(error)) from None


def glyph_ink(face, glyph: int) -> tuple[np.ndarray, int, int] | None:
    """Glyph ``glyph`` of ``face`` rendered: its ink (0..255, rows top down), left and top
    bearing in pixels; None for a glyph with no ink (a space)."""
    import freetype

    try:
        face.set_pixel_sizes(EM_PX, EM_PX)
        face.load_glyph(glyph, freetype.FT_LOAD_RENDER | freetype.FT_LOAD_NO_HINTING)
    except freetype.FT_Exception as error:
        raise GlyphUnreadable(str(error)) from None
    bitmap = face.glyph.bitmap._FT_Bitmap
    if not bitmap.rows or not bitmap.width or bitmap.pitch <= 0:
        return None
    raw = ctypes.string_at(bitmap.buffer, bitmap.rows * bitmap.pitch)
    ink = np.frombuffer(raw, np.uint8).reshape(bitmap.rows, bitmap.pitch)[:, :bitmap.width]
    return ink, face.glyph.bitmap_left, face.glyph.bitmap_top


def shape_of(ink: np.ndarray, left: int, top: int, advance: float, em_box: tuple[float, float]) -> Shape:
    """The shape of rendered ink; ``advance`` in ems, ``em_box`` its font's (ascent, descent)."""
    square = square_of(ink)[None]
    pixels = _blurred(square, 1.0)[0].ravel()
    pixels = pixels - pixels.mean()
    return Shape(edge_histograms(square, *COARSE)[0], edge_histograms(square, *FINE)[0],
                 geometry_of(ink, left, top, advance, em_box), pixels / max(float(np.linalg.norm(pixels)), 1e-9))


def geometry_of(ink: np.ndarray, left: int, top: int, advance: float,
                em_box: tuple[float, float]) -> tuple[float, float, float, float, float]:
    """Where the ink stands: its centre from the middle of the advance and of the em box
    (x right, y up), its width and height, and the advance, in ems."""
    height, width = ink.shape
    middle = (em_box[0] + em_box[1]) / 2
    return ((left + width / 2) / EM_PX - advance / 2, (top - height / 2) / EM_PX - middle,
            width / EM_PX, height / EM_PX, advance)


def square_of(ink: np.ndarray) -> np.ndarray:
    """The ink scaled (aspect kept) to fill a :data:`GRID` square less :data:`PAD`, centred."""
    from PIL import Image

    height, width = ink.shape
    scale = (GRID - PAD) / max(height, width)
    image = Image.fromarray(np.ascontiguousarray(ink)).resize(
        (max(1, round(width * scale)), max(1, round(height * scale))), Image.Resampling.BILINEAR)
    square = np.zeros((GRID, GRID), np.float32)
    top, left = (GRID - image.height) // 2, (GRID - image.width) // 2
    square[top:top + image.height, left:left + image.width] = np.asarray(image, np.float32) / 255
    return square


def _blurred(squares: np.ndarray, blur: float) -> np.ndarray:
    """Squares (n × GRID × GRID) under a Gaussian of radius ``blur``, one axis at a time."""
    reach = int(np.ceil(3 * blur))
    taps = np.exp(-0.5 * (np.arange(-reach, reach + 1) / blur) ** 2).astype(np.float32)
    taps /= taps.sum()
    for axis in (1, 2):
        padded = np.pad(squares, [(0, 0)] + [(reach, reach) if a == axis else (0, 0) for a in (1, 2)])
        blurred = np.zeros_like(squares)
        for shift, weight in enumerate(taps):
            blurred += weight * (padded[:, shift:shift + GRID] if axis == 1 else padded[:, :, shift:shift + GRID])
        squares = blurred
    return squares


def edge_histograms(squares: np.ndarray, cells: int, blur: float) -> np.ndarray:
    """Each square's edges (blurred first), in ``cells`` × ``cells`` cells: strength by orientation (each edge shared
    between its two nearest bins), summed per cell, square-rooted (a long stroke does not
    drown a short one), centred, unit length. One row per square."""
    down, across = np.gradient(_blurred(squares, blur), axis=(1, 2))
    strength = np.hypot(across, down)
    position = np.mod(np.arctan2(down, across), np.pi) * np.float32(BINS / np.pi)
    lower = np.floor(position)
    share = position - lower
    lower = lower.astype(np.intp)[:, None] % BINS
    side, count = GRID // cells, len(squares)
    edges = np.zeros((count, BINS, GRID, GRID), np.float32)
    np.put_along_axis(edges, lower, (strength * (1 - share))[:, None], axis=1)
    upper = np.zeros_like(edges)
    np.put_along_axis(upper, (lower + 1) % BINS, (strength * share)[:, None], axis=1)
    edges += upper
    pooled = edges.reshape(count, BINS, cells, side, cells, side).sum(axis=(3, 5))
    vectors = np.sqrt(pooled.reshape(count, -1))
    vectors -= vectors.mean(axis=1, keepdims=True)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms > 0, norms, 1)).astype(np.float32)


def similarity(a: Shape, b: Shape) -> float:
    """The cosine of two shapes' fine vectors: 1 for the same drawing, about 0 for unrelated ones."""
    return float(a.fine @ b.fine)


def pixel_similarity(a: Shape, b: Shape) -> float:
    """The cosine of two shapes' squares: what tells ペ from ベ when their edges agree."""
    return float(a.pixels @ b.pixels)


def displacement(a: Shape, b: Shape) -> float:
    """How far apart two shapes' inks stand, or differ in size, in ems; up and down with
    :data:`RISE_SLACK` forgiven (a producer's ascent and descent place the em box roughly:
    enough to tell , from ' but not a kanji's centre to a tenth of an em)."""
    across, rise = abs(a.geometry[0] - b.geometry[0]), max(0.0, abs(a.geometry[1] - b.geometry[1]) - RISE_SLACK)
    return max(across, rise, abs(a.geometry[2] - b.geometry[2]), abs(a.geometry[3] - b.geometry[3]))


def candidates() -> tuple[str, ...]:
    """The characters a glyph may be read as: JIS X 0208 (every two-byte EUC-JP code that
    decodes), the 常用漢字 it lacks (JIS X 0213: 𠮟 塡 剝 頰, which books often draw as 外字)
    and printable ASCII, less the Greek and Cyrillic letters (each has a Latin or digit
    twin, З and 3, О and O, that a Japanese page far more likely shows)."""
    found = [chr(code) for code in range(0x21, 0x7F)] + list(JOYO_BEYOND_JIS_X_0208)
    for first in range(0xA1, 0xFF):
        for second in range(0xA1, 0xFF):
            try:
                found.append(bytes((first, second)).decode("euc_jp"))
            except UnicodeDecodeError:
                continue
    return tuple(dict.fromkeys(char for char in found if not _GREEK_OR_CYRILLIC.match(char)))


JOYO_BEYOND_JIS_X_0208 = "\U00020b9f\u5861\u525d\u9830"  # 𠮟 塡 剝 頰 (常用漢字表, 2010)
_GREEK_OR_CYRILLIC = regex.compile(r"[\p{Greek}\p{Cyrillic}]")


class Reference:
    """One reference font: the shape of any character it draws, and the bank of every
    candidate's shape (made once, when a glyph first needs a search)."""

    def __init__(self, style: str, path: str) -> None:
        self.style, self.path = style, path
        with open(path, "rb") as font:
            self.face = face_of(font.read())
        self.face.set_pixel_sizes(EM_PX, EM_PX)
        self._shapes: dict[str, Shape | None] = {}
        self._bank: tuple[tuple[str, ...], np.ndarray, np.ndarray] | None = None

    def shape(self, char: str) -> Shape | None:
        """The reference's shape of ``char``; None where it has no glyph for it, or no ink."""
        if char not in self._shapes:
            drawn = self._drawn(char)
            self._shapes[char] = None if drawn is None else shape_of(*drawn)
        return self._shapes[char]

    def candidate(self, char: str) -> Shape:
        """The shape of a character of the bank (which has one)."""
        shape = self.shape(char)
        if shape is None:
            raise GlyphUnreadable(f"the reference draws no {char!r}")
        return shape

    def _drawn(self, char: str) -> tuple[np.ndarray, int, int, float, tuple[float, float]] | None:
        glyph = self.face.get_char_index(ord(char)) if len(char) == 1 else 0
        drawn = glyph_ink(self.face, glyph) if glyph else None
        return None if drawn is None else (*drawn, self.face.glyph.advance.x / 64 / EM_PX, EM_BOX)

    def bank(self) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
        """Every candidate it draws: the characters, their vectors (one row each) and geometry
        (made once per machine, some seconds, then kept in the user's cache folder)."""
        if self._bank is None:
            self._bank = _cached(self._bank_key(), self._made_bank)
        return self._bank

    def _bank_key(self) -> str:
        import hashlib

        settings = repr((self.path, os.path.getsize(self.path), EM_PX, GRID, PAD, COARSE, BINS, EM_BOX,
                         len(candidates()), BANK_VERSION))
        return f"glyph-bank-{self.style}-{hashlib.sha256(settings.encode()).hexdigest()[:16]}.npz"

    def _made_bank(self) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
        chars, squares, geometry = [], [], []
        for char in candidates():
            drawn = self._drawn(char)
            if drawn is not None:
                chars.append(char)
                squares.append(square_of(drawn[0]))
                geometry.append(geometry_of(*drawn))
        vectors = np.concatenate([edge_histograms(np.array(squares[at:at + 512]), *COARSE)
                                  for at in range(0, len(squares), 512)])
        return tuple(chars), vectors, np.array(geometry, np.float32)


BANK_VERSION = 1  # raised whenever the shapes are computed otherwise


def cache_folder() -> Path | None:
    """Where a made bank is kept: $XDG_CACHE_HOME/extract (or ~/.cache/extract); None where
    there is no home to keep it in."""
    base = os.environ.get("XDG_CACHE_HOME") or (os.path.join(os.path.expanduser("~"), ".cache"))
    return Path(base) / "extract" if base and not base.startswith("~") else None


def _cached(name: str, make):
    """A bank from the cache folder, or made and kept there (written to a temporary file and
    renamed: two processes making it at once both keep a whole file). A cache that cannot be
    read or written is made again, never trusted half."""
    folder = cache_folder()
    path = folder / name if folder is not None else None
    if path is not None and path.is_file():
        try:
            with np.load(path, allow_pickle=False) as kept:
                return tuple(str(kept["chars"])), kept["vectors"], kept["geometry"]
        except (OSError, ValueError, KeyError):
            pass
    chars, vectors, geometry = make()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as out:
                np.savez(out, chars=np.array("".join(chars)), vectors=vectors, geometry=geometry)
            os.replace(out.name, path)
        except OSError:
            pass
    return chars, vectors, geometry


@functools.cache
def reference(style: str) -> Reference:
    """The reference of ``style`` (``serif``: Noto Serif JP, ``sans``: Noto Sans JP), loaded once."""
    import pylopdf_fonts_jp

    path = pylopdf_fonts_jp.serif_path() if style == "serif" else pylopdf_fonts_jp.sans_path()
    return Reference(style, str(path))
