"""Small Word files made in the tests: python-docx documents with raw parts swapped in.

Tests state the exact XML they are about (a ``numbering.xml``, a body with
tracked changes) and leave the rest of the package to python-docx, so each
file is a real DOCX that Word would open.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.oxml import parse_xml

from docforge.extract.docx import read_docx_file
from docforge.model.blocks import Extraction

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


@dataclass(frozen=True)
class Para:
    """A paragraph to write: its text, and its list (numId, level) or style."""

    text: str
    num_id: int | None = None
    ilvl: int = 0
    style: str | None = None


def lvl(
    ilvl: int, fmt: str, text: str, start: int = 1, suff: str | None = None, extra: str = ""
) -> str:
    suffix = f'<w:suff w:val="{suff}"/>' if suff else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'{suffix}<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
    )


def numbering_xml(abstracts: dict[int, str], nums: dict[int, tuple[int, str]]) -> str:
    """A numbering part from abstract definitions (levels' XML) and instances (abstract id, overrides)."""
    body = "".join(
        f'<w:abstractNum w:abstractNumId="{a}">{levels}</w:abstractNum>'
        for a, levels in abstracts.items()
    )
    body += "".join(
        f'<w:num w:numId="{n}"><w:abstractNumId w:val="{a}"/>{overrides}</w:num>'
        for n, (a, overrides) in nums.items()
    )
    return f"<w:numbering {NAMESPACES}>{body}</w:numbering>"


def numbered_docx(
    numbering: str,
    paragraphs: list[Para],
    style_numbering: dict[str, tuple[int, int | None]] | None = None,
    extra_styles: str = "",
) -> bytes:
    """A python-docx document with ``numbering`` as its numbering part.

    ``style_numbering`` attaches a list to a paragraph style: style name →
    (numId, ilvl or None), as Word does for "List Number" and heading styles.
    ``extra_styles`` is raw ``w:style`` XML added to the styles part.
    """
    document = docx.Document()
    if extra_styles:
        for style in parse_xml(f"<w:styles {NAMESPACES}>{extra_styles}</w:styles>"):
            document.styles.element.append(style)
    for name, (num_id, ilvl) in (style_numbering or {}).items():
        numpr = document.styles[name].element.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_numId().val = num_id
        if ilvl is not None:
            numpr.get_or_add_ilvl().val = ilvl
    for para in paragraphs:
        p = document.add_paragraph(para.text, style=para.style)
        if para.num_id is not None:
            numpr = p._p.get_or_add_pPr().get_or_add_numPr()
            numpr.get_or_add_ilvl().val = para.ilvl
            numpr.get_or_add_numId().val = para.num_id
    document.part.numbering_part._element = parse_xml(numbering)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def body_docx(body: str) -> bytes:
    """A python-docx document whose body is ``body`` (WordprocessingML, ``w:`` prefix)."""
    document = docx.Document()
    element = document.element.body
    section = element.find(f"{{{W_NS}}}sectPr")
    for child in list(element):
        element.remove(child)
    for child in parse_xml(f"<w:body {NAMESPACES}>{body}</w:body>"):
        element.append(child)
    if section is not None:
        element.append(section)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_parts(
    data: bytes,
    parts: dict[str, bytes],
    *,
    relationships: dict[str, str] | None = None,
    content_types: dict[str, str] | None = None,
) -> bytes:
    """The package ``data`` with extra or replaced parts, document relationships
    (type → target) and content types (part name → type)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in parts:
                continue
            content = source.read(info)
            if info.filename == "word/_rels/document.xml.rels" and relationships:
                extra = "".join(
                    f'<Relationship Id="rIdTest{i}" Type="http://schemas.openxmlformats.org/'
                    f'officeDocument/2006/relationships/{kind}" Target="{target_name}"/>'
                    for i, (kind, target_name) in enumerate(relationships.items())
                )
                content = content.replace(b"</Relationships>", extra.encode() + b"</Relationships>")
            if info.filename == "[Content_Types].xml" and content_types:
                extra = "".join(
                    f'<Override PartName="/{name}" ContentType="{kind}"/>'
                    for name, kind in content_types.items()
                )
                content = content.replace(b"</Types>", extra.encode() + b"</Types>")
            target.writestr(info, content)
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def read(data: bytes, name: str = "test.docx") -> Extraction:
    return read_docx_file(Path(name), data, hashlib.sha256(data).hexdigest())
