"""The typer application, its global options, and the one place errors become exit codes."""

from __future__ import annotations

import copy
import errno
import gc
import importlib
import os
import sys
import traceback
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from ..errors import UserError, ZshtError
from ..load.county import find_root
from ..oserrors import os_error_message
from .helpformat import ZshtContext, summary
from .usage import usage_message

__all__ = ["COMMANDS", "STATE", "ZshtGroup", "app", "exit_code_for", "fail", "import_commands", "refuse_on", "run",
           "usage_message"]

# Every command of `zsht`, with the module of zsht.cli that registers it. A run imports only the module of the command
# it names (see only_the_command): importing all of them was a fifth of a pre-commit `zsht validate`.
# `zsht --help` lists the commands in this order, the order a county uses them, not the order their modules load.
COMMANDS = {
    "validate": "validate", "draft": "draft", "sign": "sign", "render": "render", "sheet": "sheets",
    "score": "scores", "evaluation": "evaluation_cmd", "report": "report_cmd", "site": "site",
    "province": "province", "diff": "history", "history": "history", "audit": "history", "init": "init",
    "import": "import_cmd", "baseline": "baseline", "doctor": "doctor", "rules": "rules", "schema": "schema",
    "recode": "recode",
}
COMMAND_ORDER = tuple(COMMANDS)


def _in_chinese(option: Any) -> Any:
    """The --help option of a command, described in Chinese like every other option."""
    if option is not None:
        option.help = "显示本帮助并退出"
    return option


def _dress(command: Any, ctx: Any) -> Any:
    """A command as zsht shows it: Chinese help pages, its --help option in Chinese, its whole summary."""
    command.context_class = ZshtContext
    if not isinstance(command, ZshtGroup):
        _in_chinese(command.get_help_option(ctx))
    if not command.short_help:
        command.short_help = summary(command.help)  # click would cut it after 45 letters with "..."
    return command


class ZshtGroup(TyperGroup):
    """The command group: any error a command raises becomes one line and an exit code."""

    context_class = ZshtContext

    def get_help_option(self, ctx: Any) -> Any:
        return _in_chinese(super().get_help_option(ctx))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        return _dress(command, ctx) if command is not None else None

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: COMMAND_ORDER.index(n) if n in COMMAND_ORDER else len(COMMAND_ORDER))

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except Exception as exc:  # noqa: BLE001 - the one place every error is turned into a line
            ctx.exit(_report(exc, STATE.traceback or bool(os.environ.get("ZSHT_TRACEBACK"))))

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, windows_expand_args: bool = True, **extra: Any) -> Any:
        """Run the command line; every way in (console script, `run()`, typer's CliRunner) gets the same
        Chinese errors, exit codes and restored working directory."""
        code = _guarded(lambda: super(ZshtGroup, self).main(args, prog_name, complete_var, False,
                                                            windows_expand_args, **extra))
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    cls=ZshtGroup,
    name="zsht",
    help="政社互动记录工具：校验清单、协议与评估，生成协议书与公示。\n\n例：zsht -C examples/donghai validate",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@dataclass
class State:
    """What the global options say, shared with every command."""

    start: Path = Path(".")
    traceback: bool = False

    def root(self) -> Path:
        """The county repository root, found by walking up from the start directory.

        A `sign`, `draft`, `sheet import` or `score --write` that was killed after its journal was complete is
        finished here first, so that no command reads a county half switched."""
        from ..staging import settle

        root = find_root(self.start)
        settle(root)
        return root


STATE = State()


@app.callback(invoke_without_command=True)
def main_options(
    ctx: typer.Context,
    directory: Path = typer.Option(Path("."), "-C", help="如同在该目录中启动（像 git -C）", show_default=False),
    show_traceback: bool = typer.Option(False, "--traceback", help="出错时显示完整的 Python 调用栈"),
    version: bool = typer.Option(False, "--version", help="显示版本号并退出", is_eager=True),
) -> None:
    """政社互动记录工具。"""
    if version:
        from .. import __version__

        typer.echo(f"zsht {__version__}")
        raise typer.Exit(0)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(2)
    STATE.traceback = show_traceback
    if not directory.is_dir():
        raise UserError(f"-C 指定的路径不是目录：{directory}" if directory.exists() else f"-C 指定的目录不存在：{directory}")
    # As git -C: every relative path (-o, a workbook, a template) is taken from there, not only the county's.
    # The caller's directory comes back when the command ends (see _guarded).
    os.chdir(directory)
    STATE.start = Path(".")


