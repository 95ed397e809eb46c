"""Parse one record file: YAML 1.1 with libyaml, made safe for untrusted input.

The fast path builds plain Python values with libyaml and keeps no positions.
Lines are recovered only for files that have findings, by composing the node
tree again (`positions.py`). What PyYAML would do silently or with a traceback
becomes a `YamlProblem` with a line: duplicate keys, impossible dates,
anchors and aliases, unknown tags, bad encodings, oversized files.
"""

from __future__ import annotations

import operator
from datetime import date

import yaml

try:  # libyaml is part of PyYAML's wheels; the pure-Python loader is only a fallback
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader

# Limits for untrusted records (documented in SECURITY.md). libyaml itself refuses
# nesting deeper than 1000 levels.
MAX_FILE_BYTES = 1024 * 1024
MAX_NODES = 10_000  # keys, values and list items in one file; a real record has a few dozen
MAX_NUMBER_CHARS = 100  # an unquoted integer: Python cannot even print one of 4300 digits


class YamlProblem(Exception):
    """A file that cannot become a record, with the 1-based line where it goes wrong."""

    def __init__(self, rule: str, message: str, line: int | None = 1):
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.line = line


class BadDate:
    """An unquoted date-like scalar that is no real date (2026-02-30), kept as written.

    Not a `str`: a text field given one reports a wrong type, as it does for a real date,
    and a date field reports the impossible date (`data.dates`).
    """

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def __eq__(self, other) -> bool:
        return isinstance(other, BadDate) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


_STR = "tag:yaml.org,2002:str"
_IMPLICIT = _BaseLoader.yaml_implicit_resolvers  # first character -> [(tag, pattern)]
_PLAIN_TAGS: dict[str, str] = {}  # the tag of a short plain scalar, by its text
_PLAIN_TAGS_MAX = 4096
_NO_WILDCARD = None not in _IMPLICIT  # PyYAML could register a resolver for any first character


class _RecordLoader(_BaseLoader):
    """libyaml's safe loader, noting duplicate keys and keeping impossible dates as text."""

    def __init__(self, stream):
        super().__init__(stream)
        self.text = stream
        self.duplicates: list[tuple[str, int]] = []
        # libyaml calls these two around every node, to follow its path for path resolvers, which
        # records do not use: a C function that ignores its arguments costs less than a Python
        # method that does (a tenth of the parse).
        self.descend_resolver, self.ascend_resolver = operator.is_, tuple

    def resolve(self, kind, value, implicit):
        """PyYAML's resolver, faster: a plain scalar's tag depends on its text alone.

        libyaml calls this for every node. Records use no path resolvers, so a quoted scalar
        is a string, a plain one starting with a character no implicit type starts with (most
        Chinese text) is a string, and the rest (keys, numbers, dates, booleans) repeat, and
        are looked up once per text.
        """
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        if not implicit[0]:
            return _STR
        if value and value[0] not in _IMPLICIT and _NO_WILDCARD:
            return _STR
        tag = _PLAIN_TAGS.get(value)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(value) <= 64 and len(_PLAIN_TAGS) < _PLAIN_TAGS_MAX:
                _PLAIN_TAGS[value] = tag
        return tag

    def construct_mapping(self, node, deep=False):
        pairs = len(node.value)
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) != pairs:  # only then look for the repeated key
            seen: set = set()
            for key_node, _ in node.value:
                key = self.constructed_objects[key_node]
                if key in seen:
                    self.duplicates.append((str(key), key_node.start_mark.line + 1))
                seen.add(key)
        return mapping

    def construct_yaml_timestamp(self, node):
        value = node.value
        if len(value) == 10 and value.isascii() and value[4] == value[7] == "-" and value.replace("-", "").isdigit():
            try:  # YYYY-MM-DD, nearly every timestamp of a record: no pattern to match
                return date(int(value[:4]), int(value[5:7]), int(value[8:]))
            except ValueError:
                return BadDate(value)
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return BadDate(node.value)

    def construct_yaml_int(self, node):
        value = node.value
        if value.isdecimal() and value.isascii() and (value[0] != "0" or value == "0") and len(value) <= MAX_NUMBER_CHARS:
            return int(value)  # a plain decimal (nearly every one): none of YAML 1.1's other forms to look for
        # 0xfff... and 1:59:59:... (base 60) cost time that grows with the square of their length.
        if len(node.value) > MAX_NUMBER_CHARS:
            raise YamlProblem(
                "yaml.syntax",
                f"数字过长（超过 {MAX_NUMBER_CHARS} 个字符）：记录中的数字不会这么长，如果这是文字，请加引号",
                node.start_mark.line + 1,
            )
        return super().construct_yaml_int(node)


