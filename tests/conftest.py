"""Shared fixtures: the mini county, and the command line run the way a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import zsht
from zsht.cli.app import only_the_command

from .mini_county import MiniCounty

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "donghai"
SRC = Path(zsht.__file__).resolve().parents[1]  # the zsht these tests import, which child processes must import too


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a child `python` that runs zsht: it imports the same zsht as the tests, whatever the
    child's working folder (a relative PYTHONPATH, or an installed copy elsewhere, would give it another)."""
    return {**os.environ, "PYTHONPATH": str(SRC), **extra}


_THEN = """
import json, sys
from zsht.cli import main
out, sys.argv = sys.argv[1], ["zsht", *sys.argv[3:]]
try:
    main()
except SystemExit:
    pass
{after}
with open(out, "w", encoding="utf-8") as file:
    json.dump(result, file)
"""


def zsht_then(after: str, args: list[str | Path], out: Path, **env: str) -> Any:
    """Run `zsht ARGS` in a child Python (as the console script runs), then the code `after` in the same process,
    which sets `result`: its JSON value comes back (what the run imported, what it built …)."""
    subprocess.run([sys.executable, "-c", _THEN.format(after=after), str(out), "zsht", *map(str, args)], check=True,
                   capture_output=True, env=child_env(**env))
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture
def donghai(tmp_path: Path) -> Path:
    """A copy of the example county to change (tmp_path/donghai)."""
    root = tmp_path / "donghai"
    shutil.copytree(EXAMPLE, root)
    return root


def snapshot(root: Path, pattern: str = "*.yaml") -> dict[str, bytes]:
    """The bytes of every file under `root` matching `pattern`, by relative path: two snapshots are equal only
    when no such file was written, added or removed in between."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob(pattern)) if p.is_file()}


class Cli:
    """Runs `zsht` through typer's CliRunner and keeps the result."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str | Path) -> Any:
        words = [str(a) for a in args]
        return self.runner.invoke(only_the_command(words), words)  # the application as `zsht` builds it for them

    def findings(self, root: Path, *extra: str) -> list[dict[str, Any]]:
        """The JSON findings of `zsht validate` on a county."""
        result = self("-C", root, "validate", "--format", "json", *extra)
        assert result.exit_code in (0, 1), result.output
        findings: list[dict[str, Any]] = json.loads(result.stdout)
        if "--fail-on" not in extra:  # the default: exit 1 exactly when an error is reported
            assert result.exit_code == int(any(f["severity"] == "error" for f in findings)), result.output
        return findings


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def mini(tmp_path: Path) -> MiniCounty:
    return MiniCounty(tmp_path / "county")


@pytest.fixture(autouse=True, scope="session")
def _load_cache_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> None:
    """zsht's load cache goes to a folder of this test session, not the user's ~/.cache (child processes too)."""
    os.environ["ZSHT_CACHE_DIR"] = str(tmp_path_factory.mktemp("zsht-cache"))


def unlistable(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make `folder` fail to list (PermissionError), as a folder the user may not read does, for zsht's walk."""
    import os

    import zsht.load.walk

    blocked = os.path.realpath(folder)
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if os.path.realpath(path) == blocked:
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(zsht.load.walk.os, "scandir", scandir)


def link_township_folder(root: Path) -> None:
    """Keep niushan's 2015 agreements in a hidden folder and reach them through a link where they belong."""
    import os

    (root / ".shared").mkdir()
    (root / "agreements/2015/niushan").rename(root / ".shared/niushan")
    os.symlink("../../.shared/niushan", root / "agreements/2015/niushan")
