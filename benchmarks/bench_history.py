"""Time `zsht history` of one item and `zsht diff` across a year, on a repository of 5,000 commits.

    python benchmarks/bench_history.py [--commits 5000] [--county examples/donghai] [--repo DIR] [--plumbing]
                                       [--against OTHER/src]

The repository is written with ONE `git fast-import` (a commit a few hours apart, about two years in all):
funding amounts in the assist catalogs, household counts in the registry, survey scores in evaluations,
and once in the middle the 2016 catalog renamed to .yml. The example county's catalogs are published and its
evaluations published, so every such commit changes a frozen record and `zsht audit` reports it: the worst
case. With --drafts, the history is a county's ordinary one: the catalogs and evaluations are drafts while
they are edited (no 发布 stage, status 草稿), and the last commit publishes them. Each command runs as a user
runs it (a new `zsht` process, Python start-up included), best of --repeat. Target: each under two seconds.

With --plumbing, the git plumbing itself is timed in this process on the same repository, each job done
the way zsht does it (one `git log` stream, a persistent `cat-file --batch` of our own) and the gitpython way
(`git.Repo`, `repo.commit`, `repo.odb`, `iter_commits` with a diff per commit): the figures behind what
zsht takes from gitpython and what it keeps its own (README, “git and gitpython”).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START = 1_420_070_400  # 2015-01-01 00:00 UTC
STEP = 4 * 3600  # one commit every four hours: 5,000 commits span about 2.3 years
_NUMBERS = {"catalogs/assist/": r"amount: (\d+)", "registry/communities/": r"households: (\d+)",
            "evaluations/": r"survey: (\d+)"}


def _county_files(county: Path) -> dict[str, str]:
    files = {}
    for path in sorted(county.rglob("*.yaml")):
        files[path.relative_to(county).as_posix()] = path.read_text(encoding="utf-8")
    return files


def _data(text: str) -> bytes:
    raw = text.encode("utf-8")
    return b"data %d\n%s\n" % (len(raw), raw)


_RELEASE = re.compile(r"^  - stage: 发布\n(?:    .*\n)*", re.M)  # a catalog's 发布 stage
_PUBLISHED = re.compile(r"^status: 已公示\npublication:\n(?:  .*\n)*", re.M)  # an evaluation's status and notice


def _draft(text: str) -> str:
    """The draft a published catalog or evaluation was: no 发布 stage, status 草稿 without its publication."""
    return _PUBLISHED.sub("status: 草稿\n", _RELEASE.sub("", text))


def build(repo: Path, county: Path, commits: int, seed: int = 2015, drafts: bool = False) -> None:
    """Write a repository of `commits` commits over the county, through one git fast-import.

    With `drafts`, the edited catalogs and evaluations are drafts until the last commit publishes them (the
    numbers edited in the drafts kept)."""
    files = _county_files(county)
    published = dict(files)  # each file as it is once published (the same as `files` without `drafts`)
    if drafts:
        files = {path: _draft(text) for path, text in files.items()}
    editable = [p for p in files if any(p.startswith(k) for k in _NUMBERS)]
    rng = random.Random(seed)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    importer = subprocess.Popen(["git", "-C", str(repo), "fast-import", "--quiet"], stdin=subprocess.PIPE)
    assert importer.stdin is not None
    out = importer.stdin
    try:
        for number in range(commits):
            when = START + number * STEP
            out.write(b"commit refs/heads/main\n")
            out.write(b"author \xe5\xbc\xa0\xe4\xb8\x89 <zhangsan@example.org> %d +0800\n" % when)
            out.write(b"committer CI <ci@example.org> %d +0800\n" % when)
            if number == 0:
                out.write(_data("导入东海县记录"))
                for path, text in files.items():
                    out.write(b"M 100644 inline " + path.encode() + b"\n" + _data(text))
                continue
            if number == commits // 2 and "catalogs/assist/2016.yaml" in files:
                out.write(_data("2016 年目录改用 .yml\n\nReviewed-by: 李四 <lisi@example.org>"))
                files["catalogs/assist/2016.yml"] = files.pop("catalogs/assist/2016.yaml")
                published["catalogs/assist/2016.yml"] = published.pop("catalogs/assist/2016.yaml")
                editable = [p.replace("2016.yaml", "2016.yml") for p in editable]
                out.write(b"D catalogs/assist/2016.yaml\n")
                out.write(b"M 100644 inline catalogs/assist/2016.yml\n" + _data(files["catalogs/assist/2016.yml"]))
                continue
            if drafts and number == commits - 1:
                out.write(_data("发布目录，评估结果公示\n\nReviewed-by: 李四 <lisi@example.org>"))
                for path in [p for p in files if files[p] != published[p]]:
                    out.write(b"M 100644 inline " + path.encode() + b"\n" + _data(published[path]))
                continue
            path = rng.choice(editable)
            pattern = next(v for k, v in _NUMBERS.items() if path.startswith(k))
            index = rng.randrange(len(re.findall(pattern, files[path])))
            old = new = 0
            for texts in (files, published):  # the same number in the draft and in what will be published
                hit = list(re.finditer(pattern, texts[path]))[index]
                old = int(hit.group(1))
                new = new or (max(1, old + rng.choice([-1, 1]) * max(1, old // 10)) if "survey" not in pattern
                              else rng.randint(70, 99))
                texts[path] = texts[path][:hit.start(1)] + str(new) + texts[path][hit.end(1):]
            out.write(_data(f"调整 {path}：{old} → {new}\n\nReviewed-by: 李四 <lisi@example.org>"))
            out.write(b"M 100644 inline " + path.encode() + b"\n" + _data(files[path]))
    finally:
        out.close()
        importer.wait()
    subprocess.run(["git", "-C", str(repo), "checkout", "-q", "-f", "main"], check=True)


def _best(repeat: int, job: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        best = min(best, time.perf_counter() - start)
    return best


def _catfile_blobs(repo: Path, shas: list[str]) -> int:
    """Read blobs through a `git cat-file --batch` of our own (zsht's reader before gitpython)."""
    process = subprocess.Popen(["git", "-C", str(repo), "cat-file", "--batch"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE)
    assert process.stdin is not None and process.stdout is not None
    total = 0
    for sha in shas:
        process.stdin.write(sha.encode() + b"\n")
        process.stdin.flush()
        size = int(process.stdout.readline().split()[2])
        total += len(process.stdout.read(size + 1)[:size])
    process.stdin.close()
    process.wait()
    return total


def plumbing(repo: Path, repeat: int, sample: int = 200) -> None:
    """Each git job zsht does, timed our way and gitpython's way, in this process."""
    import git

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:8.1f} ms"

    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import git"], check=True)
    bare = _best(1, lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))
    print(f"{'import git (extra process start-up)':52s} {ms(time.perf_counter() - start - bare)}")
    listed = subprocess.run(["git", "-C", str(repo), "rev-list", "--objects", "--all"], capture_output=True,
                            text=True, check=True).stdout.split()
    objects = [s for s in listed if len(s) == 40]
    kinds = subprocess.run(["git", "-C", str(repo), "cat-file", "--batch-check"], input="\n".join(objects) + "\n",
                           capture_output=True, text=True, check=True).stdout.splitlines()
    blobs = [line.split()[0] for line in kinds if line.split()[1] == "blob"]
    rows: list[tuple[str, Callable[[], object]]] = []
    rev = ["git", "-C", str(repo), "rev-parse", "--verify", "-q", "--end-of-options", "HEAD~5^{commit}"]
    with git.Repo(repo) as gp:
        rows += [
            ("find the repository: git rev-parse --show-toplevel",
             lambda: subprocess.run(["git", "-C", str(repo), "rev-parse", "--show-toplevel", "--show-prefix"],
                                    capture_output=True, check=True)),
            ("find the repository: git.Repo(search_parent_directories)",
             lambda: git.Repo(repo, search_parent_directories=True).close()),
            ("resolve a revision: git rev-parse (subprocess)", lambda: subprocess.run(rev, capture_output=True)),
            ("resolve a revision: repo.git.rev_parse (gitpython)", lambda: gp.git.rev_parse(*rev[4:])),
            ("resolve a revision: repo.commit (gitpython, own parser)", lambda: gp.commit("HEAD~5").hexsha),
            (f"read {len(blobs)} blobs: our cat-file --batch", lambda: _catfile_blobs(repo, blobs)),
            (f"read {len(blobs)} blobs: repo.odb (gitpython cat-file)",
             lambda: [gp.odb.stream(bytes.fromhex(s)).read() for s in blobs]),
            ("log with changed files, all commits: our one stream",
             lambda: subprocess.run(["git", "-C", str(repo), "log", "--full-history", "--no-renames", "--raw", "-z",
                                     "--no-abbrev", "--topo-order", "--format=%x1e%H%x1f%P%x1f%an"],
                                    capture_output=True, check=True)),
            (f"log with changed files, {sample} commits: iter_commits + diff",
             lambda: [[d.b_path for d in (c.parents[0].diff(c) if c.parents else [])]
                      for c in gp.iter_commits("HEAD", max_count=sample)]),
        ]
        for label, job in rows:
            print(f"{label:52s} {ms(_best(repeat if 'iter_commits' not in label else 1, job))}")


