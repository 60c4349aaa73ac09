"""The text report shows a record's words as written."""

from __future__ import annotations

from dataclasses import dataclass, field

from zsht.findings import Finding
from zsht.report.text import text
from zsht.ruletable import finding


@dataclass
class _Outcome:
    findings: list[Finding]
    scope: str = "检查了 1 个文件"
    notes: list[str] = field(default_factory=list)


def test_a_colon_word_in_a_message_is_not_turned_into_an_emoji() -> None:
    """rich would turn “:warning:” or “:red_circle:” in a name into a picture; a report quotes, it does not draw."""
    found = finding("ZS101", "registry/townships.yaml", "名称“:warning: 牛山:red_circle:”不对", hint="写“:thumbs_up:”").at(2, 3)
    for color in (False, True):
        shown = text(_Outcome([found]), color=color)
        assert "“:warning: 牛山:red_circle:”" in shown and "“:thumbs_up:”" in shown, shown
