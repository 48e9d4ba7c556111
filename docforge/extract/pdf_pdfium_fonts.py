"""The font facts pdfminer reads from a PDF's font dictionaries, for PDFium's characters.

PDFium measures a character by its font file (descent, the glyph outline) and
reports a font by its base name; pdfminer, whose records the PDF reader
consumes, takes the descent and the name from the font descriptor. These are
read here with pikepdf, page by page, with whether the font's ToUnicode map
gives PDFium and pdfminer the same characters. ``NotFaithful`` says why a page's
records cannot be rebuilt exactly.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace

import pikepdf
from pdfminer.cmapdb import CMapParser, FileUnicodeMap
from pdfminer.fontmetrics import FONT_METRICS


@dataclass(frozen=True)
class FontFacts:
    """What pdfminer takes from a font dictionary for a character's record."""

    fontname: str
    descent: float  # per unit of font size, negative below the baseline
    unicode: str = "plain"  # "plain"; "spaces": maps a code to a space other than U+0020; "none"


class NotFaithful(Exception):
    """The document uses something whose pdfminer record this module does not rebuild."""


def _name_bytes(value: object) -> bytes:
    """A PDF name's bytes, ``#xx`` escapes resolved."""
    if not isinstance(value, pikepdf.Name):
        return b""
    escaped = bytes(value.unparse())[1:]
    out = bytearray()
    index = 0
    while index < len(escaped):
        if escaped[index : index + 1] == b"#":
            try:
                out.append(int(escaped[index + 1 : index + 3], 16))
                index += 3
                continue
            except ValueError:
                pass
        out.append(escaped[index])
        index += 1
    return bytes(out)


def spelled(name: bytes) -> str:
    """A name as pdfminer spells it: UTF-8 when it decodes, else the bytes' repr."""
    try:
        return name.decode("utf-8")
    except UnicodeDecodeError:
        return str(name)


def _number(value: object, default: float = 0.0) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def _untagged(name: bytes) -> bytes:
    """A font name without its subset tag (``ABCDEF+``), as PDFium may report it."""
    head, plus, rest = name.partition(b"+")
    return rest if plus and len(head) == 6 and head.isalpha() and head.isupper() else name


_OTHER_SPACES = frozenset(c for c in range(0x10000) if chr(c).isspace() and c != 0x20)
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_CHAR_PAIR = re.compile(rb"<([0-9A-Fa-f\s]*)>\s*<([0-9A-Fa-f\s]*)>")
_RANGE = re.compile(
    rb"<([0-9A-Fa-f\s]*)>\s*<([0-9A-Fa-f\s]*)>\s*(?:<([0-9A-Fa-f\s]*)>|\[([^\]]*)\])"
)


def _hex(text: bytes) -> bytes:
    digits = re.sub(rb"\s", b"", text)
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())


def _texts_other_spaces(texts: list[bytes]) -> bool:
    return any(
        t.isspace() and t != " "
        for raw_text in texts
        for t in raw_text.decode("utf-16-be", "ignore")
    )


def _maps_other_spaces(data: bytes) -> bool | None:
    """Whether a ToUnicode CMap maps a code to a space other than U+0020 (None: not plain enough to tell).

    Reads the ``bfchar`` and ``bfrange`` entries as pdfminer does (a range's
    destination counts up in its last bytes) without its Python tokenizer.
    """
    if b"usecmap" in data:
        return None
    found = False
    for body in _BFCHAR.findall(data):
        if _CHAR_PAIR.sub(b"", body).strip():
            return None
        found = found or _texts_other_spaces([_hex(dst) for _, dst in _CHAR_PAIR.findall(body)])
    for body in _BFRANGE.findall(data):
        if _RANGE.sub(b"", body).strip():
            return None
        for low, high, start, listed in _RANGE.findall(body):
            if listed:
                found = found or _texts_other_spaces(
                    [_hex(t) for t in re.findall(rb"<([^>]*)>", listed)]
                )
                continue
            first, count = _hex(start), int.from_bytes(_hex(high)) - int.from_bytes(_hex(low))
            if len(first) == 2:
                base = int.from_bytes(first)
                found = found or any(base + i in _OTHER_SPACES for i in range(max(0, count) + 1))
            else:
                tail = first[-4:]
                values = [
                    first[:-4] + (int.from_bytes(tail) + i).to_bytes(4)[-len(tail) :]
                    for i in range(max(0, count) + 1)
                ]
                found = found or _texts_other_spaces(values)
    return found


def _unicode_kind(font: pikepdf.Dictionary) -> str:
    """Whether the font's ToUnicode map gives PDFium's text the same characters as pdfminer's.

    PDFium turns every space (U+3000, U+00A0…) into U+0020, so a font that maps
    a code to another space is told apart; without a ToUnicode map the two
    decode glyph names and legacy encodings differently.
    """
    stream = font.get("/ToUnicode")
    if not isinstance(stream, pikepdf.Stream):
        return "none"
    data = stream.read_bytes()
    other = _maps_other_spaces(data)
    if other is None:
        unicode_map = FileUnicodeMap()
        CMapParser(unicode_map, io.BytesIO(data)).run()
        other = any(t.isspace() and t != " " for t in unicode_map.cid2unichr.values())
    return "spaces" if other else "plain"


