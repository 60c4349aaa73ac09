"""Usage errors (unknown option or command, a missing or bad value) as one Chinese line with a way out.

click and typer word these errors in English, built from pydantic messages or their own format strings.
Each kind is recognised here by its exception class, its pydantic error type or its message pattern; a
message that is none of these is never shown in English: a generic Chinese line names the parameter instead.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from ..oserrors import errno_words


def _is(exc: BaseException, name: str) -> bool:
    # click's exception classes live in typer's private `_click` package: recognised by name, not imported.
    return any(cls.__name__ == name for cls in type(exc).__mro__)


def _listing(words: Any) -> str:
    return "、".join(str(w) for w in words)


def _pydantic_words(error: dict[str, Any]) -> str | None:
    """What a pydantic validation error of a command-line value means, in Chinese."""
    kind, ctx, value = error.get("type", ""), error.get("ctx") or {}, error.get("input")
    if kind.startswith("int_"):
        return "应为整数"
    if kind.startswith("float_") or kind == "decimal_parsing":
        return "应为数字"
    if kind == "finite_number":
        return "应为有限的数"
    limits = {"greater_than_equal": ("ge", "应不小于"), "less_than_equal": ("le", "应不大于"),
              "greater_than": ("gt", "应大于"), "less_than": ("lt", "应小于")}
    if kind in limits:
        key, words = limits[kind]
        return f"{words} {ctx.get(key)}"
    if kind.startswith(("date", "time")):
        return f"“{value}”不是有效的日期或时间，应写成 2016-02-10 或 2016-02-10T09:30:00 这样"
    if kind.startswith("bool"):
        return f"“{value}”不是是或否（可写 true、false、yes、no、1、0）"
    if kind == "value_error":
        choice = re.fullmatch(r"'(.*)' is not one of (.*)\.", str(ctx.get("error", "")), re.DOTALL)
        if choice:
            allowed = re.findall(r"'([^']*)'", choice.group(2))
            return f"“{choice.group(1)}”不是可选值，可选：{_listing(allowed)}"
    return None


_PATH_WORDS = (
    (re.compile(r"\w+ '(.*)' does not exist\.", re.DOTALL), "“{}”不存在"),
    (re.compile(r"\w+ '(.*)' is a directory\.", re.DOTALL), "“{}”是目录，应为文件"),
    (re.compile(r"\w+ '(.*)' is a file\.", re.DOTALL), "“{}”是文件，应为目录"),
    (re.compile(r"\w+ '(.*)' is not readable\.", re.DOTALL), "“{}”没有读取权限"),
    (re.compile(r"\w+ '(.*)' is not writable\.", re.DOTALL), "“{}”没有写入权限"),
)


def _bad_value(exc: Exception) -> str:
    """Why a value was refused."""
    message = str(getattr(exc, "message", exc))
    cause = exc.__cause__
    if cause is not None and type(cause).__name__ == "ValidationError" and hasattr(cause, "errors"):
        errors = cause.errors()
        words = _pydantic_words(errors[0]) if errors else None
        if words:
            return words
    if isinstance(cause, OSError):
        return f"{cause.filename or ''}：{errno_words(cause.errno)}"
    for pattern, words in _PATH_WORDS:
        if match := pattern.fullmatch(message):
            return words.format(match.group(1))
    if _chinese(message):  # a message zsht itself wrote (typer.BadParameter("…") in a callback)
        return message
    return "不是有效的值"


def _hint(exc: Exception) -> str:
    """How the user wrote the parameter: "--year / -y" for an option, its metavar for an argument."""
    hint = getattr(exc, "param_hint", None)
    if isinstance(hint, (list, tuple)):
        return " / ".join(hint)
    param = getattr(exc, "param", None)
    if hint is None and param is not None:
        is_argument = getattr(param, "param_type_name", "") == "argument"
        hint = (param.metavar or param.name) if is_argument else " / ".join(param.opts)
    return str(hint or "")


def _no_such_command(name: str, ctx: Any) -> str:
    said = f"没有命令“{name}”"
    commands = list(getattr(getattr(ctx, "command", None), "commands", {}) or {})
    close = difflib.get_close_matches(name, commands)
    return said + (f"（是不是要写 {'、'.join(close)}？）" if close else "")


def _plain_usage(message: str, ctx: Any) -> str:
    """The usage errors click words without a parameter object, recognised by their English pattern."""
    if match := re.fullmatch(r"No such command '(.*)'\.(?: Did you mean .*\?)?", message, re.DOTALL):
        return _no_such_command(match.group(1), ctx)
    if message == "Missing command.":
        return "缺少命令"
    if match := re.fullmatch(r"Option '(.*)' requires (?:an argument|(\d+) arguments)\.", message):
        return f"选项 {match.group(1)} 后面要跟" + (f" {match.group(2)} 个值" if match.group(2) else "一个值")
    if match := re.fullmatch(r"Option '(.*)' does not take a value\.", message):
        return f"选项 {match.group(1)} 不带值"
    if match := re.fullmatch(r"Argument '(.*)' takes (\d+) values\.", message):
        return f"参数 {match.group(1)} 要 {match.group(2)} 个值"
    if match := re.fullmatch(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)", message, re.DOTALL):
        return f"多余的参数：{match.group(1)}"
    if _chinese(message):
        return message
    return "命令行写得不对"


def usage_message(exc: Exception) -> str:
    """A usage error as one Chinese line, ending with the `--help` to run."""
    message = str(getattr(exc, "message", exc))
    ctx = getattr(exc, "ctx", None)
    if _is(exc, "NoSuchOption"):
        said = f"没有选项 {exc.option_name}"  # type: ignore[attr-defined]
        if getattr(exc, "possibilities", None):
            said += f"（是不是要写 {'、'.join(sorted(exc.possibilities))}？）"  # type: ignore[attr-defined]
    elif _is(exc, "MissingParameter"):
        said = f"缺少 {_hint(exc)}"
    elif _is(exc, "BadParameter"):
        said = f"{_hint(exc)} 的值不对：{_bad_value(exc)}" if _hint(exc) else f"值不对：{_bad_value(exc)}"
    else:
        said = _plain_usage(message, ctx)
    return f"{said}（运行 {ctx.command_path if ctx is not None else 'zsht'} --help 查看用法）"


def _chinese(message: str) -> bool:
    """Whether `message` has a Chinese character (U+3400–U+9FFF). A loop, not a regular expression: compiling
    that range took 3 ms of every run's start, for an error few runs have."""
    return any("\u3400" <= char <= "\u9fff" for char in message)
