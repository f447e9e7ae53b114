"""A small branch with a known past, for expectations worked out by hand.

Two groups. 甲组: A1, A2 (full), A3 (probationary), A4 (activist); 乙组: B1
(full) and B2 (full, joined 2026-07-01). Everyone else joined 2026-01-05.
Times are Asia/Shanghai.

| id | when             | what                      | attendance                                    |
|----|------------------|---------------------------|-----------------------------------------------|
| M1 | 2026-05-10 14:00 | group meeting, 甲组       | A1 A2 A4 present, A3 absent                   |
| M2 | 2026-06-10 14:00 | group meeting, 乙组       | B1 present (B2 not on the roster yet)         |
| M3 | 2026-08-12 14:00 | general meeting, both     | A1 A4 present, A2 excused 夜班, A3 B1 B2 absent|
| M4 | 2026-08-20 15:00 | make-up for M3 (A2 A3 B1 B2) | A2 present, A3 absent (B1 B2 not recorded) |
| M5 | 2026-09-05 14:00 | group meeting, 甲组, cancelled | A3 recorded present before the cancelling |
| M6 | 2026-09-20 14:00 | group meeting, 甲组       | A1 A2 A4 present, A3 excused 值班; B1 a guest |
| M7 | 2026-10-01 10:00 | other meeting, 甲组       | A3 present (not organisational life)          |
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from shiftcell.db.store import Store
from shiftcell.scheduling import Department, Group, Member, Status
from shiftcell.scheduling.meetings import AttendanceState, MeetingType

ZONE = ZoneInfo("Asia/Shanghai")
BRANCH = "后勤党支部"
JIA, YI = "甲组", "乙组"
P, E, A = AttendanceState.PRESENT, AttendanceState.EXCUSED, AttendanceState.ABSENT


@dataclass(frozen=True)
class Meetings:
    m1: int
    m2: int
    m3: int
    m4: int
    m5: int
    m6: int
    m7: int


def _at(day: str, clock: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=ZONE)


def fill_small_branch(store: Store) -> Meetings:
    store.set_organisation("某后勤集团", "Asia/Shanghai")
    canteen = Department("食堂")
    people = [
        Member("A1", "甲一", "食堂", group=JIA, status=Status.FULL),
        Member("A2", "甲二", "食堂", group=JIA, status=Status.FULL),
        Member("A3", "甲三", "食堂", group=JIA, status=Status.PROBATIONARY),
        Member("A4", "甲四", "食堂", group=JIA, status=Status.ACTIVIST),
        Member("B1", "乙一", "食堂", group=YI, status=Status.FULL),
    ]
    store.save(
        branches=[BRANCH],
        departments=[canteen],
        groups=[Group(JIA, BRANCH), Group(YI, BRANCH)],
        members=people,
        joined_on=date(2026, 1, 5),
    )
    jia = ["A1", "A2", "A3", "A4"]

    def book(kind: MeetingType, day: str, clock: str, groups: list[str], invited: list[str]) -> int:
        start = _at(day, clock)
        return store.meetings.book(
            type=kind,
            topic=f"{kind.value} {day}",
            start=start,
            end=start + timedelta(minutes=45),
            groups=groups,
            invited=invited,
        ).id

    def record(meeting: int, states: dict[str, tuple[AttendanceState, str]]) -> None:
        store.attendance.record(meeting, states)

    m1 = book(MeetingType.GROUP_MEETING, "2026-05-10", "14:00", [JIA], jia)
    record(m1, {"A1": (P, ""), "A2": (P, ""), "A4": (P, ""), "A3": (A, "")})
    m2 = book(MeetingType.GROUP_MEETING, "2026-06-10", "14:00", [YI], ["B1"])
    record(m2, {"B1": (P, "")})
    store.save(members=[Member("B2", "乙二", "食堂", group=YI)], joined_on=date(2026, 7, 1))
    store.save(members=[Member("B2", "乙二", "食堂", group=YI, status=Status.FULL)])
    m3 = book(MeetingType.GENERAL_MEETING, "2026-08-12", "14:00", [JIA, YI], [*jia, "B1", "B2"])
    record(
        m3,
        {
            "A1": (P, ""),
            "A4": (P, ""),
            "A2": (E, "夜班"),
            "A3": (A, ""),
            "B1": (A, ""),
            "B2": (A, ""),
        },
    )
    start = _at("2026-08-20", "15:00")
    m4 = store.meetings.book(
        type=MeetingType.MAKE_UP,
        topic="补课",
        start=start,
        end=start + timedelta(minutes=30),
        groups=[JIA, YI],
        invited=["A2", "A3", "B1", "B2"],
        makes_up=[m3],
    ).id
    record(m4, {"A2": (P, ""), "A3": (A, "")})
    m5 = book(MeetingType.GROUP_MEETING, "2026-09-05", "14:00", [JIA], jia)
    record(m5, {"A3": (P, "")})
    store.meetings.cancel(m5)
    m6 = book(MeetingType.GROUP_MEETING, "2026-09-20", "14:00", [JIA], jia)
    record(m6, {"A1": (P, ""), "A2": (P, ""), "A4": (P, ""), "A3": (E, "值班")})
    store.attendance.record(m6, {}, guests=["B1"])
    m7 = book(MeetingType.OTHER, "2026-10-01", "10:00", [JIA], jia)
    record(m7, {"A3": (P, "")})
    return Meetings(m1, m2, m3, m4, m5, m6, m7)
