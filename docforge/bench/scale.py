"""The scale benchmark: a generated archive grown to 1,000, 5,000 and 10,000 reports.

Each size step adds new reports (variants of the seeds: the department gets a district
prefix of its own, so each is a report of its own, not a version) and publishes them
into the same archive and site, then publishes again with nothing new. Each run is one
``python -m docforge.bench.scale run …`` subprocess that prints its summary, the seconds
of the site build and the driver's own peak RSS (its worker processes are not counted).
Cost per document should stay flat as the archive grows: conversion per new document,
site build per report.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from docforge.bench.measure import run_measured
from docforge.bench.report import Table, met, mib, rate
from docforge.text.numerals import HAN_DIGITS

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
FLAT_RATIO = 1.5  # largest size's cost per document at most this times the smallest's


def district(index: int) -> str:
    """A district name of its own for each generated report: 一二三区 for 123."""
    return "".join(HAN_DIGITS[int(d)] for d in str(index)) + "区"


@dataclass(frozen=True)
class SeedText:
    text: str
    department: str
    name: str


def seed_texts() -> list[SeedText]:
    """The seeds whose department names their report: prefixing it makes a new report."""
    from docforge.convert import convert_to_xml
    from docforge.publish.identity import identity_of

    found = []
    for path in sorted(p for p in SEEDS.glob("*.txt") if not p.name.endswith(".wrapped.txt")):
        department = identity_of(convert_to_xml(path)).department
        text = path.read_text(encoding="utf-8")
        if not department:
            continue
        seed = SeedText(text, department, path.name)
        probe = district(0) + department
        variant = convert_to_xml(Path(path.name), data=variant_text(seed, 0).encode("utf-8"))
        if identity_of(variant).department == probe:
            found.append(seed)
    return found


def variant_text(seed: SeedText, index: int) -> str:
    return seed.text.replace(seed.department, district(index) + seed.department)


def grow_corpus(folder: Path, seeds: list[SeedText], start: int, stop: int) -> None:
    """Reports ``start`` … ``stop - 1`` of the generated archive, as text files."""
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(start, stop):
        seed = seeds[index % len(seeds)]
        (folder / f"{index:06d}-{seed.name}").write_text(
            variant_text(seed, index), encoding="utf-8"
        )


def run_publish(argv: list[str]) -> None:
    """The measured subprocess: one publish, its figures as JSON on stdout."""
    from rich.console import Console

    from docforge.publish.run import publish

    parser = argparse.ArgumentParser()
    parser.add_argument("incoming", type=Path)
    parser.add_argument("site", type=Path)
    parser.add_argument("archive", type=Path)
    parser.add_argument("--executor", default="local")
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("-j", "--jobs", type=int, default=None)
    args = parser.parse_args(argv)
    summary = publish(
        args.incoming,
        args.site,
        args.archive,
        jobs=args.jobs,
        with_pdf=not args.no_pdf,
        executor=args.executor,
        console=Console(quiet=True),
    )
    json.dump(
        {
            "converted": summary.converted,
            "failed": summary.failed,
            "seconds": summary.seconds,
            "site_seconds": summary.site_seconds,
            "site_rebuilt": summary.site_rebuilt,
            "driver_peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        },
        sys.stdout,
    )


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and files below ``folder`` (each hard link counted once)."""
    seen, total, files = set(), 0, 0
    for path in folder.resolve().rglob("*"):
        if path.is_file():
            stat = path.stat()
            files += 1
            if (stat.st_dev, stat.st_ino) not in seen:
                seen.add((stat.st_dev, stat.st_ino))
                total += stat.st_size
    return total, files


@dataclass
class ScaleRun:
    """One archive grown step by step with one executor, PDFs or not."""

    work: Path
    label: str
    executor: str
    with_pdf: bool
    jobs: int

    def publish(self) -> dict | None:
        command = [
            sys.executable,
            "-m",
            "docforge.bench.scale",
            "run",
            self.work / "incoming",
            self.work / "site",
            self.work / "archive",
            "--executor",
            self.executor,
            "-j",
            str(self.jobs),
        ]
        if not self.with_pdf:
            command.append("--no-pdf")
        measured = run_measured(command)
        if not measured.ok:
            print(f"  failed: {measured.failure_line()}", flush=True)
            return None
        return json.loads(measured.stdout)


