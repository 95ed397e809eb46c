"""privacy.pii finds personal data however YAML lets it be written.

A mobile number, a resident ID number or an e-mail address, written in any form
YAML 1.1 reads back as that data (an unquoted integer in octal, hex or base 60,
a float, escapes in a quoted string, a block scalar broken across lines,
full-width characters, dashes and spaces), placed in a value, a list item or a
key of any record, is reported for that file. This also proves the rule's fast
prefilter on source text lets every such file through.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.rules.validate import validate_records

from ..support import BASE

AS_OF = date(2026, 4, 10)
FULL_WIDTH = str.maketrans("0123456789+-@.X", "０１２３４５６７８９＋－＠．Ｘ")
SEPARATORS = [" ", "-", " - ", "—", "\u00a0", "　", "－"]
WORDS = st.text(alphabet="联系电话邮箱身份证号码请", max_size=4)


def _resident_id(body: str) -> str:
    weights = [2 ** (17 - index) % 11 for index in range(17)]
    check = (12 - sum(int(digit) * weight for digit, weight in zip(body, weights)) % 11) % 11
    return body + ("X" if check == 10 else str(check))


def _sexagesimal(number: int) -> str:
    digits = []
    while number >= 60:
        number, digit = divmod(number, 60)
        digits.append(str(digit))
    return ":".join([str(number), *reversed(digits)])


def _escaped(text: str) -> str:
    return '"' + "".join(f"\\u{ord(char):04x}" for char in text) + '"'


@st.composite
def mobile_forms(draw) -> tuple[str, bool]:
    """(YAML source of a value holding a mobile number, whether it fits on one line)."""
    number = int("1" + draw(st.sampled_from("3456789")) + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=9, max_size=9))))
    digits = str(number)
    sep = draw(st.sampled_from(SEPARATORS))
    grouped = f"{digits[:3]}{sep}{digits[3:7]}{sep}{digits[7:]}"
    before, after = draw(WORDS), draw(WORDS)
    return draw(
        st.sampled_from(
            [
                (digits, True),
                (f"{before}{grouped}{after}", True),
                (f"{before}+86{sep}{grouped}", True),
                (f"{before}0086{digits}", True),
                (f"{before}{grouped.translate(FULL_WIDTH)}{after}", True),
                (f"{digits[:3]}_{digits[3:7]}_{digits[7:]}", True),
                (f"0{number:o}", True),
                (f"{number:#x}", True),
                (f"{number:#b}", True),
                (_sexagesimal(number), True),
                (f"{digits}.0", True),
                (f"{number / 10**10:.10f}e+10", True),
                (_escaped(grouped), True),
                (f"'{before}{grouped}'", True),
                (f">\n  {before}{digits[:3]}\n  {digits[3:]}", False),
                (f"|\n  {before}{digits[:7]}\n  {digits[7:]}", False),
            ]
        )
    )


@st.composite
def resident_id_forms(draw) -> tuple[str, bool]:
    region = draw(st.sampled_from(["110105", "410402", "410403", "440304", "650102"]))
    born = draw(st.dates(date(1900, 1, 1), date(2025, 12, 31)))
    number = _resident_id(region + born.strftime("%Y%m%d") + f"{draw(st.integers(0, 999)):03d}")
    sep = draw(st.sampled_from(SEPARATORS))
    grouped = f"{number[:6]}{sep}{number[6:14]}{sep}{number[14:]}"
    forms = [
        (number, True),
        (number.lower(), True),
        (f"{draw(WORDS)}{grouped}", True),
        (number.translate(FULL_WIDTH), True),
        (_escaped(number), True),
    ]
    if number.isdigit():  # an integer to YAML
        forms += [(f"0{int(number):o}", True), (f"{int(number):#x}", True), (f"{number[:9]}_{number[9:]}", True)]
    return draw(st.sampled_from(forms))


@st.composite
def email_forms(draw) -> tuple[str, bool]:
    local = draw(st.from_regex(r"\A[a-z][a-z0-9._]{0,8}[a-z0-9]\Z")) if draw(st.booleans()) else "张伟"
    domain = draw(st.sampled_from(["qq.com", "163.com", "hncj.edu.cn", "pds.gov.cn", "example.org"]))
    address = f"{local}@{domain}"
    return draw(
        st.sampled_from(
            [
                (address, True),
                (f"{draw(WORDS)}{address}", True),
                (address.upper(), True),
                (address.translate(FULL_WIDTH), True),
                (_escaped(address), True),
                (f"mailto:{address}", True),
            ]
        )
    )


DOCTOR = "name: 李娜\nuniversity: hncj\ndegree: 博士\ndiscipline: 机械工程\n"


def _placements(value: str, one_line: bool) -> list[tuple[str, str]]:
    """(file, text) with the value as a value, a list item and a key of different records."""
    placements = [
        ("doctors/d2.yml", DOCTOR + "research_areas: [智能制造]\nbio: " + value + "\n"),
        ("reports/a1/2026Q1.yml", "submitted: 2026-04-05\nsummary: 总结\nwork:\n  - duty: 技术难题\n    title: 攻关\n"
         "    detail: " + value.replace("\n", "\n    ") + "\n"),
    ]
    if one_line:
        placements += [
            ("doctors/d2.yml", DOCTOR + f"research_areas:\n  - 智能制造\n  - {value}\n"),
            ("doctors/d2.yml", DOCTOR + f"research_areas: [智能制造]\n{value}: 备注\n"),
            ("meetings/m1.yml", f"date: 2026-03-20\nagreements: [a1]\nattendees: [入驻企业]\ntopics:\n  {value}: 议题\n"),
        ]
    return placements


@given(
    form=st.one_of(mobile_forms(), resident_id_forms(), email_forms()),
    where=st.integers(0, 4),
)
def test_personal_data_is_found_in_any_form_and_place(form, where):
    value, one_line = form
    placements = _placements(value, one_line)
    path, text = placements[where % len(placements)]
    folder = Path(tempfile.mkdtemp(prefix="gaoxin-pii-"))
    try:
        records = folder / "records"
        shutil.copytree(BASE, records)
        (records / path).parent.mkdir(parents=True, exist_ok=True)
        (records / path).write_text(text, encoding="utf-8")
        result = validate_records(records, AS_OF)
    finally:
        shutil.rmtree(folder)
    assert path in {f.file for f in result.findings if f.rule == "privacy.pii"}, text
