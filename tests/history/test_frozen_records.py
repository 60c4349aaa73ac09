"""zsht audit: a published catalog's items never change (ZS804); a signed agreement only gains its recorded terms."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

from ..conftest import EXAMPLE
from .conftest import CountyRepo

ASSIST = "catalogs/assist/2015.yaml"
DUTY = "catalogs/duty/2015.yaml"


def _audit(repo: CountyRepo, cli: Any, *args: str) -> list[dict[str, Any]]:
    result = cli("-C", repo.root, "audit", "HEAD~1..HEAD", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    findings: list[dict[str, Any]] = json.loads(result.stdout)
    assert result.exit_code == int(bool(findings))
    return findings


def test_a_changed_requirement_of_a_published_catalog_is_reported_in_every_format(repo: CountyRepo, cli: Any) -> None:
    repo.edit(ASSIST, lambda d: d["items"][1].update(requirements="参保登记率达到100%"))
    sha = repo.commit("改目录要求")
    [found] = _audit(repo, cli)
    assert (found["rule"], found["severity"], found["file"], found["commit"]) == ("ZS804", "error", ASSIST, sha)
    assert found["message"].startswith("已发布目录中的协助事项 XZ-002（2015 年目录）在提交 ")
    assert "requirements: " in found["message"] and "→ 参保登记率达到100%" in found["message"]
    assert "下一年度" in found["hint"]
    text = cli("-C", repo.root, "audit", "HEAD~1..HEAD")
    assert text.exit_code == 1
    assert text.stdout.startswith(f"{ASSIST}@{sha[:10]} 错误 ZS804 已发布目录中的协助事项 XZ-002（2015 年目录）"), text.stdout
    github = cli("-C", repo.root, "audit", "HEAD~1..HEAD", "--format", "github").stdout
    assert f"::error file={ASSIST},line=1,col=1,title=ZS804::已发布目录中的协助事项 XZ-002" in github
    sarif = json.loads(cli("-C", repo.root, "audit", "HEAD~1..HEAD", "--format", "sarif").stdout)
    result = sarif["runs"][0]["results"][0]
    assert result["ruleId"] == "ZS804" and "XZ-002" in result["message"]["text"] and "requirements" in \
        result["message"]["text"]


def test_a_removed_item_and_a_changed_duty_are_reported(repo: CountyRepo, cli: Any) -> None:
    repo.edit(ASSIST, lambda d: d["items"].pop(2))
    repo.edit(DUTY, lambda d: d["items"][0].update(name="改了名的履职事项"))
    repo.commit("删去一项，改一项")
    found = {f["message"].split("在提交 ")[0].rstrip(): f for f in _audit(repo, cli)}
    assert set(found) == {"已发布目录中的协助事项 XZ-003（2015 年目录）", "已发布目录中的依法履职事项 LZ-001（2015 年目录）"}
    assert found["已发布目录中的协助事项 XZ-003（2015 年目录）"]["message"].endswith("被删除")
    assert "name: " in found["已发布目录中的依法履职事项 LZ-001（2015 年目录）"]["message"]


def test_a_later_stage_may_be_added_but_the_release_may_not_be_undone(repo: CountyRepo, cli: Any) -> None:
    repo.edit(ASSIST, lambda d: d["stages"].append(
        {"stage": "社会公示", "date": dt.date(2015, 2, 1), "actor": "县民政局", "until": dt.date(2015, 2, 10)}))
    repo.commit("补记发布后的公示")
    assert _audit(repo, cli) == []
    repo.edit(ASSIST, lambda d: d.update(stages=[s for s in d["stages"] if s["stage"] != "发布"]))
    repo.commit("撤回发布")
    [found] = _audit(repo, cli)
    assert found["rule"] == "ZS804" and found["message"].startswith("已发布的协助事项目录（2015 年）在提交 ")
    assert "被改动：stages: " in found["message"]


def test_an_unpublished_catalog_changes_freely(repo: CountyRepo, cli: Any) -> None:
    repo.edit(ASSIST, lambda d: d.update(stages=[s for s in d["stages"] if s["stage"] != "发布"]))
    repo.git("add", "-A")
    repo.git("commit", "-q", "--amend", "-m", "导入测试县记录（目录未发布）")
    repo.edit(ASSIST, lambda d: d["items"][1].update(requirements="参保登记率达到100%"))
    repo.commit("发布前修改目录")
    assert _audit(repo, cli) == []


A_XINHUA = "agreements/2015/niushan/niushan-xinhua.yaml"


def test_recording_the_terms_of_a_signed_agreement_is_no_tampering_but_changing_them_is(
        repo: CountyRepo, cli: Any) -> None:
    recorded = cli("-C", repo.root, "sign", "--year", "2015", "--record-terms")
    assert recorded.exit_code == 0, recorded.output
    repo.commit("补记已签订协议的条款")
    assert _audit(repo, cli) == []
    data = repo.read(A_XINHUA)  # as recorded on disk (the mini county's own copy knows no terms)
    data["items"][0]["terms"]["requirements"] = "改过的要求"
    repo.write_text(A_XINHUA, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    repo.commit("改协议记下的条款")
    [found] = _audit(repo, cli)
    assert found["rule"] == "ZS801" and found["file"] == A_XINHUA
    assert "已签订的协议 XY-2015-niushan-xinhua 在提交 " in found["message"]
    assert "items[XZ-001].terms.requirements: " in found["message"]


def test_on_the_example_county_a_changed_requirement_is_audited_and_signed_agreements_stay(
        repo: CountyRepo, cli: Any, tmp_path: Path) -> None:
    """The issue's walk-through: 98% → 100% in the published assist catalog of the example county."""
    root = tmp_path / "donghai"
    shutil.copytree(EXAMPLE, root)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "东海县记录"], cwd=root, check=True)
    before = _render_niushan(cli, root, tmp_path / "before")
    catalog = root / "catalogs/assist/2015.yaml"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace("认证率达到98%以上。", "认证率达到100%。"), encoding="utf-8")
    subprocess.run(["git", "commit", "-q", "-am", "提高认证率要求"], cwd=root, check=True)
    result = cli("-C", root, "audit", "--format", "json")
    assert result.exit_code == 1
    [found] = json.loads(result.stdout)
    assert (found["rule"], found["file"]) == ("ZS804", "catalogs/assist/2015.yaml")
    assert "协助事项 XZ-007（2015 年目录）" in found["message"] and "requirements: " in found["message"]
    assert _render_niushan(cli, root, tmp_path / "after") == before  # the signed agreements, byte for byte
    warned = [f for f in cli.findings(root) if f["rule"] == "ZS412"]
    assert warned and all("XZ-007 的目标要求（requirements）被改动" in f["message"] for f in warned)


