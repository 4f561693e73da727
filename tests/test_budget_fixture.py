"""The generated budget books are right, independently of any reader: the truth obeys every
statutory identity, each layout's PDF shows every name and figure of the truth with printed
page numbers, tampering breaks exactly the identities it lists, and the scrambled layout's
stream is out of reading order while its pages look the same."""

from __future__ import annotations

import io
from functools import cache

import pdfplumber
import pypdfium2
import pytest
from budget_books import KINDS, LAYOUTS, Book, Line, printed_pages, render_book, sample_book, tamper, write_book

SEEDS = range(20)
BOOK_SEED = 7
BOND_KAN = "町債"


def _money(value: int, unit: str, minus: str) -> str:
    """The figure as a page prints it, written here from the layout's words, not its code."""
    shown = value // 1000 if unit == "千円" else value
    return ("" if shown >= 0 else minus) + f"{abs(shown):,}"


def _rows(book: Book, side: str, level: str, **keys: int) -> list[Line]:
    return [x for x in book.lines if x.side == side and x.level == level
            and all(getattr(x, k) == v for k, v in keys.items())]


def _sums(book: Book) -> list[tuple[str, int, int]]:
    """款 = Σ項, 項 = Σ目, 目 = Σ節, 節 = Σ細節 and 比較 = 本年度 − 前年度 over the detail."""
    out = []
    for side in ("revenue", "expenditure"):
        for kan in _rows(book, side, "kan"):
            kous = _rows(book, side, "kou", kan=kan.kan)
            out.append(("kan_equals_sum_of_kou", kan.amount, sum(x.amount for x in kous)))
            for kou in _rows(book, side, "kou", kan=kan.kan):
                mokus = _rows(book, side, "moku", kan=kan.kan, kou=kou.kou)
                out.append(("kou_equals_sum_of_moku", kou.amount, sum(x.amount for x in mokus)))
                for moku in mokus:
                    setsu = _rows(book, side, "setsu", kan=kan.kan, kou=kou.kou, moku=moku.moku)
                    out.append(("moku_equals_sum_of_setsu", moku.amount, sum(x.amount for x in setsu)))
                    for one in setsu:
                        items = _rows(book, side, "saisetsu", kan=kan.kan, kou=kou.kou, moku=moku.moku,
                                      setsu=one.setsu)
                        if items:
                            out.append(("setsu_equals_sum_of_saisetsu", one.amount, sum(x.amount for x in items)))
        for line in book.lines:
            if line.side == side and line.level not in ("setsu", "saisetsu"):
                out.append(("change_equals_current_minus_previous", line.change, line.amount - line.previous))
    return out


def _funding(book: Book) -> list[tuple[str, int, int]]:
    return [("funding_adds_up", m.amount, m.funding_national_prefectural + m.funding_bonds + m.funding_other
             + m.funding_general) for m in _rows(book, "expenditure", "moku")]


def _table1_and_totals(book: Book) -> list[tuple[str, int, int]]:
    printed = dict(book.table1)
    out = []
    for line in book.lines:
        if line.level in ("kan", "kou"):
            out.append(("table1_matches_detail", printed[(line.side, line.kan, line.kou or 0)], line.amount))
    for side in ("revenue", "expenditure"):
        kans = [k for (s, k, kou) in printed if s == side and k and not kou]
        for kan in kans:
            kous = sum(v for (s, k, kou), v in printed.items() if s == side and k == kan and kou)
            out.append(("kan_equals_sum_of_kou", printed[(side, kan, 0)], kous))
        out.append(("total_equals_sum_of_kan", printed[(side, 0, 0)], sum(printed[(side, k, 0)] for k in kans)))
        out.append(("total_matches_article1", printed[(side, 0, 0)], book.total))
    bond_kan = [k.amount for k in _rows(book, "revenue", "kan") if k.name_ja == BOND_KAN]
    out.append(("bonds_total", sum(b.limit for b in book.bonds), sum(bond_kan)))
    out.append(("bonds_total", sum(b.limit for b in book.bonds),
                sum(m.funding_bonds for m in _rows(book, "expenditure", "moku"))))
    return out


