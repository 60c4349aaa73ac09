"""The published notices (社会公示) as pages, the list of them, and the index page that leads to everything."""

from __future__ import annotations

from collections.abc import Callable

from .. import models as m
from ..layout import COMMUNITY, TOWNSHIP
from ..load.county import Entry
from ..render.numerals import date_cn, figures, sentence
from .lists import version_for
from .places import Published, community_href, notice_href, township_href
from .views import CellView, Page, RowView, Section, TableView

STANDARD = {"目录": "村（居）民委员会工作事项清单", "证明事项": "村（居）民委员会出具证明事项清单",
            "评估结果": "村（居）民委员会履职履约双向评估结果"}
KIND_OF_LIST = {"目录": ("duty", "assist", "negative"), "证明事项": ("certificate",), "评估结果": ()}


def _results(site: Published, notice: m.Notice) -> TableView:
    """The decided results of the township's committees in the notice's year."""
    communities, rows = site.county.index(COMMUNITY), []
    for slug, years in sorted(site.evaluations.items()):
        evaluation = years.get(notice.year)
        if evaluation is None or evaluation.township != notice.township or evaluation.result is None:
            continue
        name = communities[slug].record.name if slug in communities else slug
        result = evaluation.result
        rows.append(RowView((CellView(name, community_href(slug)), CellView(f"{result.performance}"),
                         CellView(f"{result.government}"), CellView(result.grade), CellView(figures(result.settlement)))))
    return TableView("评估结果", ("村（居）委会", "履约得分", "履职得分", "等次", "兑现经费（元）"), tuple(rows))


def notice_page(site: Published, entry: Entry[m.Notice], text: Callable[[str], str]) -> Page:
    """One notice as published: its wording, what it makes public, its period and where to object."""
    notice = entry.record
    facts = [("发布单位", notice.issuer), ("发布日期", date_cn(notice.date)),
             ("公示期", f"{date_cn(notice.period.start)}至{date_cn(notice.period.end)}")]
    if notice.number:
        facts.insert(0, ("文号", notice.number))
    body = [text(notice.preamble) if notice.preamble else f"现将{notice.year}年度{STANDARD[notice.kind]}予以公示。"]
    tables: tuple[TableView, ...] = ()
    links: list[CellView] = []
    if notice.kind == "评估结果":
        tables = (_results(site, notice),)
    for kind in KIND_OF_LIST[notice.kind]:
        version = version_for(site.lists.get(kind, []), notice.year)
        if version is not None:
            links.append(CellView(version.record.title, version.href))
    sections = [Section("公示信息", facts=tuple(facts)),
                Section("公示内容", paragraphs=tuple(body + [text(p) for p in notice.paragraphs]), tables=tables,
                        links=tuple(links)),
                Section("异议渠道", paragraphs=(sentence(text(notice.objection)),))]
    crumbs = [CellView("首页", "index.html"), CellView("公示", "notices.html")]
    townships = site.county.index(TOWNSHIP)
    if notice.township in townships:
        crumbs.append(CellView(townships[notice.township].record.name, township_href(notice.township)))
    return Page(notice_href(notice.id), notice.title, tuple(sections), tuple(crumbs), lead=f"{notice.year} 年社会公示")


def notices_page(site: Published) -> Page:
    """Every published notice, newest first."""
    rows = tuple(RowView((CellView(e.record.title, notice_href(e.record.id)), CellView(e.record.kind),
                      CellView(date_cn(e.record.date)))) for e in site.notices)
    table = TableView(f"已发布的公示（共 {len(rows)} 件）", ("标题", "类别", "发布日期"), rows)
    return Page("notices.html", "社会公示", (Section("全部公示", tables=(table,)),), (CellView("首页", "index.html"),))


def index_page(site: Published, communities_of: dict[str, int], usable: Callable[[Entry[m.Township]], bool]) -> Page:
    """The front page: the lists in force, the townships, the latest notices, and the search box."""
    county = site.county.config.county if site.county.config else ""
    lists = tuple(CellView(f"{listed[-1].record.title}（{listed[-1].record.year} 年起施行）", listed[-1].href)
                  for listed in site.lists.values())
    townships = tuple(CellView(f"{t.record.name}（{communities_of.get(slug, 0)} 个村（居）委会）", township_href(slug))
                      for slug, t in site.county.index(TOWNSHIP).items() if usable(t))
    latest = tuple(CellView(e.record.title, notice_href(e.record.id)) for e in site.notices[:10])
    about = ("本站公开本县推行“政社互动”的记录：施行中的清单及其历次版本，已签订的协助政府工作协议和补充协议，"
             "已评定的履职履约双向评估结果，以及已发布的社会公示。草稿和未完成的评估不在本站公开。",)
    sections = (Section("现行清单", links=lists or (CellView("尚无已发布的清单"),)),
                Section("乡镇（街道）", links=townships),
                Section("最近的公示", links=(*latest, CellView("全部公示", "notices.html"))),
                Section("关于本站", paragraphs=about))
    return Page("index.html", f"{county}政社互动信息公开", sections, lead="村务公开 · 政社互动", search=True)
