"""Edit a record's YAML text in place: change, add or remove keys and keep everything else as written.

`--update` must not reformat a file a person wrote: comments, key order, quoting, blank lines
and the style of every value it does not touch stay as they are. Each edit is placed by the
YAML node tree's marks and spliced into the original text:

- a value on its key's line (plain, quoted, `[a, b]`) is replaced where it stands, so the
  comment after it stays;
- a value over several lines (a `|` block, a `- item` list) is replaced with its key: the
  comment after the key (`bio: |  # 简介`) moves to the new key line, and comment lines
  inside a list stay, placed before the key;
- a new key goes after the key the columns put before it (or first), at its siblings'
  indentation; a new list item after the last item;
- a removed key or item takes its lines, and the comment at the end of those lines, with it
  (`Patched.dropped` names each such comment, so the command can say so); comment lines
  between its lines stay.

The result is parsed again and must read exactly as intended; if it does not (a `{...}`
mapping written on one line cannot take a new key, say), `PatchError` says so and nothing is
written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from ..records.parsing import _BaseLoader
from .yaml_text import entry_lines, item_lines, reads_back


class PatchError(Exception):
    """The edits cannot be made without reformatting the file (the message says why)."""


@dataclass(frozen=True)
class Edit:
    """One change, addressed in the file as it is: list items by their 0-based index there.

    `op` is "set" (replace a value, or add a key that is missing), "delete" (a key or a
    list item) or "append" (a new item at the end of a list of mappings). `after` names the
    existing sibling a new key follows (None: before the first key).
    """

    op: str
    path: tuple
    value: object = None
    after: str | None = None


@dataclass
class Patched:
    text: str
    dropped: list[str] = field(default_factory=list)  # comments removed with the lines of a removed key


@dataclass(frozen=True)
class _Splice:
    start: int
    end: int
    text: str
    order: int  # among splices at the same place, the one made first comes first


def patch(text: str, edits: list[Edit], intended: dict, markdown: set[str]) -> Patched:
    """`text` with `edits` made; it must then read as `intended`."""
    for quote_all in (False, True):
        patched = _apply(text, edits, markdown, quote_all)
        problem = reads_back(patched.text, intended)
        if problem is None:
            return patched
    raise PatchError(problem)


def _apply(text: str, edits: list[Edit], markdown: set[str], quote_all: bool) -> Patched:
    root = yaml.compose(text, Loader=_BaseLoader)
    if not isinstance(root, yaml.MappingNode):
        raise PatchError("文件顶层不是映射")
    patched = Patched(text)
    splices = [_splice(text, root, edit, order, markdown, quote_all, patched.dropped) for order, edit in enumerate(edits)]
    # From the end back, so each splice's offsets still hold; at one place, a replacement before the insertions.
    for splice in sorted(splices, key=lambda s: (s.start, s.end, s.order), reverse=True):
        text = text[:splice.start] + splice.text + text[splice.end:]
    patched.text = text
    return patched


def _splice(text: str, root, edit: Edit, order: int, markdown: set[str], quote_all: bool, dropped: list) -> _Splice:
    parent = _node_at(root, edit.path[:-1])
    last = edit.path[-1]
    names = tuple(part for part in edit.path if isinstance(part, str))
    if edit.op == "append":
        node = _node_at(root, edit.path)
        return _append(text, node, edit.value, names, order, markdown, quote_all)
    if isinstance(parent, yaml.SequenceNode):
        if edit.op != "delete":  # pragma: no cover - items are replaced key by key
            raise PatchError("列表项只能逐项修改")
        return _remove(text, parent.value[last], parent.value[last], order, dropped, item=True)
    entry = _entry(parent, last)
    if edit.op == "delete":
        if entry is None:  # pragma: no cover - the merge deletes only what exists
            raise PatchError(f"没有键 {last}")
        return _remove(text, entry[0], entry[1], order, dropped)
    if entry is None:
        return _insert(text, parent, last, edit, order, names, markdown, quote_all)
    return _replace(text, entry, edit.value, order, names, markdown, quote_all)


def _node_at(root, path: tuple):
    node = root
    for part in path:
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part]
        elif isinstance(node, yaml.MappingNode):
            entry = _entry(node, part)
            if entry is None:  # pragma: no cover - the merge builds missing parents as whole values
                raise PatchError(f"没有键 {part}")
            node = entry[1]
        else:  # pragma: no cover
            raise PatchError("文件结构与记录格式不符")
    return node


def _entry(mapping, key: str):
    for key_node, value_node in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _replace(text: str, entry, value, order: int, names: tuple, markdown: set[str], quote_all: bool) -> _Splice:
    key_node, value_node = entry
    lines = entry_lines(key_node.value, value, "", names, markdown, quote_all)
    one_line = len(lines) == 1 and not lines[0].endswith(":")
    old_single = value_node.start_mark.line == value_node.end_mark.line and not _is_block(value_node)
    if one_line and old_single:  # in place: whatever follows on the line (a comment) stays
        new = lines[0].split(": ", 1)[1]
        return _Splice(value_node.start_mark.index, value_node.end_mark.index, new, order)
    if _in_flow(value_node):
        raise PatchError(f"{key_node.value} 写在 {{…}} 或 […] 之中，不能改成多行")
    indent = " " * key_node.start_mark.column
    end = _line_end(text, _content_end(text, value_node))
    kept = _comment_lines(text, key_node.start_mark.index, end, value_node)
    key_comment = _key_line_comment(text, key_node)
    if key_comment:
        lines[0] += f"  {key_comment}"
    body = "\n".join(lines[:1] + [indent + line for line in lines[1:]])
    if text[end - 1:end] == "\n":
        body += "\n"
    before = "".join(f"{line.strip()}\n{indent}" for line in kept)
    return _Splice(key_node.start_mark.index, end, before + body, order)


def _insert(text: str, mapping, key: str, edit: Edit, order: int, names: tuple, markdown: set[str],
            quote_all: bool) -> _Splice:
    if mapping.flow_style:
        raise PatchError(f"{{…}} 中不能加入新的键 {key}")
    first_key = mapping.value[0][0]
    indent = " " * first_key.start_mark.column
    lines = entry_lines(key, edit.value, indent, names, markdown, quote_all)
    after = _entry(mapping, edit.after) if edit.after else None
    if after is None:  # before the first key, which may follow "- " on its line
        body = "\n".join(lines).lstrip(" ") + "\n" + indent
        return _Splice(first_key.start_mark.index, first_key.start_mark.index, body, order)
    end = _line_end(text, _content_end(text, after[1]))
    prefix = "" if end > 0 and text[end - 1] == "\n" else "\n"
    return _Splice(end, end, prefix + "\n".join(lines) + "\n", order)


def _append(text: str, sequence, item: dict, names: tuple, order: int, markdown: set[str], quote_all: bool) -> _Splice:
    if not isinstance(sequence, yaml.SequenceNode) or sequence.flow_style or not sequence.value:
        raise PatchError("列表写在 […] 之中，不能加入新的项")
    dash = " " * sequence.start_mark.column
    end = _line_end(text, _content_end(text, sequence.value[-1]))
    prefix = "" if end > 0 and text[end - 1] == "\n" else "\n"
    return _Splice(end, end, prefix + "\n".join(item_lines(item, dash, names, markdown, quote_all)) + "\n", order)


def _remove(text: str, first, value_node, order: int, dropped: list, item: bool = False) -> _Splice:
    if _in_flow(value_node) or (not item and _in_flow(first)):
        raise PatchError("写在 {…} 或 […] 之中的项不能单独删除")
    start = text.rfind("\n", 0, first.start_mark.index) + 1
    end = _line_end(text, _content_end(text, value_node))
    if not item and text[start:first.start_mark.index].strip():  # the first key of a list item, after its "- "
        return _remove_first_of_item(text, first, value_node, order, dropped)
    kept = _comment_lines(text, start, end, value_node)
    dropped += _trailing_comments(text, start, end, value_node)
    return _Splice(start, end, "".join(f"{line}\n" for line in kept), order)


def _remove_first_of_item(text: str, key_node, value_node, order: int, dropped: list) -> _Splice:
    """Remove the first key of a list item: the next key moves up behind the item's "- "."""
    end = _line_end(text, _content_end(text, value_node))
    following = len(text) - len(text[end:].lstrip(" \t"))
    if _comment_lines(text, key_node.start_mark.index, end, value_node) or text[following:following + 1] in ("#", "-", ""):
        raise PatchError("列表项的第一个键之后是注释或另一项，删除它会改变列表的结构")
    dropped += _trailing_comments(text, key_node.start_mark.index, end, value_node)
    return _Splice(key_node.start_mark.index, following, "", order)


