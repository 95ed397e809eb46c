"""The 通报表扬 of one annual round (第十六条), from `queries.honor_roll`: who, the reward, the cap.

Its 成文日期 is the date of the round's 通报表扬 actions, never the day it is printed: the
notice is the one issued that day, however often it is made again.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from ..errors import UsageError
from ..queries.view import DOWN, UP, ProgramView
from .content import Attachment, Gongwen, Paragraph, Table, yuan_text
from .wording import percent

ROUNDING_WORDS = {DOWN: "向下取整", UP: "向上进位"}


def honor_roll_document(view: ProgramView, round_: int, issued: date) -> Gongwen:
    """The notice, dated `issued` (see `notice_date`)."""
    policy = view.policy
    roll = view.honor_rolls[round_]
    body = [Paragraph(
        f"根据《产学研合作工作办法》第十六条，每入驻一年（12个月）对入驻博士科研活动及成果进行评价，"
        f"评价结果为优秀的博士不超过入驻人数的{percent(roll.ratio)}，给予通报表扬并每人奖励{yuan_text(policy.excellent_reward_yuan)}。"
        f"{roll.round}年度共有{roll.evaluated}名入驻博士参加评价，其中{grade_counts(view, roll.round)}；优秀名额不超过{roll.cap}人"
        f"（{cap_arithmetic(roll.ratio, roll.evaluated, roll.cap, roll.rounding)}）。"
    )]
    attachments = []
    if roll.excellent:
        names = "、".join(entry.doctor_name for entry in roll.excellent)
        body.append(Paragraph(
            f"经评价，{names}{'等' if len(roll.excellent) > 1 else ''}{len(roll.excellent)}名博士评价结果为优秀。"
            f"现对以上博士予以通报表扬，并每人奖励{yuan_text(policy.excellent_reward_yuan)}，"
            f"共计{yuan_text(roll.total_reward_yuan)}。"
        ))
        title = f"{roll.round}年度“{policy.program}”\n优秀入驻博士名单"
        rows = [[str(n), e.doctor_name, e.university_name, e.enterprise_name, e.position, yuan_text(e.reward_yuan)]
                for n, e in enumerate(roll.excellent, 1)]
        attachments.append(Attachment(title, [Table(["序号", "姓名", "派出单位", "入驻企业", "入驻岗位", "奖励"], rows)]))
    else:
        body.append(Paragraph("经评价，本年度没有评价结果为优秀的博士。"))
    return Gongwen(f"关于对{roll.round}年度“{policy.program}”\n优秀入驻博士予以通报表扬的通报", policy.party_committee_name,
                   issued, body, addressee="各有关单位", attachments=attachments)


def grade_counts(view: ProgramView, round_: int) -> str:
    """优秀3人、合格5人、不合格2人: the round's count per grade, in the policy's order, zeros included."""
    return "、".join(f"{grade}{len(items)}人" for grade, items in view.graded(round_).items())


def cap_arithmetic(ratio: Fraction, evaluated: int, cap: int, rounding: str) -> str:
    """10×30%=3; 15×30%=4.5，向下取整为4 (or 向上进位为5): the cap's arithmetic as the notice states it."""
    exact = ratio * evaluated
    product = f"{evaluated}×{percent(ratio)}={float(exact):g}"
    return product if exact.denominator == 1 else f"{product}，{ROUNDING_WORDS[rounding]}为{cap}"


def recorded_notice_date(view: ProgramView, round_: int) -> date | None:
    """The one date of the round's 通报表扬 actions, or None when they have none or several."""
    dates = view.praise_dates(round_)
    return dates[0] if len(dates) == 1 else None


def undated_reason(view: ProgramView, round_: int) -> str:
    """Why the records give the round's notice no date (when `recorded_notice_date` is None)."""
    dates = view.praise_dates(round_)
    if not dates:
        return f"{round_} 轮的年度评价中没有“通报表扬”措施，通报的成文日期无从确定"
    return f"{round_} 轮“通报表扬”措施的日期不一致（{'、'.join(map(str, dates))}），通报的成文日期无从确定"


def notice_date(view: ProgramView, round_: int, given: date | None = None) -> date:
    """The notice's 成文日期: `given`, else the date of the round's 通报表扬 actions."""
    if given:
        return given
    recorded = recorded_notice_date(view, round_)
    if recorded is None:
        raise UsageError(f"{undated_reason(view, round_)}：请统一各评价 actions 中通报表扬的 date，"
                         f"或用 --date YYYY-MM-DD 指定成文日期")
    return recorded
