"""A 补充协议 signed after its agreement's year was evaluated: the evaluation assesses the agreement as it stood on
the evaluation's date, so the late supplement is the error (ZS424), never the frozen evaluation (ZS608).

On the example county 新华社区 was evaluated on 2015-12-16 (已公示); a second supplement adding XZ-026 at 1,000 元
signed on 2015-12-20 changes neither its 21,400.00 元 settlement nor its stored result."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..mini_county import draft_file

FIRST = "supplements/2015/niushan/niushan-xinhua-1.yaml"
LATE = "supplements/2015/niushan/niushan-xinhua-2.yaml"
EVALUATION = "evaluations/2015/niushan/niushan-xinhua.yaml"


def _with_a_late_supplement(root: Path, signed: str = "2015-12-20") -> Path:
    text = (root / FIRST).read_text(encoding="utf-8")
    text = text.replace("BC-2015-niushan-xinhua-1", "BC-2015-niushan-xinhua-2").replace("XZ-027", "XZ-026")
    text = re.sub(r"\n    access: ZR-2015-001", "", text).replace("2015-11-20", signed)
    (root / LATE).write_text(text.replace("due: 2015-12-15", "due: 2015-12-28"), encoding="utf-8")
    return root


def _findings(cli: Any, root: Path) -> list[tuple[str, str, str]]:
    return [(f["file"], f["rule"], f["message"]) for f in cli.findings(root)]


def test_a_supplement_signed_after_the_evaluation_is_the_error_not_the_evaluation(cli: Any, donghai: Path) -> None:
    root = _with_a_late_supplement(donghai)
    found = _findings(cli, root)
    assert [(f, r) for f, r, _ in found] == [(LATE, "ZS424")], found
    assert "晚于协议 XY-2015-niushan-xinhua 的年度评估（2015-12-16，已公示）" in found[0][2]
    result = cli("-C", root, "validate")
    assert "评估之后的变更写进次年的协议" in result.stdout and "另签一份补充协议" not in result.stdout
    score = cli("-C", root, "score", "--year", "2015", "--township", "niushan", "--format", "json")
    xinhua = {r["community"]: r for r in json.loads(score.stdout)["communities"]}["niushan-xinhua"]
    assert (xinhua["agreed"], xinhua["settlement"], xinhua["stored_matches"]) == ("21400", "21400.00", True)


def test_a_draft_evaluation_dated_after_the_supplement_takes_it_in(cli: Any, donghai: Path) -> None:
    """Still a draft: the hint says to move the evaluation's date; moved, the supplement counts (+1,000 元)."""
    root = _with_a_late_supplement(donghai)
    draft_file(root / EVALUATION)
    result = cli("-C", root, "validate")
    assert f"把评估日期（{EVALUATION} 的 date）改到补充协议签订之后" in result.stdout, result.stdout
    text = (root / EVALUATION).read_text(encoding="utf-8")
    (root / EVALUATION).write_text(text.replace("date: 2015-12-16", "date: 2015-12-22", 1), encoding="utf-8")
    found = _findings(cli, root)
    assert not [f for f in found if f[1] == "ZS424"], found
    score = cli("-C", root, "score", "--year", "2015", "--township", "niushan", "--format", "json")
    xinhua = {r["community"]: r for r in json.loads(score.stdout)["drafts"]}["niushan-xinhua"]
    assert xinhua["agreed"] == "22400"


def test_signing_a_supplement_after_the_evaluation_is_refused(cli: Any, donghai: Path) -> None:
    root = _with_a_late_supplement(donghai)
    text = (root / LATE).read_text(encoding="utf-8")
    (root / LATE).write_text(text.split("status:")[0] + "status: 草稿\n", encoding="utf-8")
    assert not [f for f in _findings(cli, root) if f[1] == "ZS424"]
    before = (root / LATE).read_bytes()
    result = cli("-C", root, "sign", "--year", "2015", "--community", "niushan-xinhua", "--date", "2015-12-20")
    assert result.exit_code == 1, result.output
    assert "ZS424" in result.stderr or "晚于协议" in result.stderr, result.stderr
    assert (root / LATE).read_bytes() == before


def test_a_supplement_dated_before_the_evaluation_but_signed_after_it_was_finalized_is_refused(
        cli: Any, donghai: Path) -> None:
    """Its date would take it into the evaluation, whose stored result (21,400.00) was finalized without it: the
    write gate names the error it would give that evaluation (ZS608), which nothing may then change."""
    root = _with_a_late_supplement(donghai)
    text = (root / LATE).read_text(encoding="utf-8")
    (root / LATE).write_text(text.split("status:")[0] + "status: 草稿\n", encoding="utf-8")
    before = (root / LATE).read_bytes()
    result = cli("-C", root, "sign", "--year", "2015", "--community", "niushan-xinhua", "--date", "2015-12-10")
    assert result.exit_code == 1, result.output
    assert f"{EVALUATION}: ZS608 兑现经费记录为 21400，按打分计算应为 22400.00（本次写入会使这个文件出现此错误" in result.stderr
    assert (root / LATE).read_bytes() == before
