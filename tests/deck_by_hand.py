"""The deck's figures as read by hand from raw/meti_rare_metals_2011-12.txt, not by running
the code: the expected values of the tests that count or list them.

Line numbers are the raw file's (1-based, as ``cat -n`` shows them).
"""

from __future__ import annotations

from collections import Counter

OKU = 10**8

# Each page's first and last raw line: a page starts at the first words of its slide
# (資料, １．レアメタル海外資源確保の推進, ２４年度予算要求額, ＳＡＲＥＣＯ 【カザフ】, ...).
PAGE_LINES: dict[int, tuple[int, int]] = {
    1: (1, 11), 2: (12, 35), 3: (36, 199), 4: (200, 251), 5: (252, 297),
    6: (298, 327), 7: (328, 406), 8: (407, 443), 9: (444, 473),
}


def page_of(raw_line: int) -> tuple[int, int]:
    """(page, line within the page) of a raw line."""
    page = next(page for page, (first, last) in PAGE_LINES.items() if first <= raw_line <= last)
    return page, raw_line - PAGE_LINES[page][0] + 1


# Every money amount, left to right, top to bottom: (raw line, as written, yen, stage).
# 【…】 is the FY2011 budget beside a FY2012 request; 要望枠 a request frame; 補正 a
# supplementary budget; 基金残高 a fund's balance; 出資済み an investment made.
AMOUNTS: tuple[tuple[int, str, int, str], ...] = (
    (39, "1.0億円", 1 * OKU, "request"), (39, "1.0億円", 1 * OKU, "budget"),
    (47, "12.4億円", 1_240_000_000, "request"), (47, "３．５億円", 350_000_000, "request_frame"),
    (49, "12.7億円", 1_270_000_000, "budget"),
    (56, "10.5億円", 1_050_000_000, "request"), (56, "8.2億円", 820_000_000, "budget"),
    (70, "4.8億円", 480_000_000, "request"), (70, "4.2億円", 420_000_000, "budget"),
    (72, "6.4億円", 640_000_000, "request"), (72, "4.8億円", 480_000_000, "budget"),
    (76, "0.8億円", 80_000_000, "request"), (76, "１.6億円", 160_000_000, "budget"),
    (78, "3.2億円", 320_000_000, "request"), (78, "3.2億円", 320_000_000, "budget"),
    (106, "6０億円", 60 * OKU, "request"),
    (107, "71億円", 71 * OKU, "budget"),
    (120, "０億円", 0, "request"),
    (122, "５０億円", 50 * OKU, "budget"),
    (125, "３６０億円", 360 * OKU, "fund_balance"),
    (144, "３４０億円", 340 * OKU, "request"),
    (152, "9.1億円", 910_000_000, "request"),
    (153, "２億円", 2 * OKU, "request_frame"),
    (155, "8.9億円", 890_000_000, "budget"),
    (159, "３９．９億円", 3_990_000_000, "supplementary"),
    (161, "1.2億円", 120_000_000, "request"),
    (165, "1.0億円", 1 * OKU, "request"), (165, "２億円", 2 * OKU, "budget"),
    (170, "８０億円", 80 * OKU, "supplementary"),
    (181, "1.2億円", 120_000_000, "request"),
    (185, "8.2億円", 820_000_000, "request"), (185, "7.4億円", 740_000_000, "budget"),
    (192, "４０億円", 40 * OKU, "request"), (192, "３０億円", 30 * OKU, "request_frame"),
    (196, "８５億円", 85 * OKU, "supplementary"),
    (223, "250百万＄", 250_000_000, "investment"),
    (293, "約７０億円", 70 * OKU, "supplementary"),
    (315, "４２０億円", 420 * OKU, "supplementary"),
    (317, "１０００億円", 1000 * OKU, "supplementary"),
    (319, "４６０億円", 460 * OKU, "supplementary"),
    (321, "１２０億円", 120 * OKU, "supplementary"),
    (407, "８５億円", 85 * OKU, "supplementary"),
    (414, "４０億円", 40 * OKU, "request"),
    (415, "３０億円", 30 * OKU, "request_frame"),
    (420, "８．２億円", 820_000_000, "request"),
    (427, "２９５０億円", 2950 * OKU, "supplementary"),
    (456, "３．１億", 310_000_000, "supplementary"),
    (466, "４．８億", 480_000_000, "supplementary"),
    (469, "８．８億", 880_000_000, "supplementary"),
    (471, "１１．８億", 1_180_000_000, "supplementary"),
    (473, "５．２億", 520_000_000, "supplementary"),
)
AMOUNTS_PER_PAGE: dict[int, int] = dict(Counter(page_of(line)[0] for line, *_ in AMOUNTS))

# Every number of each page, counted by hand: amounts, dates (２３年, ２４年度…), percents,
# rounds (三次補正), list and slide numbers (１．, 参考２), counts (５鉱種, 案件数 １２).
FIGURES_PER_PAGE: dict[int, int] = {1: 3, 2: 2, 3: 48, 4: 2, 5: 7, 6: 10, 7: 11, 8: 14, 9: 12}

# The numerals of the text written in kanji: the 三 of 三次補正 (raw lines 159, 172, 178, 196).
KANJI_FIGURES: tuple[tuple[int, str], ...] = ((159, "三"), (172, "三"), (178, "三"), (196, "三"))