def _render_niushan(cli: Any, root: Path, out: Path) -> dict[str, bytes]:
    result = cli("-C", root, "render", "agreement", "--year", "2015", "--township", "niushan", "-o", out)
    assert result.exit_code == 0, result.output
    found = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.docx"))}
    assert len(found) == 17
    return found


def test_validate_changed_since_reports_a_published_item_changed_in_the_working_tree(
        repo: CountyRepo, cli: Any) -> None:
    repo.edit(ASSIST, lambda d: d["items"][1].update(requirements="参保登记率达到100%"))
    assert [f["rule"] for f in cli.findings(repo.root)] == []  # without --changed-since: no git, no history
    [found] = cli.findings(repo.root, "--changed-since", "HEAD")
    assert (found["rule"], found["file"], found["severity"]) == ("ZS804", ASSIST, "error")
    assert found["message"].startswith("已发布目录中的协助事项 XZ-002（2015 年目录）自 HEAD 以来被改动：requirements: ")
    lines = (repo.root / ASSIST).read_text(encoding="utf-8").splitlines()
    assert lines[found["line"] - 1].strip() == "- id: XZ-002"
    repo.edit(ASSIST, lambda d: d["items"].pop(1))
    findings = cli.findings(repo.root, "--changed-since", "HEAD")
    [gone] = [f for f in findings if f["rule"] == "ZS804"]  # and the agreements that name it: ZS401
    assert gone["message"].endswith("自 HEAD 以来被删除") and "XZ-002" in gone["message"]
    assert {"ZS804", "ZS401"} <= {f["rule"] for f in findings}


