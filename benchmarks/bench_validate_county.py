"""Time a whole `zsht validate` process, start-up included, against a bare Python process that parses the same files.

    python benchmarks/bench_validate_county.py                      # the example county (examples/donghai)
    python benchmarks/bench_validate_county.py --communities 600    # a generated county (make_province.py)

The floor is a fresh `python` that reads every .yaml file and loads it with PyYAML's CSafeLoader (libyaml), nothing
else. zsht is timed three ways, each a fresh process on a copy of the county: with no cache (ZSHT_NO_CACHE=1); with
its load cache warm and nothing changed; and warm with one file changed before each run, as in a pre-commit hook
(a comment line added to a different record each time). All sides are interleaved, best of --repeat, so that other
work on the machine slows them alike. Targets: ≤ 1.0x at 600 committees, ≤ 1.5x on the example county.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "donghai"
FLOOR = """
import os, sys, yaml
for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        if name.endswith(".yaml"):
            with open(os.path.join(folder, name), encoding="utf-8") as stream:
                yaml.load(stream.read(), Loader=yaml.CSafeLoader)
"""


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one child process (its output discarded; it must not fail)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communities", type=int, help="generate a county of this many committees")
    parser.add_argument("--repo", type=Path, help="an existing county (copied first; default: the example county)")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="zsht-bench-"))
    root = work / "county"
    if args.communities:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from make_province import make_province

        make_province(root, args.communities)
    else:
        shutil.copytree(args.repo or EXAMPLE, root)
    files = sorted(root.rglob("*.yaml"))
    records = [p for p in files if p.parts[-4:-3] in (("agreements",), ("evaluations",))] or files
    env = {**os.environ, "ZSHT_CACHE_DIR": str(work / "cache")}
    env.pop("ZSHT_NO_CACHE", None)
    zsht = [sys.executable, "-m", "zsht", "-C", str(root), "validate"]
    sides = {
        "C YAML parse floor": ([sys.executable, "-c", FLOOR, str(root)], env),
        "zsht, no cache": (zsht, {**env, "ZSHT_NO_CACHE": "1"}),
        "zsht, cache warm": (zsht, env),
        "zsht, 1 file changed": (zsht, env),
    }
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from compiled import compile_zsht

    compile_zsht(None)  # as pip leaves an installed zsht: without .pyc files every run would compile it again
    timed(zsht, env)  # warms the file cache and zsht's load cache (and fails early on a county with errors)
    best = {name: (float("inf"), float("inf")) for name in sides}
    for turn in range(args.repeat):
        for name, (command, side_env) in sides.items():
            if name.endswith("changed"):
                with records[turn * 7919 % len(records)].open("a", encoding="utf-8") as record:
                    record.write(f"# benchmark edit {turn}\n")
            wall, cpu = timed(command, side_env)
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"county: {len(files)} YAML files ({args.communities or 'example'} committees), best of {args.repeat}")
    floor_wall, floor_cpu = best["C YAML parse floor"]
    for name, (wall, cpu) in best.items():
        print(f"{name:22}: {wall:6.3f} s  ({wall / floor_wall:4.2f}x)   cpu {cpu:6.3f} s  ({cpu / floor_cpu:4.2f}x)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
