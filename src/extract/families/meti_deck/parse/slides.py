"""One parser per slide: repaired lines of a page -> records citing the figures they use.

The slides are diagrams; their text layer comes in content-stream order. Each parser
reads the page the way its picture is laid out, from words the text itself carries
(【…】 = the FY2011 budget, うち要望枠 = the special request frame, 補正 = a supplementary
budget, ＜…＞ = an instrument, (一般)/(特会)/産投/(ODA) = an account).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple, NoReturn, TypeVar

import regex

from extract.errors import BadInput, ValidationFailed
from extract.japanese import Amount, NumberMatch, find_amounts, find_eras, find_numbers, parse_number
from extract.japanese.budget import find_supplementary, stage_of
from extract.read.lines import NormalizedLine

from .. import glossary
from .context import (
    ACCOUNT_LINE,
    BULLET_START,
    INSTRUMENT_LABEL,
    NUMBERED_TITLE,
    REFERENCE_TITLE,
    clean_name,
    enclosing_opener,
    nonblank,
    page_title,
    split_account,
    title_subject,
)
from .records import (
    AmountRecord,
    Cite,
    DeckRecords,
    Explained,
    MeasureRecord,
    MineralRecord,
    ProjectRecord,
    RecyclingCaseRecord,
    TargetRecord,
)
from .rows import MINERAL_HEADER, ROWS_CHECK, TABLE_HEADER, mineral_rows, rows_as_drawn
from .targets import chart_targets, row_targets, text_targets

DEFAULT_ERA = "平成"  # a bare 24年度 in this deck is Heisei 24 = FY2012
NEW_ITEM = "【新規】"

PROJECT_CARD = regex.compile(r"^(?P<project>[^【】()]+?)【(?P<country>[^【】]+)】(?:\((?P<partner>[^()]+)\))?$")
MAP_LABEL = regex.compile(r"^(?P<project>[^【】()]+?)\((?P<country>[^()]+)\)$")
WHOLLY_PARENTHESIZED = regex.compile(r"^\((?P<inner>[^()]+)\)$")
PILLAR = regex.compile(r"^(?P<number>\d+)\.(?P<name>\D+?)(?=\d|$)")
TOTAL = regex.compile(r"^合計")
DOCUMENT_LABEL = regex.compile(r"^資料\d+")
AXIS_YEARS = regex.compile(r"^(?:(?:19|20)\d\d\s*)+$")
TARGET_COUNT = regex.compile(r"対象\d+鉱種")


class DeckStructureError(BadInput):
    """The text does not have the structure of this deck (exit 2: not this document)."""


T = TypeVar("T")


def _require(condition: object, source: str, what: str) -> None:
    if not condition:
        _refuse(source, what)


def _required(value: T | None, source: str, what: str) -> T:
    """``value``, refused (DeckStructureError) where it is missing or empty."""
    if not value:
        _refuse(source, what)
    return value


def _refuse(source: str, what: str) -> NoReturn:
    raise DeckStructureError(f"{source}: not the METI deck as expected ({what})")


def _whole(found: Amount, line: NormalizedLine) -> int:
    """The deck's amounts are whole units of their currency (the core's values are exact)."""
    _require(found.value == found.value.to_integral_value(), line.source,
             f"page {line.page} line {line.number}: {found.text!r} is not a whole amount")
    return int(found.value)


@dataclass(frozen=True)
class _Item:
    """The budget item the amounts being read belong to."""

    name: str
    cite: Cite
    account: str | None = None
    instrument: str | None = None


class _Reader:
    """Collects the records of every slide, with the measures seen so far."""

    def __init__(self) -> None:
        self.amounts: list[AmountRecord] = []
        self.projects: list[ProjectRecord] = []
        self.minerals: list[MineralRecord] = []
        self.recycling_cases: list[RecyclingCaseRecord] = []
        self.targets: list[TargetRecord] = []
        self.explained: list[Explained] = []
        self._measures: dict[str, MeasureRecord] = {}
        self.failures: list[str] = []  # checks of the reading itself (exit 1)

    def amount(self, item: str, stage: str, fy: int | None, round_: int | None,
               found: Amount, section: str, line: NormalizedLine, offset: int = 0,
               instrument: str | None = None) -> None:
        start, end = found.span
        self.amounts.append(
            AmountRecord(item, stage, fy, round_, _whole(found, line), found.currency, found.approximate,
                         section, Cite(line, (start - offset, end - offset)), instrument)
        )

    def measure(self, item: _Item, new: bool = False) -> None:
        known = self._measures.get(item.name)
        self._measures[item.name] = MeasureRecord(
            item_ja=item.name,
            parent_ja=glossary.parent_group(item.name),
            account=item.account or (known.account if known else None),
            instrument=item.instrument or (known.instrument if known else None),
            new_in_request=new or (known.new_in_request if known else False),
            cite=known.cite if known else item.cite,
        )

    def explain(self, reason: str, line: NormalizedLine, span: tuple[int, int]) -> None:
        self.explained.append(Explained(reason, Cite(line, span)))

    def finish(self) -> DeckRecords:
        """The records read; ValidationFailed if a check of the reading failed."""
        if self.failures:
            raise ValidationFailed(self.failures)
        return DeckRecords(
            amounts=tuple(self.amounts), measures=tuple(self._measures.values()), projects=tuple(self.projects),
            minerals=tuple(self.minerals), recycling_cases=tuple(self.recycling_cases),
            targets=tuple(self.targets), explained=tuple(self.explained),
        )


# ---------------------------------------------------------------- labels on every page


def explain_labels(page: list[NormalizedLine], reader: _Reader) -> None:
    """Numbers that are labels, not data: 資料3, (参考1), list numbers, axis years."""
    for line in page:
        for pattern, reason in (
            (DOCUMENT_LABEL, "document label (資料N)"),
            (REFERENCE_TITLE, "slide label (参考N)"),
            (NUMBERED_TITLE, "list number"),
            (AXIS_YEARS, "year on the roadmap's axis"),
        ):
            match = pattern.search(line.text)
            if match:
                reader.explain(reason, line, match.span())
        for match in TARGET_COUNT.finditer(line.text):
            reader.explain("count of target minerals (checked against minerals)", line, match.span())


# ---------------------------------------------------------------- page 3: budget overview


def _header_years(lines: list[NormalizedLine]) -> tuple[int | None, int | None]:
    """The request year (plain amounts) and budget year (【…】) named above the amounts."""
    request_fy = budget_fy = None
    for line in lines:
        if find_amounts(line.text):
            break
        eras = find_eras(line.text, default_era=DEFAULT_ERA)
        stage = stage_of(line.text)
        if eras and stage == "request":
            request_fy = eras[0].year
        elif eras and stage == "budget" and line.text.startswith("【"):
            budget_fy = eras[0].year
    return request_fy, budget_fy


class Above(StrEnum):
    """What stands above an amount alone on its line (:func:`_look_back`)."""

    ITEM = "item"  # a named item (or nothing)
    FUND = "fund"  # a 基金残高 label: the balance of the item before
    SAME = "same"  # only an instrument label and captions: another instrument of the item before


def _look_back(lines: list[NormalizedLine], index: int) -> tuple[_Item | None, Above]:
    """Whom an amount alone on line ``index`` belongs to, read upwards.

    Returns ``(item, ITEM)`` for a named item above; ``(None, FUND)`` where a 基金残高
    label says the figure is the balance of the item before; ``(item, SAME)`` where only an
    instrument label (＜出資＞) and captions stand above: another instrument of the box before
    (the item carries just that instrument).
    """
    found = _labels_and_block_above(lines, index)
    if found is None:
        return None, Above.FUND
    block, account, instrument = found
    if not block:
        return None, Above.ITEM
    cite = Cite(block[0], (0, len(block[0].text)))
    if instrument and not account and not BULLET_START.search(block[0].text):
        return _Item("", cite, None, instrument), Above.SAME
    name, trailing_account = split_account(clean_name("".join(line.text for line in block)))
    return _Item(name, cite, account or trailing_account, instrument), Above.ITEM


def _labels_and_block_above(lines: list[NormalizedLine], index: int):
    """Read upwards from line ``index``: the account and instrument labels right above it, then
    the block of text above those (up to a bullet, a blank or an amount), as
    ``(block, account, instrument)``; None where a 基金残高 label stands right above."""
    account = instrument = None
    block: list[NormalizedLine] = []
    for line in reversed(lines[:index]):
        if not line.text:
            if block:
                break
            continue
        if find_amounts(line.text):
            break
        if not block:
            if stage_of(line.text) == "fund_balance":
                return None
            label, account_line = INSTRUMENT_LABEL.search(line.text), ACCOUNT_LINE.search(line.text)
            if label or account_line:
                instrument = instrument or (label["instrument"] if label else None)
                account = account or (account_line["account"] if label is None else None)
                continue
        block.insert(0, line)
        if BULLET_START.search(line.text):
            break
    return block, account, instrument


@lru_cache(maxsize=64)  # asked once per amount of the line above: parse each line once
def _holds_amount(text: str) -> bool:
    return bool(find_amounts(text))


class Supplementary(NamedTuple):
    """A supplementary budget's round and fiscal year (None where not named)."""

    round: int | None  # None: a 補正 whose round is not named
    fiscal_year: int | None


