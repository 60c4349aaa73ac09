"""The template environment: sandboxed, strict, and a county's own templates first.

Built-in templates live in the repository's top-level `templates/` folder and ship inside the
wheel as `zsht/templates/` (see pyproject.toml). A county overrides one by putting a file of the
same name in `<county root>/templates/`; `reference.docx` there supplies its styles.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from ..errors import UserError
from . import numerals, titles
from .ooxml import HELPERS
from .sandbox import (
    MAX_OUTPUT,
    SIZED_FILTERS,
    VIEW_TYPES,
    DocumentSandbox,
    limited,
    safe_range,
    time_limit,
)
from .template_messages import template_error

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


MAX_TEMPLATE_BYTES = 2_000_000  # a template is text a person writes; the built-in ones are a few kB


def inside_county(path: Path, county_root: Path) -> None:
    """Refuse a county template file that is, or lies behind, a symlink leading outside the county repository:
    the rule record files follow (ZS007), so that a template cannot pull /etc/passwd into a document."""
    target = Path(os.path.realpath(path))
    root = Path(os.path.realpath(county_root))
    if not target.is_relative_to(root):
        relpath = os.path.relpath(path, county_root)
        raise UserError(f"模板文件 {relpath} 是指向仓库以外的符号链接（{target}），已拒绝",
                        hint="把文件复制进县级仓库的 templates/，或删除该链接")


class CountyLoader(jinja2.FileSystemLoader):
    """Loads templates from the county's folder first, then the built-in one; a county file that leads outside
    the repository, or is too large to be a template, is refused before it is read."""

    def __init__(self, folders: list[Path], county_root: Path | None) -> None:
        super().__init__([str(f) for f in folders], encoding="utf-8")
        county = county_root / "templates" if county_root is not None else None
        self.county_folder = str(county) if county is not None and county in folders else None
        self.county_root = county_root

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for folder in self.searchpath:
            candidate = os.path.join(folder, *pieces)
            if os.path.isfile(candidate):
                if folder == self.county_folder and self.county_root is not None:
                    inside_county(Path(candidate), self.county_root)
                if os.path.getsize(candidate) > MAX_TEMPLATE_BYTES:
                    raise UserError(f"模板文件 {template} 超过 {MAX_TEMPLATE_BYTES // 1_000_000} MB，不像模板，已拒绝")
                break
        return super().get_source(environment, template)


def register_view(cls: type) -> type:
    """Mark a frozen dataclass as a view record whose fields templates may read directly."""
    VIEW_TYPES.add(cls)
    return cls


def make_environment(folders: list[Path], county_root: Path | None = None) -> SandboxedEnvironment:
    """A sandboxed Jinja environment with StrictUndefined, the document helpers as globals, and limits."""
    env = DocumentSandbox(
        loader=CountyLoader(folders, county_root),
        undefined=jinja2.StrictUndefined,
        autoescape=_escapes,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
    )
    env.globals.update(HELPERS)
    env.globals["range"] = safe_range
    filters: dict[str, Callable[..., str]] = {
        "capital": numerals.capital_amount, "figures": numerals.figures, "date_cn": numerals.date_cn,
        "cn_number": numerals.chinese_number, "article": numerals.article, "sentence": numerals.sentence,
        "quote_title": numerals.quote_title, "md_cell": _markdown_cell,
        "break_title": titles.break_title,  # a title in balanced lines (GB/T 9704 7.3.3), "\n" between them
    }
    env.filters.update(filters)
    env.filters.update({name: limited(env.filters[name], formats=name == "format")
                        for name in SIZED_FILTERS if name in env.filters})
    return env


@contextmanager
def template_errors() -> Iterator[None]:
    """Turn any error raised while loading or running a template into a UserError."""
    try:
        yield
    except UserError:
        raise
    except Exception as exc:  # anything a county's template can raise, ZeroDivisionError and RecursionError included
        raise template_error(exc).with_traceback(None) from None


class Templates:
    """The templates of one batch, compiled once and reused for every document."""

    def __init__(self, county_root: Path | None) -> None:
        self.folders = search_path(county_root)
        self.county_root = county_root
        self.env = make_environment(self.folders, county_root)
        self._compiled: dict[str, jinja2.Template] = {}

    def get(self, name: str) -> jinja2.Template:
        """A compiled template by file name."""
        if name not in self._compiled:
            with template_errors():
                self._compiled[name] = self.env.get_template(name)
        return self._compiled[name]

    def render(self, name: str, **context: Any) -> str:
        """Render one template within the time and size limits; a template's own mistake becomes a UserError
        naming its line."""
        template = self.get(name)
        chunks: list[str] = []
        size = 0
        with template_errors(), time_limit():
            for chunk in template.generate(**context):
                size += len(chunk)
                if size > MAX_OUTPUT:
                    raise UserError(f"模板 {name} 超出限制：生成的内容超过 {MAX_OUTPUT} 个字符")
                chunks.append(chunk)
        return "".join(chunks)

    def reference_docx(self) -> Path | None:
        """A county's reference.docx, whose styles replace the built-in ones (refused if it leads outside)."""
        for folder in self.folders:
            candidate = folder / "reference.docx"
            if candidate.is_file():
                if self.county_root is not None and folder == self.county_root / "templates":
                    inside_county(candidate, self.county_root)
                return candidate
        return None


