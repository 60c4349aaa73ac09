"""An evaluation's own lifecycle: 草稿 → 已评定 (`zsht evaluation finalize`) → 已公示 (`zsht evaluation publish`).

Both moves are all or nothing, as `zsht sign` is: every selected file's new bytes are built first and written
only when none of them would fail `zsht validate` (write_gate). Once 已评定 an evaluation is frozen (layout's
`Final`, `zsht audit`): the move to 已公示 only sets the status and adds `publication`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ruamel.yaml.comments import CommentedMap

from ..errors import UserError
from ..layout import COMMUNITY, EVALUATION, TOWNSHIP
from ..load.county import County, Entry
from ..models import Evaluation
from ..roundtrip import dumped, round_trip
from ..write_gate import write_if_valid
from .notice_period import evaluation_notice
from .stored import put_result
from .year import unloaded_evaluations, year_results


@dataclass
class Moved:
    """What a finalize or publish run did: files written, files already there, and why nothing was written."""

    written: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Scope:
    """Which evaluations a move takes: one year, optionally one township or one community."""

    year: int
    township: str | None = None
    community: str | None = None

    def takes(self, evaluation: Evaluation) -> bool:
        """Whether an evaluation is one of those selected."""
        return evaluation.year == self.year and self.township in (None, evaluation.township) and \
            self.community in (None, evaluation.community)

    @property
    def where(self) -> str:
        """The selection as a message names it."""
        return f"{self.year} 年（{self.community or self.township or '全县'}）"


def _selected(county: County, scope: Scope) -> list[Entry[Evaluation]]:
    if scope.township is not None and scope.township not in county.index(TOWNSHIP):
        raise UserError(f"乡镇（街道）“{scope.township}”不在名录中", hint="编号见 registry/townships.yaml")
    if scope.community is not None and scope.community not in county.index(COMMUNITY):
        raise UserError(f"村（居）委会“{scope.community}”不在名录中", hint="编号见 registry/communities/")
    return sorted((e for e in county.entries(EVALUATION) if scope.takes(e.record)), key=lambda e: e.file)


def _unloaded(county: County, scope: Scope) -> list[str]:
    """A selected evaluation file that does not load cannot move on: one line each."""
    return [f"{u.file}: 记录无法读取（{u.reason}），未评定也未公示" for u in unloaded_evaluations(county, scope.year)
            if scope.township in (None, u.township) and scope.community in (None, u.community)]


def _nothing(scope: Scope, what: str, hint: str) -> UserError:
    return UserError(f"{scope.where}没有可{what}的评估", hint=hint)


def finalize_evaluations(county: County, scope: Scope) -> Moved:
    """Compute and store each selected draft's result and set `status: 已评定`; written only if all validate
    (scores complete, from 已评定 on ZS601/ZS603/ZS606/ZS607 apply in full)."""
    selected = _selected(county, scope)
    outcome, contents = Moved(problems=_unloaded(county, scope)), {}
    drafts = [e for e in selected if e.record.status == "草稿"]
    outcome.already = [e.file for e in selected if e.record.status != "草稿"]
    if not drafts and not outcome.problems and not outcome.already:  # all finalized already: nothing to do, no error
        raise _nothing(scope, "评定", "草稿评估在 evaluations/<年度>/ 下；已评定、已公示的不再评定")
    # The same figures `zsht score` shows: one computation of the year, the drafts among its rows.
    results = year_results(county, scope.year, scope.township) if drafts else None
    computed = {row.evaluation_file: row.computed for row in results.drafts} if results else {}
    for entry in drafts:
        yaml, data = round_trip((county.root / entry.file).read_text(encoding="utf-8-sig"))
        if entry.file in computed:
            put_result(data, computed[entry.file])
        elif results is not None and entry.file in results.uncomputable:
            outcome.problems.append(f"{entry.file}: 得分或兑现经费超出可记录的数额，无法评定（检查分数和 zsht.yaml 的兑现比例）")
        elif results is not None and entry.file in results.invalid:
            outcome.problems.append(f"{entry.file}: 评估或所评协议有校验错误，算不出结果，无法评定（zsht validate 列出）")
        data["status"] = "已评定"
        contents[entry.file] = dumped(yaml, data)
    outcome.written = write_if_valid(county, contents, outcome.problems)
    return outcome


def publish_evaluations(county: County, scope: Scope, day: dt.date | None) -> Moved:
    """Set `status: 已公示` and record `publication` (the township's result notice, the date) on the selected
    finalized evaluations; refused before the notice period is over (ZS615), written only if all validate.

    Without `day`, today; without a result notice in notices/, `day` must be given (the notice period is then
    counted from the evaluation's date). A 已公示 record without `publication` gets it recorded."""
    selected = _selected(county, scope)
    outcome, contents = Moved(problems=_unloaded(county, scope)), {}
    for entry in selected:
        evaluation = entry.record
        if evaluation.status == "草稿":
            outcome.problems.append(f"{entry.file}: 仍是草稿，先用 zsht evaluation finalize 评定，再公示")
            continue
        if evaluation.status == "已公示" and evaluation.publication is not None:
            outcome.already.append(entry.file)
            continue
        notice = evaluation_notice(county, evaluation.year, evaluation.township)
        if notice is None and day is None:
            outcome.problems.append(f"{entry.file}: notices/ 中没有 {evaluation.township} {evaluation.year} 年的评估结果"
                                    "公示，无从得知公示期；请用 --date 写明公示期满后的登记日期")
            continue
        yaml, data = round_trip((county.root / entry.file).read_text(encoding="utf-8-sig"))
        publication = CommentedMap()
        if notice is not None:
            publication["notice"] = notice.record.id
        publication["date"] = day or dt.date.today()
        data["status"] = "已公示"
        data["publication"] = publication
        contents[entry.file] = dumped(yaml, data)
    if not contents and not outcome.problems and not outcome.already:
        raise _nothing(scope, "公示", "先用 zsht evaluation finalize 评定")
    outcome.written = write_if_valid(county, contents, outcome.problems)
    return outcome