def test_a_signed_status_written_as_escapes_is_frozen_as_well(repo: CountyRepo, cli: Any) -> None:
    """audit reads a file only when its old version may hold a frozen record; 已签订 spelt as YAML escapes counts."""
    text = (repo.root / A_XINHUA).read_text(encoding="utf-8")
    escaped = text.replace("status: 已签订", 'status: "\\u5df2\\u7b7e\\u8ba2"')
    assert escaped != text and "已签订" not in escaped
    repo.write_text(A_XINHUA, escaped)
    repo.commit("状态写成转义")
    assert _audit(repo, cli) == []  # the same value, written otherwise: no change
    repo.write_text(A_XINHUA, escaped.replace("copies: 4", "copies: 6"))
    repo.commit("改已签订协议的份数")
    [found] = _audit(repo, cli)
    assert found["rule"] == "ZS801" and "copies: 4 → 6" in found["message"]


def test_a_draft_edited_many_times_then_signed_is_audited_clean_and_changes_after_are_not(
        repo: CountyRepo, cli: Any) -> None:
    """Drafts change freely, however often; once signed, the next change is reported (the skip is per version)."""
    draft = (repo.root / A_XINHUA).read_text(encoding="utf-8").replace("status: 已签订", "status: 草稿")
    repo.write_text(A_XINHUA, draft)
    repo.git("add", "-A")
    repo.git("commit", "-q", "--amend", "-m", "导入测试县记录（协议未签订）")
    for copies in (5, 6, 7):
        repo.write_text(A_XINHUA, draft.replace("copies: 4", f"copies: {copies}"))
        repo.commit(f"草稿改为 {copies} 份")
    repo.write_text(A_XINHUA, draft.replace("copies: 4", "copies: 7").replace("status: 草稿", "status: 已签订"))
    repo.commit("签订")
    repo.write_text(A_XINHUA, draft.replace("copies: 4", "copies: 8").replace("status: 草稿", "status: 已签订"))
    repo.commit("签订后又改")
    repo.write_text(A_XINHUA, draft.replace("copies: 4", "copies: 8"))
    repo.commit("退回草稿")  # the new version has no 已签订 in it: the old one decides
    result = cli("-C", repo.root, "audit", "--format", "json")
    findings = json.loads(result.stdout)
    assert [(f["rule"], f["file"]) for f in findings] == [("ZS801", A_XINHUA)] * 2, findings
    assert "copies: 7 → 8" in findings[0]["message"] and "status: 已签订 → 草稿" in findings[1]["message"]


def test_a_version_may_be_frozen_only_if_a_freezing_value_stands_alone_in_it() -> None:
    """The bytes test audit makes before parsing: 发布 in a sentence freezes nothing; an escape may spell it."""
    from zsht.history.records import may_be_frozen

    assert may_be_frozen(ASSIST, "  - stage: 发布\n".encode())
    assert may_be_frozen(ASSIST, 'stages: [{stage: "发布"}]'.encode())
    assert not may_be_frozen(ASSIST, "requirements: 及时发布岗位信息\n".encode())
    assert may_be_frozen(ASSIST, b'x: "\\u53d1\\u5e03"\n')
    assert may_be_frozen(A_XINHUA, "status: 已签订 # 2015-02-01\n".encode())
    assert not may_be_frozen(A_XINHUA, "status: 草稿\nnote: 协议已签订后生效\n".encode())
    assert not may_be_frozen("registry/departments.yaml", "status: 已签订\n".encode())  # nothing there is ever frozen
    assert not may_be_frozen(A_XINHUA, None)
