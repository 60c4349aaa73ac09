"""What a filled workbook may not do to the records, checked against them before anything is written.

A sheet is a form for adding scores, not a way to remove or rewrite what the records hold:

* a worksheet the export had (``…-履职``) that is missing would read as “no 履职 scores, no survey”;
* a record that no longer loads, or that changed since the export, must not be written over from the sheet;
* a locked cell (满分) that differs from the records is not an instruction to change the maximum;
* an emptied cell that held a score in the records is not an instruction to delete it (edit the file for that);
* a new score has at most two decimals.
"""

from __future__ import annotations

from decimal import Decimal

from ..evaluation.year import unloaded_evaluations
from ..layout import TOWNSHIP
from ..load.county import County
from .fingerprint import NO_EVALUATION, fingerprint
from .layout import FINGERPRINT_SHEET, GOV_SUFFIX, CommunitySheet, community_sheets, township_titles
from .reading import Reading, Scored

EPSILON = Decimal("1e-9")
DECIMALS = 2


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if abs(value.adjusted()) < 16 else str(value)


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _differs(sheet: Decimal | None, record: Decimal | None) -> bool:
    if sheet is None or record is None:
        return sheet is not record
    return abs(sheet - record) > EPSILON


class Guard:
    """Checks one reading against the county; problems are added to the reading, refused committees noted."""

    def __init__(self, county: County, reading: Reading, fingerprints: dict[str, str] | None) -> None:
        assert reading.year is not None
        self.county, self.reading, self.fingerprints = county, reading, fingerprints
        self.titles = township_titles({e.record.id: e.record.name for e in county.entries(TOWNSHIP)})
        self.sheets = {c.community: c for town in community_sheets(county, reading.year).values() for c in town}
        self.unloaded = {u.community: u for u in unloaded_evaluations(county, reading.year)}
        self.refused: set[str] = set()

    def problem(self, community: str, line: str) -> None:
        self.reading.problems.append(line)
        self.refused.add(community)

    def cell(self, community: str, ref: str | None, message: str) -> None:
        """A problem at a cell, unless the cell is already named by one (a formula, a text, …)."""
        if ref is not None and ref not in self.reading.flagged:
            self.reading.flagged.add(ref)
            self.problem(community, f"{ref}: {message}")

    def check(self) -> set[str]:
        """Check the whole reading; return the committees refused."""
        for town, roles in sorted(self.reading.roles.items()):
            for missing in {False, True} - roles:
                title = self.titles.get(town, town) + (GOV_SUFFIX if missing else "")
                self.reading.problems.append(
                    f"{title}: 工作簿缺少这张工作表（导出时有）；缺了它，导入会把表中的分数当作已删除。请恢复或重新导出")
        if self.fingerprints is None:
            self.reading.problems.append(
                f"{FINGERPRINT_SHEET}: 工作簿中没有导出时的记录指纹（隐藏工作表 {FINGERPRINT_SHEET}），无法确认记录"
                "在导出后没有改动；请用 zsht sheet export 重新导出后再填")
        for community, scored in sorted(self.reading.communities.items()):
            self.check_community(community, scored)
        return self.refused

    def check_community(self, community: str, scored: Scored) -> None:
        title = self.titles.get(scored.township, scored.township)
        unloaded = self.unloaded.get(community)
        if unloaded is not None:
            self.problem(community, f"{unloaded.file}: 评估记录读不出（{unloaded.reason}），导入不会改写它；"
                                    "先改正该文件（zsht validate）再导入")
            return
        current = self.sheets.get(community)
        if current is None or self.fingerprints is None:
            return  # not a committee of the year: the reading has named its cell already
        exported = self.fingerprints.get(community)
        if exported != fingerprint(current.evaluation):
            where = current.evaluation_file or community
            why = ("导出此表时没有这个村（居）委会" if exported is None
                   else "评估记录是在导出此表之后才建的" if exported == NO_EVALUATION
                   else "记录在导出此表之后已被修改")
            self.problem(community, f"{title}: {where} {why}，请重新导出（否则表中的旧分数会盖掉记录里的新分数）")
            return
        self.panel(community, scored, current)
        self.locked(community, scored, current)
        self.scores(community, scored, current)

    def panel(self, community: str, scored: Scored, current: CommunitySheet) -> None:
        """A committee already evaluated keeps its panel: its header is locked, a changed cell is refused."""
        if current.evaluation is None or scored.panel is None:
            return
        stored = [(m.id, m.name, m.category) for m in current.evaluation.panel]
        why = "（已评估的评估主体是锁定的表头，不在表中改）"
        for number in range(max(len(stored), len(scored.panel))):
            sheet = scored.panel[number] if number < len(scored.panel) else None
            record = stored[number] if number < len(stored) else None
            if sheet is None or record is None:
                ref = scored.cells.get(("panel", str(number), "0"), scored.cells.get(("panel-end",), ""))
                change = f"评估记录中没有第 {number + 1} 位评估主体" if record is None else f"少了评估主体“{record[1]}”"
                self.cell(community, ref, f"评估主体表头被改动：{change}{why}")
                continue
            for row, index in ((0, 2), (1, 1), (2, 0)):  # header rows category, name, id; tuples (id, name, category)
                if sheet[index] != record[index]:
                    self.cell(community, scored.cells.get(("panel", str(number), str(row))),
                              f"评估主体表头被改动：应为“{record[index]}”{why}")

    def locked(self, community: str, scored: Scored, current: CommunitySheet) -> None:
        """满分 cells are locked: one that differs from the records is refused."""
        maxima: list[tuple[tuple[str, ...], Decimal | None, Decimal]] = [
            (("max", row.item), scored.items[row.item][0] if row.item in scored.items else None, row.max)
            for row in current.items]
        maxima += [(("gov-max", row.criterion), scored.government[row.criterion][0]
                    if row.criterion in scored.government else None, row.max) for row in current.government]
        maxima.append((("survey-max",), scored.survey_max, Decimal(100)))
        for key, sheet, record in maxima:
            if sheet is not None and _differs(sheet, record):
                self.cell(community, scored.cells.get(key),
                          f"满分 {_plain(sheet)} 与评估记录的 {_plain(record)} 不同（满分是锁定的表头，不在表中改）")

    def scores(self, community: str, scored: Scored, current: CommunitySheet) -> None:
        """Scores the records hold are not cleared; new scores have at most two decimals."""
        where = current.evaluation_file or "评估记录"
        pairs: list[tuple[tuple[str, ...], Decimal | None, Decimal | None]] = []
        for row in current.items:
            given = scored.items[row.item][1] if row.item in scored.items else {}
            members = set(given) | set(row.scores)
            pairs += [(("score", row.item, m), given.get(m), row.scores.get(m)) for m in sorted(members)]
        pairs += [(("gov", row.criterion), scored.government.get(row.criterion, (None, None))[1], row.score)
                  for row in current.government]
        pairs.append((("survey",), scored.survey, current.survey))
        has_government = True in self.reading.roles.get(scored.township, set())
        if current.survey is not None and ("survey",) not in scored.cells and has_government:
            self.problem(community, f"{self.titles.get(scored.township, scored.township)}{GOV_SUFFIX}: "
                                    f"{community} 的满意度行不见了（评估记录中为 {_plain(current.survey)}）；请恢复或重新导出")
        for key, sheet, record in pairs:
            ref = scored.cells.get(key)
            if sheet is None and record is not None and key[0] != "gov":  # an empty 履职 cell: see `unscored`
                self.cell(community, ref, f"分数被清空，评估记录中为 {_plain(record)}（导入不删除已有分数；"
                                          f"确要删除，请直接改 {where}）")
            elif sheet is not None and _differs(sheet, record) and _decimals(sheet) > DECIMALS:
                self.cell(community, ref, f"分数 {_plain(sheet)} 超过两位小数（分数最多保留两位小数）")
