"""The table of commands (zsht.cli.app.COMMANDS) names every command and the one module that registers it: a run
imports only that module, so a command missing from the table, or filed under the wrong module, would be lost."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from typing import Any

import pytest

import zsht.cli
from zsht.cli.app import COMMANDS, app

from ..conftest import child_env

# In a fresh process, the commands `only_the_command` leaves registered on the application for a run of `zsht NAME`,
# each with its tree of subcommands, and the command modules imported by then.
LEAN_RUN = """
import json, sys
from zsht.cli.app import app, only_the_command

def tree(typer_app):
    names = {info.name: None for info in typer_app.registered_commands}
    names.update({info.name: tree(info.typer_instance) for info in typer_app.registered_groups})
    return names

only_the_command([sys.argv[1]])
print(json.dumps({"commands": tree(app), "modules": sorted(m for m in sys.modules if m.startswith("zsht.cli."))}))
"""


def _tree(typer_app: Any) -> dict[str, Any]:
    names: dict[str, Any] = {info.name: None for info in typer_app.registered_commands}
    names.update({info.name: _tree(info.typer_instance) for info in typer_app.registered_groups})
    return names


def test_every_module_of_the_command_line_registers_only_commands_the_table_names() -> None:
    for module in pkgutil.iter_modules(zsht.cli.__path__):
        importlib.import_module(f"zsht.cli.{module.name}")
    assert list(_tree(app)) != [] and set(_tree(app)) == set(COMMANDS)


@pytest.mark.parametrize("module", sorted(set(COMMANDS.values())))
def test_the_module_a_run_imports_registers_its_commands_whole_and_nothing_else(module: str) -> None:
    complete = _tree(zsht.cli.app)
    name = next(name for name, holder in COMMANDS.items() if holder == module)
    done = subprocess.run([sys.executable, "-c", LEAN_RUN, name], env=child_env(), capture_output=True, text=True,
                          check=True)
    lean = json.loads(done.stdout)
    assert lean["commands"] == {name: complete[name] for name, holder in COMMANDS.items() if holder == module}
    # No other command's module came along (`import` lives in two: imports.py holds the group, import_cmd.py adds
    # `registry` to it).
    others = {f"zsht.cli.{holder}" for holder in COMMANDS.values() if holder != module} - {"zsht.cli.imports"}
    assert others.isdisjoint(lean["modules"]), lean["modules"]


def test_the_package_gives_the_whole_application() -> None:
    """`from zsht.cli import app` (library use) imports every command, though `import zsht.cli` imports none."""
    asked = "import sys, zsht.cli; before = {m for m in sys.modules if m.startswith('zsht.cli.')}; " \
            "from zsht.cli import app; print(len(before), len(app.registered_commands) + len(app.registered_groups))"
    done = subprocess.run([sys.executable, "-c", asked], env=child_env(), capture_output=True, text=True, check=True)
    before, registered = map(int, done.stdout.split())
    assert before < 5 and registered == len(set(_tree(zsht.cli.app)))
