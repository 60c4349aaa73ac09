"""Schema messages a person can act on: in Chinese whatever the bad value, naming the record they are about."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any, get_args

import pytest
from pydantic import BaseModel, ValidationError, field_validator
from pydantic_core.core_schema import ErrorType

from zsht.layout import kind_of
from zsht.load.schema_errors import schema_findings

from ..mini_county import MiniCounty, county_files

ENGLISH = re.compile(r"[A-Za-z]{3,} [a-z]{2,} [a-z]{2,}|\b(?:or|should|Input|error)\b")
BAD_VALUES: list[Any] = [
    "abc", "", "２０１５", "2015-02-30", "2015-13-06", "0000-01-01", "2015-03-06T25:61:00", "x" * 500,
    True, -1, 0, 1.5, 1.234, 1e300, float("inf"), float("-inf"), float("nan"), 10**30, 10**5000,
    None, [], [1], ["a", ["b"]], {}, {"a": 1}, {"id": "XZ-001"}, dt.date(2015, 1, 1), dt.datetime(2015, 1, 1, 9, 30),
]


def _paths(data: Any, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every key and list position inside a record, containers included."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for position, value in enumerate(data[:2]):
            yield (*prefix, position)
            yield from _paths(value, (*prefix, position))


def _replaced(data: Any, path: tuple[str | int, ...], value: Any) -> Any:
    changed = copy.deepcopy(data)
    node = changed
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return changed


def _messages(model: type[BaseModel], data: Any, relpath: str) -> list[str]:
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return [text for f in schema_findings(exc, model, relpath) for text in (f.message, f.hint or "")]
    return []


def test_no_pydantic_english_for_any_bad_value_in_any_field() -> None:
    checked = 0
    for relpath, data in county_files().items():
        kind = kind_of(relpath)
        assert kind is not None
        for path in _paths(data):
            for value in BAD_VALUES:
                bad = _replaced(data, path, value)
                for text in _messages(kind.model, bad, relpath):
                    checked += 1
                    assert not ENGLISH.search(text), (relpath, path, value, text)
        for value in BAD_VALUES:  # the whole record replaced
            for text in _messages(kind.model, value, relpath):
                assert not ENGLISH.search(text), (relpath, value, text)
    assert checked > 1000


def test_every_reachable_number_and_date_error_has_its_own_text() -> None:
    from zsht.load.schema_errors import MESSAGES

    reachable = ("missing", "int_parsing", "int_parsing_size", "int_from_float", "decimal_parsing", "finite_number",
                 "decimal_max_digits", "decimal_max_places", "greater_than", "greater_than_equal", "less_than_equal",
                 "string_too_long", "too_short", "date_from_datetime_parsing", "date_from_datetime_inexact",
                 "list_type", "dict_type", "model_type", "bool_parsing", "literal_error", "value_error")
    assert [kind for kind in reachable if kind not in MESSAGES and kind != "missing"] == []


def test_a_validators_own_message_without_pydantics_prefix() -> None:
    class Checked(BaseModel):
        name: str

        @field_validator("name")
        @classmethod
        def _no_colon(cls, value: str) -> str:
            if ":" in value:
                raise ValueError("名称不能含冒号")
            return value

    with pytest.raises(ValidationError) as caught:
        Checked.model_validate({"name": "a:b"})
    [found] = schema_findings(caught.value, Checked, "x.yaml")
    assert found.message == "“name”：名称不能含冒号"


def test_a_non_finite_number_is_said_in_chinese(mini: MiniCounty, cli: Any) -> None:
    evaluation = "evaluations/2015/niushan/niushan-xinhua.yaml"
    mini.edit(evaluation, lambda d: d["government"][0].update(score=float("inf")))
    [found] = [f for f in cli.findings(mini.root) if f["file"] == evaluation]
    assert found["message"] == "ZF-01 的“score”应为有限的数字，现为“.inf”"
    assert found["hint"] and "Input" not in found["hint"]


@pytest.mark.parametrize(("relpath", "change", "message", "line_starts"), [
    ("catalogs/duty/2015.yaml", lambda d: d["items"][0].pop("basis"), "LZ-001 缺少 basis（法律依据）", "- id: LZ-001"),
    ("catalogs/assist/2015.yaml", lambda d: d["items"][2]["funding"].pop("amount"),
     "XZ-003 缺少 funding.amount（经费金额）", "funding:"),
    ("registry/communities/niushan.yaml", lambda d: d["communities"][1].pop("name"),
     "niushan-qianjin 缺少 name（全称）", "- id: niushan-qianjin"),
    ("agreements/2015/niushan/niushan-xinhua.yaml", lambda d: d.pop("community"),
     "缺少必填字段“community”（乙方村（居）委会编号）", "id:"),
])
def test_a_missing_field_names_the_record(relpath: str, change: Any, message: str, line_starts: str,
                                          mini: MiniCounty, cli: Any) -> None:
    mini.edit(relpath, change)
    [found] = [f for f in cli.findings(mini.root) if f["rule"] == "ZS103"]
    assert found["message"] == message and found["file"] == relpath
    line = (mini.root / relpath).read_text(encoding="utf-8").splitlines()[found["line"] - 1]
    assert line.lstrip().startswith(line_starts), line  # the line is still the path's


def test_an_item_named_by_its_id_in_a_wrong_value(mini: MiniCounty, cli: Any) -> None:
    mini.edit("catalogs/assist/2015.yaml", lambda d: d["items"][1]["funding"].update(amount="两千"))
    [found] = [f for f in cli.findings(mini.root) if f["file"] == "catalogs/assist/2015.yaml"]
    assert found["message"] == "XZ-002 的“funding.amount”应为数字，现为“两千”"


def test_choices_are_listed_in_chinese(mini: MiniCounty, cli: Any) -> None:
    mini.edit("agreements/2015/niushan/niushan-xinhua.yaml", lambda d: d.update(status="已完成"))
    [found] = cli.findings(mini.root)
    assert found["hint"] == "可选：草稿、已签订"


# Context each error type of pydantic may require, so that every type can be raised below.
_CONTEXT = {"gt": 1, "ge": 1, "lt": 1, "le": 1, "multiple_of": 2, "min_length": 1, "max_length": 2, "actual_length": 3,
            "field_type": "List", "pattern": "^x$", "expected": "'a' or 'b'", "error": "坏", "decimal_places": 2,
            "max_digits": 3, "whole_digits": 1, "tag": "t", "discriminator": "d", "expected_tags": "a",
            "expected_schemes": "'http'", "expected_version": 4, "class_name": "X", "class": "X", "attribute": "x",
            "reason": "r", "method_name": "m", "encoding": "utf-8", "encoding_error": "坏", "tz_expected": 0, "tz_actual": 1,
            "expected_variants": "a", "input_type": "str"}


@pytest.mark.parametrize("kind", get_args(ErrorType))
def test_every_pydantic_error_type_is_said_in_chinese(kind: str) -> None:
    class Model(BaseModel):
        field: int = 0

    try:
        error = ValidationError.from_exception_data("Model", [{"type": kind, "loc": ("field",), "input": "x"}])
    except (KeyError, TypeError):  # this type needs its context
        error = ValidationError.from_exception_data(
            "Model", [{"type": kind, "loc": ("field",), "input": "x", "ctx": _CONTEXT}])  # type: ignore[typeddict-item]
    [found] = schema_findings(error, Model, "x.yaml")
    assert not ENGLISH.search(f"{found.message} {found.hint or ''}"), found