def _supplementary_after(lines: list[NormalizedLine], index: int, after: str) -> Supplementary | None:
    """A 補正 note after an amount: on its line, or alone on the next line."""
    candidates = [after]
    following = next((lines[i] for i in range(index + 1, len(lines)) if lines[i].text), None)
    if following and following.text.startswith("(") and not _holds_amount(following.text):
        candidates.append(following.text)
    for text in candidates:
        found = find_supplementary(text)
        if found:
            eras = find_eras(text, default_era=DEFAULT_ERA)
            return Supplementary(found.round, eras[0].year if eras else None)
    return None


@dataclass
class _Overview:
    """Page 3 as read so far: the item whose figures are being read, and the instrument label
    (＜出資＞) the last figure stood under."""

    page: list[NormalizedLine]
    reader: _Reader
    section: str
    request_fy: int
    budget_fy: int
    item: _Item | None = None
    label: str | None = None

    def _require_item(self, line: NormalizedLine, what: str) -> _Item:
        if self.item is None:
            _refuse(line.source, f"page 3 line {line.number}: {what}")
        return self.item

    def _amount(self, stage: str, fy: int | None, round_: int | None, found: Amount,
                line: NormalizedLine) -> None:
        self.reader.amount(self._require_item(line, "an amount with no item").name, stage, fy, round_,
                           found, self.section, line, instrument=self.label)

    def _item_of(self, index: int, prefix: str) -> Above:
        """Find the item of an amount after ``prefix`` on line ``index``: named before it on
        the line, else above it (:func:`_look_back`)."""
        line = self.page[index]
        name = clean_name(INSTRUMENT_LABEL.sub("", prefix))
        before, self.label = self.label, None  # the label of the figure before
        if name:
            bare, account = split_account(name)
            self.item = _Item(bare, Cite(line, (0, len(prefix))), account)
            return Above.ITEM
        found_item, above = _look_back(self.page, index)
        self.label = found_item.instrument if found_item else before if above is Above.FUND else None
        if above is Above.SAME:
            item = self._require_item(line, "an instrument before any item")
            if found_item is None:
                _refuse(line.source, f"page 3 line {line.number}: an instrument label of no item")
            instruments = dict.fromkeys(filter(None, (item.instrument, found_item.instrument)))
            self.item = replace(item, instrument="・".join(instruments))
        elif above is Above.ITEM:
            if found_item is None:
                _refuse(line.source, f"page 3 line {line.number}: an amount with no item")
            self.item = found_item
        return above

    def read(self, index: int, found: Amount, next_start: int) -> None:
        """One amount of line ``index``; ``next_start``: where the next amount on the line begins."""
        line = self.page[index]
        text, (start, end) = line.text, found.span
        opened = enclosing_opener(text, start)
        if opened and opened.bracket == "【":
            self._require_item(line, "a budget before any item")
            return self._amount("budget", self.budget_fy, None, found, line)
        if opened and stage_of(text[opened.at : start]) == "request_frame":
            self._require_item(line, "a request frame before any item")
            return self._amount("request_frame", self.request_fy, None, found, line)
        above = self._item_of(index, text[: opened.at] if opened else text[:start])
        item = self._require_item(line, "an amount with no item")
        rest = text[end:]
        trailing = ACCOUNT_LINE.search(rest.split("】")[-1].strip()) if "】" in rest else None
        if trailing:
            self.item = item = replace(item, account=item.account or trailing["account"])
        if above is Above.FUND:
            return self._amount("fund_balance", None, None, found, line)
        supplementary = _supplementary_after(self.page, index, text[end:next_start])
        if supplementary:
            self._amount("supplementary", supplementary.fiscal_year, supplementary.round, found, line)
        else:
            self._amount("request", self.request_fy, None, found, line)
        self.reader.measure(item, new=above is Above.ITEM and NEW_ITEM in rest)
        return None


