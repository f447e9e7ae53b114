"""Shifts kept in the store equal a fresh expansion, whatever was written before the read.

The store keeps expanded shifts week by week and rebuilds what a write touches.
A wrong rebuild would show a member at work who is not, or free who is on
shift, in every proposal and calendar from then on: so after any sequence of
writes (patterns, every kind of override, imported shifts replaced, members
removed, a shift type or the time zone changed, a write made outside a store
transaction) every read must equal expanding the roster afresh, which these
tests work out from their own record of what was written.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shiftcell.db import shift_book
from shiftcell.db.access import Access
from shiftcell.db.shift_book import monday_of
from shiftcell.db.store import Store
from shiftcell.scheduling import (
    Cancellation,
    Department,
    DepartmentKind,
    ExtraShift,
    Group,
    LeaveDays,
    Member,
    Override,
    Pattern,
    Post,
    RotationPattern,
    Segment,
    Shift,
    ShiftPlan,
    ShiftType,
    Swap,
    WeeklyPattern,
    expand,
    leave_between,
)
from shiftcell.scheduling.localtime import at

# Zones, each with days its clocks change (spring forward, fall back; Lord Howe
# by half an hour, Santiago at midnight).
CHANGES = {
    "Europe/Berlin": (date(2026, 3, 29), date(2026, 10, 25)),
    "America/New_York": (date(2026, 3, 8), date(2026, 11, 1)),
    "Australia/Lord_Howe": (date(2026, 4, 5), date(2026, 10, 4)),
    "America/Santiago": (date(2026, 4, 5), date(2026, 9, 6)),
    "Asia/Shanghai": (date(2026, 12, 9),),
}
PEOPLE = ("A", "B", "C", "D")
TYPES = {
    "D": ShiftType("D", "Day", (Segment(time(8), time(20)),)),
    "N": ShiftType("N", "Night", (Segment(time(20), time(8)),)),
    "E": ShiftType("E", "Early", (Segment(time(5, 30), time(13, 30)),)),
    "S": ShiftType("S", "Split", (Segment(time(6), time(9)), Segment(time(16, 30), time(19)))),
    "X": ShiftType("X", "24h", (Segment(time(8), time(8)),)),
}
SEGMENTS = st.tuples(st.integers(0, 95), st.integers(1, 96)).map(
    lambda q: Segment(_clock(q[0]), _clock((q[0] + q[1]) % 96))
)


def _clock(quarter: int) -> time:
    return time(quarter // 4, quarter % 4 * 15)


people = st.sampled_from(PEOPLE)
days = st.integers(-12, 12)  # from the day the clocks change
posts = st.sampled_from([None, "North"])
patterns = st.one_of(
    st.builds(
        lambda who, cycle, anchor, length, post: ("rotation", who, cycle, anchor, length, post),
        people,
        st.text(alphabet="DNESX-", min_size=1, max_size=9),
        st.integers(-30, 12),
        st.none() | st.integers(0, 30),
        posts,
    ),
    st.builds(
        lambda who, code, weekdays, anchor, interval, post: (
            "weekly", who, code, weekdays, anchor, interval, post
        ),
        people,
        st.sampled_from("DNESX"),
        st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True).map(tuple),
        st.integers(-30, 12),
        st.integers(1, 3),
        posts,
    ),
)  # fmt: skip
overrides = st.one_of(
    st.tuples(st.just("leave"), people, days, st.integers(0, 6)),
    st.tuples(st.just("cancel"), people, days, st.none() | st.sampled_from("DNESX")),
    st.tuples(st.just("extra"), people, days, st.sampled_from("DNESX"), posts),
    st.tuples(st.just("own extra"), people, days, SEGMENTS, posts),
    st.tuples(st.just("swap"), people, people, days),
)
writes = st.one_of(
    st.tuples(st.just("pattern"), patterns),
    st.tuples(st.just("override"), overrides),
    st.tuples(st.just("import"), people, days, st.integers(0, 95), st.integers(1, 96), posts),
    st.tuples(st.just("drop"), st.sampled_from(["patterns", "overrides", "shifts"]), st.integers(0, 50)),
    st.tuples(st.just("shift type"), st.sampled_from("DNESX"), st.lists(SEGMENTS, min_size=1, max_size=3)),
    st.tuples(st.just("zone"), st.sampled_from(sorted(CHANGES))),
    st.tuples(st.just("move zone"), st.sampled_from(sorted(CHANGES))),
    st.tuples(st.just("remove member"), people),
    st.tuples(st.just("add member"), people),
    st.tuples(st.just("keep"), days),
    st.tuples(st.just("unguarded drop"), st.integers(0, 50)),
)  # fmt: skip
reads = st.tuples(
    st.integers(-21 * 96, 14 * 96),  # start, in quarter hours from the day the clocks change
    st.integers(1, 28 * 96),  # length
    st.none() | st.lists(people, min_size=1, max_size=3, unique=True),
)


@dataclass
class Roster:
    """What the test wrote, in order: the oracle's own record, never read back from the store."""

    zone: ZoneInfo
    base: date
    types: dict[str, ShiftType] = field(default_factory=lambda: dict(TYPES))
    members: list[str] = field(default_factory=lambda: list(PEOPLE))
    patterns: list[tuple[int, Pattern]] = field(default_factory=list)
    overrides: list[tuple[int, Override]] = field(default_factory=list)
    shifts: list[tuple[int, Shift]] = field(default_factory=list)

    def plan(self) -> ShiftPlan:
        return ShiftPlan(
            self.zone,
            dict(self.types),
            [p for _, p in self.patterns],
            [o for _, o in self.overrides],
            # Imported shifts are instants: shown in whatever the zone is now.
            [replace(s, start=s.start.astimezone(self.zone), end=s.end.astimezone(self.zone))
             for _, s in self.shifts],
        )  # fmt: skip

    def day(self, offset: int) -> date:
        return self.base + timedelta(days=offset)


