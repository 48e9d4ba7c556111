"""The tagged PDF/UA rendition of one report: WeasyPrint lays out the same HTML as the web page
with the paged-media stylesheet ``print.css`` (the GB/T 9704 look)."""

from __future__ import annotations

import gc
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
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
# pydyf deflates every stream at level 9; on the CJK font programs that make most of a report's
# PDF, level 6 (zlib's default) is about twice as fast for 0.5 % more bytes (docs/scale.md).
DEFLATE_LEVEL = 6


def _page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    """The references of the PDF's pages, rebuilt only when a page was added.

    pydyf builds this tuple anew at each use, and WeasyPrint's tagging uses it once per
    structure element, which makes tagging quadratic in the pages (a tenth of a 300-page
    render). The tuple is pydyf's own (``PYDYF_PAGE_REFERENCES``; a test holds them equal)."""
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_docforge_page_references")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), PYDYF_PAGE_REFERENCES.fget(pdf))
        pdf.__dict__["_docforge_page_references"] = cached
    return cached[1]


PYDYF_PAGE_REFERENCES = pydyf.PDF.__dict__["page_references"]
pydyf.PDF.page_references = property(_page_references)


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


def _deflate_streams(pdf: pydyf.PDF) -> None:
    """Deflate the streams pydyf would deflate, at ``DEFLATE_LEVEL`` instead of its 9."""
    for obj in pdf.objects:
        if not isinstance(obj, pydyf.Stream) or not obj.compress:
            continue
        if all(isinstance(part, bytes) for part in obj.stream):
            obj.stream = [zlib.compress(b"\n".join(obj.stream), DEFLATE_LEVEL)]
            obj.extra["Filter"] = "/FlateDecode"
            obj.compress = False


def _finish(document: object, pdf: pydyf.PDF) -> None:
    """What WeasyPrint leaves to do before the PDF is written."""
    _scope_header_cells(document, pdf)
    _deflate_streams(pdf)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A render makes hundreds of thousands of objects; the cyclic collector's passes over them
    while they are all alive cost about a tenth of the render, and find little garbage. Pause
    it for the render, then collect the youngest generation (the render's own objects) once."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)


def render_pdf(
    root: etree._Element, created: datetime | None = None, fonts: dict[str, str] | None = None
) -> bytes:
    """The PDF of a canonical report; ``created`` (default: now) becomes its creation date;
    ``fonts`` maps roles to font files (``site.fonts``)."""
    when = (created or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    page = render_html(root, PageLinks(stylesheet=""), created=when)
    with _collector_paused():
        return HTML(string=page).write_pdf(
            stylesheets=[
                print_stylesheet(),
                fonts_stylesheet(tuple(sorted((fonts or {}).items()))),
            ],
            font_config=font_configuration(),
            pdf_variant=PDF_VARIANT,
            pdf_tags=True,
            finisher=_finish,
        )
