"""The county's registry: townships, committees, departments and social organizations."""

from typing import Literal

from pydantic import Field

from .common import PATTERN_EXAMPLES, CommunityType, PlaqueId, Record, Slug, Text, Whole

# 统计用区划代码: county (6 digits, GB/T 2260) + township (3) + committee (3); a township's ends in 000.
TOWNSHIP_CODE = r"^\d{9}000$"
COMMUNITY_CODE = r"^\d{12}$"
PATTERN_EXAMPLES[TOWNSHIP_CODE] = "320722100000（12 位数字，县代码 6 位 + 乡镇 3 位 + 000）"
PATTERN_EXAMPLES[COMMUNITY_CODE] = "320722100201（12 位数字，乡镇代码前 9 位 + 村（居）3 位）"


class Township(Record):
    """基层政府: a township, town, street office, state farm or development zone (甲方)."""

    id: Slug = Field(description="乡镇（街道）编号，小写拼音，如 niushan")
    name: Text = Field(description="名称，如“牛山街道”")
    type: Literal["乡", "镇", "街道", "国营场", "开发区"] = Field(description="类别：乡、镇、街道、国营场、开发区")
    government: Text | None = Field(default=None, description="签约机关全称，如“东海县牛山街道办事处”")
    head: Text | None = Field(default=None, description="主要负责人（协议甲方代表）")
    code: str | None = Field(default=None, pattern=TOWNSHIP_CODE,
                             description="统计用区划代码（12 位，县代码 + 乡镇 3 位 + 000；可选）")


class TownshipFile(Record):
    """registry/townships.yaml: every township of the county."""

    townships: list[Township] = Field(description="全县乡镇（街道）名录")


class Community(Record):
    """基层群众自治组织: a village (村) or residents' (居) committee (乙方)."""

    id: Slug = Field(description="村（居）委会编号，如 niushan-xinhua")
    name: Text = Field(description="全称，如“新华社区居民委员会”")
    type: CommunityType = Field(description="类别：村（村民委员会）或 居（居民委员会）")
    director: Text | None = Field(default=None, description="主任（协议乙方代表）")
    households: Whole | None = Field(default=None, ge=0, le=1_000_000, description="户数（可选）")
    code: str | None = Field(default=None, pattern=COMMUNITY_CODE,
                             description="统计用区划代码（12 位，乡镇代码前 9 位 + 001–199 居委会、200–399 村委会；可选）")
    uscc: str | None = Field(default=None, description="统一社会信用代码（18 位，GB 32100-2015；可选）")
    legal_name: Text | None = Field(
        default=None, description="法定全称（统一社会信用代码证书上的名称），如“江苏省连云港市东海县牛山街道新华社区居民委员会”")
    plaques: list[PlaqueId] = Field(default_factory=list, description=(
        "办公场所悬挂的机制牌子，填 catalogs/plaque/ 清单中的编号，如 PZ-001；数量上限见 zsht.yaml 的 plaques"))


class CommunityFile(Record):
    """registry/communities/<township>.yaml: the committees of one township."""

    township: Slug = Field(description="所属乡镇（街道）编号")
    communities: list[Community] = Field(description="本乡镇（街道）的村（居）委会")


class Department(Record):
    """县政府职能部门: owner of assisted tasks."""

    id: Slug = Field(description="部门编号，如 minzheng")
    name: Text = Field(description="部门全称，如“东海县民政局”")
    aliases: list[Text] = Field(
        default_factory=list,
        description="简称、旧称，如“县残联”：zsht import catalog 据此识别清单中的部门（全称及“县民政局”这样的写法无须列出）",
    )


class DepartmentFile(Record):
    """registry/departments.yaml."""

    departments: list[Department] = Field(description="县政府职能部门名录")


class SocialOrg(Record):
    """社会组织: a registered organization that takes on purchased services."""

    id: Slug = Field(description="社会组织编号")
    name: Text = Field(description="登记名称")
    credit_code: str | None = Field(
        default=None, pattern=r"^[0-9A-HJ-NPQRTUWXY]{18}$", description="统一社会信用代码（18 位）"
    )
    category: Text | None = Field(default=None, description="类别，如 公益慈善类、社区服务类")


class SocialOrgFile(Record):
    """registry/social_orgs.yaml."""

    social_orgs: list[SocialOrg] = Field(description="社会组织名录")
