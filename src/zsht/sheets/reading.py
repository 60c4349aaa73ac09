"""Read a filled score workbook into per-committee scores, collecting every problem with its cell."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from ..layout import AGREEMENT, EVALUATION
from ..limits import YEARS
from ..load.county import County
from ..models import PANEL_CATEGORIES
from ..supplements import amended
from .layout import (
    FIRST_MEMBER_COLUMN,
    GOV_FIRST_ROW,
    GOV_HEADER,
    ITEM_HEADER,
    META,
    PANEL_LABELS,
    SURVEY,
)

# What a cell to fill accepts: a number, or text that is a plain decimal number once full-width digits are read as
# digits (NFKC: “３” is 3). No exponent (“1e0”), no thousands separator, no sign but a minus (refused as negative).
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?", re.ASCII)
ACCEPTED = "只收数字，最多两位小数，如 45 或 45.5"


@dataclass
class Scored:
    """What the workbook says about one committee."""

    township: str
    community: str
    panel: list[tuple[str, str, str]] | None = None  # (id, name, category)
    items: dict[str, tuple[Decimal, dict[str, Decimal]]] = field(default_factory=dict)
    government: dict[str, tuple[Decimal, Decimal | None]] = field(default_factory=dict)
    survey: Decimal | None = None
    survey_max: Decimal | None = None
    any_score: bool = False
    unscored: list[tuple[str, str]] = field(default_factory=list)  # (sheet!cell, criterion): empty 履职 scores
    # Where each value was read, filled or not: ("score", item, member), ("max", item), ("gov", criterion),
    # ("gov-max", criterion), ("survey",), ("survey-max",) → "sheet!cell".
    cells: dict[tuple[str, ...], str] = field(default_factory=dict)


@dataclass
class Reading:
    """The whole workbook read: committees by id, the year, and every problem as `sheet!cell: message`."""

    year: int | None
    communities: dict[str, Scored] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    flagged: set[str] = field(default_factory=set)  # "sheet!cell" already named by a problem
    roles: dict[str, set[bool]] = field(default_factory=dict)  # township → the sheets read (True: 履职)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def cell_number(raw: Any) -> Decimal | None:
    """The number a cell holds (see ACCEPTED), or None when it holds something else."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw)) if math.isfinite(raw) else None
    if isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip()
        return Decimal(text) if _PLAIN_NUMBER.fullmatch(text) else None
    return None


class SheetReader:
    """Reads one worksheet; problems go to the shared Reading."""

    def __init__(self, sheet: Worksheet, county: County, reading: Reading, township: str) -> None:
        self.sheet, self.county, self.reading, self.township = sheet, county, reading, township
        # openpyxl works these out from every cell on each call: once per sheet, or reading is quadratic.
        self.max_row, self.max_column = sheet.max_row, sheet.max_column
        self.agreements = {e.record.community: e for e in county.entries(AGREEMENT) if e.record.year == reading.year}
        self.dates = {e.record.agreement: e.record.date for e in county.entries(EVALUATION) if e.record.year == reading.year}
        self.items: dict[str, list[str]] = {}

    def agreed_items(self, community: str) -> list[str]:
        """The tasks of a committee's agreement of the year, as amended by the 补充协议 signed by its evaluation's
        date (as it is scored); worked out once per committee of the sheet, not for the whole county."""
        if community not in self.items:
            entry = self.agreements[community]
            terms = amended(self.county, entry, as_of=self.dates.get(entry.record.id)).agreement
            self.items[community] = [item.id for item in terms.items]
        return self.items[community]

    def ref(self, row: int, column: int) -> str:
        """The cell as a person finds it: `sheet!F12`."""
        return f"{self.sheet.title}!{self.sheet.cell(row, column).coordinate}"

    def problem(self, row: int, column: int, message: str) -> None:
        ref = self.ref(row, column)
        self.reading.problems.append(f"{ref}: {message}")
        self.reading.flagged.add(ref)

    def formula(self, row: int, column: int) -> bool:
        """Report a formula in a cell zsht reads: its value is whatever the spreadsheet last computed, or nothing."""
        cell = self.sheet.cell(row, column)
        if cell.data_type != "f":
            return False
        self.problem(row, column, f"单元格是公式“{getattr(cell.value, 'text', cell.value)}”：公式不导入，请填数值")
        return True

    def value(self, row: int, column: int) -> Any:
        return self.sheet.cell(row, column).value

    def expect(self, row: int, labels: tuple[str, ...], start: int = 1) -> bool:
        good = True
        for offset, label in enumerate(labels):
            if label and _text(self.value(row, start + offset)) != label:
                self.problem(row, start + offset, f"表头被改动或缺失：应为“{label}”")
                good = False
        return good

    def number(self, row: int, column: int, maximum: Decimal | None, what: str = "分数") -> Decimal | None:
        """The number in a cell, None when it is empty; a cell holding anything else is a problem (and None)."""
        raw = self.value(row, column)
        if self.formula(row, column) or raw is None or _text(raw) == "":
            return None
        value = cell_number(raw)
        if value is None:
            self.problem(row, column, f"{what}“{_text(raw)}”不是数字（{ACCEPTED}）")
            return None
        if value < 0:
            self.problem(row, column, f"{what} {raw} 不能为负")
            return None
        if maximum is not None and value > maximum:
            self.problem(row, column, f"{what} {raw} 超过满分 {_plain(maximum)}")
            return None
        return value

    def community_at(self, row: int, scored: Scored | None) -> Scored | None:
        """The committee a data row names, checked against the registry and the year's agreements."""
        community = _text(self.value(row, 2))
        known = self.county.community_township
        if community not in known:
            self.problem(row, 2, f"村（居）委会“{community}”不在名录中")
        elif known[community] != self.township:
            self.problem(row, 2, f"村（居）委会“{community}”不属于本乡镇（街道）")
        elif community not in self.agreements:
            self.problem(row, 2, f"村（居）委会“{community}”没有 {self.reading.year} 年的协议")
        elif scored is not None and scored.community != community:
            self.problem(row, 2, f"村（居）委会“{community}”与本块第一行的“{scored.community}”不同")
        else:
            return self.reading.communities.setdefault(community, Scored(self.township, community))
        return None


