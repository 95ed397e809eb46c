"""Write a record mapping as YAML in the style of the shipped records, and prove it reads back the same.

Markdown texts become literal blocks (`|`), lists of plain values flow lists (`[a, b]`),
dates are YAML dates; any other text is plain when that is unambiguous and
double-quoted otherwise. Every text written is parsed again and compared: if YAML would read
anything differently, the record is written again with every text double-quoted, where any
character at all can be written as an escape, so a record always has a text that reads back
the same; only the loader's own limits (size, number of keys) can refuse it.
"""

from __future__ import annotations

import re
from datetime import date

from ..records.parsing import YamlProblem, decode, parse

_PLAIN_CJK = re.compile(r"^[\u4e00-\u9fff][^:#\[\]{},\"'`|>&*!%@\n\t]*(?<!\s)$")
_PLAIN_WORD = re.compile(r"^[a-z][a-z0-9-]*$")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}
# What YAML 1.1 lets a file hold as it is (its printable set, less the line breaks NEL, LS
# and PS, which a reader folds); everything else is written as an escape.
_RAW = re.compile("[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x85": "\\N", "\u2028": "\\L",
            "\u2029": "\\P"}


class UnwritableRecord(Exception):
    """A record YAML cannot hold within the loader's limits (the message says which)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def record_yaml(data: dict, markdown: set[str], header: list[str] = ()) -> str:
    """The YAML text of `data`; `markdown` names the keys (without list indexes) holding Markdown."""
    for quote_all in (False, True):
        lines = [f"# {line}" for line in header]
        lines += mapping_lines(data, "", (), markdown, quote_all)
        text = "\n".join(lines) + "\n"
        problem = reads_back(text, data)
        if problem is None:
            return text
    raise UnwritableRecord(problem)


def reads_back(text: str, data: dict) -> str | None:
    """None when `text` reads as `data`, else why not (the loader's message, or that it differs)."""
    try:
        parsed = parse(decode(text.encode("utf-8", "surrogatepass")))
    except YamlProblem as problem:
        return problem.message
    return None if same(parsed, data) else "写出的 YAML 读回后与表格内容不一致"


def mapping_lines(data: dict, indent: str, path: tuple, markdown: set[str], quote_all: bool) -> list[str]:
    lines = []
    for key, value in data.items():
        lines += entry_lines(key, value, indent, (*path, key), markdown, quote_all)
    return lines


def entry_lines(key: str, value, indent: str, here: tuple, markdown: set[str], quote_all: bool) -> list[str]:
    """The lines of one `key: value` at `indent`; `here` is the key's path (list indexes left out)."""
    if isinstance(value, dict):
        return [f"{indent}{key}:", *mapping_lines(value, indent + "  ", here, markdown, quote_all)]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        lines = [f"{indent}{key}:"]
        for item in value:
            lines += item_lines(item, indent + "  ", here, markdown, quote_all)
        return lines
    if isinstance(value, list):
        return [f"{indent}{key}: [{', '.join(scalar(item, quote_all) for item in value)}]"]
    if isinstance(value, str) and ".".join(here) in markdown and not quote_all and not _RAW.search(value):
        return [f"{indent}{key}: |", *(f"{indent}  {line}" if line else "" for line in value.split("\n"))]
    return [f"{indent}{key}: {scalar(value, quote_all)}"]


def item_lines(item: dict, dash_indent: str, here: tuple, markdown: set[str], quote_all: bool) -> list[str]:
    """The lines of one mapping in a block list, its dash at `dash_indent`."""
    lines = mapping_lines(item, dash_indent + "  ", here, markdown, quote_all)
    lines[0] = f"{dash_indent}- {lines[0].lstrip()}"
    return lines


def scalar(value, quote_all: bool = False) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):  # pragma: no cover - rows never produce booleans
        raise TypeError("booleans are not part of the records format")
    if isinstance(value, (int, float)):
        return repr(value)
    if not quote_all and (_PLAIN_CJK.match(value) or (_PLAIN_WORD.match(value) and value not in _YAML_WORDS)):
        return value
    return quoted(value)


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar that reads back exactly, whatever it holds."""
    def escape(char: str) -> str:
        if char in _ESCAPES:
            return _ESCAPES[char]
        code = ord(char)
        return f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}"

    return '"' + re.sub(r'[\\"\n\t\r]|' + _RAW.pattern, lambda match: escape(match[0]), text) + '"'


def same(parsed, intended) -> bool:
    """Whether YAML read back what was meant; Markdown blocks gain one final line break."""
    if isinstance(intended, dict):
        return isinstance(parsed, dict) and list(parsed) == list(intended) and all(
            same(parsed[k], v) for k, v in intended.items())
    if isinstance(intended, list):
        return isinstance(parsed, list) and len(parsed) == len(intended) and all(map(same, parsed, intended))
    if isinstance(intended, str) and isinstance(parsed, str):
        return parsed in (intended, intended + "\n")
    return type(parsed) is type(intended) and parsed == intended
