"""The pure domain of shiftcell: the organisation, its shifts, who is free when.

Imports neither the UI nor the database: tested fast, used by both.
"""

from scheduling.expansion import expand, leave_between
from scheduling.model import (
    Branch,
    Department,
    DepartmentKind,
    Employment,
    Group,
    Leave,
    Member,
    Post,
    Role,
    Segment,
    Shift,
    ShiftType,
    Status,
)
from scheduling.patterns import (
    Cancellation,
    ExtraShift,
    LeaveDays,
    Override,
    Pattern,
    RotationPattern,
    ShiftPlan,
    Swap,
    WeeklyPattern,
)

__all__ = [
    "Branch",
    "Cancellation",
    "Department",
    "DepartmentKind",
    "Employment",
    "ExtraShift",
    "Group",
    "Leave",
    "LeaveDays",
    "Member",
    "Override",
    "Pattern",
    "Post",
    "Role",
    "RotationPattern",
    "Segment",
    "Shift",
    "ShiftPlan",
    "ShiftType",
    "Status",
    "Swap",
    "WeeklyPattern",
    "expand",
    "leave_between",
]
