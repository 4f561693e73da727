"""Property: whatever is done to the source, a run ends in tables, a named check failure
(exit 1) or a one-line refusal (exit 2) — never an unexpected exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.errors import ExtractError
from extract.run import extract_tables
from extract.validate import validate

SNIPPETS = ["億円", "【", "】", "（", "）", "○", "１２", "3.5", "うち要望枠", "補正", "平成", "年度",
            "％", "\n", " ", "ジスプロシウム", "＜出資＞", "基金残高", "合計：", "約", "百万＄"]


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


def test_mangled_sources_end_in_tables_or_a_named_error(source_text):
    @settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
    @given(text=mangled_sources(source_text))
    def run(text: str) -> None:
        try:
            extracted = extract_tables(text.encode("utf-8"), "deck.txt")
        except ExtractError as error:
            assert error.exit_code == 2 and "\n" not in str(error)
            return
        _, failures = validate(extracted.tables, extracted.deck.checks)
        assert all(failure.startswith("[") for failure in failures)

    run()
