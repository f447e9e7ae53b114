"""Shifts read, not re-expanded: what patterns and overrides make, kept week by week.

A member's shifts starting in a kept week are stored packed in
``kept_shifts`` (the format is ``scheduling/shift_list.py``'s). A read of any
range takes the kept weeks it spans with one indexed query and expands only
the weeks that are not kept, so its answer never depends on what is kept.

Kept shifts equal a fresh expansion at every commit. Triggers (migration
``m010_kept_shifts``) note in ``stale_shifts`` the members and dates that any
write of a pattern, an override, an imported shift, a shift type or the time
zone touches, however it is written; ``refresh`` rebuilds those weeks before
``Store.transaction`` commits. A read that still finds something stale (a
write made outside a store transaction) expands everything it needs afresh.

Which weeks are kept: the weeks around today (``WEEKS_BEHIND`` to
``WEEKS_AHEAD``), renewed by any write, and any week a writable store is asked
about; a week further than ``WEEKS_KEPT`` from today is let go by the first
write of a later day.
"""

from __future__ import annotations

import math
import sqlite3
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import fields, replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from shiftcell.db import rows
from shiftcell.db.access import StoreBusy
from shiftcell.db.shift_plans import IN_LIST, as_json, plan_of, with_swap_partners
from shiftcell.scheduling import (
    Leave,
    LeaveDays,
    Pattern,
    Shift,
    ShiftPlan,
    expand,
    leave_between,
)
from shiftcell.scheduling.localtime import day_start
from shiftcell.scheduling.shift_list import Block, Kind, ShiftList, encode

if TYPE_CHECKING:
    from shiftcell.db.store import Store

ONE_DAY = timedelta(days=1)
ONE_WEEK = timedelta(days=7)
WEEKS_BEHIND = 2  # before this week: last week, and the Sunday night reaching into it
WEEKS_AHEAD = 5  # after it: a month of proposals, calendars and the grid's way forward
WEEKS_KEPT = 26  # weeks kept on demand are let go this far from today
LONGEST_KEEP = 16  # weeks a read keeps at once; a longer read expands what is not kept
# Rebuild everyone (sharing work between members on one rhythm) rather than
# member by member when this share of them is stale.
MOST = 0.25


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def mondays(first: date, last: date) -> list[date]:
    """The Mondays of the weeks from ``first`` to ``last``'s, in order."""
    monday, found = monday_of(first), []
    while monday <= last:
        found.append(monday)
        monday += ONE_WEEK
    return found


