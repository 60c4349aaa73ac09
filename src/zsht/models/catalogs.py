"""The two lists and the negative list: duty (依法履职), assist (协助政府), negative (负面清单)."""

from typing import Literal

from pydantic import Field

from .common import (
    AssistId,
    Basis,
    CommunityType,
    Date,
    DutyId,
    Funding,
    NegativeId,
    Record,
    Slug,
    Text,
    Whole,
)

STAGES = ("部门清理", "依法审核", "自治组织讨论", "社会公示", "发布")
Stage = Literal["部门清理", "依法审核", "自治组织讨论", "社会公示", "发布"]
BOTH: list[CommunityType] = ["村", "居"]


class LifecycleStep(Record):
    """One step of a catalog's lifecycle: 部门清理 → 依法审核 → 自治组织讨论 → 社会公示 → 发布."""

    stage: Stage = Field(description="阶段：部门清理、依法审核、自治组织讨论、社会公示、发布")
    date: Date = Field(description="完成日期；社会公示为公示开始日期")
    actor: Text = Field(description="承办单位或会议，如“县法制办”")
    document: Text | None = Field(default=None, description="文件或会议纪要编号，如“东政办发〔2015〕5号”")
    until: Date | None = Field(default=None, description="社会公示的截止日期（含）；公示天数不得少于 zsht.yaml 的 notice_days")


class PublishedList(Record):
    """What every list a county publishes by the year has around its items: the title, the year it takes effect
    and the steps it went through (once 发布 is recorded it is published, and frozen: layout.PUBLISHED)."""

    title: Text = Field(description="清单标题")
    year: Whole = Field(ge=1980, le=2100, description="自该年度起施行")
    stages: list[LifecycleStep] = Field(default_factory=list, description="制定过程")


class DutyItem(Record):
    """依法履行职责事项: what a committee does by law; no government funding is attached."""

    id: DutyId = Field(description="事项编号，如 LZ-001")
    name: Text = Field(description="事项名称")
    basis: list[Basis] = Field(min_length=1, description="法律依据（至少一项）")
    applies_to: list[CommunityType] = Field(default_factory=lambda: list(BOTH), description="适用于 村、居")
    note: Text | None = Field(default=None, description="说明")


class AssistItem(Record):
    """协助政府工作事项: a task the committee does for the government, with its money and authority."""

    id: AssistId = Field(description="事项编号，如 XZ-001")
    name: Text = Field(description="事项名称")
    department: Slug = Field(description="主管部门编号（registry/departments.yaml）")
    basis: list[Basis] = Field(min_length=1, description="法律依据（至少一项）")
    requirements: Text = Field(description="目标要求")
    evaluation: Text = Field(description="年度履约评估方法")
    guidance: Text | None = Field(default=None, description="政府提供的指导和必要条件")
    authority: list[Text] = Field(default_factory=list, description="权随责走：随事项下放的权限与工作条件（至少一项）")
    funding: Funding | None = Field(default=None, description="费随事转：经费（金额、口径、来源、支付方式）")
    applies_to: list[CommunityType] = Field(default_factory=lambda: list(BOTH), description="适用于 村、居")


class NegativeItem(Record):
    """负面清单事项: a task that may never be pushed down to a committee."""

    id: NegativeId = Field(description="事项编号，如 FM-001")
    name: Text = Field(description="事项名称")
    note: Text | None = Field(default=None, description="说明或出处")


class DutyCatalog(PublishedList):
    """catalogs/duty/<year>.yaml: 村（居）民委员会依法履行职责事项."""

    items: list[DutyItem] = Field(description="事项")


class AssistCatalog(PublishedList):
    """catalogs/assist/<year>.yaml: one yearly version of 村（居）民委员会协助政府工作事项."""

    year: Whole = Field(ge=1980, le=2100, description="自该年度起施行；协议按其年度使用已发布的最新版本")
    stages: list[LifecycleStep] = Field(default_factory=list, description="制定过程，发布后方可作为协议依据")
    items: list[AssistItem] = Field(description="事项")


class NegativeCatalog(PublishedList):
    """catalogs/negative/<year>.yaml: 负面清单（减负工作事项清单）."""

    stages: list[LifecycleStep] = Field(default_factory=list, description="制定过程；记有“发布”后事项不得再改")
    items: list[NegativeItem] = Field(description="不得交由村（居）委会承担的事项")
