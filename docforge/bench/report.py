"""The results as Markdown tables: printed, and written to ``bench/results.md``."""

from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from docforge import __version__

MIB = 2**20


@dataclass
class Table:
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)

    def add(self, *cells: object) -> None:
        self.rows.append(tuple(str(c) for c in cells))

    def markdown(self) -> str:
        lines = [
            f"## {self.title}",
            "",
            "| " + " | ".join(self.columns) + " |",
            "|" + "|".join(" --- " for _ in self.columns) + "|",
        ]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines) + "\n"


def rate(count: float, seconds: float) -> str:
    return f"{count / seconds:.1f}" if seconds > 0 else "-"


def mib(size: int | None) -> str:
    return "?" if size is None else f"{size / MIB:.0f}"


def met(ok: bool | None) -> str:
    return "-" if ok is None else ("met" if ok else "not met")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) // 2**20} GiB"
    except OSError:
        pass
    return "unknown"


def _commit(root: Path) -> str:
    result = subprocess.run(
        ["git", "-C", str(root), "describe", "--always", "--dirty"], capture_output=True, text=True
    )
    return result.stdout.strip() or "unknown"


def machine_lines(root: Path, peer_versions: dict[str, str]) -> list[str]:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: {platform.node()}, {_cpu_model()}, {os.cpu_count()} cores, {_memory()} RAM, "
        f"{platform.system()} {platform.release()}",
        f"- load average at start: {load} (the machine is shared: compare ratios, not seconds)",
        f"- docforge {__version__} at {_commit(root)}, Python {platform.python_version()}",
    ]
    lines += [f"- {name}: {version}" for name, version in peer_versions.items()]
    return lines


def write_report(path: Path, header: list[str], tables: list[Table], notes: list[str]) -> str:
    text = "# docforge benchmark\n\n" + "\n".join(header) + "\n\n"
    text += "\n".join(t.markdown() for t in tables)
    if notes:
        text += "\n## Notes\n\n" + "\n".join(f"- {n}" for n in notes) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return text
