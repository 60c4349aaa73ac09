"""Time `zsht history` of one item and `zsht diff` across a year, on a repository of 5,000 commits.

    python benchmarks/bench_history.py [--commits 5000] [--county examples/donghai] [--repo DIR]

The repository is written with ONE `git fast-import` (a commit a few hours apart, about two years in all):
funding amounts in the assist catalogs, household counts in the registry, survey scores in evaluations,
and once in the middle the 2016 catalog renamed to .yml. Each command runs as a user runs it (a new
`zsht` process, Python start-up included), best of --repeat. Target: each under two seconds.
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


def build(repo: Path, county: Path, commits: int, seed: int = 2015) -> None:
    """Write a repository of `commits` commits over the county, through one git fast-import."""
    files = _county_files(county)
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
                editable = [p.replace("2016.yaml", "2016.yml") for p in editable]
                out.write(b"D catalogs/assist/2016.yaml\n")
                out.write(b"M 100644 inline catalogs/assist/2016.yml\n" + _data(files["catalogs/assist/2016.yml"]))
                continue
            path = rng.choice(editable)
            pattern = next(v for k, v in _NUMBERS.items() if path.startswith(k))
            matches = list(re.finditer(pattern, files[path]))
            hit = rng.choice(matches)
            old = int(hit.group(1))
            new = max(1, old + rng.choice([-1, 1]) * max(1, old // 10)) if "survey" not in pattern else rng.randint(70, 99)
            files[path] = files[path][:hit.start(1)] + str(new) + files[path][hit.end(1):]
            out.write(_data(f"调整 {path}：{old} → {new}\n\nReviewed-by: 李四 <lisi@example.org>"))
            out.write(b"M 100644 inline " + path.encode() + b"\n" + _data(files[path]))
    finally:
        out.close()
        importer.wait()
    subprocess.run(["git", "-C", str(repo), "checkout", "-q", "-f", "main"], check=True)


def timed(repeat: int, *args: str) -> tuple[float, str]:
    """Best wall time of a `zsht` command (a fresh process, as a user runs it), and its first line."""
    best, first = float("inf"), ""
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "zsht", *args], capture_output=True, text=True, check=False)
        best = min(best, time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"zsht {' '.join(args)} failed: {done.stderr}")
        first = (done.stdout.splitlines() or [""])[0]
    return best, first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--county", type=Path, default=ROOT / "examples" / "donghai")
    parser.add_argument("--repo", type=Path, help="keep the repository here (default: a temporary folder)")
    parser.add_argument("--item", default="XZ-001")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for name, value in {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}.items():
        os.environ[name] = value
    workdir = Path(tempfile.mkdtemp(prefix="zsht-bench-history-"))
    repo = args.repo or workdir / "county"
    try:
        start = time.perf_counter()
        if not (repo / ".git").exists():
            build(repo, args.county, args.commits)
        print(f"repository: {args.commits} commits over {args.county.name}, built in {time.perf_counter() - start:.1f} s")
        year_ago = subprocess.run(["git", "-C", str(repo), "rev-list", "-1", f"--skip={365 * 24 * 3600 // STEP}",
                                   "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
              f"Python {platform.python_version()}")
        for label, command in (
            (f"zsht history {args.item}", ["history", args.item]),
            ("zsht diff <a year ago>..HEAD", ["diff", f"{year_ago}..HEAD"]),
            ("zsht diff (merge base → working tree)", ["diff"]),
            ("zsht audit (all commits)", ["audit"]),
            ("zsht --help (Python start-up)", ["--help"]),
        ):
            seconds, first = timed(args.repeat, "-C", str(repo), *command)
            print(f"{label:40s} {seconds:6.2f} s   {first[:60]}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
