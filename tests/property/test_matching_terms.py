"""Properties of matching's analyzer on any text: bounded work, and only whole words named (queries/terms.py).

For any vocabulary and any text (Chinese, Latin, digits, punctuation, full-width forms, long
runs of one character), the terms of a text are at most a fixed number per character, every
whole word `words_of` returns is written in the text, and `holds` agrees with it (within the
occurrences it tries).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.queries.terms import MAX_WORD, OCCURRENCES, WORD, Analyzer, lexicon, normal

CHARS = st.sampled_from(list("尼龙改性高分子复合材料环氧树脂浇注开裂废水处理的与和、，pa66COD ０１Ａ\n"))
TEXT = st.text(CHARS, max_size=300)
LONG_WORD = st.integers(min_value=MAX_WORD + 1, max_value=4000).map(lambda n: "高分子" * (n // 3 + 1))


@given(vocabulary=st.lists(st.one_of(TEXT, LONG_WORD), max_size=12), text=st.one_of(TEXT, LONG_WORD))
def test_terms_are_bounded_and_words_are_whole(vocabulary, text):
    analyzer = Analyzer(vocabulary, [["尼龙66", "PA66"]], lexicon())
    assert all(len(word) <= MAX_WORD for word in analyzer.words)
    terms = analyzer.terms(text)
    # per character: the vocabulary words starting there (at most MAX_WORD lengths), a bigram, a Latin word
    assert len(terms) <= (MAX_WORD + 2) * max(len(text), 1)
    folded = normal(text)
    for key, written in analyzer.words_of(text).items():
        assert normal(written) in folded
        if folded.count(normal(written)) <= OCCURRENCES:  # `holds` tries that many occurrences
            assert analyzer.holds(folded, key)
        assert key.startswith(WORD)
