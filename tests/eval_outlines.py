"""The structure scoreboard (``make eval``): each real genre document against its golden outline.

For every golden outline in ``fixtures/real-outlines/`` (made by reading the
rendered pages of a document in ``../shared/corpus/real/``), the document is
converted and its outline compared with the golden one. A heading counts as
found when the same heading words stand at the same rank (section level);
headings are matched in order (longest common subsequence), so a heading
found out of place does not count. Printed per document and overall:
precision, recall and F1 with rank, F1 ignoring rank, label accuracy (of the
matched headings, how many carry the golden label), and the counts of list
items and glossary terms (against the golden count where the golden states it
in a ``# glossary-terms: N`` line).

Run: ``python -m tests.eval_outlines [-j N] [NAME_FILTER]``.
"""

from __future__ import annotations

import argparse
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import FIXTURES, SHARED_CORPUS

REAL = SHARED_CORPUS / "real"
GOLDEN_OUTLINES = FIXTURES / "real-outlines"
SOURCE_SUFFIXES = (".pdf", ".docx")
_COUNT = re.compile(r"^#\s*(?P<name>[a-z-]+):\s*(?P<value>\d+)\s*$")


@dataclass(frozen=True)
class Heading:
    level: int
    label: str
    text: str

    @property
    def key(self) -> tuple[int, str]:
        return self.level, _compact(self.text)


@dataclass(frozen=True)
class Golden:
    name: str  # ``folder/stem``
    headings: tuple[Heading, ...]
    counts: dict[str, int]

    @property
    def source(self) -> Path:
        return golden_source(self.name)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def parse_outline_lines(lines: list[str]) -> tuple[tuple[Heading, ...], dict[str, int]]:
    """Headings (``level<TAB>label<TAB>words``) and ``# name: N`` count lines of an outline file."""
    headings, counts = [], {}
    for line in lines:
        if not line.strip():
            continue
        if line.startswith("#"):
            if m := _COUNT.match(line):
                counts[m.group("name")] = int(m.group("value"))
            continue
        level, label, text = line.split("\t", 2)
        headings.append(Heading(int(level), label, text))
    return tuple(headings), counts


def outline_headings(lines: list[str]) -> list[str]:
    """The heading lines of an outline file (count and comment lines left out)."""
    return [line for line in lines if line.strip() and not line.startswith("#")]


def golden_source(name: str) -> Path:
    """The corpus file a golden outline ``folder/stem`` describes."""
    for suffix in SOURCE_SUFFIXES:
        path = REAL / f"{name}{suffix}"
        if path.exists():
            return path
    return REAL / f"{name}.pdf"


def load_goldens() -> list[Golden]:
    goldens = []
    for path in sorted(GOLDEN_OUTLINES.rglob("*.outline.txt")):
        name = path.relative_to(GOLDEN_OUTLINES).as_posix().removesuffix(".outline.txt")
        headings, counts = parse_outline_lines(path.read_text(encoding="utf-8").splitlines())
        goldens.append(Golden(name, headings, counts))
    return goldens


def matched_pairs(expected: list, found: list) -> list[tuple[int, int]]:
    """Index pairs of the longest common subsequence of two key lists."""
    n, m = len(expected), len(found)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = (
                table[i + 1][j + 1] + 1
                if expected[i] == found[j]
                else max(table[i + 1][j], table[i][j + 1])
            )
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if expected[i] == found[j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class Score:
    name: str
    expected: int
    found: int
    matched: int
    matched_any_rank: int
    labels_right: int
    list_items: int
    glossary_terms: int
    golden_counts: dict[str, int]
    error: str = ""

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else float(self.expected == 0)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else float(self.found == 0)

    @property
    def f1(self) -> float:
        if not self.expected and not self.found:
            return 1.0
        return _f1(self.precision, self.recall)

    @property
    def f1_any_rank(self) -> float:
        if not self.expected and not self.found:
            return 1.0
        p = self.matched_any_rank / self.found if self.found else 0.0
        r = self.matched_any_rank / self.expected if self.expected else 0.0
        return _f1(p, r)

    @property
    def label_accuracy(self) -> float:
        return self.labels_right / self.matched if self.matched else 1.0


def score_document(golden: Golden) -> Score:
    """Convert the golden's source and score its outline."""
    from docforge.convert import convert_to_xml
    from docforge.errors import InputError
    from docforge.model.xml import q

    try:
        root = convert_to_xml(golden.source)
    except InputError as error:
        return Score(golden.name, len(golden.headings), 0, 0, 0, 0, 0, 0, golden.counts, str(error))
    found = []
    for section in root.iter(q("section")):
        num = section.find(q("num"))
        found.append(
            Heading(
                int(section.get("level")),
                num.text if num is not None else "",
                "".join(section.find(q("heading")).itertext()),
            )
        )
    expected = list(golden.headings)
    pairs = matched_pairs([h.key for h in expected], [h.key for h in found])
    any_rank = matched_pairs([h.key[1] for h in expected], [h.key[1] for h in found])
    labels = sum(1 for i, j in pairs if _compact(expected[i].label) == _compact(found[j].label))
    items = sum(1 for _ in root.iter(q("item")))
    terms = sum(1 for _ in root.iter(q("term")))
    return Score(
        golden.name,
        len(expected),
        len(found),
        len(pairs),
        len(any_rank),
        labels,
        items,
        terms,
        golden.counts,
    )


def table(scores: list[Score]) -> str:
    head = (
        f"{'document':<48} {'exp':>4} {'got':>4} {'P':>5} {'R':>5} {'F1':>5} {'F1any':>5} {'label':>5} "
        f"{'items':>5} {'terms':>9}"
    )
    rows = [head, "-" * len(head)]
    for s in scores:
        golden_terms = s.golden_counts.get("glossary-terms")
        terms = f"{s.glossary_terms}" + (f"/{golden_terms}" if golden_terms is not None else "")
        name = s.name if len(s.name) <= 48 else "…" + s.name[-47:]
        rows.append(
            f"{name:<48} {s.expected:>4} {s.found:>4} {s.precision:>5.2f} {s.recall:>5.2f} "
            f"{s.f1:>5.2f} {s.f1_any_rank:>5.2f} {s.label_accuracy:>5.2f} {s.list_items:>5} {terms:>9}"
            + (f"  ERROR {s.error}" if s.error else "")
        )
    if scores:
        mean = sum(s.f1 for s in scores) / len(scores)
        worst = min(scores, key=lambda s: s.f1)
        total_matched = sum(s.matched for s in scores)
        micro_p = total_matched / max(1, sum(s.found for s in scores))
        micro_r = total_matched / max(1, sum(s.expected for s in scores))
        labels = sum(s.labels_right for s in scores) / max(1, total_matched)
        rows.append("-" * len(head))
        rows.append(
            f"documents {len(scores)}; mean F1 with rank {mean:.3f}; lowest {worst.f1:.3f} ({worst.name}); "
            f"micro P {micro_p:.3f} R {micro_r:.3f} F1 {_f1(micro_p, micro_r):.3f}; "
            f"label accuracy {labels:.3f}; list items {sum(s.list_items for s in scores)}; "
            f"glossary terms {sum(s.glossary_terms for s in scores)}"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "filter", nargs="?", default="", help="only goldens whose name contains this"
    )
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    if not REAL.is_dir():
        print(f"eval: {REAL} is absent; the real corpus is read from ../shared", file=sys.stderr)
        return 2
    goldens = [g for g in load_goldens() if args.filter in g.name]
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        scores = list(pool.map(score_document, goldens))
    print(table(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
