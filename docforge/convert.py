"""Convert one input file into its canonical XML and rendered outputs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from docforge.errors import InputError, fail_line
from docforge.extract import Progress, read_source
from docforge.files import write_atomic
from docforge.model.xml import serialize, validation_errors
from docforge.normalize import normalize
from docforge.normalize.pipeline import Options

FORMATS = ("xml", "html", "pdf")
# Opens, for one input, a progress report for its OCR (a context manager yielding the callback).
ProgressFor = Callable[[Path], AbstractContextManager[Progress | None]]


@dataclass(frozen=True)
class WrittenOutputs:
    """The files ``convert`` wrote for one input."""

    source: Path
    outputs: tuple[Path, ...]
    change_count: int


def convert_to_xml(
    path: Path,
    options: Options | None = None,
    data: bytes | None = None,
    progress: Progress | None = None,
) -> etree._Element:
    """The validated canonical XML of one input (its bytes ``data`` when given, else read from
    ``path``); InputError when it cannot be made. ``progress`` hears how far OCR of scanned
    pages has got (pages done, pages to do)."""
    extraction = read_source(path, data, progress)
    root = normalize(extraction, options).root
    errors = validation_errors(root)
    if errors:
        raise InputError(path, f"produced XML that fails the schema: {errors[0]}")
    return root


def convert_file(
    path: Path,
    outdir: Path,
    formats: tuple[str, ...],
    options: Options | None = None,
    progress: Progress | None = None,
) -> WrittenOutputs:
    root = convert_to_xml(path, options, progress=progress)
    outdir.mkdir(parents=True, exist_ok=True)
    stem = path.stem
    outputs = []
    if "xml" in formats:
        target = outdir / f"{stem}.xml"
        write_atomic(target, serialize(root))
        outputs.append(target)
    if "html" in formats:
        from docforge.render.html import PageLinks, render_html, stylesheet_text

        links = PageLinks(
            pdf=f"{stem}.pdf" if "pdf" in formats else "",
            xml=f"{stem}.xml" if "xml" in formats else "",
        )
        target = outdir / f"{stem}.html"
        write_atomic(target, render_html(root, links).encode("utf-8"))
        write_atomic(outdir / "report.css", stylesheet_text().encode("utf-8"))
        outputs.append(target)
    if "pdf" in formats:
        from docforge.render.pdf import render_pdf

        target = outdir / f"{stem}.pdf"
        write_atomic(target, render_pdf(root))
        outputs.append(target)
    changes = root.find("{urn:docforge:report:1}changes")
    return WrittenOutputs(path, tuple(outputs), len(changes) if changes is not None else 0)


def convert_or_fail(
    path: Path,
    outdir: Path,
    formats: tuple[str, ...],
    options: Options | None = None,
    progress_for: ProgressFor | None = None,
) -> WrittenOutputs | str:
    """``convert_file``, or the one line that says why the input failed; never raises."""
    try:
        if progress_for is None:
            return convert_file(path, outdir, formats, options)
        with progress_for(path) as progress:
            return convert_file(path, outdir, formats, options, progress)
    except Exception as error:  # one bad input must never stop the batch
        return fail_line(error, path)


def convert_batch(
    paths: Iterable[Path],
    outdir: Path,
    formats: tuple[str, ...],
    options: Options | None = None,
    jobs: int = 1,
    progress_for: ProgressFor | None = None,
) -> Iterator[tuple[Path, WrittenOutputs | str]]:
    """Each input with its outputs or its failure line, in input order; with ``jobs`` > 1 in
    a process pool whose workers keep fonts, stylesheets and renderer for all their files.
    ``progress_for(path)`` opens a progress report for one file's OCR (in this process only)."""
    paths = list(paths)
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield path, convert_or_fail(path, outdir, formats, options, progress_for)
        return
    from concurrent.futures import ProcessPoolExecutor

    from docforge.workers import die_with_parent

    if "pdf" in formats:
        # Imported here, the renderer's modules (WeasyPrint loads its C libraries at import,
        # about half a second) come to every forked worker ready, instead of once per worker.
        import docforge.render.pdf  # noqa: F401

    outdir.mkdir(parents=True, exist_ok=True)
    count = len(paths)
    with ProcessPoolExecutor(max_workers=min(jobs, count), initializer=die_with_parent) as pool:
        # The biggest files first, so a long report does not start last and leave the other
        # workers idle at the end; the results still come in input order.
        biggest_first = sorted(range(count), key=lambda i: _size(paths[i]), reverse=True)
        futures = {
            i: pool.submit(convert_or_fail, paths[i], outdir, formats, options)
            for i in biggest_first
        }
        for i, path in enumerate(paths):
            yield path, futures[i].result()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # the worker names the failure
        return 0
