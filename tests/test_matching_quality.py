"""Matching quality holds its floor on the labelled set (tests/matching/), so a change that makes it worse fails.

The floors are issue 20's: with the traps included, the right doctor first for at least 90 % of
the needs and among the first three for at least 97 %; on the traps alone, first for at least
85 %. FLOORS are what the matcher reaches today (at or above those): raise them when matching
improves; lowering one needs a reason in the commit message.
"""

from __future__ import annotations

from benchmarks.matching import LABELLED, LABELLED_AS_OF, quality
from generator.queries.matching import Matcher
from generator.records.loading import load

TARGETS = {"overall": (0.90, 0.97), "traps": (0.85, 0.0)}  # (top-1, top-3) shares, issue 20
FLOORS = {"overall": (67, 69), "traps": (20, 22), "doctors": (4, 4)}  # (top-1, top-3) counts reached


def test_the_labelled_set_is_big_enough_and_describes_problems():
    result = quality()
    assert result.overall.needs >= 70 and result.overall.doctors >= 60 and result.traps.needs >= 20
    records = LABELLED / "records"
    areas = {line for path in (records / "doctors").glob("*.yml")
             for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("research_areas:")}
    titles = [path.read_text(encoding="utf-8") for path in (records / "needs").glob("*.yml")]
    for line in areas:  # no need copies a doctor's research areas into its title
        for area in line.removeprefix("research_areas: [").removesuffix("]").split(", "):
            assert not any(f"title: {area}\n" in text for text in titles), area


def test_matching_holds_its_floor_on_the_labelled_set():
    result = quality()
    for name, (top1, top3) in FLOORS.items():
        part = getattr(result, name)
        report = "\n".join(f"  {query}: expected {expected}, got {found}" for query, expected, found in part.misses)
        assert part.top1 >= top1, f"{name} top-1 {part.top1}/{part.needs}:\n{report}"
        assert part.top3 >= top3, f"{name} top-3 {part.top3}/{part.needs}:\n{report}"
    for name, (top1, top3) in TARGETS.items():
        part = getattr(result, name)
        assert part.top1_share >= top1 and part.top3_share >= top3, name


def test_a_wastewater_doctor_is_not_offered_the_insulator_need_for_shared_generic_words():
    """Issue 20: 化工、工艺 once put the 盆式绝缘子 need level with 李娜's real match (出水COD)."""
    program, _ = load(LABELLED / "records")
    offered = {match.need: match.score for match in Matcher(program, LABELLED_AS_OF).needs_for("li-na", top=20)}
    assert max(offered, key=offered.get) == "qingyuan-cod"
    assert offered.get("ruineng-insulator-casting", 0) < offered["qingyuan-cod"] / 2


def test_a_generic_word_alone_does_not_recommend():
    """The traps the issue met, with the words that misled: the right doctor comes first, well ahead."""
    program, _ = load(LABELLED / "records")
    matcher = Matcher(program, LABELLED_AS_OF)
    for need, right, misled in [("ruineng-insulator-casting", "meng-jie", ("tian-yu", "zhao-min", "zheng-kai")),
                                ("jinchuan-waste-silk", "chen-xue", ("qin-lei", "wang-fang")),
                                ("shengyuan-fermentation-wastewater", "he-jing", ("sun-li",)),
                                ("zhongding-spindle-thermal", "guo-peng", ("zhang-hongwei", "jin-bo"))]:
        scores = {match.doctor: match.score for match in matcher.doctors_for(need, top=50)}
        assert max(scores, key=scores.get) == right, need
        assert all(scores.get(doctor, 0) < scores[right] * 0.75 for doctor in misled), (need, scores)
