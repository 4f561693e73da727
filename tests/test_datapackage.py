"""datapackage.json: a Frictionless data package that `frictionless validate` accepts for the
written CSV files and refuses once a CSV is corrupted; money says its currency, stages
their Fiscal Data Package budget phase; `check` proves it against the models."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from frictionless import validate

from extract.check.readback import check_outputs
from extract.families.meti_deck.models import FOREIGN_KEYS, MODELS, PRIMARY_KEYS
from extract.publish.datapackage import DATAPACKAGE
from extract.publish.files import sha256_of


@pytest.fixture(scope="module")
def package(fresh_output) -> dict:
    return json.loads((fresh_output / DATAPACKAGE).read_text(encoding="utf-8"))


def _errors(folder) -> list[tuple[str, str]]:
    """(resource, error type) of every error `frictionless validate` reports."""
    report = validate(str(folder / DATAPACKAGE))
    return [(task.name, error.type) for task in report.tasks for error in task.errors] + [
        ("package", error.type) for error in report.errors]


def test_frictionless_validate_passes_on_the_written_folder(fresh_output):
    result = subprocess.run([sys.executable, "-m", "frictionless", "validate", DATAPACKAGE],
                            cwd=fresh_output, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("VALID") == len(MODELS) and "INVALID" not in result.stdout


def _copy(tmp_path, fresh_output):
    copy = tmp_path / "copy"
    shutil.copytree(fresh_output, copy)
    return copy


def _edit_csv(path, old: str, new: str) -> None:
    data = path.read_bytes().decode("utf-8")
    assert data.count(old) >= 1, old
    path.write_bytes(data.replace(old, new, 1).encode("utf-8"))


@pytest.mark.parametrize("table, old, new, error", [
    # a figure retyped as written, in Excel: not an integer any more
    ("amounts", ",100000000,JPY,", ",1.0億円,JPY,", "type-error"),
    # a restatement pointing at no row
    ("amounts", ",A35,", ",A99,", "foreign-key"),
    # a subsidy's amount_id pointing at no amounts row
    ("recycling_cases", "R01,A47,", "R01,A470,", "foreign-key"),
    # two rows with one id
    ("measures", "M02,", "M01,", "primary-key"),
    # a stage that is not one
    ("amounts", ",request,proposed,", ",requested,proposed,", "constraint-error"),
])
def test_frictionless_validate_fails_on_a_corrupted_csv(tmp_path, fresh_output, table, old, new, error):
    copy = _copy(tmp_path, fresh_output)
    assert _errors(copy) == []
    _edit_csv(copy / f"{table}.csv", old, new)
    assert (table, error) in _errors(copy)


def test_every_csv_is_a_resource_with_its_keys(package):
    resources = {r["name"]: r for r in package["resources"]}
    assert list(resources) == list(MODELS)
    for name, resource in resources.items():
        assert resource["path"] == f"{name}.csv"
        assert resource["schema"]["primaryKey"] == [PRIMARY_KEYS[name]]
        fields = [f["name"] for f in resource["schema"]["fields"]]
        assert set(fields) == set(MODELS[name].to_schema().columns)
    declared = [(name, fk["fields"], fk["reference"]["resource"] or name, fk["reference"]["fields"])
                for name, r in resources.items() for fk in r["schema"].get("foreignKeys", [])]
    assert declared == [(k.table, k.column, k.reference, PRIMARY_KEYS[k.reference]) for k in FOREIGN_KEYS]


def test_money_says_its_currency_and_stages_their_budget_phase(package):
    fields = {(r["name"], f["name"]): f for r in package["resources"] for f in r["schema"]["fields"]}
    for money in (("amounts", "amount"), ("recycling_cases", "subsidy")):
        field = fields[money]
        assert field["type"] == "integer" and field["columnType"] == "value"
        assert field["currencyField"] == "currency"
        assert fields[(money[0], "currency")]["constraints"]["enum"] == ["JPY", "USD"]
        assert fields[(money[0], "currency")]["columnType"] == "value-currency:code"
    phase = fields[("amounts", "budget_phase")]
    assert phase["columnType"] == "phase:id"
    assert phase["fiscalPhases"] == {"request": "proposed", "request_frame": "proposed", "budget": "approved",
                                     "supplementary": "adjusted", "investment": "executed", "fund_balance": None}
    assert fields[("amounts", "fiscal_year")]["type"] == "integer"
    assert fields[("amounts", "approximate")]["trueValues"] == ["True"]


def test_source_and_licence_name_the_deck_and_its_attribution(package):
    (licence,) = package["licenses"]
    assert licence["name"] == "other-at"  # the Open Definition's id for another attribution licence
    assert "出典：経済産業省「レアメタル等の確保に向けた取組の全体像」(平成23年12月)" in licence["title"]
    (source,) = package["sources"]
    assert "d2ffd3badd0f43db46a23d5dde9d39429d13b8da029403b3b84cc39bfd530bcf" in source["title"]


def test_an_edited_datapackage_fails_check(tmp_path, fresh_output):
    copy = _copy(tmp_path, fresh_output)
    path = copy / DATAPACKAGE
    package = json.loads(path.read_text(encoding="utf-8"))
    del package["resources"][0]["schema"]["foreignKeys"]
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"][DATAPACKAGE].update(sha256=sha256_of(path), bytes=path.stat().st_size)
    (copy / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    assert check_outputs(copy) == [
        "[datapackage_matches] datapackage.json: resources differ from what the models make"]
