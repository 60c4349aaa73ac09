"""Bad input gets a finding, never a crash, and never hides the other files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from ..mini_county import MiniCounty

AGREEMENT = "agreements/2015/niushan/niushan-xinhua.yaml"


def rules_of(findings: list[dict[str, Any]]) -> set[str]:
    return {f["rule"] for f in findings}


def test_bom_and_crlf_are_accepted(mini: MiniCounty, cli: Any) -> None:
    path = mini.root / AGREEMENT
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert cli.findings(mini.root) == []


def test_gbk_file_names_encoding_and_fix(mini: MiniCounty, cli: Any) -> None:
    path = mini.root / AGREEMENT
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    [finding] = cli.findings(mini.root)
    assert finding["rule"] == "ZS001" and finding["file"] == AGREEMENT
    assert "GBK" in finding["message"] and f"zsht recode {AGREEMENT}" in finding["hint"]


def test_recode_fixes_a_gbk_file(mini: MiniCounty, cli: Any) -> None:
    path = mini.root / AGREEMENT
    original = path.read_text(encoding="utf-8")
    path.write_bytes(original.encode("gbk"))
    result = cli("-C", mini.root, "recode", path)
    assert result.exit_code == 0 and "GB18030" in result.output
    assert path.read_text(encoding="utf-8") == original
    assert cli.findings(mini.root) == []


def test_syntax_error_has_position_and_others_still_checked(mini: MiniCounty, cli: Any) -> None:
    (mini.root / AGREEMENT).write_text("id: XY-2015-niushan-xinhua\nitems: [\n  - id: XZ-001\n", encoding="utf-8")
    mini.edit("agreements/2015/niushan/niushan-qianjin.yaml", lambda d: d.update(breech="x"))
    findings = cli.findings(mini.root)
    syntax = [f for f in findings if f["rule"] == "ZS002"]
    assert syntax and syntax[0]["file"] == AGREEMENT and syntax[0]["line"] >= 2
    assert any(f["rule"] == "ZS101" and f["file"].endswith("niushan-qianjin.yaml") for f in findings)


def test_alias_bomb_is_refused(mini: MiniCounty, cli: Any) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 9):
        refs = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    (mini.root / "legal" / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    findings = cli.findings(mini.root)
    assert [f["rule"] for f in findings if f["file"] == "legal/bomb.yaml"] == ["ZS008"]


def test_self_referencing_alias_is_refused(mini: MiniCounty, cli: Any) -> None:
    (mini.root / "legal" / "loop.yaml").write_text("a: &x [*x]\n", encoding="utf-8")
    assert "ZS008" in rules_of(cli.findings(mini.root))


def test_empty_file(mini: MiniCounty, cli: Any) -> None:
    (mini.root / "legal" / "empty.yaml").write_text("", encoding="utf-8")
    findings = cli.findings(mini.root)
    assert [f["rule"] for f in findings] == ["ZS004"]


def test_directory_where_a_file_belongs(mini: MiniCounty, cli: Any) -> None:
    (mini.root / "legal" / "folder.yaml").mkdir()
    findings = cli.findings(mini.root)
    assert [(f["rule"], f["file"]) for f in findings] == [("ZS005", "legal/folder.yaml")]


def test_unreadable_file(mini: MiniCounty, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, who reads any file whatever its mode: make the read itself fail.
    import zsht.load.county

    target = mini.root / AGREEMENT
    real = zsht.load.county.read_regular

    def read_regular(path: Path) -> bytes:
        if path == target:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(zsht.load.county, "read_regular", read_regular)
    findings = cli.findings(mini.root)
    assert ("ZS006", AGREEMENT) in {(f["rule"], f["file"]) for f in findings}


def test_symlink_outside_repository(mini: MiniCounty, cli: Any, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: x\n", encoding="utf-8")
    os.symlink(outside, mini.root / "legal" / "linked.yaml")
    os.symlink(tmp_path, mini.root / "access" / "linked-dir")
    findings = cli.findings(mini.root)
    assert {(f["rule"], f["file"]) for f in findings} == {
        ("ZS007", "legal/linked.yaml"), ("ZS007", "access/linked-dir")}


def test_symlink_inside_repository_is_read(mini: MiniCounty, cli: Any) -> None:
    os.symlink(mini.root / "legal" / "juweihui-law.yaml", mini.root / "legal" / "alias.yaml")
    findings = cli.findings(mini.root)
    assert rules_of(findings) == {"ZS105"}  # the same law twice, found as a duplicate id


def test_top_level_list_instead_of_mapping(mini: MiniCounty, cli: Any) -> None:
    (mini.root / "legal" / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    assert [f["rule"] for f in cli.findings(mini.root)] == ["ZS102"]


def test_unknown_key_suggests_the_right_one(mini: MiniCounty, cli: Any) -> None:
    mini.edit(AGREEMENT, lambda d: d.update(fundng_total=d.pop("funding_total")))
    findings = cli.findings(mini.root)
    unknown = next(f for f in findings if f["rule"] == "ZS101")
    assert unknown["hint"] == "是不是要写 funding_total？"
    text = (mini.root / AGREEMENT).read_text(encoding="utf-8").splitlines()
    assert text[unknown["line"] - 1].startswith("fundng_total")


def test_one_bad_community_does_not_cascade(mini: MiniCounty, cli: Any) -> None:
    mini.edit("registry/communities/niushan.yaml", lambda d: d["communities"][0].update(type="乡"))
    findings = cli.findings(mini.root)
    assert [f["rule"] for f in findings] == ["ZS102"]


def test_misspelled_key_does_not_hide_other_rules(mini: MiniCounty, cli: Any) -> None:
    def change(data: dict[str, Any]) -> None:
        data["breech"] = data.pop("breach")
        data["items"].append({"id": "XZ-099"})

    mini.edit(AGREEMENT, change)
    rules = rules_of(cli.findings(mini.root))
    assert {"ZS101", "ZS401"} <= rules
