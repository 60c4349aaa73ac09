"""Pydantic models of every record kind (extra keys forbidden, descriptions in Chinese).

The model modules do not use `from __future__ import annotations`: pydantic would evaluate each field's annotation
from its string (a compile and an eval per field, 260 of them) at every start of zsht; the schemas are the same.
"""

from .access import Access
from .agreement import Agreement, AgreementItem, Installment, Signing
from .catalogs import STAGES, AssistCatalog, AssistItem, DutyCatalog, DutyItem, NegativeCatalog, NegativeItem
from .certificates import CertificateCatalog, CertificateItem, FormFile
from .common import Basis, Funding, Party, Period, Record
from .county import CountyConfig, Criterion, EvaluationSettings, GradeLine, PlaqueCaps
from .evaluation import (
    PANEL_CATEGORIES,
    Evaluation,
    GovernmentRow,
    PanelMember,
    PerformanceRow,
    Publication,
    Result,
)
from .legal import Law, LawVersion
from .notice import Notice
from .plaques import PlaqueCatalog, PlaqueItem
from .purchase import Purchase
from .registry import (
    Community,
    CommunityFile,
    Department,
    DepartmentFile,
    SocialOrg,
    SocialOrgFile,
    Township,
    TownshipFile,
)
from .supplement import ItemChange, Supplement, SupplementItem

__all__ = [
    "STAGES", "PANEL_CATEGORIES", "Access", "Agreement", "AgreementItem", "AssistCatalog", "AssistItem",
    "Basis", "Community", "CommunityFile", "CountyConfig", "Criterion", "Department", "DepartmentFile",
    "DutyCatalog", "DutyItem", "Evaluation", "EvaluationSettings", "Funding", "GovernmentRow", "GradeLine",
    "Installment", "Law", "LawVersion", "NegativeCatalog", "NegativeItem", "Notice", "PanelMember", "Party", "Period",
    "PerformanceRow", "Publication", "Purchase", "Record", "Result", "Signing", "SocialOrg", "SocialOrgFile", "Supplement", "SupplementItem", "ItemChange", "Township",
    "TownshipFile", "CertificateCatalog", "CertificateItem", "FormFile", "PlaqueCaps", "PlaqueCatalog", "PlaqueItem",
]
