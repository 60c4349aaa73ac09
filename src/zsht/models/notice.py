"""社会公示: a public notice of catalogs or evaluation results."""

from typing import Literal

from pydantic import Field

from .common import Date, NoticeId, Period, Record, Slug, Text, Year


class Notice(Record):
    """notices/<year>/<id>.yaml: what is published, for how long, and where to object."""

    id: NoticeId = Field(description="公示编号，如 GS-2015-catalog")
    kind: Literal["目录", "评估结果", "证明事项"] = Field(
        description="公示内容：目录（两份清单）、评估结果 或 证明事项（证明事项清单）")
    year: Year
    title: Text = Field(description="公示标题")
    number: Text | None = Field(default=None, description="发文字号，如“东民发〔2015〕12号”；印在标题下方居中")
    preamble: Text | None = Field(default=None, description="正文开头一段；不填时用默认的说明文字")
    paragraphs: list[Text] = Field(default_factory=list, description="表格之后、公示期之前的补充说明，每项一段")
    issuer: Text = Field(description="发布单位")
    township: Slug | None = Field(default=None, description="评估结果公示所属乡镇（街道）；目录公示不填")
    period: Period = Field(description="公示期")
    objection: Text = Field(description="异议渠道：受理单位、电话、地址或邮箱")
    date: Date = Field(description="发布日期")
    status: Literal["草稿", "已发布"] = Field(default="草稿", description="状态")
