"""`zsht render notice certificate`: the certificate list notice, read back from Word, HTML and Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..conftest import EXAMPLE
from ..render.helpers import all_text, east_asian_font, open_docx
from .conftest import CERTIFICATES


def test_certificate_notice_lists_retained_and_cancelled(cli: Any, county: Any, tmp_path: Path) -> None:
    county.files["notices/2015/GS-2015-certificate.yaml"] = {
        "id": "GS-2015-certificate", "kind": "证明事项", "year": 2015, "title": "关于证明事项清单的公示",
        "issuer": "测试县民政局", "period": {"start": "2014-12-10", "end": "2014-12-19"},
        "objection": "县民政局基层政权科", "date": "2014-12-10", "status": "已发布"}
    county.write("notices/2015/GS-2015-certificate.yaml")
    out = tmp_path / "out"
    result = cli("-C", county.root, "render", "notice", "certificate", "--year", "2015", "-o", out)
    assert result.exit_code == 0, result.output
    document = open_docx(out / "2015" / "关于证明事项清单的公示.docx")
    text = all_text(document)
    for expected in ["关于证明事项清单的公示", "一、保留的证明事项（1项）", "村民委员会换届选举选民资格证明",
                     "《中华人民共和国村民委员会组织法》第二条", "办理用途", "当场办结", "兹证明……",
                     "二、取消的证明事项（2项）", "亲属关系证明", "居民养犬证明", "民发〔2020〕20号",
                     "2014年12月10日至2014年12月19日", "县民政局基层政权科", "测试县民政局"]:
        assert expected in text, expected
    retained, cancelled = document.tables
    assert [cell.text for cell in retained.rows[0].cells] == ["序号", "证明事项", "设定依据", "办理用途", "办理流程", "证明式样"]
    assert len(retained.rows) == 2 and len(cancelled.rows) == 3
    assert east_asian_font(document, "Title") == "方正小标宋简体"
    page = (out / "2015" / "关于证明事项清单的公示.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "居民养犬证明" in page and "2014年12月19日" in page
    markdown = (out / "2015" / "关于证明事项清单的公示.md").read_text(encoding="utf-8")
    assert "| 1 | 村民委员会换届选举选民资格证明 |" in markdown


def test_a_form_file_is_named_and_the_default_title_used(cli: Any, county: Any, tmp_path: Path) -> None:
    (county.root / "forms").mkdir()
    (county.root / "forms" / "xuanmin.md").write_text("式样", encoding="utf-8")
    county.edit(CERTIFICATES, lambda d: d["items"][2].update(form={"file": "forms/xuanmin.md"}))
    result = cli("-C", county.root, "render", "notice", "certificate", "-o", tmp_path)  # the latest list's year
    assert result.exit_code == 0, result.output
    [docx_file] = (tmp_path / "2015").glob("*.docx")
    assert docx_file.stem == "关于《测试县村（居）民委员会出具证明事项清单》的公示"
    assert "见式样文件 forms/xuanmin.md" in all_text(open_docx(docx_file))


def test_no_list_in_force_is_one_line(cli: Any, county: Any, tmp_path: Path) -> None:
    result = cli("-C", county.root, "render", "notice", "certificate", "--year", "2014", "-o", tmp_path)
    assert result.exit_code == 2
    assert "2014 年没有施行中的证明事项清单" in result.stderr and "Traceback" not in result.output
    assert not list(tmp_path.rglob("*.docx"))


def test_the_example_countys_notice(cli: Any, tmp_path: Path) -> None:
    result = cli("-C", EXAMPLE, "render", "notice", "certificate", "--year", "2026", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    [docx_file] = (tmp_path / "2026").glob("*.docx")
    retained, cancelled = open_docx(docx_file).tables
    assert len(retained.rows) == 1 + 3 and len(cancelled.rows) == 1 + 20
    assert retained.rows[1].cells[2].text == "《居住证暂行条例》第九条"
