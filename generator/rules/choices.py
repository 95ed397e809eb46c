"""Values that must come from a list: policy.yml's (industries, positions, duties, grades) or the format's (degree).

One check per rule id that a `Choice` marker on the models names (`art4.degree`, `art6.industry`,
`art7.position`, `schema.field`), each reading the markers of every record kind.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel

from ..findings import dotted_key
from ..records.kinds import KINDS
from ..records.models.markers import ChoiceMarker, marked, model_classes, values_at
from ..records.program import Program
from . import Found, PolicyValueUnusable, check


def _markers() -> list[ChoiceMarker]:
    return [marker for kind in KINDS.values() for model in model_classes(kind.model)
            for _, marker in marked(model, ChoiceMarker)]


def _check(rule: str):
    def values_outside_their_list(program: Program, as_of) -> Found:
        for ref, record in program.records(kinds=_kinds(rule)):
            for path, marker in _paths(type(record), rule):
                for loc, value in values_at(record, path):
                    try:
                        allowed = marker.allowed(program.policy)
                    except PolicyValueUnusable:
                        continue  # policy.yml's list is missing or invalid: a schema.field finding says so
                    if value not in allowed:
                        yield ref, loc, marker.problem(dotted_key(loc), value, allowed)

    return values_outside_their_list


@cache
def _kinds(rule: str) -> frozenset[str]:
    """The record kinds with a field `rule` checks (most kinds, and the reports, have none)."""
    return frozenset(kind.name for kind in KINDS.values()
                     if any(_paths(model, rule) for model in model_classes(kind.model)))


@cache
def _paths(model: type, rule: str) -> tuple:
    """(path, marker) of the fields of `model` whose values `rule` checks (none for the rules' policy stand-in)."""
    if not issubclass(model, BaseModel):
        return ()
    return tuple((path, marker) for path, marker in marked(model, ChoiceMarker) if marker.rule == rule)


for _rule in dict.fromkeys(marker.rule for marker in _markers()):
    _fixed_only = all(marker.policy is None for marker in _markers() if marker.rule == _rule)
    check(_rule, needs_policy=not _fixed_only)(_check(_rule))