def parse_budget_overview(page: list[NormalizedLine], reader: _Reader) -> None:
    """Page 3: the FY2012 request beside the FY2011 budget, item by item."""
    request_fy, budget_fy = _header_years(page)
    if not request_fy or not budget_fy:
        _refuse(page[0].source, "page 3 names no request and budget years")
    overview = _Overview(page, reader, page_title(page), request_fy, budget_fy)
    for index, line in enumerate(page):
        found_amounts = find_amounts(line.text)
        if not found_amounts:
            continue
        starts = [found.span[0] for found in found_amounts[1:]] + [len(line.text)]
        for found, next_start in zip(found_amounts, starts, strict=True):
            overview.read(index, found, next_start)


# ---------------------------------------------------------------- pages 5 and 8: measures


class _Part(NamedTuple):
    """A physical line of a join and the offset it begins at."""

    offset: int
    line: NormalizedLine


@dataclass(frozen=True)
class _Joined:
    """Lines joined while a bracket stays open, with where each part begins."""

    text: str
    parts: tuple[_Part, ...]

    def locate(self, start: int) -> tuple[NormalizedLine, int]:
        """The physical line holding offset ``start`` and that line's offset in the join."""
        chosen = self.parts[0]
        for part in self.parts:
            if part.offset <= start:
                chosen = part
        return chosen.line, chosen.offset


