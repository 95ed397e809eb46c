"""The public website: from validated records to a mkdocs-material site, in named steps.

    view       derive what no record states, once (queries/view.py)          ProgramView
    plan       decide which pages exist and what each shows                  pages/
    render     one jinja environment renders each page to markdown           render.py, templates/
    generate   pages + open-data files + site_src/ files, and the navigation generate.py
    sync       write only changed files into a persistent docs folder         docs_dir.py
    configure  derive the mkdocs config from mkdocs.yml                       mkdocs_config.py
    build      mkdocs in-process, strict, only changed pages rendered again   mkdocs_build.py, mkdocs_steps.py
    publish    swap the finished site into --out in one rename                publish.py

Every failure a user can fix is a `SiteError` (generator/errors.py) with a Chinese message.

Only this package and the build/serve commands import jinja2, markdown and mkdocs.
"""

from __future__ import annotations

import fcntl
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..forge import Forge, read_forge
from ..rules.validate import Result
from .docs_dir import SyncReport, claim_cache, sync
from ..errors import SiteError
from .generate import Generated, generate
from .handwritten import SiteSourceError
from .mkdocs_build import MkdocsError, build_with_mkdocs, preview_with_mkdocs
from .mkdocs_cache import PageCache
from .mkdocs_config import derive_config, directory_urls
from .pages import AUDIENCES, INTERNAL, PUBLIC
from .folders import check_apart, resolved
from .publish import MARKER, PublishError, output_folder, publish, staging_dir

__all__ = ["AUDIENCES", "INTERNAL", "PUBLIC", "MkdocsError", "PageCache", "PublishError", "SiteError", "SiteOptions",
           "SiteSourceError", "build_preview", "build_site", "forge_of", "prepare_docs"]



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

    @property
    def rendered(self) -> Path:
        """The HTML of the last build's pages, which the next build reuses (mkdocs_cache.py)."""
        return Path(self.cache) / f"{self.audience}.site"

    @property
    def rendered_index(self) -> Path:
        return Path(self.cache) / f"{self.audience}.pages.json"


@dataclass(frozen=True)
class Prepared:
    generated: Generated
    sync: SyncReport
    docs: Path
    rendered: int = 0  # pages mkdocs rendered; the others came from the page cache


def prepare_docs(result: Result, options: SiteOptions, out: Path | None = None) -> Prepared:
    """Generate the docs of one audience and write the changes into its persistent folder.

    The cache folder (and `out`, the site folder of a build) must stand apart from each other
    and outside every built site; refused before anything is written.
    """
    folders = {"--cache-dir": resolved(options.cache, "--cache-dir"), **({"--out": out} if out else {})}
    check_apart(folders, MARKER)
    docs = claim_cache(options.cache, options.audience, AUDIENCES)
    generated = generate(result, options.site_src, options.audience, forge_of(options), directory_urls(options.config))
    with _locked(docs):
        report = sync(docs, generated.files)
    return Prepared(generated, report, docs)


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
        with tempfile.TemporaryDirectory(prefix="gaoxin-mkdocs-") as folder, _locked(options.rendered):
            config = write_config(prepared, options, Path(folder), result.as_of)
            cache = PageCache.load(options.rendered_index, options.rendered)
            rendered = build_with_mkdocs(config, staged, cache)
            cache.save(options.rendered_index)
        publish(staged, out)
        return replace(prepared, rendered=rendered)
    finally:
        shutil.rmtree(staged, ignore_errors=True)


def build_preview(prepared: Prepared, options: SiteOptions, folder: Path, cache: PageCache, url: str,
                  as_of: date) -> Prepared:
    """Bring the preview of `prepared` docs, served at `url` from `cache.store`, up to date in place.

    Writes the derived config into `folder`. Returns `prepared` with the count of rendered pages.
    A failed build leaves the site half updated: the cache is emptied so that the next build
    renders every page again.
    """
    config = write_config(prepared, options, folder, as_of)
    try:
        rendered = preview_with_mkdocs(config, cache.store, cache, url)
    except BaseException:
        cache.pages.clear()
        raise
    return replace(prepared, rendered=rendered)


def forge_of(options: SiteOptions) -> Forge:
    """The forge holding the records: --repo-url, else mkdocs.yml (extra.forge, repo_url), else the CI run's.

    A setting that cannot be used raises `ForgeError` (a usage error).
    """
    return read_forge(options.config, options.repo_url)


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
