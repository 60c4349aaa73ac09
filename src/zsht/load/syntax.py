"""libyaml's and PyYAML's error messages said in Chinese, at the line a person has to look at."""

from __future__ import annotations

import unicodedata

import yaml

# (the English words libyaml or PyYAML use, what to say instead). Matched as a prefix of the problem, so
# the variable tail PyYAML appends ("… for the tag '!foo'", "… but found sequence") does not matter.
_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("could not find expected ':'", "找不到键后面的冒号“:”"),
    ("mapping values are not allowed", "这里不能出现“键: 值”（冒号后跟空格）"),
    ("block sequence entries are not allowed", "这里不能出现列表项“- ”"),
    ("mapping keys are not allowed", "这里不能出现“? ”开头的键"),
    ("did not find expected key", "缩进不对：这里应是与上文对齐的“键: 值”"),
    ("did not find expected '-' indicator", "缩进不对：这里应是与上文对齐的列表项“- ”"),
    ("did not find expected ',' or ']'", "方括号列表没有闭合：缺少“,”或“]”"),
    ("did not find expected ',' or '}'", "花括号映射没有闭合：缺少“,”或“}”"),
    ("did not find expected node content", "这里缺少取值"),
    ("did not find expected <document start>", "文档开头不对"),
    ("did not find expected comment or line break", "取值之后只能是注释（#）或换行"),
    ("found character that cannot start any token", "这个字符不能出现在取值开头（@、`、Tab 等须放在引号里）"),
    ("found unexpected end of stream", "文件在引号或括号闭合之前就结束了"),
    ("found unexpected document indicator", "文字中出现了文档分隔符“---”或“...”"),
    ("found unknown escape character", "双引号中有无效的转义字符（反斜杠“\\”后的字母）"),
    ("did not find expected hexdecimal number", "双引号中的 \\x、\\u 转义后缺少十六进制数字"),
    ("found invalid Unicode character escape code", "双引号中的 \\u 转义不是有效的字符"),
    ("found a tab character", "缩进中有 Tab 字符"),
    ("found an indentation indicator equal to 0", "块文字（| 或 >）的缩进标记不能是 0"),
    ("did not find expected alphabetic or numeric character", "锚点（&）或别名（*）后缺少名称"),
    ("exceeded maximum nesting depth", "嵌套层数过多"),
    ("found unexpected ':'", "这里不能出现冒号（含冒号的文字请加引号）"),
    ("found undefined alias", "别名（*）引用了未定义的锚点（&）"),
    ("second occurrence", "同一锚点（&）定义了两次"),
    ("but found another document", "一个文件只能有一个文档（多了“---”分隔的第二个文档）"),
    ("found incompatible YAML document", "不支持的 YAML 版本声明（%YAML）"),
    ("found undefined tag handle", "标记（!）的前缀未定义"),
    ("could not determine a constructor for the tag", "不认识的标记（!）"),
    ("found unhashable key", "键不能是列表或映射"),
    ("expected a mapping", "这里的标记要求映射（键: 值）"),
    ("expected a sequence", "这里的标记要求列表"),
    ("expected a scalar node", "这里的标记要求单个取值，不能是列表或映射"),
    ("failed to", "!!binary 的内容不是有效的 base64"),
)
_FULLWIDTH_COLON = "："


def problem_words(problem: str) -> str:
    """A libyaml/PyYAML problem in Chinese; an unknown one is kept, marked as the parser's own words."""
    problem = problem.strip()
    for english, chinese in _PROBLEMS:
        if problem.startswith(english):
            return chinese
    return f"无法解析（解析器报告：{problem}）"


def marked_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, str, int, int]:
    """Message, hint, 1-based line and column of a parse error.

    For a key without its colon libyaml stops at the line after the key; the key's own line (the
    context mark) is where the fix goes, and a full-width colon there gets its own hint.
    """
    problem = (exc.problem or "").strip()
    mark = exc.problem_mark or exc.context_mark
    if problem.startswith("could not find expected ':'") and exc.context_mark is not None:
        mark = exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    source = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    return f"YAML 语法错误：{problem_words(problem)}", _hint(problem, source), line, column


def _hint(problem: str, source: str) -> str:
    if _FULLWIDTH_COLON in source.split("#", 1)[0]:
        return "键后面要用半角冒号“:”加空格，不能用全角冒号“：”"
    if "tab" in problem.lower():
        return "YAML 缩进只能用空格，不能用 Tab"
    if problem.startswith("mapping values"):
        return "冒号后要有空格；含冒号的文字请加引号"
    if problem.startswith(("found unknown escape", "did not find expected hex", "found invalid Unicode")):
        return "反斜杠写作“\\\\”，或改用单引号"
    if problem.startswith(("could not determine a constructor", "expected a ", "failed to")):
        return "删除该标记（! 或 !! 开头的词），直接写取值"
    return "检查该位置附近的缩进、冒号和引号"


def reader_error(exc: yaml.reader.ReaderError, text: str) -> tuple[str, str, int, int]:
    """Message, hint, line and column of a character YAML does not allow (a raw NUL byte, say).

    libyaml counts the position in UTF-8 bytes of the text, so the line is counted there too.
    """
    before = text.encode("utf-8")[: max(exc.position, 0)].decode("utf-8", errors="ignore")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    name = unicodedata.name(chr(code), "") if code > 0x9F else ""
    label = f"U+{code:04X}" + (f"（{name}）" if name else "")
    return (f"YAML 语法错误：有 YAML 不允许的字符 {label}（控制字符或非字符）",
            "删除该字符；它常来自从其他软件复制的文字", line, column)
