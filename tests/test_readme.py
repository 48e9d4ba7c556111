"""The README says what the code does: its list of normalizer passes is the chain's."""

from __future__ import annotations

import re

from docforge.normalize.chain import default_chain
from tests.conftest import ROOT


def test_readme_lists_the_passes_in_chain_order() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("- `docforge/normalize/`")
    paragraph = readme[start : readme.index("\n- ", start + 1)]
    names = set(default_chain().names)
    listed = [
        name for name in re.findall(r"`([a-z_]+)`", paragraph) if name in names or "_" in name
    ]
    assert listed == default_chain().names
