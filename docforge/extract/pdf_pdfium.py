"""A PDF's characters and drawn rules through PDFium, as pdfplumber would give them.

pdfplumber (pdfminer's pure-Python content-stream interpreter) is most of the
PDF reader's time; PDFium (pypdfium2, installed with pdfplumber) reads the same
content streams 6–9× faster. The rest of the reader consumes pdfplumber's
records, so this module rebuilds them from PDFium's objects with pdfminer's
conventions:

- a character's box runs from the font's descent below the baseline to one em
  above it, as wide as the glyph's advance, transformed by the character's
  matrix; its size is that box's height; its font name is the font
  descriptor's ``FontName``. PDFium's own boxes and sizes follow other
  conventions (the glyph outline, the font file's descent, the size before the
  text matrix), so the descent and the name are read from the font
  dictionaries (through pikepdf) and the rest is computed from PDFium's origin,
  matrix and advance width;
- a path is split at each ``m`` into rects, lines and curves as pdfminer
  classifies them, with the same points.

A document this cannot reproduce faithfully — rotated or offset pages, Type 3
or vertical fonts, one font name meaning two fonts, glyphs without Unicode —
is not taken (``open_document`` returns ``None``) and the reader falls back to
pdfplumber. ``python -m docforge.bench.pdf_chars`` proves the records equal on
the corpus.
"""

from __future__ import annotations

import ctypes
import io
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pdfminer.cmapdb import CMapParser, FileUnicodeMap
from pdfminer.fontmetrics import FONT_METRICS

_PATH = raw.FPDF_PAGEOBJ_PATH
_TEXT = raw.FPDF_PAGEOBJ_TEXT
_FORM = raw.FPDF_PAGEOBJ_FORM
GAP_TOLERANCE = 0.01  # points: glyph positions PDFium and the rebuilt spaces must agree to
WHITE_FROM = (
    243  # of 255: every channel at least this is pdfminer's white (≥ 0.95) whatever the rounding
)
WHITE_BELOW = 241  # a channel at most this is not white (< 0.95)
NEAR_WHITE = (
    200  # a CMYK or other colour this light may be white to pdfminer (all components ≤ 0.05)
)


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


def _spelled(name: bytes) -> str:
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
        own = _spelled(_name_bytes(font.get("/BaseFont"))) if "/BaseFont" in font else "unknown"
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
    return names, FontFacts(_spelled(name), -abs(_number(descriptor.get("/Descent", 0))) / 1000)


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


def _inherited(node: pikepdf.Dictionary, key: str) -> object:
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
        fonts: list[pikepdf.Dictionary] = []
        _resource_fonts(_inherited(self.pdf.pages[index].obj, "/Resources"), set(), fonts)
        table: dict[bytes, list[Candidate]] = {}
        for font in fonts:
            names, facts = self._facts(font)
            for name in names | {_untagged(n) for n in names}:
                table.setdefault(name, []).append(Candidate(font, facts))
        return table


@dataclass
class PdfiumPage:
    """One page's records in pdfplumber's form: ``chars`` and ``rules`` (rects, lines, curves)."""

    number: int
    width: float
    height: float
    chars: list[dict] = field(default_factory=list)
    rules: list[dict] = field(default_factory=list)


