"""Time `zsht province` on many counties against `zsht validate` run on each county one after the other.

    python benchmarks/bench_province.py                                   # 100 counties, 21,000 committees
    python benchmarks/bench_province.py --counties 10 --communities 500   # a quick look

Both sides are fresh processes started from this one, run in the same session on the same generated counties
(benchmarks/make_counties.py), first with zsht's load cache off (ZSHT_NO_CACHE=1), then with it warm. The ratio is
province ÷ the sum of the validates; target ≤ 1.0x on 2 cores. Peak memory is the largest resident set of any
process on the province side (ru_maxrss of its children, workers included); target < 2 GiB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
if done.returncode not in (0, 1):
    sys.exit(done.stderr.decode()[-800:])
print(json.dumps([wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))
"""


def measured(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds of `command` and the largest resident set (KiB) of it and every process it waited for."""
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr}")
    wall, peak = json.loads(done.stdout)
    return float(wall), int(peak)


def sides(listing: Path, counties: list[Path], year: int, env: dict[str, str]) -> tuple[float, float, int, int]:
    """(validates' wall, province's wall, validates' peak KiB, province's peak KiB)."""
    sequential, seq_peak = 0.0, 0
    for root in counties:
        wall, peak = measured([sys.executable, "-m", "zsht", "-C", str(root), "validate"], env)
        sequential += wall
        seq_peak = max(seq_peak, peak)
    out = listing.parent / "out"
    province, peak = measured([sys.executable, "-m", "zsht", "province", "--list", str(listing), "--year", str(year),
                               "-o", str(out)], env)
    return sequential, province, seq_peak, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counties", type=int, default=100)
    parser.add_argument("--communities", type=int, default=21000)
    parser.add_argument("--work", type=Path, help="generate into (or reuse, with --reuse) this folder")
    parser.add_argument("--reuse", action="store_true", help="the counties in --work are already generated")
    parser.add_argument("--cache", choices=("off", "warm", "both"), default="both", help="which runs to time")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="zsht-province-"))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from make_counties import make_counties

    started = time.perf_counter()
    listing = work / "province.yaml" if args.reuse else make_counties(work, args.counties, args.communities)
    counties = sorted(p for p in work.iterdir() if (p / "zsht.yaml").is_file())
    print(f"{len(counties)} counties, {args.communities} committees ({time.perf_counter() - started:.0f} s to make); "
          f"{os.cpu_count()} processors")
    env = {**os.environ, "ZSHT_CACHE_DIR": str(work / ".cache")}
    runs = (("no cache", {**env, "ZSHT_NO_CACHE": "1"}), ("cache warm", env))
    for label, side_env in runs[1:] if args.cache == "warm" else runs[:1] if args.cache == "off" else runs:
        if label == "cache warm":
            sides(listing, counties, 2015, env)  # fills the cache of every county
        sequential, province, seq_peak, peak = sides(listing, counties, 2015, side_env)
        print(f"{label:>10}: validate × {len(counties)} one after another {sequential:7.1f} s | "
              f"zsht province {province:7.1f} s | ratio {province / sequential:.2f}x | "
              f"peak RSS validate {seq_peak / 1024:.0f} MiB, province {peak / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
