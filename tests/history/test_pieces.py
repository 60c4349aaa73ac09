"""A file version read piece by piece is the file read whole, or it is read whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zsht.history.pieces import Pieces, plain
from zsht.history.records import kind_of
from zsht.load.reader import parse

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "donghai"
FILES = sorted(p.relative_to(EXAMPLE).as_posix() for p in EXAMPLE.rglob("*.yaml"))
CATALOG = "catalogs/assist/2015.yaml"


def _records_key(relpath: str) -> str | None:
    kind = kind_of(relpath)
    return kind.records if kind is not None else None


def _same_as_whole(text: str, relpath: str, pieces: Pieces | None = None) -> bool:
    """Whether the pieces gave the whole parse's data (True), or left the file to it (False); fails otherwise."""
    got = (pieces or Pieces()).load(text, _records_key(relpath))
    if got is None:
        return False
    whole = parse(text, relpath)
    assert whole.ok, f"the pieces read a file the whole parse refuses: {whole.findings[0].message}"
    assert got[0] == whole.data and list(got[0]) == list(whole.data)
    assert got[1] == plain(whole.data)
    assert [type(v) for v in got[0].values()] == [type(v) for v in whole.data.values()]
    return True


@pytest.mark.parametrize("relpath", FILES)
def test_every_example_file_is_read_in_pieces_as_it_is_whole(relpath: str) -> None:
    assert _same_as_whole((EXAMPLE / relpath).read_text(encoding="utf-8"), relpath)


def test_a_version_that_changed_one_item_shares_the_rest() -> None:
    pieces, text = Pieces(), (EXAMPLE / CATALOG).read_text(encoding="utf-8")
    before = pieces.load(text, "items")
    after = pieces.load(text.replace("amount: 2000", "amount: 2100", 1), "items")
    assert before is not None and after is not None
    changed = [i for i, (old, new) in enumerate(zip(before[1]["items"], after[1]["items"], strict=True)) if old is not new]
    assert len(changed) == 1 and before[1]["items"][changed[0]]["funding"]["amount"] == 2000
    assert after[1]["items"][changed[0]]["funding"]["amount"] == 2100
    assert before[1]["stages"] is after[1]["stages"]


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",  # a key twice: the whole parse refuses it
    "a: 1\n---\nb: 2\n",  # two documents
    "a: &x 1\nb: *x\n",  # an alias names an anchor in another piece
    "a: \"x\nb: 1\"\n",  # a quoted text that goes on at column 0
    "a: x\nb\n",  # not a key
    "- 1\n- 2\n",  # a list, not a mapping
    "# only a comment\n",
    "a: 1\u2028b: 2\n",  # a line break YAML knows and the cut does not
    "a: 1\n\u3000b: 2\n",  # an ideographic space starts a key to YAML
    "a: 1\n\ufeffb: 2\n",  # a byte-order mark in the middle: YAML refuses it, a piece would start with it
    "items:\n  - id: X\n - id: Y\n",  # an entry indented less than the first
    "items:\n  - id: X\n  name: Y\n",  # a key where an entry should start
    "items:\n  - id: X\n    -\t1\n",
])
def test_what_the_cut_cannot_tell_is_left_to_the_whole_parse(text: str) -> None:
    assert not _same_as_whole(text, CATALOG)


@pytest.mark.parametrize("text", [
    "title: T\nitems:\n- id: X\n  name: 甲\n- id: Y\nyear: 2015\n",  # entries at column 0
    "title: |+\n  x\n\n\nitems:\n  - id: X\n",  # kept trailing blank lines
    "title: |\nitems:\n  - id: X\n",  # an empty block text
    "items:\n  - id: X\n\n# after the first entry\n  - id: Y\n",
    "items:\n  -\n    id: X\n",
    "items:\n",
    "items: [1, 2]\n",  # items written flow style: one piece
    "items:\n  # a comment before the first entry\n  - id: X\n",  # one piece too
    "year: 2015-01-01\nitems:\n  - id: X\n    date: 2015-02-03\n",
])
def test_awkward_but_plain_files_read_the_same_in_pieces(text: str) -> None:
    assert _same_as_whole(text, CATALOG)


LINES = st.sampled_from([
    "title: 目录\n", "items:\n", "  - id: XZ-001\n", "  - id: XZ-002\n", "    name: 甲\n", "    amount: 1\n",
    "- id: XZ-003\n", "  name: 乙\n", "year: 2015\n", "stages:\n", "  - stage: 发布\n", "    date: 2015-01-01\n",
    "# 注释\n", "\n", "  # 缩进的注释\n", "text: |\n", "  多行\n", "text: \"引号\n", "  续行\"\n", "a: 1\r\n",
    "---\n", "year: 2016\n", "    - 1\n", "   odd: 3\n", "- \n", "items: []\n", "id: X\n", "\u3000x: 1\n",
    "\ufeffx: 1\n", "text: |+\n", "  - id: XZ-004 # 注\n", "items: # 注\n", "? k\n", "k: {a: 1,\n", "}\n",
    "  x\u2028y: 1\n", "'q': 1\n", "...\n", "a:\n", "  -\n", "    - id: XZ-005\n", "date: 2015-13-40\n",
])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, max_size=14), st.booleans())
def test_any_text_reads_in_pieces_as_whole_or_is_left_to_it(lines: list[str], reuse: bool) -> None:
    """Random files from catalog-like lines: never data the whole parse does not give, with a cache warm or not."""
    pieces = Pieces()
    if reuse:
        pieces.load((EXAMPLE / CATALOG).read_text(encoding="utf-8"), "items")
    _same_as_whole("".join(lines), CATALOG, pieces)


def test_nesting_counts_as_deep_as_in_the_whole_file() -> None:
    """An entry nested just past the limit is refused in pieces as it is whole (the depth is the file's)."""
    from zsht.load.reader import MAX_DEPTH

    def nested(levels: int) -> str:
        return "items:\n  - id: X\n    v: " + "[" * levels + "]" * levels + "\n"

    deep = next(n for n in range(MAX_DEPTH - 5, MAX_DEPTH + 5) if not parse(nested(n), CATALOG).ok)
    assert Pieces().load(nested(deep), "items") is None
    assert _same_as_whole(nested(deep - 1), CATALOG)