def _join_open_brackets(lines: list[NormalizedLine], limit: int = 3) -> list[_Joined]:
    joined: list[_Joined] = []
    pending: list[_Part] = []
    text = ""
    for line in lines:
        pending.append(_Part(len(text), line))
        text += line.text
        if enclosing_opener(text, len(text)) is None or len(pending) >= limit:
            joined.append(_Joined(text, tuple(pending)))
            pending, text = [], ""
    if pending:
        joined.append(_Joined(text, tuple(pending)))
    return joined


def _stage_of_phrase(phrase: str) -> tuple[str | None, int | None, int | None]:
    """``'平成23年度3次補正'`` -> ('supplementary', 2011, 3)."""
    eras = find_eras(phrase, default_era=DEFAULT_ERA)
    supplementary = find_supplementary(phrase)
    return (
        stage_of(phrase),
        eras[-1].year if eras else None,
        supplementary.round if supplementary else None,
    )


def parse_measure_notes(page: list[NormalizedLine], reader: _Reader) -> None:
    """Page 8: '○name:平成NN年度<stage> amount(うち要望枠 amount)' for each measure."""
    section = page_title(page)
    for joined in _join_open_brackets(nonblank(page)):
        amounts = find_amounts(joined.text)
        if not amounts or not joined.text.startswith("○"):
            continue
        head = joined.text[: amounts[0].span[0]]
        name, _, phrase = head.partition(":")
        stage, fy, round_ = _stage_of_phrase(phrase)
        if not stage:
            _refuse(page[0].source, f"page 8: no budget stage before 「{joined.text[:30]}」")
        line, offset = joined.locate(0)
        item = _Item(glossary.canonical_measure(clean_name(name)), Cite(line, (0, len(line.text))))
        for found in amounts:
            opened = enclosing_opener(joined.text, found.span[0])
            line, offset = joined.locate(found.span[0])
            if opened and stage_of(joined.text[opened.at : found.span[0]]) == "request_frame":
                reader.amount(item.name, "request_frame", fy, None, found, section, line, offset)
            else:
                reader.amount(item.name, stage, fy, round_, found, section, line, offset)
        reader.measure(item)


