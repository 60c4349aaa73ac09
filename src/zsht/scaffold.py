"""`zsht init`: a new county repository that validates clean from the first minute."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from .errors import UserError
from .layout import CONFIG_FILE
from .schema_export import write_schemas
from .write import write_atomic

WORKFLOW = """\
# Example GitHub Actions workflow for a county repository: copy to .github/workflows/zsht.yml.
# Every pull request is validated (findings appear as annotations on the changed lines), its record-level
# changes are posted as one comment that later pushes update, and its commits are audited.
# zsht is installed from PyPI; to pin a version or install from a git repository, set the repository variable
# ZSHT_PACKAGE (Settings → Secrets and variables → Actions → Variables), e.g. zsht==0.1.0 or git+https://….
name: zsht
on:
  pull_request:
  push:
    branches: [main]
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # zsht diff and zsht audit read the history
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: 安装 zsht
        run: pip install "${{ vars.ZSHT_PACKAGE || 'zsht' }}"
      - name: 校验记录
        run: zsht validate --format github
      - name: SARIF for code scanning
        if: always()
        run: zsht validate --format sarif -o zsht.sarif || true
      - uses: github/codeql-action/upload-sarif@v3
        if: always()
        with:
          sarif_file: zsht.sarif
  review:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    permissions:
      pull-requests: write
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: 安装 zsht
        run: pip install "${{ vars.ZSHT_PACKAGE || 'zsht' }}"
      - name: 记录级改动（评论到合并请求）
        env:
          GH_TOKEN: ${{ github.token }}
          PR: ${{ github.event.pull_request.number }}
          BASE: origin/${{ github.base_ref }}
        run: |
          zsht diff --format markdown "$BASE...HEAD" > zsht-diff.md
          gh pr comment "$PR" --body-file zsht-diff.md --edit-last || gh pr comment "$PR" --body-file zsht-diff.md
      - name: 审计本次合并请求的提交
        run: zsht audit "origin/${{ github.base_ref }}..HEAD"
"""

PRE_COMMIT = """\
# zsht 校验：每次提交前检查全部记录（需已安装 zsht）。
repos:
  - repo: local
    hooks:
      - id: zsht-validate
        name: zsht validate
        entry: zsht validate
        language: system
        pass_filenames: false
        files: \\.(ya?ml)$
"""


def _config(county: str, code: str) -> str:
    return f"""\
# yaml-language-server: $schema=schemas/county.schema.json
# {county}政社互动记录仓库的县级设置。评估权重、等次线和兑现比例请按本县办法修改。
county: {county}
code: "{code}"
main_branch: main
evaluation:
  # 多元评估主体各类别的权重，合计 1
  panel_weights:
    党政机关: 0.25
    政府部门: 0.20
    社会组织: 0.10
    村居干部: 0.10
    群众代表: 0.25
    专家学者: 0.10
  # 第三方满意度测评在履约得分中的权重
  survey_weight: 0.2
  grades:
    - {{grade: 优秀, min: 90}}
    - {{grade: 良好, min: 80}}
    - {{grade: 合格, min: 60}}
    - {{grade: 不合格, min: 0}}
  # 各等次兑现经费的比例
  settlement: {{优秀: 1.1, 良好: 1.0, 合格: 1.0, 不合格: 0.8}}
  min_panel_categories: 3
  # 村（居）委会评政府的履职指标，满分合计 100
  government_criteria:
    - {{id: ZF-01, name: 委托经费足额按时拨付, max: 40}}
    - {{id: ZF-02, name: 工作指导和业务培训到位, max: 30}}
    - {{id: ZF-03, name: 未将协议外事项转嫁村（居）委会, max: 30}}
audit:
  # 确定审核人（如县法制办）后改为 true：此后改动记录的提交须在说明末尾带
  # “Reviewed-by: 姓名 <邮箱>”或“Approved-by: …”（提交者本人不算），zsht audit 会报告缺少审核的提交。
  require_review: false
  require_signed: false
  # 有权审核的人；填写后只认名单中的人，如 ["李四 <lisi@example.org>"]
  reviewers: []
"""


def _files(county: str, code: str, year: int) -> dict[str, str]:
    def modeline(relpath: str, kind: str) -> str:
        up = "../" * relpath.count("/")
        return f"# yaml-language-server: $schema={up}schemas/{kind}.schema.json\n"

    catalog = "title: {title}\nyear: {year}\nstages: []\nitems: []\n"
    files = {
        CONFIG_FILE: _config(county, code),
        "registry/townships.yaml": "townships: []\n",
        "registry/departments.yaml": "departments: []\n",
        "registry/social_orgs.yaml": "social_orgs: []\n",
        f"catalogs/duty/{year}.yaml": catalog.format(title=f"{county}村（居）民委员会依法履行职责事项", year=year),
        f"catalogs/assist/{year}.yaml": catalog.format(title=f"{county}村（居）民委员会协助政府工作事项", year=year),
        f"catalogs/negative/{year}.yaml": f"title: {county}村（居）民委员会减负工作事项清单\nyear: {year}\nitems: []\n",
    }
    kinds = {"registry/townships.yaml": "townships", "registry/departments.yaml": "departments",
             "registry/social_orgs.yaml": "social_orgs", f"catalogs/duty/{year}.yaml": "duty",
             f"catalogs/assist/{year}.yaml": "assist", f"catalogs/negative/{year}.yaml": "negative"}
    for relpath, kind in kinds.items():
        files[relpath] = modeline(relpath, kind) + files[relpath]
    for folder in ("registry/communities", "legal", "access", "agreements", "evaluations", "purchases", "notices"):
        files[f"{folder}/.gitkeep"] = ""
    files[".pre-commit-config.yaml"] = PRE_COMMIT
    files[".github/workflows/zsht.yml"] = WORKFLOW
    return files


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=False)


def init_county(folder: Path, county: str, code: str, year: int | None = None, *, git: bool = True) -> bool:
    """Create a county repository in `folder`; return whether a first commit was made."""
    if not county.strip():
        raise UserError("--county 不能为空", hint="如 --county 东海县")
    if not (len(code) == 6 and code.isdigit()):
        raise UserError(f"行政区划代码应为 6 位数字，现为“{code}”", hint="如 --code 320722")
    if (folder / CONFIG_FILE).exists():
        raise UserError(f"{folder / CONFIG_FILE} 已存在，这里已是县级记录仓库")
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} 不是目录")
    for relpath, text in _files(county.strip(), code, year or dt.date.today().year).items():
        write_atomic(folder / relpath, text.encode("utf-8"))
    write_schemas(folder / "schemas")
    if not git:
        return False
    inside = _git(folder, "rev-parse", "--is-inside-work-tree").returncode == 0
    if inside:
        return False  # an existing repository: the user commits when ready
    if _git(folder, "init", "-q", "-b", "main").returncode != 0:
        raise UserError("git init 失败", hint="检查是否已安装 git")
    identity = [] if _git(folder, "config", "user.name").stdout.strip() else ["-c", "user.name=zsht", "-c",
                                                                            "user.email=zsht@localhost"]
    _git(folder, "add", "-A")
    done = _git(folder, *identity, "commit", "-q", "-m", f"{county}政社互动记录仓库：由 zsht init 创建")
    if done.returncode != 0:
        raise UserError(f"首次提交失败：{done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ''}")
    return True
