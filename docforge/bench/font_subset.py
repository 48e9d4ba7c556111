"""Does subsetting from a smaller, prepared CJK font make the PDF's font subsets cheaper?

``python -m docforge.bench.font_subset`` prepares, once, a subset of Noto Serif CJK SC that
keeps the glyphs of GB 2312's characters and ASCII at their glyph ids (so the glyph ids
Pango laid out with stay valid), then times HarfBuzz subsetting the same 800 glyphs — as
WeasyPrint does for each font of each PDF — from the full font and from the prepared one,
with and without keeping glyph ids, and checks both give the same glyph outlines.
The answer decides whether docforge ships a prepared font: see docs/scale.md.
"""

from __future__ import annotations

import io
import random
import statistics
import tempfile
import time
from pathlib import Path

FULL_FONT = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
FACE_INDEX = 2  # the SC face of the collection
GLYPHS = 800  # about what one report of ten pages uses of its body font
ROUNDS = 5


def gb2312_characters() -> list[int]:
    found = set(range(0x20, 0x7F))
    for first in range(0xA1, 0xF8):
        for second in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes((first, second)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return sorted(found)


def main() -> None:
    from fontTools.ttLib import TTFont
    from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset
    from weasyprint.text.fonts import get_hb_object_data

    ffi.cdef("""
    hb_blob_t * hb_blob_create_from_file (const char *file_name);
    hb_face_t * hb_face_create (hb_blob_t *blob, unsigned int index);
    hb_set_t * hb_subset_input_unicode_set (hb_subset_input_t *input);
    """)
    retain = harfbuzz_subset.HB_SUBSET_FLAGS_RETAIN_GIDS
    passthrough = harfbuzz_subset.HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED
    desubroutinize = harfbuzz_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE

    def face_of(path: Path, index: int):
        return harfbuzz.hb_face_create(harfbuzz.hb_blob_create_from_file(str(path).encode()), index)

    def subset(face, values: list[int], flags: int, unicodes: bool = False) -> tuple[float, bytes]:
        plan = harfbuzz_subset.hb_subset_input_create_or_fail()
        target = (
            harfbuzz_subset.hb_subset_input_unicode_set(plan)
            if unicodes
            else harfbuzz_subset.hb_subset_input_glyph_set(plan)
        )
        harfbuzz.hb_set_add_sorted_array(
            target, ffi.new(f"hb_codepoint_t[{len(values)}]", values), len(values)
        )
        harfbuzz_subset.hb_subset_input_set_flags(plan, flags)
        started = time.perf_counter()
        made = harfbuzz_subset.hb_subset_or_fail(face, plan)
        seconds = time.perf_counter() - started
        return seconds, get_hb_object_data(made)

    full = face_of(FULL_FONT, FACE_INDEX)
    characters = gb2312_characters()
    seconds, prepared_bytes = subset(full, characters, retain | passthrough, unicodes=True)
    print(
        f"prepared font: {len(characters)} characters, {len(prepared_bytes) / 2**20:.1f} MiB "
        f"(full face file {FULL_FONT.stat().st_size / 2**20:.1f} MiB), made in {seconds:.2f} s"
    )
    with tempfile.TemporaryDirectory() as folder:
        prepared_path = Path(folder) / "prepared.otf"
        prepared_path.write_bytes(prepared_bytes)
        prepared = face_of(prepared_path, 0)
        font = TTFont(io.BytesIO(prepared_bytes), lazy=True)
        cmap = font.getBestCmap()
        random.seed(18)
        glyphs = sorted(
            {
                font.getGlyphID(cmap[c])
                for c in random.sample([c for c in characters if c in cmap], GLYPHS)
            }
        )
        print(f"| flags | from | median ms of {ROUNDS} | output KiB |")
        print("| --- | --- | --- | --- |")
        outputs = {}
        for label, flags in (
            ("retain gids (WeasyPrint)", retain | passthrough | desubroutinize),
            ("new gids", passthrough | desubroutinize),
        ):
            for name, face in (("full font", full), ("prepared font", prepared)):
                runs = [subset(face, glyphs, flags) for _ in range(ROUNDS)]
                outputs[label, name] = runs[0][1]
                print(
                    f"| {label} | {name} | {1000 * statistics.median(r[0] for r in runs):.0f} | "
                    f"{len(runs[0][1]) // 1024} |"
                )
        same = (
            outputs["retain gids (WeasyPrint)", "full font"]
            == outputs["retain gids (WeasyPrint)", "prepared font"]
        )
        print(f"same subset bytes from both fonts: {same}")


if __name__ == "__main__":
    main()
