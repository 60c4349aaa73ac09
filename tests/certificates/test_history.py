"""The new kinds in the history: `zsht diff` and `zsht history` know certificates and plaques through the layout."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ..history.conftest import CountyRepo, git_identity
from .conftest import CERTIFICATES, NIUSHAN


@pytest.fixture
def repo(county: Any, monkeypatch: pytest.MonkeyPatch) -> CountyRepo:
    git_identity(monkeypatch)
    return CountyRepo(county)


def test_diff_and_history_of_a_certificate_and_a_plaque(repo: CountyRepo, cli: Any) -> None:
    repo.edit(CERTIFICATES, lambda d: d["items"][1].update(status="保留", basis=[{"law": "cunweihui-law"}],
                                                          purpose="用途", procedure="流程", form="式样"))
    repo.edit(NIUSHAN, lambda d: d["communities"][1].update(plaques=["PZ-001"]))
    result = cli("-C", repo.root, "diff", "--format", "json")
    assert result.exit_code == 0, result.output
    diff = json.loads(result.stdout)
    by_kind = {record["kind"]: record for record in diff["records"]}
    certificate = by_kind["certificate_item"]
    assert certificate["id"] == "ZM-002" and certificate["scope"] == "2015"
    assert {"path": "status", "old": "取消", "new": "保留", "percent": None} in certificate["fields"]
    assert by_kind["community"]["id"] == "niushan-qianjin"
    assert sorted(c["message"] for c in diff["callouts"]) == sorted([
        "证明事项 ZM-002“居民养犬证明”由取消改为保留：村（居）委会须出具该证明",
        # the 2015 list is published: changing it is for next year's list, and audit says so
        "已发布目录中的证明事项 ZM-002（2015 年目录）被改动（status，basis，purpose，procedure，form），zsht audit 将报告 ZS804"])
    repo.commit("恢复出具居民养犬证明")
    history = cli("-C", repo.root, "history", "ZM-002")
    assert history.exit_code == 0, history.output
    assert "恢复出具居民养犬证明" in history.stdout and "status: 取消 → 保留" in history.stdout
