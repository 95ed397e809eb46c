"""Matching needs and doctors: who may appear, in what order, and why (queries/matching.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date

import pytest

from generator.queries.matching import MIN_SCORE, Matcher
from generator.queries.terms import Analyzer, lexicon, normal
from generator.records.loading import load

from .support import CASES, ROOT, SITE_AS_OF, base_with, site_records

AS_OF = date(2026, 4, 10)
DOCTOR = "name: {name}\nuniversity: hncj\ndegree: 博士\ndiscipline: {discipline}\nresearch_areas: [{areas}]\n"
NEED = "enterprise: e1\ntitle: {title}\ndescription: {description}\nposted: 2026-03-01\n"


def _program(tmp_path, files: dict):
    program, findings = load(base_with(tmp_path, files))
    assert findings == []
    return program


def _doctor(name, discipline, areas, bio=None):
    return DOCTOR.format(name=name, discipline=discipline, areas=", ".join(areas)) + (f"bio: {bio}\n" if bio else "")


def test_research_areas_weigh_more_than_discipline_and_bio(tmp_path):
    program = _program(tmp_path, {
        "doctors/d3.yml": _doctor("甲", "材料科学与工程", ["无卤阻燃"]),
        "doctors/d4.yml": _doctor("乙", "材料科学与工程", ["金属腐蚀"], bio="做过无卤阻燃。"),
        "needs/n2.yml": NEED.format(title="阻燃配方", description="外壳要做到无卤阻燃。"),
    })
    ranked = Matcher(program, AS_OF).doctors_for("n2")
    assert [m.doctor for m in ranked[:2]] == ["d3", "d4"]
    assert ranked[0].score > ranked[1].score
    assert ranked[0].reasons[0] == "研究方向“无卤阻燃”与需求“无卤阻燃”相关"
    assert "个人简介提到“无卤阻燃”" in ranked[1].reasons


def test_synonyms_and_compounds_meet(tmp_path):
    program = _program(tmp_path, {
        "synonyms.yml": "groups:\n  - [机器视觉, 图像识别]\n",
        "doctors/d3.yml": _doctor("甲", "计算机科学与技术", ["机器视觉"]),
        "doctors/d4.yml": _doctor("乙", "材料科学与工程", ["锂电池正极材料"], bio="关注颗粒级配与密度。"),
        "needs/n2.yml": NEED.format(title="外观检测", description="想用图像识别代替人工看外观。"),
        "needs/n3.yml": NEED.format(title="压实密度偏低", description="正极材料压实密度只有2.3。"),
    })
    matcher = Matcher(program, AS_OF)
    vision = matcher.doctors_for("n2")[0]
    assert vision.doctor == "d3" and vision.reasons[0] == "研究方向“机器视觉”与需求“图像识别”相关（同义词）"
    density = matcher.doctors_for("n3")[0]
    assert density.doctor == "d4" and any("密度" in reason for reason in density.reasons)


def test_equal_doctors_are_ordered_by_id_and_runs_agree(tmp_path):
    same = _doctor("同", "化学工程与技术", ["膜分离"])
    program = _program(tmp_path, {"doctors/d9.yml": same, "doctors/d3.yml": same, "doctors/d5.yml": same,
                                  "needs/n2.yml": NEED.format(title="膜分离改造", description="发酵液改用膜分离。")})
    first = [m.doctor for m in Matcher(program, AS_OF).doctors_for("n2")]
    assert first[:3] == ["d3", "d5", "d9"]
    assert [m.doctor for m in Matcher(program, AS_OF).doctors_for("n2")] == first


def test_every_candidate_scores_at_least_the_floor_and_at_most_1(tmp_path):
    program = _program(tmp_path, {"needs/n2.yml": NEED.format(title="尼龙改性", description="高分子复合材料。")})
    for match in Matcher(program, AS_OF).doctors_for("n2", top=10):
        assert MIN_SCORE <= match.score <= 1


@pytest.fixture(scope="module")
def site_program(tmp_path_factory):
    program, _ = load(site_records(tmp_path_factory.mktemp("site") / "records"))
    return program


def test_a_doctor_who_left_never_appears(site_program):
    matcher = Matcher(site_program, date.fromisoformat(SITE_AS_OF))
    assert "d4" not in {doctor.id for doctor in matcher.doctors}  # 退出人才库 on 2027-03-20
    for need_id in site_program.needs:
        assert "d4" not in [m.doctor for m in matcher.doctors_for(need_id, top=50)]
    assert matcher.needs_for("d4") == []
    # the day before the exit, the same doctor is a candidate like any other
    assert "d4" in {doctor.id for doctor in Matcher(site_program, date(2027, 3, 19)).doctors}


def test_only_open_needs_are_offered_to_a_doctor(site_program):
    matcher = Matcher(site_program, date.fromisoformat(SITE_AS_OF))
    offered = {m.need for doctor in site_program.doctors for m in matcher.needs_for(doctor, top=50)}
    assert offered and offered <= {"e2-vision", "e2-iot"}
    assert matcher.needs_for("d3")[0].need == "e2-vision"  # 机器视觉, and he resided at e2


def test_the_build_pass_agrees_with_single_queries(site_program):
    matcher = Matcher(site_program, date.fromisoformat(SITE_AS_OF))
    by_need, by_doctor = matcher.ranked()
    assert set(by_need) == set(matcher.open_needs)
    for need_id, matches in by_need.items():
        assert matches == matcher.doctors_for(need_id)
    for doctor_id, matches in by_doctor.items():
        assert matches == matcher.needs_for(doctor_id)


def test_an_active_residency_and_the_same_enterprise_are_noted():
    program, _ = load(ROOT / "records")
    matcher = Matcher(program, date(2026, 11, 29))
    first = matcher.doctors_for("pds-xincai-digital-line")[0]
    assert first.doctor == "chen-lei"
    assert any(reason.startswith("研究方向“工业互联网”") for reason in first.reasons)
    assert "当前在岗入驻至 2027-02-28（平顶山云智信息技术有限公司）" in first.reasons
    welding = matcher.doctors_for("jinlun-welding-robot")[0]
    assert welding.doctor == "wang-hao" and "曾在该企业入驻" in welding.reasons


def test_no_dictionary_is_loaded_and_nothing_written(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    analyzer = Analyzer(["高分子复合材料", "复合材料", "尼龙改性"], [["尼龙66", "PA66"]], lexicon())
    terms = analyzer.terms("PA66高分子复合材料改性")
    assert terms[:3] == ("w:尼龙66", "w:高分子复合材料", "w:复合材料")
    assert terms[3:] == ("b:高分", "b:分子", "b:子复", "b:复合", "b:合材", "b:材料", "b:料改", "b:改性")
    assert analyzer.words_of("PA66高分子复合材料改性") == {
        "w:尼龙66": "PA66", "w:高分子复合材料": "高分子复合材料", "w:高分子": "高分子", "w:复合材料": "复合材料",
        "w:改性": "改性"}
    assert list(tmp_path.iterdir()) == []
    # jieba's global dictionary stays unloaded (the site's search uses it): checked in a fresh
    # interpreter, since another test of this session may have loaded it for a site build.
    fresh = subprocess.run([sys.executable, "-c", FRESH_ANALYZER], cwd=ROOT, capture_output=True, text=True,
                           env={**os.environ, "TMPDIR": str(tmp_path)})
    assert fresh.stdout.strip() == "False", fresh.stdout + fresh.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("before", "after", "groups_after"), [
    (["复合材料", "尼龙改性"], ["复合材料", "尼龙改性", "高分子复合材料", "改性"], [["尼龙66", "PA66"]]),  # words added
    (["高分子复合材料", "复合材料", "改性"], ["复合材料"], [["尼龙66", "PA66"]]),  # words removed
    (["复合材料"], ["复合材料"], [["尼龙66", "PA66", "聚酰胺66"]]),  # another synonym group: nothing is carried
])
def test_an_analyzer_carries_over_only_what_its_vocabulary_cannot_change(before, after, groups_after):
    texts = ["PA66高分子复合材料改性", "高分子复合材料的改性研究", "复合材料", "焊接机器人", "pa66 与 聚酰胺66"]
    earlier = Analyzer(before, [["尼龙66", "PA66"]], lexicon())
    for text in texts:
        earlier.terms(text), earlier.words_of(text)
    carried, fresh = Analyzer(after, groups_after, lexicon()), Analyzer(after, groups_after, lexicon())
    carried.carry(earlier)
    same_groups = groups_after == [["尼龙66", "PA66"]]
    assert ("焊接机器人" in carried._seen) == same_groups  # untouched by a change of words: not analysed again
    assert ("PA66高分子复合材料改性" in carried._seen) is False  # holds a word only one vocabulary has
    for text in texts:
        assert carried.terms(text) == fresh.terms(text), text
        assert carried.words_of(text) == fresh.words_of(text), text
        assert all(carried.holds(normal(text), key) == fresh.holds(normal(text), key) for key in fresh.words_of(text))


FRESH_ANALYZER = """
import jieba
from generator.queries.terms import Analyzer, lexicon
Analyzer(["高分子复合材料", "复合材料", "尼龙改性"], [["尼龙66", "PA66"]], lexicon()).words_of("PA66高分子复合材料改性")
print(jieba.dt.initialized)
"""


def test_a_program_without_doctors_or_vocabulary_matches_nothing(tmp_path):
    records = tmp_path / "records"
    shutil.copytree(CASES / "base", records)
    for path in (records / "doctors").iterdir():
        path.unlink()
    (records / "agreements" / "a1.yml").unlink()
    (records / "reports" / "a1" / "2026Q1.yml").unlink()
    program, _ = load(records)
    matcher = Matcher(program, AS_OF)
    assert matcher.doctors_for("n1") == [] and matcher.ranked() == ({}, {})


@pytest.mark.parametrize("text", [
    "普通文字，**加粗**", "见[详情](javascript:alert('x'))", "<script>secret()</script>正文", "[引用][a]\n\n[a]: javascript:x",
    '<a href="&#106;avascript:x">链接</a>', "<!-- 隐藏 -->看得见", "![图](data:text/html,x) 图注",
])
def test_matching_reads_markdown_as_the_page_shows_it(text):
    from generator.records.markdown import plain_text, shown_words

    shown = shown_words(text)
    assert shown == text or shown == plain_text(text)
    for hidden in ("javascript", "secret", "隐藏", "data:"):
        assert hidden not in shown


@pytest.mark.parametrize(("written", "code"), [
    ("材料科学与工程", "0805"), ("高分子材料与工程", "0805"), ("材料科学与工程（高分子方向）", "0805"),
    ("高电压与绝缘技术", "0808"), ("能源与环境系统工程", "0807"), ("化学工程与技术", "0817"), ("中药学", "1008"),
    ("药学", "1007"), ("材料与化工", "0856"), ("Ｅｌｅｃ 电气工程", "0808"), ("不存在的学科", None),
])
def test_a_discipline_is_read_as_its_first_level_discipline(written, code):
    from generator.queries.disciplines import discipline_of

    found = discipline_of(written)
    assert (found.code if found else None) == code


def test_the_catalogue_is_the_2022_one_with_its_source():
    import yaml

    from generator.queries.disciplines import CATALOGUE

    text = CATALOGUE.read_text(encoding="utf-8")
    catalogue = yaml.safe_load(text)
    assert "研究生教育学科专业目录（2022年）" in catalogue["source"] and "学位〔2022〕15号" in catalogue["source"]
    categories = catalogue["categories"]
    assert [c["code"] for c in categories] == [f"{n:02d}" for n in range(1, 15)]
    assert [c["name"] for c in categories][6:8] == ["理学", "工学"] and categories[13]["name"] == "交叉学科"
    codes = [d["code"] for c in categories for d in [*c["disciplines"], *c.get("professional", ())]]
    assert len(codes) == len(set(codes))
    for category in categories:
        for entry in category["disciplines"]:
            assert entry["code"].startswith(category["code"]) and entry["code"][2] in "01234", entry
        for entry in category.get("professional", ()):
            assert entry["code"].startswith(category["code"]) and entry["code"][2] in "56789", entry
    names = {d["name"]: d["code"] for c in categories for d in c["disciplines"]}
    assert names["材料科学与工程"] == "0805" and names["电气工程"] == "0808" and names["集成电路科学与工程"] == "1401"


def test_the_discipline_closest_to_a_need_ranks_first_but_excludes_no_one(tmp_path):
    """A need about curing resins meets a materials doctor before an electrical engineer who wrote the same words."""
    program = _program(tmp_path, {
        "doctors/d3.yml": _doctor("电", "电气工程", ["环氧树脂"]),
        "doctors/d4.yml": _doctor("材", "材料科学与工程", ["环氧树脂"]),
        "doctors/d5.yml": _doctor("高", "高分子材料与工程", ["树脂固化", "浇注工艺"]),
        "doctors/d6.yml": _doctor("开", "电气工程", ["开关柜"]),
        "needs/n2.yml": NEED.format(title="环氧浇注件开裂", description="环氧树脂固化后开裂，浇注工艺要改。"),
    })
    ranked = [match.doctor for match in Matcher(program, AS_OF).doctors_for("n2", top=10)]
    assert ranked.index("d4") < ranked.index("d3")  # by id alone, d3 would come first
    assert "d3" in ranked
