"""policy.yml: every number and list of the 办法 the rules use (declared once, here)."""

from __future__ import annotations

from fractions import Fraction
from typing import Literal

from pydantic import BaseModel, ValidationInfo, field_validator

from .common import FEW_ITEMS, Day, Phrase, Record, listing, mismatch, texts
from .support import PLATFORM, SCIENCE_PROJECT, TALENT_PLAN
from .visit import JOINT_VISIT, UNIVERSITY_VISIT

# Every number of the 办法 has a range far wider than any real policy and far inside what the
# calendar arithmetic can take: ten years of residency, a year to report, a million yuan.
MAX_TERM_MONTHS = 120
MAX_DUE_DAYS = 366
MAX_REWARD_YUAN = 1_000_000
# Keys about the records themselves, not parameters of the 办法 (the site's parameter table leaves them out).
ABOUT_THE_RECORDS = ("sample",)


class Industries(Record):
    leading: list[Phrase] = texts("主导产业", "第六条", min_length=1, max_length=FEW_ITEMS)
    emerging: list[Phrase] = texts("新兴产业", "第六条", min_length=1, max_length=FEW_ITEMS)


class Indicator(Record):
    name: Phrase = texts("指标名称")
    weight: int = texts("分值", "各项分值之和为 100", ge=1, le=100)


class EvaluationScheme(Record):
    """How an annual evaluation is scored (第十五、十六条): the parties, the indicators, the floors, the cap and the 公示."""

    parties: list[Phrase] = texts("评分单位", "第十五条：党群工作部、科技创新局、高校科研处、入驻企业", min_length=1,
                                  max_length=FEW_ITEMS)
    party_weights: dict[Phrase, int] = texts("评分单位权重", "每个评分单位一项，之和为 100", max_length=FEW_ITEMS)
    indicators: list[Indicator] = texts("考核指标", "每个单位按每项指标打 0 至该项分值的分；分值之和为 100",
                                        min_length=1, max_length=FEW_ITEMS)
    grade_floors: dict[Phrase, float] = texts(
        "等次分数线", "总分达到某等次的分数线即得该等次；低于所有分数线的得最低等次（grades 的最后一项）",
        max_length=FEW_ITEMS)
    cap_rounding: Literal["down", "up"] = texts(
        "优秀名额取整", "down：舍去小数（10×30% = 3，15×30% = 4）；up：向上进位（15×30% = 5）")
    publicity_days: int = texts("公示天数", "考核结果至少公示多少天（首尾都算）后才能通报表扬（1 至 60）", ge=1, le=60)

    @field_validator("parties")
    @classmethod
    def _distinct_parties(cls, parties: list[str]) -> list[str]:
        twice = sorted({party for party in parties if parties.count(party) > 1})
        if twice:
            raise mismatch(f"重复列出了 {'、'.join(twice)}：每个评分单位只写一次")
        return parties

    @field_validator("party_weights")
    @classmethod
    def _weigh_every_party(cls, weights: dict[str, int], info: ValidationInfo) -> dict[str, int]:
        parties = info.data.get("parties")
        if parties is not None and set(weights) != set(parties):
            raise mismatch(f"应恰好为 parties 中的每个评分单位（{'、'.join(parties)}）各写一个权重，"
                           f"实际写的是 {'、'.join(weights) or '（无）'}")
        if any(isinstance(weight, bool) or weight < 0 for weight in weights.values()):
            raise mismatch("的权重应为不小于 0 的整数")
        if sum(weights.values()) != 100:
            raise mismatch(f"之和应为 100，实际是 {sum(weights.values())}")
        return weights

    @field_validator("indicators")
    @classmethod
    def _indicators_sum_to_100(cls, indicators: list[Indicator]) -> list[Indicator]:
        names = [indicator.name for indicator in indicators]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise mismatch(f"重复列出了指标 {'、'.join(twice)}：每项指标只写一次")
        total = sum(indicator.weight for indicator in indicators)
        if total != 100:
            raise mismatch(f"的分值之和应为 100，实际是 {total}")
        return indicators

    def weight_of(self, indicator: str) -> int | None:
        return next((item.weight for item in self.indicators if item.name == indicator), None)


