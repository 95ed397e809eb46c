"""Matching needs and doctors: quality on the labelled set, and speed at 1,000 × 1,000.

    from benchmarks.matching import LABELLED, quality, speed

The labelled set (tests/matching/) is a records tree of doctors with overlapping fields and
needs written the way enterprises describe problems, and `labelled.yml`: for each need, the
doctor a program officer would call first. Among them are traps: needs that share a generic
word (绝缘, 固废, 发酵, 变形) with a doctor who is not the one to call, while the right doctor
shares only specific words. `quality` reports how often that doctor comes first and how often
among the first three, for the whole set, for the traps alone and for `match --doctor`. `speed` times the matcher in-process on a synthetic
program, the way the build uses it (every open need against every doctor).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from generator.queries.matching import Matcher
from generator.records.loading import load

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "matching"
LABELLED_AS_OF = date(2026, 11, 29)


@dataclass(frozen=True)
class Quality:
    """How often the labelled first choice comes first, and among the first three."""

    needs: int
    doctors: int
    top1: int
    top3: int
    misses: list[tuple[str, str, list[str]]]  # (query, expected answer, the first three found)

    @property
    def top1_share(self) -> float:
        return self.top1 / self.needs if self.needs else 1.0

    @property
    def top3_share(self) -> float:
        return self.top3 / self.needs if self.needs else 1.0


@dataclass(frozen=True)
class Labelled:
    """The quality of the whole labelled set, of its traps alone, and of `match --doctor` on its doctors."""

    overall: Quality  # labels and traps together
    traps: Quality
    doctors: Quality  # for a doctor, the open need an officer would offer first


def quality(folder: Path = LABELLED, as_of: date = LABELLED_AS_OF) -> Labelled:
    """Top-1 and top-3 of the matcher on a labelled set (`records/` and `labelled.yml` in `folder`).

    `labelled.yml` holds `labels` and `traps` (need -> the doctor an officer would call first)
    and `doctors` (doctor -> the open need to offer first).
    """
    program, findings = load(folder / "records")
    if findings:
        raise ValueError(f"the labelled records have findings: {findings[:3]}")
    labelled = yaml.safe_load((folder / "labelled.yml").read_text(encoding="utf-8"))
    matcher = Matcher(program, as_of)
    doctors = len(matcher.doctors)

    def first_doctors(need_id: str) -> list[str]:
        return [match.doctor for match in matcher.doctors_for(need_id, top=3)]

    def first_needs(doctor_id: str) -> list[str]:
        return [match.need for match in matcher.needs_for(doctor_id, top=3)]

    labels, traps = labelled["labels"], labelled.get("traps") or {}
    return Labelled(_score({**labels, **traps}, first_doctors, doctors), _score(traps, first_doctors, doctors),
                    _score(labelled.get("doctors") or {}, first_needs, doctors))


def _score(expected: dict[str, str], ranked, doctors: int) -> Quality:
    top1 = top3 = 0
    misses = []
    for query, answer in expected.items():
        first = ranked(query)
        top1 += first[:1] == [answer]
        top3 += answer in first
        if first[:1] != [answer]:
            misses.append((query, answer, first))
    return Quality(len(expected), doctors, top1, top3, misses)


@dataclass(frozen=True)
class Speed:
    doctors: int
    open_needs: int
    index: float  # building the index of the doctors, seconds
    all_pairs: float  # every open need's top 5 and every doctor's top 3, with reasons
    one_need: float  # one need's top 5, on a built index
    one_doctor: float  # one doctor's top 3 open needs, on a built index


def speed(records: Path, as_of: date, repeat: int = 3) -> Speed:
    """Best of `repeat` runs of the matcher on the program in `records` (loaded once)."""
    program, _ = load(records)
    best: dict[str, float] = {}
    for _ in range(repeat):
        started = time.perf_counter()
        matcher = Matcher(program, as_of)
        built = time.perf_counter()
        matcher.ranked()
        ranked = time.perf_counter()
        fresh = Matcher(program, as_of)
        need, doctor = fresh.open_needs[len(fresh.open_needs) // 2], fresh.doctors[len(fresh.doctors) // 2].id
        timed = time.perf_counter()
        fresh.doctors_for(need)
        one = time.perf_counter()
        fresh.needs_for(doctor)
        other = time.perf_counter()
        for name, seconds in (("index", built - started), ("all", ranked - started), ("need", one - timed),
                              ("doctor", other - one)):
            best[name] = min(best.get(name, seconds), seconds)
    return Speed(len(matcher.doctors), len(matcher.open_needs), best["index"], best["all"], best["need"], best["doctor"])
