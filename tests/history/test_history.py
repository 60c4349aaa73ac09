"""`zsht diff`, `zsht history`, `zsht audit` and `validate --changed-since` on throw-away repositories."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from zsht.history.render import MARKDOWN_LIMIT

from .conftest import CountyRepo, git_children

ASSIST = "catalogs/assist/2015.yaml"
A_XINHUA = "agreements/2015/niushan/niushan-xinhua.yaml"
NOTICE = "notices/2015/GS-2015-catalog.yaml"
DEPARTMENTS = "registry/departments.yaml"


def _department(name: str) -> Any:
    """Rename the first department: a record change that nothing freezes (the catalogs are published)."""
    return lambda d: d["departments"][0].update(name=name)


def _funding(amount: int) -> Any:
    return lambda d: d["items"][0]["funding"].update(amount=amount)


def test_history_follows_a_record_through_a_funding_change_and_a_move(repo: CountyRepo, cli: Any) -> None:
    repo.edit(ASSIST, _funding(2500))
    repo.commit("提高低保事项经费\n\nReviewed-by: 李四 <lisi@example.org>")
    (repo.root / "catalogs/assist/2015.yaml").rename(repo.root / "catalogs/assist/2015.yml")
    repo.commit("目录文件改用 .yml")
    result = cli("-C", repo.root, "history", "XZ-001", "--format", "json")
    assert result.exit_code == 0, result.output
    steps = json.loads(result.stdout)
    subjects = [s["subject"] for s in steps]
    assert subjects[:2] == ["目录文件改用 .yml", "提高低保事项经费"]
    moved, funded = steps[0]["changes"][0], steps[1]["changes"][0]
    assert (moved["old_file"], moved["file"]) == ("catalogs/assist/2015.yaml", "catalogs/assist/2015.yml")
    assert funded["fields"] == [{"path": "funding.amount", "old": 2000, "new": 2500, "percent": 25.0}]
    assert steps[1]["trailers"] == ["Reviewed-by: 李四 <lisi@example.org>"]
    assert steps[1]["signature"] == "N" and steps[1]["author"] == "张三"
    oldest = cli("-C", repo.root, "history", "XZ-001", "--oldest-first")
    assert oldest.exit_code == 0
    assert oldest.stdout.index("导入测试县记录") < oldest.stdout.index("funding.amount: 2000 → 2500 (+25%)")


def test_unknown_record_is_one_line_error(repo: CountyRepo, cli: Any) -> None:
    result = cli("-C", repo.root, "history", "XZ-999")
    assert result.exit_code == 2
    assert "XZ-999" in result.stderr


def test_reordering_and_recommenting_is_no_change(repo: CountyRepo, cli: Any) -> None:
    data = repo.read(ASSIST)
    data["items"].reverse()
    text = "# 协助政府工作事项（重新排序）\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=True)
    text = re.sub(r"^(\s*)name: (.*)$", r'\1name: "\2"  # 加引号、加注释', text, flags=re.M)
    repo.write_text(ASSIST, text)
    result = cli("-C", repo.root, "diff", "--exit-code")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("0 项新增，0 项变更，0 项删除")
    repo.commit("重新排序并加注释")
    assert cli("-C", repo.root, "diff", "HEAD~1..HEAD", "--exit-code").exit_code == 0
    assert '"' in (repo.root / ASSIST).read_text(encoding="utf-8")


def test_diff_names_fields_and_calls_out_burden_and_funding(repo: CountyRepo, cli: Any) -> None:
    repo.edit(ASSIST, _funding(1000))
    repo.edit(ASSIST, lambda d: d["items"].append({**d["items"][1], "id": "XZ-009", "name": "协助开展新任务"}))
    repo.edit(A_XINHUA, lambda d: d["items"].append({"id": "XZ-003"}))
    result = cli("-C", repo.root, "diff", "--format", "json", "--exit-code")
    assert result.exit_code == 1, result.output
    diff = json.loads(result.stdout)
    assert diff["summary"] == "1 项新增，2 项变更，0 项删除"
    kinds = sorted(c["kind"] for c in diff["callouts"])
    # the agreement was signed, the catalog published: changing either is flagged
    assert kinds == ["burden", "burden", "final", "final", "funding"]
    finals = sorted(c["message"] for c in diff["callouts"] if c["kind"] == "final")
    assert finals[0].startswith("已发布目录中的协助事项 XZ-001（2015 年目录）被改动（funding.amount）") and "ZS804" in finals[0]
    assert finals[1].startswith("已签订的协议 XY-2015-niushan-xinhua 被改动") and "ZS801" in finals[1]
    text = cli("-C", repo.root, "diff").stdout
    assert "funding.amount: 2000 → 1000 (-50%)" in text
    assert "协助事项由 2 项增至 3 项" in text


def test_markdown_stays_under_the_comment_limit(repo: CountyRepo, cli: Any) -> None:
    item = ("- id: XZ-{n:04d}\n  name: 新任务{n}\n  department: minzheng\n  basis: [{{law: cunweihui-law}}]\n"
            "  requirements: {long}\n  evaluation: 查阅台账\n  authority: [查阅登记信息]\n"
            "  funding: {{amount: 100, unit: 元/年, source: 县财政, payment: 年底结清}}\n")
    text = (repo.root / ASSIST).read_text(encoding="utf-8")  # items is the last key: append as text (fast)
    text += "".join(item.format(n=n, long="很长的目标要求" * 40) for n in range(100, 4100))
    repo.write_text(ASSIST, text)
    result = cli("-C", repo.root, "diff", "--format", "markdown")
    assert result.exit_code == 0
    assert len(result.stdout) < MARKDOWN_LIMIT
    assert "4000 项新增" in result.stdout and "变更过多" in result.stdout and "另有" in result.stdout
    repo.git("checkout", "-q", "--", ASSIST)  # a small change keeps one <details> per record
    repo.mini.files[ASSIST] = repo.read(ASSIST)
    repo.edit(ASSIST, _funding(3000))
    short = cli("-C", repo.root, "diff", "--format", "markdown").stdout
    assert short.count("<details>") == 1 and "funding.amount: 2000 → 3000 (+50%)" in short


def test_audit_catches_an_edit_to_a_signed_agreement(repo: CountyRepo, cli: Any) -> None:
    assert cli("-C", repo.root, "audit").exit_code == 0
    repo.edit(A_XINHUA, lambda d: d.update(breach="未履约的，扣减全部经费"))
    repo.commit("悄悄改协议")
    repo.edit(NOTICE, lambda d: d.update(objection="不受理异议"))
    repo.commit("改公示")
    result = cli("-C", repo.root, "audit", "--format", "json")
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)
    assert [f["rule"] for f in findings] == ["ZS801", "ZS801"]
    assert findings[0]["subject"] == "悄悄改协议" and findings[0]["author"] == "张三"
    assert "breach" in findings[0]["message"] and findings[0]["file"] == A_XINHUA
    assert "objection" in findings[1]["message"]


def test_audit_reports_missing_review_when_required(repo: CountyRepo, cli: Any) -> None:
    repo.edit("zsht.yaml", lambda d: d.update(audit={"require_review": True}))
    repo.commit("要求审核\n\nApproved-by: 王五 <wangwu@example.org>")
    repo.edit(DEPARTMENTS, _department("民政局一"))
    repo.commit("未经审核的改动")
    repo.edit(DEPARTMENTS, _department("民政局二"))
    repo.commit("经审核的改动\n\nReviewed-by: 李四 <lisi@example.org>")
    findings = json.loads(cli("-C", repo.root, "audit", "HEAD~3..HEAD", "--format", "json").stdout)
    assert [(f["rule"], f["subject"]) for f in findings] == [("ZS802", "未经审核的改动")]


def test_audit_reports_unsigned_commits_when_required(repo: CountyRepo, cli: Any) -> None:
    repo.edit("zsht.yaml", lambda d: d.update(audit={"require_signed": True}))
    repo.commit("要求签名")
    result = cli("-C", repo.root, "audit", "HEAD~1..HEAD")
    assert result.exit_code == 1 and "ZS803" in result.stdout and "未签名" in result.stdout


def test_changed_since_finds_a_dangling_reference_left_by_a_deletion(repo: CountyRepo, cli: Any) -> None:
    unrelated = "agreements/2015/baitabu/baitabu-dongwang.yaml"
    repo.edit(unrelated, lambda d: d.pop("breach"))
    repo.commit("一个早已存在的问题")
    repo.edit("registry/communities/niushan.yaml", lambda d: d["communities"].pop(0))  # niushan-xinhua
    full = cli.findings(repo.root)
    changed = cli.findings(repo.root, "--changed-since", "HEAD")
    dangling = {f["file"] for f in changed if f["rule"] == "ZS202"}
    assert dangling == {A_XINHUA, "evaluations/2015/niushan/niushan-xinhua.yaml", "purchases/2015/GM-2015-001.yaml"}
    assert unrelated not in {f["file"] for f in changed}
    assert unrelated in {f["file"] for f in full}
    assert changed == [f for f in full if f["file"] in {g["file"] for g in changed}]


def test_changed_since_keeps_to_the_change(repo: CountyRepo, cli: Any) -> None:
    repo.edit("purchases/2015/GM-2015-001.yaml", lambda d: d.update(amount=0))
    repo.commit("购买服务金额写错")
    repo.edit(A_XINHUA, lambda d: d.update(funding_total=1))
    changed = cli.findings(repo.root, "--changed-since", "HEAD")
    # the agreement is signed: changed since HEAD (ZS801), its total no longer adds up (ZS412, not ZS405); the
    # evaluation settles the agreement's money
    assert {f["rule"] for f in changed} == {"ZS801", "ZS412", "ZS608"}
    assert {"ZS701", "ZS412"} <= {f["rule"] for f in cli.findings(repo.root)}
    repo.edit("zsht.yaml", lambda d: d.update(county="测试县（改）"))
    assert {"ZS701", "ZS412"} <= {f["rule"] for f in cli.findings(repo.root, "--changed-since", "HEAD")}


def test_no_git_process_is_left_behind(repo: CountyRepo, cli: Any) -> None:
    repo.edit(ASSIST, _funding(2500))
    repo.commit("改经费")
    for args in (("history", "XZ-001"), ("diff",), ("audit",), ("validate", "--changed-since", "HEAD~1"),
                 ("diff", "no-such-branch")):
        cli("-C", repo.root, *args)
        assert git_children() == [], args


def test_moving_records_between_files_is_no_change(repo: CountyRepo, cli: Any) -> None:
    moved = {}
    repo.edit("registry/communities/niushan.yaml", lambda d: moved.update(d["communities"].pop()))
    repo.edit("registry/communities/baitabu.yaml", lambda d: d["communities"].insert(0, moved))
    result = cli("-C", repo.root, "diff", "--exit-code", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["records"] == []


def test_diff_reports_a_removed_record_and_a_commit_range(repo: CountyRepo, cli: Any) -> None:
    (repo.root / "purchases/2015/GM-2015-001.yaml").unlink()
    repo.commit("撤销购买服务合同")
    diff = json.loads(cli("-C", repo.root, "diff", "HEAD~1..HEAD", "--format", "json").stdout)
    assert diff["summary"] == "0 项新增，0 项变更，1 项删除"
    assert diff["records"][0]["id"] == "GM-2015-001" and diff["records"][0]["status"] == "removed"
    assert json.loads(cli("-C", repo.root, "diff", "HEAD~1...HEAD", "--format", "json").stdout) == diff


def test_git_errors_are_one_line_and_exit_2(repo: CountyRepo, cli: Any, tmp_path: Path) -> None:
    result = cli("-C", repo.root, "diff", "no-such-branch..HEAD")
    assert result.exit_code == 2 and "no-such-branch" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    plain = tmp_path / "plain"
    shutil.copytree(repo.root, plain, ignore=shutil.ignore_patterns(".git"))
    result = cli("-C", plain, "history", "XZ-001")
    assert result.exit_code == 2 and "不在 git 仓库中" in result.stderr


def test_a_county_in_a_subfolder_of_the_repository(repo: CountyRepo, cli: Any) -> None:
    shutil.rmtree(repo.root / ".git")
    inner = repo.root / "县级记录"
    inner.mkdir()
    for path in list(repo.root.iterdir()):
        if path != inner:
            path.rename(inner / path.name)
    repo.git("init", "-q", "-b", "trunk")
    repo.commit("导入")
    repo.mini.root = inner
    repo.edit(ASSIST, _funding(2600))
    repo.commit("改经费")
    text = cli("-C", inner, "history", "XZ-001").stdout
    assert "funding.amount: 2000 → 2600 (+30%)" in text and "导入" in text
    missing = cli("-C", inner, "diff")
    assert missing.exit_code == 2 and "找不到主分支“main”" in missing.stderr
    assert "1 项变更" in cli("-C", inner, "diff", "HEAD~1..HEAD").stdout
    repo.edit("zsht.yaml", lambda d: d.update(main_branch="trunk"))
    assert cli("-C", inner, "diff").stdout.startswith("0 项新增，1 项变更")  # zsht.yaml itself changed


def test_changed_since_checks_everything_when_zsht_version_pin_changes(repo: CountyRepo, cli: Any) -> None:
    repo.write_text(".pre-commit-config.yaml", "repos: []\n")
    repo.edit("purchases/2015/GM-2015-001.yaml", lambda d: d.update(amount=0))
    repo.commit("购买服务金额写错")
    assert cli.findings(repo.root, "--changed-since", "HEAD") == []  # the pin is there, unchanged
    repo.write_text(".pre-commit-config.yaml", "repos: [{repo: local, hooks: []}]\n")
    assert {f["rule"] for f in cli.findings(repo.root, "--changed-since", "HEAD")} == {"ZS701"}


def test_a_new_years_agreement_with_more_items_is_called_out(repo: CountyRepo, cli: Any) -> None:
    data = repo.read(A_XINHUA)
    data.update(id="XY-2016-niushan-xinhua", year=2016, items=[*data["items"], {"id": "XZ-004"}])
    repo.write_text("agreements/2016/niushan/niushan-xinhua.yaml", yaml.safe_dump(data, allow_unicode=True))
    diff = json.loads(cli("-C", repo.root, "diff", "--format", "json").stdout)
    assert [c["message"] for c in diff["callouts"]] == [
        "niushan-xinhua 的协助事项由 2015 年的 2 项增至 2016 年的 3 项（XY-2016-niushan-xinhua）"]


def test_a_new_agreement_is_compared_with_the_last_year_the_county_kept(repo: CountyRepo, cli: Any) -> None:
    """No 2016 or 2017 agreement: the 2018 one is compared with 2015's, as `zsht report` compares years; a later
    year (2019) is never taken for the earlier one."""
    data = repo.read(A_XINHUA)
    data.update(id="XY-2018-niushan-xinhua", year=2018, items=[*data["items"], {"id": "XZ-004"}])
    repo.write_text("agreements/2018/niushan/niushan-xinhua.yaml", yaml.safe_dump(data, allow_unicode=True))
    later = dict(data, id="XY-2019-niushan-xinhua", year=2019, items=data["items"][:1])
    repo.write_text("agreements/2019/niushan/niushan-xinhua.yaml", yaml.safe_dump(later, allow_unicode=True))
    diff = json.loads(cli("-C", repo.root, "diff", "--format", "json").stdout)
    assert [c["message"] for c in diff["callouts"]] == [
        "niushan-xinhua 的协助事项由 2015 年的 2 项增至 2018 年的 3 项（XY-2018-niushan-xinhua）"]  # 2019: fewer


@pytest.mark.skipif(shutil.which("gpg") is None, reason="gpg is not installed")
def test_signed_commits_pass_and_history_shows_the_signature(repo: CountyRepo, cli: Any, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "gnupg"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("GNUPGHOME", str(home))
    try:
        _sign_and_audit(repo, cli)
    finally:  # the agent gpg started for this key folder must not outlive the test
        subprocess.run(["gpgconf", "--kill", "gpg-agent"], check=False, capture_output=True)


def _sign_and_audit(repo: CountyRepo, cli: Any) -> None:
    subprocess.run(["gpg", "--batch", "--quiet", "--passphrase", "", "--quick-gen-key", "张三 <zhangsan@example.org>",
                    "ed25519", "sign", "never"], check=True, capture_output=True)
    repo.edit("zsht.yaml", lambda d: d.update(audit={"require_signed": True}))
    repo.edit(DEPARTMENTS, _department("民政局一"))
    repo.git("add", "-A")
    repo.git("-c", "user.signingkey=zhangsan@example.org", "commit", "-q", "-S", "-m", "要求签名（已签名）")
    result = cli("-C", repo.root, "audit", "HEAD~1..HEAD", "--format", "json")
    assert result.exit_code == 0, result.stdout
    steps = json.loads(cli("-C", repo.root, "history", "minzheng", "--format", "json").stdout)
    assert [s["signature"] for s in steps] == ["G", "N"]  # the import was not signed
    assert "有效签名" in cli("-C", repo.root, "history", "minzheng").stdout
    county = json.loads(cli("-C", repo.root, "audit", "--format", "json").stdout)
    assert [f["subject"] for f in county] == ["导入测试县记录"]  # only the unsigned import is reported


def test_changed_since_reports_a_new_file_in_the_wrong_place(repo: CountyRepo, cli: Any) -> None:
    repo.write_text("agreements/XY-2016-niushan-xinhua.yaml", "id: XY-2016-niushan-xinhua\n")
    assert [f["rule"] for f in cli.findings(repo.root, "--changed-since", "HEAD")] == ["ZS009"]


def _edit_checked_out(repo: CountyRepo, relpath: str, change: Any) -> None:
    """Edit a file as the checked-out branch has it (the mini county's own copy follows one line of work)."""
    repo.mini.files[relpath] = repo.read(relpath)
    repo.edit(relpath, change)


def _draft(data: Any) -> None:
    data["status"] = "草稿"


def _sign(data: Any) -> None:
    data["status"] = "已签订"


def _signed_on_main_while_a_branch_edits_the_draft(repo: CountyRepo) -> str:
    """main: the agreement as a draft, then signed; branch feature (from the draft): its breach clause edited.
    Returns the draft commit: the mini county's agreement starts signed, so making it a draft is itself a
    ZS801, and audits start after it."""
    _edit_checked_out(repo, A_XINHUA, _draft)
    draft = repo.commit("协议草稿")
    repo.git("checkout", "-q", "-b", "feature")
    _edit_checked_out(repo, A_XINHUA, lambda d: d.update(breach="未履约的，扣减全部经费"))
    repo.commit("修改草稿的违约条款")
    repo.git("checkout", "-q", "main")
    _edit_checked_out(repo, A_XINHUA, _sign)
    repo.commit("签订协议")
    return draft


def test_audit_catches_a_signed_agreement_changed_by_a_merge(repo: CountyRepo, cli: Any) -> None:
    """A branch edits the draft while main signs it: only the merge commit changes the signed agreement."""
    draft = _signed_on_main_while_a_branch_edits_the_draft(repo)
    repo.git("merge", "-q", "--no-ff", "--no-edit", "-m", "合并 feature", "feature")
    assert repo.read(A_XINHUA)["status"] == "已签订" and "全部经费" in repo.read(A_XINHUA)["breach"]
    result = cli("-C", repo.root, "audit", f"{draft}..HEAD", "--format", "json")
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)
    assert [(f["rule"], f["subject"]) for f in findings] == [("ZS801", "合并 feature")]
    assert "在合并提交" in findings[0]["message"] and "breach" in findings[0]["message"]
    history = cli("-C", repo.root, "history", "XY-2015-niushan-xinhua", "--format", "json")
    assert {"签订协议", "修改草稿的违约条款"} <= {step["subject"] for step in json.loads(history.stdout)}


