"""证明事项清单: a retained certificate rests on law and says how it is issued; a cancelled one is asked of no one."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from ..certificates import cancelled_names, certificate_key, national_batch
from ..findings import Finding
from ..layout import AGREEMENT, ASSIST_CATALOG, CERTIFICATE_CATALOG, CERTIFICATE_ITEM, LAW
from ..load.county import County
from ..models import AgreementItem, AssistItem, FormFile
from ..policy import normalized
from .base import at, check

# 法律法规: the levels the 2020 guidance accepts as a basis for a committee's certificate (规章 and 文件 do not).
LAW_LEVELS = ("法律", "行政法规", "地方性法规")
# The text of assist items and agreement clauses that may ask a committee for a certificate.
ASSIST_TEXTS = ("name", "requirements", "evaluation", "guidance")
CLAUSE_TEXTS = ("targets", "evaluation", "conditions")


@check
def retained_certificates(county: County) -> Iterator[Finding]:
    """ZS320/ZS321/ZS325: a retained certificate names its basis in law, its use, procedure and form; one of the
    national first batch is retained only on a law or regulation."""
    batch = national_batch()
    levels = {entry.record.id: entry.record.level for entry in county.entries(LAW)}
    for entry in county.entries(CERTIFICATE_ITEM):
        item = entry.record
        if item.status != "保留":
            continue
        number = batch.position(item.name)
        if number is not None:
            # a basis the register does not hold is ZS204's finding; judged here, it would only echo it
            unknown = any(basis.law not in levels for basis in item.basis)
            if not unknown and not any(levels[basis.law] in LAW_LEVELS for basis in item.basis):
                yield at(entry, "ZS321", f"{item.id}“{item.name}”是{batch.document}《{batch.list_title}》第 {number} 项，"
                         "不应由村（居）委会出具；保留须有法律法规作设定依据", "basis",
                         hint="在 basis 中写明设定该证明的法律、行政法规或地方性法规，否则改为 取消")
                continue
        if not item.basis:
            yield at(entry, "ZS320", f"保留的证明事项 {item.id}“{item.name}”没有设定依据", "status",
                     hint="在 basis 中写明法律法规及条款，没有依据的改为 取消")
        missing = [label for label, value in (("办理用途（purpose）", item.purpose), ("办理流程（procedure）", item.procedure),
                                              ("证明式样（form）", item.form)) if value is None]
        if missing:
            yield at(entry, "ZS325", f"保留的证明事项 {item.id}“{item.name}”缺少{'、'.join(missing)}", "status",
                     hint="保留的证明须列明用途、流程和式样，以办事指南的形式公开")


@check
def certificate_names(county: County) -> Iterator[Finding]:
    """ZS322: a certificate is listed once per list version (names compared without 证明, spaces, punctuation)."""
    for catalog in county.entries(CERTIFICATE_CATALOG):
        seen: dict[str, str] = {}
        for position, item in enumerate(catalog.record.items):
            key = certificate_key(item.name)
            if key in seen:
                yield at(catalog, "ZS322", f"证明事项 {item.id}“{item.name}”与 {seen[key]} 重名", "items", position, "name",
                         hint="合并为一项，或把名称写得能区分")
            else:
                seen[key] = item.id


@check
def form_files(county: County) -> Iterator[Finding]:
    """ZS324: a form kept as a file names a file inside the county repository that exists."""
    root = county.root.resolve()
    for entry in county.entries(CERTIFICATE_ITEM):
        form = entry.record.form
        if isinstance(form, FormFile) and not _inside(root, form.file):
            yield at(entry, "ZS324", f"{entry.record.id} 的证明式样文件 {form.file} 不存在或不在仓库内", "form", "file",
                     hint="把式样文件放进仓库（如 forms/），file 写相对于仓库根目录的路径")


def _inside(root: Path, relpath: str) -> bool:
    target = (root / relpath).resolve()
    return target.is_relative_to(root) and target.is_file()


@check
def cancelled_certificates_asked(county: County) -> Iterator[Finding]:
    """ZS323: no assist item or agreement clause asks a committee for a certificate its list has cancelled."""
    for catalog in county.entries(ASSIST_CATALOG):
        cancelled = cancelled_names(county, catalog.record.year)
        for position, item, field, found in _asking(catalog.record.items, ASSIST_TEXTS, cancelled):
            yield at(catalog, "ZS323", f"协助事项 {item.id}“{item.name}”要求村（居）委会出具已取消的证明 {found}",
                     "items", position, field, hint=_HINT)
    for agreement in county.entries(AGREEMENT):
        cancelled = cancelled_names(county, agreement.record.year)
        for position, clause, field, found in _asking(agreement.record.items, CLAUSE_TEXTS, cancelled):
            yield at(agreement, "ZS323", f"协议事项 {clause.id} 的条款要求村（居）委会出具已取消的证明 {found}",
                     "items", position, field, hint=_HINT)


_HINT = "取消的证明改由部门核查或申请人告知承诺，从事项中删去出具该证明的要求"
T = TypeVar("T", AssistItem, AgreementItem)


def _asking(items: Sequence[T], fields: Sequence[str], cancelled: dict[str, str]) -> Iterator[tuple[int, T, str, str]]:
    """(position, item, field, certificate) for each item whose text asks for a cancelled certificate: the first
    such field of each."""
    for position, item in enumerate(items):
        for field in fields:
            found = _asked(getattr(item, field), cancelled)
            if found:
                yield position, item, field, found
                break


def _asked(text: str | None, cancelled: dict[str, str]) -> str | None:
    """The cancelled certificate a text asks for: its name followed by 证明 (“出具婚姻状况证明”), or None.
    The name alone is not enough: “出生人口登记” asks for no certificate."""
    if not text or not cancelled:
        return None
    plain = normalized(text)
    return next((shown for key, shown in cancelled.items() if f"{key}证明" in plain), None)

