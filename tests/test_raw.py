"""raw/ is immutable: the source is byte for byte what was received."""

import hashlib

from conftest import ROOT, SOURCE


def test_source_sha256_matches_sources_md():
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    assert digest == "d2ffd3badd0f43db46a23d5dde9d39429d13b8da029403b3b84cc39bfd530bcf"
    assert digest in (ROOT / "raw" / "SOURCES.md").read_text(encoding="utf-8")


def test_source_is_the_shared_text_layer():
    shared = ROOT.parent / "shared" / "source" / SOURCE.name
    if shared.is_file():  # the shared copy sits beside the checkout in development and CI
        assert shared.read_bytes() == SOURCE.read_bytes()
    assert len(SOURCE.read_bytes()) == 13361
