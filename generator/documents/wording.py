"""How a document words counts and shares: 申请专利2项、论文1篇, 30%."""

from __future__ import annotations

from ..records.models.report import Outcomes

# outcome key -> (its title in the records format, the measure word a sentence counts it with)
OUTCOME_WORDS = {key: (field.title, {"patents_filed": "件", "papers": "篇", "platforms": "个"}.get(key, "项"))
                 for key, field in Outcomes.model_fields.items()}


def outcome_counts(outcomes: dict[str, int]) -> str:
    """申请专利2项、论文1篇、…: every outcome, zeros included (a report states what it lacks too)."""
    return "、".join(f"{OUTCOME_WORDS[key][0]}{count}{OUTCOME_WORDS[key][1]}" for key, count in outcomes.items()
                     if key in OUTCOME_WORDS)


def percent(fraction) -> str:
    """3/10 -> 30%, 29/100 -> 29%, 1/3 -> 33.33%."""
    value = fraction * 100
    return f"{value.numerator // value.denominator}%" if value.denominator == 1 else f"{float(value):.2f}%"
