"""The tagged PDF/UA rendition: what pikepdf finds in its catalog, tags, fonts and outline,
and what pdfplumber measures of the GB/T 9704 page."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pdfplumber
import pikepdf
import pydyf
import pytest

from docforge.render.pdf import PYDYF_PAGE_REFERENCES, render_pdf
from docforge.render.pdf_fonts import missing_characters, role_fonts
from docforge.render.report_view import display_title
from tests.conftest import seed
from tests.render_fixtures import CRAFTED_STEMS, REPORT_STEMS, report_root, section_count

pytestmark = pytest.mark.slow

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
MARGINS = {"top": 37 * MM, "right": 26 * MM, "bottom": 35 * MM, "left": 28 * MM}
CREATED = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    made = {}
    for stem in REPORT_STEMS:
        made[stem] = out / f"{stem}.pdf"
        made[stem].write_bytes(render_pdf(report_root(stem), created=CREATED))
    return made


@pytest.fixture
def pdf(pdfs: dict[str, Path], request: pytest.FixtureRequest) -> Iterator[pikepdf.Pdf]:
    with pikepdf.open(pdfs[request.param]) as opened:
        yield opened


def _struct_elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """Every structure element below ``node``, in document order."""
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _struct_elements(kid)


def _bookmarks(items: list[pikepdf.OutlineItem]) -> Iterator[str]:
    for item in items:
        yield item.title
        yield from _bookmarks(item.children)


def _heading_ranks(pdf: pikepdf.Pdf) -> list[int]:
    return [
        int(str(e.S)[2:])
        for e in _struct_elements(pdf.Root.StructTreeRoot)
        if re.fullmatch(r"/H[1-6]", str(e.S))
    ]


@pytest.mark.parametrize("pdf", REPORT_STEMS, indirect=True)
def test_catalog_says_tagged_pdf_ua_in_chinese(pdf: pikepdf.Pdf) -> None:
    root = pdf.Root
    assert "/StructTreeRoot" in root
    assert root.MarkInfo.Marked is True
    assert str(root.Lang) == "zh-CN"
    assert root.ViewerPreferences.DisplayDocTitle is True


@pytest.mark.parametrize("pdf", REPORT_STEMS, indirect=True)
def test_metadata_names_title_department_kind_and_date(
    pdf: pikepdf.Pdf, request: pytest.FixtureRequest
) -> None:
    root = report_root(request.node.callspec.params["pdf"])
    department = root.findtext(".//{urn:docforge:report:1}department")
    # The document title names the department even where the printed title does not.
    title = display_title(root.findtext(".//{urn:docforge:report:1}title"), department)
    kind = root.findtext(".//{urn:docforge:report:1}kind")
    with pdf.open_metadata() as xmp:
        assert xmp.get("dc:title") == title
        assert xmp.get("pdfuaid:part") == "1"
    info = pdf.docinfo
    assert str(info.Title) == title
    assert str(info.get("/Author", "")) == (department or "")
    assert str(info.get("/Subject", "")) == (kind or "")
    if department:
        assert department in str(info.Keywords)
    assert str(info.CreationDate).startswith("D:20240506070809")


@pytest.mark.parametrize("pdf", REPORT_STEMS, indirect=True)
def test_every_font_is_embedded(pdf: pikepdf.Pdf) -> None:
    fonts = [
        obj
        for obj in pdf.objects
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"
    ]
    assert fonts
    for font in fonts:
        for leaf in font.DescendantFonts if "/DescendantFonts" in font else [font]:
            if leaf.Subtype == "/Type3":
                continue
            descriptor = leaf.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
                f"{leaf.BaseFont} is not embedded"
            )


@pytest.mark.parametrize("pdf", REPORT_STEMS, indirect=True)
def test_headings_start_at_h1_and_skip_no_rank(pdf: pikepdf.Pdf) -> None:
    ranks = _heading_ranks(pdf)
    assert ranks[0] == 1 and ranks.count(1) == 1
    for previous, rank in zip(ranks, ranks[1:], strict=False):
        assert rank <= previous + 1, f"H{previous} then H{rank}"


@pytest.mark.parametrize("pdf", REPORT_STEMS, indirect=True)
def test_one_bookmark_per_heading(pdf: pikepdf.Pdf, request: pytest.FixtureRequest) -> None:
    headings = 1 + section_count(report_root(request.node.callspec.params["pdf"]))
    with pdf.open_outline() as outline:
        titles = list(_bookmarks(outline.root))
    assert len(titles) == headings == len(_heading_ranks(pdf))
    assert all(t.strip() for t in titles)


@pytest.mark.parametrize("pdf", CRAFTED_STEMS, indirect=True)
def test_table_header_cells_carry_scope(pdf: pikepdf.Pdf) -> None:
    elements = list(_struct_elements(pdf.Root.StructTreeRoot))
    headers = [e for e in elements if e.S == "/TH"]
    assert headers
    scopes = {str(th.A.Scope) for th in headers}
    assert scopes == {"/Column", "/Row"}
    assert all("/Headers" in td.A for td in elements if td.S == "/TD")


@pytest.mark.parametrize("stem", REPORT_STEMS)
def test_page_is_a4_with_official_margins_type_and_numbers(
    pdfs: dict[str, Path], stem: str
) -> None:
    with pdfplumber.open(pdfs[stem]) as doc:
        for number, page in enumerate(doc.pages[:2], start=1):
            assert (round(page.width), round(page.height)) == (round(A4[0]), round(A4[1]))
            words = page.extract_words(extra_attrs=["size"])
            footer = [w for w in words if w["top"] > A4[1] - MARGINS["bottom"]]
            assert str(number) in "".join(w["text"] for w in footer)
            body = [
                c for c in page.chars if c["top"] < A4[1] - MARGINS["bottom"] and c["text"].strip()
            ]
            assert min(c["x0"] for c in body) >= MARGINS["left"] - 1
            assert max(c["x1"] for c in body) <= A4[0] - MARGINS["right"] + 1
            assert min(c["top"] for c in body) >= MARGINS["top"] - 1
        first = doc.pages[0]
        sizes = [round(c["size"]) for c in first.chars if c["text"].strip()]
        assert sizes[0] == 22 and max(set(sizes), key=sizes.count) == 16
        footer_text = "".join(
            c["text"] for c in first.chars if c["top"] > A4[1] - MARGINS["bottom"]
        )
        assert re.fullmatch(r"—\s*1\s*—", footer_text.strip())


@pytest.mark.parametrize("stem", CRAFTED_STEMS)
def test_a_table_crossing_pages_repeats_its_head_row(pdfs: dict[str, Path], stem: str) -> None:
    with pdfplumber.open(pdfs[stem]) as doc:
        texts = [page.extract_text() or "" for page in doc.pages]
    carrying = [t for t in texts if "专项工作经费" in t]
    assert len(carrying) >= 2
    assert all("项目名称" in t and "执行率" in t for t in carrying)


def test_render_pdf_returns_pdf_bytes_for_convert() -> None:
    data = render_pdf(report_root(CRAFTED_STEMS[0]))
    assert data.startswith(b"%PDF-1.7")
    with pikepdf.open(BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 2


_BLOCKS = re.compile(r"/(H[1-6]|P|LBody|Table|Caption)")


@pytest.mark.parametrize("pdf", REPORT_STEMS, indirect=True)
def test_no_heading_is_left_alone_at_a_page_foot(pdf: pikepdf.Pdf) -> None:
    """WeasyPrint tags page by page, so each block's /Pg says where it was laid out."""
    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    last_block: dict[int, str] = {}
    for element in _struct_elements(pdf.Root.StructTreeRoot):
        if _BLOCKS.fullmatch(str(element.S)) and "/Pg" in element:
            last_block[pages[element.Pg.objgen]] = str(element.S)
    lonely = [
        n + 1 for n, kind in last_block.items() if kind.startswith("/H") and n + 1 < len(pdf.pages)
    ]
    assert lonely == []


