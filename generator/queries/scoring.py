"""Scoring an annual evaluation round (第十五、十六条): the parties' totals, the grade each total earns, the ranking.

The arithmetic is exact (fractions of the decimals written), so a total of 89.95 never reaches
a floor of 90 by rounding; one decimal is for display only (`shown`).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..records.models import AnnualEvaluation, Policy
from ..records.models.evaluation import Score
from ..records.models.policy import EvaluationScheme
from ..records.program import Program
from .honor_roll import cap_rounding, excellent_cap


def exact(number: int | float) -> Fraction:
    """The decimal as written (17.5 is 35/2; 0.1 is 1/10, not the float nearest it)."""
    return Fraction(repr(number)) if isinstance(number, float) else Fraction(number)


def party_total(score: Score) -> Fraction:
    """One party's points summed over the indicators (out of 100)."""
    return sum((exact(points) for points in score.points.values()), Fraction(0))


def weighted_total(scores: list[Score], scheme: EvaluationScheme) -> Fraction | None:
    """Σ (party weight × party total) / Σ weights of the parties that scored; None when no known party scored."""
    weighed = [(scheme.party_weights[score.party], party_total(score))
               for score in scores if score.party in scheme.party_weights]
    weights = sum(weight for weight, _ in weighed)
    if not weights:
        return None
    return sum((weight * total for weight, total in weighed), Fraction(0)) / weights


def earned_grade(total: Fraction, policy: Policy) -> str:
    """The highest grade whose floor the total reaches; below every floor, the lowest grade."""
    floors = policy.evaluation.grade_floors
    for grade in policy.grades[:-1]:
        if grade in floors and total >= exact(floors[grade]):
            return grade
    return policy.grades[-1]


def rank(grade: str, policy: Policy) -> int:
    """A grade's place in `policy.grades`, 0 the highest (an unknown grade ranks last)."""
    return policy.grades.index(grade) if grade in policy.grades else len(policy.grades)


def shown(total: Fraction | None) -> str:
    """A total with one decimal, rounded half up (89.95 shows 90.0 but does not reach 90)."""
    if total is None:
        return ""
    tenths = (total * 10 + Fraction(1, 2)) // 1
    return f"{tenths // 10}.{tenths % 10}"


def is_complete(evaluation: AnnualEvaluation, scheme: EvaluationScheme) -> bool:
    """Every party of the scheme has scored the evaluation."""
    return {score.party for score in evaluation.scores or ()} >= set(scheme.parties)


@dataclass(frozen=True)
class ScoredEvaluation:
    """One evaluation of a round, with what its scores give."""

    evaluation_id: str
    evaluation: AnnualEvaluation
    party_totals: dict[str, Fraction]  # the parties that scored, in the scheme's order
    total: Fraction | None  # the weighted total of the parties that scored
    complete: bool  # every party scored
    earned: str | None  # the grade the total earns, when complete

    @property
    def grade(self) -> str:
        return self.evaluation.grade

    @property
    def differs(self) -> bool:
        return self.earned is not None and self.earned != self.grade


@dataclass(frozen=True)
class RoundScores:
    """An annual round's evaluations, highest total first (then unscored ones, by id), with its cap."""

    round: int
    scored: list[ScoredEvaluation]
    evaluated: int
    cap: int  # the most excellent evaluations the round allows
    excellent: int  # how many are graded excellent

    @property
    def cap_full(self) -> bool:
        return self.excellent >= self.cap


def round_scores(program: Program, round_: int) -> RoundScores | None:
    """The scored view of one round, or None when the policy has no `evaluation` block."""
    policy = program.policy
    scheme = getattr(policy, "evaluation", None)
    if scheme is None:
        return None
    evaluations = sorted((evaluation_id, evaluation) for evaluation_id, evaluation in program.evaluations.items()
                         if isinstance(evaluation, AnnualEvaluation) and evaluation.round == round_)
    scored = [score_evaluation(evaluation_id, evaluation, policy) for evaluation_id, evaluation in evaluations]
    scored.sort(key=lambda item: (item.total is None, -(item.total or 0)))  # stable: ties keep id order
    return RoundScores(
        round=round_,
        scored=scored,
        evaluated=len(evaluations),
        cap=excellent_cap(policy.excellent_fraction, len(evaluations), cap_rounding(policy)),
        excellent=sum(evaluation.grade == policy.excellent_grade for _, evaluation in evaluations),
    )


def score_evaluation(evaluation_id: str, evaluation: AnnualEvaluation, policy: Policy) -> ScoredEvaluation:
    scheme = policy.evaluation
    by_party = {score.party: score for score in evaluation.scores or ()}
    totals = {party: party_total(by_party[party]) for party in scheme.parties if party in by_party}
    total = weighted_total(list(by_party.values()), scheme)
    complete = is_complete(evaluation, scheme)
    return ScoredEvaluation(
        evaluation_id=evaluation_id,
        evaluation=evaluation,
        party_totals=totals,
        total=total,
        complete=complete,
        earned=earned_grade(total, policy) if complete and total is not None else None,
    )
