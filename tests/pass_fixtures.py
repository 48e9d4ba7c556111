"""The small text format of pass fixtures: blocks in, blocks and change log out.

``fixtures/passes/<pass>/<case>.in`` holds one block per line. The first character says how the
source separated it from the block before (``|`` a bare line end, ``¶`` a paragraph, ``§`` a
page); optional ``{bold centered indent size=22 outline=1 numbered}`` style hints follow; then
the text, or a table: ``[table head=1] 项目|金额 / 合计|10`` (rows parted by `` / ``, cells by ``|``). ``#`` starts a comment line; a first line ``#! after pass_a pass_b`` runs those passes
first, for a pass that works on what an earlier one made (renumbering needs classified headings). ``<case>.out`` is what the pass made: one line per block
(its role, label, heading words and text) and then, after ``--``, every logged change and warning, and the metadata the draft keeps.
"""

from __future__ import annotations

import re
from dataclasses import replace

from docforge.model.blocks import (
    Block,
    Break,
    Cell,
    Provenance,
    Span,
    StyleHints,
    TableBlock,
    TextBlock,
)

_BREAKS = {"|": Break.LINE, "¶": Break.PARAGRAPH, "§": Break.PAGE}
_HINTS = re.compile(r"^\{(?P<hints>[^}]*)\}\s?")
# ``[table head=1] 项目|金额 / 合计|10``: rows parted by `` / ``, cells by ``|``.
_TABLE = re.compile(r"^\[table head=(?P<head>\d+)\]\s?(?P<rows>.*)$")


def _hints(words: str) -> StyleHints:
    hints = StyleHints()
    for word in words.split():
        name, _, value = word.partition("=")
        if name == "bold":
            hints = replace(hints, bold=True)
        elif name == "centered":
            hints = replace(hints, centered=True)
        elif name == "indent":
            hints = replace(hints, first_line_indent=True)
        elif name == "size":
            hints = replace(hints, font_size=float(value))
        elif name == "outline":
            hints = replace(hints, outline_level=int(value))
        elif name == "numbered":
            hints = replace(hints, label_from_numbering=True)
        else:
            raise ValueError(f"unknown style hint {word!r}")
    return hints


def passes_before(text: str) -> list[str]:
    """The passes a case asks to run before the pass under test (``#! after …``)."""
    first = text.splitlines()[0] if text else ""
    return first.removeprefix("#! after").split() if first.startswith("#! after") else []


def parse_blocks(text: str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        mark, rest = line[0], line[2:] if line[1:2] == " " else line[1:]
        if mark not in _BREAKS:
            raise ValueError(f"line {number}: starts with {mark!r}, not one of | ¶ §")
        if m := _TABLE.match(rest):
            rows = tuple(
                tuple(Cell((Span(t.strip()),) if t.strip() else ()) for t in row.split("|"))
                for row in m.group("rows").split(" / ")
            )
            blocks.append(
                TableBlock(
                    rows=rows,
                    header_rows=int(m.group("head")),
                    prov=Provenance(line=number),
                    break_before=_BREAKS[mark],
                )
            )
            continue
        hints = StyleHints()
        if m := _HINTS.match(rest):
            hints, rest = _hints(m.group("hints")), rest[m.end() :]
        blocks.append(
            TextBlock(
                spans=(Span(rest),),
                prov=Provenance(line=number),
                break_before=_BREAKS[mark],
                hints=hints,
            )
        )
    return tuple(blocks)


def describe_block(block: Block) -> str:
    if isinstance(block, TableBlock):
        parts = [f"table {len(block.rows)} rows head={block.header_rows}"]
        parts += [f"caption «{block.caption}»"] if block.caption else []
        parts += [f"unit {block.unit}"] if block.unit else []
        parts += [f"note «{''.join(s.text for s in note)}»" for note in block.notes]
        parts += [" / ".join("|".join(c.text for c in row) for row in block.rows)]
        return " ".join(parts)
    if not isinstance(block, TextBlock):
        return f"{block.role} {getattr(block, 'text', '')}".rstrip()
    parts = [str(block.role)]
    if block.label:
        parts.append(f"[{block.label.scheme} {block.label.value} {block.label.text}]")
    if block.title:
        parts.append(f"«{block.title_text}»{block.title_punct}")
    parts.append(block.text)
    return " ".join(part for part in parts if part)


def describe_draft(draft) -> str:
    lines = [describe_block(block) for block in draft.blocks]
    lines.append("--")
    lines += [f"change {c.kind}: {c.before!r} → {c.after!r}" for c in draft.changes]
    lines += [f"warning {code}: {text}" for code, text in draft.warnings]
    if draft.metadata is not None:
        fields = ("department", "year", "kind", "filled")
        lines.append("metadata " + " ".join(f"{f}={getattr(draft.metadata, f)}" for f in fields))
    return "\n".join(lines) + "\n"
