"""Tables stage: records -> one pandas DataFrame per output table, with provenance.

One builder per table (``amounts_table`` … ``targets_table``, and the census); each frame
takes its columns in the order of its model (:func:`extract.validate.columns.columns_of`), so a
column is named here only where its value is made. Every row carries where it came from:
source file, page, line, the line as written and, for a PDF, the box of the cited text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import NamedTuple

import pandas as pd

from extract.census.figures import WHOLE_UNITS_CHECK, Figure, is_whole
from extract.errors import ValidationFailed
from extract.validate.columns import BOX_COLUMNS, columns_of

from .models import BUDGET_PHASES, MODELS
from .parse.records import (
    AmountRecord,
    Cite,
    DeckRecords,
    MeasureRecord,
    MineralRecord,
    ProjectRecord,
    RecyclingCaseRecord,
    TargetRecord,
)
from .parts import part_links
from .reconcile import restatements

BOX_DECIMALS = 3  # a thousandth of a point: finer is float noise, and every format holds it exactly


def provenance(cite: Cite) -> dict:
    """The provenance columns of a row citing ``cite``."""
    box = cite.bbox
    edges = (box.x0, box.top, box.x1, box.bottom) if box else (None,) * 4
    return {
        "source": cite.line.source,
        "page": cite.line.page,
        "line": cite.line.number,
        "source_text": cite.line.written,
        **{name: None if edge is None else round(edge, BOX_DECIMALS)
           for name, edge in zip(BOX_COLUMNS, edges, strict=True)},
    }


def written_text(cite: Cite) -> str:
    """The cited span as written in the source (``6０億円``, not ``60億円``)."""
    lo, hi = cite.line.written_span(*cite.span)
    return cite.line.written[lo:hi]


def _where(cite: Cite) -> str:
    return f"p{cite.line.page} l{cite.line.number} 「{cite.line.written.strip()}」"


def whole_units(value, cite: Cite, failures: list[str]):
    """An amount as an int of base units; a fraction is a failure (never rounded)."""
    if is_whole(value):
        return int(value)
    failures.append(f"[{WHOLE_UNITS_CHECK}] {cite.line.source}: not a whole amount: "
                    f"{written_text(cite)!r} is {Decimal(value)} ({_where(cite)})")
    return None


def _ids(prefix: str, count: int) -> list[str]:
    width = max(2, len(str(count)))
    return [f"{prefix}{n:0{width}d}" for n in range(1, count + 1)]


def _frame(rows: Iterable[dict], table: str) -> pd.DataFrame:
    """Rows as the table's DataFrame, its columns in the model's order."""
    return pd.DataFrame(list(rows), columns=list(columns_of(MODELS[table])))


def _maybe(function: Callable[[str], str | None], value: str | None) -> str | None:
    """``function(value)``, or None for no value."""
    return None if value is None else function(value)


class English(NamedTuple):
    """English for the deck's names (items, parents, minerals) and its codes (accounts,
    instruments, classes, countries); None where the glossary has none."""

    name: Callable[[str], str | None] = lambda name: None
    term: Callable[[str], str | None] = lambda term: None

    def term_of(self, value: str | None) -> str | None:
        return _maybe(self.term, value)


class Holder(NamedTuple):
    """A row that holds a figure: its table, id, the span it cites and the value it gives the
    figure (None where it is not comparable: an amount's scale differs from the number's)."""

    table: str
    row_id: str
    cite: Cite
    value: int | None


HELD_CHECK = "held_figures_as_written"


NO_ENGLISH = English()


def _in_order(records: Iterable) -> list:
    """Records in page, line and span order (the order of their ids)."""
    return sorted(records, key=lambda record: record.cite.key)


def amounts_table(amounts: list[AmountRecord], ids: list[str], measure_ids: dict[str, str],
                  english: English, failures: list[str]) -> pd.DataFrame:
    """``amounts``: one row per monetary figure; ``restates`` names a figure's first statement."""
    frame = _frame(({
        "amount_id": ident,
        "item_ja": r.item_ja,
        "item_en": english.name(r.item_ja),
        "measure_id": measure_ids.get(r.item_ja),
        "stage": r.stage,
        "budget_phase": BUDGET_PHASES.get(r.stage),
        "instrument_ja": r.instrument,
        "instrument_en": english.term_of(r.instrument),
        "fiscal_year": r.fiscal_year,
        "supplementary_round": r.supplementary_round,
        "amount": whole_units(r.amount, r.cite, failures),
        "currency": r.currency,
        "approximate": r.approximate,
        "amount_text": written_text(r.cite),
        "restates": None,
        "part_of": None,
        "parts_listed": None,
        "section_ja": r.section_ja,
        **provenance(r.cite),
    } for ident, r in zip(ids, amounts, strict=True)), "amounts")
    frame["restates"] = restatements(frame)
    return frame


