"""Generate a synthetic but valid county-style repository at province scale.

    python benchmarks/make_province.py --communities 21000 OUT

Jiangsu has about 1,300 townships and 21,000 village and residents' committees; this writes one
registry, one legal register, the catalogs, and one agreement and one evaluation per committee for 2015,
every one of which `zsht validate` accepts.
"""

from __future__ import annotations

import argparse
import random
import shutil
from decimal import Decimal
from pathlib import Path

from zsht.evaluation.scores import compute
from zsht.models import CountyConfig, Evaluation

PER_TOWNSHIP = 16
ITEMS = 30
DEPARTMENTS = ["minzheng", "renshe", "weiji", "gongan", "sifa", "zhujian", "nongwei", "tongji", "canlian", "shuili"]
CATEGORIES = ["党政机关", "政府部门", "社会组织", "村居干部", "群众代表", "专家学者"]
STAGES = """stages:
- {stage: 部门清理, date: 2014-11-10, actor: 县民政局}
- {stage: 依法审核, date: 2014-11-25, actor: 县法制办}
- {stage: 自治组织讨论, date: 2014-12-05, actor: 各村（居）民代表会议}
- {stage: 社会公示, date: 2014-12-10, actor: 县民政局, until: 2014-12-19}
- {stage: 发布, date: 2015-01-05, actor: 县人民政府, document: 苏政办发〔2015〕1号}
"""
CONFIG = """county: 江苏省（合成）
code: "320000"
evaluation:
  panel_weights: {党政机关: 0.3, 政府部门: 0.2, 社会组织: 0.1, 村居干部: 0.1, 群众代表: 0.2, 专家学者: 0.1}
  survey_weight: 0.2
  settlement: {优秀: 1.1, 良好: 1.0, 合格: 1.0, 不合格: 0.8}
  government_criteria:
  - {id: ZF-01, name: 经费足额按时拨付, max: 40}
  - {id: ZF-02, name: 工作指导和培训到位, max: 30}
  - {id: ZF-03, name: 未将协议外事项转嫁, max: 30}
"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _catalog(out: Path) -> dict[str, int]:
    amounts = {f"XZ-{n:03d}": 500 + 100 * n for n in range(1, ITEMS + 1)}
    lines = ["title: 村（居）民委员会协助政府工作事项", "year: 2015", STAGES.rstrip(), "items:"]
    for n, (item, amount) in enumerate(amounts.items(), 1):
        lines += [
            f"- id: {item}", f"  name: 协助政府工作事项第{n}项", f"  department: {DEPARTMENTS[n % len(DEPARTMENTS)]}",
            "  basis:", "  - law: cunweihui-law", "    articles: [5, 37]",
            "  requirements: 按时完成，台账齐全", "  evaluation: 查阅台账、入户抽查", "  guidance: 县镇两级业务培训",
            "  authority:", "  - 查阅辖区有关登记信息",
            f"  funding: {{amount: {amount}, unit: 元/年, source: 县财政, payment: 年初拨付50%，评估后结清}}",
        ]
    _write(out / "catalogs/assist/2015.yaml", "\n".join(lines) + "\n")
    _write(out / "catalogs/duty/2015.yaml", "title: 依法履行职责事项\nyear: 2015\n" + STAGES + "items:\n"
           + "".join(f"- {{id: LZ-{n:03d}, name: 依法履职事项第{n}项, basis: [{{law: cunweihui-law, articles: [2]}}]}}\n"
                     for n in range(1, 13)))
    return amounts


def _static(out: Path, townships: int) -> None:
    _write(out / "zsht.yaml", CONFIG)
    _write(out / "registry/departments.yaml", "departments:\n" + "".join(
        f"- {{id: {d}, name: 部门{d}}}\n" for d in DEPARTMENTS))
    _write(out / "registry/townships.yaml", "townships:\n" + "".join(
        f"- {{id: t{t:04d}, name: 第{t}镇, type: 镇, government: 第{t}镇人民政府, head: 镇长{t}}}\n"
        for t in range(townships)))
    _write(out / "legal/cunweihui-law.yaml",
           "id: cunweihui-law\nname: 中华人民共和国村民委员会组织法\nlevel: 法律\narticles: 41\n")


def _type(community: str) -> str:
    """Two committees in three are villages (村), the third a residents' committee (居)."""
    return "村" if int(community.rsplit("-c", 1)[1]) % 3 else "居"


def _name(community: str) -> str:
    """A committee's registry name, ending as its type's legal name does (村民委员会, 居民委员会: ZS220)."""
    return f"{community}{'村民' if _type(community) == '村' else '居民'}委员会"


