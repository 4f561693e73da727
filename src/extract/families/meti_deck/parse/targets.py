"""Percent targets (pages 5, 7, 8): what is cut or reached, by how much, aimed at or
reached, where on the slide, and the sentence that says so — whole.

* The statement is the sentence holding the percent, joined across the lines it wraps
  over (``…使用量５０％削減達`` + ``成。``; ``…半分を占める`` + ``モーターについて、…``).
  It begins after the sentence before it (。), after a caption the line sets apart by a
  blank (``設備導入支援（補正予算） 使用量…``), after a row's label, or where its block
  begins or a line above ends an element (…。, …）); it ends at its 。 — or with its line
  where no 。 follows in its block (a chart cell: ``単位あたり４０％削減技術確立``).
* The subject is what the sentence says is cut or reached: the noun just before the
  percent (エネルギー損失を, ジスプロ使用量の, 使用量). Where the words there only say from
  or per what (現状から, 単位あたり), it is the noun the cell's caption or the table's
  header says is reduced (使用量低減技術開発 → 使用量); where the percent opens its clause,
  what it reaches (３０％以上を中国以外から対応可 → 中国以外から対応).
* The row is the slide's row the figure stands in: page 5's mineral; page 7's roadmap row
  where the sentence names it (磁石は、… beside the row labelled （磁石）). Page 7's chart
  cells (単位あたり４０％削減技術確立, twice) lost their rows in the text layer: their row is
  unknown (``row_known`` false), never guessed. Page 8's figures stand in no table.
"""

from __future__ import annotations

import regex

from extract.errors import BadInput
from extract.japanese import parse_number
from extract.read.lines import NormalizedLine

from .context import BULLET_START
from .records import Cite, TargetRecord
from .rows import Row, table_header

PERCENT = regex.compile(r"(?P<number>\d+)%(?P<bound>以上|以下|超|未満)?")
TARGET_WORDS = regex.compile(r"目標|できる|を実現")
SENTENCE_END = "。"
CLOSES_ELEMENT = regex.compile(r"[。)]$")  # a line ending a sentence or a caption
CLAUSE_BREAK = regex.compile(r"[、。,)\s]")
TRAILING_PARTICLE = regex.compile(r"[のをがはに]$")
QUALIFIER = regex.compile(r"(?:から|あたり)$")  # 現状から (a baseline), 単位あたり (a rate)
NOUN = regex.compile(r"[\p{Han}\p{Katakana}ー・A-Za-z]+$")  # …されたあと使用量 -> 使用量
REDUCED = regex.compile(r"\p{Han}+(?=削減|低減)")  # 使用量低減技術開発 -> 使用量
OBJECT_MARK = regex.compile(r"^を")
MODAL = regex.compile(r"(?:可能|可|できる)$")  # 中国以外から対応可 -> 中国以外から対応
TOPIC = regex.compile(r"^(?P<topic>[^、。]+?)は、")
ROW_USE = regex.compile(r"^\((?P<use>[^()]+)\)$")  # a roadmap row's label: (磁石)


class TargetStructureError(BadInput):
    """A percent whose subject cannot be read (exit 2: not the deck as expected)."""


# ---------------------------------------------------------------- the sentence


def _block(page: list[NormalizedLine], index: int) -> tuple[int, int]:
    """The first and last index of the run of non-blank lines around ``index``."""
    first = index
    while first > 0 and page[first - 1].text:
        first -= 1
    last = index
    while last + 1 < len(page) and page[last + 1].text:
        last += 1
    return first, last


def _caption_end(line: NormalizedLine, before: int) -> int:
    """Where a caption set apart by a blank ends before ``before`` (``設備導入支援(補正予算)``
    then a blank in the line as written), or 0."""
    end = 0
    for k in range(1, before):
        if line.text[k - 1] == ")":
            gap = line.written[line.origin[k - 1] + 1 : line.origin[k]]
            if any(char.isspace() for char in gap):
                end = k
    return end


