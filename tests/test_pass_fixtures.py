"""Each normalizer pass on its own, fixture by fixture, as markdown-it-py tests each rule.

``fixtures/passes/<pass>/<case>.in`` runs through a chain of that one pass; the blocks and the
change log it gives must equal ``<case>.out``, which was read by eye when the case was added.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docforge.normalize.chain import default_chain
from docforge.normalize.pipeline import Draft
from tests.conftest import FIXTURES
from tests.golden import assert_matches_golden
from tests.pass_fixtures import describe_draft, parse_blocks, passes_before

PASSES = FIXTURES / "passes"
CASES = sorted(PASSES.glob("*/*.in"))


def test_every_pass_has_fixtures() -> None:
    assert {case.parent.name for case in CASES} == set(default_chain().names)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.stem}" for c in CASES])
def test_pass_fixture(case: Path) -> None:
    text = case.read_text(encoding="utf-8")
    draft = Draft(blocks=parse_blocks(text))
    for name in [*passes_before(text), case.parent.name]:
        draft = default_chain().only(name).run(draft)
    assert_matches_golden(describe_draft(draft), case.with_suffix(".out"))
