"""A finalized evaluation is frozen as a signed agreement is: publishing it is its one allowed change (ZS801)."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from ..mini_county import MiniCounty
from .conftest import CountyRepo

XINHUA = "evaluations/2015/niushan/niushan-xinhua.yaml"


@pytest.fixture
def drafted(mini: MiniCounty, request: pytest.FixtureRequest) -> CountyRepo:
    """The mini county in git with 新华社区's evaluation a draft from the first commit on."""
    mini.edit(XINHUA, lambda d: (d.pop("publication"), d.pop("result"), d.update(status="草稿")))
    repo: CountyRepo = request.getfixturevalue("repo")
    return repo


def _edit(repo: CountyRepo, change: Any) -> None:
    """Change 新华社区's evaluation as the file now is (the commands wrote it, not the mini county's data)."""
    data = repo.read(XINHUA)
    change(data)
    repo.write_text(XINHUA, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def _audit(repo: CountyRepo, cli: Any) -> tuple[int, list[dict[str, Any]]]:
    result = cli("-C", repo.root, "audit", "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def _finalized_and_published(repo: CountyRepo, cli: Any) -> None:
    _edit(repo, lambda d: d["performance"][0]["scores"].update(p3=1))  # a draft may change at will
    repo.commit("新华社区评估：改正 p3 的打分")
    assert cli("-C", repo.root, "evaluation", "finalize", "-y", "2015", "-c", "niushan-xinhua").exit_code == 0
    repo.commit("新华社区评估：评定")
    assert cli("-C", repo.root, "evaluation", "publish", "-y", "2015", "-c", "niushan-xinhua",
               "-d", "2016-01-04").exit_code == 0
    repo.commit("新华社区评估：公示期满")


def test_finalize_then_publish_is_no_tampering(drafted: CountyRepo, cli: Any) -> None:
    _finalized_and_published(drafted, cli)
    assert drafted.read(XINHUA)["status"] == "已公示"
    assert _audit(drafted, cli) == (0, [])


def test_a_score_changed_after_finalizing_is_reported(drafted: CountyRepo, cli: Any) -> None:
    repo = drafted
    assert cli("-C", repo.root, "evaluation", "finalize", "-y", "2015").exit_code == 0
    repo.commit("新华社区评估：评定")
    _edit(repo, lambda d: d["performance"][0]["scores"].update(p3=0))
    repo.commit("新华社区评估：改分")
    code, findings = _audit(repo, cli)
    assert code == 1
    assert [(f["rule"], f["file"]) for f in findings] == [("ZS801", XINHUA)]
    assert "PG-2015-niushan-xinhua" in findings[0]["message"] and "performance[XZ-001].scores.p3" in findings[0]["message"]


def test_a_published_evaluation_cannot_go_back_or_change_its_publication(drafted: CountyRepo, cli: Any) -> None:
    repo = drafted
    _finalized_and_published(repo, cli)
    _edit(repo, lambda d: d["publication"].update(date="2016-02-01"))
    repo.commit("改公示日期")
    _edit(repo, lambda d: (d.pop("publication"), d.update(status="已评定")))
    repo.commit("退回已评定")
    code, findings = _audit(repo, cli)
    assert code == 1
    assert [f["subject"] for f in findings if f["rule"] == "ZS801"] == ["改公示日期", "退回已评定"]