_RecordLoader.add_constructor("tag:yaml.org,2002:timestamp", _RecordLoader.construct_yaml_timestamp)
_RecordLoader.add_constructor("tag:yaml.org,2002:int", _RecordLoader.construct_yaml_int)


def _alias_line(loader: _RecordLoader) -> int:
    """The line of the first alias (`*name`) in the text the loader reads."""
    for event in yaml.parse(loader.text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1
    return 1


_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class _NotPlain(Exception):
    """A record uses YAML the fast builder leaves to PyYAML (merge keys, sets, complex keys)."""


class _FastRecordLoader(_RecordLoader):
    """The same values as `_RecordLoader`, built from libyaml's nodes in one tight loop.

    PyYAML's constructor spends most of its time in generic machinery (generators per
    collection, a cache of every node for aliases). Records need only mappings, lists
    and scalars, and a file without "&" can hold no alias, so this builds those directly
    and hands every non-string scalar to PyYAML's own constructor for its tag. Anything
    else raises `_NotPlain`, and `parse` reads the file again the standard way.
    """

    def get_single_data(self):
        node = self.get_single_node()
        return None if node is None else self._build(node)

    def _scalar(self, node):
        if node.tag == _STR:
            return node.value
        constructor = self.yaml_constructors.get(node.tag)
        if constructor is None:
            raise _NotPlain
        return constructor(self, node)

    def _container(self, node):
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            return {}
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            return []
        raise _NotPlain

    def _build(self, root):
        if isinstance(root, yaml.ScalarNode):
            return self._scalar(root)
        top = self._container(root)
        stack = [(root, top)]  # iterative: libyaml allows 1000 levels, Python's stack fewer
        scalar, node_class, text = self._scalar, yaml.ScalarNode, _STR  # locals: this loop runs for every node
        while stack:
            node, target = stack.pop()
            if isinstance(target, dict):
                for key_node, value_node in node.value:
                    if type(key_node) is not node_class:
                        raise _NotPlain
                    key = key_node.value if key_node.tag == text else scalar(key_node)
                    if key in target:
                        self.duplicates.append((str(key), key_node.start_mark.line + 1))
                    if type(value_node) is node_class:
                        target[key] = value_node.value if value_node.tag == text else scalar(value_node)
                    else:
                        target[key] = child = self._container(value_node)
                        stack.append((value_node, child))
            else:
                for item in node.value:
                    if type(item) is node_class:
                        target.append(item.value if item.tag == text else scalar(item))
                    else:
                        child = self._container(item)
                        target.append(child)
                        stack.append((item, child))
        return top


class _AnchorCheckingLoader(_RecordLoader):
    """Also refuse aliases (the "billion laughs" attack); only needed when the text has an `&`.

    Checking node by node also gives the line of a value its tag cannot read (`!!int abc`),
    so `parse` reads a file again with this loader when the fast one fails that way.
    """

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects:
            # The node is the anchored one: its marks are the anchor's, so find where the alias stands.
            raise YamlProblem("yaml.syntax", "记录中不允许使用锚点和别名（& 与 *）：请直接写出取值", _alias_line(self))
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, KeyError, AttributeError):
            # A standard tag with a value it cannot read (`!!int abc`, `!!bool maybe`): PyYAML has no mark for it.
            raise YamlProblem(
                "yaml.syntax",
                f"取值 {node.value!r} 不符合标签 {node.tag.replace('tag:yaml.org,2002:', '!!')}：请删除标签或改正取值",
                node.start_mark.line + 1,
            ) from None