def _member(no: str) -> Member:
    return Member(no, f"Name {no}", "Canteens", group="Canteen group")


def _store(zone: str, base: date) -> Store:
    store = Store.memory()
    store.shift_book.clock = lambda: datetime.combine(base, time(12), tzinfo=UTC)
    store.set_organisation("Test logistics", zone)
    store.save(
        branches=["Branch"],
        departments=[Department("Canteens", DepartmentKind.CANTEEN)],
        posts=[Post("North", "Canteens")],
        groups=[Group("Canteen group", "Branch")],
        members=[_member(no) for no in PEOPLE],
        shift_types=list(TYPES.values()),
    )
    return store


def _last_id(store: Store, table: str) -> int:
    return int(store.db.execute(f"SELECT max(id) FROM {table}").fetchone()[0])


def _write(store: Store, roster: Roster, write: tuple[Any, ...]) -> None:
    """Make the change in the store and in the roster alike (or in neither)."""
    match write:
        case ("pattern", spec):
            _add_pattern(store, roster, spec)
        case ("override", spec):
            _add_override(store, roster, spec)
        case ("import", who, day, quarter, length, post):
            _import(store, roster, who, roster.day(day), quarter, length, post)
        case ("drop", table, index):
            kept = getattr(roster, table)
            if kept:
                row_id, _ = kept.pop(index % len(kept))
                with store.transaction():
                    store.db.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
        case ("shift type", code, segments):
            changed = ShiftType(code, f"Changed {code}", tuple(segments))
            roster.types[code] = changed
            store.save(shift_types=[changed])
        case ("zone", name):
            roster.zone = ZoneInfo(name)
            store.set_organisation("Test logistics", name)
        case ("move zone", name):
            # Imported shifts keep their wall-clock times in the new zone.
            old, new = roster.zone, ZoneInfo(name)
            roster.shifts = [(i, _moved(s, old, new)) for i, s in roster.shifts]
            roster.zone = new
            store.change_timezone(name)
        case ("remove member", who):
            _remove(store, roster, who)
        case ("add member", who):
            if who not in roster.members:
                roster.members.append(who)
                store.save(members=[_member(who)])
        case ("keep", day):
            with store.transaction():
                store.shift_book.keep([monday_of(roster.day(day))])
        case ("unguarded drop", index):
            # A write outside any store transaction: nothing rebuilds it at once.
            if roster.patterns:
                row_id, _ = roster.patterns.pop(index % len(roster.patterns))
                store.db.execute("DELETE FROM patterns WHERE id = ?", [row_id])
                store.db.conn.commit()


def _add_pattern(store: Store, roster: Roster, spec: tuple[Any, ...]) -> None:
    if spec[1] not in roster.members:
        return
    pattern: Pattern
    if spec[0] == "rotation":
        _, who, cycle, anchor, length, post = spec
        until = None if length is None else roster.day(anchor + length)
        pattern = RotationPattern(who, cycle, roster.day(anchor), until, post)
    else:
        _, who, code, weekdays, anchor, interval, post = spec
        pattern = WeeklyPattern(who, code, weekdays, roster.day(anchor), interval, post=post)
    store.save(patterns=[pattern])
    roster.patterns.append((_last_id(store, "patterns"), pattern))


