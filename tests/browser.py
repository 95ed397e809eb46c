"""What the browser tests share: a static site served on 127.0.0.1 and headless Chromium.

Chromium and the server are benchmarks/browser.py's (the benchmarks drive the same browser); a
test that needs Chromium or Playwright skips, saying why, when either is missing. axe-core (the accessibility checks) comes from the
npm registry at the version tests/axe/package-lock.json pins, installed by `npm ci`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from benchmarks import browser
from benchmarks.browser import served

__all__ = ["served"]  # the tests' static server is the benchmarks' one

SCREENSHOTS = Path(__file__).parent / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
AXE_PACKAGE = Path(__file__).parent / "axe"  # package.json and package-lock.json pin axe-core
AXE = AXE_PACKAGE / "node_modules" / "axe-core" / "axe.min.js"


@contextmanager
def served_build(built):
    """Serve the site of a finished build (support.Built), which must have succeeded; yield its URL."""
    assert built.exit_code == 0
    with served(built.out) as url:
        yield url


@contextmanager
def chromium(viewport: dict, what: str = "浏览器测试"):
    """A headless Chromium context with a throwaway profile, or a skip saying what is missing."""
    SCREENSHOTS.mkdir(exist_ok=True)
    try:
        with browser.chromium(viewport, what) as context:
            yield context
    except browser.BrowserMissing as missing:
        pytest.skip(str(missing))


@contextmanager
def opened(context, timeout_ms: int = 10_000):
    """A new tab of a `chromium()` context, closed afterwards."""
    tab = context.new_page()
    tab.set_default_timeout(timeout_ms)
    try:
        yield tab
    finally:
        tab.close()


# Folders holding one page per record: one of each stands for the rest.
RECORD_FOLDERS = ("doctors", "enterprises", "needs", "residencies", "progress", "honor-roll")
# The internal build differs from the public one on the pages under these folders (and the home page).
INTERNAL_FOLDERS = ("internal", "doctors", "enterprises", "residencies", "needs", "progress")


def page_types(site: Path, only: tuple[str, ...] = ()) -> list[str]:
    """Every page of the built `site` that is not one more record of a kind already listed.

    Paths relative to the site root (`doctors/zhang-wei/`); `only` keeps the pages under those
    first folders (and the home page).
    """
    pages = sorted("" if folder == site else folder.relative_to(site).as_posix() + "/"
                   for folder in (index.parent for index in site.rglob("index.html")))
    kept, seen = [], set()
    for path in pages:
        first, _, rest = path.partition("/")
        if only and path and first not in only:
            continue
        kind = first if first in RECORD_FOLDERS and rest else path
        if kind not in seen:
            seen.add(kind)
            kept.append(path)
    return kept


# Runs in the page: every element of the page's header, content and footer that reaches past
# the window's sides, unless it lies inside a table box that scroll-tables.js marked as a
# scrolling region (which itself must fit the window). The closed search overlay waits off-screen.
_TOO_WIDE = r"""
() => {
  const width = document.documentElement.clientWidth;
  const fits = (box) => box.left >= -0.5 && box.right <= width + 0.5;
  const name = (el) => el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined
    ? "." + String(el.className).trim().split(/\s+/).join(".") : "");
  const wide = [];
  if (document.documentElement.scrollWidth > width) wide.push("页面宽 " + document.documentElement.scrollWidth + " px");
  for (const el of document.querySelectorAll(".md-header *, .md-tabs *, .md-content *, .md-footer *")) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || fits(box) || el.closest(".md-search")) continue; // search: an overlay, closed
    const region = el.closest(".gx-scroll");
    if (region && region.getAttribute("role") === "region" && region.tabIndex === 0 && fits(region.getBoundingClientRect())) continue;
    wide.push(name(el) + " " + Math.round(box.left) + "…" + Math.round(box.right) + " px: " + el.textContent.trim().slice(0, 30));
  }
  return wide;
}
"""


def too_wide(page) -> list[str]:
    """What on the open page is wider than the window, outside a marked scrolling table."""
    return page.evaluate(_TOO_WIDE)


def axe_script() -> Path:
    """axe-core's script, installed by `npm ci` if need be; a skip without npm (a failure in CI)."""
    npm = shutil.which("npm")
    if not AXE.is_file() and npm:
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--prefix", str(AXE_PACKAGE)],
                       capture_output=True, timeout=300)
    if not AXE.is_file():
        message = (f"axe-core 未安装（{AXE}）：在 {AXE_PACKAGE} 中运行 npm ci" if npm
                   else "找不到 npm：安装 Node.js 和 npm 后可运行无障碍检查（axe-core 来自 npm）")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE


# WCAG 2.0 and 2.1, levels A and AA: what GB/T 37668-2019 asks of a public website.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_findings(page, impacts=("serious", "critical")) -> tuple[list[str], int]:
    """axe-core's WCAG 2.1 AA violations of the open page at those impacts, and how many rules passed."""
    # Colours half-way through a fade (the search overlay's) are no colours a reader is left with.
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
    page.add_script_tag(path=str(axe_script()))
    result = page.evaluate("""async (tags) => {
      const r = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
      return {passes: r.passes.length, violations: r.violations.map((v) => ({
        id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" "))}))};
    }""", WCAG_21_AA)
    found = [f"{v['id']} ({v['impact']}): {', '.join(v['nodes'])}" for v in result["violations"] if v["impact"] in impacts]
    return found, result["passes"]
