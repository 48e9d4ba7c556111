"""The tagged PDF/UA rendition of one report: WeasyPrint lays out the same HTML as the web page
with the paged-media stylesheet ``print.css`` (the GB/T 9704 look)."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

import pydyf
from lxml import etree
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from docforge.render.assets import asset_text
from docforge.render.html import PageLinks, render_html
from docforge.render.pdf_fonts import font_face_css, role_fonts

PDF_VARIANT = "pdf/ua-1"


@cache
def font_configuration() -> FontConfiguration:
    """One font configuration for the process: building it and loading CJK fonts is costly."""
    return FontConfiguration()


@cache
def print_stylesheet() -> CSS:
    """``print.css``, parsed once and reused for every PDF."""
    return CSS(string=asset_text("print.css"), font_config=font_configuration())


@cache
def fonts_stylesheet(configured: tuple[tuple[str, str], ...] = ()) -> CSS:
    """The faces by role (``site.toml``'s font files, else the best free ones), parsed once."""
    return CSS(string=font_face_css(role_fonts(dict(configured))), font_config=font_configuration())


def _object(pdf: pydyf.PDF, reference: bytes) -> pydyf.Object:
    return pdf.objects[int(reference.split()[0])]


def _scope_header_cells(_document: object, pdf: pydyf.PDF) -> None:
    """Give every TH its /Scope, which WeasyPrint leaves out and PDF/UA asks for.

    The page's markup has one rule (head cells head their column, body ``th``s their row),
    so the row group a TH sits in says its scope."""
    for obj in pdf.objects:
        if not isinstance(obj, pydyf.Dictionary) or obj.get("S") != "/TH":
            continue
        group = _object(pdf, _object(pdf, obj["P"])["P"])
        scope = "/Column" if group.get("S") == "/THead" else "/Row"
        obj.setdefault("A", pydyf.Dictionary({"O": "/Table"}))["Scope"] = scope


def render_pdf(
    root: etree._Element, created: datetime | None = None, fonts: dict[str, str] | None = None
) -> bytes:
    """The PDF of a canonical report; ``created`` (default: now) becomes its creation date;
    ``fonts`` maps roles to font files (``site.fonts``)."""
    when = (created or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    page = render_html(root, PageLinks(stylesheet=""), created=when)
    return HTML(string=page).write_pdf(
        stylesheets=[print_stylesheet(), fonts_stylesheet(tuple(sorted((fonts or {}).items())))],
        font_config=font_configuration(),
        pdf_variant=PDF_VARIANT,
        pdf_tags=True,
        finisher=_scope_header_cells,
    )
