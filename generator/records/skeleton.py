"""Fill in a kind's commented skeleton (`skeletons/<kind>.yml`): what `gaoxin new` writes."""

from __future__ import annotations

from datetime import date
from importlib import resources
from string import Template

from .ids import FINAL
from .kinds import Kind
from .models import Policy


def render_skeleton(kind: Kind, record_id: str, policy: Policy, today: date, schema: str, period: str | None = None) -> str:
    """The skeleton of `kind` for `record_id`, with `schema` as its `$schema` path."""
    source = resources.files("generator").joinpath(f"records/skeletons/{kind.skeleton}").read_text(encoding="utf-8")
    due_days = policy.final_report_due_days if period == FINAL else policy.report_due_days
    return Template(source).substitute(
        schema=schema,
        id=record_id,
        today=today.isoformat(),
        year=today.year - 1 if today.month < 7 else today.year,  # the round most likely evaluated now
        period=period or "",
        due_days=due_days,
        reward=policy.excellent_reward_yuan,
    )
