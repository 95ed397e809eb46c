"""Write the generated docs into a persistent folder, touching only what changed.

`gaoxin serve` relies on this: mkdocs' watcher reloads for files whose modification time
moved, so a record edit rewrites one or two pages, not the thousand pages of the directory.
The folder (`--cache-dir`, one docs folder per audience inside) loses every file the build
did not generate, so it must be the tools' own: see `claim_cache`.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import OutputFolderError
from .folders import check_owned, mark, resolved

CACHE_MARKER = ".gaoxin-cache"  # in --cache-dir: written by gaoxin, so the folder is its own

_UMASK = os.umask(0)
os.umask(_UMASK)


@dataclass
class SyncReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def claim_cache(cache: Path, audience: str, audiences) -> Path:
    """The docs folder of `audience` in the cache folder, once the cache is known to be gaoxin's own.

    A cache that is absent or empty gets the marker; one holding anything else (say
    `--cache-dir .`, whose `public/` is someone's) is refused, as is a docs folder that is a symlink.
    """
    root = resolved(cache, "--cache-dir")

    def earlier(folder, names) -> bool:  # a cache written before the marker: docs folders and their locks
        allowed = {*audiences, *(f".{name}.lock" for name in audiences)}
        return set(names) <= allowed and any(name.endswith(".lock") for name in names)

    check_owned(root, CACHE_MARKER, "--cache-dir", "缓存目录", earlier)
    mark(root, CACHE_MARKER, "gaoxin 生成页面的缓存目录：可以整个删除 (gaoxin docs cache; safe to delete)\n")
    docs = root / audience
    if docs.is_symlink() or (docs.exists() and not docs.is_dir()):
        raise OutputFolderError(f"--cache-dir 中的 {audience} 不是普通文件夹：请删除它，或换一个缓存目录")
    return docs


def sync(docs: Path, files: dict[str, bytes]) -> SyncReport:
    """Make `docs` hold exactly `files`: write changed ones, delete the ones no longer there."""
    docs.mkdir(parents=True, exist_ok=True)
    report = SyncReport()
    present = _present(docs)
    for relative, content in files.items():
        target = os.path.join(docs, relative)
        if present.get(relative) == len(content) and _read(target) == content:
            report.unchanged += 1
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        _write_atomically(Path(target), content)
        report.written.append(relative)
    for relative in sorted(present.keys() - files.keys(), reverse=True):
        os.unlink(os.path.join(docs, relative))
        report.removed.append(relative)
    for folder, _, _ in os.walk(docs, topdown=False):  # children before their folders
        if folder != str(docs) and not os.listdir(folder):
            os.rmdir(folder)
    return report


def _present(docs: Path) -> dict[str, int]:
    """Every file under `docs` (not a folder), as its docs-relative path -> size in bytes.

    One walk with `os.scandir` (a rebuild at 1,000 doctors compares 4,000 pages, nearly all
    unchanged); a page's bytes are read only when its size is the new one's.
    """
    found: dict[str, int] = {}
    pending = [("", str(docs))]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                relative = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    pending.append((relative + "/", entry.path))
                else:
                    found[relative] = entry.stat().st_size if entry.is_file() else -1
    return found


def _read(path: str) -> bytes:
    with open(path, "rb") as stream:
        return stream.read()


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
