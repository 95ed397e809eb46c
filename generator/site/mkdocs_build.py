"""Run mkdocs in-process, strictly: any warning (a broken link, a missing page) fails the build.

`mkdocs build --strict -q` is known to exit 0 on some warnings; here the build runs mkdocs'
steps in-process (mkdocs_steps.py, which reuses the pages that did not change) with strict set,
and every warning logged under `mkdocs.*` is collected by our own handler as well, so a warning
can never pass silently. The preview of `gaoxin serve` runs the same steps, not strictly.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path

from ..errors import SiteError
from .mkdocs_cache import PageCache
from .mkdocs_steps import build
from .search_index import compact


class MkdocsError(SiteError):
    """mkdocs refused the site; `messages` are its warnings and errors, in order."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages) or "mkdocs 构建失败")
        self.messages = messages


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


@contextmanager
def collected_warnings():
    """Collect mkdocs' warnings instead of printing them; restore logging afterwards."""
    logger = logging.getLogger("mkdocs")
    collector = _Collector()
    previous = (logger.level, logger.propagate)
    logger.addHandler(collector)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
        logger.setLevel(previous[0])
        logger.propagate = previous[1]


def quiet_jieba() -> None:
    """jieba logs its dictionary loading to stderr at DEBUG level on first use."""
    try:
        import jieba
    except ImportError:  # the search plugin then indexes without Chinese segmentation
        return
    jieba.setLogLevel(logging.WARNING)


@contextmanager
def jieba_restored():
    """Give back jieba's process-wide dictionary as it was: a build's user dictionary (the
    program's vocabulary) must not change how the next build in this process cuts words."""
    try:
        import jieba
    except ImportError:
        yield
        return
    tokenizer = jieba.dt
    tokenizer.check_initialized()
    saved = dict(tokenizer.FREQ), tokenizer.total
    try:
        yield
    finally:
        tokenizer.FREQ, tokenizer.total = saved


def build_with_mkdocs(config_file: Path, site_dir: Path, cache: PageCache | None = None) -> int:
    """Build the site of `config_file` into the empty `site_dir`; raise MkdocsError on any warning.

    Pages whose inputs did not change since the build that filled `cache` are taken from it;
    returns how many were rendered.
    """
    with collected_warnings() as collector:
        rendered = _run(config_file, site_dir, cache or PageCache(), collector.messages)
    if collector.messages:
        raise MkdocsError(collector.messages)
    compact(site_dir)
    return rendered


def preview_with_mkdocs(config_file: Path, site_dir: Path, cache: PageCache, url: str) -> int:
    """Build the preview served at `url` as `mkdocs serve` would: drafts shown, warnings logged, not fatal."""
    rendered = _run(config_file, site_dir, cache, [], url)
    compact(site_dir)
    return rendered


def _run(config_file: Path, site_dir: Path, cache: PageCache, messages: list[str], url: str | None = None) -> int:
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    quiet_jieba()
    with jieba_restored():
        try:
            config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=url is None)
            if url:
                config.site_url = url
            config.plugins.on_startup(command="serve" if url else "build", dirty=False)
            try:
                return build(config, cache, serve_url=url)
            finally:
                config.plugins.on_shutdown()
        except MkDocsException as exc:
            raise MkdocsError([*messages, str(exc)]) from None
        except SystemExit as exc:  # some plugins exit on a bad configuration
            raise MkdocsError([*messages, f"mkdocs 退出（{exc.code}）"]) from None
