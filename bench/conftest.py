"""`make bench`: throughput of the Japanese core against its peers, printed as one table.

Each benchmark (pytest-benchmark's ``benchmark`` fixture) records its ops/s through the
``throughput`` fixture; at the end of the session a table gives, per task, the ops/s of
the core and of each peer and the ratio core/peer (above 1: the core is faster). Numbers
are printed only: nothing is written to the repository, and no timing is ever asserted.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

CORE = "extract.japanese"
RESULTS = pytest.StashKey[dict]()


def pytest_configure(config: pytest.Config) -> None:
    # Runs before pytest-benchmark's own (trylast) pytest_configure: a narrower table,
    # unless the command line asked for other columns.
    option = config.option
    if hasattr(option, "benchmark_columns") and option.benchmark_columns is None:
        option.benchmark_columns = ["ops", "mean", "median", "rounds"]
    config.stash[RESULTS] = defaultdict(dict)


class Throughput:
    """Where the benchmarks put their ops/s: ``results[task][implementation]``."""

    def __init__(self, results: dict) -> None:
        self.results = results

    def record(self, task: str, implementation: str, benchmark, items: int) -> None:
        stats = benchmark.stats.stats if benchmark.stats else None
        if stats is not None:  # None under --benchmark-disable
            self.results[task][implementation] = (stats.ops, items)


@pytest.fixture
def throughput(request: pytest.FixtureRequest) -> Throughput:
    return Throughput(request.config.stash[RESULTS])


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    results = config.stash.get(RESULTS, None)
    if not results:
        return
    write = terminalreporter.write_line
    terminalreporter.write_sep("=", "the Japanese core against its peers, this run (core/peer: ops/s ratio, > 1 = core faster)")
    write(f"{'task':<44} {'implementation':<22} {'ops/s':>10} {'items/s':>12} {'core/peer':>10}")
    for task, by_implementation in results.items():
        core = by_implementation.get(CORE)
        for implementation, (ops, items) in sorted(by_implementation.items(), key=lambda kv: kv[0] != CORE):
            ratio = "" if implementation == CORE or core is None else f"{core[0] / ops:.2f}"
            write(f"{task:<44} {implementation:<22} {ops:>10,.1f} {ops * items:>12,.0f} {ratio:>10}")
