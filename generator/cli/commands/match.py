"""gaoxin match NEED | --doctor ID: the doctors for one need, or the open needs for one doctor (第五条)."""

from __future__ import annotations

import argparse

from ...errors import UsageError
from ..output import display_lines
from .queries import add_format, queryable, show

NOTE = "系统推荐，仅供双向选择参考（第五条）"


def _top(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"--top 应为正整数，而不是 {text}")
    return int(text)


def add_arguments(parser) -> None:
    parser.add_argument("need", nargs="?", metavar="NEED", help="需求 id（needs/ 下的文件名）：为它推荐博士")
    parser.add_argument("--doctor", metavar="ID", help="博士 id：为这位博士列出征集中的企业需求（代替 NEED）")
    parser.add_argument("--top", type=_top, default=5, metavar="K", help="最多列出几项（默认 5）")
    add_format(parser)


def run(args) -> int:
    if (args.need is None) == (args.doctor is None):
        raise UsageError("请给出一个需求 id（gaoxin match NEED），或用 --doctor ID 给出一位博士，二者选一")
    view = queryable(args)
    if view is None:
        return 1
    program, matcher = view.program, view.matcher
    if args.need is not None:
        if args.need not in program.needs:
            raise UsageError(f"没有需求 {args.need}：needs/{args.need}.yml 不存在{_known(program.needs)}")
        answer = (matcher, args.need, matcher.doctors_for(args.need, args.top))
        return show(args, answer, _need_dict, _need_text)
    if args.doctor not in program.doctors:
        raise UsageError(f"没有博士 {args.doctor}：doctors/{args.doctor}.yml 不存在{_known(program.doctors)}")
    answer = (matcher, args.doctor, matcher.needs_for(args.doctor, args.top))
    return show(args, answer, _doctor_dict, _doctor_text)


def _known(records: dict) -> str:
    ids = sorted(records)
    if not ids:
        return "（还没有任何记录）"
    return f"（已有 {'、'.join(ids[:8])}{' 等' if len(ids) > 8 else ''}）"


def _need_dict(answer) -> dict:
    matcher, need_id, matches = answer
    doctors = matcher.program.doctors
    return {
        "as_of": matcher.as_of.isoformat(),
        "need": need_id,
        "candidates": [{"doctor": m.doctor, "name": doctors[m.doctor].name, "score": round(m.score, 2),
                        "reasons": list(m.reasons)} for m in matches],
        # an extension: doctors in residence at the need's enterprise, never among the candidates
        "residents": [{"doctor": r.doctor, "name": doctors[r.doctor].name, "agreement": r.agreement,
                       "end": r.end.isoformat()} for r in matcher.residents(need_id)],
    }


def _doctor_dict(answer) -> dict:
    matcher, doctor_id, matches = answer
    needs = matcher.program.needs
    return {
        "as_of": matcher.as_of.isoformat(),
        "doctor": doctor_id,
        "needs": [{"need": m.need, "enterprise": needs[m.need].enterprise, "title": needs[m.need].title,
                   "score": round(m.score, 2), "reasons": list(m.reasons)} for m in matches],
        # an extension: the open needs of the enterprise where the doctor is in residence, never among `needs`
        "resident_needs": [{"need": r.need, "enterprise": needs[r.need].enterprise, "title": needs[r.need].title,
                            "agreement": r.agreement} for r in matcher.own_needs(doctor_id)],
    }


def _need_text(answer) -> str:
    matcher, need_id, matches = answer
    program, state = matcher.program, matcher.states[need_id]
    need = state.need
    enterprise = program.enterprises.get(need.enterprise)
    lines = [f"需求 {need_id}“{need.title}”（{enterprise.name if enterprise else need.enterprise}，{state.status}）"]
    if not state.is_open:
        taken = f"：已由 {'、'.join(state.agreements)} 承接" if state.agreements else ""
        lines.append(f"  该需求{state.status}，以下推荐仅供参考{taken}")
    lines.append(f"推荐对接博士（{NOTE}，截至 {matcher.as_of}）：")
    for rank, match in enumerate(matches, 1):
        doctor = program.doctors[match.doctor]
        university = program.universities.get(doctor.university)
        lines.append(f"{rank}. {doctor.name}（{match.doctor}，{university.name if university else doctor.university}，"
                     f"{doctor.discipline}）匹配度 {match.score:.2f}")
        lines.extend(f"     {reason}" for reason in match.reasons)
    if not matches:
        lines.append("  人才库中暂时没有研究方向与本需求相近的博士")
    residents = matcher.residents(need_id)
    if residents:
        lines.append("本企业在岗博士（不列入推荐）：")
        for resident in residents:
            lines.append(f"  {program.doctors[resident.doctor].name}（{resident.doctor}），合作协议 {resident.agreement}，"
                         f"在岗至 {resident.end.isoformat()}")
        if state.is_open:
            lines.append(f"  如本需求由这次入驻承接，请在该合作协议的 needs 中写上 {need_id}（第五条 供需对接）")
    return display_lines(lines)


def _doctor_text(answer) -> str:
    matcher, doctor_id, matches = answer
    program = matcher.program
    doctor = program.doctors[doctor_id]
    lines = [f"博士 {doctor.name}（{doctor_id}，{doctor.discipline}）可对接的企业需求（{NOTE}，截至 {matcher.as_of}）："]
    if doctor_id not in matcher.by_id:
        lines.append("  该博士已退出人才库，不再推荐需求（第十六条）")
    for rank, match in enumerate(matches, 1):
        need = program.needs[match.need]
        enterprise = program.enterprises.get(need.enterprise)
        lines.append(f"{rank}. {need.title}（{match.need}，{enterprise.name if enterprise else need.enterprise}）"
                     f"匹配度 {match.score:.2f}")
        lines.extend(f"     {reason}" for reason in match.reasons)
    if not matches and doctor_id in matcher.by_id:
        lines.append("  暂无与该博士研究方向相近的征集中需求")
    own = matcher.own_needs(doctor_id)
    if own:
        lines.append("在岗入驻企业的征集中需求（不列入推荐；如由这次入驻承接，请在合作协议的 needs 中写上需求 id）：")
        for item in own:
            lines.append(f"  {program.needs[item.need].title}（{item.need}），合作协议 {item.agreement}")
    return display_lines(lines)
