"""The load cache: an unchanged file is neither parsed nor validated again, and the cache never changes a finding."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path
from typing import Any

import pytest

from zsht.load import reader
from zsht.load.cache import LoadCache

from ..conftest import EXAMPLE, zsht_then
from ..mini_county import MiniCounty

AGREEMENT = "agreements/2015/niushan/niushan-xinhua.yaml"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ZSHT_CACHE_DIR", str(folder))
    monkeypatch.delenv("ZSHT_NO_CACHE", raising=False)
    return folder


def _rules(cli: Any, root: Path) -> list[tuple[str, str, str]]:
    return [(f["file"], f["rule"], f["message"]) for f in cli.findings(root)]


def _parse_refused(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every YAML parse fail loudly, and note which files were parsed."""
    parsed: list[str] = []

    def parse(text: str, relpath: str) -> reader.Parsed:
        parsed.append(relpath)
        return real(text, relpath)

    real = reader.parse
    monkeypatch.setattr(reader, "parse", parse)
    return parsed


def test_an_unchanged_county_is_not_parsed_again(cli: Any, mini: MiniCounty, cache_dir: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    assert _rules(cli, mini.root) == []
    assert list(cache_dir.glob("county-*.pickle"))
    parsed = _parse_refused(monkeypatch)
    assert _rules(cli, mini.root) == []
    assert parsed == []


def test_a_changed_file_is_parsed_again_and_its_new_findings_shown(cli: Any, mini: MiniCounty, cache_dir: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    assert _rules(cli, mini.root) == []
    parsed = _parse_refused(monkeypatch)
    mini.edit(AGREEMENT, lambda a: a.update(community="nowhere"))
    assert (AGREEMENT, "ZS202") in {(f, r) for f, r, _ in _rules(cli, mini.root)}
    assert parsed == [AGREEMENT]
    mini.edit(AGREEMENT, lambda a: a.update(community="niushan-xinhua"))  # back to bytes the cache has seen
    assert _rules(cli, mini.root) == []


def test_a_file_with_findings_is_never_cached(cli: Any, mini: MiniCounty, cache_dir: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    mini.edit(AGREEMENT, lambda a: a.update(colour="红"))  # an unknown key: a finding, the record still loads
    first = _rules(cli, mini.root)
    assert [r for f, r, _ in first if f == AGREEMENT] == ["ZS101"]
    parsed = _parse_refused(monkeypatch)
    assert _rules(cli, mini.root) == first
    assert parsed == [AGREEMENT]


def _cache_file(root: Path) -> Path:
    path = LoadCache.open(root).path
    assert path is not None
    return path


@pytest.mark.parametrize("spoil", ["garbage", "truncated", "other zsht", "foreign code", "wrong shape"])
def test_a_spoilt_cache_is_ignored(cli: Any, mini: MiniCounty, cache_dir: Path, tmp_path: Path, spoil: str) -> None:
    mini.edit(AGREEMENT, lambda a: a.update(community="nowhere"))
    expected = _rules(cli, mini.root)
    assert expected
    path = _cache_file(mini.root)
    good = path.read_bytes()
    stamp = LoadCache.open(mini.root).stamp
    marker = tmp_path / "ran"
    content = {"garbage": b"\x00not a cache at all",
               "truncated": good[: len(good) // 2],
               "other zsht": b"zsht-load-cache 0\n" + good[len(stamp):],
               "foreign code": stamp + pickle.dumps(_Reduces(f"touch {marker}")),
               "wrong shape": stamp + pickle.dumps(["not", "a", "dict"])}[spoil]
    path.write_bytes(content)
    assert _rules(cli, mini.root) == expected
    assert not marker.exists()


def test_a_cache_of_another_user_is_not_believed(cli: Any, mini: MiniCounty, cache_dir: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    assert _rules(cli, mini.root) == []
    parsed = _parse_refused(monkeypatch)
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(_cache_file(mini.root)).st_uid + 1)
    assert _rules(cli, mini.root) == []
    assert AGREEMENT in parsed


class _Reduces:
    """An object whose unpickling would run a shell command: a cache must never be trusted that far."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return os.system, (self.command,)


def test_the_example_county_reports_the_same_with_and_without_the_cache(cli: Any, cache_dir: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZSHT_NO_CACHE", "1")
    uncached = cli("-C", EXAMPLE, "validate", "--format", "json")
    assert not cache_dir.exists()
    monkeypatch.delenv("ZSHT_NO_CACHE")
    cold = cli("-C", EXAMPLE, "validate", "--format", "json")
    warm = cli("-C", EXAMPLE, "validate", "--format", "json")
    assert list(cache_dir.glob("county-*.pickle"))
    assert json.loads(uncached.stdout) == json.loads(cold.stdout) == json.loads(warm.stdout)
    assert uncached.exit_code == cold.exit_code == warm.exit_code




def test_a_validate_the_cache_serves_whole_does_not_import_a_yaml_parser(mini: MiniCounty, cache_dir: Path,
                                                                        tmp_path: Path) -> None:
    """The pre-commit case: start-up is most of the time, and PyYAML's import alone is a tenth of it."""


    out = tmp_path / "loaded.json"

    def loaded() -> list[str]:
        asked = "result = sorted(name for name in ('yaml', 'ruamel') if name in sys.modules)"
        return list(zsht_then(asked, ["-C", mini.root, "validate"], out, ZSHT_CACHE_DIR=str(cache_dir)))

    assert loaded() == ["yaml"]  # the control: a cold cache parses every file
    assert loaded() == []
    mini.edit(AGREEMENT, lambda a: a.update(community="nowhere"))
    assert loaded() == ["yaml"]  # a changed file is parsed, and its finding placed


def test_a_run_that_changes_a_few_files_writes_only_the_small_cache_file(cli: Any, mini: MiniCounty, cache_dir: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    assert _rules(cli, mini.root) == []
    cache = LoadCache.open(mini.root)
    assert cache.path is not None and cache.delta_path is not None
    main = cache.path.read_bytes()
    assert not cache.delta_path.exists()
    with (mini.root / AGREEMENT).open("a", encoding="utf-8") as agreement:
        agreement.write("# 已核对\n")
    parsed = _parse_refused(monkeypatch)
    first = _rules(cli, mini.root)
    assert parsed == [AGREEMENT]
    assert cache.path.read_bytes() == main and cache.delta_path.exists()
    assert _rules(cli, mini.root) == first and parsed == [AGREEMENT]  # the small file serves the changed one
    cache.delta_path.write_bytes(b"spoilt")
    assert _rules(cli, mini.root) == first and parsed == [AGREEMENT, AGREEMENT]


def test_a_cached_file_gives_its_plain_data_when_asked_and_its_ids_are_known(mini: MiniCounty, cache_dir: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from zsht.load.county import load_county

    fresh = load_county(mini.root)
    parsed = _parse_refused(monkeypatch)
    cached = load_county(mini.root)
    assert parsed == []  # nothing parsed to load it ...
    assert cached.raw_ids == fresh.raw_ids and cached.community_township == fresh.community_township
    assert cached.files[AGREEMENT].data == fresh.files[AGREEMENT].data  # ... and parsed when its data is asked for
    assert parsed == [AGREEMENT]


def test_caches_of_counties_not_validated_for_a_month_are_removed(cli: Any, mini: MiniCounty, cache_dir: Path) -> None:
    """A county validated in a folder since removed leaves its cache; the next cache written prunes it, while the
    cache of a county in use, however old its file, is kept (reading it marks it used)."""
    assert _rules(cli, mini.root) == []
    [own] = cache_dir.glob("county-*.pickle")
    month = 31 * 86400
    gone = cache_dir / "county-0123456789abcdef01234567.pickle"
    gone.write_bytes(b"zsht-load-cache 3\n")
    leftover = cache_dir / ".county-0123.pickle.zsht-host-1-abcd.tmp"
    leftover.write_bytes(b"")
    recent = cache_dir / "county-fedcba9876543210fedcba98.new.pickle"
    recent.write_bytes(b"")
    other = cache_dir / "notes.txt"
    other.write_text("not ours to remove")
    for path in (gone, leftover, other, own):
        os.utime(path, (os.path.getmtime(path) - month,) * 2)
    assert _rules(cli, mini.root) == []  # reads `own`: used now
    assert os.path.getmtime(own) > os.path.getmtime(gone) + month / 2
    mini.edit(AGREEMENT, lambda a: a.update(copies=6))
    assert _rules(cli, mini.root) == []  # a file changed: the cache is written, and pruned
    assert not gone.exists() and not leftover.exists()
    assert own.exists() and recent.exists() and other.exists()
