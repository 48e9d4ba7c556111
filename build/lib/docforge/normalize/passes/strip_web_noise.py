"""Pass: drop what web pages wrap around a report (breadcrumbs, site tags, view counters, UI words)."""

from __future__ import annotations

import re

from docforge.model.blocks import Block, TextBlock
from docforge.model.vocabulary import ChangeKind
from docforge.normalize.pipeline import Change, Draft
from docforge.text.chars import han_count

_CRUMB_SEPARATOR = re.compile(r"\s*(?:>|＞|›|»|→)\s*")
_SITE_TAG = re.compile(r"^(?:\|\s*[\w.-]{1,20}|[\w.-]{1,20}\s*\|)$", re.ASCII)
_VIEW_COUNTER = re.compile(r"^(?:(?:浏览|阅读|点击|访问)(?:次数|量)?[:：]?\s*)?\d{2,9}(?:\s*次)?$")
_UI_WORDS = re.compile(
    r"^(?:[【\[]?(?:打印|关闭|收藏|分享到?|字号|下载|返回顶部|打印本页|关闭窗口|大|中|小|默认)[】\]]?[\s|/：:]*){2,}$"
)


def is_breadcrumb(text: str) -> bool:
    parts = [p for p in _CRUMB_SEPARATOR.split(text) if p]
    return len(parts) >= 3 and all(len(p) <= 40 and "。" not in p for p in parts)


def _noise_kind(block: Block, is_last: bool) -> str | None:
    if not isinstance(block, TextBlock):
        return None
    text = block.text.strip()
    if is_breadcrumb(text):
        return "breadcrumb"
    if _SITE_TAG.match(text):
        return "site tag"
    if _UI_WORDS.match(text) and han_count(text) <= 20:
        return "web page controls"
    if is_last and _VIEW_COUNTER.match(text):
        return "view counter"
    return None


def strip_web_noise(draft: Draft) -> Draft:
    blocks = list(draft.blocks)
    last_text = max((i for i, b in enumerate(blocks) if isinstance(b, TextBlock)), default=-1)
    kept, changes = [], []
    for i, block in enumerate(blocks):
        kind = _noise_kind(block, i == last_text)
        if kind:
            changes.append(Change(ChangeKind.DROP_WEB_NOISE, block.prov, block.text, ""))
            continue
        kept.append(block)
    return draft.evolve(kept, changes)
