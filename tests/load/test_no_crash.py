"""Values YAML can hold but no record can: each is one finding at its place, and the rest of the county
is still validated, rendered and scored (issue 9, "internal errors" and "silent success")."""

from __future__ import annotations

import json
import os
import re
import threading
from pathlib import Path
from typing import Any

import pytest

from ..mini_county import MiniCounty

AGREEMENT = "agreements/2015/niushan/niushan-xinhua.yaml"
EVALUATION = "evaluations/2015/niushan/niushan-xinhua.yaml"
OTHER = "agreements/2015/niushan/niushan-qianjin.yaml"


def replace_line(root: Path, relpath: str, pattern: str, line: str) -> int:
    """Replace the first line matching `pattern` by `line`; the 1-based number of that line."""
    path = root / relpath
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, text in enumerate(lines) if re.match(pattern, text))
    lines[number] = line
    path.write_bytes("\n".join(lines).encode("utf-8"))
    return number + 1


def errors(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in findings if f["severity"] == "error"]


def assert_clean_exit(result: Any) -> None:
    assert result.exit_code in (0, 1, 2), result.output
    assert "内部错误" not in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(("pattern", "line", "field", "why"), [
    (r"^  date:", "  date: 2015-02-30", "signing.date", "2 月只有 28 天"),
    (r"^  date:", "  date: 2015-13-06", "signing.date", "月份"),
    (r"^  date:", "  date: 0000-01-01", "signing.date", "年份"),
    (r"^- due:", "- due: 2015-04-31", "payment[1].due", "4 月只有 30 天"),
    (r"^  date:", "  date: 2015-03-06T25:61:00", "signing.date", "时刻不存在"),
])
def test_a_date_that_does_not_exist_is_one_finding(mini: MiniCounty, cli: Any, tmp_path: Path,
                                                   pattern: str, line: str, field: str, why: str) -> None:
    number = replace_line(mini.root, AGREEMENT, pattern, line)
    [finding] = errors(cli.findings(mini.root))
    assert (finding["rule"], finding["file"], finding["line"]) == ("ZS102", AGREEMENT, number)
    assert field in finding["message"] and why in finding["message"] and "不存在" in finding["message"]
    rendered = cli("-C", mini.root, "render", "agreement", "--all", "-o", tmp_path / "out")
    assert_clean_exit(rendered)
    assert (tmp_path / "out").is_dir() and any((tmp_path / "out").rglob("*.docx"))  # the other committees
    scored = cli("-C", mini.root, "score", "--year", "2015", "--format", "json")
    assert_clean_exit(scored)


@pytest.mark.parametrize(("value", "words"), [
    ("!!int abc", "!!int"), ("!!float abc", "!!float"), ("!!timestamp abc", "!!timestamp"), ("!!bool maybe", "!!bool"),
    ("!!python/object:os.system x", "!!python/object:os.system"), ("!foo x", "!foo"),
])
def test_explicit_tag_with_a_bad_value(mini: MiniCounty, cli: Any, value: str, words: str) -> None:
    number = replace_line(mini.root, AGREEMENT, r"^copies:", f"copies: {value}")
    [finding] = errors(cli.findings(mini.root))
    assert (finding["rule"], finding["file"], finding["line"]) == ("ZS102", AGREEMENT, number)
    assert words in finding["message"] and words in finding["hint"]


@pytest.mark.parametrize("key", ["[a]", "{a: 1}"])
def test_a_list_or_map_as_a_key(mini: MiniCounty, cli: Any, key: str) -> None:
    number = replace_line(mini.root, AGREEMENT, r"^copies:", f"{key}: 1")
    [finding] = errors(cli.findings(mini.root))
    assert (finding["rule"], finding["line"]) == ("ZS102", number) and "键不能是列表或映射" in finding["message"]


@pytest.mark.parametrize("value", ["1", "true", "abc", "{a: 1}"])
def test_a_scalar_where_the_registry_list_belongs(mini: MiniCounty, cli: Any, value: str) -> None:
    replace_line(mini.root, "registry/departments.yaml", r"^departments:", f"departments: {value}\nrest:")
    findings = errors(cli.findings(mini.root))
    assert ("ZS102", "registry/departments.yaml") in {(f["rule"], f["file"]) for f in findings}


