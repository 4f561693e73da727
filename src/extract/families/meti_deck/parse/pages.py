"""Where each of the deck's nine pages begins, and how to tell this deck from others.

The text layer has no page breaks: each page begins at the first line that starts (after
leading blanks) with its anchor, in order. A PDF has pages; there each anchor must be
found on its own page, and each page's title block is read last, where the text layer has
it (:func:`title_last`), whatever place its text box has in the PDF's stream.
"""

from __future__ import annotations

from dataclasses import replace

from extract.errors import BadInput
from extract.japanese import normalize
from extract.read.document import Document, Line

# The opening words of each page, as they appear in the text layer (page 1 = cover).
PAGE_ANCHORS: tuple[str, ...] = (
    "資料",
    "１．レアメタル海外資源確保の推進",
    "２４年度予算要求額",
    "ＳＡＲＥＣＯ 【カザフ】",
    "鉱種 レアアース・レアメタル使用量削減",
    "レアアース等の代替技術・使用量低減技術開発及び加速化",
    "２００７ ２００８",
    "○レアアース・レアメタル使用量削減・利用部品代替支援事業：",
    "（参考４）",
)
TITLE_WORDS = "レアメタル等の確保に向けた取組の全体像"
NOT_THIS_DECK = "not the METI deck 「" + TITLE_WORDS + "」"

_ANCHORS = tuple(normalize(anchor) for anchor in PAGE_ANCHORS)


def _starts_with_anchor(text: str, anchor: str) -> bool:
    return normalize(text).startswith(anchor)


def identify(document: Document) -> None:
    """Refuse a document that is not this deck (BadInput, exit 2)."""
    head = "".join(normalize(line.text) for line in document.lines[:40])
    if normalize(TITLE_WORDS) not in head:
        raise BadInput(f"{document.source}: {NOT_THIS_DECK} (its title is missing)")


def segment_pages(document: Document) -> Document:
    """Give every line its page and its line number within the page."""
    identify(document)
    if document.kind == "pdf":
        return _check_pdf_pages(document)
    starts = _page_starts(document)
    lines: list[Line] = []
    bounds = list(starts) + [len(document.lines)]
    for page, (begin, end) in enumerate(zip(bounds, bounds[1:], strict=False), start=1):
        for number, line in enumerate(document.lines[begin:end], start=1):
            lines.append(replace(line, page=page, number=number))
    return replace(document, lines=tuple(lines), page_count=len(_ANCHORS))


def _page_starts(document: Document) -> list[int]:
    """Index of the first line of each page; page 1 starts at the top."""
    starts = [0]
    cursor = 0
    for page, anchor in enumerate(_ANCHORS[1:], start=2):
        for index in range(cursor + 1, len(document.lines)):
            if _starts_with_anchor(document.lines[index].text, anchor):
                starts.append(index)
                cursor = index
                break
        else:
            raise BadInput(
                f"{document.source}: {NOT_THIS_DECK} (page {page} anchor "
                f"「{PAGE_ANCHORS[page - 1]}」 not found)"
            )
    return starts


def _check_pdf_pages(document: Document) -> Document:
    """A PDF keeps its own pages; each anchor must open a line on its page."""
    pages = document.pages()
    if len(pages) != len(_ANCHORS):
        raise BadInput(
            f"{document.source}: {NOT_THIS_DECK} ({len(pages)} pages, expected {len(_ANCHORS)})"
        )
    for page, anchor in enumerate(_ANCHORS, start=1):
        if not any(_starts_with_anchor(line.text, anchor) for line in pages.get(page, ())):
            raise BadInput(
                f"{document.source}: {NOT_THIS_DECK} (page {page} anchor "
                f"「{PAGE_ANCHORS[page - 1]}」 not found on that page)"
            )
    lines = tuple(line for page in sorted(pages) for line in title_last(pages[page]))
    return replace(document, lines=lines)


def _blocks(lines: tuple[Line, ...]) -> list[list[Line]]:
    """A page's lines in runs between blank lines (each run with the blank lines after it)."""
    blocks: list[list[Line]] = [[]]
    for line in lines:
        if line.text.strip() and blocks[-1] and not blocks[-1][-1].text.strip():
            blocks.append([])
        blocks[-1].append(line)
    return [block for block in blocks if block]


def _top(block: list[Line]) -> float:
    tops = [box.top for line in block for box in (line.char_boxes or ())]
    return min(tops) if tops else float("inf")


def _type_size(block: list[Line]) -> float:
    """The largest type in a block: the height of its tallest character box."""
    return max((box.bottom - box.top for line in block for box in (line.char_boxes or ())), default=0.0)


def title_last(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """A PDF page's lines with its title block moved to the end, as the text layer orders
    every page, and numbered anew. The title is the topmost block, set in larger type than
    every other block of the page (a page without one is left as it is). A slide program
    writes the title where its shape stands in the z-order: last in this deck's own
    export, first from a layout's title placeholder, anywhere after a "Bring to Front"."""
    blocks = _blocks(lines)
    if len(blocks) < 2:
        return lines
    title = min(range(len(blocks)), key=lambda index: _top(blocks[index]))
    others = max(_type_size(block) for index, block in enumerate(blocks) if index != title)
    if title == len(blocks) - 1 or _type_size(blocks[title]) <= others:
        return lines
    moved = blocks[title]
    text = [line for line in moved if line.text.strip()]
    blanks = [line for line in moved if not line.text.strip()] or [replace(text[0], text="", char_boxes=())]
    order = [line for index, block in enumerate(blocks) if index != title for line in block]
    order += blanks + text  # a blank line before the title ends the block above
    return tuple(replace(line, number=number) for number, line in enumerate(order, start=1))
