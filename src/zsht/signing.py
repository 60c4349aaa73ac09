"""`zsht sign`: record that draft agreements were signed, with both parties as the registry names them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .errors import UserError
from .layout import AGREEMENT, COMMUNITY, TOWNSHIP
from .load.county import County, Entry
from .models import Agreement, AssistCatalog, Community, Supplement, Township
from .policy import catalog_in_force, catalog_items, release
from .roundtrip import dumped, round_trip, yaml_number
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


Signable = TypeVar("Signable", Agreement, Supplement)


def unsigned(county: County, entries: Iterable[Entry[Signable]],
             outcome: Signed) -> Iterator[tuple[Entry[Signable], Township, Community, YAML, CommentedMap]]:
    """The drafts among `entries` whose parties are in the registry, each with its round-trip YAML and data; a
    signed one is noted in `outcome.already`, one whose township or committee is unknown in `outcome.problems`."""
    towns, communities = county.index(TOWNSHIP), county.index(COMMUNITY)
    for entry in entries:
        record = entry.record
        if record.status == "已签订":
            outcome.already.append(entry.file)
            continue
        town, committee = towns.get(record.township), communities.get(record.community)
        if town is None or committee is None:
            outcome.problems.append(f"{entry.file}: 甲方乡镇或乙方村（居）委会不在名录中，无法签订")
            continue
        yaml, data = round_trip((county.root / entry.file).read_text(encoding="utf-8-sig"))
        yield entry, town.record, committee.record, yaml, data


def mark_signed(data: CommentedMap, town: Township, committee: Community, day: dt.date, place: str | None) -> None:
    """Set `status: 已签订` and `signing` in a record's round-trip data: the date, the place, and both parties as the
    registry names them (the township's government and head, the committee's name and director)."""
    signing = CommentedMap(date=day)
    if place:
        signing["place"] = place
    signing["party_a"] = _party(town.government or town.name, town.head)
    signing["party_b"] = _party(committee.name, committee.director)
    data["status"] = "已签订"
    data["signing"] = signing


def signed_heading(content: bytes) -> bytes:
    """Drop the “（草稿：…）” that `zsht draft` put in the file's heading comment."""
    lines = content.decode("utf-8").split("\n", 2)
    lines[:2] = [re.sub("（草稿：[^）]*）", "", line) if line.startswith("#") else line for line in lines[:2]]
    return "\n".join(lines).encode("utf-8")


def _yaml(value: Any) -> Any:
    """A model's dumped value as ruamel writes it: amounts as numbers, a list of numbers on one line."""
    if isinstance(value, dict):
        return CommentedMap((k, _yaml(v)) for k, v in value.items() if v is not None and v != [])
    if isinstance(value, list):
        seq = CommentedSeq(_yaml(v) for v in value)
        if value and all(isinstance(v, int) for v in value):
            seq.fa.set_flow_style()  # articles: [4, 11]
        return seq
    return yaml_number(value) if isinstance(value, Decimal) else value


def record_terms(data: CommentedMap, agreement: Agreement, catalog: Entry[AssistCatalog],
                 number: str | None = None) -> bool:
    """Write into an agreement's data the terms it is signed on: each item's catalog item as it stands (`terms`,
    the last key of the item), the catalog's title and document (`catalog`) and, where the county numbers its
    agreements, the printed `number` (last keys of the agreement). What is already recorded stays as it is.
    Whether anything was added."""
    items = catalog_items(catalog.record)
    added = False
    for item, agreed in zip(data.get("items") or [], agreement.items, strict=False):
        source = items.get(agreed.id)
        if isinstance(item, CommentedMap) and source is not None and "terms" not in item:
            item["terms"] = _yaml(source.model_dump(exclude={"id", "applies_to"}))
            added = True
    if "catalog" not in data:
        released = release(catalog.record)
        data["catalog"] = _yaml({"year": catalog.record.year, "title": catalog.record.title,
                                 "document": released.document if released else None})
        added = True
    if number and "number" not in data:
        data["number"] = number
        added = True
    return added


def _number(county: County, agreement: Agreement) -> str | None:
    """The number the agreement is printed with, by the county's `agreement_number` pattern (None without one)."""
    if county.config is None or not county.config.agreement_number:
        return None
    from .render.agreement_parts import agreement_numbers, printed_number

    return printed_number(agreement, county.config, agreement_numbers(county, agreement.year))


def _selected(county: County, year: int, township: str | None,
              community: str | None) -> Iterator[Entry[Agreement]]:
    """The agreements of `year` (of one township, or one committee), by file; an unknown one is an error."""
    if township is not None and township not in county.index(TOWNSHIP):
        raise UserError(f"乡镇（街道）“{township}”不在名录中")
    if community is not None and community not in county.index(COMMUNITY):
        raise UserError(f"村（居）委会“{community}”不在名录中")
    for entry in sorted(county.entries(AGREEMENT), key=lambda e: e.file):
        agreement = entry.record
        if agreement.year == year and (township is None or agreement.township == township) and \
                (community is None or agreement.community == community):
            yield entry


def sign_agreements(county: County, year: int, day: dt.date, place: str | None = None,
                    township: str | None = None, community: str | None = None) -> Signed:
    """Set `status: 已签订` and `signing` on the selected draft agreements of `year`, and record in each the terms
    it is signed on (`record_terms`): written only if all validate."""
    outcome, contents = Signed(), {}
    for entry, town, committee, yaml, data in unsigned(county, _selected(county, year, township, community), outcome):
        agreement = entry.record
        mark_signed(data, town, committee, day, place)
        catalog = catalog_in_force(county, agreement.year)
        if catalog is not None:  # without one, the signing is refused (ZS402)
            record_terms(data, agreement, catalog, _number(county, agreement))
        contents[entry.file] = signed_heading(dumped(yaml, data, ""))
    if not contents and not outcome.problems and not outcome.already:
        where = community or township or "全县"
        raise UserError(f"{year} 年没有可签订的协议（{where}）", hint="先用 zsht draft 起草")
    outcome.written = write_if_valid(county, contents, outcome.problems)
    return outcome


def record_signed_terms(county: County, year: int, township: str | None = None,
                        community: str | None = None) -> Signed:
    """Record the terms of the selected agreements of `year` that were signed without them (by an older zsht),
    from the catalog in force as it stands now; drafts and agreements that have them are left alone. Written only
    if all validate. `zsht audit` allows this addition to a signed agreement, and nothing else."""
    outcome, contents = Signed(), {}
    catalog = catalog_in_force(county, year)
    for entry in _selected(county, year, township, community):
        if entry.record.status != "已签订" or catalog is None:
            continue
        yaml, data = round_trip((county.root / entry.file).read_text(encoding="utf-8-sig"))
        if record_terms(data, entry.record, catalog, _number(county, entry.record)):
            contents[entry.file] = dumped(yaml, data, "")
        else:
            outcome.already.append(entry.file)
    outcome.written = write_if_valid(county, contents, outcome.problems)
    return outcome
