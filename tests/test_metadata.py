"""Report metadata (department, reporting year, kind, filling date) for the seeds and crafted titles."""

from __future__ import annotations

import json

import pytest

from docforge.convert import convert_to_xml
from docforge.model.xml import q
from docforge.normalize.metadata import read_metadata
from tests.conftest import FIXTURES, SEED_STEMS, seed

EXPECTED = json.loads((FIXTURES / "metadata.json").read_text(encoding="utf-8"))
CRAFTED = json.loads((FIXTURES / "metadata_crafted.json").read_text(encoding="utf-8"))
FIELDS = ("department", "year", "kind", "filled")


def test_every_seed_has_expected_metadata() -> None:
    assert sorted(EXPECTED) == SEED_STEMS


@pytest.mark.parametrize("rendition", ["txt", "wrapped.txt"])
@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_metadata(stem: str, rendition: str) -> None:
    root = convert_to_xml(seed(stem, rendition))
    meta = root.find(q("meta"))
    expected = EXPECTED[stem]
    assert {f: meta.findtext(q(f)) for f in FIELDS} == {f: expected[f] for f in FIELDS}
    filled = meta.find(q("filled"))
    assert (filled.get("iso") if filled is not None else None) == expected["filled_iso"]
    warned = {w.get("code") for w in root.iter(q("warning"))}
    for field in FIELDS:
        assert (f"metadata-missing-{field}" in warned) == (expected[field] is None), field


@pytest.mark.parametrize("case", CRAFTED, ids=[c["case"] for c in CRAFTED])
def test_crafted_metadata(case: dict) -> None:
    info = read_metadata(case["title"], case["fields"], case["body"])
    for field, value in case["expected"].items():
        assert getattr(info, field) == value, field


def test_a_file_name_is_no_evidence(tmp_path) -> None:
    path = tmp_path / "某某县水利局2022年度部门整体支出绩效自评报告.txt"
    path.write_text("本部门全年工作完成较好，各项任务按期完成。\n", encoding="utf-8")
    root = convert_to_xml(path)
    meta = root.find(q("meta"))
    assert [meta.findtext(q(f)) for f in FIELDS] == [None] * len(FIELDS)
    warned = {w.get("code") for w in root.iter(q("warning"))}
    assert {f"metadata-missing-{f}" for f in FIELDS} <= warned
