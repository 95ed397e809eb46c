"""When each record last changed, from git, in one `git log` for the whole records folder.

Outside a git checkout (a tarball, a CI cache) there is no history: every lookup returns
None and the pages simply leave the line out.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..forge import Forge

_COMMIT = "\x1e"  # starts every commit's header line in our --format


@dataclass(frozen=True)
class History:
    """Last-change dates of record files, and where to read their full history."""

    changed: dict[str, date] = field(default_factory=dict)  # path relative to records/ -> date
    prefix: str = ""  # records/ relative to the repository root, e.g. "records/"
    forge: Forge = field(default_factory=Forge)

    def last_changed(self, record_path: str) -> date | None:
        return self.changed.get(record_path)

    def url(self, record_path: str) -> str | None:
        """The forge's list of commits touching one record (each forge has its own address for it)."""
        if record_path not in self.changed:
            return None
        return self.forge.history_url(f"{self.prefix}{record_path}")


def read_history(records: Path, forge: Forge | None = None) -> History:
    """Read last-change dates of every file under `records` with one `git log` process."""
    records, forge = Path(records), forge or Forge()
    try:
        prefix = _git(records, "rev-parse", "--show-prefix").strip()
        log = _git(records, "-c", "core.quotepath=off", "log", f"--format={_COMMIT}%cs",
                   "--name-only", "--no-renames", "--relative", "--", ".")
    except (OSError, subprocess.CalledProcessError):
        return History(forge=forge)
    return History(_last_changes(log), prefix, forge)


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(("git", *args), cwd=cwd, check=True, capture_output=True, text=True,
                          encoding="utf-8").stdout


def _last_changes(log: str) -> dict[str, date]:
    """Newest first, so the first date seen for a path is its last change."""
    changed: dict[str, date] = {}
    current: date | None = None
    for line in log.split("\n"):  # not splitlines(): it also splits on \x1e
        if line.startswith(_COMMIT):
            current = date.fromisoformat(line[1:].strip())
        elif line and current is not None:
            changed.setdefault(line, current)
    return changed