def timed(repeat: int, *args: str, sources: list[Path | None]) -> tuple[list[float], str]:
    """Best wall time of a `zsht` command (a fresh process, as a user runs it) with each of `sources` (a src
    folder put first on PYTHONPATH, or None for the zsht this Python finds), runs interleaved so that a busy
    machine weighs on all alike; and the command's first line."""
    best, first = [float("inf")] * len(sources), ""
    for _ in range(repeat):
        for index, source in enumerate(sources):
            env = dict(os.environ)
            if source is not None:
                env["PYTHONPATH"] = os.pathsep.join([str(source), *filter(None, [env.get("PYTHONPATH")])])
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "zsht", *args], capture_output=True, text=True, check=False,
                                  env=env)
            best[index] = min(best[index], time.perf_counter() - start)
            if done.returncode not in (0, 1):
                raise SystemExit(f"zsht {' '.join(args)} failed: {done.stderr}")
            first = first or (done.stdout.splitlines() or [""])[0]
    return best, first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--county", type=Path, default=ROOT / "examples" / "donghai")
    parser.add_argument("--repo", type=Path, help="keep the repository here (default: a temporary folder)")
    parser.add_argument("--item", default="XZ-001")
    parser.add_argument("--drafts", action="store_true",
                        help="edit drafts (catalogs before 发布, evaluations before 已评定) and publish them at the end")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--plumbing", action="store_true", help="also time each git job our way and gitpython's")
    parser.add_argument("--against", type=Path, action="append", default=[],
                        help="another zsht's src folder (e.g. from `git archive v0.1.0 src`), timed in a column of its own")
    args = parser.parse_args()
    for name, value in {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}.items():
        os.environ[name] = value
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from compiled import compile_zsht

    compile_zsht(None, *args.against)
    workdir = Path(tempfile.mkdtemp(prefix="zsht-bench-history-"))
    repo = args.repo or workdir / "county"
    try:
        start = time.perf_counter()
        if not (repo / ".git").exists():
            build(repo, args.county, args.commits, drafts=args.drafts)
        print(f"repository: {args.commits} commits over {args.county.name}"
              f"{' (drafts edited, published at the end)' if args.drafts else ''}, "
              f"built in {time.perf_counter() - start:.1f} s")
        # A year back, or half the history when it is shorter (an empty BASE would make it HEAD..HEAD).
        skip = min(365 * 24 * 3600 // STEP, args.commits // 2)
        year_ago = subprocess.run(["git", "-C", str(repo), "rev-list", "-1", f"--skip={skip}", "HEAD"],
                                  capture_output=True, text=True, check=True).stdout.strip()
        print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
              f"Python {platform.python_version()}")
        if args.against:
            print(f"{'':40s} {'this':>8s} " + "".join(f"{'against ' + str(i + 1):>9s}" for i in range(len(args.against)))
                  + "   " + ", ".join(f"{i + 1}: {path}" for i, path in enumerate(args.against)))
        for label, command in (
            (f"zsht history {args.item}", ["history", args.item]),
            ("zsht diff <a year ago>..HEAD", ["diff", f"{year_ago}..HEAD"]),
            ("zsht diff (merge base → working tree)", ["diff"]),
            ("zsht audit (all commits)", ["audit"]),
            ("zsht --help (Python start-up)", ["--help"]),
        ):
            seconds, first = timed(args.repeat, "-C", str(repo), *command, sources=[None, *args.against])
            figures = "".join(f"{s:6.2f} s " for s in seconds)
            print(f"{label:40s} {figures}  {first[:60]}")
        if args.plumbing:
            plumbing(repo, args.repeat)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
