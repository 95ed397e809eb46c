"""Visits, problems and supports as the view derives them, and a version-2 program meeting version 3."""

from __future__ import annotations

from datetime import date

from generator.queries.view import ProgramView
from generator.records.loading import load
from generator.rules.validate import validate_records

from .support import ROOT, base_with

SAMPLE_AS_OF = date(2026, 11, 29)

VISIT = """date: 2026-03-20
kind: 联合走访
enterprise: e1
visitors: [{unit: 科技创新局}]
method: 实地
findings: 走访。
problems:
  - {id: p1, description: 中试场地不足, owner: 科技创新局, deadline: 2026-03-31, closed: 2026-04-05, resolution: 已解决。}
  - {id: p2, description: 检测设备, owner: 园区, deadline: 2026-03-31, extended: {to: 2026-04-30, reason: 设备到货}}
"""
SUPPORT = """kind: 科技项目
name: 尼龙66耐热改性关键技术研究
level: 市级
enterprise: e1
doctors: [d1]
stages:
  - {stage: 申报, date: 2026-03-10}
  - {stage: 区推荐, date: 2026-03-20, number: 平高科〔2026〕12号}
  - {stage: 立项, date: 2026-04-01, number: 平科〔2026〕8号}
  - {stage: 撤销, date: 2026-06-01, number: 平科〔2026〕20号}
"""


def _program(tmp_path, files: dict):
    records = base_with(tmp_path, files)
    program, _ = load(records)
    return records, program


def test_a_problem_is_closed_only_from_its_closing_day_and_overdue_after_its_extended_deadline(tmp_path):
    _, program = _program(tmp_path, {"visits/v1.yml": VISIT})
    states = {day: {s.problem.id: (s.status, s.days_left) for s in ProgramView(program, day).followup.problems}
              for day in (date(2026, 4, 1), date(2026, 4, 5), date(2026, 5, 1))}
    assert states[date(2026, 4, 1)] == {"p1": ("逾期", -1), "p2": ("办理中", 29)}  # a closing to come is no closing
    assert states[date(2026, 4, 5)]["p1"][0] == "已办结"
    assert states[date(2026, 5, 1)]["p2"] == ("逾期", -1)  # its extension, not its deadline, counts


def test_a_support_is_public_from_its_success_until_it_is_revoked(tmp_path):
    _, program = _program(tmp_path, {"supports/s1.yml": SUPPORT})
    before, approved, revoked = (ProgramView(program, day).followup for day in
                                 (date(2026, 3, 31), date(2026, 4, 1), date(2026, 6, 1)))
    assert before.supports["s1"].status == "区推荐" and not before.supports["s1"].public
    assert [s.stage for s in approved.supports["s1"].public_stages] == ["立项"]  # never the stages before it
    assert approved.public_supports_of_doctor["d1"][0].id == "s1"
    assert approved.achievements["科技项目"]["市级"] == 1
    assert not revoked.supports["s1"].public and revoked.achievements["科技项目"]["市级"] == 0


def test_the_sample_residencies_are_all_visited_by_their_universities():
    program, _ = load(ROOT / "records")
    followup = ProgramView(program, SAMPLE_AS_OF).followup
    due = followup.university_visits_due
    assert len(due) == 8 and not any(item.overdue for item in due)
    assert [item.next_due for item in due] == sorted(item.next_due for item in due)
    assert set(followup.visits_of_university) == {"hncj", "haust", "pdsu"}
    # on their terms' last day, six months and a day after 河南科技大学's visits of 2026-08-27: overdue, listed first
    later = ProgramView(program, date(2027, 2, 28)).followup.university_visits_due
    assert [(item.agreement, item.overdue) for item in later[:3]] == [("a2025-003", True), ("a2025-007", True),
                                                                      (later[2].agreement, False)]


def test_a_version_2_program_is_told_what_to_add(tmp_path):
    records, _ = _program(tmp_path, {})
    policy = (records / "policy.yml").read_text(encoding="utf-8")
    version_2 = "".join(line for line in policy.splitlines(keepends=True)
                        if not line.startswith(("visit_kinds", "university_visit_months", "support_kinds", "support_levels")))
    (records / "policy.yml").write_text(version_2, encoding="utf-8")
    messages = [f.message for f in validate_records(records, date(2026, 4, 10)).findings]
    assert len(messages) == 4 and all("记录格式第 3 版新增" in m for m in messages)
    assert any("visit_kinds: [派出单位调研, 联合走访, 园区服务, 督导]" in m for m in messages)
    assert any("university_visit_months: 6" in m and "第九条" in m for m in messages)


def test_a_policy_without_the_kinds_the_rules_read_says_which(tmp_path):
    records, _ = _program(tmp_path, {})
    policy = (records / "policy.yml").read_text(encoding="utf-8")
    (records / "policy.yml").write_text(policy.replace("[人才计划项目, 新型研发机构, 科技项目]", "[人才计划项目, 平台]"),
                                        encoding="utf-8")
    [finding] = validate_records(records, date(2026, 4, 10)).findings
    assert finding.rule == "schema.field" and finding.key == "support_kinds"
    assert finding.message.startswith("support_kinds 缺少科技项目、新型研发机构：校验规则按名称读取人才计划项目、科技项目、新型研发机构")