def parse_programme_periods(page: list[NormalizedLine], reader: _Reader) -> None:
    """Page 5's lower table: a programme and its budget, '平成22年度補正予算(約70億円)'."""
    section = page_title(page)
    lines = nonblank(page)
    for index, line in enumerate(lines):
        for found in find_amounts(line.text):
            opened = enclosing_opener(line.text, found.span[0])
            phrase = line.text[: opened.at if opened else found.span[0]]
            stage, fy, round_ = _stage_of_phrase(phrase)
            if not stage or not index:
                _refuse(line.source, f"page 5 line {line.number}: an amount with no programme")
            above = WHOLLY_PARENTHESIZED.search(lines[index - 1].text)
            name = above["inner"] if above else clean_name(lines[index - 1].text)
            item = _Item(glossary.canonical_measure(name), Cite(lines[index - 1], (0, len(lines[index - 1].text))))
            reader.amount(item.name, stage, fy, round_, found, section, line)
            reader.measure(item)


# ---------------------------------------------------------------- page 6: the FY2010 package


def parse_package(page: list[NormalizedLine], reader: _Reader) -> None:
    """Page 6: the package's numbered pillars, their amounts and the total."""
    source = page[0].source
    title = page_title(page)
    stage, fy, round_ = _stage_of_phrase(title)
    if stage != "supplementary":
        _refuse(source, "page 6's title names no supplementary budget")
    pillars: dict[int, str] = {}  # number -> name
    placed: set[int] = set()
    loose: list[tuple[Amount, NormalizedLine]] = []
    for line in nonblank(page):
        pillar = PILLAR.search(line.text)
        if pillar and not REFERENCE_TITLE.search(line.text):
            pillars[int(parse_number(pillar["number"]))] = pillar["name"].strip()
        for found in find_amounts(line.text):
            if pillar:
                placed.add(int(parse_number(pillar["number"])))
                reader.amount(pillar["name"].strip(), stage, fy, round_, found, title, line)
            elif TOTAL.search(line.text):
                reader.amount(title_subject(title), stage, fy, round_, found, title, line)
            else:
                loose.append((found, line))
    unplaced = [pillars[number] for number in sorted(pillars) if number not in placed]
    _require(len(loose) <= 1 and (not loose or unplaced), source,
             "page 6: an amount belongs to no pillar")
    for found, line in loose:
        reader.amount("/".join(unplaced), stage, fy, round_, found, title, line)


# ---------------------------------------------------------------- page 4: projects


def _next_in_block(page: list[NormalizedLine], index: int) -> str:
    """The text of the line right below ``page[index]`` in its block ('' after a blank)."""
    return page[index + 1].text if index + 1 < len(page) else ""


