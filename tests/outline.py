"""The outline of a canonical report: level, label and heading text of every heading."""

from __future__ import annotations

from lxml import etree

from docforge.model.xml import q


def outline_lines(root: etree._Element) -> list[str]:
    lines = []
    for section in root.iter(q("section")):
        num = section.find(q("num"))
        heading = "".join(section.find(q("heading")).itertext())
        label = num.text if num is not None else ""
        lines.append(f"{section.get('level')}\t{label}\t{heading}")
    return lines


def outline_f1(found: list[str], expected: list[str], likeness: float = 1.0) -> float:
    """F1 of headings matched in order, each with its rank (level) and label.

    Two headings match when level and label are equal and their words are at
    least ``likeness`` alike (1.0: identical; below it, a misread character
    in a recognised heading is counted by the text's error rate, not here).
    """
    from difflib import SequenceMatcher

    def alike(a: str, b: str) -> bool:
        (level_a, label_a, words_a), (level_b, label_b, words_b) = a.split("\t"), b.split("\t")
        return (
            level_a == level_b
            and label_a == label_b
            and SequenceMatcher(None, words_a, words_b).ratio() >= likeness
        )

    matched, start = 0, 0
    for line in found:
        hit = next((i for i in range(start, len(expected)) if alike(line, expected[i])), None)
        if hit is not None:
            matched, start = matched + 1, hit + 1
    if not found or not expected:
        return float(found == expected)
    precision, recall = matched / len(found), matched / len(expected)
    return 0.0 if not matched else 2 * precision * recall / (precision + recall)
