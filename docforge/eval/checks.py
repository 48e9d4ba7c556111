"""``make eval-checks``: run the figure checks over real 决算/预算/绩效 documents and the seeds, findings per rule.

Precision is measured, not assumed: every error finding is printed with its
message, so a false alarm is seen at once; the table of counts per rule and
severity shows where the checks speak. A document that cannot be converted is
one line naming it and the cause; the others go on.

    python -m docforge.eval.checks [FOLDER…]   (default: ../shared/corpus/real and fixtures/seeds)
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from docforge.check import Finding, Rule, Severity, check_report
from docforge.errors import fail_line

SUFFIXES = (".pdf", ".docx", ".doc", ".wps", ".txt", ".md")
# Which real documents are reports the checks are for: their file names say so.
REPORT_NAME = re.compile(r"决算|预算|绩效|budget", re.IGNORECASE)
# Seeds come in several renditions of one text; the plain text is the one checked.
SEED_RENDITION = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_FOLDERS = (ROOT.parent / "shared" / "corpus" / "real", ROOT / "fixtures" / "seeds")


def documents(folders: list[Path]) -> list[Path]:
    """The report documents below the folders, in a stable order."""
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.suffix.lower() not in SUFFIXES:
                continue
            if SEED_RENDITION.match(path.name) or REPORT_NAME.search(path.name):
                found.append(path)
    return found


def _counts(results: dict[Path, list[Finding]]) -> Table:
    table = Table(title="findings per rule", title_justify="left")
    table.add_column("rule")
    for severity in Severity:
        table.add_column(severity.value, justify="right")
    table.add_column("documents", justify="right")
    counts = Counter((f.code, f.severity) for findings in results.values() for f in findings)
    for rule in Rule:
        docs = sum(1 for findings in results.values() if any(f.code == rule for f in findings))
        table.add_row(
            rule.value, *(str(counts[(rule, s)] or "") for s in Severity), str(docs or "")
        )
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    args = parser.parse_args(argv)
    folders = args.folders or [f for f in DEFAULT_FOLDERS if f.is_dir()]
    console = Console(width=200)
    from docforge.convert import convert_to_xml

    results: dict[Path, list[Finding]] = {}
    for path in documents(folders):
        try:
            results[path] = check_report(convert_to_xml(path))
        except Exception as error:  # one bad document must not stop the evaluation
            console.print(fail_line(error, path), markup=False)
            continue
        findings = results[path]
        summary = Counter(f.severity.value for f in findings)
        console.print(
            f"{path}: {summary['error']} error, {summary['warning']} warning, {summary['note']} note",
            markup=False,
        )
        for f in findings:
            if f.severity is Severity.ERROR:
                where = " ".join(filter(None, (f.table, f.row, f.column, f.src)))
                console.print(f"  error {f.code.value} [{where}] {f.message}", markup=False)
    console.print(_counts(results))
    console.print(
        f"{len(results)} documents checked, "
        f"{sum(1 for v in results.values() if any(f.severity is Severity.ERROR for f in v))} with errors"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
