"""`zsht init`: a new county repository that validates clean from the first minute."""

from __future__ import annotations

import datetime as dt
import shutil
import unicodedata
from pathlib import Path

import yaml
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .errors import UserError
from .layout import CONFIG_FILE, KIND_BY_NAME, KINDS
from .roundtrip import dumped, round_trip
from .scaffold_examples import EXAMPLES
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

IGNORED = """\
# zsht 的工作文件，不进版本库：写入锁（不在 git 仓库中时）、被中断的批量写入的暂存区（下一次 zsht 会完成它）
.zsht.lock
.zsht-staging/
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


CONFIG = """\
# yaml-language-server: $schema=schemas/county.schema.json
# 本县政社互动记录仓库的县级设置。评估权重、等次线和兑现比例请按本县办法修改。
county: 县名
code: "000000"
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
    - {grade: 优秀, min: 90}
    - {grade: 良好, min: 80}
    - {grade: 合格, min: 60}
    - {grade: 不合格, min: 0}
  # 各等次兑现经费的比例
  settlement: {优秀: 1.1, 良好: 1.0, 合格: 1.0, 不合格: 0.8}
  min_panel_categories: 3
  # 村（居）委会评政府的履职指标，满分合计 100
  government_criteria:
    - {id: ZF-01, name: 委托经费足额按时拨付, max: 40}
    - {id: ZF-02, name: 工作指导和业务培训到位, max: 30}
    - {id: ZF-03, name: 未将协议外事项转嫁村（居）委会, max: 30}
audit:
  # 确定审核人（如县法制办）后改为 true：此后改动记录的提交须在说明末尾带
  # “Reviewed-by: 姓名 <邮箱>”或“Approved-by: …”（提交者本人不算），zsht audit 会报告缺少审核的提交。
  require_review: false
  require_signed: false
  # 有权审核的人；填写后只认名单中的人，如 ["李四 <lisi@example.org>"]
  reviewers: []
"""

# Characters a county's name may hold besides letters and digits: 东海县, 阿拉善左旗, 某某（新区）.
_NAME_PUNCTUATION = set("·（）()-")


def county_name_problem(name: str) -> str | None:
    """Why `name` cannot be a county's name (in Chinese), or None when it can.

    The name goes into zsht.yaml, catalog titles and commit messages: it must be one line of letters,
    with at least one Chinese character, and nothing YAML or a shell would read as syntax."""
    if not name:
        return "不能为空"
    if len(name) > 30:
        return f"过长（{len(name)} 个字符，最多 30 个）"
    for char in name:
        if not (char.isalnum() or char in _NAME_PUNCTUATION or unicodedata.category(char) in ("Mn", "Mc")):
            shown = char if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"
            return f"含有不能用于名称的字符“{shown}”"
    if not any(unicodedata.name(char, "").startswith("CJK") for char in name):
        return "应含有汉字"
    return None


def _text(value: str) -> str:
    """A string as the YAML dumper should write it: quoted when zsht's loader (YAML 1.1, PyYAML) would read
    it plain as something else (`yes` as true, `~` as null), which ruamel's YAML 1.2 dumper does not know."""
    tag: str = _YAML11.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    quoted: str = DoubleQuotedScalarString(value)
    return quoted if tag != "tag:yaml.org,2002:str" else value


_YAML11 = yaml.resolver.Resolver()


def _config(county: str, code: str) -> bytes:
    """zsht.yaml: the commented template above with the county's name and code put in by the YAML dumper."""
    yaml, data = round_trip(CONFIG)
    data["county"] = _text(county)
    data["code"] = DoubleQuotedScalarString(code)  # "320722" stays a string, and looks like one
    return dumped(yaml, data)


def _record(head: str, **fields: object) -> bytes:
    """A new record file written by the YAML dumper, never by formatting text."""
    yaml, _ = round_trip(None)
    return dumped(yaml, CommentedMap(fields), head)


