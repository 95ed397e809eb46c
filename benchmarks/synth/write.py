"""Writing a rendered tree to disk: refuse a non-empty folder unless forced, then plain ``os`` calls (10⁵ files)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def check_out(out: Path, force: bool) -> None:
    """Refuse a file, or a non-empty folder unless `force`."""
    if out.exists() and not out.is_dir():
        raise FileExistsError(f"{out} exists and is not a folder")
    if out.exists() and any(out.iterdir()) and not force:
        raise FileExistsError(f"{out} is not empty (use --force to replace it)")


def prepare_out(out: Path, force: bool) -> None:
    check_out(out, force)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)


def write_records(out: Path, texts: dict[str, str]) -> None:
    base = str(out)
    for folder in sorted({os.path.dirname(path) for path in texts}):
        os.makedirs(os.path.join(base, folder), exist_ok=True)
    for path, text in texts.items():
        with open(os.path.join(base, path), "wb") as handle:  # plain os: 10⁵ files
            handle.write(text.encode("utf-8"))