def _legend(page: list[NormalizedLine]) -> set[int]:
    """Indexes of the map legend's block: (凡例) and the lines under it."""
    start = next((i for i, line in enumerate(page) if line.text.startswith("(凡例)")), None)
    legend: set[int] = set()
    while start is not None and start < len(page) and page[start].text:
        legend.add(start)
        start += 1
    return legend


@dataclass(frozen=True)
class _Card:
    """A project card of page 4: its line, country, partner and the spellings of its place."""

    line: NormalizedLine
    country: str
    partner: str | None
    spellings: set[str]  # filled while the page is read


def parse_projects(page: list[NormalizedLine], reader: _Reader) -> None:
    """Page 4: project cards 'name【country】(partner)' and the map's commodity labels.

    A partner or commodity on a line of its own belongs to the card or label right above
    it in the same box (no blank line between): never to a box that merely follows."""
    section = page_title(page)
    legend = _legend(page)
    cards: dict[str, _Card] = {}
    commodities: dict[str, str] = {}
    on_map: dict[str, NormalizedLine] = {}
    current: str | None = None
    for index, line in enumerate(page):
        if not line.text or index in legend:
            continue
        card = PROJECT_CARD.search(line.text)
        label = MAP_LABEL.search(line.text)
        if card:
            current = glossary.canonical_project(card["project"].strip())
            partner = card["partner"]
            following = _next_in_block(page, index)
            wrapped = WHOLLY_PARENTHESIZED.search(following)
            if partner is None and wrapped and not MAP_LABEL.search(following):
                partner = wrapped["inner"]
            cards.setdefault(current, _Card(line, card["country"], partner, set()))
            cards[current].spellings.add(card["project"].strip())
        elif label and glossary.COUNTRIES.get(label["country"]):
            name = glossary.canonical_project(label["project"].strip())
            on_map.setdefault(name, line)
            inner = WHOLLY_PARENTHESIZED.search(_next_in_block(page, index))
            if inner:
                commodities[name] = inner["inner"]
            if name in cards:
                cards[name].spellings.add(label["project"].strip())
        for found in find_amounts(line.text):
            stage = stage_of(line.text[found.span[1] :])
            what = f"page 4 line {line.number}: an amount with no project"
            reader.amount(_required(current, line.source, what), _required(stage, line.source, what), None, None,
                          found, section, line)
    for name, line in on_map.items():  # two cards read as one line lose both
        _require(name in cards, line.source, f"page 4 line {line.number}: the map names 「{name}」 "
                 "but no project card was read for it")
    _require(cards, page[0].source, "page 4 has no project cards")
    reader.projects += [_project(name, card, commodities.get(name)) for name, card in cards.items()]


def _project(name: str, card: _Card, commodity: str | None) -> ProjectRecord:
    """A project card as a record, with every spelling of its place the deck uses."""
    return ProjectRecord(
        project_ja=name,
        spellings_ja="、".join(sorted(card.spellings | set(glossary.PROJECT_SPELLINGS.get(name, ())))),
        country_ja=card.country,
        country_iso=glossary.COUNTRIES.get(card.country, ""),
        partner_ja=card.partner,
        commodity_ja=commodity,
        cite=Cite(card.line, (0, len(card.line.text))),
    )


# ---------------------------------------------------------------- pages 2 and 5: minerals


def parse_minerals(page2: list[NormalizedLine], page5: list[NormalizedLine], reader: _Reader) -> None:
    """Pages 2 and 5: the five target minerals, their supply, their reduction work and its
    percent targets. On a PDF, page 5's rows must be rows of the slide (:mod:`.rows`)."""
    supply = {row.mineral: row for row in mineral_rows(page2)}
    reduction = {row.mineral: row for row in mineral_rows(page5)}
    _require(supply and set(supply) == set(reduction), page2[0].source,
             "pages 2 and 5 do not name the same minerals")
    reader.failures += [f"[{ROWS_CHECK}] {page5[0].source}: page 5: {failure}"
                        for failure in rows_as_drawn(list(reduction.values()))]
    for name, row in supply.items():
        mineral = glossary.MINERALS[name]
        reduced = reduction[name]
        reader.minerals.append(
            MineralRecord(name, mineral.element, mineral.english, row.class_ja, row.text, reduced.text,
                          Cite(row.label, (0, len(row.label.text))),
                          Cite(reduced.label, (0, len(reduced.label.text))))
        )
    reader.targets += row_targets(page5, list(reduction.values()))