def _apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _multiply(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    """``m`` then ``n`` (pdfminer's mult_matrix order)."""
    a0, b0, c0, d0, e0, f0 = m
    a1, b1, c1, d1, e1, f1 = n
    return (
        a0 * a1 + b0 * c1,
        a0 * b1 + b0 * d1,
        c0 * a1 + d0 * c1,
        c0 * b1 + d0 * d1,
        e0 * a1 + f0 * c1 + e1,
        e0 * b1 + f0 * d1 + f1,
    )


def _fast(function: object, restype: object, *argtypes: object) -> Callable:
    """A PDFium function called with plain integers for handles: far cheaper per call than
    pypdfium2's typed binding, for the calls made once per glyph."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_HANDLE = ctypes.c_void_p
_count_chars = _fast(raw.FPDFText_CountChars, ctypes.c_int, _HANDLE)
_get_text = _fast(
    raw.FPDFText_GetText,
    ctypes.c_int,
    _HANDLE,
    ctypes.c_int,
    ctypes.c_int,
    ctypes.POINTER(ctypes.c_ushort),
)
_text_object = _fast(raw.FPDFText_GetTextObject, _HANDLE, _HANDLE, ctypes.c_int)
_is_generated = _fast(raw.FPDFText_IsGenerated, ctypes.c_int, _HANDLE, ctypes.c_int)
_map_error = _fast(raw.FPDFText_HasUnicodeMapError, ctypes.c_int, _HANDLE, ctypes.c_int)
_char_origin = _fast(
    raw.FPDFText_GetCharOrigin,
    ctypes.c_int,
    _HANDLE,
    ctypes.c_int,
    ctypes.POINTER(ctypes.c_double),
    ctypes.POINTER(ctypes.c_double),
)
_char_matrix = _fast(
    raw.FPDFText_GetMatrix, ctypes.c_int, _HANDLE, ctypes.c_int, ctypes.POINTER(raw.FS_MATRIX)
)
_count_objects = _fast(raw.FPDFPage_CountObjects, ctypes.c_int, _HANDLE)
_get_object = _fast(raw.FPDFPage_GetObject, _HANDLE, _HANDLE, ctypes.c_int)
_count_form_objects = _fast(raw.FPDFFormObj_CountObjects, ctypes.c_int, _HANDLE)
_get_form_object = _fast(raw.FPDFFormObj_GetObject, _HANDLE, _HANDLE, ctypes.c_ulong)
_object_type = _fast(raw.FPDFPageObj_GetType, ctypes.c_int, _HANDLE)
_object_matrix = _fast(
    raw.FPDFPageObj_GetMatrix, ctypes.c_int, _HANDLE, ctypes.POINTER(raw.FS_MATRIX)
)
_FLOAT = ctypes.POINTER(ctypes.c_float)
_object_bounds = _fast(
    raw.FPDFPageObj_GetBounds, ctypes.c_int, _HANDLE, _FLOAT, _FLOAT, _FLOAT, _FLOAT
)
_text_font = _fast(raw.FPDFTextObj_GetFont, _HANDLE, _HANDLE)
_font_size = _fast(raw.FPDFTextObj_GetFontSize, ctypes.c_int, _HANDLE, _FLOAT)
_base_font_name = _fast(
    raw.FPDFFont_GetBaseFontName, ctypes.c_size_t, _HANDLE, ctypes.c_char_p, ctypes.c_size_t
)
_font_data = _fast(
    raw.FPDFFont_GetFontData,
    ctypes.c_int,
    _HANDLE,
    ctypes.c_void_p,
    ctypes.c_size_t,
    ctypes.POINTER(ctypes.c_size_t),
)
_glyph_width = _fast(
    raw.FPDFFont_GetGlyphWidth, ctypes.c_int, _HANDLE, ctypes.c_uint32, ctypes.c_float, _FLOAT
)


@dataclass(frozen=True)
class _Glyphs:
    """What the glyphs of one text object share."""

    font: int  # PDFium's font handle
    size: float  # the size the font is set at (Tf), before the text matrix
    facts: FontFacts
    matrix: tuple[float, float, float, float]


class _Reader:
    """Buffers reused for every call into PDFium."""

    def __init__(self) -> None:
        self.fonts: dict[bytes, list[Candidate]] = {}
        self.matrix = raw.FS_MATRIX()
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.size = ctypes.c_float()
        self.width = ctypes.c_float()
        self.name = ctypes.create_string_buffer(512)
        self.font_cache: dict[int, FontFacts] = {}
        self.width_cache: dict[tuple[int, int], float] = {}
        self.programs: Callable[[Candidate], bytes] = lambda c: b""

    def font(self, handle: int) -> FontFacts:
        """The page's font PDFium's handle stands for (handles are cached per page)."""
        facts = self.font_cache.get(handle)
        if facts is None:
            length = _base_font_name(handle, self.name, len(self.name))
            name = self.name.raw[: max(0, length - 1)]
            facts = self.font_cache[handle] = self._pick(handle, name)
        return facts

    def _pick(self, handle: int, name: bytes) -> FontFacts:
        """The one font of the page with this name; subsets sharing it told apart by their program."""
        candidates = self.fonts.get(name, [])
        if len({c.facts for c in candidates}) == 1:
            return candidates[0].facts
        size = ctypes.c_size_t()
        _font_data(handle, None, 0, size)
        alike = [c for c in candidates if len(self.programs(c)) == size.value]
        if len({c.facts for c in alike}) > 1:
            buffer = ctypes.create_string_buffer(size.value)
            _font_data(handle, buffer, size.value, size)
            alike = [c for c in alike if self.programs(c) == buffer.raw]
        if len({c.facts for c in alike}) != 1:
            raise NotFaithful(f"font {_spelled(name)} not known unambiguously on the page")
        return alike[0].facts

    def advance(self, handle: int, code: int) -> float:
        """The glyph's advance per unit of font size (the font's ``Widths``)."""
        key = (handle, code)
        width = self.width_cache.get(key)
        if width is None:
            if not _glyph_width(handle, code, 1.0, self.width):
                raise NotFaithful("glyph width unknown")
            width = self.width_cache[key] = self.width.value
        return width

    def _record(
        self, code: int, handle: int, size: float, matrix: tuple[float, ...], height: float
    ) -> dict:
        """pdfminer's record of one glyph: its box from the descent to one em above, one advance wide."""
        facts = self.font(handle)
        if facts.unicode == "none" or (code == 32 and facts.unicode == "spaces"):
            raise NotFaithful("a font whose characters PDFium decodes differently")
        adv = self.advance(handle, code) * size
        low = facts.descent * size
        xs, ys = [], []
        for x, y in ((0, low), (adv, low), (adv, low + size), (0, low + size)):
            px, py = _apply(matrix, x, y)
            xs.append(px)
            ys.append(py)
        a, b, c, d = matrix[:4]
        y0, y1 = min(ys), max(ys)
        return {
            "text": chr(code),
            "fontname": facts.fontname,
            "x0": min(xs),
            "x1": max(xs),
            "top": height - y1,
            "bottom": height - y0,
            "size": y1 - y0,
            "upright": a * d > 0 and b * c <= 0,
            "object_type": "char",
        }

    def text_objects(
        self, holder: int, count: int, get: Callable, outer: tuple[float, ...] | None, out: dict
    ) -> None:
        """Each text object's start point in page space (forms' objects through the form's matrix)."""
        for index in range(count):
            obj = get(holder, index)
            kind = _object_type(obj)
            if kind != _TEXT and kind != _FORM:
                continue
            _object_matrix(obj, self.matrix)
            m = self.matrix
            own = (m.a, m.b, m.c, m.d, m.e, m.f)
            matrix = own if outer is None else _multiply(own, outer)
            if kind == _FORM:
                self.text_objects(obj, _count_form_objects(obj), _get_form_object, matrix, out)
            else:
                out[obj] = (obj, matrix)

    def _spaces(
        self,
        handle: int,
        size: float,
        matrix: tuple[float, ...],
        to: tuple[float, float],
        height: float,
        least: int = 0,
    ) -> list[dict]:
        """The spaces PDFium left out between ``matrix``'s origin and the next glyph at ``to``.

        PDFium drops a space that follows a space. A way shorter than one space
        advance holds none (it is kerning or character spacing); a way of a whole
        number of advances holds that many; with ``least`` = 1 (something was
        left out for sure), a way shorter than two advances holds one. Anything
        else cannot be told apart from spacing around a left-out glyph and is
        not rebuilt.
        """
        adv = self.advance(handle, 32) * size
        sx, sy = matrix[0] * adv, matrix[1] * adv
        dx, dy = to[0] - matrix[4], to[1] - matrix[5]
        step = math.hypot(sx, sy)
        way = dx * sx / step + dy * sy / step if step else 0.0
        if way < step - GAP_TOLERANCE:
            count = 0
        elif least == 1 and way < 2 * step - GAP_TOLERANCE:
            count = 1
        else:
            count = round(way / step)
            if abs(dx - count * sx) > GAP_TOLERANCE or abs(dy - count * sy) > GAP_TOLERANCE:
                raise NotFaithful("a gap after a space that whole spaces do not fill")
        if count < least:
            raise NotFaithful("a glyph left out where no space fits")
        return [
            self._record(
                32, handle, size, (*matrix[:4], matrix[4] + k * sx, matrix[5] + k * sy), height
            )
            for k in range(count)
        ]

    def _bounds(self, obj: int) -> tuple[float, float, float, float]:
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        _object_bounds(obj, left, bottom, right, top)
        return left.value, bottom.value, right.value, top.value

    def _dropped(
        self, key: int, objects: dict, records: dict[int, list[dict]], height: float
    ) -> list[dict]:
        """pdfminer's records of a text object PDFium left out of its text.

        PDFium keeps no trace of such an object's text. It leaves out two kinds:
        an object without extent (blank glyphs only: the spaces that fill the
        way to the next object's start), and a repeat of one of the five text
        objects before, drawn again a little aside to look bold (the same font,
        size, matrix and extent: its glyphs, moved by the shift between the
        two). Anything else is not rebuilt.
        """
        obj, matrix = objects[key]
        x0, y0, x1, y1 = self._bounds(obj)
        _font_size(obj, self.size)
        size = self.size.value
        handle = _text_font(obj)
        if x1 - x0 < 0.01:
            keys = list(objects)
            after = keys.index(key) + 1
            if after >= len(keys):
                raise NotFaithful("blank text object at the end of the page")
            return self._spaces(handle, size, matrix, objects[keys[after]][1][4:], height, least=1)
        for other in list(objects)[max(0, list(objects).index(key) - 5) : list(objects).index(key)][
            ::-1
        ]:
            if other not in records:
                continue
            other_obj, other_matrix = objects[other]
            if other_matrix[:4] != matrix[:4] or _text_font(other_obj) != handle:
                continue
            _font_size(other_obj, self.size)
            if self.size.value != size:
                continue
            ox0, oy0, ox1, oy1 = self._bounds(other_obj)
            if (
                abs((ox1 - ox0) - (x1 - x0)) > GAP_TOLERANCE
                or abs((oy1 - oy0) - (y1 - y0)) > GAP_TOLERANCE
            ):
                continue
            dx, dy = matrix[4] - other_matrix[4], matrix[5] - other_matrix[5]
            if abs(dx) > size or abs(dy) > size:
                continue
            return [
                {
                    **r,
                    "x0": r["x0"] + dx,
                    "x1": r["x1"] + dx,
                    "top": r["top"] - dy,
                    "bottom": r["bottom"] - dy,
                }
                for r in records[other]
            ]
        raise NotFaithful("text object left out by PDFium")

    def _glyphs(self, obj: int, text: int, index: int) -> _Glyphs:
        """What every glyph of one text object shares: font, size and matrix."""
        handle = _text_font(obj)
        facts = self.font(handle)
        if facts.unicode == "none":
            raise NotFaithful("a font whose characters PDFium decodes differently")
        _font_size(obj, self.size)
        _char_matrix(text, index, self.matrix)
        m = self.matrix
        return _Glyphs(handle, self.size.value, facts, (m.a, m.b, m.c, m.d))

    def chars(self, page: object, height: float) -> list[dict]:
        """The page's glyphs in content-stream order, with the ones PDFium folds away put back.

        PDFium orders a line's text objects by position, leaves some objects out
        (see ``_dropped``) and drops a space that follows a space (its own,
        added at a gap, or one of the text); pdfminer keeps the content stream's
        order and every glyph. The glyphs are gathered per text object and
        given in the objects' order; after each space, the way to the next
        glyph is checked and the spaces left out are put back (``_spaces``).
        """
        objects: dict = {}
        page_handle = ctypes.cast(page, ctypes.c_void_p).value
        self.text_objects(page_handle, _count_objects(page_handle), _get_object, None, objects)
        records: dict[int, list[dict]] = {}
        shared: dict[int, _Glyphs] = {}
        text = raw.FPDFText_LoadPage(page)
        handle = ctypes.cast(text, ctypes.c_void_p).value
        x, y = self.x, self.y
        # The space just before in PDFium's text: (its object's key or None, its origin,
        # (font, size, matrix) when it is the text's own rather than PDFium's)
        after_space: tuple | None = None
        try:
            count = _count_chars(handle)
            buffer = (ctypes.c_ushort * (count + 1))()
            _get_text(handle, 0, count, buffer)
            codes = buffer[:count]
            if any(0xD800 <= c <= 0xDFFF for c in codes):
                raise NotFaithful("characters beyond the Basic Multilingual Plane")
            for index in range(count):
                code = codes[index]
                key = _text_object(handle, index)
                if _is_generated(handle, index):
                    if code == 32:
                        _char_origin(handle, index, x, y)
                        after_space = (key, (x.value, y.value), None)
                    else:
                        after_space = None
                    continue
                if code in (0x02, 0xFFFE) or _map_error(handle, index):
                    raise NotFaithful("glyph without Unicode, or a hyphen PDFium marked")
                glyphs = shared.get(key)
                if glyphs is None:
                    if key not in objects:
                        raise NotFaithful("glyph of an unknown text object")
                    glyphs = shared[key] = self._glyphs(key, handle, index)
                _char_origin(handle, index, x, y)
                origin = (x.value, y.value)
                own = records.get(key)
                if own is None or after_space is not None:
                    own = self._put_back(
                        key, objects, records, glyphs, origin, after_space, height, shared
                    )
                own.append(self._glyph(code, glyphs, origin, height))
                after_space = (key, origin, glyphs) if code == 32 else None
        finally:
            raw.FPDFText_ClosePage(text)
        out = []
        for key in objects:
            if key not in records:
                records[key] = self._dropped(key, objects, records, height)
            out.extend(records[key])
        return out

    def _glyph(
        self, code: int, glyphs: _Glyphs, origin: tuple[float, float], height: float
    ) -> dict:
        """``_record`` for the common glyph: upright, unrotated, from its object's shared facts."""
        a, b, c, d = glyphs.matrix
        if b or c or a <= 0 or d <= 0:
            return self._record(code, glyphs.font, glyphs.size, (a, b, c, d, *origin), height)
        facts = glyphs.facts
        if code == 32 and facts.unicode == "spaces":
            raise NotFaithful("a font whose characters PDFium decodes differently")
        size = glyphs.size
        low = facts.descent * size
        ox, oy = origin
        y0 = d * low + oy
        y1 = d * (low + size) + oy
        return {
            "text": chr(code),
            "fontname": facts.fontname,
            "x0": ox,
            "x1": a * self.advance(glyphs.font, code) * size + ox,
            "top": height - y1,
            "bottom": height - y0,
            "size": y1 - y0,
            "upright": True,
            "object_type": "char",
        }

    def _put_back(
        self,
        key: int,
        objects: dict,
        records: dict[int, list[dict]],
        glyphs: _Glyphs,
        origin: tuple[float, float],
        after_space: tuple | None,
        height: float,
        shared: dict[int, _Glyphs],
    ) -> list[dict]:
        """The object's records so far, with the spaces PDFium left out before this glyph put back."""
        matrix = (*glyphs.matrix, *origin)
        own = records.get(key)
        if own is None:
            own = records[key] = []
            start = objects[key][1]
            moved = max(abs(start[4] - origin[0]), abs(start[5] - origin[1])) > GAP_TOLERANCE
            if moved and after_space is not None:
                # After a space, a leading space of the object may be left out (else: kerning).
                own.extend(
                    self._spaces(
                        glyphs.font, glyphs.size, (*matrix[:4], *start[4:]), origin, height
                    )
                )
                return own
        if after_space is None:
            return own
        space_key, (sx, sy), real = after_space
        if real is not None:
            # The text's own space: any it was followed by in its object were left out.
            step = self.advance(real.font, 32) * real.size
            at = real.matrix
            beyond = (*at, sx + at[0] * step, sy + at[1] * step)
            records[space_key].extend(self._spaces(real.font, real.size, beyond, origin, height))
        elif (
            space_key is not None and max(abs(sx - origin[0]), abs(sy - origin[1])) > GAP_TOLERANCE
        ):
            # PDFium's space at a gap inside an object stands where the object's next glyph
            # starts: that glyph, a space, was left out (the object's last, when this glyph
            # is another object's).
            holder = shared.get(space_key)
            if holder is None or space_key not in records:
                raise NotFaithful("a space left out in a text object not seen")
            at = (*holder.matrix, sx, sy)
            records[space_key].extend(
                self._spaces(holder.font, holder.size, at, origin, height, least=1)
            )
        return own