def measures_table(measures: list[MeasureRecord], ids: dict[str, str], english: English) -> pd.DataFrame:
    """``measures``: one row per budget measure."""
    return _frame(({
        "measure_id": ids[r.item_ja],
        "item_ja": r.item_ja,
        "item_en": english.name(r.item_ja),
        "parent_ja": r.parent_ja,
        "parent_en": _maybe(english.name, r.parent_ja),
        "account_ja": r.account,
        "account_en": english.term_of(r.account),
        "instrument_ja": r.instrument,
        "instrument_en": english.term_of(r.instrument),
        "new_in_request": r.new_in_request,
        **provenance(r.cite),
    } for r in measures), "measures")


def projects_table(projects: list[ProjectRecord], english: English) -> pd.DataFrame:
    """``projects``: one row per overseas project."""
    return _frame(({
        "project_id": ident,
        "project_ja": r.project_ja,
        "project_en": english.name(r.project_ja),
        "spellings_ja": r.spellings_ja,
        "country_ja": r.country_ja,
        "country_en": english.term(r.country_ja),
        "country_iso": r.country_iso,
        "partner_ja": r.partner_ja,
        "commodity_ja": r.commodity_ja,
        **provenance(r.cite),
    } for ident, r in zip(_ids("P", len(projects)), projects, strict=True)), "projects")


def minerals_table(minerals: Iterable[MineralRecord], english: English) -> pd.DataFrame:
    """``minerals``: one row per target mineral, in the deck's order."""
    return _frame(({
        "element": r.element,
        "mineral_ja": r.mineral_ja,
        "mineral_en": r.name_en,
        "class_ja": r.class_ja,
        "class_en": english.term_of(r.class_ja),
        "overseas_supply_ja": r.overseas_supply_ja,
        "reduction_ja": r.reduction_ja,
        "reduction_page": r.reduction_cite.line.page,
        "reduction_line": r.reduction_cite.line.number,
        **provenance(r.cite),
    } for r in minerals), "minerals")


def recycling_cases_table(cases: list[RecyclingCaseRecord], ids: list[str], amount_at: dict,
                          english: English, failures: list[str]) -> pd.DataFrame:
    """``recycling_cases``: one row per mineral of page 9; ``amount_at`` finds its subsidy's row."""
    return _frame(({
        "case_id": ident,
        "amount_id": amount_at.get(r.cite.key),
        "mineral_ja": r.mineral_ja,
        "mineral_en": english.name(r.mineral_ja),
        "element": r.element,
        "cases": r.cases,
        "recovery_sources_ja": r.recovery_sources_ja,
        "subsidy": whole_units(r.subsidy, r.cite, failures),
        "currency": r.currency,
        "cases_line": r.cases_cite.line.number,
        **provenance(r.cite),
    } for ident, r in zip(ids, cases, strict=True)), "recycling_cases")


def targets_table(targets: list[TargetRecord], ids: list[str]) -> pd.DataFrame:
    """``targets``: one row per percent figure."""
    return _frame(({
        "target_id": ident,
        "subject_ja": r.subject_ja,
        "percent": r.percent,
        "bound": r.bound,
        "kind": r.kind,
        "row_ja": r.row_ja,
        "row_known": r.row_known,
        "statement_ja": r.statement_ja,
        **provenance(r.cite),
    } for ident, r in zip(ids, targets, strict=True)), "targets")


