"""The text of a saved web page: its HTML out of an MHTML archive, decoded in its charset.

Government pages are served as UTF-8 or GB2312/GBK (read as GB18030, their
superset); the charset is taken from a byte-order mark, then from the page's own
``<meta charset>`` or ``<meta http-equiv="Content-Type">``, then detected like a
text file. A saved ``.mhtml``/``.mht`` is a MIME message: its first ``text/html``
part is the page, decoded from quoted-printable or base64; the images and
stylesheets saved beside it are never read.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from dataclasses import dataclass

from docforge.extract.encoding import DecodedText, UndecodableText, decode_text

# The head of a page declares its charset within its first few kilobytes.
_DECLARATION_SCAN = 8192
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
# GB2312 and GBK pages routinely hold characters only GB18030 names.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "gb18030",
    "iso-8859-1": "cp1252",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
}


class NotAWebPage(ValueError):
    """The bytes are no HTML page (binary content, or an archive without one)."""


@dataclass(frozen=True)
class PageText:
    html: str
    encoding: str
    declared: bool


def declared_charset(data: bytes) -> str | None:
    """The charset a page's ``<meta>`` declares, as a Python codec name, or None."""
    m = _META_CHARSET.search(data[:_DECLARATION_SCAN])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_page(data: bytes, charset: str | None = None) -> PageText:
    """The page's text: a BOM wins, then the charset given or declared, then detection."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _page(decode_text(data), declared=False)
    charset = charset or declared_charset(data)
    if charset:
        try:
            text = data.decode(_SUPERSETS.get(charset, charset))
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong declaration is common; detect instead
        else:
            return _page(DecodedText(text, charset), declared=True)
    return _page(decode_text(data), declared=False)


def _page(decoded: DecodedText, declared: bool) -> PageText:
    if "\x00" in decoded.text:
        raise UndecodableText("binary content, not a web page")
    return PageText(decoded.text, decoded.encoding, declared)


def mhtml_page(data: bytes) -> PageText:
    """The HTML part of an MHTML archive, decoded."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                return decode_page(payload, _codec(part.get_content_charset()))
    raise NotAWebPage("an MHTML archive without an HTML page in it")


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = _SUPERSETS.get(name.lower(), name.lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def looks_like_mhtml(data: bytes) -> bool:
    """A MIME message (``MIME-Version`` and a multipart type in its header), whatever its name."""
    head = data[:4096].lower()
    return b"mime-version" in head and b"multipart/related" in head