def _trailing_comments(text: str, start: int, end: int, value_node) -> list[str]:
    """The comments at the end of the lines between `start` and `end` (not in a `|` block's text)."""
    blocks = list(_block_ranges(value_node))
    found, position = [], start
    for line in text[start:end].split("\n"):
        inside = any(low <= position < high for low, high in blocks)
        if not inside and not line.strip().startswith("#") and (comment := _trailing_comment(line)):
            found.append(comment)
        position += len(line) + 1
    return found


def _is_block(node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.style in ("|", ">")


def _in_flow(node) -> bool:
    return isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) and bool(node.flow_style)


def _content_end(text: str, node) -> int:
    """Where a value's own text ends: its last item or line, not the blank or comment lines after it."""
    if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        return _content_end(text, last[1] if isinstance(node, yaml.MappingNode) else last)
    end = node.end_mark.index
    if _is_block(node):
        while end > node.start_mark.index and text[end - 1] in " \t\r\n":
            end -= 1
    return end


def _line_end(text: str, index: int) -> int:
    """The start of the line after the one `index` is on (or the end of the text)."""
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _comment_lines(text: str, start: int, end: int, value_node) -> list[str]:
    """The whole-line comments between `start` and `end`, outside any `|` block's text."""
    blocks = list(_block_ranges(value_node))
    kept = []
    position = start
    for line in text[start:end].split("\n"):
        inside = any(low <= position < high for low, high in blocks)
        if not inside and line.strip().startswith("#"):
            kept.append(line)
        position += len(line) + 1
    return kept


def _block_ranges(node):
    if _is_block(node):
        yield node.start_mark.index, node.end_mark.index
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _block_ranges(item)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield from _block_ranges(value)


def _key_line_comment(text: str, key_node) -> str | None:
    """The comment at the end of a key's line (after its value, or after a `|` header)."""
    line_end = text.find("\n", key_node.end_mark.index)
    return _trailing_comment(text[key_node.end_mark.index: len(text) if line_end < 0 else line_end])


def _trailing_comment(line: str) -> str | None:
    """The `# …` at the end of a YAML line, outside quotes (a `#` after a space starts a comment)."""
    quote = None
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'" and (index == 0 or line[index - 1] in " \t[{,:"):
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return line[index:].strip()
    return None
