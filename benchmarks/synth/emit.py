"""The YAML emitter: enough YAML for these records, written as text (PyYAML's dumper is too slow for 10⁵ files)."""

from __future__ import annotations

import json
import re
from datetime import date


class Raw(str):
    """A scalar the YAML emitter writes exactly as given (0.30, an impossible date)."""


_PLAIN_CJK = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z0-9]*$")
_PLAIN_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def scalar(value) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        raise TypeError("booleans are not part of the records format")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return repr(value)
    if _PLAIN_CJK.match(value) or (_PLAIN_ID.match(value) and value not in _YAML_WORDS):
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def emit(mapping: dict, indent: str = "") -> list[str]:
    lines = []
    for key, value in mapping.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            lines.extend(emit(value, indent + "  "))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{indent}{key}:")
            for item in value:
                sub = emit(item, indent + "    ")
                sub[0] = f"{indent}  - {sub[0][len(indent) + 4:]}"
                lines.extend(sub)
        elif isinstance(value, list):
            lines.append(f"{indent}{key}: [{', '.join(scalar(v) for v in value)}]")
        else:
            lines.append(f"{indent}{key}: {scalar(value)}")
    return lines


def to_yaml(mapping: dict) -> str:
    return "\n".join(emit(mapping)) + "\n"
