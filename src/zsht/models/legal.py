"""The register of legal bases: each law or regulation and the articles it has."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Date, Record, Slug, Text, Whole


class Law(Record):
    """legal/<id>.yaml: one law or regulation that catalog items may cite."""

    id: Slug = Field(description="法律法规编号，如 cunweihui-law")
    name: Text = Field(description="全称，如“中华人民共和国村民委员会组织法”")
    level: Literal["法律", "行政法规", "地方性法规", "部门规章", "地方政府规章", "规范性文件"] = Field(
        description="效力层级"
    )
    issuer: Text | None = Field(default=None, description="制定机关")
    effective: Date | None = Field(default=None, description="现行文本施行日期")
    articles: Whole | None = Field(
        default=None, ge=1, le=10000, description="条文总数：引用的条款号不得超过此数；按“部分”而非“条”编排的文件（如国务院意见）不填"
    )
