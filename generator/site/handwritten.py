"""The hand-written part of the site: every file of site_src/, copied into the docs verbatim.

Pages, images, stylesheets and scripts under site_src/ land at the same path in the docs
folder, so a page added there (say `guide/submit.md`) appears in the site with no code
change. Two things in site_src/ are not copied: `nav.yml`, the order of the top tabs (see
`navigation.py`), and `overrides/`, the theme's template overrides (mkdocs `custom_dir`).
Pages keep only their passages for the forge the records live on (`forge_text.py`), and for
the records themselves: `<!-- data: sample -->` passages (the notice that the data is made
up, searches for the sample's enterprises) only while `policy.yml` says `sample: true`,
`<!-- data: real -->` passages otherwise (`passages.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import SiteError
from ..forge import Forge
from .forge_text import for_forge
from .passages import keep_passages

NAV_FILE = "nav.yml"
OVERRIDES = "overrides"
INTRO_PAGE = "about.md"
MORE = "<!-- more -->"  # the home page shows about.md up to this line
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


class SiteSourceError(SiteError):
    """site_src/ cannot be used as it is (a message for the person who edited it)."""


@dataclass(frozen=True)
class Handwritten:
    root: Path
    files: dict[str, bytes]  # docs-relative path -> content, in sorted order
    nav_order: list  # parsed nav.yml
    overrides: Path | None

    @property
    def pages(self) -> list[str]:
        return [path for path in self.files if path.endswith(".md")]

    def title(self, path: str) -> str | None:
        """The first level-one heading of a hand-written page, if it has one."""
        content = self.files.get(path)
        if content is None:
            return None
        match = _HEADING.search(_FRONT_MATTER.sub("", content.decode("utf-8")))
        return match[1] if match else None

    def intro(self) -> str:
        """The home page's excerpt of about.md: its text after the heading, up to <!-- more -->."""
        content = self.files.get(INTRO_PAGE)
        if content is None:
            return ""
        text = _FRONT_MATTER.sub("", content.decode("utf-8"))
        text = text.split(MORE, 1)[0]
        return _HEADING.sub("", text, count=1).strip()


DATA_CHOICES = ("sample", "real")  # <!-- data: … -->: the shipped sample, or a program's own records


def _page_for(content: bytes, forge: Forge, relative: str, sample: bool) -> bytes:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise SiteSourceError(f"site_src/{relative} 不是 UTF-8 编码：请用 UTF-8 保存") from None
    text = keep_passages(text, "data", DATA_CHOICES, DATA_CHOICES[0] if sample else DATA_CHOICES[1], relative)
    return for_forge(text, forge, relative).encode("utf-8")


def read_handwritten(root: Path, forge: Forge | None = None, sample: bool = False) -> Handwritten:
    """site_src/ as the site shows it; `sample` when the records are the shipped sample (`policy.yml` `sample`)."""
    root, forge = Path(root), forge or Forge()
    if not root.is_dir():
        raise SiteSourceError(f"找不到手写页面文件夹 {root}：请用 --site-src 指定 site_src/ 的位置")
    files: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_dir() or relative == NAV_FILE or relative.split("/")[0] == OVERRIDES:
            continue
        if any(part.startswith(".") for part in relative.split("/")):
            continue  # editor and OS leftovers (.DS_Store, .swp)
        files[relative] = path.read_bytes()
        if relative.endswith(".md"):
            files[relative] = _page_for(files[relative], forge, relative, sample)
    nav_order = []
    if (root / NAV_FILE).is_file():
        try:
            nav_order = yaml.safe_load((root / NAV_FILE).read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            raise SiteSourceError(f"{root / NAV_FILE} 不是合法的 YAML：{exc}") from None
        if not isinstance(nav_order, list):
            raise SiteSourceError(f"{root / NAV_FILE} 应为列表，每项形如“标题: 路径”")
    overrides = root / OVERRIDES
    return Handwritten(root, files, nav_order, overrides if overrides.is_dir() else None)
