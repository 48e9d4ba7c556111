"""The normalizer's passes, in the order they run."""

from __future__ import annotations

from docforge.normalize.passes.attach_table_captions import attach_table_captions
from docforge.normalize.passes.classify_numbered_blocks import classify_numbered_blocks
from docforge.normalize.passes.clean_characters import clean_characters
from docforge.normalize.passes.drop_page_furniture import drop_page_furniture
from docforge.normalize.passes.drop_table_of_contents import drop_table_of_contents
from docforge.normalize.passes.extract_front_matter import extract_front_matter
from docforge.normalize.passes.find_glossaries import find_glossaries
from docforge.normalize.passes.find_table_headers import find_table_headers
from docforge.normalize.passes.fix_malformed_decimals import fix_malformed_decimals
from docforge.normalize.passes.fix_numbering_sequence import fix_numbering_sequence
from docforge.normalize.passes.fix_punctuation import fix_punctuation
from docforge.normalize.passes.fix_spacing import fix_spacing
from docforge.normalize.passes.heal_page_breaks import heal_page_breaks
from docforge.normalize.passes.ignore_body_outline_levels import ignore_body_outline_levels
from docforge.normalize.passes.join_wrapped_lines import join_wrapped_lines
from docforge.normalize.passes.keep_report_metadata import keep_report_metadata
from docforge.normalize.passes.mark_signature import mark_signature
from docforge.normalize.passes.merge_continued_tables import merge_continued_tables
from docforge.normalize.passes.normalize_label_forms import normalize_label_forms
from docforge.normalize.passes.strip_converter_debris import strip_converter_debris
from docforge.normalize.passes.strip_web_noise import strip_web_noise
from docforge.normalize.pipeline import Pass, PassChain


def default_chain() -> PassChain:
    return PassChain(
        [
            Pass("clean_characters", clean_characters),
            Pass("ignore_body_outline_levels", ignore_body_outline_levels),
            Pass("drop_page_furniture", drop_page_furniture),
            Pass("strip_web_noise", strip_web_noise),
            Pass("find_table_headers", find_table_headers),
            Pass("attach_table_captions", attach_table_captions),
            Pass("merge_continued_tables", merge_continued_tables),
            Pass("join_wrapped_lines", join_wrapped_lines),
            Pass("strip_converter_debris", strip_converter_debris),
            Pass("extract_front_matter", extract_front_matter),
            Pass("drop_table_of_contents", drop_table_of_contents),
            Pass("heal_page_breaks", heal_page_breaks),
            Pass("find_glossaries", find_glossaries),
            Pass("classify_numbered_blocks", classify_numbered_blocks),
            Pass("fix_numbering_sequence", fix_numbering_sequence),
            Pass("normalize_label_forms", normalize_label_forms),
            Pass("mark_signature", mark_signature),
            Pass("fix_malformed_decimals", fix_malformed_decimals, wording=True),
            Pass("fix_punctuation", fix_punctuation, wording=True),
            Pass("fix_spacing", fix_spacing, wording=True),
            Pass("keep_report_metadata", keep_report_metadata),
        ]
    )
