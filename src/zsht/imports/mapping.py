"""Text of a list turned into the structure of a catalog item, through the county's registers.

A legal basis is looked up in the legal register by its name, its name without “中华人民共和国”, or one of its
`short_names`; a department in the registry by its name with or without the county's name, or one of its
`aliases`, or through the usual abbreviations zsht ships as data (残联 → 残疾人联合会, in
zsht/data/department-abbreviations.json); a funding text is read for an amount, a unit, a source and a payment. What is not
found is returned as text, for the caller to keep in the item's own place and list as a gap.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..layout import DEPARTMENT_FILE, LAW
from ..load.county import County, load_file
from .names import PRC, department_key, half_width, law_keys, normalized
from .text import CHINESE_DIGITS, parse_number, without_numbering

_TITLE = re.compile(r"《([^》]+)》")
_ARTICLES = re.compile(rf"第\s*([\d{CHINESE_DIGITS}、,，和及至到\-—~～\s]+?)\s*条")
_NOTHING = {"", "无", "—", "-", "/", "／", "——", "暂无", "无经费", "不涉及"}


@dataclass
class Register:
    """The county's laws and departments, keyed as the text of a list names them."""

    laws: dict[str, str]  # normalized name, name without 中华人民共和国, short name → law id
    departments: dict[str, str]  # department key (see `department_key`) → department id
    county: str

    @classmethod
    def load(cls, root: Path, county: str) -> Register:
        """The legal register (legal/*.yaml) and departments of the county at `root`; files that do not load
        are left out (`zsht validate` reports them)."""
        loaded = County(root=root)
        for path in sorted((root / "legal").glob("*.yaml")):
            load_file(loaded, f"legal/{path.name}", LAW)
        if (root / DEPARTMENT_FILE.pattern).is_file():
            load_file(loaded, DEPARTMENT_FILE.pattern, DEPARTMENT_FILE)
        laws: dict[str, str] = {}
        for entry in loaded.entries(LAW):
            for key in law_keys(entry.record.name, entry.record.short_names):
                laws.setdefault(key, entry.record.id)
        register = cls(laws, {}, county)
        for listing in loaded.entries(DEPARTMENT_FILE):
            for department in listing.record.departments:
                for name in (department.name, *department.aliases):
                    register.departments.setdefault(register.department_key(name), department.id)
        return register

    def law(self, title: str) -> str | None:
        """The id of the law a title names (《…》 left off; a revision note such as （2018年修正） ignored)."""
        bare = re.sub(r"[（(][^）)]*[）)]", "", title)
        return self.laws.get(normalized(bare)) or self.laws.get(normalized(bare.removeprefix(PRC)))

    def department_key(self, name: str) -> str:
        """A department's name as compared in this county (see `department_key`)."""
        return department_key(name, self.county)

    def department(self, text: str) -> str | None:
        """The id of the department a cell names; where it names several (县民政局、县财政局), the first."""
        first = re.split(r"[、，,;；/／\n]|和|及|会同", text, maxsplit=1)[0]
        first = re.sub(r"[（(][^）)]*[）)]", "", first)  # （牵头）
        if not first.strip():
            return None
        key = self.department_key(first)
        return self.departments.get(key) or self.departments.get(abbreviations().get(key, ""))


@cache
def abbreviations() -> dict[str, str]:
    """The usual abbreviations of county departments (残联 → 残疾人联合会), shipped as data with zsht."""
    text = resources.files("zsht").joinpath("data", "department-abbreviations.json").read_text(encoding="utf-8")
    found: dict[str, str] = json.loads(text)["abbreviations"]
    return found


def articles(text: str) -> list[int]:
    """The article numbers a citation names: 第二十一条、第二十五条 → [21, 25]; 第21至23条 → [21, 22, 23]."""
    found: list[int] = []
    text = re.sub(r"条\s*([至到\-—~～])\s*第", r"\1", half_width(text))  # 第十七条至第十九条: one range
    for group in _ARTICLES.findall(text):
        for piece in re.split(r"[、,，和及\s]+", group):
            ends = [parse_number(end) for end in re.split(r"[至到\-—~～]", piece) if end]
            if len(ends) == 2 and ends[0] and ends[1] and 0 < ends[1] - ends[0] < 50:
                found.extend(range(ends[0], ends[1] + 1))
            elif len(ends) == 1 and ends[0]:
                found.append(ends[0])
    return list(dict.fromkeys(found))


def bases(text: str, register: Register) -> tuple[list[Any], list[str]]:
    """The legal bases a cell cites as [{law, articles}] in order, a citation of an unknown law kept as its
    text; and the titles of the unknown laws. A cell that names no law comes back as its text."""
    titles = list(_TITLE.finditer(text))
    if not titles:
        found = _named_without_marks(text, register)
        return (found, []) if found else ([text], [])
    cited: list[Any] = []
    unknown: list[str] = []
    for index, title in enumerate(titles):
        end = titles[index + 1].start() if index + 1 < len(titles) else len(text)
        tail = text[title.end():end]
        law = register.law(title.group(1))
        if law is None:
            cited.append((title.group(0) + tail).strip(" 、，,；;。\n"))
            unknown.append(title.group(1))
            continue
        numbers = articles(tail)
        cited.append({"law": law, "articles": numbers} if numbers else {"law": law})
    return cited, unknown