def _summary(book: Book) -> list[tuple[str, int, int]]:
    """The 総括's 款 against the 第1表 and the detail, their 比較 and 財源, and the 合計."""
    printed = dict(book.table1)
    out = []
    for side in ("revenue", "expenditure"):
        kans = _rows(book, side, "kan")
        for kan in kans:
            stated = book.printed_summary(kan)
            out += [("summary_matches_table1", stated, printed[(side, kan.kan, 0)]),
                    ("summary_matches_detail", stated, kan.amount),
                    ("change_equals_current_minus_previous", kan.change, stated - kan.previous)]
            if side == "expenditure":
                out.append(("kan_funding_adds_up", stated, sum(book.funding_of(kan).values())))
        out.append(("summary_total_equals_sum_of_kan", sum(k.amount for k in kans),
                    sum(book.printed_summary(k) for k in kans)))
    return out


def broken(book: Book) -> list[tuple[str, int, int]]:
    """Every identity that does not hold: (check, stated, computed)."""
    return sorted(c for c in _sums(book) + _funding(book) + _table1_and_totals(book) + _summary(book)
                  if c[1] != c[2])


@pytest.mark.parametrize("seed", SEEDS)
def test_every_identity_holds_on_sample_books(seed):
    book = sample_book(seed)
    assert broken(book) == []
    assert book.bonds and all(line.amount > 0 for line in book.lines)
    sides = {s: {len(_rows(book, s, "kan"))} for s in ("revenue", "expenditure")}
    assert sides["expenditure"] <= {2, 3, 4}
    assert sides["revenue"] <= {3, 4, 5}  # 2 to 4 drawn, and 町債
    assert all(x.amount % 1000 == 0 for x in book.lines)


def test_sample_books_vary_and_repeat():
    assert sample_book(3) == sample_book(3)
    assert sample_book(3) != sample_book(4)
    changes = [x.change for s in SEEDS for x in sample_book(s).lines if x.change is not None]
    assert min(changes) < 0 < max(changes)


@pytest.mark.parametrize("kind", KINDS)
def test_tamper_breaks_exactly_what_it_lists(kind):
    for seed in (0, 7, 13):
        book, planted = tamper(sample_book(seed), kind)
        assert broken(book) == sorted((p.check, p.stated, p.computed) for p in planted)
        assert all(p.page_hint for p in planted)
    assert len(tamper(sample_book(1), kind)[1]) == {"table1": 2, "total": 2, "summary": 5}.get(kind, 1)


@cache
def _pages(layout_name: str) -> list[tuple[str, list[list[dict]], float]]:
    """Per file: its name, each page's words, page height."""
    out = []
    for name, data in render_book(sample_book(BOOK_SEED), LAYOUTS[layout_name]):
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            out.append((name, [p.extract_words() for p in pdf.pages], float(pdf.pages[0].height)))
    return out


def _shown(book: Book, unit: str, minus: str) -> set[str]:
    """Every amount string the book must print."""
    money = {_money(x.amount, unit, minus) for x in book.lines}
    for x in book.lines:
        if x.level not in ("setsu", "saisetsu"):
            money |= {_money(x.previous, unit, minus), _money(x.change, unit, minus)}
        money |= {_money(v, unit, minus) for v in (x.funding_national_prefectural, x.funding_bonds,
                                                   x.funding_other, x.funding_general) if v}
    money |= {_money(n.amount, unit, minus) for n in book.notes} | {_money(book.total, unit, minus)}
    return money | {_money(b.limit, unit, minus) for b in book.bonds} | {_money(d.limit, unit, minus)
                                                                          for d in book.debt_burdens}


def _name_shown(name: str, words: set[str]) -> bool:
    """The name as one word, or wrapped into two."""
    return name in words or any(name[:i] in words and name[i:] in words for i in range(1, len(name)))


@pytest.mark.parametrize("layout_name", sorted(LAYOUTS))
def test_every_name_and_amount_is_printed(layout_name):
    layout = LAYOUTS[layout_name]
    book = sample_book(BOOK_SEED)
    words = {w["text"] for _, pages, _ in _pages(layout_name) for page in pages for w in page}
    names = {x.name_ja for x in book.lines} | {n.name_ja for n in book.notes} | {b.purpose for b in book.bonds}
    assert {n for n in names if not _name_shown(n, words)} == set()
    assert _shown(book, layout.unit, layout.minus) - words == set()
    other = "▲" if layout.minus == "△" else "△"
    assert not any(other in w for w in words)