def _plain(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else str(value.normalize())


def read_meta(sheet: Worksheet, county: County, reading: Reading, role: tuple[str, bool] | None) -> str | None:
    """Check the sheet's name and first row; return its township id, or None when the sheet is not ours."""
    if role is None:
        reading.problems.append(f"{sheet.title}!A1: 工作表名“{sheet.title}”不是名录中的乡镇（街道）")
        return None
    town = role[0]
    reading.roles.setdefault(town, set()).add(role[1])
    reader = SheetReader(sheet, county, reading, town)
    reader.expect(1, (META[0],))
    reader.expect(1, (META[1],), start=3)
    year = reader.number(1, 2, None, "年度")
    if year is not None and not (year == year.to_integral_value() and year in YEARS):
        reader.problem(1, 2, f"年度 {_text(reader.value(1, 2))} 不是 {YEARS.start} 到 {YEARS.stop - 1} 之间的整年")
    elif year is not None and reading.year is not None and int(year) != reading.year:
        reader.problem(1, 2, f"年度 {year} 与要导入的年度 {reading.year} 不符")
    elif year is not None and reading.year is None:
        reading.year = int(year)
    if _text(sheet.cell(1, 4).value) != town:
        reader.problem(1, 4, f"表头被改动：乡镇（街道）编号应为“{town}”")
    return town


def read_government(sheet: Worksheet, county: County, reading: Reading, township: str) -> None:
    """The 履职 sheet: one row per committee and criterion, plus the survey row."""
    reader = SheetReader(sheet, county, reading, township)
    if not reader.expect(GOV_FIRST_ROW - 1, GOV_HEADER):
        return
    assert county.config is not None
    criteria = {c.id for c in county.config.evaluation.government_criteria}
    for row in range(GOV_FIRST_ROW, reader.max_row + 1):
        if all(_text(reader.value(row, c)) == "" for c in range(1, 7)):
            continue
        scored = reader.community_at(row, None)
        criterion = _text(reader.value(row, 3))
        maximum = reader.number(row, 5, None, "满分")
        if criterion != SURVEY and criterion not in criteria:
            reader.problem(row, 3, f"指标“{criterion}”不在 zsht.yaml 的政府履职评估指标中")
            continue
        if maximum is None or maximum == 0:
            if reader.ref(row, 5) not in reading.flagged:
                reader.problem(row, 5, "满分缺失或为 0")
            continue
        score = reader.number(row, 6, maximum)
        if scored is None:
            continue
        scored.any_score = scored.any_score or score is not None
        key = ("survey",) if criterion == SURVEY else ("gov", criterion)
        scored.cells[key], scored.cells[(key[0] + "-max", *key[1:])] = reader.ref(row, 6), reader.ref(row, 5)
        if criterion == SURVEY:
            scored.survey, scored.survey_max = score, maximum
        else:
            scored.government[criterion] = (maximum, score)
            if _text(reader.value(row, 6)) == "":
                scored.unscored.append((f"{sheet.title}!{sheet.cell(row, 6).coordinate}", criterion))


def read_panel(reader: SheetReader, row: int) -> list[tuple[int, str, str, str]]:
    """The member columns of a block header at `row`: (column, id, name, category); empty columns skipped."""
    members = []
    seen: set[str] = set()
    for column in range(FIRST_MEMBER_COLUMN, reader.max_column + 1):
        category, name, member = (_text(reader.value(row + n, column)) for n in range(3))
        if not (category or name or member):
            continue
        if any([reader.formula(row + n, column) for n in range(3)]):
            continue
        if not (category and name and member):
            reader.problem(row, column, "评估主体的类别、姓名、成员编号须填全")
        elif category not in PANEL_CATEGORIES:
            reader.problem(row, column, f"评估主体类别“{category}”不对，应为 {'、'.join(PANEL_CATEGORIES)} 之一")
        elif member in seen:
            reader.problem(row + 2, column, f"成员编号“{member}”重复")
        else:
            seen.add(member)
            members.append((column, member, name, category))
    return members


def read_block(reader: SheetReader, row: int) -> int:
    """One committee's block from its header row; return the row after it."""
    reader.expect(row + 1, ("", "", "", "", PANEL_LABELS[1]))
    header_ok = reader.expect(row + 2, ITEM_HEADER)
    members = read_panel(reader, row)
    row += 3
    scored: Scored | None = None
    first = row
    while row <= reader.max_row and any(_text(reader.value(row, c)) for c in range(1, 6)):
        if _text(reader.value(row, 5)) == PANEL_LABELS[0]:
            break
        scored = reader.community_at(row, scored) or scored
        item = _text(reader.value(row, 3))
        maximum = reader.number(row, 5, None, "满分")
        if scored is not None and scored.community == _text(reader.value(row, 2)):
            if item not in reader.agreed_items(scored.community):
                reader.problem(row, 3, f"事项“{item}”不在该村（居）委会 {reader.reading.year} 年的协议中")
            elif item in scored.items:
                reader.problem(row, 3, f"事项“{item}”重复")
            elif maximum is None or maximum == 0:
                if reader.ref(row, 5) not in reader.reading.flagged:
                    reader.problem(row, 5, "满分缺失或为 0")
            else:
                scored.cells[("max", item)] = reader.ref(row, 5)
                scored.cells.update((("score", item, m), reader.ref(row, c)) for c, m, _, _ in members)
                scores = {m: v for c, m, _, _ in members if (v := reader.number(row, c, maximum)) is not None}
                scored.items[item] = (maximum, scores)
                scored.any_score = scored.any_score or bool(scores)
        row += 1
    _stray_scores(reader, first, row, {c for c, *_ in members})
    if scored is not None and header_ok:
        scored.panel = [(m, n, c) for _, m, n, c in members]
        for number, (column, *_) in enumerate(members):  # rows: category, name, id
            scored.cells.update((("panel", str(number), str(k)), reader.ref(first - 3 + k, column)) for k in range(3))
        scored.cells[("panel-end",)] = reader.ref(first - 3, max((c for c, *_ in members), default=5) + 1)
        missing = [i for i in reader.agreed_items(scored.community) if i not in scored.items]
        if missing:
            reader.problem(first - 1, 3, f"{scored.community} 缺少协议事项 {'、'.join(missing)}")
    return row


def _stray_scores(reader: SheetReader, first: int, end: int, columns: set[int]) -> None:
    for row in range(first, end):
        for column in range(FIRST_MEMBER_COLUMN, reader.max_column + 1):
            if column not in columns and _text(reader.value(row, column)):
                reader.problem(row, column, "这一列没有评估主体（类别、姓名、成员编号），分数无处归属")


def read_items(sheet: Worksheet, county: County, reading: Reading, township: str) -> None:
    """The 履约 sheet: blocks of a 3-row panel header and one row per agreed item."""
    reader = SheetReader(sheet, county, reading, township)
    row = 4
    while row <= reader.max_row:
        if not any(_text(reader.value(row, c)) for c in range(1, reader.max_column + 1)):
            row += 1
        elif _text(reader.value(row, 5)) == PANEL_LABELS[0]:
            row = read_block(reader, row)
        else:
            reader.problem(row, 5, f"表头被改动或缺失：应为“{PANEL_LABELS[0]}”")
            row += 1
            while row <= reader.max_row and _text(reader.value(row, 5)) != PANEL_LABELS[0]:
                row += 1
