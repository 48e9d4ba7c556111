"""Where a saved page's article is, what its title is, and what the page says about it.

The article is found by readability-lxml (see the README for why it and not
trafilatura): its text tells which element of the page holds the article —
the deepest one that contains both the first and the last paragraph the library
kept — so the page's own markup (headings, bold labels, tables, indents) is read
from there, not the library's simplified copy. When the library finds nothing,
the page's own conventions name the article: ``<main>``, ``<article>``, ``#zoom``,
``.TRS_Editor``, ``.article_content``, ``.content`` …

The disclosure metadata comes from the page's ``<meta>`` (``ArticleTitle``,
``PubDate``, ``ContentSource``) and from every line outside the article that the
shared chrome vocabulary (``docforge.text.web_chrome``) reads as metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import html as lxml_html

from docforge.extract.html_blocks import BLOCK_TAGS
from docforge.text.web_chrome import META_FIELDS, chrome_line, compact

# The page's own names for its article, most specific first.
CONVENTIONAL_CONTAINERS = (
    "//*[@id='zoom' or @id='Zoom' or @id='fontzoom' or @id='UCAP-CONTENT' or @id='art_content']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' TRS_Editor ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' article_content ')]",
    "//article",
    "//main",
    "//*[@role='main']",
    "//*[@id='content' or @id='main-content' or @id='article']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' content ')]",
)
MIN_ARTICLE_CHARS = 40
EXTRACTOR = "readability-lxml"
SNIPPET = 12
TITLE_MAX = 100
# Elements too small to be the article itself: the article is their container.
_PARAGRAPH_TAGS = {
    "p",
    "span",
    "font",
    "strong",
    "b",
    "em",
    "i",
    "a",
    "li",
    "u",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}
# A class naming a title: ``article_title``, ``title``, ``biaoti``, ``bt`` (not ``btn``, not ``subtitle``).
_TITLE_CLASS = re.compile(r"(?:^|[\s_-])(?:title|biaoti|bt)(?:$|[\s_-])", re.IGNORECASE)
_TITLE_SPLIT = re.compile(r"\s*[_|｜—–-]\s*")


@dataclass(frozen=True)
class Located:
    element: lxml_html.HtmlElement
    method: str


def library_text(page: str) -> str:
    """The article's text as readability-lxml extracts it (no network: the page is given)."""
    from readability import Document
    from readability.readability import Unparseable

    try:
        summary = Document(page).summary(html_partial=True)
    except (Unparseable, ValueError, TypeError):
        return ""
    if not summary.strip():
        return ""
    return "\n".join(
        part.strip() for part in lxml_html.fromstring(summary).itertext() if part.strip()
    )


def _snippets(text: str) -> tuple[str, str] | None:
    """The start of the first and the end of the last line of the article proper.

    Lines the chrome vocabulary knows (a 来源 line, a breadcrumb the library kept)
    are passed over, so the article's element is found rather than the page
    around it; a table row (``| … |``) counts by its cells.
    """
    rows = [line for line in text.splitlines() if chrome_line(line.replace("|", " ")) is None]
    cells = [cell for line in rows for cell in line.split("|")]
    lines = [compact(cell) for cell in cells if chrome_line(cell) is None]
    lines = [line for line in lines if len(line) >= 4 and set(line) - set("-:")]
    if not lines:
        return None
    return lines[0][:SNIPPET], lines[-1][-SNIPPET:]


def _text(el: lxml_html.HtmlElement) -> str:
    return compact(el.text_content())


def covering_element(body: lxml_html.HtmlElement, text: str) -> lxml_html.HtmlElement | None:
    """The deepest element whose text holds the first and the last paragraph of ``text``."""
    snippets = _snippets(text)
    if snippets is None:
        return None
    first, last = snippets

    def holds(el: lxml_html.HtmlElement) -> bool:
        content = _text(el)
        start = content.find(first)
        return start >= 0 and content.rfind(last) >= start

    if not holds(body):
        return None
    node = body
    while True:
        inner = next((child for child in node if isinstance(child.tag, str) and holds(child)), None)
        if inner is None:
            break
        node = inner
    while node.tag in _PARAGRAPH_TAGS and node.getparent() is not None:
        node = node.getparent()
    return node


