"""The batch runner with real worker processes (the mini county is too small to start a pool by itself)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from zsht.errors import UserError
from zsht.render.agreements import plan_agreements
from zsht.render.batch import run_plan
from zsht.render.plan import Plan
from zsht.validate import validate

from ..mini_county import MiniCounty


def many(mini: MiniCounty, copies: int = 8) -> Plan:
    checked = validate(mini.root)
    plan = plan_agreements(checked.county, checked.findings, 2015)
    jobs = [dataclasses.replace(job, output=f"{n}/{job.output}") for n in range(copies) for job in plan.jobs]
    return Plan(jobs=jobs)


def test_two_workers_write_what_one_writes(mini: MiniCounty, tmp_path: Path) -> None:
    plan = many(mini)
    seen: list[int] = []
    parallel = run_plan(plan, mini.root, tmp_path / "two", jobs=2, advance=seen.append)
    serial = run_plan(plan, mini.root, tmp_path / "one", jobs=1)
    assert parallel.count("rendered") == len(plan.jobs) == 24 and sum(seen) == 24
    assert [o.job.output for o in parallel.outcomes] == sorted(o.job.output for o in serial.outcomes)
    for outcome in serial.outcomes:
        assert (tmp_path / "two" / outcome.job.output).read_bytes() == (tmp_path / "one" / outcome.job.output).read_bytes()
    again = run_plan(plan, mini.root, tmp_path / "two", jobs=2)
    assert again.count("unchanged") == 24


def test_template_error_in_a_worker_stops_the_batch(mini: MiniCounty, tmp_path: Path) -> None:
    (mini.root / "templates").mkdir()
    (mini.root / "templates" / "agreement.xml.j2").write_text("{{ p(agreement.nope) }}\n", encoding="utf-8")
    with pytest.raises(UserError, match="agreement.xml.j2 第 1 行"):
        run_plan(many(mini), mini.root, tmp_path, jobs=2)
    assert not list(tmp_path.rglob("*.docx"))
