"""`province.yaml`: which county repositories the province reads, under which names and codes, and the
province's reference list of assisted items (optional)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import UserError
from ..policy import normalized


class CountyListing(BaseModel):
    """One county of the listing."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)  # a folder or code may be all digits

    path: str = Field(description="县级仓库的路径（相对于 province.yaml 所在目录）")
    name: str | None = Field(default=None, description="县（市、区）名称；不填则用该仓库 zsht.yaml 的 county")
    code: str | None = Field(default=None, description="行政区划代码（6 位）；不填则用该仓库 zsht.yaml 的 code")


class ProvinceListing(BaseModel):
    """province.yaml."""

    model_config = ConfigDict(extra="forbid")

    province: str = Field(default="", description="省（市）名称，如“江苏省”")
    reference: str | list[str] | None = Field(default=None, description=(
        "省级协助事项参考清单：事项名称的列表，或一个 YAML 文件的路径（其 items 各有 name，"
        "如某县的 catalogs/assist/2015.yaml）"))
    counties: list[CountyListing] = Field(min_length=1, description="各县级仓库")


@dataclass(frozen=True)
class CountySource:
    """Where one county is read from, and what the province calls it (None: what its zsht.yaml says)."""

    root: Path
    name: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class Province:
    """What the roll-up reads: a name, the counties in order, and the reference item names (normalized)."""

    name: str
    counties: tuple[CountySource, ...]
    reference: frozenset[str] | None = None


def _yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"找不到文件 {path}", hint="检查 --list 给出的路径") from None
    except UnicodeDecodeError:
        raise UserError(f"{path} 不是 UTF-8 编码的文本", hint="另存为 UTF-8") from None
    try:
        return yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = f" 第 {mark.line + 1} 行" if mark is not None else ""
        raise UserError(f"{path}{line}：YAML 格式错误（{exc.problem}）", hint="改正该行的缩进或引号") from None
    except yaml.YAMLError as exc:
        raise UserError(f"{path}：YAML 格式错误（{exc}）") from None


def _reference(value: str | list[str], base: Path, listing: Path) -> frozenset[str]:
    if isinstance(value, list):
        return frozenset(normalized(name) for name in value)
    path = base / value
    data = _yaml(path)
    items = data.get("items") if isinstance(data, dict) else None
    names = [item.get("name") for item in items or [] if isinstance(item, dict)]
    if not names or not all(isinstance(name, str) for name in names):
        raise UserError(f"{listing}：参考清单 {path} 没有 items（每项须有 name）",
                        hint="参考清单的格式同协助事项清单：items 下每项有 name")
    return frozenset(normalized(str(name)) for name in names)


def read_listing(path: Path) -> Province:
    """Read province.yaml; county paths and the reference file are taken from its folder."""
    data = _yaml(path)
    try:
        listing = ProvinceListing.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"]) or "（整个文件）"
        raise UserError(f"{path}：{where} 有误（{error['msg']}）",
                        hint="格式：province、reference（可选）、counties 下每项 path、name、code") from None
    base = path.parent
    counties = tuple(CountySource(base / c.path, c.name, c.code) for c in listing.counties)
    reference = _reference(listing.reference, base, path) if listing.reference is not None else None
    return Province(listing.province, counties, reference)


def from_paths(paths: list[Path]) -> Province:
    """The province of repositories named on the command line (names and codes from their zsht.yaml)."""
    return Province("", tuple(CountySource(path) for path in paths))