def _add_override(store: Store, roster: Roster, spec: tuple[Any, ...]) -> None:
    override: Override
    match spec:
        case ("leave", who, day, length):
            override = LeaveDays(who, roster.day(day), roster.day(day + length), "Annual")
        case ("cancel", who, day, code):
            override = Cancellation(who, roster.day(day), code)
        case ("extra", who, day, code, post):
            override = ExtraShift(who, roster.day(day), code, post=post)
        case ("own extra", who, day, segment, post):
            override = ExtraShift(who, roster.day(day), segment=segment, post=post)
        case ("swap", who, other, day):
            if who == other or other not in roster.members:
                return
            override = Swap(who, other, roster.day(day))
    if override.employee_no not in roster.members:
        return
    store.save(overrides=[override])
    roster.overrides.append((_last_id(store, "overrides"), override))


def _import(
    store: Store, roster: Roster, who: str, day: date, quarter: int, length: int, post: str | None
) -> None:
    """As importing a file does: the member's imported shifts starting that day are replaced."""
    if who not in roster.members:
        return
    start = at(day, _clock(quarter), roster.zone)
    shift = Shift(start, datetime.fromtimestamp(start.timestamp() + length * 900, roster.zone),
                  who, post)  # fmt: skip
    replaced = [
        (row_id, s)
        for row_id, s in roster.shifts
        if s.employee_no == who and s.start.astimezone(roster.zone).date() == day
    ]
    with store.transaction():
        for row_id, _ in replaced:
            store.db.execute("DELETE FROM shifts WHERE id = ?", [row_id])
        store.save(shifts=[shift])
    roster.shifts = [entry for entry in roster.shifts if entry not in replaced]
    roster.shifts.append((_last_id(store, "shifts"), shift))


def _moved(shift: Shift, old: ZoneInfo, new: ZoneInfo) -> Shift:
    def wall(moment: datetime) -> datetime:
        local = moment.astimezone(old)
        return at(local.date(), local.time(), new)

    return replace(shift, start=wall(shift.start), end=wall(shift.end), start_ts=math.nan,
                   end_ts=math.nan)  # fmt: skip


def _remove(store: Store, roster: Roster, who: str) -> None:
    if who not in roster.members:
        return
    roster.members.remove(who)
    roster.patterns = [(i, p) for i, p in roster.patterns if p.employee_no != who]
    roster.overrides = [
        (i, o)
        for i, o in roster.overrides
        if o.employee_no != who and getattr(o, "other", None) != who
    ]
    roster.shifts = [(i, s) for i, s in roster.shifts if s.employee_no != who]
    with store.transaction():
        store.db.execute("DELETE FROM patterns WHERE employee_no = ?", [who])
        store.db.execute("DELETE FROM overrides WHERE employee_no = ? OR other = ?", [who, who])
        store.db.execute("DELETE FROM shifts WHERE employee_no = ?", [who])
        store.db.execute("DELETE FROM members WHERE employee_no = ?", [who])


def _seen(shifts: Any) -> list[tuple[object, ...]]:
    return [
        (s.employee_no, s.start.isoformat(), s.end.isoformat(), s.post, s.label, s.code)
        for s in shifts
    ]


def _check(store: Store, roster: Roster, read: tuple[int, int, list[str] | None]) -> None:
    first, length, who = read
    zone = roster.zone
    origin = at(roster.base, time(0), zone).timestamp()
    start = datetime.fromtimestamp(origin + first * 900, zone)
    end = datetime.fromtimestamp(origin + (first + length) * 900, zone)
    plan = roster.plan()
    wanted = set(who or roster.members)
    fresh = [s for s in expand(plan, start, end) if s.employee_no in wanted]
    assert _seen(store.shifts(start, end, who)) == _seen(fresh)
    kept, leave = store.shifts_and_leave(start, end, who)
    columns = kept.columns()
    assert [
        (columns.names[o], float(a), float(b), columns.posts[k])
        for o, a, b, k in zip(
            columns.owner.tolist(), columns.start.tolist(), columns.end.tolist(),
            columns.kind.tolist(), strict=True,
        )
    ] == [(s.employee_no, s.start_ts, s.end_ts, s.post) for s in fresh]  # fmt: skip
    assert _seen(kept) == _seen(fresh)  # made from the columns, as a large read is
    assert leave == [v for v in leave_between(plan, start, end) if v.employee_no in wanted]
    viewer = Store(store.conn, access=Access(read_only=True))  # may not keep what it reads
    assert _seen(viewer.shifts(start, end, who)) == _seen(fresh)


