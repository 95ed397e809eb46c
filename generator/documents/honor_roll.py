"""The 通报表扬 of one annual round (第十六条), from `queries.honor_roll`: who, the reward, the cap."""

from __future__ import annotations

from ..queries.view import ProgramView
from .wording import percent
from .content import Attachment, Gongwen, Paragraph, Table, yuan_text


def honor_roll_document(view: ProgramView, round_: int) -> Gongwen:
    policy = view.policy
    roll = view.honor_rolls[round_]
    share = percent(roll.ratio)
    exact = roll.ratio * roll.evaluated
    product = f"{roll.evaluated}×{share}={exact.numerator / exact.denominator:g}"
    body = [Paragraph(
        f"根据《产学研合作工作办法》第十六条，每入驻一年（12个月）对入驻博士科研活动及成果进行评价，"
        f"评价结果为优秀的博士不超过入驻人数的{share}，给予通报表扬并每人奖励{yuan_text(policy.excellent_reward_yuan)}。"
        f"{roll.round}年度共有{roll.evaluated}名入驻博士参加评价，优秀名额不超过{roll.cap}人（{product}，取整数）。"
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
        table = Table(["序号", "姓名", "派出单位", "入驻企业", "入驻岗位", "奖励"], rows, [1.0, 1.2, 2.7, 3.4, 1.8, 1.2])
        attachments.append(Attachment(title, [table]))
    else:
        body.append(Paragraph("经评价，本年度没有评价结果为优秀的博士。"))
    return Gongwen(f"关于对{roll.round}年度“{policy.program}”\n优秀入驻博士予以通报表扬的通报", policy.party_committee_name,
                   view.as_of, body, addressee="各有关单位", attachments=attachments)
