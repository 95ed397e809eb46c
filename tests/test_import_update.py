"""import --update edits a record's file in place: the row's keys change, everything else stays as written."""

from __future__ import annotations

import pytest

from generator.importing.cells import DELETE
from generator.importing.merge import changes, edits, merge, sibling_order
from generator.importing.patch import PatchError, patch
from generator.records.columns import kind_columns
from generator.records.parsing import parse

MARKDOWN = {"bio", "summary", "work.detail", "description", "opinion"}


def _update(text: str, kind: str, values: dict) -> tuple[str, list]:
    """The file after a row of `values` (column path -> value) updates it, and the comments it dropped."""
    existing = parse(text)
    merged = merge(existing, values, sibling_order(kind_columns(kind, {"work": 20, "actions": 20})))
    patched = patch(text, edits(existing, merged.data, merged.alignment), merged.data, MARKDOWN)
    return patched.text, patched.dropped


DOCTOR = """\
# 陈磊的记录（由科研处维护）
name: 陈磊
university: pdsu
degree: 博士
discipline: 计算机科学与技术   # 学科
title: 副教授  # 职称
research_areas:   # 研究方向
  - 机器视觉
  # 下面这项是 2026 年新增的
  - 边缘计算
bio: |  # 简介
  第一段。

  第二段。

# 维护人
maintainers: [chenlei-dev]
"""


def test_a_value_on_its_line_is_replaced_where_it_stands():
    text, dropped = _update(DOCTOR, "doctor", {("title",): "教授", ("name",): "陈 磊"})
    assert text == DOCTOR.replace("title: 副教授  # 职称", "title: 教授  # 职称").replace("name: 陈磊", "name: 陈 磊")
    assert dropped == []


def test_a_block_value_is_replaced_with_its_key_and_keeps_its_comments():
    text, _ = _update(DOCTOR, "doctor", {("bio",): "新的简介。", ("research_areas",): ["机器视觉", "深度学习"]})
    assert text == DOCTOR.replace("""research_areas:   # 研究方向
  - 机器视觉
  # 下面这项是 2026 年新增的
  - 边缘计算
bio: |  # 简介
  第一段。

  第二段。
""", """# 下面这项是 2026 年新增的
research_areas: [机器视觉, 深度学习]  # 研究方向
bio: |  # 简介
  新的简介。
""")


def test_a_removed_key_takes_its_lines_and_says_which_comment_went_with_them():
    text, dropped = _update(DOCTOR, "doctor", {("title",): DELETE, ("research_areas",): ["机器视觉"]})
    assert "title" not in text and "# 下面这项是 2026 年新增的\nresearch_areas: [机器视觉]  # 研究方向\n" in text
    assert dropped == ["# 职称"]
    assert text.count("\n") == DOCTOR.count("\n") - 3


def test_a_new_key_goes_where_the_template_puts_it():
    text, _ = _update(DOCTOR.replace("title: 副教授  # 职称\n", ""), "doctor", {("title",): "讲师"})
    assert "discipline: 计算机科学与技术   # 学科\ntitle: 讲师\nresearch_areas:" in text
    first, _ = _update("name: 张三\nuniversity: hncj\n", "doctor", {("degree",): "博士", ("maintainers",): ["zs"]})
    assert first == "name: 张三\nuniversity: hncj\ndegree: 博士\nmaintainers: [zs]\n"


AGREEMENT = """\
doctor: d1
enterprise: e1
position: 科技副总
start: 2026-03-01
end: 2027-02-28
signed: 2026-02-20
filing:
  number: 平高科备〔2026〕1号   # 备案
  date: 2026-02-25
focus: 尼龙
mode: 技术攻关
coordinator: 李明
"""


def test_nested_keys_and_a_new_optional_key():
    text, _ = _update(AGREEMENT, "agreement", {("filing", "number"): "平高科备〔2026〕2号", ("funding_yuan",): 500000,
                                                ("start",): __import__("datetime").date(2026, 3, 2)})
    assert "  number: 平高科备〔2026〕2号   # 备案\n" in text and "start: 2026-03-02\n" in text
    assert text.endswith("coordinator: 李明\nfunding_yuan: 500000\n")


REPORT = """\
submitted: 2026-07-08
summary: |
  本季度完成两项工作。
work:
  - duty: 技术难题   # 第八条（二）
    title: 解决注塑件翘曲问题
  - duty: 科技项目申报
    title: 申报市级项目
    detail: |
      已提交。
outcomes:
  patents_filed: 1
"""


def test_list_items_change_key_by_key_and_new_numbers_add_items():
    values = {("work", 2, "title"): "申报省级项目", ("work", 3, "duty"): "成果转化", ("work", 3, "title"): "转让一项专利"}
    text, _ = _update(REPORT, "report", values)
    assert "    title: 申报省级项目\n    detail: |\n      已提交。\n  - duty: 成果转化\n    title: 转让一项专利\noutcomes:" in text
    assert "  - duty: 技术难题   # 第八条（二）\n" in text


def test_an_item_whose_keys_are_all_removed_goes_and_a_first_key_can_go_alone():
    text, dropped = _update(REPORT, "report", {("work", 1, "duty"): DELETE, ("work", 1, "title"): DELETE})
    assert "技术难题" not in text and text.count("- duty:") == 1 and dropped == ["# 第八条（二）"]
    text, dropped = _update(REPORT, "report", {("work", 2, "duty"): DELETE})
    assert "  - title: 申报市级项目\n    detail: |\n" in text and dropped == []


def test_the_changes_shown_name_each_key_old_and_new():
    existing = parse(REPORT)
    merged = merge(existing, {("work", 2, "title"): "申报省级项目", ("outcomes", "patents_filed"): DELETE,
                              ("summary",): "本季度完成两项工作。"}, sibling_order(kind_columns("report")))
    assert [(c.key, c.old, c.new) for c in changes(existing, merged.data, merged.groups)] == [
        ("work.2.title", "申报市级项目", "申报省级项目"), ("outcomes.patents_filed", 1, None)]
    assert "outcomes" not in merged.data  # a mapping left empty goes too


def test_a_mapping_written_on_one_line_cannot_take_a_new_key():
    text = REPORT.replace("""work:
  - duty: 技术难题   # 第八条（二）
    title: 解决注塑件翘曲问题
""", "work:\n  - {duty: 技术难题, title: 解决注塑件翘曲问题}\n")
    changed, _ = _update(text, "report", {("work", 1, "title"): "新的标题"})  # in place: fine
    assert "{duty: 技术难题, title: 新的标题}" in changed
    with pytest.raises(PatchError):
        _update(text, "report", {("work", 1, "detail"): "细节"})


@pytest.mark.parametrize("value", ["多行\n文字", "含 # 号与: 冒号", "yes", "2026-13-01", "  前后空格  ", "\u2028"])
def test_any_text_reads_back_as_written(value):
    text, _ = _update(DOCTOR, "doctor", {("title",): value, ("bio",): value})
    data = parse(text)
    assert data["title"] == value and data["bio"] in (value, value + "\n")
