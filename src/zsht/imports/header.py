"""Which row of a table is its header, and which column holds which field of a catalog item.

Column titles vary from county to county (事项名称, 工作事项, 事项 …); `TITLES` lists the variants of each
field. A title is read as the field whose variant it is, or, failing that, whose longest variant it contains
(“随事项下放的权限与工作条件” holds 工作条件). A two-row header (a title spanning two columns over a title for
each) is read as one: each column takes the field of its lower title, else of its upper one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import UserError
from .names import normalized

# field → (its label in Chinese, the titles counties give its column); `number` and `category` are no item
# field of any model: the number is dropped (zsht numbers items itself), the category becomes a comment.
TITLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "number": ("序号", ("序号", "编号", "序")),
    "category": ("类别", ("类别", "分类", "事项类别", "类型", "所属类别")),
    "name": ("名称", ("事项名称", "工作事项", "事项", "名称", "证明名称", "证明事项", "事项内容", "工作内容",
                      "协助事项", "履职事项", "职责事项", "具体事项", "项目名称")),
    "department": ("主管部门", ("主管部门", "责任部门", "委托部门", "牵头部门", "业务主管部门", "部门", "责任单位",
                                "主管单位", "委托单位", "牵头单位")),
    "basis": ("法律依据", ("法律依据", "设定依据", "政策依据", "依据", "法规依据", "法律法规依据", "法律法规政策依据")),
    "requirements": ("目标要求", ("工作要求", "目标要求", "工作目标", "要求", "工作标准", "目标任务")),
    "evaluation": ("评估方法", ("考核评价", "评估方法", "考核方式", "评价方式", "考核办法", "评估方式", "考评方式",
                                "考核", "评估")),
    "guidance": ("指导和条件", ("指导", "政府指导", "指导和条件", "指导与支持", "保障措施", "政府提供")),
    "authority": ("权限", ("权限", "工作条件", "权随责走", "下放权限", "权限和条件")),
    "funding": ("经费", ("经费", "经费保障", "工作经费", "费随事转", "经费标准", "补助标准", "经费来源")),
    "applies_to": ("适用范围", ("适用范围", "适用对象", "适用")),
    "status": ("状态", ("状态", "处理意见", "清理意见", "保留取消", "是否保留", "处理结果")),
    "purpose": ("办理用途", ("办理用途", "用途", "证明用途")),
    "procedure": ("办理流程", ("办理流程", "流程", "办理程序", "程序")),
    "form": ("证明式样", ("证明式样", "式样", "样式")),
    "note": ("说明", ("备注", "说明", "附注")),
}
NOT_ITEM_FIELDS = ("number", "category")
LONGEST_TITLE = 24  # a cell with more text than this is content, not a column title
HEADER_SEARCH = 15  # rows at the top of a table the header may be in (a title, a date line, a blank row above)


@dataclass
class Header:
    """The header of a table: the row after it, each column's field, and the titles not recognised."""

    body: int  # index of the first row below the header
    columns: dict[int, str]  # column index → field
    unknown: dict[int, str] = field(default_factory=dict)  # column index → title no field was found for
    cells: list[str] = field(default_factory=list)  # the header row as written (to skip a repeated header)


def field_of(title: str, fields: set[str], chosen: dict[str, str]) -> str | None:
    """The field a column title names among `fields`, or None; `chosen` (--columns) decides first."""
    key = normalized(title)
    if not key or len(key) > LONGEST_TITLE:
        return None
    if key in chosen:
        return chosen[key]
    best: tuple[int, str] | None = None
    for name, (_, variants) in TITLES.items():
        if name not in fields:
            continue
        for variant in variants:
            if variant == key:
                return name
            if variant in key and (best is None or len(variant) > best[0]):
                best = (len(variant), name)
    return best[1] if best else None


def parse_columns(option: str | None, fields: set[str]) -> dict[str, str]:
    """The --columns option (“牵头单位=主管部门,工作内容=名称”) as normalized title → field; UserError when wrong."""
    chosen: dict[str, str] = {}
    by_label = {label: name for name, (label, _) in TITLES.items()}
    for pair in (option or "").replace("，", ",").split(","):
        if not pair.strip():
            continue
        title, sep, target = pair.replace("＝", "=").partition("=")
        wanted = target.strip()
        name = by_label.get(wanted, wanted if wanted in TITLES else None)
        if not sep or not title.strip() or name is None or name not in fields:
            known = "、".join(TITLES[f][0] for f in TITLES if f in fields)
            raise UserError(f"--columns 中的“{pair.strip()}”无法理解：应写成 列标题=字段",
                            hint=f"本类清单的字段有：{known}；如 --columns 牵头单位=主管部门")
        chosen[normalized(title)] = name
    return chosen


def find_header(rows: list[list[str]], fields: set[str], chosen: dict[str, str]) -> Header | None:
    """The header of a table: the first row naming the item's name column and one more field, or None."""
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        columns = {column: name for column, cell in enumerate(row) if (name := field_of(cell, fields, chosen))}
        found = set(columns.values())
        if "name" in found and len(found) >= 2:
            return _with_lower_row(rows, index, fields, chosen)
    return None


def _with_lower_row(rows: list[list[str]], index: int, fields: set[str], chosen: dict[str, str]) -> Header:
    """The header starting at `index`, taking in the row below when it is the second row of a two-row header."""
    upper = rows[index]
    lower = rows[index + 1] if index + 1 < len(rows) else []
    two_rows = _continues(upper, lower, fields, chosen)
    columns: dict[int, str] = {}
    unknown: dict[int, str] = {}
    for column, title in enumerate(upper):
        below = lower[column] if two_rows and column < len(lower) else ""
        name = (field_of(below, fields, chosen) if below != title else None) or field_of(title, fields, chosen)
        shown = below if two_rows and below and below != title else title
        if name is not None:
            columns[column] = name
        elif shown:
            unknown[column] = shown
    return Header(index + (2 if two_rows else 1), columns, unknown, upper)


def _continues(upper: list[str], lower: list[str], fields: set[str], chosen: dict[str, str]) -> bool:
    """Whether `lower` is the second row of the header: under a title spanning columns it names the parts,
    elsewhere it repeats the title above (a cell merged down) or is empty; an item row does neither."""
    parts = 0
    for column, text in enumerate(lower):
        above = upper[column] if column < len(upper) else ""
        if not text or text == above:
            continue
        spans = (column > 0 and upper[column - 1] == above) or (column + 1 < len(upper) and upper[column + 1] == above)
        if not (spans or field_of(text, fields, chosen)) or len(text) > LONGEST_TITLE:
            return False
        parts += 1
    return parts > 0
