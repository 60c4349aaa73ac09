"""Every rule id: one record that breaks it (the rule fires) and the valid mini county (it does not)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from zsht.ruletable import RULES

from ..mini_county import MiniCounty

A_XINHUA = "agreements/2015/niushan/niushan-xinhua.yaml"
A_QIANJIN = "agreements/2015/niushan/niushan-qianjin.yaml"
E_XINHUA = "evaluations/2015/niushan/niushan-xinhua.yaml"
ASSIST = "catalogs/assist/2015.yaml"
ASSIST_2016 = "catalogs/assist/2016.yaml"
COMMUNITIES = "registry/communities/niushan.yaml"
CUNWEIHUI = "legal/cunweihui-law.yaml"
CERTIFICATES = "catalogs/certificate/2015.yaml"


def first_item(relpath: str, key: str = "items") -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda data: data[key][0]


def _set(target: Callable[[Any], dict[str, Any]], **changes: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        node = target(data)
        for key, value in changes.items():
            if value is DELETE:
                node.pop(key, None)
            else:
                node[key] = value
    return change


DELETE = object()
root = lambda d: d  # noqa: E731


def _add_township_twice(data: dict[str, Any]) -> None:
    data["townships"].append(dict(data["townships"][0]))


def _bad_stage_order(data: dict[str, Any]) -> None:
    data["stages"][0], data["stages"][1] = data["stages"][1], data["stages"][0]


def _second_agreement(mini: MiniCounty) -> None:
    data = dict(mini.files[A_XINHUA], id="XY-2015-niushan-xinhua2")
    mini.files["agreements/2015/niushan/niushan-xinhua2.yaml"] = data
    mini.write("agreements/2015/niushan/niushan-xinhua2.yaml")


def _second_evaluation(mini: MiniCounty) -> None:
    data = dict(mini.files[E_XINHUA], id="PG-2015-niushan-xinhua2")
    mini.files["evaluations/2015/niushan/niushan-xinhua2.yaml"] = data
    mini.write("evaluations/2015/niushan/niushan-xinhua2.yaml")


def _drop_access(mini: MiniCounty) -> None:
    mini.remove("access/ZR-2015-001.yaml")


def _drop_evaluation(mini: MiniCounty) -> None:
    mini.remove(E_XINHUA)


def _unknown_file(mini: MiniCounty) -> None:
    (mini.root / "notes.yaml").write_text("a: 1\n", encoding="utf-8")


def _missing_departments(mini: MiniCounty) -> None:
    mini.remove("registry/departments.yaml")


def _plaques_over_cap(mini: MiniCounty) -> None:
    mini.edit("zsht.yaml", lambda d: d.update(plaques={"outside": 1}))
    mini.edit(COMMUNITIES, lambda d: d["communities"][0].update(plaques=["PZ-001", "PZ-002"]))


def _edit(relpath: str, change: Callable[[Any], Any]) -> Callable[[MiniCounty], None]:
    return lambda mini: mini.edit(relpath, change)


def _versions(*texts: tuple[str, int], keep_articles: bool = False) -> Callable[[Any], None]:
    """Register a law's texts (effective date, article count) instead of its single count."""
    def change(data: Any) -> None:
        if not keep_articles:
            data.pop("articles", None)
        data["versions"] = [{"effective": effective, "articles": articles} for effective, articles in texts]
    return change


def _published_before_its_year(mini: MiniCounty) -> None:
    mini.edit(ASSIST_2016, lambda d: d["stages"][-1].update(date="2015-12-28"))
    mini.edit(CUNWEIHUI, _versions(("2010-10-28", 41), ("2016-01-01", 41)))


def _community(position: int, **changes: Any) -> Callable[[MiniCounty], None]:
    return _edit(COMMUNITIES, lambda d: d["communities"][position].update(changes))


def _same_code(mini: MiniCounty) -> None:
    _community(0, code="320722001001")(mini)
    _community(1, code="320722001001")(mini)


def _raw(relpath: str, text: bytes) -> Callable[[MiniCounty], None]:
    return lambda mini: (mini.root / relpath).write_bytes(text)


