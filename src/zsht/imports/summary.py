"""What an import says when it is done: items read, per field how many mapped, and every gap left."""

from __future__ import annotations

from .catalog import CatalogImport
from .header import TITLES
from .items import Gap

_STRUCTURED = ("department", "basis", "funding", "applies_to", "status")  # fields text is turned into
_REQUIRED = ("basis", "department", "requirements", "evaluation")  # fields an item may not lack


def summary_lines(result: CatalogImport) -> list[str]:
    """The summary of an import as lines of Chinese text (the command prints them)."""
    total = len(result.items)
    lines = [f"已写入 {result.relpath}：从 {result.source} 读取 {total} 项"
             + (f"，{len(result.categories)} 个分类" if result.categories else "")
             + (f"，{len(result.footnotes)} 条表注（写为注释）" if result.footnotes else "")]
    counts = []
    for name in result.fields:
        if name not in result.columns:
            continue
        label = TITLES[name][0]
        if name in _STRUCTURED:
            counts.append(f"{label} {result.mapped.get(name, 0)}/{result.present.get(name, 0)} 项已识别")
        else:
            counts.append(f"{label} {result.present.get(name, 0)} 项")
    lines.append("各列：" + "；".join(counts))
    if result.default_status:
        lines.append("清单中没有“状态”列：各项均记为 保留")
    missing = [TITLES[name][0] for name in result.fields if name not in result.columns and name in _REQUIRED]
    if missing:
        lines.append(f"清单中没有这些列，各项需补写：{'、'.join(missing)}")
    lines += [f"未导入的列：{column}；需要时用 --columns 标题=字段 指定" for column in result.unknown_columns]
    lines += result.skipped
    lines += gap_lines(result.gaps)
    return lines



def gap_lines(gaps: list[Gap]) -> list[str]:
    """The gaps grouped by what is missing: one line per unknown law or department, one per other text."""
    if not gaps:
        return []
    lines = [f"未能识别 {len(gaps)} 处（保留原文，zsht validate 会逐项指出）："]
    grouped: dict[tuple[str, str], list[str]] = {}
    for gap in gaps:
        key = (gap.kind, gap.text) if gap.kind in ("law", "department") else (gap.kind, f"{gap.item}\0{gap.text}")
        grouped.setdefault(key, []).append(gap.item)
    for (kind, text), items in grouped.items():
        where = "、".join(dict.fromkeys(items))
        shown = text.split("\0")[-1].replace("\n", " ")
        if kind == "law":
            lines.append(f"  法律依据登记册中没有《{shown}》（{where}）：新建 legal/<编号>.yaml，name: {shown}；"
                         "或在已有法律的 short_names 中加上这个简称")
        elif kind == "department":
            lines.append(f"  部门名录中没有“{shown}”（{where}）：在 registry/departments.yaml 中添加，"
                         "或加到已有部门的 aliases")
        elif kind == "funding":
            lines.append(f"  {where} 经费“{shown}”中没有金额：写明 amount（元）和 unit")
        elif kind == "basis":
            lines.append(f"  {where} 法律依据“{shown}”中没有可识别的法律名称：改为 law（legal/ 中的编号）和 articles")
        else:
            lines.append(f"  {where} “{shown}”无法识别，保留原文")
    return lines
