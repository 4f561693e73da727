"""`make bench`: the whole pipeline's throughput, text layer and PDF, with peak memory.

Printed in the same summary table as the core's benchmarks (no peer: the ratio is empty).
"""

from __future__ import annotations

import sys
import tracemalloc
from pathlib import Path

import pytest

from extract.run import extract_tables
from extract.validate import validate

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "raw" / "meti_rare_metals_2011-12.txt"
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

pytestmark = pytest.mark.bench


def _source(kind: str) -> bytes:
    if kind == "text":
        return SOURCE.read_bytes()
    import make_fixture_pdf

    return make_fixture_pdf.build_fixture_pdf()


def _extract_and_validate(data: bytes) -> int:
    extracted = extract_tables(data, "deck")
    _, failures = validate(extracted.tables, extracted.deck.checks)
    assert failures == []
    return len(extracted.tables["amounts"])


@pytest.mark.parametrize("kind", ["text", "pdf"])
def test_pipeline(benchmark, throughput, capsys, kind):
    data = _source(kind)
    tracemalloc.start()
    assert _extract_and_validate(data) == 51
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    benchmark.extra_info["peak_python_heap_mib"] = round(peak / 2**20, 1)
    with capsys.disabled():
        print(f"\npipeline ({kind}): peak Python heap during one run {peak / 2**20:.1f} MiB")
    benchmark.pedantic(_extract_and_validate, args=(data,), rounds=5 if kind == "text" else 3)
    throughput.record(f"pipeline: deck ({kind}) -> validated tables", "extract", benchmark, 1)
