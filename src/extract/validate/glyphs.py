"""The ``glyph_repairs`` table every PDF command writes: each glyph whose text layer says
something other than the page shows, or that could not be checked (:mod:`extract.read.glyphs`)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from extract.read.document import BBox
from extract.read.glyphs import VERDICTS
from extract.validate.columns import POINTS, text_field

GLYPH_TABLE = "glyph_repairs"
COLUMNS = ("glyph_id", "font", "code", "glyph", "claimed", "read", "verdict", "score", "best", "best_score",
           "runner_up", "runner_up_score", "reason", "pages", "count", "source", "page", "x0", "top", "x1",
           "bottom")  # provenance last
TYPES = {"code": "int64", "glyph": "Int64", "score": "float64", "best_score": "float64",
         "runner_up_score": "float64", "count": "int64", "page": "int64", "x0": "float64", "top": "float64",
         "x1": "float64", "bottom": "float64"}


class GlyphRepairs(pa.DataFrameModel):
    """One row per glyph of a font that reads otherwise than its text layer says (repaired),
    that may (doubtful), or that could not be checked (unchecked); glyphs that look like what
    they claim (kept) have no row."""

    glyph_id: Series[str] = pa.Field(unique=True, description="Row id (G0001 …).")
    font: Series[str] = pa.Field(nullable=True, description="The font's name in the PDF (BaseFont).")
    code: Series[int] = pa.Field(ge=0, description="The character code (CID) the page draws.")
    glyph: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="The glyph index in the font program.")
    claimed: Series[str] = text_field("What the PDF's text layer (ToUnicode) says the glyph is.")
    read: Series[str] = text_field("What the tables read: the repair, or the claim where it was kept.")
    verdict: Series[str] = pa.Field(isin=VERDICTS[1:], description=(
        "repaired (the glyph is clearly another character), doubtful (it does not look like its "
        "claim, and no character is clearly what it shows: the claim is kept) or unchecked."))
    score: Series[float] = pa.Field(nullable=True, description=(
        "How alike the glyph and its claim drawn in the reference font are (cosine of edge histograms, 1 = same)."))
    best: Series[str] = pa.Field(nullable=True, description="The candidate the glyph looks most like.")
    best_score: Series[float] = pa.Field(nullable=True, description="Its likeness to the glyph.")
    runner_up: Series[str] = pa.Field(nullable=True, description="The next candidate that is not the same character.")
    runner_up_score: Series[float] = pa.Field(nullable=True, description="Its likeness to the glyph.")
    reason: Series[str] = pa.Field(nullable=True, description="Why a glyph is doubtful or unchecked.")
    pages: Series[str] = text_field("PDF pages the glyph is drawn on (the first 20, then …).")
    count: Series[int] = pa.Field(ge=1, description="How many times the glyph is drawn.")
    source: Series[str] = text_field("File read.")
    page: Series[int] = pa.Field(ge=1, description="The first PDF page the glyph is drawn on, from 1.")
    x0: Series[float] = pa.Field(metadata=POINTS, description="Its first box there: left, points.")
    top: Series[float] = pa.Field(metadata=POINTS, description="Top, points from the page top.")
    x1: Series[float] = pa.Field(metadata=POINTS, description="Right, points.")
    bottom: Series[float] = pa.Field(metadata=POINTS, description="Bottom, points from the page top.")

    class Config:
        strict = True
        coerce = True


def glyph_boxes(frame: pd.DataFrame | None) -> list[tuple[int, BBox, str]]:
    """The debug images' boxes of glyph_repairs: each glyph where it is first drawn,
    labelled claimed → read (or ? where it stays doubtful)."""
    if frame is None:
        return []
    return [(int(row.page), BBox(row.x0, row.top, row.x1, row.bottom),
             f"glyph {row.claimed}→{row.read if row.verdict == 'repaired' else '?'}")
            for row in frame.itertuples(index=False)]


def numbered(frame: pd.DataFrame) -> pd.DataFrame:
    """The table's ids made anew (G0001 …), as when several sources' tables are joined."""
    return frame.assign(glyph_id=[f"G{index:04d}" for index in range(1, len(frame) + 1)])


def glyph_repairs_frame(rows: list[dict]) -> pd.DataFrame:
    """The rows of :meth:`extract.read.glyphs.GlyphCheck.rows` (of every file), numbered."""
    numbered = [{"glyph_id": f"G{index:04d}", **row, "font": row["font"] or None, "reason": row["reason"] or None}
                for index, row in enumerate(rows, start=1)]
    frame = pd.DataFrame(numbered, columns=list(COLUMNS))
    return frame.astype({column: TYPES.get(column, "string[pyarrow]") for column in COLUMNS})
