"""Reading one YAML file: bytes → text → plain data, every problem recorded, never raised."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..findings import Finding
from ..ruletable import finding

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


class _Builder:
    """Plain Python data from a composed node tree: PyYAML's safe semantics, without its generator
    machinery; duplicate keys refused; shared (aliased) nodes built once, so a recursive alias stays finite."""

    def __init__(self, loader: _Loader) -> None:
        self.loader = loader
        self.built: dict[int, Any] = {}

    def build(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        key = id(node)
        if key in self.built:
            return self.built[key]
        if isinstance(node, yaml.MappingNode) and node.tag == MAP_TAG:
            mapping: dict[Any, Any] = {}
            self.built[key] = mapping
            pairs = node.value
            if any(k.tag == MERGE_TAG for k, _ in pairs):
                explicit = sum(1 for k, _ in pairs if k.tag != MERGE_TAG)
                self.loader.flatten_mapping(node)  # merged pairs first, then the explicit ones
                pairs = node.value
                merged = len(pairs) - explicit
                for key_node, value_node in pairs[:merged]:  # explicit keys may override merged ones
                    mapping[self.build(key_node)] = self.build(value_node)
                pairs = pairs[merged:]
                merged_keys = set(mapping)
            else:
                merged_keys = set()
            for key_node, value_node in pairs:
                name = self.build(key_node)
                if name in mapping and name not in merged_keys:
                    raise DuplicateKey(problem=f"键“{name}”重复出现", problem_mark=key_node.start_mark)
                mapping[name] = self.build(value_node)
                merged_keys.discard(name)  # a second explicit one is a duplicate again
            return mapping
        if isinstance(node, yaml.SequenceNode) and node.tag == SEQ_TAG:
            sequence: list[Any] = []
            self.built[key] = sequence
            sequence.extend(self.build(child) for child in node.value)
            return sequence
        value = self.loader.construct_object(node, deep=True)
        self.built[key] = value
        return value

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == STR_TAG:
            return node.value
        cache_key = (node.tag, node.value)
        if cache_key in _values:
            return _values[cache_key]
        value = self.loader.construct_object(node)
        if len(_values) > _CACHE_LIMIT:
            _values.clear()
        _values[cache_key] = value  # ints, floats, bools, None and dates are immutable
        return value


def load_yaml(text: str) -> Any:
    """Plain data from YAML text, with the C parser; raises yaml.YAMLError (DuplicateKey included)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _Builder(loader).build(node)
    finally:
        loader.dispose()


@dataclass
class Parsed:
    """The outcome of reading one file: the data, or the findings that stopped it."""

    text: str | None = None
    data: Any = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


def decode(raw: bytes, relpath: str) -> tuple[str | None, Finding | None]:
    """UTF-8 text (BOM and CRLF accepted), or a finding that names the encoding and the fix."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    guess = _guess_encoding(raw)
    line = raw[:bad_at].count(b"\n") + 1
    what = f"文件编码是 {guess}，不是 UTF-8" if guess else "文件不是有效的 UTF-8 文本"
    return None, finding(
        "ZS001", relpath, f"{what}（第 {line} 行起无法按 UTF-8 读取）",
        hint=f"运行 zsht recode {relpath} 转为 UTF-8",
    ).at(line, 1)


def _guess_encoding(raw: bytes) -> str | None:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    for name, label in (("gb18030", "GBK（GB18030）"), ("big5", "Big5")):
        try:
            raw.decode(name)
        except UnicodeDecodeError:
            continue
        return label
    return None


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
        mark = exc.problem_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        result.findings.append(finding("ZS003", relpath, f"{exc.problem}", hint="删除或合并重复的键").at(*where))
        return result
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or "无法解析").strip()
        result.findings.append(
            finding("ZS002", relpath, f"YAML 语法错误：{problem}", hint=_syntax_hint(problem)).at(*where)
        )
        return result
    except yaml.YAMLError as exc:
        result.findings.append(finding("ZS002", relpath, f"YAML 语法错误：{exc}").at(1, 1))
        return result
    if "*" in text and _expanded_size(result.data, {}) > MAX_NODES:
        result.data = None
        result.findings.append(
            finding("ZS008", relpath, f"YAML 别名展开后超过 {MAX_NODES} 个节点，拒绝读取",
                    hint="不要用锚点（&）和别名（*）层层嵌套；把内容直接写出").at(1, 1)
        )
    return result


def _syntax_hint(problem: str) -> str:
    if "tab" in problem.lower():
        return "YAML 缩进只能用空格，不能用 Tab"
    if "mapping values" in problem:
        return "冒号后要有空格；含冒号的文字请加引号"
    return "检查该位置附近的缩进、冒号和引号"


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
