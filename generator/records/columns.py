"""The spreadsheet columns of a record kind, read from its JSON Schema: what import reads, what templates write.

A column is a key path: `name`, `filing.number` (a nested mapping), or `work.1.duty` (the
first item of a list of mappings; a template offers a few numbered groups, more may be
added). Its Chinese header is the schema's title: the key's own title where no other column
shares it (`备案编号`), else the titles joined with a dot (`评价期间.起`, `工作事项1.职责`).
A list of plain values is one column, its items separated by `；`, `;` or line breaks.
"""

from __future__ import annotations

from dataclasses import dataclass

from .kinds import KINDS, REPORT
from .schema import is_mapping, item_schema, resolve, schema_of, variants

STRING, INTEGER, NUMBER, DATE, LIST = "string", "integer", "number", "date", "list"
ID_KEY, ID_TITLE = "id", "编号"
# Numbered groups a template offers for each list of mappings (more may be added, up to `MAX_GROUPS`).
GROUPS = {"work": 3, "actions": 2, "visitors": 2, "problems": 2, "stages": 3}
MAX_GROUPS = 20  # how many numbered groups of each list an import file may use


@dataclass(frozen=True)
class SheetColumn:
    path: tuple  # ("filing", "number") or ("work", 1, "duty")
    titles: tuple[str, ...]  # the schema titles along the path
    type: str  # STRING, INTEGER, NUMBER, DATE or LIST
    description: str | None
    required: bool
    choices: tuple[str, ...] = ()  # the values an enum (or the consts of a union's variants) allows
    required_when: str = ""  # required only for these variants of a union (年度)
    markdown: bool = False  # Markdown text, written as a YAML block
    policy: str | None = None  # the policy.yml list the value comes from (a `Choice` marker)

    def allowed(self, policy) -> list[str]:
        """The values a drop-down offers: the policy's list, or the schema's own choices."""
        return policy.listed(self.policy) if self.policy else list(self.choices)

    @property
    def key(self) -> str:
        return ".".join(str(part) for part in self.path)

    @property
    def dotted_title(self) -> str:
        """Titles joined with dots; a list item's number follows its list's title (工作事项1.职责)."""
        out = []
        for part, title in zip(self.path, self.titles):
            if isinstance(part, int):
                out[-1] += str(part)
            else:
                out.append(title)
        return ".".join(out)


@dataclass(frozen=True)
class KindColumns:
    kind: str
    id_help: str
    columns: list[SheetColumn]

    def header(self, column: SheetColumn) -> str:
        """The Chinese header a template writes for `column`."""
        leaf = column.titles[-1]
        unique = sum(1 for other in self.columns if other.titles[-1] == leaf) == 1
        # 备案编号 says what it is alone; 起 under 评价期间 does not
        plain = len(column.path) == 1 or (len(column.path) == 2 and column.titles[0] in leaf)
        return leaf if unique and plain else column.dotted_title

    def headers(self) -> dict[str, SheetColumn | None]:
        """Every header import accepts (key, Chinese header, dotted titles) -> its column; None is the id."""
        accepted: dict[str, SheetColumn | None] = {ID_KEY: None, ID_TITLE: None}
        for column in self.columns:
            for name in (column.key, self.header(column), column.dotted_title, ".".join(str(p) for p in column.titles)):
                accepted.setdefault(name, column)
        return accepted


def importable() -> list[str]:
    """The kinds a spreadsheet can create (every kind but the policy)."""
    return [name for name, kind in KINDS.items() if kind.folder]


def kind_columns(kind_name: str, groups: dict[str, int] | None = None) -> KindColumns:
    """The columns of a kind; `groups` asks for more numbered groups of a list (`{"work": 5}`)."""
    schema = schema_of(kind_name)
    columns: list[SheetColumn] = []
    _object(schema, schema, (), (), True, columns, {**GROUPS, **(groups or {})})
    kind = KINDS[kind_name]
    id_help = ("报送编号：<协议编号>/<季度>，如 a2026-001/2026Q3；入驻工作总结为 <协议编号>/final" if kind.id_shape == REPORT
               else f"文件名（不含 .yml）：{kind.form or '小写字母、数字和连字符'}")
    return KindColumns(kind_name, id_help, columns)


def _object(node: dict, root: dict, path: tuple, titles: tuple, required: bool, out: list, groups: dict) -> None:
    """Columns for every property of an object: of every variant of a union, each property once."""
    branches = variants(node, root)
    specs: dict[str, dict] = {}
    needed_by: dict[str, list[str]] = {}
    choices: dict[str, list[str]] = {}
    for variant in branches:
        label = next((spec["const"] for spec in variant.get("properties", {}).values() if "const" in spec), "")
        for key, spec in variant.get("properties", {}).items():
            spec = resolve(spec, root)
            specs.setdefault(key, spec)
            if key in variant.get("required", ()):
                needed_by.setdefault(key, []).append(label)
            for choice in (*spec.get("enum", ()), *((spec["const"],) if "const" in spec else ())):
                if choice not in choices.setdefault(key, []):
                    choices[key].append(choice)
    for key, spec in specs.items():
        needers = needed_by.get(key, [])
        condition = "" if len(needers) in (0, len(branches)) else "、".join(needers)
        _property(spec, root, (*path, key), titles, required and len(needers) == len(branches), out, groups,
                  tuple(choices.get(key, ())), condition if required else "")


def _property(spec: dict, root: dict, path: tuple, titles: tuple, required: bool, out: list, groups: dict,
              choices: tuple = (), required_when: str = "") -> None:
    title = (*titles, spec.get("title") or path[-1])
    kind = spec.get("type")
    if is_mapping(spec):
        _object(spec, root, path, title, required, out, groups)
    elif kind == "array":
        items = item_schema(spec, root)
        if is_mapping(items):
            for number in range(1, groups.get(path[-1], 2) + 1):
                _object(items, root, (*path, number), (*title, ""), required and number == 1, out, groups)
        else:
            out.append(SheetColumn(path, title, LIST, spec.get("description"), required))
    else:
        scalar = DATE if spec.get("format") == "date" else {"integer": INTEGER, "number": NUMBER}.get(kind, STRING)
        markdown = spec.get("contentMediaType") == "text/markdown"
        marked = spec.get("x-gaoxin-choices", {})
        choices = choices or tuple(marked.get("values", ()))
        out.append(SheetColumn(path, title, scalar, spec.get("description"), required, choices, required_when, markdown,
                               marked.get("policy")))
