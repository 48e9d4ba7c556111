"""The RELAX NG schema accepts what docforge writes and refuses malformed reports."""

from __future__ import annotations

import pytest

from docforge.model.xml import parse_report, validation_errors

VALID = """<report xmlns="urn:docforge:report:1" version="1">
  <meta>
    <title>2022年度部门整体支出绩效自评报告</title>
    <year>2022</year>
    <source file="a.txt" format="text" sha256="{sha}" size="10" encoding="utf-8"/>
    <generator name="docforge" version="0.1.0"/>
  </meta>
  <body>
    <p>引言。</p>
    <section id="s1" level="1">
      <num scheme="hanzi-comma" value="1">一、</num>
      <heading>部门概况</heading>
      <p>正文<strong>加粗</strong>。</p>
      {extra}
    </section>
    <section id="s2" level="1"><heading>没有编号的标题</heading></section>
  </body>
  <changes>
    <change kind="fix-spacing" src="l3"><before>2022 年</before><after>2022年</after></change>
  </changes>
</report>""".replace("{sha}", "0" * 64)


def sample(extra: str = "", title: str | None = None) -> str:
    text = VALID.replace("{extra}", extra)
    if title is not None:
        text = text.replace("<title>2022年度部门整体支出绩效自评报告</title>", title)
    return text


def test_valid_sample_passes() -> None:
    assert validation_errors(parse_report(sample())) == []


@pytest.mark.parametrize(
    ("xml", "fragment"),
    [
        (sample(title=""), "missing element title"),
        (sample(extra='<section id="s1-1" level="2"><p>无标题</p></section>'), "section/section"),
        (sample(extra="<blink>未知元素</blink>"), "blink"),
    ],
    ids=["missing-title", "section-without-heading", "unknown-element"],
)
def test_malformed_samples_fail_with_a_line_and_a_reason(xml: str, fragment: str) -> None:
    errors = validation_errors(parse_report(xml))
    assert errors, "the schema accepted a malformed report"
    assert all(e.line > 0 for e in errors)
    assert any(fragment in str(e) for e in errors), [str(e) for e in errors]
