"""Schema findings: pydantic's validation errors said in Chinese, with "did you mean …"."""

from __future__ import annotations

import difflib
import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from ..findings import Finding, Path
from ..models.common import PATTERN_EXAMPLES
from ..ruletable import finding

_TYPE_WORDS = {
    "int_parsing": "应为整数", "int_type": "应为整数", "int_from_float": "应为整数",
    "decimal_parsing": "应为数字", "decimal_type": "应为数字", "float_parsing": "应为数字",
    "float_type": "应为数字", "decimal_max_places": "最多两位小数", "decimal_max_digits": "数字位数过多",
    "date_parsing": "应为日期，如 2015-03-10", "date_type": "应为日期，如 2015-03-10",
    "date_from_datetime_parsing": "应为日期，如 2015-03-10", "date_from_datetime_inexact": "应为日期，不带时刻",
    "string_type": "应为文字", "list_type": "应为列表（每项以“- ”开头）",
    "dict_type": "应为映射（键: 值）", "model_type": "应为映射（键: 值）", "model_attributes_type": "应为映射（键: 值）",
    "bool_type": "应为 true 或 false", "bool_parsing": "应为 true 或 false",
}


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) in (Union, types.UnionType, list, dict) or get_args(annotation):
        for arg in get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def field_at(model: type[BaseModel], loc: Path) -> tuple[type[BaseModel] | None, FieldInfo | None]:
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


def _name(loc: Path) -> str:
    dotted = ""
    for step in loc:
        dotted += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if dotted else str(step))
    return dotted or "（文件顶层）"


def _describe(error: ErrorDetails, model: type[BaseModel], loc: Path) -> tuple[str, str, str | None]:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    holder, info = field_at(model, loc)
    label = f"“{_name(loc)}”"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        options = list(holder.model_fields) if holder else []
        close = difflib.get_close_matches(key, options, n=1, cutoff=0.6)
        hint = f"是不是要写 {close[0]}？" if close else (f"可用的键：{', '.join(options)}" if options else None)
        return "ZS101", f"未知字段“{key}”", hint
    if kind == "missing":
        what = f"（{info.description}）" if info and info.description else ""
        return "ZS103", f"缺少必填字段{label}{what}", None
    if kind == "string_pattern_mismatch":
        example = PATTERN_EXAMPLES.get(str(ctx.get("pattern")))
        hint = f"应形如 {example}" if example else f"应符合格式 {ctx.get('pattern')}"
        return "ZS104", f"{label}的编号“{error.get('input')}”格式不对", hint
    if kind == "literal_error":
        return "ZS102", f"{label}的值“{error.get('input')}”不在可选范围内", f"可选：{ctx.get('expected')}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = {"greater_than": "大于", "greater_than_equal": "不小于", "less_than": "小于",
                 "less_than_equal": "不大于"}[kind]
        limit = next(iter(ctx.values()), "")
        return "ZS102", f"{label}应{bound} {limit}，现为 {error.get('input')}", None
    if kind == "too_short":
        return "ZS102", f"{label}至少要有 {ctx.get('min_length')} 项", None
    words = _TYPE_WORDS.get(kind)
    if words:
        return "ZS102", f"{label}{words}，现为“{error.get('input')}”", None
    return "ZS102", f"{label}：{error['msg']}", None


def schema_findings(exc: ValidationError, model: type[BaseModel], relpath: str, prefix: Path = ()) -> list[Finding]:
    """One finding per validation error, each pointing at its path in the file."""
    found = []
    for error in exc.errors(include_url=False):
        loc: Path = tuple(error["loc"])
        rule, message, hint = _describe(error, model, loc)
        found.append(finding(rule, relpath, message, hint=hint, path=prefix + loc))
    return found
