"""The preview's rebuild keeps the last Matcher while nothing it reads changed (matching.matcher_for).

Each change below touches one thing the ranking reads; after it, the kept answer must be the one
a Matcher built from nothing gives. A change the ranking does not read (a doctor's name) keeps it.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from generator.queries import matching
from generator.queries.matching import Matcher, matcher_for
from generator.records.loading import load

from .support import SITE_AS_OF, site_records

AS_OF = date.fromisoformat(SITE_AS_OF)


@pytest.fixture
def program(tmp_path):
    loaded, _ = load(site_records(tmp_path / "records"))
    return loaded


def _edit(folder: dict, record_id: str, **changes) -> None:
    folder[record_id] = folder[record_id].model_copy(update=changes)


def _remove_exits(program) -> None:
    for evaluation_id, evaluation in list(program.evaluations.items()):
        if any(action.action == "退出人才库" for action in evaluation.actions or ()):
            del program.evaluations[evaluation_id]


CHANGES = {
    "a doctor's research areas": lambda p: _edit(p.doctors, "d1", research_areas=["机器视觉", "缺陷检测"]),
    "a doctor's discipline": lambda p: _edit(p.doctors, "d2", discipline="机器视觉检测"),
    "a doctor's bio": lambda p: _edit(p.doctors, "d2", bio="做过手机中框外观的缺陷检测。"),
    "a need's title": lambda p: _edit(p.needs, "e2-vision", title="工业互联网平台"),
    "a need's fields": lambda p: _edit(p.needs, "e2-vision", fields=["工业互联网"]),
    "a need's description": lambda p: _edit(p.needs, "e2-iot", description="要做机器视觉的表面缺陷检测。"),
    "a need closed": lambda p: _edit(p.needs, "e2-vision", closed=AS_OF - timedelta(days=1)),
    "a need moved to another enterprise": lambda p: _edit(p.needs, "e2-vision", enterprise="e1"),
    "an agreement's end": lambda p: _edit(p.agreements, "a3", end=AS_OF + timedelta(days=200)),
    "an agreement's focus": lambda p: _edit(p.agreements, "a3", focus="表面缺陷的机器视觉检测"),
    "the needs an agreement took up": lambda p: _edit(p.agreements, "a3", needs=["e2-vision"]),
    "an enterprise's industry": lambda p: _edit(p.enterprises, "e2", industry="工业互联网"),
    "an enterprise's name": lambda p: _edit(p.enterprises, "e2", name="工业互联网科技有限公司"),
    "an exit from the talent database": _remove_exits,
    "the synonyms": lambda p: p.files.update(synonyms=None),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_the_ranking_reads_ranks_again(program, change):
    before = matcher_for(program, AS_OF).ranked()
    assert before == Matcher(program, AS_OF).ranked()
    CHANGES[change](program)
    fresh = Matcher(program, AS_OF).ranked()
    assert fresh != before, f"{change} should change the ranking of the test program"
    assert matcher_for(program, AS_OF).ranked() == fresh


def test_another_day_ranks_again(program):
    before = matcher_for(program, AS_OF).ranked()
    earlier = date(2027, 3, 19)  # the day before d4 left the talent database
    assert matcher_for(program, earlier).ranked() == Matcher(program, earlier).ranked() != before


def test_a_change_the_ranking_does_not_read_keeps_the_answer(program):
    before = matcher_for(program, AS_OF).ranked()
    _edit(program.doctors, "d3", name="王新磊", title="副教授")
    assert matcher_for(program, AS_OF).ranked() is before
    assert before == Matcher(program, AS_OF).ranked()


def test_only_the_last_program_is_kept(program, tmp_path):
    matcher_for(program, AS_OF).ranked()
    other, _ = load(site_records(tmp_path / "other"))
    _edit(other.doctors, "d1", research_areas=["机器视觉"])
    assert matcher_for(other, AS_OF).ranked() == Matcher(other, AS_OF).ranked()
    assert matching._last is not None and matching._last[1].program is other
