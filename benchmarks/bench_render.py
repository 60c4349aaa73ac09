"""Render the agreements of a 500-committee county with zsht, and the same agreements with docxtpl.

    pip install -e '.[bench]'
    python benchmarks/bench_render.py [--communities 500] [--repo DIR]

Both sides render agreements to .docx files on disk, from the same resolved data (loading and checking the
county, done once, is timed separately). zsht renders all of them with one worker and with two; docxtpl,
which is an order of magnitude slower, renders the first --docxtpl-documents of them, loading its template
for each document as its documentation asks. Each is timed --repeat times, interleaved, and the best run
counts (other work on the machine only ever slows a run down). Prints documents per second and ratios.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_province import make_province  # noqa: E402
from render_docxtpl import context, make_template  # noqa: E402

from zsht.render.agreements import latest_year, plan_agreements  # noqa: E402
from zsht.render.batch import run_plan  # noqa: E402
from zsht.render.paths import output_path  # noqa: E402
from zsht.validate import validate  # noqa: E402


def time_zsht(plan: object, root: Path, out: Path, workers: int) -> float:
    """Seconds to render every job into an empty folder with `workers` processes."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    result = run_plan(plan, root, out, workers)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - start
    assert result.count("rendered") == len(plan.jobs), "not every document was rendered"  # type: ignore[attr-defined]
    return elapsed


def time_docxtpl(plan: object, template: Path, out: Path, documents: int) -> float:
    """Seconds for docxtpl to render the first `documents` of the same documents, one process."""
    from docxtpl import DocxTemplate

    shutil.rmtree(out, ignore_errors=True)
    source = template.read_bytes()
    start = time.perf_counter()
    for job in plan.jobs[:documents]:  # type: ignore[attr-defined]
        document = DocxTemplate(io.BytesIO(source))
        document.render(context(job.context["agreement"]))
        target = output_path(out, job.output)
        target.parent.mkdir(parents=True, exist_ok=True)
        document.save(str(target))
    return time.perf_counter() - start


def _busy(rounds: int) -> int:
    """Pure CPU work of the kind rendering does (building strings and dicts, deflating), no I/O."""
    import zlib

    data = bytes(range(256)) * 1024
    total = 0
    for _ in range(rounds):
        total += len(zlib.compress(data, 6)) + sum({str(k): k for k in range(3000)}.values())
    return total


def time_ceiling(rounds: int = 200) -> tuple[float, float]:
    """Seconds for the same CPU-bound work in one process and split over two: what this machine allows."""
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    _busy(rounds)
    one = time.perf_counter() - start
    with ProcessPoolExecutor(2) as pool:
        pool.submit(_busy, 1).result()
        start = time.perf_counter()
        list(pool.map(_busy, [rounds // 2, rounds - rounds // 2]))
        two = time.perf_counter() - start
    return one, two


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communities", type=int, default=500, help="村（居）委会数量")
    parser.add_argument("--repo", type=Path, help="已生成的仓库（不生成新的）")
    parser.add_argument("--repeat", type=int, default=3, help="每项重复次数，取最快一次")
    parser.add_argument("--docxtpl-documents", type=int, default=100, help="docxtpl 每次生成的文档数")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zsht-bench-render-") as scratch:
        work = Path(scratch)
        root = args.repo or work / "county"
        if args.repo is None:
            make_province(root, args.communities)
        start = time.perf_counter()
        checked = validate(root)
        plan = plan_agreements(checked.county, checked.findings, latest_year(checked.county), None, None)
        load = time.perf_counter() - start
        count = len(plan.jobs)
        print(f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores; "
              f"{count} agreements; load + check + plan {load:.2f} s (once, not counted below)")
        template = make_template(work / "agreement-docxtpl.docx")
        sample = min(count, args.docxtpl_documents)
        best = {"zsht1": float("inf"), "zsht2": float("inf"), "docxtpl": float("inf"),
                "cpu1": float("inf"), "cpu2": float("inf")}
        for _ in range(args.repeat):
            cpu1, cpu2 = time_ceiling()
            best["cpu1"], best["cpu2"] = min(best["cpu1"], cpu1), min(best["cpu2"], cpu2)
            best["zsht1"] = min(best["zsht1"], time_zsht(plan, root, work / "zsht1", 1))
            best["zsht2"] = min(best["zsht2"], time_zsht(plan, root, work / "zsht2", 2))
            best["docxtpl"] = min(best["docxtpl"], time_docxtpl(plan, template, work / "docxtpl", sample))
        one, two, tpl = best["zsht1"], best["zsht2"], best["docxtpl"]
        rate = {"zsht1": count / one, "zsht2": count / two, "docxtpl": sample / tpl}
        print(f"docxtpl (1 process)  {rate['docxtpl']:8.1f} documents/s  ({tpl:.2f} s for {sample})")
        print(f"zsht    (1 worker)   {rate['zsht1']:8.1f} documents/s  ({one:.2f} s)  "
              f"{rate['zsht1'] / rate['docxtpl']:.1f}x docxtpl")
        print(f"zsht    (2 workers)  {rate['zsht2']:8.1f} documents/s  ({two:.2f} s)  "
              f"{rate['zsht2'] / rate['docxtpl']:.1f}x docxtpl, {rate['zsht2'] / rate['zsht1']:.2f}x one worker")
        ceiling = best["cpu1"] / best["cpu2"]
        print(f"this machine: the same pure CPU work split over 2 processes runs {ceiling:.2f}x faster than in one "
              f"(the ceiling for --jobs 2); zsht reaches {rate['zsht2'] / rate['zsht1'] / ceiling:.0%} of it")


if __name__ == "__main__":
    main()
