"""Where a finding stands: the 1-based line of a key or value in a record's text.

Loading keeps no positions (the fast path builds plain values). Only a file that has
findings is composed again into YAML nodes, and each finding's `loc` is walked to
its key.
"""

from __future__ import annotations

from dataclasses import replace

import yaml

from ..findings import Finding
from .parsing import _BaseLoader, _RecordLoader


def place(findings: list[Finding], texts: dict[str, str]) -> list[Finding]:
    """Fill in the line of every finding that points into a record (one parse per file)."""
    trees: dict[str, object] = {}
    placed = []
    for finding in findings:
        if finding.line is None and finding.loc is not None and finding.file in texts:
            if finding.file not in trees:
                trees[finding.file] = compose(texts[finding.file])
            finding = replace(finding, line=line_in(trees[finding.file], finding.loc, finding.missing))
        placed.append(finding)
    return placed


def compose(text: str):
    """The node tree of a record's text (with marks), or None if it has none."""
    try:
        return yaml.compose(text, Loader=_BaseLoader)
    except yaml.YAMLError:
        return None


def line_in(node, loc: tuple, missing: bool = False) -> int:
    """The 1-based line of the key or value at `loc` in a composed record.

    With `missing`, the last part of `loc` is a key that is absent: the line is the
    first line of the mapping that lacks it. A path that runs out early stops at
    the deepest part that exists.
    """
    if node is None:
        return 1
    line = node.start_mark.line + 1
    for part in loc[:-1] if missing else loc:
        child = _child(node, part)
        if child is None:
            break
        line, node = child
    if missing and isinstance(node, yaml.MappingNode):
        return node.start_mark.line + 1
    return line


def _child(node, part):
    """(line of the key or item, value node) for one step of a path, or None."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == part if isinstance(part, str) else _key_is(key_node, part):
                return key_node.start_mark.line + 1, value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item = node.value[part]
        return item.start_mark.line + 1, item
    return None


def _key_is(key_node, key) -> bool:
    """Whether a key node reads as `key`, a key YAML made no string (`~`, `010`, `true`, a date)."""
    if not isinstance(key_node, yaml.ScalarNode):
        return False
    try:
        value = _RecordLoader("").construct_object(key_node)
    except Exception:  # noqa: BLE001 - a key that cannot be read is not this key
        return False
    return type(value) is type(key) and value == key
