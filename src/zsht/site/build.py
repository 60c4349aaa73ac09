"""Build the site: gather what may go out, lay every page out through the templates, write what changed.

Reproducible: the pages depend on the records and the commit they were built from, never on the clock or the
order files were read in, so the same records give the same bytes. Incremental: a page whose bytes are already
on disk is not written again, and a page an earlier build wrote that no longer exists (a record withdrawn) is
removed; files zsht did not write are never touched.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..layout import COMMUNITY
from ..load.county import Entry
from ..render.plan import Dependency, blocking, errors_by_file
from ..render.templates import Templates
from ..validate import validate
from ..write import folders_flushed_at_end, write_atomic
from .lists import list_pages, versions
from .notices import index_page, notice_page, notices_page
from .places import place_pages, published
from .search import search_entries
from .views import Page, without_phones

LEDGER = ".zsht-site.json"  # the files the last build wrote: what a later build may remove
ASSETS = {"site.css": "site/site.css.j2", "search.js": "site/search.js.j2"}


@dataclass
class SiteResult:
    """What a build did: pages written, pages already up to date, stale pages removed, records left out."""

    out_dir: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def files(self) -> int:
        """How many files the site has."""
        return len(self.written) + len(self.unchanged)


def commit_state(root: Path, out_dir: Path) -> tuple[str | None, bool]:
    """HEAD's commit and whether the county's files differ from it, the site's own output folder left out (a
    site built into the repository would otherwise make the next build say its records were changed); (None,
    False) without git, outside a repository or before the first commit."""
    import os

    from ..history.git import Repo
    from ..history.git_errors import GitError

    try:
        with Repo(root) as repo:
            commit = repo.run("rev-parse", "--verify", "-q", "HEAD")
            where = [repo.prefix or "."]
            output = Path(os.path.realpath(out_dir))
            if output.is_relative_to(repo.top):
                where.append(f":(exclude){output.relative_to(repo.top).as_posix()}")
            changed = repo.run("status", "--porcelain", "--untracked-files=normal", "--", *where)
    except GitError:
        return None, False
    return commit, bool(changed)


def built_from(root: Path, out_dir: Path) -> str:
    """The line each page ends with: the git commit the records were taken from, or why there is none."""
    commit, dirty = commit_state(root, out_dir)
    if commit is None:
        return "本站不是从 git 仓库中的记录生成的，无法标明所依据的提交。"
    return f"本站根据记录仓库的提交 {commit[:12]} 生成" + ("（生成时另有尚未提交的改动）。" if dirty else "。")


def pages_of(root: Path, phones: bool, skipped: list[str]) -> list[Page]:
    """Every page of the site, from the validated county; records with errors are left out and named."""
    validation = validate(root)
    county, errors = validation.county, errors_by_file(validation.findings)

    def usable(entry: Entry[Any]) -> bool:
        return not blocking(errors, [Dependency(entry.file, entry.path)])

    # A file with an error is named whether or not its record loaded at all: a reader of the site cannot tell a
    # record left out from one that never existed, the county must.
    skipped += [f"{file}（有校验错误，其中的记录未公开）：[{found[0].rule}] {found[0].message}"
                for file, found in errors.items()]

    site = published(county, versions(county, usable), usable)
    text = (lambda words: words) if phones else without_phones
    communities_of: dict[str, int] = defaultdict(int)
    places = place_pages(site, usable)
    for community in county.entries(COMMUNITY):
        communities_of[county.community_township.get(community.record.id, "")] += 1
    return [index_page(site, communities_of, usable), notices_page(site), *list_pages(county, site.lists), *places,
            *(notice_page(site, notice, text) for notice in site.notices)]


def _base_url(base_url: str | None) -> str:
    if base_url is None:
        return ""
    if not base_url.startswith(("https://", "http://")) or any(c in base_url for c in " <>\"'"):
        raise UserError(f"--base-url 不是网址：{base_url}", hint="写成 https://example.gov.cn/zsht/ 的形式")
    return base_url if base_url.endswith("/") else base_url + "/"


def render_site(root: Path, out_dir: Path, base_url: str | None = None, phones: bool = False) -> tuple[dict[str, bytes], list[str]]:
    """Every file of the site as bytes, by path relative to the output folder, and the records left out."""
    skipped: list[str] = []
    pages = sorted(pages_of(root, phones, skipped), key=lambda page: page.path)
    templates, footer, base = Templates(root), built_from(root, out_dir), _base_url(base_url)
    files: dict[str, bytes] = {}
    for page in pages:
        files[page.path] = _text(templates.render("site/page.html.j2", page=page, footer=footer))
    for name, template in ASSETS.items():
        files[name] = _text(templates.render(template))
    entries = search_entries(pages)
    index = json.dumps(entries, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    files["search.json"] = index.encode("utf-8")
    # Scripts load from disk where fetch() of a JSON file does not (file://): the same index, as a script.
    files["search-index.js"] = f"window.ZSHT_SEARCH = {index};\n".encode()
    files["sitemap.xml"] = _text(templates.render("site/sitemap.xml.j2", base=base, pages=[p.path for p in pages]))
    return files, sorted(set(skipped))


def _text(rendered: str) -> bytes:
    """A rendered text file as bytes, ending in a newline as text files do (Jinja drops the template's last)."""
    return (rendered if rendered.endswith("\n") else rendered + "\n").encode("utf-8")


def _ledger(out_dir: Path) -> list[str]:
    try:
        listed = json.loads((out_dir / LEDGER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [name for name in listed if isinstance(name, str)] if isinstance(listed, list) else []


def build_site(root: Path, out_dir: Path, base_url: str | None = None, phones: bool = False) -> SiteResult:
    """Build the county's public site into `out_dir`, writing only the files whose bytes changed."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"输出路径 {out_dir} 已存在且不是目录", hint="换一个 -o 目录")
    files, skipped = render_site(root, out_dir, base_url, phones)
    result = SiteResult(out_dir, skipped=skipped)
    with folders_flushed_at_end():
        for name, content in files.items():
            target = out_dir / name
            try:
                same = target.is_file() and not target.is_symlink() and target.read_bytes() == content
            except OSError:
                same = False
            if same:
                result.unchanged.append(name)
                continue
            write_atomic(target, content)
            result.written.append(name)
        for name in _ledger(out_dir):
            stale = out_dir / name
            # The ledger is a file in the output folder anyone could edit: only names inside the folder count.
            inside = not Path(name).is_absolute() and ".." not in Path(name).parts
            if name not in files and inside and stale.is_file() and not stale.is_symlink():
                stale.unlink()
                result.removed.append(name)
        ledger = json.dumps(sorted(files), ensure_ascii=False, indent=0).encode("utf-8")
        if _ledger(out_dir) != sorted(files) or not (out_dir / LEDGER).is_file():
            write_atomic(out_dir / LEDGER, ledger)
    return result
