"""Japanese era dates: ``平成２３年１２月`` -> 2011-12, ``平成24年度`` -> fiscal 2012, ``H23.12``.

Forms read (digits in any width, or kanji: ``平成二十三年``; ``元年`` is year 1):

- an era name and a year: ``明治 大正 昭和 平成 令和``, the square forms ``㍾㍽㍼㍻㋿``, and the
  one-kanji abbreviations ``昭 平 令`` (``平23年``; 明 and 大 are left out, being everyday
  words), then ``年`` or ``年度`` (fiscal), optionally ``N月`` and ``N日``;
- a Latin initial ``M T S H R`` (ASCII or full-width) and a year of one or two digits,
  alone (``H23``, ``Ｈ２３``), with ``年``/``年度``, or with month and day after ``.`` ``/``
  or ``-`` (``H23.12``, ``R05/10/30``);
- a bare year of one or two arabic digits followed by ``年度`` or by a month (``２４年度``,
  ``23年12月``), read in ``default_era``; without a default it is not a date. A bare
  ``N年`` alone is not read: it is as often a duration (``3年``, ``10年で``);
- a Western year of four digits with ``年`` or ``年度`` (``2011年``, ``二〇一一年``; era None).

Validation (ValueError from :func:`parse_era`; :func:`find_eras` leaves such text out):
month 1-12, a day that exists, and a year inside the era -- 明治 1-45, 大正 1-15, 昭和 1-64,
平成 1-31, 令和 from 1 with no end; a month or day must fall inside the era (``平成31年5月``
and ``昭和64年1月8日`` are errors; ``平成31年度``, the fiscal year from April 2019, is fine).
Planning documents written before an era ended name years past its end (``平成32年度``
for FY2020): pass ``projected=True`` to read those as the era's count continued.
Months and days are taken as written: for 明治1-5 (before the 1873 calendar reform)
they are lunar-calendar months, not converted.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

import regex

from extract.japanese.numerals import parse_number

__all__ = ["ERAS", "EraDate", "find_eras", "parse_era"]


@dataclass(frozen=True, slots=True)
class Era:
    """An era: its name, first and last day (None: not ended)."""

    name: str
    first: date
    last: date | None


ERAS: dict[str, Era] = {
    "明治": Era("明治", date(1868, 1, 1), date(1912, 7, 29)),
    "大正": Era("大正", date(1912, 7, 30), date(1926, 12, 24)),
    "昭和": Era("昭和", date(1926, 12, 25), date(1989, 1, 7)),
    "平成": Era("平成", date(1989, 1, 8), date(2019, 4, 30)),
    "令和": Era("令和", date(2019, 5, 1), None),
}
ERA_SPELLINGS: dict[str, str] = {
    **{name: name for name in ERAS},
    "㍾": "明治", "㍽": "大正", "㍼": "昭和", "㍻": "平成", "㋿": "令和",
    "昭": "昭和", "平": "平成", "令": "令和",
    **{initial: name for name, initial in zip(ERAS, "MTSHR", strict=False)},
    **{initial: name for name, initial in zip(ERAS, "ＭＴＳＨＲ", strict=False)},
}

_D = "[0-9０-９]"
_KANJI_NUMBER = "[〇一二三四五六七八九十百千]+"
_SP = r"[ \u3000]*"
_MONTH_DAY = (
    rf"(?:{_SP}(?P<month>{_D}{{1,2}}|[一二三四五六七八九十]+){_SP}月"
    rf"(?:{_SP}(?P<day>{_D}{{1,2}}|[一二三四五六七八九十]+){_SP}日)?)?"
)
_ERA_NAME = r"明治|大正|昭和|平成|令和|[㍾㍽㍼㍻㋿]|(?<!\p{Han})[昭平令](?=[0-9０-９元〇一二三四五六七八九十])"
NAMED_ERA = regex.compile(
    rf"(?P<era>{_ERA_NAME}){_SP}(?P<year>元|{_D}{{1,3}}|{_KANJI_NUMBER}){_SP}年(?P<fiscal>度)?{_MONTH_DAY}"
)
LATIN_ERA = regex.compile(
    rf"(?<![A-Za-zＡ-Ｚａ-ｚ0-9０-９])(?P<era>[MTSHRＭＴＳＨＲ])"
    rf"(?P<year>{_D}{{1,2}}(?!{_D})|元(?={_SP}年|[.．/／-]))"
    rf"(?:{_SP}年(?P<fiscal>度)?{_MONTH_DAY}"
    rf"|[.．/／-](?P<month>{_D}{{1,2}})(?:[.．/／-](?P<day>{_D}{{1,2}}))?(?!{_D}))?"
    r"(?![A-Za-zＡ-Ｚａ-ｚ0-9０-９])"
)
BARE_YEAR = regex.compile(
    r"(?<![0-9０-９.．,，A-Za-zＡ-Ｚａ-ｚ〇一二三四五六七八九十百千]"
    r"|(?:明治|大正|昭和|平成|令和|[㍾㍽㍼㍻㋿昭平令])[ \u3000]*)"
    rf"(?:(?P<western>{_D}{{4}}|[〇一二三四五六七八九]{{4}}){_SP}年(?P<wfiscal>度)?{_MONTH_DAY}"
    rf"|(?P<year>{_D}{{1,2}}){_SP}年(?:(?P<fiscal>度)|(?={_SP}(?:{_D}{{1,2}}|[一二三四五六七八九十]+){_SP}月))"
    rf"{_MONTH_DAY})"
)
PATTERNS = (NAMED_ERA, LATIN_ERA, BARE_YEAR)


@dataclass(frozen=True, slots=True)
class EraDate:
    """A date (at least a year) in the Western calendar, with the era it was written in."""

    year: int
    month: int | None
    day: int | None
    fiscal: bool
    era: str | None
    span: tuple[int, int]


def parse_era(text: str, default_era: str | None = None, *, projected: bool = False) -> EraDate:
    """The one era date in ``text`` (words around it are fine); ValueError if not exactly one."""
    candidates = _candidates(text, _era_named(default_era))
    if len(candidates) != 1:
        raise ValueError(f"{len(candidates) or 'no'} era dates in {text!r}, expected one")
    return _era_date_of(candidates[0], default_era, projected)


def find_eras(text: str, default_era: str | None = None, *, projected: bool = False) -> list[EraDate]:
    """Every valid era date in ``text``, in order (invalid ones such as 昭和65年 are left out)."""
    found = []
    for match in _candidates(text, _era_named(default_era)):
        try:
            found.append(_era_date_of(match, default_era, projected))
        except ValueError:
            continue
    return found


def _era_named(name: str | None) -> str | None:
    if name is None:
        return None
    if name not in ERA_SPELLINGS:
        raise ValueError(f"unknown era: {name!r}")
    return ERA_SPELLINGS[name]


def _candidates(text: str, default_era: str | None) -> list[regex.Match[str]]:
    """Non-overlapping matches of the three forms, leftmost first; bare years need a default."""
    matches = [m for pattern in PATTERNS for m in pattern.finditer(text)]
    matches = [m for m in matches if not (m.re is BARE_YEAR and m["year"] and default_era is None)]
    matches.sort(key=lambda m: (m.start(), -m.end()))
    chosen: list[regex.Match[str]] = []
    for match in matches:
        if not chosen or match.start() >= chosen[-1].end():
            chosen.append(match)
    return chosen


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    return 1 if text == "元" else int(parse_number(text))


def _given(value: int | None) -> int:
    """A number the pattern requires (its group always takes part in the match)."""
    assert value is not None
    return value


def _era_date_of(match: regex.Match[str], default_era: str | None, projected: bool) -> EraDate:
    """Validate one candidate and turn it into an EraDate."""
    month, day = _number(match["month"]), _number(match["day"])
    if match.re is BARE_YEAR and match["western"]:
        year, era, fiscal = _given(_number(match["western"])), None, bool(match["wfiscal"])
        if year < 1000:
            raise ValueError(f"not a four-digit year: {match[0]!r}")
    else:
        era = ERA_SPELLINGS[match["era"]] if match.re is not BARE_YEAR else _era_named(default_era)
        if era is None:
            raise ValueError(f"a year with no era to count it in: {match[0]!r}")
        year, fiscal = _western_year(era, _given(_number(match["year"])), projected, match[0]), bool(match["fiscal"])
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"no month {month}: {match[0]!r}")
    if day is not None and month is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"no day {day} in {year}-{month}: {match[0]!r}")
    if era and month is not None and not projected:
        _check_inside(ERAS[era], year, month, day, match[0])
    return EraDate(year, month, day, fiscal, era, match.span())


def _western_year(era: str, count: int, projected: bool, written: str) -> int:
    """``平成``, 23 -> 2011, with the era's bounds checked."""
    bounds = ERAS[era]
    if count < 1:
        raise ValueError(f"no year {count} in {era}: {written!r}")
    year = bounds.first.year + count - 1
    if bounds.last is not None and year > bounds.last.year and not projected:
        raise ValueError(f"{era} ended in its year {bounds.last.year - bounds.first.year + 1}: {written!r}")
    return year


def _check_inside(era: Era, year: int, month: int, day: int | None, written: str) -> None:
    """The month (or day) must overlap the era: 平成31年5月 is 令和元年5月."""
    first = date(year, month, day or 1)
    last = date(year, month, day or calendar.monthrange(year, month)[1])
    if last < era.first or (era.last is not None and first > era.last):
        raise ValueError(f"{written!r} is outside {era.name} ({era.first} to {era.last})")
