"""The writer swaps a complete folder in, or leaves the old one exactly as it was."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import tree_digest
from extract.write import write_outputs

TABLES = {"alpha": pd.DataFrame({"x": [1, 2]}), "beta": pd.DataFrame({"y": ["ア", "イ"]})}


def test_a_new_folder_replaces_the_old_one_whole(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "stale.csv").write_text("from an older run", encoding="utf-8")
    write_outputs(TABLES, {"rows": {"alpha": 2}}, out)
    assert sorted(p.name for p in out.iterdir()) == [
        "alpha.csv", "alpha.parquet", "beta.csv", "beta.parquet", "manifest.json", "tables.xlsx"]
    assert pd.read_parquet(out / "beta.parquet")["y"].tolist() == ["ア", "イ"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"], "no staging or retired folder left"


def test_a_crash_while_writing_leaves_the_old_folder_untouched(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "amounts.csv").write_text("previous run\n", encoding="utf-8")
    before = tree_digest(out)
    calls = []

    def failing_parquet(self, path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 2:
            raise OSError("disk full")
        return original(self, path, *args, **kwargs)

    original = pd.DataFrame.to_parquet
    monkeypatch.setattr(pd.DataFrame, "to_parquet", failing_parquet)
    with pytest.raises(OSError, match="disk full"):
        write_outputs(TABLES, {}, out)
    assert len(calls) == 2
    assert tree_digest(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"], "the staging folder is cleaned up"
