"""Enterprise needs: their derived state, the take-up rate, and version-1 files meeting version 2."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date

from generator.queries.needs import CLOSED, MATCHED, OPEN, is_stale, need_states, take_up
from generator.records.loading import load
from generator.rules.validate import validate_records

from .support import BASE, ROOT, base_with

SAMPLE_AS_OF = date(2026, 11, 29)


def _states(records, as_of):
    program, findings = load(records)
    assert findings == []
    return need_states(program, as_of)


def test_the_sample_has_needs_in_every_state():
    states = _states(ROOT / "records", SAMPLE_AS_OF)
    counts = Counter(state.status for state in states.values())
    assert counts[MATCHED] >= 10 and counts[OPEN] >= 4 and counts[CLOSED] == 1
    assert [s.id for s in states.values() if is_stale(s, 180)] == ["pds-xincai-digital-line"]
    assert states["pds-xincai-warpage"].agreements == ("a2025-001",)
    # every enterprise has posted needs, and every agreement takes one up
    program, _ = load(ROOT / "records")
    assert {s.need.enterprise for s in states.values()} == set(program.enterprises)
    assert all(agreement.needs for agreement in program.agreements.values())


NEED = "enterprise: e1\ntitle: 能耗监测\ndescription: 能耗不清楚。\nposted: 2026-01-10\n"


def test_status_taken_up_beats_closed_and_a_closing_day_to_come_leaves_it_open(tmp_path):
    records = base_with(tmp_path, {"needs/n2.yml": NEED + "closed: 2026-06-30\n"})
    before, on = _states(records, date(2026, 6, 29)), _states(records, date(2026, 6, 30))
    assert before["n2"].status == OPEN and before["n2"].days_open == 170
    assert on["n2"].status == CLOSED and on["n2"].days_open == 171  # counted to its closing day
    assert on["n1"].status == MATCHED  # closed on 2026-03-01, but a1 takes it up


def test_take_up_counts_the_needs_posted_in_the_last_twelve_months(tmp_path):
    records = base_with(tmp_path, {
        "needs/n2.yml": NEED.replace("2026-01-10", "2025-03-01"),  # 12 months before as-of: outside
        "needs/n3.yml": NEED.replace("2026-01-10", "2025-03-02"),  # the window's first day: inside
    })
    result = take_up(_states(records, date(2026, 3, 1)), date(2026, 3, 1))
    assert result.since == date(2025, 3, 2)
    assert (result.posted, result.matched) == (2, 1) and result.rate == 0.5
    assert result.by_status == {OPEN: 1, MATCHED: 1, CLOSED: 0}


def test_no_needs_means_no_rate(tmp_path):
    records = tmp_path / "records"
    shutil.copytree(BASE, records)
    (records / "needs" / "n1.yml").unlink()
    (records / "agreements" / "a1.yml").write_text(
        (BASE / "agreements" / "a1.yml").read_text(encoding="utf-8").replace("needs: [n1]\n", ""), encoding="utf-8")
    assert take_up(_states(records, SAMPLE_AS_OF), SAMPLE_AS_OF).rate is None


def test_a_version_1_program_is_told_how_to_migrate(tmp_path):
    records = base_with(tmp_path, {
        "enterprises/e1.yml": (BASE / "enterprises" / "e1.yml").read_text(encoding="utf-8") + "needs: [尼龙66改性]\n",
        "policy.yml": (BASE / "policy.yml").read_text(encoding="utf-8").replace("need_stale_days: 180\n", ""),
    })
    messages = {f.file: f.message for f in validate_records(records, SAMPLE_AS_OF).findings}
    assert "记录格式第 1 版" in messages["enterprises/e1.yml"]
    assert "needs/<id>.yml（enterprise: e1" in messages["enterprises/e1.yml"]
    assert "gaoxin new need e1-<简称>" in messages["enterprises/e1.yml"]
    assert "need_stale_days: 180" in messages["policy.yml"] and "第 2 版新增" in messages["policy.yml"]
