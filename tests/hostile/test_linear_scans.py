"""Every scan of record text is linear: adversarial inputs near the 1 MiB file limit, each well under a second.

A regular expression that can backtrack over what it already read costs time quadratic in
the input (`EMAIL.search("a@" + "b-" * 40000)` took 16 s, a 100 KB bio 52 s). Each
detector is run here on the inputs that hurt a backtracking pattern: long runs of the
characters it repeats, with the one character it then needs missing, and many starts that
each fail late. A quadratic scan of a million characters takes hours; a linear one, tens of
milliseconds, so the bound below cannot flake.
"""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

import pytest

from generator.records.values import text_problem, url_problem
from generator.rules import privacy
from generator.rules.validate import validate_records

from ..support import BASE

SIZE = 1_000_000  # characters: with some multi-byte ones, a file near the 1 MiB limit
BOUND = 1.0  # seconds, for one scan of one input

ADVERSARIAL = {
    "word characters": "a" * SIZE,
    "word characters, then @": "a" * SIZE + "@",
    "@ after every letter": "a@" * (SIZE // 2),
    "a domain of hyphens": "a@" + "b-" * (SIZE // 2),
    "a domain of one-letter labels": "a@" + "b." * (SIZE // 2),
    "a domain of digit labels": "a@b" + ".1" * (SIZE // 2),
    "local parts of dots": ("." * 1000 + "@") * (SIZE // 1001),
    "the bio of the issue": "联系@我 " + "a" * SIZE,
    "Chinese word characters": "张" * SIZE,
    "digits": "1" * SIZE,
    "thirteen digits apart": ("1" * 13 + " ") * (SIZE // 14),
    "mobile starts": "138" * (SIZE // 3),
    "mobile starts with gaps": ("139" + " 9" * 7 + " x") * (SIZE // 20),
    "mobile starts, long gaps": "139" + " " * SIZE + "9",
    "ID starts with long gaps": ("123456" + " " * 1000 + "x") * (SIZE // 1007),
    "digits and spaces": "1 " * (SIZE // 2),
    "digits and dashes": "1-" * (SIZE // 2),
    "dashes": "-" * SIZE,
    "spaces": " " * SIZE,
    "plus 86": "+86" * (SIZE // 3),
    "zeros": "0" * SIZE,
    "hex starts": "0x" * (SIZE // 2),
    "colons": "1:" * (SIZE // 2),
    "exponents": "1e" * (SIZE // 2),
    "full-width digits": "１" * SIZE,
    "full-width at signs": "＠" * SIZE,
    "backslashes": "\\" * SIZE,
    "zero-width joiners": "\u200d" * SIZE,
    "joiners between letters": "a\u200d" * (SIZE // 2),
    "combining marks": "\u0301" * SIZE,
}


def _timed(scan, text) -> float:
    started = time.perf_counter()
    scan(text)
    return time.perf_counter() - started


DETECTORS = {
    "EMAIL": lambda text: privacy.EMAIL.search(privacy.fold(text)),
    "MOBILE": lambda text: privacy.MOBILE.search(privacy.fold(text)),
    "RESIDENT_ID": lambda text: list(privacy.RESIDENT_ID.finditer(privacy.fold(text))),
    "prefilter": lambda text: privacy.SUSPECT.search(text),
    "find_pii": privacy.find_pii,
    "redact": privacy.redact,
    "text_problem": text_problem,
    "url_problem": lambda text: url_problem("https://example.cn/" + text),
}


@pytest.mark.parametrize("detector", sorted(DETECTORS))
def test_each_detector_is_linear_on_adversarial_input(detector):
    scan = DETECTORS[detector]
    slow = {name: round(seconds, 2) for name, text in ADVERSARIAL.items() if (seconds := _timed(scan, text)) > BOUND}
    assert slow == {}, f"{detector} took more than {BOUND} s on: {slow}"


def test_a_record_near_the_size_limit_validates_in_well_under_a_second(tmp_path: Path):
    """The whole validator on the issue's reproduction, scaled to just under 1 MiB: only its length is wrong."""
    records = tmp_path / "records"
    shutil.copytree(BASE, records)
    doctor = (BASE / "doctors" / "d2.yml").read_text(encoding="utf-8")
    bio = "联系@我 " + "a" * (1_048_000 - len(doctor.encode()) - 40)
    (records / "doctors" / "d2.yml").write_text(doctor + f"bio: \"{bio}\"\n", encoding="utf-8")
    started = time.perf_counter()
    result = validate_records(records, date(2026, 4, 10))
    assert time.perf_counter() - started < 2 * BOUND
    [too_long] = [f for f in result.findings if f.is_error]
    assert (too_long.rule, too_long.key) == ("schema.field", "bio")
    assert f"最多 10000 个字符，实际 {len(bio)} 个字符" in too_long.message
