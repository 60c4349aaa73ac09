"""Generate many synthetic county repositories and a province.yaml listing them.

    python benchmarks/make_counties.py --counties 100 --communities 21000 OUT

Jiangsu has about 100 counties and 21,000 village and residents' committees: this writes OUT/c000 … OUT/c099, each a
county of make_province.py (its committees split evenly, with its own name and code), and OUT/province.yaml.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from make_province import CONFIG, make_province


def make_counties(out: Path, counties: int, communities: int) -> Path:
    """Write the counties under `out` (replacing it) and return the path of their province.yaml."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    lines = ["province: 江苏省（合成）", "counties:"]
    for n in range(counties):
        share = communities // counties + (1 if n < communities % counties else 0)
        root = out / f"c{n:03d}"
        make_province(root, max(share, 1), seed=2015 + n)
        name, code = f"合成{n}县", f"{320000 + 100 + n:06d}"
        config = CONFIG.replace("county: 江苏省（合成）", f"county: {name}").replace('code: "320000"', f'code: "{code}"')
        (root / "zsht.yaml").write_text(config, encoding="utf-8")
        lines.append(f"  - {{path: c{n:03d}, name: {name}, code: '{code}'}}")
    listing = out / "province.yaml"
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return listing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counties", type=int, default=100, help="县级仓库数量")
    parser.add_argument("--communities", type=int, default=21000, help="村（居）委会总数")
    parser.add_argument("out", type=Path, help="输出目录（会被替换）")
    args = parser.parse_args()
    listing = make_counties(args.out, args.counties, args.communities)
    print(f"wrote {args.counties} counties, {args.communities} committees in all; listing {listing}")


if __name__ == "__main__":
    main()
