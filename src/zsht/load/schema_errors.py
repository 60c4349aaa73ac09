"""Schema findings: pydantic's validation errors said in Chinese, with "did you mean …".

Every error type pydantic can raise has its Chinese text in the table below (a type the table lacks gets a
plain Chinese fallback), so none of pydantic's English reaches a user. A message names the list item it is
about by its id or name (`XZ-003 缺少 funding（…）`); the path stays on the finding for its line.
"""

from __future__ import annotations

import difflib
import math
import re
import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from ..findings import FieldPath, Finding
from ..models.common import PATTERN_EXAMPLES
from ..ruletable import finding

_LIST = "应为列表（每项以“- ”开头），现为“{input}”"
_MAP = "应为映射（键: 值），现为“{input}”"
_INTEGER = "应为整数，现为“{input}”"
_NUMBER = "应为数字，现为“{input}”"
_DATE = "应为存在的日期，如 2015-03-10，现为“{input}”"
_DATETIME = "应为日期和时刻，如 2015-03-10T09:30:00，现为“{input}”"
_CHOICE = "的值“{input}”不在可选范围内"

# Error type → what is wrong, said after the field's name. {input} is the value found; the other names are
# pydantic's context for the error (a bound, a length, the validator's own message).
MESSAGES: dict[str, str] = {
    "int_type": _INTEGER, "int_parsing": _INTEGER, "int_from_float": _INTEGER,
    "int_parsing_size": "数字过大，现为“{input}”",
    "float_type": _NUMBER, "float_parsing": _NUMBER, "decimal_type": _NUMBER, "decimal_parsing": _NUMBER,
    "fraction_type": _NUMBER, "fraction_parsing": _NUMBER, "complex_type": _NUMBER, "complex_str_parsing": _NUMBER,
    "finite_number": "应为有限的数字，现为“{input}”",
    "decimal_max_places": "最多 {decimal_places} 位小数，现为“{input}”",
    "decimal_max_digits": "数字位数过多（最多 {max_digits} 位），现为“{input}”",
    "decimal_whole_digits": "整数部分位数过多（最多 {whole_digits} 位），现为“{input}”",
    "multiple_of": "应为 {multiple_of} 的整数倍，现为 {input}",
    "greater_than": "应大于 {gt}，现为 {input}",
    "greater_than_equal": "应不小于 {ge}，现为 {input}",
    "less_than": "应小于 {lt}，现为 {input}",
    "less_than_equal": "应不大于 {le}，现为 {input}",
    "date_type": _DATE, "date_parsing": _DATE, "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": "应为日期（不带时刻），如 2015-03-10，现为“{input}”",
    "date_past": "应为今天以前的日期，现为“{input}”", "date_future": "应为今天以后的日期，现为“{input}”",
    "datetime_type": _DATETIME, "datetime_parsing": _DATETIME, "datetime_from_date_parsing": _DATETIME,
    "datetime_object_invalid": _DATETIME,
    "datetime_past": "应为过去的时刻，现为“{input}”", "datetime_future": "应为将来的时刻，现为“{input}”",
    "time_type": "应为时刻，如 09:30，现为“{input}”", "time_parsing": "应为时刻，如 09:30，现为“{input}”",
    "timezone_naive": "不应带时区，现为“{input}”", "timezone_aware": "应带时区，现为“{input}”",
    "timezone_offset": "时区不对，现为“{input}”",
    "time_delta_type": "应为时长，现为“{input}”", "time_delta_parsing": "应为时长，现为“{input}”",
    "string_type": "应为文字，现为“{input}”", "string_unicode": "应为有效的文字",
    "bytes_type": "应为文字，现为“{input}”", "bytes_invalid_encoding": "应为有效的文字",
    "string_too_short": "至少要有 {min_length} 个字", "string_too_long": "最多 {max_length} 个字，现有 {length} 个",
    "bytes_too_short": "至少要有 {min_length} 个字", "bytes_too_long": "最多 {max_length} 个字",
    "string_not_ascii": "只能用英文字母、数字和符号，现为“{input}”",
    "too_short": "至少要有 {min_length} 项", "too_long": "最多 {max_length} 项，现有 {actual_length} 项",
    "list_type": _LIST, "tuple_type": _LIST, "set_type": _LIST, "frozen_set_type": _LIST, "deque_type": _LIST,
    "iterable_type": _LIST, "iteration_error": _LIST,
    "set_item_not_hashable": "的各项不能是列表或映射",
    "dict_type": _MAP, "mapping_type": _MAP, "model_type": _MAP, "model_attributes_type": _MAP,
    "dataclass_type": _MAP, "dataclass_exact_type": _MAP, "named_tuple_type": _MAP, "ordered_dict_type": _MAP,
    "frozen_dict_type": _MAP, "counter_type": _MAP, "arguments_type": _MAP,
    "invalid_key": "的键应为文字，现为“{input}”",
    "bool_type": "应为 true 或 false，现为“{input}”", "bool_parsing": "应为 true 或 false，现为“{input}”",
    "none_required": "应留空，现为“{input}”",
    "literal_error": _CHOICE, "enum": _CHOICE,
    "union_tag_invalid": "的类型标记“{tag}”不在可选范围内", "union_tag_not_found": "缺少类型标记 {discriminator}",
    "recursion_loop": "引用了自身（检查 YAML 的锚点 & 和别名 *）",
    "recursion_depth_exceeded": "嵌套过深（检查 YAML 的锚点 & 和别名 *）",
    "url_type": "应为网址，现为“{input}”", "url_parsing": "应为网址，现为“{input}”",
    "url_syntax_violation": "应为网址，现为“{input}”", "url_too_long": "网址过长",
    "url_scheme": "网址应以 {expected_schemes} 开头，现为“{input}”",
    "uuid_type": "应为 UUID，现为“{input}”", "uuid_parsing": "应为 UUID，现为“{input}”",
    "uuid_version": "应为第 {expected_version} 版 UUID",
    "json_invalid": "应为 JSON 文字", "json_type": "应为 JSON 文字",
    "frozen_field": "不能修改", "frozen_instance": "不能修改",
    "value_error": "：{error}", "assertion_error": "：{error}",
    # zsht's own field types (models/fields.py) say it in their own Chinese words
    "control_character": "：{own}", "date_out_of_range": "：{own}", "date_nonexistent": "：{own}",
    "number_too_large": "：{own}", "number_too_small": "：{own}",
}
OTHER = "的值“{input}”不合要求"  # any type the table lacks: still Chinese

