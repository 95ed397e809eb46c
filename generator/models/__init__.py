"""The record models, one per kind, and the folder each kind lives in."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pydantic import TypeAdapter

from .agreement import Agreement, Filing
from .enterprise import Enterprise
from .evaluation import ACTIONS, AnnualEvaluation, Evaluation, FinalEvaluation
from .meeting import Meeting
from .people import Doctor, University
from .policy import Policy
from .report import OUTCOME_KEYS, FinalReport, QuarterlyReport


@dataclass(frozen=True)
class Kind:
    """One kind of record: its name in commands, its folder, its model and title."""

    name: str
    folder: str
    model: object
    title: str

    @cached_property
    def adapter(self) -> TypeAdapter:
        return TypeAdapter(self.model)


KINDS = {
    kind.name: kind
    for kind in (
        Kind("policy", "", Policy, "项目参数"),
        Kind("university", "universities", University, "派出单位"),
        Kind("doctor", "doctors", Doctor, "博士"),
        Kind("enterprise", "enterprises", Enterprise, "入驻企业"),
        Kind("agreement", "agreements", Agreement, "合作协议"),
        Kind("report", "reports", QuarterlyReport, "季度工作报送"),
        Kind("final-report", "reports", FinalReport, "入驻工作总结"),
        Kind("evaluation", "evaluations", Evaluation, "评价"),
        Kind("meeting", "meetings", Meeting, "恳谈会"),
    )
}

__all__ = [
    "ACTIONS",
    "KINDS",
    "OUTCOME_KEYS",
    "Agreement",
    "AnnualEvaluation",
    "Doctor",
    "Enterprise",
    "FinalEvaluation",
    "FinalReport",
    "Filing",
    "Kind",
    "Meeting",
    "Policy",
    "QuarterlyReport",
    "University",
]