class Policy(Record):
    program: Phrase = texts("项目名称")
    zone: Phrase = texts("高新区名称")
    effective_date: Day = texts("施行日期", "第二十一条：本办法自发文之日起施行")
    min_term_months: int = texts("最短入驻期限（月）", "第七条：入驻期限不少于1年（1 至 120）", ge=1, le=MAX_TERM_MONTHS)
    positions: list[Phrase] = texts("入驻岗位", "第七条：岗位一般为科技副总、科研中心副主任或科技服务官",
                                    min_length=1, max_length=FEW_ITEMS)
    industries: Industries = texts("行业", "第六条：主导产业和新兴产业")
    duties: list[Phrase] = texts("博士职责", "第八条（一）至（五）", min_length=1, max_length=FEW_ITEMS)
    grades: list[Phrase] = texts("评价等次", "第十六条", min_length=1, max_length=FEW_ITEMS)
    excellent_grade: Phrase = texts("优秀等次", "第十六条：评价结果为优秀的博士")
    excellent_ratio: float = texts("优秀比例上限", "第十六条：不超过入驻人数的30%", ge=0, le=1)
    excellent_reward_yuan: int = texts("优秀奖励（元）", "第十六条：每人奖励1万元（0 至 1000000）", ge=0,
                                       le=MAX_REWARD_YUAN)
    report_due_days: int = texts("季度报送期限（天）", "第十三条：季度结束后多少天内报送（0 至 366）", ge=0,
                                 le=MAX_DUE_DAYS)
    final_report_due_days: int = texts("总结报送期限（天）", "第十五条：期满后多少天内提交总结（0 至 366）", ge=0,
                                       le=MAX_DUE_DAYS)
    evaluation_due_days: int = texts("年度评价期限（天）", "第十六条：每满12个月后多少天内完成评价（0 至 366）", ge=0,
                                     le=MAX_DUE_DAYS)
    final_evaluators: list[Phrase] = texts("期满评价单位", "第十五条", min_length=1, max_length=FEW_ITEMS)
    need_stale_days: int = texts("需求跟进期限（天）", "第十条：征集中的企业需求发布超过多少天仍未对接即提示跟进", ge=1, le=3660)
    # Records format 3: visits (第九、十、十五条) and supports (第十八、十九条).
    visit_kinds: listing(UNIVERSITY_VISIT, JOINT_VISIT, why="第九条、第十五条") = texts(
        "走访类型", "第九、十、十五条：须含 派出单位调研 和 联合走访，可以再加其他类型", min_length=1)
    university_visit_months: int = texts(
        "派出单位调研间隔（月）", "第九条：入驻满这么多个月而近这么多个月没有派出单位调研时提示（1 至 120）",
        ge=1, le=MAX_TERM_MONTHS)
    support_kinds: listing(TALENT_PLAN, SCIENCE_PROJECT, PLATFORM, why="第八条、第十八条、第十九条") = texts(
        "支持类型", "第十八、十九条：须含 人才计划项目、科技项目 和 新型研发机构，可以再加其他类型", min_length=1)
    support_levels: list[Phrase] = texts("支持级别", "如 国家级、省级、市级、区级", min_length=1, max_length=FEW_ITEMS)
    evaluation: EvaluationScheme = texts(
        "考核评分", "记录格式第 3 版（可选）：年度评价由各单位按考核指标打分、排名、公示；不写则年度评价只记等次", default=None)
    party_committee: Phrase = texts("党工委名称", "第十五条：综合评价意见以高新区党工委名义出具；缺省为“中共”+ zone +“工作委员会”",
                                  default=None)
    bureau: Phrase = texts("科技创新局名称", "第十三条：工作推进情况由科技创新局报送；缺省为 zone +“科技创新局”", default=None)
    administration: Phrase = texts("管委会名称", "第十三条：工作推进情况报送党工委、管委会；缺省为 zone +“管理委员会”", default=None)
    sample: bool = texts("示例数据", "只用于随 gaoxin 附带的虚构示例：true 时网站每页页脚、项目简介和帮助说明本站数据为示例数据。"
                                  "正式项目不写这一项（gaoxin init 写出的 policy.yml 没有它）", default=None)

    @field_validator("evaluation")
    @classmethod
    def _floors_name_grades(cls, scheme: EvaluationScheme | None, info: ValidationInfo) -> EvaluationScheme | None:
        grades = info.data.get("grades")
        if scheme is None or not grades:
            return scheme
        others = [name for name in scheme.grade_floors if name not in grades[:-1]]
        if others:
            raise mismatch(f"的 grade_floors 只能写 grades 中最低等次以外的等次（{'、'.join(grades[:-1]) or '（无）'}），"
                           f"不能写 {'、'.join(others)}")
        return scheme

    @property
    def party_committee_name(self) -> str:
        """The 党工委 that issues 综合评价意见 and 通报 (第十五条)."""
        return self.party_committee or f"中共{self.zone}工作委员会"

    @property
    def bureau_name(self) -> str:
        """The 科技创新局 that reports the quarterly progress (第十三条)."""
        return self.bureau or f"{self.zone}科技创新局"

    @property
    def administration_name(self) -> str:
        """The zone's 管理委员会, to which (with the 党工委) the bureau reports."""
        return self.administration or f"{self.zone}管理委员会"

    @property
    def progress_addressee(self) -> str:
        """主送机关 of the quarterly progress report (第十三条): the 党工委 and the 管委会 the bureau serves."""
        return f"{self.party_committee_name}、{self.administration_name}"

    @property
    def all_industries(self) -> list[str]:
        return [*self.industries.leading, *self.industries.emerging]

    def listed(self, key: str) -> list[str]:
        """The values of a list key (`duties`), or of every list under a mapping key (`industries`)."""
        value = getattr(self, key)
        if isinstance(value, BaseModel):
            return [item for name in type(value).model_fields for item in getattr(value, name)]
        return list(value)

    @property
    def excellent_fraction(self) -> Fraction:
        """The cap as an exact fraction of the decimal written (0.29 is 29/100, not a float)."""
        return Fraction(repr(self.excellent_ratio))


