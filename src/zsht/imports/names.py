"""Names as `zsht import` compares them: a department's, a law's. The ZS901 check of `zsht validate` compares them
the same way; it imports this module only, not the readers and their patterns (text, mapping)."""

from __future__ import annotations

import re

_HALF_WIDTH = str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")
PRC = "中华人民共和国"


def half_width(text: str) -> str:
    """`text` with full-width digits, point, comma and percent sign made ASCII (２０００元 → 2000元)."""
    return text.translate(_HALF_WIDTH)


def normalized(text: str) -> str:
    """Text as titles and names are compared: no spaces, line breaks or punctuation, digits half-width."""
    return re.sub(r"[\s\W_]+", "", half_width(text))


def law_keys(name: str, short_names: list[str]) -> list[str]:
    """The names a law is known by, as compared: its name, without “中华人民共和国”, and its short names."""
    return list(dict.fromkeys(normalized(n) for n in (name, name.removeprefix(PRC), *short_names) if normalized(n)))


def department_key(name: str, county: str) -> str:
    """A department's name as compared: without the county's name, 县 or 人民政府 in front (东海县民政局,
    县民政局 and 民政局 are one department)."""
    key = normalized(name)
    for prefix in (normalized(county), "县", "人民政府", "县人民政府", "政府"):
        if prefix and key.startswith(prefix) and len(key) > len(prefix):
            key = key[len(prefix):]
    return key
