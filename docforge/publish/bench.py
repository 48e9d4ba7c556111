"""Benchmark of ``publish``: a first publish of many documents, then a rerun with nothing new."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from docforge.publish.run import publish

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"


def make_incoming(folder: Path, count: int) -> None:
    """``count`` text documents: the seed reports, each copy with a numbered closing line,
    so every copy is a new source (a new version of its report) that converts for real."""
    seeds = sorted(p for p in SEEDS.glob("*.txt") if not p.name.endswith(".wrapped.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        source = seeds[index % len(seeds)]
        text = source.read_text(encoding="utf-8") + f"\n\n（第{index + 1}份）\n"
        (folder / f"{index:04d}-{source.name}").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--documents", type=int, default=200)
    args = parser.parse_args()
    console = Console(highlight=False)
    quiet = Console(quiet=True)
    table = Table(title=f"publish benchmark ({args.documents} documents)")
    for column in ("run", "converted", "unchanged", "seconds"):
        table.add_column(column, justify="right")
    with tempfile.TemporaryDirectory(prefix="docforge-bench-") as work:
        base = Path(work)
        make_incoming(base / "incoming", args.documents)
        for label in ("first publish", "rerun, nothing changed"):
            started = time.perf_counter()
            summary = publish(base / "incoming", base / "site", base / "archive", console=quiet)
            table.add_row(label, str(summary.converted), str(summary.unchanged),
                          f"{time.perf_counter() - started:.2f}")
    console.print(table)


if __name__ == "__main__":
    main()