@pytest.mark.parametrize(("relpath", "pattern", "line", "words"), [
    (AGREEMENT, r"^funding_total:", "funding_total: " + "9" * 5000, "数字过大"),
    (AGREEMENT, r"^copies:", "copies: " + "9" * 5000, "数字过大"),
    (AGREEMENT, r"^funding_total:", "funding_total: .inf", "应为有限的数字"),
    (AGREEMENT, r"^copies:", "copies: .nan", "应为整数"),
    (AGREEMENT, r"^copies:", "copies: true", "应为整数"),
    (EVALUATION, r"^survey:", "survey: 1e+300", "数字过大"),
    (EVALUATION, r"^    p1:", "    p1: 1e+300", "数字过大"),
    (EVALUATION, r"^  max:", "  max: 1.0e-300", "数字过小"),
    ("zsht.yaml", r"^    优秀:", "    优秀: 1e+300", "数字过大"),
    ("zsht.yaml", r"^  survey_weight:", "  survey_weight: .nan", "应为有限的数字"),
])
def test_numbers_are_finite_and_bounded(mini: MiniCounty, cli: Any, relpath: str, pattern: str, line: str,
                                        words: str) -> None:
    number = replace_line(mini.root, relpath, pattern, line)
    findings = errors(cli.findings(mini.root))
    assert [(f["rule"], f["file"], f["line"]) for f in findings] == [("ZS102", relpath, number)]
    assert words in findings[0]["message"] and len(findings[0]["message"]) < 200
    assert_clean_exit(cli("-C", mini.root, "score", "--year", "2015"))
    assert_clean_exit(cli("-C", mini.root, "report", "--year", "2015"))


@pytest.mark.parametrize("escaped", ["\\0", "\\x01", "\\uFFFE", "\\x85", "\\e", "\\x7f"])
def test_control_characters_in_text_are_reported_with_the_field(mini: MiniCounty, cli: Any, escaped: str) -> None:
    number = replace_line(mini.root, AGREEMENT, r"^breach:", f'breach: "未履约的{escaped}按评估结果核减经费"')
    [finding] = errors(cli.findings(mini.root))
    assert (finding["rule"], finding["line"]) == ("ZS102", number)
    assert "breach" in finding["message"] and "控制字符" in finding["message"] and "第 5 个字符" in finding["message"]


def test_tab_and_newline_in_text_are_fine(mini: MiniCounty, cli: Any) -> None:
    replace_line(mini.root, AGREEMENT, r"^breach:", 'breach: "未履约的\\t按评估\\n结果核减经费"')
    assert errors(cli.findings(mini.root)) == []


def test_a_raw_nul_byte_is_reported_at_its_line(mini: MiniCounty, cli: Any) -> None:
    number = replace_line(mini.root, AGREEMENT, r"^breach:", "breach: 未履约的\0按评估结果核减经费")
    [finding] = errors(cli.findings(mini.root))
    assert (finding["rule"], finding["line"], finding["column"]) == ("ZS002", number, 13)
    assert "U+0000" in finding["message"]


@pytest.mark.parametrize(("broken", "words"), [
    ("copies：4", "半角冒号"),
    ("breach 未履约的按评估结果核减经费\ncopies: 4", "检查"),
])
def test_syntax_errors_are_said_in_chinese_at_the_key(mini: MiniCounty, cli: Any, broken: str, words: str) -> None:
    number = replace_line(mini.root, AGREEMENT, r"^copies:", broken)
    [finding] = errors(cli.findings(mini.root))
    assert finding["rule"] == "ZS002" and finding["line"] == number
    assert not re.search(r"[a-z]{3,}", finding["message"]), finding["message"]  # no English words
    assert words in finding["hint"]


def test_nesting_deeper_than_any_record_is_refused(mini: MiniCounty, cli: Any) -> None:
    replace_line(mini.root, AGREEMENT, r"^copies:", "copies: " + "[" * 600 + "]" * 600)
    [finding] = errors(cli.findings(mini.root))
    assert finding["rule"] == "ZS102" and "嵌套" in finding["message"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_among_the_records_is_a_finding_and_never_opened(mini: MiniCounty, cli: Any) -> None:
    fifo = mini.root / "agreements/2015/niushan/fifo.yaml"
    os.mkfifo(fifo)
    outcome: dict[str, Any] = {}
    worker = threading.Thread(target=lambda: outcome.update(result=cli("-C", mini.root, "validate", "--format", "json")),
                              daemon=True)
    worker.start()
    worker.join(timeout=60)
    if worker.is_alive():  # unblock the reader so the test run itself can end
        with open(fifo, "wb"):
            pass
        pytest.fail("validate hangs on a FIFO")
    result = outcome["result"]
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)
    assert [(f["rule"], f["file"]) for f in errors(findings)] == [("ZS011", "agreements/2015/niushan/fifo.yaml")]
