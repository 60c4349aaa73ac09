"""Reading one YAML file: bytes → text → plain data, every problem recorded, never raised."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ..findings import Finding
from ..ruletable import finding
from .syntax import marked_error, problem_words, reader_error

__all__ = ["BadValue", "DuplicateKey", "Parsed", "load_piece", "load_yaml", "parse"]

MAX_NODES = 200_000  # the expanded size past which aliases count as a "billion laughs" attack


STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
MERGE_TAG = "tag:yaml.org,2002:merge"
_CACHE_LIMIT = 200_000
_tags: dict[str, str] = {}  # plain scalar text → resolved tag (keys and values repeat across files)
_values: dict[tuple[str, str], Any] = {}  # (tag, text) → immutable constructed value


class _Loader(yaml.CSafeLoader):
    """libyaml composes the node tree; resolving plain scalars is memoised (the same keys recur)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            tag = _tags.get(value)
            if tag is None:
                if len(_tags) > _CACHE_LIMIT:
                    _tags.clear()
                tag = _tags[value] = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
            return tag
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


class DuplicateKey(yaml.MarkedYAMLError):
    """A mapping names the same key twice."""


class BadValue(yaml.MarkedYAMLError):
    """A value YAML cannot hold as written: a tagged scalar that is not of its tag (`!!int abc`), a list or
    map used as a key, or nesting deeper than any record needs. Its problem is already said in Chinese."""

    def __init__(self, problem: str, mark: Any, hint: str) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.hint = hint


_STANDARD = "tag:yaml.org,2002:"
MAX_DEPTH = 64  # records nest five levels at most; deeper data is refused before Python's recursion limit
_TAG_WORDS = {"int": "整数", "float": "数字", "bool": "布尔值（true 或 false）", "timestamp": "日期", "null": "空值",
              "binary": "base64 数据"}


class _Builder:
    """Plain Python data from a composed node tree: PyYAML's safe semantics, without its generator
    machinery; duplicate keys refused; shared (aliased) nodes built once, so a recursive alias stays finite."""

    def __init__(self, loader: _Loader) -> None:
        self.loader = loader
        self.built: dict[int, Any] = {}

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if depth > MAX_DEPTH:
            raise BadValue(f"嵌套超过 {MAX_DEPTH} 层", node.start_mark, "记录最多嵌套几层；检查缩进或括号是否多了")
        key = id(node)
        if key in self.built:
            return self.built[key]
        if isinstance(node, yaml.MappingNode) and node.tag == MAP_TAG:
            return self.mapping(node, depth)
        if isinstance(node, yaml.SequenceNode) and node.tag == SEQ_TAG:
            sequence: list[Any] = []
            self.built[key] = sequence
            sequence.extend(self.build(child, depth + 1) for child in node.value)
            return sequence
        try:  # other tags (!!set, !!omap …) go through PyYAML's own constructors
            value = self.loader.construct_object(node, deep=True)
        except RecursionError:
            raise BadValue(f"嵌套超过 {MAX_DEPTH} 层", node.start_mark, "检查缩进或括号是否多了") from None
        self.built[key] = value
        return value

    def mapping(self, node: yaml.MappingNode, depth: int) -> dict[Any, Any]:
        mapping: dict[Any, Any] = {}
        self.built[id(node)] = mapping
        pairs = node.value
        merged_keys: set[Any] = set()
        if any(k.tag == MERGE_TAG for k, _ in pairs):
            explicit = sum(1 for k, _ in pairs if k.tag != MERGE_TAG)
            self.loader.flatten_mapping(node)  # merged pairs first, then the explicit ones
            pairs = node.value
            merged = len(pairs) - explicit
            for key_node, value_node in pairs[:merged]:  # explicit keys may override merged ones
                mapping[self.key(key_node, depth)] = self.build(value_node, depth + 1)
            pairs = pairs[merged:]
            merged_keys = set(mapping)
        for key_node, value_node in pairs:
            name = self.key(key_node, depth)
            if name in mapping and name not in merged_keys:
                raise DuplicateKey(problem=f"键“{name}”重复出现", problem_mark=key_node.start_mark)
            mapping[name] = self.build(value_node, depth + 1)
            merged_keys.discard(name)  # a second explicit one is a duplicate again
        return mapping

    def key(self, node: yaml.Node, depth: int) -> Any:
        name = self.build(node, depth + 1)
        try:
            hash(name)
        except TypeError:
            raise BadValue("键不能是列表或映射", node.start_mark, "键写成普通文字，如“name: 值”") from None
        return name

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == STR_TAG:
            return node.value
        cache_key = (node.tag, node.value)
        if cache_key in _values:
            return _values[cache_key]
        try:
            value = self.loader.construct_object(node)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError, yaml.constructor.ConstructorError):
            return self.unconstructed(node)
        if len(_values) > _CACHE_LIMIT:
            _values.clear()
        _values[cache_key] = value  # ints, floats, bools, None and dates are immutable
        return value

    def unconstructed(self, node: yaml.ScalarNode) -> str:
        """A scalar its tag's constructor refused.

        Written plainly (a date that does not exist, 2015-02-30; an integer too long to convert), it stays
        the text it is, and the field it is in says what it should be. With an explicit tag (`!!int abc`)
        the writer asked for a type the text is not: that is refused here, at its line.
        """
        plain = not node.style  # libyaml gives "" for a plain scalar, PyYAML None
        implicit = plain and self.loader.resolve(yaml.ScalarNode, node.value, (True, False)) == node.tag
        if implicit:
            return str(node.value)
        short = node.tag.removeprefix(_STANDARD) if node.tag.startswith(_STANDARD) else None
        shown_tag = f"!!{short}" if short else node.tag
        shown = node.value if len(node.value) <= 40 else f"{node.value[:20]}…"
        problem = (f"“{shown}”不是 {shown_tag} 标记要求的{_TAG_WORDS[short]}" if short in _TAG_WORDS
                   else f"不认识的标记 {shown_tag}")
        raise BadValue(problem, node.start_mark, f"改正取值，或删除 {shown_tag} 标记")


