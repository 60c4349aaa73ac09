"""The typer application, its global options, and the one place errors become exit codes."""

from __future__ import annotations

import os
import re
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from ..errors import UserError, ZshtError
from ..load.county import find_root

# `zsht --help` lists the commands in the order a county uses them, not the order their modules load.
COMMAND_ORDER = ("validate", "draft", "sign", "render", "sheet", "score", "report", "diff", "history", "audit", "init",
                 "rules", "schema", "recode")


def _in_chinese(option: Any) -> Any:
    """The --help option of a command, described in Chinese like every other option."""
    if option is not None:
        option.help = "显示本帮助并退出"
    return option


class ZshtGroup(TyperGroup):
    """The command group: any error a command raises becomes one line and an exit code."""

    def get_help_option(self, ctx: Any) -> Any:
        return _in_chinese(super().get_help_option(ctx))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None and not isinstance(command, ZshtGroup):
            _in_chinese(command.get_help_option(ctx))
        return command

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
        """The county repository root, found by walking up from the start directory."""
        return find_root(self.start)


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
    if not directory.is_dir():
        raise UserError(f"-C 指定的目录不存在：{directory}")
    STATE.start = directory
    STATE.traceback = show_traceback


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
    try:
        # Without standalone mode an Exit comes back as the return value.
        code = app(args=args, prog_name="zsht", standalone_mode=False)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        fail("已中断")
        return 130
    except typer.TyperException as exc:  # usage errors: one line in Chinese, exit 2
        fail(usage_message(exc))
        return 2
    except Exception as exc:  # noqa: BLE001 - errors raised by the global options themselves
        return _report(exc, STATE.traceback)
    return code if isinstance(code, int) else 0


_VALUE_WORDS = (
    (re.compile(r"Input should be a valid integer.*"), "应为整数"),
    (re.compile(r"Input should be a valid number.*"), "应为数字"),
    (re.compile(r"Input should be greater than or equal to (\S+)"), r"应不小于 \1"),
    (re.compile(r"Input should be less than or equal to (\S+)"), r"应不大于 \1"),
    (re.compile(r"Value error, '(.*)' is not one of (.*)\."), r"“\1”不是可选值，可选：\2"),
    (re.compile(r"(?:File|Path|Directory) '(.*)' does not exist\.", re.IGNORECASE), r"“\1”不存在"),
    (re.compile(r"(?:File|Path) '(.*)' is a directory\.", re.IGNORECASE), r"“\1”是目录，应为文件"),
)


def usage_message(exc: Exception) -> str:
    """A usage error (unknown option or command, missing or bad value) as one Chinese line with a way out."""
    message = str(getattr(exc, "message", exc))
    param = getattr(exc, "param", None)
    hint = getattr(exc, "param_hint", None)
    if hint is None and param is not None:
        is_argument = getattr(param, "param_type_name", "") == "argument"
        hint = (param.metavar or param.name) if is_argument else " / ".join(param.opts)
    if type(exc).__name__ == "NoSuchOption":
        said = f"没有选项 {exc.option_name}"  # type: ignore[attr-defined]
        if getattr(exc, "possibilities", None):
            said += f"（是不是要写 {'、'.join(sorted(exc.possibilities))}？）"  # type: ignore[attr-defined]
    elif type(exc).__name__ == "MissingParameter":
        said = f"缺少 {hint}"
    elif param is not None or hint:
        for pattern, words in _VALUE_WORDS:
            if pattern.fullmatch(message):
                message = pattern.sub(words, message)
                break
        said = f"{hint} 的值不对：{message}"
    elif match := re.fullmatch(r"No such command '(.*)'\.", message):
        said = f"没有命令“{match.group(1)}”"
    elif match := re.fullmatch(r"Option '(.*)' requires an argument\.", message):
        said = f"选项 {match.group(1)} 后面要跟一个值"
    elif match := re.fullmatch(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)", message):
        said = f"多余的参数：{match.group(1)}"
    else:
        said = f"用法不对：{message}"
    ctx = getattr(exc, "ctx", None)
    return f"{said}（运行 {ctx.command_path if ctx is not None else 'zsht'} --help 查看用法）"


def _report(exc: BaseException, wants_traceback: bool) -> int:
    if wants_traceback:
        traceback.print_exception(exc)
    if isinstance(exc, UserError):
        fail(str(exc))
    elif isinstance(exc, OSError):
        fail(f"读写失败：{exc.filename or ''} {exc.strerror or exc}")
    else:
        fail(f"内部错误：{type(exc).__name__}: {exc}（请加 --traceback 重新运行，并把输出报告给维护者）")
    return exit_code_for(exc)
