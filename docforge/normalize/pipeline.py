"""The normalizer's pass mechanism: an ordered, named chain of pure functions.

Each pass takes a ``Draft`` (the block stream, the change log so far, what is
known of the front matter) and returns a new one. Passes are registered by name
in order, so a pass can be switched off, or a new one placed before or after a
named one, without touching the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from docforge.model.blocks import Block, Provenance
from docforge.model.vocabulary import ChangeKind


@dataclass(frozen=True)
class Change:
    """One edit docforge made to the source: what, where, and the text before and after."""

    kind: ChangeKind
    location: Provenance
    before: str
    after: str


@dataclass(frozen=True)
class Options:
    """How far the normalizer may go.

    ``strict_wording`` keeps the source's spacing and punctuation exactly
    (structural fixes such as page furniture and numbering still apply).
    """

    strict_wording: bool = False


@dataclass(frozen=True)
class FrontMatter:
    """Fields stated before the body, such as ``填报日期：2023.1``, by name."""

    fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ReportMetadata:
    """What the report is (department, year, kind, filling date), read once from the draft.

    The pass ``keep_report_metadata`` reads it near the end of the chain and keeps it here,
    so the XML builder writes what the warnings were about rather than reading it again.
    """

    department: str | None
    year: int | None
    kind: str | None
    filled: str | None
    filled_iso: str | None
    # Fields the report itself does not state, taken from the web page's disclosure metadata.
    from_page: tuple[str, ...] = ()

    def missing(self) -> list[str]:
        """The names of the fields that could not be read."""
        return [
            name for name in ("department", "year", "kind", "filled") if getattr(self, name) is None
        ]


@dataclass(frozen=True)
class Draft:
    blocks: tuple[Block, ...]
    changes: tuple[Change, ...] = ()
    front: FrontMatter = FrontMatter()
    warnings: tuple[tuple[str, str], ...] = ()
    options: Options = field(default_factory=Options)
    # Publication metadata of a web copy (索引号, 发布机构 …) as (field, value), first value wins.
    disclosure: tuple[tuple[str, str], ...] = ()
    metadata: ReportMetadata | None = None

    def evolve(
        self,
        blocks: Iterable[Block] | None = None,
        changes: Iterable[Change] = (),
        **kwargs: Any,
    ) -> Draft:
        """A new draft with ``blocks`` replaced and ``changes`` appended to the log."""
        return replace(
            self,
            blocks=self.blocks if blocks is None else tuple(blocks),
            changes=self.changes + tuple(changes),
            **kwargs,
        )


PassFunction = Callable[[Draft], Draft]


@dataclass(frozen=True)
class Pass:
    name: str
    run: PassFunction
    wording: bool = False


class PassChain:
    """Ordered passes by name, in the spirit of markdown-it's Ruler."""

    def __init__(self, passes: Iterable[Pass] = ()) -> None:
        self._passes: list[Pass] = list(passes)

    @property
    def names(self) -> list[str]:
        return [p.name for p in self._passes]

    def _index(self, name: str) -> int:
        try:
            return self.names.index(name)
        except ValueError:
            raise KeyError(f"no pass named {name!r}") from None

    def only(self, name: str) -> PassChain:
        """A chain of the one pass ``name``: how a pass is tested on its own fixtures."""
        return PassChain([self._passes[self._index(name)]])

    def after(self, name: str, new: Pass) -> None:
        """Insert ``new`` right after pass ``name`` (a test inserts a sabotaging pass this way)."""
        self._passes.insert(self._index(name) + 1, new)

    def run(self, draft: Draft) -> Draft:
        for p in self._passes:
            if p.wording and draft.options.strict_wording:
                continue
            draft = p.run(draft)
        return draft
