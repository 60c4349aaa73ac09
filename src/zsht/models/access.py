"""社区事务准入: the approval a department needs before a new task may enter the assist catalog."""

from typing import Literal

from pydantic import Field

from .common import AccessId, AssistId, Date, Record, Slug, Text


class Access(Record):
    """access/<id>.yaml: one application for a new assisted task."""

    id: AccessId = Field(description="准入编号，如 ZR-2016-001")
    item: AssistId = Field(description="申请纳入的协助事项编号")
    department: Slug = Field(description="申请部门编号")
    title: Text = Field(description="申请事项")
    reason: Text | None = Field(default=None, description="申请理由")
    applied: Date = Field(description="申请日期")
    decision: Literal["批准", "不予批准", "待审"] = Field(description="审批结果")
    approved_by: Text | None = Field(default=None, description="审批机关，如“东海县人民政府”")
    decided: Date | None = Field(default=None, description="审批日期")
    document: Text | None = Field(default=None, description="批复文号")
