"""The fast loader builds exactly what PyYAML's safe loader builds, and refuses duplicate keys."""

from __future__ import annotations

import pytest
import yaml

from zsht.load.reader import DuplicateKey, load_yaml

DOCUMENTS = [
    "a: 1\nb: 1.5\nc: .inf\nd: -.5e3\ne: 0x1F\nf: 010\ng: 1_000\nh: 1:20\n",
    "a: yes\nb: No\nc: ON\nd: off\nt: true\nn: ~\nnull2: null\nempty:\n",
    "date: 2015-03-10\nstamp: 2015-03-10 08:30:00\nquoted: '2015-03-10'\nnum: \"12\"\n",
    "base: &b {x: 1, y: 2}\nchild:\n  <<: *b\n  y: 3\nlist: [*b, *b]\n",
    "- 东海县\n- 牛山街道: {户数: 3200}\n- !!str 123\n- !!float 1\n- [1, [2, [3]]]\n",
    "set: !!set {a, b}\nomap: !!omap [{a: 1}, {b: 2}]\nbinary: !!binary aGVsbG8=\n",
    "multi: |\n  第一行\n  第二行\nfolded: >\n  a\n  b\n",
    "",
    "# only a comment\n",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_same_as_pyyaml(text: str) -> None:
    assert load_yaml(text) == yaml.safe_load(text)
    assert load_yaml(text) == yaml.safe_load(text)  # again, through the caches


def test_aliases_stay_shared() -> None:
    data = load_yaml("a: &x [1, 2]\nb: *x\n")
    assert data["a"] is data["b"]


def test_keys_equal_after_resolution_are_duplicates() -> None:
    with pytest.raises(DuplicateKey):
        load_yaml("yes: 1\non: 2\n")  # both keys are True in YAML 1.1


def test_explicit_key_twice_after_a_merge_is_a_duplicate() -> None:
    with pytest.raises(DuplicateKey):
        load_yaml("b: &b {y: 1}\nc:\n  <<: *b\n  y: 2\n  y: 3\n")


def test_duplicate_key_is_refused_with_its_position() -> None:
    with pytest.raises(DuplicateKey) as caught:
        load_yaml("id: a\nname: x\nid: b\n")
    assert caught.value.problem_mark.line == 2