CASES: dict[str, Callable[[MiniCounty], None]] = {
    "ZS001": _raw(A_XINHUA, "id: XY-2015-niushan-xinhua\nbreach: 未履约的，按评估结果核减经费\n".encode("gbk")),
    "ZS002": _raw(A_XINHUA, b"id: [unclosed\n"),
    "ZS003": _raw("legal/juweihui-law.yaml", b"id: juweihui-law\nid: again\n"),
    "ZS004": _raw(A_XINHUA, b"# only a comment\n"),
    "ZS009": _unknown_file,
    "ZS010": _missing_departments,
    "ZS101": _edit(A_XINHUA, _set(root, breech="违约")),
    "ZS102": _edit(A_XINHUA, _set(root, year="二〇一五")),
    "ZS103": _edit(A_XINHUA, _set(root, community=DELETE)),
    "ZS104": _edit(COMMUNITIES, _set(lambda d: d["communities"][0], id="Xin Hua")),
    "ZS105": _edit("registry/townships.yaml", _add_township_twice),
    "ZS106": _edit(A_XINHUA, _set(root, township="baitabu", community="baitabu-dongwang",
                                  id="XY-2015-baitabu-dongwang2")),
    "ZS201": _edit(COMMUNITIES, _set(root, township="nowhere")),
    "ZS202": _edit(A_XINHUA, _set(root, community="niushan-nobody")),
    "ZS203": _edit(ASSIST, _set(first_item(ASSIST), department="nobody")),
    "ZS204": _edit(ASSIST, _set(first_item(ASSIST), basis=[{"law": "no-such-law"}])),
    "ZS205": _edit(ASSIST, _set(first_item(ASSIST), basis=[{"law": "cunweihui-law", "articles": [42]}])),
    "ZS206": _edit(A_XINHUA, _set(root, community="baitabu-dongwang")),
    "ZS207": _edit("purchases/2015/GM-2015-001.yaml", _set(root, social_org="nobody")),
    "ZS208": _edit(E_XINHUA, lambda d: d["government"][0].update(criterion="ZF-09")),
    "ZS209": _edit(E_XINHUA, _set(root, agreement="XY-2015-niushan-qianjin")),
    "ZS210": _edit(CUNWEIHUI, _versions(("2010-10-28", 41), ("2015-02-01", 45))),
    "ZS211": _edit(CUNWEIHUI, _versions(("2010-10-28", 41), keep_articles=True)),
    "ZS212": _edit("legal/juweihui-law.yaml", _versions(("2016-01-01", 23))),
    "ZS213": _published_before_its_year,
    "ZS216": _edit("registry/townships.yaml", lambda d: d["townships"][1].update(code="320723100000")),
    "ZS217": _community(0, code="320722001201"),
    "ZS218": _same_code,
    "ZS219": _community(0, uscc="54320722MF0000001X"),
    "ZS220": _community(0, legal_name="测试县新华社区居民委员会"),
    "ZS301": _edit(ASSIST, lambda d: d["items"][0]["funding"].update(amount=0)),
    "ZS302": _edit(ASSIST, lambda d: d["items"][0]["funding"].pop("source")),
    "ZS303": _edit(ASSIST, _set(first_item(ASSIST), authority=[])),
    "ZS304": _edit(ASSIST, _set(first_item(ASSIST), name="调解民间纠纷")),
    "ZS320": _edit(CERTIFICATES, lambda d: d["items"][2].update(basis=[])),
    "ZS321": _edit(CERTIFICATES, lambda d: d["items"][1].update(status="保留")),
    "ZS322": _edit(CERTIFICATES, lambda d: d["items"][1].update(name="亲属关系")),
    "ZS323": _edit(ASSIST, _set(first_item(ASSIST), requirements="为申请人出具亲属关系证明")),
    "ZS324": _edit(CERTIFICATES, lambda d: d["items"][2].update(form={"file": "forms/none.docx"})),
    "ZS325": _edit(CERTIFICATES, lambda d: d["items"][2].pop("procedure")),
    "ZS330": _edit(COMMUNITIES, lambda d: d["communities"][0].update(plaques=["PZ-009"])),
    "ZS331": _plaques_over_cap,
    "ZS332": _edit(COMMUNITIES, lambda d: d["communities"][0].update(plaques=["PZ-001", "PZ-001"])),
    "ZS401": _edit(A_XINHUA, lambda d: d["items"].append({"id": "XZ-099"})),
    "ZS402": _edit(ASSIST, lambda d: d["stages"].pop()),
    "ZS403": _edit(A_XINHUA, lambda d: d["items"].append({"id": "FM-001"})),
    "ZS404": _edit(A_XINHUA, _set(root, breach=DELETE)),
    # a draft: a signed agreement is never edited, its total that no longer adds up is ZS412
    "ZS405": _edit(A_XINHUA, _set(root, funding_total=99999, status="草稿", signing=DELETE)),
    "ZS406": _edit(A_XINHUA, lambda d: d["payment"][1].update(share=40)),
    "ZS407": _edit(A_XINHUA, lambda d: d["items"].append({"id": "XZ-001"})),
    "ZS408": _second_agreement,
    "ZS409": _edit(A_XINHUA, lambda d: d["items"].append({"id": "XZ-003"})),
    "ZS410": _edit(A_XINHUA, lambda d: d["signing"].update(date="2013-05-01")),
    "ZS411": _edit(A_XINHUA, lambda d: d["signing"]["party_b"].update(name="前进村民委员会")),
    "ZS412": _edit(ASSIST, lambda d: d["items"][0]["funding"].update(amount=500)),  # a cut after signing
    "ZS501": _edit(ASSIST, _bad_stage_order),
    "ZS502": _drop_access,
    "ZS503": _edit("access/ZR-2015-001.yaml", _set(root, decision="不予批准")),
    "ZS504": _edit(ASSIST, _set(first_item(ASSIST), name="与村（居）委会签订行政责任书")),
    "ZS601": _edit(E_XINHUA, _set(root, government=[])),
    "ZS602": _edit(E_XINHUA, lambda d: d["performance"][0]["scores"].update(p1=1000)),
    "ZS603": _edit(E_XINHUA, lambda d: d["performance"][0].update(max=10)),
    "ZS604": _edit(E_XINHUA, lambda d: [m.update(category="党政机关") for m in d["panel"]]),
    "ZS605": _edit(E_XINHUA, lambda d: d["result"].update(grade="优秀" if d["result"]["grade"] != "优秀" else "合格")),
    "ZS606": _edit(E_XINHUA, lambda d: d["performance"].pop()),
    "ZS607": _edit(E_XINHUA, lambda d: d["performance"][0]["scores"].update(p9=1)),
    "ZS608": _edit(E_XINHUA, lambda d: d["result"].update(settlement=1)),
    "ZS609": _second_evaluation,
    "ZS610": _drop_evaluation,
    "ZS611": _edit(ASSIST, lambda d: d["stages"][3].update(until=dt.date(2014, 12, 12))),  # 3 days of 7
    "ZS612": _edit("notices/2015/GS-2015-catalog.yaml", lambda d: d["period"].update(end=dt.date(2014, 12, 15))),
    "ZS613": _edit(ASSIST, lambda d: d["stages"][3].pop("until")),
    "ZS614": _edit(E_XINHUA, _set(root, status="草稿", result=DELETE, publication=DELETE, government=[])),
    "ZS615": _edit(E_XINHUA, _set(root, publication={"date": dt.date(2015, 12, 21)})),  # evaluated 12-20
    "ZS616": _edit(E_XINHUA, _set(root, publication=DELETE)),
    "ZS701": _edit("purchases/2015/GM-2015-001.yaml", _set(root, amount=0)),
    "ZS702": _edit("notices/2015/GS-2015-catalog.yaml", lambda d: d["period"].update(end="2014-01-01")),
    "ZS901": _edit(CUNWEIHUI, _set(root, short_names=["城市居民委员会组织法"])),  # juweihui-law's, 中华人民共和国 left off
}