def test_a_change_reported_on_its_branch_is_not_reported_again_at_the_merge(repo: CountyRepo, cli: Any) -> None:
    repo.git("checkout", "-q", "-b", "feature")
    _edit_checked_out(repo, A_XINHUA, lambda d: d.update(breach="未履约的，扣减全部经费"))
    repo.commit("改已签订的协议")
    repo.git("checkout", "-q", "main")
    _edit_checked_out(repo, DEPARTMENTS, _department("测试县民政局（更名）"))
    repo.commit("部门更名")
    repo.git("merge", "-q", "--no-ff", "--no-edit", "-m", "合并 feature", "feature")
    findings = json.loads(cli("-C", repo.root, "audit", "--format", "json").stdout)
    assert [(f["rule"], f["subject"]) for f in findings] == [("ZS801", "改已签订的协议")]


def test_a_merge_that_takes_the_branchs_side_undoes_the_signing_visibly(repo: CountyRepo, cli: Any) -> None:
    """The merge's tree is the branch's: the signing on main must still show in history, and the merge in audit."""
    draft = _signed_on_main_while_a_branch_edits_the_draft(repo)
    repo.git("merge", "-q", "--no-ff", "--no-commit", "feature")
    repo.git("checkout", "feature", "--", A_XINHUA)
    repo.git("commit", "-q", "-m", "合并 feature，取分支版本")
    assert repo.git("diff", "HEAD^2", "HEAD") == ""
    history = json.loads(cli("-C", repo.root, "history", "XY-2015-niushan-xinhua", "--format", "json").stdout)
    assert "签订协议" in {step["subject"] for step in history}
    findings = json.loads(cli("-C", repo.root, "audit", f"{draft}..HEAD", "--format", "json").stdout)
    assert [(f["rule"], f["subject"]) for f in findings] == [("ZS801", "合并 feature，取分支版本")]
    assert "status" in findings[0]["message"] and "breach" in findings[0]["message"]