_COLOUR_OPERATOR = re.compile(
    rb"(?<![^\s\]\)>])(rg|RG|g|G|k|K|sc|scn|SC|SCN|cs|CS)(?![^\s\[\(<\/%])"
)


def _colour_kinds(pdf: pikepdf.Pdf, index: int) -> set[bytes]:
    """The colour operators of a page's content streams and its forms' (``rg``, ``g``, ``k``…)."""
    page = pdf.pages[index]
    streams: list[pikepdf.Stream] = []
    contents = page.obj.get("/Contents")
    if isinstance(contents, pikepdf.Stream):
        streams.append(contents)
    elif isinstance(contents, pikepdf.Array):
        streams.extend(c for c in contents if isinstance(c, pikepdf.Stream))
    pending = [_inherited(page.obj, "/Resources")]
    seen: set = set()
    while pending:
        resources = pending.pop()
        if not isinstance(resources, pikepdf.Dictionary):
            continue
        xobjects = resources.get("/XObject")
        if not isinstance(xobjects, pikepdf.Dictionary):
            continue
        for xobject in xobjects.values():
            if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Form":
                if xobject.objgen != (0, 0) and xobject.objgen in seen:
                    continue
                seen.add(xobject.objgen)
                streams.append(xobject)
                pending.append(xobject.get("/Resources"))
    kinds: set[bytes] = set()
    for stream in streams:
        kinds.update(m.group(1) for m in _COLOUR_OPERATOR.finditer(stream.read_bytes()))
    return kinds