# Rules whose breaking input needs the file system itself; they have tests in tests/load/.
FILESYSTEM_RULES = {"ZS005", "ZS006", "ZS007", "ZS008", "ZS011"}


# Rules about git history (zsht audit) are broken by commits; their tests live in tests/history/.
HISTORY_RULES = {rule for rule in RULES if rule.startswith("ZS8")}


# Rules of 补充协议 need a supplement the mini county does not have; their cases live in tests/supplements/.
SUPPLEMENT_RULES = {rule for rule in RULES if rule.startswith("ZS42")}


def test_every_rule_has_a_case() -> None:
    covered = set(CASES) | FILESYSTEM_RULES | HISTORY_RULES | SUPPLEMENT_RULES
    assert set(RULES) - covered == set(), "rules without a test"


def test_supplement_rules_are_tested_in_supplements() -> None:
    source = (Path(__file__).parent.parent / "supplements" / "test_supplement_rules.py").read_text(encoding="utf-8")
    assert SUPPLEMENT_RULES and all(f'"{rule}": (' in source for rule in SUPPLEMENT_RULES)


def test_history_rules_are_tested_in_history() -> None:
    from pathlib import Path

    sources = "".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parent.parent / "history").glob("test_*.py"))
    assert all(rule in sources for rule in HISTORY_RULES), "a ZS8xx rule has no test in tests/history"


