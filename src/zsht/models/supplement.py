"""补充协议: a signed agreement amended mid-year — tasks added (from the catalog or an approved 准入), removed,
or their funding and targets changed — signed like the agreement itself."""

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .agreement import AgreementItem, Installment, Signing
from .common import ID_FORMATS, AccessId, AgreementId, Funding, Money, Record, Slug, Text, Whole, Year

SupplementId = Annotated[str, StringConstraints(pattern=ID_FORMATS["supplement"][0])]
ItemId = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}-\d{3,}$")]


class SupplementItem(AgreementItem):
    """One task the supplement adds: an agreed item, from the catalog in force or from an approved 准入."""

    access: AccessId | None = Field(
        default=None, description="准入编号（事项不在当年目录中、经准入审批新增时必填），如 ZR-2015-001"
    )


class ItemChange(Record):
    """A change to an item the agreement already holds: its funding, its targets, or both."""

    id: ItemId = Field(description="协议中已有的事项编号，如 XZ-001")
    funding: Funding | None = Field(default=None, description="调整后的经费（整项替换原经费）")
    targets: Text | None = Field(default=None, description="调整后的目标要求")


class Supplement(Record):
    """supplements/<year>/<township>/<community>-<n>.yaml."""

    id: SupplementId = Field(description="补充协议编号，如 BC-2015-niushan-xinhua-1")
    agreement: AgreementId = Field(description="所补充的（已签订的）协议编号")
    year: Year
    township: Slug = Field(description="甲方乡镇（街道）编号")
    community: Slug = Field(description="乙方村（居）委会编号")
    reason: Text = Field(description="补充（变更）理由")
    items_added: list[SupplementItem] = Field(default_factory=list, description="新增事项")
    items_removed: list[ItemId] = Field(default_factory=list, description="终止的事项编号")
    changes: list[ItemChange] = Field(default_factory=list, description="已有事项的经费或目标调整")
    payment: list[Installment] = Field(default_factory=list, description="增加经费的支付计划，比例合计 100%")
    funding_total: Money | None = Field(default=None, description="经费变动额（元），增加为正、减少为负")
    copies: Whole = Field(default=4, ge=2, le=10, description="协议份数（一式几份）")
    status: Literal["草稿", "已签订"] = Field(default="草稿", description="状态：草稿、已签订")
    signing: Signing | None = Field(default=None, description="签署信息（已签订时必填）")
