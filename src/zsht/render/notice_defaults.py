"""What a notice says when notices/ holds no record for it: who issues it, where to object, its date and period.

Each is taken from zsht.yaml (`notice: issuer, contact`, `notice_days`) and the records — a catalog's own
社会公示 stage, a township's government and its evaluations' dates — never left blank for a hand to fill in.
Where the records cannot tell, the notice is refused with a line naming what to fill in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .. import models as m
from ..evaluation.notice_period import notice_days
from ..load.county import County

NOTICE_STAGE = "社会公示"


@dataclass(frozen=True)
class NoticeFacts:
    """The issuer, where objections go, the notice's date and the last day of its period."""

    issuer: str
    objection: str
    date: dt.date
    end: dt.date


class Unknown(Exception):
    """A fact the notice needs that neither zsht.yaml nor the records give: the message names what to fill in."""


def _end(county: County, start: dt.date, until: dt.date | None) -> dt.date:
    """The last day of a period that starts on `start`: `until` when known, else the county's minimum."""
    return until or start + dt.timedelta(days=notice_days(county) - 1)


def catalog_facts(county: County, catalogs: Sequence[m.AssistCatalog | m.DutyCatalog | m.CertificateCatalog],
                  year: int) -> NoticeFacts:
    """A county-wide list's notice: its date and period from the first list's 社会公示 stage, its issuer from
    zsht.yaml `notice.issuer` (else the stage's actor), objections to `notice.contact` (else the issuer)."""
    stage = next((s for catalog in catalogs for s in catalog.stages if s.stage == NOTICE_STAGE), None)
    if stage is None:
        titles = "》《".join(catalog.title for catalog in catalogs)
        raise Unknown(f"没有 {year} 年的公示记录，《{titles}》也未登记“{NOTICE_STAGE}”阶段，无法确定公示日期和公示期："
                      f"在 notices/{year}/ 中登记公示（issuer、period、objection、date），或在清单 stages 中补上"
                      f"“{NOTICE_STAGE}”的 date、until 和 actor")
    settings = county.config.notice if county.config else None
    issuer = (settings.issuer if settings else None) or stage.actor
    contact = (settings.contact if settings else None) or issuer
    return NoticeFacts(issuer, contact, stage.date, _end(county, stage.date, stage.until))


def township_facts(county: County, issuer: str, evaluated: Sequence[dt.date]) -> NoticeFacts:
    """A township's result notice: issued by the township on the day its last listed evaluation was made (the
    day `zsht evaluation publish` counts the period from), for the county's `notice_days`; objections to the
    township, or to zsht.yaml `notice.contact` as well."""
    settings = county.config.notice if county.config else None
    contact = settings.contact if settings else None
    day = max(evaluated)
    return NoticeFacts(issuer, f"{issuer}，或{contact}" if contact else issuer, day, _end(county, day, None))