def load_yaml(text: str, depth: int = 0) -> Any:
    """Plain data from YAML text, with the C parser; raises yaml.YAMLError (DuplicateKey and BadValue included).

    `depth` is how deep the text's top node stands in the file it was cut from (history.pieces), so that the
    nesting limit is the whole file's."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _Builder(loader).build(node, depth)
    finally:
        loader.dispose()


def load_piece(text: str, depth: int) -> Any:
    """Plain data from a piece cut from a file (history.pieces), whose top node stands `depth` deep in the file;
    None for a piece YAML refuses (the whole file is then parsed, to say why)."""
    try:
        return load_yaml(text, depth)
    except (yaml.YAMLError, RecursionError):
        return None


@dataclass
class Parsed:
    """The outcome of reading one file: the data, or the findings that stopped it."""

    text: str | None = None
    data: Any = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


def parse(text: str, relpath: str) -> Parsed:
    """Parse YAML text with the C loader; syntax errors, duplicate keys and alias bombs become findings."""
    result = Parsed(text=text)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        result.findings.append(finding("ZS004", relpath, "文件是空的", hint="写入记录内容，或删除此文件").at(1, 1))
        return result
    try:
        result.data = load_yaml(text)
    except DuplicateKey as exc:
        result.findings.append(finding("ZS003", relpath, f"{exc.problem}", hint="删除或合并重复的键").at(*_where(exc)))
        return result
    except BadValue as exc:
        result.findings.append(finding("ZS102", relpath, f"{exc.problem}", hint=exc.hint).at(*_where(exc)))
        return result
    except yaml.MarkedYAMLError as exc:
        message, hint, line, column = marked_error(exc, text)
        result.findings.append(finding("ZS002", relpath, message, hint=hint).at(line, column))
        return result
    except yaml.reader.ReaderError as exc:
        message, hint, line, column = reader_error(exc, text)
        result.findings.append(finding("ZS002", relpath, message, hint=hint).at(line, column))
        return result
    except yaml.YAMLError as exc:
        result.findings.append(finding("ZS002", relpath, f"YAML 语法错误：{problem_words(str(exc))}").at(1, 1))
        return result
    if "*" in text and _expanded_size(result.data, {}) > MAX_NODES:
        result.data = None
        result.findings.append(
            finding("ZS008", relpath, f"YAML 别名展开后超过 {MAX_NODES} 个节点，拒绝读取",
                    hint="不要用锚点（&）和别名（*）层层嵌套；把内容直接写出").at(1, 1)
        )
    return result


def _where(exc: yaml.MarkedYAMLError) -> tuple[int, int]:
    mark = exc.problem_mark or exc.context_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _expanded_size(value: Any, memo: dict[int, int]) -> int:
    """How many nodes the data has once every alias is expanded (shared nodes counted each time)."""
    key = id(value)
    if key in memo:
        return memo[key]
    memo[key] = MAX_NODES + 1  # a node that contains itself expands without end
    if isinstance(value, dict):
        size = 1 + sum(_expanded_size(v, memo) for v in value.values()) + len(value)
    elif isinstance(value, list):
        size = 1 + sum(_expanded_size(v, memo) for v in value)
    else:
        return 1
    memo[key] = size
    return size