def conventional_container(root: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    for path in CONVENTIONAL_CONTAINERS:
        found = [el for el in root.xpath(path) if len(_text(el)) >= MIN_ARTICLE_CHARS]
        if found:
            return max(found, key=lambda el: len(_text(el)))
    return None


def _outweighed(node: lxml_html.HtmlElement, convention: lxml_html.HtmlElement | None) -> bool:
    """The extractor chose a part of the page apart from, and smaller than, the page's named article."""
    if convention is None or node is convention:
        return False
    related = node in convention.iterancestors() or convention in node.iterancestors()
    return not related and len(_text(convention)) > len(_text(node))


def locate_article(root: lxml_html.HtmlElement, page: str) -> Located | None:
    """The element that holds the article: by the library's text, else by convention."""
    body = root.find("body") if root.tag != "body" else root
    if body is None:
        body = root
    extracted = library_text(page)
    convention = conventional_container(root)
    if len(compact(extracted)) >= MIN_ARTICLE_CHARS:
        node = covering_element(body, extracted)
        if node is not None and not _outweighed(node, convention):
            return Located(node, EXTRACTOR)
    if convention is not None:
        return Located(convention, "page convention")
    if len(_text(body)) >= MIN_ARTICLE_CHARS:
        return Located(body, "whole page")
    return None


def meta_fields(root: lxml_html.HtmlElement) -> list[tuple[str, str]]:
    """Disclosure fields from ``<meta name="ArticleTitle|PubDate|ContentSource">``."""
    fields = []
    for meta in root.iter("meta"):
        name = META_FIELDS.get((meta.get("name") or "").strip().lower())
        value = (meta.get("content") or "").strip()
        if name and value:
            fields.append((name, value))
    return fields


def page_lines(root: lxml_html.HtmlElement, skip: lxml_html.HtmlElement | None) -> list[str]:
    """The visible lines of the page outside ``skip``: one per leaf block, a row per table row."""
    lines: list[str] = []

    def walk(el: lxml_html.HtmlElement) -> None:
        if el is skip:
            return
        if el.tag == "tr":
            lines.append(
                " ".join(_collapse(td.text_content()) for td in el if isinstance(td.tag, str))
            )
            return
        if el.tag in BLOCK_TAGS and not any(
            isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el
        ):
            lines.append(_collapse(el.text_content()))
            return
        if el.text and el.text.strip():
            lines.append(_collapse(el.text))
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail and child.tail.strip():
                lines.append(_collapse(child.tail))

    walk(root)
    return [line for line in lines if line]


def _collapse(text: str) -> str:
    return re.sub(r"[ \t\n\r\f]+", " ", text).strip()


def disclosure(
    root: lxml_html.HtmlElement, article: lxml_html.HtmlElement | None, meta: list[tuple[str, str]]
) -> tuple[tuple[str, str], ...]:
    """The page's disclosure fields: the visible metadata block first, then ``<meta>``; first wins."""
    found: dict[str, str] = {}
    for line in page_lines(root, article):
        chrome = chrome_line(line)
        for name, value in chrome.fields if chrome else ():
            found.setdefault(name, value)
    for name, value in meta:
        found.setdefault(name, value)
    return tuple(found.items())


def page_title(
    root: lxml_html.HtmlElement, article: lxml_html.HtmlElement | None, fields: dict[str, str]
) -> str | None:
    """The article's title: the page's ArticleTitle or 标题, its ``h1``, a title-classed element, ``<title>``."""
    if fields.get("pagetitle"):
        return fields["pagetitle"]
    for h1 in root.iter("h1"):
        text = _collapse(h1.text_content())
        if 4 <= len(text) <= TITLE_MAX and not h1.xpath("ancestor::header|ancestor::a|.//img"):
            return text
    for el in root.iter():
        if (
            isinstance(el.tag, str)
            and el.tag not in ("a", "title")
            and _TITLE_CLASS.search(el.get("class", ""))
        ):
            text = _collapse(el.text_content())
            if 6 <= len(text) <= TITLE_MAX and (
                article is None or el not in article.iterancestors()
            ):
                return text
    title = root.find(".//title")
    if title is not None:
        parts = [p for p in _TITLE_SPLIT.split(_collapse(title.text_content())) if p]
        if parts:
            return max(parts, key=len)
    return None


def redirect_target(root: lxml_html.HtmlElement) -> str | None:
    """Where a ``<meta http-equiv="refresh">`` or a script's ``location`` sends the reader."""
    for meta in root.iter("meta"):
        if (meta.get("http-equiv") or "").lower() == "refresh":
            m = re.search(r"url\s*=\s*['\"]?([^'\";]+)", meta.get("content") or "", re.IGNORECASE)
            return m.group(1).strip() if m else "(no address)"
    for script in root.iter("script"):
        m = re.search(
            r"(?:window\.|document\.)?location(?:\.href)?\s*=\s*['\"]([^'\"]+)", script.text or ""
        )
        if m:
            return m.group(1)
    return None
