"""A copy of the example county to import lists into (its legal register and departments do the mapping)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..conftest import EXAMPLE


@pytest.fixture
def county(tmp_path: Path) -> Path:
    root = tmp_path / "donghai"
    shutil.copytree(EXAMPLE, root)
    return root