def decode(raw: bytes) -> str:
    """Decode UTF-8 (a BOM is fine); anything else is a `yaml.syntax` problem."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(
            "yaml.syntax",
            f"文件过大：一条记录不得超过 {MAX_FILE_BYTES // 1024} KB，请删去无关内容",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise YamlProblem(
            "yaml.syntax",
            "文件不是 UTF-8 编码（可能是 GBK）：请用 UTF-8 另存后重新提交",
            line,
        ) from None


def parse(text: str) -> dict:
    """Parse a record's text into a mapping, or raise `YamlProblem`."""
    if len(text) * 3 > MAX_NODES:  # each character makes at most three nodes (`?` makes a key, a value and their mapping)
        _count_nodes(text)
    # An alias needs an anchor, and an anchor needs "&": most files skip the per-node check.
    if "&" in text:
        return _parse(text, _AnchorCheckingLoader)
    try:
        return _parse(text, _FastRecordLoader)
    except _NotPlain:
        return _parse(text, _RecordLoader)


def _count_nodes(text: str) -> None:
    """Refuse a file of more than `MAX_NODES` nodes from its events, before building any node."""
    loader = _BaseLoader(text)
    nodes = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)):
                nodes += 1
                if nodes > MAX_NODES:
                    raise YamlProblem(
                        "yaml.syntax",
                        f"记录过大：超过 {MAX_NODES} 个键、值和列表项（一条记录通常只有几十个）：请删去无关内容",
                        event.start_mark.line + 1,
                    )
    except yaml.YAMLError:
        pass  # the file is broken before the limit: parsing it reports where
    finally:
        loader.dispose()


def _parse(text: str, loader_class) -> dict:
    loader = loader_class(text)
    try:
        data = loader.get_single_data()
    except (YamlProblem, _NotPlain):
        raise
    except (ValueError, TypeError, KeyError, AttributeError):
        if loader_class is _AnchorCheckingLoader:  # pragma: no cover - it turns these into YamlProblem
            raise
        return _parse(text, _AnchorCheckingLoader)  # a standard tag with a bad value: find its line
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # an unclosed quote runs to the end: it stands where it opens
        # libyaml marks an unclosed quote or bracket at the end of the stream, past the last line.
        line = min(mark.line + 1, len(text.splitlines()) or 1) if mark else 1
        raise YamlProblem("yaml.syntax", _syntax_message(exc, text, line), line) from None
    except yaml.reader.ReaderError as exc:  # a control character; its position counts UTF-8 bytes
        line = text.encode("utf-8", "surrogatepass")[: exc.position].count(b"\n") + 1
        raise YamlProblem(
            "yaml.syntax",
            f"文件含有不允许的控制字符 #x{exc.character:04X}：请删除（常见于从网页或 Word 复制的文字）",
            line,
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("yaml.syntax", f"YAML 无法解析：{exc}") from None
    except RecursionError:
        raise YamlProblem("yaml.syntax", "嵌套层次过深：记录只需要两三层结构") from None
    finally:
        loader.dispose()
    if loader.duplicates:
        # Nested mappings are built after their parents: report the first repeat in the text.
        key, line = min(loader.duplicates, key=lambda item: item[1])
        raise YamlProblem(
            "yaml.duplicate-key",
            f"键 {key} 重复出现：YAML 只会保留最后一个值，请删除或合并重复的键",
            line,
        )
    if not isinstance(data, dict):
        kind = {type(None): "空文件", list: "列表"}.get(type(data), "单个取值")
        raise YamlProblem("yaml.syntax", f"文件顶层应为“键: 值”映射，实际是{kind}：请按模板（gaoxin new）填写")
    return data


def _syntax_message(exc: yaml.MarkedYAMLError, text: str, line: int) -> str:
    problem = exc.problem or ""
    if "expected a single document" in (exc.context or ""):
        return "一个文件只能有一条记录：请删除 --- 之后的第二个文档，或拆成两个文件"
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1]:
        return "YAML 不允许用 Tab 缩进或对齐：请把这一行的 Tab 改成空格"
    if "could not determine a constructor" in problem:
        return f"不支持的标签 {problem.split('tag ')[-1]}：记录只能使用 YAML 标准类型"
    if "exceeded maximum nesting depth" in problem:
        return "嵌套层次过深（超过 1000 层）：记录只需要两三层结构"
    detail = " ".join(part for part in (exc.context, problem) if part)
    return f"YAML 语法错误：{detail}；请检查缩进、冒号后的空格和引号是否成对"
