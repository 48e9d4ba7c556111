"""A PDF's characters and drawn rules through PDFium, as pdfplumber would give them.

pdfplumber (pdfminer's pure-Python content-stream interpreter) is most of the
PDF reader's time; PDFium (pypdfium2) reads the same content streams several
times faster. The rest of the reader consumes pdfplumber's records, so this
module rebuilds them from PDFium with pdfminer's conventions: a character's box
runs from the font's descent (the font descriptor's, ``pdf_pdfium_fonts``) to
one em above the baseline and one advance wide, through the character's matrix
at PDFium's origin; its size is that box's height; its font name is the
descriptor's. Characters come in content-stream order, with the ones PDFium
folds away put back; paths become rects, lines and curves (``pdf_pdfium_paths``).

A page whose records cannot be rebuilt exactly (see ``NotFaithful``'s reasons)
is yielded as the reason, and the reader reads it with pdfplumber.
``python -m docforge.bench.pdf_chars`` and ``tests/test_pdf_pdfium.py`` prove
the records equal on the corpus.
"""

from __future__ import annotations

import ctypes
import io
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw

from docforge.extract.pdf_pdfium_fonts import Candidate, FontFacts, FontTable, NotFaithful, spelled
from docforge.extract.pdf_pdfium_paths import Rules, apply, multiply
from docforge.extract.pdf_pdfium_paths import colour_kinds as colour_kinds_of

_TEXT = raw.FPDF_PAGEOBJ_TEXT
_FORM = raw.FPDF_PAGEOBJ_FORM
GAP_TOLERANCE = 0.01  # points: glyph positions PDFium and the rebuilt spaces must agree to
# What PDFium's text page adds of its own: spaces and line breaks (CPDF_TextPage generates
# nothing else; all the corpus's generated characters are these). Only for these is PDFium
# asked whether it made them: one call fewer per glyph.
_GENERATED_CODES = frozenset((0x20, 0x0D, 0x0A))


@dataclass
class PdfiumPage:
    """One page's records in pdfplumber's form: ``chars`` and ``rules`` (rects, lines, curves)."""

    number: int
    width: float
    height: float
    chars: list[dict] = field(default_factory=list)
    rules: list[dict] = field(default_factory=list)


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
            raise NotFaithful(f"font {spelled(name)} not known unambiguously on the page")
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
            px, py = apply(matrix, x, y)
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
            matrix = own if outer is None else multiply(own, outer)
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
        self,
        keys: list[int],
        at: int,
        objects: dict,
        records: dict[int, list[dict]],
        height: float,
    ) -> list[dict]:
        """pdfminer's records of a text object PDFium left out of its text.

        PDFium keeps no trace of such an object's text. It leaves out two kinds:
        an object without extent (blank glyphs only: the spaces that fill the
        way to the next object's start), and a repeat of one of the five text
        objects before, drawn again a little aside to look bold (the same font,
        size, matrix and extent: its glyphs, moved by the shift between the
        two). Anything else is not rebuilt. ``keys`` are the page's text objects in
        stream order, ``at`` the position of the one left out.
        """
        obj, matrix = objects[keys[at]]
        x0, y0, x1, y1 = self._bounds(obj)
        _font_size(obj, self.size)
        size = self.size.value
        handle = _text_font(obj)
        if x1 - x0 < 0.01:
            if at + 1 >= len(keys):
                raise NotFaithful("blank text object at the end of the page")
            return self._spaces(handle, size, matrix, objects[keys[at + 1]][1][4:], height, least=1)
        for other in keys[max(0, at - 5) : at][::-1]:
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
                if code in _GENERATED_CODES and _is_generated(handle, index):
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
        keys = list(objects)
        for at, key in enumerate(keys):
            if key not in records:
                records[key] = self._dropped(keys, at, objects, records, height)
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


@dataclass
class PdfiumDocument:
    """A PDF PDFium and pikepdf both opened cleanly: its page count and its pages as read."""

    count: int
    pages: Iterator[PdfiumPage | NotFaithful]


def open_document(data: bytes) -> PdfiumDocument | None:
    """Each page as PDFium reads it, or why it is not faithful.

    None when PDFium or pikepdf cannot open the file, when QPDF had to repair
    it, or when they count different pages: a damaged file each library
    repairs its own way, read by pdfplumber alone as before.
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
    count = len(pdf.pages)  # QPDF warns of what it repaired in the page tree by now
    if pdf.get_warnings() or len(document) != count:
        document.close()
        pdf.close()
        return None
    return PdfiumDocument(len(document), _pages(document, pdf))


def _pages(document: pdfium.PdfDocument, pdf: pikepdf.Pdf) -> Iterator[PdfiumPage | NotFaithful]:
    fonts = FontTable(pdf)
    reader = _Reader()
    try:
        for index in range(len(document)):
            try:
                page = document[index]
                try:
                    read: PdfiumPage | NotFaithful = _page(page, index, fonts, reader)
                finally:
                    page.close()
            except NotFaithful as reason:
                read = reason
            except Exception as exc:  # noqa: BLE001 - what PDFium or pikepdf cannot read, pdfplumber reads as before
                read = NotFaithful(
                    f"PDFium or pikepdf could not read the page ({exc.__class__.__name__})"
                )
            yield read
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
            kinds.append(colour_kinds_of(fonts.pdf, index))
        return kinds[0]

    rules: list[dict] = []
    Rules(colour_kinds).read(
        page.raw, raw.FPDFPage_CountObjects(page.raw), raw.FPDFPage_GetObject, None, height, rules
    )
    return PdfiumPage(index + 1, width, height, reader.chars(page.raw, height), rules)
