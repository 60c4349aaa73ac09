"""Time `zsht import catalog` of a 60-item Word list: zsht's own time, in this process (no interpreter start-up).

    python benchmarks/bench_import.py [--items 60] [--repeat 5] [--county examples/donghai]

The list is shaped like a county's 协助事项 document: a title, a two-row header (权随责走 over 权限 | 工作条件),
a category row merged across the table every ten items, departments by their abbreviations, legal bases by
short names and article numbers in Chinese, funding texts. It is imported into a copy of the county (reading
the Word file, the legal register and the departments, mapping, writing the catalog), best of --repeat, the
first run included in nothing (python-docx, openpyxl and ruamel are imported before timing, as a running
`zsht` has them once it reads a file). Target: under one second.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.0  # seconds
DEPARTMENTS = ["县民政局", "县人社局", "县卫计委", "县残联", "县人武部", "县食药监局", "县老龄办", "县司法局"]
BASES = ["《中华人民共和国村民委员会组织法》第二十一条、第二十五条", "《村委会组织法》第21条", "《残保法》第十七条至第十九条",
         "《社会救助暂行办法》第十一条；《城市居民最低生活保障条例》第七条", "《兵役法》第十二条"]
FUNDING = ["每村（社区）每年２０００元，县财政列支，年初拨付50%", "每年每村1,500元，县民政局专项经费，年终结算",
           "每村每年五百元，县财政列支"]


def make_list(path: Path, items: int) -> None:
    """A Word list of `items` assisted tasks (see the module's docstring)."""
    from docx import Document

    header = ["序号", "事项名称", "责任部门", "法律依据", "工作要求", "考核评价", "权随责走", "权随责走", "经费保障"]
    document = Document()
    document.add_paragraph("东海县村（居）民委员会协助政府工作事项清单")
    table = document.add_table(rows=2, cols=len(header))
    for column, title in enumerate(header):
        table.cell(0, column).text = title
        table.cell(1, column).text = {6: "权限", 7: "工作条件"}.get(column, title)
    for column in (0, 1, 2, 3, 4, 5, 8):
        table.cell(0, column).merge(table.cell(1, column)).text = header[column]
    table.cell(0, 6).merge(table.cell(0, 7)).text = "权随责走"
    for number in range(1, items + 1):
        if number % 10 == 1:
            cells = table.add_row().cells
            cells[0].merge(cells[-1]).text = f"{'一二三四五六七八九十'[number // 10 % 10]}、第{number // 10 + 1}类（10项）"
        row = table.add_row().cells
        texts = [f"{number}.", f"协助事项{number}", DEPARTMENTS[number % len(DEPARTMENTS)], BASES[number % len(BASES)],
                 f"按要求完成协助事项{number}，做到及时准确", "查阅台账，入户抽查", "查阅有关登记信息", "使用信息系统",
                 FUNDING[number % len(FUNDING)]]
        for cell, text in zip(row, texts, strict=True):
            cell.text = text
    document.save(str(path))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--county", type=Path, default=ROOT / "examples" / "donghai")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from zsht.imports.catalog import import_catalog
    from zsht.imports.writing import catalog_bytes  # noqa: F401 - imported before timing, as noted above

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "county"
        shutil.copytree(args.county, root)
        source = Path(folder) / "协助事项清单.docx"
        make_list(source, args.items)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = import_catalog(root, source, "assist", 2099, force=True)
            times.append(time.perf_counter() - start)
        assert len(result.items) == args.items, len(result.items)
    best = min(times)
    print(f"Python {platform.python_version()}, {platform.machine()}")
    print(f"zsht import catalog，{args.items} 项的 Word 清单：最好 {best:.3f} 秒，"
          f"中位 {sorted(times)[len(times) // 2]:.3f} 秒（{args.repeat} 次；目标 < {TARGET:.0f} 秒）")
    return 0 if best < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
