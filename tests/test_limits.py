"""Bounded cost: inputs past a limit are refused early (exit 2, one line) in little time and
memory, and a deck at the limits still runs in bounded time and memory.

Each case runs in a subprocess that reports its own peak memory; the bounds asserted are
generous (a few hundred MB, a timeout), never a timing.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, edited_source
from extract.read.limits import (
    DECK_PDF_LIMITS,
    MAX_IMAGE_PIXELS,
    MAX_LINE_CHARS,
    MAX_LINES,
    MAX_NUMBERS,
    MAX_NUMBERS_PER_LINE,
    MAX_TEXT_BYTES,
)

# Peak resident memory of this process image: VmHWM (ru_maxrss would carry over the peak of
# the forked test process, across exec).
MEASURED = """
import sys
from extract.cli.main import main
code = main(sys.argv[1:])
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(f"maxrss_mb={peak // 1024}", file=sys.stderr)
sys.exit(code)
"""


def measured_run(*args, timeout: float = 60) -> tuple[int, str, int]:
    """(exit code, stderr without the measurement, peak resident MB) of one CLI run."""
    done = subprocess.run([sys.executable, "-c", MEASURED, *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, timeout=timeout)
    *lines, measurement = done.stderr.splitlines()
    assert measurement.startswith("maxrss_mb="), done.stderr
    return done.returncode, "\n".join(lines), int(measurement.split("=")[1])


def deck_with(tmp_path: Path, source_text: str, old: str, new: str, name: str = "deck.txt") -> Path:
    path = tmp_path / name
    path.write_text(edited_source(source_text, old, new), encoding="utf-8")
    return path


def test_a_50_mb_single_line_is_refused_before_it_is_read(tmp_path, source_text):
    path = tmp_path / "huge.txt"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(source_text)
        handle.write("1," * (25 * 2**20))
    code, stderr, peak = measured_run(path, "--out", tmp_path / "out")
    assert code == 2
    assert stderr == (f"extract: {path}: {path.stat().st_size:,} bytes, over the limit of "
                      f"{MAX_TEXT_BYTES // 2**20} MiB for a text layer")
    assert peak < 300, peak
    assert not (tmp_path / "out").exists()


def test_a_100_kb_line_of_numbers_is_refused_in_bounded_memory(tmp_path, source_text):
    line = ",".join(["1"] * 50_000)
    path = deck_with(tmp_path, source_text, "経済産業省 \n", f"経済産業省 \n{line}\n")
    code, stderr, peak = measured_run(path, "--out", tmp_path / "out")
    assert code == 2
    assert stderr == (f"extract: {path}: line 9 has {len(line):,} characters, over the limit of "
                      f"{MAX_LINE_CHARS:,}")
    assert peak < 300, peak


@pytest.mark.parametrize("what", ["per-line", "per-document", "lines"])
def test_numbers_and_lines_past_their_limits_are_refused(tmp_path, capsys, source_text, what):
    from extract.cli.main import main

    if what == "per-line":
        extra = " ".join(["7"] * (MAX_NUMBERS_PER_LINE + 1))
        message = f"line 9 has {MAX_NUMBERS_PER_LINE + 1} numbers, over the limit of {MAX_NUMBERS_PER_LINE} a line"
    elif what == "per-document":
        extra = "\n".join([" ".join(["7"] * 50)] * (MAX_NUMBERS // 50 + 1))
        message = f"more than {MAX_NUMBERS:,} numbers, over the limit for one document"
    else:
        extra = "\n" * MAX_LINES
        message = f"lines, over the limit of {MAX_LINES:,}"
    path = deck_with(tmp_path, source_text, "経済産業省 \n", f"経済産業省 \n{extra}\n")
    assert main([str(path), "--out", str(tmp_path / "out")]) == 2
    stderr = capsys.readouterr().err
    assert stderr.startswith(f"extract: {path}: ") and message in stderr and stderr.count("\n") == 1


def test_a_deck_at_the_limits_runs_in_bounded_time_and_memory(tmp_path, source_text, capsys):
    """28 lines of 100 amounts each on page 3 (2,800 amounts): every stage stays linear.

    The run goes through every stage to validation, which stops it: one item cannot have
    2,800 requests (``one_figure_per_item_and_stage``)."""
    amounts = "".join("項目あいう 1億円 " for _ in range(MAX_NUMBERS_PER_LINE))
    assert len(amounts) <= MAX_LINE_CHARS
    rows = "\n".join([amounts] * 28)
    path = deck_with(tmp_path, source_text, "【２３年度予算額】 \n", f"【２３年度予算額】 \n{rows}\n")
    code, stderr, peak = measured_run(path, "--out", tmp_path / "out", timeout=120)
    with capsys.disabled():
        print(f"\na deck at the limits (2,800 more amounts): exit {code}, peak {peak} MB")
    assert code == 1 and "[one_figure_per_item_and_stage]" in stderr, stderr
    assert "internal error" not in stderr
    assert peak < 800, peak


def test_debug_images_refuse_a_huge_page_before_drawing(tmp_path, deck_pdf):
    """A 14,400 pt square MediaBox would be an 829-megapixel image: refused up front."""
    import pikepdf

    pdf = pikepdf.open(deck_pdf)
    pdf.pages[2].MediaBox = pikepdf.Array([0, 0, 14400, 14400])
    buffer = io.BytesIO()
    pdf.save(buffer)
    huge = tmp_path / "huge.pdf"
    huge.write_bytes(buffer.getvalue())
    code, stderr, peak = measured_run(huge, "--out", tmp_path / "out", "--debug-images")
    assert code == 2
    assert stderr == (f"extract: {huge}: page 3 would be a 28,800 × 28,800 pixel debug image, over "
                      f"the limit of {MAX_IMAGE_PIXELS // 10**6} million pixels")
    assert peak < 400, peak
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ --jobs


@pytest.mark.parametrize("asked, cores, available, jobs", [
    (2, 2, 8 * 2**30, 2),  # within both
    (40, 2, 64 * 2**30, 2),  # the cores
    (40, 64, 1 * 2**30, 2),  # the memory: 1 GB holds two workers of 400 MB
    (4, 8, 100 * 2**20, 1),  # at least one, whatever the memory
    (40, 3, None, 3),  # memory unknown: the cores
])
def test_jobs_are_capped_by_cores_and_memory(asked, cores, available, jobs):
    from extract.read.limits import capped_jobs

    got, said = capped_jobs(asked, cores, available)
    assert got == jobs
    assert (said is None) == (asked == jobs)
    if said:
        assert said.startswith(f"--jobs {asked} capped to {jobs}: {cores} core(s)")


def test_a_capped_jobs_is_said_on_stderr_in_one_line(tmp_path, capsys, monkeypatch):
    import extract.census.run
    import extract.read.limits
    from conftest import SOURCE
    from extract.cli.main import main

    used = []
    monkeypatch.setattr(extract.read.limits, "machine", lambda: (2, 64 * 2**30))
    monkeypatch.setattr(extract.census.run, "_run_parts",
                        lambda sources, names, folder, jobs, progress, kinds: used.append(jobs) or [])
    assert main(["figures", str(SOURCE), "--jobs", "40", "--out", str(tmp_path / "out")]) == 0
    assert used == [2]
    assert capsys.readouterr().err == "extract: --jobs 40 capped to 2: 2 core(s), 64.0 GB of memory available " \
        "(400 MB a job)\n"


# ------------------------------------------------------------------ bombs the byte scan cannot see


def _hidden_bomb(how: str) -> bytes:
    import pdf_samples

    blanks = pdf_samples.deflated_blanks(64 * 2**20)  # 64 MiB of blanks in ~64 KB
    if how == "indirect":  # object 6: the filter's name
        return pdf_samples.make_pdf([blanks], filters=[b"6 0 R"], more=(b"/FlateDecode",))
    if how == "indirect in an array":
        return pdf_samples.make_pdf([blanks], filters=[b"[6 0 R]"], more=(b"/FlateDecode",))
    if how == "the /F key":  # pdfminer takes /F for /Filter
        return pdf_samples.make_pdf([blanks], filters=[b"null /F /FlateDecode"])
    # the filter more than 64 KB before `stream`
    return pdf_samples.make_pdf([blanks], filters=[b"/FlateDecode /Pad <" + b"20" * 40_000 + b">"])


@pytest.mark.parametrize("how", ["indirect", "indirect in an array", "the /F key", "far before stream"])
def test_a_bomb_whose_filter_the_byte_scan_cannot_see_is_refused(how):
    from extract.errors import BadInput
    from extract.read.limits import CENSUS_LIMITS
    from extract.read.pdf import read_pdf

    with pytest.raises(BadInput, match="a stream inflates past 16 MiB"):
        read_pdf(_hidden_bomb(how), "hidden.pdf", CENSUS_LIMITS.pdf)


def _with_attachment(inflated: int) -> bytes:
    import pdf_samples

    attached = pdf_samples.deflated_blanks(inflated)
    stream = (b"<< /Type /EmbeddedFile /Filter /FlateDecode /Length %d >>\nstream\n" % len(attached)
              + attached + b"\nendstream")
    return pdf_samples.make_pdf([pdf_samples.text_ops([(20, 100, "Total 1,234 yen")])], more=(stream,))


def test_an_attachment_is_not_content_a_20_mib_one_is_no_bomb():
    from extract.read.pdf import read_pdf

    document = read_pdf(_with_attachment(20 * 2**20), "attached.pdf")
    assert [line.text for line in document.lines] == ["Total 1,234 yen"]


def test_an_attachment_is_still_bounded_on_its_own():
    from extract.errors import BadInput
    from extract.read.pdf import read_pdf

    with pytest.raises(BadInput, match="a stream inflates past 64 MiB"):
        read_pdf(_with_attachment(80 * 2**20), "attached.pdf")


def _padded_content() -> bytes:
    import pdf_samples

    return pdf_samples.text_ops([(20, 100, "Total 1,234 yen")]) + b"\n" + b"% padding\n" * 10_000


def _shared_content(pages: int) -> bytes:
    """``pages`` pages that all draw one content stream: a line of text, and 100 KB of
    comments (content that costs its bytes, compressed to almost nothing)."""
    import zlib

    import pdf_samples

    return pdf_samples.make_pdf([zlib.compress(_padded_content())] + [b""] * (pages - 1),
                                filters=[b"/FlateDecode"] * pages, shared=True)


def test_pages_sharing_one_content_stream_are_counted_by_their_work():
    """A few KB whose pages all draw one stream: the content drawn, each use counted, is
    the work, not the file's bytes; past the budget it is refused in one line, before the
    page that would pass it is read."""
    from extract.errors import BadInput
    from extract.read.limits import CENSUS_LIMITS
    from extract.read.pdf import iter_pdf_pages

    limits = CENSUS_LIMITS.pdf
    data = _shared_content(300)
    budget = 64 * len(data)  # about 5 MB, past the floor of 4 MiB
    assert 4 * 2**20 < budget < 300 * 100_000
    pages = iter_pdf_pages(data, "shared.pdf", limits)
    read = []
    with pytest.raises(BadInput, match=r"shared.pdf: its pages draw more than \d+ MiB of content from \d+ bytes"):
        for lines in pages:
            read.append(lines)
    assert len(read) == budget // len(_padded_content())  # each page 100 KB drawn: ~50 of 300
    few = list(iter_pdf_pages(_shared_content(10), "shared.pdf", limits))
    assert [[line.text for line in lines] for lines in few] == [["Total 1,234 yen"]] * 10


def test_a_census_draws_at_most_64_times_its_file_past_4_mib():
    from extract.read.limits import CENSUS_LIMITS
    from extract.read.pdf import _content_budget

    assert _content_budget(CENSUS_LIMITS.pdf, 10_000) == 4 * 2**20
    assert _content_budget(CENSUS_LIMITS.pdf, 2**20) == 64 * 2**20
    assert _content_budget(DECK_PDF_LIMITS, 2**20) is None  # the deck: bounded whole by its counts


# ------------------------------------------------------------------ one long run of numerals


@pytest.mark.parametrize("run", ["1万" * 1000, "一億二千万" * 400, "1万 " * 600, "３千２百" * 500])
def test_a_long_run_of_kanji_numerals_is_refused_in_one_line_not_read_for_minutes(tmp_path, run):
    """The core's time grows faster than linearly in such a run (240 characters of 1万 took
    4 s, 2,000 would take minutes): refused, one line; the timeout only guards a hang."""
    source = tmp_path / "long.txt"
    source.write_text(f"予算の内訳\n{run}\n合計 12億円\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "extract", "figures", str(source), "--out", str(tmp_path / "out")],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "line 2 has a run of" in done.stderr and "over the limit of 48" in done.stderr, done.stderr
    assert not (tmp_path / "out").exists()


def test_the_longest_kanji_number_is_no_long_run(tmp_path, capsys):
    from extract.cli.main import main

    source = tmp_path / "big.txt"
    source.write_text("九千九百九十九兆九千九百九十九億九千九百九十九万九千九百九十九円\n", encoding="utf-8")
    assert main(["figures", str(source), "--out", str(tmp_path / "out")]) == 0
