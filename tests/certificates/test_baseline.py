"""`zsht baseline certificates`: the national first batch, printed or written as a starting list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from zsht.certificates import national_batch

NATIONAL = ["亲属关系证明", "居民身份信息证明", "户口登记项目内容变更申请证明", "居民养犬证明", "无犯罪记录证明",
            "社区戒毒社区康复人员情况证明", "人员失踪证明", "婚姻状况证明", "出生证明", "健在证明", "死亡证明",
            "疾病状况证明", "残疾状况证明", "婚育状况证明", "居民就业状况证明", "居民个人档案证明", "居民财产证明",
            "遗产继承权证明", "市场主体住所证明", "证件遗失证明"]


def test_the_shipped_batch_is_the_documents_twenty() -> None:
    batch = national_batch()
    assert list(batch.names) == NATIONAL
    assert batch.document == "民发〔2020〕20号" and batch.published.year == 2020
    assert batch.position("婚姻状况") == 8 and batch.position("居住证明") is None


def test_printed_as_yaml(cli: Any, tmp_path: Path) -> None:
    result = cli("-C", tmp_path, "baseline", "certificates", "--year", "2026")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert data["year"] == 2026
    assert [item["name"] for item in data["items"]] == NATIONAL
    assert {item["status"] for item in data["items"]} == {"取消"}
    assert data["items"][0]["id"] == "ZM-001" and "民发〔2020〕20号" in data["items"][0]["note"]


def test_written_into_the_county_validates_and_is_never_overwritten(cli: Any, mini: Any) -> None:
    relpath = "catalogs/certificate/2016.yaml"
    result = cli("-C", mini.root, "baseline", "certificates", "--write", relpath)
    assert result.exit_code == 0, result.output
    text = (mini.root / relpath).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    data = yaml.safe_load(text)
    assert data["year"] == 2016 and data["title"] == "测试县村（居）民委员会出具证明事项清单"
    assert len(data["items"]) == 20
    assert cli.findings(mini.root) == []
    (mini.root / relpath).write_text(text + "# 县里改过\n", encoding="utf-8")
    again = cli("-C", mini.root, "baseline", "certificates", "--write", relpath)
    assert again.exit_code == 1
    assert "已存在" in again.stderr and relpath in again.stderr
    assert (mini.root / relpath).read_text(encoding="utf-8").endswith("# 县里改过\n")


def test_a_path_that_is_no_certificate_list_is_refused(cli: Any, mini: Any) -> None:
    result = cli("-C", mini.root, "baseline", "certificates", "--write", "catalogs/assist/2017.yaml")
    assert result.exit_code == 2
    assert "不是证明事项清单的位置" in result.stderr and "catalogs/certificate/" in result.stderr
    assert not (mini.root / "catalogs/assist/2017.yaml").exists()


def test_schemas_of_the_new_kinds(cli: Any, tmp_path: Path) -> None:
    import json

    assert cli("schema", "-o", tmp_path).exit_code == 0
    certificate = json.loads((tmp_path / "certificate.schema.json").read_text(encoding="utf-8"))
    plaque = json.loads((tmp_path / "plaque.schema.json").read_text(encoding="utf-8"))
    assert certificate["title"] == "证明事项清单" and plaque["title"] == "机制牌子清单"
    item = certificate["$defs"]["CertificateItem"]["properties"]
    assert item["id"]["pattern"] == r"^ZM-\d{3,}$" and item["status"]["enum"] == ["保留", "取消"]
    county = json.loads((tmp_path / "county.schema.json").read_text(encoding="utf-8"))
    assert county["$defs"]["PlaqueCaps"]["properties"]["outside"]["default"] == 4