def _agreement(community: str, township: str, items: list[str], total: int) -> str:
    return (
        f"id: XY-2015-{community}\nyear: 2015\ntownship: {township}\ncommunity: {community}\n"
        "term: {start: 2015-01-01, end: 2015-12-31}\nitems:\n" + "".join(f"- id: {i}\n" for i in items)
        + "evaluation: 年终由乡镇组织多元评估主体评估\npayment:\n- {due: 2015-03-31, share: 50}\n"
        "- {due: 2016-01-15, share: 50, condition: 评估后}\n"
        f"funding_total: {total}\nbreach: 未履约的，按评估结果核减经费\ndisputes: 协商不成的，提请县民政局协调\n"
        "copies: 4\nstatus: 已签订\nsigning:\n  date: 2015-02-10\n"
        f"  party_a: {{name: 第{int(township[1:])}镇人民政府, representative: 镇长}}\n"
        f"  party_b: {{name: {_name(community)}, representative: 主任}}\n"
    )


def _evaluation(rng: random.Random, community: str, township: str, items: list[str], total: int,
                config: CountyConfig) -> str:
    maxima = [Decimal(100) / len(items)] * len(items)
    maxima = [m.quantize(Decimal("0.01")) for m in maxima]
    maxima[-1] = Decimal(100) - sum(maxima[:-1])
    panel = [{"id": f"p{k}", "name": f"评委{k}", "category": CATEGORIES[k % 6]} for k in range(1, 6)]
    performance = [{"item": item, "max": mx,
                    "scores": {p["id"]: (mx * Decimal(rng.randint(60, 100)) / 100).quantize(Decimal("0.01"))
                               for p in panel}} for item, mx in zip(items, maxima, strict=True)]
    government = [{"criterion": c.id, "max": c.max, "score": c.max - rng.randint(0, 5)}
                  for c in config.evaluation.government_criteria]
    data = {"id": f"PG-2015-{community}", "year": 2015, "township": township, "community": community,
            "agreement": f"XY-2015-{community}", "date": "2015-12-20", "panel": panel,
            "performance": performance, "government": government, "survey": rng.randint(70, 99), "status": "已公示"}
    score = compute(Evaluation.model_validate(data), config, Decimal(total))
    lines = [f"id: PG-2015-{community}", "year: 2015", f"township: {township}", f"community: {community}",
             f"agreement: XY-2015-{community}", "date: 2015-12-20", "panel:"]
    lines += [f"- {{id: {p['id']}, name: {p['name']}, category: {p['category']}}}" for p in panel]
    lines.append("performance:")
    for row in performance:
        scores = ", ".join(f"{k}: {v}" for k, v in row["scores"].items())
        lines.append(f"- {{item: {row['item']}, max: {row['max']}, scores: {{{scores}}}}}")
    lines.append("government:")
    lines += [f"- {{criterion: {g['criterion']}, max: {g['max']}, score: {g['score']}}}" for g in government]
    lines += [f"survey: {data['survey']}", "status: 已公示", "result:",
              f"  performance: {score.performance}", f"  government: {score.government}",
              f"  grade: {score.grade}", f"  settlement: {score.settlement}",
              "publication: {date: 2016-01-04}"]  # published after the notice period (zsht evaluation publish)
    return "\n".join(lines) + "\n"


def make_province(out: Path, communities: int, seed: int = 2015) -> None:
    """Write the synthetic repository to `out` (replacing it)."""
    if out.exists():
        shutil.rmtree(out)
    rng = random.Random(seed)
    townships = max(1, -(-communities // PER_TOWNSHIP))
    _static(out, townships)
    amounts = _catalog(out)
    config = CountyConfig.model_validate(__import__("yaml").safe_load(CONFIG))
    catalog_ids = list(amounts)
    for t in range(townships):
        township = f"t{t:04d}"
        members = [f"{township}-c{c:02d}" for c in range(PER_TOWNSHIP) if t * PER_TOWNSHIP + c < communities]
        _write(out / f"registry/communities/{township}.yaml", f"township: {township}\ncommunities:\n" + "".join(
            f"- {{id: {m}, name: {_name(m)}, type: {_type(m)}}}\n" for m in members))
        for community in members:
            items = sorted(rng.sample(catalog_ids, rng.randint(15, 25)))
            total = sum(amounts[i] for i in items)
            _write(out / f"agreements/2015/{township}/{community}.yaml", _agreement(community, township, items, total))
            _write(out / f"evaluations/2015/{township}/{community}.yaml",
                   _evaluation(rng, community, township, items, total, config))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communities", type=int, default=21000, help="村（居）委会数量")
    parser.add_argument("out", type=Path, help="输出目录（会被替换）")
    args = parser.parse_args()
    make_province(args.out, args.communities)
    print(f"wrote {args.out} with {args.communities} committees")


if __name__ == "__main__":
    main()
