"""`zsht init` writes a commented example of a record into each empty registry and catalog file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from zsht.layout import kind_of


@pytest.mark.parametrize("relpath", ["registry/townships.yaml", "registry/departments.yaml", "registry/social_orgs.yaml",
                                     "catalogs/duty/2026.yaml", "catalogs/assist/2026.yaml",
                                     "catalogs/negative/2026.yaml"])
def test_empty_lists_carry_a_commented_example_of_a_valid_record(tmp_path: Path, cli: Any, relpath: str) -> None:
    """The example under the modeline is a record the schema accepts once uncommented; the county validates clean."""
    folder = tmp_path / "county"
    assert cli("init", folder, "--county", "东海县", "--year", "2026", "--no-git").exit_code == 0
    assert cli("-C", folder, "validate").exit_code == 0
    kind = kind_of(relpath)
    assert kind is not None and kind.records is not None and kind.items is not None
    lines = (folder / relpath).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# yaml-language-server: $schema=")
    example = [line[2:] for line in lines if line.startswith((f"# {kind.records}:", "#   "))]
    assert example, lines
    records = yaml.safe_load("\n".join(example))[kind.records]
    assert records
    for record in records:
        kind.items.model.model_validate(record)
    assert yaml.safe_load("\n".join(lines))[kind.records] == []  # the file itself holds no record yet
