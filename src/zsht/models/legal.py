"""The register of legal bases: each law or regulation, its revisions, and the articles each revision has."""

import datetime as dt
from typing import Literal

from pydantic import Field

from .common import Date, Record, Slug, Text, Whole


class LawVersion(Record):
    """One text of a law, in force from `effective` until the next version's `effective` (施行日期)."""

    effective: Date = Field(description="本文本施行日期，如 2026-01-01")
    articles: Whole | None = Field(
        default=None, ge=1, le=10000, description="本文本的条文总数：在其施行期间引用的条款号不得超过此数"
    )
    chapters: Whole | None = Field(default=None, ge=1, le=100, description="章数（可选）")
    document: Text | None = Field(default=None, description="本文本的名称或来源，如“2025年修订”“主席令第五十七号”")


class Law(Record):
    """legal/<id>.yaml: one law or regulation that catalog items may cite.

    A law revised since it was first registered lists its texts in `versions`; one that never was keeps the
    single `effective` and `articles`. A citation is judged against the text in force on the date it speaks
    from (see zsht.rules.legal)."""

    id: Slug = Field(description="法律法规编号，如 cunweihui-law")
    name: Text = Field(description="全称，如“中华人民共和国村民委员会组织法”")
    short_names: list[Text] = Field(
        default_factory=list,
        description="简称和常见写法，如“村委会组织法”：zsht import catalog 据此识别清单中的法律依据（全称及去掉“中华人民共和国”的名称无须列出）",
    )
    level: Literal["法律", "行政法规", "地方性法规", "部门规章", "地方政府规章", "规范性文件"] = Field(
        description="效力层级"
    )
    issuer: Text | None = Field(default=None, description="制定机关")
    effective: Date | None = Field(default=None, description="现行文本施行日期（未列 versions 时）")
    articles: Whole | None = Field(
        default=None, ge=1, le=10000, description="条文总数：引用的条款号不得超过此数；按“部分”而非“条”编排的文件（如国务院意见）不填"
    )
    versions: list[LawVersion] = Field(
        default_factory=list,
        description="历次文本，按施行日期从早到晚；列出后以各文本的条文总数为准，不再填写 effective、articles",
    )

    def texts(self) -> list[LawVersion]:
        """Every text of the law, oldest first: its `versions`, or the single text `effective`/`articles` give."""
        if self.versions:
            return sorted(self.versions, key=lambda version: version.effective)
        # The single form's `effective` dates the text as it stands now, not the law's first day: that one
        # text is taken as in force at any date (constructed unvalidated: date.min is no date a record holds).
        return [LawVersion.model_construct(effective=dt.date.min, articles=self.articles)]

    def in_force(self, on: dt.date) -> LawVersion | None:
        """The text in force on `on`: the latest one in force by then; None if the law was not yet in force."""
        started = [version for version in self.texts() if version.effective <= on]
        return started[-1] if started else None

    def successor(self, version: LawVersion, on: dt.date) -> LawVersion | None:
        """The text that has replaced `version` by `on`, or None while `version` is still the one in force."""
        current = self.in_force(on)
        return current if current is not None and current.effective > version.effective else None
