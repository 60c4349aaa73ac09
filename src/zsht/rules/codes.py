"""Official codes of townships and committees: 统计用区划代码, 统一社会信用代码, and the committee's legal name.

统计用区划代码 (国家统计局): county 6 digits (GB/T 2260) + township 3 + committee 3. The township digits
say its kind (001–099 街道, 100–199 镇, 200–399 乡, 400–599 开发区、农场等类似乡级单位), the committee
digits too (001–199 居委会, 200–399 村委会). 统一社会信用代码 (GB 32100-2015) is checked by python-stdnum.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..findings import Finding
from ..layout import COMMUNITY, TOWNSHIP
from ..load.county import County, Entry
from ..models import Community
from .base import at, check

TOWNSHIP_RANGES = {"街道": (1, 99), "镇": (100, 199), "乡": (200, 399), "国营场": (400, 599), "开发区": (400, 599)}
COMMUNITY_RANGES = {"居": (1, 199), "村": (200, 399)}
# The last words of a committee's registered name, by its type (村民委员会组织法、城市居民委员会组织法).
NAME_ENDINGS = {"村": "村民委员会", "居": "居民委员会"}


def _range_text(low: int, high: int) -> str:
    return f"{low:03d}–{high:03d}"


@check
def division_codes(county: County) -> Iterator[Finding]:
    """ZS216/ZS217/ZS218: each code starts with its county's (township's) code, fits its kind, is unique."""
    county_code = county.config.code if county.config is not None else None
    seen: dict[str, str] = {}
    for entry in county.entries(TOWNSHIP):
        code = entry.record.code
        if code is None:
            continue
        if county_code and not code.startswith(county_code):
            yield at(entry, "ZS216", f"{entry.record.name}的区划代码 {code} 不以本县代码 {county_code} 开头", "code",
                     hint="核对国家统计局公布的统计用区划代码，或 zsht.yaml 中的 code")
        yield from _in_range(entry, code[6:9], TOWNSHIP_RANGES.get(entry.record.type), entry.record.type)
        yield from _unique(entry, code, "code", seen, entry.record.name)
    for community in county.entries(COMMUNITY):
        yield from _community_code(county, community, county_code, seen)


def _community_code(county: County, entry: Entry[Community], county_code: str | None,
                    seen: dict[str, str]) -> Iterator[Finding]:
    code = entry.record.code
    if code is not None:
        town = county.index(TOWNSHIP).get(county.community_township.get(entry.record.id, ""))
        parent = town.record.code[:9] if town is not None and town.record.code else county_code
        where = f"{town.record.name}的代码前 9 位" if town is not None and town.record.code else "本县代码"
        if parent and not code.startswith(parent):
            yield at(entry, "ZS216", f"{entry.record.name}的区划代码 {code} 不以{where} {parent} 开头", "code",
                     hint="村（居）委会的区划代码 = 所属乡镇（街道）代码前 9 位 + 本村（居）3 位")
        yield from _in_range(entry, code[9:], COMMUNITY_RANGES[entry.record.type], f"{entry.record.type}委会")
        yield from _unique(entry, code, "code", seen, entry.record.name)


def _in_range(entry: Entry[Any], digits: str, bounds: tuple[int, int] | None,
              kind: str) -> Iterator[Finding]:
    """ZS217: the code's own three digits fall in the range of its kind."""
    if bounds is None or bounds[0] <= int(digits) <= bounds[1]:
        return
    yield at(entry, "ZS217", f"{entry.record.name}是{kind}，区划代码的末段 {digits} 应在 {_range_text(*bounds)} 之间",
             "code", hint="核对代码或类别（type）：001–199 居委会、200–399 村委会；街道 001–099、镇 100–199、乡 200–399")


def _unique(entry: Entry[Any], code: str, field: str, seen: dict[str, str], name: str) -> Iterator[Finding]:
    """ZS218: no two townships or committees share a code."""
    if code in seen:
        yield at(entry, "ZS218", f"{name}的代码 {code} 与{seen[code]}重复", field, hint="每个单位的代码唯一；核对后改正其中一个")
    else:
        seen[code] = name


@check
def credit_codes(county: County) -> Iterator[Finding]:
    """ZS219/ZS218: each committee's 统一社会信用代码 is well formed, has its check character, is unique."""
    seen: dict[str, str] = {}
    for entry in county.entries(COMMUNITY):
        value = entry.record.uscc
        if value is None:
            continue
        # python-stdnum imports ssl and pydoc with itself: imported here, for a county that records codes only
        from stdnum.cn import uscc

        problem = _uscc_problem(value)
        if problem:
            yield at(entry, "ZS219", f"{entry.record.name}的统一社会信用代码 {value} {problem}", "uscc",
                     hint="照统一社会信用代码证书逐位核对（GB 32100-2015）")
        else:
            yield from _unique(entry, uscc.compact(value), "uscc", seen, entry.record.name)


def _uscc_problem(value: str) -> str | None:
    """What is wrong with a 统一社会信用代码, in words; None when python-stdnum accepts it."""
    from stdnum.cn import uscc
    from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError

    try:
        uscc.validate(value)
    except InvalidLength:
        return f"应为 18 位，现为 {len(uscc.compact(value))} 位"
    except InvalidChecksum:
        return f"校验码不对：末位应为 {uscc.calc_check_digit(uscc.compact(value))}"
    except ValidationError:
        return "含不允许的字符（只用数字和除 I、O、Z、S、V 以外的大写字母）"
    return None


@check
def legal_names(county: County) -> Iterator[Finding]:
    """ZS220: a committee's name ends as its type requires, and its legal name is 省+市+县+乡镇（街道）+名称."""
    config = county.config
    townships = county.index(TOWNSHIP)
    for entry in county.entries(COMMUNITY):
        community = entry.record
        ending = NAME_ENDINGS[community.type]
        if not community.name.endswith(ending):
            yield at(entry, "ZS220", f"{community.name}是{community.type}委会，名称应以“{ending}”结尾", "name",
                     hint="名录名称写全称，如“新华社区居民委员会”“白塔村村民委员会”")
        town = townships.get(county.community_township.get(community.id, ""))
        if community.legal_name is None or config is None or town is None:
            continue
        allowed = legal_name_forms(config.province, config.city, config.county, town.record.name, community.name)
        if community.legal_name not in allowed:
            yield at(entry, "ZS220", f"法定全称“{community.legal_name}”与名录不符，应为“{allowed[-1]}”", "legal_name",
                     hint="法定全称 = 省 + 市 + 县 + 乡镇（街道）+ 名录名称；省、市可一并或只省去省")


def legal_name_forms(province: str | None, city: str | None, county: str, township: str, name: str) -> list[str]:
    """The legal names a committee may carry, shortest first: 县+乡镇+名称, 市+县+…, 省+市+县+… (those the
    county's settings name); the last is the full form."""
    core = county + township + name
    forms = [core]
    if city:
        forms.append(city + core)
        if province:
            forms.append(province + city + core)
    elif province:
        forms.append(province + core)
    return forms
