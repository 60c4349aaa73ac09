"""sign and draft are all or nothing, even when zsht is killed in the middle: the next zsht finishes the batch
(if it was committed) or drops it (if it was not)."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import zsht

from ..mini_county import MiniCounty

STAGING, JOURNAL = ".zsht-staging", "journal.json"  # as staging.py documents them
SRC = Path(zsht.__file__).resolve().parents[1]  # the zsht this test imports, for its subprocesses
SIGN = ("sign", "--year", "2016", "--date", "2016-02-10")
DRAFTS = ("agreements/2016/baitabu/baitabu-dongwang.yaml", "agreements/2016/niushan/niushan-qianjin.yaml",
          "agreements/2016/niushan/niushan-xinhua.yaml")
# Runs zsht with os.replace wrapped: the process kills itself (SIGKILL: no cleanup of any kind runs) on the
# given rename, counted among those whose target path contains the given text.
KILLED_AT = """
import os, signal, sys
from zsht.cli import run
real, seen = os.replace, []
def replace(source, target, **kwargs):
    if sys.argv[2] in str(target):
        seen.append(target)
        if len(seen) == int(sys.argv[1]):
            os.kill(os.getpid(), signal.SIGKILL)
    return real(source, target, **kwargs)
os.replace = replace
sys.exit(run(sys.argv[3:]))
"""


def _killed(root: Path, at: int, where: str, *command: str) -> None:
    done = subprocess.run([sys.executable, "-c", KILLED_AT, str(at), where, "-C", str(root), *command],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(SRC)})
    assert done.returncode == -signal.SIGKILL, done.stderr


def _statuses(root: Path) -> list[str]:
    return ["已签订" if "status: 已签订" in (root / f).read_text(encoding="utf-8") else "草稿" for f in DRAFTS]


@pytest.fixture
def drafted(mini: MiniCounty, cli: Any) -> Path:
    assert cli("-C", mini.root, "draft", "--year", "2016").exit_code == 0
    return mini.root


def test_a_signing_killed_while_switching_is_finished_by_the_next_zsht_that_writes(drafted: Path, cli: Any) -> None:
    _killed(drafted, 2, "/agreements/", *SIGN)
    assert sorted(_statuses(drafted)) == ["已签订", "草稿", "草稿"]  # one switched, as a crash leaves it
    assert (drafted / STAGING / JOURNAL).is_file()
    nothing_to_draft = cli("-C", drafted, "draft", "--year", "2016")  # any command that writes records
    assert nothing_to_draft.exit_code == 0, nothing_to_draft.output
    assert _statuses(drafted) == ["已签订"] * 3
    assert not (drafted / STAGING).exists()
    again = cli("-C", drafted, *SIGN)
    assert again.exit_code == 0 and "已登记签订 0 份 2016 年协议；3 份原已签订" in again.stdout


def test_a_signing_killed_before_its_journal_was_complete_changes_nothing(drafted: Path, cli: Any) -> None:
    before = {f: (drafted / f).read_bytes() for f in DRAFTS}
    _killed(drafted, 1, JOURNAL, *SIGN)
    assert {f: (drafted / f).read_bytes() for f in DRAFTS} == before
    assert (drafted / STAGING).is_dir()
    assert cli("-C", drafted, "draft", "--year", "2016").exit_code == 0
    assert not (drafted / STAGING).exists()
    assert {f: (drafted / f).read_bytes() for f in DRAFTS} == before


def test_drafting_killed_while_switching_is_finished(mini: MiniCounty, cli: Any) -> None:
    _killed(mini.root, 3, "/agreements/", "draft", "--year", "2016")
    assert len([f for f in DRAFTS if (mini.root / f).exists()]) == 2
    result = cli("-C", mini.root, *SIGN)
    assert result.exit_code == 0 and "已登记签订 3 份" in result.stdout


def test_a_record_changed_by_hand_after_the_crash_is_not_overwritten(drafted: Path, cli: Any) -> None:
    _killed(drafted, 2, "/agreements/", *SIGN)
    untouched = next(f for f, status in zip(DRAFTS, _statuses(drafted), strict=True) if status == "草稿")
    edited = (drafted / untouched).read_text(encoding="utf-8").replace("copies: 4", "copies: 6")
    (drafted / untouched).write_text(edited, encoding="utf-8")
    result = cli("-C", drafted, *SIGN)
    assert result.exit_code == 2
    assert f"上次中断的写入无法补完：{untouched} 在此后又被改动过" in result.stderr
    assert (drafted / untouched).read_text(encoding="utf-8") == edited


def test_a_journal_cannot_send_a_write_outside_the_county(mini: MiniCounty, tmp_path: Path) -> None:
    from zsht.errors import UserError
    from zsht.lock import county_write_lock

    staging = mini.root / STAGING
    staging.mkdir()
    (staging / "000000").write_bytes(b"owned")
    entry = {"staged": "000000", "target": "../outside.txt", "before": None, "after": "0" * 64}
    (staging / JOURNAL).write_text(json.dumps({"zsht": 1, "files": [entry]}), encoding="utf-8")
    with pytest.raises(UserError, match="不是县级仓库里的文件路径"), county_write_lock(mini.root):
        pass
    assert not (tmp_path / "outside.txt").exists()


def test_a_disk_full_while_staging_writes_nothing_and_names_a_record(drafted: Path, cli: Any,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from zsht import write

    real, calls = write.os.fsync, []

    def fsync(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(descriptor)

    before = {f: (drafted / f).read_bytes() for f in DRAFTS}
    monkeypatch.setattr(write.os, "fsync", fsync)
    result = cli("-C", drafted, *SIGN)
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert any(str(drafted / f) in result.stderr for f in DRAFTS) and STAGING not in result.stderr
    assert {f: (drafted / f).read_bytes() for f in DRAFTS} == before
    assert not (drafted / STAGING).exists()


def test_settle_finishes_a_crashed_batch_for_a_reading_command_unless_a_zsht_is_writing(drafted: Path) -> None:
    from zsht.lock import county_write_lock
    from zsht.staging import settle

    _killed(drafted, 2, "/agreements/", *SIGN)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, sys\nwith open(sys.argv[1], 'a+b') as f:\n"
         "    fcntl.flock(f, fcntl.LOCK_EX); print('ready', flush=True); sys.stdin.read()",
         str(drafted / ".zsht.lock")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "ready\n"
        settle(drafted)  # a zsht is writing: leave its batch alone, and do not fail
        assert sorted(_statuses(drafted)) == ["已签订", "草稿", "草稿"]
    finally:
        holder.communicate("")
    settle(drafted)
    assert _statuses(drafted) == ["已签订"] * 3 and not (drafted / STAGING).exists()
    with county_write_lock(drafted):
        pass


def test_a_temporary_file_a_killed_run_left_is_removed_by_the_next_run(mini: MiniCounty, cli: Any) -> None:
    _killed(mini.root, 1, "r.xlsx", "score", "--year", "2015", "-o", str(mini.root / "r.xlsx"))
    assert [p.name for p in mini.root.glob(".r.xlsx.zsht-*.tmp")] != [] and not (mini.root / "r.xlsx").exists()
    assert cli("-C", mini.root, "score", "--year", "2015", "-o", mini.root / "r.xlsx").exit_code == 0
    assert [p.name for p in mini.root.glob(".r.xlsx.*")] == [] and (mini.root / "r.xlsx").is_file()


def test_score_write_is_staged_like_sign(mini: MiniCounty, cli: Any) -> None:
    """`score --write` goes through the same journal: killed before it is complete, no record changed."""
    record = mini.root / "evaluations/2015/niushan/niushan-xinhua.yaml"
    mini.draft("evaluations/2015/niushan/niushan-xinhua.yaml")  # --write stores drafts' results only
    mini.edit("evaluations/2015/niushan/niushan-xinhua.yaml", lambda data: data.update(survey=100))  # result stale
    before = record.read_bytes()
    _killed(mini.root, 1, JOURNAL, "score", "--year", "2015", "--write")
    assert record.read_bytes() == before and (mini.root / STAGING).is_dir()
    stored = cli("-C", mini.root, "score", "--year", "2015", "--write")
    assert stored.exit_code == 0 and "已写入 1 个评估记录" in stored.output
    assert not (mini.root / STAGING).exists() and record.read_bytes() != before


def test_a_command_that_only_reads_sees_the_batch_finished(drafted: Path, cli: Any) -> None:
    _killed(drafted, 2, "/agreements/", *SIGN)
    assert sorted(_statuses(drafted)) == ["已签订", "草稿", "草稿"]
    assert cli("-C", drafted, "validate").exit_code == 0
    assert _statuses(drafted) == ["已签订"] * 3 and not (drafted / STAGING).exists()
