"""Building blocks shared by every record: the base model, id formats, money, legal basis."""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ..limits import YEARS
from .fields import Date as Date
from .fields import Number as Number
from .fields import Printable as Printable
from .fields import Text as Text
from .fields import Whole as Whole

# Id formats. Each pattern has a readable example so a bad id gets a hint that shows the form.
SLUG = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
ID_FORMATS: dict[str, tuple[str, str]] = {
    "slug": (SLUG, "小写拼音或字母、数字，用连字符分隔，如 niushan、niushan-xinhua"),
    "duty": (r"^LZ-\d{3,}$", "LZ-001"),
    "assist": (r"^XZ-\d{3,}$", "XZ-001"),
    "negative": (r"^FM-\d{3,}$", "FM-001"),
    "access": (r"^ZR-\d{4}-\d{3,}$", "ZR-2016-001"),
    "purchase": (r"^GM-\d{4}-\d{3,}$", "GM-2015-001"),
    "agreement": (r"^XY-\d{4}-[a-z0-9]+(?:-[a-z0-9]+)*$", "XY-2015-niushan-xinhua"),
    "supplement": (r"^BC-\d{4}-[a-z0-9]+(?:-[a-z0-9]+)*-\d+$", "BC-2015-niushan-xinhua-1"),
    "evaluation": (r"^PG-\d{4}-[a-z0-9]+(?:-[a-z0-9]+)*$", "PG-2015-niushan-xinhua"),
    "notice": (r"^GS-\d{4}-[a-z0-9]+(?:-[a-z0-9]+)*$", "GS-2015-catalog"),
    "criterion": (r"^ZF-\d{2,}$", "ZF-01"),
    "certificate": (r"^ZM-\d{3,}$", "ZM-001"),
    "plaque": (r"^PZ-\d{3,}$", "PZ-001"),
}
PATTERN_EXAMPLES = {pattern: example for pattern, example in ID_FORMATS.values()}


def id_type(kind: str) -> object:
    """A constrained string type for the ids of one kind of record."""
    return Annotated[str, StringConstraints(pattern=ID_FORMATS[kind][0])]


Slug = Annotated[str, StringConstraints(pattern=SLUG)]
DutyId = Annotated[str, StringConstraints(pattern=ID_FORMATS["duty"][0])]
AssistId = Annotated[str, StringConstraints(pattern=ID_FORMATS["assist"][0])]
NegativeId = Annotated[str, StringConstraints(pattern=ID_FORMATS["negative"][0])]
AccessId = Annotated[str, StringConstraints(pattern=ID_FORMATS["access"][0])]
PurchaseId = Annotated[str, StringConstraints(pattern=ID_FORMATS["purchase"][0])]
AgreementId = Annotated[str, StringConstraints(pattern=ID_FORMATS["agreement"][0])]
EvaluationId = Annotated[str, StringConstraints(pattern=ID_FORMATS["evaluation"][0])]
NoticeId = Annotated[str, StringConstraints(pattern=ID_FORMATS["notice"][0])]
CriterionId = Annotated[str, StringConstraints(pattern=ID_FORMATS["criterion"][0])]
CertificateId = Annotated[str, StringConstraints(pattern=ID_FORMATS["certificate"][0])]
PlaqueId = Annotated[str, StringConstraints(pattern=ID_FORMATS["plaque"][0])]

Year = Annotated[Whole, Field(ge=YEARS.start, le=YEARS.stop - 1, description="年度（四位数字）")]
Money = Annotated[Number, Field(max_digits=14, decimal_places=2, description="金额（元）")]
CommunityType = Literal["村", "居"]


class Record(BaseModel):
    """Base of every record: unknown keys are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)

    # The load cache pickles every record of a county and loads them all back in every run. pydantic's state is a
    # dict of four entries, two of them always None for a record (no extra keys, no private attributes); the pair
    # of the other two loads back a fifth faster. Anything else is left to pydantic.
    def __getstate__(self) -> Any:
        if self.__pydantic_extra__ is not None or self.__pydantic_private__ is not None:
            return super().__getstate__()
        return self.__dict__, self.__pydantic_fields_set__

    def __setstate__(self, state: Any) -> None:
        if not isinstance(state, tuple):
            super().__setstate__(state)
            return
        values, fields_set = state
        object.__setattr__(self, "__dict__", values)
        object.__setattr__(self, "__pydantic_fields_set__", fields_set)
        object.__setattr__(self, "__pydantic_extra__", None)
        object.__setattr__(self, "__pydantic_private__", None)


class Basis(Record):
    """A legal basis: a law or regulation in the register, and optionally its articles."""

    law: Slug = Field(description="法律法规在法律依据登记册（legal/）中的编号")
    articles: list[Annotated[Whole, Field(ge=1, le=10000)]] = Field(
        default_factory=list, description="引用的条款号（阿拉伯数字，如 37 表示第三十七条）；可不填"
    )


class Funding(Record):
    """费随事转: the money that goes with an assisted task."""

    amount: Money = Field(description="经费金额（元/年），必须大于 0")
    unit: Text = Field(description="计费口径，如“元/年”“元/村·年”")
    source: Text | None = Field(default=None, description="经费来源，如“县财政”“县民政局专项经费”")
    payment: Text | None = Field(default=None, description="支付方式，如“年初拨付 50%，评估后结清”")


class Period(Record):
    """A span of days, both ends included."""

    start: Date = Field(description="开始日期")
    end: Date = Field(description="结束日期")


class Party(Record):
    """One side of a signed document."""

    name: Text = Field(description="单位全称")
    representative: Text | None = Field(default=None, description="法定代表人或负责人（签字人）")
PATTERN_EXAMPLES[r"^[A-Z]{2}-\d{3,}$"] = "XZ-001"
