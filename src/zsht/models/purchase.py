"""政府购买服务: a service the government buys from a social organization."""

from pydantic import Field

from .common import Date, Money, Period, PurchaseId, Record, Slug, Text, Year


class Purchase(Record):
    """purchases/<year>/<id>.yaml: one purchase-of-service contract."""

    id: PurchaseId = Field(description="合同编号，如 GM-2015-001")
    year: Year
    department: Slug = Field(description="购买主体（部门编号）")
    social_org: Slug = Field(description="承接主体（社会组织编号）")
    service: Text = Field(description="服务项目")
    service_object: Text = Field(description="服务对象")
    method: Text = Field(description="服务方式")
    quantity: Text = Field(description="服务数量")
    quality: Text = Field(description="服务质量标准")
    monitoring: Text = Field(description="监督方式")
    evaluation: Text = Field(description="评估方法")
    amount: Money = Field(description="合同金额（元）")
    term: Period = Field(description="服务期限")
    communities: list[Slug] = Field(default_factory=list, description="服务覆盖的村（居）委会编号")
    signed: Date | None = Field(default=None, description="签订日期")
