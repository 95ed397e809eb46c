"""Write a record mapping as YAML in the style of the shipped records, and prove it reads back the same.

Markdown texts become literal blocks (`|`), lists of plain values flow lists (`[a, b]`),
dates stay unquoted (YAML dates); any other text is plain when that is unambiguous and
double-quoted otherwise. Every text written is parsed again and compared: if YAML would read
anything differently, the record is written again with every text quoted.
"""

from __future__ import annotations

import json
import re
from datetime import date

from ..records.parsing import BadDate, decode, parse

_PLAIN_CJK = re.compile(r"^[\u4e00-\u9fff][^:#\[\]{},\"'`|>&*!%@\n\t]*(?<!\s)$")
_PLAIN_WORD = re.compile(r"^[a-z][a-z0-9-]*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def record_yaml(data: dict, markdown: set[str], header: list[str] = ()) -> str:
    """The YAML text of `data`; `markdown` names the keys (without list indexes) holding Markdown."""
    for quote_all in (False, True):
        lines = [f"# {line}" for line in header]
        lines += _mapping(data, "", (), markdown, quote_all)
        text = "\n".join(lines) + "\n"
        if _same(parse(decode(text.encode("utf-8"))), data):
            return text
    raise ValueError("record cannot be written as YAML that reads back the same")  # pragma: no cover


def _mapping(data: dict, indent: str, path: tuple, markdown: set[str], quote_all: bool) -> list[str]:
    lines = []
    for key, value in data.items():
        here = (*path, key)
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            lines += _mapping(value, indent + "  ", here, markdown, quote_all)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{indent}{key}:")
            for item in value:
                sub = _mapping(item, indent + "    ", here, markdown, quote_all)
                sub[0] = f"{indent}  - {sub[0].lstrip()}"
                lines += sub
        elif isinstance(value, list):
            lines.append(f"{indent}{key}: [{', '.join(_scalar(item, quote_all) for item in value)}]")
        elif isinstance(value, str) and ".".join(here) in markdown and not quote_all:
            lines.append(f"{indent}{key}: |")
            lines += [f"{indent}  {line}" if line else "" for line in value.split("\n")]
        else:
            lines.append(f"{indent}{key}: {_scalar(value, quote_all)}")
    return lines


def _scalar(value, quote_all: bool) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):  # pragma: no cover - rows never produce booleans
        raise TypeError("booleans are not part of the records format")
    if isinstance(value, (int, float)):
        return repr(value)
    if _ISO_DATE.match(value):  # a date column's text: unquoted, so YAML reads a date (or an impossible one)
        return value
    if not quote_all and (_PLAIN_CJK.match(value) or (_PLAIN_WORD.match(value) and value not in _YAML_WORDS)):
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _same(parsed, intended) -> bool:
    """Whether YAML read back what was meant; Markdown blocks gain one final line break."""
    if isinstance(intended, dict):
        return isinstance(parsed, dict) and list(parsed) == list(intended) and all(
            _same(parsed[k], v) for k, v in intended.items())
    if isinstance(intended, list):
        return isinstance(parsed, list) and len(parsed) == len(intended) and all(map(_same, parsed, intended))
    if isinstance(intended, str) and _ISO_DATE.match(intended):
        return (isinstance(parsed, (date, BadDate)) and str(parsed) == intended) or parsed == intended
    if isinstance(intended, str) and isinstance(parsed, str):
        return parsed in (intended, intended + "\n")
    return type(parsed) is type(intended) and parsed == intended