def build_tables(
    records: DeckRecords,
    figures: tuple[Figure, ...],
    english: English = NO_ENGLISH,
) -> dict[str, pd.DataFrame]:
    """All output tables of one source, in the order they are written; ``english`` names
    items and codes in English where known.

    Raises :class:`ValidationFailed` if a row would not hold its figure as written: an
    amount that is not a whole number of base units, or a count or percent that differs
    from the number it cites (``1.5件`` read as 1).
    """
    failures: list[str] = []
    amounts, measures = _in_order(records.amounts), _in_order(records.measures)
    cases, targets = _in_order(records.recycling_cases), _in_order(records.targets)
    amount_ids = _ids("A", len(amounts))
    case_ids, target_ids = _ids("R", len(cases)), _ids("T", len(targets))
    measure_ids = dict(zip((r.item_ja for r in measures), _ids("M", len(measures)), strict=True))
    amount_at = {r.cite.key: ident for ident, r in zip(amount_ids, amounts, strict=True)}
    tables = {
        "amounts": amounts_table(amounts, amount_ids, measure_ids, english, failures),
        "measures": measures_table(measures, measure_ids, english),
        "projects": projects_table(_in_order(records.projects), english),
        "minerals": minerals_table(records.minerals, english),
        "recycling_cases": recycling_cases_table(cases, case_ids, amount_at, english, failures),
        "targets": targets_table(targets, target_ids),
    }
    holders = [
        *(Holder("amounts", ident, r.cite, None) for ident, r in zip(amount_ids, amounts, strict=True)),
        *(Holder("recycling_cases", ident, r.cases_cite, r.cases) for ident, r in zip(case_ids, cases, strict=True)),
        *(Holder("targets", ident, r.cite, r.percent) for ident, r in zip(target_ids, targets, strict=True)),
    ]
    amounts_frame = tables["amounts"]
    amounts_frame["part_of"], amounts_frame["parts_listed"] = part_links(
        amounts_frame, tables["recycling_cases"]["amount_id"])
    tables["figures"] = _census(figures, holders, records, failures)
    if failures:
        raise ValidationFailed(failures)
    return tables


def _by_line(items, cite_of) -> dict[tuple[int, int], list]:
    """Items grouped by the (page, line) their cite is on: a figure asks only its line's."""
    grouped: dict[tuple[int, int], list] = {}
    for item in items:
        cite = cite_of(item)
        grouped.setdefault((cite.line.page, cite.line.number), []).append(item)
    return grouped


GENERIC_REASONS = {"date": "date (era year, month or fiscal year)", "round": "supplementary budget round"}


def _census(figures: tuple[Figure, ...], holders: list[Holder], records: DeckRecords,
            failures: list[str]) -> pd.DataFrame:
    rows = []
    holders_on = _by_line(holders, lambda holder: holder.cite)
    explained_on = _by_line(records.explained, lambda e: e.cite)
    for ident, figure in zip(_ids("F", len(figures)), figures, strict=False):
        page, number = figure.line.page, figure.line.number
        held = next((h for h in holders_on.get((page, number), ())
                     if h.cite.covers(page, number, figure.span)), None)
        reason = None
        if held is None:
            reason = next(
                (e.reason for e in explained_on.get((page, number), ())
                 if e.cite.covers(page, number, figure.span)),
                GENERIC_REASONS.get(figure.kind),
            )
        cite = Cite(figure.line, figure.span)
        if held is not None and held.value is not None and Decimal(held.value) != figure.value:
            failures.append(f"[{HELD_CHECK}] {figure.line.source}: {held.table} {held.row_id} holds "
                            f"{held.value} but the text says {written_text(cite)!r} ({_where(cite)})")
        rows.append(
            {
                "figure_id": ident,
                "value": float(figure.value),
                "text": written_text(cite),
                "unit": figure.unit,
                "kind": "amount" if held is not None and held.table == "amounts" else figure.kind,
                "held_by_table": held.table if held else None,
                "held_by_row": held.row_id if held else None,
                "reason": reason,
                **provenance(cite),
            }
        )
    return _frame(rows, "figures")