# ---------------------------------------------------------------- page 9: recycling cases


def parse_recycling_cases(page: list[NormalizedLine], reader: _Reader) -> None:
    """Page 9: per mineral, the number of cases, what is recovered and the subsidy."""
    source = page[0].source
    title = page_title(page)
    stage, fy, round_ = _stage_of_phrase(title)
    rows: list[list[NormalizedLine]] = []
    in_row = False  # a row runs from its label to the next label or a slide title
    for line in nonblank(page):
        if MINERAL_HEADER.search(line.text):
            rows.append([line])
            in_row = True
        elif REFERENCE_TITLE.search(line.text):
            in_row = False
        elif in_row and not TABLE_HEADER.search(line.text):  # the header row is no row's text
            rows[-1].append(line)
    _require(rows, source, "page 9 has no recycling table")
    stage = _required(stage, source, "page 9 has no recycling table")
    for row in rows:
        header = MINERAL_HEADER.search(row[0].text)
        cases: tuple[NumberMatch, Cite] | None = None
        subsidy: tuple[Amount, NormalizedLine] | None = None
        sources: list[str] = []
        for line in row:
            if line is not row[0] and WHOLLY_PARENTHESIZED.search(line.text):
                continue  # the mineral's class, (重稀土)
            begin = header.end() if line is row[0] else 0
            amounts = [a for a in find_amounts(line.text, default_currency="JPY") if a.span[0] >= begin]
            cut = amounts[0].span[0] if amounts else len(line.text)
            numbers = [n for n in find_numbers(line.text[:cut]) if n.span[0] >= begin]
            if numbers and cases is None:
                cases = (numbers[0], Cite(line, numbers[0].span))
                begin = numbers[0].span[1]
            sources.append(line.text[begin:cut].strip())
            if amounts:
                subsidy = (amounts[0], line)
        what = f"page 9 line {row[0].number}: a row without cases or subsidy"
        (number, cases_cite), (found, subsidy_line) = _required(cases, source, what), _required(subsidy, source, what)
        mineral = header["mineral"]
        reader.amount(mineral, stage, fy, round_, found, title, subsidy_line)
        reader.recycling_cases.append(
            RecyclingCaseRecord(
                mineral_ja=mineral,
                element=glossary.MINERALS[mineral].element,
                cases=int(number.value),
                recovery_sources_ja="".join(sources),
                subsidy=_whole(found, subsidy_line),
                currency=found.currency,
                cite=Cite(subsidy_line, found.span),
                cases_cite=cases_cite,
            )
        )


# ---------------------------------------------------------------- the deck


def parse_deck(pages: dict[int, list[NormalizedLine]]) -> DeckRecords:
    """All nine slides -> records."""
    _require(len(pages) == 9, next(iter(pages.values()))[0].source if pages else "?", "nine pages")
    reader = _Reader()
    for page in pages.values():
        explain_labels(page, reader)
    parse_minerals(pages[2], pages[5], reader)
    parse_budget_overview(pages[3], reader)
    parse_projects(pages[4], reader)
    parse_programme_periods(pages[5], reader)
    parse_package(pages[6], reader)
    reader.targets += chart_targets(pages[7])
    parse_measure_notes(pages[8], reader)
    reader.targets += text_targets(pages[8])
    parse_recycling_cases(pages[9], reader)
    return reader.finish()
