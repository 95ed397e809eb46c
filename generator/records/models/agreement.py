"""agreements/: one residency, a doctor at an enterprise for a term (第五条, 第七条)."""

from __future__ import annotations

from .common import FEW_ITEMS, Day, Line, Phrase, Record, Text, Yuan, texts
from .markers import Choice, Ref


class Filing(Record):
    number: Phrase = texts("备案编号", "例如 平高科备〔2026〕1号")
    date: Day = texts("备案日期", "备案至区科技创新局的日期（第五条）")


class Agreement(Record):
    doctor: Ref("doctors", "博士") = texts("博士", "doctors/ 下的博士 id")
    enterprise: Ref("enterprises", "企业") = texts("入驻企业", "enterprises/ 下的企业 id")
    position: Choice("positions", rule="art7.position", open=True, message=(
        "入驻岗位“{value}”不是常设岗位（第七条：一般为{choices}）：如确有需要可保留，并在 PR 中说明")) = texts(
        "入驻岗位", "第七条：一般为科技副总、科研中心副主任或科技服务官")
    start: Day = texts("入驻开始日期", "入驻第一天")
    end: Day = texts("入驻结束日期", "入驻最后一天（含）；期限不少于12个月（第七条）")
    signed: Day = texts("协议签订日期")
    filing: Filing = texts("备案", "备案至区科技创新局（第五条）")
    focus: Text = texts("合作重点", "第五条")
    mode: Line = texts("合作模式", "第五条")
    coordinator: Phrase = texts("企业项目推进负责人", "第十一条：只写姓名，不写电话")
    funding_yuan: Yuan = texts("企业经费保障（元）", "第十七条", default=None)
    needs: list[Ref("needs", "需求")] = texts("对接的企业需求", "第五条 供需对接：本次入驻承接的 needs/ 下的需求 id，须为本企业发布的需求",
                                        default=None, min_length=1, max_length=FEW_ITEMS)
