"""JSON Schemas of the record kinds, for editors (YAML language server) and other tools."""

from __future__ import annotations

import json
from pathlib import Path

from .kinds import KINDS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_of(kind_name: str) -> dict:
    kind = KINDS[kind_name]
    schema = kind.adapter.json_schema(by_alias=True)
    schema = {"$schema": SCHEMA_DIALECT, "$id": f"{kind_name}.schema.json", **schema}
    schema["title"] = kind.title
    schema.setdefault("description", f"百名博士进高新记录：{kind.title}（records/{kind.folder or kind.file}）")
    return schema


def schemas() -> dict[str, dict]:
    """Kind name -> JSON Schema, for every record kind."""
    return {name: schema_of(name) for name in KINDS}


def schema_texts() -> dict[str, str]:
    """`<kind>.schema.json` -> its text, for every record kind."""
    return {KINDS[name].schema_file: json.dumps(schema, ensure_ascii=False, indent=2) + "\n" for name, schema in schemas().items()}


# Reading a schema: the one walker every reader uses (columns, the format reference, the forms) --------


def resolve(node: dict, root: dict) -> dict:
    """`node` with its `$ref` followed (repeatedly) into `root`; the node's own keys win over the target's."""
    while "$ref" in node:
        target = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = {**target, **{key: value for key, value in node.items() if key != "$ref"}}
    return node


def variants(node: dict, root: dict) -> list[dict]:
    """The mappings a node may be: each branch of a union (`oneOf`), or the node itself."""
    node = resolve(node, root)
    return [resolve(variant, root) for variant in node["oneOf"]] if "oneOf" in node else [node]


def is_mapping(node: dict) -> bool:
    return node.get("type") == "object" or "properties" in node or "oneOf" in node


def item_schema(node: dict, root: dict) -> dict:
    """What each item of a list node is."""
    return resolve(node.get("items", {}), root)


def write_schemas(folder: Path) -> list[Path]:
    """Write `<kind>.schema.json` files into `folder`; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, text in schema_texts().items():
        path = folder / file_name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
