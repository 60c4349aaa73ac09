"""The mini county with a certificate list and a plaque list, valid, for tests to break one fact at a time."""

from __future__ import annotations

from typing import Any

import pytest

from ..mini_county import STAGES, MiniCounty

CERTIFICATES = "catalogs/certificate/2015.yaml"
PLAQUES = "catalogs/plaque/2015.yaml"
NIUSHAN = "registry/communities/niushan.yaml"
ASSIST = "catalogs/assist/2015.yaml"
AGREEMENT = "agreements/2015/niushan/niushan-xinhua.yaml"


def retained(number: int, name: str, **fields: Any) -> dict[str, Any]:
    """A retained certificate with every field a retained one needs."""
    return {"id": f"ZM-{number:03d}", "name": name, "status": "保留",
            "basis": [{"law": "cunweihui-law", "articles": [2]}], "purpose": "办理用途", "procedure": "当场办结",
            "form": "兹证明……", **fields}


def lists() -> dict[str, Any]:
    """A certificate list (two cancelled, one retained) and a plaque list (two outside, one inside)."""
    return {
        CERTIFICATES: {"title": "测试县村（居）民委员会出具证明事项清单", "year": 2015, "stages": STAGES, "items": [
            {"id": "ZM-001", "name": "亲属关系证明", "status": "取消"},
            {"id": "ZM-002", "name": "居民养犬证明", "status": "取消"},
            retained(3, "村民委员会换届选举选民资格证明"),
        ]},
        PLAQUES: {"title": "测试县机制牌子清单", "year": 2015, "items": [
            {"id": "PZ-001", "name": "村（社区）党组织", "placement": "外", "basis": "中国共产党章程"},
            {"id": "PZ-002", "name": "村（居）民委员会", "placement": "外", "basis": "村民委员会组织法"},
            {"id": "PZ-003", "name": "人民调解委员会", "placement": "内", "basis": "人民调解法 第八条"},
        ]},
    }


@pytest.fixture
def county(mini: MiniCounty) -> MiniCounty:
    """The mini county with both lists, and plaques on 新华社区 (PZ-001, PZ-002, PZ-003)."""
    for relpath, data in lists().items():
        mini.files[relpath] = data
        mini.write(relpath)
    mini.edit(NIUSHAN, lambda d: d["communities"][0].update(plaques=["PZ-001", "PZ-002", "PZ-003"]))
    return mini