def _font_facts(font: pikepdf.Dictionary) -> tuple[set[bytes], FontFacts]:
    """The names PDFium may know the font by, and what pdfminer reads from it."""
    names, facts = _font_metrics(font)
    return names, replace(facts, unicode=_unicode_kind(font))


def _font_metrics(font: pikepdf.Dictionary) -> tuple[set[bytes], FontFacts]:
    subtype = font.get("/Subtype")
    names = {_name_bytes(font.get("/BaseFont"))}
    if subtype == "/Type3":
        raise NotFaithful("Type 3 font")
    spec = font
    if subtype == "/Type0":
        encoding = font.get("/Encoding")
        if not isinstance(encoding, pikepdf.Name):
            raise NotFaithful("embedded CMap")
        if str(encoding).endswith("-V"):
            raise NotFaithful("vertical font")
        spec = font["/DescendantFonts"][0]
        names.add(_name_bytes(spec.get("/BaseFont")))
    elif subtype in ("/Type1", "/MMType1", "/TrueType"):
        own = spelled(_name_bytes(font.get("/BaseFont"))) if "/BaseFont" in font else "unknown"
        if own in FONT_METRICS:
            # pdfminer measures these by its own metrics whatever the file says; PDFium by the file.
            raise NotFaithful("a standard font measured by pdfminer's own metrics")
    else:
        raise NotFaithful(f"font subtype {subtype}")
    descriptor = spec.get("/FontDescriptor")
    if not isinstance(descriptor, pikepdf.Dictionary):
        return names, FontFacts("unknown", 0.0)
    fontname = descriptor.get("/FontName")
    name = _name_bytes(fontname) if isinstance(fontname, pikepdf.Name) else b"unknown"
    names.add(name)
    return names, FontFacts(spelled(name), -abs(_number(descriptor.get("/Descent", 0))) / 1000)


def _resource_fonts(resources: object, seen: set, out: list[pikepdf.Dictionary]) -> None:
    if not isinstance(resources, pikepdf.Dictionary):
        return
    fonts = resources.get("/Font")
    if isinstance(fonts, pikepdf.Dictionary):
        out.extend(f for f in fonts.values() if isinstance(f, pikepdf.Dictionary))
    xobjects = resources.get("/XObject")
    if isinstance(xobjects, pikepdf.Dictionary):
        for xobject in xobjects.values():
            if not isinstance(xobject, pikepdf.Stream) or xobject.get("/Subtype") != "/Form":
                continue
            key = xobject.objgen
            if key != (0, 0) and key in seen:
                continue
            seen.add(key)
            _resource_fonts(xobject.get("/Resources"), seen, out)


def inherited(node: pikepdf.Dictionary, key: str) -> object:
    """A page attribute, looked up the page tree when the page does not set it."""
    for _ in range(64):  # a cycle in a damaged page tree ends here
        if key in node:
            return node[key]
        parent = node.get("/Parent")
        if not isinstance(parent, pikepdf.Dictionary):
            return None
        node = parent
    return None


def _font_file(font: pikepdf.Dictionary) -> bytes | None:
    """The embedded font program, which tells apart subsets that share a name."""
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0]
    descriptor = font.get("/FontDescriptor")
    if not isinstance(descriptor, pikepdf.Dictionary):
        return None
    for key in ("/FontFile", "/FontFile2", "/FontFile3"):
        stream = descriptor.get(key)
        if isinstance(stream, pikepdf.Stream):
            return stream.read_bytes()
    return None


@dataclass
class Candidate:
    """A font of the page that answers to a name, and its facts."""

    font: pikepdf.Dictionary
    facts: FontFacts


class FontTable:
    """Each page's fonts by every name PDFium may report for them (tagged or not)."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.known: dict[tuple[int, int], tuple[set[bytes], FontFacts]] = {}
        self.programs: dict[tuple[int, int], bytes] = {}
        self.tables: dict[tuple[int, int], dict[bytes, list[Candidate]]] = {}

    def _facts(self, font: pikepdf.Dictionary) -> tuple[set[bytes], FontFacts]:
        key = font.objgen
        if key == (0, 0):
            return _font_facts(font)
        if key not in self.known:
            self.known[key] = _font_facts(font)
        return self.known[key]

    def program(self, candidate: Candidate) -> bytes:
        """A candidate font's embedded program (read once per font of the document)."""
        key = candidate.font.objgen
        if key == (0, 0):
            return _font_file(candidate.font) or b""
        if key not in self.programs:
            self.programs[key] = _font_file(candidate.font) or b""
        return self.programs[key]

    def page(self, index: int) -> dict[bytes, list[Candidate]]:
        """The page's fonts by name; pages that share their resources (a word processor's
        pages mostly do) share one table, made once."""
        resources = inherited(self.pdf.pages[index].obj, "/Resources")
        key = resources.objgen if isinstance(resources, pikepdf.Object) else (0, 0)
        if key != (0, 0) and key in self.tables:
            return self.tables[key]
        fonts: list[pikepdf.Dictionary] = []
        _resource_fonts(resources, set(), fonts)
        table: dict[bytes, list[Candidate]] = {}
        for font in fonts:
            names, facts = self._facts(font)
            for name in names | {_untagged(n) for n in names}:
                table.setdefault(name, []).append(Candidate(font, facts))
        if key != (0, 0):
            self.tables[key] = table
        return table
