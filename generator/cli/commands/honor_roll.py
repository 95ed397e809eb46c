"""gaoxin honor-roll ROUND: the excellent doctors of one annual round (第十六条)."""

from __future__ import annotations

from ...errors import UsageError
from ...records.values import display
from .queries import add_format, queryable, show


def add_arguments(parser) -> None:
    parser.add_argument("round", type=int, help="评价轮次（年份），如 2025")
    add_format(parser)


def run(args) -> int:
    view = queryable(args)
    if view is None:
        return 1
    if args.round not in view.honor_rolls:
        known = "、".join(map(str, view.honor_rolls)) or "（无）"
        raise UsageError(f"没有 {args.round} 轮的年度评价：已有轮次 {known}")
    return show(args, view.honor_rolls[args.round], _as_dict, _as_text)


def _as_dict(roll) -> dict:
    return {
        "round": roll.round,
        "evaluated": roll.evaluated,
        "excellent_count": len(roll.excellent),
        "cap": roll.cap,
        "ratio": f"{roll.ratio.numerator}/{roll.ratio.denominator}",
        "total_reward_yuan": roll.total_reward_yuan,
        "excellent": [
            {
                "doctor": e.doctor,
                "name": e.doctor_name,
                "university": e.university,
                "university_name": e.university_name,
                "enterprise": e.enterprise,
                "enterprise_name": e.enterprise_name,
                "position": e.position,
                "agreement": e.agreement,
                "evaluation": e.evaluation,
                "reward_yuan": e.reward_yuan,
            }
            for e in roll.excellent
        ],
    }


def _as_text(roll) -> str:
    lines = [
        f"{roll.round} 年度评价光荣榜",
        f"参评 {roll.evaluated} 人，优秀 {len(roll.excellent)} 人（上限 {roll.cap} 人），奖励合计 {roll.total_reward_yuan:,} 元",
        "",
    ]
    for e in roll.excellent:
        names = (e.doctor_name, e.university_name, e.enterprise_name, e.position)
        lines.append("  " + "\t".join([*map(display, names), f"{e.reward_yuan:,} 元"]))
    if not roll.excellent:
        lines.append("  （本轮无优秀）")
    return "\n".join(lines)
