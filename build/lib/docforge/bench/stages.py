"""The pipeline one stage at a time, in the measured subprocess.

``python -m docforge.bench.stages [--no-pdf] FILE…`` reads all files, normalizes them,
serializes, renders HTML and PDF, and prints one JSON object: the seconds spent in each stage
over all files, and the process's peak RSS after each stage (a high-water mark, so each
figure covers its stage and every stage before it). A file that fails is named with its
cause and leaves the later stages; the stages it finished still count.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

STAGES = ("read", "normalize", "xml", "html", "pdf")


def peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _steps() -> list[tuple[str, Callable[[Path, object], object]]]:
    from docforge.extract import read_source
    from docforge.model.xml import serialize, validation_errors
    from docforge.normalize import normalize
    from docforge.render.html import render_html
    from docforge.render.pdf import render_pdf

    return [
        ("read", lambda path, _: read_source(path)),
        ("normalize", lambda _, extraction: normalize(extraction).root),
        ("xml", lambda _, root: (root, validation_errors(root), serialize(root))),
        ("html", lambda _, made: (made[0], render_html(made[0]))),
        ("pdf", lambda _, made: render_pdf(made[0])),
    ]


def run(paths: list[Path], stages: tuple[str, ...]) -> dict:
    """Each stage over all files before the next stage, so the peak RSS after a stage is
    that of the stages so far, not of a later stage on an earlier file."""
    seconds = dict.fromkeys(stages, 0.0)
    rss = dict.fromkeys(stages, 0)
    done = dict.fromkeys(stages, 0)
    failures = []
    values: dict[Path, object] = dict.fromkeys(paths)
    for stage, step in _steps():
        if stage not in stages:
            break
        for path in list(values):
            started = time.perf_counter()
            try:
                values[path] = step(path, values[path])
            except Exception as error:  # the table names the failure; the others still run
                failures.append(f"{path.name}: {stage}: {error}".splitlines()[0])
                del values[path]
                continue
            seconds[stage] += time.perf_counter() - started
            done[stage] += 1
        rss[stage] = peak_rss()
    return {"seconds": seconds, "peak_rss": rss, "documents": done, "failures": failures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()
    stages = STAGES[:-1] if args.no_pdf else STAGES
    json.dump(run(args.files, stages), sys.stdout)


if __name__ == "__main__":
    main()