def _colour(rgb: tuple[int, ...], kinds: Callable[[], set[bytes]]) -> tuple[float, ...] | float:
    """pdfminer's colour value as far as the reader's white test goes, from PDFium's 8-bit RGB.

    pdfminer keeps a colour as the content stream set it: a gray level as a
    number, RGB and CMYK as tuples; only a tuple can be white to the reader
    (RGB all ≥ 0.95, CMYK all ≤ 0.05). PDFium gives every colour as RGB. A
    colour far from white is not white either way; a white one is white only
    when the page sets its colours as RGB alone, a number when as gray alone;
    any other case cannot be told and is not rebuilt.
    """
    low = min(rgb)
    if low <= WHITE_BELOW:
        if low < NEAR_WHITE or kinds() <= {b"rg", b"RG", b"g", b"G"}:
            return tuple(v / 255 for v in rgb)
        raise NotFaithful("a light colour on a page that sets colours other than as gray or RGB")
    if low < WHITE_FROM:
        raise NotFaithful("a colour at the edge of white")
    used = kinds()
    if used <= {b"rg", b"RG"}:
        return tuple(v / 255 for v in rgb)
    if used <= {b"g", b"G"}:
        return rgb[0] / 255
    raise NotFaithful("a white colour on a page that mixes colour spaces")


