"""`zsht site`: the example county's public site, browsed by following its links."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from ..conftest import EXAMPLE, snapshot
from .pages import follow, link_to, parse

EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)  # any scheme (http:, https:, data:, javascript:) or //host


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example county's site, built once for the tests that only read it."""
    from typer.testing import CliRunner

    from zsht.cli.app import only_the_command

    out = tmp_path_factory.mktemp("site") / "public"
    words = ["-C", str(EXAMPLE), "site", "-o", str(out)]
    result = CliRunner().invoke(only_the_command(words), words)
    assert result.exit_code == 0, result.output
    return out


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_index_leads_to_township_committee_and_notice(site: Path) -> None:
    index = parse(site / "index.html")
    assert index.lang == "zh-CN" and index.headings[0] == ("h1", "东海县政社互动信息公开")
    township = link_to(site, "index.html", "牛山街道（17 个")
    assert township == "townships/niushan.html"
    assert ("h1", "牛山街道") in parse(site / township).headings
    community = link_to(site, township, "新华社区居民委员会")
    page = parse(site / community)
    assert ("h2", "2015 年协助政府工作协议") in page.headings
    # The agreement as amended by its signed supplement: 20,400 agreed, 1,000 added by BC-2015-niushan-xinhua-1.
    assert "21,400.00 元" in page.text and "BC-2015-niushan-xinhua-1" in page.text
    assert "等次良好" in page.text.replace("\n", "")
    notice = link_to(site, community, "牛山街道2015年度")
    assert notice == "notices/GS-2015-eval-niushan.html"
    shown = parse(site / notice)
    assert ("h1", "牛山街道2015年度村（居）民委员会履约和政府履职双向评估结果公示") in shown.headings
    assert link_to(site, notice, "新华社区居民委员会") == community


def test_lists_in_force_link_to_their_earlier_versions_and_changes(site: Path) -> None:
    assist = link_to(site, "index.html", "协助政府工作事项清单")
    assert assist == "lists/assist-2026.html"
    page = parse(site / assist)
    assert "XZ-001" in page.ids  # every item is a target the committees' pages and the search link to
    assert ("h2", "与 2016 年版本相比的变化") in page.headings
    # catalogs/assist/2016.yaml → 2026.yaml: XZ-001's funding went from 2,800 to 4,200 and XZ-005 was renamed.
    assert "经费 2,800.00 元/村（居）·年 → 4,200.00 元/村（居）·年" in page.text
    assert "名称原为“优抚对象走访和拥军优属服务”" in page.text
    earlier = link_to(site, assist, "2016 年版本")
    older = parse(site / earlier)
    assert ("h2", "与 2015 年版本相比的变化") in older.headings
    # XZ-011 … XZ-028 joined the catalog in 2016 (catalogs/assist/2016.yaml).
    assert re.search(r"XZ-011\s*[^\n]*\s*新增", older.text.replace("\n", " ")) is not None


def test_every_link_resolves_and_none_leaves_the_site(site: Path) -> None:
    for name in pages(site):
        page = parse(site / name)
        assert page.lang == "zh-CN", name
        assert [h for h in page.headings if h[0] == "h1"], name
        assert page.th_without_scope == 0, name
        for tag, attribute, value in page.links:
            assert not EXTERNAL.match(value), f"{name}: <{tag} {attribute}={value}> leaves the site"
            target = follow(site, name, value)
            assert (site / target).is_file(), f"{name}: {value} leads nowhere"
            if "#" in value and value.split("#", 1)[1]:
                assert value.split("#", 1)[1] in parse(site / target).ids, f"{name}: {value} has no target"
    for asset in ("site.css", "search.js", "search-index.js"):
        assert not re.search(r"https?://|@import|url\(", (site / asset).read_text(encoding="utf-8")), asset


def test_search_index_finds_items_committees_and_notices(site: Path) -> None:
    import json

    entries = json.loads((site / "search.json").read_text(encoding="utf-8"))
    titles = {entry["t"]: entry["u"] for entry in entries}
    assert titles["新华社区居民委员会"] == "communities/niushan-xinhua.html"
    assert titles["XZ-001 最低生活保障申请受理协助、入户调查和民主评议公示"].startswith("lists/assist-2026.html#")
    assert any(url == "notices/GS-2015-catalog.html" for url in titles.values())
    assert (site / "search-index.js").read_text(encoding="utf-8") == \
        f"window.ZSHT_SEARCH = {(site / 'search.json').read_text(encoding='utf-8')};\n"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>") == len(pages(site)) and "<loc>communities/niushan-xinhua.html</loc>" in sitemap


