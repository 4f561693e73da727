"""The typed values that flow between the stages (ingest -> normalize -> figures -> ...)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BBox:
    """A box on a PDF page, in PDF points, origin top-left (pdfplumber's convention)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @staticmethod
    def union(boxes: list[BBox] | tuple[BBox, ...]) -> BBox:
        return BBox(
            min(b.x0 for b in boxes),
            min(b.top for b in boxes),
            max(b.x1 for b in boxes),
            max(b.bottom for b in boxes),
        )


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the source as written.

    ``page`` is None until the lines are segmented into pages (text layer); a PDF sets it
    at ingest. ``number`` is 1-based: within the file before segmentation, within the page
    after. ``char_boxes`` (PDF only) holds one box per character of ``text``.
    """

    page: int | None
    number: int
    text: str
    char_boxes: tuple[BBox, ...] | None = None

    def box_of(self, start: int, end: int) -> BBox | None:
        """The box around characters ``text[start:end]``, or None without geometry."""
        if not self.char_boxes or end <= start:
            return None
        return BBox.union(self.char_boxes[start:end])


@dataclass(frozen=True, slots=True)
class Document:
    """A source as read: its file name (no directories), its kind and its lines."""

    source: str
    kind: str  # "text" or "pdf"
    lines: tuple[Line, ...]
    page_count: int | None = None  # known for a PDF; set by segmentation for text
    glyph_repairs: tuple[dict, ...] = ()  # a PDF's: each glyph read otherwise than its text layer says

    def pages(self) -> dict[int, tuple[Line, ...]]:
        """Lines grouped by page number (segmented documents only)."""
        grouped: dict[int, list[Line]] = {}
        for line in self.lines:
            if line.page is None:
                raise ValueError("document is not segmented into pages yet")
            grouped.setdefault(line.page, []).append(line)
        return {page: tuple(lines) for page, lines in grouped.items()}
