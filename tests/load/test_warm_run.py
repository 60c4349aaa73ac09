"""A pre-commit `zsht validate` with its load cache warm does only what an unchanged county needs: the records come
from the cache already validated, so no model builds its validator or serializer (15–35 ms each)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from pydantic import PrivateAttr

from zsht.models import Record

from ..conftest import EXAMPLE, child_env, zsht_then


class _Noted(Record):
    """A record type with a private attribute, which the short state cannot hold."""

    count: int
    _note: str = PrivateAttr(default="")

# After `zsht ARGS…`: the zsht models whose validator or serializer was built (defer_build: on first use).
_BUILT = """
import pydantic
from pydantic._internal._mock_val_ser import MockValSer

def models(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from models(sub)

result = sorted({model.__name__ for model in models(pydantic.BaseModel) if model.__module__.startswith("zsht.")
                 and not all(isinstance(model.__dict__.get(part), MockValSer)
                             for part in ("__pydantic_validator__", "__pydantic_serializer__"))})
"""


def test_a_warm_validate_of_the_example_county_builds_no_model_schema(tmp_path: Path) -> None:
    county = tmp_path / "county"
    shutil.copytree(EXAMPLE, county)
    assert list(county.rglob("supplements/**/*.yaml"))  # amended agreements are worked out in every run

    def built() -> list[str]:
        return list(zsht_then(_BUILT, ["-C", county, "validate"], tmp_path / "built.json",
                              ZSHT_CACHE_DIR=str(tmp_path / "cache")))

    assert "Agreement" in built()  # the control: a cold cache validates every file
    assert built() == []


def test_importing_zsht_leaves_python_stdnum_and_the_list_readers_out() -> None:
    """python-stdnum imports ssl and pydoc with itself; only a county that records 统一社会信用代码 needs it. The
    readers of `zsht import` compile a dozen patterns; the ZS901 check needs only how they compare names."""
    asked = ("import sys, zsht; print(sorted(name for name in ('stdnum', 'ssl', 'zsht.imports.text', "
             "'zsht.imports.mapping') if name in sys.modules))")
    done = subprocess.run([sys.executable, "-c", asked], env=child_env(), capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_record_pickles_as_its_values_and_fields_set_and_loads_back_the_same() -> None:
    """The load cache's format: each record's values and fields set, no more (records have neither extra keys nor
    private attributes); loaded back it equals the record, with the same fields set, and validates as before."""
    import pickle

    from zsht import load_county
    from zsht.layout import AGREEMENT, EVALUATION

    county = load_county(EXAMPLE)
    records = [entry.record for kind in (AGREEMENT, EVALUATION) for entry in county.entries(kind)]
    assert records and all(record.__getstate__() == (record.__dict__, record.model_fields_set) for record in records)
    loaded = pickle.loads(pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL))
    assert loaded == records
    assert [r.model_fields_set for r in loaded] == [r.model_fields_set for r in records]
    assert all(r.__pydantic_extra__ is None and r.__pydantic_private__ is None for r in loaded)
    assert [type(r).model_validate(r.model_dump()) for r in loaded] == records


def test_a_record_type_with_private_attributes_keeps_pydantics_whole_state() -> None:
    import pickle

    noted = _Noted(count=1)
    noted._note = "kept"
    assert isinstance(noted.__getstate__(), dict)
    loaded = pickle.loads(pickle.dumps(noted))
    assert loaded == noted and loaded._note == "kept"