@pytest.mark.parametrize("layout_name", sorted(LAYOUTS))
def test_printed_page_numbers_run_on(layout_name):
    numbers = []
    for _, pages, height in _pages(layout_name):
        for words in pages:
            foot = sorted((w for w in words if w["top"] > height - 30 and w["text"].isdigit()), key=lambda w: w["x0"])
            numbers += [int(w["text"]) for w in foot]
    assert numbers == list(range(1, len(numbers) + 1))
    total_pages = sum(len(p) for _, p, _ in _pages(layout_name))
    per_page = 2 if LAYOUTS[layout_name].spread == "sheet" else 1
    assert len(numbers) > total_pages if per_page == 2 else len(numbers) == total_pages


def _stream_runs(page) -> list[tuple[float, float, str]]:
    """The page's text runs in content-stream order: (top, x0, text), a run ending where the
    next character does not follow on the same baseline."""
    runs: list[list] = []
    for char in page.chars:  # pdfplumber keeps the stream's order
        last = runs[-1] if runs else None
        if last and abs(char["top"] - last[0]) < 0.5 and abs(char["x0"] - last[3]) < 1:
            last[2] += char["text"]
            last[3] = char["x1"]
        else:
            runs.append([char["top"], char["x0"], char["text"], char["x1"]])
    return [(round(r[0], 1), round(r[1], 1), r[2]) for r in runs]


def _inversions(runs: list[tuple[float, float, str]]) -> float:
    """The share of pairs of runs drawn in the stream in the wrong top-to-bottom order."""
    pairs = [(a, b) for i, a in enumerate(runs) for b in runs[i + 1:]]
    return sum(b[0] < a[0] - 0.5 for a, b in pairs) / max(1, len(pairs))


def test_scrambled_stream_is_out_of_reading_order_yet_looks_the_same():
    book = sample_book(BOOK_SEED)
    [(_, plain)] = render_book(book, LAYOUTS["portrait_ruled"])
    [(_, scrambled)] = render_book(book, LAYOUTS["scrambled"])
    assert plain != scrambled
    with pdfplumber.open(io.BytesIO(plain)) as a, pdfplumber.open(io.BytesIO(scrambled)) as b:
        assert len(a.pages) == len(b.pages)
        for page_a, page_b in zip(a.pages, b.pages, strict=True):
            runs_a, runs_b = _stream_runs(page_a), _stream_runs(page_b)
            assert sorted(runs_a) == sorted(runs_b)
            assert runs_b != sorted(runs_b) and runs_b != runs_a
            assert _inversions(runs_b) > 0.25 and _inversions(runs_a) < 0.05
    docs = [pypdfium2.PdfDocument(plain), pypdfium2.PdfDocument(scrambled)]
    try:
        for index in range(len(docs[0])):
            first, second = (d[index].render(scale=1).to_numpy() for d in docs)
            assert first.shape == second.shape and (first == second).all(), f"page {index + 1} renders differently"
            assert (first < 128).any()  # something is drawn
    finally:
        for doc in docs:
            doc.close()


def test_facing_pages_put_setsu_on_the_right_page_without_moku_label():
    book = sample_book(BOOK_SEED)
    [(_, pages, _)] = _pages("facing_pages")
    detail = pages[3:]  # after the three 概要 pages, left and right pages alternate
    assert len(detail) % 2 == 0
    setsu = {_money(x.amount, "千円", "△") for x in book.lines if x.level == "setsu"} - {
        _money(x.amount, "千円", "△") for x in book.lines if x.level != "setsu"}
    for left, right in zip(detail[::2], detail[1::2], strict=True):
        left_words, right_words = {w["text"] for w in left}, {w["text"] for w in right}
        assert "目" in left_words and "目" not in right_words
        assert "款" not in "".join(right_words)
        assert not setsu & left_words
    assert setsu <= {w["text"] for page in detail[1::2] for w in page}


