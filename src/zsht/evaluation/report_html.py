"""The county report as one self-contained HTML page (inline CSS and SVG, no script, no network)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING

from .report_svg import Bar, bar_chart
from .report_text import coverage_rows, trend

if TYPE_CHECKING:
    from .report import Report

STYLE = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:2em auto;max-width:760px;
color:#222}h1{font-size:22px}h2{font-size:17px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:1.6em}
table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px}
td.n{text-align:right}th{background:#f0f4fa}.note{color:#666;font-size:12px}"""


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f'<td{" class=n" if i else ""}>{escape(c)}</td>' for i, c in enumerate(row))
                   + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _coverage(report: Report) -> str:
    last = report.previous.year if report.previous else None
    rows = []
    for label, count, share, previous in coverage_rows(report):
        bars = [Bar(share, f"{share}%（{count}）")]
        if previous is not None:
            bars.append(Bar(previous, f"{last}年 {previous}%"))
        rows.append((label, bars))
    legend = (f"{report.current.year}年", f"{last}年") if last else ()
    chart = bar_chart("coverage-chart", "覆盖面（%）", rows, Decimal(100), legend)
    table = _table(("项目", "数量", "比例（%）", "上年（%）", "变化"),
                   [(label, count, str(share), str(previous) if previous is not None else "—", trend(share, previous))
                    for label, count, share, previous in coverage_rows(report)])
    return f"<h2>一、覆盖面</h2>{chart}{table}"


def _burden(report: Report) -> str:
    now, before = report.current, report.previous
    rows = []
    for township, (items, committees) in now.items_by_township.items():
        mean = (Decimal(items) / committees).quantize(Decimal("0.01"))
        old = before.items_by_township.get(township) if before else None
        old_mean = (Decimal(old[0]) / old[1]).quantize(Decimal("0.01")) if old else None
        rows.append((report.township_names.get(township, township), str(items), str(committees), str(mean),
                     str(old_mean) if old_mean is not None else "—", trend(mean, old_mean)))
    rows.append(("全县", str(now.items), str(now.committees_signed), str(now.items_per_committee),
                 str(before.items_per_committee) if before else "—",
                 trend(now.items_per_committee, before.items_per_committee if before else None)))
    return "<h2>二、协助事项负担</h2>" + _table(("乡镇（街道）", "事项数", "村（居）委会", "平均", "上年平均", "变化"), rows)


def _funding(title: str, chart_id: str, funding: dict[str, list[Decimal]], names: dict[str, str]) -> str:
    scale = max((max(a, s) for a, s in funding.values()), default=Decimal(0))
    rows = [(names.get(key, key), [Bar(a, f"{a:,.0f}"), Bar(s, f"{s:,.0f}")]) for key, (a, s) in funding.items()]
    chart = bar_chart(chart_id, f"{title}（元）", rows, scale, ("协议经费", "兑现经费"))
    table = _table(("名称", "协议经费（元）", "兑现经费（元）"),
                   [(names.get(k, k), f"{a:,.2f}", f"{s:,.2f}") for k, (a, s) in funding.items()]
                   + [("合计", f"{sum((a for a, _ in funding.values()), Decimal(0)):,.2f}",
                       f"{sum((s for _, s in funding.values()), Decimal(0)):,.2f}")])
    return chart + table


def _grades(report: Report) -> str:
    now, before = report.current, report.previous
    scale = Decimal(max([*now.grades.values(), *(before.grades.values() if before else []), 1]))
    rows = []
    for grade in report.grade_order:
        bars = [Bar(Decimal(now.grades.get(grade, 0)), f"{now.grades.get(grade, 0)} 个")]
        if before:
            bars.append(Bar(Decimal(before.grades.get(grade, 0)), f"{before.year}年 {before.grades.get(grade, 0)} 个"))
        rows.append((grade, bars))
    legend = (f"{now.year}年", f"{before.year}年") if before else ()
    return "<h2>四、评估等次分布</h2>" + bar_chart("grade-chart", "评估等次（个）", rows, scale, legend)


def report_html(report: Report) -> str:
    """The whole page: coverage, burden, funding per department and per township, grades."""
    now = report.current
    title = f"{report.county}{now.year}年政社互动工作情况"
    compared = f"与{report.previous.year}年比较" if report.previous else "上年无已签订的协议，不作比较"
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{STYLE}</style></head><body><h1>{escape(title)}</h1>"
            f'<p class="note">由 zsht 根据县级记录仓库生成；{escape(compared)}。兑现经费按评估等次和 zsht.yaml 的兑现比例计算。</p>'
            + _coverage(report) + _burden(report)
            + "<h2>三、委托经费</h2>"
            + _funding("各部门委托经费", "department-chart", now.departments, report.department_names)
            + _funding("各乡镇（街道）委托经费", "township-chart", now.township_funding, report.township_names)
            + _grades(report) + "</body></html>\n")
