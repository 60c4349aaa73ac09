"""The kind descriptions (zsht.layout) agree with the models they describe: each fact is stated once, and
where a model states it too (an id's pattern, a list's item type, the statuses), the two cannot drift."""

from __future__ import annotations

import re
import typing

import pytest

from zsht.layout import (
    AGREEMENT,
    ASSIST_ITEM,
    COMMUNITY_FILE,
    EVALUATION,
    KIND_BY_NAME,
    KINDS,
    LAW,
    NOTICE,
    RECORD_KIND_BY_NAME,
    RECORD_KINDS,
    FileKind,
    RecordKind,
    file_kind_of,
    kind_of,
)
from zsht.models.common import ID_FORMATS


def _id_pattern(kind: RecordKind[typing.Any]) -> str | None:
    properties = kind.model.model_json_schema().get("properties", {})
    return properties.get("id", {}).get("pattern")


@pytest.mark.parametrize("kind", RECORD_KINDS, ids=lambda k: k.name)
def test_an_id_format_is_the_models_id_pattern(kind: RecordKind[typing.Any]) -> None:
    pattern = _id_pattern(kind)
    if pattern is None:  # no id of its own (settings, a registry file, a catalog version)
        assert kind.unique is None and (kind.id_format is None or kind is COMMUNITY_FILE)
    else:
        assert kind.id_format is not None and ID_FORMATS[kind.id_format][0] == pattern


@pytest.mark.parametrize("kind", [k for k in KINDS if k.records], ids=lambda k: k.name)
def test_a_list_file_holds_its_item_kind(kind: FileKind[typing.Any]) -> None:
    assert kind.records is not None and kind.items is not None
    assert kind.model.model_fields[kind.records].annotation == list[kind.items.model]
    assert file_kind_of(kind.items) is kind and file_kind_of(kind) is kind


def test_only_list_files_hold_items() -> None:
    assert all((kind.records is None) == (kind.items is None) for kind in KINDS)
    assert len(RECORD_KIND_BY_NAME) == len(RECORD_KINDS)  # no two kinds share a name


@pytest.mark.parametrize("kind", [k for k in RECORD_KINDS if k.final], ids=lambda k: k.name)
def test_a_final_status_is_one_the_model_allows_and_not_its_default(kind: RecordKind[typing.Any]) -> None:
    final = kind.final
    assert final is not None
    model = file_kind_of(kind).model if final.of_file else kind.model
    field = model.model_fields[final.field]
    if final.element is None:
        assert final.value in typing.get_args(field.annotation)
        assert field.default != final.value
    else:  # a list field (a catalog's stages) whose elements may have the value (a 发布 step); none by default
        [element] = typing.get_args(field.annotation)
        assert final.value in typing.get_args(element.model_fields[final.element].annotation)
        assert field.default_factory is not None and field.default_factory() == []


def test_what_freezes_a_record() -> None:
    assert {k.name: (k.final.field, k.final.value, k.final.rule, k.final.of_file)
            for k in RECORD_KINDS if k.final} == {
        "agreement": ("status", "已签订", "ZS801", False), "supplement": ("status", "已签订", "ZS801", False),
        "notice": ("status", "已发布", "ZS801", False), "evaluation": ("status", "已评定", "ZS801", False),
        **{name: ("stages", "发布", "ZS804", False) for name in ("duty", "assist", "negative", "certificate", "plaque")},
        **{name: ("stages", "发布", "ZS804", True) for name in ("duty_item", "assist_item", "negative_item",
                                                                   "certificate_item", "plaque_item")}}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_a_path_built_for_a_kind_is_of_that_kind(kind: FileKind[typing.Any]) -> None:
    parts = [f"p{n}" for n in range(kind.pattern.count("*"))]
    assert kind_of(kind.path(*parts)) is kind
    assert KIND_BY_NAME[kind.name] is kind
    assert kind.schema == f"{kind.name}.schema.json"


def test_paths_of_records() -> None:
    assert AGREEMENT.path(2015, "niushan", "niushan-xinhua") == "agreements/2015/niushan/niushan-xinhua.yaml"
    assert LAW.path("cunweihui-law") == "legal/cunweihui-law.yaml"
    with pytest.raises(ValueError, match="takes 3 parts"):
        AGREEMENT.path(2015, "niushan")


@pytest.mark.parametrize("kind", [AGREEMENT, EVALUATION], ids=lambda k: k.name)
def test_the_id_a_path_implies_has_the_kinds_format(kind: FileKind[typing.Any]) -> None:
    assert kind.path_id is not None and kind.id_format is not None
    assert re.match(ID_FORMATS[kind.id_format][0], f"{kind.path_id}-2015-niushan-xinhua-1")  # a supplement's stem ends in its number


def test_catalog_items_are_unique_per_catalog_version_and_the_rest_county_wide() -> None:
    per_file = {k.name for k in RECORD_KINDS if k.unique == "file"}
    assert per_file == {"duty_item", "assist_item", "negative_item", "certificate_item", "plaque_item"}
    assert all(file_kind_of(RECORD_KIND_BY_NAME[name]).versioned for name in per_file)
    assert {k.name for k in RECORD_KINDS if k.unique == "county"} == {
        "township", "community", "department", "social_org", "law", "access", "agreement", "supplement",
        "evaluation", "purchase", "notice"}
    assert ASSIST_ITEM.label == "协助事项" and NOTICE.label == "公示"
