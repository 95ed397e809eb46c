"""Scoring arithmetic (第十五、十六条): exact totals, the grade a total earns, one decimal shown, the sample round."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from generator.queries.honor_roll import DOWN, UP, excellent_cap
from generator.queries.scoring import earned_grade, exact, shown, weighted_total
from generator.queries.view import ProgramView
from generator.records.models.evaluation import Score
from generator.rules.validate import validate_records

from .support import ROOT


def _score(party: str, **points) -> Score:
    return Score.model_validate({"party": party, "date": date(2026, 3, 1), "points": points})


@pytest.fixture(scope="module")
def sample():
    result = validate_records(ROOT / "records", date(2026, 12, 5))
    return ProgramView(result.program, result.as_of)


def test_decimals_are_read_as_written():
    assert exact(0.1) + exact(0.2) == Fraction(3, 10)
    assert exact(17.5) == Fraction(35, 2)


def test_the_total_weighs_each_party_and_divides_by_the_weights_of_those_that_scored(sample):
    scheme = sample.policy.evaluation
    enterprise = _score("入驻企业", 履职尽责=20, 技术攻关与技术升级=30, 项目申报与平台建设=20, 成果转化=15, 企业满意度=15)
    bureau = _score("科技创新局", 履职尽责=10, 技术攻关与技术升级=15, 项目申报与平台建设=10, 成果转化=7.5, 企业满意度=7.5)
    assert weighted_total([enterprise], scheme) == 100
    assert weighted_total([enterprise, bureau], scheme) == Fraction(40 * 100 + 25 * 50, 65)
    assert weighted_total([_score("外单位", 履职尽责=1)], scheme) is None


def test_a_total_just_under_a_floor_earns_the_grade_below_though_it_shows_the_floor(sample):
    policy = sample.policy
    just_under = Fraction(8995, 100)
    assert earned_grade(just_under, policy) == "合格"
    assert shown(just_under) == "90.0"
    assert earned_grade(Fraction(90), policy) == "优秀"
    assert earned_grade(Fraction(5999, 100), policy) == "不合格"
    assert shown(Fraction(5545, 100)) == "55.5" and shown(None) == ""


@pytest.mark.parametrize(("evaluated", "down", "up"), [(10, 3, 3), (15, 4, 5), (1, 0, 1), (0, 0, 0)])
def test_the_cap_rounds_as_the_policy_says(evaluated, down, up):
    ratio = Fraction(3, 10)
    assert excellent_cap(ratio, evaluated, DOWN) == down
    assert excellent_cap(ratio, evaluated, UP) == up


def test_the_sample_round_is_ranked_with_the_fourth_earning_excellent_above_a_full_cap(sample):
    scores = sample.scoring[2025]
    assert sample.scored_rounds() == [2025]
    assert (scores.evaluated, scores.cap, scores.excellent, scores.cap_full) == (10, 3, 3, True)
    ranked = [(item.evaluation_id, shown(item.total), item.earned, item.grade) for item in scores.scored]
    assert [grade for *_, grade in ranked[:3]] == ["优秀"] * 3
    assert ranked[3] == ("e2025-sun-li", "90.6", "优秀", "合格")
    assert all(item.complete for item in scores.scored)
    totals = [item.total for item in scores.scored]
    assert totals == sorted(totals, reverse=True)
