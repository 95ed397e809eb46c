"""Break record text into the terms matching compares: the program's words, and Chinese bigrams.

The words are the program's own vocabulary: research areas, disciplines, the needs' titles and
fields and the words of synonyms.yml, each also split at 与、和、及 and punctuation into its
parts. Every place a vocabulary word occurs in a text is a term, so 高分子复合材料 holds
高分子复合材料 and 复合材料 when both are words. What the vocabulary does not know is still
compared, as character bigrams of every run of Chinese text (but a two-character vocabulary
word, which is a word term already), so 压实密度 in a need meets 密度 in a bio; Latin words
(pa66, cod) are words wherever they stand alone.

A term is a key: `w:` and a word, or `b:` and a bigram. Only whole words are ever named in a
reason (reasons.py): bigrams weigh silently. `words_of` and `holds` say which words of a text
are whole: its vocabulary and Latin words, and the words of a general lexicon (jieba's word
list, `lexicon`) that no other word of that list crosses. Words of one synonym group share one
key (the group's first word). Text is compared after NFKC (full-width forms to ASCII) and
lower-casing.

Every step is linear in the length of the text, whatever anyone writes: a vocabulary word is at
most MAX_WORD characters (a longer research area is a sentence, not a word: its parts may still
be words), words are found from the two characters they start with, and general words are at
most five characters, so the work per character is bounded by the few words that start there.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path

WORD, BIGRAM = "w:", "b:"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_LATIN = re.compile(r"[a-z0-9]+")
_ALNUM = re.compile(r"[a-z0-9]")
_PARTS = re.compile(r"[与和及、，,/；;（）()\s]+")

# The longest vocabulary word, and the longest Latin word compared, in characters.
MAX_WORD, MAX_LATIN = 16, 32
# The lengths of the general words looked for (jieba's longer words are rare idioms and names),
# and the occurrences of a word tried before it is taken as not whole in a text.
LEXICON_LENGTHS, OCCURRENCES = (2, 3, 4, 5), 4

# Characters that carry no meaning of their own (a bigram holding one is noise: 的研, 和尼).
FUNCTION_CHARS = frozenset("的了和与及是把被等也都就而或并其之这那我们你他她它吗呢吧着过很")
# Bigrams any need or bio is full of; they say nothing about who fits.
_STOP_WORDS = """
我们 公司 企业 目前 希望 需要 问题 进行 研究 技术 提高 提升 开展 相关 方面 主要 能够 可以 一个 以及
没有 现在 产品 要求 解决 博士 专家 合作 帮助 情况 存在 已经 通过 工作 方向 从事 长期 学院 大学
教授 讲师 工学 理学 副教 硕士 导师 项目 省级 河南 平顶 顶山 实现 完成 达到 以上 以下 左右 一直
经常 部分 很多 不同 如何 这个 他们 由于 因为 所以 但是 如果 同时 其中 客户 效果 目标 方案 多项
主持 参与 近年 多家 年来 现有 找到 不够 只能 一起 进一 一步 来越 越来 发展 多年 具有 能力 水平
"""
STOP_BIGRAMS = frozenset(_STOP_WORDS.split())


def normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def vocabulary_words(phrases: Iterable[str]) -> set[str]:
    """The phrases, normalised, and their parts split at 与、和、及 and punctuation (2 to MAX_WORD characters)."""
    words = set()
    for phrase in phrases:
        text = normal(phrase).strip()
        for word in (text, *_PARTS.split(text)):
            if 2 <= len(word) <= MAX_WORD and not word.isspace() and " " not in word and not word.isdigit():
                words.add(word)
    return words


@cache
def lexicon() -> frozenset[str]:
    """The general Chinese words of jieba's dictionary (dict.txt), as a plain set: whole words for reasons.

    Read as text, never through jieba's own loading (which takes a second and writes a cache);
    empty when the file cannot be read, and reasons then name only vocabulary words.
    """
    try:
        import jieba

        text = (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8")
    except (ImportError, OSError, UnicodeDecodeError):
        return frozenset()
    return frozenset(text.split()[::3])  # each line: word, frequency, part of speech


class Analyzer:
    """Terms of a text for one program's vocabulary and synonym groups."""

    def __init__(self, vocabulary: Iterable[str], synonym_groups: Iterable[Iterable[str]] = (),
                 general: frozenset[str] = frozenset()):
        """`general` are words of the language (`lexicon()`): they only decide which words are whole (`words_of`)."""
        self.canonical: dict[str, str] = {}
        phrases = set(vocabulary)
        for group in synonym_groups:
            words = [word for word in (normal(word).strip() for word in group) if len(word) <= MAX_WORD]
            for word in words:
                self.canonical.setdefault(word, words[0])
            phrases.update(words)
        self.words = vocabulary_words(phrases)
        # The words by their first two characters, longest first: where a word may start.
        self.starting: dict[str, list[str]] = defaultdict(list)
        for word in sorted(self.words, key=lambda word: (-len(word), word)):
            self.starting[word[:2]].append(word)
        self.general = general
        self._forms: dict[str, list[str]] = defaultdict(list)  # key -> the words written for it (a synonym group's)
        for word in sorted(self.canonical):
            self._forms[self.key(word)].append(word)
        self.synonymous = frozenset(self._forms)  # the keys of synonym groups' words
        self._seen: dict[str, tuple[str, ...]] = {}  # research areas and disciplines repeat
        self._whole: dict[str, dict[str, str]] = {}
        self._crossings: dict[str, bytearray] = {}

    def key(self, word: str) -> str:
        return WORD + self.canonical.get(word, word)

    def carry(self, earlier: Analyzer) -> None:
        """Take over what `earlier` worked out about texts for which this analyzer cannot answer otherwise.

        A text's terms and whole words depend only on the vocabulary words inside it, the synonym
        groups and the general lexicon; where general words cross depends on the lexicon alone.
        So with the same groups and lexicon, a text holding none of the words only one of the two
        vocabularies has gives the same answers: the preview's next build, after a research area
        changed, analyses again only the texts that hold the old or the new words.
        """
        if earlier.general is not self.general or earlier.canonical != self.canonical:
            return
        for folded, crossed in earlier._crossings.items():
            self._crossings.setdefault(folded, crossed)
        changed = self.words ^ earlier.words
        for mine, theirs in ((self._seen, earlier._seen), (self._whole, earlier._whole)):
            for text, answer in theirs.items():
                if text in mine:
                    continue
                if changed:
                    folded = normal(text)
                    if any(word in folded for word in changed):
                        continue
                mine[text] = answer

    def terms(self, text: str) -> tuple[str, ...]:
        """The keys of every term of `text`: its words, then its bigrams (repeats kept: they are term frequencies)."""
        cached = self._seen.get(text)
        if cached is None:
            cached = self._seen[text] = tuple(self._terms(text))
        return cached

    def _terms(self, text: str) -> list[str]:
        folded = normal(text)
        found = []
        starting = self.starting
        for index in range(len(folded) - 1):
            for word in starting.get(folded[index:index + 2], ()):
                if folded.startswith(word, index) and _stands_alone(folded, index, index + len(word)):
                    found.append(self.key(word))
        for latin in _LATIN.finditer(folded):
            token = latin.group()
            if token not in self.words and 2 <= len(token) <= MAX_LATIN and not token.isdigit():
                found.append(self.key(token))
        words = self.words
        for run in _HAN.finditer(folded):
            chars = run.group()
            for index in range(len(chars) - 1):
                pair = chars[index:index + 2]
                # a two-character vocabulary word is a word term already: its bigram would count it twice
                if (pair[0] not in FUNCTION_CHARS and pair[1] not in FUNCTION_CHARS and pair not in STOP_BIGRAMS
                        and pair not in words):
                    found.append(BIGRAM + pair)
        return found


    def words_of(self, text: str) -> dict[str, str]:
        """The whole words of `text` (key -> the word as written): what a reason may quote.

        Every vocabulary word in it, every Latin word, and every general word no other general
        word crosses (`holds`): 研究工业余热回收系统与换热器设计 gives 余热, 回收, 换热器, 设计…
        but never 热回 or 器设; 废水 in 有机废水 is not whole, 环氧 in 环氧浇注 is.
        """
        cached = self._whole.get(text)
        if cached is None:
            cached = self._whole[text] = self._words_of(text)
        return cached

    def _words_of(self, text: str) -> dict[str, str]:
        folded = normal(text)
        original = text if len(text) == len(folded) else folded
        crossed, general = self._crossed(folded), self.general
        found: dict[str, str] = {}
        for at in range(len(folded) - 1):
            if not crossed[at]:
                for length in LEXICON_LENGTHS:
                    end = at + length
                    if end <= len(folded) and not crossed[end] and folded[at:end] in general:
                        found.setdefault(self.key(folded[at:end]), original[at:end])
            for word in self.starting.get(folded[at:at + 2], ()):
                if folded.startswith(word, at) and _stands_alone(folded, at, at + len(word)):
                    found.setdefault(self.key(word), original[at:at + len(word)])
        for latin in _LATIN.finditer(folded):
            if 2 <= len(latin.group()) <= MAX_LATIN and not latin.group().isdigit():
                found.setdefault(self.key(latin.group()), original[latin.start():latin.end()])
        return found

    def holds(self, folded: str, key: str) -> bool:
        """Whether the normalised text holds the word of `key` (or a synonym of it) whole somewhere.

        Whole: it does not cut a Latin word, and no general word crosses either of its edges
        (nor holds it: one that does crosses an edge), unless it is a vocabulary word, which is
        whole wherever it stands. Only its first OCCURRENCES are tried.
        """
        crossed = self._crossed(folded)
        for word in self._forms.get(key) or (key[len(WORD):],):
            vocabulary = word in self.words
            at, tried = folded.find(word), 0
            while at >= 0 and tried < OCCURRENCES:
                end = at + len(word)
                if _stands_alone(folded, at, end) and (vocabulary or not (crossed[at] or crossed[end])):
                    return True
                at, tried = folded.find(word, at + 1), tried + 1
        return False

    def _crossed(self, folded: str) -> bytearray:
        """For each position of the text, 1 where a general word spans across it (is on both sides)."""
        cached = self._crossings.get(folded)
        if cached is None:
            cached = self._crossings[folded] = bytearray(len(folded) + 1)
            general = self.general
            for at in range(len(folded) - 1):
                for length in LEXICON_LENGTHS:
                    if at + length <= len(folded) and folded[at:at + length] in general:
                        cached[at + 1:at + length] = b"\x01" * (length - 1)
        return cached


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] does not cut a Latin word in two (pa66 is not a word of pa660)."""
    if start and _ALNUM.match(text[start]) and _ALNUM.match(text[start - 1]):
        return False
    return not (end < len(text) and _ALNUM.match(text[end - 1]) and _ALNUM.match(text[end]))
