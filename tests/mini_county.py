"""A small but complete, valid county written from Python data, for tests to break one fact at a time."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

D = dt.date
STAGES = [
    {"stage": "部门清理", "date": D(2014, 11, 10), "actor": "县民政局"},
    {"stage": "依法审核", "date": D(2014, 11, 25), "actor": "县法制办"},
    {"stage": "自治组织讨论", "date": D(2014, 12, 5), "actor": "各村（居）民代表会议"},
    {"stage": "社会公示", "date": D(2014, 12, 10), "actor": "县民政局", "until": D(2014, 12, 19)},
    {"stage": "发布", "date": D(2015, 1, 5), "actor": "县人民政府", "document": "东政办发〔2015〕1号"},
]


def _assist(number: int, name: str, department: str, amount: int, applies_to: list[str] | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": f"XZ-{number:03d}", "name": name, "department": department,
        "basis": [{"law": "cunweihui-law", "articles": [5, 37]}],
        "requirements": f"按要求完成{name}", "evaluation": "查阅台账，入户抽查",
        "guidance": "县、镇两级业务培训", "authority": ["查阅有关登记信息"],
        "funding": {"amount": amount, "unit": "元/年", "source": "县财政", "payment": "年初拨付 50%，评估后结清"},
    }
    if applies_to:
        item["applies_to"] = applies_to
    return item


def _evaluation(community: str, township: str, items: list[str]) -> dict[str, Any]:
    share = Decimal(100) / len(items)
    maxima = [share.quantize(Decimal("0.01")) for _ in items]
    maxima[-1] = Decimal(100) - sum(maxima[:-1])
    panel = [
        {"id": "p1", "name": "王建国", "category": "党政机关"},
        {"id": "p2", "name": "李华", "category": "政府部门"},
        {"id": "p3", "name": "赵敏", "category": "群众代表"},
    ]
    performance = [
        {"item": item, "max": float(mx), "scores": {"p1": float(mx) * 0.9, "p2": float(mx) * 0.8, "p3": float(mx)}}
        for item, mx in zip(items, maxima, strict=True)
    ]
    return {
        "id": f"PG-2015-{community}", "year": 2015, "township": township, "community": community,
        "agreement": f"XY-2015-{community}", "date": D(2015, 12, 20), "panel": panel,
        "performance": performance,
        "government": [{"criterion": "ZF-01", "max": 60, "score": 55}, {"criterion": "ZF-02", "max": 40, "score": 36}],
        "survey": 88, "status": "已公示", "publication": {"date": D(2016, 1, 4)},
    }


GOVERNMENTS = {"niushan": "东海县牛山街道办事处", "baitabu": "东海县白塔埠镇人民政府"}


def _agreement(community: str, township: str, items: list[str], party_b: str) -> dict[str, Any]:
    return {
        "id": f"XY-2015-{community}", "year": 2015, "township": township, "community": community,
        "term": {"start": D(2015, 1, 1), "end": D(2015, 12, 31)},
        "items": [{"id": item} for item in items],
        "evaluation": "年终由乡镇组织多元评估主体评估",
        "payment": [{"due": D(2015, 3, 31), "share": 50}, {"due": D(2016, 1, 15), "share": 50, "condition": "评估后"}],
        "funding_total": None, "breach": "未履约的，按评估结果核减经费", "disputes": "协商不成的，提请县民政局协调",
        "copies": 4, "status": "已签订",
        "signing": {"date": D(2015, 2, 10), "party_a": {"name": GOVERNMENTS[township], "representative": "张三"},
                    "party_b": {"name": party_b, "representative": "李四"}},
    }


def county_files() -> dict[str, Any]:
    """Every file of the mini county: relative path → data."""
    assist_2015 = [
        _assist(1, "协助做好最低生活保障申请受理和入户调查", "minzheng", 2000),
        _assist(2, "协助开展城乡居民养老保险参保登记", "renshe", 1500),
        _assist(3, "协助做好农村土地承包经营权确权登记", "nongwei", 3000, ["村"]),
    ]
    assist_2016 = copy.deepcopy(assist_2015) + [_assist(4, "协助开展老年人健康管理服务", "weiji", 1200)]
    files: dict[str, Any] = {
        "zsht.yaml": {
            "county": "测试县", "code": "320722",
            "evaluation": {
                "panel_weights": {"党政机关": 0.3, "政府部门": 0.2, "社会组织": 0.1, "村居干部": 0.1,
                                  "群众代表": 0.2, "专家学者": 0.1},
                "survey_weight": 0.2,
                "settlement": {"优秀": 1.1, "良好": 1.0, "合格": 1.0, "不合格": 0.8},
                "government_criteria": [{"id": "ZF-01", "name": "经费足额按时拨付", "max": 60},
                                        {"id": "ZF-02", "name": "工作指导到位", "max": 40}],
            },
        },
        "registry/townships.yaml": {"townships": [
            {"id": "niushan", "name": "牛山街道", "type": "街道"},
            {"id": "baitabu", "name": "白塔埠镇", "type": "镇"},
        ]},
        "registry/communities/niushan.yaml": {"township": "niushan", "communities": [
            {"id": "niushan-xinhua", "name": "新华社区居民委员会", "type": "居"},
            {"id": "niushan-qianjin", "name": "前进村民委员会", "type": "村"},
        ]},
        "registry/communities/baitabu.yaml": {"township": "baitabu", "communities": [
            {"id": "baitabu-dongwang", "name": "东王村民委员会", "type": "村"},
        ]},
        "registry/departments.yaml": {"departments": [
            {"id": "minzheng", "name": "测试县民政局"}, {"id": "renshe", "name": "测试县人力资源和社会保障局"},
            {"id": "nongwei", "name": "测试县农业委员会"}, {"id": "weiji", "name": "测试县卫生和计划生育委员会"},
        ]},
        "registry/social_orgs.yaml": {"social_orgs": [{"id": "anxin", "name": "测试县安馨居家养老服务中心"}]},
        "legal/cunweihui-law.yaml": {"id": "cunweihui-law", "name": "中华人民共和国村民委员会组织法",
                                     "level": "法律", "articles": 41},
        "legal/juweihui-law.yaml": {"id": "juweihui-law", "name": "中华人民共和国城市居民委员会组织法",
                                    "level": "法律", "articles": 23},
        "catalogs/duty/2015.yaml": {"title": "依法履行职责事项", "year": 2015, "stages": STAGES, "items": [
            {"id": "LZ-001", "name": "召集村（居）民会议", "basis": [{"law": "cunweihui-law", "articles": [21]},
                                                                   {"law": "juweihui-law", "articles": [9]}]},
            {"id": "LZ-002", "name": "调解民间纠纷", "basis": [{"law": "cunweihui-law", "articles": [2]}]},
        ]},
        "catalogs/assist/2015.yaml": {"title": "协助政府工作事项", "year": 2015, "stages": STAGES, "items": assist_2015},
        "catalogs/assist/2016.yaml": {"title": "协助政府工作事项", "year": 2016,
                                      "stages": [dict(s, date=s["date"].replace(year=s["date"].year + 1),
                                                      **({"until": s["until"].replace(year=2015)} if "until" in s else {}))
                                                 for s in STAGES],
                                      "items": assist_2016},
        "catalogs/negative/2015.yaml": {"title": "负面清单", "year": 2015, "items": [
            {"id": "FM-001", "name": "与村（居）委会签订行政责任书"}]},
        "access/ZR-2015-001.yaml": {"id": "ZR-2015-001", "item": "XZ-004", "department": "weiji",
                                    "title": "老年人健康管理服务进社区", "applied": D(2015, 9, 1), "decision": "批准",
                                    "approved_by": "测试县人民政府", "decided": D(2015, 10, 8)},
        "purchases/2015/GM-2015-001.yaml": {
            "id": "GM-2015-001", "year": 2015, "department": "minzheng", "social_org": "anxin",
            "service": "居家养老上门服务", "service_object": "辖区 80 周岁以上独居老人", "method": "上门服务",
            "quantity": "每人每月 4 次", "quality": "满意率 90% 以上", "monitoring": "民政局季度抽查",
            "evaluation": "年终第三方评估", "amount": 180000,
            "term": {"start": D(2015, 3, 1), "end": D(2015, 12, 31)}, "communities": ["niushan-xinhua"]},
        "catalogs/certificate/2015.yaml": {"title": "测试县村（居）民委员会出具证明事项清单", "year": 2015, "stages": STAGES,
                                           "items": [
            {"id": "ZM-001", "name": "亲属关系证明", "status": "取消"},
            {"id": "ZM-002", "name": "居民养犬证明", "status": "取消"},
            {"id": "ZM-003", "name": "村民委员会换届选举选民资格证明", "status": "保留",
             "basis": [{"law": "cunweihui-law", "articles": [2]}], "purpose": "办理用途", "procedure": "当场办结",
             "form": "兹证明……"}]},
        "catalogs/plaque/2015.yaml": {"title": "测试县机制牌子清单", "year": 2015, "items": [
            {"id": "PZ-001", "name": "村（社区）党组织", "placement": "外", "basis": "中国共产党章程"},
            {"id": "PZ-002", "name": "村（居）民委员会", "placement": "外", "basis": "村民委员会组织法"},
            {"id": "PZ-003", "name": "人民调解委员会", "placement": "内", "basis": "人民调解法 第八条"}]},
        "notices/2015/GS-2015-catalog.yaml": {
            "id": "GS-2015-catalog", "kind": "目录", "year": 2015, "title": "关于两份清单的公示",
            "issuer": "测试县民政局", "period": {"start": D(2014, 12, 10), "end": D(2014, 12, 19)},
            "objection": "县民政局基层政权科，电话 0518-00000000", "date": D(2014, 12, 10), "status": "已发布"},
    }
    parties = {"niushan-xinhua": ("niushan", ["XZ-001", "XZ-002"], "新华社区居民委员会"),
               "niushan-qianjin": ("niushan", ["XZ-001", "XZ-002", "XZ-003"], "前进村民委员会"),
               "baitabu-dongwang": ("baitabu", ["XZ-001", "XZ-003"], "东王村民委员会")}
    amounts = {item["id"]: item["funding"]["amount"] for item in assist_2015}
    for community, (township, items, name) in parties.items():
        agreement = _agreement(community, township, items, name)
        agreement["funding_total"] = sum(amounts[i] for i in items)
        files[f"agreements/2015/{township}/{community}.yaml"] = agreement
        files[f"evaluations/2015/{township}/{community}.yaml"] = _evaluation(community, township, items)
    # a signed 补充协议 that changes a target only: no item and no figure of the county changes with it
    files["supplements/2015/niushan/niushan-qianjin-1.yaml"] = {
        "id": "BC-2015-niushan-qianjin-1", "agreement": "XY-2015-niushan-qianjin", "year": 2015,
        "township": "niushan", "community": "niushan-qianjin", "reason": "确权登记进度调整",
        "changes": [{"id": "XZ-003", "targets": "年底前完成确权登记颁证"}], "funding_total": 0, "status": "已签订",
        "signing": {"date": D(2015, 5, 10), "party_a": {"name": GOVERNMENTS["niushan"], "representative": "张三"},
                    "party_b": {"name": "前进村民委员会", "representative": "李四"}}}
    return copy.deepcopy(files)  # no test may change the module's constants through shared lists


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class MiniCounty:
    """A county written to a folder; `edit` changes one file's data and rewrites it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = county_files()
        for relpath in self.files:
            self.write(relpath)
        self._settle_results()

    def write(self, relpath: str) -> None:
        path = self.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(_plain(self.files[relpath]), allow_unicode=True, sort_keys=False),
                        encoding="utf-8")

    def edit(self, relpath: str, change: Callable[[Any], Any]) -> None:
        """Apply `change` to a file's data in place (its return value is ignored) and rewrite the file."""
        change(self.files[relpath])
        self.write(relpath)

    def draft(self, *relpaths: str) -> None:
        """Evaluations (all, without `relpaths`) back to 草稿, their stored result kept: not finalized yet, so
        `score --write` and `sheet import` may still change them."""
        for relpath in relpaths or [p for p in self.files if p.startswith("evaluations/")]:
            self.edit(relpath, lambda d: (d.pop("publication", None), d.update(status="草稿")))

    def remove(self, relpath: str) -> None:
        del self.files[relpath]
        (self.root / relpath).unlink()

    def _settle_results(self) -> None:
        """Store in each evaluation the result zsht computes, so the county starts valid."""
        from zsht import load_county
        from zsht.evaluation.scores import compute
        from zsht.layout import AGREEMENT, EVALUATION

        county = load_county(self.root)
        assert county.config is not None
        agreements = county.index(AGREEMENT)
        for entry in county.entries(EVALUATION):
            evaluation = entry.record
            total = agreements[evaluation.agreement].record.funding_total
            score = compute(evaluation, county.config, total)
            self.edit(entry.file, lambda d, s=score: d.update(result={
                "performance": float(s.performance), "government": float(s.government),
                "grade": s.grade, "settlement": float(s.settlement)}))


def draft_file(path: Path) -> None:
    """An evaluation file of the example county back to 草稿 (its status line, without the publication after it),
    every other byte kept."""
    text = path.read_text(encoding="utf-8")
    drafted = re.sub(r"^status: 已公示\npublication:\n(?:  .*\n)*", "status: 草稿\n", text, flags=re.M)
    assert drafted != text, path
    path.write_text(drafted, encoding="utf-8")
