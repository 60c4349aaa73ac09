"""Bring a county's existing lists in: catalogs and the registry from Word, Excel and CSV files."""
