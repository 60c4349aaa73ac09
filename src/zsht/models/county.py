"""zsht.yaml: the county's own settings, which also mark the root of its repository."""

import string
from decimal import Decimal
from typing import Annotated

from pydantic import Field, field_validator

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


# The placeholders of `agreement_number`, with what each stands for (zsht.render.agreement_parts fills them in).
AGREEMENT_NUMBER_FIELDS = {
    "year": "协议年度，如 2015",
    "township_seq": "乡镇（街道）在 registry/townships.yaml 中的序号（从 1 起）",
    "seq": "协议在本乡镇（街道）本年度协议中的序号（从 1 起，按 registry/communities/ 中村（居）委会的顺序）",
}


def number_pattern_problem(pattern: str) -> str | None:
    """What is wrong with an agreement number pattern, in Chinese, or None: every placeholder must be one of
    AGREEMENT_NUMBER_FIELDS (a format spec such as {seq:02d} may follow), and {township_seq} and {seq} must both
    be there, or two agreements of a year would share a number."""
    known = "、".join("{" + name + "}" for name in AGREEMENT_NUMBER_FIELDS)
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(pattern)
                  if name is not None]
    except ValueError:
        return "花括号不成对（字面的花括号写成 {{ 或 }}）"
    for name, spec, conversion in fields:
        if name not in AGREEMENT_NUMBER_FIELDS or conversion:
            return f"占位符 {{{name}}} 不认识，只能用 {known}"
        try:
            format(1, spec or "")
        except ValueError:
            return f"占位符 {{{name}:{spec}}} 的格式说明不对（补零写 {{{name}:02d}}）"
    missing = [name for name in ("township_seq", "seq") if name not in {field[0] for field in fields}]
    if missing:
        return "缺少占位符 " + "、".join("{" + name + "}" for name in missing) + "，各协议的编号会重复"
    return None


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
    agreement_number: Text | None = Field(default=None, description=(
        "协议书上印的编号格式，如“东民协〔{year}〕{township_seq}-{seq}号”；占位符：{year} 协议年度，"
        "{township_seq} 乡镇（街道）在 registry/townships.yaml 中的序号，{seq} 协议在本乡镇（街道）本年度的序号"
        "（按 registry/communities/ 中村（居）委会的顺序），可补零如 {seq:02d}。不填则印协议的 id"))
    coordinating_office: Text | None = Field(default=None, description=(
        "县政社互动工作协调机构，协议书的争议解决条款提请其协调、备案份交其备案，"
        "如“县政社互动工作领导小组办公室（县民政局）”；不填则写“<县名>民政部门”"))

    def office(self) -> str:
        """The office a dispute goes to and a filed copy is sent to: `coordinating_office`, else the county's own
        民政部门 by name (never a generic 县（市、区）民政部门)."""
        return self.coordinating_office or f"{self.county}民政部门"

    @field_validator("agreement_number")
    @classmethod
    def _number_pattern(cls, pattern: str | None) -> str | None:
        problem = number_pattern_problem(pattern) if pattern is not None else None
        if problem:
            raise ValueError(f"协议编号格式“{pattern}”有误：{problem}")
        return pattern