def test_each_page_names_the_commit_it_was_built_from(site: Path) -> None:
    import subprocess

    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=EXAMPLE, capture_output=True, text=True,
                          check=True).stdout.strip()
    for name in pages(site):
        assert f"提交 {head[:12]}" in (site / name).read_text(encoding="utf-8"), name


def test_no_panel_names_and_no_phone_numbers(site: Path) -> None:
    evaluation = (EXAMPLE / "evaluations/2015/niushan/niushan-xinhua.yaml").read_text(encoding="utf-8")
    members = re.findall(r"name: (\S+)", evaluation)
    assert members
    notice = (EXAMPLE / "notices/2015/GS-2015-catalog.yaml").read_text(encoding="utf-8")
    assert "0518-87222xxx" in notice
    for name in pages(site):
        text = (site / name).read_text(encoding="utf-8")
        assert not [m for m in members if m in text], name
        assert "0518-87222xxx" not in text, name
    assert "（电话号码略）" in (site / "notices/GS-2015-catalog.html").read_text(encoding="utf-8")


def test_phones_go_out_when_asked(cli: Any, tmp_path: Path) -> None:
    result = cli("-C", EXAMPLE, "site", "-o", tmp_path / "out", "--phones")
    assert result.exit_code == 0, result.output
    assert "0518-87222xxx" in (tmp_path / "out/notices/GS-2015-catalog.html").read_text(encoding="utf-8")


def test_same_records_same_bytes_and_a_second_run_writes_nothing(cli: Any, site: Path, tmp_path: Path) -> None:
    out = tmp_path / "again"
    assert cli("-C", EXAMPLE, "site", "-o", out).exit_code == 0
    assert snapshot(out, "*") == snapshot(site, "*")
    times = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    result = cli("-C", EXAMPLE, "site", "-o", out)
    assert result.exit_code == 0, result.output
    assert "改写 0 个" in result.stdout
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == times


def county_copy(tmp_path: Path) -> Path:
    """The example county outside git, to change."""
    root = tmp_path / "county"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("out", "public"))
    return root


def test_only_the_pages_that_change_are_rewritten(cli: Any, tmp_path: Path) -> None:
    root, out = county_copy(tmp_path), tmp_path / "public"
    assert cli("-C", root, "site", "-o", out).exit_code == 0
    before = snapshot(out, "*")
    registry = root / "registry/communities/niushan.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("孙丽华", "孙丽芳"), encoding="utf-8")
    result = cli("-C", root, "site", "-o", out)
    assert result.exit_code == 0, result.output
    after = snapshot(out, "*")
    assert {name for name in after if after[name] != before.get(name)} == \
        {"communities/niushan-xinhua.html", "townships/niushan.html"}
    assert "改写 2 个" in result.stdout


def test_drafts_stay_out(cli: Any, tmp_path: Path) -> None:
    root, out = county_copy(tmp_path), tmp_path / "public"
    assert cli("-C", root, "draft", "--year", "2016", "--township", "niushan").exit_code == 0
    assert (root / "agreements/2016/niushan/niushan-xinhua.yaml").is_file()
    notice = (root / "notices/2016/GS-2016-catalog.yaml").read_text(encoding="utf-8")
    (root / "notices/2016/GS-2016-draft.yaml").write_text(
        notice.replace("GS-2016-catalog", "GS-2016-draft").replace("status: 已发布", "status: 草稿")
        .replace("title: ", "title: 尚未发布的公示"), encoding="utf-8")
    duty = (root / "catalogs/duty/2026.yaml").read_text(encoding="utf-8")
    unpublished = re.sub(r"\n  - stage: 发布\n(    .*\n)+", "\n", duty).replace("year: 2026", "year: 2027")
    assert "发布" not in unpublished.split("items:")[0]
    (root / "catalogs/duty/2027.yaml").write_text(unpublished, encoding="utf-8")
    result = cli("-C", root, "site", "-o", out)
    assert result.exit_code == 0, result.output
    every = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file())
    assert "XY-2016-" not in every and "2016 年协助政府工作协议" not in every
    assert "尚未发布的公示" not in every and not (out / "notices/GS-2016-draft.html").exists()
    assert not (out / "lists/duty-2027.html").exists() and "duty-2027" not in every
    assert "lists/duty-2026.html" in (out / "index.html").read_text(encoding="utf-8")


