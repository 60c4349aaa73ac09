"""province.sqlite: the province's records as tables analysts query with SQL, DuckDB or Datasette.

The tables and their columns are documented in docs/province.md (a test keeps the two alike). Money is stored
as NUMERIC (yuan), years as INTEGER; a county's rows carry its code."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

from .county import CountySummary
from .rollup import ProvinceFigures, funding_totals

TABLES = {
    "counties": ("code TEXT", "name TEXT", "path TEXT", "status TEXT", "errors INTEGER", "warnings INTEGER",
                 "problem TEXT", "year INTEGER", "townships INTEGER", "signed_townships INTEGER",
                 "evaluated_townships INTEGER", "communities INTEGER", "signed_communities INTEGER",
                 "evaluated_communities INTEGER", "items_per_community NUMERIC", "funding_agreed NUMERIC",
                 "funding_settled NUMERIC", "previous_year INTEGER", "previous_signed_communities INTEGER",
                 "previous_evaluated_communities INTEGER", "previous_items_per_community NUMERIC",
                 "previous_funding_agreed NUMERIC", "previous_funding_settled NUMERIC",
                 "certificates_retained INTEGER", "beyond_reference INTEGER"),
    "townships": ("county_code TEXT", "id TEXT", "name TEXT", "type TEXT", "code TEXT", "funding_agreed NUMERIC",
                  "funding_settled NUMERIC"),
    "communities": ("county_code TEXT", "township TEXT", "id TEXT", "name TEXT", "type TEXT", "code TEXT",
                    "agreement_status TEXT", "items INTEGER", "evaluation_status TEXT", "grade TEXT"),
    "agreements": ("county_code TEXT", "id TEXT", "year INTEGER", "township TEXT", "community TEXT", "status TEXT",
                   "items INTEGER", "funding_agreed NUMERIC", "supplements INTEGER"),
    "items": ("county_code TEXT", "agreement TEXT", "year INTEGER", "community TEXT", "item TEXT", "name TEXT",
              "department TEXT", "funding NUMERIC"),
    "evaluations": ("county_code TEXT", "id TEXT", "year INTEGER", "township TEXT", "community TEXT",
                    "agreement TEXT", "status TEXT", "performance NUMERIC", "grade TEXT", "settlement NUMERIC"),
    "department_funding": ("county_code TEXT", "year INTEGER", "department TEXT", "department_type TEXT",
                           "funding_agreed NUMERIC", "funding_settled NUMERIC"),
    "grades": ("county_code TEXT", "year INTEGER", "grade TEXT", "communities INTEGER"),
}


def _sql(value: object) -> object:
    return str(value) if isinstance(value, Decimal) else value


def _county(county: CountySummary, year: int) -> tuple[object, ...]:
    f = county.figures
    head = (county.code, county.name, county.path, county.status, county.errors, county.warnings, county.problem, year)
    if f is None:
        return head + (None,) * (len(TABLES["counties"]) - len(head))
    c, p = f.coverage, f.previous
    return head + (c.townships, c.signed_townships, c.evaluated_townships, c.communities, c.signed_communities,
                   c.evaluated_communities, f.burden()[0], *funding_totals(f), p.year if p else None,
                   p.coverage.signed_communities if p else None, p.coverage.evaluated_communities if p else None,
                   p.burden()[0] if p else None, *(funding_totals(p) if p else (None, None)),
                   f.lists.certificates[0] if f.lists.certificates else None, len(county.beyond_reference))


def _figure_rows(county: CountySummary) -> dict[str, list[tuple[object, ...]]]:
    rows: dict[str, list[tuple[object, ...]]] = {"department_funding": [], "grades": []}
    year = county.figures
    while year is not None:
        rows["department_funding"] += [(county.code, year.year, name, county.department_types.get(name, name), a, s)
                                       for name, (a, s) in year.departments.items()]
        rows["grades"] += [(county.code, year.year, grade, n) for grade, n in year.grades.items()]
        year = year.previous
    return rows


def province_database(province: ProvinceFigures) -> bytes:
    """The whole database, as the bytes of one SQLite file."""
    connection = sqlite3.connect(":memory:")
    try:
        for table, columns in TABLES.items():
            connection.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
        for county in province.counties:
            towns = county.figures.townships if county.figures else {}
            rows = dict(county.rows)
            rows["counties"] = [_county(county, province.year)]
            rows["townships"] = [(*row, *towns.get(str(row[2]), (None, None))) for row in county.rows.get("townships", [])]
            rows.update(_figure_rows(county))
            for table, values in rows.items():
                marks = ", ".join("?" * len(TABLES[table]))
                connection.executemany(f"INSERT INTO {table} VALUES ({marks})",  # noqa: S608 - our own table names
                                       ([_sql(v) for v in row] for row in values))
        connection.commit()
        return connection.serialize()
    finally:
        connection.close()
