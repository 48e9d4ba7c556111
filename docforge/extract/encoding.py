"""Decode the bytes of a text file whose encoding nobody declared.

Reports pasted on Windows machines arrive as GB18030/GBK, some as UTF-8 with
a BOM, a few as UTF-16; the encoding found is recorded in the metadata.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import charset_normalizer

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class UndecodableText(ValueError):
    """The bytes are not text in any encoding this genre uses."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def _looks_like_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes on one side of most code units."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


STRAY_CONTROLS = 8  # this many control characters in a text are stray, whatever its length
CONTROL_SHARE = 1 / 50  # of the characters: more controls than this is a binary file
NUL_SHARE = 1 / 100  # of the first 64 KiB: more NUL bytes than this (not UTF-16) is binary


def _is_binary(text: str) -> bool:
    """Text with many C0 controls (NUL included) is a binary file named like a text file.

    A few stray controls (a NUL or BEL pasted into a report) are not: the
    text converts, and the normalizer drops them and logs the change.
    """
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls > max(STRAY_CONTROLS, len(sample) * CONTROL_SHARE)


def decode_text(data: bytes) -> DecodedText:
    """The text and the name of its encoding; raises UndecodableText for binary data."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            codec = "utf-8" if name == "utf-8-sig" else name
            return _checked(data[len(bom) :].decode(codec), name)
    utf16 = _looks_like_utf16(data)
    if utf16:
        try:
            return _checked(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    head = data[:65536]
    if head.count(0) > max(STRAY_CONTROLS, len(head) * NUL_SHARE):
        raise UndecodableText("binary content, not a text file")
    for name in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(name), name)
        except UnicodeDecodeError:
            continue
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise UndecodableText("binary content: not text in any known encoding")
    return _checked(str(best), best.encoding)


def _checked(text: str, encoding: str) -> DecodedText:
    if _is_binary(text):
        raise UndecodableText("binary content, not a text file")
    return DecodedText(text, encoding)