def test_mini_county_is_clean(mini: MiniCounty, cli: Any) -> None:
    assert cli.findings(mini.root) == []


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fires(rule: str, mini: MiniCounty, cli: Any) -> None:
    CASES[rule](mini)
    findings = cli.findings(mini.root)
    fired = [f for f in findings if f["rule"] == rule]
    assert fired, f"{rule} did not fire; got {[(f['rule'], f['message']) for f in findings]}"
    for f in fired:
        assert f["file"] and f["message"] and f["severity"] == RULES[rule].severity.value, f
    file, expected = POSITIONS[rule]
    places = [(f["line"], f["column"], _text_at(mini.root / f["file"], f["line"], f["column"]))
              for f in fired if f["file"] == file]
    assert places, f"{rule} did not fire in {file}: {fired}"
    if isinstance(expected, tuple):
        assert [(line, column) for line, column, _ in places] == [expected], places
    else:
        assert any(text.startswith(expected) for _, _, text in places), (expected, places)


def _text_at(path: Path, line: int, column: int) -> str:
    """The file's text from `line`:`column` (1-based) to the end of that line; "" past the end of the file."""
    lines = path.read_bytes().decode("utf-8", "replace").splitlines() if path.is_file() else []
    return lines[line - 1][column - 1:] if 0 < line <= len(lines) else ""