class ScaleBench:
    """The growth table and the flatness verdicts."""

    def __init__(
        self, work: Path, sizes: list[int], pdf_sizes: list[int], jobs: int, dask_size: int | None
    ) -> None:
        self.work, self.sizes, self.pdf_sizes, self.jobs = work, sizes, pdf_sizes, jobs
        self.dask_size = dask_size
        self.table = Table(
            "Scale: the archive grown step by step (each cold run publishes the new reports; "
            "the site build renders them and carries the others' pages over; warm = again "
            "with nothing new)",
            (
                "corpus",
                "executor",
                "reports",
                "run",
                "new docs",
                "seconds",
                "new docs/s",
                "ms per new doc (conversion)",
                "site build s",
                "site ms per report",
                "driver peak RSS MiB",
                "catalog MiB",
                "site MiB",
                "site files",
            ),
        )
        self.flat = Table(
            "Scale: cost per document as the archive grows",
            (
                "corpus",
                "measure",
                "smallest",
                "largest",
                "largest/smallest",
                f"target ≤ {FLAT_RATIO:g}",
                "result",
            ),
        )
        self.notes: list[str] = []

    def grow(self, label: str, executor: str, with_pdf: bool, sizes: list[int]) -> None:
        seeds = seed_texts()
        folder = self.work / f"{label}-{executor}"
        shutil.rmtree(folder, ignore_errors=True)
        run = ScaleRun(folder, label, executor, with_pdf, self.jobs)
        done = 0
        per_doc, per_report = [], []
        for size in sizes:
            grow_corpus(folder / "incoming", seeds, done, size)
            new = size - done
            print(f"scale: {label}, {executor}, {size} reports (+{new}) …", flush=True)
            cold = run.publish()
            warm = run.publish()
            done = size
            if cold is None or warm is None:
                self.notes.append(f"{label}, {executor}, {size}: publish failed")
                return
            catalog = (folder / "archive" / "catalog.sqlite").stat().st_size
            site_bytes, site_files = folder_size(folder / "site")
            conversion = (cold["seconds"] - cold["site_seconds"]) / max(new, 1)
            per_doc.append(conversion)
            per_report.append(cold["site_seconds"] / size)
            for name, result in (("cold", cold), ("warm", warm)):
                self.table.add(
                    label,
                    executor,
                    size,
                    name,
                    result["converted"],
                    f"{result['seconds']:.1f}",
                    rate(result["converted"], result["seconds"]) if result["converted"] else "-",
                    f"{1000 * conversion:.0f}" if name == "cold" else "-",
                    f"{result['site_seconds']:.1f}" if result["site_rebuilt"] else "unchanged",
                    f"{1000 * result['site_seconds'] / size:.1f}"
                    if result["site_rebuilt"]
                    else "-",
                    mib(result["driver_peak_rss"]),
                    f"{catalog / 2**20:.1f}",
                    f"{site_bytes / 2**20:.0f}",
                    site_files,
                )
                if result["failed"]:
                    self.notes.append(
                        f"{label}, {executor}, {size}, {name}: {result['failed']} documents failed"
                    )
        if len(per_doc) > 1:
            for measure, values in (
                ("conversion s per new document", per_doc),
                ("site build s per report", per_report),
            ):
                ratio = values[-1] / values[0] if values[0] else None
                self.flat.add(
                    f"{label}, {executor}",
                    measure,
                    f"{values[0]:.4f}",
                    f"{values[-1]:.4f}",
                    f"{ratio:.2f}" if ratio else "-",
                    f"≤ {FLAT_RATIO:g}",
                    met(ratio <= FLAT_RATIO if ratio is not None else None),
                )

    def run(self) -> list[Table]:
        self.grow("HTML only", "local", False, self.sizes)
        if self.pdf_sizes:
            self.grow("with PDFs", "local", True, self.pdf_sizes)
        if self.dask_size:
            sizes = [s for s in self.sizes if s <= self.dask_size] or self.sizes[:1]
            self.grow("HTML only", "dask-local", False, sizes)
        return [self.table, self.flat]


def parse_sizes(value: str) -> list[int]:
    return sorted(int(v) for v in value.split(",") if v.strip())


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "run":
        run_publish(sys.argv[2:])
        return
    from docforge.bench.corpus import ROOT
    from docforge.bench.report import write_report

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "work" / "scale")
    parser.add_argument("--sizes", type=parse_sizes, default=[1000, 5000, 10000])
    parser.add_argument("--pdf-sizes", type=parse_sizes, default=[100, 500, 1000])
    parser.add_argument("--dask-size", type=int, default=10000)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args()
    bench = ScaleBench(args.work, args.sizes, args.pdf_sizes, args.jobs, args.dask_size)
    tables = bench.run()
    if args.output:
        print(write_report(args.output, [], tables, bench.notes))
    else:
        print("\n".join(t.markdown() for t in tables))


if __name__ == "__main__":
    main()
