"""The site's navigation: the tab order of site_src/nav.yml, filled in with the pages.

nav.yml lists the top tabs as `标题: 目标`. A target is a page (`help.md`), a folder
(`doctors/`: every navigable page inside it, index.md first) or a list of targets. A folder
with no pages yet (say `guide/` before anyone writes it) is left out; a page that does not
exist is an error. Hand-written pages nav.yml does not reach are added at the end, so no
page is ever unreachable. Generated record pages (doctors, enterprises, residencies,
quarters) are never in the menu: mkdocs is told through `not_in_nav` that this is intended.
"""

from __future__ import annotations

import posixpath

from .handwritten import Handwritten, SiteSourceError


def navigation(order: list, candidates: list[str], off_nav: list[str], handwritten: Handwritten):
    """Return (nav, not_in_nav) for the mkdocs config.

    `candidates` are the pages that may be listed (hand-written pages, section pages), in
    the order a folder should list them; `off_nav` are pages reached only through links.
    """
    remaining = list(dict.fromkeys(candidates))
    nav = []
    for entry in order:
        title, target = _entry(entry)
        items = _expand(target, remaining, handwritten)
        if items:
            nav.append({title: items[0]} if len(items) == 1 and isinstance(items[0], str) else {title: items})
    for folder, pages in _group_by_folder(remaining):
        if folder:
            nav.append({handwritten.title(f"{folder}/index.md") or folder: pages})
        else:
            nav.extend(pages)
    return nav, _not_in_nav(off_nav)


def _entry(entry) -> tuple[str, object]:
    if isinstance(entry, dict) and len(entry) == 1:
        return next(iter(entry.items()))
    raise SiteSourceError(f"site_src/nav.yml 的每一项应为“标题: 路径”，而不是 {entry!r}")


def _expand(target, remaining: list[str], handwritten: Handwritten) -> list:
    if isinstance(target, list):
        items = []
        for item in target:
            if isinstance(item, dict):
                title, sub = _entry(item)
                expanded = _expand(sub, remaining, handwritten)
                if expanded:
                    items.append({title: expanded[0] if len(expanded) == 1 else expanded})
            else:
                items.extend(_expand(item, remaining, handwritten))
        return items
    if not isinstance(target, str):
        raise SiteSourceError(f"site_src/nav.yml 中的目标应为页面路径或文件夹（以 / 结尾），而不是 {target!r}")
    if target.endswith("/"):
        inside = [page for page in remaining if page.startswith(target)]
        inside.sort(key=lambda page: page != f"{target}index.md")  # stable: keeps the planned order
        for page in inside:
            remaining.remove(page)
        return inside
    if target not in remaining:
        raise SiteSourceError(f"site_src/nav.yml 列出的页面 {target} 不存在（或已在导航中列出）")
    remaining.remove(target)
    return [target]


def _group_by_folder(pages: list[str]):
    groups: dict[str, list[str]] = {}
    for page in pages:
        folder = page.split("/", 1)[0] if "/" in page else ""
        groups.setdefault(folder, []).append(page)
    for folder, items in groups.items():
        items.sort(key=lambda page: page != f"{folder}/index.md")
        yield folder, items


def _not_in_nav(off_nav: list[str]) -> str:
    """gitignore-style patterns: one per folder of record pages, not one per page."""
    patterns = dict.fromkeys(
        f"/{posixpath.dirname(page)}/*.md" if "/" in page else f"/{page}" for page in off_nav
    )
    return "\n".join(patterns)
