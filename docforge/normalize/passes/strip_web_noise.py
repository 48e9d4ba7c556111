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

import re

from docforge.model.blocks import Block, TextBlock
from docforge.normalize.pipeline import Change, Draft
from docforge.text.chars import han_count
from docforge.text.web_chrome import chrome_line, is_breadcrumb, is_prose, is_view_count

_SITE_TAG = re.compile(r"^(?:\|\s*[\w.-]{1,20}|[\w.-]{1,20}\s*\|)$", re.ASCII)
_UI_WORDS = re.compile(
    r"^(?:[【\[]?(?:打印|关闭|收藏|分享到?|字号|下载|返回顶部|打印本页|关闭窗口|大|中|小|默认)[】\]]?[\s|/：:]*){2,}$"
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
    if _SITE_TAG.match(text):
        return "site tag"
    if _UI_WORDS.match(text) and han_count(text) <= 20:
        return "web page controls"
    return None


def _is_nav(block: Block) -> bool:
    return (isinstance(block, TextBlock) and len(block.text.strip()) <= NAV_LINE_MAX
            and not is_prose(block.text))


def _head(blocks: list[Block]) -> dict[int, str]:
    """Chrome before the article's first sentence, and the site header above it."""
    found: dict[int, str] = {}
    anchor = None
    for i, block in enumerate(blocks[:HEAD_SCAN]):
        if not isinstance(block, TextBlock):
            break
        line = chrome_line(block.text)
        if line is None:
            if is_prose(block.text):
                break
            continue
        found[i] = line.kind
        if anchor is None and line.kind in ("breadcrumb", "disclosure metadata"):
            anchor = i
    if anchor is not None and all(_is_nav(b) for b in blocks[:anchor]):
        found.update({i: "site header" for i in range(anchor) if i not in found})
    return found


def _tail(blocks: list[Block]) -> dict[int, str]:
    """From the first chrome line after the article's last sentence to the end."""
    start = len(blocks)
    for i in range(len(blocks) - 1, max(-1, len(blocks) - 1 - TAIL_SCAN), -1):
        block = blocks[i]
        if not _is_nav(block) and not (isinstance(block, TextBlock) and chrome_line(block.text)):
            break
        start = i
    first = next((i for i in range(start, len(blocks)) if chrome_line(blocks[i].text)), None)
    found: dict[int, str] = {}
    if first is not None:
        for i in range(first, len(blocks)):
            line = chrome_line(blocks[i].text)
            found[i] = line.kind if line else "links after the article"
    last = len(blocks) - 1
    if last >= 0 and isinstance(blocks[last], TextBlock) and is_view_count(blocks[last].text):
        found.setdefault(last, "view counter")
    return found


def _fields(text: str) -> tuple[tuple[str, str], ...]:
    line = chrome_line(text)
    return line.fields if line else ()


def strip_web_noise(draft: Draft) -> Draft:
    blocks = list(draft.blocks)
    kinds = {i: kind for i, b in enumerate(blocks) if (kind := _anywhere_kind(b))}
    for i, kind in (_head(blocks) | _tail(blocks)).items():
        kinds.setdefault(i, kind)
    disclosure = list(draft.disclosure)
    known = {name for name, _ in disclosure}
    kept, changes = [], []
    for i, block in enumerate(blocks):
        if i not in kinds:
            kept.append(block)
            continue
        fields = [(name, value) for name, value in _fields(block.text) if name not in known]
        if fields:
            known.update(name for name, _ in fields)
            disclosure.extend(fields)
            after = "；".join(f"{name}={value}" for name, value in fields)
            changes.append(Change("move-to-metadata", block.prov, block.text, after))
        else:
            changes.append(Change("drop-web-noise", block.prov, block.text, ""))
    return draft.evolve(kept, changes, disclosure=tuple(disclosure))
