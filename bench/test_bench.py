"""Throughput of the Japanese core against its peers on the same inputs (`make bench`).

One benchmark per (task, implementation); ``conftest.py`` prints the ops/s of each and the
ratio core/peer at the end. The inputs are checked to give the same answers before they are
timed (where the tools agree), so a ratio compares equal work; timings are never asserted.
"""

from __future__ import annotations

from pathlib import Path

import jaconv
import japanera
import kanjize
import neologdn
import pytest
from jeraconv.jeraconv import J2W

import extract.japanese as core

pytestmark = pytest.mark.bench

SOURCE = Path(__file__).resolve().parents[1] / "raw" / "meti_rare_metals_2011-12.txt"
LINES = [line for line in SOURCE.read_text(encoding="utf-8-sig").splitlines() if line.strip()]

# Numerals both parsers read, with the same value (tests/test_peers.py has where they differ).
NUMERALS = [
    "二千九百五十", "一億二千万", "二〇一一", "三億五千万", "九千九百九十九万九千九百九十九", "十二",
    "四百", "一兆二千三百四十五億", "6０", "12.4億", "250百万", "1.5万", "弐阡", "1無量大数",
]
# Era years all three read: <era><year>年 (the only form jeraconv accepts).
ERA_YEARS = ["平成23年", "令和元年", "昭和64年", "平成２３年", "大正15年", "明治45年", "平成元年", "令和5年"]
JAPANERA_FORMAT = "%-K%-y年"
_J2W = J2W()

NORMALIZE = {
    core.__name__: core.normalize,
    "neologdn": neologdn.normalize,
    "jaconv": jaconv.normalize,
}
PARSE_NUMBER = {
    core.__name__: core.parse_number,
    "kanjize": kanjize.kanji2number,
}
PARSE_ERA_YEAR = {
    core.__name__: lambda text: core.parse_era(text).year,
    "japanera": lambda text: japanera.EraDate.strptime(text, JAPANERA_FORMAT)[0].year,
    "jeraconv": _J2W.convert,
}


def _run_all(function, inputs):
    def run():
        for text in inputs:
            function(text)

    return run


def _measure(benchmark, throughput, task: str, implementation: str, function, inputs) -> None:
    """Time ``function`` over ``inputs`` and record its ops/s under ``task``."""
    benchmark.group = task
    benchmark(_run_all(function, inputs))
    throughput.record(task, implementation, benchmark, len(inputs))


@pytest.mark.parametrize("implementation", NORMALIZE)
def test_normalize_source_lines(benchmark, throughput, implementation):
    _measure(benchmark, throughput, f"normalize: the source's {len(LINES)} lines", implementation,
             NORMALIZE[implementation], LINES)


def test_numerals_agree():
    for text in NUMERALS:
        assert core.parse_number(text) == kanjize.kanji2number(text), text


@pytest.mark.parametrize("implementation", PARSE_NUMBER)
def test_parse_number(benchmark, throughput, implementation):
    _measure(benchmark, throughput, f"parse a numeral: {len(NUMERALS)} numerals", implementation,
             PARSE_NUMBER[implementation], NUMERALS)


def test_era_years_agree():
    for text in ERA_YEARS:
        years = {name: parse(text) for name, parse in PARSE_ERA_YEAR.items()}
        assert len(set(years.values())) == 1, (text, years)


@pytest.mark.parametrize("implementation", PARSE_ERA_YEAR)
def test_parse_era(benchmark, throughput, implementation):
    _measure(benchmark, throughput, f"era year to Western: {len(ERA_YEARS)} dates", implementation,
             PARSE_ERA_YEAR[implementation], ERA_YEARS)
