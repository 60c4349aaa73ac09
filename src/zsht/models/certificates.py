"""证明事项清单: the certificates a committee may issue (保留) and those it may no longer issue (取消)."""

from typing import Literal

from pydantic import Field

from .catalogs import PublishedList
from .common import Basis, CertificateId, Record, Text

CertificateStatus = Literal["保留", "取消"]


class FormFile(Record):
    """A certificate's form kept as a file of the county repository (a .docx, a scanned .pdf …)."""

    file: Text = Field(description="证明式样文件在仓库中的路径（相对于仓库根目录），如 forms/juzhu.docx")


class CertificateItem(Record):
    """One certificate (证明事项): retained with its basis, use, procedure and form, or cancelled."""

    id: CertificateId = Field(description="事项编号，如 ZM-001")
    name: Text = Field(description="证明名称，如“居住证申领居住登记证明”")
    status: CertificateStatus = Field(description="保留（可以出具）或 取消（不再出具）")
    basis: list[Basis] = Field(default_factory=list, description="设定依据（保留时必填）：法律法规及条款")
    purpose: Text | None = Field(default=None, description="办理用途（保留时必填）")
    procedure: Text | None = Field(default=None, description="办理流程（保留时必填）")
    form: Text | FormFile | None = Field(default=None, description="证明式样（保留时必填）：式样全文，或 {file: 仓库中的文件路径}")
    note: Text | None = Field(default=None, description="说明，如取消后的替代办法（告知承诺、部门核查）")


class CertificateCatalog(PublishedList):
    """catalogs/certificate/<year>.yaml: 村（居）民委员会出具证明事项清单."""

    items: list[CertificateItem] = Field(description="证明事项")
