"""The orders of names: 姓氏笔画 for official lists, pinyin for the site's directories.

姓氏笔画, the convention of official name lists: by the stroke count of the surname, then of
each following character in turn (王一一 before 王五: 一 has one stroke, 五 four). Characters of
the same count keep Unicode's order (radical, then strokes), so the people of one surname stay
together; the finer order of 笔形 (横竖撇点折) within one count is not applied, as no maintained
source of stroke sequences is packaged. Counts are Unihan's kTotalStrokes (`strokes.txt`, its
header says where from); a character without one (a letter, a digit) sorts after every
ideograph, by code point.

Pinyin: by the syllables without tones, then by the tones (pypinyin's readings); a person's
surname is read as a surname (单 shàn, 曾 zēng, 解 xiè), as a phone book would.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("strokes.txt")
OFFSET = 32  # a count n is stored as chr(32 + n)
NO_COUNT = 1000  # after every ideograph (Unihan's largest count is 84)

# Surnames whose reading as a surname differs from the character's usual reading.
SURNAMES = {
    "万俟": ("mo4", "qi2"), "尉迟": ("yu4", "chi2"), "单于": ("chan2", "yu2"),
    "单": ("shan4",), "曾": ("zeng1",), "解": ("xie4",), "仇": ("qiu2",), "朴": ("piao2",), "区": ("ou1",),
    "查": ("zha1",), "覃": ("qin2",), "缪": ("miao4",), "翟": ("zhai2",), "盖": ("ge3",), "乐": ("yue4",),
    "秘": ("bi4",), "种": ("chong2",), "召": ("shao4",), "员": ("yun4",), "尉": ("wei4",), "纪": ("ji3",),
    "隗": ("wei3",), "华": ("hua4",), "任": ("ren2",), "冼": ("xian3",), "宁": ("ning4",), "燕": ("yan1",),
    "那": ("na1",), "阚": ("kan4",), "折": ("she2",), "繁": ("po2",), "句": ("gou1",), "能": ("nai4",),
}


@cache
def _counts() -> dict[int, int]:
    counts = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        start, _, run = line.partition(" ")
        first = int(start, 16)
        counts.update((first + index, ord(char) - OFFSET) for index, char in enumerate(run) if char != " ")
    return counts


def strokes(char: str) -> int | None:
    """The total strokes of one character, or None when Unihan gives it none."""
    return _counts().get(ord(char))


def stroke_key(name: str) -> tuple:
    """Sort key of 姓氏笔画 order: each character's stroke count in turn, same counts by code point."""
    counts = _counts()
    return tuple((counts.get(ord(char), NO_COUNT), ord(char)) for char in name.strip())


_LONGEST_FIRST = sorted(SURNAMES, key=len, reverse=True)  # 欧阳 before 欧


@lru_cache(maxsize=65536)  # a directory sorts every name on every build; the names rarely change
def pinyin_key(text: str, person: bool = False) -> tuple:
    """Sort key of pinyin order: the syllables without tones, then the tones, then the text itself.

    With `person`, the text is a person's name and its surname is read as one.
    """
    from pypinyin import Style, lazy_pinyin  # loaded only by what sorts by pinyin (the site's directories)

    text = text.strip()
    surname = next((s for s in _LONGEST_FIRST if person and text.startswith(s)), "")
    syllables = [*SURNAMES.get(surname, ()), *lazy_pinyin(text[len(surname):], style=Style.TONE3,
                                                          neutral_tone_with_five=True)]
    letters = tuple(syllable.rstrip("012345").lower() for syllable in syllables)
    tones = tuple(syllable[-1] if syllable[-1:].isdigit() else "0" for syllable in syllables)
    return letters, tones, text
