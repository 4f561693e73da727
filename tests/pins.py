"""The versions a requirements file pins (for the recorded peers' data to name)."""

from __future__ import annotations

from pathlib import Path

import regex

PEER_REQUIREMENTS = Path(__file__).resolve().parents[1] / "requirements-peers.txt"
SEPARATORS = regex.compile(r"[-_.]+")


def canonical(name: str) -> str:
    """A distribution name as PyPI compares it (PEP 503): ``SudachiDict_core`` is ``sudachidict-core``."""
    return SEPARATORS.sub("-", name).lower()


def pinned(requirements: Path = PEER_REQUIREMENTS) -> dict[str, str]:
    """Each ``name==version`` of a requirements file, by canonical name."""
    pins = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        name, sep, pin = line.split("#", 1)[0].strip().partition("==")
        if sep:
            pins[canonical(name)] = pin.strip()
    return pins
