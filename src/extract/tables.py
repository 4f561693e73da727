"""Tables stage: records -> one pandas DataFrame per output table, with provenance.

Every row carries where it came from: source file, page, line, the line as written and,
for a PDF, the box of the cited text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

import pandas as pd

from extract.errors import ValidationFailed
from extract.figures import WHOLE_UNITS_CHECK, Figure, is_whole
from extract.models import BUDGET_PHASES
from extract.reconcile import restatements
from extract.records import Cite, DeckRecords

TABLES = ("amounts", "measures", "projects", "minerals", "recycling_cases", "targets", "figures")
PROVENANCE = ("source", "page", "line", "source_text", "x0", "top", "x1", "bottom")
COLUMNS: dict[str, tuple[str, ...]] = {  # each table's columns, in the order they are written
    "amounts": ("amount_id", "item_ja", "item_en", "measure_id", "stage", "budget_phase", "instrument_ja",
                "instrument_en", "fiscal_year", "supplementary_round", "amount", "currency", "approximate",
                "amount_text", "restates", "section_ja", *PROVENANCE),
    "measures": ("measure_id", "item_ja", "item_en", "parent_ja", "parent_en", "account_ja", "account_en",
                 "instrument_ja", "instrument_en", "new_in_request", *PROVENANCE),
    "projects": ("project_id", "project_ja", "project_en", "spellings_ja", "country_ja", "country_en",
                 "country_iso", "partner_ja", "commodity_ja", *PROVENANCE),
    "minerals": ("element", "mineral_ja", "mineral_en", "class_ja", "class_en", "overseas_supply_ja",
                 "reduction_ja", "reduction_page", "reduction_line", *PROVENANCE),
    "recycling_cases": ("case_id", "amount_id", "mineral_ja", "mineral_en", "element", "cases",
                        "recovery_sources_ja", "subsidy", "currency", "cases_line", *PROVENANCE),
    "targets": ("target_id", "subject_ja", "percent", "bound", "kind", "row_ja", "row_known", "statement_ja",
                *PROVENANCE),
    "figures": ("figure_id", "value", "text", "unit", "kind", "held_by_table", "held_by_row", "reason",
                *PROVENANCE),
}
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
           for name, edge in zip(("x0", "top", "x1", "bottom"), edges)},
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


def _frame(rows: list[dict], columns: Iterable[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns))


def _maybe(function: Callable[[str], str | None], value: str | None) -> str | None:
    """``function(value)``, or None for no value."""
    return None if value is None else function(value)


def build_tables(
    records: DeckRecords,
    figures: tuple[Figure, ...],
    english: Callable[[str], str | None] = lambda name: None,
    term_english: Callable[[str], str | None] = lambda term: None,
) -> dict[str, pd.DataFrame]:
    """All output tables of one source; ``english`` names items in English where known,
    ``term_english`` gives the English of codes (accounts, instruments, classes, countries).

    Raises :class:`ValidationFailed` if a row would not hold its figure as written: an
    amount that is not a whole number of base units, or a count or percent that differs
    from the number it cites (``1.5件`` read as 1).
    """
    failures: list[str] = []
    by_position = lambda r: r.cite.key  # noqa: E731
    amounts = sorted(records.amounts, key=by_position)
    measures = sorted(records.measures, key=by_position)
    projects = sorted(records.projects, key=by_position)
    cases = sorted(records.recycling_cases, key=by_position)
    targets = sorted(records.targets, key=by_position)

    tables: dict[str, pd.DataFrame] = {}
    amount_ids = _ids("A", len(amounts))
    measure_ids = dict(zip((r.item_ja for r in measures), _ids("M", len(measures))))
    tables["amounts"] = _frame(
        [
            {
                "amount_id": ident,
                "item_ja": r.item_ja,
                "item_en": english(r.item_ja),
                "measure_id": measure_ids.get(r.item_ja),
                "stage": r.stage,
                "budget_phase": BUDGET_PHASES.get(r.stage),
                "instrument_ja": r.instrument,
                "instrument_en": _maybe(term_english, r.instrument),
                "fiscal_year": r.fiscal_year,
                "supplementary_round": r.supplementary_round,
                "amount": whole_units(r.amount, r.cite, failures),
                "currency": r.currency,
                "approximate": r.approximate,
                "amount_text": written_text(r.cite),
                "restates": None,
                "section_ja": r.section_ja,
                **provenance(r.cite),
            }
            for ident, r in zip(amount_ids, amounts)
        ],
        COLUMNS["amounts"],
    )
    tables["amounts"]["restates"] = restatements(tables["amounts"])
    tables["measures"] = _frame(
        [
            {
                "measure_id": measure_ids[r.item_ja],
                "item_ja": r.item_ja,
                "item_en": english(r.item_ja),
                "parent_ja": r.parent_ja,
                "parent_en": _maybe(english, r.parent_ja),
                "account_ja": r.account,
                "account_en": _maybe(term_english, r.account),
                "instrument_ja": r.instrument,
                "instrument_en": _maybe(term_english, r.instrument),
                "new_in_request": r.new_in_request,
                **provenance(r.cite),
            }
            for r in measures
        ],
        COLUMNS["measures"],
    )
    tables["projects"] = _frame(
        [
            {
                "project_id": ident,
                "project_ja": r.project_ja,
                "project_en": english(r.project_ja),
                "spellings_ja": r.spellings_ja,
                "country_ja": r.country_ja,
                "country_en": term_english(r.country_ja),
                "country_iso": r.country_iso,
                "partner_ja": r.partner_ja,
                "commodity_ja": r.commodity_ja,
                **provenance(r.cite),
            }
            for ident, r in zip(_ids("P", len(projects)), projects)
        ],
        COLUMNS["projects"],
    )
    tables["minerals"] = _frame(
        [
            {
                "element": r.element,
                "mineral_ja": r.mineral_ja,
                "mineral_en": r.name_en,
                "class_ja": r.class_ja,
                "class_en": _maybe(term_english, r.class_ja),
                "overseas_supply_ja": r.overseas_supply_ja,
                "reduction_ja": r.reduction_ja,
                "reduction_page": r.reduction_cite.line.page,
                "reduction_line": r.reduction_cite.line.number,
                **provenance(r.cite),
            }
            for r in records.minerals
        ],
        COLUMNS["minerals"],
    )
    amount_at = {r.cite.key: ident for ident, r in zip(amount_ids, amounts)}
    tables["recycling_cases"] = _frame(
        [
            {
                "case_id": ident,
                "amount_id": amount_at.get(r.cite.key),
                "mineral_ja": r.mineral_ja,
                "mineral_en": english(r.mineral_ja),
                "element": r.element,
                "cases": r.cases,
                "recovery_sources_ja": r.recovery_sources_ja,
                "subsidy": whole_units(r.subsidy, r.cite, failures),
                "currency": r.currency,
                "cases_line": r.cases_cite.line.number,
                **provenance(r.cite),
            }
            for ident, r in zip(_ids("R", len(cases)), cases)
        ],
        COLUMNS["recycling_cases"],
    )
    tables["targets"] = _frame(
        [
            {
                "target_id": ident,
                "subject_ja": r.subject_ja,
                "percent": r.percent,
                "bound": r.bound,
                "kind": r.kind,
                "row_ja": r.row_ja,
                "row_known": r.row_known,
                "statement_ja": r.statement_ja,
                **provenance(r.cite),
            }
            for ident, r in zip(_ids("T", len(targets)), targets)
        ],
        COLUMNS["targets"],
    )
    holders = _holders(tables, amounts, cases, targets, amount_ids)
    tables["figures"] = _census(figures, holders, records, failures)
    if failures:
        raise ValidationFailed(failures)
    return tables


# (table, row id, cited span, the value the row gives the figure it holds, if comparable)
Holder = tuple[str, str, Cite, "int | None"]
HELD_CHECK = "held_figures_as_written"


def _holders(tables, amounts, cases, targets, amount_ids) -> list[Holder]:
    """Every row that holds a figure, with the value it gives that figure."""
    holders: list[Holder] = [("amounts", ident, r.cite, None) for ident, r in zip(amount_ids, amounts)]
    case_ids = tables["recycling_cases"]["case_id"].tolist()
    holders += [("recycling_cases", ident, r.cases_cite, r.cases) for ident, r in zip(case_ids, cases)]
    target_ids = tables["targets"]["target_id"].tolist()
    holders += [("targets", ident, r.cite, r.percent) for ident, r in zip(target_ids, targets)]
    return holders


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
    holders_on = _by_line(holders, lambda h: h[2])
    explained_on = _by_line(records.explained, lambda e: e.cite)
    for ident, figure in zip(_ids("F", len(figures)), figures):
        page, number = figure.line.page, figure.line.number
        held = next((h for h in holders_on.get((page, number), ())
                     if h[2].covers(page, number, figure.span)), None)
        reason = None
        if held is None:
            reason = next(
                (e.reason for e in explained_on.get((page, number), ())
                 if e.cite.covers(page, number, figure.span)),
                GENERIC_REASONS.get(figure.kind),
            )
        cite = Cite(figure.line, figure.span)
        if held is not None and held[3] is not None and Decimal(held[3]) != figure.value:
            failures.append(f"[{HELD_CHECK}] {figure.line.source}: {held[0]} {held[1]} holds "
                            f"{held[3]} but the text says {written_text(cite)!r} ({_where(cite)})")
        rows.append(
            {
                "figure_id": ident,
                "value": float(figure.value),
                "text": written_text(cite),
                "unit": figure.unit,
                "kind": "amount" if held is not None and held[0] == "amounts" else figure.kind,
                "held_by_table": held[0] if held else None,
                "held_by_row": held[1] if held else None,
                "reason": reason,
                **provenance(cite),
            }
        )
    return _frame(rows, COLUMNS["figures"])
