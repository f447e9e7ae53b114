"""How long planning a meeting takes: proposals, booking, the meeting page's "at that time".

    .venv/bin/python benchmarks/bench_plan_meeting.py [--members 10000] [--repeat 5]

Three scopes on the demo organisation: one group (what a secretary plans
most), every group (a branch general meeting), and two repeat sessions for
every group. Each figure is the median of the repeats, in milliseconds,
with the store's reads included, as the plan-a-meeting screen's worker runs them.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time as clock
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from shiftcell.db.demo import fill_demo
from shiftcell.db.planning import Planner, PlanRequest
from shiftcell.db.store import Store
from shiftcell.scheduling.meetings import MeetingType

TODAY = date(2026, 12, 9)
NOW = datetime(2026, 12, 9, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = clock.perf_counter()
        run()
        times.append((clock.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "bench.db")
        fill_demo(store, seed=1, members=args.members, today=TODAY)
        groups = [g.name for g in store.groups()]
        everyone = len(store.members(groups=groups))
        print(f"demo: {args.members} staff, {len(groups)} groups, {everyone} in groups")
        week = (TODAY, TODAY + timedelta(days=6))
        cases = [
            ("one group, 7 days", (groups[0],), 1),
            ("every group, 7 days", tuple(groups), 1),
            ("every group, 7 days, 2 sessions", tuple(groups), 2),
        ]
        for label, scope, sessions in cases:
            request = PlanRequest(scope, MeetingType.GROUP_MEETING, *week, 45, sessions)
            ms = median_ms(lambda r=request: Planner(store).plan(r, NOW), args.repeat)
            print(f"proposals, {label}: {ms:.0f} ms")
        request = PlanRequest(tuple(groups), MeetingType.GENERAL_MEETING, *week, 45)
        plan = Planner(store).plan(request, NOW)
        (meeting_id,) = Planner(store).book(plan, [plan.proposals[0].sessions[0].start], topic="x")
        meeting = store.meetings.get(meeting_id)
        ms = median_ms(lambda: Planner(store).outlook(meeting), args.repeat)
        print(f"meeting page 'at that time', {len(meeting.invited)} invited: {ms:.0f} ms")
        ms = median_ms(lambda: store.meetings.get(meeting_id), args.repeat)
        print(f"reading that meeting with its attendance: {ms:.1f} ms")
        booked_meetings(store, groups, week, args.repeat)
        store.close()


def booked_meetings(store: Store, groups: list[str], week: tuple[date, date], repeat: int) -> None:
    """Every group's availability with and without a meeting booked for each group: what
    reading the invitations and their busy stretches costs, as a ratio in one run."""
    planner = Planner(store)
    members = store.members(groups=groups)
    rules = planner.rules()
    store.meetings.cancel(store.meetings.list()[0].id)  # the general meeting booked above
    alone = median_ms(lambda: planner.availability(members, *week, rules), repeat)
    zone = store.timezone
    for n, group in enumerate(groups):
        start = datetime.combine(week[0] + timedelta(days=n % 7), time(14 + n // 7 % 6), zone)
        store.meetings.book(
            type=MeetingType.GROUP_MEETING,
            topic="学习",
            start=start,
            end=start + timedelta(minutes=45),
            groups=[group],
            invited=[m.employee_no for m in store.members(groups=[group])],
            allow_clash=True,
        )
    booked = median_ms(lambda: planner.availability(members, *week, rules), repeat)
    print(
        f"availability of every group, 7 days: {alone:.0f} ms; with a meeting booked for "
        f"each of the {len(groups)} groups: {booked:.0f} ms ({booked / alone:.2f}x)"
    )


if __name__ == "__main__":
    main()
