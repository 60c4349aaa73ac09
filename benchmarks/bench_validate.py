"""Time `zsht validate` against the bare cost of parsing the same YAML files with a C YAML parser.

    python benchmarks/bench_validate.py --communities 21000 [--repo DIR]

The floor is reading every .yaml file and loading it with PyYAML's CSafeLoader (libyaml), nothing else.
The target is validate within 1.5x of that floor. Both are measured in the same run, interleaved, best of --repeat.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

import yaml

from zsht import validate


def parse_floor(root: Path) -> int:
    """Read and C-parse every YAML file below `root`; return how many."""
    count = 0
    for folder, _, names in os.walk(root):
        for name in names:
            if name.endswith(".yaml"):
                with open(os.path.join(folder, name), encoding="utf-8") as stream:
                    yaml.load(stream.read(), Loader=yaml.CSafeLoader)
                count += 1
    return count


def seconds(function: object, *args: object) -> float:
    start = time.perf_counter()
    function(*args)  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communities", type=int, default=21000)
    parser.add_argument("--repo", type=Path, help="an existing repository from make_province.py")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.repo is None:
        from make_province import make_province

        args.repo = Path(tempfile.mkdtemp(prefix="zsht-province-"))
        make_province(args.repo, args.communities)
    files = parse_floor(args.repo)  # warms the file cache for both sides
    result = validate(args.repo)
    assert not result.findings, f"the generated repository has findings: {result.findings[:3]}"
    del result
    floor = checked = float("inf")
    for _ in range(args.repeat):  # interleaved, so that other work on the machine slows both sides alike
        floor = min(floor, seconds(parse_floor, args.repo))
        checked = min(checked, seconds(validate, args.repo))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"repository: {args.repo} ({files} YAML files, {args.communities} committees)")
    print(f"C YAML parse floor : {floor:7.2f} s")
    print(f"zsht validate      : {checked:7.2f} s")
    print(f"ratio              : {checked / floor:7.2f}x  (target ≤ 1.5x)")


if __name__ == "__main__":
    main()
