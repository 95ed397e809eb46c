"""The 考核结果公示 of one annual round (第十六条): every doctor evaluated, by grade, the 公示 period, where to object.

The period is the evaluations' own `publicity`: one sentence when they share it, the others
named after it when some were posted apart (a late evaluation has its own 公示). An evaluation
without `publicity` needs the period given (`--from`/`--to`), or the document is refused: a
公示 without its dates cannot be posted. Its 成文日期 is the first day of the 公示, never the
day it is printed. It names no scores: they are internal, the 公示 is posted publicly.
"""

from __future__ import annotations

from datetime import date

from ..errors import UsageError
from ..queries.view import ProgramView, stroke_key
from .content import Gongwen, Heading, Paragraph, Table, chinese_date
from .honor_roll import grade_counts

Period = tuple[date, date]


def results_document(view: ProgramView, round_: int, given: Period | None = None) -> Gongwen:
    """The 公示; `given` is the period of the evaluations that record none (see `publicity`)."""
    if round_ not in view.honor_rolls:
        known = "、".join(map(str, view.honor_rolls)) or "（无）"
        raise UsageError(f"没有 {round_} 轮的年度评价：已有轮次 {known}")
    policy = view.policy
    graded = view.graded(round_)
    periods = publicity(view, round_, given)
    evaluated = sum(len(items) for items in graded.values())
    body = [
        Paragraph(f"根据《产学研合作工作办法》第十五、十六条，{_evaluators(view, round_)}对{round_}年度入驻博士的"
                  f"科研活动及成果进行了考核评价。{round_}年度参评入驻博士{evaluated}人，其中{grade_counts(view, round_)}。"
                  f"现将考核结果予以公示。"),
        Heading(1, "考核结果"),
    ]
    groups = {grade: [[str(n), r.doctor_name, r.university_name, r.enterprise_name, r.agreement.position]
                      for n, (_, _, r) in enumerate(items, 1) if r]
              for grade, items in graded.items()}
    every_row = tuple(tuple(row) for rows in groups.values() for row in rows)  # the grades' tables line up
    for grade, items in graded.items():
        body.append(Heading(2, f"{grade}（{len(items)}人）"))
        rows = groups[grade]
        body.append(Table(["序号", "姓名", "派出单位", "入驻企业", "入驻岗位"], rows, sized_with=every_row)
                    if rows else Paragraph("无。"))
    body += [
        Heading(1, "公示时间"),
        Paragraph(_periods_text(view, periods)),
        Heading(1, "意见反馈"),
        Paragraph(f"公示期间，对考核结果有异议的，请以书面形式向{policy.bureau_name}反映，并提供必要的事实依据和联系方式。"
                  f"以个人名义反映的请署真实姓名，以单位名义反映的请加盖单位公章，以便核实。"),
    ]
    title = f"{round_}年度“{policy.program}”\n入驻博士考核结果公示"
    return Gongwen(title, policy.bureau_name, min(first for first, _ in periods), body)


def publicity(view: ProgramView, round_: int, given: Period | None = None) -> dict[Period, list[str]]:
    """The round's 公示 periods -> the evaluations posted in each, the most shared first.

    The evaluations without a recorded `publicity` take `given`; without it they make the 公示 impossible.
    """
    recorded = view.publicity_periods(round_)
    unrecorded = recorded.pop(None, [])
    if not unrecorded:
        return recorded
    if given is None:
        raise UsageError(f"{round_} 轮有 {len(unrecorded)} 份年度评价没有记录公示期（publicity）：{'、'.join(unrecorded)}。"
                         f"请在这些评价中写明 publicity 的 from 和 to，或用 --from YYYY-MM-DD --to YYYY-MM-DD 给出公示期")
    first, last = given
    days, scheme = (last - first).days + 1, view.policy.evaluation
    if scheme and days < scheme.publicity_days:
        raise UsageError(f"公示期 {first} 至 {last} 只有 {days} 天：考核结果至少公示 {scheme.publicity_days} 天"
                         f"（policy.yml 的 evaluation.publicity_days）")
    periods = dict(recorded)
    periods[given] = [*periods.get(given, []), *unrecorded]
    return dict(sorted(periods.items(), key=lambda item: (-len(item[1]), item[0])))


def _evaluators(view: ProgramView, round_: int) -> str:
    """The scoring parties of the policy, or (grades only) every evaluator of the round, each once."""
    scheme = view.policy.evaluation
    if scheme:
        return "、".join(scheme.parties)
    units = [unit for items in view.graded(round_).values() for _, evaluation, _ in items for unit in evaluation.evaluators]
    return "、".join(dict.fromkeys(units))


def _span(period: Period) -> str:
    first, last = period
    return f"{chinese_date(first)}至{chinese_date(last)}"


def _periods_text(view: ProgramView, periods: dict[Period, list[str]]) -> str:
    """公示时间为…; 其中 X、Y 的考核结果公示时间为… for each period after the most shared one."""
    (main, _), *others = periods.items()
    text = f"{_span(main)}（共{(main[1] - main[0]).days + 1}天）"
    for period, evaluation_ids in others:
        names = "、".join(sorted((_doctor(view, evaluation_id) for evaluation_id in evaluation_ids), key=stroke_key))
        text += f"；其中{names}的考核结果公示时间为{_span(period)}（共{(period[1] - period[0]).days + 1}天）"
    return f"{text}。"


def _doctor(view: ProgramView, evaluation_id: str) -> str:
    return view.residencies[view.program.evaluations[evaluation_id].agreement].doctor_name
