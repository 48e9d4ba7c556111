"""``docforge check`` on real 决算/预算 PDFs: every finding is a real one (fixtures/real_findings.json says why).

The anchor is GovBudgetChecker's sample set: its 财政局 report is a correct one (no
error here), and no correct table may raise a sum error. The 社会工作部 and
规划和自然资源局 reports print all nine standard tables (the manifest's claim that two
are missing does not hold for these files), so what must hold is that every one of
the nine is recognised, which is what makes a missing one reportable.
"""

from __future__ import annotations

import copy
import json

import pytest

from docforge.check import Rule, Severity, check_report, key_figures
from docforge.check.tables import read_tables
from docforge.model.xml import parse_report
from docforge.text.standard_tables import TableKind
from tests.conftest import FIXTURES, SHARED_CORPUS
from tests.conversions import converted_xml, run_folder

pytestmark = pytest.mark.slow

EXPECTED = json.loads((FIXTURES / "real_findings.json").read_text(encoding="utf-8"))
DOCUMENTS = sorted(k for k in EXPECTED if not k.startswith("_"))
FINANCE = "govbudgetchecker/上海市普陀区财政局2024年度部门决算.pdf"
SOCIAL = "govbudgetchecker/中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"
PLANNING = "govbudgetchecker/上海市普陀区规划和自然资源局 2024 年度部门决算.pdf"
SUM_RULES = {
    Rule.TABLE_SUM,
    Rule.TABLE_HIERARCHY,
    Rule.TABLE_BALANCE,
    Rule.CROSS_TABLE,
    Rule.SUM_MISMATCH,
}


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Each report's canonical XML as ``docforge convert`` writes it (once per run: tests/conversions.py)."""
    if not SHARED_CORPUS.is_dir():
        pytest.skip(
            "../shared/corpus is absent: the third-party corpus is read from there, never copied"
        )
    real = SHARED_CORPUS / "real"
    folder = run_folder(tmp_path_factory)
    return {
        name: parse_report(converted_xml(folder, real / name)).getroot()
        for name in DOCUMENTS
        if (real / name).exists()
    }


def _root(converted: dict, name: str):
    if name not in converted:
        pytest.skip(f"{name} is not in ../shared/corpus/real")
    return converted[name]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_finding_on_real_documents_is_explained(converted: dict, name: str) -> None:
    found = [
        {"code": f.code.value, "severity": f.severity.value, "excerpt": f.excerpt}
        for f in check_report(_root(converted, name))
    ]
    expected = EXPECTED[name]
    assert found == [{k: e[k] for k in ("code", "severity", "excerpt")} for e in expected]
    assert all(e["why"] for e in expected)


def test_correct_report_has_no_error(converted: dict) -> None:
    assert not [f for f in check_report(_root(converted, FINANCE)) if f.severity is Severity.ERROR]


@pytest.mark.parametrize("name", [FINANCE, SOCIAL, PLANNING])
def test_no_false_sum_errors_and_every_standard_table_recognised(
    converted: dict, name: str
) -> None:
    root = _root(converted, name)
    assert not [f for f in check_report(root) if f.code in SUM_RULES]
    kinds = {t.kind for t in read_tables(root)}
    assert kinds >= set(TableKind) - {TableKind.PROJECT_PERFORMANCE_TARGETS}
    assert not [f for f in check_report(root) if f.code is Rule.MISSING_TABLE]


@pytest.mark.parametrize("name", [SOCIAL, PLANNING])
@pytest.mark.parametrize(
    "kind, title",
    [
        (TableKind.FISCAL_SUMMARY, "财政拨款收入支出决算总表"),
        (TableKind.GENERAL_BUDGET_EXPENDITURE, "一般公共预算财政拨款支出决算表"),
    ],
)
def test_the_two_tables_said_missing_are_reported_once_taken_out(
    converted: dict, name: str, kind: TableKind, title: str
) -> None:
    """GovBudgetChecker's manifest names 财政拨款收支决算总表 and 一般公共预算财政拨款支出决算明细表
    as missing from these two reports; both are printed there. Taken out of the XML, each is
    reported as a missing required table, by its standard title."""
    root = copy.deepcopy(_root(converted, name))
    taken = [t.element for t in read_tables(root) if t.kind is kind]
    assert taken, f"{name}: no {kind} table"
    for table in taken:
        table.getparent().remove(table)
    missing = [f for f in check_report(root) if f.code is Rule.MISSING_TABLE]
    assert len(missing) == 1, [f.message for f in missing]
    assert title in missing[0].message


def test_key_figures_come_from_tables_with_their_source(converted: dict) -> None:
    figures = key_figures(_root(converted, PLANNING))
    three = figures["three_public_final"]
    assert (three["value"], three["source"], three["table"]) == (
        "0.39",
        "table",
        "财政拨款“三公”经费支出决算表",
    )
    assert (
        figures["final_accounts"]["value"] == "9759.38"
        and figures["final_accounts"]["row"] == "本年支出合计"
    )
    assert figures["budget"]["source"] == "text"  # no 决算 table states the 年初预算
