"""An evaluation's lifecycle on the mini county: 草稿 → 已评定 (finalize) → 已公示 (publish), and what counts.

The mini county's evaluations are 已公示 (evaluated 2015-12-20, published 2016-01-04 without a notice record);
新华社区 is made a draft again here. Its figures, worked out in tests/evaluation/test_score.py: 履约 89.60 (良好),
履职 91, settlement 3,500.00 of 3,500 agreed (良好 settles at 1.0).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import yaml

from ..conftest import snapshot
from ..mini_county import MiniCounty

XINHUA = "evaluations/2015/niushan/niushan-xinhua.yaml"
QIANJIN = "evaluations/2015/niushan/niushan-qianjin.yaml"


def _draft(mini: MiniCounty, *, result: bool = False) -> None:
    """新华社区's evaluation back to a draft, with or without the result `score --write` would store."""
    mini.edit(XINHUA, lambda d: (d.pop("publication"), d.update(status="草稿"), None if result else d.pop("result")))


def _read(mini: MiniCounty, relpath: str = XINHUA) -> Any:
    return yaml.safe_load((mini.root / relpath).read_text(encoding="utf-8"))


def test_finalize_stores_the_result_and_freezes_only_the_drafts(cli: Any, mini: MiniCounty) -> None:
    _draft(mini)
    before = (mini.root / QIANJIN).read_bytes()
    result = cli("-C", mini.root, "evaluation", "finalize", "--year", "2015", "--township", "niushan")
    assert result.exit_code == 0, result.output
    assert "已评定 1 个 2015 年评估；1 个原已评定或已公示" in result.stdout
    record = _read(mini)
    assert record["status"] == "已评定"
    assert record["result"] == {"performance": 89.6, "government": 91, "grade": "良好", "settlement": 3500}
    assert (mini.root / QIANJIN).read_bytes() == before  # already 已公示: not touched
    assert cli.findings(mini.root) == []


def test_finalize_again_does_nothing_and_says_so(cli: Any, mini: MiniCounty) -> None:
    """Every evaluation already finalized or published: nothing written, exit 0, as `publish` does; a year with no
    evaluation at all is the error."""
    before = snapshot(mini.root)
    result = cli("-C", mini.root, "evaluation", "finalize", "--year", "2015")
    assert result.exit_code == 0, result.output
    assert "已评定 0 个 2015 年评估；3 个原已评定或已公示，未动" in result.stdout
    assert snapshot(mini.root) == before
    none = cli("-C", mini.root, "evaluation", "finalize", "--year", "2016")
    assert none.exit_code == 2 and "没有可评定的评估" in none.stderr


def test_finalize_refuses_an_unfinished_draft_and_writes_nothing(cli: Any, mini: MiniCounty) -> None:
    _draft(mini)
    mini.edit(XINHUA, lambda d: d.update(government=[]))  # the committee has not scored the government yet
    mini.edit(QIANJIN, lambda d: (d.pop("publication"), d.pop("result"), d.update(status="草稿")))
    before = snapshot(mini.root)
    # a half-done draft is no error: one note says what it lacks
    findings = cli.findings(mini.root)
    assert [(f["rule"], f["severity"]) for f in findings if f["file"] == XINHUA] == [("ZS614", "info")]
    assert "缺少履职评估" in next(f["message"] for f in findings if f["file"] == XINHUA)
    result = cli("-C", mini.root, "evaluation", "finalize", "--year", "2015")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert any(line.startswith(f"{XINHUA}: ZS601 缺少履职评估") for line in lines), lines
    assert lines[-1].endswith("未写入任何文件") and "Traceback" not in result.output
    assert snapshot(mini.root) == before  # 前进村's draft, complete, is not finalized alone either


def test_finalized_evaluation_must_be_complete(cli: Any, mini: MiniCounty) -> None:
    mini.edit(XINHUA, lambda d: d["performance"].pop())  # one agreed item not scored
    findings = cli.findings(mini.root)
    assert {f["rule"] for f in findings if f["file"] == XINHUA} >= {"ZS603", "ZS606"}
    mini.edit(XINHUA, lambda d: (d.pop("publication"), d.update(status="草稿")))
    # as a draft it is unfinished work (every row scored alike: the total, and so the stored result, stand)
    assert [(f["rule"], f["severity"]) for f in cli.findings(mini.root) if f["file"] == XINHUA] == [("ZS614", "info")]


def test_publish_needs_the_notice_period_over(cli: Any, mini: MiniCounty) -> None:
    _draft(mini)
    assert cli("-C", mini.root, "evaluation", "finalize", "--year", "2015").exit_code == 0
    # no result notice in notices/: a date is needed, and 7 days from the evaluation (12-20) are not over on 12-26
    result = cli("-C", mini.root, "evaluation", "publish", "--year", "2015", "--community", "niushan-xinhua")
    assert result.exit_code == 1 and "请用 --date" in result.stderr
    result = cli("-C", mini.root, "evaluation", "publish", "-y", "2015", "-c", "niushan-xinhua", "-d", "2015-12-26")
    assert result.exit_code == 1 and f"{XINHUA}: ZS615" in result.stderr and "最早 2015-12-27" in result.stderr
    assert _read(mini)["status"] == "已评定"
    result = cli("-C", mini.root, "evaluation", "publish", "-y", "2015", "-c", "niushan-xinhua", "-d", "2015-12-27")
    assert result.exit_code == 0, result.output
    record = _read(mini)
    assert (record["status"], record["publication"]) == ("已公示", {"date": dt.date(2015, 12, 27)})
    assert cli.findings(mini.root) == []


