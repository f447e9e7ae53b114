"""Lapses and make-up sessions read from the store, on a branch whose past is known.

Every expectation is worked out by hand from the table in ``small_branch``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from shiftcell.db.make_ups import MakeUpRefused
from shiftcell.db.migrations import migration_set
from shiftcell.db.store import Store
from shiftcell.scheduling import Mobility
from shiftcell.scheduling.meetings import MeetingType
from tests.db.small_branch import JIA, ZONE, Meetings, fill_small_branch


@pytest.fixture
def branch() -> tuple[Store, Meetings]:
    store = Store.memory()
    return store, fill_small_branch(store)


def _lapses(store: Store, as_of: date, minimum: int = 3) -> list[tuple[str, int, str | None]]:
    return [
        (f.member.employee_no, f.lapse.months, f.lapse.level.value if f.lapse.level else None)
        for f in store.lapses.find(as_of, minimum)
    ]


def test_lapses_count_present_at_organisational_life_only(branch: tuple[Store, Meetings]) -> None:
    """A3 was present only at a cancelled meeting and an "other" one: never, since joining
    on 01-05, ten months. B2 joined 07-01 and never came: four. The activist A4 is not
    listed whatever their record; B1's presence as a guest on 09-20 counts."""
    store, _ = branch
    assert _lapses(store, date(2026, 11, 20)) == [("A3", 10, "lapsed"), ("B2", 4, "warn")]
    assert _lapses(store, date(2026, 11, 20), minimum=0) == [
        ("A3", 10, "lapsed"),
        ("B2", 4, "warn"),
        ("A1", 2, None),
        ("A2", 2, None),
        ("B1", 2, None),
    ]


def test_lapses_as_of_a_past_day_ignore_what_came_after(branch: tuple[Store, Meetings]) -> None:
    """On 09-19 B1 had last come on 06-10 (three months); A2's make-up on 08-20 counts."""
    store, _ = branch
    assert _lapses(store, date(2026, 9, 19)) == [("A3", 8, "lapsed"), ("B1", 3, "warn")]
    every = store.lapses.find(date(2026, 9, 19), 0)
    assert [(f.member.employee_no, f.lapse.months, f.lapse.last_attended) for f in every] == [
        ("A3", 8, None),
        ("B1", 3, date(2026, 6, 10)),
        ("B2", 2, None),  # joined 07-01
        ("A1", 1, date(2026, 8, 12)),
        ("A2", 0, date(2026, 8, 20)),  # at the make-up session
    ]
    assert store.lapses.months(date(2026, 9, 19)) == {"A3": 8, "B1": 3}


def test_a_card_holder_from_elsewhere_is_not_ours_to_warn_and_our_member_away_is(
    branch: tuple[Store, Meetings],
) -> None:
    """Marked mobile, B2 (never came, four months) is still listed while away (流出: ours),
    and left out once a card holder from elsewhere (流入: their own branch judges it)."""
    store, _ = branch
    b2 = next(m for m in store.members() if m.employee_no == "B2")
    with store.transaction():
        store.save(members=[replace(b2, mobile=Mobility.OUT)])
    assert ("B2", 4, "warn") in _lapses(store, date(2026, 11, 20))
    with store.transaction():
        store.save(members=[replace(b2, mobile=Mobility.IN)])
    assert _lapses(store, date(2026, 11, 20)) == [("A3", 10, "lapsed")]


def test_a_groups_view_lists_its_own_members_only(branch: tuple[Store, Meetings]) -> None:
    store, _ = branch
    store.narrow(JIA)
    assert _lapses(store, date(2026, 11, 20), minimum=0) == [
        ("A3", 10, "lapsed"),
        ("A1", 2, None),
        ("A2", 2, None),
    ]


def test_make_ups_owed_and_for_how_long(branch: tuple[Store, Meetings]) -> None:
    """A2 made up M3 at M4; A3 missed M4 too, and owes M1, M3 and M6; B1 and B2 owe M3.
    The cancelled M5 and the "other" M7 owe nothing."""
    store, m = branch
    state = store.make_ups.state(date(2026, 11, 20))
    owed = [(o.member.employee_no, o.debt.meeting, o.days) for o in state.owed]
    assert owed == [
        ("A3", m.m1, 194),  # 05-10 → 11-20
        ("A3", m.m3, 100),  # 08-12 → 11-20
        ("B1", m.m3, 100),
        ("B2", m.m3, 100),
        ("A3", m.m6, 61),  # 09-20 → 11-20
    ]
    assert list(state.by_meeting()) == [m.m1, m.m3, m.m6]
    assert set(state.record.made_up_by(m.m3)) == {"A2"}


