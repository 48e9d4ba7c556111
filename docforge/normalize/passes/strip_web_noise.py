"""Pass: drop what web pages wrap around a report, and keep the disclosure metadata they state.

Everywhere: breadcrumbs, site tags and rows of page controls. Before and
around the title (the head, up to the first sentence of the article): the
portal's chrome from ``docforge.text.web_chrome`` — the 信息公开 metadata block,
source/date/hit-count lines, font and share controls — and, above the first
breadcrumb or metadata line, the site's header (short lines of navigation).
After the article (the tail, after its last sentence): everything from the
first chrome line on (上一篇/下一篇, 相关链接 and its link titles, attachments,
the footer), and a bare hit counter. The fields the metadata lines state
(索引号, 发布机构, 文号, 发布日期, 来源 …) go into the draft's disclosure metadata.
Every dropped line is logged. The same vocabulary serves the HTML reader, so a
saved page and its pasted text lose the same chrome.
"""

from __future__ import annotations

from docforge.model.blocks import Block, TableBlock, TextBlock
from docforge.model.vocabulary import ChangeKind
from docforge.normalize.pipeline import Change, Draft
from docforge.text.dates import YEAR_IN_TEXT
from docforge.text.web_chrome import (
    DISCLOSURE_NAMES,
    ChromeLine,
    chrome_line,
    compact,
    is_breadcrumb,
    is_page_controls,
    is_prose,
    is_site_tag,
    is_view_count,
)

HEAD_SCAN = 40
TAIL_SCAN = 80
# A line of a site's navigation or of a related-links list: short, and no sentence.
NAV_LINE_MAX = 80


def _anywhere_kind(block: Block) -> str | None:
    """Noise that is never the report's, wherever it stands."""
    if not isinstance(block, TextBlock):
        return None
    text = block.text.strip()
    if is_breadcrumb(text):
        return "breadcrumb"
    if is_site_tag(text):
        return "site tag"
    if is_page_controls(text):
        return "web page controls"
    return None


def _is_nav(block: Block) -> bool:
    return (
        isinstance(block, TextBlock)
        and len(block.text.strip()) <= NAV_LINE_MAX
        and not is_prose(block.text)
    )


def _may_be_title(block: Block, page_title: str) -> bool:
    """A line above the breadcrumb that may be the report's title: never dropped as navigation."""
    text = block.text if isinstance(block, TextBlock) else ""
    return bool(YEAR_IN_TEXT.search(text)) or (
        bool(page_title) and compact(text) == compact(page_title)
    )


def _lines(block: Block) -> list[str]:
    """A block's lines: a paragraph's text, or a table's rows (the 信息公开 block is often a table)."""
    if isinstance(block, TextBlock):
        return [block.text]
    if isinstance(block, TableBlock):
        return [" ".join(cell.text for cell in row) for row in block.rows]
    return []


def block_chrome(block: Block) -> ChromeLine | None:
    """The chrome a block is when every line of it is chrome, with the fields its lines state."""
    found = [chrome_line(line) for line in _lines(block)]
    if not found or not all(found):
        return None
    return ChromeLine(found[0].kind, tuple(f for line in found for f in line.fields))


def _head(blocks: list[Block], page_title: str) -> dict[int, str]:
    """Chrome before the article's first sentence, and the site header above it."""
    found: dict[int, str] = {}
    anchor = None
    for i, block in enumerate(blocks[:HEAD_SCAN]):
        line = block_chrome(block)
        if line is None and not isinstance(block, TextBlock):
            break
        if line is None:
            if is_prose(block.text):
                break
            continue
        found[i] = line.kind
        if anchor is None and line.kind in ("breadcrumb", "disclosure metadata"):
            anchor = i
    if anchor is not None and all(_is_nav(b) for b in blocks[:anchor]):
        found.update(
            {
                i: "site header"
                for i in range(anchor)
                if i not in found and not _may_be_title(blocks[i], page_title)
            }
        )
    return found


def _is_count(block: Block) -> bool:
    return isinstance(block, TextBlock) and is_view_count(block.text)


def _tail(blocks: list[Block]) -> dict[int, str]:
    """From the first chrome line after the article's last sentence to the end."""
    start = len(blocks)
    for i in range(len(blocks) - 1, max(-1, len(blocks) - 1 - TAIL_SCAN), -1):
        block = blocks[i]
        if not _is_nav(block) and not block_chrome(block):
            break
        start = i
    first = next(
        (i for i in range(start, len(blocks)) if block_chrome(blocks[i]) or _is_count(blocks[i])),
        None,
    )
    found: dict[int, str] = {}
    if first is not None:
        for i in range(first, len(blocks)):
            line = block_chrome(blocks[i])
            found[i] = (
                line.kind
                if line
                else ("view counter" if _is_count(blocks[i]) else "links after the article")
            )
    last = len(blocks) - 1
    if last >= 0 and _is_count(blocks[last]):
        found.setdefault(last, "view counter")
    return found


def _fields(block: Block) -> tuple[tuple[str, str], ...]:
    line = block_chrome(block)
    return line.fields if line else ()


def strip_web_noise(draft: Draft) -> Draft:
    blocks = list(draft.blocks)
    kinds = {i: kind for i, b in enumerate(blocks) if (kind := _anywhere_kind(b))}
    page_title = dict(draft.disclosure).get("pagetitle", "")
    for i, kind in (_head(blocks, page_title) | _tail(blocks)).items():
        kinds.setdefault(i, kind)
    disclosure = list(draft.disclosure)
    known = {name for name, _ in disclosure}
    kept, changes = [], []
    for i, block in enumerate(blocks):
        if i not in kinds:
            kept.append(block)
            continue
        fields = [(name, value) for name, value in _fields(block) if name not in known]
        if fields:
            known.update(name for name, _ in fields)
            disclosure.extend(fields)
            after = "；".join(f"{DISCLOSURE_NAMES[name]}：{value}" for name, value in fields)
            changes.append(
                Change(ChangeKind.MOVE_TO_METADATA, block.prov, "\n".join(_lines(block)), after)
            )
        else:
            changes.append(
                Change(ChangeKind.DROP_WEB_NOISE, block.prov, "\n".join(_lines(block)), "")
            )
    return draft.evolve(kept, changes, disclosure=tuple(disclosure))
