"""evaluations/: 年度 (第十六条) and 期满 (第十五条) evaluations with their actions."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from .common import FEW_ITEMS, Day, Line, Markdown, Phrase, Record, Yuan, one_decimal, texts
from .markers import Choice, Ref

# The five actions of 第十六条, declared once: the rules, the standing of doctors and the
# honor roll name them through these constants.
PRAISE, REWARD, TALK, CRITICISM, EXIT = "通报表扬", "奖励", "约谈", "通报批评", "退出人才库"
ACTIONS = (PRAISE, REWARD, TALK, CRITICISM, EXIT)


class Reward(Record):
    action: Literal[REWARD] = texts("措施")
    amount_yuan: Yuan = texts("奖励金额（元）", "第十六条：每人奖励1万元")
    date: Day = texts("日期", "缺省为评价日期", default=None)


class Action(Record):
    action: Literal[PRAISE, TALK, CRITICISM, EXIT] = texts("措施", "第十六条")
    date: Day = texts("日期", "缺省为评价日期", default=None)


AnyAction = Annotated[Reward | Action, Field(discriminator="action")]


class Covers(Record):
    from_: Day = texts("起", alias="from")
    to: Day = texts("止")


class Period(Record):
    from_: Day = texts("起", alias="from")
    to: Day = texts("止")


# A party's points for one indicator: a number from 0 (art16.scores checks the weight) with one decimal at most.
Points = Annotated[int | float, AfterValidator(one_decimal), Field(json_schema_extra={"multipleOf": 0.1})]


class Score(Record):
    party: Phrase = texts("评分单位", "policy.yml 的 evaluation.parties 之一，每个单位一次")
    date: Day = texts("评分日期")
    points: dict[Phrase, Points] = texts(
        "各项得分", "每项考核指标一个得分，0 至该项权重，最多一位小数", max_length=FEW_ITEMS)
    opinion: Markdown = texts("评分单位意见", "Markdown（内部）", default=None)


class _Evaluation(Record):
    agreement: Ref("agreements", "协议") = texts("协议", "agreements/ 下的协议 id")
    date: Day = texts("评价日期")
    grade: Choice("grades", what="规定的评价等次") = texts("等次", "policy.yml 的 grades 之一")
    evaluators: list[Phrase] = texts("评价单位", "至少一个", min_length=1, max_length=FEW_ITEMS)
    opinion: Markdown = texts("综合评价意见", "Markdown（内部）", default=None)
    actions: list[AnyAction] = texts("奖惩措施", "第十六条", default=None, min_length=1, max_length=FEW_ITEMS)
    # Read on 年度 evaluations only; on a 期满 one art16.scores says so (one finding, not also schema.field).
    scores: list[Score] = texts("各单位评分", "记录格式第 3 版：policy.yml 有 evaluation 时，各评价单位按考核指标打分（内部）",
                                default=None, min_length=1, max_length=FEW_ITEMS)


class AnnualEvaluation(_Evaluation):
    kind: Literal["年度"] = texts("类型", "年度（第十六条）或 期满（第十五条）")
    round: int = texts("评价轮次", "年份；光荣榜与30%上限按轮次计算", ge=2000, le=2099)
    covers: Covers = texts("评价期间", "所评价的12个月")
    publicity: Period = texts("公示期", "考核结果公示的起止日期；通报表扬须在公示期满之后", default=None)
    grade_reason: Line = texts("等次说明", "等次与总分应得等次不同时写明原因（一行）", default=None)


class FinalEvaluation(_Evaluation):
    kind: Literal["期满"] = texts("类型", "年度（第十六条）或 期满（第十五条）")


Evaluation = Annotated[AnnualEvaluation | FinalEvaluation, Field(discriminator="kind")]
