"""Readable, lasting addresses: ``{year}/{department}/{kind}/`` in pinyin, kept in the catalog.

Why pinyin (pypinyin, toneless, syllables run together): an address a reader can say and type,
made only from the report's own department and kind, with no list to maintain. A configured
kind gives its own short slug (``site.toml`` ``[[kinds]] slug``). The address is computed once,
when a report first goes live, and stored in the catalog: a later pypinyin reading, a renamed
kind or a rebuild never moves a page. Two reports that would share one address get ``-2``, ``-3``
(``Catalog._give_address``).
"""

from __future__ import annotations

import re
import unicodedata

from pypinyin import lazy_pinyin

from docforge.publish.config import SiteConfig

UNDATED = "undated"
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug_of(text: str | None, fallback: str) -> str:
    """ASCII letters and digits of ``text``, Chinese characters as toneless pinyin."""
    if not text:
        return fallback
    spelled = "".join(lazy_pinyin(unicodedata.normalize("NFKC", text))).lower()
    slug = _NOT_SLUG.sub("-", spelled).strip("-")
    return slug or fallback


def wanted_address(
    department: str | None,
    year: int | None,
    kind: str | None,
    file_stem: str | None,
    site: SiteConfig,
) -> str:
    """The address a report asks for, before it is checked against the ones taken."""
    configured = site.kind_of(kind)
    kind_slug = configured.slug if configured else slug_of(kind, "baogao")
    return f"{year or UNDATED}/{slug_of(department or file_stem, 'bumen')}/{kind_slug}"
