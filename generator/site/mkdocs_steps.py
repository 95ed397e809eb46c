"""mkdocs' build, step by step, rendering again only the pages whose inputs changed.

The steps and plugin events are those of `mkdocs.commands.build.build` (mkdocs 1.6), in its order:
config, pre_build, files, nav, each page's body (pre_page, page_read_source, page_markdown,
page_content), env, static files and templates, each page (page_context, post_page), anchors,
post_build. Two steps look in the `PageCache` first (mkdocs_cache.py says what each depends on):
a page's body, and the page itself with its search entries. mkdocs-material's search plugin is
the only plugin known to keep nothing else per page: with any other plugin or hook every page is
rendered, as mkdocs would, and nothing is cached.
"""

from __future__ import annotations

import copy
import json
import logging
import math
import os
import re
from pathlib import Path

import jinja2

from .mkdocs_cache import Entry, PageCache, digest, fingerprint, link_or_copy
from .search_index import INDEX

log = logging.getLogger("mkdocs.commands.build")
KNOWN_PLUGINS = ("material.plugins.search.plugin.SearchPlugin",)
DRAFT = '<div class="mkdocs-draft-marker" title="This page will not be included into the built site.">DRAFT</div>'
_USER_WORD = re.compile(r"^(.+?)( [0-9]+)?( [a-z]+)?$")  # jieba's own reading of a user dictionary line


def build(config, cache: PageCache, *, serve_url: str | None = None) -> int:
    """Build the site of a loaded mkdocs `config` into its `site_dir`, reusing `cache`.

    `site_dir` is empty, or is the cache's store: then the last build's site is brought up to
    date in place, and what this build no longer makes is deleted (`gaoxin serve`). Returns how
    many pages were rendered (the others came from the cache).
    """
    from mkdocs.commands import build as steps
    from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils import clean_directory

    inclusion = InclusionLevel.is_in_serve if serve_url else InclusionLevel.is_included
    warnings = _WarningCount()
    try:
        base_total = _jieba_total()
        _compile_once(config.theme)
        config = config.plugins.on_config(config)
        session = _Session(config, cache, serve_url, _pin_jieba_total(base_total), warnings)
        in_place = cache.store is not None and Path(config.site_dir) == cache.store
        if in_place and not session.trusted:  # what unknown plugins write cannot be told from leftovers
            clean_directory(config.site_dir)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        for file in files.documentation_pages(inclusion=inclusion):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            session.read(file.page, files)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(dirty=in_place, inclusion=inclusion)  # in place: only what changed
        for template in config.theme.static_templates:
            steps._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            steps._build_extra_template(template, files, config, nav)
        pages = files.documentation_pages(inclusion=inclusion)
        session.navigation(nav)
        for file in pages:
            session.write(file.page, pages, nav, env, excluded=file.inclusion.is_excluded())
        for file in pages:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        session.finish({file.dest_uri for file in files if inclusion(file.inclusion)}
                       | {*config.theme.static_templates, "sitemap.xml.gz", str(INDEX)})
        return session.rendered
    except Exception as error:
        config.plugins.on_build_error(error=error)
        raise
    finally:
        warnings.close()


class _Compiled(jinja2.BytecodeCache):
    """The theme's templates, compiled once per process: a Jinja bytecode cache kept in memory.

    Each build makes a new Jinja environment, which compiled the theme's templates again (0.2 s of
    a preview's rebuild). A template's code is taken from here only for the source it was compiled
    from (Jinja compares a checksum) and an environment configured alike (`_settings`).
    """

    def __init__(self):
        self.code: dict[tuple, tuple] = {}  # (settings, template key) -> (source checksum, code)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        kept = self.code.get((_settings(bucket.environment), bucket.key))
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[_settings(bucket.environment), bucket.key] = (bucket.checksum, bucket.code)


def _settings(env: jinja2.Environment) -> tuple:
    """What of a Jinja environment the code it compiles depends on."""
    return (type(env), tuple(sorted(env.extensions)), env.block_start_string, env.block_end_string,
            env.variable_start_string, env.variable_end_string, env.comment_start_string, env.comment_end_string,
            env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
            env.newline_sequence, env.keep_trailing_newline, env.optimized, repr(env.autoescape),
            repr(env.finalize), env.is_async)


COMPILED = _Compiled()


def _compile_once(theme) -> None:
    """Every Jinja environment of the theme (the build's, the search plugin's) keeps its compiled templates in COMPILED."""
    make = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make()
        env.bytecode_cache = COMPILED
        return env

    theme.get_env = get_env


