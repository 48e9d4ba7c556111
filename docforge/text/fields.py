"""The names of front-matter fields (``填报日期：2023.1``, ``编制单位：某某局``) a report states."""

from __future__ import annotations

DEPARTMENT_FIELDS = (
    "填报单位",
    "报送单位",
    "编制单位",
    "单位名称",
    "部门名称",
    "预算单位",
    "预算主管部门",
    "主管部门",
)
DATE_FIELDS = ("填报日期", "报告日期", "编制日期", "日期")
# Fields that name who did the work without being the reporting department.
OTHER_FIELDS = ("评价单位",)
FRONT_MATTER_FIELDS = DATE_FIELDS + DEPARTMENT_FIELDS + OTHER_FIELDS
