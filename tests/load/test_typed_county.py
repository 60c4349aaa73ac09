"""The county is typed: a record reached through its kind has its model's type, so mypy sees a misspelt field."""

from __future__ import annotations

from pathlib import Path

import pytest

from zsht import layout
from zsht.layout import RECORD_KINDS, RecordKind

ROOT = Path(__file__).resolve().parents[2]

# Every kind as code names it (layout's constants), with its model.
KINDS = {name: kind for name, kind in vars(layout).items() if name.isupper() and isinstance(kind, RecordKind)}


def _snippet() -> tuple[str, dict[int, str], set[int]]:
    """Code that reaches a record of each kind: one line per kind misspells a field, one uses a real one."""
    lines = ["from zsht import layout", "from zsht.load.county import County", "",
             "def use(county: County) -> None:"]
    wrong: dict[int, str] = {}
    right: set[int] = set()
    for name, kind in sorted(KINDS.items()):
        field = next(iter(kind.model.model_fields))
        lines.append(f"    print(county.entries(layout.{name})[0].record.{field})")
        right.add(len(lines))
        lines.append(f"    print(county.entries(layout.{name})[0].record.{field}_typo)")
        wrong[len(lines)] = f'"{kind.model.__name__}" has no attribute "{field}_typo"'
        if "id" in kind.model.model_fields:
            lines.append(f"    print(county.index(layout.{name})['x'].record.id.upper())")
            right.add(len(lines))
            lines.append(f"    print(county.index(layout.{name})['x'].record.yeer)")
            wrong[len(lines)] = f'"{kind.model.__name__}" has no attribute "yeer"'
    return "\n".join(lines) + "\n", wrong, right


def test_every_record_kind_is_named_by_a_constant() -> None:
    assert {kind.name for kind in KINDS.values()} == {kind.name for kind in RECORD_KINDS}


def test_mypy_sees_a_misspelt_record_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    api = pytest.importorskip("mypy.api")
    text, wrong, right = _snippet()
    (tmp_path / "use_county.py").write_text(text, encoding="utf-8")
    monkeypatch.chdir(ROOT)  # mypy_path = "src" in pyproject.toml: this checkout's zsht, not an installed one
    out, err, _ = api.run([str(tmp_path / "use_county.py"), "--config-file", str(ROOT / "pyproject.toml"),
                           "--no-error-summary", "--show-error-codes"])
    errors: dict[int, str] = {}
    for line in out.splitlines():
        if "use_county.py:" in line and ": error:" in line:
            number = int(line.split("use_county.py:", 1)[1].split(":", 1)[0])
            errors[number] = errors.get(number, "") + line
    assert not err, err
    for number, expected in wrong.items():
        assert expected in errors.get(number, ""), (text.splitlines()[number - 1], out)
    assert not right & errors.keys(), out  # a real field type-checks: the errors above are about the typo
    assert errors.keys() <= wrong.keys(), out
