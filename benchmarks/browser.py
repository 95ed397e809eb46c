"""Headless Chromium and a static server, shared by the browser tests and the benchmarks.

Debian's `chromium` driven by Playwright (no browser download); `GAOXIN_CHROMIUM` names another
binary. The tests turn `BrowserMissing` into a skip (tests/browser.py); a benchmark reports it.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("GAOXIN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps calling out of this closed network.
LAUNCH_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class BrowserMissing(Exception):
    """Chromium or Playwright is not installed (the message says which and how to install it)."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(folder: Path):
    """Serve `folder` on a free port of 127.0.0.1; yield its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium(viewport: dict, what: str = "浏览器测试"):
    """A headless Chromium context with a throwaway profile; `BrowserMissing` when it cannot start."""
    if not Path(CHROMIUM).exists():
        raise BrowserMissing(f"找不到 Chromium（{CHROMIUM}）：apt-get install chromium 后可运行{what}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BrowserMissing("未安装 playwright（pip install playwright；不需要下载浏览器）") from None
    profile = tempfile.mkdtemp(prefix="gaoxin-chromium-")
    try:
        with sync_playwright() as playwright:
            # Playwright passes the profile as --user-data-dir for a persistent context.
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS,
                viewport=viewport, locale="zh-CN")
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
