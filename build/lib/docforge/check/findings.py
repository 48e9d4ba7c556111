"""What a check reports: a finding with its severity, where it is and what to tell the publisher."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    """``error`` blocks publishing; ``warning`` asks for a look; ``info`` is for the record."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One problem with the report's figures.

    ``message`` is Chinese, for the publisher who signs off the report;
    ``message_en`` says the same for the CLI and logs. ``section`` is the id of
    the section it is in, ``src`` where in the source it came from, ``excerpt``
    the figures involved as the report states them.
    """

    code: str
    severity: Severity
    message: str
    message_en: str
    section: str | None = None
    src: str | None = None
    excerpt: str = ""

    def to_dict(self) -> dict[str, str | None]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data