# Where each case's finding points: the file, and the text its line and column start at (the key or item broken;
# the record's first line when the rule is about the record as a whole), or the (line, column) itself where the
# file has no text there to read or the text is there twice. Positions that fall back to 1:1 fail here.
POSITIONS: dict[str, tuple[str, str | tuple[int, int]]] = {
    "ZS001": (A_XINHUA, "breach: "),  # the first line that is not UTF-8
    "ZS002": (A_XINHUA, (2, 1)),  # the flow sequence is still open at the end of the file, after line 1
    "ZS003": ("legal/juweihui-law.yaml", "id: again"),
    "ZS004": (A_XINHUA, "# only a comment"),
    "ZS009": ("notes.yaml", "a: 1"),
    "ZS010": ("registry/departments.yaml", (1, 1)),  # the file is missing
    "ZS101": (A_XINHUA, "breech: 违约"),
    "ZS102": (A_XINHUA, "year: 二〇一五"),
    "ZS103": (A_XINHUA, "id: XY-2015-niushan-xinhua"),
    "ZS104": (COMMUNITIES, "id: Xin Hua"),
    "ZS105": ("registry/townships.yaml", (8, 3)),  # the third entry (lines 8-10), the copy of the first
    "ZS106": (A_XINHUA, "id: XY-2015-baitabu-dongwang2"),
    "ZS201": (COMMUNITIES, "township: nowhere"),
    "ZS202": (A_XINHUA, "community: niushan-nobody"),
    "ZS203": (ASSIST, "department: nobody"),
    "ZS204": (ASSIST, "law: no-such-law"),
    "ZS205": (ASSIST, "42"),
    "ZS206": (A_XINHUA, "community: baitabu-dongwang"),
    "ZS207": ("purchases/2015/GM-2015-001.yaml", "social_org: nobody"),
    "ZS208": (E_XINHUA, "criterion: ZF-09"),
    "ZS209": (E_XINHUA, "agreement: XY-2015-niushan-qianjin"),
    "ZS210": (A_XINHUA, "id: XZ-001"),
    "ZS211": (CUNWEIHUI, "articles: 41"),
    "ZS212": ("catalogs/duty/2015.yaml", "law: juweihui-law"),
    "ZS213": (ASSIST_2016, "law: cunweihui-law"),
    "ZS216": ("registry/townships.yaml", "code: '320723100000'"),
    "ZS217": (COMMUNITIES, "code: '320722001201'"),
    "ZS218": (COMMUNITIES, (10, 3)),  # the second committee's code; the first one's is on line 6
    "ZS219": (COMMUNITIES, "uscc: 54320722MF0000001X"),
    "ZS220": (COMMUNITIES, "legal_name: 测试县新华社区居民委员会"),
    "ZS301": (ASSIST, "amount: 0"),
    "ZS302": (ASSIST, "funding:"),
    "ZS303": (ASSIST, "id: XZ-001"),
    "ZS304": (ASSIST, "name: 调解民间纠纷"),
    "ZS320": (CERTIFICATES, "status: 保留"),
    "ZS321": (CERTIFICATES, "id: ZM-002"),  # the item has no basis to point at
    "ZS322": (CERTIFICATES, "name: 亲属关系"),
    "ZS323": (ASSIST, "requirements: 为申请人出具亲属关系证明"),
    "ZS324": (CERTIFICATES, "file: forms/none.docx"),
    "ZS325": (CERTIFICATES, "status: 保留"),
    "ZS330": (COMMUNITIES, "PZ-009"),
    "ZS331": (COMMUNITIES, "plaques:"),
    "ZS332": (COMMUNITIES, "PZ-001"),
    "ZS401": (A_XINHUA, "id: XZ-099"),
    "ZS402": (A_XINHUA, "year: 2015"),
    "ZS403": (A_XINHUA, "id: FM-001"),
    "ZS404": (A_XINHUA, "id: XY-2015-niushan-xinhua"),
    "ZS405": (A_XINHUA, "funding_total: 99999"),
    "ZS406": (A_XINHUA, "payment:"),
    "ZS407": (A_XINHUA, (11, 3)),  # the third item, the repeat; the first is on line 9
    "ZS408": ("agreements/2015/niushan/niushan-xinhua2.yaml", "community: niushan-xinhua"),
    "ZS409": (A_XINHUA, "id: XZ-003"),
    "ZS410": (A_XINHUA, "date: '2013-05-01'"),
    "ZS411": (A_XINHUA, "name: 前进村民委员会"),
    "ZS412": (A_XINHUA, "funding_total: "),
    "ZS501": (ASSIST, "stage: 部门清理"),
    "ZS502": (ASSIST_2016, "id: XZ-004"),
    "ZS503": ("access/ZR-2015-001.yaml", "decision: 不予批准"),
    "ZS504": (ASSIST, "name: 与村（居）委会签订行政责任书"),
    "ZS601": (E_XINHUA, "id: PG-2015-niushan-xinhua"),
    "ZS602": (E_XINHUA, "p1: 1000"),
    "ZS603": (E_XINHUA, "performance:"),
    "ZS604": (E_XINHUA, "panel:"),
    "ZS605": (E_XINHUA, "grade: 优秀"),
    "ZS606": (E_XINHUA, "performance:"),
    "ZS607": (E_XINHUA, "p9: 1"),
    "ZS608": (E_XINHUA, "settlement: 1"),
    "ZS609": ("evaluations/2015/niushan/niushan-xinhua2.yaml", "community: niushan-xinhua"),
    "ZS610": (A_XINHUA, "id: XY-2015-niushan-xinhua"),
    "ZS611": (ASSIST, "until: 2014-12-12"),
    "ZS612": ("notices/2015/GS-2015-catalog.yaml", "period:"),
    "ZS613": (ASSIST, "stage: 社会公示"),
    "ZS614": (E_XINHUA, "status: 草稿"),
    "ZS615": (E_XINHUA, "publication:"),
    "ZS616": (E_XINHUA, "status: 已公示"),
    "ZS701": ("purchases/2015/GM-2015-001.yaml", "amount: 0"),
    "ZS702": ("notices/2015/GS-2015-catalog.yaml", "period:"),
    "ZS901": (CUNWEIHUI, "城市居民委员会组织法"),
}


def test_every_case_says_where_its_finding_points() -> None:
    assert set(POSITIONS) == set(CASES)