def _files(county: str, code: str, year: int) -> dict[str, bytes]:
    def modeline(relpath: str, kind: str) -> str:
        up = "../" * relpath.count("/")
        return f"# yaml-language-server: $schema={up}schemas/{KIND_BY_NAME[kind].schema}\n"

    def catalog(relpath: str, kind: str, title: str) -> bytes:
        head = modeline(relpath, kind) + EXAMPLES[kind]
        if kind == "negative":
            return _record(head, title=_text(title), year=year, items=[])
        return _record(head, title=_text(title), year=year, stages=[], items=[])

    files = {CONFIG_FILE: _config(county, code)}
    for registry in KINDS:  # the county's one-file lists (registries) start empty
        if registry.records and "*" not in registry.pattern:
            head = modeline(registry.pattern, registry.name) + EXAMPLES.get(registry.name, "")
            files[registry.pattern] = _record(head, **{registry.records: []})
    titles = {"duty": f"{county}村（居）民委员会依法履行职责事项", "assist": f"{county}村（居）民委员会协助政府工作事项",
              "negative": f"{county}村（居）民委员会减负工作事项清单"}
    for kind, title in titles.items():
        relpath = f"catalogs/{kind}/{year}.yaml"
        files[relpath] = catalog(relpath, kind, title)
    for holder in KINDS:  # every folder of records left empty is kept in git, so the tree shows where records go
        folder = holder.pattern.split("*", 1)[0].rstrip("/")
        if "*" in holder.pattern and not any(path.startswith(folder + "/") for path in files):
            files[f"{folder}/.gitkeep"] = b""
    files[".gitignore"] = IGNORED.encode("utf-8")
    files[".pre-commit-config.yaml"] = PRE_COMMIT.encode("utf-8")
    files[".github/workflows/zsht.yml"] = WORKFLOW.encode("utf-8")
    return files


def _existing(folder: Path, relpaths: list[str]) -> list[str]:
    """The paths among `relpaths` that already exist in `folder` (a dangling symlink exists too), and the
    folders on their way that exist as something other than a folder: either would stop init half-way."""
    found: dict[str, None] = {}
    for relpath in relpaths:
        parts = relpath.split("/")
        for depth in range(1, len(parts)):
            above = folder.joinpath(*parts[:depth])
            if (above.exists() or above.is_symlink()) and (above.is_symlink() or not above.is_dir()):
                found["/".join(parts[:depth])] = None
        if (folder / relpath).exists() or (folder / relpath).is_symlink():
            found[relpath] = None
    return list(found)


def init_county(folder: Path, county: str, code: str, year: int | None = None, *, git: bool = True) -> bool:
    """Create a county repository in `folder`; return whether a first commit was made.

    Nothing is written when git is needed but missing, when the name or code is not one, or when any file
    init would write already exists; the first commit holds only the files init wrote."""
    if git and shutil.which("git") is None:
        raise UserError("找不到 git 命令，zsht init 需要它做首次提交；未写入任何文件",
                        hint="安装 git 后重试，或加 --no-git 只创建文件")
    problem = county_name_problem(county)
    if problem:
        shown = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in county)
        raise UserError(f"县（市、区）名称“{shown}”{problem}，不能作为名称", hint="如 --county 东海县")
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        raise UserError(f"行政区划代码应为 6 位数字，现为“{code}”", hint="如 --code 320722")
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} 不是目录")
    files = _files(county, code, year or dt.date.today().year)
    schemas = [f"schemas/{kind.schema}" for kind in KINDS]
    if (folder / CONFIG_FILE).exists():
        raise UserError(f"{folder / CONFIG_FILE} 已存在，这里已是县级记录仓库")
    existing = _existing(folder, [*files, *schemas])
    if existing:
        shown = "、".join(existing[:5]) + (f" 等 {len(existing)} 个" if len(existing) > 5 else "")
        raise UserError(f"{folder} 中已有 zsht init 要写的文件：{shown}；未写入任何文件",
                        hint="换一个空目录，或先移走这些文件")
    for relpath, content in files.items():
        write_atomic(folder / relpath, content)
    write_schemas(folder / "schemas")
    if not git:
        return False
    from .history.git import first_commit  # gitpython is loaded only when a commit is made

    return first_commit(folder, f"{county}政社互动记录仓库：由 zsht init 创建", [*files, *schemas])
