"""The layout of a score sheet, shared by export and import, and what a year's sheets hold per committee.

Each township gets two worksheets:

* ``<乡镇名>`` (履约): row 1 names the year and the township id; then one block per committee with a
  3-row header (评估主体类别 / 姓名 / 成员编号) above one row per agreed item. The panel is the committee's
  own (from its evaluation); a committee not yet evaluated borrows the panel of the township's first
  evaluated committee, or gets empty member columns; in both cases its header cells are left unlocked
  so the panel can correct or fill them.
* ``<乡镇名>-履职``: one row per committee and government criterion, and one 满意度 row per committee
  (the third-party survey, out of 100).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ..layout import AGREEMENT, COMMUNITY, EVALUATION, TOWNSHIP
from ..load.county import County, Entry
from ..models import Agreement, AssistItem, CountyConfig, Evaluation, PanelMember
from ..models.evaluation import FINAL_STATUSES
from ..policy import catalog_in_force, catalog_items
from ..supplements import amended

GOV_SUFFIX = "-履职"
SURVEY = "满意度"
SURVEY_NAME = "第三方满意度测评（百分制）"
META = ("年度", "乡镇（街道）编号")
ITEM_HEADER = ("村（居）委会名称", "村（居）委会编号", "事项编号", "事项名称", "满分")
GOV_HEADER = ("村（居）委会名称", "村（居）委会编号", "指标编号", "指标名称", "满分", "评分")
PANEL_LABELS = ("评估主体类别", "姓名", "成员编号")
FIRST_MEMBER_COLUMN = 6  # F
EMPTY_PANEL_COLUMNS = 5
GOV_FIRST_ROW = 4
FINGERPRINT_SHEET = "_zsht"  # hidden: what each record held when the sheet was exported
TITLE_LIMIT = 31  # Excel's limit on a worksheet title
# Characters a worksheet title cannot hold, written as their full-width forms, which read the same in Chinese.
_TITLE_CHARS = str.maketrans({":": "：", "/": "／", "\\": "＼", "?": "？", "*": "＊", "[": "［", "]": "］"})


def township_titles(townships: dict[str, str]) -> dict[str, str]:
    """The 履约 worksheet title of each township (id → title; its 履职 sheet adds GOV_SUFFIX).

    The registry name made fit for Excel: forbidden characters in their full-width form, control characters
    dropped, no apostrophe at either end, short enough for the suffix within 31 characters, and unique
    (Excel compares titles without case) by a ``~2``, ``~3`` … ending. Computed from the whole registry in its
    order, so export and import give every township the same title whichever townships a workbook holds.
    """
    room = TITLE_LIMIT - len(GOV_SUFFIX)
    used = {FINGERPRINT_SHEET.casefold()}
    titles: dict[str, str] = {}
    for town, name in townships.items():
        base = "".join(c for c in name.translate(_TITLE_CHARS) if c.isprintable()).strip().strip("'") or town
        title, number = base[:room], 1
        while {title.casefold(), (title + GOV_SUFFIX).casefold()} & used:
            number += 1
            title = base[:room - len(f"~{number}")] + f"~{number}"
        used |= {title.casefold(), (title + GOV_SUFFIX).casefold()}
        titles[town] = title
    return titles


def sheet_roles(county: County) -> dict[str, tuple[str, bool]]:
    """Each worksheet title an export gives: title → (township id, whether it is the 履职 sheet)."""
    titles = township_titles({e.record.id: e.record.name for e in county.entries(TOWNSHIP)})
    roles = {title: (town, False) for town, title in titles.items()}
    roles.update({title + GOV_SUFFIX: (town, True) for town, title in titles.items()})
    return roles


@dataclass
class ItemRow:
    """One agreed item of one committee, with its maximum and the scores known so far."""

    item: str
    name: str
    max: Decimal
    scores: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class GovRow:
    """One government criterion (or the survey) of one committee."""

    criterion: str
    name: str
    max: Decimal
    score: Decimal | None = None


@dataclass
class CommunitySheet:
    """What the sheets hold for one committee."""

    community: str
    name: str
    agreement: Agreement
    evaluation: Evaluation | None
    evaluation_file: str | None
    panel: list[PanelMember]
    panel_own: bool  # the panel comes from this committee's own evaluation (header locked)
    items: list[ItemRow]
    government: list[GovRow]
    survey: Decimal | None

    @property
    def final(self) -> bool:
        """Whether the committee's evaluation is finalized (已评定, 已公示): its scores are locked in the sheet."""
        return self.evaluation is not None and self.evaluation.status in FINAL_STATUSES


def even_split(count: int) -> list[Decimal]:
    """100 split evenly over `count` items, 2 decimals, the last taking the remainder."""
    if count == 0:
        return []
    share = (Decimal(100) / count).quantize(Decimal("0.01"))
    return [share] * (count - 1) + [Decimal(100) - share * (count - 1)]


def community_sheets(county: County, year: int, township: str | None = None) -> dict[str, list[CommunitySheet]]:
    """By township (only `township` if given): every committee with an agreement for `year`, in id order.

    The county's records are indexed once for all townships, so a province exports in time linear in its size.
    """
    config = county.config
    assert config is not None
    catalog = catalog_in_force(county, year)
    names = dict(catalog_items(catalog.record)) if catalog else {}  # added to below: a copy of the shared one
    communities = {e.record.id: e.record.name for e in county.entries(COMMUNITY)}
    evaluations = {e.record.community: e for e in county.entries(EVALUATION) if e.record.year == year}
    by_township: dict[str, list[Agreement]] = defaultdict(list)
    for entry in county.entries(AGREEMENT):
        if entry.record.year == year and township in (None, entry.record.township):
            scored = evaluations.get(entry.record.community)  # scored as amended by the 补充协议 signed by then
            terms = amended(county, entry, as_of=scored.record.date if scored else None)
            names.update(terms.items)
            by_township[entry.record.township].append(terms.agreement)
    return {town: _township_sheets(sorted(agreements, key=lambda a: a.community), config, names, communities,
                                   evaluations) for town, agreements in by_township.items()}


def _township_sheets(agreements: list[Agreement], config: CountyConfig, names: dict[str, AssistItem],
                     communities: dict[str, str], evaluations: dict[str, Entry[Evaluation]]) -> list[CommunitySheet]:
    borrowed: list[PanelMember] = next((evaluations[a.community].record.panel for a in agreements
                                        if a.community in evaluations), [])
    sheets = []
    for agreement in agreements:
        entry = evaluations.get(agreement.community)
        evaluation: Evaluation | None = entry.record if entry else None
        stored = {row.item: row for row in evaluation.performance} if evaluation else {}
        split = even_split(len(agreement.items))
        items = [ItemRow(i.id, names[i.id].name if i.id in names else "",
                         stored[i.id].max if i.id in stored else split[n],
                         dict(stored[i.id].scores) if i.id in stored else {})
                 for n, i in enumerate(agreement.items)]
        criteria = {c.id: c for c in config.evaluation.government_criteria}
        if evaluation and evaluation.government:
            government = [GovRow(r.criterion, criteria[r.criterion].name if r.criterion in criteria else "",
                                 r.max, r.score) for r in evaluation.government]
        else:
            government = [GovRow(c.id, c.name, c.max) for c in config.evaluation.government_criteria]
        sheets.append(CommunitySheet(
            agreement.community, communities.get(agreement.community, agreement.community), agreement,
            evaluation, entry.file if entry else None, list(evaluation.panel) if evaluation else list(borrowed),
            evaluation is not None, items, government, evaluation.survey if evaluation else None))
    return sheets
