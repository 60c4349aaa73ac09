"""`--help` pages in Chinese: headings, usage line, value types and the [default]/[required] notes.

typer formats help through click's HelpFormatter; the English words it adds ("Usage:", "Options", "<int>",
"[default: x]", "[required]") are all written through a handful of formatter methods, so one formatter
subclass translates them, and also wraps by display width (a Chinese character takes two columns).
"""

from __future__ import annotations

import inspect
import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from types import TracebackType

import typer
from typer._click import HelpFormatter  # typer ships click inside itself; the formatter is not re-exported

HEADINGS = {"Usage": "用法", "Options": "选项", "Arguments": "参数", "Commands": "命令"}

# The value types typer shows after an option ("-o <path>"); choice lists ("<text|json>") stay as they are,
# since their words are the values to type.
TYPE_WORDS = {
    "str": "文本", "int": "整数", "float": "数字", "bool": "是或否", "path": "路径", "file": "文件",
    "directory": "目录", "datetime": "日期时间", "date": "日期", "int range": "整数", "float range": "数字",
    "Path": "路径",
}

_TYPE = re.compile(r"<([^<>|]+)>")
_LIST = re.compile(r"list\[(.+)\]")
_NOTES = re.compile(r"(?s)(.*?)(\s*)\[([^\[\]]+)\]")
_RANGE = (
    (re.compile(r"x>=(\S+)"), r"不小于 \1"),
    (re.compile(r"x<=(\S+)"), r"不大于 \1"),
    (re.compile(r"(\S+)<=x<=(\S+)"), r"\1 到 \2"),
    (re.compile(r"default: (.*)"), r"默认：\1"),
    (re.compile(r"env var: (.*)"), r"环境变量：\1"),
    (re.compile(r"required"), "必填"),
)


def summary(help_text: str | None) -> str:
    """A command's one-line summary: the first sentence of its help, whole (click would cut it at 45 letters)."""
    if not help_text:
        return ""
    first = unfold(inspect.cleandoc(help_text).partition("\f")[0].split("\n\n")[0])
    head, stop, _ = first.partition("。")
    return head + stop


def _type_word(match: re.Match[str]) -> str:
    name = match.group(1)
    listed = _LIST.fullmatch(name)
    word = TYPE_WORDS.get(listed.group(1) if listed else name, name)
    return f"<{word}>" + ("..." if listed else "")


def _notes(help_text: str) -> str:
    """"[default: x; required]" at the end of an option's help, in Chinese; any other brackets are left alone."""
    match = _NOTES.fullmatch(help_text)
    if not match:
        return help_text
    words = []
    for part in match.group(3).split("; "):
        for pattern, chinese in _RANGE:
            if pattern.fullmatch(part):
                words.append(pattern.sub(chinese, part))
                break
        else:
            return help_text
    return f"{match.group(1)}{match.group(2)}[{'；'.join(words)}]"


def width(text: str) -> int:
    """Columns `text` takes in a terminal: wide (Chinese) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# A line breaks between words and between Chinese characters, never inside a bracketed note ("[默认：out]").
# No line starts with closing punctuation, none ends with opening punctuation (the usual Chinese line-break rule).
_NO_START = set("，。、；：？！）》」』”’,.;:?!)]}…")
_NO_END = set("（《「『“‘([{")
# A unit `wrap` never cuts: a [note], a run of spaces, one wide character, or a run of narrow ones. Compiled on first
# use (functools.cache): its wide ranges took 4 ms to compile, at the start of every run, help page or not.
_UNIT = r"\[[^\[\]]*\]|\s+|[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’…]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’…]+"


def unfold(text: str) -> str:
    """`text` on one line: lines joined by a space, but not between two Chinese characters (no space there)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    joined = lines[0] if lines else ""
    for line in lines[1:]:
        joined += line if width(joined[-1]) == 2 and width(line[0]) == 2 else " " + line
    return joined


@cache
def _units() -> re.Pattern[str]:
    return re.compile(_UNIT)


def wrap(text: str, columns: int) -> list[str]:
    """`text` cut into lines of at most `columns` display columns, between words or Chinese characters."""
    lines: list[str] = []
    line = ""
    for unit in _units().findall(unfold(text)):
        if unit.isspace():
            if line:
                line += " "
            continue
        if line and width(line + unit) > columns:
            keep = ""
            if unit[0] in _NO_START and width(line[-1]) == 2:  # closing punctuation takes a character along
                keep, line = line[-1], line[:-1]
            while line and line[-1] in _NO_END:  # an opening bracket moves down with what it opens
                keep, line = line[-1] + keep, line[:-1]
            if line.strip():
                lines.append(line.rstrip())
                line = keep
            else:
                line += keep
        line += unit
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


class ZshtHelpFormatter(HelpFormatter):
    """click's help formatter, speaking Chinese and measuring Chinese characters as two columns."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]...")
        start = f"{'':>{self.current_indent}}{prefix or '用法：'}{prog} "
        lines = wrap(args, max(self.width - width(start), 20))
        self.write(start + f"\n{' ' * width(start)}".join(lines) + "\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        self.write("\n\n".join("\n".join(indent + line for line in wrap(p, self.width - self.current_indent))
                               for p in paragraphs) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(_TYPE.sub(_type_word, first), _notes(second)) for first, second in rows]
        first_col = min(max((width(first) for first, _ in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, max(self.width - first_col - self.current_indent, 20))
            self.write(f"\n{' ' * (first_col + self.current_indent)}".join(lines) + "\n")


class ZshtContext(typer.Context):
    """The context of every zsht command: Chinese help, and usage errors that know their command."""

    formatter_class = ZshtHelpFormatter

    def __exit__(self, exc_type: type[BaseException] | None, exc_value: BaseException | None,
                 tb: TracebackType | None) -> bool | None:
        # click's option parser raises some usage errors without a context ("Option '-o' requires an argument");
        # the innermost context they pass through is the command they belong to, for the "--help" hint.
        if exc_value is not None and hasattr(exc_value, "ctx") and getattr(exc_value, "ctx", None) is None:
            setattr(exc_value, "ctx", self)  # noqa: B010 - the attribute is click's, not declared on BaseException
        return super().__exit__(exc_type, exc_value, tb)
