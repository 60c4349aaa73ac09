"""The 2020s lists in the report: certificates a committee still issues, and the plaques each committee hangs."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from rich.table import Table

from ..certificates import certificate_list_in_force
from ..layout import PLAQUE_CATALOG
from ..load.county import County
from ..plaques import PlaqueCount, plaque_counts


@dataclass
class ListFigures:
    """Certificates retained and cancelled by the list in force (this year and the year before), and plaques."""

    certificates: tuple[int, int] | None = None  # (保留, 取消) of the list in force in the year; None: no list
    previous_certificates: tuple[int, int] | None = None
    plaques: list[PlaqueCount] = field(default_factory=list)

    def plaque_spread(self, placement: str) -> tuple[int, int, int]:
        """Plaques per committee at one placement ("外" or "内"): total, fewest, most."""
        values = [p.outside if placement == "外" else p.inside for p in self.plaques] or [0]
        return sum(values), min(values), max(values)


def _certificates(county: County, year: int) -> tuple[int, int] | None:
    catalog = certificate_list_in_force(county, year)
    if catalog is None:
        return None
    statuses = [item.status for item in catalog.record.items]
    return statuses.count("保留"), statuses.count("取消")


def list_figures(county: County, year: int) -> ListFigures:
    """The list figures of `year`; plaques are counted only when the county keeps a plaque list."""
    plaques = plaque_counts(county) if county.entries(PLAQUE_CATALOG) else []
    return ListFigures(_certificates(county, year), _certificates(county, year - 1), plaques)


def _shown(pair: tuple[int, int] | None, which: int) -> str:
    return "—" if pair is None else str(pair[which])


def list_tables(figures: ListFigures) -> list[Table]:
    """The terminal tables: certificates (this year, last year) and plaques per committee (total, fewest, most)."""
    tables = []
    if figures.certificates is not None or figures.previous_certificates is not None:
        table = Table("证明事项", "本年", "上年", title="证明事项清单")
        for n, label in enumerate(("保留的证明事项", "取消的证明事项")):
            table.add_row(label, _shown(figures.certificates, n), _shown(figures.previous_certificates, n))
        tables.append(table)
    if figures.plaques:
        table = Table("机制牌子（每个村居）", "合计", "最少", "最多", title=f"机制牌子（{len(figures.plaques)} 个村居）")
        for placement in ("外", "内"):
            total, low, high = figures.plaque_spread(placement)
            table.add_row(f"办公场所{placement}", str(total), str(low), str(high))
        tables.append(table)
    return tables


def list_html(figures: ListFigures) -> str:
    """The HTML sections: certificates retained and cancelled, and each committee's plaques."""
    parts = []
    if figures.certificates is not None or figures.previous_certificates is not None:
        rows = "".join(f"<tr><td>{label}</td><td>{_shown(figures.certificates, n)}</td>"
                       f"<td>{_shown(figures.previous_certificates, n)}</td></tr>"
                       for n, label in enumerate(("保留的证明事项", "取消的证明事项")))
        parts.append(f"<h2>证明事项清单</h2><table><tr><th></th><th>本年</th><th>上年</th></tr>{rows}</table>")
    if figures.plaques:
        rows = "".join(f"<tr><td>{escape(p.community)}</td><td>{p.outside}</td><td>{p.inside}</td></tr>"
                       for p in figures.plaques)
        parts.append(f"<h2>机制牌子</h2><table><tr><th>村（居）委会</th><th>场所外</th><th>场所内</th></tr>{rows}</table>")
    return "".join(parts)