def fail(message: str) -> None:
    """Print one line to stderr (the only error output zsht gives)."""
    typer.echo(f"zsht: {message}", err=True)


def refuse_on(problems: list[str], summary: str) -> None:
    """All-or-nothing commands: print each problem on stderr, then the summary, and exit 1 (nothing written)."""
    for problem in problems:
        typer.echo(problem, err=True)
    if problems:
        typer.echo(f"{summary}，未写入任何文件", err=True)
        raise typer.Exit(1)


def exit_code_for(exc: BaseException) -> int:
    """The documented exit code for an error: 2 for usage and I/O errors, 70 for a bug in zsht."""
    if isinstance(exc, ZshtError):
        return exc.exit_code
    if isinstance(exc, OSError):
        return 2
    return 70


def run(args: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args = sys.argv[1:] if args is None else args
    code = only_the_command(args)(args=args, prog_name="zsht", standalone_mode=False)
    return code if isinstance(code, int) else 0


def only_the_command(args: Sequence[str]) -> typer.Typer:
    """The application with only the command `args` name, when they plainly name one (`zsht -C dir validate …`).

    Only that command's module is imported, and typer builds only that command: it reads the signature of every
    command to build the whole command line before it runs one, which was a sixth of a pre-commit `zsht validate`
    (the imports, a fifth more). What the user sees cannot differ: the one command is the same, with the same
    global options; anything else (no command, `--help` or `--version` before it, a word that is not a command)
    imports every command and gets the whole application, and with it the usual page or error.
    """
    word = _command_word(args)
    if word in COMMANDS:
        import_commands(COMMANDS[word])
    else:
        import_commands(*COMMANDS.values())
    commands = [info for info in app.registered_commands if info.name == word]
    groups = [info for info in app.registered_groups if info.name == word]
    if word is None or not (commands or groups):
        return app
    lean = copy.copy(app)
    lean.registered_commands, lean.registered_groups = commands, groups
    return lean


def import_commands(*modules: str) -> None:
    """Import these modules of zsht.cli (names from COMMANDS), which registers their commands on `app`."""
    collecting = gc.isenabled()
    gc.disable()  # as in zsht/__init__.py: importing the commands makes nothing for the cyclic collector to find
    try:
        for module in modules:
            importlib.import_module(f"{__package__}.{module}")
    finally:
        if collecting:
            gc.enable()


def _command_word(args: Sequence[str]) -> str | None:
    """The first word of `args` that is not a global option (`-C DIR`, `--traceback`), or None."""
    words = iter(args)
    for word in words:
        if word == "-C":
            next(words, None)
        elif word == "--traceback" or (word.startswith("-C") and len(word) > 2):
            continue
        elif word.startswith("-"):  # --help, --version, a mistyped option: the whole application answers
            return None
        else:
            return word
    return None


def _guarded(command_line: Callable[[], Any]) -> int:
    """Run the command line (click without its standalone mode) and turn whatever it raises into an exit code."""
    STATE.traceback = False  # an earlier run in this process (library use, tests) does not decide for this one
    try:
        cwd: str | None = os.getcwd()
    except OSError:  # started in a directory that has since been removed: nothing to come back to
        cwd = None
    try:
        with warnings.catch_warnings():
            # openpyxl warns in English about workbook parts it drops on reading (Excel's data validation
            # extension of our own exported sheets, for one); the cells zsht reads are not affected.
            warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\.|$)")
            code = command_line()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        fail("已中断")
        return 130
    except typer.TyperException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # `zsht render` alone: its help page, as `zsht` alone
            typer.echo(exc.ctx.get_help())  # type: ignore[attr-defined]
        else:  # usage errors: one line in Chinese, exit 2
            fail(usage_message(exc))
        return 2
    except Exception as exc:  # noqa: BLE001 - errors raised by the global options themselves
        return _report(exc, STATE.traceback)
    finally:
        if cwd is not None:
            os.chdir(cwd)
    return code if isinstance(code, int) else 0


def _report(exc: BaseException, wants_traceback: bool) -> int:
    if wants_traceback:
        traceback.print_exception(exc)
    if isinstance(exc, UserError):
        fail(str(exc))
    elif isinstance(exc, OSError):
        if exc.errno == errno.EPIPE:  # `zsht rules | head`: the reader has gone, nothing to tell it
            return 1
        fail(f"读写失败：{os_error_message(exc)}")
    else:
        fail(f"内部错误：{type(exc).__name__}: {exc}（请加 --traceback 重新运行，并把输出报告给维护者）")
    return exit_code_for(exc)
