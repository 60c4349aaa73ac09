"""All or nothing for a batch of record files (`zsht sign`, `zsht draft`): staged, journaled, then switched.

`write_all` works under the county's write lock, in three steps:

1. every new content is written, fsynced, to `.zsht-staging/NNNNNN` in the county folder (with the mode the
   file it replaces has); no record is touched yet;
2. the journal `.zsht-staging/journal.json` (which staged file becomes which record, and a digest of each
   record before and after) is written and fsynced, then renamed into place: this is the commit point;
3. each staged file is renamed over its record; the folders are fsynced; the staging folder is removed.

What a crash (`kill -9`, a power cut) leaves, and what the next zsht makes of it:

- before the journal is in place: no record has changed; the staged copies are deleted (rolled back);
- after it: some records are switched and some are not; the next zsht that takes the write lock (any command
  that writes records; `settle` for the others) switches the rest before doing anything else (rolled forward),
  so the batch ends complete. A record changed by hand since the crash is not overwritten: that run refuses,
  naming the file and the staging folder, so a person decides.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import UserError
from .lock import CountyBusy, county_write_lock
from .write import existing_file, make_folders, sync_folder, write_new

STAGING = ".zsht-staging"
JOURNAL = "journal.json"
_STAGED = re.compile(r"\d{6}")
_DIGEST = re.compile(r"[0-9a-f]{64}")


def write_all(root: Path, contents: Mapping[str, bytes]) -> list[str]:
    """Write every file of `contents` (paths relative to the county root, with /), or, after a crash, have the
    next zsht finish or undo the batch: never leave some written for good and the others not. Takes the county's
    write lock unless this process holds it. Returns the paths written."""
    if not contents:
        return []
    with county_write_lock(root):
        before = {relpath: existing_file(inside(root, relpath)) for relpath in contents}  # refused before any write
        staging = _fresh_staging(root)
        try:
            entries = _stage(root, staging, contents, before)
        except BaseException:  # nothing switched yet: drop the batch now rather than at the next run
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _switch(root, staging, entries)
    return list(contents)


def _stage(root: Path, staging: Path, contents: Mapping[str, bytes],
           before: Mapping[str, os.stat_result | None]) -> list[dict[str, Any]]:
    """Steps 1 and 2: the staged copies and the journal, on the disk; an OSError names the record."""
    entries = []
    for number, (relpath, content) in enumerate(contents.items()):
        name = f"{number:06d}"
        try:
            write_new(staging / name, content, before[relpath])
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, os.fspath(root / relpath)) from exc
        entries.append({"staged": name, "target": relpath,
                        "before": _digest(root / relpath) if before[relpath] else None,
                        "after": hashlib.sha256(content).hexdigest()})
    journal = json.dumps({"zsht": 1, "files": entries}, ensure_ascii=False, indent=1).encode("utf-8")
    write_new(staging / f"{JOURNAL}.new", journal)
    sync_folder(staging)
    os.replace(staging / f"{JOURNAL}.new", staging / JOURNAL)
    sync_folder(staging)  # the commit point: from here on the batch is finished, by us or the next zsht
    return entries


def finish_interrupted(root: Path) -> list[str]:
    """Finish the batch a killed zsht left half switched (or drop one it had not committed); the records switched
    now. The caller holds the county's write lock (`county_write_lock` calls this when it takes it)."""
    staging = root / STAGING
    if not os.path.lexists(staging):
        return []
    if not stat.S_ISDIR(os.lstat(staging).st_mode):
        raise UserError(f"{staging} 应是 zsht 的暂存文件夹，却不是文件夹", hint="确认无用后删除它，再运行")
    journal = staging / JOURNAL
    if not os.path.lexists(journal):  # the run died while staging: no record was touched yet
        shutil.rmtree(staging)
        sync_folder(root)
        return []
    entries = _read_journal(journal)
    return _switch(root, staging, entries)


def settle(root: Path) -> None:
    """For commands that only read: finish a batch a killed zsht left half switched, unless a zsht is writing
    the county right now (its own switch is then under way)."""
    if not os.path.lexists(root / STAGING):
        return
    try:
        with county_write_lock(root):
            pass
    except CountyBusy:
        pass


def inside(root: Path, relpath: str) -> Path:
    """The path of a record file given relative to the county root; UserError if it would lead outside it."""
    posix = PurePosixPath(relpath)
    if not relpath or posix.is_absolute() or ".." in posix.parts or "\\" in relpath or "\0" in relpath:
        raise UserError(f"“{relpath}”不是县级仓库里的文件路径")
    target = root / relpath
    if not target.parent.resolve().is_relative_to(root.resolve()):
        raise UserError(f"{target} 所在的文件夹经符号链接指向县级仓库以外，zsht 不会写到那里")
    return target


def _fresh_staging(root: Path) -> Path:
    staging = root / STAGING
    if os.path.lexists(staging):
        finish_interrupted(root)  # normally done when the lock was taken; this keeps a committed batch safe
    make_folders(staging)
    return staging


def _switch(root: Path, staging: Path, entries: list[dict[str, Any]]) -> list[str]:
    """Rename each staged file over its record (those not switched yet); then drop the staging folder."""
    switched: list[str] = []
    folders: set[Path] = set()
    for entry in entries:
        staged, target = staging / entry["staged"], inside(root, entry["target"])
        if not os.path.lexists(staged):
            continue  # switched before the crash
        current = _digest(target) if existing_file(target) else None
        if current == entry["after"]:
            staged.unlink()
            continue
        if current != entry["before"]:
            raise UserError(f"上次中断的写入无法补完：{entry['target']} 在此后又被改动过，zsht 不会覆盖它",
                            hint=f"核对 {staging / JOURNAL} 列出的文件，确认后删除 {staging} 再运行")
        make_folders(target.parent)
        try:
            os.replace(staged, target)
        except OSError as exc:  # the journal stays: the next zsht that writes the county finishes the batch
            raise OSError(exc.errno, exc.strerror, os.fspath(target)) from exc
        folders.add(target.parent)
        switched.append(entry["target"])
    for folder in sorted(folders):
        sync_folder(folder)
    shutil.rmtree(staging)
    sync_folder(root)
    return switched


def _read_journal(journal: Path) -> list[dict[str, Any]]:
    """The journal's entries, each checked: only zsht writes it, but it is a file in the county like any other."""
    try:
        entries = json.loads(journal.read_bytes())["files"]
    except (OSError, ValueError, LookupError, TypeError):
        entries = None
    if not isinstance(entries, list) or not all(_well_formed(entry) for entry in entries):
        raise UserError(f"{journal} 无法读取，上次中断的写入无法自动补完",
                        hint=f"核对记录后删除 {journal.parent} 再运行")
    return entries


def _well_formed(entry: Any) -> bool:
    return (isinstance(entry, dict) and isinstance(entry.get("staged"), str) and bool(_STAGED.fullmatch(entry["staged"]))
            and isinstance(entry.get("target"), str)
            and (entry.get("before") is None or (isinstance(entry["before"], str) and bool(_DIGEST.fullmatch(entry["before"]))))
            and isinstance(entry.get("after"), str) and bool(_DIGEST.fullmatch(entry["after"])))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


__all__ = ["STAGING", "finish_interrupted", "inside", "settle", "write_all"]