_RULES = {"extra_forbidden": "ZS101", "missing": "ZS103", "string_pattern_mismatch": "ZS104"}
_HINTS = {
    "literal_error": "可选：{expected}", "enum": "可选：{expected}",
    "finite_number": "不能是 .inf、.nan 或超出范围的数",
    "int_parsing_size": "检查是否多写了数字",
    "recursion_loop": "把内容直接写出，不要让别名指向包含它自己的节点",
}
_NAMING_KEYS = ("id", "name", "item", "criterion")  # a list item is named by the first of these it has
_SHOWN = 40  # characters of a bad value shown in a message


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) in (Union, types.UnionType, list, dict) or get_args(annotation):
        for arg in get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def field_at(model: type[BaseModel], loc: FieldPath) -> tuple[type[BaseModel] | None, FieldInfo | None]:
    """The model that holds the last key of `loc`, and that key's field (None where it has none)."""
    current: type[BaseModel] | None = model
    info: FieldInfo | None = None
    for step in loc:
        if current is None:
            return None, None
        if isinstance(step, int):
            continue
        info = current.model_fields.get(step)
        if step is loc[-1]:
            return current, info
        current = _model_in(info.annotation) if info else None
    return current, None


def _name(loc: FieldPath) -> str:
    dotted = ""
    for step in loc:
        if step == "[key]":  # pydantic's mark for an error in a mapping's key rather than its value
            dotted += "（键）"
        else:
            dotted += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if dotted else str(step))
    return dotted or "（文件顶层）"


def _shown(value: Any) -> str:
    """A bad value as the user wrote it in YAML, cut short."""
    if value is None:
        return "空"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    if isinstance(value, dict):
        text = "{" + ", ".join(f"{_shown(k)}: {_shown(v)}" for k, v in list(value.items())[:5]) + "}"
    elif isinstance(value, list):
        text = "[" + ", ".join(_shown(v) for v in value[:5]) + "]"
    elif isinstance(value, int) and abs(value) >= 10**_SHOWN:
        return f"超过 {_SHOWN} 位的整数"  # str() refuses ints of thousands of digits
    else:
        text = str(value)
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


