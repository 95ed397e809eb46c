"""Matching quality holds its floor on the labelled set (tests/matching/), so a change that makes it worse fails.

The targets of the issue are the right doctor among the first three for at least 95 % of the
needs and first for at least 80 %. The floor is what the matcher reaches today, above both:
raise it when matching improves; lowering it needs a reason in the commit message.
"""

from __future__ import annotations

from benchmarks.matching import LABELLED, quality

TOP1_FLOOR, TOP3_FLOOR = 44, 47  # of 48
TOP1_TARGET, TOP3_TARGET = 0.80, 0.95


def test_the_labelled_set_is_big_enough_and_describes_problems():
    result = quality()
    assert result.needs >= 30 and result.doctors >= 40
    records = LABELLED / "records"
    areas = {line for path in (records / "doctors").glob("*.yml")
             for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("research_areas:")}
    titles = [path.read_text(encoding="utf-8") for path in (records / "needs").glob("*.yml")]
    for line in areas:  # no need copies a doctor's research areas into its title
        for area in line.removeprefix("research_areas: [").removesuffix("]").split(", "):
            assert not any(f"title: {area}\n" in text for text in titles), area


def test_matching_holds_its_floor_on_the_labelled_set():
    result = quality()
    report = "\n".join(f"  {need}: expected {expected}, got {found}" for need, expected, found in result.misses)
    assert result.top1 >= TOP1_FLOOR, f"top-1 {result.top1}/{result.needs}:\n{report}"
    assert result.top3 >= TOP3_FLOOR, f"top-3 {result.top3}/{result.needs}:\n{report}"
    assert result.top1_share >= TOP1_TARGET and result.top3_share >= TOP3_TARGET
