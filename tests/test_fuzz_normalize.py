"""Fuzzing: random Unicode, random wrapping and random labels through the text reader and the
normalizer never raise anything but a one-line InputError, and always give schema-valid XML."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from docforge.errors import InputError
from docforge.extract import read_source
from docforge.model.blocks import (
    Break,
    Extraction,
    Provenance,
    SourceInfo,
    Span,
    StyleHints,
    TextBlock,
)
from docforge.model.xml import parse_report, serialize, validation_errors
from docforge.normalize import normalize
from docforge.normalize.pipeline import Options

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Any code point a UTF-8 file can hold (no lone surrogates), with the report genre's own
# characters made likely, since they are what the normalizer's passes look at.
GENRE_CHARACTERS = "一二三四五六七八九十（）()、.．:：；。，%万元第章节条部分①②③ \u3000\t"
characters = st.one_of(
    st.characters(blacklist_categories=("Cs",)),
    st.sampled_from(GENRE_CHARACTERS),
    st.sampled_from("0123456789"),
)
words = st.text(characters, min_size=0, max_size=40)
LABEL_FORMS = (
    "{h}、",
    "（{h}）",
    "({h})",
    "{n}.",
    "{n}．",
    "{n}、",
    "（{n}）",
    "{d}",
    "{c}",
    "第{h}章",
    "第{h}节",
    "第{h}部分",
    "第{n}条",
    "{n} ",
)
HANZI = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


@st.composite
def labels(draw: st.DrawFn) -> str:
    number = draw(st.integers(0, 120))
    depth = draw(st.integers(1, 9))
    return draw(st.sampled_from(LABEL_FORMS)).format(
        h=HANZI[number % 10] if number < 10 else HANZI[(number // 10) % 10] + "十",
        n=number,
        c=CIRCLED[number % 10],
        d=".".join(str(draw(st.integers(0, 99))) for _ in range(depth)),
    )


lines = st.one_of(words, st.builds(str.__add__, labels(), words))


@st.composite
def wrapped(draw: st.DrawFn) -> str:
    """Random lines, each cut at random widths, with random blank lines and form feeds."""
    out = []
    for line in draw(st.lists(lines, min_size=1, max_size=30)):
        width = draw(st.integers(1, 40))
        out.extend(line[i : i + width] for i in range(0, max(len(line), 1), width))
        out.append(draw(st.sampled_from(["", "", "\n", "\f", "\r"])))
    return "\n".join(out)


def assert_valid(extraction: Extraction, options: Options) -> None:
    root = normalize(extraction, options).root
    assert validation_errors(root) == []
    assert validation_errors(parse_report(serialize(root))) == []


@FUZZ
@given(text=wrapped(), strict=st.booleans(), markdown=st.booleans())
def test_random_text_files_convert_or_fail_with_an_input_error(
    text: str, strict: bool, markdown: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("fuzz.md" if markdown else "fuzz.txt")
        path.write_text(text, encoding="utf-8")
        try:
            extraction = read_source(path)
        except InputError as error:
            assert "\n" not in str(error)
            event(f"refused: {error.cause.split(':')[0]}")
            return
    event("converted")
    assert_valid(extraction, Options(strict_wording=strict))


spans = st.builds(Span, words, strong=st.booleans(), emphasis=st.booleans())
hints = st.builds(
    StyleHints,
    outline_level=st.none() | st.integers(1, 9),
    bold=st.booleans(),
    centered=st.booleans(),
    font_size=st.none() | st.floats(4, 40),
    first_line_indent=st.booleans(),
)


@st.composite
def blocks(draw: st.DrawFn) -> TextBlock:
    """A block as any reader could emit it: labelled or not, styled or not, any break."""
    label = draw(st.none() | labels())
    body = draw(st.lists(spans, min_size=1, max_size=4))
    if label:
        body[0] = Span(label + body[0].text, body[0].strong, body[0].emphasis)
    return TextBlock(
        spans=tuple(body),
        prov=Provenance(page=draw(st.none() | st.integers(1, 50))),
        break_before=draw(st.sampled_from(list(Break))),
        hints=draw(hints),
    )


@FUZZ
@given(stream=st.lists(blocks(), min_size=1, max_size=40), strict=st.booleans())
def test_random_block_streams_normalize_to_valid_xml(stream: list[TextBlock], strict: bool) -> None:
    text = "".join(s.text for b in stream for s in b.spans).encode()
    source = SourceInfo(
        file_name="fuzz.bin", format="text", sha256=hashlib.sha256(text).hexdigest(), size=len(text)
    )
    assert_valid(Extraction(source=source, blocks=stream), Options(strict_wording=strict))
