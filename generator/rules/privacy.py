"""privacy.pii: no mobile numbers, resident ID numbers or e-mail addresses in any record.

Records are public by default. Every key and value is scanned, numbers included
(an unquoted 13812345678 is an integer to YAML). Full-width digits are folded to
ASCII first, and spaces or dashes inside a number do not hide it.
"""

from __future__ import annotations

import re
from datetime import date

from ..records.program import Program
from . import Found, check

# Full-width digits, letters and separators people paste from Chinese input methods,
# and the other dashes and spaces a number can be split with.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_FOLDED = "０１２３４５６７８９＋－Ｘｘ＠．　\u00a0" + _DASHES
_FOLD = str.maketrans(_FOLDED, "0123456789+-Xx@.  " + "-" * len(_DASHES))
_FOLDABLE = re.compile(f"[{_FOLDED}]")
_DIGIT = re.compile(r"\d")  # both numbers need one; a cheap scan spares the slower patterns
_SEP = r"[\s\-]{0,3}"  # 138 1234 5678, 138-1234-5678, 138 - 1234 - 5678, or a line break
MOBILE = re.compile(r"(?<![\d])(?:(?:\+|00)?86" + _SEP + r")?1[3-9]\d(?:" + _SEP + r"\d){8}(?![\d])")
RESIDENT_ID = re.compile(r"(?<![0-9A-Za-z])(\d{6})" + _SEP + r"(\d{8})" + _SEP + r"(\d{3}[\dXx])(?![0-9A-Za-z])")
# The part before @ may be any word characters (张伟@163.com); the domain is ASCII.
# Linear: the lookbehind lets a match start only where a run of local-part characters
# starts, so no run is read again from each of its characters (which made a long word
# without an @ cost quadratic time); after the @, labels cannot contain dots, so the
# domain is read once and given back once.
EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# One pass over a file's source text first: most files hold nothing that could match.
# A superset of the patterns above as they can appear in YAML source: digits split by a
# folded line break, full-width characters, a number YAML 1.1 reads in another base, with
# underscores or as a float (0x33..., 0146..., 138_1234_5678, 22:59:1:0:22:13,
# 1.3812345678e+10), or a backslash escape in a quoted string that could make a digit, an
# @ or a full-width character (\x, \u, \U) or split a number (after a digit and
# separators: "138\n1234\n5678"). A \n between sentences (many descriptions have one)
# is none of these.
# The pattern starts with the set of characters a match can start with, so that the regex
# engine skips from one of them to the next in C (it does so only for a leading set), and a
# lookbehind says which one it stands on; the branches for a digit are tried only at digits.
_ANY_SEP = r"[\s\-\uff0d" + _DASHES + r"]*"  # \uff0d: the full-width hyphen, folded only later
SUSPECT = re.compile(
    r"[@\\\uff10-\uff19\uff20\d](?:(?<=[@\uff10-\uff19\uff20])|(?<=\\)[xuU]|(?<=\d)(?:"
    r"(?<=1)[3-9]\d(?:" + _ANY_SEP + r"\d){8}"  # 1[3-9]\d…: a mobile number
    r"|\d{5}" + _ANY_SEP + r"\d{8}"  # \d{6}…\d{8}: a resident ID number
    r"|(?<=0)[xob]|(?<=0)[0-7_]{10}|_\d|:\d|[eE][-+]?\d"  # other bases, 138_1234…, 1:20, 1.3e+10
    r"|" + _ANY_SEP + r"\\))"  # a digit, then an escape that may split a number
)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def valid_resident_id(number: str) -> bool:
    """GB 11643: a real birth date and a matching check character."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not 1900 <= born.year <= 2099:
        return False
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == number[17].upper()


def fold(text: str) -> str:
    """Full-width digits, letters and separators as ASCII, other dashes as "-"."""
    return text if text.isascii() or not _FOLDABLE.search(text) else text.translate(_FOLD)


def _patterns(folded: str):
    """The patterns that could match `folded`: a number needs a digit, an address an @."""
    has_digit = _DIGIT.search(folded) is not None
    return [pattern for pattern, needed in ((RESIDENT_ID, has_digit), (MOBILE, has_digit), (EMAIL, "@" in folded))
            if needed]


def find_pii(text: str) -> str | None:
    """What kind of personal data `text` holds, or None."""
    folded = fold(text)
    patterns = _patterns(folded)
    # First: an ID number holds mobile-like digits.
    if RESIDENT_ID in patterns and any(valid_resident_id("".join(m.groups())) for m in RESIDENT_ID.finditer(folded)):
        return "居民身份证号码"
    if MOBILE in patterns and MOBILE.search(folded):
        return "手机号码"
    if EMAIL in patterns and EMAIL.search(folded):
        return "电子邮件地址"
    return None


def _scalars(data, loc=()):
    """Yield (loc, text) for every key and scalar value, iteratively (records can be deep)."""
    stack = [(loc, data)]
    while stack:
        here, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                yield (*here, key), str(key)
                stack.append(((*here, key), item))
        elif isinstance(value, list):
            stack.extend(((*here, index), item) for index, item in enumerate(value))
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            yield here, str(value)  # an unquoted 13812345678.0 is a float


@check("privacy.pii", needs_policy=False)
def personal_data(program: Program, as_of) -> Found:
    for path, data in program.raw.items():
        source = program.texts.get(path)
        if source is not None and not SUSPECT.search(source):
            continue
        for loc, text in _scalars(data):
            if kind := find_pii(text):
                yield path, loc, f"含有{kind}（{redact(text)}）：记录默认公开，不得填写个人联系方式或证件号码，请删除"


def redact(text: str) -> str:
    """Show where the problem is without repeating the personal data in logs."""
    folded = fold(text)
    for pattern in _patterns(folded):
        folded = pattern.sub(lambda m: m.group(0)[:3] + "****", folded)
    return folded if len(folded) <= 30 else folded[:27] + "…"
