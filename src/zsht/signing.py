"""`zsht sign`: record that draft agreements were signed, with both parties as the registry names them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ruamel.yaml.comments import CommentedMap

from .errors import UserError
from .layout import AGREEMENT, COMMUNITY, TOWNSHIP
from .load.county import County
from .roundtrip import dumped, round_trip
from .write_gate import write_if_valid


@dataclass
class Signed:
    """What a signing run did."""

    written: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _party(name: str, representative: str | None) -> CommentedMap:
    party = CommentedMap(name=name)
    if representative:
        party["representative"] = representative
    return party


def _signed_heading(content: bytes) -> bytes:
    """Drop the “（草稿：…）” that `zsht draft` put in the file's heading comment."""
    lines = content.decode("utf-8").split("\n", 2)
    lines[:2] = [re.sub("（草稿：[^）]*）", "", line) if line.startswith("#") else line for line in lines[:2]]
    return "\n".join(lines).encode("utf-8")


def sign_agreements(county: County, year: int, day: dt.date, place: str | None = None,
                    township: str | None = None, community: str | None = None) -> Signed:
    """Set `status: 已签订` and `signing` on the selected draft agreements of `year`: written only if all validate."""
    towns, communities = county.index(TOWNSHIP), county.index(COMMUNITY)
    if township is not None and township not in towns:
        raise UserError(f"乡镇（街道）“{township}”不在名录中")
    if community is not None and community not in communities:
        raise UserError(f"村（居）委会“{community}”不在名录中")
    outcome, contents = Signed(), {}
    for entry in sorted(county.entries(AGREEMENT), key=lambda e: e.file):
        agreement = entry.record
        if agreement.year != year or (township and agreement.township != township) or \
                (community and agreement.community != community):
            continue
        if agreement.status == "已签订":
            outcome.already.append(entry.file)
            continue
        town, committee = towns.get(agreement.township), communities.get(agreement.community)
        if town is None or committee is None:
            outcome.problems.append(f"{entry.file}: 甲方乡镇或乙方村（居）委会不在名录中，无法签订")
            continue
        yaml, data = round_trip((county.root / entry.file).read_text(encoding="utf-8-sig"))
        signing = CommentedMap(date=day)
        if place:
            signing["place"] = place
        signing["party_a"] = _party(town.record.government or town.record.name, town.record.head)
        signing["party_b"] = _party(committee.record.name, committee.record.director)
        data["status"] = "已签订"
        data["signing"] = signing
        contents[entry.file] = _signed_heading(dumped(yaml, data, ""))
    if not contents and not outcome.problems and not outcome.already:
        where = community or township or "全县"
        raise UserError(f"{year} 年没有可签订的协议（{where}）", hint="先用 zsht draft 起草")
    outcome.written = write_if_valid(county, contents, outcome.problems)
    return outcome
