"""Small readers of slide text shared by the page parsers: titles, brackets, names."""

from __future__ import annotations

from typing import NamedTuple

import regex

from extract.read.lines import NormalizedLine

from ..glossary import ACCOUNTS_ALONE, ACCOUNTS_IN_PARENTHESES

REFERENCE_TITLE = regex.compile(r"^\(参考\d+\)")
NUMBERED_TITLE = regex.compile(r"^\d+\.\p{Han}|^\d+\.\p{Katakana}")
ITEM_MARK = regex.compile(r"^[○・★\s]+")
BULLET_START = regex.compile(r"^[○・★]")
INSTRUMENT_LABEL = regex.compile(r"^<(?P<instrument>[^<>]+)>$")
_IN_PARENTHESES = "|".join(map(regex.escape, ACCOUNTS_IN_PARENTHESES))
ACCOUNT_LINE = regex.compile(rf"^\((?P<account>{_IN_PARENTHESES})\)$|^(?P<account>{'|'.join(ACCOUNTS_ALONE)})$")
TRAILING_ACCOUNT = regex.compile(rf"\((?P<account>{_IN_PARENTHESES})\)$")
TRAILING_PAREN = regex.compile(r"\([^()]*\)$")

OPENERS = {"(": ")", "【": "】", "<": ">", "[": "]", "「": "」"}
CLOSERS = {closer: opener for opener, closer in OPENERS.items()}


def nonblank(lines: list[NormalizedLine] | tuple[NormalizedLine, ...]) -> list[NormalizedLine]:
    return [line for line in lines if line.text]


def page_title(lines: list[NormalizedLine]) -> str:
    """The slide's title: its (参考N) line, else its numbered heading, else its first line."""
    for pattern in (REFERENCE_TITLE, NUMBERED_TITLE):
        for line in lines:
            if pattern.search(line.text):
                return line.text
    return nonblank(lines)[0].text if nonblank(lines) else ""


def title_subject(title: str) -> str:
    """A title without its (参考N) mark and its closing parenthesis: the package's name."""
    return TRAILING_PAREN.sub("", REFERENCE_TITLE.sub("", title)).strip()


class Opener(NamedTuple):
    """A bracket still open: the bracket and its offset in the text."""

    bracket: str
    at: int


def enclosing_opener(text: str, position: int) -> Opener | None:
    """The innermost bracket still open at ``position`` and where it opened, or None."""
    depth: list[Opener] = []
    for index, char in enumerate(text[:position]):
        if char in OPENERS:
            depth.append(Opener(char, index))
        elif char in CLOSERS and depth and depth[-1].bracket == CLOSERS[char]:
            depth.pop()
    return depth[-1] if depth else None


def clean_name(text: str) -> str:
    """An item name without bullets, blanks, a trailing colon or an unclosed bracket."""
    name = ITEM_MARK.sub("", text).strip().rstrip(":").strip()
    opened = enclosing_opener(name, len(name))
    if opened is not None:
        name = name[: opened.at].strip()
    return name


def split_account(name: str) -> tuple[str, str | None]:
    """``'途上国における…基礎調査(ODA)'`` -> the name and its account."""
    match = TRAILING_ACCOUNT.search(name)
    if match:
        return name[: match.start()].strip(), match["account"]
    return name, None
