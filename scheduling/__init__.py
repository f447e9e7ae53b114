"""The pure domain of shiftcell: the organisation, its shifts, who is free when.

Imports neither the UI nor the database: tested fast, used by both. The
scheduler's names load numpy, so they are imported when first used: a command
that only reads the roster starts without it.
"""

from typing import TYPE_CHECKING, Any

from shiftcell.scheduling.expansion import expand, leave_between
from shiftcell.scheduling.model import (
    Branch,
    Department,
    DepartmentKind,
    Employment,
    Group,
    Invitation,
    Leave,
    Member,
    Mobility,
    Post,
    Role,
    Segment,
    Shift,
    ShiftType,
    Status,
)
from shiftcell.scheduling.patterns import (
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
from shiftcell.scheduling.rules import Reason, ReasonKind, Rules, Slot
from shiftcell.scheduling.votes import Purpose

__all__ = [
    "Availability",
    "Branch",
    "Cancellation",
    "Department",
    "DepartmentKind",
    "Employment",
    "ExtraShift",
    "Group",
    "Invitation",
    "Leave",
    "LeaveDays",
    "Member",
    "Mobility",
    "Override",
    "Pattern",
    "Post",
    "Proposal",
    "Proposals",
    "Purpose",
    "Reason",
    "ReasonKind",
    "Role",
    "RotationPattern",
    "Rules",
    "Segment",
    "Session",
    "Shift",
    "ShiftPlan",
    "ShiftType",
    "Slot",
    "Status",
    "Swap",
    "WeeklyPattern",
    "expand",
    "find_availability",
    "leave_between",
    "propose",
]

if TYPE_CHECKING:
    from shiftcell.scheduling.availability import Availability, find_availability
    from shiftcell.scheduling.proposals import Proposal, Proposals, Session, propose

_LAZY = {
    "Availability": "shiftcell.scheduling.availability",
    "find_availability": "shiftcell.scheduling.availability",
    "Proposal": "shiftcell.scheduling.proposals",
    "Proposals": "shiftcell.scheduling.proposals",
    "Session": "shiftcell.scheduling.proposals",
    "propose": "shiftcell.scheduling.proposals",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'shiftcell.scheduling' has no attribute {name!r}")
