"""The one finding type every step of the pipeline reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


# A location inside a record: the keys and list indexes from the top mapping down,
# e.g. ("filing", "date") or ("work", 0, "duty"). Resolved to a line number lazily.
Loc = tuple


def dotted_key(loc: Loc) -> str:
    """("work", 0, "duty") -> "work[0].duty": how messages and reports name a key."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in the records, anchored to a file and (when it can be) a line.

    `loc` is where in the record the problem stands; `line` is filled in from the
    YAML node marks when the findings are resolved (see `positions.py`).
    `missing` marks a required key that is absent: its line is the line of the
    mapping that lacks it, not of the key.
    """

    file: str
    line: int | None
    rule: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    loc: Loc | None = field(default=None, compare=False)
    missing: bool = field(default=False, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def key(self) -> str:
        """The dotted path of the offending key, e.g. `filing.date` or `work[0].duty`."""
        return dotted_key(self.loc or ())

    def sort_key(self) -> tuple:
        return (self.file, self.line if self.line is not None else -1, self.rule, self.message)
