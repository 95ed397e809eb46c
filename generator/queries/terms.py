"""Break record text into the terms matching compares: the program's words, and Chinese bigrams.

Segmentation is jieba's (its word graph and best route), run over a dictionary made of the
program's own vocabulary: research areas, disciplines, the needs' fields and the words of
synonyms.yml (each split at 与、和、及 into its parts). jieba's general dictionary is not
loaded: it takes about a second to read, and the words that matter here are the program's
own. What the vocabulary does not know is still compared, as character bigrams of every
run of Chinese text, so 压实密度 in a need meets 密度 in a bio.

A term is a key (`w:` a vocabulary word or a Latin/number word such as pa66; `b:` a bigram)
and the text it came from, kept for the reasons a candidate is shown with. Words of one
synonym group share one key (the group's first word). Text is compared after NFKC (full-width
forms to ASCII) and lower-casing.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

import jieba

WORD, BIGRAM = "w:", "b:"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_LATIN = re.compile(r"[a-z0-9][a-z0-9.+#-]*[a-z0-9+#]|[a-z][a-z0-9]?")
_PARTS = re.compile(r"[与和及、，,/；;（）()\s]+")
_DIGITS = re.compile(r"[\d.]+")

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


class Term(NamedTuple):
    key: str
    surface: str  # the text it stands for, as written (for reasons)


def normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def vocabulary_words(phrases: Iterable[str]) -> set[str]:
    """The phrases, normalised, and their parts split at 与、和、及 and punctuation."""
    words = set()
    for phrase in phrases:
        text = normal(phrase).strip()
        for word in (text, *_PARTS.split(text)):
            if len(word) >= 2 and not word.isspace() and " " not in word:
                words.add(word)
    return words


class Analyzer:
    """Terms of a text for one program's vocabulary and synonym groups."""

    def __init__(self, vocabulary: Iterable[str], synonym_groups: Iterable[Iterable[str]] = ()):
        self.canonical: dict[str, str] = {}
        phrases = set(vocabulary)
        for group in synonym_groups:
            words = [normal(word).strip() for word in group]
            for word in words:
                self.canonical.setdefault(word, words[0])
            phrases.update(group)
        self.words = vocabulary_words(phrases)
        self.tokenizer = _tokenizer(self.words)
        # Vocabulary words inside a longer one: 高分子复合材料 holds 复合材料.
        self.inner = {word: [part for part in _substrings(word) if part in self.words] for word in self.words}
        self._seen: dict[str, tuple[Term, ...]] = {}  # research areas and disciplines repeat

    def key(self, word: str) -> str:
        return WORD + self.canonical.get(word, word)

    def terms(self, text: str) -> tuple[Term, ...]:
        """Every term of `text`, in order (repeats kept: they are term frequencies)."""
        cached = self._seen.get(text)
        if cached is None:
            cached = self._seen[text] = tuple(self._terms(text))
        return cached

    def _terms(self, text: str) -> list[Term]:
        folded = normal(text)
        original = text if len(text) == len(folded) else folded  # positions line up in nearly every text
        found = []
        for token, start, end in self.tokenizer.tokenize(folded, HMM=False):
            surface = original[start:end]
            if token in self.words:
                found.append(Term(self.key(token), surface))
                found.extend(Term(self.key(part), part) for part in self.inner[token])
            elif _LATIN.fullmatch(token) and not _DIGITS.fullmatch(token):
                found.append(Term(self.key(token), surface))
        for run in _HAN.finditer(folded):
            chars, offset = run.group(), run.start()
            for index in range(len(chars) - 1):
                pair = chars[index:index + 2]
                if pair[0] not in FUNCTION_CHARS and pair[1] not in FUNCTION_CHARS and pair not in STOP_BIGRAMS:
                    found.append(Term(BIGRAM + pair, original[offset + index:offset + index + 2]))
        return found


def _substrings(word: str):
    for length in range(len(word) - 1, 1, -1):
        for start in range(len(word) - length + 1):
            yield word[start:start + length]


def _tokenizer(words: set[str]) -> jieba.Tokenizer:
    """A jieba tokenizer whose dictionary is `words` alone (nothing read from disk, nothing cached)."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    entries = "".join(f"{word} 100\n" for word in sorted(words)).encode("utf-8")
    tokenizer.FREQ, total = tokenizer.gen_pfdict(io.BytesIO(entries))
    tokenizer.total = total or 1  # jieba takes its logarithm
    tokenizer.initialized = True
    return tokenizer