def _named_without_marks(text: str, register: Register) -> list[Any]:
    """A citation without 《》 (村民委员会组织法第21条): the register's longest name found in the text."""
    key = normalized(text)
    names = sorted((name for name in register.laws if name and name in key), key=len, reverse=True)
    if not names:
        return []
    position = key.index(names[0]) + len(names[0])
    numbers = articles(key[position:])
    law = register.laws[names[0]]
    return [{"law": law, "articles": numbers} if numbers else {"law": law}]


_AMOUNT = re.compile(rf"(\d+(?:\.\d+)?|[{CHINESE_DIGITS}]+)\s*(万)?\s*元")
_SMALL = CHINESE_DIGITS.replace("万", "").replace("亿", "")
# 每村（社区）, 每年, 每人: what an amount is counted per, up to the next 每 or the amount itself
_PER = re.compile(r"每(?:个)?\s*([^\d每，,；;。]{1,12}?)(?=每|\d|[" + _SMALL + r"]+\s*万?\s*元|发放|补助|补贴|安排|$)")
_SOURCE_WORDS = ("财政", "列支", "专项", "资金", "经费来源", "承担", "负担")
_PAYMENT_WORDS = ("拨付", "支付", "结清", "兑付", "兑现", "发放", "结算", "拨款", "到位")


def funding(text: str) -> dict[str, Any] | None:
    """A funding text as {amount, unit, source, payment}, or None when it names no amount of yuan.

    “每村（社区）每年2000元，县财政列支，年初拨付50%” → 2000, 元/村（社区）·年, 县财政, 年初拨付50%."""
    plain = re.sub(r"(?<=\d)[,，](?=\d{3})", "", half_width(text))
    # an amount with 元, or a bare number in a clause of its own (a 金额 column under 经费保障)
    match = _AMOUNT.search(plain) or re.search(r"(?:^|(?<=[，,；;\n]))\s*(\d+(?:\.\d+)?)()\s*(?=$|[，,；;\n])", plain)
    if match is None:
        return None
    number = parse_number(match.group(1)) if not match.group(1)[0].isdigit() else None
    try:
        amount = Decimal(match.group(1)) if number is None else Decimal(number)
    except InvalidOperation:
        return None
    amount *= 10_000 if match.group(2) else 1
    if amount <= 0:
        return None
    clauses = [c.strip() for c in re.split(r"[，,；;。\n]", plain) if c.strip()]
    money_clause = next((c for c in clauses if _AMOUNT.search(c)), "")
    source = next((c for c in clauses if c != money_clause and any(w in c for w in _SOURCE_WORDS)), None)
    payment = [c for c in clauses if c != source and any(w in c for w in _PAYMENT_WORDS)]
    found: dict[str, Any] = {"amount": int(amount) if amount == amount.to_integral_value() else amount,
                             "unit": _unit(plain[:match.start()], plain[match.end():])}
    if source:
        found["source"] = re.sub(r"^(?:经费|资金)?(?:来源)?[:：]?(?:由)?|(?:列支|承担|负担|安排|保障|解决)$", "", source) or source
    if payment:
        found["payment"] = "，".join(payment)
    return found


def _unit(before: str, after: str) -> str:
    """The unit of an amount: 元/村（社区）·年 from “每村（社区）每年”, 元/年 from “元/年” after it."""
    per = [p.strip() for p in _PER.findall(before)]
    if after.lstrip().startswith(("/", "／")):
        per += [re.split(r"[，,；;。\s]", after.lstrip()[1:], maxsplit=1)[0]]
    per = [p for p in per if p]
    if not per:
        return "元/年" if re.search(r"每年|[/／]年|年度|全年", before + after) else "元"
    things = [p for p in per if p != "年"]  # the year last: 元/村·年
    return "元/" + "·".join([*things, *(["年"] if "年" in per else [])])


def nothing(text: str) -> bool:
    """Whether a cell says there is nothing (无, —, /)."""
    return text.strip() in _NOTHING


def applies_to(text: str) -> list[str] | None:
    """村, 居 or both from “村、社区”, “村（居）”, “居民区”; None when the text names neither."""
    found = [kind for kind, words in (("村", ("村",)), ("居", ("居", "社区"))) if any(w in text for w in words)]
    return found or None


def split_list(text: str) -> list[str]:
    """A cell listing several things (权限): one per line or separated by ；, each without its numbering."""
    parts = [without_numbering(part.strip()) for part in re.split(r"[；;\n]", text)]
    return [part for part in parts if part]
