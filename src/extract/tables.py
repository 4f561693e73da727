"""Tables stage: records -> one pandas DataFrame per output table, with provenance.

Every row carries where it came from: source file, page, line, the line as written and,
for a PDF, the box of the cited text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from extract.figures import Figure
from extract.records import Cite, DeckRecords

TABLES = ("amounts", "measures", "projects", "minerals", "recycling_cases", "targets", "figures")
PROVENANCE = ("source", "page", "line", "source_text", "x0", "top", "x1", "bottom")


def provenance(cite: Cite) -> dict:
    """The provenance columns of a row citing ``cite``."""
    box = cite.bbox
    return {
        "source": cite.line.source,
        "page": cite.line.page,
        "line": cite.line.number,
        "source_text": cite.line.written,
        "x0": box.x0 if box else None,
        "top": box.top if box else None,
        "x1": box.x1 if box else None,
        "bottom": box.bottom if box else None,
    }


def written_text(cite: Cite) -> str:
    """The cited span as written in the source (``6０億円``, not ``60億円``)."""
    lo, hi = cite.line.written_span(*cite.span)
    return cite.line.written[lo:hi]


def _ids(prefix: str, count: int) -> list[str]:
    width = max(2, len(str(count)))
    return [f"{prefix}{n:0{width}d}" for n in range(1, count + 1)]


def _frame(rows: list[dict], columns: Iterable[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns))


def build_tables(
    records: DeckRecords,
    figures: tuple[Figure, ...],
    english: Callable[[str], str | None] = lambda name: None,
) -> dict[str, pd.DataFrame]:
    """All output tables of one source; ``english`` names items in English where known."""
    by_position = lambda r: r.cite.key  # noqa: E731
    amounts = sorted(records.amounts, key=by_position)
    measures = sorted(records.measures, key=by_position)
    projects = sorted(records.projects, key=by_position)
    cases = sorted(records.recycling_cases, key=by_position)
    targets = sorted(records.targets, key=by_position)

    tables: dict[str, pd.DataFrame] = {}
    amount_ids = _ids("A", len(amounts))
    tables["amounts"] = _frame(
        [
            {
                "amount_id": ident,
                "item_ja": r.item_ja,
                "item_en": english(r.item_ja),
                "stage": r.stage,
                "instrument": r.instrument,
                "fiscal_year": r.fiscal_year,
                "supplementary_round": r.supplementary_round,
                "amount": r.amount,
                "currency": r.currency,
                "approximate": r.approximate,
                "amount_text": written_text(r.cite),
                "section_ja": r.section_ja,
                **provenance(r.cite),
            }
            for ident, r in zip(amount_ids, amounts)
        ],
        ("amount_id", "item_ja", "item_en", "stage", "instrument", "fiscal_year", "supplementary_round", "amount",
         "currency", "approximate", "amount_text", "section_ja", *PROVENANCE),
    )
    tables["measures"] = _frame(
        [
            {
                "measure_id": ident,
                "item_ja": r.item_ja,
                "item_en": english(r.item_ja),
                "parent_ja": r.parent_ja,
                "account": r.account,
                "instrument": r.instrument,
                "new_in_request": r.new_in_request,
                **provenance(r.cite),
            }
            for ident, r in zip(_ids("M", len(measures)), measures)
        ],
        ("measure_id", "item_ja", "item_en", "parent_ja", "account", "instrument", "new_in_request", *PROVENANCE),
    )
    tables["projects"] = _frame(
        [
            {
                "project_id": ident,
                "project_ja": r.project_ja,
                "project_en": english(r.project_ja),
                "spellings_ja": r.spellings_ja,
                "country_ja": r.country_ja,
                "country_iso": r.country_iso,
                "partner_ja": r.partner_ja,
                "commodity_ja": r.commodity_ja,
                **provenance(r.cite),
            }
            for ident, r in zip(_ids("P", len(projects)), projects)
        ],
        ("project_id", "project_ja", "project_en", "spellings_ja", "country_ja", "country_iso", "partner_ja",
         "commodity_ja", *PROVENANCE),
    )
    tables["minerals"] = _frame(
        [
            {
                "element": r.element,
                "mineral_ja": r.mineral_ja,
                "name_en": r.name_en,
                "class_ja": r.class_ja,
                "overseas_supply_ja": r.overseas_supply_ja,
                "reduction_ja": r.reduction_ja,
                "reduction_page": r.reduction_cite.line.page,
                "reduction_line": r.reduction_cite.line.number,
                **provenance(r.cite),
            }
            for r in records.minerals
        ],
        ("element", "mineral_ja", "name_en", "class_ja", "overseas_supply_ja", "reduction_ja",
         "reduction_page", "reduction_line", *PROVENANCE),
    )
    tables["recycling_cases"] = _frame(
        [
            {
                "case_id": ident,
                "mineral_ja": r.mineral_ja,
                "element": r.element,
                "cases": r.cases,
                "recovery_sources_ja": r.recovery_sources_ja,
                "subsidy": r.subsidy,
                "currency": r.currency,
                "cases_line": r.cases_cite.line.number,
                **provenance(r.cite),
            }
            for ident, r in zip(_ids("R", len(cases)), cases)
        ],
        ("case_id", "mineral_ja", "element", "cases", "recovery_sources_ja", "subsidy", "currency",
         "cases_line", *PROVENANCE),
    )
    tables["targets"] = _frame(
        [
            {
                "target_id": ident,
                "subject_ja": r.subject_ja,
                "percent": r.percent,
                "bound": r.bound,
                "kind": r.kind,
                "statement_ja": r.statement_ja,
                **provenance(r.cite),
            }
            for ident, r in zip(_ids("T", len(targets)), targets)
        ],
        ("target_id", "subject_ja", "percent", "bound", "kind", "statement_ja", *PROVENANCE),
    )
    holders = _holders(tables, amounts, cases, targets, amount_ids)
    tables["figures"] = _census(figures, holders, records)
    return tables


def _holders(tables, amounts, cases, targets, amount_ids) -> list[tuple[str, str, Cite]]:
    """(table, row id, cited span) for every row that holds a figure."""
    holders = [("amounts", ident, r.cite) for ident, r in zip(amount_ids, amounts)]
    case_ids = tables["recycling_cases"]["case_id"].tolist()
    holders += [("recycling_cases", ident, r.cases_cite) for ident, r in zip(case_ids, cases)]
    target_ids = tables["targets"]["target_id"].tolist()
    holders += [("targets", ident, r.cite) for ident, r in zip(target_ids, targets)]
    return holders


GENERIC_REASONS = {"date": "date (era year, month or fiscal year)", "round": "supplementary budget round"}


def _census(figures: tuple[Figure, ...], holders, records: DeckRecords) -> pd.DataFrame:
    rows = []
    for ident, figure in zip(_ids("F", len(figures)), figures):
        page, number = figure.line.page, figure.line.number
        held = next((h for h in holders if h[2].covers(page, number, figure.span)), None)
        reason = None
        if held is None:
            reason = next(
                (e.reason for e in records.explained if e.cite.covers(page, number, figure.span)),
                GENERIC_REASONS.get(figure.kind),
            )
        cite = Cite(figure.line, figure.span)
        rows.append(
            {
                "figure_id": ident,
                "value": float(figure.value),
                "text": written_text(cite),
                "unit": figure.unit,
                "kind": figure.kind,
                "held_by_table": held[0] if held else None,
                "held_by_row": held[1] if held else None,
                "reason": reason,
                **provenance(cite),
            }
        )
    return _frame(
        rows,
        ("figure_id", "value", "text", "unit", "kind", "held_by_table", "held_by_row", "reason",
         *PROVENANCE),
    )
