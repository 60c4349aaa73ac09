"""The typer application, its global options, and the one place errors become exit codes."""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from ..errors import UserError, ZshtError
from ..load.county import find_root


class ZshtGroup(TyperGroup):
    """The command group: any error a command raises becomes one line and an exit code."""

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
        code = app(args=args, standalone_mode=False)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        fail("已中断")
        return 130
    except typer.TyperException as exc:  # usage errors: typer's own message, exit 2
        show = getattr(exc, "show", None)
        if show:
            show()
        else:
            fail(str(exc))
        return 2
    except Exception as exc:  # noqa: BLE001 - errors raised by the global options themselves
        return _report(exc, STATE.traceback)
    return code if isinstance(code, int) else 0


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
