"""A content-keyed cache of loaded files, as ruff and mypy keep one: what a file's bytes became (its record) is
stored under a hash of those bytes, so an unchanged file is neither parsed nor validated again (its plain data is
parsed from its text only when something asks for it).

Only files that loaded without a single finding are stored; a file with a problem is loaded afresh every time,
so its findings always come from the code that runs. An entry is keyed by the file kind and the file's bytes,
and the whole cache by a fingerprint of zsht (its version and the size and time of every one of its modules),
Python, pydantic and PyYAML (its files): a changed file, or a changed zsht, never sees an old entry. A cache
file that cannot be read, is corrupt, is not the user's own, or names anything but zsht's record types and a
few value types is ignored, and written anew.

Where: `$ZSHT_CACHE_DIR`, else `$XDG_CACHE_HOME/zsht`, else `~/.cache/zsht`; per county (named by a hash of its
real path) a main file and a small file of recent additions (see LoadCache). `ZSHT_NO_CACHE=1` turns it off.
A county's files not used for 30 days are removed when any cache is written (`prune`).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import io
import os
import pickle
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .. import __version__

FORMAT = b"zsht-load-cache 3\n"
_VALUE_TYPES = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "time"), ("datetime", "timedelta"),
                ("datetime", "timezone"), ("decimal", "Decimal")}


def cache_folder() -> Path | None:
    """The folder the cache lives in, or None when caching is turned off."""
    if os.environ.get("ZSHT_NO_CACHE", "") not in ("", "0"):
        return None
    if os.environ.get("ZSHT_CACHE_DIR"):
        return Path(os.environ["ZSHT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "zsht"


def fingerprint() -> bytes:
    """What the cached outcome of loading depends on besides the file: zsht's code and the libraries that build it.

    zsht's modules are named by size and modification time (a stat each, no reading), so that an edited
    checkout, not only a new release, starts from an empty cache."""
    import pydantic

    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{__version__} {sys.version} {pydantic.VERSION}\n".encode())
    _stat_tree(digest, Path(__file__).resolve().parent.parent, (".py",))
    yaml = importlib.util.find_spec("yaml")  # PyYAML by its files: importing it would cost what the cache saves
    if yaml is not None and yaml.origin is not None:
        _stat_tree(digest, Path(yaml.origin).parent, (".py", ".so", ".pyd"))
    return digest.digest()


def _stat_tree(digest: Any, package: Path, endings: tuple[str, ...]) -> None:
    for folder, dirnames, filenames in os.walk(package):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__")))
        for name in sorted(filenames):
            if name.endswith(endings):
                info = os.stat(os.path.join(folder, name))
                digest.update(f"{os.path.relpath(folder, package)}/{name} {info.st_size} {info.st_mtime_ns}\n".encode())


def _own(info: os.stat_result) -> bool:
    """Whether a cache file is the user's own: one another user could have written (a shared ZSHT_CACHE_DIR) is
    not believed, since it could say that a file with problems has none."""
    return not hasattr(os, "geteuid") or info.st_uid == os.geteuid()


class _RecordsOnly(pickle.Unpickler):
    """Unpickles zsht's records and their value types only: a foreign or tampered cache cannot make it run any code."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _VALUE_TYPES:
            return super().find_class(module, name)
        if module.startswith("zsht.models.") and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type) and issubclass(found, BaseModel | Enum):
                return found
        raise pickle.UnpicklingError(f"not a zsht record type: {module}.{name}")


