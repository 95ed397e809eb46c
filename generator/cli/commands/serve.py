"""gaoxin serve: a live preview; editing a record or a site_src page reloads the browser.

mkdocs' own live-reload server watches records/, site_src/ and mkdocs.yml. Each change is built
as `gaoxin build` builds, but incrementally: only the record files that changed are read and
checked again, only the generated pages whose text changed are rewritten, and mkdocs renders only
the pages whose inputs changed, into the served folder (the server holds requests until a build
is complete). While the records have errors the preview keeps the last good site and prints them.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from .build import add_site_arguments, site_options

POLL_SECONDS = 1.0  # how often the watcher looks for changed files


def add_arguments(parser) -> None:
    add_site_arguments(parser)
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT",
                        help="预览服务器地址（默认 127.0.0.1:8000）")


def run(args) -> int:
    from mkdocs.config.base import ValidationError
    from mkdocs.config.config_options import IpAddress
    from mkdocs.livereload import LiveReloadServer

    from ...errors import UsageError
    from ...records.loading import ReadCache
    from ...site import PageCache
    from ...site.mkdocs_build import quiet_jieba

    _show_mkdocs_log()
    quiet_jieba()
    options = site_options(args)
    try:
        address = IpAddress().validate(args.dev_addr)
    except ValidationError as exc:
        raise UsageError(f"--dev-addr {args.dev_addr} 不是“主机:端口”：{exc}") from None
    mount = urlsplit(_site_url(options.config) or "/").path
    with tempfile.TemporaryDirectory(prefix="gaoxin-serve-") as folder:
        preview = _Preview(args, options, Path(folder), ReadCache(), PageCache(store=Path(folder) / "site"),
                           f"http://{address.host}:{address.port}{mount}")
        if not preview.update():
            return 1
        server = LiveReloadServer(builder=preview.update, host=address.host, port=address.port,
                                  root=str(preview.pages.store), mount_path=mount, polling_interval=POLL_SECONDS)
        server.error_handler = preview.error_page
        for path in (args.records, options.site_src, options.config):
            server.watch(str(path))
        print(f"预览地址 {preview.url} （Ctrl+C 退出）", file=sys.stderr)
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    return 0


class _Preview:
    """The site being served, brought up to date on every change; record errors keep the last good site."""

    def __init__(self, args, options, folder: Path, reads, pages, url: str):
        self.args, self.options, self.folder, self.reads, self.pages, self.url = args, options, folder, reads, pages, url
        self.built = False

    def update(self) -> bool:
        """Validate and build the site again (only what changed); say what happened. False on errors."""
        from ...rules.validate import validate_records
        from ...site import SiteError, build_preview, prepare_docs
        from .. import output

        started = time.monotonic()
        result = validate_records(self.args.records, self.args.as_of, cache=self.reads)
        if result.errors:
            print(output.as_text(result), file=sys.stderr)
            print("记录有错误：预览保留上一次的网站。" if self.built else "记录有错误，请改正后再预览。", file=sys.stderr)
            return False
        try:
            prepared = build_preview(prepare_docs(result, self.options), self.options, self.folder, self.pages,
                                     self.url, result.as_of)
        except SiteError as exc:
            print(f"网站生成失败：\n{exc}", file=sys.stderr)
            return False
        if self.built:
            changed = len(prepared.sync.written) + len(prepared.sync.removed)
            print(f"记录已更新：改写 {changed} 个文件，渲染 {prepared.rendered} 个页面，"
                  f"用时 {time.monotonic() - started:.1f} 秒", file=sys.stderr)
        self.built = True
        return True

    def error_page(self, code: int) -> bytes | None:
        """The site's own 404 page for a missing file, as `mkdocs serve` shows it."""
        page = self.pages.store / f"{code}.html"
        return page.read_bytes() if page.is_file() else None


def _site_url(config: Path) -> str | None:
    """mkdocs.yml's site_url: a site served under a path is previewed under it too."""
    from mkdocs.utils.yaml import yaml_load

    with open(config, "rb") as stream:
        return (yaml_load(stream) or {}).get("site_url")


def _show_mkdocs_log() -> None:
    """mkdocs' own messages (rebuilds, broken links) on stderr, as `mkdocs serve` shows them."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
