"""zsht.yaml read on its own, for commands that need the county's settings but none of its records.

It is read by the loader (`load_file` with the `CountyConfig` model), so a broken zsht.yaml is the same error
with the same line whichever command reads it, and the one `zsht validate` lists first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import models as m
from ..errors import UserError
from ..findings import Finding, Severity
from ..layout import CONFIG_FILE, COUNTY_CONFIG
from ..ruletable import finding

if TYPE_CHECKING:
    from .county import County


class ConfigError(UserError):
    """zsht.yaml does not load cleanly: the message names its first error (`zsht.yaml 第 3 行：…`), the hint is
    that error's own hint; a caller says what it cannot do without the settings."""

    def __init__(self, first: Finding, count: int, cannot: str = "") -> None:
        more = f"（另有 {count - 1} 处错误）" if count > 1 else ""
        then = f"，{cannot}" if cannot else ""
        super().__init__(f"{CONFIG_FILE} 第 {first.line or 1} 行：{first.message}{more}{then}", hint=first.hint)
        self.first = first


def read_config(root: Path) -> m.CountyConfig:
    """The county's settings, from the zsht.yaml at `root` as it is in the working tree.

    Raises `ConfigError` when it has any error, a misspelt key included: a setting nobody can read must never
    silently become its default (an audit with every requirement off, a diff against the wrong branch).
    """
    from .county import County, load_file  # the county loader is heavy; `zsht --help` never needs it

    county = County(root=root)
    load_file(county, CONFIG_FILE, COUNTY_CONFIG)
    errors = _errors(county)
    if errors or county.config is None:
        raise ConfigError(errors[0] if errors else finding("ZS002", CONFIG_FILE, "无法读取").at(1, 1), len(errors))
    return county.config


def settings(county: County, cannot: str) -> m.CountyConfig:
    """The settings of a loaded county; without them, a `ConfigError` naming zsht.yaml's first error and line and
    what the command `cannot` do (“无法计算评估结果”)."""
    if county.config is not None:
        return county.config
    errors = _errors(county)
    raise ConfigError(errors[0] if errors else finding("ZS002", CONFIG_FILE, "无法读取").at(1, 1), len(errors), cannot)


def _errors(county: County) -> list[Finding]:
    from .positions import place

    source = county.files.get(CONFIG_FILE)
    own = [f for f in county.findings if f.file == CONFIG_FILE]
    return sorted((f for f in place(own, source.text if source else None) if f.severity is Severity.ERROR),
                  key=Finding.sort_key)


def joined(first: str | None, then: str) -> str:
    """Two hints as one: “是不是要写 require_review？改正后重试…”."""
    if not first:
        return then
    return first + ("" if first.endswith(("？", "。", "！", "；")) else "；") + then
