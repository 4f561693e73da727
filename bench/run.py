"""`make bench`: every speed goal of the project as one table of ratios, each against its anchor.

    .venv/bin/python bench/run.py [--quick] [--scale]

1. **deck**: ``python -m extract deck.pdf --out DIR`` on the deck's fixture PDF, whole
   process, against the floor (``bench/floor.py``: the interpreter importing pdfplumber,
   pandas, pandera and pyarrow and extracting the PDF's text): CPU time (user + system)
   and peak RSS, in pairs of runs, the order alternating, the median of the pairs' ratios.
2. **census**: ``python -m extract figures corpus.pdf --out DIR`` on synthetic corpora of
   100, 300 and 1,000 pages (``bench/corpus.py``) against pdfplumber's own ``extract_text``
   on the same file (``bench/plumber_text.py``), whole processes: pages per CPU second and
   peak RSS at each size, and the census's peak RSS at 1,000 pages against that at 100.
3. **budget**: ``python -m extract budget`` on a real budget book split into files (Fuji
   City's FY2025 book, ``../shared/budgets/fuji-r7``: 21 files, 59 pages) against
   pdfplumber's ``extract_words`` on the same files (``bench/plumber_words.py``): CPU time
   and peak RSS, whole processes; and the same on a generated book of about 600 pages
   (``bench/corpus.py``), whose peak RSS has a goal of its own (flat memory: under 400 MiB).
4. **core**: ``normalize``, ``parse_number``, ``parse_amount`` and ``parse_era`` against
   neologdn, kanjize and japanera, in this process, on the same strings: the non-empty
   lines of the deck's text layer and of the real-world corpora (``tests/data``), and the
   numerals, amounts and era dates found in them where the peer reads them to the same
   value (so both do the same work); rounds alternate core and peer, median per round.

Prints one table (ratio: how the subject compares with its anchor, the goal, met or not)
and writes ``bench/results.json``. ``--quick`` runs fewer pairs (a smoke test);
``--scale`` also measures ``extract figures --jobs 1, 2, 4`` on the 1,000-page corpus split
into ten files (the README's scale note). Timings are only reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

PYTHON = sys.executable
RESULTS = HERE / "results.json"
GOALS = {  # (comparison, bound): deck cpu <= 1.3x the floor, ...
    "deck_cpu": ("<=", 1.3),
    "census_pages_per_second": (">=", 0.9),
    "census_rss_growth": ("<=", 1.1),
    "budget_cpu": ("<=", 1.5),
    "budget_rss_mib": ("<=", 400.0),
    "normalize": (">=", 0.5),
    "parse_number": (">=", 1.0),
}


# --- whole processes --------------------------------------------------------------------


def measured(command: list[str], cwd: Path) -> dict:
    """Run ``command`` under ``bench/measure.py``; its CPU seconds (user + system, its
    children included), peak RSS (MiB) and wall seconds. A failed run stops the bench."""
    done = subprocess.run([PYTHON, str(HERE / "measure.py"), *command], cwd=cwd,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines = done.stdout.decode(errors="replace").strip().splitlines()
    result = json.loads(lines[-1]) if done.returncode == 0 and lines else {"code": done.returncode}
    if result["code"] != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed: {done.stderr.decode(errors='replace')}")
    return {key: result[key] for key in ("cpu", "rss_mib", "wall")}


def paired(subject: list[str], anchor: list[str], pairs: int, cwd: Path) -> dict:
    """``pairs`` runs of each, interleaved (the order alternating); medians and the median
    of the pairs' CPU ratios (subject / anchor)."""
    runs: dict[str, list[dict]] = {"subject": [], "anchor": []}
    for index in range(pairs):
        order = ("subject", "anchor") if index % 2 == 0 else ("anchor", "subject")
        for which in order:
            runs[which].append(measured(subject if which == "subject" else anchor, cwd))
    ratios = [s["cpu"] / a["cpu"] for s, a in zip(runs["subject"], runs["anchor"])]
    median = {which: {key: statistics.median(run[key] for run in done) for key in ("cpu", "rss_mib", "wall")}
              for which, done in runs.items()}
    return {"pairs": pairs, "subject": median["subject"], "anchor": median["anchor"],
            "cpu_ratio": statistics.median(ratios), "cpu_ratios": ratios}


