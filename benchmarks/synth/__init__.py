"""A seeded synthetic records tree for benchmarks and end-to-end tests.

    from benchmarks.synth import FAULTS, generate, render
    python -m benchmarks.synth --doctors N [--seed S] [--as-of YYYY-MM-DD] [--faults] [--force] --out DIR

The tree follows the records format (version 3) and, without ``--faults``, passes every rule of
the rule catalog with zero errors and zero warnings as of ``--as-of``. The same arguments always give a
byte-identical tree: everything random comes from one ``random.Random(seed)`` consumed in a
fixed order, and nothing iterates over a set or depends on the clock.

The pipeline: build the program in memory (universities → doctors → enterprises → agreements →
needs → reports → evaluations → meetings, ``program``; visits → supports, ``followup``), optionally inject the faults of ``FAULTS`` into
it (``faults``), then write one YAML file per record with a small emitter (``emit``; PyYAML's
dumper is too slow for 10⁵ files). ``words`` holds the vocabulary, ``calendar`` the month,
quarter and term arithmetic and the check characters, ``write`` the files on disk, ``__main__``
the command line.

``--faults`` injects the fixed list ``FAULTS`` (one or more per rule id of the catalog), each into
records no other fault touches, and prints the (rule id, file) pairs a validator must report,
one per line after the counts; ``generate`` returns them too. A fault that has no candidate in
the program (too few doctors, an --as-of before any evaluation) is skipped, with a note on
standard error.

This package deliberately imports nothing from the validator (``generator``): its date
arithmetic, credit codes and YAML are its own, so the generator and the validator are two
independent implementations of the same format and each checks the other. Keep it that way.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from .emit import to_yaml
from .faults import FAULTS, FaultInjector
from .followup import build_supports, build_visits
from .program import (
    Program,
    build_agreements,
    build_doctors,
    build_enterprises,
    build_evaluations,
    build_meetings,
    build_needs,
    build_reports,
    build_universities,
)
from .words import POLICY
from .write import check_out, prepare_out, write_records

__all__ = ["FAULTS", "generate", "render"]


def count_kinds(records: dict) -> dict:
    counts = {"policy": 0, "universities": 0, "doctors": 0, "enterprises": 0, "agreements": 0,
              "reports": 0, "evaluations": 0, "meetings": 0, "needs": 0, "visits": 0, "supports": 0}
    for path in records:
        kind = path.split("/")[0].removesuffix(".yml")
        if kind in counts and path.endswith(".yml"):
            counts[kind] += 1
    counts["files"] = len(records)
    return counts


def generate(out: Path, doctors: int, seed: int = 1, as_of: date = date(2026, 11, 29),
             faults: bool = False, force: bool = False) -> dict:
    """Write a records tree into `out`; return counts per kind and the injected faults.

    The result maps each kind (policy, universities, ..., meetings) and "files" to a count,
    "faults" to the (rule id, file) pairs a validator must report and "skipped_faults" to the
    (rule id, description) of faults with no candidate here.

    Refuses a non-empty `out` unless `force`, which deletes it first.
    """
    out = Path(out)
    check_out(out, force)  # before the work, not only after it
    texts, counts = render(doctors, seed, as_of, faults)
    prepare_out(out, force)
    write_records(out, texts)
    return counts


def render(doctors: int, seed: int = 1, as_of: date = date(2026, 11, 29),
           faults: bool = False) -> tuple[dict[str, str], dict]:
    """Return the text of every file (relative path -> text, sorted) and the counts of generate."""
    if doctors < 1:
        raise ValueError("--doctors must be at least 1")
    p = Program(random.Random(seed), as_of)
    p.records["policy.yml"] = POLICY
    build_universities(p, doctors // 100 + 3)
    build_doctors(p, doctors)
    build_enterprises(p, max(1, round(doctors * 0.3)))
    build_agreements(p)
    build_needs(p, doctors)
    build_reports(p)
    build_evaluations(p)
    build_meetings(p, 4 + doctors // 200)
    build_visits(p)
    build_supports(p)
    if faults:
        FaultInjector(p).run()
    texts = {path: body if isinstance(body, str) else to_yaml(body)
             for path, body in sorted(p.records.items())}
    counts = count_kinds(p.records)
    counts["faults"] = list(p.faults)
    counts["skipped_faults"] = list(p.skipped)
    return texts, counts
