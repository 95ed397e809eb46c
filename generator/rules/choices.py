"""Values that must come from a list: policy.yml's (industries, positions, duties, grades) or the format's (degree).

One check per rule id that a `Choice` marker on the models names (`art4.degree`, `art6.industry`,
`art7.position`, `schema.field`), each reading the markers of every record kind.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel

from ..findings import dotted_key
from ..records.kinds import KINDS, kinds_marked
from ..records.models.markers import ChoiceMarker, marked, model_classes, values_at, values_under
from ..records.program import Program
from . import Found, PolicyValueUnusable, check


def _markers() -> list[ChoiceMarker]:
    return [marker for kind in KINDS.values() for model in model_classes(kind.model)
            for _, marker in marked(model, ChoiceMarker)]


def _check(rule: str):
    def values_outside_their_list(program: Program, as_of) -> Found:
        plans: dict[type, list] = {}  # a model's checked fields, with their allowed values, read once a run
        for ref, record in program.records(kinds=kinds_marked(ChoiceMarker, rule)):
            plan = plans.get(type(record))
            if plan is None:
                plan = plans[type(record)] = _plan(type(record), rule, program.policy)
            for path, marker, allowed, known in plan:
                if known.issuperset(values_under(record, path)):
                    continue  # nearly always: no loc to work out
                for loc, value in values_at(record, path):
                    if value not in known:
                        yield ref, loc, marker.problem(dotted_key(loc), value, allowed)

    return values_outside_their_list


def _plan(model: type, rule: str, policy) -> list[tuple[tuple, ChoiceMarker, list[str], frozenset[str]]]:
    """(path, marker, allowed values, the same as a set) of each field of `model` that `rule` checks and `policy` lets it check."""
    plan = []
    for path, marker in _paths(model, rule):
        try:
            allowed = marker.allowed(policy)
            plan.append((path, marker, allowed, frozenset(allowed)))
        except PolicyValueUnusable:
            continue  # policy.yml's list is missing or invalid: a schema.field finding says so
    return plan


@cache
def _paths(model: type, rule: str) -> tuple:
    """(path, marker) of the fields of `model` whose values `rule` checks (none for the rules' policy stand-in)."""
    if not issubclass(model, BaseModel):
        return ()
    return tuple((path, marker) for path, marker in marked(model, ChoiceMarker) if marker.rule == rule)


for _rule in dict.fromkeys(marker.rule for marker in _markers()):
    _fixed_only = all(marker.policy is None for marker in _markers() if marker.rule == _rule)
    check(_rule, needs_policy=not _fixed_only)(_check(_rule))
