"""Standard 决算/预算 tables are known by their titles, in the variations real disclosures print."""

from __future__ import annotations

import pytest

from docforge.text.standard_tables import TableKind, standard_table_kind


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("收入支出决算总表", TableKind.INCOME_EXPENDITURE_SUMMARY),
        ("2026年部门财务收支预算总表", TableKind.INCOME_EXPENDITURE_SUMMARY),
        ("部门收支总表", TableKind.INCOME_EXPENDITURE_SUMMARY),
        ("收入决算表", TableKind.INCOME),
        ("2025年预算单位收入预算总表", TableKind.INCOME),
        ("表2 部门收入预算表", TableKind.INCOME),
        ("支出决算表", TableKind.EXPENDITURE),
        ("2025年部门支出预算总表", TableKind.EXPENDITURE),
        ("财政拨款收入支出决算总表", TableKind.FISCAL_SUMMARY),
        ("2025年预算单位财政拨款收支预算总表", TableKind.FISCAL_SUMMARY),
        ("一般公共预算财政拨款支出决算表", TableKind.GENERAL_BUDGET_EXPENDITURE),
        ("2026年部门一般公共预算支出功能分类预算表", TableKind.GENERAL_BUDGET_EXPENDITURE),
        ("一般公共预算财政拨款基本支出决算表", TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE),
        (
            "2025年预算单位一般公共预算基本支出部门预算经济分类预算表",
            TableKind.GENERAL_BUDGET_BASIC_EXPENDITURE,
        ),
        ("政府性基金预算财政拨款收入支出决算表", TableKind.GOVERNMENT_FUND),
        ("2025年部门政府性基金预算支出功能分类预算表", TableKind.GOVERNMENT_FUND),
        ("国有资本经营预算财政拨款收入支出决算表", TableKind.STATE_CAPITAL),
        ("2025年预算单位国有资本经营预算支出功能分类预算表", TableKind.STATE_CAPITAL),
        ("财政拨款“三公”经费支出决算表", TableKind.THREE_PUBLIC),
        ('财政拨款"三公"经费支出决算表', TableKind.THREE_PUBLIC),
        ("2025年单位“三公”经费和机关运行经费预算表", TableKind.THREE_PUBLIC),
        ("项目支出绩效目标表", TableKind.PROJECT_PERFORMANCE_TARGETS),
        ("表6 一般公共预算财政拨款支出决算表（续）", TableKind.GENERAL_BUDGET_EXPENDITURE),
        ("表 4：财政拨款收入支出决算总表", TableKind.FISCAL_SUMMARY),
    ],
)
def test_standard_titles(title: str, kind: TableKind) -> None:
    assert standard_table_kind(title) is kind


@pytest.mark.parametrize(
    "title",
    [
        "上海市财政局2024年度部门决算表",  # the part that holds the tables, not one of them
        "收入支出决算总体情况说明",  # the section explaining a table
        "一般公共预算财政拨款支出决算情况说明",
        "部门整体支出绩效评价指标评分表",
        "2022年度部门预算执行情况",
        "本年度收入支出决算总表反映了部门全年收支情况，与上年相比有所增加，主要原因是人员变动导致支出增加的表",
    ],
)
def test_other_titles_are_no_standard_table(title: str) -> None:
    assert standard_table_kind(title) is None
