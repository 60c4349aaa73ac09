"""A copy of the example county to import lists into (its legal register and departments do the mapping)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def county(donghai: Path) -> Path:
    return donghai
