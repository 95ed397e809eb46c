"""The policy checks: small functions, each registered under the rule id it reports.

A check takes the loaded program and the `--as-of` date and yields
`(file, loc, message)`; `loc` None means the file as a whole (line 1). The
catalog (`catalog.py`) holds each rule's severity and article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from ..findings import Finding
from ..program import Program
from .catalog import CATALOG


@dataclass(frozen=True)
class Check:
    rule: str
    function: Callable
    needs_policy: bool


CHECKS: list[Check] = []


def check(rule_id: str, needs_policy: bool = True):
    """Register a function as a check for `rule_id` (which must be in the catalog)."""
    if rule_id not in CATALOG:
        raise KeyError(f"unknown rule id {rule_id}")

    def register(function):
        CHECKS.append(Check(rule_id, function, needs_policy))
        return function

    return register


def run_checks(program: Program, as_of: date) -> list[Finding]:
    """Run every registered check; a check needing policy is skipped without a valid one."""
    _load_families()
    findings = []
    for item in CHECKS:
        if item.needs_policy and program.policy is None:
            continue
        severity = CATALOG[item.rule].severity
        for path, loc, message in item.function(program, as_of):
            findings.append(Finding(path, 1 if loc is None else None, item.rule, severity, message, loc=loc))
    return findings


def _load_families() -> None:
    # Importing a family module registers its checks (datasette's default_* modules).
    from . import agreements, dates, doctors, enterprises, evaluations, privacy, references, reports  # noqa: F401


Found = Iterable[tuple[str, tuple | None, str]]