def _subpaths(path: list[tuple]) -> list[list[tuple]]:
    """pdfminer's split of a path at each ``m`` (a lone ``m`` before another is dropped)."""
    shape = "".join(segment[0] for segment in path)
    if shape[:1] != "m":
        return []
    if shape.count("m") == 1:
        return [path]
    return [path[m.start() : m.end()] for m in re.finditer(r"m[^m]+", shape)]


def _shape_record(path: list[tuple], height: float) -> dict:
    """pdfminer's line, rect or curve for one subpath, in pdfplumber's coordinates."""
    shape = "".join(segment[0] for segment in path)
    pts = [segment[-1] if segment[0] != "h" else path[0][-1] for segment in path]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    kind = "curve"
    if shape in ("mlh", "ml"):
        kind = "line"
        pts = pts[:2]
    elif shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if pts[0] == pts[4] and square:
            kind = "rect"
            pts = [pts[0], pts[2]]
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    record = {
        "object_type": kind,
        "x0": min(xs),
        "x1": max(xs),
        "y0": min(ys),
        "y1": max(ys),
        "top": height - max(ys),
        "bottom": height - min(ys),
        "width": max(xs) - min(xs),
        "height": max(ys) - min(ys),
    }
    record["doctop"] = record["top"]
    if kind != "rect":
        record["pts"] = [(x, height - y) for x, y in pts]
    return record


