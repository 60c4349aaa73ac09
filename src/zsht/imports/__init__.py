"""Bringing a county's existing lists in: `zsht import catalog` reads a Word, Excel or CSV list.

The flow is one direction: `reading` turns the file into tables of text, `header` finds the header row and
which column holds which field, `mapping` turns text into structure (legal bases, departments, funding)
through the county's registers, and `catalog` builds the catalog file, writes it and says what it could not
map. Nothing here prints; the command reports. `import_catalog` (in `catalog`) is the one entry point; the package
imports nothing itself, so `zsht validate`, whose ZS901 check compares names as `names` does for `mapping`,
does not pay for the readers.
"""
