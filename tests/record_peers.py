"""Record what the peers answer, for the suite to read without importing them.

    .venv/bin/python tests/record_peers.py    # (make peers: installs requirements-peers.txt first)

Writes two files under tests/data/peers/, each naming the versions that produced it (the
suite checks they are the versions requirements-peers.txt pins):

- ``japanese_core.json``: each case of tests/test_peers.py, each peer column in its scope,
  the call as the case makes it, and what it returned (plain data) or the type of the
  exception it raised;
- ``ginza_money.json``: for each corpus of tests/data, each distinct line and the text of
  every ``Money`` entity GiNZA (spaCy ``ja_ginza``) finds in it, the line read alone.

Then regenerate the README tables: ``tests/test_peers.py --write`` and
``tests/test_figures_corpus.py --write``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from importlib.metadata import version
from typing import Any

import test_figures_corpus as corpora
import test_peers as peers
from pins import canonical, pinned

HOW = "make peers (tests/record_peers.py)"


def installed_pins(names: tuple[str, ...]) -> dict[str, str]:
    """The installed version of each name, refused unless it is the pinned one."""
    pins = pinned()
    versions = {name: version(name) for name in names}
    wrong = {name: (got, pins.get(canonical(name))) for name, got in versions.items()
             if got != pins.get(canonical(name))}
    if wrong:
        sys.exit(f"record_peers: installed versions differ from requirements-peers.txt: {wrong}")
    return versions


def peer_calls() -> dict[str, Callable[[str, str | None], Any]]:
    """Each peer call label of tests/test_peers.py: a function of (text, japanera format)."""
    import jaconv
    import japanera
    import kanjize
    import neologdn
    from jeraconv.jeraconv import J2W

    j2w = J2W()
    calls: dict[str, Callable[[str, str | None], Any]] = {
        peers.NEOLOGDN.label: lambda s, _: neologdn.normalize(s),
        peers.JACONV_NORMALIZE.label: lambda s, _: jaconv.normalize(s),
        peers.JACONV_H2Z.label: lambda s, _: jaconv.h2z(s),
        peers.JACONV_Z2H.label: lambda s, _: jaconv.z2h(s, kana=False, ascii=True, digit=True),
        peers.KANJI2NUMBER.label: lambda s, _: kanjize.kanji2number(s),
        peers.J2W_CONVERT.label: lambda s, _: j2w.convert(s),
    }
    for case in peers.CASES:
        call = case.call("japanera")
        if call is not None:
            calls[call.label] = lambda s, fmt: [[d.year, d.month, d.day, d.era.kanji]
                                                for d in japanera.EraDate.strptime(s, fmt)]
    return calls


def peer_outputs() -> list[dict]:
    calls = peer_calls()
    entries = []
    for case in peers.CASES:
        for column in case.columns():
            if column == peers.CORE:
                continue
            call = case.call(column)
            entry = {"kind": case.kind, "input": case.text, "column": column, "call": call.label}
            try:
                entry["returns"] = calls[call.label](case.text, call.fmt)
            except Exception as error:  # noqa: BLE001 -- a peer's failure is a measurement
                entry["raises"] = type(error).__name__
            entries.append(entry)
    return entries


def ginza_money() -> dict[str, dict[str, list[str]]]:
    import spacy

    nlp = spacy.load("ja_ginza")
    found = {}
    for name in corpora.CORPORA:
        lines = list(dict.fromkeys(line for case in corpora.corpus(name) for line in case.lines))
        found[name] = {line: [entity.text for entity in doc.ents if entity.label_ == "Money"]
                       for line, doc in zip(lines, nlp.pipe(lines), strict=True)}
    return found


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_peers() -> None:
    versions = installed_pins(peers.PEERS)
    entries = peer_outputs()
    text = (f'{{"recorded_by": {_json(HOW)},\n "versions": {_json(versions)},\n "outputs": [\n  '
            + ",\n  ".join(_json(entry) for entry in entries) + "\n ]\n}\n")
    peers.RECORD.parent.mkdir(parents=True, exist_ok=True)
    peers.RECORD.write_text(text, encoding="utf-8")
    print(f"{peers.RECORD.relative_to(peers.ROOT)}: {len(entries)} outputs of {', '.join(peers.PEERS)}")


def write_ginza() -> None:
    versions = installed_pins(corpora.GINZA_STACK)
    found = ginza_money()
    corpora_text = ",\n ".join(
        f"{_json(name)}: {{\n  " + ",\n  ".join(f"{_json(line)}: {_json(spans)}" for line, spans in lines.items())
        + "\n }" for name, lines in found.items())
    text = (f'{{"recorded_by": {_json(HOW)},\n "versions": {_json(versions)},\n "corpora": {{\n '
            + corpora_text + "\n }\n}\n")
    corpora.GINZA_RECORD.write_text(text, encoding="utf-8")
    print(f"{corpora.GINZA_RECORD.relative_to(peers.ROOT)}: "
          + ", ".join(f"{name} {len(lines)} lines" for name, lines in found.items()))


if __name__ == "__main__":
    write_peers()
    write_ginza()
