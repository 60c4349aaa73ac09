"""Short names and aliases name one record: a law's `short_names`, a department's `aliases` (ZS901).

`zsht import catalog` maps “《村委会组织法》” and “县残联” through them; a short name that also names another
law or department (by its name or its own short name) would send every citation of it to whichever was
registered first, silently.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..imports.names import department_key, law_keys, normalized
from ..layout import DEPARTMENT, LAW
from ..load.county import County
from .base import at, check


@check
def law_short_names_name_one_law(county: County) -> Iterator[Finding]:
    """ZS901: a law's short name that also names another law."""
    laws = county.entries(LAW)
    owners: dict[str, set[str]] = {}
    for entry in laws:
        for key in law_keys(entry.record.name, entry.record.short_names):
            owners.setdefault(key, set()).add(entry.record.id)
    for entry in laws:
        for index, short in enumerate(entry.record.short_names):
            others = sorted(owners.get(normalized(short), set()) - {entry.record.id})
            if others:
                yield at(entry, "ZS901", f"法律简称“{short}”也指 {'、'.join(others)}，导入清单时无法区分",
                         "short_names", index, hint="删去这个简称，或改成只指一部法律的写法")


@check
def department_aliases_name_one_department(county: County) -> Iterator[Finding]:
    """ZS901: a department's alias that also names another department."""
    county_name = county.config.county if county.config is not None else ""
    departments = county.entries(DEPARTMENT)
    named: dict[str, set[str]] = {}
    for department in departments:
        for name in (department.record.name, *department.record.aliases):
            named.setdefault(department_key(name, county_name), set()).add(department.record.id)
    for department in departments:
        for index, alias in enumerate(department.record.aliases):
            others = sorted(named.get(department_key(alias, county_name), set()) - {department.record.id})
            if others:
                yield at(department, "ZS901", f"部门简称“{alias}”也指 {'、'.join(others)}，导入清单时无法区分",
                         "aliases", index, hint="删去这个简称，或改成只指一个部门的写法")