class LoadCache:
    """The cached outcomes of one county's files: look one up by kind and bytes, add the new ones, save once.

    Two files: the main one, and a small one of the entries added since the main one was written. A commit
    changes a few files, and pickling every record again would cost more than the cache saves; so a run that
    adds entries rewrites only the small file, until it holds an eighth of the county, when the main file is
    rewritten with the entries in use (which drops the stale ones) and the small one removed. Entries are keyed
    by content, so any mix of the two files, even from runs that raced, is right."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.stamp = b""
        self.main: dict[bytes, BaseModel] = {}
        self.old: dict[bytes, BaseModel] = {}
        self.used: dict[bytes, BaseModel] = {}
        self.added = False

    @property
    def delta_path(self) -> Path | None:
        """The file of the entries added since the main file was written."""
        return None if self.path is None else self.path.with_suffix(".new.pickle")

    @classmethod
    def open(cls, root: Path) -> LoadCache:
        """The cache of the county at `root` (empty when there is none yet, it is unreadable, or caching is off)."""
        folder = cache_folder()
        if folder is None:
            return cls(None)
        real = os.path.realpath(root).encode("utf-8", "surrogateescape")
        cache = cls(folder / f"county-{hashlib.blake2b(real, digest_size=12).hexdigest()}.pickle")
        cache.stamp = FORMAT + fingerprint()
        cache.main = cache.read(cache.path)
        cache.old = {**cache.main, **cache.read(cache.delta_path)}
        return cache

    def _used_now(self, path: Path) -> None:
        """Mark a cache file as in use (its modification time), so that pruning (`prune`) keeps it."""
        with contextlib.suppress(OSError):
            os.utime(path)

    def read(self, path: Path | None) -> dict[bytes, BaseModel]:
        """The entries of one cache file; none when it is missing, unreadable, corrupt, foreign or stale."""
        if path is None:
            return {}
        try:
            with open(path, "rb") as stream:
                if not _own(os.fstat(stream.fileno())) or stream.read(len(self.stamp)) != self.stamp:
                    return {}
                entries = _RecordsOnly(io.BytesIO(stream.read())).load()
        except Exception:  # noqa: BLE001 - any cache that cannot be read is no cache; loading goes on without it
            return {}
        if not isinstance(entries, dict) or not all(
                isinstance(key, bytes) and isinstance(entry, BaseModel) for key, entry in entries.items()):
            return {}
        if entries:
            self._used_now(path)
        return entries

    @staticmethod
    def key(kind: str, raw: bytes) -> bytes:
        """The key of a file's outcome: its kind and a hash of its bytes."""
        return hashlib.blake2b(raw, digest_size=20, person=kind.encode()[:16]).digest()

    def get(self, key: bytes) -> BaseModel | None:
        """The record a file with this key loaded to, if it loaded cleanly before (its plain data is not kept:
        it is parsed again only if it is asked for, see SourceFile).

        A second file with the same bytes in the same run is loaded afresh: no two entries share one record."""
        entry = None if key in self.used else self.old.get(key)
        if entry is not None:
            self.used[key] = entry
        return entry

    def put(self, key: bytes, record: BaseModel) -> None:
        """Remember what a file that loaded without findings became."""
        if self.path is not None:
            self.used[key] = record
            self.added = True

    def save(self) -> None:
        """Write what this run added (see the class); nothing when it added nothing. Never fails."""
        if self.path is None or self.delta_path is None or not self.added:
            return
        fresh = {key: entry for key, entry in self.used.items() if key not in self.main}
        try:
            if len(fresh) > max(16, len(self.used) // 8):
                _replace(self.path, self.stamp + pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))
                self.delta_path.unlink(missing_ok=True)
            else:
                _replace(self.delta_path, self.stamp + pickle.dumps(fresh, protocol=pickle.HIGHEST_PROTOCOL))
            prune(self.path.parent)
        except Exception:  # noqa: BLE001 - a cache that cannot be written only costs the next run its speed-up
            return


UNUSED_DAYS = 30  # a county's cache not used for this long is removed (one in a removed or temporary folder)


def prune(folder: Path, now: float | None = None) -> None:
    """Remove the cache files of counties not validated for UNUSED_DAYS days (each run that reads a cache file
    marks it used), and temporary files a killed run left behind a day ago; only the user's own files.

    Without this, every county ever validated in another folder (a temporary clone, a CI workspace) would leave
    its cache behind for good. Runs when a cache is written, never when it is only read."""
    now = time.time() if now is None else now
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            stale = now - UNUSED_DAYS * 86400 if name.startswith("county-") and name.endswith(".pickle") else \
                now - 86400 if name.startswith(".county-") and name.endswith(".tmp") else None
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if stale is not None and entry.is_file(follow_symlinks=False) and _own(info) and \
                        info.st_mtime < stale:
                    os.unlink(entry.path)


def _replace(target: Path, content: bytes) -> None:
    """Replace a cache file at once (a temporary file renamed over it), without write_atomic's fsyncs.

    A county file must survive a crash; a cache file need not: one a crash tore is not believed (its pickle
    does not load), and the next run writes it again. The temporary file is named as write_atomic names its own."""
    from ..write import temporary_name

    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.parent / temporary_name(target.name)
    try:
        with open(temporary, "xb") as stream:
            stream.write(content)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
