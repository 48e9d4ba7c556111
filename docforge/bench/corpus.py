"""The benchmark's own corpus, built from the seed reports in ``bench/work/corpus``.

Page counts come from the seeds' PDF renditions (a report has as many pages in every
rendition as its PDF has), so text, DOCX and PDF inputs are compared per page of the same
report.
"""

from __future__ import annotations

import copy
import shutil
from dataclasses import dataclass
from pathlib import Path

import docx
import pikepdf

# The benchmark runs from a source checkout: its inputs are the checkout's seed fixtures,
# which an installed wheel does not carry.
ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "fixtures" / "seeds"


def require_checkout() -> None:
    """Stop with one line when the benchmark runs from an installed package, not a checkout."""
    if not SEEDS.is_dir():
        raise SystemExit(
            f"docforge bench: {SEEDS} is missing; run the benchmark from a source checkout"
        )


BIG_PAGES = 300
INCOMING_DOCUMENTS = 200


@dataclass(frozen=True)
class InputSet:
    """Files measured together, and how many pages they hold."""

    name: str
    files: tuple[Path, ...]
    pages: int


@dataclass(frozen=True)
class Corpus:
    seeds_txt: InputSet
    seeds_wrapped: InputSet
    seeds_docx: InputSet
    seeds_pdf: InputSet
    big_docx: InputSet
    big_pdf: InputSet
    incoming: Path

    @property
    def input_sets(self) -> tuple[InputSet, ...]:
        return (
            self.seeds_txt,
            self.seeds_wrapped,
            self.seeds_docx,
            self.seeds_pdf,
            self.big_docx,
            self.big_pdf,
        )


def seed_stems() -> list[str]:
    return sorted(p.stem for p in SEEDS.glob("*.txt") if not p.stem.endswith(".wrapped"))


def pdf_pages(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def _seed_set(folder: Path, stems: list[str], suffix: str, name: str) -> InputSet:
    files = []
    for stem in stems:
        target = folder / f"{stem}{suffix}"
        shutil.copy(SEEDS / f"{stem}{suffix}", target)
        files.append(target)
    pages = sum(pdf_pages(SEEDS / f"{stem}.pdf") for stem in stems)
    return InputSet(name, tuple(files), pages)


def _rounds(stems: list[str]) -> int:
    """How many times the seeds go one after another to reach ``BIG_PAGES`` pages."""
    per_round = sum(pdf_pages(SEEDS / f"{stem}.pdf") for stem in stems)
    return -(-BIG_PAGES // per_round)


def big_docx(target: Path, stems: list[str]) -> InputSet:
    """The seed DOCX bodies one after another (styles and numbering of the first seed)."""
    rounds = _rounds(stems)
    document = docx.Document(str(SEEDS / f"{stems[0]}.docx"))
    body = document.element.body
    section = body[-1] if body[-1].tag.endswith("}sectPr") else None
    for index in range(rounds * len(stems)):
        if index == 0:
            continue
        other = docx.Document(str(SEEDS / f"{stems[index % len(stems)]}.docx")).element.body
        for child in other:
            if not child.tag.endswith("}sectPr"):
                (section.addprevious if section is not None else body.append)(copy.deepcopy(child))
    document.save(str(target))
    pages = rounds * sum(pdf_pages(SEEDS / f"{stem}.pdf") for stem in stems)
    return InputSet(f"{pages}-page DOCX", (target,), pages)


def big_pdf(target: Path, stems: list[str]) -> InputSet:
    """The seed PDFs' pages one after another."""
    merged = pikepdf.new()
    for _ in range(_rounds(stems)):
        for stem in stems:
            with pikepdf.open(SEEDS / f"{stem}.pdf") as source:
                merged.pages.extend(source.pages)
    merged.save(target)
    pages = len(merged.pages)
    return InputSet(f"{pages}-page PDF", (target,), pages)


def docx_variant(source: Path, target: Path, number: int) -> None:
    """A seed DOCX with one closing paragraph more: a new source of the same report."""
    document = docx.Document(str(source))
    document.add_paragraph(f"（第{number}份）")
    document.save(str(target))


def build_incoming(folder: Path, stems: list[str], count: int = INCOMING_DOCUMENTS) -> Path:
    """Half text variants of the seeds (as the publish benchmark makes them), half DOCX."""
    texts = count // 2
    make_incoming(folder, texts)
    for index in range(texts, count):
        stem = stems[index % len(stems)]
        docx_variant(SEEDS / f"{stem}.docx", folder / f"{index:04d}-{stem}.docx", index + 1)
    return folder


def build_corpus(work: Path) -> Corpus:
    """Everything the benchmark reads, rebuilt from the seeds on each run."""
    folder = work / "corpus"
    if folder.exists():
        shutil.rmtree(folder)
    stems = seed_stems()
    for sub in ("txt", "wrapped", "docx", "pdf", "big", "incoming"):
        (folder / sub).mkdir(parents=True)
    return Corpus(
        seeds_txt=_seed_set(folder / "txt", stems, ".txt", "seed text"),
        seeds_wrapped=_seed_set(folder / "wrapped", stems, ".wrapped.txt", "seed wrapped text"),
        seeds_docx=_seed_set(folder / "docx", stems, ".docx", "seed DOCX"),
        seeds_pdf=_seed_set(folder / "pdf", stems, ".pdf", "seed PDF"),
        big_docx=big_docx(folder / "big" / "big.docx", stems),
        big_pdf=big_pdf(folder / "big" / "big.pdf", stems),
        incoming=build_incoming(folder / "incoming", stems),
    )


def seed_docx_set(folder: Path) -> InputSet:
    """The seed DOCX files alone, for a run of the DOCX → PDF comparison by itself."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return _seed_set(folder, seed_stems(), ".docx", "seed DOCX")


def long_pdf_set(folder: Path) -> InputSet:
    """The long PDF alone, for a run of the PDF reading measurement by itself."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return big_pdf(folder / "big.pdf", seed_stems())


def make_incoming(folder: Path, count: int) -> None:
    """``count`` text documents: the seed reports, each copy with a numbered closing line,
    so every copy is a new source (a new version of its report) that converts for real."""
    seeds = sorted(p for p in SEEDS.glob("*.txt") if not p.name.endswith(".wrapped.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        source = seeds[index % len(seeds)]
        text = source.read_text(encoding="utf-8") + f"\n\n（第{index + 1}份）\n"
        (folder / f"{index:04d}-{source.name}").write_text(text, encoding="utf-8")