def _check_everything(store: Store, roster: Roster) -> None:
    """Every kept week, everyone: a stale week anywhere shows."""
    zone = roster.zone
    start, end = (
        at(roster.base - timedelta(days=35), time(0), zone),
        at(roster.base + timedelta(days=35), time(0), zone),
    )
    fresh = expand(roster.plan(), start, end)
    viewer = Store(store.conn, access=Access(read_only=True))
    assert _seen(viewer.shifts(start, end)) == _seen(fresh)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.sampled_from([(zone, day) for zone, changes in CHANGES.items() for day in changes]),
    st.lists(st.tuples(writes, reads), min_size=1, max_size=12),
    st.sampled_from([0.0, 1.0]),
)
def test_kept_shifts_equal_a_fresh_expansion_after_any_writes(
    where: tuple[str, date],
    steps: list[tuple[tuple[Any, ...], tuple[int, int, Any]]],
    most: float,
) -> None:
    """Any write, then any range and members: the store answers as expanding afresh would.

    ``most``: stale members rebuilt with everyone (0.0) or on their own (1.0).
    """
    zone, base = where
    store = _store(zone, base)
    roster = Roster(ZoneInfo(zone), base)
    everyone_from = shift_book.MOST
    shift_book.MOST = most
    try:
        for write, read in steps:
            _write(store, roster, write)
            _check_everything(store, roster)
            _check(store, roster, read)
    finally:
        shift_book.MOST = everyone_from
        store.close()


def test_the_weeks_around_today_are_kept_and_read_without_expanding(monkeypatch) -> None:
    """The point of keeping shifts: a week near today is a lookup, not an expansion."""
    base = date(2026, 12, 9)
    store = _store("Asia/Shanghai", base)
    store.save(patterns=[RotationPattern("A", "DDNN----", date(2026, 1, 5))])
    kept = [row[0] for row in store.db.execute("SELECT monday FROM kept_weeks ORDER BY monday")]
    assert date.fromisoformat(kept[0]) <= monday_of(base) - timedelta(weeks=1)
    assert date.fromisoformat(kept[-1]) >= monday_of(base) + timedelta(weeks=4)

    def no_expanding(*args: object) -> list[Shift]:
        raise AssertionError("a kept week was expanded again")

    monkeypatch.setattr(shift_book, "expand", no_expanding)
    zone = store.timezone
    week = store.shifts(at(base, time(0), zone), at(base + timedelta(days=7), time(0), zone))
    assert {s.code for s in week} <= {"D", "N"} and week
    store.close()


def test_a_database_from_before_shifts_were_kept_has_them_kept_when_first_opened(
    tmp_path,
) -> None:
    """An upgrade must not leave the new table empty, nor fill it with anything but the truth."""
    from sqlite_utils import Database

    from shiftcell.db import rows
    from shiftcell.db.migrations import migration_set

    path = tmp_path / "old.db"
    old = Database(path)
    migration_set().apply(old, stop_before="m010_kept_shifts")
    old.table("organisation").insert({"id": 1, "name": "Old", "timezone": "Europe/Berlin"})
    old.table("departments").insert({"name": "Canteens", "kind": "canteen"})
    # A member as that schema held one (membership facts came later, mobile was yes/no).
    old.table("members").insert(
        {"employee_no": "A", "name": "Name A", "department": "Canteens", "mobile": 0}
    )
    old.table("shift_types").insert_all(map(rows.shift_type_to_row, TYPES.values()))
    pattern = RotationPattern("A", "DDNN----", date(2020, 1, 6))
    old.table("patterns").insert(rows.pattern_to_row(pattern))
    old.conn.close()

    store = Store.open(path)
    zone = store.timezone
    this_monday = monday_of(datetime.now(zone).date())
    kept = {r[0] for r in store.db.execute("SELECT monday FROM kept_weeks")}
    assert this_monday.isoformat() in kept
    assert store.db.execute("SELECT count(*) FROM kept_shifts").fetchone()[0] == len(kept)
    start, end = at(this_monday, time(0), zone), at(this_monday + timedelta(days=7), time(0), zone)
    plan = ShiftPlan(zone, TYPES, [pattern], [], [])
    assert _seen(store.shifts(start, end)) == _seen(expand(plan, start, end))
    store.close()
