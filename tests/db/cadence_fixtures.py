"""A small branch whose answers can be worked out by hand.

Two groups of two full members. Group 一组 works 07:00–15:00 every day, so is
free from 15:15 (the changeover margin) to 22:00; group 二组 works 13:00–21:00,
free from 07:00 until 12:45. The two groups are never free together: a meeting
of the whole branch needs two sessions. The leaders A1 and B1 are the committee.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from shiftcell.db.store import Store
from shiftcell.scheduling import (
    Department,
    Group,
    Member,
    Role,
    Segment,
    ShiftType,
    Status,
    WeeklyPattern,
)

ZONE = ZoneInfo("Asia/Shanghai")
BRANCH = "支部"
ONE, TWO = "一组", "二组"
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


def fill_small_branch(store: Store, *, committee: bool = True) -> None:
    store.set_organisation("小单位", "Asia/Shanghai")

    def member(number: str, group: str, role: Role = Role.MEMBER) -> Member:
        return Member(number, f"党员{number}", "后勤", group=group, role=role, status=Status.FULL)

    store.save(
        branches=[BRANCH],
        departments=[Department("后勤")],
        groups=[Group(ONE, BRANCH), Group(TWO, BRANCH)],
        members=[
            member("A1", ONE, Role.LEADER),
            member("A2", ONE),
            member("B1", TWO, Role.LEADER),
            member("B2", TWO),
        ],
        shift_types=[
            ShiftType("A", "早班", (Segment(time(7), time(15)),)),
            ShiftType("B", "晚班", (Segment(time(13), time(21)),)),
        ],
        patterns=[
            WeeklyPattern(no, code, EVERY_DAY, date(2026, 1, 1))
            for no, code in (("A1", "A"), ("A2", "A"), ("B1", "B"), ("B2", "B"))
        ],
    )
    if committee:
        store.cadence.set_committee(["A1", "B1"])
