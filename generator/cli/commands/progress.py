"""gaoxin progress YYYYQn: the quarterly progress summary of 第十三条."""

from __future__ import annotations

import argparse

from ...records.values import display
from .queries import add_format, queryable, show


def _period(text: str) -> tuple[int, int]:
    from ...records.dates import parse_period

    parsed = parse_period(text)
    if not parsed:
        raise argparse.ArgumentTypeError(f"季度应写成 YYYYQn，如 2026Q3，而不是 {text}")
    return parsed


def add_arguments(parser) -> None:
    parser.add_argument("period", type=_period, metavar="YYYYQn", help="季度，如 2026Q3")
    add_format(parser)


def run(args) -> int:
    view = queryable(args)
    if view is None:
        return 1
    return show(args, (view.quarter(*args.period), view.quarter_followup(*args.period)), _as_dict, _as_text)


def _as_dict(answer) -> dict:
    report, followup = answer
    return {**_report_dict(report), **_followup_dict(followup)}


def _as_text(answer) -> str:
    report, followup = answer
    return f"{_report_text(report)}\n{_followup_text(followup)}"


def _counts(report) -> dict:
    return {"on_time": report.on_time, "late": report.late, "missing": report.missing, "pending": report.pending}


def _report_dict(report) -> dict:
    return {
        "period": report.period,
        "from": report.first.isoformat(),
        "to": report.last.isoformat(),
        "due": report.due.isoformat(),
        "as_of": report.as_of.isoformat(),
        "active": report.active,
        "reports": _counts(report),
        "work_by_duty": report.work_by_duty,
        "outcomes": report.outcomes,
        "residencies": [
            {"agreement": r.agreement, "doctor": r.doctor, "enterprise": r.enterprise,
             "report": r.report_status, "submitted": r.submitted.isoformat() if r.submitted else None}
            for r in report.residencies
        ],
    }


OUTCOME_NAMES = {"patents_filed": "申请专利", "papers": "论文", "projects_applied": "申报科技计划项目",
                 "results_transferred": "成果转化", "platforms": "创新平台"}


def _report_text(report) -> str:
    counts = _counts(report)
    lines = [
        f"{report.period} “百名博士进高新”工作推进情况（{report.first} 至 {report.last}，截至 {report.as_of}）",
        f"在岗入驻 {report.active} 人；报送截止 {report.due}："
        f"按时 {counts['on_time']}，逾期 {counts['late']}，未报送 {counts['missing']}，未到期 {counts['pending']}",
        "工作事项（第八条）：" + "，".join(f"{display(duty)} {n}" for duty, n in report.work_by_duty.items()),
        "成果：" + "，".join(f"{OUTCOME_NAMES.get(k, k)} {n}" for k, n in report.outcomes.items()),
    ]
    return "\n".join(lines)


def _followup_dict(quarter) -> dict:
    """走访调研 (第九、十、十五条), 问题整改 (第十二条) and 支持项目 (第十八、十九条) of the quarter."""
    return {
        "visits": {"total": len(quarter.visits), "by_kind": quarter.visits_by_kind,
                   "ids": [visit_id for visit_id, _ in quarter.visits]},
        "problems": {"as_of": quarter.at.isoformat(), "opened": len(quarter.opened), "closed": len(quarter.closed),
                     "overdue": len(quarter.overdue), "overdue_ids": [s.full_id for s in quarter.overdue]},
        "supports": {"by_stage": {stage: len(items) for stage, items in quarter.stages.items()},
                     "stages": [{"support": state.id, "stage": stage.stage, "date": stage.date.isoformat()}
                                for items in quarter.stages.values() for state, stage in items]},
    }


def _followup_text(quarter) -> str:
    kinds = "，".join(f"{kind} {n}" for kind, n in quarter.visits_by_kind.items())
    stages = "，".join(f"{stage} {len(items)}" for stage, items in quarter.stages.items()) or "无"
    return "\n".join([
        f"走访调研 {len(quarter.visits)} 次：{kinds}",
        f"问题整改：提出 {len(quarter.opened)}，办结 {len(quarter.closed)}，截至 {quarter.at} 逾期未办结 {len(quarter.overdue)}",
        f"支持项目（本季度到达的阶段）：{stages}",
    ])
