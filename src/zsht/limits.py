"""Bounds every part of zsht shares, kept free of heavy imports so the command line can read them at start-up."""

from __future__ import annotations

YEARS = range(1980, 2101)  # the year of a record, and of every --year: 政社互动 records, with room on both sides
