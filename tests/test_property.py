"""Property: whatever value of whatever YAML type sits in whatever field of whatever record, zsht answers with
findings or a one-line error (exit 0, 1 or 2), never a traceback or an internal error, and every file it
writes reads back.

The mini county is the seed: one field of one of its files is replaced (or removed, or a key added), the
file is written as YAML, and `validate` runs; on some examples `render agreement` and `score -o` too.
Reproducible by default (derandomized); ZSHT_FUZZ_EXAMPLES=2000 runs a longer search.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zsht.layout import KINDS, kind_of

from .conftest import Cli
from .mini_county import MiniCounty, county_files

EXAMPLES = int(os.environ.get("ZSHT_FUZZ_EXAMPLES", "0") or 0)
FUZZ = settings(max_examples=EXAMPLES or 120, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@dataclass(frozen=True)
class Raw:
    """A scalar written as it is, unquoted where YAML allows: how a person types `2015-02-30` or `1e+300`."""

    text: str


@dataclass(frozen=True)
class Tagged:
    """A scalar written with an explicit tag, as `!!int abc`."""

    tag: str
    text: str


def _dumper() -> type[yaml.SafeDumper]:
    class Dumper(yaml.SafeDumper):
        pass

    def raw(dumper: yaml.SafeDumper, value: Raw) -> yaml.Node:
        # The tag the text resolves to makes the emitter write it plain, so the reader sees what a person typed.
        tag = dumper.resolve(yaml.ScalarNode, value.text, (True, False))  # type: ignore[no-untyped-call]
        return dumper.represent_scalar(tag, value.text)

    def tagged(dumper: yaml.SafeDumper, value: Tagged) -> yaml.Node:
        return dumper.represent_scalar(f"tag:yaml.org,2002:{value.tag}", value.text)

    Dumper.add_representer(Raw, raw)
    Dumper.add_representer(Tagged, tagged)
    return Dumper


DUMPER = _dumper()
RAW_TEXTS = ["2015-02-30", "2015-13-06", "0000-01-01", "2015-04-31", "2015-03-06T25:61:00", "9999-12-31",
             "2015-03-10 08:30:00", "2015-03-10T00:00:00Z", "1e+300", "-1e+300", "1e-300", ".nan", ".inf", "-.inf",
             "9" * 5000, "0x1F", "0o17", "1_000", "1:20", "~", "yes", "off", "1.0e+400", "-0", "0.1"]


def scalar_values(seeds: list[Any]) -> st.SearchStrategy[Any]:
    """Every YAML scalar type, odd ones weighted in, plus values taken from the county itself."""
    return st.one_of(
        st.none(), st.booleans(),
        st.integers(), st.integers(min_value=-(10**40), max_value=10**40), st.just(10**4000),
        st.floats(), st.sampled_from([1e300, -1e300, 1e-300, 0.1 + 0.2, 33.333333333333336]),
        st.text(max_size=20), st.text(st.characters(max_codepoint=0x9F), max_size=8),
        st.sampled_from(["\0", "a\x01b", "\ufffe", "\x85", "\u2028", "已签订", "已公示", "草稿", "XZ-001",
                         "niushan", "niushan-xinhua", "p1", "ZF-01", "优秀", " ", ""]),
        st.dates(), st.datetimes(),
        st.sampled_from(RAW_TEXTS).map(Raw),
        st.sampled_from([("int", "abc"), ("float", "abc"), ("timestamp", "abc"), ("bool", "maybe"),
                         ("int", "1"), ("str", "1"), ("binary", "####")]).map(lambda pair: Tagged(*pair)),
        st.sampled_from(seeds),
    )


def yaml_values(seeds: list[Any]) -> st.SearchStrategy[Any]:
    """Scalars, lists and mappings of them, nested."""
    keys = st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.none(), st.dates(),
                     st.sampled_from(["id", "name", "p1", "优秀", "date", "items"]))
    return st.recursive(
        scalar_values(seeds),
        lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
        max_leaves=8,
    )


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a file's data: the document, each mapping value and each list element."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, (*prefix, index))


def leaves(data: Any) -> Iterator[Any]:
    if isinstance(data, dict):
        for value in data.values():
            yield from leaves(value)
    elif isinstance(data, list):
        for value in data:
            yield from leaves(value)
    else:
        yield data


def changed(data: Any, path: tuple[Any, ...], action: str, value: Any) -> Any:
    """A copy of `data` with `value` set at `path`, the key removed, or `value` added under a new key."""
    if not path:
        return value if action != "add" or not isinstance(data, dict) else {**data, "extra_key": value}
    head, *rest = path
    copy: Any = dict(data) if isinstance(data, dict) else list(data)
    if rest:
        copy[head] = changed(copy[head], tuple(rest), action, value)
    elif action == "delete":
        del copy[head]
    elif action == "add" and isinstance(copy[head], dict):
        copy[head] = {**copy[head], "extra_key": value}
    else:
        copy[head] = value
    return copy


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The mini county on disk (results settled), and each of its files' data."""
    county = MiniCounty(tmp_path_factory.mktemp("seed") / "county")
    files = {relpath: yaml.safe_load((county.root / relpath).read_text(encoding="utf-8")) for relpath in county.files}
    return county.root, files


