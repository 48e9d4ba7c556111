"""DOCX → tagged PDF beside LibreOffice: issue #18's first target, and where the time goes.

Each tool converts the same batch, one process for the whole batch (so each pays its start-up
once: docforge its imports and fonts, soffice its own start with a profile warmed up before),
in turns, ``ROUNDS`` times; a figure is the best of its rounds, since on a shared machine other
work only ever adds time, and the turns give both tools the same load. Each tool also converts
the batch's first file alone, so the cost of one more page (the difference of the two runs over
their difference in pages) and the start-up (the one-file run less its pages) are printed apart.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docforge.bench.corpus import ROOT, SEEDS, InputSet, pdf_pages
from docforge.bench.measure import Measurement, run_measured
from docforge.bench.peers import SOFFICE, soffice_pdf
from docforge.bench.report import Table

ROUNDS = 3


def docforge_pdf(files: tuple[Path, ...], outdir: Path, jobs: int = 1) -> Measurement:
    """``docforge convert FILE… --to pdf`` in one process (``-j`` workers when ``jobs`` > 1)."""
    command = [sys.executable, "-m", "docforge.cli", "convert", *files, "-o", outdir]
    command += ["--to", "pdf"] + (["-j", str(jobs)] if jobs > 1 else [])
    return run_measured(command, cwd=ROOT)


@dataclass(frozen=True)
class ToolRuns:
    """One tool's best batch run and best one-file run."""

    label: str
    batch: Measurement
    single: Measurement

    @property
    def ok(self) -> bool:
        return self.batch.ok and self.single.ok


def best(runs: list[Measurement]) -> Measurement:
    """The fastest successful run (a failed one when all failed)."""
    done = [run for run in runs if run.ok]
    return min(done, key=lambda run: run.seconds) if done else runs[-1]


@dataclass
class DocxPdfBench:
    """The comparison's measurements and its tables."""

    input_set: InputSet
    work: Path
    jobs: int = os.cpu_count() or 1
    rounds: int = ROUNDS
    tools: dict[str, ToolRuns] | None = None

    def _tools(self) -> dict[str, Callable[[tuple[Path, ...], Path], Measurement]]:
        tools: dict[str, Callable[[tuple[Path, ...], Path], Measurement]] = {
            "docforge": lambda files, out: docforge_pdf(files, out),
        }
        if self.jobs > 1:
            tools[f"docforge -j {self.jobs}"] = lambda files, out: docforge_pdf(
                files, out, self.jobs
            )
        if SOFFICE.available():
            profile = self.work / "soffice-profile"
            soffice_pdf(self.input_set.files[:1], self.work / "soffice-warmup", profile)
            tools["soffice"] = lambda files, out: soffice_pdf(files, out, profile)
        return tools

    def run(self) -> dict[str, ToolRuns]:
        """Every tool on the batch and on its first file, in turns, ``rounds`` times."""
        tools = self._tools()
        files = self.input_set.files
        batches: dict[str, list[Measurement]] = {name: [] for name in tools}
        singles: dict[str, list[Measurement]] = {name: [] for name in tools}
        for round_number in range(self.rounds):
            print(f"DOCX → PDF: round {round_number + 1} of {self.rounds} …", flush=True)
            for name, convert in tools.items():
                out = self.work / "out" / name.replace(" ", "")
                batches[name].append(convert(files, out / "batch"))
                singles[name].append(convert(files[:1], out / "single"))
        self.tools = {
            name: ToolRuns(name, best(batches[name]), best(singles[name])) for name in tools
        }
        return self.tools

    @property
    def first_pages(self) -> int:
        return pdf_pages(SEEDS / f"{self.input_set.files[0].stem}.pdf")

    def cost_table(self) -> Table:
        """Per page and start-up of each tool, from the same run."""
        table = Table(
            f"DOCX → PDF: cost per page and start-up (best of {self.rounds} rounds in turns; "
            f"batch {self.input_set.name}, {self.input_set.pages} pages; one file "
            f"{self.first_pages} pages)",
            (
                "tool",
                "batch s",
                "batch CPU s",
                "ms per page (batch / pages)",
                "one file s",
                "ms per added page",
                "start-up s",
            ),
        )
        for runs in (self.tools or {}).values():
            table.add(runs.label, *self.cost_cells(runs))
        return table

    def cost_cells(self, runs: ToolRuns) -> tuple[str, ...]:
        if not runs.ok:
            return ("failed",) * 6
        pages, first = self.input_set.pages, self.first_pages
        per_page = (runs.batch.seconds - runs.single.seconds) / (pages - first)
        cpu = runs.batch.cpu_seconds
        return (
            f"{runs.batch.seconds:.2f}",
            f"{cpu:.2f}" if cpu is not None else "?",
            f"{1000 * runs.batch.seconds / pages:.0f}",
            f"{runs.single.seconds:.2f}",
            f"{1000 * per_page:.0f}",
            f"{runs.single.seconds - first * per_page:.2f}",
        )

    def per_page_note(self) -> str:
        """One line with each tool's cost per page, for the notes and the console."""
        parts = []
        for runs in (self.tools or {}).values():
            if runs.ok:
                cells = self.cost_cells(runs)
                parts.append(
                    f"{runs.label} {cells[2]} ms a page over the batch, {cells[4]} ms an added "
                    f"page, {cells[5]} s start-up"
                )
        return "DOCX → PDF per page (best of rounds): " + "; ".join(parts)