class _Session:
    """One build's use of the cache: which pages it may trust, what it learns for the next build."""

    def __init__(self, config, cache: PageCache, serve_url: str | None, total: int, warnings: _WarningCount):
        self.config, self.cache, self.warnings = config, cache, warnings
        self.search = next((p for p in config.plugins.values() if _class_name(p) == KNOWN_PLUGINS[0]), None)
        self.trusted = _only_known_plugins(config)
        words = _user_words(self.search)
        build = digest(fingerprint(_config_text(config), config.theme.custom_dir, _build_date()), config.site_url, serve_url)
        if not self.trusted or build != cache.fingerprint:
            cache.pages = {}
        # The words whose weight changed cut differently, and only where they occur (None: any cut may differ)
        self.stale_words = None if total != cache.total else {w for w in {*words, *cache.words}
                                                               if words.get(w) != cache.words.get(w)}
        cache.fingerprint, cache.words, cache.total = build, words, total
        self.nav = ""
        self.seen: set[str] = set()
        self.found: dict[str, str | None] = {}  # link target -> what it leads to in this build
        self.rendered = 0

    def read(self, page, files) -> None:
        """Turn the page's Markdown into its body, or take the body the last build made of the same source."""
        from mkdocs.commands.build import _populate_page

        uri = page.file.src_uri
        self.seen.add(uri)
        if not self.trusted:
            _populate_page(page, self.config, files)
            return
        source = page.file.content_string  # as `page.read_source` reads it (no plugin here gives a source)
        body = digest(self.cache.fingerprint, uri, page.file.url, source)
        entry = self.cache.pages.get(uri)
        if entry is not None and entry.body == body and entry.meta is not None and self._replayed(entry.lookups, files):
            page.markdown, page.meta = _after_front_matter(source), copy.deepcopy(entry.meta)
            _restore(page, entry, files)
            return
        recorder, before = _Lookups(files), self.warnings.count
        _populate_page(page, self.config, recorder)
        if self.warnings.count == before:  # a page that warned is rendered again until it no longer does
            self.cache.pages[uri] = _captured(page, body, recorder.lookups)
        else:
            self.cache.pages.pop(uri, None)

    def _replayed(self, lookups: list, files) -> bool:
        """Whether every link lookup the page made finds what it found then (pages share targets: asked once)."""
        for path, found in lookups:
            if path not in self.found:
                self.found[path] = _target(files.get_file_from_path(path))
            if self.found[path] != found:
                return False
        return True

    def navigation(self, nav) -> None:
        """Every page shows the whole navigation: its titles and urls are part of each page's digest."""
        self.nav = digest(_outline(nav.items))

    def write(self, page, pages, nav, env, excluded: bool) -> None:
        """Write the page's HTML into the site and index it, from the cache when nothing it shows changed."""
        entry = self.cache.pages.get(page.file.src_uri) if self.trusted else None
        target = Path(page.file.abs_dest_path)
        key = entry and digest(entry.body, entry.lookups, page.title, excluded, self.nav,
                               _neighbour(page.previous_page), _neighbour(page.next_page))
        stored = entry and entry.page == key and self.cache.stored_html(entry, page.file.dest_uri)
        if stored:
            if stored != target:
                target.parent.mkdir(parents=True, exist_ok=True)
                link_or_copy(stored, target)
            self._index(page, entry)
            return
        index = self._entries()
        before = len(index)
        output = _render(page, self.config, pages, nav, env, excluded)
        self.rendered += 1
        if output:
            _write(target, output)
        if entry is not None:
            entry.page, entry.entries, entry.stored = key, index[before:] if self.search else None, None
            if output:
                self.cache.keep_html(entry, page.file.dest_uri, target)

    def _entries(self) -> list:
        return self.search.search_index.entries if self.search and self.search.config.enabled else []

    def _index(self, page, entry: Entry) -> None:
        """Add the page's search entries as the plugin would, cutting them again if jieba now cuts otherwise."""
        index = self._entries()
        if not (self.search and self.search.config.enabled):
            return
        if entry.entries is not None and _fresh(entry.entries, self.stale_words):
            index.extend(entry.entries)
            return
        before = len(index)
        self.search.search_index.add_entry_from_context(page)
        entry.entries = index[before:]

    def finish(self, kept: set[str]) -> None:
        """Forget the pages this build did not have; delete from the store what is not in `kept`."""
        for uri in set(self.cache.pages) - self.seen:
            del self.cache.pages[uri]
        store = self.cache.store
        if store is None or not store.is_dir():
            return
        for folder, _, names in os.walk(store, topdown=False):  # children before their folders
            relative = os.path.relpath(folder, store)
            for name in names:
                if (name if relative == "." else f"{relative}/{name}") not in kept:
                    os.unlink(os.path.join(folder, name))
            if folder != str(store) and not os.listdir(folder):
                os.rmdir(folder)


def _class_name(plugin) -> str:
    return f"{type(plugin).__module__}.{type(plugin).__qualname__}"


def _only_known_plugins(config) -> bool:
    """Whether every plugin and hook is one known to keep no state of its own per page."""
    return all(_class_name(plugin) in KNOWN_PLUGINS for plugin in config.plugins.values())


def _config_text(config) -> str:
    """The derived config file, without the paths that change from one build to the next."""
    path = Path(config.config_file_path)
    text = path.read_text(encoding="utf-8")
    return text.replace(str(path.parent), "<config>").replace(str(config.docs_dir), "<docs>")