def test_a_make_up_session_may_make_up_only_what_it_can(branch: tuple[Store, Meetings]) -> None:
    """Nothing is written when the link is wrong: a cancelled, later, missing or "other"
    meeting, or a session that is no make-up."""
    store, m = branch
    start = datetime(2026, 10, 20, 15, tzinfo=ZONE)
    before = len(store.meetings.list())

    def book(makes_up: list[int], kind: MeetingType = MeetingType.MAKE_UP) -> None:
        store.meetings.book(
            type=kind,
            topic="补课",
            start=start,
            end=start + timedelta(minutes=30),
            groups=[JIA],
            invited=["A3"],
            makes_up=makes_up,
        )

    for makes_up, kind, template in [
        ([m.m1], MeetingType.GROUP_MEETING, "only a make-up session makes up other meetings"),
        ([m.m5], MeetingType.MAKE_UP, "meeting {id} was cancelled: there is nothing to make up"),
        ([m.m7], MeetingType.MAKE_UP, "meeting {id} is a {type}: nobody owes"),
        ([m.m4], MeetingType.MAKE_UP, "meeting {id} is a {type}: nobody owes"),
        ([999], MeetingType.MAKE_UP, "no meeting with ID {id}"),
    ]:
        with pytest.raises(MakeUpRefused) as refused:
            book(makes_up, kind)
        assert refused.value.template.startswith(template)
    assert len(store.meetings.list()) == before
    later = datetime(2026, 5, 1, 15, tzinfo=ZONE)
    with pytest.raises(MakeUpRefused):
        store.meetings.book(
            type=MeetingType.MAKE_UP,
            topic="补课",
            start=later,
            end=later + timedelta(minutes=30),
            groups=[JIA],
            invited=["A3"],
            makes_up=[m.m1],
        )


def test_a_make_up_for_a_repeat_session_is_linked_to_the_whole_meeting(
    branch: tuple[Store, Meetings],
) -> None:
    """Linking to any session of a meeting held in turns links the meeting (its first)."""
    store, _ = branch
    first = datetime(2026, 10, 5, 14, tzinfo=ZONE)
    sessions = store.meetings.book_series(
        type=MeetingType.GROUP_MEETING,
        topic="分批学习",
        sessions=[
            (first, first + timedelta(minutes=45)),
            (first + timedelta(days=1), first + timedelta(days=1, minutes=45)),
        ],
        groups=[JIA],
        invited=["A1", "A3"],
    )
    start = first + timedelta(days=8)
    make_up = store.meetings.book(
        type=MeetingType.MAKE_UP,
        topic="补课",
        start=start,
        end=start + timedelta(minutes=30),
        groups=[JIA],
        invited=["A3"],
        makes_up=[sessions[1].id],
    )
    assert make_up.makes_up == (sessions[0].id,)
    assert [m.id for m in store.meetings.make_ups_for(sessions[1].id)] == [make_up.id]


def test_members_joining_keep_the_day_they_joined(branch: tuple[Store, Meetings]) -> None:
    """B2 was saved again after joining on 07-01: the day stays."""
    store, _ = branch
    rows = dict(store.db.execute("SELECT employee_no, joined_on FROM members").fetchall())
    assert rows == {
        "A1": "2026-01-05",
        "A2": "2026-01-05",
        "A3": "2026-01-05",
        "A4": "2026-01-05",
        "B1": "2026-01-05",
        "B2": "2026-07-01",
    }


def test_the_upgrade_dates_members_by_the_earliest_meeting_they_were_in() -> None:
    """A database from before the joined day: each member gets the first evidence there is
    (a meeting's day, or when it was booked if earlier), else the day of the upgrade."""
    import sqlite3

    from sqlite_utils import Database

    db = Database(sqlite3.connect(":memory:"))
    migration_set().apply(db, stop_before="m050_joined_on")
    db.table("organisation").insert({"id": 1, "name": "x", "timezone": "Asia/Shanghai"})
    db.table("departments").insert({"name": "d", "kind": "other"})
    for no in ("X1", "X2", "X3"):
        db.table("members").insert({"employee_no": no, "name": no, "department": "d"})
    db.table("meetings").insert_all(
        [
            # 2026-03-01 17:00 UTC is 03-02 in Shanghai; booked on 02-20
            {"id": 1, "type": "group_meeting", "topic": "t", "start_utc": "2026-03-01T17:00:00Z",
             "end_utc": "2026-03-01T18:00:00Z", "status": "planned", "sequence": 0,
             "created_utc": "2026-02-20T01:00:00Z"},
            {"id": 2, "type": "group_meeting", "topic": "t", "start_utc": "2026-04-01T06:00:00Z",
             "end_utc": "2026-04-01T07:00:00Z", "status": "planned", "sequence": 0,
             "created_utc": "2026-04-02T01:00:00Z"},
        ]
    )  # fmt: skip
    db.table("attendance").insert_all(
        [
            {"meeting_id": 1, "employee_no": "X1", "reason": ""},
            {"meeting_id": 2, "employee_no": "X1", "reason": ""},
            {"meeting_id": 2, "employee_no": "X2", "reason": ""},
        ]
    )
    migration_set().apply(db)
    joined = dict(db.execute("SELECT employee_no, joined_on FROM members").fetchall())
    today = datetime.now(ZONE).date().isoformat()
    assert joined["X1"] == "2026-02-20"
    assert joined["X2"] == "2026-04-01"
    assert joined["X3"] in (today, (datetime.now(ZONE) - timedelta(minutes=1)).date().isoformat())


def test_a_member_new_to_the_roster_joins_it_today(branch: tuple[Store, Meetings]) -> None:
    """An import adds a member: their months, if they never come, count from today."""
    from shiftcell.scheduling import Member, Status

    store, _ = branch
    store.save(members=[Member("C1", "丙一", "食堂", group=JIA, status=Status.FULL)])
    joined = store.db.execute("SELECT joined_on FROM members WHERE employee_no = 'C1'").fetchone()
    assert joined[0] == datetime.now(ZONE).date().isoformat()