def test_publish_takes_the_townships_notice(cli: Any, mini: MiniCounty) -> None:
    mini.edit(XINHUA, lambda d: (d.pop("publication"), d.update(status="已评定")))
    mini.files["notices/2015/GS-2015-eval-niushan.yaml"] = {
        "id": "GS-2015-eval-niushan", "kind": "评估结果", "year": 2015, "title": "牛山街道评估结果公示",
        "issuer": "牛山街道办事处", "township": "niushan", "period": {"start": "2015-12-22", "end": "2015-12-28"},
        "objection": "街道民政办", "date": "2015-12-22", "status": "已发布"}
    mini.write("notices/2015/GS-2015-eval-niushan.yaml")
    result = cli("-C", mini.root, "evaluation", "publish", "-y", "2015", "-c", "niushan-xinhua", "-d", "2015-12-28")
    assert result.exit_code == 1
    assert "公示 GS-2015-eval-niushan 的公示期至 2015-12-28 止，2015-12-28 尚未期满" in result.stderr
    result = cli("-C", mini.root, "evaluation", "publish", "-y", "2015", "-c", "niushan-xinhua", "-d", "2015-12-29")
    assert result.exit_code == 0, result.output
    assert _read(mini)["publication"] == {"notice": "GS-2015-eval-niushan", "date": dt.date(2015, 12, 29)}


def test_publish_refuses_a_draft(cli: Any, mini: MiniCounty) -> None:
    _draft(mini, result=True)
    before = snapshot(mini.root)
    result = cli("-C", mini.root, "evaluation", "publish", "-y", "2015", "-d", "2016-01-04")
    assert result.exit_code == 1
    assert f"{XINHUA}: 仍是草稿，先用 zsht evaluation finalize 评定" in result.stderr
    assert snapshot(mini.root) == before


def test_a_community_not_in_the_registry_is_one_line(cli: Any, mini: MiniCounty) -> None:
    result = cli("-C", mini.root, "evaluation", "finalize", "--year", "2015", "--community", "nowhere")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "“nowhere”不在名录中" in result.stderr


def test_score_counts_only_finalized_evaluations(cli: Any, mini: MiniCounty) -> None:
    _draft(mini, result=True)
    result = cli("-C", mini.root, "score", "--year", "2015", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [r["community"] for r in document["communities"]] == ["baitabu-dongwang", "niushan-qianjin"]
    assert [(r["community"], r["status"], r["settlement"]) for r in document["drafts"]] == [
        ("niushan-xinhua", "草稿", "3500.00")]
    # 民政局's settled share: 前进村 2,000 and 东王村 2,000 (each 良好 at 1.0); 新华社区's draft counts for nothing
    assert document["departments"]["minzheng"]["settled"] == "4000.00"
    text = cli("-C", mini.root, "score", "--year", "2015").stdout
    assert "评估 2 个（已评定、已公示）" in text and "草稿 1 个，未计入" in text


def test_report_does_not_count_or_settle_a_draft(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    from ..county_report.test_report_cli import cells

    _draft(mini, result=True)  # a draft that even stores a result: still not evaluated, not settled
    page = tmp_path / "report.html"
    result = cli("-C", mini.root, "report", "--year", "2015", "-o", page)
    assert result.exit_code == 0, result.output
    assert cells(result.stdout, "完成评估的村（居）委会")[1:4] == ["2", "3", "66.7%"]
    # agreed 3,500 (新华) + 6,500 (前进); settled: 前进村's 6,500 only
    assert cells(result.stdout, "牛山街道")[1:] == ["10,000.00", "6,500.00"]
    assert "草稿：1 个村（居）委会的评估尚未评定" in result.stdout and "合计 3,500.00 元" in result.stdout
    assert "草稿：1 个村（居）委会的评估尚未评定" in page.read_text(encoding="utf-8")


def test_score_write_never_rewrites_a_finalized_evaluation(cli: Any, mini: MiniCounty) -> None:
    mini.edit(XINHUA, lambda d: d.update(survey=100))  # 已公示, and its stored result now stale (ZS608)
    before = snapshot(mini.root)
    result = cli("-C", mini.root, "score", "--year", "2015", "--write")
    assert result.exit_code == 1
    assert f"{XINHUA}: 已评定的评估冻结，记录的结果与计算不一致也不改写" in result.stderr
    assert snapshot(mini.root) == before


def test_sheet_import_never_changes_a_finalized_evaluation(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from ..sheets.test_sheets import export, refused, row_of

    path = export(cli, mini.root, tmp_path / "s.xlsx")
    book = load_workbook(path)
    sheet = book["牛山街道"]
    sheet.cell(row_of(sheet, "niushan-xinhua", "XZ-002"), 6).value = 1
    book.save(path)
    lines = refused(cli, mini.root, path)
    assert lines[0].startswith(f"{XINHUA}: niushan-xinhua 的评估已是“已公示”，不再改动"), lines