class ShiftBook:
    """The store's kept shifts: reads by range, rebuilds inside write transactions."""

    def __init__(self, store: Store, clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self.clock = clock or (lambda: datetime.now(UTC))
        # False: read every shift by expanding afresh, as before shifts were kept
        # (what the benchmarks compare against).
        self.use_kept = True

    def today(self) -> date:
        return self.clock().astimezone(self.store.timezone).date()

    # -- reading -------------------------------------------------------------

    def read(self, start: datetime, end: datetime, wanted: Collection[str] | None) -> ShiftList:
        """Every shift of ``wanted`` (everyone: None) overlapping ``[start, end)``."""
        store = self.store
        zone = store.timezone
        first = start.astimezone(zone).date() - ONE_DAY  # a night shift begun the day before
        # Shifts start on whole seconds: the last that can overlap starts a second before
        # the end (a week read to next Monday's midnight needs nothing of next week).
        last = datetime.fromtimestamp(math.ceil(end.timestamp()) - 1, zone).date()
        weeks = mondays(first, last)
        kept = self._kept_for_reading(weeks)
        missing = [monday for monday in weeks if monday not in kept]
        if missing and self._keep_for_reading(missing):
            kept = self._kept_for_reading(weeks)
            missing = [monday for monday in weeks if monday not in kept]
        kinds = self._kinds()
        blocks = self._blocks(kept, wanted)
        if missing:
            blocks += self._expanded(start, end, wanted, set(missing), kinds)
        return ShiftList(zone, kinds, blocks, start.timestamp(), end.timestamp())

    def leave(self, start: datetime, end: datetime, wanted: Collection[str] | None) -> list[Leave]:
        """Leave of ``wanted`` overlapping ``[start, end)``, read from the overrides alone."""
        zone = self.store.timezone
        where = "kind = 'leave' AND day <= ? AND coalesce(last_day, day) >= ?"
        params: list[object] = [
            end.astimezone(zone).date().isoformat(),
            (start.astimezone(zone).date() - ONE_DAY).isoformat(),
        ]
        if wanted is not None:
            where += f" AND employee_no {IN_LIST}"
            params.append(as_json(wanted))
        found = self.store.query(f"SELECT * FROM overrides WHERE {where} ORDER BY id", params)
        away = [rows.override_from_row(r) for r in found]
        plan = ShiftPlan(zone, {}, [], [o for o in away if isinstance(o, LeaveDays)], [])
        return leave_between(plan, start, end)

    def _kept_for_reading(self, weeks: Sequence[date]) -> dict[date, int]:
        """The kept weeks among these, with their bases; none while anything is stale."""
        if not self.use_kept or not self.store.has_organisation() or self._stale():
            return {}
        return self._kept(weeks)

    def _kept(self, weeks: Sequence[date]) -> dict[date, int]:
        query = f"SELECT monday, base FROM kept_weeks WHERE monday {IN_LIST}"
        params = [as_json(w.isoformat() for w in weeks)]
        return {date.fromisoformat(m): base for m, base in self.store.conn.execute(query, params)}

    def _stale(self) -> bool:
        found = self.store.conn.execute("SELECT EXISTS (SELECT 1 FROM stale_shifts)").fetchone()
        return bool(found[0])

    def _keep_for_reading(self, missing: list[date]) -> bool:
        """Keep these weeks if this store may write and nobody else is writing: True if kept."""
        store = self.store
        if (
            store.read_only
            or not self.use_kept
            or len(missing) > LONGEST_KEEP
            or not store.has_organisation()
        ):
            return False
        try:
            with store.transaction(wait=False):
                self.keep(missing)
        except (StoreBusy, sqlite3.OperationalError):
            return False  # busy, or a file this process may not write: expand instead
        return True

    def _kinds(self) -> list[Kind]:
        return [
            (post, label, code)
            for post, label, code in self.store.conn.execute(
                "SELECT post, label, code FROM shift_kinds ORDER BY id"
            )
        ]

    def _blocks(self, kept: dict[date, int], wanted: Collection[str] | None) -> list[Block]:
        if not kept:
            return []
        where, params = f"monday {IN_LIST}", [as_json(m.isoformat() for m in kept)]
        if wanted is not None:
            where += f" AND employee_no {IN_LIST}"
            params.append(as_json(wanted))
        found: list[Block] = self.store.conn.execute(
            "SELECT employee_no, base, shifts FROM kept_shifts JOIN kept_weeks USING (monday)"
            f" WHERE {where}",
            params,
        ).fetchall()
        return found

    def _expanded(
        self,
        start: datetime,
        end: datetime,
        wanted: Collection[str] | None,
        weeks: set[date],
        kinds: list[Kind],
    ) -> list[Block]:
        """Shifts starting in weeks not kept, expanded now, as one block per member."""
        store = self.store
        zone = store.timezone
        plan = plan_of(self.store, start, end, with_swap_partners(self.store, wanted))
        mine = None if wanted is None else set(wanted)
        by_member: dict[str, list[Shift]] = defaultdict(list)
        for shift in expand(plan, start, end):
            if monday_of(shift.start.astimezone(zone).date()) in weeks and (
                mine is None or shift.employee_no in mine
            ):
                by_member[shift.employee_no].append(shift)
        kind_of = {kind: number for number, kind in enumerate(kinds)}
        blocks = [
            (no, int(found[0].start_ts), encode(found, int(found[0].start_ts), kind_of))
            for no, found in by_member.items()
        ]
        kinds.extend(list(kind_of)[len(kinds) :])
        return blocks

    # -- writing (inside a store transaction) ------------------------------------

    def refresh(self) -> None:
        """Rebuild what writes made stale, and keep the weeks around today."""
        store = self.store
        if not store.has_organisation():
            for table in ("kept_shifts", "kept_weeks", "stale_shifts"):
                store.conn.execute(f"DELETE FROM [{table}]")
            return
        today = self.today()
        this_monday = monday_of(today)
        kept = {
            date.fromisoformat(monday): date.fromisoformat(kept_on)
            for monday, kept_on in store.conn.execute("SELECT monday, kept_on FROM kept_weeks")
        }
        far = [
            monday
            for monday, kept_on in kept.items()
            if abs((monday - this_monday).days) > 7 * WEEKS_KEPT and kept_on < today
        ]
        if far:
            self._let_go(far)
        if self._stale():
            self._rebuild_stale([m for m in kept if m not in far])
        around = [this_monday + k * ONE_WEEK for k in range(-WEEKS_BEHIND, WEEKS_AHEAD + 1)]
        new = [m for m in around if m not in kept]
        if new:
            self.keep(new)

    def keep(self, weeks: Sequence[date]) -> None:
        """Keep these weeks from now on: expand everyone's shifts in them."""
        self._build(None, list(weeks))

    def _let_go(self, weeks: list[date]) -> None:
        params = [as_json(m.isoformat() for m in weeks)]
        self.store.conn.execute(f"DELETE FROM kept_shifts WHERE monday {IN_LIST}", params)
        self.store.conn.execute(f"DELETE FROM kept_weeks WHERE monday {IN_LIST}", params)

    def _rebuild_stale(self, kept: list[date]) -> None:
        conn = self.store.conn
        stale = conn.execute("SELECT employee_no, first, last FROM stale_shifts").fetchall()
        conn.execute("DELETE FROM stale_shifts")
        if not kept:
            return
        if any(no is None for no, _, _ in stale):
            self._build(None, kept)
            return
        touched: set[date] = set()
        members: set[str] = set()
        for no, first, last in stale:
            low = date.fromisoformat(first) if first else date.min
            high = date.fromisoformat(last) if last else date.max
            weeks = [m for m in kept if m + 6 * ONE_DAY >= low and m <= high]
            if weeks:
                members.add(no)
                touched.update(weeks)
        if not touched:
            return
        everyone = conn.execute("SELECT count(*) FROM members").fetchone()[0]
        self._build(None if len(members) >= MOST * everyone else members, sorted(touched))

    def _build(self, members: set[str] | None, weeks: list[date]) -> None:
        """Expand and store the shifts of ``members`` (everyone: None) in these weeks."""
        if not weeks:
            return
        store, conn = self.store, self.store.conn
        zone = store.timezone
        # A swap hands one member another's shifts: rebuild both sides.
        members = with_swap_partners(self.store, members)
        weeks = sorted(set(weeks))
        every_monday = mondays(weeks[0], weeks[-1])
        bases = [int(day_start(m, zone).timestamp()) for m in every_monday]
        start = day_start(weeks[0], zone)
        end = day_start(weeks[-1] + ONE_WEEK, zone)
        plan = plan_of(self.store, start, end, members)
        shared, alike = _alike(plan, weeks[0], weeks[-1] + 6 * ONE_DAY)
        found: dict[tuple[str, int], list[Shift]] = defaultdict(list)
        low, high = start.timestamp(), end.timestamp()
        for shift in expand(shared, start, end):
            if low <= shift.start_ts < high:
                found[shift.employee_no, bisect_right(bases, shift.start_ts) - 1].append(shift)
        kinds = self._kinds()
        kind_of = {kind: number for number, kind in enumerate(kinds)}
        wanted = {m.isoformat() for m in weeks}
        blocks: list[tuple[str, str, bytes]] = []
        for (no, week), shifts in found.items():
            monday = every_monday[week].isoformat()
            if monday not in wanted:
                continue
            data = encode(shifts, bases[week], kind_of)
            blocks.extend((monday, other, data) for other in alike.get(no, (no,)))
        if members is not None:
            blocks = [b for b in blocks if b[1] in members]
        params = [as_json(wanted)]
        delete = f"DELETE FROM kept_shifts WHERE monday {IN_LIST}"
        if members is not None:
            delete += f" AND employee_no {IN_LIST}"
            params.append(as_json(members))
        conn.execute(delete, params)
        blocks.sort()  # in the table's own order: each row goes on the end of its week
        conn.executemany("INSERT INTO kept_shifts VALUES (?, ?, ?)", blocks)
        conn.executemany(
            "INSERT INTO shift_kinds (id, post, label, code) VALUES (?, ?, ?, ?)",
            [(n, *kind) for kind, n in kind_of.items() if n >= len(kinds)],
        )
        today = self.today().isoformat()
        conn.executemany(
            "INSERT OR REPLACE INTO kept_weeks (monday, base, kept_on) VALUES (?, ?, ?)",
            [
                (m.isoformat(), base, today)
                for m, base in zip(every_monday, bases, strict=True)
                if m.isoformat() in wanted
            ],
        )


def _alike(plan: ShiftPlan, first: date, last: date) -> tuple[ShiftPlan, dict[str, list[str]]]:
    """A plan expanding each rhythm once: members on the same patterns, with nothing else
    deciding their shifts from ``first`` to ``last``, share one member's expansion.

    Returns that smaller plan and, for each member expanded on behalf of others,
    everyone sharing the result (the member included).
    """
    own: set[str] = set()
    for override in plan.overrides:
        begin, finish = (
            (override.first, override.last)
            if isinstance(override, LeaveDays)
            else (override.day, override.day)
        )
        if begin <= last + ONE_DAY and finish >= first - ONE_DAY:
            own.add(override.employee_no)
            other = getattr(override, "other", None)
            if other is not None:
                own.add(other)
    own.update(s.employee_no for s in plan.shifts)
    patterns: dict[str, list[Pattern]] = defaultdict(list)
    for pattern in plan.patterns:
        patterns[pattern.employee_no].append(pattern)
    by_rhythm: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for no, theirs in patterns.items():
        if no not in own:
            by_rhythm[tuple(map(_rhythm, theirs))].append(no)
    alike = {sharing[0]: sharing for sharing in by_rhythm.values()}
    expanded = own | alike.keys()
    shared = replace(plan, patterns=[p for p in plan.patterns if p.employee_no in expanded])
    return shared, alike


_FIELDS: dict[type, tuple[str, ...]] = {}


def _rhythm(pattern: Pattern) -> tuple[object, ...]:
    """Everything about a pattern but whose it is."""
    kind = type(pattern)
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(f.name for f in fields(pattern) if f.name != "employee_no")
    return (kind, *(getattr(pattern, name) for name in names))


def fill_after_migration(conn: sqlite3.Connection) -> None:
    """Keep the weeks around today for a database made before shifts were kept."""
    from shiftcell.db.store import Store

    Store(conn).shift_book.refresh()
