"""Benchmark of ``publish``: a first publish of many documents, then a rerun with nothing new."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from docforge.bench.corpus import make_incoming, require_checkout
from docforge.publish.run import publish


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--documents", type=int, default=200)
    args = parser.parse_args()
    require_checkout()
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
            table.add_row(
                label,
                str(summary.converted),
                str(summary.unchanged),
                f"{time.perf_counter() - started:.2f}",
            )
    console.print(table)


if __name__ == "__main__":
    main()
