"""`zsht sheet import`: a filled workbook becomes evaluation records, all or nothing.

Existing files are edited with ruamel.yaml round-trip, value by value, so comments, key order and layout
stay; a file whose values do not change is not rewritten at all. A new file starts with a schema modeline:
relative to the zsht project's own ``schemas/evaluation.schema.json`` when the county lives inside the zsht
checkout (as examples/donghai does), else ``../../../schemas/evaluation.schema.json``, i.e. a ``schemas/``
folder at the county root (where ``zsht init`` puts the schemas).
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..errors import UserError
from ..evaluation.scores import compute, finite
from ..evaluation.stored import put_result
from ..layout import AGREEMENT, COMMUNITY, EVALUATION
from ..load.config import settings
from ..load.county import County
from ..load.schema_errors import schema_findings
from ..models import Evaluation
from ..models.evaluation import FINAL_STATUSES
from ..policy import agreed_funding
from ..roundtrip import dumped, round_trip, schema_modeline, yaml_number
from ..rules.evaluations import evaluations
from ..staging import write_all
from ..supplements import amended
from ..write_gate import errors_if_written, frozen_changes
from .fingerprint import read_fingerprints
from .guard import Guard
from .layout import FINGERPRINT_SHEET, sheet_roles
from .reading import Reading, Scored, read_government, read_items, read_meta

EPSILON = Decimal("1e-9")
ORDER = list(Evaluation.model_fields)


@dataclass
class ImportOutcome:
    """What an import did, or why it refused: problems are `sheet!cell: message` lines."""

    problems: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _commented(value: Any) -> Any:
    """Plain data (as loaded for validation) in ruamel's containers: a copy to try the sheet's changes on."""
    if isinstance(value, dict):
        return CommentedMap((key, _commented(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(_commented(item) for item in value)
    return value


def _set(node: CommentedMap, key: str, value: Decimal | str | None) -> bool:
    """Set one value only when it differs from what is there; say whether it did."""
    old = node.get(key)
    if value is None:
        if key in node:
            del node[key]
            return True
        return False
    if isinstance(value, str):
        same = old == value
    else:
        # A spreadsheet keeps 15 significant digits: 30.006000000000004 comes back as 30.006, the same score.
        same = isinstance(old, int | float) and not isinstance(old, bool) and abs(Decimal(str(old)) - value) <= EPSILON
    if not same:
        new = value if isinstance(value, str) else yaml_number(value)
        later = [k for k in node if k in ORDER and ORDER.index(k) > ORDER.index(key)] if key in ORDER else []
        if key not in node and later:  # a new key goes where the schema puts it, e.g. survey before status
            node.insert(list(node).index(later[0]), key, new)
        else:
            node[key] = new
    return not same


def _rows(data: CommentedMap, key: str, id_key: str) -> dict[str, CommentedMap]:
    if not isinstance(data.get(key), list):
        data[key] = CommentedSeq()
    return {str(row.get(id_key)): row for row in data[key] if isinstance(row, CommentedMap)}


def _apply(data: CommentedMap, scored: Scored) -> bool:
    """Put the sheet's scores into one evaluation's data; say whether anything changed."""
    changed = False
    if not data.get("panel") and scored.panel:
        data["panel"] = CommentedSeq(CommentedMap(id=m, name=n, category=c) for m, n, c in scored.panel)
        changed = True
    rows = _rows(data, "performance", "item")
    for item, (maximum, scores) in scored.items.items():
        if item not in rows:
            rows[item] = CommentedMap(item=item, max=yaml_number(maximum), scores=CommentedMap())
            data["performance"].append(rows[item])
            changed = True
        row = rows[item]
        changed |= _set(row, "max", maximum)
        if not isinstance(row.get("scores"), dict):
            row["scores"] = CommentedMap()
        for member in [m for m in row["scores"] if m not in scores]:
            del row["scores"][member]
            changed = True
        for member, value in scores.items():
            changed |= _set(row["scores"], member, value)
    gov = _rows(data, "government", "criterion")
    for criterion, (maximum, score) in scored.government.items():
        if criterion not in gov:
            gov[criterion] = CommentedMap(criterion=criterion, max=yaml_number(maximum))
            data["government"].append(gov[criterion])
            changed = True
        changed |= _set(gov[criterion], "max", maximum) | _set(gov[criterion], "score", score)
    return _set(data, "survey", scored.survey) | changed


def _complete(scored: Scored) -> bool:
    members = {m for m, _, _ in scored.panel or []}
    return bool(members) and all(set(s) == members for _, s in scored.items.values()) and all(
        score is not None for _, score in scored.government.values())


def _new_date(county: County, agreement: str) -> dt.date:
    """A new evaluation's date: today, but never before the signing of the agreement it evaluates (an existing
    evaluation keeps its own date: an import only brings scores)."""
    target = county.index(AGREEMENT).get(agreement)
    signing = target.record.signing if target is not None else None
    return max(dt.date.today(), signing.date) if signing is not None else dt.date.today()


def _new_record(county: County, year: int, scored: Scored, target: Path) -> tuple[CommentedMap, str]:
    data = CommentedMap()
    agreement = f"XY-{year}-{scored.community}"
    for key, value in (("id", f"PG-{year}-{scored.community}"), ("year", year), ("township", scored.township),
                       ("community", scored.community), ("agreement", agreement),
                       ("date", _new_date(county, agreement)), ("panel", CommentedSeq()), ("performance", CommentedSeq()),
                       ("government", CommentedSeq())):
        data[key] = value
    data["status"] = "草稿"
    names = {e.record.id: e.record.name for e in county.entries(COMMUNITY)}
    head = (schema_modeline(county.root, EVALUATION.schema, target)
            + f"# {names.get(scored.community, scored.community)}{year}年度履职履约双向评估\n")
    return data, head


def _result(data: CommentedMap, county: County, scored: Scored, changed: bool) -> tuple[bool, str | None]:
    """Validate the record and fill in its result when every score is there; (changed, problem)."""
    try:
        evaluation = Evaluation.model_validate(dict(data))
    except ValidationError as exc:
        first = schema_findings(exc, Evaluation, "")[0]
        return changed, f"{scored.community}: 生成的评估记录无效：{first.message}"
    if not _complete(scored):
        return (changed | _set(data, "result", None) if changed else changed), None
    target = county.index(AGREEMENT).get(evaluation.agreement)
    if target is None:
        return changed, f"{scored.community}: 评估记录所评的协议 {evaluation.agreement} 不存在，无法计算结果"
    terms = amended(county, target, as_of=evaluation.date)  # with the 补充协议 signed by the evaluation
    assert county.config is not None
    computed = compute(evaluation, county.config, agreed_funding(terms.agreement, terms.items))
    if not finite(computed):
        return changed, f"{scored.community}: 分数或 zsht.yaml 的兑现比例过大，结果无法计算（先运行 zsht validate）"
    return put_result(data, computed) or changed, None


def _read(county: County, path: Path, year: int | None, book: Workbook | None) -> tuple[Reading, set[str]]:
    """The workbook read and checked against the records; the committees refused as a whole."""
    return _check(county, book if book is not None else open_workbook(path), year)


def open_workbook(path: Path) -> Workbook:
    """A filled workbook, formulas as formulas; UserError (one line) when it is not a readable .xlsx file."""
    if not path.is_file():  # a FIFO would block the read for ever
        raise UserError(f"无法读取评分表 {path}：不是普通文件", hint="须是 zsht sheet export 导出的 .xlsx 文件")
    path.open("rb").close()  # cannot be read at all: an I/O error, worded by the command line's one handler
    try:
        with warnings.catch_warnings():  # openpyxl's warnings are English, and say nothing a user can act on
            warnings.simplefilter("ignore")
            # Formulas are read as formulas (not their cached values) so that they can be refused by cell.
            book = load_workbook(path)
    except Exception as exc:  # a damaged file makes openpyxl raise almost anything (zip, XML, keys, values)
        raise UserError(f"无法读取评分表 {path}：不是完好的 .xlsx 工作簿",
                        hint="须是 zsht sheet export 导出、用 Excel 或 WPS 保存的 .xlsx 文件；.xls 请另存为 .xlsx") from exc
    return book


def _check(county: County, book: Workbook, year: int | None) -> tuple[Reading, set[str]]:
    reading = Reading(year)
    roles = sheet_roles(county)
    fingerprints = None
    sheets = []
    for sheet in book.worksheets:
        if sheet.title == FINGERPRINT_SHEET:
            fingerprints = read_fingerprints(sheet)
        else:
            sheets.append((sheet, read_meta(sheet, county, reading, roles.get(sheet.title))))
    for sheet, township in sheets:
        if township is not None and reading.year is not None:
            reader = read_government if roles[sheet.title][1] else read_items
            reader(sheet, county, reading, township)
    refused = Guard(county, reading, fingerprints).check() if reading.year is not None else set()
    return reading, refused


def _updated(county: County, year: int, scored: Scored, relpath: str | None, target: Path) -> bytes | str | None:
    """One committee's evaluation file with the sheet's scores: its new bytes, None when nothing changes,
    or a problem (a line for the user)."""
    source = county.files.get(relpath) if relpath else None
    if source is not None and isinstance(source.data, dict):
        # Try the sheet on the data already loaded; only a record that changes is parsed again to be edited
        # in place (round-trip parsing is slow: re-reading an untouched province would take an hour).
        probe = _commented(source.data)
        changed, problem = _result(probe, county, scored, _apply(probe, scored))
        if problem or not changed:
            return problem
        status = source.data.get("status")
        if status in FINAL_STATUSES:  # frozen once finalized, as a signed agreement is (zsht audit, ZS801)
            return (f"{relpath}: {scored.community} 的评估已是“{status}”，不再改动；评分表改了它的分数或结果，"
                    "不能导入（重新导出评分表，只改草稿评估的分数）")
    text = target.read_text(encoding="utf-8-sig") if relpath else None
    yaml, loaded = round_trip(text)
    data, head = (loaded, "") if loaded is not None else _new_record(county, year, scored, target)
    changed, problem = _result(data, county, scored, _apply(data, scored) or text is None)
    if problem or not changed:
        return problem
    return dumped(yaml, data, head)


def import_sheets(county: County, path: Path, year: int | None = None, book: Workbook | None = None) -> ImportOutcome:
    """Read the whole workbook (`book`, when it is open already); write every evaluation it changes, or nothing
    when any cell is wrong."""
    settings(county, "无法导入评分表")
    reading, refused = _read(county, path, year, book)
    outcome = ImportOutcome(problems=reading.problems)
    assert reading.year is not None or outcome.problems
    pending: list[tuple[Path, bytes]] = []
    existing = {(e.record.year, e.record.community): e.file for e in county.entries(EVALUATION)}
    for community, scored in sorted(reading.communities.items()):
        relpath = existing.get((reading.year or 0, community))
        target = county.root / (relpath or EVALUATION.path(reading.year, scored.township, community))
        flagged = any(ref in reading.flagged for ref in scored.cells.values())  # its cells are refused already
        if community in refused or flagged or (relpath is None and not scored.any_score):
            continue
        if relpath is None and (target.exists() or target.is_symlink()):
            outcome.problems.append(f"{target.relative_to(county.root)}: 文件已存在，却不是一个读得出的评估记录，"
                                    "导入不会改写它（先运行 zsht validate）")
            continue
        if scored.unscored:
            outcome.problems.extend(f"{ref}: {community} 的履职指标“{criterion}”未评分；履职各项填全后才能导入"
                                    for ref, criterion in scored.unscored)
            continue
        content = _updated(county, reading.year or 0, scored, relpath, target)
        if isinstance(content, str):
            outcome.problems.append(content)
        elif content is None:
            outcome.unchanged.append(str(target.relative_to(county.root)))
        else:
            pending.append((target, content))
    contents = {target.relative_to(county.root).as_posix(): data for target, data in pending}
    if not outcome.problems:
        # The evaluation rules only, and only new errors: an import may well put right what was wrong (ZS608).
        outcome.problems.extend(frozen_changes(county, contents))  # signed, finalized, published
        outcome.problems.extend(errors_if_written(county, contents, (evaluations,), new_only=True))
    if outcome.problems:
        return outcome
    # All or nothing even if the process is killed: staged and journaled like sign and draft.
    outcome.written = [str(Path(relpath)) for relpath in write_all(county.root, contents)]
    return outcome
