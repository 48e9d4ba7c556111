"""The normalizer: all genre knowledge, from a block stream to the canonical XML.

It never knows which format a block came from, so one report gives the same
XML whether it arrived as text, DOCX or PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from lxml import etree

from docforge import __version__
from docforge.model.blocks import Extraction
from docforge.normalize.amounts import mark_amounts
from docforge.normalize.build_xml import build_report
from docforge.normalize.chain import default_chain
from docforge.normalize.pipeline import Draft, Options


@dataclass(frozen=True)
class Normalized:
    draft: Draft
    root: etree._Element


def normalize_blocks(extraction: Extraction, options: Options | None = None) -> Draft:
    draft = Draft(
        blocks=tuple(extraction.blocks),
        options=options or Options(),
        warnings=tuple(("reader", w) for w in extraction.warnings),
        disclosure=tuple(extraction.disclosure),
    )
    return default_chain().run(draft)


def normalize(extraction: Extraction, options: Options | None = None) -> Normalized:
    """The canonical XML of one extracted report."""
    draft = normalize_blocks(extraction, options)
    fallback = PurePath(extraction.source.file_name).stem
    root = build_report(draft, extraction.source, __version__, fallback, extraction.uncertain)
    return Normalized(draft, mark_amounts(root))
