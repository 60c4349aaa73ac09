"""Project-level promises: committed schemas and docs are current; the example county validates clean."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zsht.layout import kind_of
from zsht.ruletable import rules_markdown
from zsht.schema_export import write_schemas

from .conftest import EXAMPLE, ROOT


def test_committed_schemas_are_current() -> None:
    stale = write_schemas(ROOT / "schemas", check=True)
    assert stale == [], f"run `zsht schema -o schemas`: {stale}"


def test_schema_check_command_reports_stale(tmp_path: Path, cli: Any) -> None:
    assert cli("schema", "--check", "-o", tmp_path).exit_code == 1
    assert cli("schema", "-o", tmp_path).exit_code == 0
    assert cli("schema", "--check", "-o", tmp_path).exit_code == 0


def test_rules_page_is_current() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == rules_markdown(), "run `zsht rules --markdown > docs/rules.md`"


def test_example_county_validates_clean(cli: Any) -> None:
    result = cli("-C", EXAMPLE, "validate")
    assert result.exit_code == 0, result.stdout
    assert "没有发现问题" in result.stdout


def test_example_files_point_editors_at_their_schema() -> None:
    files = sorted(EXAMPLE.rglob("*.yaml"))
    assert files
    for path in files:
        relpath = path.relative_to(EXAMPLE).as_posix()
        kind = kind_of(relpath)
        assert kind is not None, relpath
        first = path.read_text(encoding="utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix), f"{relpath} has no schema modeline"
        target = (path.parent / first[len(prefix):]).resolve()
        assert target == (ROOT / "schemas" / f"{kind.name}.schema.json").resolve(), relpath