def test_a_withdrawn_page_is_removed_and_other_files_are_kept(cli: Any, tmp_path: Path) -> None:
    root, out = county_copy(tmp_path), tmp_path / "public"
    assert cli("-C", root, "site", "-o", out).exit_code == 0
    (out / "CNAME").write_text("zsht.example\n", encoding="utf-8")  # the host's own file, not zsht's
    (root / "notices/2016/GS-2016-catalog.yaml").unlink()
    result = cli("-C", root, "site", "-o", out)
    assert result.exit_code == 0, result.output
    assert not (out / "notices/GS-2016-catalog.html").exists() and "删除 1 个" in result.stdout
    assert (out / "CNAME").read_text(encoding="utf-8") == "zsht.example\n"


def test_without_git_the_pages_say_so(cli: Any, tmp_path: Path) -> None:
    root, out = county_copy(tmp_path), tmp_path / "public"
    assert cli("-C", root, "site", "-o", out).exit_code == 0
    assert "不是从 git 仓库中的记录生成的" in (out / "index.html").read_text(encoding="utf-8")


def test_a_record_with_errors_is_left_out_and_named(cli: Any, tmp_path: Path) -> None:
    root, out = county_copy(tmp_path), tmp_path / "public"
    notice = root / "notices/2015/GS-2015-catalog.yaml"
    notice.write_text(notice.read_text(encoding="utf-8").replace("issuer:", "isuer:"), encoding="utf-8")
    result = cli("-C", root, "site", "-o", out)
    assert result.exit_code == 1
    assert "未公开 notices/2015/GS-2015-catalog.yaml" in result.stderr
    assert (out / "index.html").is_file() and not (out / "notices/GS-2015-catalog.html").exists()


def test_base_url_makes_the_sitemap_absolute_and_a_bad_one_is_refused(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "public"
    assert cli("-C", EXAMPLE, "site", "-o", out, "--base-url", "https://mz.example.gov.cn/zsht").exit_code == 0
    assert "<loc>https://mz.example.gov.cn/zsht/index.html</loc>" in (out / "sitemap.xml").read_text(encoding="utf-8")
    result = cli("-C", EXAMPLE, "site", "-o", tmp_path / "other", "--base-url", "javascript:alert(1)")
    assert result.exit_code == 2 and "--base-url 不是网址" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_output_path_that_is_a_file_is_refused(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "public").write_text("x", encoding="utf-8")
    result = cli("-C", EXAMPLE, "site", "-o", tmp_path / "public")
    assert result.exit_code == 2 and "不是目录" in result.stderr and "Traceback" not in result.output


def test_a_site_built_inside_the_repository_does_not_count_as_a_change(cli: Any, tmp_path: Path) -> None:
    import subprocess

    root = county_copy(tmp_path)
    identity = ["-c", "user.name=测试", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], [*identity, "commit", "-q", "-m", "records"]):
        subprocess.run(["git", *command], cwd=root, check=True, capture_output=True)
    assert cli("-C", root, "site").exit_code == 0  # -o public: inside the county, untracked
    first = snapshot(root / "public", "*")
    assert "尚未提交的改动" not in first["index.html"].decode("utf-8")
    result = cli("-C", root, "site")
    assert result.exit_code == 0 and "改写 0 个" in result.stdout, result.output
    (root / "notes.txt").write_text("未提交的文件\n", encoding="utf-8")
    cli("-C", root, "site")
    assert "尚未提交的改动" in (root / "public/index.html").read_text(encoding="utf-8")


def test_the_ledger_cannot_make_a_build_remove_files_outside_the_site(cli: Any, tmp_path: Path) -> None:
    out, outside = tmp_path / "public", tmp_path / "keep.txt"
    outside.write_text("kept\n", encoding="utf-8")
    out.mkdir()
    (out / ".zsht-site.json").write_text(f'["{outside}", "../keep.txt"]', encoding="utf-8")
    assert cli("-C", EXAMPLE, "site", "-o", out).exit_code == 0
    assert outside.read_text(encoding="utf-8") == "kept\n"
