"""Jinja's and Python's English error messages, said in Chinese for the person who edits a county's templates.

Each error becomes one line: the template file, its line, and what went wrong, with the names the person wrote
(a field, a tag) kept as they are and Jinja's own words translated. A message no pattern here knows is not
echoed in English: the line says what kind of mistake it is and quotes the template's own line instead.
"""

from __future__ import annotations

import re
import traceback
from pathlib import Path

import jinja2

from ..errors import UserError
from .sandbox import TemplateLimit

# Jinja's names for tokens (jinja2.lexer.describe_token), as the person sees them in the template.
_TOKENS = {
    "end of statement block": "%}", "begin of statement block": "{%", "end of print statement": "}}",
    "begin of print statement": "{{", "end of template": "模板结尾", "end of comment": "#}",
}


def _token(text: str) -> str:
    return _TOKENS.get(text, text)


_SYNTAX: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Encountered unknown tag '([^']*)'"), "未知的标签 {0}"),
    (re.compile(r"Unexpected end of template"), "模板意外结束，缺少 endif、endfor 等结束标签"),
    (re.compile(r"unexpected end of template, expected '([^']*)'"), "模板意外结束，缺少 {0}"),
    (re.compile(r"Expected an expression, got '([^']*)'"), "此处应有表达式，却是 {0}"),
    (re.compile(r"expected token '([^']*)', got '([^']*)'"), "此处应为 {0}，却是 {1}"),
    (re.compile(r"unexpected char '(.*)' at \d+"), "意外的字符 {0}"),
    (re.compile(r"unexpected '([^']*)'"), "意外的 {0}"),
    (re.compile(r"Block '([^']*)' defined twice"), "块 {0} 定义了两次"),
    (re.compile(r"can't assign to '([^']*)'"), "不能给 {0} 赋值"),
    (re.compile(r"No (?:filter|test) named '([^']*)'"), "没有名为 {0} 的过滤器或测试"),
]
_UNDEFINED: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^'(?:[\w.]+\.)?(\w+) object' has no attribute '([^']*)'$"), "{0} 没有字段 {1}"),
    (re.compile(r"^'?(?:[\w.]+\.)?(\w+) object'? has no element (.*)$"), "{0} 没有第 {1} 项"),
    (re.compile(r"^'([^']*)' is undefined$"), "没有名为 {0} 的变量"),
    (re.compile(r"^'([^']*)' has no attribute '([^']*)'$"), "{0} 没有字段 {1}"),
]
_SECURITY: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"access to attribute '([^']*)' of '(\w+)' object is unsafe"), "不允许读取 {1} 的属性 {0}"),
    (re.compile(r"(.*) is not safely callable"), "不允许调用 {0}"),
]
_RUNTIME: list[tuple[type[BaseException], str]] = [
    (RecursionError, "递归过深（宏或 include 调用了自己？）"),
    (ZeroDivisionError, "除以零"),
    (OverflowError, "数值超出范围"),
    (MemoryError, "生成的内容过大，内存不足"),
    (ArithmeticError, "计算出错"),
    (LookupError, "取不存在的项或键"),
    (TypeError, "数据类型不对（如文字与数字相加，或调用了不能调用的东西）"),
    (ValueError, "数值不合要求"),
    (AttributeError, "取不存在的属性"),
]


_CHINESE = re.compile("[\u4e00-\u9fff]")


def _translated(message: str, patterns: list[tuple[re.Pattern[str], str]]) -> str | None:
    for pattern, chinese in patterns:
        found = pattern.search(message)
        if found:
            return chinese.format(*(_token(group) for group in found.groups()))
    return None


def _template_line(exc: BaseException) -> tuple[str | None, int | None, str]:
    """The template file and line an error was raised at, and that line's text, from Jinja's rewritten traceback."""
    name = getattr(exc, "name", None) or getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None)
    if line is not None:
        source = getattr(exc, "source", None) or ""
        lines = source.splitlines()
        return name, line, lines[line - 1] if 0 < line <= len(lines) else ""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return Path(frame.filename).name, frame.lineno, frame.line or ""
    return name, None, ""


def _quoted(text: str) -> str:
    text = text.strip()
    return f"：{text[:60]}{'…' if len(text) > 60 else ''}" if text else ""


def template_error(exc: BaseException) -> UserError:
    """One Chinese line for a broken template: its name, its line and what went wrong."""
    if isinstance(exc, jinja2.TemplateNotFound):
        return UserError(f"找不到模板 {exc.name}", hint="检查县级仓库 templates/ 中的文件名")
    name, line, text = _template_line(exc)
    where = f"模板 {Path(name).name if name else '（未知）'}" + (f" 第 {line} 行" if line else "")
    message = getattr(exc, "message", None) or str(exc)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        said = _translated(message, _SYNTAX)
        return UserError(f"{where}有语法错误：{said}" if said else f"{where}有语法错误{_quoted(text)}")
    if isinstance(exc, jinja2.exceptions.SecurityError):
        said = _translated(message, _SECURITY) or "访问了不安全的内容"
        return UserError(f"{where}被沙箱拒绝：{said}")
    if isinstance(exc, jinja2.UndefinedError):
        said = _translated(message, _UNDEFINED) or "引用了不存在的字段"
        return UserError(f"{where}引用了不存在的字段：{said}", hint="检查字段名是否拼写正确")
    if isinstance(exc, TemplateLimit):
        return UserError(f"{where}超出限制：{exc}")
    if _CHINESE.search(message):  # zsht's own helpers already speak Chinese (table style, amounts)
        return UserError(f"{where}出错：{message}")
    said = next((chinese for kind, chinese in _RUNTIME if isinstance(exc, kind)), "出错")
    return UserError(f"{where}{'出错：' if said != '出错' else ''}{said}{_quoted(text)}")
