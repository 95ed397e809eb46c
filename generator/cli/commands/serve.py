"""gaoxin serve: a live preview; editing a record or a site_src page reloads the browser.

Generates the docs folder, then runs mkdocs' own development server on the derived
config. A watcher thread polls records/ and site_src/ and regenerates the docs when they
change; only pages whose text changed are rewritten, so mkdocs reloads quickly. While the
records have errors the preview keeps the last good pages and the errors are printed.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import threading
import time
from pathlib import Path

from .build import add_site_arguments, site_options
from .common import validated

POLL_SECONDS = 1.0


def add_arguments(parser) -> None:
    add_site_arguments(parser)
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT",
                        help="预览服务器地址（默认 127.0.0.1:8000）")


def run(args) -> int:
    from mkdocs.commands.serve import serve

    from .. import output
    from ...site import SiteError, prepare_docs, write_config
    from ...site.mkdocs_build import quiet_jieba

    _show_mkdocs_log()
    quiet_jieba()

    options = site_options(args)
    result = validated(args)
    if result.errors:
        print(output.as_text(result), file=sys.stderr)
        print("记录有错误，请改正后再预览。", file=sys.stderr)
        return 1
    try:
        prepared = prepare_docs(result, options)
    except SiteError as exc:
        print(f"网站生成失败：\n{exc}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="gaoxin-serve-") as folder:
        config = write_config(prepared, options, Path(folder), result.as_of)

        def regenerate() -> None:
            fresh = validated(args)
            if fresh.errors:
                print(output.as_text(fresh), file=sys.stderr)
                print("记录有错误：预览保留上一次的页面。", file=sys.stderr)
                return
            try:
                again = prepare_docs(fresh, options)
                # The navigation lives in the config: rewrite it when pages come or go.
                write_config(again, options, Path(folder), fresh.as_of)
            except SiteError as exc:
                print(f"网站生成失败：\n{exc}", file=sys.stderr)
                return
            changed = len(again.sync.written) + len(again.sync.removed)
            print(f"记录已更新：改写 {changed} 个文件", file=sys.stderr)

        watched = [args.records, options.site_src, options.config]
        watcher = threading.Thread(target=_watch, args=(watched, regenerate),
                                   daemon=True)
        watcher.start()
        print(f"预览地址 http://{args.dev_addr}/ （Ctrl+C 退出）", file=sys.stderr)
        # Not strict while editing: a broken link is reported, the preview keeps running.
        serve(config_file=str(config), livereload=True, dev_addr=args.dev_addr, strict=False)
    return 0


def _show_mkdocs_log() -> None:
    """mkdocs' own messages (rebuilds, broken links) on stderr, as `mkdocs serve` shows them."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def _watch(paths: list[Path], on_change) -> None:
    """Call `on_change` after files at or under `paths` change (polling: no extra dependency)."""
    before = _snapshot(paths)
    while True:
        time.sleep(POLL_SECONDS)
        now = _snapshot(paths)
        if now != before:
            before = now
            try:
                on_change()
            except Exception as exc:  # noqa: BLE001 - the preview outlives a bad edit; the next save retries
                print(f"预览未更新：{exc}", file=sys.stderr)


def _snapshot(paths: list[Path]) -> dict[str, tuple[int, int]]:
    state = {}
    for root in paths:
        for path in (Path(root), *Path(root).rglob("*")):
            try:
                stat = path.stat()
            except OSError:
                continue
            state[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return state
