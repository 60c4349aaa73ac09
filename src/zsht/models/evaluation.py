"""履职履约双向评估: the panel scores the committee, the committee scores the government."""

from typing import Annotated, Literal

from pydantic import Field

from .common import (
    AgreementId,
    AssistId,
    CriterionId,
    Date,
    EvaluationId,
    Money,
    NoticeId,
    Number,
    Printable,
    Record,
    Slug,
    Text,
    Year,
)

PanelCategory = Literal["党政机关", "政府部门", "社会组织", "村居干部", "群众代表", "专家学者"]
PANEL_CATEGORIES: tuple[str, ...] = ("党政机关", "政府部门", "社会组织", "村居干部", "群众代表", "专家学者")
# Scores and maxima are checked against each other by the rules; the bounds only keep arithmetic finite.
Score = Annotated[Number, Field(ge=-1000, le=1000, description="分数")]
FullMarks = Annotated[Number, Field(gt=0, le=100, description="满分")]


class PanelMember(Record):
    """One member of the multi-party evaluation panel."""

    id: Slug = Field(description="成员编号（本评估内唯一），如 p1")
    name: Text = Field(description="姓名")
    category: PanelCategory = Field(description="类别：党政机关、政府部门、社会组织、村居干部、群众代表、专家学者")
    org: Text | None = Field(default=None, description="单位")


class PerformanceRow(Record):
    """履约: the panel's scores of one agreed item."""

    item: AssistId = Field(description="协议中的协助事项编号")
    max: FullMarks = Field(description="满分；各事项满分合计 100")
    scores: dict[Printable, Score] = Field(description="各评估成员的打分：成员编号 → 分数")


class GovernmentRow(Record):
    """履职: the committee's score of one government obligation."""

    criterion: CriterionId = Field(description="政府履职评估指标编号（zsht.yaml 中定义）")
    max: FullMarks = Field(description="满分；各指标满分合计 100")
    score: Score = Field(description="村（居）委会评分")
    department: Slug | None = Field(default=None, description="被评部门编号（评乡镇政府时不填）")
    remark: Text | None = Field(default=None, description="说明")


class Result(Record):
    """The stored result: must agree with what zsht computes from the scores."""

    performance: Score = Field(description="履约得分（百分制）")
    government: Score = Field(description="履职得分（百分制）")
    grade: Text = Field(description="等次，按 zsht.yaml 的等次线确定")
    settlement: Money = Field(description="兑现经费（元）")


class Publication(Record):
    """What `zsht evaluation publish` records when the result notice's period is over (状态 已公示)."""

    notice: NoticeId | None = Field(default=None, description="评估结果公示编号（notices/ 中的记录）；无公示记录时不填")
    date: Date = Field(description="公示期满、登记为已公示的日期")


# 草稿: the panel's work so far (may be half done); 已评定: scores final, result computed and stored (frozen);
# 已公示: the result notice's period is over. Only `zsht evaluation finalize` and `publish` move them on.
STATUSES: tuple[str, ...] = ("草稿", "已评定", "已公示")
FINAL_STATUSES: tuple[str, ...] = ("已评定", "已公示")


class Evaluation(Record):
    """evaluations/<year>/<township>/<community>.yaml."""

    id: EvaluationId = Field(description="评估编号，如 PG-2015-niushan-xinhua")
    year: Year
    township: Slug = Field(description="乡镇（街道）编号")
    community: Slug = Field(description="村（居）委会编号")
    agreement: AgreementId = Field(description="所评协议编号")
    date: Date = Field(description="评估日期")
    panel: list[PanelMember] = Field(description="多元评估主体")
    performance: list[PerformanceRow] = Field(default_factory=list, description="履约评估：逐项打分")
    government: list[GovernmentRow] = Field(default_factory=list, description="履职评估：村（居）委会评政府")
    survey: Annotated[Number, Field(ge=0, le=100)] | None = Field(
        default=None, description="第三方满意度测评得分（百分制）"
    )
    result: Result | None = Field(default=None, description="评估结果")
    status: Literal["草稿", "已评定", "已公示"] = Field(
        default="草稿", description="状态：草稿（可未打完分）→ 已评定（zsht evaluation finalize）→ 已公示（zsht evaluation publish）")
    publication: Publication | None = Field(default=None, description="公示情况（已公示时由 zsht evaluation publish 写入）")
