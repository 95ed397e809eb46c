"""Put a freshly built site in place of the old one, all at once.

The site is built into a sibling folder of --out; only a finished build is swapped in. On
Linux the swap is one `renameat2(RENAME_EXCHANGE)`, so --out always holds a complete site;
elsewhere it is two renames, and the old site is kept beside --out until the second one.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path

from ..errors import SiteError
from .folders import check_owned, resolved

MARKER = ".gaoxin-site"  # written into every built site, so --out is never mistaken for other data
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


class PublishError(SiteError):
    """--out cannot receive the site (a message for the user)."""


def output_folder(out: Path) -> Path:
    """Where the site goes: `out` with symlinks followed (a link is kept, its target replaced).

    Refused (OutputFolderError, before anything is written) when it is not a folder this
    tool may replace: a file, or a folder of other data (say `--out records`).
    """
    out = resolved(out, "--out")
    check_owned(out, MARKER, "--out", "网站")
    return out


def staging_dir(out: Path) -> Path:
    """A new empty folder beside `out` (same filesystem, so the final rename is atomic)."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(out)
        staged = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.building-{os.getpid()}-"))
        staged.chmod(0o777 & ~_umask())  # mkdtemp makes it private; a web server must read the site
    except OSError as exc:
        raise PublishError(f"无法在 {out.parent} 中生成网站：{exc.strerror}") from None
    return staged


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def publish(staged: Path, out: Path) -> None:
    """Replace `out` (an `output_folder`) with `staged`; `staged` is consumed."""
    try:
        _publish(staged, out)
    except OSError as exc:
        raise PublishError(f"无法把网站放到 {out}：{exc.strerror}；{out} 保持原样") from None


def _publish(staged: Path, out: Path) -> None:
    (staged / MARKER).write_text("gaoxin build\n", encoding="utf-8")
    if out.exists() and _exchange(staged, out):
        shutil.rmtree(staged)  # now holds the previous site
        return
    previous = None
    if out.exists():
        previous = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.previous-{os.getpid()}-"))
        os.rename(out, previous / "site")
    os.rename(staged, out)
    if previous:
        shutil.rmtree(previous)


def _remove_leftovers(out: Path) -> None:
    """Delete the half-built sites of builds that were killed (their process is gone)."""
    for sibling in out.parent.glob(f".{out.name}.*-*-*"):
        kind, _, rest = sibling.name[len(out.name) + 2:].partition("-")
        pid = rest.split("-", 1)[0]
        if kind in ("building", "previous") and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(sibling, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