def sentence_of(page: list[NormalizedLine], index: int, start: int, end: int,
                floor: int = 0, since: int = 0) -> tuple[str, int]:
    """The whole sentence holding ``page[index].text[start:end]`` (a percent), and where
    in it the percent begins. It is read from ``floor`` on its line and from line
    ``since`` of the page at the earliest (a table cell's text: after its row's label)."""
    line = page[index]
    first, last = _block(page, index)
    first = max(first, since)
    opening = max(floor, _caption_end(line, start), line.text.rfind(SENTENCE_END, 0, start) + 1)
    head = line.text[opening:start]
    if opening == 0:  # the sentence may begin on a line above
        for above in reversed(page[first:index]):
            if CLOSES_ELEMENT.search(above.text):
                break
            cut = above.text.rfind(SENTENCE_END) + 1
            head = above.text[cut:] + head
            if cut:
                break
    closing = line.text.find(SENTENCE_END, end)
    if closing >= 0:
        return head + line.text[start : closing + 1], len(head)
    tail = line.text[start:]
    wrapped = ""
    for below in page[index + 1 : last + 1]:
        if BULLET_START.search(below.text):
            break
        closing = below.text.find(SENTENCE_END)
        if closing >= 0:
            return head + tail + wrapped + below.text[: closing + 1], len(head)
        wrapped += below.text
    return head + tail, len(head)  # no 。 in the block: a chart cell ends with its line


# ---------------------------------------------------------------- subject and row


def subject_of(statement: str, position: int, match: regex.Match, caption: str) -> str:
    """What the sentence says is cut or reached, the percent ``match`` standing at
    ``position`` in it (see the module docstring)."""
    head = TRAILING_PARTICLE.sub("", CLAUSE_BREAK.split(statement[:position])[-1])
    if head and not QUALIFIER.search(head):
        noun = NOUN.search(head)
        return noun[0] if noun else ""
    if head:
        reduced = REDUCED.search(caption)
        return reduced[0] if reduced else ""
    reached = CLAUSE_BREAK.split(OBJECT_MARK.sub("", statement[position + len(match[0]) :]))[0]
    return MODAL.sub("", reached.rstrip(SENTENCE_END))


def _roadmap_uses(page: list[NormalizedLine]) -> set[str]:
    """The uses that label page 7's roadmap rows: (磁石), (研磨剤), …"""
    return {found["use"] for line in page if (found := ROW_USE.search(line.text))}


def _caption_above(page: list[NormalizedLine], index: int) -> str:
    """The line above in the same block (a chart cell's caption), or ''."""
    return page[index - 1].text if index and page[index - 1].text else ""


def _target(sentence: tuple[str, int], match: regex.Match, caption: str, row: str | None,
            row_known: bool, line: NormalizedLine) -> TargetRecord:
    statement, position = sentence
    subject = subject_of(statement, position, match, caption)
    if not subject:
        raise TargetStructureError(f"{line.source}: not the METI deck as expected (page {line.page} "
                                   f"line {line.number}: no subject for {match[0]})")
    return TargetRecord(
        subject_ja=subject,
        percent=int(parse_number(match["number"])),
        bound=match["bound"],
        kind="target" if TARGET_WORDS.search(statement) else "achieved",
        statement_ja=statement,
        row_ja=row,
        row_known=row_known,
        cite=Cite(line, match.span()),
    )


# ---------------------------------------------------------------- the pages


def row_targets(page: list[NormalizedLine], rows: list[Row]) -> list[TargetRecord]:
    """Page 5: each mineral row's percents; the table header says what is reduced."""
    header = table_header(page)
    caption = header.text if header else ""
    index_of = {id(line): index for index, line in enumerate(page)}
    targets = []
    for row in rows:
        if row.shared or not row.pieces:
            continue  # a merged cell's figures are its first row's
        since = index_of[id(row.pieces[0].line)]
        for piece in row.pieces:
            for match in PERCENT.finditer(piece.line.text, piece.start):
                sentence = sentence_of(page, index_of[id(piece.line)], match.start(), match.end(), floor=piece.start,
                                       since=since)
                targets.append(_target(sentence, match, caption, row.mineral, True, piece.line))
    return targets


def chart_targets(page: list[NormalizedLine]) -> list[TargetRecord]:
    """Page 7's roadmap cells and notes: a note that names its row (磁石は、…) has it; a
    cell's row is unknown."""
    uses = _roadmap_uses(page)
    targets = []
    for index, line in enumerate(page):
        for match in PERCENT.finditer(line.text):
            sentence = sentence_of(page, index, *match.span())
            topic = TOPIC.search(sentence[0])
            row = topic["topic"] if topic and topic["topic"] in uses else None
            targets.append(_target(sentence, match, _caption_above(page, index), row, row is not None, line))
    return targets


def text_targets(page: list[NormalizedLine]) -> list[TargetRecord]:
    """Page 8's paragraphs: figures in running text, in no table or chart row."""
    targets = []
    for index, line in enumerate(page):
        for match in PERCENT.finditer(line.text):
            sentence = sentence_of(page, index, *match.span())
            targets.append(_target(sentence, match, _caption_above(page, index), None, True, line))
    return targets
