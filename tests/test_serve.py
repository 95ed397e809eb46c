"""`gaoxin serve` as a person uses it: open a page, edit a record, see the page change; a broken
record keeps the last good page and prints the error; fixing it updates the page again."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from .support import ROOT, SITE_AS_OF, site_records


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _title(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            page = response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None
    return page.partition("<title>")[2].partition("</title>")[0]


def _wait_for(url: str, wanted: str, seconds: float = 120) -> str | None:
    deadline, title = time.monotonic() + seconds, None
    while time.monotonic() < deadline:
        title = _title(url)
        if title and title.startswith(wanted):
            return title
        time.sleep(0.5)
    return title


def test_an_edit_shows_in_the_preview_and_an_error_keeps_the_last_good_page(tmp_path):
    records = site_records(tmp_path / "records")
    port = _free_port()
    command = [sys.executable, "-m", "generator", "serve", "--records", str(records), "--as-of", SITE_AS_OF,
               "--cache-dir", str(tmp_path / "cache"), "--dev-addr", f"127.0.0.1:{port}",
               "--config", str(ROOT / "mkdocs.yml"), "--site-src", str(ROOT / "site_src")]
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as output:
        server = subprocess.Popen(command, cwd=tmp_path, stderr=output, stdout=output, env={**os.environ, "NO_COLOR": "1"})
    try:
        page = f"http://127.0.0.1:{port}/doctors/d3/"
        assert _wait_for(page, "王磊") is not None, log.read_text(encoding="utf-8")
        doctor = records / "doctors" / "d3.yml"
        text = doctor.read_text(encoding="utf-8")
        doctor.write_text(text.replace("name: 王磊", "name: 王新磊"), encoding="utf-8")
        assert _wait_for(page, "王新磊").startswith("王新磊")
        doctor.write_text(text.replace("name: 王磊", "name: [王新磊"), encoding="utf-8")
        deadline = time.monotonic() + 120
        while "记录有错误" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.5)
        shown = log.read_text(encoding="utf-8")
        assert "doctors/d3.yml" in shown and "yaml.syntax" in shown and "预览保留上一次的网站" in shown
        assert _title(page).startswith("王新磊"), "the last good page is still served"
        doctor.write_text(text.replace("name: 王磊", "name: 王三磊"), encoding="utf-8")
        assert _wait_for(page, "王三磊").startswith("王三磊")
        assert "渲染" in log.read_text(encoding="utf-8")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
