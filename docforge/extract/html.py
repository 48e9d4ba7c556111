"""Saved web pages (``.html``, ``.htm``, ``.mhtml``, ``.mht``): the article as blocks.

A report re-published on a government portal and saved from the browser. The
page is decoded (``html_decode``), parsed with lxml with network access off,
cleaned of everything a reader does not see (scripts, styles, forms, frames,
hidden elements, comments), its article located (``html_content``) and read in
the page's own structure (``html_blocks``). The article's title is put first when
the article does not start with it. The page's disclosure metadata (索引号, 发布机构,
文号, 发布日期, 来源 …) travels with the blocks; the chrome left inside the article
is the normalizer's (``strip_web_noise``), with the same vocabulary. Nothing is
fetched: images, stylesheets and frames are never loaded.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from docforge.errors import InputError
from docforge.extract.encoding import UndecodableText
from docforge.extract.html_blocks import article_blocks, remove_invisible
from docforge.extract.html_content import (
    EXTRACTOR,
    disclosure,
    locate_article,
    meta_fields,
    page_title,
    redirect_target,
)
from docforge.extract.html_decode import (
    NotAWebPage,
    PageText,
    decode_page,
    looks_like_mhtml,
    mhtml_page,
)
from docforge.model.blocks import Block, Extraction, Provenance, SourceInfo, Span, TextBlock
from docforge.text.web_chrome import compact

MHTML_SUFFIXES = (".mhtml", ".mht")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_MARKUP = re.compile(r"<\s*(?:html|head|body|div|p|table|meta|title|!doctype)\b", re.IGNORECASE)
# A saved report page is some hundred kilobytes; an MHTML archive with its images a few megabytes.
MAX_PAGE_BYTES = 64 * 1024 * 1024
# A page with less visible text than this that sends the reader elsewhere is only a redirect.
REDIRECT_TEXT_MAX = 200


def _parser() -> lxml_html.HTMLParser:
    """lxml's HTML parser with network access, comments and processing instructions off."""
    return lxml_html.HTMLParser(
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        recover=True,
        huge_tree=False,
        default_doctype=False,
    )


def _decode(path: Path, data: bytes) -> PageText:
    try:
        if path.suffix.lower() in MHTML_SUFFIXES or looks_like_mhtml(data):
            return mhtml_page(data)
        return decode_page(data)
    except (UndecodableText, NotAWebPage) as exc:
        raise InputError(path, f"not a web page: {exc}") from None


def parse_page(path: Path, page: PageText) -> lxml_html.HtmlElement:
    text = _XML_DECLARATION.sub("", page.html)
    if not _MARKUP.search(text[:65536]):
        raise InputError(path, "not a web page: no HTML markup in the file")
    try:
        return lxml_html.document_fromstring(text, parser=_parser())
    except (etree.ParserError, ValueError) as exc:
        raise InputError(path, f"cannot parse the web page ({exc})") from None


def _with_title(blocks: list[Block], title: str | None) -> list[Block]:
    """The article's blocks, with its title first when the article does not open with it."""
    if not title:
        return blocks
    key = compact(title)
    opening = [b for b in blocks[:3] if isinstance(b, TextBlock)]
    if any(compact(b.text) == key for b in opening):
        return blocks
    return [TextBlock(spans=(Span(title),), prov=Provenance(paragraph=0)), *blocks]


def read_html_file(path: Path, data: bytes, digest: str) -> Extraction:
    """Blocks of a saved web page; InputError with a one-line cause when it holds no article."""
    if len(data) > MAX_PAGE_BYTES:
        raise InputError(
            path,
            f"web page too large for one report ({len(data) // 2**20} MiB, "
            f"limit {MAX_PAGE_BYTES // 2**20} MiB)",
        )
    page = _decode(path, data)
    root = parse_page(path, page)
    meta = meta_fields(root)
    redirect = redirect_target(root)
    remove_invisible(root)
    body = root.find("body")
    visible = compact(body.text_content()) if body is not None else ""
    if redirect and len(visible) < REDIRECT_TEXT_MAX:
        raise InputError(
            path, f"a page that only redirects to {redirect}; save the page it leads to"
        )
    located = locate_article(root, page.html)
    blocks = article_blocks(located.element) if located else []
    if not any(isinstance(b, TextBlock) for b in blocks):
        raise InputError(path, "no article content in the web page")
    fields = disclosure(root, located.element, meta)
    title = page_title(root, located.element, dict(fields))
    source = SourceInfo(
        file_name=path.name, format="html", sha256=digest, size=len(data), encoding=page.encoding
    )
    warnings = (
        []
        if located.method == EXTRACTOR
        else [
            f"the article was found by {located.method}, not by the content extractor; check its extent"
        ]
    )
    return Extraction(
        source=source, blocks=_with_title(blocks, title), warnings=warnings, disclosure=fields
    )
