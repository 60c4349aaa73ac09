"""PDF copies through LibreOffice: the whole batch in one office process with a profile of its own."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..doctor import NoFontconfig, check_fonts, fontconfig_file
from ..errors import UserError
from ..write import write_atomic
from .batch import BatchResult, JobOutcome
from .paths import output_path
from .plan import Job

INSTALL_HINT = "安装：apt-get install libreoffice-writer fonts-noto-cjk"


def find_office() -> str:
    """The LibreOffice executable, or a UserError (exit 2) that says how to install it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise UserError("未找到 LibreOffice（soffice），无法生成 PDF", hint=INSTALL_HINT)


def font_environment(scratch: Path) -> dict[str, str] | None:
    """The environment for LibreOffice in which each missing document font falls back to a face of its kind
    (仿宋 to a serif), through a fontconfig file in `scratch`; None when nothing is missing or fontconfig is absent."""
    try:
        checks = check_fonts()
    except NoFontconfig:
        return None
    if all(check.installed or not check.substitute for check in checks):
        return None
    config = scratch / "fonts.conf"
    config.write_text(fontconfig_file(checks, os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"),
                      encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(config)}


def convert_to_pdf(office: str, result: BatchResult, timeout: float = 1800) -> list[JobOutcome]:
    """Convert every .docx of the batch to PDF beside it; returns one outcome per PDF."""
    documents = [o for o in result.outcomes if o.status != "failed" and o.job.format == "docx"]
    if not documents:
        return []
    outcomes: list[JobOutcome] = []
    with tempfile.TemporaryDirectory(prefix="zsht-pdf-") as scratch:
        work = Path(scratch)
        # Numbered copies: LibreOffice writes every PDF into one folder, and two townships may share a name.
        staged = []
        for number, outcome in enumerate(documents):
            copy = work / "in" / f"{number:06d}.docx"
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(output_path(result.out_dir, outcome.job.output), copy)
            staged.append(str(copy))
        command = [office, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(work / "out"), *staged]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False, env=font_environment(work))
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise UserError(f"LibreOffice 转换 PDF 失败：{exc}") from None
        for number, outcome in enumerate(documents):
            job = outcome.job
            pdf_job = Job(job.output.rsplit(".", 1)[0] + ".pdf", job.template, {}, job.title, job.created,
                          job.sources, job.format)
            made = work / "out" / f"{number:06d}.pdf"
            if not made.is_file():
                outcomes.append(JobOutcome(pdf_job, "failed", reason="LibreOffice 未生成 PDF"))
                continue
            data = made.read_bytes()
            write_atomic(output_path(result.out_dir, pdf_job.output), data)
            outcomes.append(JobOutcome(pdf_job, "rendered", hashlib.sha256(data).hexdigest()))
    return outcomes
