"""privacy.pii: mobile numbers, resident ID numbers and e-mail addresses never pass.

The table tests `find_pii` on the edge cases people actually produce (spaces and
dashes inside numbers, +86, full-width digits pasted from an input method); the
record tests go through the whole validator, where YAML turns unquoted numbers
into integers and floats and where keys count as much as values.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.rules.privacy import SUSPECT, find_pii, valid_resident_id
from generator.rules.validate import validate_records

from .support import ROOT

AS_OF = date(2026, 4, 10)
MOBILE, RESIDENT_ID, EMAIL = "手机号码", "居民身份证号码", "电子邮件地址"


def resident_id(body: str) -> str:
    """A resident ID number with the GB 11643 check character, computed the textbook way."""
    weights = [2 ** (17 - index) % 11 for index in range(17)]
    remainder = sum(int(digit) * weight for digit, weight in zip(body, weights)) % 11
    check = (12 - remainder) % 11
    return body + ("X" if check == 10 else str(check))


def sexagesimal(number: int) -> str:
    """`number` as YAML 1.1 reads base 60: 22:59:1:0:22:13."""
    digits = []
    while number >= 60:
        number, digit = divmod(number, 60)
        digits.append(str(digit))
    return ":".join([str(number), *reversed(digits)])


VALID_ID = resident_id("11010519491231002")  # 11010519491231002X, the standard's own example
OTHER_ID = resident_id("41040219900307771")  # 410402199003077715: a check digit, not X


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # mobile numbers: every way people write them
        ("13812345678", MOBILE),
        ("联系电话13812345678。", MOBILE),
        ("138 1234 5678", MOBILE),
        ("138-1234-5678", MOBILE),
        ("138 - 1234 - 5678", MOBILE),
        ("138—1234—5678", MOBILE),  # an em dash from a Chinese input method
        ("138\u00a01234\u00a05678", MOBILE),  # no-break spaces from a web page
        ("138　1234　5678", MOBILE),  # ideographic spaces
        ("电话：138\n1234\n5678", MOBILE),  # broken over lines in a literal block
        ("１３８１２３４５６７８", MOBILE),  # full-width digits
        ("１３８－１２３４－５６７８", MOBILE),
        ("+8613812345678", MOBILE),
        ("+86 138 1234 5678", MOBILE),
        ("＋８６ １３８１２３４５６７８", MOBILE),
        ("(+86)138-1234-5678", MOBILE),
        ("0086 13812345678", MOBILE),
        ("19912345678", MOBILE),
        ("13812345678.0", MOBILE),  # what str() makes of an unquoted 13812345678.0
        ("ab13812345678", MOBILE),  # letters do not hide it
        # not mobile numbers: longer digit runs, other prefixes, landlines
        ("213812345678", None),
        ("138123456789", None),
        ("1381234567", None),
        ("12812345678", None),
        ("10812345678", None),
        ("0375-12345678", None),
        ("（0375）2661234", None),
        ("10086", None),
        # resident ID numbers: only with a valid check character
        (VALID_ID, RESIDENT_ID),
        (VALID_ID.lower(), RESIDENT_ID),
        (OTHER_ID, RESIDENT_ID),
        (f"身份证号{OTHER_ID}，", RESIDENT_ID),
        (f"{VALID_ID[:6]} {VALID_ID[6:14]} {VALID_ID[14:]}", RESIDENT_ID),
        (f"{VALID_ID[:6]}-{VALID_ID[6:14]}-{VALID_ID[14:]}", RESIDENT_ID),
        (VALID_ID.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")), RESIDENT_ID),
        (VALID_ID[:17] + "1", None),  # wrong check character
        (OTHER_ID[:17] + "X", None),
        (resident_id("11010519490231002"), None),  # born on 31 February
        (resident_id("11010518491231002"), None),  # born before 1900
        ("9" + VALID_ID, None),  # inside a longer run of digits
        (VALID_ID + "1", None),
        ("A" + VALID_ID, None),  # inside a longer code
        # e-mail addresses
        ("zhang.wei@hncj.edu.cn", EMAIL),
        ("ZhangWei+pr@qq.com", EMAIL),
        ("邮箱：12345678@qq.com", EMAIL),
        ("张伟@163.com", EMAIL),
        ("zhang＠hncj．edu．cn", EMAIL),  # full-width @ and dots
        ("mailto:office@pds.gov.cn", EMAIL),
        ("@zhangwei", None),  # a GitHub login
        ("@pds-xincai/it", None),
        ("a@b.c", None),
        # what records legitimately hold
        ("91410400MA9F12345K", None),  # 统一社会信用代码
        ("平高科备〔2026〕1号", None),
        ("2026-03-01", None),
        ("500000", None),
        ("2025Q3", None),
        ("https://www.hncj.edu.cn", None),
    ],
)
def test_find_pii(text, kind):
    assert find_pii(text) == kind


def test_resident_id_check_character_agrees_with_the_textbook():
    for body in ("11010519491231002", "41040219900307771", "44030420000229123", "65010119991231000"):
        number = resident_id(body)
        assert valid_resident_id(number)
        for wrong in "0123456789X":
            if wrong != number[-1]:
                assert not valid_resident_id(body + wrong)


def _validate(records: Path, relative: str, text: str):
    target = records / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return validate_records(records, AS_OF)


def _pii(result):
    return [(f.file, f.line) for f in result.findings if f.rule == "privacy.pii"]


DOCTOR = "name: 李娜\nuniversity: hncj\ndegree: 博士\ndiscipline: 机械工程\nresearch_areas: [智能制造]\n"


@pytest.mark.parametrize(
    ("relative", "text", "line"),
    [
        ("doctors/d2.yml", DOCTOR + "title: 13812345678\n", 6),  # an unquoted integer
        ("doctors/d2.yml", DOCTOR + "title: 138_1234_5678\n", 6),  # YAML 1.1: underscores are allowed
        ("doctors/d2.yml", DOCTOR + f"title: 0{17872057333:o}\n", 6),  # YAML 1.1: a leading 0 is octal
        ("doctors/d2.yml", DOCTOR + f"title: {13812345678:#x}\n", 6),
        ("doctors/d2.yml", DOCTOR + f"title: {sexagesimal(13812345678)}\n", 6),  # YAML 1.1: base 60
        ("doctors/d2.yml", DOCTOR + "title: 13812345678.0\n", 6),  # a float
        ("doctors/d2.yml", DOCTOR + "title: 1.3812345678e+10\n", 6),
        ("doctors/d2.yml", DOCTOR + f"title: {OTHER_ID}\n", 6),  # an ID number without X is an integer too
        ("doctors/d2.yml", DOCTOR + "13812345678: 电话\n", 6),  # a key
        ("doctors/d2.yml", DOCTOR + "zhang@163.com: 邮箱\n", 6),
        ("doctors/d2.yml", DOCTOR + "bio: |\n  长期从事智能制造研究。\n  联系：+86 138-1234-5678\n", 6),
        ("doctors/d2.yml", DOCTOR + 'bio: "\\u0031\\u0033\\u0038\\u0031\\u0032\\u0033\\u0034\\u0035\\u0036\\u0037\\u0038"\n', 6),
        ("doctors/d2.yml", DOCTOR + "bio: >\n  电话138\n  1234 5678\n", 6),  # folded over a line break
        ("doctors/d2.yml", DOCTOR + 'bio: "电话138\\n1234\\n5678"\n', 6),  # split by escaped line breaks
        ("doctors/d2.yml", DOCTOR + 'bio: "电话 138 \\t 1234\\_5678"\n', 6),  # an escaped tab and no-break space
        ("doctors/d2.yml", DOCTOR + 'bio: "电话 138\\\n  12345678"\n', 6),  # an escaped line end joins the lines
        ("doctors/d2.yml", DOCTOR + 'bio: "邮箱 li\\x40hncj.edu.cn"\n', 6),  # \x40 is an @
        ("doctors/d2.yml", DOCTOR + 'bio: "电话 \\uff11\\uff13\\uff18 1234 5678"\n', 6),  # full-width digits as \u
        ("doctors/d2.yml", DOCTOR + "bio: 电话 138－1234－5678\n", 6),  # full-width hyphens between ASCII digits
        ("doctors/d2.yml", DOCTOR.replace("[智能制造]", "[智能制造, 联系１３８１２３４５６７８]"), 5),
        ("doctors/d2.yml", DOCTOR + "maintainers: [lina, lina@hncj.edu.cn]\n", 6),
        ("agreements/a1.yml", (ROOT / "tests/cases/base/agreements/a1.yml").read_text(encoding="utf-8")
         .replace("coordinator: 王强", "coordinator: 王强 138 1234 5678"), 12),
        ("reports/a1/2026Q1.yml", "submitted: 2026-04-05\nsummary: 总结\nwork:\n  - duty: 技术难题\n    title: 配方\n"
         f"    detail: 联系人身份证 {OTHER_ID}\n", 6),
        ("policy.yml", (ROOT / "tests/cases/base/policy.yml").read_text(encoding="utf-8")
         .replace("zone: 平顶山高新区", "zone: 平顶山高新区（咨询 0375@pdsgx.gov.cn）"), 2),
    ],
)
def test_personal_data_in_a_record_is_found(base_records, relative, text, line):
    result = _validate(base_records, relative, text)
    assert _pii(result) == [(relative, line)]


def test_line_breaks_between_sentences_do_not_make_a_file_suspect():
    """A "\\n" escape after text (most descriptions) spares the file the slower value-by-value scan."""
    source = 'description: "合格率偏低。\\n\\n希望一年内提高到95%以上。"\nfields: [尼龙改性]\n'
    assert SUSPECT.search(source) is None
    assert SUSPECT.search(source.replace("95%", "95\\n")) is not None  # a digit before an escape: maybe split


def test_the_message_does_not_repeat_the_number(base_records):
    result = _validate(base_records, "doctors/d2.yml", DOCTOR + "bio: 联系 138-1234-5678\n")
    (finding,) = [f for f in result.findings if f.rule == "privacy.pii"]
    digits = "".join(char for char in finding.message if char.isdigit())
    assert "12345678" not in digits and "5678" not in finding.message


def test_the_sample_program_has_no_false_positives():
    result = validate_records(ROOT / "records", AS_OF)
    assert _pii(result) == []


def test_every_file_kind_is_scanned(base_records):
    """One finding per kind of record: no folder escapes the rule."""
    samples = {
        "universities/u2.yml": "name: 平顶山学院\nresearch_office: 科研处 13812345678\n",
        "doctors/d3.yml": DOCTOR.replace("李娜", "李娜 13812345678"),
        "enterprises/e2.yml": (ROOT / "tests/cases/base/enterprises/e1.yml").read_text(encoding="utf-8")
        .replace("park: 尼龙新材料产业园", "park: 尼龙新材料产业园 13812345678"),
        "needs/n2.yml": (ROOT / "tests/cases/base/needs/n1.yml").read_text(encoding="utf-8")
        .replace("fields: [尼龙改性]", "fields: [尼龙改性, 联系13812345678]"),
        "synonyms.yml": "groups:\n  - [机器视觉, 视觉检测 13812345678]\n",
        "evaluations/v1.yml": "agreement: a1\nkind: 期满\ndate: 2026-03-20\ngrade: 合格\n"
        "evaluators: [科技创新局]\nopinion: 博士电话 13812345678\n",
        "meetings/m1.yml": "date: 2026-03-20\nagreements: [a1]\nattendees: [入驻企业]\ntopics: 请联系 13812345678\n",
        "reports/a1/final.yml": "submitted: 2026-04-01\nsummary: 邮箱 li@hncj.edu.cn\n",
    }
    for relative, text in samples.items():
        (base_records / relative).parent.mkdir(parents=True, exist_ok=True)
        (base_records / relative).write_text(text, encoding="utf-8")
    result = validate_records(base_records, AS_OF)
    assert sorted(file for file, _ in _pii(result)) == sorted(samples)
