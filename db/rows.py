"""Between table rows and the domain's types, both ways."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from shiftcell.scheduling import (
    Cancellation,
    Department,
    DepartmentKind,
    Employment,
    ExtraShift,
    Group,
    LeaveDays,
    Member,
    Mobility,
    Override,
    Pattern,
    Post,
    Role,
    RotationPattern,
    Segment,
    Shift,
    ShiftType,
    Status,
    Swap,
    WeeklyPattern,
)

Row = dict[str, Any]


def department_from_row(row: Row) -> Department:
    return Department(row["name"], DepartmentKind(row["kind"]))


def post_from_row(row: Row) -> Post:
    return Post(row["name"], row["department"], row["travel_buffer"])


def group_from_row(row: Row) -> Group:
    return Group(row["name"], row["branch"])


def member_from_row(row: Row) -> Member:
    return Member(
        employee_no=row["employee_no"],
        name=row["name"],
        department=row["department"],
        post=row["post"],
        group=row["group"],
        role=Role(row["role"]),
        status=Status(row["status"]),
        mobile=Mobility(row["mobile"]) if row["mobile"] else None,
        employment=Employment(row["employment"]),
        applied_on=_day(row["applied_on"]),
        activist_since=_day(row["activist_since"]),
        candidate_since=_day(row["candidate_since"]),
        admitted_on=_day(row["admitted_on"]),
        full_since=_day(row["full_since"]),
        contract_ends=_day(row["contract_ends"]),
    )


MEMBER_COLUMNS = (
    "employee_no, name, department, post, [group], role, status, mobile, employment,"
    " applied_on, activist_since, candidate_since, admitted_on, full_since, contract_ends"
)
_ROLES = {role.value: role for role in Role}
_STATUSES = {status.value: status for status in Status}
_EMPLOYMENTS = {employment.value: employment for employment in Employment}
_MOBILITY = {mobility.value: mobility for mobility in Mobility}


def member_from_values(values: tuple[Any, ...]) -> Member:
    """A member from ``MEMBER_COLUMNS`` in order: quick, for rosters of thousands."""
    employee_no, name, department, post, group, role, status, mobile, employment = values[:9]
    # The membership facts, in MEMBER_COLUMNS' order: most members have none.
    days = [_day(value) for value in values[9:]]
    return Member(
        employee_no,
        name,
        department,
        post,
        group,
        _ROLES[role],
        _STATUSES[status],
        _MOBILITY[mobile] if mobile else None,
        _EMPLOYMENTS[employment],
        *days,
    )


def member_to_row(member: Member) -> Row:
    return {
        "employee_no": member.employee_no,
        "name": member.name,
        "department": member.department,
        "post": member.post,
        "group": member.group,
        "role": member.role.value,
        "status": member.status.value,
        "mobile": member.mobile.value if member.mobile else None,
        "employment": member.employment.value,
        "applied_on": _iso(member.applied_on),
        "activist_since": _iso(member.activist_since),
        "candidate_since": _iso(member.candidate_since),
        "admitted_on": _iso(member.admitted_on),
        "full_since": _iso(member.full_since),
        "contract_ends": _iso(member.contract_ends),
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def segments_to_text(segments: tuple[Segment, ...]) -> str:
    return ",".join(f"{s.start:%H:%M}-{s.end:%H:%M}" for s in segments)


def segments_from_text(text: str) -> tuple[Segment, ...]:
    pairs = (part.split("-") for part in text.split(","))
    return tuple(Segment(time.fromisoformat(a), time.fromisoformat(b)) for a, b in pairs)


def shift_type_from_row(row: Row) -> ShiftType:
    return ShiftType(row["code"], row["label"], segments_from_text(row["segments"]))


def shift_type_to_row(shift_type: ShiftType) -> Row:
    return {
        "code": shift_type.code,
        "label": shift_type.label,
        "segments": segments_to_text(shift_type.segments),
    }


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def pattern_from_row(row: Row) -> Pattern:
    anchor = date.fromisoformat(row["anchor"])
    if row["kind"] == "rotation":
        return RotationPattern(
            row["employee_no"], row["cycle"], anchor, _day(row["until"]), row["post"]
        )
    weekdays = tuple(int(d) for d in row["weekdays"].split(","))
    return WeeklyPattern(
        row["employee_no"],
        row["shift_code"],
        weekdays,
        anchor,
        row["interval"] or 1,
        _day(row["until"]),
        row["post"],
    )


def pattern_to_row(pattern: Pattern) -> Row:
    row: Row = {
        "employee_no": pattern.employee_no,
        "anchor": pattern.anchor.isoformat(),
        "until": pattern.until.isoformat() if pattern.until else None,
        "post": pattern.post,
    }
    if isinstance(pattern, RotationPattern):
        return row | {"kind": "rotation", "cycle": pattern.cycle}
    return row | {
        "kind": "weekly",
        "shift_code": pattern.shift_code,
        "weekdays": ",".join(str(d) for d in pattern.weekdays),
        "interval": pattern.interval,
    }


def override_from_row(row: Row) -> Override:
    day = date.fromisoformat(row["day"])
    employee_no = row["employee_no"]
    match row["kind"]:
        case "leave":
            return LeaveDays(employee_no, day, _day(row["last_day"]) or day, row["reason"] or "")
        case "cancel":
            return Cancellation(employee_no, day, row["shift_code"])
        case "swap":
            return Swap(employee_no, row["other"], day)
        case "extra":
            segment = None
            if row["start"]:
                segment = Segment(time.fromisoformat(row["start"]), time.fromisoformat(row["end"]))
            return ExtraShift(employee_no, day, row["shift_code"], segment, row["post"])
    raise ValueError(f"unknown override kind {row['kind']!r}")


def override_to_row(override: Override) -> Row:
    row: Row = {"employee_no": override.employee_no}
    if isinstance(override, LeaveDays):
        return row | {
            "kind": "leave",
            "day": override.first.isoformat(),
            "last_day": override.last.isoformat(),
            "reason": override.reason,
        }
    row["day"] = override.day.isoformat()
    if isinstance(override, Cancellation):
        return row | {"kind": "cancel", "shift_code": override.shift_code}
    if isinstance(override, Swap):
        return row | {"kind": "swap", "other": override.other}
    segment = override.segment
    return row | {
        "kind": "extra",
        "shift_code": override.shift_code,
        "start": f"{segment.start:%H:%M}" if segment else None,
        "end": f"{segment.end:%H:%M}" if segment else None,
        "post": override.post,
    }


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_utc_text(text: str, zone: ZoneInfo) -> datetime:
    # What utc_text wrote: fromisoformat reads it some fifty times faster than
    # strptime, whose first call (building its patterns) costs every process 5 ms.
    return datetime.fromisoformat(text).astimezone(zone)


def shift_from_row(row: Row, zone: ZoneInfo) -> Shift:
    return Shift(
        start=from_utc_text(row["start_utc"], zone),
        end=from_utc_text(row["end_utc"], zone),
        employee_no=row["employee_no"],
        post=row["post"],
    )


def shift_to_row(shift: Shift) -> Row:
    return {
        "employee_no": shift.employee_no,
        "start_utc": utc_text(shift.start),
        "end_utc": utc_text(shift.end),
        "post": shift.post,
    }
