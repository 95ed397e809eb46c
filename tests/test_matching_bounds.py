"""Matching's work is linear in its input: no record, however long its fields, stalls it (issue 22, item 1).

Before, one research area of 16,000 Chinese characters made `gaoxin match` take 571 s: every
substring of every vocabulary word was built. Each hostile record below is added to the labelled
program (tests/matching/), and matching everything (the build's pass, one need, one doctor)
must stay within a fixed multiple of its time without that record. Linear work keeps the
ratio near 2 here (each record is about as long as the whole program's text); the old cubic
and quadratic steps made it hundreds. The times are CPU seconds of this process, the best of
three, so other processes on the machine do not count.
"""

from __future__ import annotations

import random
import shutil
import time
from datetime import date

import pytest
import yaml

from benchmarks.matching import LABELLED, LABELLED_AS_OF
from generator.queries.matching import Matcher
from generator.records.address import RecordRef
from generator.records.kinds import KINDS
from generator.records.loading import load

MULTIPLE = 8  # generous: linear work stays under 4 even on a busy machine
DOCTOR = "name: 某某\nuniversity: hncj\ndegree: 博士\ndiscipline: {discipline}\nresearch_areas: [{area}]\nbio: {bio}\n"
NEED = "enterprise: xinsu\ntitle: {title}\ndescription: {description}\nfields: [{field}]\nposted: 2026-09-01\n"


def _corpus() -> str:
    """The Chinese characters of the labelled set's bios and descriptions: text that shares words with the program."""
    texts = [yaml.safe_load(path.read_text(encoding="utf-8")).get(key, "")
             for folder, key in (("doctors", "bio"), ("needs", "description"))
             for path in sorted((LABELLED / "records" / folder).glob("*.yml"))]
    return "".join(char for char in "".join(texts) if "\u4e00" <= char <= "\u9fff")


def _text(length: int, seed: int) -> str:
    """`length` characters of the corpus, cut in pieces of 7 and shuffled (runs of words, not one repeated text)."""
    corpus = _corpus()
    pieces = [corpus[at:at + 7] for at in range(0, len(corpus), 7)]
    rng, out, size = random.Random(seed), [], 0
    while size < length:
        rng.shuffle(pieces)
        out += pieces
        size += len(corpus)
    return "".join(out)[:length]


def _seconds(records) -> float:
    program, findings = load(records)
    _take_unchecked(program, findings)
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        matcher = Matcher(program, LABELLED_AS_OF)
        matcher.ranked()
        for need in ("xinsu-cable-ties", "hostile"):
            if need in program.needs:
                matcher.doctors_for(need)
        matcher.needs_for("hostile" if "hostile" in program.doctors else "liu-jianhua")
        best = min(best, time.process_time() - started)
    return best


def _take_unchecked(program, findings) -> None:
    """Add the records refused only for their length, unchecked: matching must be linear even without the limits."""
    refused = {finding.file for finding in findings}
    assert all(finding.rule == "schema.field" and "太长" in finding.message for finding in findings), findings[:3]
    for path in refused:
        ref = RecordRef.parse(path)
        data = dict(program.raw[path])
        if "posted" in data:
            data["posted"] = date.fromisoformat(str(data["posted"]))
        program.store(ref, KINDS[ref.kind].model.model_construct(**data))


HOSTILE = {
    "a research area of 16,000 characters": {
        "doctors/hostile.yml": DOCTOR.format(discipline="材料科学与工程", area=_text(16_000, 1), bio="研究尼龙改性。")},
    "a discipline of 16,000 characters": {
        "doctors/hostile.yml": DOCTOR.format(discipline=_text(16_000, 2), area="尼龙改性", bio="研究尼龙改性。")},
    "a need field and title of 16,000 characters": {
        "needs/hostile.yml": NEED.format(title=_text(16_000, 3), description="尼龙改性。", field=_text(16_000, 4))},
    "a long description against a long bio": {
        "needs/hostile.yml": NEED.format(title="改性", description=_text(1_600, 5), field="尼龙"),
        "doctors/hostile.yml": DOCTOR.format(discipline="材料科学与工程", area="尼龙改性", bio=_text(24_000, 5))},
    "a synonym of 16,000 characters": {"synonyms.yml": f"groups:\n  - [尼龙66, {_text(16_000, 6)}]\n"},
}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    records = tmp_path_factory.mktemp("base") / "records"
    shutil.copytree(LABELLED / "records", records)
    Matcher(load(records)[0], date(2026, 11, 29))  # the word list is read once per process: not timed
    return _seconds(records)


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_record_costs_a_bounded_multiple(case, base, tmp_path):
    records = tmp_path / "records"
    shutil.copytree(LABELLED / "records", records)
    for relative, text in HOSTILE[case].items():
        (records / relative).write_text(text, encoding="utf-8")
    seconds = _seconds(records)
    assert seconds < MULTIPLE * base, f"{case}: {seconds:.2f} s against {base:.2f} s without it"