def test_convert_writes_the_pdf_beside_the_xml_and_page(tmp_path: Path) -> None:
    stem = REPORT_STEMS[0]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "docforge.cli",
            "convert",
            str(seed(stem)),
            "-o",
            str(tmp_path),
            "--to",
            "xml,html,pdf",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    with pikepdf.open(tmp_path / f"{stem}.pdf") as pdf:
        assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == "zh-CN"
    assert f'href="{stem}.pdf"' in (tmp_path / f"{stem}.html").read_text(encoding="utf-8")


# --- faces by role (GB/T 9704) ---------------------------------------------------------------

NS = "{urn:docforge:report:1}"


def _pdffonts(path: Path) -> list[tuple[str, bool]]:
    """(name without the subset prefix, embedded) of every font pdffonts lists."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        cells = line.split()
        name = cells[0].split("+", 1)[-1]
        rows.append((name.replace("-", "").lower(), cells[-5] == "yes"))
    return rows


def _first_heading(root, level: int, scheme: str) -> str:
    section = next(
        s
        for s in root.iter(f"{NS}section")
        if s.get("level") == str(level)
        and s.find(f"{NS}num") is not None
        and s.find(f"{NS}num").get("scheme") == scheme
    )
    return section.find(f"{NS}num").text + section.findtext(f"{NS}heading")


def _line_fonts(path: Path, text: str) -> set[str]:
    """The fonts of the characters of the first printed line that starts with ``text``."""
    with pdfplumber.open(path) as doc:
        for page in doc.pages:
            lines: dict[int, list[dict]] = {}
            for char in page.chars:
                lines.setdefault(round(char["top"]), []).append(char)
            for chars in lines.values():
                chars.sort(key=lambda c: c["x0"])
                line = "".join(c["text"] for c in chars)
                if line.startswith(text[:8]):
                    return {
                        c["fontname"].split("+", 1)[-1].replace("-", "").lower()
                        for c in chars[: len(text)]
                        if c["text"].strip()
                    }
    raise AssertionError(f"no line starts with {text}")


def _role_lines(root) -> dict[str, str]:
    body = next(p for p in root.iter(f"{NS}p") if len("".join(p.itertext())) > 40)
    return {
        "title": root.findtext(f".//{NS}title")[:8],
        "heading1": _first_heading(root, 1, "hanzi-comma"),
        "heading2": _first_heading(root, 2, "paren-hanzi"),
        "heading3": _first_heading(root, 3, "arabic-dot"),
        "body": "".join(body.itertext())[:12],
    }


ROLE_STEM = next(s for s in REPORT_STEMS if s.startswith("004"))


def test_pdffonts_lists_the_face_of_each_role_embedded(pdfs: dict[str, Path]) -> None:
    listed = _pdffonts(pdfs[ROLE_STEM])
    assert listed and all(embedded for _, embedded in listed)
    for font in role_fonts():
        assert any(name.startswith(font.family_key) for name, _ in listed), (font.role, listed)


def test_each_role_is_set_in_its_face(pdfs: dict[str, Path]) -> None:
    """Title 小标宋, body 仿宋, 一、 黑体, （一） 楷体, 1. bold: each line in its role's face."""
    root = report_root(ROLE_STEM)
    faces = {font.role: font.family_key for font in role_fonts()}
    for role, text in _role_lines(root).items():
        fonts = _line_fonts(pdfs[ROLE_STEM], text)
        assert fonts and all(f.startswith(faces[role]) for f in fonts), (role, text, fonts)


