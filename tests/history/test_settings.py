"""zsht.yaml is read by one function, the loader's: a broken one is the same error in `diff`, `audit` and
`validate`; `diff` warns and compares with `main`, `audit` refuses."""

from __future__ import annotations

import inspect
import json
import re
from typing import Any

import pytest

from .conftest import CountyRepo

ASSIST = "catalogs/assist/2015.yaml"
YAML_ERROR = "county: 测试县\nmain_branch: [main\n"


def _funding(repo: CountyRepo) -> None:
    repo.edit(ASSIST, lambda d: d["items"][0]["funding"].update(amount=2600))


def _one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


@pytest.mark.parametrize("broken", ["yaml", "schema"])
def test_diff_with_a_broken_zsht_yaml_warns_and_compares_with_main(repo: CountyRepo, cli: Any, broken: str) -> None:
    if broken == "yaml":
        repo.write_text("zsht.yaml", YAML_ERROR)
    else:
        repo.edit("zsht.yaml", lambda d: d.update(main_brnach="trunk"))
    _funding(repo)
    result = cli("-C", repo.root, "diff")
    assert result.exit_code == 0, result.output
    assert "funding.amount: 2000 → 2600 (+30%)" in result.stdout, result.stdout  # the diff against main is there
    warning = _one_line(result.stderr)
    assert re.fullmatch(r"警告：zsht\.yaml 第 \d+ 行：.+，读不出主分支名，按 main 对比（.*改正后重试）", warning), warning
    if broken == "schema":
        assert "main_brnach" in warning and "main_branch" in warning, warning  # the key, and what was meant
    json_result = cli("-C", repo.root, "diff", "--format", "json")
    changes = json.loads(json_result.stdout)["records"]  # stdout stays JSON, the warning goes to stderr
    assert "XZ-001" in {c["id"] for c in changes} and json_result.stderr.strip() == warning


def test_a_broken_zsht_yaml_is_the_same_error_everywhere(repo: CountyRepo, cli: Any) -> None:
    repo.edit("zsht.yaml", lambda d: d.update(audit={"require_reveiw": True}))
    [first] = [f for f in cli.findings(repo.root) if f["file"] == "zsht.yaml"]
    said = f"zsht.yaml 第 {first['line']} 行：{first['message']}，读不出"
    audit = cli("-C", repo.root, "audit")
    assert audit.exit_code == 2 and said in _one_line(audit.stderr), (said, audit.stderr)
    diff = cli("-C", repo.root, "diff")
    assert diff.exit_code == 0 and _one_line(diff.stderr).startswith(f"警告：{said}"), (said, diff.stderr)


def test_a_broken_zsht_yaml_and_no_main_branch_is_one_line(repo: CountyRepo, cli: Any) -> None:
    repo.git("branch", "-m", "main", "trunk")
    repo.write_text("zsht.yaml", YAML_ERROR)
    result = cli("-C", repo.root, "diff")
    assert result.exit_code == 2, result.output
    line = _one_line(result.stderr)
    assert re.match(r"zsht: zsht\.yaml 第 \d+ 行：", line) and "没有名为 main 的分支" in line, line
    assert "BASE..HEAD" in line
    assert cli("-C", repo.root, "diff", "HEAD").exit_code == 0  # a named base needs no main branch


def test_a_good_zsht_yaml_says_nothing(repo: CountyRepo, cli: Any) -> None:
    _funding(repo)
    result = cli("-C", repo.root, "diff")
    assert result.exit_code == 0 and result.stderr == "", result.output


def test_no_history_module_reads_zsht_yaml_itself() -> None:
    """Every reader of zsht.yaml in history/ goes through `load.config.read_config`, none parses it itself."""
    import importlib
    import pkgutil

    from zsht import history

    readers = []
    for info in pkgutil.iter_modules(history.__path__):
        source = inspect.getsource(importlib.import_module(f"zsht.history.{info.name}"))
        assert not re.search(r"load_yaml|safe_load|yaml\.load|load_file\(", source), info.name
        if "read_config(" in source:
            readers.append(info.name)
    assert sorted(readers) == ["audit", "diff"]
