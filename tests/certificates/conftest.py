"""The mini county (which keeps a certificate list and a plaque list) with plaques hung, for tests to break one
fact at a time."""

from __future__ import annotations

from typing import Any

import pytest

from ..mini_county import MiniCounty

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


@pytest.fixture
def county(mini: MiniCounty) -> MiniCounty:
    """The mini county with plaques on 新华社区 (PZ-001, PZ-002 outside, PZ-003 inside)."""
    assert CERTIFICATES in mini.files and PLAQUES in mini.files
    mini.edit(NIUSHAN, lambda d: d["communities"][0].update(plaques=["PZ-001", "PZ-002", "PZ-003"]))
    return mini
