"""机制牌子: the plaques a county allows at a committee's office, inside and outside."""

from typing import Literal

from pydantic import Field

from .catalogs import PublishedList
from .common import PlaqueId, Record, Text

Placement = Literal["外", "内"]


class PlaqueItem(Record):
    """One allowed plaque (机制牌子) and where it may hang."""

    id: PlaqueId = Field(description="牌子编号，如 PZ-001")
    name: Text = Field(description="牌子名称，如“某某村民委员会”")
    placement: Placement = Field(description="悬挂位置：外（办公场所外）或 内（办公场所内）")
    basis: Text = Field(description="设立依据（法律法规或党内法规、文件），如“中华人民共和国兵役法”")


class PlaqueCatalog(PublishedList):
    """catalogs/plaque/<year>.yaml: 村（社区）组织机制牌子清单."""

    items: list[PlaqueItem] = Field(description="允许悬挂的牌子")
