"""The program's vocabulary for the search index: which words jieba keeps whole, which it splits.

Search only finds what the index and the visitor's query cut alike. mkdocs-material's plugin
cuts each page with jieba at build time (the words joined by U+200B); its browser worker has
no dictionary and cuts a query greedily into words it finds in the index, always dropping
the query's last character and appending a wildcard. So a query finds a page when the
query's first word (a prefix of it, at least) is a word of that page:

- names are one word each, so 张伟 searches 张伟* and nothing shorter;
- an enterprise's name is cut into region, trade name and the rest (平顶山/鑫材/尼龙/科技/
  有限/公司), so its short names (鑫材, 鑫材尼龙 → 鑫材*) meet its title;
- terms are cut into their smallest meaningful words (机器视觉 → 机器/视觉, 复合材料 →
  复合/材料), so a part (视觉) finds the whole; a leading single character joins the next word
  (高电压/与/绝缘/技术), since single characters are not kept in the index (see mkdocs.yml's
  separator).

The result is a jieba user dictionary (`jieba_lines`): promoted words with a frequency high
enough to win, compounds to split with frequency 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .enterprise_names import REGIONS, parse

PROMOTE = 100000  # frequent enough that jieba prefers the word over any other cut
DEMOTE = 1  # rare enough that jieba prefers the word's parts
_HAN = re.compile(r"[\u3400-\u9fff]")
CONNECTIVES = frozenset("与和及或并兼的之等对在于")


@dataclass(frozen=True)
class Vocabulary:
    words: frozenset[str]  # kept whole: names, trade names, the words terms are cut into
    compounds: frozenset[str]  # split into their words

    def jieba_lines(self) -> str:
        """The jieba user dictionary: one `word frequency` line each, in a stable order."""
        demoted = sorted(self.compounds - self.words)
        return "".join([*(f"{w} {PROMOTE}\n" for w in sorted(self.words)), *(f"{w} {DEMOTE}\n" for w in demoted)])


def vocabulary(program) -> Vocabulary:
    """The words of every name and term the site shows, cut the way people type them."""
    cutter = _Cutter()
    for name in _person_names(program):
        cutter.keep(name)
    regions = REGIONS + ((program.policy.zone,) if program.policy else ())
    for enterprise in program.enterprises.values():
        name = parse(enterprise.name, regions, cutter.is_word)
        cutter.keep(name.region)
        cutter.keep(name.brand)
        cutter.term(name.rest)
        cutter.term(name.suffix)
    for term in _terms(program):
        cutter.term(term)
    return Vocabulary(frozenset(cutter.words), frozenset(cutter.compounds))


def _person_names(program):
    for doctor in program.doctors.values():
        yield doctor.name
    for agreement in program.agreements.values():
        yield agreement.coordinator


def _terms(program):
    for doctor in program.doctors.values():
        yield doctor.discipline
        yield from doctor.research_areas
    for enterprise in program.enterprises.values():
        yield from (enterprise.industry, enterprise.park)
    for need in program.needs.values():  # records format 2: an enterprise's needs are records of their own
        yield need.title
        yield from need.fields or ()
    for university in program.universities.values():
        yield university.name
    for agreement in program.agreements.values():
        yield agreement.position


class _Cutter:
    """Collects words and compounds, consulting jieba's own dictionary."""

    def __init__(self):
        import jieba

        from .mkdocs_build import quiet_jieba

        quiet_jieba()
        jieba.dt.check_initialized()
        self._jieba = jieba.dt
        self.words: set[str] = set()
        self.compounds: set[str] = set()

    def is_word(self, text: str) -> bool:
        return self._jieba.FREQ.get(text, 0) > 0 or text in self.words

    def keep(self, name: str) -> None:
        if _HAN.search(name or "") and not any(char.isspace() for char in name):
            self.words.add(name)

    def term(self, term: str) -> None:
        """Cut `term` into words, a single character joined to the word after it (新材料)."""
        key = (self._jieba.total, term)  # the cut depends on the term and jieba's dictionary only
        cut = _CUTS.get(key)
        if cut is None:
            cut = _CUTS[key] = _cut(term, self._jieba)
        words, compounds = cut
        self.compounds.update(compounds)
        for word in words:
            self.keep(word)


# (jieba's total frequency, term) -> its words and the compounds split on the way. The preview
# builds again on every save, and most terms of a program are the same as the last time.
_CUTS: dict[tuple[int, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _cut(term: str, tokenizer) -> tuple[tuple[str, ...], tuple[str, ...]]:
    compounds: list[str] = []
    words = [word for token in tokenizer.cut(term) for word in _split(token, tokenizer.FREQ, compounds)]
    merged: list[str] = []
    for word in words:
        if merged and _single(merged[-1]) and _HAN.match(word):
            merged[-1] += word
        else:
            merged.append(word)
    return tuple(word for word in merged if len(word) > 1), tuple(compounds)


def _split(token: str, freq: dict, compounds: list[str]) -> list[str]:
    """A compound as its fewest dictionary words of two or more characters, recursively."""
    parts = _tiling(token, freq) if len(token) >= 4 else None  # 3 = 2 + 1: no split
    if not parts:
        return [token]
    compounds.append(token)
    return [word for part in parts for word in _split(part, freq, compounds)]


def _single(word: str) -> bool:
    """A lone character that modifies what follows (新, 副, 高), not a connective (与, 及)."""
    return len(word) == 1 and bool(_HAN.match(word)) and word not in CONNECTIVES


def _tiling(word: str, freq: dict) -> list[str] | None:
    """The fewest dictionary words (two characters or more, not `word` itself) that spell `word`."""
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(2, len(word) + 1):
        for start in range(0, end - 1):
            piece, before = word[start:end], best[start]
            usable = before is not None and piece != word and freq.get(piece, 0) > 0
            if usable and (best[end] is None or len(before) + 1 < len(best[end])):
                best[end] = [*before, piece]
    return best[len(word)]