def test_a_configured_font_file_sets_its_role(tmp_path: Path) -> None:
    """The operator's licensed file (site.toml [fonts]) replaces the free face of its role."""
    wenkai = Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")
    if not wenkai.is_file():
        pytest.skip("fonts-lxgw-wenkai is not installed")
    root = report_root(ROLE_STEM)
    path = tmp_path / "configured.pdf"
    path.write_bytes(render_pdf(root, fonts={"body": str(wenkai)}))
    assert _line_fonts(path, _role_lines(root)["body"]) == {"lxgwwenkai"}


def test_a_character_the_role_face_lacks_falls_back_glyph_by_glyph(tmp_path: Path) -> None:
    body = next(f for f in role_fonts() if f.role == "body")
    if body.path is None:
        pytest.skip("no role file: the body is already set in a face that covers every character")
    rare = next(c for c in "䶮𠮷鿏㐂" if missing_characters(c, body.path))
    root = report_root(ROLE_STEM)
    paragraph = next(p for p in root.iter(f"{NS}p") if len("".join(p.itertext())) > 40)
    paragraph.text = f"罕见字{rare}也要印出。" + (paragraph.text or "")
    path = tmp_path / "rare.pdf"
    path.write_bytes(render_pdf(root))
    with pdfplumber.open(path) as doc:
        chars = [c for page in doc.pages for c in page.chars]
    found = [c for c in chars if c["text"] == rare]
    assert found, "the character was dropped"
    assert (
        not found[0]["fontname"].split("+")[-1].replace("-", "").lower().startswith(body.family_key)
    )
    neighbours = [c for c in chars if c["text"] in "罕见"]
    assert (
        neighbours[0]["fontname"]
        .split("+")[-1]
        .replace("-", "")
        .lower()
        .startswith(body.family_key)
    )


@pytest.mark.parametrize("pdf", REPORT_STEMS, indirect=True)
def test_every_stream_is_deflated_and_inflates(pdf: pikepdf.Pdf) -> None:
    """The renderer deflates the streams itself (at a faster level than pydyf's)."""
    streams = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream)]
    assert streams
    for stream in streams:
        assert stream.get("/Filter") == "/FlateDecode"
        assert stream.read_bytes()


@pytest.mark.parametrize("pdf", REPORT_STEMS, indirect=True)
def test_structure_elements_name_every_page_and_only_pages(pdf: pikepdf.Pdf) -> None:
    """The page references the tagging reuses are those of the finished PDF, last page too."""
    named = {e.Pg.objgen for e in _struct_elements(pdf.Root.StructTreeRoot) if "/Pg" in e}
    assert named == {page.objgen for page in pdf.pages}


def test_page_references_follow_each_added_page() -> None:
    made = pydyf.PDF()
    for _ in range(3):
        made.add_page(pydyf.Dictionary({"Type": "/Page"}))
        made.add_object(pydyf.Dictionary())
        assert made.page_references == PYDYF_PAGE_REFERENCES.fget(made)
    assert len(made.page_references) == 3