class _Rules:
    """A page's painted paths as pdfplumber's rects, lines and curves."""

    def __init__(self, kinds: Callable[[], set[bytes]]) -> None:
        self.kinds = kinds
        self.matrix = raw.FS_MATRIX()
        self.fx, self.fy = ctypes.c_float(), ctypes.c_float()
        self.fill, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.rgba = tuple(ctypes.c_uint() for _ in range(4))

    def read(
        self,
        holder: object,
        count: int,
        get: object,
        outer: tuple[float, ...] | None,
        height: float,
        out: list,
    ) -> None:
        for index in range(count):
            obj = get(holder, index)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind not in (_PATH, _FORM):
                continue
            raw.FPDFPageObj_GetMatrix(obj, self.matrix)
            m = self.matrix
            own = (m.a, m.b, m.c, m.d, m.e, m.f)
            matrix = own if outer is None else _multiply(own, outer)
            if kind == _FORM:
                self.read(
                    obj,
                    raw.FPDFFormObj_CountObjects(obj),
                    raw.FPDFFormObj_GetObject,
                    matrix,
                    height,
                    out,
                )
                continue
            raw.FPDFPath_GetDrawMode(obj, self.fill, self.stroke)
            fill, stroke = bool(self.fill.value), bool(self.stroke.value)
            if not fill and not stroke:
                continue  # a clipping or unpainted path: pdfminer makes no object of it
            colours = {}
            if stroke:
                raw.FPDFPageObj_GetStrokeColor(obj, *self.rgba)
                colours["stroking_color"] = _colour(
                    tuple(v.value for v in self.rgba[:3]), self.kinds
                )
            if fill:
                raw.FPDFPageObj_GetFillColor(obj, *self.rgba)
                colours["non_stroking_color"] = _colour(
                    tuple(v.value for v in self.rgba[:3]), self.kinds
                )
            for subpath in _subpaths(self._segments(obj, matrix)):
                record = _shape_record(subpath, height)
                record.update(stroke=stroke, fill=fill, **colours)
                out.append(record)

    def _segments(self, obj: object, matrix: tuple[float, ...]) -> list[tuple]:
        """The path as pdfminer's segments (``m``, ``l``, ``c`` ending points, ``h``) in page space."""
        path: list[tuple] = []
        bezier = 0
        for index in range(raw.FPDFPath_CountSegments(obj)):
            segment = raw.FPDFPath_GetPathSegment(obj, index)
            raw.FPDFPathSegment_GetPoint(segment, self.fx, self.fy)
            point = _apply(matrix, self.fx.value, self.fy.value)
            kind = raw.FPDFPathSegment_GetType(segment)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                path.append(("m", point))
            elif kind == raw.FPDF_SEGMENT_LINETO:
                path.append(("l", point))
            elif kind == raw.FPDF_SEGMENT_BEZIERTO:
                bezier += 1
                if bezier % 3:
                    continue  # control points: pdfminer keeps a curve's end point only
                path.append(("c", point))
            else:
                raise NotFaithful("a path segment of unknown kind")
            if raw.FPDFPathSegment_GetClose(segment):
                # PDFium closes on the start point (adding a line to it when needed);
                # pdfminer's "l to the start, h" becomes "h" in _shape_record alike.
                path.append(("h",))
        return path


