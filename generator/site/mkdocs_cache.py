"""What the last build of the same docs left to reuse: each page's HTML body, its page and its search entries.

A page is rendered again only when something it depends on changed (`mkdocs_steps.py` asks):

    its body (Markdown to HTML)   the build's fingerprint (below), its source, and where each of its
                                  links led: every lookup mkdocs made is replayed against today's files
                                  (a page taken from the cache keeps its front matter, not parsed again)
    its page (the theme's HTML)   the body, its title and url, its neighbours, the whole navigation
    its search entries            the page, and jieba's dictionary: entries are cut again when the program's
                                  vocabulary gained, lost or re-weighted a word the entries contain

The fingerprint holds everything else a page can read: the derived config (extensions, palette, the
as-of day …), the theme overrides, the build date, the versions of the packages that render, and the
source of our own code the config names (the Markdown extension html_passthrough.py).
The cache is JSON in the cache folder (`gaoxin build`) or lives in memory (`gaoxin serve`); the
pages' HTML stays in a folder of its own (`store`), hard-linked into each new site where possible.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path

from .mkdocs_config import HTML_PASSTHROUGH

FORMAT = 2  # of the JSON file; another number empties the cache
_PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "jieba", "Jinja2")
# The modules of ours that mkdocs runs while it renders a page: the derived config names them.
RENDERING_CODE = (HTML_PASSTHROUGH,)


def digest(*parts) -> str:
    """A short stable digest of JSON-able parts."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def fingerprint(config_text: str, theme_dir: str | None, build_date: str) -> str:
    """What every page of a build may depend on besides its own inputs."""
    versions = [_version(name) for name in _PACKAGES]
    return digest(FORMAT, config_text, _folder_digest(theme_dir), build_date, versions, _code_digest(RENDERING_CODE))


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def _code_digest(modules) -> str:
    """A digest of the source files of `modules` (dotted names)."""
    hasher = hashlib.blake2b(digest_size=16)
    for module in modules:
        hasher.update(Path(find_spec(module).origin).read_bytes() + b"\0")
    return hasher.hexdigest()


def _folder_digest(folder: str | None) -> str | None:
    if not folder or not os.path.isdir(folder):
        return None
    hasher = hashlib.blake2b(digest_size=16)
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            hasher.update(path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape") + b"\0")
            hasher.update(path.read_bytes() + b"\0")
    return hasher.hexdigest()


@dataclass
class Entry:
    """One page as the last build left it."""

    body: str  # digest of the page's source and the build's fingerprint
    lookups: list  # [target uri, "url inclusion" or None] for every file lookup its links made
    content: str  # the body HTML, as plugins left it before the page was rendered
    toc: list  # the table of contents as mkdocs' toc tokens
    title: str | None  # the title its first heading gave
    anchors: list[str]  # the ids a link may point to in it
    links: dict | None  # {target src uri: {anchor: link as written}}
    page: str = ""  # digest of everything its HTML depends on
    stored: list | None = None  # [size, mtime_ns] of its HTML in the store
    entries: list | None = None  # its search entries
    meta: dict | None = None  # its front matter, when JSON can hold it (else the source is read again)


@dataclass
class PageCache:
    store: Path | None = None  # where the HTML of the pages is kept; None while nothing is
    fingerprint: str = ""
    words: dict[str, int] = field(default_factory=dict)  # jieba's user words and frequencies
    total: int = 0  # jieba's total frequency the entries were cut with
    pages: dict[str, Entry] = field(default_factory=dict)  # by src uri

    @classmethod
    def load(cls, file: Path, store: Path) -> PageCache:
        """The cache saved in `file` (an empty one when there is none, or it is unreadable)."""
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError
            pages = {uri: Entry(**entry) for uri, entry in data["pages"].items()}
            return cls(store, data["fingerprint"], data["words"], data["total"], pages)
        except (OSError, ValueError, KeyError, TypeError):
            return cls(store)

    def save(self, file: Path) -> None:
        data = {"format": FORMAT, "fingerprint": self.fingerprint, "words": self.words, "total": self.total,
                "pages": {uri: entry.__dict__ for uri, entry in self.pages.items()}}
        temporary = file.with_name(f".{file.name}.{os.getpid()}")
        temporary.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, file)

    def stored_html(self, entry: Entry, dest: str) -> Path | None:
        """The stored HTML of a page, if it is still the file the cache wrote."""
        if self.store is None or entry.stored is None:
            return None
        path = self.store / dest
        try:
            stat = path.stat()
        except OSError:
            return None
        return path if [stat.st_size, stat.st_mtime_ns] == entry.stored else None

    def keep_html(self, entry: Entry, dest: str, built: Path) -> None:
        """Make the store hold `built` (a freshly written page) as the HTML of `entry`."""
        if self.store is None:
            return
        target = self.store / dest
        if target != built:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.{os.getpid()}")
            link_or_copy(built, temporary)
            os.replace(temporary, target)
        stat = target.stat()
        entry.stored = [stat.st_size, stat.st_mtime_ns]


def link_or_copy(source: Path, target: Path) -> None:
    """Hard-link `source` to `target` (a new name), or copy it where links are not possible."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