def deck(pairs: int, work: Path) -> dict:
    pdf = corpus.deck_pdf()
    result = paired([PYTHON, "-m", "extract", str(pdf), "--out", str(work / "deck-out")],
                    [PYTHON, str(HERE / "floor.py"), str(pdf)], pairs, work)
    result["rss_ratio"] = result["subject"]["rss_mib"] / result["anchor"]["rss_mib"]
    return result


def census(pairs_by_size: dict[int, int], work: Path) -> dict:
    sizes = {}
    for pages, pairs in pairs_by_size.items():
        pdf = corpus.census_pdf(pages)
        result = paired([PYTHON, "-m", "extract", "figures", str(pdf), "--out", str(work / f"figures-{pages}")],
                        [PYTHON, str(HERE / "plumber_text.py"), str(pdf)], pairs, work)
        result["pages"] = pages
        result["census_pages_per_second"] = pages / result["subject"]["cpu"]
        result["plumber_pages_per_second"] = pages / result["anchor"]["cpu"]
        result["pages_per_second_ratio"] = 1 / result["cpu_ratio"]  # census pps / pdfplumber pps
        sizes[pages] = result
    first, last = min(sizes), max(sizes)
    return {"sizes": sizes,
            "rss_growth": sizes[last]["subject"]["rss_mib"] / sizes[first]["subject"]["rss_mib"]}


BUDGET_BOOK = ROOT.parent / "shared" / "budgets" / "fuji-r7"


def budget(pairs: int, work: Path) -> dict | None:
    """``extract budget`` on the real split book against pdfplumber's words (None: no book here)."""
    files = sorted(str(path) for path in BUDGET_BOOK.glob("*.pdf"))
    if not files:
        return None
    result = paired([PYTHON, "-m", "extract", "budget", *files, "--out", str(work / "budget-out")],
                    [PYTHON, str(HERE / "plumber_words.py"), *files], pairs, work)
    result["files"], result["pages"] = len(files), _pages(files)
    result["rss_ratio"] = result["subject"]["rss_mib"] / result["anchor"]["rss_mib"]
    return result


def long_book(pairs: int, work: Path) -> dict:
    """``extract budget`` on a generated book of about 600 pages against pdfplumber's words."""
    pdf = str(corpus.budget_book_pdf())
    result = paired([PYTHON, "-m", "extract", "budget", pdf, "--out", str(work / "long-book-out")],
                    [PYTHON, str(HERE / "plumber_words.py"), pdf], pairs, work)
    result["pages"] = _pages([pdf])
    result["rss_ratio"] = result["subject"]["rss_mib"] / result["anchor"]["rss_mib"]
    return result


def glyph_check(pairs: int, work: Path) -> dict:
    """The generated 600-page book read with each glyph checked by its shape against the
    same read trusting the text layer: CPU seconds per 100 pages of each."""
    pdf = str(corpus.budget_book_pdf())
    result = paired([PYTHON, str(HERE / "book_reading.py"), pdf],
                    [PYTHON, str(HERE / "book_reading.py"), "--trust-text-layer", pdf], pairs, work)
    result["pages"] = _pages([pdf])
    for side in ("subject", "anchor"):
        result[side]["cpu_per_100_pages"] = 100 * result[side]["cpu"] / result["pages"]
    return result


def _pages(files: list[str]) -> int:
    import pdfplumber

    total = 0
    for path in files:
        with pdfplumber.open(path) as pdf:
            total += len(pdf.pages)
    return total


