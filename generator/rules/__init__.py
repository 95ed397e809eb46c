"""The policy checks: small functions, each registered under the rule id it reports.

A check takes the loaded program and the `--as-of` date and yields
`(file, loc, message)`; `loc` None means the file as a whole (line 1). The
catalog (`catalog.py`) holds each rule's severity and article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from pydantic import TypeAdapter, ValidationError

from ..catalog import CATALOG
from ..findings import Finding
from ..records.address import RecordRef
from ..records.models import Policy
from ..records.program import Program


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
    """Run every registered check; a check needing a policy value is skipped when that value is bad."""
    _load_families()
    program = _with_partial_policy(program)
    findings = []
    for item in CHECKS:
        if item.needs_policy and program.policy is None:
            continue
        severity = CATALOG[item.rule].severity
        try:
            found = list(item.function(program, as_of))
        except PolicyValueUnusable:
            continue  # policy.yml's value for it is missing or invalid: a schema.field finding says so
        for where, loc, message in found:
            path = where.path if isinstance(where, RecordRef) else where
            findings.append(Finding(path, 1 if loc is None else None, item.rule, severity, message, loc=loc))
    return findings


class PolicyValueUnusable(Exception):
    """A check read a policy.yml key whose value is missing or invalid."""


class PartialPolicy:
    """A policy.yml with bad values (rules that need a bad policy value are skipped).

    Reads like a `Policy`: a good key gives its value, a bad or missing one raises
    `PolicyValueUnusable`, so only the checks that need it are skipped.
    """

    def __init__(self, data: dict, error: ValidationError):
        bad = {item["loc"][0] for item in error.errors() if item["loc"]}
        self._values = {
            name: TypeAdapter(field.annotation).validate_python(data[name])  # valid already: this builds `industries`
            for name, field in Policy.model_fields.items()
            if name in data and name not in bad
        }

    def __getattr__(self, name: str):
        attribute = getattr(Policy, name, None)
        if isinstance(attribute, property):  # all_industries, excellent_fraction: computed from the keys
            return attribute.fget(self)
        if callable(attribute) and name not in Policy.model_fields:  # listed(): reads the keys
            return attribute.__get__(self)
        if name in Policy.model_fields:
            if name not in self._values:
                raise PolicyValueUnusable(name)
            return self._values[name]
        raise AttributeError(name)


def _with_partial_policy(program: Program) -> Program:
    data = program.raw.get("policy.yml")
    if program.policy is not None or not isinstance(data, dict):
        return program
    try:
        Policy.model_validate(data)
    except ValidationError as error:
        return program.with_policy(PartialPolicy(data, error))
    return program  # pragma: no cover - a valid policy.yml is loaded as program.policy


def _load_families() -> None:
    # Importing a family module registers its checks (datasette's default_* modules).
    from . import (  # noqa: F401
        agreements,
        choices,
        dates,
        enterprises,
        evaluations,
        needs,
        privacy,
        problems,
        references,
        reports,
        scoring,
        supports,
        visits,
    )


# (the record or a path relative to records/, where in it or None for the whole file, message)
Found = Iterable[tuple[RecordRef | str, tuple | None, str]]
