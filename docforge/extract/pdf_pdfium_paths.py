"""A page's painted paths from PDFium as pdfplumber's rects, lines and curves.

pdfminer splits a path at each ``m`` and classes each piece (a line, an
axis-aligned closed rect, else a curve of its end points); it keeps a colour as
the content stream set it. PDFium gives the path's segments and every colour
as RGB; here they become the records pdfplumber would make, or ``NotFaithful``
where the reader's white test could come out otherwise.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable

import pikepdf
import pypdfium2.raw as raw

from docforge.extract.pdf_pdfium_fonts import NotFaithful, inherited

_PATH = raw.FPDF_PAGEOBJ_PATH
_FORM = raw.FPDF_PAGEOBJ_FORM
WHITE_FROM = 243  # of 255: every channel at least this is pdfminer's white (≥ 0.95) in any rounding
WHITE_BELOW = 241  # a channel at most this is not white (< 0.95)
NEAR_WHITE = 200  # a CMYK or other colour this light may be white to pdfminer (all ≤ 0.05)


def apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def multiply(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
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


_COLOUR_OPERATOR = re.compile(
    rb"(?<![^\s\]\)>])(rg|RG|g|G|k|K|sc|scn|SC|SCN|cs|CS)(?![^\s\[\(<\/%])"
)


def colour_kinds(pdf: pikepdf.Pdf, index: int) -> set[bytes]:
    """The colour operators of a page's content streams and its forms' (``rg``, ``g``, ``k``…)."""
    page = pdf.pages[index]
    streams: list[pikepdf.Stream] = []
    contents = page.obj.get("/Contents")
    if isinstance(contents, pikepdf.Stream):
        streams.append(contents)
    elif isinstance(contents, pikepdf.Array):
        streams.extend(c for c in contents if isinstance(c, pikepdf.Stream))
    pending = [inherited(page.obj, "/Resources")]
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


class Rules:
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
            matrix = own if outer is None else multiply(own, outer)
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
            point = apply(matrix, self.fx.value, self.fy.value)
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
