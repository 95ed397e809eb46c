"""Compare two builds of the same site: pages, internal links, the home page's look, Chinese search.

Used by zensical_check.py on the MkDocs and the Zensical build of the same generated pages.
"""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .browser import chromium, served  # the Chromium and static server the browser tests use too

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}


def pages(site: Path) -> set[str]:
    """The HTML pages of a built site, as paths relative to it."""
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        target = attrs.get(LINK_ATTRIBUTES.get(tag, ""))
        if target:
            self.links.append(target)


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def broken_links(site: Path) -> dict[str, list[str]]:
    """Internal links whose file (or #anchor) is missing: {"files": [...], "anchors": [...]} as 'page -> link'."""
    parsed = {page: _parse(site / page) for page in sorted(pages(site))}
    broken: dict[str, list[str]] = {"files": [], "anchors": []}
    for page, links in parsed.items():
        base = f"http://site/{page}"
        for link in links.links:
            parts = urlsplit(urljoin(base, link))
            if parts.netloc != "site" or link.startswith(("mailto:", "javascript:", "data:")):
                continue
            path = unquote(parts.path).lstrip("/")
            target = site / path
            if path == "" or target.is_dir():
                path = f"{path.rstrip('/')}/index.html".lstrip("/")
                target = site / path
            if not target.is_file():
                broken["files"].append(f"{page} -> {link}")
            elif parts.fragment and path.endswith(".html"):
                ids = parsed[path].ids if path in parsed else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken["anchors"].append(f"{page} -> {link}")
    return broken


def screenshot_home(site: Path, shot: Path, viewport: dict) -> bytes:
    with served(site) as url, chromium(viewport, "Zensical 对比") as context:
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        page.screenshot(path=str(shot))
        page.close()
    return shot.read_bytes()


def pixel_difference(first: bytes, second: bytes, viewport: dict) -> float:
    """The share of pixels that differ between two PNG screenshots of the same size (measured in Chromium)."""
    script = """async ([a, b]) => {
      const load = src => new Promise(done => { const img = new Image(); img.onload = () => done(img); img.src = src; });
      const [x, y] = await Promise.all([load(a), load(b)]);
      const w = Math.min(x.width, y.width), h = Math.min(x.height, y.height);
      const draw = img => { const c = new OffscreenCanvas(w, h); const g = c.getContext('2d');
                            g.drawImage(img, 0, 0); return g.getImageData(0, 0, w, h).data; };
      const p = draw(x), q = draw(y);
      let differ = 0;
      for (let i = 0; i < p.length; i += 4) {
        if (Math.abs(p[i] - q[i]) + Math.abs(p[i + 1] - q[i + 1]) + Math.abs(p[i + 2] - q[i + 2]) > 48) differ++;
      }
      return differ / (w * h);
    }"""
    as_url = [f"data:image/png;base64,{base64.b64encode(image).decode()}" for image in (first, second)]
    with chromium(viewport, "Zensical 对比") as context:
        page = context.new_page()
        share = page.evaluate(script, as_url)
        page.close()
    return share


def search(site: Path, queries: list[str], engine: str, shots: Path | None = None) -> dict[str, dict]:
    """For each query typed into the site's search box: the count the page shows and the pages it links."""
    results = {}
    with served(site) as url, chromium({"width": 1280, "height": 900}, "Zensical 对比") as context:
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        for number, query in enumerate(queries):
            results[query] = (_mkdocs_search if engine == "mkdocs" else _zensical_search)(page, url, query)
            if shots and number == 0:
                page.screenshot(path=str(shots / f"{engine}-search.png"))
            page.goto(url)
        page.close()
    return results


def _mkdocs_search(page, url: str, query: str) -> dict:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # mkdocs-material searches on keyup
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function("() => !/正在|Initializing|Typing/.test(document.querySelector('.md-search-result__meta')"
                           ".textContent)", timeout=10_000)
    page.wait_for_timeout(300)
    links: list[str] = []
    for _ in range(30):  # results come in tens as the list is scrolled: scroll until all are there
        links = page.locator("a.md-search-result__link").evaluate_all("links => links.map(a => a.href)")
        page.locator(".md-search__scrollwrap").evaluate("wrap => { wrap.scrollTop = wrap.scrollHeight; }")
        page.wait_for_timeout(150)
        if len(links) == page.locator("a.md-search-result__link").count():
            break
    return {"shown": _first_number(meta.inner_text()), "pages": sorted(_pages(links, url))}


def _zensical_search(page, url: str, query: str) -> dict:
    page.locator(".md-search__button").click()
    page.wait_for_timeout(300)
    page.keyboard.type(query)
    counter = page.get_by_text(re.compile(r"^\s*(\d+|No) results?\s*$"))
    try:
        counter.first.wait_for(timeout=10_000)
        page.wait_for_timeout(500)
        shown = _first_number(counter.first.inner_text())
    except Exception:  # noqa: BLE001 - a UI that never shows a count is a finding, not a crash
        shown = None
    links = page.locator("a[href*='?h=']").evaluate_all("links => links.map(a => a.href)")
    page.keyboard.press("Escape")
    return {"shown": shown, "pages": sorted(_pages(links, url))}


def pages_containing(mkdocs_site: Path, term: str) -> set[str]:
    """The pages whose text holds `term`, from the MkDocs search index (page text only, no navigation)."""
    import json

    index = json.loads((mkdocs_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = set()
    for doc in index["docs"]:
        text = (doc.get("title", "") + " " + doc.get("text", "")).replace("\u200b", "")
        if term in re.sub(r"<[^>]+>", "", text):
            found.add("/" + doc["location"].split("#", 1)[0])
    return found


def _pages(links: list[str], url: str) -> set[str]:
    return {unquote(urlsplit(link).path) for link in links if link.startswith(url)}


def _first_number(text: str) -> int:
    match = re.search(r"\d+", text)
    return int(match[0]) if match else 0
