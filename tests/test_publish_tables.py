"""Each table of the sample publish as open data: CSV (UTF-8 with BOM) and JSON beside its report, read back
and compared with the canonical XML, linked from the table on the page and listed in catalog.json."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree, html

from docforge.model.xml import parse_report, q, table_grid
from tests.conftest import FIXTURES
from tests.publish_support import publish

SAMPLE = FIXTURES / "incoming"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("tables")
    result = publish(
        SAMPLE,
        base / "site",
        base / "archive",
        "--no-pdf",
        "--config",
        str(FIXTURES / "portal" / "publish_all.toml"),
    )
    assert result.returncode == 0, result.stderr
    return base / "site"


def _expected(table: etree._Element) -> tuple[list[str], list[list[object]]]:
    """Header paths and body values as the XML states them: numbers for typed figures, text otherwise."""
    head, body = table.find(q("thead")), table.find(q("tbody"))
    head_rows = list(head) if head is not None else []
    grid = table_grid(head_rows + list(body))
    width = max(max(row) + 1 for row in grid if row)
    names = []
    for c in range(width):
        path: list[str] = []
        for row in grid[: len(head_rows)]:
            text = " ".join("".join(row[c].itertext()).split()) if c in row else ""
            if text and (not path or path[-1] != text):
                path.append(text)
        names.append(" / ".join(path) or f"第{c + 1}列")
    rows = []
    for row in grid[len(head_rows) :]:
        values: list[object] = []
        for c in range(width):
            cell = row.get(c)
            if cell is None or (c > 0 and row.get(c - 1) is cell):
                values.append(None)
            elif cell.get("type") in ("amount", "percent"):
                values.append(Decimal(cell.get("value")))
            else:
                values.append(" ".join("".join(cell.itertext()).split()) or None)
        rows.append(values)
    return names, rows


def _versions(site: Path) -> list[tuple[dict, Path]]:
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    return [
        (version, site / version["xml"])
        for report in catalog["reports"]
        for version in report["versions"]
    ]


def test_every_table_is_published_as_csv_and_json_equal_to_the_xml(site: Path) -> None:
    checked = 0
    for version, xml_path in _versions(site):
        root = parse_report(xml_path.read_bytes()).getroot()
        tables = list(root.iter(q("table")))
        assert [t["id"] for t in version.get("tables", [])] == [t.get("id") for t in tables]
        for table, entry in zip(tables, version.get("tables", []), strict=True):
            names, rows = _expected(table)
            raw = (site / entry["csv"]).read_bytes()
            assert raw.startswith("\ufeff".encode())
            lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
            assert lines[0] == names
            assert lines[1:] == [["" if v is None else str(v) for v in row] for row in rows]
            data = json.loads((site / entry["json"]).read_text(encoding="utf-8"))
            assert [c["name"] for c in data["columns"]] == names
            assert [
                [Decimal(str(v)) if isinstance(v, int | float) else v for v in row]
                for row in data["rows"]
            ] == rows
            assert (data["caption"], data["unit"], data["kind"]) == (
                entry["caption"],
                table.findtext(q("unit")),
                table.get("kind"),
            )
            checked += 1
    assert checked >= 3  # the sample's 决算 tables at least


def test_tables_link_their_data_from_the_page(site: Path) -> None:
    linked = 0
    for version, _ in _versions(site):
        page = html.fromstring((site / version["page"]).read_bytes())
        links = {a.get("href") for a in page.iter("a")}
        for entry in version.get("tables", []):
            assert f"tables/{entry['id']}.csv" in links and f"tables/{entry['id']}.json" in links
            linked += 1
    assert linked >= 3