def assert_answered(result: Any, what: str) -> None:
    output = result.output
    assert result.exit_code in (0, 1, 2), f"{what}: exit {result.exit_code}\n{output}"
    assert "内部错误" not in output and "Traceback" not in output, f"{what}:\n{output}"
    assert result.exception is None or isinstance(result.exception, SystemExit), f"{what}: {result.exception!r}"


def assert_documents_read_back(folder: Path) -> None:
    for document in folder.rglob("*.docx"):
        with zipfile.ZipFile(document) as package:
            for part in package.namelist():
                if part.endswith((".xml", ".rels")):
                    ElementTree.fromstring(package.read(part))  # raises on XML that is not well-formed


def _check(cli: Cli, seed: tuple[Path, dict[str, Any]], relpath: str, path: tuple[Any, ...], action: str,
           value: Any, more: bool) -> None:
    root, files = seed
    with tempfile.TemporaryDirectory() as tmp:
        county = Path(tmp) / "county"
        shutil.copytree(root, county)
        text = yaml.dump(changed(files[relpath], path, action, value), Dumper=DUMPER, allow_unicode=True,
                         sort_keys=False)
        (county / relpath).write_text(text, encoding="utf-8")
        assert_answered(cli("-C", county, "validate", "--format", "json"), f"validate {relpath} {path}")
        if not more:
            return
        out = Path(tmp) / "out"
        assert_answered(cli("-C", county, "render", "agreement", "--community", "niushan-xinhua", "-o", out, "-j", "1"),
                        "render")
        assert_documents_read_back(out)
        workbook = Path(tmp) / "scores.xlsx"
        assert_answered(cli("-C", county, "score", "--year", "2015", "-o", workbook), "score")
        if workbook.exists():
            openpyxl.load_workbook(workbook).close()


@st.composite
def edits(draw: st.DrawFn, files: dict[str, Any]) -> tuple[str, tuple[Any, ...], str, Any, bool]:
    relpath = draw(st.sampled_from(sorted(files)))
    path = draw(st.sampled_from(list(paths(files[relpath]))))
    action = draw(st.sampled_from(["set", "set", "set", "delete", "add"] if path else ["set", "add"]))
    seeds = [leaf for leaf in leaves(files[relpath]) if leaf is not None] or [0]
    value = draw(yaml_values(seeds))
    return relpath, path, action, value, draw(st.integers(0, 5)) == 0


def test_any_value_in_any_field_is_answered(cli: Cli, seed: tuple[Path, dict[str, Any]]) -> None:
    @FUZZ
    @given(st.data())
    def run(data: st.DataObject) -> None:
        relpath, path, action, value, more = data.draw(edits(seed[1]))
        _check(cli, seed, relpath, path, action, value, more)

    run()


def test_the_seed_has_a_file_of_every_kind() -> None:
    """So that the property above reaches every model's fields."""
    seeded = {kind.name for kind in map(kind_of, county_files()) if kind is not None}
    assert seeded == {kind.name for kind in KINDS}


def test_raw_scalars_reach_the_reader_unquoted() -> None:
    """The dumper writes a Raw value as typed, so the loader's own handling of it is what is tested."""
    text = yaml.dump({"date": Raw("2015-02-30"), "copies": Tagged("int", "abc"), "day": dt.date(2015, 3, 1)},
                     Dumper=DUMPER)
    assert "date: 2015-02-30\n" in text and "!!int" in text
