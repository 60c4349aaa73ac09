"""A 补充协议 for the mini county: niushan-xinhua's agreement (XZ-001 2000, XZ-002 1500, signed 2015-02-10)
gains XZ-004 through the approved 准入 ZR-2015-001 (1200 元) and XZ-001's funding goes up to 2500 元."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..mini_county import MiniCounty

S_XINHUA = "supplements/2015/niushan/niushan-xinhua-1.yaml"
FUNDING = {"unit": "元/年", "source": "县财政", "payment": "签订后一次拨付"}


def supplement(status: str = "草稿") -> dict[str, Any]:
    """The supplement's data: a draft by default (a draft changes no figure), signed on 2015-10-20 if asked."""
    data: dict[str, Any] = {
        "id": "BC-2015-niushan-xinhua-1", "agreement": "XY-2015-niushan-xinhua", "year": 2015,
        "township": "niushan", "community": "niushan-xinhua", "reason": "县人民政府批准老年人健康管理服务进社区",
        "items_added": [{"id": "XZ-004", "access": "ZR-2015-001", "targets": "建立老年人健康档案",
                         "evaluation": "抽查健康档案", "conditions": "县卫计委提供体检车和表格",
                         "funding": dict(FUNDING, amount=1200)}],
        "changes": [{"id": "XZ-001", "funding": dict(FUNDING, amount=2500)}],
        "payment": [{"due": dt.date(2015, 11, 30), "share": 100}],
        "funding_total": 1700, "status": status,
    }
    if status == "已签订":
        data["signing"] = {"date": dt.date(2015, 10, 20), "party_a": {"name": "东海县牛山街道办事处"},
                           "party_b": {"name": "新华社区居民委员会"}}
    return data


def add_supplement(mini: MiniCounty, status: str = "草稿") -> None:
    """Write the supplement into the mini county."""
    mini.files[S_XINHUA] = supplement(status)
    mini.write(S_XINHUA)