def test_continued_layout_carries_a_table_over_a_page_break():
    """Some 項's first 目 and its 計 stand on different pages, its heading on both."""
    book = sample_book(BOOK_SEED)
    places = printed_pages(book, LAYOUTS["continued"])
    carried = []
    for kou in _rows(book, "revenue", "kou") + _rows(book, "expenditure", "kou"):
        side = "歳入" if kou.side == "revenue" else "歳出"
        first, total = places[f"{side} {kou.kan}款 {kou.kou}項 1目"], places[f"{side} {kou.kan}款 {kou.kou}項"]
        if first[0] < total[-1]:
            carried.append((kou, first[0], total[-1]))
    assert carried
    [(_, pages, _)] = _pages("continued")
    for kou, start, end in carried:
        for number in (start, end):
            texts = [w["text"] for w in pages[number - 1]]
            assert f"{kou.kou}項" in texts and kou.name_ja in texts and "本年度予算額" in texts


def test_two_faces_are_embedded():
    """Titles and headers in the bold face; the sheet layout's whole table in it too."""
    book = sample_book(BOOK_SEED)
    faces = {}
    for name in ("portrait_ruled", "sheet_reordered"):
        _, data = render_book(book, LAYOUTS[name])[-1]
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            faces[name] = {c["fontname"].split("+")[-1] for c in pdf.pages[-1].chars
                               if c["text"].isdigit() and c["top"] > 60}  # below the title and header row
    assert faces == {"portrait_ruled": {"NotoSansJP-BudgetRegular"}, "sheet_reordered": {"NotoSansJP-BudgetBold"}}


def test_split_set_is_written_as_a_town_publishes_it(tmp_path):
    book = sample_book(BOOK_SEED)
    paths = write_book(book, LAYOUTS["sheet_reordered"], tmp_path)
    names = [p.name for p in paths]
    kans = [f"歳入_{k.kan:02d}款_{k.name_ja}.pdf" for k in _rows(book, "revenue", "kan")]
    kans += [f"歳出_{k.kan:02d}款_{k.name_ja}.pdf" for k in _rows(book, "expenditure", "kan")]
    assert names == ["00_概要.pdf", *kans]
    assert all(p.read_bytes().startswith(b"%PDF") for p in paths)


def _changed_figures(before: Book, after: Book) -> list[int]:
    """Every figure of ``after`` that differs from ``before`` (lines, 第1表 and 総括)."""
    out = []
    for old, new in zip(before.lines, after.lines, strict=True):
        for name in ("amount", "change", "funding_general", "funding_other", "funding_national_prefectural"):
            if getattr(old, name) != getattr(new, name):
                out.append(getattr(new, name))
    old_table, new_table = dict(before.table1), dict(after.table1)
    old_summary = dict(before.summary)
    return out + [v for k, v in new_table.items() if old_table[k] != v] + [
        v for k, v in after.summary if old_summary.get(k) != v]


@pytest.mark.parametrize("kind", KINDS)
def test_tampered_book_prints_its_planted_figure(kind):
    book = sample_book(BOOK_SEED)
    tampered, _ = tamper(book, kind)
    changed = _changed_figures(book, tampered)
    assert len(changed) == 1
    [(_, data)] = render_book(tampered, LAYOUTS["portrait_ruled"])
    doc = pypdfium2.PdfDocument(data)
    try:
        text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()
    assert _money(changed[0], "千円", "△") in text.split()


@pytest.mark.parametrize("layout_name", ["continued", "facing_pages", "sheet_reordered"])
def test_printed_pages_say_where_each_moku_stands(layout_name):
    book = sample_book(BOOK_SEED)
    by_number: dict[int, set[str]] = {}
    for _, pages, height in _pages(layout_name):
        for words in pages:
            texts = {w["text"] for w in words}
            for w in words:
                if w["top"] > height - 30 and w["text"].isdigit():
                    by_number[int(w["text"])] = texts
    places = printed_pages(book, LAYOUTS[layout_name])
    for moku in _rows(book, "revenue", "moku") + _rows(book, "expenditure", "moku"):
        numbers = places[f"{'歳入' if moku.side == 'revenue' else '歳出'} {moku.kan}款 {moku.kou}項 {moku.moku}目"]
        assert _money(moku.amount, "千円", "△") in set().union(*(by_number[n] for n in numbers))
        first = _rows(book, moku.side, "setsu", kan=moku.kan, kou=moku.kou, moku=moku.moku)[0]
        assert _money(first.amount, "千円", "△") in set().union(*(by_number[n] for n in numbers))
    assert len(places["第1表"]) == 1 and places["第1表"] == places["第1条"]
