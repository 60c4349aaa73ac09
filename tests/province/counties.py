"""Five example-like counties: copies of examples/donghai under other names and codes, each with one edit."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..conftest import EXAMPLE

# name, code, and what is changed in the copy (see `make_counties`)
COUNTIES = (("甲县", "320701"), ("乙县", "320702"), ("丙县", "320703"), ("丁县", "320704"), ("戊县", "320705"))
RENAMED = "尊老金申领协助（丁县自定）"
OLD_NAME = "尊老金（高龄津贴）申领协助和资格年审"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def copy_county(root: Path, name: str, code: str) -> Path:
    """examples/donghai as another county: its name, code and departments' names changed."""
    shutil.copytree(EXAMPLE, root)
    _replace(root / "zsht.yaml", "county: 东海县", f"county: {name}")
    _replace(root / "zsht.yaml", 'code: "320722"', f'code: "{code}"')
    _replace(root / "registry/departments.yaml", "东海县", name)
    for registry in [root / "registry/townships.yaml", *sorted((root / "registry/communities").glob("*.yaml"))]:
        _replace(registry, 'code: "320722', f'code: "{code}')
        registry.write_text(registry.read_text(encoding="utf-8").replace("东海县", name), encoding="utf-8")
    return root


def make_counties(base: Path) -> list[Path]:
    """The five counties under `base`, in order:
    甲县 unchanged; 乙县 without its 2026 agreement with 北辰村 (17 items, 27,200 yuan);
    丙县 with an error (an unknown key in a law); 丁县 whose 2026 assist list renames 尊老金 (beyond the reference);
    戊县 without its 2015 evaluation of 安峰山村 (良好, 20,000 yuan settled)."""
    roots = [copy_county(base / code, name, code) for name, code in COUNTIES]
    (roots[1] / "agreements/2026/shilianghe/shilianghe-beichen.yaml").unlink()
    _replace(roots[2] / "legal/tongji-law.yaml", "articles: 50", "articles: 50\nchapters: 7")
    _replace(roots[3] / "catalogs/assist/2026.yaml", f"name: {OLD_NAME}", f"name: {RENAMED}")
    (roots[4] / "evaluations/2015/niushan/niushan-anfengshan.yaml").unlink()
    return roots
