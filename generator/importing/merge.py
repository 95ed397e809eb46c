"""What a row makes of a record: a new record, or (`--update`) an existing one with the row's keys replaced.

A row's values are addressed by column path: `name`, `filing.number`, `work.2.title` (the
second item of `work`, numbered as the template numbers them). Updating replaces the keys
the row gives and keeps every other; `（删除）` removes a key, an item whose keys are all
removed goes, and so does a mapping or list left empty. An item number past the end of an
existing list adds an item. New keys take the place the columns give them (after the key
the template puts before them), so an updated file reads like a new one.

`edits` turns the old and the new mapping into the edits `patch.py` makes to the file's
text, and `changes` into what the command shows: each key that changes, old → new.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from ..records.columns import KindColumns
from .cells import DELETE
from .patch import Edit
from .yaml_text import same


@dataclass
class Merged:
    data: dict
    groups: dict[str, list[int | None]] = field(default_factory=dict)  # list key -> group number of each item
    alignment: dict[tuple, list[int | None]] = field(default_factory=dict)  # list path -> new index of each old item


@dataclass(frozen=True)
class KeyChange:
    key: str  # work.2.title: list items numbered from 1, as the columns number them
    old: object  # None: the key was not there
    new: object  # None: the key is removed


def sibling_order(columns: KindColumns) -> dict[tuple, list[str]]:
    """For each mapping (by the names on its path), its keys in the columns' order."""
    order: dict[tuple, list[str]] = {}
    for column in columns.columns:
        names = [part for part in column.path if isinstance(part, str)]
        for depth in range(len(names)):
            keys = order.setdefault(tuple(names[:depth]), [])
            if names[depth] not in keys:
                keys.append(names[depth])
    return order


def new_record(values: dict[tuple, object]) -> Merged:
    """A new record from a row: numbered groups become list items in number order."""
    return merge({}, values, {})


def merge(existing: dict, values: dict[tuple, object], order: dict[tuple, list[str]]) -> Merged:
    """`existing` with the row's `values` put in (a deep copy: `existing` is left as it was)."""
    merged = Merged(copy.deepcopy(existing))
    groups: dict[tuple, dict[int, dict[tuple, object]]] = {}
    for path, value in values.items():
        index = next((i for i, part in enumerate(path) if isinstance(part, int)), None)
        if index is None:
            _put(merged.data, path, value, order)
        else:
            groups.setdefault(path[:index], {}).setdefault(path[index], {})[path[index + 1:]] = value
    for list_path, numbered in groups.items():
        _merge_list(merged, list_path, numbered, order)
    return merged


def _put(data: dict, path: tuple, value, order: dict, names: tuple = ()) -> None:
    """Set or (DELETE) remove the key at `path`, making the mappings on the way; prune what is left empty."""
    key = path[0]
    names = (*names, key)
    if len(path) > 1:
        child = data.get(key)
        if not isinstance(child, dict):
            if value is DELETE:
                return
            child = {}
        _put(child, path[1:], value, order, names)
        value = child or DELETE
    if value is DELETE:
        data.pop(key, None)
    elif key in data:
        data[key] = value
    else:
        _insert_ordered(data, key, value, order.get(names[:-1], []))


def _insert_ordered(data: dict, key: str, value, keys: list[str]) -> None:
    """Add `key` after the last present key that the columns put before it (at the end if none is known)."""
    if key not in keys:
        data[key] = value
        return
    before = set(keys[:keys.index(key)])
    items = list(data.items())
    position = max((i + 1 for i, (k, _) in enumerate(items) if k in before), default=0)
    if position == 0 and not any(k in keys for k in data):
        position = len(items)  # nothing the columns know: keep the file's order, add at the end
    items.insert(position, (key, value))
    data.clear()
    data.update(items)


def _merge_list(merged: Merged, list_path: tuple, numbered: dict[int, dict[tuple, object]], order: dict) -> None:
    names = tuple(part for part in list_path if isinstance(part, str))
    current = _get(merged.data, list_path)
    items = current if isinstance(current, list) and all(isinstance(item, dict) for item in current) else []
    original = len(items)
    numbers: list[int | None] = list(range(1, original + 1))  # an item keeps its number
    for number in sorted(numbered):
        at = number - 1 if number <= original else None
        item = items[at] if at is not None else {}
        for path, value in numbered[number].items():
            _put(item, path, value, order, names)
        if at is not None:
            numbers[at] = number
        elif item:
            items.append(item)
            numbers.append(number)
    alignment, kept, kept_numbers = [], [], []
    for item, number in zip(items, numbers):
        alignment.append(len(kept) if item else None)
        if item:
            kept.append(item)
            kept_numbers.append(number)
    if original:
        merged.alignment[list_path] = alignment[:original]
    merged.groups[".".join(names)] = kept_numbers
    _put(merged.data, list_path, kept or DELETE, order)


def _get(data, path: tuple):
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def edits(old: dict, new: dict, alignment: dict[tuple, list[int | None]], path: tuple = ()) -> list[Edit]:
    """The edits that turn the file of `old` into that of `new`, addressed in the old file."""
    found: list[Edit] = []
    kept = [key for key in new if key in old]
    for key in old:
        if key not in new:
            found.append(Edit("delete", (*path, key)))
    for key, value in new.items():
        here = (*path, key)
        if key not in old:
            before = [k for k in list(new)[:list(new).index(key)] if k in kept]
            found.append(Edit("set", here, value, after=before[-1] if before else None))
        elif isinstance(value, dict) and isinstance(old[key], dict):
            found += edits(old[key], value, alignment, here)
        elif here in alignment and _mappings(old[key]) and _mappings(value):
            found += _list_edits(old[key], value, alignment[here], here)
        elif not same(old[key], value):
            found.append(Edit("set", here, value))
    return found


def _list_edits(old: list, new: list, alignment: list[int | None], path: tuple) -> list[Edit]:
    found: list[Edit] = []
    for old_index, new_index in enumerate(alignment):
        if new_index is None:
            found.append(Edit("delete", (*path, old_index)))
        else:
            found += edits(old[old_index], new[new_index], {}, (*path, old_index))
    taken = {index for index in alignment if index is not None}
    found += [Edit("append", path, item) for index, item in enumerate(new) if index not in taken]
    return found


def _mappings(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def changes(old: dict, new: dict, groups: dict[str, list[int | None]] | None = None) -> list[KeyChange]:
    """Every leaf key whose value differs between `old` and `new`, in `new`'s order then removed ones."""
    before, after = _leaves(old, {}), _leaves(new, groups or {})
    before_by_key = dict(before)
    found = [KeyChange(key, before_by_key.get(key), value) for key, value in after
             if key not in before_by_key or not same(before_by_key[key], value)]
    present = {key for key, _ in after}
    found += [KeyChange(key, value, None) for key, value in before if key not in present]
    return found


def _leaves(data: dict, groups: dict, prefix: str = "") -> list[tuple[str, object]]:
    """(dotted key, value) of every scalar or plain list; list items numbered by `groups`, else from 1."""
    found = []
    for key, value in data.items():
        here = f"{prefix}{key}"
        if isinstance(value, dict):
            found += _leaves(value, groups, here + ".")
        elif _mappings(value):
            numbers = groups.get(_unnumbered(here)) or []
            for index, item in enumerate(value):
                number = numbers[index] if index < len(numbers) and numbers[index] else index + 1
                found += _leaves(item, groups, f"{here}.{number}.")
        else:
            found.append((here, value))
    return found


def _unnumbered(key: str) -> str:
    return ".".join(part for part in key.split(".") if not part.isdigit())
