"""zsht.yaml: the county's own settings, which also mark the root of its repository."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field

from .common import CriterionId, Number, Printable, Record, Text, Whole
from .evaluation import PanelCategory

Rate = Annotated[Number, Field(ge=0, le=10)]  # weights are at most 1, settlement rates near 1


class GradeLine(Record):
    """One grade and the lowest total that earns it."""

    grade: Text = Field(description="等次名称，如 优秀")
    min: Annotated[Number, Field(ge=0, le=100)] = Field(description="最低分（含）")


class Criterion(Record):
    """One obligation of the government that committees score (履职评估指标)."""

    id: CriterionId = Field(description="指标编号，如 ZF-01")
    name: Text = Field(description="指标名称，如“经费足额按时拨付”")
    max: Annotated[Number, Field(gt=0, le=100)] = Field(description="满分")


def _default_grades() -> list[GradeLine]:
    return [
        GradeLine(grade="优秀", min=Decimal(90)),
        GradeLine(grade="良好", min=Decimal(80)),
        GradeLine(grade="合格", min=Decimal(60)),
        GradeLine(grade="不合格", min=Decimal(0)),
    ]


class EvaluationSettings(Record):
    """How the county scores, grades and settles."""

    panel_weights: dict[PanelCategory, Rate] = Field(description="各类评估主体的权重，合计 1")
    survey_weight: Annotated[Number, Field(ge=0, le=1)] = Field(
        default=Decimal(0), description="第三方满意度测评在履约得分中的权重（0–1）"
    )
    grades: list[GradeLine] = Field(default_factory=_default_grades, description="等次线，从高到低")
    settlement: dict[Printable, Rate] = Field(description="各等次兑现经费的比例，如 优秀: 1.1、不合格: 0.8")
    min_panel_categories: Whole = Field(default=3, ge=1, le=6, description="评估主体至少涵盖的类别数")
    government_criteria: list[Criterion] = Field(description="政府履职评估指标，满分合计 100")


class AuditSettings(Record):
    """What `zsht audit` requires of the history."""

    require_review: bool = Field(default=False, description="改动记录的提交须带 Reviewed-by: 或 Approved-by:")
    require_signed: bool = Field(default=False, description="提交须有签名")
    reviewers: list[Text] = Field(default_factory=list, description=(
        "有权审核的人，如“李四 <lisi@example.org>”或只写邮箱；填写后，只有名单中的人的 Reviewed-by:、"
        "Approved-by: 才算审核（按邮箱核对，没有邮箱时按姓名）"))


class PlaqueCaps(Record):
    """How many plaques a committee may hang, per placement (中办国办 2022 意见; several provinces: 4 outside)."""

    outside: Whole = Field(default=4, ge=0, le=100, description="办公场所外最多悬挂的牌子数（默认 4）")
    inside: Whole = Field(default=6, ge=0, le=100, description="办公场所内最多悬挂的牌子数（默认 6）")


class NoticeSettings(Record):
    """Who publishes a notice that has no record in notices/, and where objections go."""

    issuer: Text | None = Field(default=None, description=(
        "目录公示、证明事项公示的发布单位，如“东海县民政局”；不填时用清单“社会公示”阶段的承办单位"))
    contact: Text | None = Field(default=None, description=(
        "受理异议的单位和联系方式，如“东海县民政局基层政权和社区建设科（电话 0518-87222xxx）”；"
        "不填时向发布单位反映"))


class CountyConfig(Record):
    """zsht.yaml at the root of a county repository."""

    county: Text = Field(description="县（市、区）名称，如“东海县”")
    code: str = Field(pattern=r"^\d{6}$", description="行政区划代码（6 位）")
    province: Text | None = Field(default=None, description="省")
    city: Text | None = Field(default=None, description="市")
    government: Text | None = Field(default=None, description="县人民政府全称")
    main_branch: Printable = Field(default="main", description="主分支名")
    notice_days: Whole = Field(default=7, ge=1, le=365, description="社会公示最短天数（含首尾两日），默认 7 天")
    evaluation: EvaluationSettings = Field(description="评估设置")
    audit: AuditSettings = Field(default_factory=AuditSettings, description="审计设置")
    plaques: PlaqueCaps = Field(default_factory=PlaqueCaps, description="每个村（居）委会机制牌子的数量上限（默认外 4、内 6）")
    notice: NoticeSettings = Field(default_factory=NoticeSettings, description=(
        "没有公示记录（notices/）时公示的发布单位和异议受理单位"))
