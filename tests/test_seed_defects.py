"""The defects genre.md lists, as they occur in the seeds, are fixed and each is in the change log."""

from __future__ import annotations

import pytest

from docforge.convert import convert_to_xml
from docforge.model.xml import q
from docforge.normalize.pipeline import Options
from tests.conftest import seed
from tests.outline import outline_lines

# (seed, rendition, change kind, text before, text after): a before/after of "" means "any".
DEFECTS = [
    ("000_3920c4ed8e26362b", "txt", "fix-decimal-separator", "344、27万元", "344.27万元"),
    ("000_3920c4ed8e26362b", "txt", "fix-label-form", "(一)", "（一）"),
    ("000_3920c4ed8e26362b", "txt", "fix-punctuation", "项目支出:", "项目支出："),
    ("001_b543688848e45de6", "txt", "renumber-heading", "四、", "五、"),
    ("001_b543688848e45de6", "txt", "drop-converter-debris", "[bookmark: _GoBack]", ""),
    ("002_af78986763f59c3a", "txt", "fix-label-form", "1．", "1."),
    ("003_d744e05eab164faf", "txt", "drop-web-noise", "找总结网 > 总结报告范文 >", ""),
    ("003_d744e05eab164faf", "txt", "drop-web-noise", "| cwl2", ""),
    ("003_d744e05eab164faf", "txt", "drop-web-noise", "33758", ""),
    (
        "003_d744e05eab164faf",
        "txt",
        "drop-repeated-title",
        "政协办公厅2020年度绩效工作情况报告",
        "",
    ),
    ("003_d744e05eab164faf", "txt", "fix-punctuation", "2020年,自治区", "2020年，自治区"),
    ("004_61b0b8f1dd07b1cd", "txt", "fix-spacing", "2022 年", "2022年"),
    ("004_61b0b8f1dd07b1cd", "txt", "fix-spacing", "绩效 自评", "绩效自评"),
    ("004_61b0b8f1dd07b1cd", "txt", "heal-split-paragraph", "资⏎金分配", "资金分配"),
    ("004_61b0b8f1dd07b1cd", "txt", "fix-label-form", "(5)", "（5）"),
    ("004_61b0b8f1dd07b1cd", "txt", "move-to-metadata", "填报日期：2023.1", "2023.1"),
    ("004_61b0b8f1dd07b1cd", "wrapped.txt", "drop-page-furniture", "第 1 页 共 15 页", ""),
    ("004_61b0b8f1dd07b1cd", "wrapped.txt", "drop-page-furniture", "政协乐昌市委员会", ""),
    ("001_b543688848e45de6", "wrapped.txt", "join-wrapped-lines", "", ""),
]


@pytest.mark.parametrize(("stem", "rendition", "kind", "before", "after"), DEFECTS)
def test_defect_is_fixed_and_logged(
    stem: str, rendition: str, kind: str, before: str, after: str
) -> None:
    root = convert_to_xml(seed(stem, rendition))
    logged = [
        (c.findtext(q("before")), c.findtext(q("after")))
        for c in root.iter(q("change"))
        if c.get("kind") == kind
    ]
    assert any(before in b and after in a for b, a in logged), f"no {kind} {before!r} → {after!r}"
    body = "".join(root.find(q("body")).itertext())
    if before and (kind.startswith("fix-") or kind in ("drop-web-noise", "drop-converter-debris")):
        assert before not in body


def test_strict_wording_keeps_spacing_and_punctuation_but_not_structure_defects() -> None:
    strict = convert_to_xml(seed("004_61b0b8f1dd07b1cd"), Options(strict_wording=True))
    kinds = {c.get("kind") for c in strict.iter(q("change"))}
    assert not kinds & {"fix-spacing", "fix-punctuation", "fix-decimal-separator"}
    assert {"heal-split-paragraph", "fix-label-form"} <= kinds
    assert "2022 年" in "".join(strict.find(q("body")).itertext())

    def shape(root):
        return [line.split("\t")[:2] for line in outline_lines(root)]

    assert shape(strict) == shape(convert_to_xml(seed("004_61b0b8f1dd07b1cd")))


def test_strict_wording_from_the_command_line(tmp_path) -> None:
    from click.testing import CliRunner

    from docforge.cli import cli

    result = CliRunner().invoke(
        cli,
        [
            "convert",
            str(seed("003_d744e05eab164faf")),
            "-o",
            str(tmp_path),
            "--to",
            "xml",
            "--strict-wording",
        ],
    )
    assert result.exit_code == 0
    assert "2020年,自治区" in (tmp_path / "003_d744e05eab164faf.xml").read_text(encoding="utf-8")
