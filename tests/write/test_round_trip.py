"""The YAML editor (zsht.roundtrip) apart from the atomic writer: what it writes reads back the same, and a
command that only reads the county loads neither it nor the write gate."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from zsht.roundtrip import dumped, round_trip

from ..conftest import EXAMPLE, ROOT

# Runs `zsht -C EXAMPLE validate` in a fresh interpreter and, as it exits, names the modules it loaded.
_LOADED_BY_VALIDATE = """
import atexit, runpy, sys
atexit.register(lambda: print(" ".join(sorted(sys.modules)), file=sys.stderr))
sys.argv = ["zsht", "-C", sys.argv[1], "validate"]
runpy.run_module("zsht", run_name="__main__")
"""


@pytest.mark.parametrize("text", ["yes", "No", "on", "OFF", "y", "1:20", "1_000", "0b101", "0o17", "~", "null", "",
                                  "2015-01-01", "12", "3.5", ".inf", "东海县", "XZ-001"])
def test_text_written_by_the_round_trip_dumper_loads_back_as_the_same_text(text: str) -> None:
    writer, _ = round_trip(None)
    written = dumped(writer, {"name": text}).decode("utf-8")
    assert yaml.load(written, Loader=yaml.CSafeLoader) == {"name": text}, written


def test_the_atomic_writer_loads_no_yaml_library() -> None:
    done = subprocess.run([sys.executable, "-c", "import sys, zsht.write; print(sorted(sys.modules))"],
                          capture_output=True, text=True, check=True, env={"PYTHONPATH": str(ROOT / "src")})
    assert "ruamel" not in done.stdout and "'zsht.roundtrip'" not in done.stdout, done.stdout


def test_validate_loads_neither_the_yaml_editor_nor_the_write_gate() -> None:
    """`zsht validate` runs on every commit and only reads records: ruamel (some 35 ms of imports here), the
    round-trip editor and the write gate stay unloaded."""
    done = subprocess.run([sys.executable, "-c", _LOADED_BY_VALIDATE, str(EXAMPLE)], capture_output=True,
                          text=True, check=False,  # the session's load cache, not the user's ~/.cache
                          env={"PYTHONPATH": str(ROOT / "src"), "ZSHT_CACHE_DIR": os.environ.get("ZSHT_CACHE_DIR", "")})
    assert done.returncode == 0, done.stdout + done.stderr
    loaded = set(done.stderr.split())
    assert "zsht.validate" in loaded  # the command did run
    assert not {m for m in loaded if m.split(".")[0] == "ruamel"} | (loaded & {"zsht.roundtrip", "zsht.write_gate"})
