"""Pass: find the title, subtitles and front-matter fields such as ``填报日期：2023.1``.

The title is the first block when it reads as one (short, unfinished by
sentence punctuation, not a numbered heading); a title wrapped over two lines
is rejoined. Copies of the title that web pages repeat are dropped.
"""

from __future__ import annotations

import re
from dataclasses import replace

from docforge.model.blocks import Block, TextBlock
from docforge.model.vocabulary import ChangeKind
from docforge.normalize.labels import parse_label
from docforge.normalize.pipeline import Change, Draft, FrontMatter
from docforge.normalize.textops import join_blocks
from docforge.text.chars import ends_paragraph
from docforge.text.dates import YEAR_PATTERN
from docforge.text.fields import FRONT_MATTER_FIELDS

TITLE_MAX = 80
TITLE_LINE_MAX = 40
# A title is complete when it ends with the name of a kind of document.
_DOCUMENT_KIND_END = re.compile(
    r"(报告|决算|预算|说明|通知|意见|办法|规定|方案|总结|计划|公告|情况|报表|细则|纲要)$"
)
_FIELD = re.compile(
    rf"^(?P<name>{'|'.join(sorted(FRONT_MATTER_FIELDS, key=len, reverse=True))})"
    r"\s*[:：]\s*(?P<value>.+)$"
)
# Cover-page lines that are never headings: a date (``2024年8月``), a seal mark (``（盖章）``).
_COVER_LINE = re.compile(
    rf"^(?:{YEAR_PATTERN}\s*年\s*\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*日)?|[（(]\s*盖\s*章\s*[）)])$"
)
_SUBTITLE = re.compile(r"^(?:[（(].+[）)]|[—─-]{2}.+)$")
FRONT_SCAN = 8
# A document number (发文字号, ``发改办财金规〔2019〕860号``) closes the masthead of an official
# document (GB/T 9704: issuing authority, then the number); the title comes after it.
_DOCUMENT_NUMBER = re.compile(rf"[〔\[［(（]\s*{YEAR_PATTERN}\s*[〕\]］)）]\s*\d{{1,4}}\s*号$")


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _title_like(block: Block) -> bool:
    return (
        isinstance(block, TextBlock)
        and block.role == "text"
        and 0 < len(block.text) <= TITLE_MAX
        and not ends_paragraph(block.text)
        and parse_label(block.text) is None
        and not _FIELD.match(block.text)
    )


def _masthead(blocks: list[Block]) -> int:
    """How many blocks open the document as its masthead (issuing authority and number), or 0."""
    for i, block in enumerate(blocks[:FRONT_SCAN]):
        if not isinstance(block, TextBlock) or len(block.text) > TITLE_LINE_MAX:
            return 0
        if _DOCUMENT_NUMBER.search(re.sub(r"\s+", "", block.text)):
            return i + 1 if i + 1 < len(blocks) and _title_like(blocks[i + 1]) else 0
    return 0


def extract_front_matter(draft: Draft) -> Draft:
    blocks = list(draft.blocks)
    masthead = _masthead(blocks)
    front: list[Block] = [replace(b, role="paragraph") for b in blocks[:masthead]]
    blocks = blocks[masthead:]
    if not blocks or not _title_like(blocks[0]):
        return draft.evolve(
            warnings=draft.warnings + (("no-title", "no title found at the top of the document"),)
        )
    title_block: TextBlock = blocks.pop(0)
    if (
        blocks
        and _title_like(blocks[0])
        and len(blocks[0].text) <= TITLE_LINE_MAX
        and not _DOCUMENT_KIND_END.search(title_block.text)
        and _DOCUMENT_KIND_END.search(blocks[0].text)
    ):
        title_block = join_blocks(title_block, blocks.pop(0))
    title = title_block.text
    kept: list[Block] = [replace(title_block, role="title"), *front]
    fields: list[tuple[str, str]] = []
    changes: list[Change] = []
    has_subtitle = False
    cover_lines = 0
    for position, block in enumerate(blocks):
        text = block.text if isinstance(block, TextBlock) else None
        in_front = (
            position < FRONT_SCAN and len(kept) == 1 + len(front) + has_subtitle + cover_lines
        )
        if text is not None and position < FRONT_SCAN and _key(text) == _key(title):
            changes.append(Change(ChangeKind.DROP_REPEATED_TITLE, block.prov, text, ""))
        elif in_front and text is not None and (m := _FIELD.match(text)):
            fields.append((m.group("name"), m.group("value").strip()))
            changes.append(
                Change(ChangeKind.MOVE_TO_METADATA, block.prov, text, m.group("value").strip())
            )
        elif in_front and text is not None and _COVER_LINE.match(re.sub(r"\s+", "", text)):
            kept.append(replace(block, role="paragraph"))
            cover_lines += 1
        elif (
            in_front
            and text is not None
            and not has_subtitle
            and _SUBTITLE.match(text)
            and len(text) <= TITLE_MAX
        ):
            kept.append(replace(block, role="subtitle"))
            has_subtitle = True
        else:
            kept.append(block)
    return draft.evolve(kept, changes, front=FrontMatter(fields=tuple(fields)))