def open_document(
    data: bytes, pages: int | None = None
) -> Iterator[PdfiumPage | NotFaithful] | None:
    """Each page as PDFium reads it, or why it is not faithful.

    None when PDFium or pikepdf cannot open the file, or when they count other
    than ``pages`` pages (a damaged page tree each repairs its own way).
    """
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except (pikepdf.PdfError, pikepdf.PasswordError):
        return None
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        pdf.close()
        return None
    if pages is not None and not len(document) == len(pdf.pages) == pages:
        document.close()
        pdf.close()
        return None
    return _pages(document, pdf)


def _pages(document: pdfium.PdfDocument, pdf: pikepdf.Pdf) -> Iterator[PdfiumPage | NotFaithful]:
    fonts = FontTable(pdf)
    reader = _Reader()
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                yield _page(page, index, fonts, reader)
            except NotFaithful as reason:
                yield reason
            finally:
                page.close()
    finally:
        document.close()
        pdf.close()


def _page(page: pdfium.PdfPage, index: int, fonts: FontTable, reader: _Reader) -> PdfiumPage:
    box = page.get_mediabox()
    if page.get_rotation() or box[:2] != (0, 0) or box != page.get_cropbox():
        raise NotFaithful("rotated, offset or cropped page")
    reader.fonts = fonts.page(index)
    reader.programs = fonts.program
    reader.font_cache.clear()  # PDFium may free a font with its page and reuse the address
    reader.width_cache.clear()
    width, height = page.get_width(), page.get_height()
    kinds: list[set[bytes]] = []

    def colour_kinds() -> set[bytes]:
        if not kinds:
            kinds.append(_colour_kinds(fonts.pdf, index))
        return kinds[0]

    rules: list[dict] = []
    _Rules(colour_kinds).read(
        page.raw, raw.FPDFPage_CountObjects(page.raw), raw.FPDFPage_GetObject, None, height, rules
    )
    return PdfiumPage(index + 1, width, height, reader.chars(page.raw, height), rules)
