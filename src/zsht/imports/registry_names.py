"""Names and ids of townships and committees as the registry writes them (the example county's house style).

A township's id is the pinyin of its name without the 镇/乡/街道 ending (白塔埠镇 → ``baitabu``); a committee's is
its township's id and the pinyin of its own short name (埠东村村民委员会 → ``baitabu-budong``); the 社区 that bears
its township's own name is ``<township>-shequ``. Pinyin comes from pypinyin, not from a table of our own.
"""

from __future__ import annotations

import re
import unicodedata

from pypinyin import Style, lazy_pinyin

# Longest first, so that 村民委员会 is taken off whole and not as 会.
_COMMUNITY_ENDINGS = ("社区居民委员会", "社区居委会", "居民委员会", "村民委员会", "居委会", "村委会", "社区", "村")
_TOWNSHIP_ENDINGS = ("街道办事处", "民族乡", "街道", "镇", "乡")
_ZONES = ("开发区", "园区", "新区", "高新区", "管委会")
_FARMS = ("农场", "林场", "盐场", "渔场", "牧场", "茶场")
# The township part of a 统计用区划代码 (digits 7–9) by range, and the committee part (10–12).
_TOWNSHIP_BY_CODE = ((1, 99, "街道"), (100, 199, "镇"), (200, 399, "乡"), (400, 599, "开发区"))
_NOT_ID = re.compile(r"[^a-z0-9]+")


def pinyin_id(text: str) -> str:
    """The pinyin of `text` as an id word: lowercase letters and digits only (吕庄 → lvzhuang)."""
    spelled = "".join(lazy_pinyin(unicodedata.normalize("NFKC", text), style=Style.NORMAL))
    word = _NOT_ID.sub("", spelled.lower())
    return word if word[:1].isalpha() else f"x{word}"  # an id starts with a letter (SLUG)


def township_base(name: str, county: str = "") -> str:
    """A township's name without the county in front or its 镇/乡/街道 ending (东海县白塔埠镇 → 白塔埠)."""
    base = name.strip()
    for prefix in (county, county[:-1]) if len(county) > 1 else ():
        if base.startswith(prefix) and len(base) > len(prefix) + 1:
            base = base[len(prefix):]
            break
    for ending in _TOWNSHIP_ENDINGS:
        if base.endswith(ending) and len(base) > len(ending):
            return base[: -len(ending)]
    return base


def township_type(name: str, code: str | None) -> str | None:
    """乡、镇、街道、开发区 or 国营场, from the name's ending, else from the code's township digits; None if neither says."""
    if name.endswith(("街道", "街道办事处")):
        return "街道"
    if name.endswith("镇"):
        return "镇"
    if name.endswith("乡"):
        return "乡"
    if name.endswith(_ZONES):
        return "开发区"
    if name.endswith(_FARMS):
        return "国营场"
    if code is not None:
        number = int(code[6:9])
        return next((kind for low, high, kind in _TOWNSHIP_BY_CODE if low <= number <= high), None)
    return None


def community_type(name: str, code: str | None) -> str | None:
    """村 or 居: from the code's committee digits (001–199 居, 200–399 村), else from the name; None if neither says."""
    if code is not None and 1 <= int(code[9:]) <= 399:
        return "居" if int(code[9:]) <= 199 else "村"
    if name.endswith(("居民委员会", "居委会", "社区")):
        return "居"
    if name.endswith(("村民委员会", "村委会", "村")):
        return "村"
    return None


def community_base(name: str) -> str:
    """A committee's short name (埠东村村民委员会 → 埠东, 和平社区居委会 → 和平)."""
    base = name.strip()
    for _ in range(2):  # 埠东村 + 村民委员会: the ending, then the 村 before it
        for ending in _COMMUNITY_ENDINGS:
            if base.endswith(ending) and len(base) > len(ending):
                base = base[: -len(ending)]
                break
    return base


def community_full_name(name: str, kind: str) -> str:
    """The name the registry writes: the short forms of the statistics table written out in full
    (蒋庄村委会 → 蒋庄村村民委员会, 和平社区居委会 → 和平社区居民委员会); a full name stays as it is."""
    if name.endswith(("村民委员会", "居民委员会")):
        return name
    base = community_base(name)
    if kind == "村":
        return f"{base}村村民委员会"
    return f"{base}社区居民委员会" if "社区" in name or not name.endswith("居委会") else f"{base}居民委员会"


def community_id(township: str, name: str, kind: str, township_short: str) -> str:
    """The house-style id of a committee (before making it unique)."""
    base = community_base(name)
    if kind == "居" and base == township_short:  # the seat 社区, named after its township
        return f"{township}-shequ"
    return f"{township}-{pinyin_id(base)}"


def unique(candidate: str, taken: set[str]) -> str:
    """`candidate`, or `candidate-2`, `-3` … when taken; the result is added to `taken`."""
    chosen, number = candidate, 1
    while chosen in taken:
        number += 1
        chosen = f"{candidate}-{number}"
    taken.add(chosen)
    return chosen
