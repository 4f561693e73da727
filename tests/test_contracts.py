"""schemas/ is the reviewable export of the pandera models: it must never be stale."""

import json

from conftest import ROOT
from extract.validate.contracts import export_contracts


def test_schemas_folder_matches_the_models():
    exported = export_contracts()
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schemas").glob("*.json")}
    assert sorted(on_disk) == sorted(exported), "run `make schemas`"
    for name, text in exported.items():
        assert on_disk[name] == text, f"schemas/{name} is stale: run `make schemas`"


def test_amounts_contract_states_the_rules():
    contract = json.loads(export_contracts()["amounts.json"])
    columns = contract["columns"]
    assert columns["stage"]["isin"] == [
        "request", "budget", "request_frame", "supplementary", "fund_balance", "investment"]
    assert columns["fiscal_year"]["nullable"] is True
    assert columns["source_text"]["nullable"] is False
    assert "round_only_on_supplementary" in contract["named_checks"]
    reconciliations = json.loads(export_contracts()["reconciliations.json"])
    assert "fy2010_package_total" in reconciliations["meti_2011_12"]