def _owner(data: Any, loc: FieldPath) -> tuple[str | None, FieldPath]:
    """The id or name of the deepest list item on `loc` that has one, and the rest of `loc` below it.

    An item whose own id is the error is not named by that id."""
    owner: str | None = None
    rest = loc
    node = data
    for position, step in enumerate(loc):
        try:
            node = node[step]
        except (LookupError, TypeError):
            break
        if not (isinstance(step, int) and isinstance(node, dict)):
            continue
        key = next((k for k in _NAMING_KEYS if isinstance(node.get(k), str) and node[k].strip()), None)
        below = loc[position + 1:]
        if key is not None and below and below[0] != key:
            owner, rest = _shown(node[key].strip()), below
    return owner, rest


def _short(info: FieldInfo | None) -> str:
    """A field's description without its asides: “法律依据（至少一项）” → “（法律依据）”, “名称，如…” → “（名称）”."""
    description = re.split("[，；。]", info.description, maxsplit=1)[0] if info and info.description else ""
    description = re.sub(r"(?<=.)（[^（）]*）$", "", description)
    return f"（{description}）" if description else ""


def _expected(ctx: dict[str, Any]) -> str:
    """pydantic's `'村' or '居'` as `村、居`."""
    text = str(ctx.get("expected", ""))
    return text.replace(" or ", "、").replace(", ", "、").replace("'", "")


class _Context(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "？"


def _describe(error: ErrorDetails, model: type[BaseModel], loc: FieldPath, data: Any) -> tuple[str, str, str | None]:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    holder, info = field_at(model, loc)
    owner, rest = _owner(data, loc)
    label = f"{owner} 的“{_name(rest)}”" if owner else f"“{_name(loc)}”"
    rule = _RULES.get(kind, "ZS102")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        options = list(holder.model_fields) if holder else []
        close = difflib.get_close_matches(key, options, n=1, cutoff=0.6)
        hint = f"是不是要写 {close[0]}？" if close else (f"可用的键：{', '.join(options)}" if options else None)
        return rule, (f"{owner} 中有" if owner else "") + f"未知字段“{key}”", hint
    if kind == "missing":
        if owner:
            return rule, f"{owner} 缺少 {_name(rest)}{_short(info)}", None
        return rule, f"缺少必填字段“{_name(loc)}”{_short(info)}", None
    if kind == "string_pattern_mismatch":
        example = PATTERN_EXAMPLES.get(str(ctx.get("pattern")))
        hint = f"应形如 {example}" if example else f"应符合格式 {ctx.get('pattern')}"
        return rule, f"{label}的编号“{_shown(error.get('input'))}”格式不对", hint
    value = error.get("input")
    context = _Context({k: _shown(v) for k, v in ctx.items()})
    context.update(input=_shown(value), expected=_expected(ctx), error=_validator_text(ctx.get("error")),
                   length=len(value) if isinstance(value, str) else "？")
    context["own"] = error["msg"]
    message = label + MESSAGES.get(kind, OTHER).format_map(context)
    hint = _HINTS.get(kind)
    if kind in ("date_parsing", "date_from_datetime_parsing") and re.match(r"\d{1,4}-\d{1,2}-\d{1,2}", str(value)):
        hint = "该日期不存在：检查月份（1–12）和该月的天数"
    return rule, message, hint.format_map(context) if hint else None


def _validator_text(error: Any) -> str:
    """A model validator's own message (written in Chinese), without pydantic's `Value error, ` prefix."""
    text = str(error) if error is not None else "取值不合要求"
    return text.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def schema_findings(exc: ValidationError, model: type[BaseModel], relpath: str, prefix: FieldPath = (),
                    data: Any = None) -> list[Finding]:
    """One finding per validation error, each pointing at its path in the file; with the validated `data`,
    a message names the list item it is about by its id or name."""
    found = []
    for error in exc.errors(include_url=False):
        loc: FieldPath = tuple(error["loc"])
        rule, message, hint = _describe(error, model, loc, data)
        found.append(finding(rule, relpath, message, hint=hint, path=prefix + loc))
    return found
