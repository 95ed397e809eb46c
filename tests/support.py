"""Helpers shared by the test modules (no test module imports another one)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
BASE = CASES / "base"  # the small valid program every rule case starts from
SITE_AS_OF = "2027-04-30"  # the day the test site is built as of


def scratch() -> Path:
    """A temporary folder that lives until the test session ends."""
    folder = Path(tempfile.mkdtemp(prefix="gaoxin-test-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


@dataclass(frozen=True)
class Built:
    """One `gaoxin build` of the test program: where it went and how it ended."""

    records: Path
    out: Path
    cache: Path
    exit_code: int

    def page(self, path: str) -> str:
        return (self.out / path).read_text(encoding="utf-8")

    def files(self):
        return [path for path in self.out.rglob("*") if path.is_file()]


def site_records(target: Path) -> Path:
    """The test program: the base case with the site overlay laid over it."""
    shutil.copytree(CASES / "base", target)
    shutil.copytree(CASES / "site", target, dirs_exist_ok=True)
    return target


def gaoxin_build(records: Path, out: Path, cache_dir: Path, *extra: str) -> int:
    return main(["build", "--records", str(records), "--as-of", SITE_AS_OF, "--out", str(out),
                 "--cache-dir", str(cache_dir), "--config", str(ROOT / "mkdocs.yml"),
                 "--site-src", str(ROOT / "site_src"), *extra])


@cache
def built_site(audience: str = "public") -> Built:
    """Build the test program once per session and audience."""
    folder = scratch()
    records = site_records(folder / "records")
    out, cache_dir = folder / "site", folder / "cache"
    code = gaoxin_build(records, out, cache_dir, "--audience", audience)
    return Built(records, out, cache_dir, code)
