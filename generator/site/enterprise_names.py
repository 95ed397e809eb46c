"""What people call an enterprise: its full name taken apart, and the short names (简称) in it.

A registered name reads region + trade name (字号) + line of business + legal form:
平顶山 · 鑫材 · 尼龙科技 · 有限公司. People type the distinctive middle (鑫材尼龙, 鑫材), so the
search index must hold the trade name as a word of its own (see search_words.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# Leading places, longest first so 平顶山市 goes before 平顶山. The zone's own name is added
# by the caller (policy.zone). Only listed places are stripped: a pattern such as "two
# characters and 区" would also strip 东方区 from 东方区块链科技.
REGIONS = (
    "中国", "河南省", "河南", "平顶山市", "平顶山", "平顶山高新技术产业开发区", "高新技术产业开发区",
    "高新区", "新华区", "卫东区", "石龙区", "湛河区", "舞钢市", "汝州市", "宝丰县", "叶县",
    "鲁山县", "郏县",
)
# Trailing legal forms and generic business words, stripped from the end over and over:
# 云智信息技术有限公司 → 云智信息技术 → 云智信息.
GENERIC = (
    "股份有限公司", "有限责任公司", "有限公司", "分公司", "公司", "（集团）", "(集团)", "集团",
    "控股", "股份", "科技", "技术", "实业", "发展",
)
MIN_CORE = 2  # never strip a name down to one character


@dataclass(frozen=True)
class EnterpriseName:
    full: str
    region: str  # 平顶山 (may be empty)
    core: str  # 鑫材尼龙: the name without region and generic words
    brand: str  # 鑫材: the trade name, the start of the core
    rest: str  # 尼龙: the core after the brand
    suffix: str  # 科技有限公司: the generic words stripped from the end

    @property
    def short_names(self) -> list[str]:
        """What people type for this enterprise, longest first; never the full name."""
        return [name for name in dict.fromkeys((self.core, self.brand)) if name and name != self.full]


def parse(name: str, regions: tuple[str, ...] = REGIONS,
          is_word: Callable[[str], bool] = lambda word: False) -> EnterpriseName:
    """Take an enterprise's name apart; `is_word` tells a dictionary word (for the brand)."""
    full = name.strip()
    region, rest = _strip_regions(full, sorted(set(regions), key=len, reverse=True))
    core, suffix = _strip_generic(rest)
    brand = _brand(core, is_word)
    return EnterpriseName(full, region, core, brand, core[len(brand):], suffix)


def _strip_regions(name: str, regions: list[str]) -> tuple[str, str]:
    stripped = ""
    while True:
        region = next((r for r in regions if name.startswith(r) and len(name) - len(r) >= MIN_CORE), None)
        if region is None:
            return stripped, name
        stripped, name = stripped + region, name[len(region):]


def _strip_generic(name: str) -> tuple[str, str]:
    suffix = ""
    while True:
        word = next((w for w in GENERIC if name.endswith(w) and len(name) - len(w) >= MIN_CORE), None)
        if word is None:
            return name, suffix
        name, suffix = name[: -len(word)], word + suffix


_LATIN = re.compile(r"[A-Za-z0-9]+")


def _brand(core: str, is_word: Callable[[str], bool]) -> str:
    """The trade name: a leading Latin run, else the longest dictionary word that starts the
    core, else its first two characters (a 字号 has at least two, and most have exactly two)."""
    latin = _LATIN.match(core)
    if latin:
        return latin.group()
    if is_word(core):
        return core
    longer = (core[:length] for length in range(len(core) - 1, MIN_CORE, -1))
    return next((word for word in longer if is_word(word)), core[:MIN_CORE])
