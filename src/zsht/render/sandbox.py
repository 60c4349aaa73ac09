"""The sandbox templates run in: what they may touch, and how much time and room one document may take.

A county's own templates are code written by whoever edits the county repository. Jinja's sandbox keeps them
away from Python's internals; the limits here keep one of them from stopping the batch forever or filling the
memory (a recursive macro, a division by zero, `range(10**9)`, `"x" * 10**9`): each becomes one Chinese line
naming the template and its line, never an internal error.
"""

from __future__ import annotations

import functools
import operator
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment

from .ooxml import HELPERS

MAX_ITEMS = 100_000  # the longest range a template may build, as Jinja's own sandbox allows
MAX_OUTPUT = 50_000_000  # characters one template may produce (a .docx body is well under 1 MB)
SECONDS = 60.0  # one document's render; the largest built-in document takes milliseconds


class TemplateLimit(Exception):
    """A template went past a limit; the message (Chinese) says which."""


NO_DEADLINE = float("inf")
# The deadline of the render running in this process, when no timer signal watches it (outside the main thread).
_deadline = [NO_DEADLINE]


def check_time() -> None:
    """Stop a render that has run past its deadline, where no timer signal can (calls and filters ask)."""
    if _deadline[0] != NO_DEADLINE and time.monotonic() > _deadline[0]:
        raise TemplateLimit(f"渲染超过 {SECONDS:g} 秒，已停止（可能是循环过多）")


def _on_alarm(signum: int, frame: Any) -> None:
    raise TemplateLimit(f"渲染超过 {SECONDS:g} 秒，已停止（可能是循环过多）")


@contextmanager
def time_limit() -> Iterator[None]:
    """Run the body with a deadline of SECONDS: a timer signal interrupts even a loop that calls nothing
    (in the main thread, where Python delivers signals); elsewhere calls and filters check the clock."""
    timer = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous: Any = None
    if timer:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, SECONDS)
    else:
        _deadline[0] = time.monotonic() + SECONDS
    try:
        yield
    finally:
        _deadline[0] = NO_DEADLINE
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _check_sizes(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a whole number big enough to ask for more room than a document may take (`center(10**9)`)."""
    for value in (*args, *kwargs.values()):
        if type(value) is int and abs(value) > MAX_OUTPUT:
            raise TemplateLimit(f"数值 {value} 过大，模板不能用它生成内容（上限 {MAX_OUTPUT}）")


def safe_range(*args: int) -> range:
    """range() capped at MAX_ITEMS items."""
    _check_sizes(args, {})
    made = range(*args)
    if len(made) > MAX_ITEMS:
        raise TemplateLimit(f"range 有 {len(made)} 项，超过上限 {MAX_ITEMS}")
    return made


# Jinja's filters that take a width or a count, or a format string that can ask for any width. Jinja calls
# filters directly, not through `call`: these are wrapped to check their numbers first. zsht's own filters and
# the rest of Jinja's build nothing larger than their input.
SIZED_FILTERS = frozenset({"center", "indent", "truncate", "wordwrap", "batch", "slice", "format", "filesizeformat",
                           "round", "urlize", "xmlattr"})
_WIDE_FORMAT = re.compile(r"[%{:][-#0 +<>^=,_.]*(\*|\d{7,})")


def _check_format(text: Any) -> None:
    """Refuse a format string that asks for a width of millions (`%0999999999d`, `{:0999999999}`)."""
    if isinstance(text, str) and _WIDE_FORMAT.search(text):
        raise TemplateLimit("格式字符串要求的宽度过大")


def limited(filter_function: Callable[..., Any], formats: bool = False) -> Callable[..., Any]:
    """A filter that checks the clock and its numbers first, and with `formats` the format string it formats."""
    @functools.wraps(filter_function)  # keeps Jinja's pass_context marks, which live in __dict__
    def checked(*args: Any, **kwargs: Any) -> Any:
        check_time()
        _check_sizes(args, kwargs)
        if formats and args:
            _check_format(args[0])
        return filter_function(*args, **kwargs)
    return checked


def _sized(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else 0


def _repeat(left: Any, right: Any) -> Any:
    """`*` that refuses to build a string or list beyond MAX_OUTPUT."""
    count, item = (right, left) if isinstance(right, int) else (left, right)
    if isinstance(count, int) and _sized(item) * max(count, 0) > MAX_OUTPUT:
        raise TemplateLimit(f"重复 {count} 次生成的内容过大（上限 {MAX_OUTPUT} 个字符）")
    return operator.mul(left, right)


def _power(left: Any, right: Any) -> Any:
    """`**` that refuses exponents that take minutes to compute (`10**10**10`)."""
    if isinstance(right, int) and isinstance(left, int) and abs(right) > 10_000 and abs(left) > 1:
        raise TemplateLimit(f"乘方的指数 {right} 过大")
    return operator.pow(left, right)


def _modulo(left: Any, right: Any) -> Any:
    """`%` on numbers as Python does it; `%` string formatting, which can ask for any width, is refused."""
    if isinstance(left, str):
        raise TemplateLimit("模板中不能用 % 格式化文字，请用 ~ 连接或 format 过滤器")
    return operator.mod(left, right)


_BINOPS: dict[str, Callable[[Any, Any], Any]] = {"*": _repeat, "**": _power, "%": _modulo}


class DocumentSandbox(SandboxedEnvironment):
    """The sandbox, with limits, and a fast path for what documents touch most: the fields of zsht's own view
    records (plain data, read by name) and calls to zsht's own helpers. Everything else goes through the full
    sandbox checks, so `''.__class__` and friends are still refused."""

    # Intercepted operators are also never folded into constants while compiling, so `10**10**10` in a template
    # is refused when it runs, not computed while it compiles.
    intercepted_binops = frozenset(_BINOPS)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        return _BINOPS[operator](left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        kind = type(obj)
        if kind in VIEW_TYPES and attribute[:1] != "_":
            fields = obj.__dict__
            if attribute in fields:
                return fields[attribute]
        elif kind is LoopContext and attribute in LOOP_FIELDS:
            return getattr(obj, attribute)
        elif attribute in ("format", "format_map"):
            _check_format(obj)  # the sandbox hands out its own wrapper for str.format, under another name
        return super().getattr(obj, attribute)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        if id(__obj) in FAST_CALLS:
            kwargs.pop("_loop_vars", None)  # Jinja's own bookkeeping, not meant for the callee
            kwargs.pop("_block_vars", None)
            return __obj(*args, **kwargs)
        check_time()
        _check_sizes(args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)


VIEW_TYPES: set[type] = set()
LOOP_FIELDS = frozenset({"index", "index0", "first", "last", "length", "revindex", "revindex0"})
FAST_CALLS: set[int] = {id(helper) for helper in HELPERS.values()}