def test_a_review_counts_only_from_someone_else_on_the_list(repo: CountyRepo, cli: Any) -> None:
    repo.edit("zsht.yaml", lambda d: d.update(audit={"require_review": True,
                                                     "reviewers": ["李四 <LiSi@example.org>", "wangwu@example.org"]}))
    repo.commit("要求审核并定下审核人\n\nApproved-by: 王五 <wangwu@example.org>")
    for amount, message in ((2100, "自己审核\n\nReviewed-by: 张三 <zhangsan@example.org>"),
                            (2200, "名单外的人审核\n\nReviewed-by: 赵六 <zhaoliu@example.org>"),
                            (2300, "名单内的人审核\n\nReviewed-by: 李四 <lisi@example.org>"),
                            (2400, "只写了邮箱的审核人\n\nApproved-by: wangwu@example.org")):
        repo.edit(DEPARTMENTS, _department(f"民政局{amount}"))
        repo.commit(message)
    findings = json.loads(cli("-C", repo.root, "audit", "HEAD~5..HEAD", "--format", "json").stdout)
    assert [(f["rule"], f["subject"]) for f in findings] == [("ZS802", "自己审核"), ("ZS802", "名单外的人审核")]
    assert "审核人是提交者本人" in findings[0]["message"]
    assert "审核人（赵六）不在 zsht.yaml 的 audit.reviewers 中" in findings[1]["message"]
