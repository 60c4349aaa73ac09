"""The template environment: sandboxed, strict, and a county's own templates first.

Built-in templates live in the repository's top-level `templates/` folder and ship inside the
wheel as `zsht/templates/` (see pyproject.toml). A county overrides one by putting a file of the
same name in `<county root>/templates/`; `reference.docx` there supplies its styles.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jinja2
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment

from ..errors import UserError
from . import numerals
from .ooxml import HELPERS

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SOURCE_TEMPLATES = Path(__file__).resolve().parents[3] / "templates"


def builtin_templates() -> Path:
    """The folder of the built-in templates: inside the installed package, else the source checkout's."""
    if (PACKAGE_TEMPLATES / "agreement.xml.j2").is_file():
        return PACKAGE_TEMPLATES
    if (SOURCE_TEMPLATES / "agreement.xml.j2").is_file():
        return SOURCE_TEMPLATES
    raise UserError("找不到内置模板目录 templates/，zsht 的安装不完整", hint="重新安装 zsht")


def search_path(county_root: Path | None) -> list[Path]:
    """Where templates are looked up, the county's own folder first."""
    folders = [builtin_templates()]
    if county_root is not None and (county_root / "templates").is_dir():
        folders.insert(0, county_root / "templates")
    return folders


def _markdown_cell(value: object) -> str:
    """Text that stays inside one Markdown table cell."""
    return str(value).replace("|", "\\|").replace("\n", " ")


def _escapes(name: str | None) -> bool:
    """XML and HTML templates escape what they insert; Markdown templates insert text as it is."""
    return not (name or "").endswith(".md.j2")


class DocumentSandbox(SandboxedEnvironment):
    """The sandbox, with a fast path for what documents touch most: the fields of zsht's own view
    records (plain data, read by name) and calls to zsht's own helpers. Everything else goes through
    the full sandbox checks, so `''.__class__` and friends are still refused."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        kind = type(obj)
        if kind in VIEW_TYPES and attribute[:1] != "_":
            fields = obj.__dict__
            if attribute in fields:
                return fields[attribute]
        elif kind is LoopContext and attribute in LOOP_FIELDS:
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        if id(__obj) in FAST_CALLS:
            kwargs.pop("_loop_vars", None)  # Jinja's own bookkeeping, not meant for the callee
            kwargs.pop("_block_vars", None)
            return __obj(*args, **kwargs)
        return super().call(__context, __obj, *args, **kwargs)


VIEW_TYPES: set[type] = set()
LOOP_FIELDS = frozenset({"index", "index0", "first", "last", "length", "revindex", "revindex0"})
FAST_CALLS: set[int] = {id(helper) for helper in HELPERS.values()}


def register_view(cls: type) -> type:
    """Mark a frozen dataclass as a view record whose fields templates may read directly."""
    VIEW_TYPES.add(cls)
    return cls


def make_environment(folders: list[Path]) -> SandboxedEnvironment:
    """A sandboxed Jinja environment with StrictUndefined and the document helpers as globals."""
    env = DocumentSandbox(
        loader=jinja2.FileSystemLoader([str(f) for f in folders], encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        autoescape=_escapes,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
    )
    env.globals.update(HELPERS)
    filters: dict[str, Callable[..., str]] = {
        "capital": numerals.capital_amount, "figures": numerals.figures, "date_cn": numerals.date_cn,
        "cn_number": numerals.small_number, "article": numerals.article, "sentence": numerals.sentence,
        "quote_title": numerals.quote_title, "md_cell": _markdown_cell,
    }
    env.filters.update(filters)
    return env


def _template_line(exc: BaseException) -> tuple[str | None, int | None]:
    """The template file and line an error was raised at, from Jinja's rewritten traceback."""
    name = getattr(exc, "name", None) or getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None)
    if line is not None:
        return name, line
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return Path(frame.filename).name, frame.lineno
    return name, None


def template_error(exc: BaseException) -> UserError:
    """One Chinese line for a broken template: its name, its line and what went wrong."""
    name, line = _template_line(exc)
    where = f"模板 {Path(name).name if name else '（未知）'}" + (f" 第 {line} 行" if line else "")
    if isinstance(exc, jinja2.TemplateNotFound):
        return UserError(f"找不到模板 {exc.name}", hint="检查县级仓库 templates/ 中的文件名")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return UserError(f"{where}有语法错误：{exc.message}")
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return UserError(f"{where}试图访问不安全的内容，已被沙箱拒绝：{exc}")
    if isinstance(exc, jinja2.UndefinedError):
        return UserError(f"{where}引用了不存在的字段：{exc.message}", hint="检查字段名是否拼写正确")
    return UserError(f"{where}出错：{type(exc).__name__}: {exc}")


@contextmanager
def template_errors() -> Iterator[None]:
    """Turn any error raised while loading or running a template into a UserError."""
    try:
        yield
    except UserError:
        raise
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        raise template_error(exc).with_traceback(None) from None


class Templates:
    """The templates of one batch, compiled once and reused for every document."""

    def __init__(self, county_root: Path | None) -> None:
        self.folders = search_path(county_root)
        self.env = make_environment(self.folders)
        self._compiled: dict[str, jinja2.Template] = {}

    def get(self, name: str) -> jinja2.Template:
        """A compiled template by file name."""
        if name not in self._compiled:
            with template_errors():
                self._compiled[name] = self.env.get_template(name)
        return self._compiled[name]

    def render(self, name: str, **context: Any) -> str:
        """Render one template; a template's own mistake becomes a UserError naming its line."""
        template = self.get(name)
        with template_errors():
            return template.render(**context)

    def reference_docx(self) -> Path | None:
        """A county's reference.docx, whose styles replace the built-in ones."""
        for folder in self.folders:
            candidate = folder / "reference.docx"
            if candidate.is_file():
                return candidate
        return None


