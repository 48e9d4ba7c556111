"""Pass: write every label of one scheme in the document's dominant form.

``(一)`` among ``（一）``, ``1．`` among ``1.``, ``(5)`` among ``（5）``: per
scheme the form most labels use wins, and the others are rewritten to it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from docforge.model.blocks import TextBlock
from docforge.model.vocabulary import ChangeKind
from docforge.normalize.labels import numeral_of, render_label, reparse_label
from docforge.normalize.pipeline import Change, Draft

# On a tie, the form GB/T 9704 uses.
PREFERRED = ("{}、", "（{}）", "{}.", "第{}部分", "第{}章", "第{}节", "{}")


def _form(text: str) -> str | None:
    match = reparse_label(text)
    return match.form if match else None


def _scheme_key(block: TextBlock) -> tuple[str, int]:
    return block.label.scheme, block.label.depth


def normalize_label_forms(draft: Draft) -> Draft:
    labelled = [b for b in draft.blocks if isinstance(b, TextBlock) and b.label]
    counts: dict[tuple[str, int], Counter[str]] = {}
    for block in labelled:
        form = _form(block.label.text)
        if form:
            counts.setdefault(_scheme_key(block), Counter())[form] += 1
    dominant = {
        key: max(c, key=lambda f: (c[f], -PREFERRED.index(f) if f in PREFERRED else -99))
        for key, c in counts.items()
    }
    out, changes = [], []
    for block in draft.blocks:
        if isinstance(block, TextBlock) and block.label:
            label = block.label
            target = dominant.get(_scheme_key(block))
            if target and _form(label.text) != target:
                text = render_label(target, numeral_of(label.text, label.scheme))
                changes.append(Change(ChangeKind.FIX_LABEL_FORM, block.prov, label.text, text))
                block = replace(
                    block, label=replace(label, text=text, original=label.original or label.text)
                )
        out.append(block)
    return draft.evolve(out, changes)
