"""协助政府工作协议书: one package agreement per committee per year."""

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .common import (
    AgreementId,
    Basis,
    Date,
    Funding,
    Money,
    Number,
    Party,
    Period,
    Record,
    Slug,
    Text,
    Whole,
    Year,
)


class AgreedTerms(Record):
    """The catalog item as it stood when the agreement was signed, recorded by `zsht sign`: from then on the
    agreement is rendered, scored and settled on these terms, whatever the catalog says later."""

    name: Text = Field(description="事项名称（签订时目录中的）")
    department: Slug | None = Field(default=None, description="主管部门编号（签订时目录中的）")
    basis: list[Basis] = Field(default_factory=list, description="法律依据（签订时目录中的）")
    requirements: Text | None = Field(default=None, description="目标要求（签订时目录中的）")
    evaluation: Text | None = Field(default=None, description="年度履约评估方法（签订时目录中的）")
    guidance: Text | None = Field(default=None, description="政府提供的指导和必要条件（签订时目录中的）")
    authority: list[Text] = Field(default_factory=list, description="随事项下放的权限与工作条件（签订时目录中的）")
    funding: Funding | None = Field(default=None, description="经费（签订时目录中的）")


class AgreedCatalog(Record):
    """The catalog an agreement was signed on, as its text names it: recorded by `zsht sign`."""

    year: Year = Field(description="目录版本（自该年度起施行）")
    title: Text = Field(description="目录标题（签订时的）")
    document: Text | None = Field(default=None, description="目录发布文号（签订时的）")


class AgreementItem(Record):
    """One assisted task of the agreement; blank clauses take the catalog's text."""

    # Any catalog-style id passes the schema, so that a duty or negative-list id gets the domain rule's answer.
    id: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}-\d{3,}$")] = Field(
        description="协助政府工作事项编号（须在当年施行的目录中），如 XZ-001"
    )
    targets: Text | None = Field(default=None, description="目标要求；不填则用目录中的 requirements")
    evaluation: Text | None = Field(default=None, description="年度履约评估方法；不填则用目录中的 evaluation")
    conditions: Text | None = Field(default=None, description="政府提供的条件；不填则用目录中的 guidance 与 authority")
    funding: Funding | None = Field(default=None, description="本协议约定的经费；不填则用目录中的 funding")
    terms: AgreedTerms | None = Field(
        default=None, description="签订时目录中该事项的条款（zsht sign 记录；已签订的协议以此为准，不再读目录；不要手改）")


class Installment(Record):
    """One payment of the schedule."""

    due: Date = Field(description="支付时间")
    share: Annotated[Number, Field(gt=0, le=100)] = Field(description="支付比例（%）")
    condition: Text | None = Field(default=None, description="支付条件，如“评估合格后”")


class Signing(Record):
    """签署信息: both parties, their representatives, the date and place."""

    date: Date = Field(description="签订日期")
    place: Text | None = Field(default=None, description="签订地点")
    party_a: Party = Field(description="甲方（乡镇人民政府、街道办事处）")
    party_b: Party = Field(description="乙方（村、居民委员会）")


class Agreement(Record):
    """agreements/<year>/<township>/<community>.yaml."""

    id: AgreementId = Field(description="协议编号，如 XY-2015-niushan-xinhua")
    year: Year
    township: Slug = Field(description="甲方乡镇（街道）编号")
    community: Slug = Field(description="乙方村（居）委会编号")
    term: Period | None = Field(default=None, description="协议期限")
    items: list[AgreementItem] = Field(description="委托事项（只能是当年目录中的协助事项）")
    evaluation: Text | None = Field(default=None, description="年度履约评估方法（总则）")
    payment: list[Installment] = Field(default_factory=list, description="经费支付计划，比例合计 100%")
    funding_total: Money | None = Field(default=None, description="经费总额（元），须等于各事项经费之和")
    breach: Text | None = Field(default=None, description="违约责任")
    disputes: Text | None = Field(default=None, description="争议解决方式")
    copies: Whole = Field(default=4, ge=2, le=10, description="协议份数（一式几份）")
    status: Literal["草稿", "已签订"] = Field(default="草稿", description="状态：草稿、已签订")
    signing: Signing | None = Field(default=None, description="签署信息（已签订时必填）")
    catalog: AgreedCatalog | None = Field(
        default=None, description="签订时依据的目录（zsht sign 记录；已签订的协议以此为准；不要手改）")
    number: Text | None = Field(
        default=None, description="协议书上印的编号（zsht sign 按 zsht.yaml 的 agreement_number 记录；签订后不再变）")
