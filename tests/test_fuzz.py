"""Property: whatever is done to the source, a run ends in tables, a named check failure
(exit 1) or a one-line refusal (exit 2) — never an unexpected exception; and tables that
pass every check hold each amount as its text says it.

Two fuzzers: one mangles whole lines (delete, duplicate, insert, truncate, swap); one
mutates right at the figures (digits, decimal marks, units, signs). Each prints how its
runs ended.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import rounds
from extract.errors import BadInput, ExtractError, ValidationFailed
from extract.japanese import normalize, parse_amount
from extract.pipeline import extract_tables
from extract.publish.cells import inexact_numbers, oversized_cells
from extract.validate.tables import validate

SNIPPETS = ["億円", "【", "】", "（", "）", "○", "１２", "3.5", "うち要望枠", "補正", "平成", "年度",
            "％", "\n", " ", "ジスプロシウム", "＜出資＞", "基金残高", "合計：", "約", "百万＄"]

FIGURE = regex.compile(r"[0-9０-９][0-9０-９.．,，]*")  # a number as written, marks included
UNIT = regex.compile(r"\s*(?:百万＄|百万\$|億円|万円|千円|兆円|円|億|ドル|％|%|件)")
DIGITS = "0123456789０１２３４５６７８９"
MARKS = [".", "．", ",", "，", "・"]
UNITS = ["億円", "万円", "千円", "兆円", "円", "億", "百万＄", "ドル", "％", "件", ""]
SIGNS = ["▲", "△", "▼", "▽", "Δ", "-", "－", "−", "‒", "–", "﹣", "ー", "―", "─", "+", "約", "±", "〜", "- ", "ー "]
CUTS = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\n", " ", "\u3000", " \n"]  # inside a figure


@st.composite
def mangled_sources(draw, text: str) -> str:
    lines = text.split("\n")
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "truncate", "swap"]))
        if action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "insert":
            position = draw(st.integers(min_value=0, max_value=len(lines[index])))
            snippet = draw(st.sampled_from(SNIPPETS) | st.text(max_size=4))
            lines[index] = lines[index][:position] + snippet + lines[index][position:]
        elif action == "truncate":
            lines[index] = lines[index][: draw(st.integers(min_value=0, max_value=len(lines[index])))]
        else:
            other = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
    return "\n".join(lines)


@st.composite
def mutated_figures(draw, text: str) -> tuple[str, list[str]]:
    """The source with one to three figures changed where they stand: a digit, a decimal
    mark, the unit after, a sign before (every minus-like mark), a digit dropped, the figure
    doubled, the figure cut (an invisible character, a line break or a blank inside)."""
    actions = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        figures = [m.span() for m in FIGURE.finditer(text)]
        start, end = draw(st.sampled_from(figures))
        action = draw(st.sampled_from(["digit", "mark", "unit", "sign", "drop", "double", "cut"]))
        at = draw(st.integers(min_value=start, max_value=end - 1))
        if action == "digit":
            text = text[:at] + draw(st.sampled_from(DIGITS)) + text[at + 1:]
        elif action == "mark":
            text = text[:at + 1] + draw(st.sampled_from(MARKS)) + text[at + 1:]
        elif action == "unit":
            unit = UNIT.match(text, end)
            cut = unit.end() if unit else end
            text = text[:end] + draw(st.sampled_from(UNITS)) + text[cut:]
        elif action == "sign":
            text = text[:start] + draw(st.sampled_from(SIGNS)) + text[start:]
        elif action == "cut" and end - start > 1:  # an invisible character, a line break or a blank
            at = draw(st.integers(min_value=start + 1, max_value=end - 1))
            text = text[:at] + draw(st.sampled_from(CUTS)) + text[at:]
        elif action == "drop" and end - start > 1:
            text = text[:at] + text[at + 1:]
        else:
            text = text[:end] + text[start:end] + text[end:]
        actions.append(action)
    return text, actions


def outcome(text: str) -> str:
    """Run the pipeline on ``text``; assert it ends as the contract says; name the end."""
    try:
        extracted = extract_tables(text.encode("utf-8"), "deck.txt")
    except BadInput as error:
        assert "\n" not in str(error)
        return "refused (exit 2)"
    except ValidationFailed as error:
        assert error.failures and all(f.startswith("[") for f in error.failures), error.failures
        return "check failed (exit 1)"
    except ExtractError as error:  # pragma: no cover - every error is one of the two above
        raise AssertionError(f"unexpected {type(error).__name__}: {error}") from error
    typed, failures = validate(extracted.tables, extracted.family)
    assert all(failure.startswith("[") for failure in failures), failures
    if failures or oversized_cells(typed) or inexact_numbers(typed):
        return "check failed (exit 1)"
    for row in typed["amounts"].itertuples():  # the tables say what the text says
        written = parse_amount(normalize(row.amount_text), default_currency=row.currency)
        assert written.value == row.amount, (row.amount_text, row.amount)
    return "tables (exit 0)"


MANGLED = rounds(suite=12, deep=600)
MUTATED = rounds(suite=15, deep=800)


def test_mangled_sources_end_in_tables_or_a_named_error(source_text, capsys):
    ends: Counter = Counter()

    @settings(max_examples=MANGLED, deadline=None, suppress_health_check=list(HealthCheck))
    @given(text=mangled_sources(source_text))
    def run(text: str) -> None:
        ends[outcome(text)] += 1

    run()
    with capsys.disabled():
        print(f"\nfuzz, mangled lines: {dict(ends)}")
    assert sum(ends.values()) >= MANGLED


def test_figures_mutated_in_place_end_in_tables_or_a_named_error(source_text, capsys):
    ends: Counter = Counter()
    actions: Counter = Counter()

    @settings(max_examples=MUTATED, deadline=None, suppress_health_check=list(HealthCheck))
    @given(mutated=mutated_figures(source_text))
    def run(mutated: tuple[str, list[str]]) -> None:
        text, done = mutated
        actions.update(done)
        ends[outcome(text)] += 1

    run()
    with capsys.disabled():
        print(f"\nfuzz, figures mutated ({dict(actions)}): {dict(ends)}")
    assert sum(ends.values()) >= MUTATED
    assert len(ends) >= 2, "mutations near figures reach more than one end"


def census_outcome(text: str) -> str:
    """Census ``text``: it reads to the end (a digit no rule explains is an ``unread`` row),
    and each amount is what its own text says (no sign lost, no other figure's digits)."""
    from extract.census.rows import census_rows, pages_of
    from extract.read.ingest import read_document

    rows = list(census_rows("deck.txt", pages_of(read_document(text.encode("utf-8"), "deck.txt").lines)))
    for row in rows:
        if row["kind"] == "amount" and not row["unit_from_header"] and not row["high"]:
            written = parse_amount(normalize(row["text"]), default_currency=row["currency"])
            assert str(written.value.normalize()) == str(Decimal(row["value"]).normalize()), (row["text"], row["value"])
    return "unread" if any(row["kind"] == "unread" for row in rows) else "read"


CENSUS = rounds(suite=15, deep=800)


def test_the_census_of_figures_mutated_in_place_reads_to_the_end(source_text, capsys):
    ends: Counter = Counter()

    @settings(max_examples=CENSUS, deadline=None, suppress_health_check=list(HealthCheck))
    @given(mutated=mutated_figures(source_text))
    def run(mutated: tuple[str, list[str]]) -> None:
        ends[census_outcome(mutated[0])] += 1

    run()
    with capsys.disabled():
        print(f"\nfuzz, census of mutated figures: {dict(ends)}")
    assert sum(ends.values()) >= CENSUS
