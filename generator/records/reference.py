"""The format reference (记录格式), generated from the kinds, their JSON Schemas and skeletons.

Every key of every record kind is listed with its Chinese title, type, whether it is
required, the article it serves and its description, followed by the commented skeleton
`gaoxin new` writes as an example. Nothing here is written by hand, so the reference
cannot drift from what the validator accepts.
"""

from __future__ import annotations

import re
from datetime import date

from .ids import ID_PATTERN
from .kinds import KINDS, REPORT, Kind
from .loading import DEFAULT_POLICY, SKELETONS, load_policy_or_default
from .models.common import LOGIN_PATTERN
from .schema import is_mapping, item_schema, resolve, schemas, variants
from .skeleton import render_skeleton
from .values import ONE_LINE_SCHEMA_PATTERN, URL_SCHEMA_PATTERN

ARTICLE = re.compile(r"第[一二三四五六七八九十]+条")
EXAMPLE_DAY = date(2026, 3, 1)  # a fixed day, so the reference changes only with the format

INTRO = """\
# 记录格式

本页由 `gaoxin reference` 根据记录模型、JSON Schema 和记录模板自动生成，请勿手工修改。
项目的全部记录都放在 `records/` 中，每个文件是一条记录，文件名（不含 `.yml`）就是记录的 id。

- id 只能用小写字母、数字和连字符（不超过 64 个字符），且以字母或数字开头；报送的 id 是
  `<协议id>/<YYYYQn>`（季度报送）或 `<协议id>/final`（入驻工作总结）。
- 文件按 YAML 1.1 读取：未加引号的 `yes`、`no`、`on`、`off` 是真假值，`010` 是八进制数，
  `1:20` 是整数；需要文字时请加引号。每个文件只有一个映射，不能使用锚点和别名。
- 日期写成 `YYYY-MM-DD`，金额是整数元。未知的键、空值、重复的键都是错误。
- 可选的键不用时整行删除；写了就不能为空。
- 记录默认公开：任何记录都不得包含手机号码、身份证号码或电子邮件地址。
- 标为 Markdown 的文字在网站上按 Markdown 显示，其中的 HTML 不会原样输出。

每类记录的 JSON Schema 在 `schemas/` 中（`gaoxin schema` 生成），编辑器可据此补全和检查。
"""


def format_reference() -> str:
    """The whole reference as Markdown."""
    all_schemas = schemas()
    policy = load_policy_or_default(DEFAULT_POLICY.parent)
    parts = [INTRO, _layout()]
    for kind in KINDS.values():
        parts.append(_kind_section(kind, all_schemas[kind.name], policy))
    return "\n".join(parts).rstrip() + "\n"


def _layout() -> str:
    rows = ["## 文件夹", "", "| 路径 | 记录 |", "| --- | --- |"]
    for kind in KINDS.values():
        rows.append(f"| `{_place(kind)}` | {kind.title} |")
    return "\n".join(rows) + "\n"


def _place(kind: Kind) -> str:
    if not kind.folder:
        return f"records/{kind.file}"
    if kind.id_shape == REPORT:
        return f"records/{kind.folder}/<协议id>/{'final' if kind.name == 'final-report' else '<YYYYQn>'}.yml"
    return f"records/{kind.folder}/<id>.yml"


def _kind_section(kind: Kind, schema: dict, policy) -> str:
    optional = "（可选）" if kind.optional else ""
    lines = [f"## {kind.title}", "", f"文件：`{_place(kind)}`{optional}；JSON Schema：`schemas/{kind.schema_file}`。", ""]
    if note := _note(kind):
        lines += [note, ""]
    variants = schema.get("oneOf") or schema.get("anyOf")
    if variants:  # a union chosen by a key (年度 / 期满 evaluations)
        for variant in variants:
            target = resolve(variant, schema)
            lines += [f"### {_variant_title(target)}", "", *_table(target, schema), ""]
    else:
        lines += [*_table(schema, schema), ""]
    lines += ["示例（`gaoxin new` 写出的模板）：" if kind.new or kind.id_shape == REPORT else "示例：", "",
              "```yaml", _example(kind, policy).rstrip(), "```", ""]
    return "\n".join(lines)


def _note(kind: Kind) -> str | None:
    """What the model says about its kind as a whole (its JSON Schema description), if anything."""
    extra = getattr(kind.model, "model_config", {}).get("json_schema_extra")
    return extra.get("description") if isinstance(extra, dict) else None


def _variant_title(node: dict) -> str:
    for key, spec in node.get("properties", {}).items():
        if "const" in spec:
            return f"{spec.get('title', key)}：{spec['const']}"
    return node.get("title", "")