def scale(work: Path, pages: int = 1000, parts: int = 10) -> dict:
    """``extract figures --jobs N`` on the corpus of ``pages`` pages in ``parts`` files."""
    files = [str(path) for path in corpus.census_split(pages, parts)]
    found = {}
    for jobs in (1, 2, 4):
        run = measured([PYTHON, "-m", "extract", "figures", *files, "--jobs", str(jobs),
                        "--out", str(work / f"scale-{jobs}")], work)
        found[jobs] = {**run, "pages_per_wall_second": pages / run["wall"]}
    return {"pages": pages, "files": parts, "jobs": found}


# --- the core, in this process --------------------------------------------------------


def _lines() -> dict[str, list[str]]:
    deck_lines = [line for line in corpus.RAW.read_text(encoding="utf-8-sig").splitlines() if line.strip()]
    real = [line[2:] for path in sorted((ROOT / "tests" / "data").glob("figures_corpus*.txt"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("> ") and line[2:].strip()]
    return {"deck": deck_lines, "corpus": real}


def _agreeing(texts, core, peer, same=lambda a, b: a == b) -> list[str]:
    kept = []
    for text in texts:
        try:
            if same(core(text), peer(text)):
                kept.append(text)
        except Exception:
            continue
    return kept


_NUMBER_PART = re.compile(r"^[^0-9０-９〇一二三四五六七八九十百千万億兆]+|[^0-9０-９〇一二三四五六七八九十百千万億兆]+$")
_ERA_YEAR = re.compile(r"^(?:明治|大正|昭和|平成|令和)(?:元|[0-9]{1,2})年")
WRITTEN_NUMERALS = [  # the forms a numeral parser is for: kanji, mixed, formal, large units
    "二千九百五十", "一億二千万", "二〇一一", "三億五千万", "九千九百九十九万九千九百九十九", "十二",
    "四百", "一兆二千三百四十五億", "6０", "12.4億", "250百万", "1.5万", "弐阡", "1無量大数",
]


def core_cases() -> list[dict]:
    """Each task on its inputs: (name, core call, peer, peer call, inputs)."""
    import japanera
    import kanjize
    import neologdn

    import extract.japanese as core

    lines = _lines()
    everything = lines["deck"] + lines["corpus"]
    numerals = [m.text for line in everything for m in core.find_numbers(line)]
    amounts = [line[a.span[0]:a.span[1]] for line in everything for a in core.find_amounts(line, "JPY")]
    eras = [m[0] for line in everything for era in core.find_eras(line)
            if (m := _ERA_YEAR.match(line[era.span[0]:era.span[1]]))]

    def era_year(text):
        return japanera.EraDate.strptime(text, "%-K%-y年")[0].year

    def amount_number(text):
        return kanjize.kanji2number(_NUMBER_PART.sub("", text))

    cases = [
        {"task": "normalize", "inputs": f"the deck's {len(lines['deck'])} lines", "strings": lines["deck"],
         "core": core.normalize, "peer": "neologdn.normalize", "peer_call": neologdn.normalize},
        {"task": "normalize", "inputs": f"{len(lines['corpus'])} real-world corpus lines", "strings": lines["corpus"],
         "core": core.normalize, "peer": "neologdn.normalize", "peer_call": neologdn.normalize},
        {"task": "parse_number", "inputs": "numerals of the deck and corpus lines",
         "strings": _agreeing(numerals, core.parse_number, kanjize.kanji2number),
         "core": core.parse_number, "peer": "kanjize.kanji2number", "peer_call": kanjize.kanji2number},
        {"task": "parse_number", "inputs": f"{len(WRITTEN_NUMERALS)} written numerals (二千九百五十, 12.4億 …)",
         "strings": _agreeing(WRITTEN_NUMERALS, core.parse_number, kanjize.kanji2number),
         "core": core.parse_number, "peer": "kanjize.kanji2number", "peer_call": kanjize.kanji2number},
        {"task": "parse_amount", "inputs": "amounts of the deck and corpus lines (the peer reads their number only)",
         "strings": _agreeing(amounts, lambda t: core.parse_amount(t, "JPY").value, amount_number),
         "core": lambda text: core.parse_amount(text, "JPY"), "peer": "kanjize.kanji2number",
         "peer_call": amount_number},
        {"task": "parse_era", "inputs": "<era><year>年 dates of the deck and corpus lines",
         "strings": _agreeing(eras, lambda t: core.parse_era(t).year, era_year),
         "core": core.parse_era, "peer": "japanera.EraDate.strptime", "peer_call": era_year},
    ]
    return cases


def _round(function, strings) -> float:
    started = time.process_time()
    for text in strings:
        function(text)
    return time.process_time() - started


def core_speed(rounds: int, minimum: float = 0.05) -> list[dict]:
    """Per case: median seconds per round of core and peer (rounds alternate; each round
    repeats the inputs until it lasts ``minimum`` seconds), and peer time / core time."""
    results = []
    for case in core_cases():
        strings = case["strings"]
        once = max(_round(case["core"], strings), _round(case["peer_call"], strings), 1e-6)
        strings = strings * max(1, round(minimum / once))
        core_times, peer_times = [], []
        for index in range(rounds):
            for which in (("core", "peer") if index % 2 == 0 else ("peer", "core")):
                elapsed = _round(case["core"] if which == "core" else case["peer_call"], strings)
                (core_times if which == "core" else peer_times).append(elapsed)
        core_time, peer_time = statistics.median(core_times), statistics.median(peer_times)
        results.append({"task": case["task"], "inputs": case["inputs"], "strings": len(case["strings"]),
                        "peer": case["peer"], "core_per_second": len(strings) / core_time,
                        "peer_per_second": len(strings) / peer_time, "ratio": peer_time / core_time})
    return results


# --- the table ----------------------------------------------------------------------------


def machine() -> dict:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown")
    return {"nproc": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "implementation": platform.python_implementation()}


def _met(goal: str, value: float) -> str:
    comparison, bound = GOALS[goal]
    ok = value <= bound if comparison == "<=" else value >= bound
    return f"{comparison} {bound:g}: {'met' if ok else 'MISSED'}"


def rows(results: dict) -> list[tuple[str, str, str, str, str]]:
    """(measure, subject, anchor, ratio, goal) for the printed table and the README."""
    table = []
    d = results["deck"]
    table.append(("deck pipeline, PDF fixture (9 pages), CPU", f"{d['subject']['cpu']:.2f} s",
                  f"floor {d['anchor']['cpu']:.2f} s", f"{d['cpu_ratio']:.2f}x", _met("deck_cpu", d["cpu_ratio"])))
    table.append(("deck pipeline, peak RSS", f"{d['subject']['rss_mib']:.0f} MiB",
                  f"floor {d['anchor']['rss_mib']:.0f} MiB", f"{d['rss_ratio']:.2f}x", ""))
    for pages, c in results["census"]["sizes"].items():
        table.append((f"extract figures, {pages} pages: pages/CPU s", f"{c['census_pages_per_second']:.1f}",
                      f"pdfplumber {c['plumber_pages_per_second']:.1f}", f"{c['pages_per_second_ratio']:.2f}x",
                      _met("census_pages_per_second", c["pages_per_second_ratio"])))
        table.append((f"extract figures, {pages} pages: peak RSS", f"{c['subject']['rss_mib']:.0f} MiB",
                      f"pdfplumber {c['anchor']['rss_mib']:.0f} MiB",
                      f"{c['subject']['rss_mib'] / c['anchor']['rss_mib']:.2f}x", ""))
    sizes = results["census"]["sizes"]
    growth = results["census"]["rss_growth"]
    table.append((f"extract figures, peak RSS at {max(sizes)} pages / at {min(sizes)}",
                  f"{sizes[max(sizes)]['subject']['rss_mib']:.0f} MiB", f"{sizes[min(sizes)]['subject']['rss_mib']:.0f} MiB",
                  f"{growth:.2f}x", _met("census_rss_growth", growth)))
    b = results.get("budget")
    if b is None:
        table.append(("extract budget, real book", "not measured", "no book in ../shared/budgets", "", ""))
    else:
        table.append((f"extract budget, Fuji FY2025 ({b['files']} files, {b['pages']} pages), CPU",
                      f"{b['subject']['cpu']:.2f} s", f"pdfplumber words {b['anchor']['cpu']:.2f} s",
                      f"{b['cpu_ratio']:.2f}x", _met("budget_cpu", b["cpu_ratio"])))
        table.append(("extract budget, peak RSS", f"{b['subject']['rss_mib']:.0f} MiB",
                      f"pdfplumber words {b['anchor']['rss_mib']:.0f} MiB", f"{b['rss_ratio']:.2f}x", ""))
    g = results.get("long_book")
    if g is not None:
        table.append((f"extract budget, generated book ({g['pages']} pages), CPU", f"{g['subject']['cpu']:.2f} s",
                      f"pdfplumber words {g['anchor']['cpu']:.2f} s", f"{g['cpu_ratio']:.2f}x",
                      _met("budget_cpu", g["cpu_ratio"])))
        table.append(("extract budget, generated book, peak RSS", f"{g['subject']['rss_mib']:.0f} MiB",
                      f"pdfplumber words {g['anchor']['rss_mib']:.0f} MiB", f"{g['rss_ratio']:.2f}x",
                      _met("budget_rss_mib", g["subject"]["rss_mib"])))
    c = results.get("glyph_check")
    if c is not None:
        table.append((f"budget book read, {c['pages']} pages: CPU per 100 pages, glyphs checked / text layer trusted",
                      f"{c['subject']['cpu_per_100_pages']:.2f} s", f"{c['anchor']['cpu_per_100_pages']:.2f} s",
                      f"{c['cpu_ratio']:.2f}x", ""))
    for case in results["core"]:
        goal = _met(case["task"], case["ratio"]) if case["task"] in GOALS else ""
        table.append((f"{case['task']}: {case['inputs']} ({case['strings']})", f"{case['core_per_second']:,.0f}/s",
                      f"{case['peer']} {case['peer_per_second']:,.0f}/s", f"{case['ratio']:.2f}x", goal))
    return table


def markdown(results: dict) -> str:
    head = "| measure | extract | anchor | ratio | goal |\n|---|---|---|---|---|\n"
    return head + "".join(f"| {' | '.join(row)} |\n" for row in rows(results))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer pairs and rounds (a smoke test)")
    parser.add_argument("--scale", action="store_true", help="also --jobs 1, 2, 4 on the 1,000-page corpus")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results: dict = {"machine": machine()}
    with tempfile.TemporaryDirectory(prefix="extract-bench-run-") as work:
        work_path = Path(work)
        results["deck"] = deck(2 if args.quick else 5, work_path)
        results["census"] = census({100: 1, 300: 1, 1000: 1} if args.quick else {100: 3, 300: 1, 1000: 1}, work_path)
        results["budget"] = budget(1, work_path)  # 5 minutes a pair: pdfminer on heavy pages
        results["long_book"] = long_book(1 if args.quick else 3, work_path)
        results["glyph_check"] = glyph_check(1, work_path)
        results["core"] = core_speed(3 if args.quick else 7)
        if args.scale:
            results["scale"] = scale(work_path)
    results["seconds"] = time.perf_counter() - started
    m = results["machine"]
    print(f"\nmake bench on {m['nproc']} CPU(s), {m['cpu']}, {m['implementation']} {m['python']} "
          f"({results['seconds']:.0f} s; ratios: extract against its anchor, medians of interleaved runs)\n")
    widths = [max(len(row[i]) for row in rows(results)) for i in range(5)]
    header = ("measure", "extract", "anchor", "ratio", "goal")
    for row in [header, *rows(results)]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)))
    if "scale" in results:
        print(f"\nextract figures on {results['scale']['pages']} pages in {results['scale']['files']} files:")
        for jobs, run in results["scale"]["jobs"].items():
            print(f"  --jobs {jobs}: {run['wall']:.1f} s wall, {run['cpu']:.1f} s CPU, "
                  f"{run['pages_per_wall_second']:.1f} pages/s, peak RSS {run['rss_mib']:.0f} MiB (largest process)")
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    print(f"\nwritten: {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
