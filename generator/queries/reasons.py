"""Say in Chinese why a doctor fits a need, naming only whole words both of them wrote.

A reason quotes a field of the doctor's (a research area, the discipline, a residency) as
written, and the need's words it shares, as the need writes them: words that are whole in both
texts when each is cut into words (terms.Analyzer.words_of: the program's vocabulary, the
general lexicon, Latin words such as COD), and that counted in the ranking. Character bigrams
help the ranking but are never quoted: 质分析 or 多个工 would be fragments, not words. A field
that shares only parts of words with the need is named without quoting any (与需求有相同的字词).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Container, Iterable, Mapping

from .terms import BIGRAM, WORD, normal

AREAS, DISCIPLINE, EXPERIENCE, BIO = "areas", "discipline", "experience", "bio"
FIELDS = 3  # the shared words of at most three fields of the doctor's
WORDS = 3  # at most three words per field
CANDIDATES = 12  # the need's weightiest words looked for in a doctor's field (bounds the work on long texts)
SHOWN = 30  # characters of a doctor's field quoted before it is cut with …
LABELS = {AREAS: "研究方向", DISCIPLINE: "学科专业", EXPERIENCE: "入驻经历"}


def reasons(weighted: Mapping[str, float], need_words: list[tuple[str, float, str, str | None]], need_text: str,
            said: dict[str, list[str]],
            held: Iterable[str], items: list[tuple[str, str, str, frozenset]], field_weights: Mapping[str, float],
            holds: Callable[[str, str], bool]):
    """The reasons, weightiest field first, for a need and a doctor.

    `weighted` are the need's terms with their weight × idf, `need_words` its weightiest whole
    words (`quotable`), `need_text` its normalised text; `held` are the doctor's term keys, `items`
    their fields as (field, text, normalised text, term keys); `holds(text, key)` says whether
    a normalised text holds the word of a key whole. `said` caches the words of a text for this need (disciplines and research areas
    repeat across doctors).
    """
    common = weighted.keys() & held
    ranked = []
    for position, (field, _, _, keys) in enumerate(items):
        shared = keys & common
        if shared:
            # fsum: exact whatever order the set gives, so equal fields tie (then by position) on every run
            ranked.append((-math.fsum(weighted[key] for key in shared) * field_weights[field], position))
    seen = set()
    for _, position in sorted(ranked):
        field, text, folded, _ = items[position]
        words = said.get(folded)
        if words is None:
            words = said[folded] = _words(need_words, need_text, folded, holds)
        mark = (field, tuple(words) or folded)
        if mark not in seen:  # two residencies on one topic make one reason
            seen.add(mark)
            yield _reason(field, text, folded, words)
            if len(seen) == FIELDS:
                break


def quotable(weighted: Mapping[str, float], words: Mapping[str, str],
             synonyms: Container[str]) -> list[tuple[str, float, str, str | None]]:
    """The need's CANDIDATES weightiest whole words that weigh in the ranking.

    Each is (key, weight, as written, normalised); the normalised word is None for a word of a
    synonym group, which a doctor may hold in another form.
    """
    found = []
    for key, word in words.items():
        weight = weighted.get(key) or _bigrams(weighted, key[len(WORD):])
        if weight > 0:
            found.append((-weight, normal(word), key, word))
    return [(key, -negated, word, None if key in synonyms else folded)
            for negated, folded, key, word in sorted(found)[:CANDIDATES]]


def _bigrams(weighted: Mapping[str, float], word: str) -> float:
    """What a general word (换热器) counted through its bigrams: they stood for it in the ranking."""
    return sum(weighted.get(BIGRAM + word[index:index + 2], 0.0) for index in range(len(word) - 1))


def _words(need_words: list[tuple[str, float, str, str | None]], need_text: str, text: str, holds) -> list[str]:
    """The need's words the text holds whole too, weightiest first, none inside another one.

    Two such words that stand side by side in both texts are named as one phrase (局部放电, not
    局部、放电).
    """
    shared = [(weight, word, normal(word)) for key, weight, word, folded in need_words
              if (folded is None or folded in text) and holds(text, key)]  # `in` first: most words are absent
    phrases = [(first[0] + second[0], first[1] + second[1], first[2] + second[2])
               for first in shared for second in shared
               if first is not second and first[2] + second[2] in need_text and first[2] + second[2] in text]
    found = sorted([*shared, *phrases], key=lambda item: (-item[0], item[2]))
    kept: list[tuple[str, str]] = []  # (normalised, as the need writes it)
    for _, word, folded in found:
        if not any(folded in other for other, _ in kept):
            kept = [(other, shown) for other, shown in kept if other not in folded] + [(folded, word)]
    return [shown for _, shown in kept[:WORDS]]


def _reason(field: str, text: str, folded: str, words: list[str]) -> str:
    """Name the shared words; where the field shares only characters with the need, say just that."""
    said = "、".join(words)
    synonym = "（同义词）" if any(normal(word) not in folded for word in words) else ""
    if field == BIO:
        return f"个人简介提到“{said}”{synonym}" if words else "个人简介与需求有相同的字词"
    shown = " ".join(text.split())
    quoted = f"{LABELS[field]}“{shown if len(shown) <= SHOWN else shown[:SHOWN - 1] + '…'}”"
    return f"{quoted}与需求“{said}”相关{synonym}" if words else f"{quoted}与需求有相同的字词"