def _table(node: dict, root: dict) -> list[str]:
    rows = ["| 键 | 名称 | 类型 | 必填 | 条款 | 说明 |", "| --- | --- | --- | --- | --- | --- |"]
    rows += [_row(*row) for row in _rows(node, root, "")]
    return rows


def _rows(node: dict, root: dict, prefix: str):
    """(dotted key, spec, required) for every key under `node`, children after their parent."""
    branches = variants(node, root)
    required = set.intersection(*(set(branch.get("required", ())) for branch in branches))
    for key, spec in _properties(node, root).items():
        path = f"{prefix}{key}"
        yield path, spec, key in required, root
        target = resolve(spec, root)
        if target.get("type") == "object" and "properties" in target:
            yield from _rows(target, root, f"{path}.")
        elif target.get("type") == "array":
            items = item_schema(target, root)
            if is_mapping(items):
                yield from _rows(items, root, f"{path}[].")


def _properties(node: dict, root: dict) -> dict:
    """The keys of a mapping; for a union of mappings, the keys of every variant (values merged)."""
    if "properties" in node:
        return node["properties"]
    merged: dict = {}
    for variant in variants(node, root):
        for key, spec in variant.get("properties", {}).items():
            if key not in merged:
                merged[key] = dict(spec)
                continue
            values = [*_values(merged[key]), *(v for v in _values(spec) if v not in _values(merged[key]))]
            if values:
                merged[key].pop("const", None)
                merged[key]["enum"] = values
            merged[key].setdefault("description", spec.get("description"))
    return merged


def _values(spec: dict) -> list:
    return [spec["const"]] if "const" in spec else list(spec.get("enum", ()))


def _row(path: str, spec: dict, required: bool, root: dict) -> str:
    description = resolve(spec, root).get("description") or ""
    article = "、".join(dict.fromkeys(ARTICLE.findall(description))) or "—"
    cells = [f"`{path}`", spec.get("title", ""), _type(spec, root), "是" if required else "否", article, description]
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _type(spec: dict, root: dict) -> str:
    spec = resolve(spec, root)
    if "const" in spec:
        return f"固定为“{spec['const']}”"
    if folder := spec.get("x-gaoxin-ref"):
        return f"{folder}/ 中的 id"
    if marked := spec.get("x-gaoxin-choices"):
        if marked.get("policy"):
            return f"{'通常为 ' if marked.get('open') else ''}policy.yml 的 {marked['policy']} 之一"
        return "应为" + "、".join(f"“{value}”" for value in marked["values"])
    if "enum" in spec:
        return "之一：" + "、".join(str(value) for value in spec["enum"])
    kind = spec.get("type")
    if kind == "array":
        items = item_schema(spec, root)
        inner = "映射" if is_mapping(items) else _type(items, root)
        least, most = spec.get("minItems"), spec.get("maxItems")
        return f"列表（{inner}）" + (f"，至少 {least} 项" if least else "") + (f"，至多 {most} 项" if most else "")
    if kind == "object":
        return "映射"
    if kind == "integer":
        bounds = [f"≥ {spec['minimum']}" if "minimum" in spec else "", f"≤ {spec['maximum']}" if "maximum" in spec else ""]
        return "整数" + (f"（{'，'.join(b for b in bounds if b)}）" if any(bounds) else "")
    if kind == "number":
        return "数"
    if kind == "boolean":
        return "真假值（true 或 false）"
    if spec.get("format") == "date":
        return "日期 YYYY-MM-DD"
    shape = {ID_PATTERN: "id", URL_SCHEMA_PATTERN: "网址（http 或 https）", LOGIN_PATTERN: "账号"}.get(spec.get("pattern"))
    if shape:
        return shape
    limits = ["一行"] if spec.get("pattern") == ONE_LINE_SCHEMA_PATTERN else []
    if "maxLength" in spec:
        limits.append(f"不超过 {spec['maxLength']} 个字符")
    text = "Markdown 文字" if spec.get("contentMediaType") == "text/markdown" else "文字"
    return "，".join([text, *limits])


def _example(kind: Kind, policy) -> str:
    if not kind.folder:  # policy.yml, synonyms.yml: the skeleton as it stands
        return (SKELETONS / kind.skeleton).read_text(encoding="utf-8")
    record_id = {"report": "a2026-001/2026Q1", "final-report": "a2026-001/final"}.get(kind.name, "example")
    period = record_id.partition("/")[2] or None
    schema = f"../{'../' if kind.id_shape == REPORT else ''}../schemas/{kind.schema_file}"
    return render_skeleton(kind, record_id, policy, EXAMPLE_DAY, schema, period)
