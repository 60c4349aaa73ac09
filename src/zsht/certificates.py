"""证明事项: the national first batch zsht ships, how certificate names are compared, and a county's starting list.

The batch (民发〔2020〕20号, 20 certificates committees must not issue) is data in `zsht/data/`, read with
importlib.resources so it is found in a wheel as in a checkout; the rules and `zsht baseline certificates` read it
from here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import UserError
from .layout import CERTIFICATE_CATALOG
from .load.county import County, Entry
from .lock import county_write_lock
from .models import CertificateCatalog
from .policy import normalized, version_in_force
from .write import existing_file, write_atomic

NATIONAL_FILE = "certificates-2020.json"  # JSON: validate reads it, and must not pay for a YAML parser


@dataclass(frozen=True)
class NationalBatch:
    """A national list of certificates committees must not issue, as the issuing document names them."""

    document: str  # 民发〔2020〕20号
    title: str  # the document's title
    list_title: str  # the list's own title: 不应由基层群众性自治组织出具证明事项清单（第一批）
    published: dt.date
    names: tuple[str, ...]

    def position(self, name: str) -> int | None:
        """The 1-based number of a certificate in the batch, matched by `certificate_key`, or None."""
        keys = [certificate_key(n) for n in self.names]
        key = certificate_key(name)
        return keys.index(key) + 1 if key in keys else None


class BaselineRefused(UserError):
    """The file `zsht baseline` would write is already there: nothing written."""

    exit_code = 1


def certificate_key(name: str) -> str:
    """A certificate's name as compared across lists: no spaces or punctuation, no trailing 证明
    (a county's “出生证明” and the batch's “出生” name the same certificate)."""
    key = normalized(name)
    return key[:-2] if key.endswith("证明") and len(key) > 2 else key


@cache
def national_batch() -> NationalBatch:
    """The national first batch shipped with zsht (read once)."""
    text = resources.files("zsht").joinpath("data", NATIONAL_FILE).read_text(encoding="utf-8")
    data: Any = json.loads(text)
    return NationalBatch(str(data["document"]), str(data["title"]), str(data["list"]),
                         dt.date.fromisoformat(data["published"]),
                         tuple(str(name) for name in data["certificates"]))


def certificate_list_in_force(county: County, year: int) -> Entry[CertificateCatalog] | None:
    """The county's certificate list version in force in `year`: the latest one starting by then."""
    return version_in_force(county.entries(CERTIFICATE_CATALOG), year)


def cancelled_names(county: County, year: int) -> dict[str, str]:
    """The certificates the list in force in `year` cancels: `certificate_key` → “ZM-001 名称”."""
    catalog = certificate_list_in_force(county, year)
    if catalog is None:
        return {}
    return {certificate_key(item.name): f"{item.id}“{item.name}”" for item in catalog.record.items
            if item.status == "取消"}


def starting_list(year: int, county_name: str = "", head: str = "") -> bytes:
    """A certificate list for `year` that starts from the national batch: every certificate of it 取消, with the
    document named in its note; the county adds its retained ones and runs the stages. Written by the dumper."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq  # only writers pay for ruamel

    from .roundtrip import dumped, round_trip

    batch = national_batch()
    yaml, _ = round_trip(None)
    items = CommentedSeq()
    for number, name in enumerate(batch.names, start=1):
        items.append(CommentedMap([
            ("id", f"ZM-{number:03d}"), ("name", name), ("status", "取消"),
            ("note", f"{batch.document}《{batch.list_title}》第 {number} 项"),
        ]))
    catalog = CommentedMap([("title", f"{county_name}村（居）民委员会出具证明事项清单"), ("year", year),
                            ("stages", CommentedSeq()), ("items", items)])
    return dumped(yaml, catalog, head)


def write_starting_list(root: Path, relpath: str, year: int, county_name: str) -> Path:
    """Write `starting_list` to `relpath` of the county at `root`; refuse (BaselineRefused) a file already there
    or a path that is not a certificate list of the county."""
    if not CERTIFICATE_CATALOG.matches(relpath.replace("\\", "/")):
        raise UserError(f"{relpath} 不是证明事项清单的位置", hint=f"写到 {CERTIFICATE_CATALOG.path(year)}")
    target = root / relpath
    with county_write_lock(root):
        if existing_file(target) is not None:
            raise BaselineRefused(f"{relpath} 已存在，未改动", hint="换一个年度的文件名，或先移走原文件")
        from .roundtrip import schema_modeline

        head = schema_modeline(root, CERTIFICATE_CATALOG.schema, target)
        write_atomic(target, starting_list(year, county_name, head))
    return target
