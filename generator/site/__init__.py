"""The public website: from validated records to a mkdocs-material site, in named steps.

    facts      derive what no record states (status, standing, figures)      facts.py
    plan       decide which pages exist and what each shows                  pages/
    render     one jinja environment renders each page to markdown           render.py, templates/
    generate   pages + open-data files + site_src/ files, and the navigation generate.py
    sync       write only changed files into a persistent docs folder         docs_dir.py
    configure  derive the mkdocs config from mkdocs.yml                       mkdocs_config.py
    build      mkdocs in-process, strict: any warning fails                   mkdocs_build.py
    publish    swap the finished site into --out in one rename                publish.py

Every failure a user can fix is a `SiteError` (generator/errors.py) with a Chinese message.

Only this package and the build/serve commands import jinja2, markdown and mkdocs.
"""

from __future__ import annotations

import fcntl
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..forge import Forge, read_forge
from ..rules.validate import Result
from .docs_dir import SyncReport, claim_cache, sync
from ..errors import SiteError
from .generate import Generated, generate
from .handwritten import SiteSourceError
from .mkdocs_build import MkdocsError, build_with_mkdocs
from .mkdocs_config import derive_config
from .pages import AUDIENCES, INTERNAL, PUBLIC
from .folders import check_apart, resolved
from .publish import MARKER, PublishError, output_folder, publish, staging_dir

__all__ = ["AUDIENCES", "INTERNAL", "PUBLIC", "MkdocsError", "PublishError", "SiteError", "SiteOptions",
           "SiteSourceError", "build_site", "forge_of", "prepare_docs"]



@dataclass(frozen=True)
class SiteOptions:
    audience: str = PUBLIC
    site_src: Path = Path("site_src")
    config: Path = Path("mkdocs.yml")
    cache: Path = Path(".cache/gaoxin-docs")  # one docs folder per audience inside
    repo_url: str | None = None  # overrides the repository of mkdocs.yml (repo_url, extra.forge)

    @property
    def docs(self) -> Path:
        return Path(self.cache) / self.audience


@dataclass(frozen=True)
class Prepared:
    generated: Generated
    sync: SyncReport
    docs: Path
    timings: dict[str, float] = field(default_factory=dict)  # phase -> seconds


def prepare_docs(result: Result, options: SiteOptions, out: Path | None = None) -> Prepared:
    """Generate the docs of one audience and write the changes into its persistent folder.

    The cache folder (and `out`, the site folder of a build) must stand apart from each other
    and outside every built site; refused before anything is written.
    """
    timings: dict[str, float] = {}
    folders = {"--cache-dir": resolved(options.cache, "--cache-dir"), **({"--out": out} if out else {})}
    check_apart(folders, MARKER)
    docs = claim_cache(options.cache, options.audience, AUDIENCES)
    with _timed(timings, "generate"):
        generated = generate(result, options.site_src, options.audience, forge_of(options))
    timings.update(generated.timings)  # "generate" includes "matching"
    with _timed(timings, "write"), _locked(docs):
        report = sync(docs, generated.files)
    return Prepared(generated, report, docs, timings)


def write_config(prepared: Prepared, options: SiteOptions, folder: Path, as_of: date) -> Path:
    """Write the derived mkdocs config for `prepared` docs into `folder`; return its path."""
    return derive_config(options.config, prepared.docs.resolve(), folder, prepared.generated, options.audience,
                         as_of, forge_of(options))


def build_site(result: Result, options: SiteOptions, out: Path) -> Prepared:
    """Build the site of validated records into `out`, replacing any earlier site at once.

    The caller has checked that `result` has no errors. On any failure `out` is untouched.
    """
    out = output_folder(out)  # refused before anything is written, as is the cache folder next
    prepared = prepare_docs(result, options, out)
    staged = staging_dir(out)
    try:
        with tempfile.TemporaryDirectory(prefix="gaoxin-mkdocs-") as folder, _timed(prepared.timings, "mkdocs"):
            config = write_config(prepared, options, Path(folder), result.as_of)
            build_with_mkdocs(config, staged, prepared.timings)  # "mkdocs" includes "search index"
        with _timed(prepared.timings, "publish"):
            publish(staged, out)
        return prepared
    finally:
        shutil.rmtree(staged, ignore_errors=True)


def forge_of(options: SiteOptions) -> Forge:
    """The forge holding the records: --repo-url, else mkdocs.yml (extra.forge, repo_url), else the CI run's.

    A setting that cannot be used raises `ForgeError` (a usage error).
    """
    return read_forge(options.config, options.repo_url)


@contextmanager
def _timed(timings: dict[str, float], phase: str):
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[phase] = time.perf_counter() - started


@contextmanager
def _locked(docs: Path):
    """One writer per docs folder (a build and a serve may share it)."""
    docs.parent.mkdir(parents=True, exist_ok=True)
    with open(docs.parent / f".{docs.name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
