"""The dependency list says what the program uses: every runtime dependency imported by src/zsht, every
import declared (deptry, as .ci/run runs it), and no C extension declared that nothing needs."""

from __future__ import annotations

import subprocess
import sys
import tomllib

from .conftest import ROOT


def test_declared_dependencies_are_the_imported_ones() -> None:
    done = subprocess.run([sys.executable, "-m", "deptry", "src"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_round_trip_yaml_needs_no_c_extension() -> None:
    """ruamel's C loader cannot round-trip, so ruamel.yaml.clib is not declared: zsht edits files without it."""
    script = """
import sys
sys.modules["_ruamel_yaml"] = None  # as if ruamel.yaml.clib were not installed
from zsht.roundtrip import dumped, round_trip
text = "# 东海县\\nitems:\\n  - id: XZ-001  # 事项\\n    name: '甲'\\n"
yaml, data = round_trip(text)
data["items"][0]["name"] = "乙"
sys.stdout.buffer.write(dumped(yaml, data))
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, check=False,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""})
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode("utf-8") == "# 东海县\nitems:\n  - id: XZ-001  # 事项\n    name: '乙'\n"
    runtime = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert not any(d.lower().startswith("ruamel.yaml.clib") for d in runtime), runtime
