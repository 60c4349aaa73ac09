"""Names say what a thing is: one meaning per name across zsht, nothing that shadows the standard library,
and command modules named for the commands they hold."""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

import zsht
from zsht.cli import app

SRC = Path(zsht.__file__).parent


def _modules() -> dict[str, ast.Module]:
    return {path.relative_to(SRC).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
            for path in sorted(SRC.rglob("*.py"))}


def _top_level_names(tree: ast.Module) -> set[str]:
    """Classes, functions and module-level assignments (type aliases among them) a module defines."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(target.id for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def test_a_type_name_means_one_thing() -> None:
    """Two classes (or type aliases) of one name in two modules are two meanings for one word: models keep the
    YAML schema's names, and whatever else carries a distinct one (a view, a cache, a job's outcome)."""
    defined: dict[str, list[str]] = defaultdict(list)
    for module, tree in _modules().items():
        for name in _top_level_names(tree):
            # Each command's own --format choices are private to its module (cli/validate.py, cli/scores.py …).
            if name[:1].isupper() and not name.isupper() and not (module.startswith("cli/") and name == "Format"):
                defined[name].append(module)
    assert {name: modules for name, modules in defined.items() if len(modules) > 1} == {}


def test_no_name_shadows_one_imported_from_the_standard_library() -> None:
    """`findings.Path` once meant a field path while pathlib.Path meant a file: a reader of a module that
    imports both could not tell which one a signature takes."""
    from_stdlib: set[str] = set()
    trees = _modules()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                    and node.module.split(".")[0] in sys.stdlib_module_names and node.module != "__future__":
                from_stdlib.update(alias.asname or alias.name for alias in node.names)
    shadowing = {module: sorted(_top_level_names(tree) & from_stdlib) for module, tree in trees.items()}
    assert {module: names for module, names in shadowing.items() if names} == {}


def test_a_command_module_is_named_for_a_command_it_holds() -> None:
    """cli/misc.py (rules and recode) and cli/evaluation.py (init) said nothing of what they hold."""
    commands: dict[str, set[str]] = defaultdict(set)
    for command in app.registered_commands:
        assert command.callback is not None
        commands[command.callback.__module__.rsplit(".", 1)[-1]].add(command.name or command.callback.__name__)
    for group in app.registered_groups:
        assert group.typer_instance is not None and group.name is not None
        for command in group.typer_instance.registered_commands:  # `zsht render agreements` … live in cli/render.py
            assert command.callback is not None
            commands[command.callback.__module__.rsplit(".", 1)[-1]].add(group.name)
    misnamed = {module: names for module, names in commands.items()
                if module.removesuffix("_cmd").removesuffix("s") not in {n.removesuffix("s") for n in names}}
    assert misnamed == {}
