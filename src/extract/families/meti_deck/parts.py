"""Totals and their parts, stated in the data: which figure of the deck is part of which.

An analyst who sums a stage's amounts must not add a total to its own parts. So each
first statement of a figure that is part of a larger one names it in ``part_of``, and the
larger one says in ``parts_listed`` whether the deck lists all of its parts (``all``: they
add up to it) or only some (``some``: they fit inside it). The relations come from what
the deck says, never from the values: the FY2010 package and its pillars (page 6, the
pillars under the package's title), page 3's recycling box and its members (the
glossary's group), a うち要望枠 and the request it is part of (same page, item and year),
and page 9's subsidies within the package pillar they came from (利用産業).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from . import glossary
from .checks import PROGRAMME_WORD, package_rows

ALL, SOME = "all", "some"


def _link(links: dict[str, tuple[str, str]], parts: pd.DataFrame, whole: pd.Series, listed: str) -> None:
    for part_id in parts["amount_id"]:
        links.setdefault(part_id, (whole["amount_id"], listed))


def _package(first: pd.DataFrame, links: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """Page 6: the package's pillars are all of it; returns the pillars."""
    total, pillars = package_rows(first)
    if total is not None and len(pillars) >= 2:
        _link(links, pillars, total, ALL)
    return pillars


def _groups(first: pd.DataFrame, links: dict[str, tuple[str, str]]) -> None:
    """Page 3's recycling box: a group's request and budget are its members' (all of them)."""
    for group, members in glossary.GROUPS.items():
        for stage in ("request", "budget"):
            rows = first[first["stage"] == stage]
            stated, parts = rows[rows["item_ja"] == group], rows[rows["item_ja"].isin(members)]
            if len(stated) == 1 and not parts.empty:
                _link(links, parts, stated.iloc[0], ALL)


def _request_frames(first: pd.DataFrame, links: dict[str, tuple[str, str]]) -> None:
    """A うち要望枠 is some of the request on its page for the same item and year."""
    requests = first[first["stage"] == "request"]
    for _, frame in first[first["stage"] == "request_frame"].iterrows():
        same = requests[(requests["page"] == frame["page"]) & (requests["item_ja"] == frame["item_ja"])
                        & (requests["fiscal_year"] == frame["fiscal_year"])]
        if len(same) == 1:
            _link(links, first.loc[[frame.name]], same.iloc[0], SOME)


def _subsidies(first: pd.DataFrame, pillars: pd.DataFrame, subsidy_ids: set[str],
               links: dict[str, tuple[str, str]]) -> None:
    """Page 9's subsidies are some of the package pillar about 利用産業."""
    programme = pillars[pillars["item_ja"].str.contains(PROGRAMME_WORD)]
    if len(programme) == 1:
        _link(links, first[first["amount_id"].isin(subsidy_ids)], programme.iloc[0], SOME)


def part_links(amounts: pd.DataFrame, subsidy_ids: Iterable[str]) -> tuple[list, list]:
    """``part_of`` and ``parts_listed`` for each amounts row, in the frame's order."""
    first = amounts[amounts["restates"].isna()]
    links: dict[str, tuple[str, str]] = {}
    pillars = _package(first, links)
    _groups(first, links)
    _request_frames(first, links)
    _subsidies(first, pillars, set(subsidy_ids), links)
    listed = {whole: kind for whole, kind in links.values()}
    part_of = [links[ident][0] if ident in links else None for ident in amounts["amount_id"]]
    return part_of, [listed.get(ident) for ident in amounts["amount_id"]]
