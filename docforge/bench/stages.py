"""The pipeline one stage at a time, in the measured subprocess.

``python -m docforge.bench.stages [--no-pdf] FILE…`` reads, normalizes, serializes, renders
HTML and PDF for each file, and prints one JSON object: the seconds spent in each stage over
all files, and the process's peak RSS after each stage (a high-water mark, so each figure
covers its stage and every stage before it). A file that fails is named with its cause and
ends its own run; the stages it finished still count.
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


def _pipeline(path: Path) -> list[tuple[str, Callable[[object], object]]]:
    from docforge.extract import read_source
    from docforge.model.xml import serialize, validation_errors
    from docforge.normalize import normalize
    from docforge.render.html import render_html
    from docforge.render.pdf import render_pdf

    return [
        ("read", lambda _: read_source(path)),
        ("normalize", lambda extraction: normalize(extraction).root),
        ("xml", lambda root: (root, validation_errors(root), serialize(root))),
        ("html", lambda made: (made[0], render_html(made[0]))),
        ("pdf", lambda made: render_pdf(made[0])),
    ]


def run(paths: list[Path], stages: tuple[str, ...]) -> dict:
    seconds = dict.fromkeys(stages, 0.0)
    rss = dict.fromkeys(stages, 0)
    done = dict.fromkeys(stages, 0)
    failures = []
    for path in paths:
        value: object = None
        for stage, step in _pipeline(path):
            if stage not in stages:
                break
            started = time.perf_counter()
            try:
                value = step(value)
            except Exception as error:  # the table names the failure; the others still run
                failures.append(f"{path.name}: {stage}: {error}".splitlines()[0])
                break
            seconds[stage] += time.perf_counter() - started
            rss[stage] = peak_rss()
            done[stage] += 1
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
