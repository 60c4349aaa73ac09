"""`zsht render supplement` (laid out like the agreement, reproducible, skipped on errors) and `zsht sign` for
补充协议 (all or nothing; the signed supplement keeps the catalog terms it adds, so its document stays the same)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..conftest import EXAMPLE
from ..mini_county import MiniCounty
from ..render.helpers import all_text, open_docx
from .helpers import S_XINHUA, add_supplement

S_DONGWANG = "supplements/2015/baitabu/baitabu-dongwang-1.yaml"
XINHUA_DOC = "2015/牛山街道/新华社区居民委员会补充协议1.docx"


def _render(cli: Any, root: Path, out: Path, *selection: str) -> Any:
    return cli("-C", root, "render", "supplement", *selection, "-o", out)


def test_the_example_supplements_render_with_their_terms(cli: Any, tmp_path: Path) -> None:
    result = _render(cli, EXAMPLE, tmp_path / "out", "--all")
    assert result.exit_code == 0, result.output
    text = all_text(open_docx(tmp_path / "out" / XINHUA_DOC))
    assert "补充协议（一）" in text and "协议编号：BC-2015-niushan-xinhua-1" in text
    assert "（一）困难残疾人生活补贴和重度残疾人护理补贴申请受理协助" in text
    assert "主管部门：东海县残疾人联合会。" in text
    assert "本补充协议增加工作经费人民币1,000.00元（大写：壹仟元整），原协议约定的工作经费总额相应调整为21,400.00元。" in text
    beichen = all_text(open_docx(tmp_path / "out" / "2015/石梁河镇/北辰村村民委员会补充协议1.docx"))
    assert "工作经费由2,000.00元调整为2,500.00元" in beichen


def test_one_supplement_by_id_and_the_same_bytes_twice(cli: Any, tmp_path: Path) -> None:
    first = _render(cli, EXAMPLE, tmp_path / "a", "BC-2015-niushan-xinhua-1")
    second = _render(cli, EXAMPLE, tmp_path / "b", "BC-2015-niushan-xinhua-1", "--jobs", "2")
    assert first.exit_code == second.exit_code == 0, first.output + second.output
    assert sorted(p.name for p in (tmp_path / "a").rglob("*.docx")) == ["新华社区居民委员会补充协议1.docx"]
    assert (tmp_path / "a" / XINHUA_DOC).read_bytes() == (tmp_path / "b" / XINHUA_DOC).read_bytes()


def test_a_bad_id_or_no_selection_is_one_line(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    for args in ((), ("XY-2015-niushan-xinhua",)):
        result = _render(cli, mini.root, tmp_path / "out", *args)
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) <= 2, result.output


def test_a_supplement_with_errors_is_skipped(cli: Any, mini: MiniCounty, tmp_path: Path) -> None:
    add_supplement(mini)
    mini.edit(S_XINHUA, lambda d: d.update(funding_total=5))
    result = _render(cli, mini.root, tmp_path / "out", "--all", "--year", "2015")
    assert result.exit_code == 1
    assert "未生成 BC-2015-niushan-xinhua-1：记录有校验错误" in result.output and "ZS425" in result.output
    assert [p.name for p in (tmp_path / "out").rglob("*.docx")] == ["前进村民委员会补充协议1.docx"]  # the valid one


def _catalog_item_supplement(mini: MiniCounty) -> None:
    """A draft supplement giving 东王村 the catalog's XZ-002 (1500 元) with no terms of its own."""
    mini.files[S_DONGWANG] = {
        "id": "BC-2015-baitabu-dongwang-1", "agreement": "XY-2015-baitabu-dongwang", "year": 2015,
        "township": "baitabu", "community": "baitabu-dongwang", "reason": "增加养老保险参保登记协助",
        "items_added": [{"id": "XZ-002"}], "payment": [{"due": "2015-12-31", "share": 100}]}
    mini.write(S_DONGWANG)


def test_sign_signs_a_draft_supplement_and_keeps_the_catalog_terms(cli: Any, mini: MiniCounty,
                                                                   tmp_path: Path) -> None:
    _catalog_item_supplement(mini)
    # Signed in June, when the year is not evaluated yet (a finalized evaluation would refuse it: test_late.py).
    mini.remove("evaluations/2015/baitabu/baitabu-dongwang.yaml")
    result = cli("-C", mini.root, "sign", "--year", "2015", "--date", "2015-06-01", "--township", "baitabu")
    assert result.exit_code == 0, result.output
    assert "已登记签订 1 份补充协议" in result.output
    signed = yaml.safe_load((mini.root / S_DONGWANG).read_text(encoding="utf-8"))
    assert signed["status"] == "已签订" and str(signed["signing"]["date"]) == "2015-06-01"
    assert signed["signing"]["party_a"]["name"] == "白塔埠镇"  # the registry has no government name for it
    item = signed["items_added"][0]
    assert item["funding"]["amount"] == 1500 and item["targets"] == "按要求完成协助开展城乡居民养老保险参保登记"
    assert signed["funding_total"] == 1500
    before = _render(cli, mini.root, tmp_path / "before", "BC-2015-baitabu-dongwang-1")
    assert before.exit_code == 0, before.output
    # the catalog changes later: the signed supplement says what was signed
    mini.edit("catalogs/assist/2015.yaml", lambda d: [d["items"][1]["funding"].update(amount=900),
                                                       d["items"][1].update(requirements="改过的要求")])
    after = _render(cli, mini.root, tmp_path / "after", "BC-2015-baitabu-dongwang-1")
    assert after.exit_code == 0, after.output
    doc = "2015/白塔埠镇/东王村民委员会补充协议1.docx"
    assert (tmp_path / "before" / doc).read_bytes() == (tmp_path / "after" / doc).read_bytes()


def test_a_supplement_signing_that_would_not_validate_writes_nothing(cli: Any, mini: MiniCounty) -> None:
    _catalog_item_supplement(mini)
    original = (mini.root / S_DONGWANG).read_bytes()
    result = cli("-C", mini.root, "sign", "--year", "2015", "--date", "2015-01-20", "--township", "baitabu")
    assert result.exit_code == 1
    assert "ZS424" in result.output and "未写入任何补充协议" in result.output and "Traceback" not in result.output
    assert (mini.root / S_DONGWANG).read_bytes() == original
