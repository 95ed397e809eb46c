"""Write the generated docs into a persistent folder, touching only what changed.

`gaoxin serve` relies on this: mkdocs' watcher reloads for files whose modification time
moved, so a record edit rewrites one or two pages, not the thousand pages of the directory.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)


@dataclass
class SyncReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def sync(docs: Path, files: dict[str, bytes]) -> SyncReport:
    """Make `docs` hold exactly `files`: write changed ones, delete the ones no longer there."""
    docs.mkdir(parents=True, exist_ok=True)
    report = SyncReport()
    for relative, content in files.items():
        target = docs / relative
        if target.is_file() and target.stat().st_size == len(content) and target.read_bytes() == content:
            report.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(target, content)
        report.written.append(relative)
    for path in sorted(docs.rglob("*"), reverse=True):  # children before their folders
        relative = path.relative_to(docs).as_posix()
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        elif relative not in files:
            path.unlink()
            report.removed.append(relative)
    return report


def _write_atomically(target: Path, content: bytes) -> None:
    # A watcher (mkdocs serve) must never see a half-written page.
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".gaoxin-")
    try:
        os.fchmod(handle, 0o666 & ~_UMASK)  # mkstemp's files are private; pages are not
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
