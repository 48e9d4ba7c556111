"""``docforge check``: findings on crafted paragraphs and tables (both ways), on the seeds, and from the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from docforge.check import Rule, check_report, has_errors, key_figures
from docforge.check.findings import Finding
from docforge.check.statements import breakdowns, read_passages
from docforge.convert import convert_to_xml
from docforge.extract import read_source
from docforge.model.xml import parse_report, serialize
from docforge.normalize import normalize
from docforge.normalize.amounts import mark_amounts
from docforge.normalize.pipeline import Options
from tests.conftest import FIXTURES, SEED_STEMS, seed

CHECKS = FIXTURES / "checks"
CRAFTED = sorted(p for p in CHECKS.iterdir() if p.suffix in (".txt", ".xml"))
SEED_FINDINGS = json.loads((FIXTURES / "seed_findings.json").read_text(encoding="utf-8"))
KEY_FIGURES = json.loads((FIXTURES / "key_figures.json").read_text(encoding="utf-8"))
SEED_000, SEED_004 = "000_3920c4ed8e26362b", "004_61b0b8f1dd07b1cd"


def _root(path: Path):
    """A crafted text goes through the whole converter; a crafted XML is a built report still to be marked."""
    return (
        convert_to_xml(path)
        if path.suffix == ".txt"
        else mark_amounts(parse_report(path).getroot())
    )


def _summary(findings, *fields: str) -> list[dict]:
    return [
        {f: (getattr(x, f).value if f == "severity" else getattr(x, f)) for f in fields}
        for x in findings
    ]


def test_each_check_is_crafted_both_ways() -> None:
    codes = {rule.value for rule in Rule}
    found, prefixes = set(), {p.stem.split("-")[0] for p in CRAFTED}
    clean = set()
    for path in CRAFTED:
        expected = json.loads(
            path.with_name(f"{path.stem}.expected.json").read_text(encoding="utf-8")
        )
        found |= {e["code"] for e in expected}
        if not expected:
            clean.add(path.stem.split("-")[0])
    assert found == codes
    assert clean == prefixes


# Findings about the whole document (a section or table its kind requires): only their own fixtures look at them.
DOCUMENT_RULES = {Rule.MISSING_SECTION, Rule.MISSING_TABLE}


def _for_fixture(path: Path, findings: list) -> list:
    own = path.stem.split("-")[0] in ("missing", "complete")
    return [f for f in findings if own or f.code not in DOCUMENT_RULES]


@pytest.mark.parametrize("path", CRAFTED, ids=[p.name for p in CRAFTED])
def test_crafted(path: Path) -> None:
    expected = json.loads(path.with_name(f"{path.stem}.expected.json").read_text(encoding="utf-8"))
    assert (
        _summary(_for_fixture(path, check_report(_root(path))), "code", "severity", "excerpt")
        == expected
    )


@pytest.fixture(scope="module")
def seeds() -> dict:
    return {stem: convert_to_xml(seed(stem)) for stem in SEED_STEMS}


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_findings(seeds: dict, stem: str) -> None:
    findings = check_report(seeds[stem])
    assert _summary(findings, "code", "severity", "section", "excerpt") == SEED_FINDINGS[stem]
    assert all(f.message and f.message_en for f in findings)


@pytest.mark.parametrize("stem", [SEED_000, SEED_004])
def test_a_finding_reads_back_from_what_it_wrote(seeds: dict, stem: str) -> None:
    """The archive keeps findings as JSON; a kept finding must load (else every rebuild checks
    every report again)."""
    findings = check_report(seeds[stem])
    assert findings
    for finding in findings:
        data = json.loads(json.dumps(finding.to_dict(), ensure_ascii=False))
        assert Finding.from_dict(data) == finding


def test_seed_004_unit_slips_and_conflict(seeds: dict) -> None:
    findings = check_report(seeds[SEED_004])
    slips = {f.excerpt for f in findings if f.code == "unit-slip" and f.severity.value == "error"}
    assert slips == {"基本收入481.39元", "项目收入147.37元"}
    conflict = [f for f in findings if f.code == "conflicting-figure"]
    assert (
        len(conflict) == 1
        and "36.5万元" in conflict[0].message
        and "34.5万元" in conflict[0].message
    )
    assert has_errors(findings)


def test_seed_000_malformed_number(seeds: dict) -> None:
    found = [f for f in check_report(seeds[SEED_000]) if f.code == "malformed-number"]
    assert [(f.severity.value, f.excerpt, f.section) for f in found] == [
        ("warning", "344、27万元", "s2")
    ]
    strict = normalize(read_source(seed(SEED_000)), Options(strict_wording=True)).root
    found = [f for f in check_report(strict) if f.code == "malformed-number"]
    assert [(f.severity.value, f.excerpt) for f in found] == [("error", "344、27万元")]


@pytest.mark.parametrize(
    "stem, totals",
    [
        (SEED_000, {"730.55", "344.27"}),
        (SEED_004, {"470.41", "9.4", "0.06"}),
    ],
)
def test_seed_sums_that_add_up_give_no_finding(seeds: dict, stem: str, totals: set[str]) -> None:
    groups = breakdowns(read_passages(seeds[stem]))
    assert totals <= {str(g.total.value) for g in groups}
    assert not [f for f in check_report(seeds[stem]) if f.code.startswith("sum-")]


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_key_figures(seeds: dict, stem: str) -> None:
    figures = {
        k: {"value": v["value"], "unit": v["unit"]} for k, v in key_figures(seeds[stem]).items()
    }
    assert figures == KEY_FIGURES[stem]


def docforge(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docforge.cli", *args], capture_output=True, text=True, timeout=300
    )


def test_cli_json_and_exit_status(tmp_path: Path) -> None:
    xml = tmp_path / "004.xml"
    xml.write_bytes(serialize(convert_to_xml(seed(SEED_004))))
    result = docforge("check", "--json", str(seed(SEED_000)), str(xml))
    assert result.returncode == 1, result.stderr
    reports = json.loads(result.stdout)
    assert [r["file"] for r in reports] == [str(seed(SEED_000)), str(xml)]
    assert _summary(check_report(parse_report(xml)), "code", "severity", "section", "excerpt") == [
        {k: f[k] for k in ("code", "severity", "section", "excerpt")}
        for f in reports[1]["findings"]
    ]
    assert reports[0]["key_figures"]["final_accounts"]["text"] == "730.55万元"


def test_cli_table_and_clean_exit() -> None:
    result = docforge("check", str(seed(SEED_000)), str(seed("002_af78986763f59c3a")))
    assert result.returncode == 0, result.stderr
    assert "malformed-number" in result.stdout and "344、27万元" in result.stdout
    assert "002_af78986763f59c3a.txt: no findings" in result.stdout


def test_cli_bad_input_is_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<report")
    other = tmp_path / "other.xml"
    other.write_text("<html/>")
    result = docforge("check", str(broken), str(other), str(seed("001_b543688848e45de6")))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and "Traceback" not in result.stderr
    assert str(broken) in lines[0] and "cannot parse XML" in lines[0]
    assert str(other) in lines[1] and "not a docforge report" in lines[1]


def test_cli_checks_an_xml_stored_before_amounts_were_marked() -> None:
    table = CHECKS / "table-total-row-wrong.xml"
    result = docforge("check", "--json", str(table))
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)[0]["findings"]
    assert [f["code"] for f in findings if f["severity"] == "error"] == ["table-sum-mismatch"] * 2
