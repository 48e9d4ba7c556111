"""The normalizer's passes, in the order they run."""

from __future__ import annotations

from docforge.normalize.clean_characters import clean_characters
from docforge.normalize.converter_debris import strip_converter_debris
from docforge.normalize.front_matter import extract_front_matter
from docforge.normalize.hard_wraps import join_wrapped_lines
from docforge.normalize.label_forms import normalize_label_forms
from docforge.normalize.malformed_numbers import fix_malformed_decimals
from docforge.normalize.metadata import note_missing_metadata
from docforge.normalize.numbered_blocks import classify_numbered_blocks
from docforge.normalize.numbering_sequence import fix_numbering_sequence
from docforge.normalize.page_breaks import heal_page_breaks
from docforge.normalize.page_furniture import drop_page_furniture
from docforge.normalize.pipeline import Pass, PassChain
from docforge.normalize.punctuation import fix_punctuation
from docforge.normalize.spacing import fix_spacing
from docforge.normalize.table_of_contents import drop_table_of_contents
from docforge.normalize.web_noise import strip_web_noise


def default_chain() -> PassChain:
    return PassChain([
        Pass("clean_characters", clean_characters),
        Pass("drop_page_furniture", drop_page_furniture),
        Pass("strip_web_noise", strip_web_noise),
        Pass("join_wrapped_lines", join_wrapped_lines),
        Pass("strip_converter_debris", strip_converter_debris),
        Pass("extract_front_matter", extract_front_matter),
        Pass("drop_table_of_contents", drop_table_of_contents),
        Pass("heal_page_breaks", heal_page_breaks),
        Pass("classify_numbered_blocks", classify_numbered_blocks),
        Pass("fix_numbering_sequence", fix_numbering_sequence),
        Pass("normalize_label_forms", normalize_label_forms),
        Pass("fix_malformed_decimals", fix_malformed_decimals, wording=True),
        Pass("fix_punctuation", fix_punctuation, wording=True),
        Pass("fix_spacing", fix_spacing, wording=True),
        Pass("note_missing_metadata", note_missing_metadata),
    ])
