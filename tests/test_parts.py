"""Totals and their parts stated in the data (amounts.part_of, parts_listed), against the
relations read by hand from the deck's pages, and the README's recipe that sums only what
can be summed."""

from __future__ import annotations

import pandas as pd

from extract.families.meti_deck.reconcile import parts_add_up

OKU = 10**8

# (page, part as written, its stage) -> (page, whole as written, its stage, parts listed), read
# from raw/meti_rare_metals_2011-12.txt: page 6's package and its three pillars; page 3's
# recycling box (request 6.4 = 0.8 + 3.2 + 1.2 + 1.2, budget 4.8 = 1.6 + 3.2); page 3's three
# うち要望枠; page 9's five subsidies, from the 420億円 pillar about 利用産業.
PART_OF_BY_HAND = {
    (6, "１２０億円", "supplementary"): (6, "１０００億円", "supplementary", "all"),
    (6, "４２０億円", "supplementary"): (6, "１０００億円", "supplementary", "all"),
    (6, "４６０億円", "supplementary"): (6, "１０００億円", "supplementary", "all"),
    (3, "0.8億円", "request"): (3, "6.4億円", "request", "all"),
    (3, "3.2億円", "request"): (3, "6.4億円", "request", "all"),
    (3, "１.6億円", "budget"): (3, "4.8億円", "budget", "all"),
    (3, "3.2億円", "budget"): (3, "4.8億円", "budget", "all"),
    (3, "３．５億円", "request_frame"): (3, "12.4億円", "request", "some"),
    (3, "２億円", "request_frame"): (3, "9.1億円", "request", "some"),
    (3, "３０億円", "request_frame"): (3, "４０億円", "request", "some"),
    (9, "３．１億", "supplementary"): (6, "４２０億円", "supplementary", "some"),
    (9, "４．８億", "supplementary"): (6, "４２０億円", "supplementary", "some"),
    (9, "８．８億", "supplementary"): (6, "４２０億円", "supplementary", "some"),
    (9, "１１．８億", "supplementary"): (6, "４２０億円", "supplementary", "some"),
    (9, "５．２億", "supplementary"): (6, "４２０億円", "supplementary", "some"),
}
# Two members of the recycling box state 1.2億円 (two rows of one key): counted here.
TWO_OF_A_KIND = {(3, "1.2億円", "request"): (3, "6.4億円", "request", "all")}


def _key(row) -> tuple:
    return int(row["page"]), row["amount_text"].strip(), row["stage"]


def test_every_part_names_the_whole_the_page_shows(tables):
    amounts = tables["amounts"]
    by_id = amounts.set_index("amount_id")
    found: dict[tuple, list] = {}
    for _, row in amounts[amounts["part_of"].notna()].iterrows():
        whole = by_id.loc[row["part_of"]]
        found.setdefault(_key(row), []).append(
            (int(whole["page"]), whole["amount_text"].strip(), whole["stage"], whole["parts_listed"]))
    expected = {key: [whole] for key, whole in PART_OF_BY_HAND.items()}
    expected |= {key: [whole, whole] for key, whole in TWO_OF_A_KIND.items()}
    assert found == expected
    wholes = {whole[:3] for whole in [*PART_OF_BY_HAND.values(), *TWO_OF_A_KIND.values()]}
    listed = {_key(row) for _, row in amounts[amounts["parts_listed"].notna()].iterrows()}
    assert listed == wholes  # and no other row claims parts


def test_parts_add_up_names_a_whole_its_parts_break(tables):
    amounts = tables["amounts"].copy()
    assert parts_add_up({"amounts": amounts}) == []
    pillar = amounts.index[amounts["amount_text"].str.strip() == "４６０億円"][0]
    amounts.loc[pillar, "amount"] = 450 * OKU  # the pillars no longer add up to 1000億円
    failures = parts_add_up({"amounts": amounts})
    assert len(failures) == 1 and "1000億円" in failures[0] and "lists all its parts" in failures[0]
    subsidies = tables["amounts"].copy()
    first = subsidies.index[subsidies["amount_text"].str.strip() == "３．１億"][0]
    subsidies.loc[first, "amount"] = 500 * OKU  # page 9's subsidies outgrow their pillar
    assert any("> " in f and "420億円" in f for f in parts_add_up({"amounts": subsidies}))


def test_a_restatement_is_part_of_nothing(tables):
    amounts = tables["amounts"]
    assert amounts.loc[amounts["restates"].notna(), "part_of"].isna().all()


def test_the_readme_recipe_sums_each_figure_once_and_no_total_with_its_parts(fresh_output):
    """The README's reading example, run on a written folder, prints the sums read by hand:
    a total counted once, its parts not beside it (the package's 1000億円 without its pillars
    and page 9's subsidies; the recycling box's 6.4億円 without its members)."""
    from test_readme import _snippets

    python, _ = _snippets()
    scope: dict = {}
    exec(python.replace("output/", f"{fresh_output}/"), scope)  # noqa: S102 (the README's own code)
    sums = scope["sums"]
    by_hand = {
        # 1.0 + 12.4 + 10.5 + 4.8 + 6.4 + 60 + 0 + 340 + 9.1 + 1.0 + 8.2 + 40 (page 3)
        ("request", 2012, "JPY"): 49_340_000_000,
        # 1.0 + 12.7 + 8.2 + 4.2 + 4.8 + 71 + 50 + 8.9 + 2.0 + 7.4 (page 3's 【…】)
        ("budget", 2011, "JPY"): 17_020_000_000,
        # 39.9 + 80 + 85 (page 3) + 2950 (page 8): the FY2011 third supplementary
        ("supplementary", 2011, "JPY"): 315_490_000_000,
        # 1000 (page 6's package) + 約70 (page 5, which the deck does not place in a pillar)
        ("supplementary", 2010, "JPY"): 107_000_000_000,
    }
    for key, value in by_hand.items():
        assert sums[key] == value, key
    assert isinstance(sums, pd.Series)
