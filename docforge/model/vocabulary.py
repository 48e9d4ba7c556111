"""The closed vocabularies of the canonical XML: kinds of change, numbering schemes, block roles.

They are shared by the normalizer (which writes them), the schema (which lists them), the
publisher's wording and the checks (which read them). A ``StrEnum`` member is its string, so the
XML holds plain tokens while code gets one definition to import and a typo becomes an error.
"""

from __future__ import annotations

from enum import StrEnum


class ChangeKind(StrEnum):
    """Every kind of edit the normalizer may make to a source's wording or numbering."""

    DROP_CONVERTER_DEBRIS = "drop-converter-debris"
    DROP_PAGE_FURNITURE = "drop-page-furniture"
    DROP_REPEATED_TITLE = "drop-repeated-title"
    DROP_TABLE_OF_CONTENTS = "drop-table-of-contents"
    DROP_WEB_NOISE = "drop-web-noise"
    FIX_DECIMAL_SEPARATOR = "fix-decimal-separator"
    FIX_LABEL_FORM = "fix-label-form"
    FIX_PUNCTUATION = "fix-punctuation"
    FIX_SPACING = "fix-spacing"
    HEAL_SPLIT_PARAGRAPH = "heal-split-paragraph"
    JOIN_WRAPPED_LINES = "join-wrapped-lines"
    MOVE_TO_METADATA = "move-to-metadata"
    REMOVE_CONTROL_CHARACTERS = "remove-control-characters"
    RENUMBER_HEADING = "renumber-heading"


class NumberScheme(StrEnum):
    """The kinds of number label (``一、`` is hanzi-comma, ``（1）`` paren-arabic …)."""

    PART = "part"  # 第一部分
    CHAPTER = "chapter"  # 第一章
    SECTION = "section"  # 第一节
    HANZI_COMMA = "hanzi-comma"  # 一、
    PAREN_HANZI = "paren-hanzi"  # （一）
    ARABIC_DOT = "arabic-dot"  # 1. 1． 1、
    DECIMAL = "decimal"  # 1.1 / 3.2.1
    PAREN_ARABIC = "paren-arabic"  # （1）
    CIRCLED = "circled"  # ①
    ARTICLE = "article"  # 第一条
    BULLET = "bullet"  # • ❖ (an unordered list item's mark)


class BlockRole(StrEnum):
    """What a block is in the document, once the normalizer has classified it."""

    TEXT = "text"
    TITLE = "title"
    SUBTITLE = "subtitle"
    HEADING = "heading"
    ITEM = "item"
    PARAGRAPH = "paragraph"
    TABLE = "table"
    FIGURE = "figure"
    NOTE = "note"
    SIGNATURE = "signature"  # the closing 署名/日期 lines