def _build_date() -> str:
    from mkdocs.utils import get_build_date

    return get_build_date()


def _user_words(search) -> dict[str, int]:
    """The words and frequencies of the jieba user dictionary the search plugin loaded."""
    path = search and search.config.enabled and search.config.jieba_dict_user
    if not path:
        return {}
    words = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if match := _USER_WORD.match(line.strip()):
            words[match[1]] = int(match[2]) if match[2] else 0
    return words


def _jieba_total() -> int:
    try:
        import jieba
    except ImportError:
        return 0
    jieba.dt.check_initialized()
    return jieba.dt.total


def _pin_jieba_total(base: int) -> int:
    """Round jieba's total frequency, which the user dictionary just raised, to a step of 1/8 octave.

    Every cut weighs each word against the total, so a total that moved with every new word would
    make any cached search entry suspect; a rounded one moves only when the vocabulary grows by a
    tenth, and a changed word then cuts differently only in text that contains it.
    """
    try:
        import jieba
    except ImportError:
        return 0
    added = jieba.dt.total - base
    if added > 0:
        jieba.dt.total = base + round(2 ** (math.ceil(8 * math.log2(added)) / 8))
    return jieba.dt.total


def _fresh(entries: list, stale_words: set[str] | None) -> bool:
    if stale_words is None:
        return False
    if not stale_words:
        return True
    text = "\n".join(f"{e['title']}\n{e['text']}" for e in entries).replace("\u200b", "")
    return not any(word in text for word in stale_words)


class _Lookups:
    """The site's files, noting every lookup a page's links make (and what they found)."""

    def __init__(self, files):
        self._files = files
        self.lookups: list = []

    def get_file_from_path(self, path: str):
        file = self._files.get_file_from_path(path)
        self.lookups.append([path, _target(file)])
        return file

    def __getattr__(self, name):
        return getattr(self._files, name)


def _target(file) -> str | None:
    return None if file is None else f"{file.url} {file.inclusion.name}"


def _captured(page, body: str, lookups: list) -> Entry:
    links = page.links_to_anchors
    return Entry(body, lookups, page.content, _tokens(page.toc), page._title_from_render,
                 sorted(page.present_anchor_ids or ()),
                 None if links is None else {file.src_uri: dict(anchors) for file, anchors in links.items()},
                 meta=_as_json(page.meta))


def _as_json(meta: dict) -> dict | None:
    """The front matter as the cache can keep it (JSON), or None when it holds more (a date): then it is read again."""
    try:
        kept = json.loads(json.dumps(meta, ensure_ascii=False))
    except (TypeError, ValueError):
        return None
    return kept if kept == meta else None


def _after_front_matter(source: str) -> str:
    """The page's Markdown without its YAML front matter, as `mkdocs.utils.meta.get_data` leaves it."""
    from mkdocs.utils.meta import YAML_RE

    match = YAML_RE.match(source)
    return source[match.end():].lstrip("\n") if match else source


def _restore(page, entry: Entry, files) -> None:
    from mkdocs.structure.toc import get_toc

    page.content = entry.content
    page.toc = get_toc(entry.toc)
    page._title_from_render = entry.title
    page.present_anchor_ids = set(entry.anchors)
    if entry.links is not None:
        page.links_to_anchors = {files.get_file_from_path(uri): dict(anchors) for uri, anchors in entry.links.items()}


def _tokens(toc) -> list:
    return [{"level": a.level, "id": a.id, "name": a.title, "children": _tokens(a.children)} for a in toc]


def _outline(items) -> list:
    return [[type(item).__name__, item.title, getattr(item, "url", None), _outline(item.children or [])]
            for item in items]


def _neighbour(page) -> list | None:
    return None if page is None else [page.title, page.url]


def _render(page, config, pages, nav, env, excluded: bool) -> bytes:
    """The page's HTML, as `mkdocs.commands.build._build_page` renders it (empty: not written)."""
    from mkdocs.commands.build import get_context

    config._current_page = page
    try:
        page.active = True
        context = get_context(nav, pages, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        if excluded:
            page.content = DRAFT + (page.content or "")
        output = template.render(context)
        output = config.plugins.on_post_page(output, page=page, config=config)
        if not output.strip():
            log.info(f"Page skipped: '{page.file.src_uri}'. Generated empty output.")
            return b""
        return output.encode("utf-8", errors="xmlcharrefreplace")
    except Exception as error:
        from mkdocs.exceptions import BuildError

        log.error(f"Error building page '{page.file.src_uri}':" + ("" if isinstance(error, BuildError) else f" {error}"))
        raise
    finally:
        page.active = False
        config._current_page = None


def _write(target: Path, content: bytes) -> None:
    # A new file, never written in place: the old one may be a hard link into the store.
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}")
    temporary.write_bytes(content)
    os.replace(temporary, target)


class _WarningCount(logging.Handler):
    """Count what mkdocs logs at WARNING and above while the build runs (until `close`)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0
        logging.getLogger("mkdocs").addHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def close(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self)
        super().close()
