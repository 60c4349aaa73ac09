"""`zsht validate --changed-since REF`: which files a change reaches, so findings can be kept to them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..findings import Finding
from ..layout import CONFIG_FILE
from ..load.county import County
from ..validate import Validation
from .changes import compare
from .diff import versions, worktree_files
from .git import Repo
from .records import ParsedVersions, blob_sha, records_in
from .tree import commit_files

# A change to one of these can change the outcome of any check: the whole county is checked again.
# zsht.yaml holds the scoring settings; the catalogs and the legal register are what every agreement and
# item is checked against.
_WHOLE_COUNTY = (CONFIG_FILE, "legal/", "catalogs/")
# Files that pin the version of zsht that checks, at the county's root or the repository's top.
_PINS = (".pre-commit-config.yaml", "pyproject.toml", "requirements.txt", "requirements-dev.txt", "uv.lock",
         "poetry.lock")


def _yaml(relpath: str) -> bool:
    name = relpath.rsplit("/", 1)[-1]
    return name.endswith((".yaml", ".yml")) and not name.startswith(".")


def _pins_changed(repo: Repo, base: str) -> bool:
    """Whether a file that pins zsht's version differs between `base` and the working tree."""
    paths = sorted({repo.prefix + name for name in _PINS} | set(_PINS))
    listed = repo.run("ls-tree", "--full-tree", "--end-of-options", base, "--", *paths)
    then = {line.split("\t", 1)[1]: line.split()[2] for line in listed.splitlines() if "\t" in line}
    for path in paths:
        on_disk = repo.top / path
        now = blob_sha(on_disk.read_bytes()) if on_disk.is_file() else None
        if now != then.get(path):
            return True
    return False


def _strings(value: Any) -> Iterable[str]:
    """Every text value inside a record: the ids it names are among them."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _peers(data: Any) -> tuple[Any, Any] | None:
    """Agreements and evaluations of one committee and year are checked against each other (one a year)."""
    if isinstance(data, dict) and isinstance(data.get("community"), str) and isinstance(data.get("year"), int):
        return data["community"], data["year"]
    return None


def reached_files(county: County, ref: str) -> set[str] | None:
    """Files whose findings a change since `ref` can affect; None when the whole county must be checked.

    The set holds the changed files (deleted ones too), the files of records that name a changed or
    deleted record's id, the files of records a changed record names, and for an agreement or
    evaluation the others of its committee and year.
    """
    if any(f.rule == "ZS006" for f in county.findings):  # a file or folder that cannot be read cannot be compared
        return None
    with Repo(county.root) as repo:
        base = repo.revision(ref)
        with repo.blobs() as blobs:
            old = commit_files(repo, base, blobs, _yaml)
            contents = worktree_files(county.root, _yaml)  # a YAML file in the wrong place is reported too (ZS009)
            new = {p: blob_sha(c) for p, c in contents.items()}
            changed = {p for p in old.keys() | new.keys() if old.get(p) != new.get(p)}
            if any(p.startswith(_WHOLE_COUNTY) for p in changed) or _pins_changed(repo, base):
                return None
            record_paths = sorted(changed)
            parsed = ParsedVersions()
            changes = compare(versions(record_paths, old, blobs, parsed),
                              versions(record_paths, new, blobs, parsed, contents), moves=True)
    ids = {c.key.id for c in changes if c.key.id}
    named: set[str] = set()
    peers = set()
    for change in changes:
        for version in (change.old, change.new):
            if version is not None:
                named.update(_strings(version.data))
                if (peer := _peers(version.data)) is not None:
                    peers.add(peer)
    reached = set(changed)
    for relpath, source in county.files.items():
        for key, version in records_in(relpath, source.data):
            if (key.id and key.id in named) or _peers(version.data) in peers or ids.intersection(_strings(version.data)):
                reached.add(relpath)
                break
    return reached


def only_changed(result: Validation, since: str) -> Validation:
    """Keep the findings of the files a change since the git revision `since` reaches (`--changed-since`).

    The whole county was loaded and checked, so the findings are those a full run gives for those files;
    a change to zsht.yaml, the catalogs or the legal register keeps them all. A signed or published record
    changed since `since` is reported too, as `zsht audit` will once it is committed (ZS801, ZS804).
    """
    from .audit import frozen_since

    frozen = frozen_since(result.county, since)  # signed, published records changed since: ZS801, ZS804
    reached = reached_files(result.county, since)
    kept = result.findings if reached is None else [f for f in result.findings if f.file in reached]
    return Validation(result.county, sorted(kept + frozen, key=Finding.sort_key))
