"""A pre-commit `zsht validate` with its load cache warm does only what an unchanged county needs: the records come
from the cache already validated, so no model builds its validator or serializer (15–35 ms each)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from ..conftest import EXAMPLE, child_env

# Run `zsht ARGS…`, then write the zsht models whose validator or serializer was built (defer_build: on first use).
_BUILT = """
import json, sys
import pydantic
from pydantic._internal._mock_val_ser import MockValSer
from zsht.cli import main
sys.argv = ["zsht", *sys.argv[2:]]
try:
    main()
except SystemExit:
    pass

def models(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from models(sub)

built = sorted({model.__name__ for model in models(pydantic.BaseModel) if model.__module__.startswith("zsht.")
                and not all(isinstance(model.__dict__.get(part), MockValSer)
                            for part in ("__pydantic_validator__", "__pydantic_serializer__"))})
with open(OUT, "w", encoding="utf-8") as file:
    json.dump(built, file)
"""


def test_a_warm_validate_of_the_example_county_builds_no_model_schema(tmp_path: Path) -> None:
    county = tmp_path / "county"
    shutil.copytree(EXAMPLE, county)
    assert list(county.rglob("supplements/**/*.yaml"))  # amended agreements are worked out in every run
    out = tmp_path / "built.json"
    probe = _BUILT.replace("OUT", repr(str(out)))

    def built() -> list[str]:
        subprocess.run([sys.executable, "-c", probe, "x", "-C", str(county), "validate"], check=True,
                       capture_output=True, env=child_env(ZSHT_CACHE_DIR=str(tmp_path / "cache")))
        return list(json.loads(out.read_text(encoding="utf-8")))

    assert "Agreement" in built()  # the control: a cold cache validates every file
    assert built() == []


def test_importing_zsht_leaves_python_stdnum_and_the_list_readers_out() -> None:
    """python-stdnum imports ssl and pydoc with itself; only a county that records 统一社会信用代码 needs it. The
    readers of `zsht import` compile a dozen patterns; the ZS901 check needs only how they compare names."""
    asked = ("import sys, zsht; print(sorted(name for name in ('stdnum', 'ssl', 'zsht.imports.text', "
             "'zsht.imports.mapping') if name in sys.modules))")
    done = subprocess.run([sys.executable, "-c", asked], env=child_env(), capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
