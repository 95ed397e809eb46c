"""What a field means beyond its type, written on the field itself: references and allowed values.

A marker rides in the field's `Annotated[...]` metadata, is exported into the JSON Schema
(`x-gaoxin-ref`, `x-gaoxin-choices`) and read from there by the forms, the import templates and
the format reference; the rules read it from the model through `marked` and `values_at`. One generic
reference check (`ref.missing`) and one generic check of allowed values replace a loop per field.

    doctor: Ref("doctors", "博士")                        the id of a record in doctors/
    duty: Choice("duties", what="第八条规定的职责")        one of policy.yml's duties
    degree: Choice(values=("博士",), rule="art4.degree")  one value the format fixes
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Union, get_args, get_origin

from pydantic import BaseModel

from .common import Phrase, RecordId

EACH = "[]"  # a path step into every item of a list


@dataclass(frozen=True)
class RefMarker:
    """The field holds the id of a record in `folder`; `noun` is how a message names that record."""

    folder: str
    noun: str

    def __get_pydantic_json_schema__(self, core_schema, handler):
        schema = handler(core_schema)
        schema["x-gaoxin-ref"] = self.folder
        return schema


@dataclass(frozen=True)
class ChoiceMarker:
    """The field holds one of a list: policy.yml's `policy` key, or the format's own `values`.

    A value outside it is reported under `rule`, with `message` (placeholders {key}, {value}
    and {choices}) or, for `schema.field`, "{key} 的取值“{value}”不是{what}：应为 … 之一".
    `open` lists are suggestions (第七条 positions are "一般为"): the rule only warns.
    """

    policy: str | None = None
    values: tuple[str, ...] = ()
    rule: str = "schema.field"
    what: str = ""
    message: str = ""
    open: bool = False

    def allowed(self, policy) -> list[str]:
        return list(self.values) if self.policy is None else policy.listed(self.policy)

    def problem(self, key: str, value: str, allowed: list[str]) -> str:
        choices = "、".join(allowed)
        template = self.message or "{key} 的取值“{value}”不是{what}：应为 {choices} 之一"
        return template.format(key=key, value=value, choices=choices, what=self.what)

    def __get_pydantic_json_schema__(self, core_schema, handler):
        schema = handler(core_schema)
        schema["x-gaoxin-choices"] = {"policy": self.policy} if self.policy else {"values": list(self.values)}
        if self.open:
            schema["x-gaoxin-choices"]["open"] = True
        return schema


def Ref(folder: str, noun: str):
    """A record id that must name an existing record in `folder` (`ref.missing`)."""
    return Annotated[RecordId, RefMarker(folder, noun)]


def Choice(policy: str | None = None, *, values: tuple[str, ...] = (), rule: str = "schema.field",
           what: str = "", message: str = "", open: bool = False):
    """A text that must be one of policy.yml's `policy` list, or of the fixed `values`."""
    return Annotated[Phrase, ChoiceMarker(policy, values, rule, what, message, open)]


# Where markers stand in a model ---------------------------------------------------------------


@cache
def marked(model: type[BaseModel], marker_type: type) -> tuple[tuple[tuple, object], ...]:
    """(path, marker) for every field of `model` carrying a `marker_type`, nested models and lists included.

    A path holds attribute names and `EACH` for every item of a list.
    """
    found = []
    for name, field in model.model_fields.items():
        found += [((name,), item) for item in field.metadata if isinstance(item, marker_type)]
        found += _in_annotation(field.annotation, (name,), marker_type)
    return tuple(dict.fromkeys(found))  # the variants of a union may share a field


def _in_annotation(annotation, path: tuple, marker_type: type) -> Iterator[tuple[tuple, object]]:
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *metadata = get_args(annotation)
        yield from ((path, item) for item in metadata if isinstance(item, marker_type))
        yield from _in_annotation(base, path, marker_type)
    elif origin is list:
        yield from _in_annotation(get_args(annotation)[0], (*path, EACH), marker_type)
    elif origin in (Union, types.UnionType):
        for variant in get_args(annotation):
            yield from _in_annotation(variant, path, marker_type)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for inner, marker in marked(annotation, marker_type):
            yield (*path, *inner), marker


def values_at(node, path: tuple, loc: tuple = ()) -> list[tuple[tuple, object]]:
    """(loc, value) for every value at `path` (as `marked` gives it) under `node`, in order; loc as findings place it.

    One step of the path at a time over everything reached so far: validation runs this for every
    marked field of every record, and recursive generators cost several times as much.
    """
    reached = [(loc, node)]
    for step in path:
        if step == EACH:
            reached = [((*here, index), item) for here, items in reached if items is not None
                       for index, item in enumerate(items)]
        else:
            reached = [((*here, key), getattr(value, step)) for here, value in reached
                       if value is not None and (key := _key(type(value), step)) is not None]
    return [(here, value) for here, value in reached if value is not None]


def values_under(node, path: tuple) -> list:
    """The values `values_at` gives, without their locs: for a rule's first look, which nearly always finds nothing wrong."""
    reached = [node]
    for step in path:
        if step == EACH:
            reached = [item for items in reached if items is not None for item in items]
        else:
            reached = [getattr(value, step) for value in reached
                       if value is not None and _key(type(value), step) is not None]
    return [value for value in reached if value is not None]


@cache
def _key(model: type, name: str) -> str | None:
    """The key the file writes for field `name` of `model` (its alias, as `from`), or None when it has none."""
    if not (isinstance(model, type) and issubclass(model, BaseModel)) or name not in model.model_fields:
        return None
    return model.model_fields[name].alias or name


def model_classes(model) -> list[type[BaseModel]]:
    """The model classes a kind's model stands for: itself, or each variant of a union (年度 / 期满)."""
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [model]
    if get_origin(model) is Annotated:
        return model_classes(get_args(model)[0])
    return [cls for variant in get_args(model) for cls in model_classes(variant)]
